import { sql } from 'kysely';
import type { Db } from '../../db/database';

/**
 * The SQL of the money trail and the fraud signals. Reads only: the trail follows a claim through the
 * tables of classes, attendance, exams, certificates, notices, approval, payments and the ledger; the
 * signals are computed from the same data every time (only the staff reviews are stored).
 */
export const fundSupervisionRepository = {
  // -------------------------------------------------------------------------------------------
  // money trail

  classWithInstitution(db: Db, classId: string) {
    return db
      .selectFrom('training_class as k')
      .innerJoin('institution as i', 'i.id', 'k.institution_id')
      .select([
        'k.id',
        'k.class_no',
        'k.name',
        'k.status',
        'k.county_code',
        'k.starts_on',
        'k.ends_on',
        'k.exam_on',
        'k.budget_fen',
        'k.training_type',
        'k.pass_score',
        'k.attendance_threshold',
        'i.name as institution_name',
      ])
      .where('k.id', '=', classId)
      .executeTakeFirstOrThrow();
  },

  classEvents(db: Db, classId: string) {
    return db
      .selectFrom('class_event')
      .select(['command', 'to_status', 'comment', 'documents', 'actor_name', 'occurred_at'])
      .where('class_id', '=', classId)
      .orderBy('occurred_at')
      .execute();
  },

  classRecordFiles(db: Db, classId: string) {
    return db
      .selectFrom('class_record as r')
      .innerJoin('stored_file as f', 'f.id', 'r.file_id')
      .select(['r.file_id', 'r.title', 'r.kind', 'f.name'])
      .where('r.class_id', '=', classId)
      .orderBy('r.created_at')
      .execute();
  },

  enrolment(db: Db, enrolmentId: string) {
    return db
      .selectFrom('class_enrolment')
      .select(['id', 'status', 'exam_score', 'exam_absent', 'exam_recorded_at', 'completion_result', 'completion_reason'])
      .where('id', '=', enrolmentId)
      .executeTakeFirst();
  },

  personName(db: Db, personId: string) {
    return db.selectFrom('person').select(['name']).where('id', '=', personId).executeTakeFirst();
  },

  flaggedAttendance(db: Db, enrolmentId: string) {
    return db
      .selectFrom('attendance as a')
      .innerJoin('class_session as s', 's.id', 'a.session_id')
      .select(['s.seq', 's.starts_at', 'a.signed_in_at', 'a.flags'])
      .where('a.enrolment_id', '=', enrolmentId)
      .where(sql<boolean>`cardinality(a.flags) > 0`)
      .orderBy('s.seq')
      .execute();
  },

  certificate(db: Db, certificateId: string | null, enrolmentId: string) {
    let query = db
      .selectFrom('training_certificate')
      .select(['id', 'certificate_no', 'verify_code', 'issued_on', 'status', 'revoked_reason']);
    query = certificateId ? query.where('id', '=', certificateId) : query.where('enrolment_id', '=', enrolmentId);
    return query.orderBy('created_at', 'desc').executeTakeFirst();
  },

  latestCheck(db: Db, claimId: string) {
    return db
      .selectFrom('subsidy_check')
      .select(['eligible', 'rules', 'context', 'checked_at'])
      .where('claim_id', '=', claimId)
      .orderBy('checked_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  },

  noticeList(db: Db, listId: string) {
    return db
      .selectFrom('subsidy_notice_list as l')
      .leftJoin('public_notice as n', 'n.id', 'l.notice_id')
      .select(['l.list_no', 'l.title', 'l.status', 'l.notice_id', 'l.created_at', 'n.starts_at', 'n.ends_at', 'n.status as notice_status'])
      .where('l.id', '=', listId)
      .executeTakeFirst();
  },

  objectionsOnLine(db: Db, noticeId: string, lineNo: number) {
    return db
      .selectFrom('notice_objection')
      .select(['status', 'decision_reason', 'decided_at', 'created_at'])
      .where('notice_id', '=', noticeId)
      .where('line_no', '=', lineNo)
      .orderBy('created_at')
      .execute();
  },

  claimEvents(db: Db, claimId: string) {
    return db
      .selectFrom('subsidy_claim_event')
      .select(['command', 'step', 'from_status', 'to_status', 'comment', 'documents', 'due_on', 'late', 'actor_name', 'occurred_at'])
      .where('claim_id', '=', claimId)
      .orderBy('occurred_at')
      .execute();
  },

  payments(db: Db, claimId: string) {
    return db
      .selectFrom('subsidy_payment as p')
      .innerJoin('payment_batch as b', 'b.id', 'p.batch_id')
      .select([
        'p.id',
        'p.kind',
        'p.amount_fen',
        'p.payee_name',
        'p.bank_name',
        'p.bank_account_masked',
        'p.voucher_ref',
        'p.reason',
        'p.created_at',
        'b.batch_no',
      ])
      .where('p.claim_id', '=', claimId)
      .orderBy('p.created_at')
      .execute();
  },

  batch(db: Db, batchId: string) {
    return db.selectFrom('payment_batch').select(['batch_no', 'status', 'created_at']).where('id', '=', batchId).executeTakeFirst();
  },

  ledgerOfClaim(db: Db, claimId: string) {
    return db
      .selectFrom('ledger_entry as l')
      .innerJoin('subsidy_fund as f', 'f.id', 'l.fund_id')
      .select(['l.kind', 'l.amount_fen', 'l.voucher_ref', 'l.memo', 'l.created_at', 'f.name as fund_name', 'f.code as fund_code'])
      .where('l.claim_id', '=', claimId)
      .orderBy('l.created_at')
      .execute();
  },

  /** The owner of a stored file (downloads are opened for the uploader's id after the trail check). */
  async fileOwner(db: Db, fileId: string): Promise<string | undefined> {
    const row = await db.selectFrom('stored_file').select('owner_id').where('id', '=', fileId).executeTakeFirst();
    return row?.owner_id;
  },

  /** Every enrolled line of a class with its exam, certificate and (latest) claim with paid and reversed sums. */
  classLines(db: Db, classId: string) {
    return db
      .selectFrom('class_enrolment as e')
      .leftJoin('person as p', 'p.id', 'e.person_id')
      .leftJoin('training_certificate as tc', (join) => join.onRef('tc.enrolment_id', '=', 'e.id').on('tc.status', '=', 'valid'))
      .leftJoin(
        (eb) =>
          eb
            .selectFrom('subsidy_claim as c')
            .select(['c.id', 'c.enrolment_id', 'c.claim_no', 'c.status', 'c.amount_fen', 'c.created_at'])
            .distinctOn('c.enrolment_id')
            .where('c.class_id', '=', classId)
            .orderBy('c.enrolment_id')
            .orderBy('c.created_at', 'desc')
            .as('c'),
        (join) => join.onRef('c.enrolment_id', '=', 'e.id'),
      )
      .select((eb) => [
        'e.id as enrolment_id',
        'e.participant_kind',
        'e.external_name',
        'p.name as person_name',
        'e.exam_score',
        'e.exam_absent',
        'e.completion_result',
        'tc.certificate_no',
        'c.id as claim_id',
        'c.claim_no',
        'c.status as claim_status',
        'c.amount_fen',
        eb
          .selectFrom('subsidy_payment as sp')
          .select(sql<number>`coalesce(sum(sp.amount_fen), 0)::bigint`.as('s'))
          .whereRef('sp.claim_id', '=', 'c.id')
          .where('sp.kind', '=', 'payment')
          .as('paid_fen'),
        eb
          .selectFrom('subsidy_payment as sp')
          .select(sql<number>`coalesce(sum(sp.amount_fen), 0)::bigint`.as('s'))
          .whereRef('sp.claim_id', '=', 'c.id')
          .where('sp.kind', '=', 'reversal')
          .as('reversed_fen'),
      ])
      .where('e.class_id', '=', classId)
      .where('e.status', '=', 'enrolled')
      .orderBy('e.created_at')
      .execute();
  },

  // -------------------------------------------------------------------------------------------
  // fraud signals

  async sharedPhones(db: Db, min: number) {
    const { rows } = await sql<{
      phone: string;
      person_id: string;
      name: string;
      person_county: string;
      claim_id: string;
      claim_no: string;
      claim_county: string;
    }>`
      SELECT p.phone, p.id AS person_id, p.name, p.county_code AS person_county, c.id AS claim_id, c.claim_no, c.county_code AS claim_county
      FROM person p JOIN subsidy_claim c ON c.person_id = p.id
      WHERE p.phone IN (
        SELECT p2.phone FROM person p2 JOIN subsidy_claim c2 ON c2.person_id = p2.id
        WHERE p2.phone IS NOT NULL AND p2.phone <> ''
        GROUP BY p2.phone HAVING count(DISTINCT p2.id) >= ${min}
      )
      ORDER BY p.phone, p.id, c.created_at
    `.execute(db);
    return rows;
  },

  async sharedBankAccounts(db: Db, min: number) {
    const { rows } = await sql<{
      bank_account_index: string;
      bank_account_masked: string | null;
      person_id: string;
      name: string;
      claim_id: string;
      claim_no: string;
      claim_county: string;
    }>`
      SELECT c.bank_account_index, c.bank_account_masked, p.id AS person_id, p.name, c.id AS claim_id, c.claim_no, c.county_code AS claim_county
      FROM subsidy_claim c JOIN person p ON p.id = c.person_id
      WHERE c.bank_account_index IN (
        SELECT c2.bank_account_index FROM subsidy_claim c2
        WHERE c2.bank_account_index IS NOT NULL
        GROUP BY c2.bank_account_index HAVING count(DISTINCT c2.person_id) >= ${min}
      )
      ORDER BY c.bank_account_index, p.id, c.created_at
    `.execute(db);
    return rows;
  },

  async attendanceFlagsOfClaimedClasses(db: Db) {
    const { rows } = await sql<{
      class_id: string;
      class_no: string;
      class_name: string;
      county_code: string;
      institution_id: string;
      institution_name: string;
      total_rows: number;
      flagged_rows: number;
      outside_session: number;
      shared_device: number;
      two_places: number;
    }>`
      SELECT k.id AS class_id, k.class_no, k.name AS class_name, k.county_code, k.institution_id, i.name AS institution_name,
             count(*)::bigint AS total_rows,
             count(*) FILTER (WHERE cardinality(a.flags) > 0)::bigint AS flagged_rows,
             count(*) FILTER (WHERE 'outside_session' = ANY (a.flags))::bigint AS outside_session,
             count(*) FILTER (WHERE 'shared_device' = ANY (a.flags))::bigint AS shared_device,
             count(*) FILTER (WHERE 'two_places' = ANY (a.flags))::bigint AS two_places
      FROM attendance a
      JOIN training_class k ON k.id = a.class_id
      JOIN institution i ON i.id = k.institution_id
      WHERE EXISTS (SELECT 1 FROM subsidy_claim c WHERE c.class_id = k.id)
      GROUP BY k.id, k.class_no, k.name, k.county_code, k.institution_id, i.name
      HAVING count(*) FILTER (WHERE cardinality(a.flags) > 0) > 0
      ORDER BY k.class_no
    `.execute(db);
    return rows;
  },

  async certificatesBeforeExam(db: Db) {
    const { rows } = await sql<{
      certificate_id: string;
      certificate_no: string;
      issued_on: string;
      exam_on: string;
      class_id: string;
      class_no: string;
      county_code: string;
      person_id: string | null;
      holder_name_masked: string;
      claim_id: string | null;
      claim_no: string | null;
    }>`
      SELECT tc.id AS certificate_id, tc.certificate_no, tc.issued_on, k.exam_on, k.id AS class_id, k.class_no, tc.county_code,
             tc.person_id, tc.holder_name_masked, c.id AS claim_id, c.claim_no
      FROM training_certificate tc
      JOIN training_class k ON k.id = tc.class_id
      LEFT JOIN subsidy_claim c ON c.certificate_id = tc.id
      WHERE k.exam_on IS NOT NULL AND tc.issued_on < k.exam_on
      ORDER BY tc.certificate_no, c.created_at
    `.execute(db);
    return rows;
  },

  /** Pairs of enrolments of one claiming person in classes whose dates overlap. */
  async overlappingEnrolments(db: Db) {
    const { rows } = await sql<{
      first_id: string;
      second_id: string;
      person_id: string;
      name: string;
      first_class_id: string;
      first_class_no: string;
      first_starts_on: string;
      first_ends_on: string;
      first_county: string;
      second_class_id: string;
      second_class_no: string;
      second_starts_on: string;
      second_ends_on: string;
      second_county: string;
    }>`
      SELECT e1.id AS first_id, e2.id AS second_id, p.id AS person_id, p.name,
             k1.id AS first_class_id, k1.class_no AS first_class_no, k1.starts_on AS first_starts_on, k1.ends_on AS first_ends_on, k1.county_code AS first_county,
             k2.id AS second_class_id, k2.class_no AS second_class_no, k2.starts_on AS second_starts_on, k2.ends_on AS second_ends_on, k2.county_code AS second_county
      FROM class_enrolment e1
      JOIN class_enrolment e2 ON e2.person_id = e1.person_id AND e1.id < e2.id
      JOIN training_class k1 ON k1.id = e1.class_id
      JOIN training_class k2 ON k2.id = e2.class_id
      JOIN person p ON p.id = e1.person_id
      WHERE e1.status = 'enrolled' AND e2.status = 'enrolled'
        AND k1.status <> 'cancelled' AND k2.status <> 'cancelled'
        AND k1.starts_on <= k2.ends_on AND k2.starts_on <= k1.ends_on
        AND EXISTS (SELECT 1 FROM subsidy_claim c WHERE c.person_id = p.id)
      ORDER BY p.id, e1.id, e2.id
    `.execute(db);
    return rows;
  },

  /** Enrolments of claiming persons with attendance rows flagged as signed in at two places at once. */
  async twoPlacesFlags(db: Db) {
    const { rows } = await sql<{
      enrolment_id: string;
      person_id: string;
      name: string;
      class_id: string;
      class_no: string;
      starts_on: string;
      ends_on: string;
      county_code: string;
      flagged_rows: number;
    }>`
      SELECT e.id AS enrolment_id, p.id AS person_id, p.name, k.id AS class_id, k.class_no, k.starts_on, k.ends_on, k.county_code,
             count(*)::bigint AS flagged_rows
      FROM attendance a
      JOIN class_enrolment e ON e.id = a.enrolment_id
      JOIN person p ON p.id = e.person_id
      JOIN training_class k ON k.id = e.class_id
      WHERE 'two_places' = ANY (a.flags)
        AND EXISTS (SELECT 1 FROM subsidy_claim c WHERE c.person_id = p.id)
      GROUP BY e.id, p.id, p.name, k.id, k.class_no, k.starts_on, k.ends_on, k.county_code
      ORDER BY e.id
    `.execute(db);
    return rows;
  },

  /** Examined trainees (a completion result is set) and those who passed, per institution. */
  async passRates(db: Db) {
    const { rows } = await sql<{ institution_id: string; name: string; county_code: string; examined: number; passed: number }>`
      SELECT i.id AS institution_id, i.name, i.county_code,
             count(*)::bigint AS examined,
             count(*) FILTER (WHERE e.completion_result = 'passed')::bigint AS passed
      FROM class_enrolment e
      JOIN training_class k ON k.id = e.class_id
      JOIN institution i ON i.id = k.institution_id
      WHERE e.completion_result IS NOT NULL AND e.status = 'enrolled'
      GROUP BY i.id, i.name, i.county_code
      ORDER BY i.id
    `.execute(db);
    return rows;
  },

  /** Claims whose subjects a claim's signals are matched against. */
  claimsOf(db: Db, claimIds: readonly string[]) {
    if (claimIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('subsidy_claim')
      .select(['id', 'claim_no', 'county_code', 'person_id', 'class_id', 'institution_id'])
      .where('id', 'in', claimIds)
      .execute();
  },

  latestReviews(db: Db, keys: readonly string[]) {
    if (keys.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('fraud_signal_review as r')
      .leftJoin('app_user as u', 'u.id', 'r.reviewed_by')
      .select(['r.signal_key', 'r.decision', 'r.comment', 'r.reviewed_at', 'u.display_name'])
      .distinctOn('r.signal_key')
      .where('r.signal_key', 'in', keys)
      .orderBy('r.signal_key')
      .orderBy('r.reviewed_at', 'desc')
      .execute();
  },

  insertReview(
    db: Db,
    row: { signal_key: string; region_code: string; decision: 'confirmed' | 'dismissed'; comment: string; reviewed_by: string },
  ) {
    return db.insertInto('fraud_signal_review').values(row).returning('id').executeTakeFirstOrThrow();
  },
};
