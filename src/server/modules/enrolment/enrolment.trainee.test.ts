import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MyClass, OpenClass, RosterLine, RosterView, TrainingHistory } from '../../../shared/contracts/enrolment-contracts';
import { okBody } from '../../testing/answers';
import { buildTestApp, type TestApp, type TestClient } from '../../testing/test-app';
import { demoProgramme, insertClass, registerPerson } from '../classes/class-fixtures';
import { NO_LINKED_PERSON } from './enrolment.service';

// "today" for the open-class list: classes of 2026-09 lie in the future
const now = new Date('2026-08-01T02:00:00Z');
let t: TestApp;
let institution: TestClient;
let registrar: TestClient;
let trainee: TestClient;
let personId: string;

beforeAll(async () => {
  t = await buildTestApp({ clock: () => now });
  [institution, registrar] = await Promise.all([t.loginAs('jigou.demo'), t.loginAs('chengguan.dengji')]);
  const person = await registerPerson(registrar, { county: '620102', birth: '19950310', sequence: 711, name: '马学员' });
  personId = person.id;
  await t.database.db
    .updateTable('person')
    .set({ accommodations: ['screen_reader'] })
    .where('id', '=', personId)
    .execute();
  await t.database.db.updateTable('app_user').set({ person_id: personId }).where('username', '=', 'xueyuan.demo').execute();
  trainee = await t.loginAs('xueyuan.demo');
});
afterAll(() => t.close());

describe('a trainee applies and the institution accepts', () => {
  it('lists open classes, takes the application and the institution’s acceptance', async () => {
    const open = await insertClass(t.database.db, { status: 'approved', starts_on: '2026-09-01', ends_on: '2026-09-20' });
    const draft = await insertClass(t.database.db, { status: 'draft', starts_on: '2026-09-01', ends_on: '2026-09-20' });
    const past = await insertClass(t.database.db, { status: 'approved', starts_on: '2026-07-01', ends_on: '2026-07-20' });
    const type5 = await insertClass(t.database.db, {
      status: 'approved',
      training_type: 'employer_staff',
      starts_on: '2026-10-01',
      ends_on: '2026-10-05',
    });
    // a programme for blind trainees only (the trainee is registered as physical, category 4)
    const massage = await demoProgramme(t.database.db, 'GS-AM-001');
    const otherCategory = await insertClass(t.database.db, {
      status: 'approved',
      programme_id: massage.id,
      programme_code: massage.code,
      starts_on: '2026-10-10',
      ends_on: '2026-10-20',
    });

    const list = okBody<{ items: OpenClass[]; total: number }>(await trainee.get('/api/my/open-classes?pageSize=200'));
    const ids = list.items.map((c) => c.classId);
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(draft.id);
    expect(ids).not.toContain(past.id);
    expect(ids).not.toContain(type5.id);
    expect(ids).not.toContain(otherCategory.id);
    const refused = await trainee.post(`/api/my/classes/${otherCategory.id}/apply`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().details.issues).toEqual([expect.objectContaining({ field: 'class', label: '报名条件' })]);
    expect(list.items.find((c) => c.classId === open.id)).toMatchObject({
      placesLeft: 20,
      institutionName: '兰州市残疾人职业技能培训中心',
    });

    expect((await trainee.post(`/api/my/classes/${draft.id}/apply`)).statusCode).toBe(404);
    const applied = okBody<{ item: MyClass }>(await trainee.post(`/api/my/classes/${open.id}/apply`));
    expect(applied.item).toMatchObject({ classId: open.id, status: 'applied', classNo: open.classNo });
    const twice = await trainee.post(`/api/my/classes/${open.id}/apply`);
    expect(twice.statusCode).toBe(409);
    // a class the trainee holds a place on leaves the open list
    const after = okBody<{ items: OpenClass[] }>(await trainee.get('/api/my/open-classes?pageSize=200'));
    expect(after.items.map((c) => c.classId)).not.toContain(open.id);

    const roster = okBody<RosterView>(await institution.get(`/api/classes/${open.id}/roster`));
    expect(roster.appliedCount).toBe(1);
    const line = roster.lines[0]!;
    expect(line).toMatchObject({ status: 'applied', source: 'trainee', accommodations: ['screen_reader'] });
    // an application does not count against the places or the accommodation needs until accepted
    expect(roster.accommodationNeeds).toEqual([]);

    const accepted = okBody<{ line: RosterLine }>(await institution.post(`/api/classes/${open.id}/enrolments/${line.id}/accept`));
    expect(accepted.line.status).toBe('enrolled');
    expect(okBody<RosterView>(await institution.get(`/api/classes/${open.id}/roster`)).accommodationNeeds).toEqual([
      { code: 'screen_reader', count: 1 },
    ]);
    const mine = okBody<{ items: MyClass[] }>(await trainee.get('/api/my/classes'));
    expect(mine.items.find((c) => c.classId === open.id)).toMatchObject({ status: 'enrolled', classStatus: 'approved' });
  });

  it('refuses an application that overlaps a class the trainee is on, and lets the institution decline one', async () => {
    const a = await insertClass(t.database.db, { status: 'approved', starts_on: '2026-12-01', ends_on: '2026-12-10' });
    const b = await insertClass(t.database.db, { status: 'approved', starts_on: '2026-12-05', ends_on: '2026-12-20' });
    okBody(await trainee.post(`/api/my/classes/${a.id}/apply`));
    const res = await trainee.post(`/api/my/classes/${b.id}/apply`);
    expect(res.statusCode).toBe(409);
    expect(res.json().details.issues[0].message).toContain(a.classNo);
    const line = okBody<RosterView>(await institution.get(`/api/classes/${a.id}/roster`)).lines[0]!;
    const declined = okBody<{ line: RosterLine }>(
      await institution.post(`/api/classes/${a.id}/enrolments/${line.id}/decline`, { reason: '本期名额已优先安排未就业学员' }),
    );
    expect(declined.line).toMatchObject({ status: 'declined', statusReason: '本期名额已优先安排未就业学员' });
    // declined, the trainee no longer holds that place and may apply to the other class
    okBody(await trainee.post(`/api/my/classes/${b.id}/apply`));
  });

  it('answers a trainee account without a registry record 403 in words', async () => {
    await t.createAccount({ username: 'xueyuan.unlinked', kind: 'trainee' });
    const client = await t.loginAs('xueyuan.unlinked');
    for (const res of [await client.get('/api/my/classes'), await client.get('/api/my/open-classes')]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().message).toBe(NO_LINKED_PERSON);
    }
    expect((await institution.get('/api/my/classes')).statusCode).toBe(403);
  });
});

describe('a person’s training history', () => {
  it('shows each class with attendance, exam, completion and certificates', async () => {
    const cls = await insertClass(t.database.db, { status: 'running', starts_on: '2026-03-02', ends_on: '2026-03-06', sessions: 4 });
    const p = await registerPerson(registrar, { county: '620102', birth: '19880808', sequence: 733, name: '周历史' });
    const { line } = okBody<{ line: RosterLine }>(
      await institution.post(`/api/classes/${cls.id}/enrolments`, { idNumber: p.fullIdNumber, name: '周历史' }),
    );
    // the completion area's part, written as it would leave it
    await t.database.db.updateTable('training_class').set({ status: 'completion_approved' }).where('id', '=', cls.id).execute();
    await t.database.db
      .updateTable('class_enrolment')
      .set({ exam_score: '86.5', completion_result: 'passed' })
      .where('id', '=', line.id)
      .execute();
    for (const sessionId of cls.sessionIds.slice(0, 3)) {
      await t.database.db
        .insertInto('attendance')
        .values({
          class_id: cls.id,
          county_code: cls.countyCode,
          session_id: sessionId,
          enrolment_id: line.id,
          signed_in_at: new Date(),
          method_in: 'roster',
        })
        .execute();
    }
    await t.database.db
      .insertInto('training_certificate')
      .values({
        certificate_no: `PXZ-TEST-${Date.now() % 1_000_000}`,
        verify_code: `V${Date.now() % 1_000_000}X`,
        class_id: cls.id,
        enrolment_id: line.id,
        person_id: p.id,
        county_code: cls.countyCode,
        holder_name: '周历史',
        holder_name_masked: '周**',
        issued_on: '2026-03-20',
      })
      .execute();
    await t.database.db
      .insertInto('skill_certificate')
      .values({
        person_id: p.id,
        county_code: cls.countyCode,
        class_id: cls.id,
        certificate_no: 'S202606200001000123456',
        level: '4',
        occupation: '电子商务师',
        issued_on: '2026-04-01',
        issuer: '甘肃省职业技能鉴定指导中心',
      })
      .execute();

    const officer = await t.loginAs('chengguan.peixun');
    const history = okBody<TrainingHistory>(await officer.get(`/api/persons/${p.id}/training-history`));
    expect(history.items).toHaveLength(1);
    expect(history.items[0]).toMatchObject({
      classId: cls.id,
      classNo: cls.classNo,
      institutionName: '兰州市残疾人职业技能培训中心',
      programmeCode: 'GS-DS-001',
      status: 'enrolled',
      attendance: { attended: 3, total: 4, rate: 75 },
      examScore: 86.5,
      completionResult: 'passed',
      certificate: { status: 'valid', issuedOn: '2026-03-20' },
    });
    expect(history.skillCertificates).toEqual([
      expect.objectContaining({ certificateNo: 'S202606200001000123456', level: '4', classNo: cls.classNo }),
    ]);

    // out of scope (another county's officer) and institutions (no persons.read) see nothing
    const xigu = await t.createAccount({ username: 'xigu.peixun.hist', roles: ['training_officer'], regionCode: '620104' });
    const other = await t.loginAs(xigu.username);
    expect([403, 404]).toContain((await other.get(`/api/persons/${p.id}/training-history`)).statusCode);
    expect((await institution.get(`/api/persons/${p.id}/training-history`)).statusCode).toBe(403);
  });
});
