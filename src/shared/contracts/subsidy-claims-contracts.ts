import { z } from 'zod';
import { skillLevels } from '../domain/catalogue-codes';
import { classTrainingTypes } from '../domain/class-codes';
import { claimCommands, claimStatuses, payeeKinds, subsidyItemCategories } from '../domain/subsidy-codes';
import { eligibilityRules } from '../domain/subsidy-eligibility';
import { defineContract, idParams, isoDateTime, pageOf, pageQuery } from './contract';

const tag = '补贴申领';
const version = z.number().int().min(1);
const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

// ---------------------------------------------------------------- views

export const claimSummary = z.object({
  id: z.uuid(),
  claimNo: z.string(),
  status: z.enum(claimStatuses),
  personName: z.string(),
  classId: z.uuid(),
  classNo: z.string(),
  className: z.string(),
  institutionName: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  occupation: z.string(),
  skillLevel: z.enum(skillLevels),
  trainingYear: z.number().int(),
  examOn: z.string().nullable(),
  submitDueOn: z.string(),
  /** still editable by the institution and past its submission date */
  overdue: z.boolean(),
  amountFen: z.number().int(),
  standardFen: z.number().int(),
  updatedAt: isoDateTime,
});
export type ClaimSummary = z.infer<typeof claimSummary>;

export const claimItemView = z.object({
  category: z.enum(subsidyItemCategories),
  label: z.string(),
  amountFen: z.number().int(),
  note: z.string().nullable(),
  subsidisable: z.boolean(),
  /** the standard's amount for the category on this claim (0 for contest-only ones) */
  standardFen: z.number().int(),
});
export type ClaimItemView = z.infer<typeof claimItemView>;

export const ruleOutcomeView = z.object({
  rule: z.enum(eligibilityRules),
  label: z.string(),
  passed: z.boolean(),
  explanation: z.string(),
  refs: z.array(z.string()),
});

export const claimCheckView = z.object({
  id: z.uuid(),
  context: z.enum(['submit', 'recheck', 'approve']),
  eligible: z.boolean(),
  checkedAt: isoDateTime,
  checkedByName: z.string().nullable(),
  rules: z.array(ruleOutcomeView),
});
export type ClaimCheckView = z.infer<typeof claimCheckView>;

export const claimEventView = z.object({
  id: z.uuid(),
  command: z.enum(claimCommands),
  label: z.string(),
  fromStatus: z.enum(claimStatuses).nullable(),
  toStatus: z.enum(claimStatuses),
  comment: z.string().nullable(),
  actorName: z.string().nullable(),
  occurredAt: isoDateTime,
});

export const claimDocument = z.object({ fileId: z.uuid(), name: z.string() });

export const claimDetail = claimSummary.extend({
  programmeCode: z.string(),
  trainingType: z.enum(classTrainingTypes),
  assisted: z.boolean(),
  items: z.array(claimItemView),
  standard: z
    .object({
      id: z.uuid(),
      regionCode: z.string(),
      regionName: z.string(),
      effectiveFrom: z.string(),
      tuitionFen: z.number().int(),
      materialsFen: z.number().int(),
      examFeeFen: z.number().int(),
      assistingStaffFen: z.number().int(),
    })
    .nullable(),
  jobSeekingRegionCode: z.string().nullable(),
  /** the region's name when the reference data knows it (a code outside the province may not be) */
  jobSeekingRegionName: z.string().nullable(),
  otherFunding: z.string().nullable(),
  payeeKind: z.enum(payeeKinds),
  payeeName: z.string().nullable(),
  bankName: z.string().nullable(),
  bankAccountMasked: z.string().nullable(),
  /** what a screen reader says for the masked number */
  bankAccountSpoken: z.string().nullable(),
  documents: z.array(claimDocument),
  checks: z.array(claimCheckView),
  events: z.array(claimEventView),
  links: z.object({
    classId: z.uuid(),
    certificateId: z.uuid().nullable(),
    certificateNo: z.string().nullable(),
    trailUrl: z.string(),
  }),
  version: z.number().int(),
  /** what this actor may do now */
  can: z.object({
    edit: z.boolean(),
    submit: z.boolean(),
    withdraw: z.boolean(),
    recheck: z.boolean(),
    unmask: z.boolean(),
    /** county staff may move the submission deadline while the institution can still edit the claim */
    extendDeadline: z.boolean(),
  }),
});
export type ClaimDetail = z.infer<typeof claimDetail>;

// ---------------------------------------------------------------- list and read

export const listClaimsQuery = z.object({
  ...pageQuery,
  status: z.enum(claimStatuses).optional(),
  classId: z.uuid().optional(),
  countyCode: z
    .string()
    .regex(/^\d{6}$/, '区划代码为 6 位数字')
    .optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  claimNo: z.string().trim().max(40).optional(),
  overdue: booleanQuery.optional(),
});
export type ListClaimsQuery = z.input<typeof listClaimsQuery>;

export const listClaims = defineContract({
  method: 'GET',
  path: '/api/subsidy-claims',
  action: 'subsidy_claims.read',
  tag,
  summary: '补贴申领列表：培训机构看本机构的，工作人员看管辖区域内的',
  query: listClaimsQuery,
  response: pageOf(claimSummary),
});

export const getClaim = defineContract({
  method: 'GET',
  path: '/api/subsidy-claims/:id',
  action: 'subsidy_claims.read',
  tag,
  summary: '补贴申领详情：明细、标准、收款账户（隐藏中间位）、每次资格核查的说明与办理记录',
  params: idParams,
  response: claimDetail,
});

export const classClaims = z.object({
  classId: z.uuid(),
  classStatus: z.string(),
  /** the class's institution may generate claims now (the class is closed) */
  canGenerate: z.boolean(),
  items: z.array(claimSummary),
});
export type ClassClaims = z.infer<typeof classClaims>;

export const listClassClaims = defineContract({
  method: 'GET',
  path: '/api/classes/:id/subsidy-claims',
  action: 'subsidy_claims.read',
  tag,
  summary: '培训班的补贴申领',
  params: idParams,
  response: classClaims,
});

export const generateClaimsResult = z.object({ created: z.number().int(), claims: classClaims });

export const generateClassClaims = defineContract({
  method: 'POST',
  path: '/api/classes/:id/subsidy-claims/generate',
  action: 'subsidy_claims.apply',
  tag,
  summary: '为已结业培训班中持有效培训合格证书、尚无申领的学员生成待提交的补贴申领（重复调用不重复生成）',
  params: idParams,
  response: generateClaimsResult,
});

// ---------------------------------------------------------------- edit

export const claimItemInput = z.strictObject({
  category: z.enum(subsidyItemCategories),
  amountFen: z.number().int('金额须为整数（分）').min(0, '金额不能为负数'),
  note: z.string().trim().max(200, '说明不超过 200 字').nullish(),
});

export const updateClaimInput = z.strictObject({
  version,
  items: z.array(claimItemInput).max(8, '最多 8 项'),
  jobSeekingRegionCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, '求职地区划代码为 6 位数字')
    .nullable(),
  otherFunding: z.string().trim().max(200, '不超过 200 字').nullable(),
  payeeKind: z.enum(payeeKinds),
  payeeName: z.string().trim().min(1, '请填写收款人').max(100, '收款人不超过 100 字'),
  bankName: z.string().trim().max(100, '开户银行不超过 100 字').nullable(),
  /** only when entered or changed; left out, the stored account stays */
  bankAccount: z.string().trim().max(40, '银行账号不超过 40 位').optional(),
  documentIds: z.array(z.uuid('附件编号不正确')).max(20, '最多 20 个附件'),
});
export type UpdateClaimInput = z.input<typeof updateClaimInput>;

export const updateClaim = defineContract({
  method: 'PUT',
  path: '/api/subsidy-claims/:id',
  action: 'subsidy_claims.apply',
  tag,
  summary: '填写补贴申领：明细金额、求职地、其他资金申报、收款人与银行账户、附件（按版本号防止覆盖）',
  params: idParams,
  body: updateClaimInput,
  response: claimDetail,
});

// ---------------------------------------------------------------- commands

export const submitClaim = defineContract({
  method: 'POST',
  path: '/api/subsidy-claims/:id/submit',
  action: 'subsidy_claims.apply',
  tag,
  summary: '提交补贴申领：核对期限、标准与账户后运行资格核查；不符合条件的留存说明并答复 409',
  params: idParams,
  body: z.strictObject({ version }),
  response: claimDetail,
});

export const submitClassClaimsResult = z.object({
  results: z.array(
    z.object({
      claimId: z.uuid(),
      claimNo: z.string(),
      outcome: z.enum(['submitted', 'ineligible', 'refused']),
      message: z.string(),
    }),
  ),
});
export type SubmitClassClaimsResult = z.infer<typeof submitClassClaimsResult>;

export const submitClassClaims = defineContract({
  method: 'POST',
  path: '/api/classes/:id/subsidy-claims/submit',
  action: 'subsidy_claims.apply',
  tag,
  summary: '批量提交一个培训班的补贴申领：逐条核查，逐条答复',
  params: idParams,
  body: z.strictObject({ claimIds: z.array(z.uuid('申领编号不正确')).min(1, '请至少选择一条申领').max(200, '一次最多 200 条') }),
  response: submitClassClaimsResult,
});

export const withdrawClaim = defineContract({
  method: 'POST',
  path: '/api/subsidy-claims/:id/withdraw',
  action: 'subsidy_claims.apply',
  tag,
  summary: '撤回补贴申领（列入公示前）',
  params: idParams,
  body: z.strictObject({
    version,
    reason: z.string().trim().min(2, '请写明原因（至少 2 个字）').max(500, '原因不超过 500 字'),
  }),
  response: claimDetail,
});

/** The longest a county may push a submission deadline ahead of today. */
export const maxDeadlineExtensionDays = 90;

export const extendClaimDeadlineInput = z.strictObject({
  version,
  dueOn: z.iso.date('申领期限的日期格式为 YYYY-MM-DD'),
  reason: z.string().trim().min(2, '请写明延长原因（至少 2 个字）').max(500, '原因不超过 500 字'),
});
export type ExtendClaimDeadlineInput = z.input<typeof extendClaimDeadlineInput>;

export const extendClaimDeadline = defineContract({
  method: 'POST',
  path: '/api/subsidy-claims/:id/extend-deadline',
  action: 'subsidy_claims.prepare',
  tag,
  summary: `延长申领期限（逾期补报）：县区残联工作人员在申领可修改时，将提交期限延后到原期限之后、今天起 ${maxDeadlineExtensionDays} 天以内，写明原因`,
  params: idParams,
  body: extendClaimDeadlineInput,
  response: claimDetail,
});

export const recheckClaim = defineContract({
  method: 'POST',
  path: '/api/subsidy-claims/:id/recheck',
  action: 'subsidy_claims.recheck',
  tag,
  summary: '重新核查补贴资格（审核或公示经办人员）：留存核查说明，不改变申领状态',
  params: idParams,
  response: claimDetail,
});

export const unmaskClaimBankAccount = defineContract({
  method: 'POST',
  path: '/api/subsidy-claims/:id/bank-account',
  action: 'payments.manage',
  tag,
  summary: '查看完整收款银行账号（财务人员，写明原因，记入审计日志）',
  params: idParams,
  body: z.strictObject({ reason: z.string().trim().min(2, '请写明原因（至少 2 个字）').max(200, '原因不超过 200 字') }),
  response: z.object({ value: z.string().nullable() }),
});
