import { z } from 'zod';
import { checkCreditCode, normaliseCreditCode } from '../domain/credit-code';
import { accessibilityFeatures, institutionKinds, institutionStatuses } from '../domain/institution-codes';
import { noticeStatuses } from '../domain/notice-rules';
import { defineContract, idParams, isoDateTime, pageOf, pageQuery } from './contract';

const regionCode = z.string().regex(/^\d{6}$/, '请选择所在县区');
const tag = '培训机构';

/** The shared GB 32100 rule, so the form, the API and the demo data refuse the same codes. */
export const creditCodeSchema = z
  .string()
  .max(40, '统一社会信用代码应为 18 位')
  .overwrite(normaliseCreditCode)
  .superRefine((value, ctx) => {
    const result = checkCreditCode(value);
    if (!result.ok) ctx.addIssue({ code: 'custom', message: result.message });
  });

const occupation = z.string().trim().min(1, '职业（工种）名称不能为空').max(40, '每个职业（工种）名称最多 40 个字');
const occupations = z
  .array(occupation)
  .max(30, '最多填写 30 个职业（工种）')
  .refine((list) => new Set(list).size === list.length, '职业（工种）不能重复');
const phone = z
  .string()
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|400-?\d{3}-?\d{4})$/, '请填写 11 位手机号，或带区号的固定电话（如 0931-8123456）');

/** What an institution says about itself: contacts, premises and occupations. Its own users may change these. */
export const institutionProfileInput = z.strictObject({
  contactName: z.string().trim().min(1, '请填写联系人').max(32, '联系人最多 32 个字'),
  contactPhone: phone,
  accessibility: z.array(z.enum(accessibilityFeatures)).max(accessibilityFeatures.length).default([]),
  accessibilityNote: z.string().trim().max(500, '无障碍说明最多 500 个字').nullable().default(null),
  // not `occupations`: that label belongs to a trainer's occupations taught
  offeredOccupations: occupations.default([]),
});

/** What the federation registers. Region and status never come from here unchecked. */
export const institutionInput = institutionProfileInput.extend({
  // not `name` / `kind`: validation messages label fields by name, and those are a person's name and an account kind
  institutionName: z.string().trim().min(2, '请填写机构名称（至少 2 个字）').max(100, '机构名称最多 100 个字'),
  institutionKind: z.enum(institutionKinds),
  creditCode: creditCodeSchema,
  countyCode: regionCode,
  address: z.string().trim().min(4, '请填写详细地址').max(200, '地址最多 200 个字'),
  remarks: z.string().trim().max(1000, '备注最多 1000 个字').nullable().default(null),
});
export type InstitutionInput = z.input<typeof institutionInput>;

export const institutionSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(institutionKinds),
  creditCode: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  status: z.enum(institutionStatuses),
  accessibility: z.array(z.enum(accessibilityFeatures)),
  occupations: z.array(z.string()),
  updatedAt: isoDateTime,
});
export type InstitutionSummary = z.infer<typeof institutionSummary>;

export const institutionDetail = institutionSummary.extend({
  address: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  accessibilityNote: z.string().nullable(),
  remarks: z.string().nullable(),
  version: z.number().int(),
  createdAt: isoDateTime,
  /** the latest public notice of the institution, if it was ever put on notice */
  notice: z
    .object({ id: z.uuid(), status: z.enum(noticeStatuses), startsAt: isoDateTime, endsAt: isoDateTime, settledAt: isoDateTime.nullable() })
    .nullable(),
  /** from the audit trail: who did what, when (field names only, never values) */
  history: z.array(
    z.object({
      action: z.string(),
      actorName: z.string().nullable(),
      at: isoDateTime,
      fields: z.array(z.string()),
      reason: z.string().nullable(),
    }),
  ),
});
export type InstitutionDetail = z.infer<typeof institutionDetail>;

export const institutionListQuery = z.object({
  ...pageQuery,
  regionCode: z
    .string()
    .regex(/^\d{6}$/, '区域代码为 6 位数字')
    .optional(),
  q: z.string().trim().max(50).optional(),
  institutionKind: z.enum(institutionKinds).optional(),
  status: z.enum(institutionStatuses).optional(),
  accessibilityFeature: z.enum(accessibilityFeatures).optional(),
});

export const listInstitutions = defineContract({
  method: 'GET',
  path: '/api/institutions',
  action: 'institutions.read',
  tag,
  summary: '培训机构列表（按管辖区域）',
  query: institutionListQuery,
  response: pageOf(institutionSummary),
});

export const getInstitution = defineContract({
  method: 'GET',
  path: '/api/institutions/:id',
  action: 'institutions.read',
  tag,
  summary: '培训机构详情，含公示状态与变更记录',
  params: idParams,
  response: institutionDetail,
});

export const createInstitution = defineContract({
  method: 'POST',
  path: '/api/institutions',
  action: 'institutions.write',
  tag,
  summary: '登记培训机构（待公示）',
  body: institutionInput,
  response: institutionDetail,
});

export const updateInstitution = defineContract({
  method: 'PUT',
  path: '/api/institutions/:id',
  action: 'institutions.write',
  tag,
  summary: '修改培训机构信息（须带上读取时的版本号）',
  params: idParams,
  body: institutionInput.extend({ version: z.number().int().min(1) }),
  response: institutionDetail,
});

export const submitInstitution = defineContract({
  method: 'POST',
  path: '/api/institutions/:id/submit',
  action: 'institutions.write',
  tag,
  summary: '提交公示：公示期满无异议后生效',
  params: idParams,
  body: z.strictObject({ version: z.number().int().min(1) }),
  response: institutionDetail,
});

export const closeInstitution = defineContract({
  method: 'POST',
  path: '/api/institutions/:id/close',
  action: 'institutions.write',
  tag,
  summary: '注销培训机构（须说明原因；其账号随之停用）',
  params: idParams,
  body: z.strictObject({ version: z.number().int().min(1), reason: z.string().trim().min(2, '请填写注销原因').max(200) }),
  response: institutionDetail,
});

// ---------------------------------------------------------------- the institution's own view

export const getMyInstitution = defineContract({
  method: 'GET',
  path: '/api/my-institution',
  action: 'my_institution.read',
  tag,
  summary: '本账号所属的培训机构',
  response: institutionDetail.extend({ institutionAdmin: z.boolean() }),
});

export const updateMyInstitution = defineContract({
  method: 'PUT',
  path: '/api/my-institution',
  action: 'my_institution.write',
  tag,
  summary: '机构用户修改本机构的联系人、无障碍设施与开设职业（留痕）',
  body: institutionProfileInput.extend({ version: z.number().int().min(1) }),
  response: institutionDetail.extend({ institutionAdmin: z.boolean() }),
});

// ---------------------------------------------------------------- institution accounts

export const institutionAccount = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  institutionAdmin: z.boolean(),
  status: z.enum(['active', 'disabled']),
  mustChangePassword: z.boolean(),
  lastLoginAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  /** the signed-in account itself: it cannot disable itself or change its own admin flag */
  self: z.boolean(),
});
export type InstitutionAccount = z.infer<typeof institutionAccount>;

export const listInstitutionAccounts = defineContract({
  method: 'GET',
  path: '/api/institutions/:id/accounts',
  action: 'institution_accounts.manage',
  tag,
  summary: '机构的账号（本机构管理员，或县区以上工作人员查看）',
  params: idParams,
  response: z.object({ items: z.array(institutionAccount), mayManage: z.boolean(), mayCreateAdmin: z.boolean() }),
});

/** A new institution account: who it is and whether it administers the institution's accounts. */
export const institutionAccountInput = z.strictObject({
  username: z
    .string()
    .trim()
    .min(3, '用户名至少 3 个字符')
    .max(32, '用户名最多 32 个字符')
    .regex(/^[a-zA-Z][a-zA-Z0-9_.-]*$/, '用户名以字母开头，只能包含字母、数字、点、下划线和连字符'),
  displayName: z.string().trim().min(1, '请填写姓名').max(64),
  institutionAdmin: z.boolean().default(false),
});

export const createInstitutionAccount = defineContract({
  method: 'POST',
  path: '/api/institutions/:id/accounts',
  action: 'institution_accounts.manage',
  tag,
  summary: '新建机构账号（返回一次性密码，只显示一次）；工作人员只能为尚无管理员的机构建管理员账号',
  params: idParams,
  body: institutionAccountInput,
  response: z.object({ account: institutionAccount, oneTimePassword: z.string() }),
});

export const institutionAccountCommands = ['disable', 'enable', 'reset-password', 'grant-admin', 'revoke-admin'] as const;
export type InstitutionAccountCommand = (typeof institutionAccountCommands)[number];

export const institutionAccountCommand = defineContract({
  method: 'POST',
  path: '/api/institutions/:id/accounts/:accountId/:command',
  action: 'institution_accounts.manage',
  tag,
  summary: '停用、启用机构账号，重置密码（返回一次性密码），授予或收回机构管理员',
  params: z.object({ id: z.uuid(), accountId: z.uuid(), command: z.enum(institutionAccountCommands) }),
  body: z.strictObject({ reason: z.string().trim().min(2, '请填写原因').max(200) }),
  response: z.object({ account: institutionAccount, oneTimePassword: z.string().nullable() }),
});
