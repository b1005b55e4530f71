import { sql } from 'kysely';
import { fundPosition, type LedgerEntryKind } from '../../../shared/domain/subsidy-codes';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/database';

/**
 * The one writer of the fund ledger. Entries are insert-only (a trigger refuses update and delete):
 * a correction is a new entry. Callers write entries in the transaction that moves the money, so a
 * payment and its entry commit or roll back together.
 */
export interface LedgerEntryInput {
  fundId: string;
  regionCode: string;
  kind: LedgerEntryKind;
  amountFen: number;
  claimId?: string | null;
  paymentId?: string | null;
  batchId?: string | null;
  voucherRef?: string | null;
  memo?: string | null;
  createdBy: string | null;
}

export async function appendLedger(trx: Db, entry: LedgerEntryInput): Promise<string> {
  if (!Number.isSafeInteger(entry.amountFen) || entry.amountFen === 0) throw new Error(`ledger amount must be a non-zero integer of fen`);
  const row = await trx
    .insertInto('ledger_entry')
    .values({
      fund_id: entry.fundId,
      region_code: entry.regionCode,
      kind: entry.kind,
      amount_fen: entry.amountFen,
      claim_id: entry.claimId ?? null,
      payment_id: entry.paymentId ?? null,
      batch_id: entry.batchId ?? null,
      voucher_ref: entry.voucherRef ?? null,
      memo: entry.memo ?? null,
      created_by: entry.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Ledger sums per kind of one fund; `forUpdate` locks the fund row first so two commitments cannot both take the last money. */
export async function fundSums(trx: Db, fundId: string, options: { forUpdate?: boolean } = {}) {
  let fund = trx.selectFrom('subsidy_fund').selectAll().where('id', '=', fundId);
  if (options.forUpdate) fund = fund.forUpdate();
  const row = await fund.executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', '资金不存在');
  const sums = await trx
    .selectFrom('ledger_entry')
    .select(['kind', sql<number>`coalesce(sum(amount_fen), 0)::bigint`.as('total')])
    .where('fund_id', '=', fundId)
    .groupBy('kind')
    .execute();
  const byKind: Partial<Record<LedgerEntryKind, number>> = {};
  for (const s of sums) byKind[s.kind] = Number(s.total);
  return { fund: row, sums: byKind, position: fundPosition(byKind) };
}
