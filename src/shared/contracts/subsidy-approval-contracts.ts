import { z } from 'zod';
import { noticeStatuses } from '../domain/notice-rules';
import { approvalSteps, claimStatuses } from '../domain/subsidy-codes';
import { defineContract, idParams, isoDateTime, pageOf, pageQuery } from './contract';

/**
 * Public notice of subsidy lists (补贴公示) and the maker/checker approval chain county → city →
 * finance (审核审定). Every claim of a batch request is decided on its own: the answer lists each
 * claim's result or its Chinese error.
 */

const claimIds = z
  .array(z.uuid('申领编号格式不正确'))
  .min(1, '请至少选择一项申领')
  .max(200, '一次最多处理 200 项申领')
  .refine((ids) => new Set(ids).size === ids.length, '同一申领选择了两次');
const comment = z.string().trim().min(2, '请写明意见（至少 2 个字）').max(500, '意见不超过 500 字');
const yesNo = z.enum(['true', 'false']).transform((v) => v === 'true');

// ---------------------------------------------------------------- notice lists (county)

export const noticeCandidate = z.object({
  id: z.uuid(),
  claimNo: z.string(),
  personName: z.string(),
  institutionName: z.string(),
  classNo: z.string(),
  occupation: z.string(),
  skillLevel: z.string(),
  skillLevelLabel: z.string(),
  amountFen: z.number().int(),
  submittedAt: isoDateTime.nullable(),
});
export type NoticeCandidate = z.infer<typeof noticeCandidate>;

export const listNoticeCandidates = defineContract({
  method: 'GET',
  path: '/api/subsidy-notices/candidates',
  action: 'subsidy_claims.prepare',
  tag: '补贴公示',
  summary: '本县区已提交、待列入公示的补贴申领',
  query: z.object({ ...pageQuery }),
  response: pageOf(noticeCandidate),
});

export const noticeListView = z.object({
  id: z.uuid(),
  listNo: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  title: z.string(),
  claimCount: z.number().int(),
  totalFen: z.number().int(),
  status: z.enum(['on_notice', 'effective', 'withdrawn']),
  statusLabel: z.string(),
  noticeId: z.uuid().nullable(),
  noticeStatus: z.enum(noticeStatuses).nullable(),
  noticeStatusLabel: z.string().nullable(),
  noticeEndsAt: isoDateTime.nullable(),
  heldCount: z.number().int(),
  preparedByName: z.string().nullable(),
  createdAt: isoDateTime,
});
export type NoticeListView = z.infer<typeof noticeListView>;

export const putOnNotice = defineContract({
  method: 'POST',
  path: '/api/subsidy-notices',
  action: 'subsidy_claims.prepare',
  tag: '补贴公示',
  summary: '把本县区已提交的申领编成名单并公示（经办人即制单人）',
  body: z.object({
    claimIds,
    title: z.string().trim().min(4, '名单标题至少 4 个字').max(100, '名单标题不超过 100 字').optional(),
  }),
  response: noticeListView,
});

export const listNoticeLists = defineContract({
  method: 'GET',
  path: '/api/subsidy-notices',
  action: 'subsidy_notices.read',
  tag: '补贴公示',
  summary: '本辖区的补贴公示名单',
  query: z.object({ ...pageQuery }),
  response: pageOf(noticeListView),
});

export const heldClaim = z.object({
  id: z.uuid(),
  claimNo: z.string(),
  personName: z.string(),
  institutionName: z.string(),
  amountFen: z.number().int(),
  listNo: z.string().nullable(),
  lineNo: z.number().int().nullable(),
  holdReason: z.string().nullable(),
  heldAt: isoDateTime.nullable(),
});
export type HeldClaim = z.infer<typeof heldClaim>;

export const listHeldClaims = defineContract({
  method: 'GET',
  path: '/api/subsidy-notices/held',
  action: 'subsidy_notices.read',
  tag: '补贴公示',
  summary: '公示异议成立、暂停办理的申领',
  query: z.object({ ...pageQuery }),
  response: pageOf(heldClaim),
});

const heldDecisionResult = z.object({ claimId: z.uuid(), claimNo: z.string(), status: z.enum(claimStatuses), statusLabel: z.string() });

export const releaseHeldClaim = defineContract({
  method: 'POST',
  path: '/api/subsidy-notices/held/:id/release',
  action: 'subsidy_claims.approve',
  tag: '补贴公示',
  summary: '恢复办理暂停的申领（县区审核人，写明意见）',
  params: idParams,
  body: z.object({ comment }),
  response: heldDecisionResult,
});

export const rejectHeldClaim = defineContract({
  method: 'POST',
  path: '/api/subsidy-notices/held/:id/reject',
  action: 'subsidy_claims.approve',
  tag: '补贴公示',
  summary: '暂停的申领不予补贴（县区审核人，写明意见）',
  params: idParams,
  body: z.object({ comment }),
  response: heldDecisionResult,
});

// ---------------------------------------------------------------- public lines (no login)

export const publicNoticeLine = z.object({
  lineNo: z.number().int(),
  /** masked (张*三); never the ID number, never the bank account */
  maskedName: z.string(),
  spokenName: z.string(),
  institutionName: z.string(),
  className: z.string(),
  occupation: z.string(),
  skillLevelLabel: z.string(),
  amountFen: z.number().int(),
  trainingYear: z.number().int(),
});
export type PublicNoticeLine = z.infer<typeof publicNoticeLine>;

export const publicNoticeLines = defineContract({
  method: 'GET',
  path: '/api/public/subsidy-notices/:noticeId/lines',
  action: 'subsidy_notices.public',
  tag: '公开信息',
  summary: '补贴公示名单的各行（姓名已隐去部分）',
  params: z.object({ noticeId: z.uuid() }),
  response: z.object({ listNo: z.string(), countyName: z.string(), totalFen: z.number().int(), lines: z.array(publicNoticeLine) }),
});

// ---------------------------------------------------------------- review queue and decisions

export const reviewItem = z.object({
  id: z.uuid(),
  claimNo: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  personName: z.string(),
  institutionName: z.string(),
  occupation: z.string(),
  skillLevelLabel: z.string(),
  trainingYear: z.number().int(),
  amountFen: z.number().int(),
  status: z.enum(claimStatuses),
  step: z.enum(approvalSteps),
  stepLabel: z.string(),
  dueOn: z.string().nullable(),
  /** working-day arithmetic is in the due date; this is calendar days (negative: overdue) */
  daysLeft: z.number().int().nullable(),
  overdue: z.boolean(),
  eligible: z.boolean().nullable(),
  /** the failed rules in words, or 符合条件 */
  eligibilitySummary: z.string(),
  /** the actor prepared it or approved an earlier step: shown, but the actor cannot take the step */
  blockedReason: z.string().nullable(),
});
export type ReviewItem = z.infer<typeof reviewItem>;

export const reviewQueue = defineContract({
  method: 'GET',
  path: '/api/subsidy-review/queue',
  action: 'subsidy_claims.approve',
  tag: '补贴审核',
  summary: '待本账号办理的审核环节（可按环节、是否逾期筛选）',
  query: z.object({ step: z.enum(approvalSteps).optional(), overdue: yesNo.optional(), ...pageQuery }),
  response: pageOf(reviewItem).extend({
    /** the steps this account may take (the page offers these as tabs) */
    steps: z.array(z.object({ step: z.enum(approvalSteps), label: z.string(), count: z.number().int(), overdue: z.number().int() })),
  }),
});

export const reviewFund = z.object({
  id: z.uuid(),
  name: z.string(),
  code: z.string(),
  year: z.number().int(),
  regionCode: z.string(),
  regionName: z.string(),
  availableFen: z.number().int(),
});
export type ReviewFund = z.infer<typeof reviewFund>;

export const reviewFunds = defineContract({
  method: 'GET',
  path: '/api/subsidy-review/funds',
  action: 'subsidy_claims.approve',
  tag: '补贴审核',
  summary: '财务审定可选用的资金（开放中，含可用余额）',
  query: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
  response: z.object({ items: z.array(reviewFund) }),
});

export const decisionResult = z.object({
  claimId: z.uuid(),
  claimNo: z.string().nullable(),
  ok: z.boolean(),
  status: z.enum(claimStatuses).nullable(),
  statusLabel: z.string().nullable(),
  late: z.boolean().nullable(),
  /** the Chinese reason a claim was refused */
  message: z.string().nullable(),
  code: z.string().nullable(),
});
export type DecisionResult = z.infer<typeof decisionResult>;
const decisionAnswer = z.object({ done: z.number().int(), failed: z.number().int(), results: z.array(decisionResult) });
export type DecisionAnswer = z.infer<typeof decisionAnswer>;

export const approveClaims = defineContract({
  method: 'POST',
  path: '/api/subsidy-review/approve',
  action: 'subsidy_claims.approve',
  tag: '补贴审核',
  summary: '审核通过（各申领分别办理；财务审定须选资金，占用预算）',
  body: z.object({ claimIds, fundId: z.uuid('请选择资金').optional(), comment: comment.optional() }),
  response: decisionAnswer,
});

export const returnClaims = defineContract({
  method: 'POST',
  path: '/api/subsidy-review/return',
  action: 'subsidy_claims.approve',
  tag: '补贴审核',
  summary: '退回机构修改（写明意见）',
  body: z.object({ claimIds, comment }),
  response: decisionAnswer,
});

export const rejectClaims = defineContract({
  method: 'POST',
  path: '/api/subsidy-review/reject',
  action: 'subsidy_claims.approve',
  tag: '补贴审核',
  summary: '不予补贴（写明意见）',
  body: z.object({ claimIds, comment }),
  response: decisionAnswer,
});
