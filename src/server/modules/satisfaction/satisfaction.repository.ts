import { type Insertable, type Kysely, sql } from 'kysely';
import type { ClassStatus } from '../../../shared/domain/class-status';
import type { SatisfactionResponseTable, Tables } from '../../db/tables';

type Executor = Kysely<Tables>;

/** Per class: its facts and the counts the results and the evaluation feed add up. */
export interface ClassAggregateRow {
  id: string;
  class_no: string;
  name: string;
  status: ClassStatus;
  starts_on: string;
  ends_on: string;
  institution_id: string;
  institution_name: string;
  programme_code: string;
  programme_name: string;
  enrolled: number;
  passed: number;
  responses: number;
  /** the sum of the responses' overall scores (averages are weighted by response) */
  overall_sum: number;
}

export interface ClassAggregateFilter {
  statuses: readonly ClassStatus[];
  /** county-level codes to keep, or null for the whole province */
  countyCodes?: string[] | null;
  institutionId?: string;
  trainingYear?: number;
  /** classes that ended within these days (inclusive) */
  endsFrom?: string;
  endsTo?: string;
}

export interface MySurveyRow {
  enrolment_id: string;
  class_id: string;
  class_no: string;
  class_name: string;
  status: ClassStatus;
  starts_on: string;
  ends_on: string;
  institution_name: string;
  answered_at: Date | null;
}

function mySurveyQuery(db: Executor, personId: string) {
  return db
    .selectFrom('class_enrolment as e')
    .innerJoin('training_class as c', 'c.id', 'e.class_id')
    .innerJoin('institution as i', 'i.id', 'c.institution_id')
    .leftJoin('satisfaction_response as r', 'r.enrolment_id', 'e.id')
    .select([
      'e.id as enrolment_id',
      'c.id as class_id',
      'c.class_no',
      'c.name as class_name',
      'c.status',
      'c.starts_on',
      'c.ends_on',
      'i.name as institution_name',
      'r.submitted_at as answered_at',
    ])
    .where('e.person_id', '=', personId)
    .where('e.status', '=', 'enrolled');
}

/** SQL of the satisfaction survey. Every query takes the executor so the service can run it in its transaction. */
export const satisfactionRepository = {
  async personOfAccount(db: Executor, userId: string): Promise<string | null> {
    const row = await db.selectFrom('app_user').select('person_id').where('id', '=', userId).executeTakeFirst();
    return row?.person_id ?? null;
  },

  /** The person's enrolled lines in classes whose survey is open today and not yet answered, newest end first. */
  awaiting(db: Executor, personId: string, openStatuses: readonly ClassStatus[], today: string): Promise<MySurveyRow[]> {
    return mySurveyQuery(db, personId)
      .where('r.id', 'is', null)
      .where((eb) =>
        eb.or([eb('c.status', 'in', [...openStatuses]), eb.and([eb('c.status', '=', 'running'), eb('c.ends_on', '<=', today)])]),
      )
      .orderBy('c.ends_on', 'desc')
      .execute();
  },

  /** The person's enrolled line in one class (undefined when they are not on its roster). */
  myLine(db: Executor, personId: string, classId: string): Promise<MySurveyRow | undefined> {
    return mySurveyQuery(db, personId).where('c.id', '=', classId).executeTakeFirst();
  },

  /** Locks a roster line of a class for the answer that goes with it. */
  lockEnrolment(db: Executor, classId: string, enrolmentId: string) {
    return db
      .selectFrom('class_enrolment')
      .select(['id', 'status', 'person_id', 'external_name'])
      .where('id', '=', enrolmentId)
      .where('class_id', '=', classId)
      .forUpdate()
      .executeTakeFirst();
  },

  async answered(db: Executor, enrolmentId: string): Promise<boolean> {
    const row = await db.selectFrom('satisfaction_response').select('id').where('enrolment_id', '=', enrolmentId).executeTakeFirst();
    return row !== undefined;
  },

  insertResponse(db: Executor, values: Insertable<SatisfactionResponseTable>) {
    return db.insertInto('satisfaction_response').values(values).returning(['id', 'submitted_at']).executeTakeFirstOrThrow();
  },

  /** The enrolled roster of a class with its answered flag (names for the officer's list, masked by the service). */
  roster(db: Executor, classId: string) {
    return db
      .selectFrom('class_enrolment as e')
      .leftJoin('person as p', 'p.id', 'e.person_id')
      .leftJoin('satisfaction_response as r', 'r.enrolment_id', 'e.id')
      .select(['e.id', 'e.external_name', 'p.name as person_name', 'r.id as response_id'])
      .where('e.class_id', '=', classId)
      .where('e.status', '=', 'enrolled')
      .orderBy('e.created_at')
      .orderBy('e.id')
      .execute();
  },

  async enrolledCount(db: Executor, classId: string): Promise<number> {
    const row = await db
      .selectFrom('class_enrolment')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('class_id', '=', classId)
      .where('status', '=', 'enrolled')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /** The answers of a class, without anything that names who gave them. */
  responses(db: Executor, classId: string) {
    return db
      .selectFrom('satisfaction_response')
      .select(['survey_version', 'answers', 'overall', 'comment', 'channel', 'submitted_at'])
      .where('class_id', '=', classId)
      .orderBy('submitted_at', 'desc')
      .execute();
  },

  async classAggregates(db: Executor, filter: ClassAggregateFilter): Promise<ClassAggregateRow[]> {
    let query = db
      .selectFrom('training_class as c')
      .innerJoin('institution as i', 'i.id', 'c.institution_id')
      .innerJoin('catalogue_programme as p', 'p.id', 'c.programme_id')
      .select([
        'c.id',
        'c.class_no',
        'c.name',
        'c.status',
        'c.starts_on',
        'c.ends_on',
        'c.institution_id',
        'i.name as institution_name',
        'c.programme_code',
        'p.name as programme_name',
        sql<string>`(SELECT count(*) FROM class_enrolment e WHERE e.class_id = c.id AND e.status = 'enrolled')`.as('enrolled'),
        sql<string>`(SELECT count(*) FROM class_enrolment e WHERE e.class_id = c.id AND e.status = 'enrolled' AND e.completion_result = 'passed')`.as(
          'passed',
        ),
        sql<string>`(SELECT count(*) FROM satisfaction_response r WHERE r.class_id = c.id)`.as('responses'),
        sql<string>`(SELECT coalesce(sum(r.overall), 0) FROM satisfaction_response r WHERE r.class_id = c.id)`.as('overall_sum'),
      ])
      .where('c.status', 'in', [...filter.statuses]);
    if (filter.countyCodes) query = query.where('c.county_code', 'in', filter.countyCodes.length > 0 ? filter.countyCodes : ['']);
    if (filter.institutionId) query = query.where('c.institution_id', '=', filter.institutionId);
    if (filter.trainingYear !== undefined) query = query.where('c.training_year', '=', filter.trainingYear);
    if (filter.endsFrom) query = query.where('c.ends_on', '>=', filter.endsFrom);
    if (filter.endsTo) query = query.where('c.ends_on', '<=', filter.endsTo);
    const rows = await query.orderBy('c.ends_on', 'desc').orderBy('c.class_no').execute();
    return rows.map((r) => ({
      ...r,
      enrolled: Number(r.enrolled),
      passed: Number(r.passed),
      responses: Number(r.responses),
      overall_sum: Number(r.overall_sum),
    }));
  },

  /** Distinct people on the enrolled rosters of these classes (a registered person once, each external line once). */
  async distinctTrainees(db: Executor, classIds: readonly string[]): Promise<number> {
    if (classIds.length === 0) return 0;
    const row = await db
      .selectFrom('class_enrolment')
      .select(sql<string>`count(DISTINCT coalesce(person_id::text, id::text))`.as('n'))
      .where('class_id', 'in', [...classIds])
      .where('status', '=', 'enrolled')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
};
