import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type { ClassTrainingType } from '../../../shared/domain/class-codes';
import type { ClassStatus } from '../../../shared/domain/class-status';
import type { AttachedFile, ClassEventTable, ClassSessionTable, Tables, TrainingClassTable } from '../../db/tables';

type Executor = Kysely<Tables>;

export type ClassEventRow = Selectable<ClassEventTable>;
export type ClassListRow = Selectable<TrainingClassTable> & { institution_name: string; programme_name: string; enrolled_count: number };

export interface ClassFilter {
  /** county-level codes to keep, or null for the whole province */
  countyCodes: string[] | null;
  institutionId?: string | undefined;
  status?: ClassStatus | undefined;
  statuses?: readonly ClassStatus[] | undefined;
  trainingYear?: number | undefined;
  trainingType?: ClassTrainingType | undefined;
  q?: string | undefined;
}

export interface TrainerLine {
  trainer_id: string;
  role: 'lead' | 'assistant' | 'interpreter';
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function listQuery(db: Executor, filter: ClassFilter) {
  let query = db
    .selectFrom('training_class as c')
    .innerJoin('institution as i', 'i.id', 'c.institution_id')
    .innerJoin('catalogue_programme as p', 'p.id', 'c.programme_id');
  if (filter.countyCodes) query = query.where('c.county_code', 'in', filter.countyCodes.length ? filter.countyCodes : ['']);
  if (filter.institutionId) query = query.where('c.institution_id', '=', filter.institutionId);
  if (filter.status) query = query.where('c.status', '=', filter.status);
  if (filter.statuses) query = query.where('c.status', 'in', filter.statuses.length ? [...filter.statuses] : ['cancelled']);
  if (filter.trainingYear) query = query.where('c.training_year', '=', filter.trainingYear);
  if (filter.trainingType) query = query.where('c.training_type', '=', filter.trainingType);
  if (filter.q) {
    const like = `%${escapeLike(filter.q)}%`;
    query = query.where((eb) => eb.or([eb('c.name', 'like', like), eb('c.class_no', 'like', like)]));
  }
  return query;
}

function withNames(query: ReturnType<typeof listQuery>) {
  return query
    .selectAll('c')
    .select(['i.name as institution_name', 'p.name as programme_name'])
    .select((eb) =>
      eb
        .selectFrom('class_enrolment as e')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('e.class_id', '=', 'c.id')
        .where('e.status', '=', 'enrolled')
        .as('enrolled_count'),
    );
}

/** SQL of the training-class core: the class row, its trainers, schedule and event log. */
export const classesRepository = {
  async nextSerial(db: Executor): Promise<number> {
    const row = await sql<{ n: string }>`SELECT nextval('training_class_no_seq') AS n`.execute(db);
    return Number(row.rows[0]!.n);
  },

  async insert(db: Executor, values: Insertable<TrainingClassTable>): Promise<string> {
    const row = await db.insertInto('training_class').values(values).returning('id').executeTakeFirstOrThrow();
    return row.id;
  },

  /** Writes the change and moves the version on; the caller holds the row lock and checked the version. */
  async update(db: Executor, id: string, values: Updateable<TrainingClassTable>): Promise<void> {
    await db
      .updateTable('training_class')
      .set({ ...values, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .execute();
  },

  async list(db: Executor, filter: ClassFilter, page: number, pageSize: number) {
    const query = listQuery(db, filter);
    const [items, count] = await Promise.all([
      withNames(query)
        .orderBy('c.starts_on', 'desc')
        .orderBy('c.class_no', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: items as ClassListRow[], total: Number(count.n) };
  },

  /** Open reviews (opening and completion), the one due first on top. */
  async reviewQueue(db: Executor, countyCodes: string[] | null): Promise<ClassListRow[]> {
    const rows = await withNames(listQuery(db, { countyCodes, statuses: ['submitted', 'completion_submitted'] }))
      .orderBy(sql`coalesce(c.review_due_on, c.completion_review_due_on)`)
      .orderBy('c.class_no')
      .limit(500)
      .execute();
    return rows as ClassListRow[];
  },

  async one(db: Executor, id: string): Promise<ClassListRow> {
    const row = await withNames(listQuery(db, { countyCodes: null }))
      .where('c.id', '=', id)
      .executeTakeFirstOrThrow();
    return row as ClassListRow;
  },

  async countOpenReviews(db: Executor, countyCodes: string[] | null, today: string): Promise<{ open: number; overdue: number }> {
    let query = db.selectFrom('training_class').where('status', 'in', ['submitted', 'completion_submitted']);
    if (countyCodes) query = query.where('county_code', 'in', countyCodes.length ? countyCodes : ['']);
    const row = await query
      .select(sql<number>`count(*)::int`.as('open'))
      .select(
        sql<number>`count(*) FILTER (WHERE (status = 'submitted' AND review_due_on < ${today})
          OR (status = 'completion_submitted' AND completion_review_due_on < ${today}))::int`.as('overdue'),
      )
      .executeTakeFirstOrThrow();
    return { open: Number(row.open), overdue: Number(row.overdue) };
  },

  async countForInstitution(db: Executor, institutionId: string, status: ClassStatus): Promise<number> {
    const row = await db
      .selectFrom('training_class')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('institution_id', '=', institutionId)
      .where('status', '=', status)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  // -------------------------------------------------------------------------------------------
  // trainers and sessions

  trainers(db: Executor, classId: string) {
    return db
      .selectFrom('class_trainer as ct')
      .innerJoin('trainer as t', 't.id', 'ct.trainer_id')
      .leftJoin('app_user as u', 'u.id', 'ct.waiver_by')
      .select([
        'ct.id',
        'ct.trainer_id',
        'ct.role',
        'ct.waiver_reason',
        'ct.waiver_by',
        'ct.waiver_at',
        't.name',
        'u.display_name as waiver_by_name',
      ])
      .where('ct.class_id', '=', classId)
      .orderBy('ct.created_at')
      .orderBy('ct.id')
      .execute();
  },

  /** Keeps the rows (and their waivers) of trainers who stay, drops those who left the list, adds the new. */
  async replaceTrainers(db: Executor, classId: string, countyCode: string, lines: readonly TrainerLine[]): Promise<void> {
    const keep = lines.map((l) => l.trainer_id);
    let removal = db.deleteFrom('class_trainer').where('class_id', '=', classId);
    if (keep.length) removal = removal.where('trainer_id', 'not in', keep);
    await removal.execute();
    for (const line of lines) {
      await db
        .insertInto('class_trainer')
        .values({ class_id: classId, county_code: countyCode, trainer_id: line.trainer_id, role: line.role })
        .onConflict((oc) => oc.columns(['class_id', 'trainer_id']).doUpdateSet({ role: line.role }))
        .execute();
    }
  },

  async setWaiver(
    db: Executor,
    classId: string,
    trainerId: string,
    waiver: { waiver_reason: string; waiver_by: string; waiver_at: Date } | null,
  ): Promise<number> {
    const result = await db
      .updateTable('class_trainer')
      .set(waiver ?? { waiver_reason: null, waiver_by: null, waiver_at: null })
      .where('class_id', '=', classId)
      .where('trainer_id', '=', trainerId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },

  sessions(db: Executor, classId: string) {
    return db
      .selectFrom('class_session as s')
      .leftJoin('trainer as t', 't.id', 's.trainer_id')
      .select(['s.id', 's.seq', 's.starts_at', 's.ends_at', 's.topic', 's.trainer_id', 't.name as trainer_name'])
      .where('s.class_id', '=', classId)
      .orderBy('s.seq')
      .execute();
  },

  /** The schedule is rewritten whole: only while the application is editable, before any attendance exists. */
  async replaceSessions(
    db: Executor,
    classId: string,
    sessions: readonly Omit<Insertable<ClassSessionTable>, 'class_id'>[],
  ): Promise<void> {
    await db.deleteFrom('class_session').where('class_id', '=', classId).execute();
    if (sessions.length) {
      await db
        .insertInto('class_session')
        .values(sessions.map((s) => ({ ...s, class_id: classId })))
        .execute();
    }
  },

  async counts(db: Executor, classId: string): Promise<{ enrolled: number; applied: number; sessions: number }> {
    const row = await db
      .selectNoFrom((eb) => [
        eb
          .selectFrom('class_enrolment')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('class_id', '=', classId)
          .where('status', '=', 'enrolled')
          .as('enrolled'),
        eb
          .selectFrom('class_enrolment')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('class_id', '=', classId)
          .where('status', '=', 'applied')
          .as('applied'),
        eb
          .selectFrom('class_session')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('class_id', '=', classId)
          .as('sessions'),
      ])
      .executeTakeFirstOrThrow();
    return { enrolled: Number(row.enrolled ?? 0), applied: Number(row.applied ?? 0), sessions: Number(row.sessions ?? 0) };
  },

  // -------------------------------------------------------------------------------------------
  // events and files

  async recordEvent(
    db: Executor,
    event: Omit<Selectable<ClassEventTable>, 'id' | 'occurred_at' | 'documents'> & { documents?: AttachedFile[] },
  ): Promise<void> {
    await db
      .insertInto('class_event')
      .values({ ...event, documents: JSON.stringify(event.documents ?? []) })
      .execute();
  },

  events(db: Executor, classId: string): Promise<ClassEventRow[]> {
    return db.selectFrom('class_event').selectAll().where('class_id', '=', classId).orderBy('occurred_at').orderBy('id').execute();
  },

  // -------------------------------------------------------------------------------------------
  // what an application refers to

  activeProgramme(db: Executor, id: string) {
    return db
      .selectFrom('catalogue_programme')
      .select(['id', 'programme_code', 'name', 'training_type', 'hours'])
      .where('id', '=', id)
      .where('status', '=', 'active')
      .executeTakeFirst();
  },

  activeProgrammes(db: Executor) {
    return db
      .selectFrom('catalogue_programme')
      .select(['id', 'programme_code', 'name', 'training_type', 'hours', 'target_categories'])
      .where('status', '=', 'active')
      .orderBy('programme_code')
      .execute();
  },

  activeBases(db: Executor, institutionId: string) {
    return db
      .selectFrom('base_accreditation')
      .select(['id', 'base_name', 'plaque_no', 'term_end'])
      .where('institution_id', '=', institutionId)
      .where('status', '=', 'active')
      .orderBy('base_name')
      .execute();
  },

  /** Active trainers linked to the institution on `on` (a link ended before that day does not count). */
  linkedTrainers(db: Executor, institutionId: string, on: string) {
    return db
      .selectFrom('trainer as t')
      .select(['t.id', 't.name', 't.id_number_masked'])
      .where('t.status', '=', 'active')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('trainer_institution as ti')
            .select('ti.id')
            .whereRef('ti.trainer_id', '=', 't.id')
            .where('ti.institution_id', '=', institutionId)
            .where((w) => w.or([w('ti.to_on', 'is', null), w('ti.to_on', '>=', on)])),
        ),
      )
      .orderBy('t.name')
      .orderBy('t.id')
      .execute();
  },

  baseName(db: Executor, id: string) {
    return db.selectFrom('base_accreditation').select('base_name').where('id', '=', id).executeTakeFirst();
  },
};
