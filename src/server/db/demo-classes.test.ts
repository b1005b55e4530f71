import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccreditationClassResults, ClassSatisfaction } from '../../shared/contracts/satisfaction-contracts';
import { isVerifyCode, parseSkillCertificateNo, parseTrainingCertificateNo } from '../../shared/domain/certificate-codes';
import { isReviewOverdue } from '../../shared/domain/class-status';
import { todayInChina } from '../../shared/domain/person-validation';
import { addDays } from '../../shared/domain/trainer-rotation';
import { okBody } from '../testing/answers';
import { buildTestApp, type TestApp } from '../testing/test-app';
import { DEMO_CLASS_INSTITUTION, seedDemoClasses } from './demo-classes';

/** The demo classes load with the demo persons (on both engines), hold together, and link the demo trainee. */
let t: TestApp;
const today = todayInChina();

beforeAll(async () => {
  t = await buildTestApp({ demoPersons: true });
});
afterAll(() => t.close());

async function demoClasses() {
  return t.database.db
    .selectFrom('training_class as c')
    .innerJoin('institution as i', 'i.id', 'c.institution_id')
    .select(['c.id', 'c.status', 'c.starts_on', 'c.ends_on', 'c.review_due_on'])
    .where('i.name', '=', DEMO_CLASS_INSTITUTION)
    .execute();
}

describe('the demo training classes', () => {
  it('cover every stage, dated around today, with an event row for every status reached', async () => {
    const classes = await demoClasses();
    const by = (status: string) => classes.filter((c) => c.status === status);
    expect(by('draft')).toHaveLength(1);
    expect(by('submitted')).toHaveLength(2);
    expect(
      by('submitted')
        .map((c) => isReviewOverdue(c.review_due_on, today))
        .sort(),
    ).toEqual([false, true]);
    expect(by('approved').map((c) => c.starts_on)).toEqual([addDays(today, 21)]);
    expect(by('running')).toHaveLength(1);
    expect(by('completion_submitted')).toHaveLength(1);
    expect(by('closed')).toHaveLength(1);
    for (const cls of classes) {
      const events = await t.database.db
        .selectFrom('class_event')
        .select(['command', 'from_status', 'to_status'])
        .where('class_id', '=', cls.id)
        .orderBy('occurred_at')
        .execute();
      expect(events[0]).toMatchObject({ command: 'create', from_status: null, to_status: 'draft' });
      expect(events.at(-1)!.to_status).toBe(cls.status);
      // each event starts where the one before ended
      events.slice(1).forEach((e, i) => expect(e.from_status).toBe(events[i]!.to_status));
    }
  });

  it('run a class today with a roster of twelve, attendance on past sessions and an open inspection', async () => {
    const running = (await demoClasses()).find((c) => c.status === 'running')!;
    const sessions = await t.database.db
      .selectFrom('class_session')
      .select(['id', 'starts_at'])
      .where('class_id', '=', running.id)
      .execute();
    const onDay = (day: string) => sessions.filter((s) => todayInChina(new Date(s.starts_at)) === day);
    expect(onDay(today)).toHaveLength(2);
    const roster = await t.database.db.selectFrom('class_enrolment').select('person_id').where('class_id', '=', running.id).execute();
    expect(roster).toHaveLength(12);
    const persons = await t.database.db
      .selectFrom('person')
      .select('county_code')
      .where(
        'id',
        'in',
        roster.map((r) => r.person_id!),
      )
      .execute();
    expect(new Set(persons.map((p) => p.county_code))).toEqual(new Set(['620102']));
    const attendance = await t.database.db.selectFrom('attendance').select('session_id').where('class_id', '=', running.id).execute();
    const past = new Set(sessions.filter((s) => todayInChina(new Date(s.starts_at)) < today).map((s) => s.id));
    expect(attendance.length).toBeGreaterThan(40);
    expect(attendance.every((a) => past.has(a.session_id))).toBe(true);
    const inspection = await t.database.db
      .selectFrom('inspection')
      .select(['status', 'findings'])
      .where('class_id', '=', running.id)
      .executeTakeFirstOrThrow();
    expect(inspection.status).toBe('rectifying');
    expect(inspection.findings).toBeTruthy();
  });

  it('record exam results, certificates in the issuing format, skill-level certificates and survey answers', async () => {
    const classes = await demoClasses();
    const awaiting = classes.find((c) => c.status === 'completion_submitted')!;
    const lines = await t.database.db
      .selectFrom('class_enrolment')
      .select(['completion_result', 'exam_score', 'exam_absent'])
      .where('class_id', '=', awaiting.id)
      .execute();
    expect(lines.every((l) => l.completion_result !== null && (l.exam_score !== null || l.exam_absent))).toBe(true);
    expect(new Set(lines.map((l) => l.completion_result))).toEqual(new Set(['passed', 'failed']));

    const closed = classes.find((c) => c.status === 'closed')!;
    const certificates = await t.database.db
      .selectFrom('training_certificate')
      .select(['certificate_no', 'verify_code', 'enrolment_id'])
      .where('class_id', '=', closed.id)
      .execute();
    const passed = await t.database.db
      .selectFrom('class_enrolment')
      .select('id')
      .where('class_id', '=', closed.id)
      .where('completion_result', '=', 'passed')
      .execute();
    expect(certificates.map((c) => c.enrolment_id).sort()).toEqual(passed.map((p) => p.id).sort());
    for (const c of certificates) {
      expect(parseTrainingCertificateNo(c.certificate_no)).toMatchObject({ countyCode: '620102' });
      expect(isVerifyCode(c.verify_code)).toBe(true);
    }
    const skills = await t.database.db.selectFrom('skill_certificate').select('certificate_no').where('class_id', '=', closed.id).execute();
    expect(skills).toHaveLength(2);
    for (const s of skills) expect(parseSkillCertificateNo(s.certificate_no).ok).toBe(true);

    const result = okBody<ClassSatisfaction>(await (await t.loginAs('jigou.demo')).get(`/api/classes/${closed.id}/satisfaction`));
    expect(result.responses).toBe(7);
    expect(result.overallAverage).toBeGreaterThan(3.5);
  });

  it('link the demo trainee to a person on the running roster who holds a certificate of the closed class', async () => {
    const user = await t.database.db
      .selectFrom('app_user')
      .select('person_id')
      .where('username', '=', 'xueyuan.demo')
      .executeTakeFirstOrThrow();
    expect(user.person_id).not.toBeNull();
    const classes = await demoClasses();
    const lines = await t.database.db
      .selectFrom('class_enrolment')
      .select('class_id')
      .where('person_id', '=', user.person_id!)
      .where('status', '=', 'enrolled')
      .execute();
    const statuses = lines.map((l) => classes.find((c) => c.id === l.class_id)?.status).sort();
    expect(statuses).toEqual(['closed', 'running']);
    const certificate = await t.database.db
      .selectFrom('training_certificate')
      .select('id')
      .where('person_id', '=', user.person_id!)
      .executeTakeFirst();
    expect(certificate).toBeDefined();
    // the closed class's survey waits for the trainee's answer
    const trainee = await t.loginAs('xueyuan.demo');
    const mine = okBody<{ items: { classId: string }[] }>(await trainee.get('/api/my/surveys'));
    expect(mine.items.map((i) => i.classId)).toEqual([classes.find((c) => c.status === 'closed')!.id]);
    const home = okBody<{ tasks: { key: string; count: number }[] }>(await trainee.get('/api/home'));
    expect(home.tasks).toContainEqual(expect.objectContaining({ key: 'satisfaction.awaiting', count: 1 }));
  });

  it('read through every class area for the institution and the county staff', async () => {
    const institution = await t.loginAs('jigou.demo');
    const officer = await t.loginAs('chengguan.peixun');
    for (const cls of await demoClasses()) {
      for (const part of ['', '/roster', '/attendance', '/exam', '/certificates', '/inspections', '/satisfaction']) {
        for (const client of [institution, officer]) {
          const res = await client.get(`/api/classes/${cls.id}${part}`);
          expect(res.statusCode, `${cls.status} ${part}: ${res.body}`).toBe(200);
        }
      }
    }
    const trainee = await t.loginAs('xueyuan.demo');
    expect((await trainee.get('/api/my/classes')).statusCode).toBe(200);
  });

  it('give the city reviewer class results to evaluate the 七里河 base by', async () => {
    const base = await t.database.db
      .selectFrom('base_accreditation')
      .select('id')
      .where('plaque_no', '=', 'GS-LZ-2023-005')
      .executeTakeFirstOrThrow();
    const feed = okBody<AccreditationClassResults>(
      await (await t.loginAs('lanzhou.shenhe')).get(`/api/accreditations/${base.id}/class-results`),
    );
    expect(feed.classes).toBe(2);
    expect(feed.completedClasses).toBe(2);
    expect(feed.suggestions.map((s) => [s.itemKey, s.score !== null])).toEqual([
      ['completion', true],
      ['satisfaction', true],
    ]);
  });

  it('load once', async () => {
    const before = await t.database.db
      .selectFrom('training_class')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    await seedDemoClasses(t.database.db, today);
    const after = await t.database.db
      .selectFrom('training_class')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
