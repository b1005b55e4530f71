import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RosterLine, RosterView } from '../../../shared/contracts/enrolment-contracts';
import { okBody } from '../../testing/answers';
import { buildTestApp, type TestApp, type TestClient } from '../../testing/test-app';
import { insertClass, registerPerson } from '../classes/class-fixtures';
import { idNumber } from '../persons/person-import-fixtures';

let t: TestApp;
let institution: TestClient;
let officer: TestClient;
let registrar: TestClient;
let sequence = 500;

interface Refusal {
  code: string;
  message: string;
  details: { issues: { field: string; message: string }[]; reasons: string[] };
}

beforeAll(async () => {
  t = await buildTestApp();
  [institution, officer, registrar] = await Promise.all([
    t.loginAs('jigou.demo'),
    t.loginAs('chengguan.peixun'),
    t.loginAs('chengguan.dengji'),
  ]);
});
afterAll(() => t.close());

/** A registry person of 城关区 (male unless the sequence is even). */
function person(options: { birth?: string; name?: string; category?: number; female?: boolean } = {}) {
  sequence += options.female ? (sequence % 2 === 0 ? 2 : 1) : sequence % 2 === 1 ? 2 : 1;
  return registerPerson(registrar, {
    county: '620102',
    birth: options.birth ?? '19900115',
    sequence,
    name: options.name ?? '王小明',
    category: options.category ?? 4,
  });
}

function enrolPerson(client: TestClient, classId: string, p: { fullIdNumber: string; name: string }) {
  return client.post(`/api/classes/${classId}/enrolments`, { idNumber: p.fullIdNumber, name: p.name });
}

async function roster(classId: string, client = institution): Promise<RosterView> {
  return okBody<RosterView>(await client.get(`/api/classes/${classId}/roster`));
}

describe('enrolling a registered person', () => {
  it('puts the person on the roster with masked numbers and the registry accommodations, audited', async () => {
    const cls = await insertClass(t.database.db, { status: 'approved' });
    const p = await person({ name: '李·阿依' });
    await t.database.db
      .updateTable('person')
      .set({ accommodations: ['sign_language', 'large_print'] })
      .where('id', '=', p.id)
      .execute();
    const seq = await t.lastAuditSeq();
    const { line } = okBody<{ line: RosterLine }>(await enrolPerson(institution, cls.id, p));
    expect(line).toMatchObject({ participantKind: 'person', personId: p.id, name: '李·阿依', status: 'enrolled', source: 'institution' });
    expect(line.idNumber!.text).toMatch(/^620\*+\d{2}$|^620\*+\d[0-9X]$/);
    expect(line.idNumber!.text).not.toContain(p.fullIdNumber.slice(6, 14));
    expect(line.accommodations).toEqual(['sign_language', 'large_print']);
    expect(line.age).toBe(36);
    const view = await roster(cls.id);
    expect(view.enrolledCount).toBe(1);
    expect(view.accommodationNeeds).toEqual(
      expect.arrayContaining([
        { code: 'sign_language', count: 1 },
        { code: 'large_print', count: 1 },
      ]),
    );
    const audit = await t.auditSince(seq);
    expect(audit.map((a) => [a.action, a.outcome])).toContainEqual(['enrolments.enrol', 'success']);
    expect(JSON.stringify(audit)).not.toContain(p.fullIdNumber);
  });

  it('lets a training officer of the county enrol too, recorded as staff', async () => {
    const cls = await insertClass(t.database.db, { status: 'approved' });
    const p = await person();
    const { line } = okBody<{ line: RosterLine }>(await enrolPerson(officer, cls.id, p));
    expect(line.source).toBe('staff');
  });

  it('refuses the same person twice with 409 and keeps one line', async () => {
    const cls = await insertClass(t.database.db, { status: 'approved' });
    const p = await person();
    okBody(await enrolPerson(institution, cls.id, p));
    const again = await enrolPerson(institution, cls.id, p);
    expect(again.statusCode).toBe(409);
    expect((again.json() as Refusal).details.reasons).toEqual(['already_on_roster']);
    const rows = await t.database.db.selectFrom('class_enrolment').select('id').where('class_id', '=', cls.id).execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses an overlapping class, naming the other class', async () => {
    const first = await insertClass(t.database.db, { status: 'approved', starts_on: '2026-09-01', ends_on: '2026-09-20' });
    const second = await insertClass(t.database.db, { status: 'approved', starts_on: '2026-09-15', ends_on: '2026-10-15' });
    const p = await person();
    okBody(await enrolPerson(institution, first.id, p));
    const res = await enrolPerson(institution, second.id, p);
    expect(res.statusCode).toBe(409);
    const body = res.json() as Refusal;
    expect(body.details.reasons).toEqual(['overlap']);
    expect(body.details.issues[0]!.message).toContain(first.classNo);
    expect(body.details.issues[0]!.field).toBe('body.idNumber');
    // a cancelled class does not hold the person
    await t.database.db.updateTable('training_class').set({ status: 'cancelled' }).where('id', '=', first.id).execute();
    okBody(await enrolPerson(institution, second.id, p));
  });

  it('refuses a full class', async () => {
    const cls = await insertClass(t.database.db, { status: 'running', planned_size: 1 });
    okBody(await enrolPerson(institution, cls.id, await person()));
    const res = await enrolPerson(institution, cls.id, await person());
    expect(res.statusCode).toBe(409);
    expect((res.json() as Refusal).details.reasons).toEqual(['full']);
  });

  it('refuses a category the programme does not serve (400, nothing written)', async () => {
    const cls = await insertClass(t.database.db, { status: 'approved' });
    const res = await enrolPerson(institution, cls.id, await person({ category: 1 }));
    expect(res.statusCode).toBe(400);
    const body = res.json() as Refusal;
    expect(body.details.reasons).toEqual(['category']);
    expect(body.details.issues[0]!.message).toContain('视力');
    expect((await roster(cls.id)).lines).toHaveLength(0);
  });

  it('checks age on the start date: too young, too old, and no upper bound for rural practical training', async () => {
    const cls = await insertClass(t.database.db, { status: 'approved', starts_on: '2026-09-01', ends_on: '2026-09-20' });
    const young = await enrolPerson(institution, cls.id, await person({ birth: '20110101' }));
    expect((young.json() as Refusal).details.reasons).toEqual(['too_young']);
    const old = await person({ birth: '19600301' });
    const oldRes = await enrolPerson(institution, cls.id, old);
    expect(oldRes.statusCode).toBe(400);
    expect((oldRes.json() as Refusal).details.reasons).toEqual(['too_old']);
    const rural = await insertClass(t.database.db, {
      status: 'approved',
      training_type: 'rural_practical',
      starts_on: '2026-11-01',
      ends_on: '2026-11-10',
    });
    okBody(await enrolPerson(institution, rural.id, old));
    const ruralYoung = await enrolPerson(institution, rural.id, await person({ birth: '20110101' }));
    expect((ruralYoung.json() as Refusal).details.reasons).toEqual(['too_young']);
  });

  it('answers a wrong name exactly like an unknown ID number', async () => {
    const cls = await insertClass(t.database.db, { status: 'approved' });
    const p = await person({ name: '赵一' });
    const wrongName = await institution.post(`/api/classes/${cls.id}/enrolments`, { idNumber: p.fullIdNumber, name: '赵二' });
    const unknown = await institution.post(`/api/classes/${cls.id}/enrolments`, {
      idNumber: idNumber('620102', '19900115', 999),
      name: '赵一',
    });
    for (const res of [wrongName, unknown]) {
      expect(res.statusCode).toBe(400);
      const body = res.json() as Refusal;
      expect(body.details.reasons).toEqual(['not_registered']);
      expect(body.details.issues.map((i) => i.message)).toEqual(['未找到匹配的登记记录']);
    }
    expect((wrongName.json() as Refusal).message).toBe((unknown.json() as Refusal).message);
    expect(wrongName.body).not.toContain('赵一');
  });

  it('finds only persons in the enrolling account’s scope, like the registry search', async () => {
    const cls = await insertClass(t.database.db, { status: 'approved' });
    await t.createAccount({ username: 'qilihe.dengji.enrol', roles: ['registrar'], regionCode: '620103' });
    const qiliheRegistrar = await t.loginAs('qilihe.dengji.enrol');
    const elsewhere = await registerPerson(qiliheRegistrar, { county: '620103', birth: '19900115', sequence: 901, name: '孙外区' });
    const res = await enrolPerson(institution, cls.id, elsewhere);
    expect(res.statusCode).toBe(400);
    expect((res.json() as Refusal).details.issues.map((i) => i.message)).toEqual(['未找到匹配的登记记录']);
    const province = await t.loginAs('sheng.peixun');
    okBody(await enrolPerson(province, cls.id, elsewhere));
  });

  it('answers another institution’s user and an officer of another county 404', async () => {
    const cls = await insertClass(t.database.db, { status: 'approved' });
    const other = await t.createAccount({ username: 'qilihe.jigou.enrol', kind: 'institution', regionCode: '620103' });
    const qilihe = await t.database.db
      .selectFrom('institution')
      .select('id')
      .where('name', '=', '兰州市七里河区阳光职业技能培训学校')
      .executeTakeFirstOrThrow();
    await t.database.db.updateTable('app_user').set({ institution_id: qilihe.id }).where('id', '=', other.id).execute();
    const client = await t.loginAs('qilihe.jigou.enrol');
    const p = await person();
    expect((await enrolPerson(client, cls.id, p)).statusCode).toBe(404);
    expect((await client.get(`/api/classes/${cls.id}/roster`)).statusCode).toBe(404);
    const reviewer = await t.loginAs('chengguan.shenhe');
    expect((await enrolPerson(reviewer, cls.id, p)).statusCode).toBe(403);
    expect((await t.database.db.selectFrom('class_enrolment').select('id').where('class_id', '=', cls.id).execute()).length).toBe(0);
  });

  it('refuses a class whose completion has been submitted', async () => {
    const cls = await insertClass(t.database.db, { status: 'completion_submitted' });
    const res = await enrolPerson(institution, cls.id, await person());
    expect(res.statusCode).toBe(409);
    expect((res.json() as Refusal).details.reasons).toEqual(['not_open']);
  });
});

describe('external participants (type 5)', () => {
  const external = {
    participantKind: 'external',
    name: '陈经理',
    organisation: '甘肃陇原电子商务有限公司',
    position: '人事主管',
    phone: '13919312468',
  };

  it('enrols an external participant in a type 5 class, phone sealed and masked', async () => {
    const cls = await insertClass(t.database.db, { status: 'approved', training_type: 'employer_staff' });
    const { line } = okBody<{ line: RosterLine }>(await institution.post(`/api/classes/${cls.id}/enrolments`, external));
    expect(line).toMatchObject({
      participantKind: 'external',
      name: '陈经理',
      organisation: '甘肃陇原电子商务有限公司',
      position: '人事主管',
    });
    expect(line.phone!.text).toBe('139****2468');
    const row = await t.database.db.selectFrom('class_enrolment').selectAll().where('id', '=', line.id).executeTakeFirstOrThrow();
    expect(row.external_phone_sealed!.toString('latin1')).not.toContain('13919312468');
    expect(t.services.persons.crypto.open(row.external_phone_sealed!)).toBe('13919312468');
  });

  it('refuses an external participant in another type and a person in a type 5 class', async () => {
    const ordinary = await insertClass(t.database.db, { status: 'approved' });
    const res = await institution.post(`/api/classes/${ordinary.id}/enrolments`, external);
    expect(res.statusCode).toBe(400);
    expect((res.json() as Refusal).details.issues.map((i) => i.field)).toEqual(['body.participantKind']);
    const type5 = await insertClass(t.database.db, { status: 'approved', training_type: 'employer_staff' });
    const p = await enrolPerson(institution, type5.id, await person());
    expect(p.statusCode).toBe(400);
    expect((p.json() as Refusal).details.reasons).toEqual(['participant_kind']);
  });

  it('names each missing field of an external participant', async () => {
    const type5 = await insertClass(t.database.db, { status: 'approved', training_type: 'employer_staff' });
    const res = await institution.post(`/api/classes/${type5.id}/enrolments`, { participantKind: 'external', name: '陈经理', phone: '12' });
    expect(res.statusCode).toBe(400);
    expect((res.json() as Refusal).details.issues.map((i) => i.field).sort()).toEqual(['body.organisation', 'body.phone', 'body.position']);
  });
});

describe('declining and withdrawing', () => {
  it('keeps the line with its status and reason', async () => {
    const cls = await insertClass(t.database.db, { status: 'running' });
    const { line } = okBody<{ line: RosterLine }>(await enrolPerson(institution, cls.id, await person()));
    const withdrawn = okBody<{ line: RosterLine }>(
      await institution.post(`/api/classes/${cls.id}/enrolments/${line.id}/withdraw`, { reason: '因病无法继续参加' }),
    );
    expect(withdrawn.line).toMatchObject({ status: 'withdrawn', statusReason: '因病无法继续参加' });
    const again = await institution.post(`/api/classes/${cls.id}/enrolments/${line.id}/withdraw`, { reason: '再次' });
    expect(again.statusCode).toBe(409);
    const decline = await institution.post(`/api/classes/${cls.id}/enrolments/${line.id}/decline`, { reason: '不符合' });
    expect(decline.statusCode).toBe(409);
    const noReason = await institution.post(`/api/classes/${cls.id}/enrolments/${line.id}/withdraw`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect((await roster(cls.id)).lines.map((l) => l.status)).toEqual(['withdrawn']);
  });
});
