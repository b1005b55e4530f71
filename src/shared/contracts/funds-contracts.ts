import { z } from 'zod';
import { fundKinds, ledgerEntryKinds } from '../domain/subsidy-codes';
import { defineContract, idParams, isoDateTime, pageOf, pageQuery } from './contract';

const tag = '资金与台账';
const regionCode = z.string().regex(/^[0-9]{6}$/, '区域代码为 6 位数字');
const year = z.coerce.number('请填写年度').int('年度须为整数').min(2000, '年度不能早于 2000 年').max(2100, '年度不能晚于 2100 年');
const reasonText = (label: string, max = 500) =>
  z.string().trim().min(2, `请填写${label}（至少 2 个字）`).max(max, `${label}最多 ${max} 个字`);

export const fundStatuses = ['open', 'closed'] as const;
export const fundStatusLabels = { open: '使用中', closed: '已关闭' } as const;

export const fundPositionView = z.object({
  budgetFen: z.number().int(),
  committedFen: z.number().int(),
  paidFen: z.number().int(),
  availableFen: z.number().int(),
});
export type FundPositionView = z.infer<typeof fundPositionView>;

export const fundSummary = z.object({
  id: z.uuid(),
  regionCode: z.string(),
  regionName: z.string(),
  year: z.number().int(),
  fundKind: z.enum(fundKinds),
  fundCode: z.string(),
  fundName: z.string(),
  /** the donor of a donation */
  donor: z.string().nullable(),
  status: z.enum(fundStatuses),
  position: fundPositionView,
});
export type FundSummary = z.infer<typeof fundSummary>;

export const fundDetail = fundSummary.extend({
  remarks: z.string().nullable(),
  createdAt: isoDateTime,
  createdByName: z.string().nullable(),
  /** the viewer may add budget entries and close it (the server decides again) */
  mayWrite: z.boolean(),
});
export type FundDetail = z.infer<typeof fundDetail>;

export const ledgerEntryView = z.object({
  id: z.uuid(),
  kind: z.enum(ledgerEntryKinds),
  amountFen: z.number().int(),
  claimId: z.uuid().nullable(),
  claimNo: z.string().nullable(),
  batchId: z.uuid().nullable(),
  batchNo: z.string().nullable(),
  paymentId: z.uuid().nullable(),
  voucherRef: z.string().nullable(),
  memo: z.string().nullable(),
  createdAt: isoDateTime,
  createdByName: z.string().nullable(),
});
export type LedgerEntryView = z.infer<typeof ledgerEntryView>;

export const fundListQuery = z.object({
  ...pageQuery,
  regionCode: regionCode.optional(),
  year: year.optional(),
  fundKind: z.enum(fundKinds).optional(),
  status: z.enum(fundStatuses).optional(),
});

export const listFunds = defineContract({
  method: 'GET',
  path: '/api/funds',
  action: 'funds.read',
  tag,
  summary: '资金列表及其预算、占用、已付和可用余额（本辖区）',
  query: fundListQuery,
  response: pageOf(fundSummary),
});

export const getFund = defineContract({
  method: 'GET',
  path: '/api/funds/:id',
  action: 'funds.read',
  tag,
  summary: '资金详情及余额',
  params: idParams,
  response: fundDetail,
});

export const fundLedger = defineContract({
  method: 'GET',
  path: '/api/funds/:id/ledger',
  action: 'funds.read',
  tag,
  summary: '资金台账（新的在前）',
  params: idParams,
  query: z.object({ ...pageQuery }),
  response: pageOf(ledgerEntryView),
});

export const exportFundLedger = defineContract({
  method: 'GET',
  path: '/api/funds/:id/ledger/export',
  action: 'funds.read',
  tag,
  summary: '导出资金台账（.xlsx）',
  params: idParams,
  download: true,
  response: z.any(),
});

export const fundInput = z
  .strictObject({
    regionCode,
    year: z.number('请填写年度').int('年度须为整数').min(2000, '年度不能早于 2000 年').max(2100, '年度不能晚于 2100 年'),
    fundKind: z.enum(fundKinds, '请选择资金类别'),
    fundCode: z
      .string()
      .trim()
      .min(1, '请填写资金编码（预算科目编码或捐赠协议号）')
      .max(40, '资金编码最多 40 个字符')
      .regex(/^[A-Za-z0-9\-_/（）()]+$/, '资金编码只能包含字母、数字和 - _ / 括号'),
    fundName: reasonText('资金名称', 100),
    donor: z
      .string()
      .trim()
      .max(100, '捐赠方最多 100 个字')
      .nullish()
      .transform((v) => v || null),
    remarks: z
      .string()
      .trim()
      .max(500, '备注最多 500 个字')
      .nullish()
      .transform((v) => v || null),
  })
  .superRefine((v, ctx) => {
    if (v.fundKind === 'donation' && !v.donor) ctx.addIssue({ code: 'custom', path: ['donor'], message: '社会捐赠资金请填写捐赠方' });
  });
export type FundInput = z.input<typeof fundInput>;

export const createFund = defineContract({
  method: 'POST',
  path: '/api/funds',
  action: 'funds.write',
  tag,
  summary: '新建资金（财政预算资金或社会捐赠资金，按区域和年度）',
  body: fundInput,
  response: fundDetail,
});

export const closeFund = defineContract({
  method: 'POST',
  path: '/api/funds/:id/close',
  action: 'funds.write',
  tag,
  summary: '关闭资金（不再下达预算；仍有未支付的占用时不能关闭）',
  params: idParams,
  body: z.strictObject({ reason: reasonText('关闭原因') }),
  response: fundDetail,
});

export const budgetInput = z.strictObject({
  /** positive: allocate; negative: cut */
  amountFen: z
    .number('请填写金额（分）')
    .int('金额须为整数（分）')
    .min(-10_000_000_000, '金额超出范围')
    .max(10_000_000_000, '金额超出范围')
    .refine((v) => v !== 0, '金额不能为 0：正数为下达预算，负数为调减预算'),
  voucherRef: z.string().trim().min(2, '请填写凭证号（至少 2 个字符）').max(60, '凭证号最多 60 个字符'),
  memo: reasonText('摘要', 200),
});
export type BudgetInput = z.input<typeof budgetInput>;

export const addBudget = defineContract({
  method: 'POST',
  path: '/api/funds/:id/budget',
  action: 'funds.write',
  tag,
  summary: '下达或调减预算（调减后可用余额不能小于 0）',
  params: idParams,
  body: budgetInput,
  response: fundDetail,
});

// ---------------------------------------------------------------- reconciliation

export const reconciliationChecks = [
  'payment_without_ledger',
  'ledger_payment_without_payment',
  'reversal_without_ledger',
  'ledger_reversal_without_reversal',
  'paid_claim_net_payments',
  'claim_without_commitment',
  'batch_total_mismatch',
  'ledger_amount_mismatch',
] as const;
export type ReconciliationCheck = (typeof reconciliationChecks)[number];
export const reconciliationCheckLabels: Record<ReconciliationCheck, string> = {
  payment_without_ledger: '支付记录没有对应的台账支付分录',
  ledger_payment_without_payment: '台账支付分录没有对应的支付记录',
  reversal_without_ledger: '冲销记录没有对应的台账冲销分录',
  ledger_reversal_without_reversal: '台账冲销分录没有对应的冲销记录',
  paid_claim_net_payments: '已支付的申领净支付笔数不是 1',
  claim_without_commitment: '已审定、已编批或已支付的申领没有资金占用',
  batch_total_mismatch: '支付批次合计金额与其支付记录之和不符',
  ledger_amount_mismatch: '台账金额与支付记录金额不符',
};

export const reconciliationQuery = z.object({ regionCode, year });

export const discrepancyView = z.object({
  check: z.enum(reconciliationChecks),
  fundId: z.uuid().nullable(),
  fundCode: z.string().nullable(),
  /** what breaks it: a payment row, a ledger entry, a claim or a batch */
  subjectKind: z.enum(['payment', 'ledger_entry', 'claim', 'batch']),
  subjectId: z.uuid(),
  claimNo: z.string().nullable(),
  batchNo: z.string().nullable(),
  /** what was expected and what was found, in Chinese */
  detail: z.string(),
});
export type DiscrepancyView = z.infer<typeof discrepancyView>;

export const reconciliationFund = fundSummary.extend({
  /** ledger sums per kind, in fen */
  sums: z.object({
    budget: z.number().int(),
    commitment: z.number().int(),
    release: z.number().int(),
    payment: z.number().int(),
    reversal: z.number().int(),
  }),
});

export const reconciliationReport = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  year: z.number().int(),
  generatedAt: isoDateTime,
  funds: z.array(reconciliationFund),
  totals: fundPositionView,
  /** every cross-check with its count of breaking rows (all must be zero) */
  checks: z.array(z.object({ check: z.enum(reconciliationChecks), count: z.number().int() })),
  balanced: z.boolean(),
  discrepancies: z.array(discrepancyView),
});
export type ReconciliationReport = z.infer<typeof reconciliationReport>;

export const getReconciliation = defineContract({
  method: 'GET',
  path: '/api/funds/reconciliation',
  action: 'funds.read',
  tag,
  summary: '对账报告：一个区域一个年度各资金的台账汇总、余额和交叉核对（应全部为零）',
  query: reconciliationQuery,
  response: reconciliationReport,
});

export const exportReconciliation = defineContract({
  method: 'GET',
  path: '/api/funds/reconciliation/export',
  action: 'funds.read',
  tag,
  summary: '导出对账报告（.xlsx）',
  query: reconciliationQuery,
  download: true,
  response: z.any(),
});
