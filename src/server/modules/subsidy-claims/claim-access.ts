import type { Selectable } from 'kysely';
import type { ClaimCommand, ClaimStatus, ApprovalStep } from '../../../shared/domain/subsidy-codes';
import { claimStatusLabels } from '../../../shared/domain/subsidy-codes';
import type { Place } from '../../../shared/domain/subsidy-eligibility';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/database';
import type { SubsidyClaimTable } from '../../db/tables';
import { type Actor, inScope } from '../../platform/actor';
import type { RegionsService } from '../regions/regions.service';

export type ClaimRow = Selectable<SubsidyClaimTable>;

export interface ClaimAccess {
  row: ClaimRow;
  /** the side the actor acts for: the claim's own institution, or federation staff over its county */
  party: 'institution' | 'federation';
}

/**
 * The one access rule of every subsidy-claim route: an institution user reaches only its own
 * institution's claims; staff reach claims whose county lies in their scope. Anything else answers
 * NOT_FOUND. `forUpdate` locks the row for the transaction that changes it.
 */
export async function claimForActor(db: Db, actor: Actor, claimId: string, options: { forUpdate?: boolean } = {}): Promise<ClaimAccess> {
  let query = db.selectFrom('subsidy_claim').selectAll().where('id', '=', claimId);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', '补贴申领不存在');
  if (actor.kind === 'institution') {
    const own = await db.selectFrom('app_user').select('institution_id').where('id', '=', actor.userId).executeTakeFirst();
    if (!own?.institution_id || own.institution_id !== row.institution_id) throw new AppError('NOT_FOUND', '补贴申领不存在');
    return { row, party: 'institution' };
  }
  if (actor.kind !== 'staff' || !inScope(actor.scope, row.county_code)) throw new AppError('NOT_FOUND', '补贴申领不存在');
  return { row, party: 'federation' };
}

/** Refuses a command unless the claim is in one of the statuses it starts from. */
export function requireClaimStatus(row: ClaimRow, allowed: readonly ClaimStatus[], what: string): void {
  if (!allowed.includes(row.status))
    throw new AppError('CONFLICT', `申领 ${row.claim_no} 当前为“${claimStatusLabels[row.status]}”，不能${what}`);
}

export interface ClaimMove {
  command: ClaimCommand;
  to: ClaimStatus;
  step?: ApprovalStep | null;
  comment?: string | null;
  documents?: { fileId: string; name: string }[];
  dueOn?: string | null;
  late?: boolean;
  /** more columns to set on the claim in the same statement */
  set?: Partial<Record<keyof SubsidyClaimTable, unknown>>;
}

/**
 * Moves a claim to another status and records the event, in the caller's transaction. The version
 * check makes a concurrent second move fail instead of overwriting: the caller locked the row or
 * passes the version it read.
 */
export async function moveClaim(
  trx: Db,
  row: ClaimRow,
  move: ClaimMove,
  actor: { userId: string | null; displayName: string | null },
): Promise<void> {
  const updated = await trx
    .updateTable('subsidy_claim')
    .set({ ...(move.set as object), status: move.to, version: row.version + 1, updated_at: new Date() })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new AppError('CONFLICT', `申领 ${row.claim_no} 已被他人处理，请刷新后再试`);
  await trx
    .insertInto('subsidy_claim_event')
    .values({
      claim_id: row.id,
      county_code: row.county_code,
      command: move.command,
      step: move.step ?? null,
      from_status: row.status,
      to_status: move.to,
      comment: move.comment ?? null,
      documents: JSON.stringify(move.documents ?? []),
      due_on: move.dueOn ?? null,
      late: move.late ?? false,
      actor_id: actor.userId,
      actor_name: actor.displayName,
    })
    .execute();
}

/**
 * A region code as a place for the region rule: its county, city and province. Codes the reference
 * data does not hold (a hukou outside the province) fall back on the GB/T 2260 digits.
 */
export function placeOf(regions: RegionsService, code: string): Place {
  const path = regions.path(code);
  const known = path.length > 0;
  const county = known ? path.find((r) => r.level === 'county') : undefined;
  const city = known ? path.find((r) => r.level === 'city') : undefined;
  const province = known ? path.find((r) => r.level === 'province') : undefined;
  const cityCode = city?.code ?? `${code.slice(0, 4)}00`;
  return {
    // a city without counties (嘉峪关) is its own county-level unit
    countyCode: county?.code ?? code,
    cityCode,
    provinceCode: province?.code ?? `${code.slice(0, 2)}0000`,
    name: known
      ? path
          .map((r) => r.name)
          .reverse()
          .join('')
      : `区划 ${code}`,
  };
}
