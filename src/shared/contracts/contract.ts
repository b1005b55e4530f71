import { z } from 'zod';
import type { Action } from '../domain/permissions';

// Validation messages in Chinese, in the browser and on the server alike.
z.config(z.locales.zhCN());
z.config({
  customError: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? '此项为必填' : undefined),
});

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One endpoint: method, path, the action the permission matrix decides on, and the zod schemas
 * of its request and its success response. The server registers routes from these, the OpenAPI
 * document is generated from them and the web client takes its types from them.
 */
export interface Contract<
  P extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  R extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  path: string;
  action: Action;
  summary: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** multipart/form-data upload: the body is read by the route, not by a schema */
  multipart?: boolean;
  /** the answer is a file download, not JSON */
  download?: boolean;
}

export function defineContract<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends z.ZodType = z.ZodType,
>(contract: Contract<P, Q, B, R>): Contract<P, Q, B, R> {
  return contract;
}

type Infer<S> = S extends z.ZodType ? z.input<S> : undefined;
export type ContractParams<C> = C extends Contract<infer P, infer _Q, infer _B, infer _R> ? Infer<P> : never;
export type ContractQuery<C> = C extends Contract<infer _P, infer Q, infer _B, infer _R> ? Infer<Q> : never;
export type ContractBody<C> = C extends Contract<infer _P, infer _Q, infer B, infer _R> ? Infer<B> : never;
export type ContractResponse<C> = C extends Contract<infer _P, infer _Q, infer _B, infer R> ? z.output<R> : never;

/** Shared building blocks. */
export const uuid = z.uuid();
export const idParams = z.object({ id: z.uuid() });
export const okResponse = z.object({ ok: z.literal(true) });
export const isoDateTime = z.string();

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

/**
 * Chinese names of request fields, so that a validation message can say which field is wrong.
 * One entry per field name used in any contract.
 */
export const fieldLabels: Record<string, string> = {
  username: '用户名',
  password: '密码',
  currentPassword: '当前密码',
  newPassword: '新密码',
  code: '动态验证码',
  displayName: '姓名',
  kind: '账号类型',
  regionCode: '所属区域',
  viewRegionCode: '查看区域',
  roles: '岗位角色',
  page: '页码',
  pageSize: '每页条数',
  q: '关键字',
  status: '状态',
  id: '编号',
  from: '开始时间',
  to: '结束时间',
  action: '操作',
  outcome: '结果',
  actorId: '操作人',
  careMode: '关怀模式',
  phone: '手机号',
  reason: '原因',
  organizationName: '所属单位',
  idNumber: '身份证号',
  certificateNumber: '残疾人证号',
  certificateLegacy: '旧版残疾人证',
  name: '姓名',
  countyCode: '登记县区',
  hukouRegionCode: '户籍地',
  residenceRegionCode: '居住地',
  urbanRural: '城乡',
  education: '文化程度',
  employmentStatus: '就业状况',
  employmentForm: '就业形式',
  employerName: '就业单位',
  startedOn: '开始日期',
  trainingWishes: '培训意愿',
  trainingNeeds: '培训需求',
  accommodations: '便利需求',
  accommodationOther: '其他便利需求',
  remarks: '备注',
  version: '版本号',
  purpose: '同意目的',
  scope: '同意范围',
  givenOn: '同意日期',
  withdrawnOn: '撤回日期',
  number: '证件号码',
  field: '查看项目',
  survivorId: '保留记录',
  mergedId: '被合并记录',
  fileId: '文件',
  strategy: '导入方式',
  dryRun: '试运行',
  full: '完整导出',
  disabilityCategory: '残疾类别',
  disabilityLevel: '残疾等级',
  ageMin: '最小年龄',
  ageMax: '最大年龄',
  workingAge: '劳动年龄段',
  trainingWish: '培训意愿',
  accommodation: '便利需求',
  sort: '排序',
  order: '排序方向',
};
