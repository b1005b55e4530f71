import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClassAttendance, QrToken, ScanPreview, ScanResult, SessionAttendance } from '../../../shared/contracts/attendance-contracts';
import { okBody } from '../../testing/answers';
import { buildTestApp, type TestApp, type TestClient } from '../../testing/test-app';
import { type ClassFixture, insertClass, registerPerson } from '../classes/class-fixtures';

/** China time on a session day of the fixture classes (sessions 09:00–12:00 from 2026-09-01). */
const china = (day: string, time: string) => new Date(`2026-09-${day}T${time}:00+08:00`);

let now = china('01', '08:50');
let t: TestApp;
let institution: TestClient; // jigou.demo, runs the classes
let otherInstitution: TestClient; // an account of another institution in the same county
let officer: TestClient; // chengguan.peixun, staff over 620102
let trainees: Record<'a' | 'b' | 'c' | 'd', TestClient>;
/** a, b and d are on the roster of `cls`; c is not */
const enrolment: Record<string, string> = {};
const person: Record<string, string> = {};
let cls: ClassFixture;

async function enrol(classId: string, countyCode: string, personId: string): Promise<string> {
  const row = await t.database.db
    .insertInto('class_enrolment')
    .values({
      class_id: classId,
      county_code: countyCode,
      participant_kind: 'person',
      person_id: personId,
      status: 'enrolled',
      source: 'institution',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function qr(classId: string, sessionId: string, direction: 'in' | 'out' = 'in'): Promise<QrToken> {
  return okBody<QrToken>(await institution.post(`/api/classes/${classId}/sessions/${sessionId}/qr-token`, { direction }));
}

function scan(trainee: TestClient, token: string, deviceId = 'phone-of-someone-0001') {
  return trainee.post('/api/attend', { token, deviceId });
}

async function attendanceRows(sessionId: string) {
  return t.database.db.selectFrom('attendance').selectAll().where('session_id', '=', sessionId).execute();
}

async function scans(sessionId: string) {
  return t.database.db.selectFrom('attendance_scan').selectAll().where('session_id', '=', sessionId).orderBy('scanned_at').execute();
}

beforeAll(async () => {
  t = await buildTestApp({ clock: () => now, env: { CLASS_QR_TOKEN_SECONDS: '60' } });
  const registrar = await t.loginAs('chengguan.dengji');
  const names = { a: '张明', b: '李华', c: '王芳', d: '赵强' } as const;
  let sequence = 11;
  trainees = {} as typeof trainees;
  for (const key of ['a', 'b', 'c', 'd'] as const) {
    const p = await registerPerson(registrar, { county: '620102', birth: '19900101', sequence, name: names[key] });
    sequence += 2;
    person[key] = p.id;
    await t.createAccount({ username: `att.trainee.${key}`, kind: 'trainee', roles: [], personId: p.id });
    trainees[key] = await t.loginAs(`att.trainee.${key}`);
  }
  await t.createAccount({ username: 'att.qizhi', kind: 'institution', institutionName: '兰州市城关区启智特殊教育学校' });
  [institution, otherInstitution, officer] = await Promise.all([
    t.loginAs('jigou.demo'),
    t.loginAs('att.qizhi'),
    t.loginAs('chengguan.peixun'),
  ]);

  cls = await insertClass(t.database.db, { status: 'running', starts_on: '2026-09-01', ends_on: '2026-09-10', sessions: 4 });
  for (const key of ['a', 'b', 'd']) enrolment[key] = await enrol(cls.id, cls.countyCode, person[key]!);
});
afterAll(() => t.close());

describe('QR sign-in', () => {
  it('accepts a trainee on the roster once, and refuses the same token again as replayed', async () => {
    now = china('01', '08:50');
    const code = await qr(cls.id, cls.sessionIds[0]!);
    expect(code.url).toMatch(/\/attend\/[A-Za-z0-9_-]+$/);
    expect(code.svg).toMatch(/^<svg role="img" aria-label="第 1 课签到二维码，08:51 前有效"/);
    expect(new Date(code.expiresAt).getTime() - new Date(code.issuedAt).getTime()).toBe(t.config.CLASS_QR_TOKEN_SECONDS * 1000);

    const preview = okBody<ScanPreview>(await trainees.a.get(`/api/attend/${code.token}`));
    expect(preview).toMatchObject({ status: 'ready', className: '电子商务客服培训班（测试）', sessionSeq: 1, direction: 'in' });

    now = china('01', '08:50');
    const done = okBody<ScanResult>(await scan(trainees.a, code.token));
    expect(done).toMatchObject({ direction: 'in', sessionSeq: 1, recordedAt: now.toISOString() });

    const again = await scan(trainees.a, code.token);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'CONFLICT', details: { reason: 'replayed' } });
    expect((await trainees.a.get(`/api/attend/${code.token}`)).json()).toMatchObject({ status: 'refused', reason: 'replayed' });

    const rows = await attendanceRows(cls.sessionIds[0]!);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ enrolment_id: enrolment.a, method_in: 'qr', flags: [] });
    expect(rows[0]!.device_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.device_hash).not.toContain('phone');
    expect((await scans(cls.sessionIds[0]!)).map((s) => s.outcome)).toEqual(['accepted', 'replayed']);
  });

  it('lets one of two simultaneous confirmations of a token through', async () => {
    const own = await insertClass(t.database.db, { status: 'running', starts_on: '2026-09-05', ends_on: '2026-09-10', sessions: 1 });
    await enrol(own.id, own.countyCode, person.b!);
    now = china('05', '09:00');
    const code = await qr(own.id, own.sessionIds[0]!);
    const answers = await Promise.all([scan(trainees.b, code.token), scan(trainees.b, code.token)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    expect(await attendanceRows(own.sessionIds[0]!)).toHaveLength(1);
    expect((await scans(own.sessionIds[0]!)).map((s) => s.outcome).sort()).toEqual(['accepted', 'replayed']);
  });

  it('refuses an expired token, a tampered token and a trainee not on the roster, and logs each', async () => {
    now = china('01', '09:00');
    const code = await qr(cls.id, cls.sessionIds[0]!);
    now = new Date(now.getTime() + (t.config.CLASS_QR_TOKEN_SECONDS + 1) * 1000);
    const expired = await scan(trainees.b, code.token);
    expect(expired.statusCode).toBe(400);
    expect(expired.json()).toMatchObject({ details: { reason: 'expired' } });
    expect(expired.json().message).toContain('二维码已过期，请重新扫描教室里的二维码');

    now = china('01', '09:05');
    const fresh = await qr(cls.id, cls.sessionIds[0]!);
    const last = fresh.token.at(-1) === 'A' ? 'B' : 'A';
    const tampered = await scan(trainees.b, fresh.token.slice(0, -1) + last);
    expect(tampered.statusCode).toBe(400);
    expect(tampered.json()).toMatchObject({ details: { reason: 'invalid' } });
    const garbage = await scan(trainees.b, 'not-a-token-at-all');
    expect(garbage.statusCode).toBe(400);

    const outsider = await scan(trainees.c, fresh.token);
    expect(outsider.statusCode).toBe(409);
    expect(outsider.json()).toMatchObject({ details: { reason: 'not_enrolled' } });
    expect(outsider.json().message).toContain('学员名单');
    expect((await trainees.c.get(`/api/attend/${fresh.token}`)).json()).toMatchObject({ status: 'refused', reason: 'not_enrolled' });

    const rows = await attendanceRows(cls.sessionIds[0]!);
    expect(rows.map((r) => r.enrolment_id)).toEqual([enrolment.a]);
    const outcomes = (await scans(cls.sessionIds[0]!)).map((s) => s.outcome);
    expect(outcomes).toEqual(expect.arrayContaining(['expired', 'invalid', 'not_enrolled']));
  });

  it('refuses a scan for a class that is not running', async () => {
    now = china('01', '09:10');
    const code = await qr(cls.id, cls.sessionIds[0]!);
    await t.database.db.updateTable('training_class').set({ status: 'completion_submitted' }).where('id', '=', cls.id).execute();
    try {
      const res = await scan(trainees.b, code.token);
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ details: { reason: 'not_running' } });
    } finally {
      await t.database.db.updateTable('training_class').set({ status: 'running' }).where('id', '=', cls.id).execute();
    }
  });

  it('flags a sign-in outside the session time', async () => {
    now = china('02', '07:45');
    const code = await qr(cls.id, cls.sessionIds[1]!);
    okBody(await scan(trainees.a, code.token));
    const [row] = await attendanceRows(cls.sessionIds[1]!);
    expect(row!.flags).toEqual(['outside_session']);
    const overview = okBody<ClassAttendance>(await institution.get(`/api/classes/${cls.id}/attendance`));
    expect(overview.anomalies).toContainEqual(
      expect.objectContaining({ flag: 'outside_session', sessionSeq: 2, traineeName: '张明', label: '不在课时时间内签到或签退' }),
    );
  });

  it('flags two trainees who signed in on one device', async () => {
    now = china('02', '09:00');
    const code = await qr(cls.id, cls.sessionIds[1]!);
    okBody(await scan(trainees.b, code.token, 'shared-phone-xyz-123'));
    okBody(await scan(trainees.d, code.token, 'shared-phone-xyz-123'));
    const rows = await attendanceRows(cls.sessionIds[1]!);
    const flagsOf = (id: string) => rows.find((r) => r.enrolment_id === id)!.flags;
    expect(flagsOf(enrolment.b!)).toEqual(['shared_device']);
    expect(flagsOf(enrolment.d!)).toEqual(['shared_device']);
    expect(flagsOf(enrolment.a!)).toEqual(['outside_session']);
    const overview = okBody<ClassAttendance>(await officer.get(`/api/classes/${cls.id}/attendance`));
    const shared = overview.anomalies.filter((a) => a.flag === 'shared_device');
    expect(shared).toHaveLength(2);
    expect(shared[0]!.explanation).toContain('2 名学员使用同一部手机');
  });

  it('flags one person signed in to overlapping sessions of two classes', async () => {
    const second = await insertClass(t.database.db, { status: 'running', starts_on: '2026-09-03', ends_on: '2026-09-10', sessions: 1 });
    const other = await enrol(second.id, second.countyCode, person.d!);
    now = china('03', '09:05');
    okBody(await scan(trainees.d, (await qr(cls.id, cls.sessionIds[2]!)).token, 'phone-d-000001'));
    expect((await attendanceRows(cls.sessionIds[2]!))[0]!.flags).toEqual([]);
    okBody(await scan(trainees.d, (await qr(second.id, second.sessionIds[0]!)).token, 'phone-d-000001'));
    expect((await attendanceRows(cls.sessionIds[2]!))[0]!.flags).toEqual(['two_places']);
    expect((await attendanceRows(second.sessionIds[0]!)).find((r) => r.enrolment_id === other)!.flags).toEqual(['two_places']);

    const staffView = okBody<ClassAttendance>(await officer.get(`/api/classes/${cls.id}/attendance`));
    const twice = staffView.anomalies.find((a) => a.flag === 'two_places')!;
    expect(twice).toMatchObject({ traineeName: '赵强', sessionSeq: 3 });
    expect(twice.explanation).toContain('电子商务客服培训班（测试）');

    // the roster clears the other sign-in: both rows lose the flag
    const sheet = okBody<SessionAttendance>(await institution.get(`/api/classes/${second.id}/sessions/${second.sessionIds[0]}/attendance`));
    okBody(
      await institution.put(`/api/classes/${second.id}/sessions/${second.sessionIds[0]}/attendance`, {
        rosterVersion: sheet.rosterVersion,
        marks: [{ enrolmentId: other, signedIn: false, signedOut: false }],
      }),
    );
    expect((await attendanceRows(cls.sessionIds[2]!))[0]!.flags).toEqual([]);
  });
});

describe('roster marking', () => {
  it('marks a session with the session times by default, is idempotent, and refuses a stale version', async () => {
    const sessionId = cls.sessionIds[3]!;
    const url = `/api/classes/${cls.id}/sessions/${sessionId}/attendance`;
    const sheet = okBody<SessionAttendance>(await institution.get(url));
    expect(sheet.lines.map((l) => l.name).sort()).toEqual(['张明', '李华', '赵强'].sort());
    expect(sheet.canRecord).toBe(true);

    const before = await t.lastAuditSeq();
    const marks = [
      { enrolmentId: enrolment.a!, signedIn: true, signedOut: true },
      { enrolmentId: enrolment.b!, signedIn: true, signedInAt: '2026-09-04T09:20:00+08:00', signedOut: false },
    ];
    const marked = okBody<SessionAttendance & { changed: number }>(
      await institution.put(url, { rosterVersion: sheet.rosterVersion, marks }),
    );
    expect(marked.changed).toBe(2);
    const a = marked.lines.find((l) => l.enrolmentId === enrolment.a)!;
    expect(a).toMatchObject({
      signedInAt: '2026-09-04T01:00:00.000Z',
      signedOutAt: '2026-09-04T04:00:00.000Z',
      methodIn: 'roster',
      methodOut: 'roster',
    });
    expect(marked.lines.find((l) => l.enrolmentId === enrolment.b)).toMatchObject({
      signedInAt: '2026-09-04T01:20:00.000Z',
      signedOutAt: null,
    });
    expect(await t.auditSince(before)).toContainEqual(
      expect.objectContaining({ action: 'attendance.mark', outcome: 'success', target_id: sessionId, actor_name: 'jigou.demo' }),
    );

    // the same marks again (with the old version): nothing changes, nothing refused
    const again = okBody<SessionAttendance & { changed: number }>(
      await institution.put(url, { rosterVersion: sheet.rosterVersion, marks }),
    );
    expect(again.changed).toBe(0);
    expect(again.rosterVersion).toBe(marked.rosterVersion);

    // a different change on the old version: someone changed the sheet meanwhile
    const stale = await institution.put(url, {
      rosterVersion: sheet.rosterVersion,
      marks: [{ enrolmentId: enrolment.d!, signedIn: true, signedOut: false }],
    });
    expect(stale.statusCode).toBe(409);
    expect(await attendanceRows(sessionId)).toHaveLength(2);
  });

  it('names the field of a bad mark', async () => {
    const url = `/api/classes/${cls.id}/sessions/${cls.sessionIds[3]}/attendance`;
    const sheet = okBody<SessionAttendance>(await institution.get(url));
    const outsider = await institution.put(url, {
      rosterVersion: sheet.rosterVersion,
      marks: [{ enrolmentId: '00000000-0000-4000-8000-000000000000', signedIn: true, signedOut: false }],
    });
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json().details.issues[0]).toMatchObject({ field: 'body.marks.0.enrolmentId', label: '学员' });
    const backwards = await institution.put(url, {
      rosterVersion: sheet.rosterVersion,
      marks: [
        {
          enrolmentId: enrolment.d!,
          signedIn: true,
          signedInAt: '2026-09-04T11:00:00+08:00',
          signedOut: true,
          signedOutAt: '2026-09-04T10:00:00+08:00',
        },
      ],
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().details.issues[0]).toMatchObject({ field: 'body.marks.0.signedOutAt', label: '签退时间' });
  });

  it('gives every enrolled trainee a rate against the threshold', async () => {
    const overview = okBody<ClassAttendance>(await institution.get(`/api/classes/${cls.id}/attendance`));
    expect(overview.threshold).toBe(80);
    expect(overview.sessions.map((s) => [s.seq, s.signedIn])).toEqual([
      [1, 1],
      [2, 3],
      [3, 1],
      [4, 2],
    ]);
    const rateOf = (id: string) => overview.rates.find((r) => r.enrolmentId === id)!;
    // a: sessions 1, 2, 4 of 4; b: 2, 4; d: 2, 3
    expect(rateOf(enrolment.a!)).toMatchObject({ attended: 3, total: 4, rate: 75, belowThreshold: true });
    expect(rateOf(enrolment.b!)).toMatchObject({ attended: 2, total: 4, rate: 50, belowThreshold: true });
    const rates = await t.services.attendance.ratesForClass(t.database.db, cls.id);
    expect(rates.get(enrolment.d!)).toEqual({ attended: 2, total: 4, rate: 50 });
    expect(rates.size).toBe(3);
  });
});

describe('access', () => {
  it('hides a class from another institution and keeps staff to reading', async () => {
    expect((await otherInstitution.get(`/api/classes/${cls.id}/attendance`)).statusCode).toBe(404);
    expect((await otherInstitution.get(`/api/classes/${cls.id}/sessions/${cls.sessionIds[0]}/attendance`)).statusCode).toBe(404);
    expect(
      (await otherInstitution.post(`/api/classes/${cls.id}/sessions/${cls.sessionIds[0]}/qr-token`, { direction: 'in' })).statusCode,
    ).toBe(404);
    const sheet = okBody<SessionAttendance>(await officer.get(`/api/classes/${cls.id}/sessions/${cls.sessionIds[0]}/attendance`));
    expect(sheet.canRecord).toBe(false);
    const res = await officer.put(`/api/classes/${cls.id}/sessions/${cls.sessionIds[0]}/attendance`, {
      rosterVersion: sheet.rosterVersion,
      marks: [{ enrolmentId: enrolment.b!, signedIn: true, signedOut: false }],
    });
    expect(res.statusCode).toBe(403);
  });

  it('refuses marking and QR codes once the class is no longer running', async () => {
    const closed = await insertClass(t.database.db, {
      status: 'completion_submitted',
      starts_on: '2026-09-01',
      ends_on: '2026-09-10',
      sessions: 1,
    });
    now = china('01', '09:00');
    const res = await institution.post(`/api/classes/${closed.id}/sessions/${closed.sessionIds[0]}/qr-token`, { direction: 'in' });
    expect(res.statusCode).toBe(409);
    const day = await institution.post(`/api/classes/${cls.id}/sessions/${cls.sessionIds[3]}/qr-token`, { direction: 'in' });
    expect(day.statusCode).toBe(409);
    expect(day.json().message).toContain('课时当天');
  });
});
