import { type Insertable, type Selectable, sql } from 'kysely';
import { rosterHoldingStatuses } from '../../../shared/domain/class-enrolment';
import type { Db } from '../../db/database';
import type { ClassEnrolmentTable, PersonRow } from '../../db/tables';

export type EnrolmentRow = Selectable<ClassEnrolmentTable>;
export type PersonFacts = Pick<PersonRow, 'id' | 'status' | 'sex' | 'birth_date' | 'disability_category' | 'accommodations'>;

/** Columns of a roster line with the registry fields it shows (masked numbers only). */
const rosterColumns = [
  'e.id',
  'e.class_id',
  'e.participant_kind',
  'e.person_id',
  'e.external_name',
  'e.external_organisation',
  'e.external_role',
  'e.external_phone_masked',
  'e.status',
  'e.status_reason',
  'e.source',
  'e.accommodations',
  'e.exam_score',
  'e.exam_absent',
  'e.completion_result',
  'e.created_at',
  'p.name as person_name',
  'p.id_number_masked',
  'p.sex',
  'p.birth_date',
  'p.disability_category',
] as const;

/** Columns of a class as the trainee's pages and the training history show it. */
const classColumns = [
  'c.id as class_id',
  'c.class_no',
  'c.name as class_name',
  'c.training_type',
  'c.starts_on',
  'c.ends_on',
  'c.venue_address',
  'c.venue_features',
  'c.hours',
  'c.status as class_status',
  'c.planned_size',
  'c.programme_code',
  'i.name as institution_name',
  'cp.name as programme_name',
] as const;

/** SQL of rosters. Every function takes the executor so the service can run it in its transaction. */
export const enrolmentRepository = {
  /**
   * The registry fields the rules need, the person row locked: enrolments of one person are taken
   * one at a time, so two classes cannot both pass the overlap check. Found by id only: the lookup
   * by ID number is the persons module's.
   */
  personForUpdate(db: Db, personId: string): Promise<PersonFacts | undefined> {
    return db
      .selectFrom('person')
      .select(['id', 'status', 'sex', 'birth_date', 'disability_category', 'accommodations'])
      .where('id', '=', personId)
      .forUpdate()
      .executeTakeFirst();
  },

  async personCategory(db: Db, personId: string): Promise<string | null> {
    const row = await db.selectFrom('person').select('disability_category').where('id', '=', personId).executeTakeFirst();
    return row?.disability_category ?? null;
  },

  async programmeTargets(db: Db, programmeId: string): Promise<string[]> {
    const row = await db.selectFrom('catalogue_programme').select('target_categories').where('id', '=', programmeId).executeTakeFirst();
    return row?.target_categories ?? [];
  },

  async enrolledCount(db: Db, classId: string): Promise<number> {
    const row = await db
      .selectFrom('class_enrolment')
      .where('class_id', '=', classId)
      .where('status', '=', 'enrolled')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /** Whether the person holds a place (applied or enrolled) on the class, a given line aside. */
  async holdsPlace(db: Db, classId: string, personId: string, exceptLineId?: string): Promise<boolean> {
    let query = db
      .selectFrom('class_enrolment')
      .select('id')
      .where('class_id', '=', classId)
      .where('person_id', '=', personId)
      .where('status', 'in', rosterHoldingStatuses);
    if (exceptLineId) query = query.where('id', '!=', exceptLineId);
    return (await query.executeTakeFirst()) !== undefined;
  },

  /** The other classes on which the person holds a place, for the overlap rule. */
  otherClasses(db: Db, classId: string, personId: string) {
    return db
      .selectFrom('class_enrolment as e')
      .innerJoin('training_class as c', 'c.id', 'e.class_id')
      .select(['c.class_no', 'c.name', 'c.status', 'c.starts_on', 'c.ends_on'])
      .where('e.person_id', '=', personId)
      .where('e.status', 'in', rosterHoldingStatuses)
      .where('e.class_id', '!=', classId)
      .execute();
  },

  insert(db: Db, values: Insertable<ClassEnrolmentTable>): Promise<EnrolmentRow> {
    return db.insertInto('class_enrolment').values(values).returningAll().executeTakeFirstOrThrow();
  },

  findForUpdate(db: Db, classId: string, enrolmentId: string): Promise<EnrolmentRow | undefined> {
    return db
      .selectFrom('class_enrolment')
      .selectAll()
      .where('id', '=', enrolmentId)
      .where('class_id', '=', classId)
      .forUpdate()
      .executeTakeFirst();
  },

  async setStatus(db: Db, row: EnrolmentRow, status: EnrolmentRow['status'], reason: string | null): Promise<void> {
    await db
      .updateTable('class_enrolment')
      .set({ status, status_reason: reason, updated_at: new Date(), version: row.version + 1 })
      .where('id', '=', row.id)
      .execute();
  },

  rosterLines(db: Db, classId: string, lineId?: string) {
    let query = db
      .selectFrom('class_enrolment as e')
      .leftJoin('person as p', 'p.id', 'e.person_id')
      .select([...rosterColumns])
      .where('e.class_id', '=', classId);
    if (lineId) query = query.where('e.id', '=', lineId);
    // places first, then applications, then lines that left; each in the order they came
    return query
      .orderBy(sql`CASE e.status WHEN 'enrolled' THEN 0 WHEN 'applied' THEN 1 ELSE 2 END`)
      .orderBy('e.created_at')
      .orderBy('e.id')
      .execute();
  },

  /** Every line of the person, with its class, newest class first. */
  historyLines(db: Db, personId: string) {
    return db
      .selectFrom('class_enrolment as e')
      .innerJoin('training_class as c', 'c.id', 'e.class_id')
      .innerJoin('institution as i', 'i.id', 'c.institution_id')
      .innerJoin('catalogue_programme as cp', 'cp.id', 'c.programme_id')
      .leftJoin('training_certificate as tc', 'tc.enrolment_id', 'e.id')
      .select([...classColumns])
      .select([
        'e.id as enrolment_id',
        'e.status',
        'e.status_reason',
        'e.exam_score',
        'e.exam_absent',
        'e.completion_result',
        'tc.certificate_no',
        'tc.status as certificate_status',
        'tc.issued_on as certificate_issued_on',
        'tc.revoked_reason as certificate_revoked_reason',
      ])
      .where('e.person_id', '=', personId)
      .orderBy('c.starts_on', 'desc')
      .orderBy('e.created_at', 'desc')
      .execute();
  },

  skillCertificates(db: Db, personId: string) {
    return db
      .selectFrom('skill_certificate as s')
      .leftJoin('training_class as c', 'c.id', 's.class_id')
      .select(['s.id', 's.certificate_no', 's.level', 's.occupation', 's.issued_on', 's.issuer', 'c.class_no'])
      .where('s.person_id', '=', personId)
      .orderBy('s.issued_on', 'desc')
      .orderBy('s.id')
      .execute();
  },

  async personOfAccount(db: Db, userId: string): Promise<string | null> {
    const row = await db.selectFrom('app_user').select('person_id').where('id', '=', userId).executeTakeFirst();
    return row?.person_id ?? null;
  },

  /** A class a trainee may apply to: approved or running, locked for the transaction that adds the line. */
  openClassForUpdate(db: Db, classId: string) {
    return db
      .selectFrom('training_class')
      .selectAll()
      .where('id', '=', classId)
      .where('status', 'in', ['approved', 'running'])
      .forUpdate()
      .executeTakeFirst();
  },

  /** The trainee's own lines with their classes. */
  myLines(db: Db, personId: string, enrolmentId?: string) {
    let query = db
      .selectFrom('class_enrolment as e')
      .innerJoin('training_class as c', 'c.id', 'e.class_id')
      .innerJoin('institution as i', 'i.id', 'c.institution_id')
      .innerJoin('catalogue_programme as cp', 'cp.id', 'c.programme_id')
      .leftJoin('training_certificate as tc', 'tc.enrolment_id', 'e.id')
      .select([...classColumns])
      .select(['e.id as enrolment_id', 'e.status', 'e.status_reason', 'tc.certificate_no', 'tc.status as certificate_status'])
      .where('e.person_id', '=', personId);
    if (enrolmentId) query = query.where('e.id', '=', enrolmentId);
    return query.orderBy('c.starts_on', 'desc').orderBy('e.created_at', 'desc').execute();
  },

  /**
   * Classes open to a trainee's application: approved and not yet started, or running; places left;
   * not type 5 (its roster is external participants); a programme that serves the person's disability
   * category; not a class the person already holds a place on. Age and overlap are answered on applying.
   */
  async openClasses(db: Db, personId: string, category: string | null, today: string, limit: number, offset: number) {
    const base = db
      .selectFrom('training_class as c')
      .innerJoin('institution as i', 'i.id', 'c.institution_id')
      .innerJoin('catalogue_programme as cp', 'cp.id', 'c.programme_id')
      .where((eb) => eb.or([eb.and([eb('c.status', '=', 'approved'), eb('c.starts_on', '>=', today)]), eb('c.status', '=', 'running')]))
      .where('c.training_type', '!=', 'employer_staff')
      .where((eb) =>
        category === null
          ? sql<boolean>`cardinality(cp.target_categories) = 0`
          : eb.or([sql<boolean>`cardinality(cp.target_categories) = 0`, sql<boolean>`${category}::text = ANY(cp.target_categories)`]),
      )
      .where('c.planned_size', '>', sql<number>`(SELECT count(*) FROM class_enrolment x WHERE x.class_id = c.id AND x.status = 'enrolled')`)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('class_enrolment as m')
              .select('m.id')
              .whereRef('m.class_id', '=', 'c.id')
              .where('m.person_id', '=', personId)
              .where('m.status', 'in', rosterHoldingStatuses),
          ),
        ),
      );
    const [rows, total] = await Promise.all([
      base
        .select([...classColumns])
        .select(sql<string>`(SELECT count(*) FROM class_enrolment x WHERE x.class_id = c.id AND x.status = 'enrolled')`.as('enrolled'))
        .orderBy('c.starts_on')
        .orderBy('c.id')
        .limit(limit)
        .offset(offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(total.n) };
  },
};
