import { type Insertable, sql } from 'kysely';
import type { Db } from '../../db/database';
import type { TrainingCertificateTable } from '../../db/tables';

/** A certificate with what is printed on it: class, programme and institution. */
function certificateWithClass(db: Db) {
  return db
    .selectFrom('training_certificate as c')
    .innerJoin('training_class as k', 'k.id', 'c.class_id')
    .innerJoin('catalogue_programme as g', 'g.id', 'k.programme_id')
    .innerJoin('institution as i', 'i.id', 'k.institution_id')
    .selectAll('c')
    .select([
      'k.class_no',
      'k.name as class_name',
      'k.programme_code',
      'g.name as programme_name',
      'k.training_type',
      'i.name as institution_name',
      'k.hours',
      'k.starts_on',
      'k.ends_on',
    ]);
}

export type CertificateRow = NonNullable<Awaited<ReturnType<typeof certificatesRepository.findById>>>;

/** SQL of exams and certificates. Callers pass the transaction when they write. */
export const certificatesRepository = {
  /** The enrolled roster lines of a class with their exam, decision and certificate, in roster order. */
  enrolledLines(db: Db, classId: string) {
    return db
      .selectFrom('class_enrolment as e')
      .leftJoin('person as p', 'p.id', 'e.person_id')
      .leftJoin('training_certificate as c', 'c.enrolment_id', 'e.id')
      .select([
        'e.id',
        'e.participant_kind',
        'e.person_id',
        'e.county_code',
        'p.name as person_name',
        'e.external_name',
        'e.external_organisation',
        'e.exam_score',
        'e.exam_absent',
        'e.exam_recorded_at',
        'e.completion_result',
        'e.completion_reason',
        'c.id as certificate_id',
        'c.certificate_no',
        'c.status as certificate_status',
      ])
      .where('e.class_id', '=', classId)
      .where('e.status', '=', 'enrolled')
      .orderBy('e.created_at')
      .orderBy('e.id')
      .execute();
  },

  /** The roster line ids of a class that are enrolled now (others may not get results or certificates). */
  async enrolledIds(db: Db, classId: string): Promise<Set<string>> {
    const rows = await db
      .selectFrom('class_enrolment')
      .select('id')
      .where('class_id', '=', classId)
      .where('status', '=', 'enrolled')
      .execute();
    return new Set(rows.map((r) => r.id));
  },

  /** Bumps the class's version when it still is the one the user saw: false when someone changed it meanwhile. */
  async setExamOn(db: Db, classId: string, examOn: string, version: number, userId: string): Promise<boolean> {
    const row = await db
      .updateTable('training_class')
      .set({ exam_on: examOn, version: sql<number>`version + 1`, updated_by: userId, updated_at: new Date() })
      .where('id', '=', classId)
      .where('version', '=', version)
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  },

  async setExamResult(db: Db, enrolmentId: string, score: number | null, absent: boolean, at: Date): Promise<void> {
    await db
      .updateTable('class_enrolment')
      .set({
        exam_score: score,
        exam_absent: absent,
        exam_recorded_at: score === null && !absent ? null : at,
        updated_at: at,
        version: sql<number>`version + 1`,
      })
      .where('id', '=', enrolmentId)
      .execute();
  },

  async setCompletion(db: Db, enrolmentId: string, result: 'passed' | 'failed', reason: string | null): Promise<void> {
    await db
      .updateTable('class_enrolment')
      .set({ completion_result: result, completion_reason: reason, updated_at: new Date(), version: sql<number>`version + 1` })
      .where('id', '=', enrolmentId)
      .execute();
  },

  certificatesOfClass(db: Db, classId: string) {
    return db.selectFrom('training_certificate').selectAll().where('class_id', '=', classId).orderBy('certificate_no').execute();
  },

  /**
   * Reserves `count` serials of a county and year and answers the first. The upsert takes the
   * counter row's lock, so two institutions of one county issuing at once get distinct ranges.
   */
  async reserveSerials(db: Db, countyCode: string, year: number, count: number): Promise<number> {
    const row = await db
      .insertInto('training_certificate_serial')
      .values({ county_code: countyCode, year, last_serial: count })
      .onConflict((oc) =>
        oc.columns(['county_code', 'year']).doUpdateSet({ last_serial: sql<number>`training_certificate_serial.last_serial + ${count}` }),
      )
      .returning('last_serial')
      .executeTakeFirstOrThrow();
    return row.last_serial - count + 1;
  },

  async insertCertificates(db: Db, rows: Insertable<TrainingCertificateTable>[]): Promise<void> {
    if (rows.length > 0) await db.insertInto('training_certificate').values(rows).execute();
  },

  findById(db: Db, id: string) {
    return certificateWithClass(db).where('c.id', '=', id).executeTakeFirst();
  },

  findByVerifyCode(db: Db, code: string) {
    return certificateWithClass(db).where('c.verify_code', '=', code).executeTakeFirst();
  },

  /** Answers false when it was already revoked. */
  async revoke(db: Db, id: string, reason: string, userId: string, at: Date): Promise<boolean> {
    const row = await db
      .updateTable('training_certificate')
      .set({ status: 'revoked', revoked_reason: reason, revoked_by: userId, revoked_at: at })
      .where('id', '=', id)
      .where('status', '=', 'valid')
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  },

  /** Names of the passed trainees of a class who hold no certificate (valid or revoked). */
  async passedWithoutCertificate(db: Db, classId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('class_enrolment as e')
      .leftJoin('person as p', 'p.id', 'e.person_id')
      .leftJoin('training_certificate as c', 'c.enrolment_id', 'e.id')
      .select(['p.name', 'e.external_name'])
      .where('e.class_id', '=', classId)
      .where('e.status', '=', 'enrolled')
      .where('e.completion_result', '=', 'passed')
      .where('c.id', 'is', null)
      .orderBy('e.created_at')
      .execute();
    return rows.map((r) => r.name ?? r.external_name ?? '');
  },

  skillCertificatesOfClass(db: Db, classId: string) {
    return db
      .selectFrom('skill_certificate as s')
      .innerJoin('person as p', 'p.id', 's.person_id')
      .leftJoin('class_enrolment as e', (join) =>
        join.onRef('e.class_id', '=', 's.class_id').onRef('e.person_id', '=', 's.person_id').on('e.status', '=', 'enrolled'),
      )
      .selectAll('s')
      .select(['p.name as person_name', 'e.id as enrolment_id'])
      .where('s.class_id', '=', classId)
      .orderBy('s.created_at')
      .execute();
  },
};
