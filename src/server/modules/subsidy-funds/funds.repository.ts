import { type Insertable, type Selectable, sql } from 'kysely';
import type { FundKind, LedgerEntryKind } from '../../../shared/domain/subsidy-codes';
import type { Db } from '../../db/database';
import type { SubsidyFundTable } from '../../db/tables';

export type FundRow = Selectable<SubsidyFundTable> & { created_by_name: string | null };
export type LedgerSums = Partial<Record<LedgerEntryKind, number>>;

export interface FundFilter {
  /** region codes of the actor's scope, or null for the whole province */
  regionCodes: string[] | null;
  regionCode?: string | undefined;
  year?: number | undefined;
  kind?: FundKind | undefined;
  status?: 'open' | 'closed' | undefined;
}

function withNames(db: Db) {
  return db
    .selectFrom('subsidy_fund as f')
    .leftJoin('app_user as u', 'u.id', 'f.created_by')
    .selectAll('f')
    .select('u.display_name as created_by_name');
}

/** SQL of funds and their ledger. Every query takes the executor so the service can run it in its transaction. */
export const fundsRepository = {
  async list(db: Db, f: FundFilter, page: number, pageSize: number): Promise<{ rows: FundRow[]; total: number }> {
    let q = withNames(db);
    // an empty scope matches nothing (kysely refuses `in ()`)
    if (f.regionCodes) q = f.regionCodes.length ? q.where('f.region_code', 'in', f.regionCodes) : q.where(sql<boolean>`false`);
    if (f.regionCode) q = q.where('f.region_code', '=', f.regionCode);
    if (f.year) q = q.where('f.year', '=', f.year);
    if (f.kind) q = q.where('f.kind', '=', f.kind);
    if (f.status) q = q.where('f.status', '=', f.status);
    const [rows, count] = await Promise.all([
      q
        .orderBy('f.year', 'desc')
        .orderBy('f.region_code')
        .orderBy('f.code')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      q
        .clearSelect()
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { rows, total: count.n };
  },

  async get(db: Db, id: string): Promise<FundRow | undefined> {
    return withNames(db).where('f.id', '=', id).executeTakeFirst();
  },

  /** Funds of one region and year (the reconciliation report). */
  async ofRegionYear(db: Db, regionCode: string, year: number): Promise<FundRow[]> {
    return withNames(db).where('f.region_code', '=', regionCode).where('f.year', '=', year).orderBy('f.code').execute();
  },

  /** Ledger sums per fund and kind of many funds in one grouped query. */
  async sumsOf(db: Db, fundIds: string[]): Promise<Map<string, LedgerSums>> {
    const result = new Map<string, LedgerSums>(fundIds.map((id) => [id, {}]));
    if (fundIds.length === 0) return result;
    const rows = await db
      .selectFrom('ledger_entry')
      .select(['fund_id', 'kind', sql<number>`sum(amount_fen)::bigint`.as('total')])
      .where('fund_id', 'in', fundIds)
      .groupBy(['fund_id', 'kind'])
      .execute();
    for (const r of rows) result.get(r.fund_id)![r.kind] = Number(r.total);
    return result;
  },

  async insert(db: Db, values: Insertable<SubsidyFundTable>): Promise<string> {
    return (await db.insertInto('subsidy_fund').values(values).returning('id').executeTakeFirstOrThrow()).id;
  },

  async close(db: Db, id: string): Promise<void> {
    await db.updateTable('subsidy_fund').set({ status: 'closed' }).where('id', '=', id).execute();
  },

  ledgerQuery(db: Db, fundId: string) {
    return db
      .selectFrom('ledger_entry as l')
      .leftJoin('subsidy_claim as c', 'c.id', 'l.claim_id')
      .leftJoin('payment_batch as b', 'b.id', 'l.batch_id')
      .leftJoin('app_user as u', 'u.id', 'l.created_by')
      .where('l.fund_id', '=', fundId);
  },

  async ledger(db: Db, fundId: string, page: number, pageSize: number) {
    const q = this.ledgerQuery(db, fundId);
    const [rows, count] = await Promise.all([
      q
        .selectAll('l')
        .select(['c.claim_no', 'b.batch_no', 'u.display_name as created_by_name'])
        .orderBy('l.created_at', 'desc')
        .orderBy('l.id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: count.n };
  },

  /** The whole ledger of a fund, oldest first, for the export. */
  async fullLedger(db: Db, fundId: string) {
    return this.ledgerQuery(db, fundId)
      .selectAll('l')
      .select(['c.claim_no', 'b.batch_no', 'u.display_name as created_by_name'])
      .orderBy('l.created_at')
      .orderBy('l.id')
      .execute();
  },
};

export type LedgerRow = Awaited<ReturnType<typeof fundsRepository.fullLedger>>[number];
