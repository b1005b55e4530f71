import { z } from 'zod';
import { staffRoles, userKinds } from '../domain/roles';
import { regionLevels } from '../domain/regions';
import { defineContract, okResponse } from './contract';

/** What a login still needs before the session may use business routes. */
export const sessionStages = ['totp', 'totp_enrol', 'change_password', 'active'] as const;
export type SessionStage = (typeof sessionStages)[number];

export const me = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  kind: z.enum(userKinds),
  roles: z.array(z.string()),
  region: z.object({ code: z.string(), name: z.string(), level: z.enum(regionLevels) }),
  /** the child region an upper-level user has narrowed the view to, if any */
  viewRegion: z.object({ code: z.string(), name: z.string(), level: z.enum(regionLevels) }).nullable(),
  organizationName: z.string().nullable(),
  careMode: z.boolean(),
  totpEnabled: z.boolean(),
  actions: z.array(z.string()),
});
export type Me = z.infer<typeof me>;

export const sessionState = z.object({
  authenticated: z.boolean(),
  csrfToken: z.string(),
  demoMode: z.boolean(),
  stage: z.enum(sessionStages).nullable(),
  user: me.nullable(),
  idleTimeoutSeconds: z.number().int().nullable(),
  /** seconds until the idle timeout ends the session */
  idleRemainingSeconds: z.number().int().nullable(),
  absoluteRemainingSeconds: z.number().int().nullable(),
  passwordExpiresInDays: z.number().int().nullable(),
});
export type SessionState = z.infer<typeof sessionState>;

export const getSession = defineContract({
  method: 'GET',
  path: '/api/auth/session',
  action: 'auth.session',
  tag: '登录与会话',
  summary: '当前会话（不延长会话）',
  response: sessionState,
});

export const login = defineContract({
  method: 'POST',
  path: '/api/auth/login',
  action: 'auth.login',
  tag: '登录与会话',
  summary: '用户名密码登录',
  body: z.strictObject({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }),
  response: sessionState,
});

export const verifyTotp = defineContract({
  method: 'POST',
  path: '/api/auth/totp',
  action: 'auth.totp',
  tag: '登录与会话',
  summary: '提交动态验证码（第二因素）',
  body: z.strictObject({
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, '请输入 6 位数字'),
  }),
  response: sessionState,
});

/** POST: each call issues a new secret (and drops an unconfirmed one), so it is a state change. */
export const totpEnrolment = defineContract({
  method: 'POST',
  path: '/api/auth/totp/enrolment/start',
  action: 'auth.totp',
  tag: '登录与会话',
  summary: '开始绑定动态验证码：生成新密钥与二维码',
  body: z.strictObject({}),
  response: z.object({ secret: z.string(), otpauthUrl: z.string(), qrSvg: z.string() }),
});

export const confirmTotpEnrolment = defineContract({
  method: 'POST',
  path: '/api/auth/totp/enrolment',
  action: 'auth.totp',
  tag: '登录与会话',
  summary: '用一个动态验证码确认绑定',
  body: z.strictObject({
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, '请输入 6 位数字'),
  }),
  response: sessionState,
});

export const changePassword = defineContract({
  method: 'POST',
  path: '/api/auth/password',
  action: 'auth.password',
  tag: '登录与会话',
  summary: '修改密码（首次登录强制）',
  body: z.strictObject({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) }),
  response: sessionState,
});

export const extendSession = defineContract({
  method: 'POST',
  path: '/api/auth/session/extend',
  action: 'auth.extend',
  tag: '登录与会话',
  summary: '延长会话（重置空闲计时）',
  body: z.strictObject({}),
  response: sessionState,
});

export const setViewRegion = defineContract({
  method: 'PUT',
  path: '/api/auth/session/view-region',
  action: 'auth.extend',
  tag: '登录与会话',
  summary: '上级工作人员把查看范围缩小到下级区域（null 为恢复本级）',
  body: z.strictObject({
    viewRegionCode: z
      .string()
      .regex(/^\d{6}$/)
      .nullable(),
  }),
  response: sessionState,
});

export const logout = defineContract({
  method: 'POST',
  path: '/api/auth/logout',
  action: 'auth.logout',
  tag: '登录与会话',
  summary: '退出登录',
  body: z.strictObject({}),
  response: okResponse,
});

export const updatePreferences = defineContract({
  method: 'PUT',
  path: '/api/me/preferences',
  action: 'me.preferences',
  tag: '登录与会话',
  summary: '保存个人偏好（关怀模式）',
  body: z.strictObject({ careMode: z.boolean() }),
  response: sessionState,
});

export const staffRoleSchema = z.enum(staffRoles);
