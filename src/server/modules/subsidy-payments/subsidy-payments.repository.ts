import { type Insertable, type Selectable, sql } from 'kysely';
import type { BatchStatus } from '../../../shared/domain/subsidy-codes';
import type { Db } from '../../db/database';
import type { IdempotencyKeyTable, PaymentBatchTable, SubsidyPaymentTable } from '../../db/tables';

export type BatchRow = Selectable<PaymentBatchTable>;
export type PaymentRow = Selectable<SubsidyPaymentTable>;
export type KeyRow = Selectable<IdempotencyKeyTable>;

const batchColumns = [
  'b.id',
  'b.batch_no',
  'b.region_code',
  'b.fund_id',
  'b.status',
  'b.claim_count',
  'b.total_fen',
  'b.voucher_ref',
  'b.created_by',
  'b.paid_by',
  'b.paid_at',
  'b.cancelled_reason',
  'b.remarks',
  'b.version',
  'b.created_at',
  'f.name as fund_name',
  'f.code as fund_code',
  'maker.display_name as created_by_name',
  'payer.display_name as paid_by_name',
] as const;

function batchesWithNames(db: Db) {
  return db
    .selectFrom('payment_batch as b')
    .innerJoin('subsidy_fund as f', 'f.id', 'b.fund_id')
    .leftJoin('app_user as maker', 'maker.id', 'b.created_by')
    .leftJoin('app_user as payer', 'payer.id', 'b.paid_by')
    .select(batchColumns);
}

export type BatchListRow = Awaited<ReturnType<typeof subsidyPaymentsRepository.listBatches>>['rows'][number];

export interface BatchFilter {
  regionCodes: string[] | null;
  status?: BatchStatus | undefined;
  fundId?: string | undefined;
  q?: string | undefined;
}

/** The claim columns a batch line shows, with the names the screen needs. */
function claimLines(db: Db) {
  return db
    .selectFrom('subsidy_claim as c')
    .innerJoin('person as p', 'p.id', 'c.person_id')
    .innerJoin('institution as i', 'i.id', 'c.institution_id')
    .select([
      'c.id',
      'c.claim_no',
      'c.county_code',
      'c.fund_id',
      'c.batch_id',
      'c.occupation',
      'c.skill_level',
      'c.amount_fen',
      'c.payee_kind',
      'c.payee_name',
      'c.bank_name',
      'c.bank_account_masked',
      'c.bank_account_sealed',
      'c.status',
      'c.version',
      'p.name as person_name',
      'i.name as institution_name',
    ]);
}
export type ClaimLineRow = Awaited<ReturnType<typeof subsidyPaymentsRepository.claimsOfBatch>>[number];

export const subsidyPaymentsRepository = {
  async listBatches(db: Db, filter: BatchFilter, page: number, pageSize: number) {
    let query = batchesWithNames(db);
    if (filter.regionCodes) query = query.where('b.region_code', 'in', filter.regionCodes.length > 0 ? filter.regionCodes : ['']);
    if (filter.status) query = query.where('b.status', '=', filter.status);
    if (filter.fundId) query = query.where('b.fund_id', '=', filter.fundId);
    if (filter.q) query = query.where('b.batch_no', 'ilike', `%${filter.q.replace(/[\\%_]/g, '\\$&')}%`);
    const [rows, count] = await Promise.all([
      query
        .orderBy('b.created_at', 'desc')
        .orderBy('b.batch_no', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      query
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  },

  batchWithNames(db: Db, id: string) {
    return batchesWithNames(db).where('b.id', '=', id).executeTakeFirst();
  },

  lockBatch(trx: Db, id: string) {
    return trx.selectFrom('payment_batch').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },

  fund(db: Db, id: string) {
    return db.selectFrom('subsidy_fund').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Open funds of the regions, with the approved claims of each that no batch holds yet. */
  async fundsWithWaiting(db: Db, regionCodes: string[] | null) {
    let query = db
      .selectFrom('subsidy_fund as f')
      .leftJoin('subsidy_claim as c', (join) => join.onRef('c.fund_id', '=', 'f.id').on('c.status', '=', 'approved'))
      .select([
        'f.id',
        'f.region_code',
        'f.year',
        'f.kind',
        'f.code',
        'f.name',
        sql<number>`count(c.id)::bigint`.as('waiting_count'),
        sql<number>`coalesce(sum(c.amount_fen), 0)::bigint`.as('waiting_fen'),
      ])
      .where('f.status', '=', 'open')
      .groupBy(['f.id', 'f.region_code', 'f.year', 'f.kind', 'f.code', 'f.name'])
      .orderBy('f.year', 'desc')
      .orderBy('f.code');
    if (regionCodes) query = query.where('f.region_code', 'in', regionCodes.length > 0 ? regionCodes : ['']);
    return query.execute();
  },

  /** Approved claims of a fund in the counties given (null: any), oldest approval first. */
  candidates(db: Db, fundId: string, countyCodes: string[] | null, limit: number) {
    let query = claimLines(db).where('c.fund_id', '=', fundId).where('c.status', '=', 'approved');
    if (countyCodes) query = query.where('c.county_code', 'in', countyCodes.length > 0 ? countyCodes : ['']);
    return query.orderBy('c.approved_at').orderBy('c.claim_no').limit(limit).execute();
  },

  claimsOfBatch(db: Db, batchId: string) {
    return claimLines(db).where('c.batch_id', '=', batchId).orderBy('c.claim_no').execute();
  },

  /** The claims named, locked for the transaction that batches them (in id order: two makers never deadlock). */
  lockClaims(trx: Db, ids: string[]) {
    return trx.selectFrom('subsidy_claim').selectAll().where('id', 'in', ids).orderBy('id').forUpdate().execute();
  },

  lockClaimsOfBatch(trx: Db, batchId: string) {
    return trx.selectFrom('subsidy_claim').selectAll().where('batch_id', '=', batchId).orderBy('id').forUpdate().execute();
  },

  async nextBatchSerial(trx: Db): Promise<number> {
    const row = await sql<{ n: number }>`SELECT nextval('subsidy_batch_no_seq')::bigint AS n`.execute(trx);
    return Number(row.rows[0]!.n);
  },

  insertBatch(
    trx: Db,
    values: {
      batch_no: string;
      region_code: string;
      fund_id: string;
      claim_count: number;
      total_fen: number;
      created_by: string;
      remarks: string | null;
    },
  ) {
    return trx.insertInto('payment_batch').values(values).returning('id').executeTakeFirstOrThrow();
  },

  async setBatchTotals(trx: Db, batch: BatchRow, claimCount: number, totalFen: number): Promise<void> {
    await trx
      .updateTable('payment_batch')
      .set({ claim_count: claimCount, total_fen: totalFen, version: batch.version + 1 })
      .where('id', '=', batch.id)
      .execute();
  },

  async cancelBatch(trx: Db, batch: BatchRow, reason: string): Promise<void> {
    await trx
      .updateTable('payment_batch')
      .set({ status: 'cancelled', cancelled_reason: reason, version: batch.version + 1 })
      .where('id', '=', batch.id)
      .execute();
  },

  async markPaid(trx: Db, batch: BatchRow, paidBy: string, paidAt: Date, voucherRef: string): Promise<void> {
    await trx
      .updateTable('payment_batch')
      .set({ status: 'paid', paid_by: paidBy, paid_at: paidAt, voucher_ref: voucherRef, version: batch.version + 1 })
      .where('id', '=', batch.id)
      .execute();
  },

  insertPayment(trx: Db, values: Insertable<SubsidyPaymentTable>) {
    return trx.insertInto('subsidy_payment').values(values).returning(['id', 'created_at']).executeTakeFirstOrThrow();
  },

  payment(db: Db, id: string) {
    return db.selectFrom('subsidy_payment').selectAll().where('id', '=', id).executeTakeFirst();
  },

  reversalOf(db: Db, paymentId: string) {
    return db
      .selectFrom('subsidy_payment')
      .select('id')
      .where('reverses_id', '=', paymentId)
      .where('kind', '=', 'reversal')
      .executeTakeFirst();
  },

  paymentsOfBatch(db: Db, batchId: string) {
    return db.selectFrom('subsidy_payment').select(['id', 'kind', 'claim_id', 'reverses_id']).where('batch_id', '=', batchId).execute();
  },

  paymentsOfClaim(db: Db, claimId: string) {
    return db
      .selectFrom('subsidy_payment as s')
      .innerJoin('subsidy_claim as c', 'c.id', 's.claim_id')
      .innerJoin('payment_batch as b', 'b.id', 's.batch_id')
      .leftJoin('app_user as u', 'u.id', 's.created_by')
      .select([
        's.id',
        's.kind',
        's.claim_id',
        'c.claim_no',
        's.batch_id',
        'b.batch_no',
        's.amount_fen',
        's.payee_name',
        's.bank_name',
        's.bank_account_masked',
        's.voucher_ref',
        's.reverses_id',
        's.reason',
        'u.display_name as created_by_name',
        's.created_at',
      ])
      .where('s.claim_id', '=', claimId)
      .orderBy('s.created_at')
      .execute();
  },

  // ---------------------------------------------------------------- idempotency keys

  /**
   * Takes the key for this transaction. A second request with the same key waits here on the
   * primary key until the first one's transaction ends, then finds the row (answers false).
   */
  async claimKey(trx: Db, values: { key: string; scope: string; actor_id: string; request_digest: string }): Promise<boolean> {
    const row = await trx
      .insertInto('idempotency_key')
      .values(values)
      .onConflict((oc) => oc.columns(['scope', 'actor_id', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    return row !== undefined;
  },

  key(db: Db, scope: string, actorId: string, key: string) {
    return db
      .selectFrom('idempotency_key')
      .selectAll()
      .where('scope', '=', scope)
      .where('actor_id', '=', actorId)
      .where('key', '=', key)
      .executeTakeFirst();
  },

  async storeAnswer(trx: Db, scope: string, actorId: string, key: string, statusCode: number, response: unknown): Promise<void> {
    await trx
      .updateTable('idempotency_key')
      .set({ status_code: statusCode, response: JSON.stringify(response) })
      .where('scope', '=', scope)
      .where('actor_id', '=', actorId)
      .where('key', '=', key)
      .execute();
  },
};
