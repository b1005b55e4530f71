import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { ApprenticeshipProgressTable, ApprenticeshipTable, Tables, TalentMemberTable } from '../../db/tables';

type Executor = Kysely<Tables> | Transaction<Tables>;
export type MemberRow = Selectable<TalentMemberTable>;
export type ApprenticeshipRow = Selectable<ApprenticeshipTable>;
export type ProgressRow = Selectable<ApprenticeshipProgressTable>;

function escapeLike(value: string): string {
  return `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export const talentRepository = {
  async members(
    db: Executor,
    filter: { countyCodes: string[] | null; q?: string | undefined; category?: string | undefined },
    limit: number,
    offset: number,
  ): Promise<{ rows: MemberRow[]; total: number }> {
    let query = db.selectFrom('talent_member as m').innerJoin('person as p', 'p.id', 'm.person_id').where('m.status', '=', 'active');
    if (filter.countyCodes) query = query.where('m.county_code', 'in', filter.countyCodes);
    if (filter.q) query = query.where('p.name', 'like', escapeLike(filter.q));
    if (filter.category) query = query.where(sql<boolean>`${filter.category} = ANY(m.categories)`);
    const rows = await query.selectAll('m').orderBy('m.updated_at', 'desc').orderBy('m.id').limit(limit).offset(offset).execute();
    const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { rows, total: Number(count.n) };
  },

  findMember(db: Executor, id: string, lock = false): Promise<MemberRow | undefined> {
    const query = db.selectFrom('talent_member').selectAll().where('id', '=', id);
    return (lock ? query.forUpdate() : query).executeTakeFirst();
  },

  activeMemberOf(db: Executor, personId: string): Promise<MemberRow | undefined> {
    return db
      .selectFrom('talent_member')
      .selectAll()
      .where('person_id', '=', personId)
      .where('status', '=', 'active')
      .forUpdate()
      .executeTakeFirst();
  },

  insertMember(
    db: Executor,
    values: Pick<MemberRow, 'person_id' | 'county_code' | 'categories' | 'specialty' | 'evidence'>,
    actorId: string,
  ): Promise<MemberRow> {
    return db
      .insertInto('talent_member')
      .values({ ...values, created_by: actorId, updated_by: actorId })
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  updateMember(
    db: Executor,
    id: string,
    version: number,
    values: Pick<MemberRow, 'categories' | 'specialty' | 'evidence'>,
    actorId: string,
  ): Promise<MemberRow | undefined> {
    return db
      .updateTable('talent_member')
      .set({ ...values, updated_by: actorId, updated_at: new Date(), version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },

  removeMember(db: Executor, id: string, actorId: string) {
    return db
      .updateTable('talent_member')
      .set((eb) => ({ status: 'removed', updated_by: actorId, updated_at: new Date(), version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute();
  },

  async candidates(
    db: Executor,
    filter: { countyCodes: string[] | null; kind?: string | undefined; status: string; id?: string },
    limit: number,
    offset: number,
  ) {
    let query = db
      .selectFrom('talent_candidate as c')
      .innerJoin('contest_entrant as e', 'e.id', 'c.contest_entrant_id')
      .innerJoin('contest as k', 'k.id', 'e.contest_id');
    if (filter.id) query = query.where('c.id', '=', filter.id);
    else query = query.where('c.status', '=', filter.status as 'open');
    if (filter.countyCodes) query = query.where('c.county_code', 'in', filter.countyCodes);
    if (filter.kind) query = query.where('c.kind', '=', filter.kind as 'high_skill');
    const rows = await query
      .select([
        'c.id',
        'c.kind',
        'c.status',
        'c.person_id',
        'c.county_code',
        'c.decision_note',
        'c.created_at',
        'k.id as contest_id',
        'k.name as contest_name',
        'k.level as contest_level',
        'e.occupation',
        'e.award',
      ])
      .orderBy('c.created_at', 'desc')
      .orderBy('c.id')
      .limit(limit)
      .offset(offset)
      .execute();
    const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { rows, total: Number(count.n) };
  },

  async countOpenCandidates(db: Executor, countyCodes: string[] | null): Promise<number> {
    let query = db.selectFrom('talent_candidate').where('status', '=', 'open');
    if (countyCodes) query = query.where('county_code', 'in', countyCodes);
    const row = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  },

  lockCandidate(db: Executor, id: string) {
    return db.selectFrom('talent_candidate').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },

  decideCandidate(db: Executor, id: string, status: 'accepted' | 'dismissed', note: string | null, actorId: string) {
    return db
      .updateTable('talent_candidate')
      .set({ status, decision_note: note, decided_by: actorId, decided_at: new Date() })
      .where('id', '=', id)
      .execute();
  },

  async apprenticeships(
    db: Executor,
    filter: { countyCodes: string[] | null; status?: string | undefined },
    limit: number,
    offset: number,
  ) {
    let query = db.selectFrom('apprenticeship');
    if (filter.countyCodes) query = query.where('county_code', 'in', filter.countyCodes);
    if (filter.status) query = query.where('status', '=', filter.status as 'active');
    const rows = await query.selectAll().orderBy('started_on', 'desc').orderBy('id').limit(limit).offset(offset).execute();
    const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { rows, total: Number(count.n) };
  },

  /** Milestones reached and the last progress date of each pair. */
  progressTotals(db: Executor, ids: string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('apprenticeship_progress')
      .select([
        'apprenticeship_id',
        (eb) => eb.fn.count<number>('milestone').as('milestones'),
        (eb) => eb.fn.max('recorded_on').as('last_on'),
      ])
      .where('apprenticeship_id', 'in', ids)
      .groupBy('apprenticeship_id')
      .execute();
  },

  findApprenticeship(db: Executor, id: string, lock = false): Promise<ApprenticeshipRow | undefined> {
    const query = db.selectFrom('apprenticeship').selectAll().where('id', '=', id);
    return (lock ? query.forUpdate() : query).executeTakeFirst();
  },

  insertApprenticeship(
    db: Executor,
    values: Pick<
      ApprenticeshipRow,
      'county_code' | 'master_member_id' | 'master_name' | 'apprentice_person_id' | 'craft' | 'started_on' | 'goals'
    >,
    actorId: string,
  ): Promise<ApprenticeshipRow> {
    return db
      .insertInto('apprenticeship')
      .values({ ...values, created_by: actorId, updated_by: actorId })
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  closeApprenticeship(db: Executor, id: string, status: 'completed' | 'ended', endedOn: string, actorId: string) {
    return db
      .updateTable('apprenticeship')
      .set({ status, ended_on: endedOn, updated_by: actorId, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
  },

  touchApprenticeship(db: Executor, id: string, actorId: string) {
    return db.updateTable('apprenticeship').set({ updated_by: actorId, updated_at: new Date() }).where('id', '=', id).execute();
  },

  progress(db: Executor, apprenticeshipId: string): Promise<ProgressRow[]> {
    return db
      .selectFrom('apprenticeship_progress')
      .selectAll()
      .where('apprenticeship_id', '=', apprenticeshipId)
      .orderBy('recorded_on', 'desc')
      .orderBy('created_at', 'desc')
      .execute();
  },

  insertProgress(
    db: Executor,
    values: Pick<
      ProgressRow,
      'apprenticeship_id' | 'county_code' | 'recorded_on' | 'note' | 'milestone' | 'recorded_by' | 'recorded_by_name'
    >,
  ) {
    return db.insertInto('apprenticeship_progress').values(values).execute();
  },
};
