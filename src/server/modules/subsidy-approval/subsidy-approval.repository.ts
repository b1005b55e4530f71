import { sql } from 'kysely';
import type { ApprovalStep, ClaimStatus } from '../../../shared/domain/subsidy-codes';
import type { Db } from '../../db/database';
import type { ClaimRow } from '../subsidy-claims/claim-access';

/** A county filter: the codes in scope, or null for the whole province. */
type Counties = string[] | null;

/** Rows for staff lists: the claim with its person, institution and class. */
function claimsWithNames(db: Db) {
  return db
    .selectFrom('subsidy_claim as c')
    .innerJoin('person as p', 'p.id', 'c.person_id')
    .innerJoin('institution as i', 'i.id', 'c.institution_id')
    .innerJoin('training_class as k', 'k.id', 'c.class_id');
}

export const subsidyApprovalRepository = {
  async candidates(db: Db, counties: Counties, limit: number, offset: number) {
    const base = claimsWithNames(db)
      .where('c.status', '=', 'submitted')
      .$if(counties !== null, (q) => q.where('c.county_code', 'in', counties!.length ? counties! : ['']));
    const [rows, count] = await Promise.all([
      base
        .select([
          'c.id',
          'c.claim_no',
          'c.occupation',
          'c.skill_level',
          'c.amount_fen',
          'c.submitted_at',
          'p.name as person_name',
          'i.name as institution_name',
          'k.class_no',
        ])
        .orderBy('c.submitted_at')
        .orderBy('c.claim_no')
        .limit(limit)
        .offset(offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  },

  /** The claims to put on notice, locked, in claim-number order (the order of the lines). */
  lockClaims(trx: Db, ids: readonly string[]): Promise<ClaimRow[]> {
    return trx
      .selectFrom('subsidy_claim')
      .selectAll()
      .where(sql<boolean>`id = any(${sql.val(ids)}::uuid[])`)
      .orderBy('claim_no')
      .forUpdate()
      .execute();
  },

  async nextListSerial(trx: Db): Promise<number> {
    const row = await sql<{ n: string | number }>`SELECT nextval('subsidy_notice_list_no_seq') AS n`.execute(trx);
    return Number(row.rows[0]!.n);
  },

  claimsOfList(trx: Db, listId: string, statuses: readonly ClaimStatus[], lock = true): Promise<ClaimRow[]> {
    return trx
      .selectFrom('subsidy_claim')
      .selectAll()
      .where('notice_list_id', '=', listId)
      .where('status', 'in', [...statuses])
      .orderBy('notice_line_no')
      .$if(lock, (q) => q.forUpdate())
      .execute();
  },

  claimOfLine(trx: Db, listId: string, lineNo: number): Promise<ClaimRow | undefined> {
    return trx
      .selectFrom('subsidy_claim')
      .selectAll()
      .where('notice_list_id', '=', listId)
      .where('notice_line_no', '=', lineNo)
      .forUpdate()
      .executeTakeFirst();
  },

  async setListStatus(trx: Db, listId: string, status: 'on_notice' | 'effective' | 'withdrawn'): Promise<void> {
    await trx.updateTable('subsidy_notice_list').set({ status }).where('id', '=', listId).execute();
  },

  listById(db: Db, listId: string) {
    return db.selectFrom('subsidy_notice_list').selectAll().where('id', '=', listId).executeTakeFirst();
  },

  listByNotice(db: Db, noticeId: string) {
    return db
      .selectFrom('subsidy_notice_list as l')
      .innerJoin('public_notice as n', 'n.id', 'l.notice_id')
      .select(['l.id', 'l.list_no', 'l.county_code', 'l.total_fen', 'n.status as notice_status', 'n.subject_kind'])
      .where('l.notice_id', '=', noticeId)
      .executeTakeFirst();
  },

  async lists(db: Db, counties: Counties, limit: number, offset: number, listId?: string) {
    const base = db
      .selectFrom('subsidy_notice_list as l')
      .leftJoin('public_notice as n', 'n.id', 'l.notice_id')
      .leftJoin('app_user as u', 'u.id', 'l.prepared_by')
      .$if(counties !== null, (q) => q.where('l.county_code', 'in', counties!.length ? counties! : ['']))
      .$if(listId !== undefined, (q) => q.where('l.id', '=', listId!));
    const [rows, count] = await Promise.all([
      base
        .selectAll('l')
        .select([
          'n.status as notice_status',
          'n.ends_at as notice_ends_at',
          'u.display_name as prepared_by_name',
          (eb) =>
            eb
              .selectFrom('subsidy_claim as c')
              .select((c) => c.fn.countAll<number>().as('n'))
              .whereRef('c.notice_list_id', '=', 'l.id')
              .where('c.status', '=', 'held')
              .as('held_count'),
        ])
        .orderBy('l.created_at', 'desc')
        .orderBy('l.id')
        .limit(limit)
        .offset(offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows: rows.map((r) => ({ ...r, held_count: Number(r.held_count) })), total: Number(count.n) };
  },

  async held(db: Db, counties: Counties, limit: number, offset: number) {
    const base = claimsWithNames(db)
      .leftJoin('subsidy_notice_list as l', 'l.id', 'c.notice_list_id')
      .where('c.status', '=', 'held')
      .$if(counties !== null, (q) => q.where('c.county_code', 'in', counties!.length ? counties! : ['']));
    const [rows, count] = await Promise.all([
      base
        .select([
          'c.id',
          'c.claim_no',
          'c.amount_fen',
          'c.notice_line_no',
          'c.hold_reason',
          'c.updated_at',
          'p.name as person_name',
          'i.name as institution_name',
          'l.list_no',
        ])
        .orderBy('c.updated_at')
        .orderBy('c.claim_no')
        .limit(limit)
        .offset(offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  },

  publicLines(db: Db, listId: string) {
    return claimsWithNames(db)
      .select([
        'c.notice_line_no',
        'p.name as person_name',
        'i.name as institution_name',
        'k.name as class_name',
        'c.occupation',
        'c.skill_level',
        'c.amount_fen',
        'c.training_year',
      ])
      .where('c.notice_list_id', '=', listId)
      .where('c.notice_line_no', 'is not', null)
      .orderBy('c.notice_line_no')
      .execute();
  },

  noticeOfList(trx: Db, listId: string) {
    return trx
      .selectFrom('subsidy_notice_list as l')
      .leftJoin('public_notice as n', 'n.id', 'l.notice_id')
      .select(['l.id', 'l.status', 'n.status as notice_status'])
      .where('l.id', '=', listId)
      .executeTakeFirst();
  },

  /** Who took the approve steps of a claim, other than at `step` (maker/checker). */
  async approversOf(db: Db, claimId: string, step: ApprovalStep): Promise<string[]> {
    const rows = await db
      .selectFrom('subsidy_claim_event')
      .select('actor_id')
      .where('claim_id', '=', claimId)
      .where('command', '=', 'approve')
      .where('step', '<>', step)
      .where('actor_id', 'is not', null)
      .execute();
    return rows.map((r) => r.actor_id!);
  },

  /** For the queue: which of these claims the actor approved at some step (other steps are checked per claim). */
  async approvalsBy(db: Db, actorId: string, claimIds: readonly string[]) {
    if (claimIds.length === 0) return [];
    return db
      .selectFrom('subsidy_claim_event')
      .select(['claim_id', 'step'])
      .where('actor_id', '=', actorId)
      .where('command', '=', 'approve')
      .where(sql<boolean>`claim_id = any(${sql.val(claimIds)}::uuid[])`)
      .execute();
  },

  async queue(
    db: Db,
    filter: { counties: Counties; statuses: ClaimStatus[]; overdueBefore?: string | undefined; limit: number; offset: number },
  ) {
    const base = claimsWithNames(db)
      // no step the actor may take: an empty queue
      .where('c.status', 'in', filter.statuses.length ? filter.statuses : ['draft'])
      .$if(filter.statuses.length === 0, (q) => q.where(sql<boolean>`false`))
      .$if(filter.counties !== null, (q) => q.where('c.county_code', 'in', filter.counties!.length ? filter.counties! : ['']))
      .$if(filter.overdueBefore !== undefined, (q) => q.where('c.step_due_on', '<', filter.overdueBefore!));
    const [rows, count] = await Promise.all([
      base
        .selectAll('c')
        .select(['p.name as person_name', 'i.name as institution_name'])
        // the most urgent first
        .orderBy(sql`c.step_due_on NULLS LAST`)
        .orderBy('c.claim_no')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  },

  /** Per status: claims waiting and how many are past their due date. */
  async queueCounts(db: Db, counties: Counties, statuses: ClaimStatus[], today: string) {
    if (statuses.length === 0) return [];
    const rows = await db
      .selectFrom('subsidy_claim as c')
      .select([
        'c.status',
        (eb) => eb.fn.countAll<number>().as('n'),
        sql<number>`count(*) FILTER (WHERE c.step_due_on < ${today})`.as('overdue'),
      ])
      .where('c.status', 'in', statuses)
      .$if(counties !== null, (q) => q.where('c.county_code', 'in', counties!.length ? counties! : ['']))
      .groupBy('c.status')
      .execute();
    return rows.map((r) => ({ status: r.status, n: Number(r.n), overdue: Number(r.overdue) }));
  },

  openFunds(db: Db, regionCodes: readonly string[], year: number | undefined) {
    return db
      .selectFrom('subsidy_fund')
      .selectAll()
      .where('status', '=', 'open')
      .where('region_code', 'in', regionCodes.length ? [...regionCodes] : [''])
      .$if(year !== undefined, (q) => q.where('year', '=', year!))
      .orderBy('year', 'desc')
      .orderBy('code')
      .execute();
  },

  async ledgerSumsByFund(db: Db, fundIds: readonly string[]) {
    if (fundIds.length === 0) return [];
    const rows = await db
      .selectFrom('ledger_entry')
      .select(['fund_id', 'kind', sql<number>`coalesce(sum(amount_fen), 0)::bigint`.as('total')])
      .where(sql<boolean>`fund_id = any(${sql.val(fundIds)}::uuid[])`)
      .groupBy(['fund_id', 'kind'])
      .execute();
    return rows.map((r) => ({ ...r, total: Number(r.total) }));
  },
};
