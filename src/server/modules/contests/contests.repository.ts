import { type Kysely, type Selectable, type Transaction } from 'kysely';
import type { ContestBudgetLineTable, ContestEntrantTable, ContestTable, Tables } from '../../db/tables';

type Executor = Kysely<Tables> | Transaction<Tables>;
export type ContestRow = Selectable<ContestTable>;
export type EntrantRow = Selectable<ContestEntrantTable>;
export type BudgetLineRow = Selectable<ContestBudgetLineTable>;

export interface ContestFilter {
  /** the organiser regions the actor sees, null for all */
  regionCodes: string[] | null;
  q?: string | undefined;
  level?: ContestRow['level'] | undefined;
  status?: ContestRow['status'] | undefined;
}

function filtered(db: Executor, filter: ContestFilter) {
  let query = db.selectFrom('contest');
  if (filter.regionCodes) query = query.where('region_code', 'in', filter.regionCodes);
  if (filter.q) query = query.where('name', 'like', `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (filter.level) query = query.where('level', '=', filter.level);
  if (filter.status) query = query.where('status', '=', filter.status);
  return query;
}

export type ContestColumns = Pick<
  ContestRow,
  'name' | 'level' | 'occupations' | 'starts_on' | 'ends_on' | 'venue' | 'organiser' | 'remarks'
>;

export const contestsRepository = {
  async page(db: Executor, filter: ContestFilter, limit: number, offset: number): Promise<{ rows: ContestRow[]; total: number }> {
    const rows = await filtered(db, filter).selectAll().orderBy('starts_on', 'desc').orderBy('id').limit(limit).offset(offset).execute();
    const count = await filtered(db, filter)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return { rows, total: Number(count.n) };
  },

  /** Entrants per contest and county, for counting what an actor may see. */
  entrantCounts(db: Executor, contestIds: string[]) {
    if (contestIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('contest_entrant')
      .select(['contest_id', 'county_code', (eb) => eb.fn.countAll<number>().as('n')])
      .where('contest_id', 'in', contestIds)
      .groupBy(['contest_id', 'county_code'])
      .execute();
  },

  findById(db: Executor, id: string, lock = false): Promise<ContestRow | undefined> {
    const query = db.selectFrom('contest').selectAll().where('id', '=', id);
    return (lock ? query.forUpdate() : query).executeTakeFirst();
  },

  insert(db: Executor, columns: ContestColumns & { region_code: string }, actorId: string): Promise<ContestRow> {
    return db
      .insertInto('contest')
      .values({ ...columns, created_by: actorId, updated_by: actorId })
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  update(db: Executor, id: string, version: number, columns: ContestColumns & { status: ContestRow['status'] }, actorId: string) {
    return db
      .updateTable('contest')
      .set({ ...columns, updated_by: actorId, updated_at: new Date(), version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },

  touch(db: Executor, id: string, actorId: string) {
    return db.updateTable('contest').set({ updated_by: actorId, updated_at: new Date() }).where('id', '=', id).execute();
  },

  /** Entrants, optionally only those registered in the given counties, by occupation and rank. */
  entrants(db: Executor, contestId: string, countyCodes: string[] | null): Promise<EntrantRow[]> {
    let query = db.selectFrom('contest_entrant').selectAll().where('contest_id', '=', contestId);
    if (countyCodes) query = query.where('county_code', 'in', countyCodes.length > 0 ? countyCodes : ['']);
    return query.orderBy('occupation').orderBy('rank').orderBy('created_at').execute();
  },

  findEntrant(db: Executor, contestId: string, entrantId: string): Promise<EntrantRow | undefined> {
    return db.selectFrom('contest_entrant').selectAll().where('contest_id', '=', contestId).where('id', '=', entrantId).executeTakeFirst();
  },

  insertEntrant(db: Executor, values: Pick<EntrantRow, 'contest_id' | 'person_id' | 'county_code' | 'occupation'>, actorId: string) {
    return db
      .insertInto('contest_entrant')
      .values({ ...values, created_by: actorId })
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  deleteEntrant(db: Executor, id: string) {
    return db.deleteFrom('contest_entrant').where('id', '=', id).execute();
  },

  setResult(db: Executor, id: string, result: Pick<EntrantRow, 'rank' | 'award'> & { score: number | null }) {
    return db
      .updateTable('contest_entrant')
      .set({ ...result, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
  },

  /** The candidate rows of a contest's entrants. */
  candidates(db: Executor, contestId: string) {
    return db
      .selectFrom('talent_candidate as c')
      .innerJoin('contest_entrant as e', 'e.id', 'c.contest_entrant_id')
      .select(['c.id', 'c.contest_entrant_id', 'c.kind', 'c.status'])
      .where('e.contest_id', '=', contestId)
      .execute();
  },

  insertCandidate(
    db: Executor,
    values: { person_id: string; county_code: string; kind: 'trainer_pool' | 'high_skill'; contest_entrant_id: string },
  ) {
    return db
      .insertInto('talent_candidate')
      .values(values)
      .onConflict((oc) => oc.columns(['contest_entrant_id', 'kind']).doNothing())
      .execute();
  },

  deleteCandidate(db: Executor, id: string) {
    return db.deleteFrom('talent_candidate').where('id', '=', id).execute();
  },

  budgetLines(db: Executor, contestId: string): Promise<BudgetLineRow[]> {
    return db.selectFrom('contest_budget_line').selectAll().where('contest_id', '=', contestId).orderBy('created_at').execute();
  },

  insertBudgetLine(db: Executor, values: Pick<BudgetLineRow, 'contest_id' | 'category' | 'amount_fen' | 'note'>, actorId: string) {
    return db
      .insertInto('contest_budget_line')
      .values({ ...values, created_by: actorId })
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  async deleteBudgetLine(db: Executor, contestId: string, lineId: string): Promise<boolean> {
    const result = await db
      .deleteFrom('contest_budget_line')
      .where('contest_id', '=', contestId)
      .where('id', '=', lineId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  },
};
