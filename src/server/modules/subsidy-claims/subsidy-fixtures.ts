/**
 * Test fixtures for the subsidy modules: a trainee who completed a class and holds its training
 * certificate, and a claim written straight into the database at any status. Not used by the server.
 */
import type { Insertable } from 'kysely';
import { maskName } from '../../../shared/domain/masking';
import type { Db } from '../../db/database';
import type { SubsidyClaimTable } from '../../db/tables';
import { type ClassFixtureOptions, insertClass } from '../classes/class-fixtures';

let serial = 0;
function nextSerial(): number {
  serial += 1;
  return (process.pid % 1000) * 10_000 + serial;
}

/** Active demo registry persons of a county without any subsidy claim (the demo seed has dozens in every county unit). */
export async function demoPersonIds(db: Db, countyCode: string, count: number, offset = 0): Promise<string[]> {
  const rows = await db
    .selectFrom('person')
    .select('id')
    .where('county_code', '=', countyCode)
    .where('status', '=', 'active')
    // the demo seed gives some persons subsidy claims of their own: a test's history starts empty
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('subsidy_claim as c').select('c.id').whereRef('c.person_id', '=', 'person.id'))),
    )
    .orderBy('id')
    .limit(count)
    .offset(offset)
    .execute();
  if (rows.length < count) throw new Error(`only ${rows.length} demo persons in ${countyCode}`);
  return rows.map((r) => r.id);
}

export interface CertifiedTrainee {
  classId: string;
  classNo: string;
  countyCode: string;
  institutionId: string;
  enrolmentId: string;
  personId: string;
  certificateId: string;
  certificateNo: string;
  examOn: string;
}

/**
 * A closed class (demo institution unless told otherwise) with one trainee who passed and holds a
 * valid training certificate. Pass `classId` to add another trainee to a class made before.
 */
export async function certifiedTrainee(
  db: Db,
  options: { personId: string; classId?: string; examOn?: string; issuedOn?: string; classOptions?: ClassFixtureOptions },
): Promise<CertifiedTrainee> {
  const examOn = options.examOn ?? '2026-09-20';
  const klass = options.classId
    ? await db
        .selectFrom('training_class')
        .select(['id', 'class_no', 'county_code', 'institution_id', 'exam_on'])
        .where('id', '=', options.classId)
        .executeTakeFirstOrThrow()
    : await insertClass(db, { status: 'closed', exam_on: examOn, ...options.classOptions }).then((c) => ({
        id: c.id,
        class_no: c.classNo,
        county_code: c.countyCode,
        institution_id: c.institutionId,
        exam_on: examOn,
      }));
  const person = await db.selectFrom('person').select(['id', 'name']).where('id', '=', options.personId).executeTakeFirstOrThrow();
  const enrolment = await db
    .insertInto('class_enrolment')
    .values({
      class_id: klass.id,
      county_code: klass.county_code,
      participant_kind: 'person',
      person_id: person.id,
      status: 'enrolled',
      source: 'institution',
      exam_score: 85,
      exam_recorded_at: new Date(),
      completion_result: 'passed',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const n = nextSerial();
  // year 2099: never a year the demo seed or the service issues in, so the number cannot collide
  const certificateNo = `PXZ2099${klass.county_code}${String(n % 1_000_000).padStart(6, '0')}`;
  const certificate = await db
    .insertInto('training_certificate')
    .values({
      certificate_no: certificateNo,
      verify_code: `T${String(n).padStart(11, '0')}`,
      class_id: klass.id,
      enrolment_id: enrolment.id,
      person_id: person.id,
      county_code: klass.county_code,
      holder_name: person.name,
      holder_name_masked: maskName(person.name).text,
      issued_on: options.issuedOn ?? klass.exam_on ?? examOn,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    classId: klass.id,
    classNo: klass.class_no,
    countyCode: klass.county_code,
    institutionId: klass.institution_id,
    enrolmentId: enrolment.id,
    personId: person.id,
    certificateId: certificate.id,
    certificateNo,
    examOn: klass.exam_on ?? examOn,
  };
}

/** A claim for a certified trainee at any status (amounts, occupation and level may be set). */
export async function insertClaim(
  db: Db,
  trainee: CertifiedTrainee,
  overrides: Partial<Insertable<SubsidyClaimTable>> = {},
): Promise<{ id: string; claimNo: string }> {
  const n = nextSerial();
  const row = await db
    .insertInto('subsidy_claim')
    .values({
      claim_no: overrides.claim_no ?? `BT${trainee.countyCode}2026T${String(n).padStart(8, '0')}`,
      county_code: trainee.countyCode,
      class_id: trainee.classId,
      enrolment_id: trainee.enrolmentId,
      person_id: trainee.personId,
      certificate_id: trainee.certificateId,
      institution_id: trainee.institutionId,
      programme_code: 'GS-DS-001',
      occupation: '电子商务师',
      skill_level: '5',
      training_type: 'employment_skills',
      training_year: 2026,
      exam_on: trainee.examOn,
      submit_due_on: '2026-10-20',
      items: JSON.stringify([{ category: 'tuition', amountFen: 150_000 }]),
      amount_fen: 150_000,
      standard_fen: 200_000,
      ...overrides,
    })
    .returning(['id', 'claim_no'])
    .executeTakeFirstOrThrow();
  return { id: row.id, claimNo: row.claim_no };
}
