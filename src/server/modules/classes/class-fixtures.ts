/**
 * Test fixtures for the training-class modules: a class written straight into the database at any
 * status (with its sessions), and registry persons created through the API as a registrar would.
 * Not used by the server.
 */
import type { Insertable } from 'kysely';
import { expect } from 'vitest';
import type { PersonDetail } from '../../../shared/contracts/persons-contracts';
import { periodCodeOf, trainingYearOf } from '../../../shared/domain/class-codes';
import type { Db } from '../../db/database';
import type { TrainingClassTable } from '../../db/tables';
import type { TestClient } from '../../testing/test-app';
import { certificateNumber, idNumber } from '../persons/person-import-fixtures';

/** The demo institution in 城关区 (620102) whose account is `jigou.demo`. */
export const DEMO_INSTITUTION_NAME = '兰州市残疾人职业技能培训中心';
/** An active demo programme (电子商务, 就业技能培训). */
export const DEMO_PROGRAMME_CODE = 'GS-DS-001';

export interface ClassFixtureOptions extends Partial<Insertable<TrainingClassTable>> {
  /** sessions to create, one a day from starts_on, 09:00–12:00 China time (default 0) */
  sessions?: number;
}

export interface ClassFixture {
  id: string;
  classNo: string;
  institutionId: string;
  countyCode: string;
  sessionIds: string[];
}

let serial = 0;

export async function demoInstitutionId(db: Db, name = DEMO_INSTITUTION_NAME): Promise<{ id: string; countyCode: string }> {
  const row = await db.selectFrom('institution').select(['id', 'county_code']).where('name', '=', name).executeTakeFirstOrThrow();
  return { id: row.id, countyCode: row.county_code };
}

export async function demoProgramme(db: Db, code = DEMO_PROGRAMME_CODE): Promise<{ id: string; code: string; hours: number }> {
  const row = await db
    .selectFrom('catalogue_programme')
    .select(['id', 'programme_code', 'hours'])
    .where('programme_code', '=', code)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return { id: row.id, code: row.programme_code, hours: row.hours };
}

/** A class of the demo institution (unless told otherwise), written without the service: any status, any dates. */
export async function insertClass(db: Db, options: ClassFixtureOptions = {}): Promise<ClassFixture> {
  const { sessions = 0, ...overrides } = options;
  const institution = overrides.institution_id
    ? await db.selectFrom('institution').select(['id', 'county_code']).where('id', '=', overrides.institution_id).executeTakeFirstOrThrow()
    : await db.selectFrom('institution').select(['id', 'county_code']).where('name', '=', DEMO_INSTITUTION_NAME).executeTakeFirstOrThrow();
  const programme = await demoProgramme(db);
  const startsOn = overrides.starts_on ?? '2026-09-01';
  const endsOn = overrides.ends_on ?? '2026-09-20';
  const countyCode = overrides.county_code ?? institution.county_code;
  serial += 1;
  const classNo =
    overrides.class_no ?? `PX-${countyCode}-T${process.pid % 10000}-${String(serial).padStart(5, '0')}-${Date.now() % 100000}`;
  const row = await db
    .insertInto('training_class')
    .values({
      class_no: classNo,
      county_code: countyCode,
      institution_id: institution.id,
      programme_id: programme.id,
      programme_code: programme.code,
      name: '电子商务客服培训班（测试）',
      training_type: 'employment_skills',
      venue_address: '兰州市城关区雁滩路 1 号',
      venue_region_code: countyCode,
      venue_features: ['step_free_entrance', 'lift', 'accessible_toilet'],
      starts_on: startsOn,
      ends_on: endsOn,
      period_code: periodCodeOf(startsOn, endsOn),
      training_year: trainingYearOf(startsOn),
      hours: programme.hours,
      planned_size: 20,
      budget_fen: 3_000_000,
      ...overrides,
    })
    .returning(['id', 'class_no', 'institution_id', 'county_code'])
    .executeTakeFirstOrThrow();
  const sessionIds: string[] = [];
  for (let i = 0; i < sessions; i += 1) {
    const day = new Date(Date.parse(`${startsOn}T00:00:00+08:00`) + i * 86_400_000);
    const session = await db
      .insertInto('class_session')
      .values({
        class_id: row.id,
        county_code: row.county_code,
        seq: i + 1,
        starts_at: new Date(day.getTime() + 9 * 3_600_000),
        ends_at: new Date(day.getTime() + 12 * 3_600_000),
        topic: `第 ${i + 1} 课`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    sessionIds.push(session.id);
  }
  return { id: row.id, classNo: row.class_no, institutionId: row.institution_id, countyCode: row.county_code, sessionIds };
}

/**
 * A registry person created by a registrar's client (e.g. `chengguan.dengji` for 620102). `sequence`
 * keeps ID numbers apart within one test file (odd: male, even: female).
 */
export async function registerPerson(
  registrar: TestClient,
  options: { county: string; birth: string; sequence: number; name: string; category?: number; level?: number },
): Promise<PersonDetail & { fullIdNumber: string }> {
  const id = idNumber(options.county, options.birth, options.sequence);
  const res = await registrar.post('/api/persons', {
    idNumber: id,
    certificateNumber: certificateNumber(id, options.category ?? 4, options.level ?? 2),
    name: options.name,
    countyCode: options.county,
    hukouRegionCode: options.county,
  });
  expect(res.statusCode, res.body).toBe(200);
  return { ...(res.json() as PersonDetail), fullIdNumber: id };
}
