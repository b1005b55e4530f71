import { z } from 'zod';
import { claimStatuses } from '../domain/subsidy-codes';
import { completionResults } from '../domain/class-completion';
import { classStatuses } from '../domain/class-status';
import { fraudSignalDecisions, fraudSignalKinds } from '../domain/fraud-signals';
import { defineContract, idParams, isoDateTime } from './contract';

const tag = '资金监管';

export const trailDocument = z.object({ fileId: z.uuid(), name: z.string() });
export type TrailDocument = z.infer<typeof trailDocument>;

export const trailFact = z.object({ label: z.string(), value: z.string() });
export type TrailFact = z.infer<typeof trailFact>;

export const moneyTrailLinkKeys = [
  'claim',
  'class',
  'attendance',
  'exam',
  'certificate',
  'eligibility',
  'notice',
  'approval',
  'payment',
  'ledger',
] as const;
export type MoneyTrailLinkKey = (typeof moneyTrailLinkKeys)[number];

/** A row of a table inside a link (approval steps, ledger entries, check rules, objections). */
export const trailTable = z.object({
  caption: z.string(),
  columns: z.array(z.string()),
  rows: z.array(z.array(z.string())),
});
export type TrailTable = z.infer<typeof trailTable>;

export const moneyTrailLink = z.object({
  key: z.enum(moneyTrailLinkKeys),
  label: z.string(),
  present: z.boolean(),
  /** a plain sentence when the link is missing or something in it does not fit */
  warning: z.string().optional(),
  facts: z.array(trailFact),
  tables: z.array(trailTable),
  documents: z.array(trailDocument),
  /** when the link happened (date or timestamp) */
  at: z.string().optional(),
});
export type MoneyTrailLink = z.infer<typeof moneyTrailLink>;

export const claimTrail = z.object({
  claimId: z.uuid(),
  claimNo: z.string(),
  classId: z.uuid(),
  status: z.enum(claimStatuses),
  statusLabel: z.string(),
  traineeMasked: z.string(),
  links: z.array(moneyTrailLink),
});
export type ClaimTrail = z.infer<typeof claimTrail>;

export const classTrailRow = z.object({
  enrolmentId: z.uuid(),
  traineeMasked: z.string(),
  attendanceRate: z.number().nullable(),
  attended: z.number().int(),
  sessions: z.number().int(),
  examScore: z.number().nullable(),
  completionResult: z.enum(completionResults).nullable(),
  certificateNo: z.string().nullable(),
  claimId: z.uuid().nullable(),
  claimNo: z.string().nullable(),
  claimStatus: z.enum(claimStatuses).nullable(),
  claimStatusLabel: z.string().nullable(),
  amountFen: z.number().int().nullable(),
  paidFen: z.number().int(),
  reversedFen: z.number().int(),
});
export type ClassTrailRow = z.infer<typeof classTrailRow>;

export const classTrail = z.object({
  classId: z.uuid(),
  classNo: z.string(),
  name: z.string(),
  status: z.enum(classStatuses),
  statusLabel: z.string(),
  institutionName: z.string(),
  countyCode: z.string(),
  facts: z.array(trailFact),
  documents: z.array(trailDocument),
  budgetFen: z.number().int(),
  rows: z.array(classTrailRow),
  totals: z.object({
    claimedFen: z.number().int(),
    approvedFen: z.number().int(),
    paidFen: z.number().int(),
    reversedFen: z.number().int(),
    /** paid less reversed, against the class budget */
    netPaidFen: z.number().int(),
    overBudget: z.boolean(),
  }),
  /** one sentence comparing the money with the class budget */
  budgetComparison: z.string(),
});
export type ClassTrail = z.infer<typeof classTrail>;

export const getClaimTrail = defineContract({
  method: 'GET',
  path: '/api/money-trail/claims/:id',
  action: 'money_trail.read',
  tag,
  summary: '一笔补贴申领的资金流向：申领 → 培训班 → 考勤 → 考核 → 证书 → 核查 → 公示 → 审核 → 支付 → 台账',
  params: idParams,
  response: claimTrail,
});

export const downloadClaimTrailFile = defineContract({
  method: 'GET',
  path: '/api/money-trail/claims/:id/files/:fileId',
  action: 'money_trail.read',
  tag,
  summary: '下载资金流向中列出的材料',
  params: z.object({ id: z.uuid(), fileId: z.uuid() }),
  download: true,
  response: z.any(),
});

export const getClassTrail = defineContract({
  method: 'GET',
  path: '/api/money-trail/classes/:id',
  action: 'money_trail.read',
  tag,
  summary: '一个培训班的资金流向：每名学员的考勤、考核、证书、申领与支付，与班级预算对照',
  params: idParams,
  response: classTrail,
});

export const downloadClassTrailFile = defineContract({
  method: 'GET',
  path: '/api/money-trail/classes/:id/files/:fileId',
  action: 'money_trail.read',
  tag,
  summary: '下载培训班资金流向中列出的材料',
  params: z.object({ id: z.uuid(), fileId: z.uuid() }),
  download: true,
  response: z.any(),
});

// ---------------------------------------------------------------------------------------------
// fraud signals (疑点线索)

export const signalSubjectTypes = ['claim', 'person', 'class', 'institution'] as const;
export type SignalSubjectType = (typeof signalSubjectTypes)[number];

export const signalReview = z.object({
  decision: z.enum(fraudSignalDecisions),
  decisionLabel: z.string(),
  comment: z.string(),
  reviewedBy: z.string().nullable(),
  reviewedAt: isoDateTime,
});
export type SignalReview = z.infer<typeof signalReview>;

export const fraudSignal = z.object({
  key: z.string(),
  kind: z.enum(fraudSignalKinds),
  label: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  explanation: z.string(),
  subjects: z.array(z.object({ type: z.enum(signalSubjectTypes), id: z.uuid(), label: z.string() })),
  review: signalReview.optional(),
});
export type FraudSignal = z.infer<typeof fraudSignal>;

export const fraudSignalList = z.object({
  items: z.array(fraudSignal),
  counts: z.array(z.object({ kind: z.enum(fraudSignalKinds), label: z.string(), count: z.number().int() })),
  /** the thresholds in force, in words */
  rules: z.array(z.string()),
});
export type FraudSignalList = z.infer<typeof fraudSignalList>;

export const fraudSignalQuery = z.object({
  kind: z.enum(fraudSignalKinds).optional(),
  regionCode: z
    .string()
    .regex(/^[0-9]{6}$/, '区域代码为 6 位数字')
    .optional(),
});

export const listFraudSignals = defineContract({
  method: 'GET',
  path: '/api/fraud-signals',
  action: 'fraud_signals.read',
  tag,
  summary: '疑点线索（本辖区）：共用手机号或银行账户、考勤异常、证书早于考核、同时在两个班、合格率异常',
  query: fraudSignalQuery,
  response: fraudSignalList,
});

export const claimFraudSignals = defineContract({
  method: 'GET',
  path: '/api/fraud-signals/claims/:id',
  action: 'fraud_signals.read',
  tag,
  summary: '涉及一笔申领（其学员、培训班、机构、银行账户）的疑点线索',
  params: idParams,
  response: z.object({ items: z.array(fraudSignal) }),
});

export const reviewInput = z.strictObject({
  signalKey: z.string().trim().min(3, '疑点线索编号不正确').max(300, '疑点线索编号不正确'),
  decision: z.enum(fraudSignalDecisions, '请选择处理结论'),
  comment: z.string().trim().min(2, '请填写核查意见（至少 2 个字）').max(1000, '核查意见最多 1000 个字'),
});

export const reviewFraudSignal = defineContract({
  method: 'POST',
  path: '/api/fraud-signals/reviews',
  action: 'fraud_signals.review',
  tag,
  summary: '记录疑点线索的核查结论（确认存疑或排除疑点，须填写意见）',
  body: reviewInput,
  response: fraudSignal,
});
