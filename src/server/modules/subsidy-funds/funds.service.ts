import type { z } from 'zod';
import type * as contracts from '../../../shared/contracts/funds-contracts';
import { reconciliationChecks } from '../../../shared/contracts/funds-contracts';
import { can } from '../../../shared/domain/permissions';
import { formatFen } from '../../../shared/domain/class-codes';
import { fundPosition, type LedgerEntryKind } from '../../../shared/domain/subsidy-codes';
import { AppError, invalidField } from '../../../shared/errors';
import { uniqueViolation, type Db } from '../../db/database';
import { type Actor, inScope, scopeCodes } from '../../platform/actor';
import { actorEvent, type AuditTrail } from '../../platform/audit-trail';
import type { RequestMeta } from '../../platform/request-context';
import type { RegionsService } from '../regions/regions.service';
import { findDiscrepancies } from './fund-reconciliation';
import { type FundRow, fundsRepository as repo, type LedgerRow, type LedgerSums } from './funds.repository';
import { appendLedger, fundSums } from './ledger';

type ListQuery = z.output<typeof contracts.fundListQuery>;
type FundInput = z.output<typeof contracts.fundInput>;
type BudgetInput = z.output<typeof contracts.budgetInput>;
type Summary = z.infer<typeof contracts.fundSummary>;
type Detail = z.infer<typeof contracts.fundDetail>;
type LedgerView = z.infer<typeof contracts.ledgerEntryView>;
type Report = z.infer<typeof contracts.reconciliationReport>;

export interface FundsOptions {
  /** "now" (tests fix it) */
  clock?: () => Date;
}

/**
 * Funds (资金): government budget lines and social donations per region and year, their budget
 * entries and position from the insert-only ledger, and the reconciliation report that cross-checks
 * payments, claims, batches and the ledger. Staff reach the funds of the regions in their scope.
 */
export class FundsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditTrail,
    private readonly regions: RegionsService,
    private readonly options: FundsOptions = {},
  ) {}

  private now(): Date {
    return this.options.clock?.() ?? new Date();
  }

  // -------------------------------------------------------------------------------------------
  // reading

  async list(actor: Actor, query: ListQuery) {
    this.requireStaff(actor);
    if (query.regionCode && !inScope(actor.scope, query.regionCode))
      return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    const { rows, total } = await repo.list(
      this.db,
      { regionCodes: scopeCodes(actor.scope), regionCode: query.regionCode, year: query.year, kind: query.fundKind, status: query.status },
      query.page,
      query.pageSize,
    );
    const sums = await repo.sumsOf(
      this.db,
      rows.map((r) => r.id),
    );
    return { items: rows.map((r) => this.summary(r, sums.get(r.id)!)), total, page: query.page, pageSize: query.pageSize };
  }

  async get(actor: Actor, id: string): Promise<Detail> {
    const row = await this.reachable(this.db, actor, id);
    const sums = await repo.sumsOf(this.db, [id]);
    return this.detail(row, sums.get(id)!, actor);
  }

  async ledger(actor: Actor, id: string, page: number, pageSize: number) {
    await this.reachable(this.db, actor, id);
    const { rows, total } = await repo.ledger(this.db, id, page, pageSize);
    return { items: rows.map(ledgerView), total, page, pageSize };
  }

  /** The whole ledger of a fund for the export; the export is audited. */
  async ledgerExport(actor: Actor, id: string, meta: RequestMeta): Promise<{ fund: FundRow; rows: LedgerView[] }> {
    const fund = await this.reachable(this.db, actor, id);
    const rows = (await repo.fullLedger(this.db, id)).map(ledgerView);
    await this.audit.record(
      actorEvent(actor, meta, {
        action: 'funds.export_ledger',
        outcome: 'success',
        regionCode: fund.region_code,
        targetType: 'subsidy_fund',
        targetId: id,
        details: { rows: rows.length },
      }),
    );
    return { fund, rows };
  }

  // -------------------------------------------------------------------------------------------
  // writing

  async create(actor: Actor, input: FundInput, meta: RequestMeta): Promise<Detail> {
    this.requireStaff(actor);
    const region = this.regions.get(input.regionCode);
    if (!region) throw invalidField('body.regionCode', '所属区域', `区域代码 ${input.regionCode} 不存在`);
    if (!inScope(actor.scope, input.regionCode))
      throw new AppError('OUT_OF_SCOPE', `只能为本账号管辖的区域建立资金，${region.name}不在管辖范围内`);
    let id: string;
    try {
      id = await this.db.transaction().execute(async (trx) => {
        const fundId = await repo.insert(trx, {
          region_code: input.regionCode,
          year: input.year,
          kind: input.fundKind,
          code: input.fundCode,
          name: input.fundName,
          source: input.donor,
          remarks: input.remarks,
          created_by: actor.userId,
        });
        await this.audit.append(
          trx,
          actorEvent(actor, meta, {
            action: 'funds.create',
            outcome: 'success',
            regionCode: input.regionCode,
            targetType: 'subsidy_fund',
            targetId: fundId,
            details: { year: input.year, kind: input.fundKind, code: input.fundCode },
          }),
        );
        return fundId;
      });
    } catch (error) {
      if (uniqueViolation(error) !== null)
        throw new AppError('CONFLICT', `${region.name} ${input.year} 年度已有资金编码为 ${input.fundCode} 的资金，请换一个编码`);
      throw error;
    }
    return this.get(actor, id);
  }

  async close(actor: Actor, id: string, reason: string, meta: RequestMeta): Promise<Detail> {
    await this.db.transaction().execute(async (trx) => {
      await this.reachable(trx, actor, id);
      const { fund, position } = await fundSums(trx, id, { forUpdate: true });
      if (fund.status === 'closed') throw new AppError('CONFLICT', '该资金已关闭');
      if (position.committedFen > 0)
        throw new AppError('CONFLICT', `该资金仍有已审定未支付的占用 ${formatFen(position.committedFen)}，支付或释放后才能关闭`);
      await repo.close(trx, id);
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: 'funds.close',
          outcome: 'success',
          regionCode: fund.region_code,
          targetType: 'subsidy_fund',
          targetId: id,
          details: { reason, position },
        }),
      );
    });
    return this.get(actor, id);
  }

  /** A budget entry: positive allocates, negative cuts; a cut never takes the available money below zero. */
  async addBudget(actor: Actor, id: string, input: BudgetInput, meta: RequestMeta): Promise<Detail> {
    await this.db.transaction().execute(async (trx) => {
      await this.reachable(trx, actor, id);
      // the fund row lock serialises budget entries with commitments, so a cut sees every commitment
      const { fund, position } = await fundSums(trx, id, { forUpdate: true });
      if (fund.status === 'closed') throw new AppError('CONFLICT', '该资金已关闭，不能再下达或调减预算');
      if (input.amountFen < 0 && position.availableFen + input.amountFen < 0)
        throw invalidField(
          'body.amountFen',
          '金额（分）',
          `调减 ${formatFen(-input.amountFen)} 超过可用余额 ${formatFen(position.availableFen)}：调减后可用余额不能小于 0`,
        );
      const entryId = await appendLedger(trx, {
        fundId: id,
        regionCode: fund.region_code,
        kind: 'budget',
        amountFen: input.amountFen,
        voucherRef: input.voucherRef,
        memo: input.memo,
        createdBy: actor.userId,
      });
      await this.audit.append(
        trx,
        actorEvent(actor, meta, {
          action: 'funds.budget',
          outcome: 'success',
          regionCode: fund.region_code,
          targetType: 'subsidy_fund',
          targetId: id,
          details: { ledgerEntryId: entryId, amountFen: input.amountFen, voucherRef: input.voucherRef },
        }),
      );
    });
    return this.get(actor, id);
  }

  // -------------------------------------------------------------------------------------------
  // reconciliation

  async reconciliation(actor: Actor, regionCode: string, year: number): Promise<Report> {
    this.requireStaff(actor);
    const region = this.regions.get(regionCode);
    if (!region) throw invalidField('querystring.regionCode', '所属区域', `区域代码 ${regionCode} 不存在`);
    if (!inScope(actor.scope, regionCode)) throw new AppError('OUT_OF_SCOPE', `${region.name}不在本账号的管辖范围内`);
    const funds = await repo.ofRegionYear(this.db, regionCode, year);
    const ids = funds.map((f) => f.id);
    const [sums, findings] = await Promise.all([repo.sumsOf(this.db, ids), findDiscrepancies(this.db, ids)]);
    const codeOf = new Map(funds.map((f) => [f.id, f.code]));
    const total: LedgerSums = {};
    for (const s of sums.values())
      for (const [k, v] of Object.entries(s)) total[k as LedgerEntryKind] = (total[k as LedgerEntryKind] ?? 0) + v;
    const discrepancies = findings.map((d) => ({ ...d, fundCode: d.fundId ? (codeOf.get(d.fundId) ?? null) : null }));
    return {
      regionCode,
      regionName: region.name,
      year,
      generatedAt: this.now().toISOString(),
      funds: funds.map((f) => {
        const s = sums.get(f.id)!;
        return {
          ...this.summary(f, s),
          sums: {
            budget: s.budget ?? 0,
            commitment: s.commitment ?? 0,
            release: s.release ?? 0,
            payment: s.payment ?? 0,
            reversal: s.reversal ?? 0,
          },
        };
      }),
      totals: fundPosition(total),
      checks: reconciliationChecks.map((check) => ({ check, count: discrepancies.filter((d) => d.check === check).length })),
      balanced: discrepancies.length === 0,
      discrepancies,
    };
  }

  async reconciliationExport(actor: Actor, regionCode: string, year: number, meta: RequestMeta): Promise<Report> {
    const report = await this.reconciliation(actor, regionCode, year);
    await this.audit.record(
      actorEvent(actor, meta, {
        action: 'funds.export_reconciliation',
        outcome: 'success',
        regionCode,
        targetType: 'region',
        targetId: null,
        details: { year, balanced: report.balanced, discrepancies: report.discrepancies.length },
      }),
    );
    return report;
  }

  // -------------------------------------------------------------------------------------------

  private requireStaff(actor: Actor): void {
    if (actor.kind !== 'staff') throw new AppError('FORBIDDEN', '资金由残联工作人员管理');
  }

  /** The fund, if its region lies in the actor's scope; NOT_FOUND otherwise. */
  private async reachable(db: Db, actor: Actor, id: string): Promise<FundRow> {
    const row = await repo.get(db, id);
    if (!row || actor.kind !== 'staff' || !inScope(actor.scope, row.region_code)) throw new AppError('NOT_FOUND', '资金不存在');
    return row;
  }

  private summary(row: FundRow, sums: LedgerSums): Summary {
    return {
      id: row.id,
      regionCode: row.region_code,
      regionName: this.regions.get(row.region_code)?.name ?? row.region_code,
      year: row.year,
      fundKind: row.kind,
      fundCode: row.code,
      fundName: row.name,
      donor: row.source,
      status: row.status,
      position: fundPosition(sums),
    };
  }

  private detail(row: FundRow, sums: LedgerSums, actor: Actor): Detail {
    return {
      ...this.summary(row, sums),
      remarks: row.remarks,
      createdAt: row.created_at.toISOString(),
      createdByName: row.created_by_name,
      mayWrite: row.status === 'open' && can(actor.roles, 'funds.write') && inScope(actor.scope, row.region_code),
    };
  }
}

function ledgerView(r: LedgerRow): LedgerView {
  return {
    id: r.id,
    kind: r.kind,
    amountFen: Number(r.amount_fen),
    claimId: r.claim_id,
    claimNo: r.claim_no,
    batchId: r.batch_id,
    batchNo: r.batch_no,
    paymentId: r.payment_id,
    voucherRef: r.voucher_ref,
    memo: r.memo,
    createdAt: r.created_at.toISOString(),
    createdByName: r.created_by_name,
  };
}
