import { z } from 'zod';
import { batchStatuses, claimStatuses, fundKinds, payeeKinds } from '../domain/subsidy-codes';
import { defineContract, idParams, isoDateTime, pageOf, pageQuery } from './contract';

const tag = '支付批次';
const reason = z.string().trim().min(2, '请写明原因（至少 2 个字）').max(200, '原因最多 200 个字');
/** 记账凭证号 or the bank's transfer reference: what finance writes on its books */
const voucherRef = z
  .string()
  .trim()
  .min(2, '请填写凭证号（至少 2 个字符）')
  .max(64, '凭证号最多 64 个字符')
  .regex(/^[\p{L}\p{N}\-_/.# ]+$/u, '凭证号只能包含文字、数字、空格和 - _ / . #');

/**
 * The header every money request carries: the browser makes one when the form opens and sends it
 * again on a retry, so a double click or a retry after a timeout pays once.
 */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const idempotencyKeyPattern = /^[A-Za-z0-9_\-:.]{8,100}$/;
/** The answer header that says the body is the stored answer of an earlier identical request. */
export const REPLAYED_HEADER = 'idempotent-replayed';

export const maskedAccount = z.object({ text: z.string(), spoken: z.string() });

// ---------------------------------------------------------------- batches

export const batchSummary = z.object({
  id: z.uuid(),
  batchNo: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  fundId: z.uuid(),
  fundName: z.string(),
  fundCode: z.string(),
  status: z.enum(batchStatuses),
  claimCount: z.number().int(),
  totalFen: z.number().int(),
  voucherRef: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: isoDateTime,
  paidByName: z.string().nullable(),
  paidAt: isoDateTime.nullable(),
});
export type BatchSummary = z.infer<typeof batchSummary>;

export const batchListQuery = z.object({
  status: z.enum(batchStatuses).optional(),
  fundId: z.uuid('资金编号不正确').optional(),
  q: z.string().trim().max(50).optional(),
  ...pageQuery,
});

export const listPaymentBatches = defineContract({
  method: 'GET',
  path: '/api/payment-batches',
  action: 'payments.read',
  tag,
  summary: '支付批次列表（本账号管辖区域内付款单位的批次）',
  query: batchListQuery,
  response: pageOf(batchSummary),
});

/** One payment or reversal row of a claim (insert-only). */
export const paymentLine = z.object({
  id: z.uuid(),
  kind: z.enum(['payment', 'reversal']),
  claimId: z.uuid(),
  claimNo: z.string(),
  batchId: z.uuid(),
  batchNo: z.string(),
  amountFen: z.number().int(),
  payeeName: z.string().nullable(),
  bankName: z.string().nullable(),
  bankAccount: maskedAccount.nullable(),
  voucherRef: z.string(),
  reversesId: z.uuid().nullable(),
  reason: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: isoDateTime,
});
export type PaymentLine = z.infer<typeof paymentLine>;

export const batchClaim = z.object({
  id: z.uuid(),
  claimNo: z.string(),
  countyCode: z.string(),
  personNameMasked: z.string(),
  institutionName: z.string(),
  occupation: z.string(),
  skillLevel: z.string(),
  amountFen: z.number().int(),
  payeeKind: z.enum(payeeKinds),
  payeeName: z.string().nullable(),
  bankName: z.string().nullable(),
  bankAccount: maskedAccount.nullable(),
  status: z.enum(claimStatuses),
  /** the payment of this claim, once paid, and its reversal if one was made */
  paymentId: z.uuid().nullable(),
  reversalId: z.uuid().nullable(),
});
export type BatchClaim = z.infer<typeof batchClaim>;

export const batchDetail = batchSummary.extend({
  cancelledReason: z.string().nullable(),
  remarks: z.string().nullable(),
  version: z.number().int(),
  claims: z.array(batchClaim),
  /** what this account may do now (the server decides again on every request) */
  canPay: z.boolean(),
  /** why paying is not open to this account, when it is not (e.g. the maker of the batch) */
  payBlockedReason: z.string().nullable(),
  canEdit: z.boolean(),
  canReverse: z.boolean(),
  canExportFull: z.boolean(),
});
export type BatchDetail = z.infer<typeof batchDetail>;

export const getPaymentBatch = defineContract({
  method: 'GET',
  path: '/api/payment-batches/:id',
  action: 'payments.read',
  tag,
  summary: '支付批次详情：申领明细（姓名与账号脱敏）、合计与状态',
  params: idParams,
  response: batchDetail,
});

/** Funds the account may draw a batch from, with the approved claims that wait for one. */
export const batchFund = z.object({
  id: z.uuid(),
  regionCode: z.string(),
  regionName: z.string(),
  year: z.number().int(),
  kind: z.enum(fundKinds),
  code: z.string(),
  name: z.string(),
  waitingCount: z.number().int(),
  waitingFen: z.number().int(),
});
export type BatchFund = z.infer<typeof batchFund>;

export const listBatchFunds = defineContract({
  method: 'GET',
  path: '/api/payment-batches/funds',
  action: 'payments.manage',
  tag,
  summary: '可编制支付批次的资金（本辖区在用资金及其待支付的已审定申领）',
  response: z.object({ items: z.array(batchFund) }),
});

export const candidateClaim = batchClaim.omit({ paymentId: true, reversalId: true });
export type CandidateClaim = z.infer<typeof candidateClaim>;

export const listBatchCandidates = defineContract({
  method: 'GET',
  path: '/api/payment-batches/candidates',
  action: 'payments.manage',
  tag,
  summary: '某项资金下已审定、待编入批次的申领',
  query: z.object({ fundId: z.uuid('资金编号不正确') }),
  response: z.object({ fund: batchFund, items: z.array(candidateClaim), truncated: z.boolean() }),
});

export const BATCH_MAX_CLAIMS = 5000;

export const createBatchInput = z.strictObject({
  fundId: z.uuid('资金编号不正确'),
  claimIds: z
    .array(z.uuid('申领编号不正确'))
    .min(1, '请至少选择 1 项申领')
    .max(BATCH_MAX_CLAIMS, `一个批次最多 ${BATCH_MAX_CLAIMS} 项申领`)
    .refine((ids) => new Set(ids).size === ids.length, '同一申领选了两次'),
  remarks: z.string().trim().max(200, '备注最多 200 个字').optional(),
});
export type CreateBatchInput = z.input<typeof createBatchInput>;

export const createPaymentBatch = defineContract({
  method: 'POST',
  path: '/api/payment-batches',
  action: 'payments.manage',
  tag,
  summary: '编制支付批次：所选申领须为已审定、属于该资金且在管辖区域内，编入后不能再编入其他批次',
  body: createBatchInput,
  response: batchDetail,
});

export const removeBatchClaim = defineContract({
  method: 'POST',
  path: '/api/payment-batches/:id/remove-claim',
  action: 'payments.manage',
  tag,
  summary: '从待支付的批次中移出一项申领（申领回到已审定）',
  params: idParams,
  body: z.strictObject({ claimId: z.uuid('申领编号不正确') }),
  response: batchDetail,
});

export const cancelPaymentBatch = defineContract({
  method: 'POST',
  path: '/api/payment-batches/:id/cancel',
  action: 'payments.manage',
  tag,
  summary: '作废待支付的批次（须写明原因；申领回到已审定）',
  params: idParams,
  body: z.strictObject({ reason }),
  response: batchDetail,
});

export const payBatchInput = z.strictObject({ voucherRef });
export type PayBatchInput = z.input<typeof payBatchInput>;

/** The answer of a payment: kept with the idempotency key and answered again to a retry. */
export const batchPaidReceipt = z.object({
  batchId: z.uuid(),
  batchNo: z.string(),
  status: z.literal('paid'),
  voucherRef: z.string(),
  paidAt: isoDateTime,
  paidByName: z.string(),
  claimCount: z.number().int(),
  totalFen: z.number().int(),
  paymentCount: z.number().int(),
});
export type BatchPaidReceipt = z.infer<typeof batchPaidReceipt>;

export const payPaymentBatch = defineContract({
  method: 'POST',
  path: '/api/payment-batches/:id/pay',
  action: 'payments.manage',
  tag,
  summary: '支付批次（请求头 Idempotency-Key 必填；同一键重复提交只支付一次并答复首次结果；编制人不能支付；支付与记账在同一事务中完成）',
  params: idParams,
  body: payBatchInput,
  response: batchPaidReceipt,
});

export const reversePaymentInput = z.strictObject({ reason, voucherRef });
export type ReversePaymentInput = z.input<typeof reversePaymentInput>;

export const reversalReceipt = z.object({
  paymentId: z.uuid(),
  reversalId: z.uuid(),
  claimId: z.uuid(),
  claimNo: z.string(),
  batchId: z.uuid(),
  amountFen: z.number().int(),
  voucherRef: z.string(),
  reason: z.string(),
  createdAt: isoDateTime,
});
export type ReversalReceipt = z.infer<typeof reversalReceipt>;

export const reverseSubsidyPayment = defineContract({
  method: 'POST',
  path: '/api/subsidy-payments/:id/reverse',
  action: 'payments.manage',
  tag,
  summary: '冲销一笔支付（请求头 Idempotency-Key 必填；记一笔新的冲销，不修改原支付与台账）',
  params: idParams,
  body: reversePaymentInput,
  response: reversalReceipt,
});

export const listClaimPayments = defineContract({
  method: 'GET',
  path: '/api/subsidy-claims/:id/payments',
  action: 'payments.read',
  tag,
  summary: '一项申领的支付与冲销记录',
  params: idParams,
  response: z.object({ items: z.array(paymentLine) }),
});

export const exportPaymentBatch = defineContract({
  method: 'GET',
  path: '/api/payment-batches/:id/export',
  action: 'payments.read',
  tag,
  summary: '导出批次付款清单（.xlsx；账号默认脱敏；完整账号须有导出权限、写明原因并留痕）',
  params: idParams,
  query: z.object({
    full: z.enum(['true', 'false']).default('false'),
    reason: z.string().trim().max(200).optional(),
  }),
  download: true,
  response: z.any(),
});
