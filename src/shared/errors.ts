/**
 * Every error the API can answer with. The server maps each code to one HTTP status
 * (src/server/platform/error-handler.ts); the web shows `message`, which is always Chinese.
 */
export const errorCodes = {
  VALIDATION_FAILED: {
    status: 400,
    message: '提交的内容有误，请按提示修改',
    raisedWhen: 'a body, query or path parameter fails its contract',
  },
  MALFORMED_REQUEST: { status: 400, message: '请求格式不正确', raisedWhen: 'the body is not parseable JSON or has the wrong content type' },
  UNAUTHENTICATED: { status: 401, message: '请先登录', raisedWhen: 'no valid session cookie' },
  SESSION_EXPIRED: { status: 401, message: '登录已超时，请重新登录', raisedWhen: 'the session passed its idle or absolute lifetime' },
  LOGIN_FAILED: { status: 401, message: '用户名或密码不正确', raisedWhen: 'unknown user or wrong password (never says which)' },
  ACCOUNT_LOCKED: {
    status: 423,
    message: '账号已临时锁定，请稍后再试或联系管理员解锁',
    raisedWhen: 'too many failed logins for the account or the address',
  },
  ACCOUNT_DISABLED: { status: 403, message: '账号已停用，请联系管理员', raisedWhen: 'a disabled account tries to log in' },
  TOTP_INVALID: { status: 401, message: '动态验证码不正确或已过期', raisedWhen: 'a TOTP code does not verify' },
  STEP_REQUIRED: {
    status: 403,
    message: '请先完成登录步骤',
    raisedWhen: 'a half-finished login (second factor, password change) calls a business route',
  },
  PASSWORD_POLICY: { status: 400, message: '新密码不符合密码规则', raisedWhen: 'a new password breaks the policy' },
  PASSWORD_EXPIRED: { status: 403, message: '密码已过期，请修改密码', raisedWhen: 'a staff password passed its maximum age' },
  CSRF_REJECTED: {
    status: 403,
    message: '页面已过期，请刷新后重试',
    raisedWhen: 'a state-changing request without the matching CSRF token',
  },
  FORBIDDEN: {
    status: 403,
    message: '没有执行此操作的权限',
    raisedWhen: 'the permission matrix refuses the action for every role of the actor',
  },
  OUT_OF_SCOPE: { status: 403, message: '超出本账号的管辖区域', raisedWhen: 'a region or row outside the actor’s region scope' },
  NOT_FOUND: { status: 404, message: '记录不存在或已删除', raisedWhen: 'an id that does not exist (or is hidden by scope)' },
  ROUTE_NOT_FOUND: { status: 404, message: '接口不存在', raisedWhen: 'no route matches' },
  CONFLICT: { status: 409, message: '记录已被修改或已存在，请刷新后重试', raisedWhen: 'a unique key or a concurrent change collides' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '提交的内容过大', raisedWhen: 'a body or upload passes its size limit' },
  UNSUPPORTED_FILE: { status: 415, message: '文件类型不受支持', raisedWhen: 'an upload whose content is not an accepted type' },
  RATE_LIMITED: { status: 429, message: '操作过于频繁，请稍后再试', raisedWhen: 'a rate limit is hit' },
  OVERLOADED: { status: 503, message: '系统繁忙，请稍后再试', raisedWhen: 'the server sheds load' },
  INTERNAL: { status: 500, message: '系统内部错误，请稍后再试', raisedWhen: 'a defect; the message never carries details' },
} as const;

export type ErrorCode = keyof typeof errorCodes;

export interface FieldIssue {
  /** dotted path of the field, e.g. `body.password` */
  field: string;
  /** Chinese label of the field, e.g. 密码 */
  label: string;
  message: string;
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: { issues?: FieldIssue[]; [key: string]: unknown };
  requestId: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorBody['details'];

  constructor(code: ErrorCode, message?: string, details?: ErrorBody['details']) {
    super(message ?? errorCodes[code].message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export function fieldIssue(field: string, label: string, message: string): FieldIssue {
  return { field, label, message };
}

/** VALIDATION_FAILED naming every field: 「标签：说明；标签：说明」, with the issues for the form. */
export function validationFailed(issues: FieldIssue[]): AppError {
  return new AppError('VALIDATION_FAILED', issues.map((i) => `${i.label}：${i.message}`).join('；'), { issues });
}

/** VALIDATION_FAILED for one field. */
export function invalidField(field: string, label: string, message: string): AppError {
  return validationFailed([fieldIssue(field, label, message)]);
}
