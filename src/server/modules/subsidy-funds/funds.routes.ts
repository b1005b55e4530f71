import type { FastifyInstance } from 'fastify';
import * as contracts from '../../../shared/contracts/funds-contracts';
import { reconciliationCheckLabels } from '../../../shared/contracts/funds-contracts';
import { fundKindLabels, ledgerEntryKindLabels } from '../../../shared/domain/subsidy-codes';
import { attachmentHeader, type ExportColumn, exportWorkbook, XLSX_MEDIA_TYPE } from '../../platform/excel-export';
import { requestMeta, requireActor } from '../../platform/request-context';
import { registerRoute } from '../../platform/routing';
import type { FundsService } from './funds.service';

type LedgerView = contracts.LedgerEntryView;
type Report = contracts.ReconciliationReport;

/** Amounts go out as yuan numbers (two decimals), so the sheet can sum them; fen stay exact in the API. */
const yuan = (fen: number) => Math.round(fen) / 100;

export const ledgerColumns: ExportColumn<LedgerView>[] = [
  { header: '记账时间', width: 22, value: (e) => e.createdAt },
  { header: '类别', width: 12, value: (e) => ledgerEntryKindLabels[e.kind] },
  { header: '金额（元）', width: 14, value: (e) => yuan(e.amountFen) },
  { header: '申领编号', width: 24, value: (e) => e.claimNo },
  { header: '支付批次', width: 22, value: (e) => e.batchNo },
  { header: '凭证号', width: 20, value: (e) => e.voucherRef },
  { header: '摘要', width: 40, value: (e) => e.memo },
  { header: '记账人', width: 12, value: (e) => e.createdByName },
];

/** One sheet: the funds with their sums and position, a blank line, then every broken cross-check row. */
type ReportLine = { cells: (string | number | null)[] };
const reportColumns: ExportColumn<ReportLine>[] = [
  '资金编码',
  '资金名称',
  '资金类别',
  '预算下达（元）',
  '审定占用（元）',
  '释放占用（元）',
  '支付（元）',
  '冲销（元）',
  '未支付占用（元）',
  '已付净额（元）',
  '可用余额（元）',
].map((header, i) => ({ header, width: i < 2 ? 24 : 14, value: (l: ReportLine) => l.cells[i] ?? null }));

export function reportLines(report: Report): ReportLine[] {
  const lines: ReportLine[] = report.funds.map((f) => ({
    cells: [
      f.fundCode,
      f.fundName,
      fundKindLabels[f.fundKind],
      yuan(f.sums.budget),
      yuan(f.sums.commitment),
      yuan(f.sums.release),
      yuan(f.sums.payment),
      yuan(f.sums.reversal),
      yuan(f.position.committedFen),
      yuan(f.position.paidFen),
      yuan(f.position.availableFen),
    ],
  }));
  lines.push({ cells: [] });
  lines.push({
    cells: [
      `${report.regionName} ${report.year} 年度对账结果`,
      report.balanced ? '平衡：全部核对项为零' : `不平衡：${report.discrepancies.length} 处不符`,
    ],
  });
  for (const c of report.checks) lines.push({ cells: [reconciliationCheckLabels[c.check], c.count] });
  if (report.discrepancies.length > 0) {
    lines.push({ cells: [] });
    lines.push({ cells: ['核对项', '资金编码', '申领编号', '支付批次', '记录编号', '说明'] });
    for (const d of report.discrepancies)
      lines.push({ cells: [reconciliationCheckLabels[d.check], d.fundCode, d.claimNo, d.batchNo, d.subjectId, d.detail] });
  }
  return lines;
}

/** Funds, budget entries, the ledger and the reconciliation report, with their .xlsx exports. */
export function registerFundsRoutes(app: FastifyInstance, funds: FundsService): void {
  registerRoute(app, contracts.listFunds, async ({ query }, request) => funds.list(requireActor(request.actor), query));

  registerRoute(app, contracts.getReconciliation, async ({ query }, request) =>
    funds.reconciliation(requireActor(request.actor), query.regionCode, query.year),
  );

  registerRoute(app, contracts.exportReconciliation, async ({ query }, request, reply) => {
    const report = await funds.reconciliationExport(requireActor(request.actor), query.regionCode, query.year, requestMeta(request));
    return reply
      .header('content-type', XLSX_MEDIA_TYPE)
      .header('content-disposition', attachmentHeader(`${report.regionName}${report.year}年度资金对账报告.xlsx`))
      .header('cache-control', 'no-store')
      .send(exportWorkbook('对账报告', reportColumns, reportLines(report)));
  });

  registerRoute(app, contracts.getFund, async ({ params }, request) => funds.get(requireActor(request.actor), params.id));

  registerRoute(app, contracts.fundLedger, async ({ params, query }, request) =>
    funds.ledger(requireActor(request.actor), params.id, query.page, query.pageSize),
  );

  registerRoute(app, contracts.exportFundLedger, async ({ params }, request, reply) => {
    const { fund, rows } = await funds.ledgerExport(requireActor(request.actor), params.id, requestMeta(request));
    return reply
      .header('content-type', XLSX_MEDIA_TYPE)
      .header('content-disposition', attachmentHeader(`资金台账-${fund.year}-${fund.code}.xlsx`))
      .header('cache-control', 'no-store')
      .send(exportWorkbook('资金台账', ledgerColumns, rows));
  });

  registerRoute(app, contracts.createFund, async ({ body }, request) =>
    funds.create(requireActor(request.actor), body, requestMeta(request)),
  );

  registerRoute(app, contracts.closeFund, async ({ params, body }, request) =>
    funds.close(requireActor(request.actor), params.id, body.reason, requestMeta(request)),
  );

  registerRoute(app, contracts.addBudget, async ({ params, body }, request) =>
    funds.addBudget(requireActor(request.actor), params.id, body, requestMeta(request)),
  );
}
