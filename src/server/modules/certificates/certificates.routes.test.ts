import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CertificateView,
  ClassCertificates,
  ClassExam,
  ClassSkillCertificates,
  PublicCertificate,
} from '../../../shared/contracts/certificates-contracts';
import { todayInChina } from '../../../shared/domain/person-validation';
import { issuesOf, okBody } from '../../testing/answers';
import { buildTestApp, type TestApp, type TestClient } from '../../testing/test-app';
import { type ClassFixture, insertClass, registerPerson } from '../classes/class-fixtures';

let t: TestApp;
let institution: TestClient; // jigou.demo, 兰州市残疾人职业技能培训中心 (620102)
let otherInstitution: TestClient; // a user of 兰州市七里河区阳光职业技能培训学校
let reviewer: TestClient; // chengguan.shenhe
let officer: TestClient; // chengguan.peixun
let registrar: TestClient; // chengguan.dengji
let sequence = 300;

interface Trainee {
  enrolmentId: string;
  personId: string | null;
  name: string;
  idNumber: string | null;
}

/** A running class of the demo institution, five sessions in September 2026. */
async function runningClass(): Promise<ClassFixture> {
  return insertClass(t.database.db, { status: 'running', starts_on: '2026-09-01', ends_on: '2026-09-05', sessions: 5 });
}

async function enrol(klass: ClassFixture, name: string, attended: number, status: 'enrolled' | 'withdrawn' = 'enrolled'): Promise<Trainee> {
  sequence += 2;
  const person = await registerPerson(registrar, { county: '620102', birth: '19900101', sequence, name });
  const line = await t.database.db
    .insertInto('class_enrolment')
    .values({
      class_id: klass.id,
      county_code: klass.countyCode,
      participant_kind: 'person',
      person_id: person.id,
      status,
      source: 'institution',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await signIn(klass, line.id, attended);
  return { enrolmentId: line.id, personId: person.id, name, idNumber: person.fullIdNumber };
}

async function enrolExternal(klass: ClassFixture, name: string, attended: number): Promise<Trainee> {
  const line = await t.database.db
    .insertInto('class_enrolment')
    .values({
      class_id: klass.id,
      county_code: klass.countyCode,
      participant_kind: 'external',
      external_name: name,
      external_organisation: '甘肃陇原电子商务有限公司',
      status: 'enrolled',
      source: 'institution',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await signIn(klass, line.id, attended);
  return { enrolmentId: line.id, personId: null, name, idNumber: null };
}

async function signIn(klass: ClassFixture, enrolmentId: string, sessions: number): Promise<void> {
  for (const sessionId of klass.sessionIds.slice(0, sessions)) {
    await t.database.db
      .insertInto('attendance')
      .values({
        class_id: klass.id,
        county_code: klass.countyCode,
        session_id: sessionId,
        enrolment_id: enrolmentId,
        signed_in_at: new Date('2026-09-01T01:05:00Z'),
        method_in: 'roster',
      })
      .execute();
  }
}

async function exam(client: TestClient, classId: string): Promise<ClassExam> {
  return okBody<ClassExam>(await client.get(`/api/classes/${classId}/exam`));
}

async function command(client: TestClient, classId: string, name: string, comment: string | null = null) {
  const { version } = await exam(client, classId);
  return client.post(`/api/classes/${classId}/commands/${name}`, { version, comment });
}

beforeAll(async () => {
  t = await buildTestApp();
  const other = await t.createAccount({ username: 'certificates.qilihe.jigou', kind: 'institution', roles: [] });
  const qilihe = await t.database.db
    .selectFrom('institution')
    .select('id')
    .where('name', '=', '兰州市七里河区阳光职业技能培训学校')
    .executeTakeFirstOrThrow();
  await t.database.db.updateTable('app_user').set({ institution_id: qilihe.id }).where('id', '=', other.id).execute();
  [institution, otherInstitution, reviewer, officer, registrar] = await Promise.all([
    t.loginAs('jigou.demo'),
    t.loginAs('certificates.qilihe.jigou'),
    t.loginAs('chengguan.shenhe'),
    t.loginAs('chengguan.peixun'),
    t.loginAs('chengguan.dengji'),
  ]);
});
afterAll(() => t.close());

describe('the completion exam', () => {
  it('refuses a result for a line that is not enrolled in this class, naming the line, and writes nothing', async () => {
    const klass = await runningClass();
    const other = await runningClass();
    const good = await enrol(klass, '赵一鸣', 5);
    const withdrawn = await enrol(klass, '钱二丫', 5, 'withdrawn');
    const elsewhere = await enrol(other, '孙三元', 5);
    const { version } = await exam(institution, klass.id);
    for (const stranger of [withdrawn, elsewhere]) {
      const res = await institution.put(`/api/classes/${klass.id}/exam`, {
        examOn: '2026-09-05',
        version,
        results: [
          { enrolmentId: good.enrolmentId, score: 88, absent: false },
          { enrolmentId: stranger.enrolmentId, score: 70, absent: false },
        ],
      });
      expect(issuesOf(res)).toEqual({ 'body.results.1.enrolmentId': '第 2 行不是本班在册学员' });
    }
    const after = await exam(institution, klass.id);
    expect(after.examOn).toBeNull();
    expect(after.lines.map((l) => l.name)).toEqual(['赵一鸣']);
    expect(after.lines[0]!.score).toBeNull();
  });

  it('checks scores, dates and the version, and leaves another institution and the reviewers out', async () => {
    const klass = await runningClass();
    const trainee = await enrol(klass, '周四海', 5);
    const { version } = await exam(institution, klass.id);
    const body = (over: Record<string, unknown>) => ({
      examOn: '2026-09-05',
      version,
      results: [{ enrolmentId: trainee.enrolmentId, score: 75.5, absent: false }],
      ...over,
    });
    expect(
      Object.keys(
        issuesOf(
          await institution.put(
            `/api/classes/${klass.id}/exam`,
            body({ results: [{ enrolmentId: trainee.enrolmentId, score: 100.5, absent: false }] }),
          ),
        ),
      ),
    ).toEqual(['body.results.0.score']);
    expect(
      Object.keys(
        issuesOf(
          await institution.put(
            `/api/classes/${klass.id}/exam`,
            body({ results: [{ enrolmentId: trainee.enrolmentId, score: 60, absent: true }] }),
          ),
        ),
      ),
    ).toEqual(['body.results.0.score']);
    expect(issuesOf(await institution.put(`/api/classes/${klass.id}/exam`, body({ examOn: '2026-08-31' })))).toEqual({
      'body.examOn': '考核日期不能早于开班日期 2026-09-01',
    });
    expect((await otherInstitution.get(`/api/classes/${klass.id}/exam`)).statusCode).toBe(404);
    expect((await otherInstitution.put(`/api/classes/${klass.id}/exam`, body({}))).statusCode).toBe(404);
    expect((await reviewer.put(`/api/classes/${klass.id}/exam`, body({}))).statusCode).toBe(403);

    const before = await t.lastAuditSeq();
    const saved = okBody<ClassExam>(await institution.put(`/api/classes/${klass.id}/exam`, body({})));
    expect(saved).toMatchObject({ examOn: '2026-09-05', version: version + 1, editable: true });
    expect(saved.lines[0]).toMatchObject({ score: 75.5, absent: false, attendance: { attended: 5, total: 5, rate: 100 }, result: null });
    expect(saved.lines[0]!.preview).toEqual({ result: 'passed', reasons: [] });
    expect(await t.auditSince(before)).toContainEqual(expect.objectContaining({ action: 'exams.record', target_id: klass.id }));

    const stale = await institution.put(`/api/classes/${klass.id}/exam`, body({}));
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toBe('考核信息已被他人修改，请刷新后重试');
  });
});

describe('from completion to certificates', () => {
  let klass: ClassFixture;
  let good: Trainee; // 85 points, all five sessions
  let absentee: Trainee; // good attendance, absent from the exam
  let truant: Trainee; // 95 points but three of five sessions (60 %)
  let external: Trainee; // an employer's participant, 70 points
  let certificate: CertificateView;

  beforeAll(async () => {
    klass = await runningClass();
    good = await enrol(klass, '张晓明', 5);
    absentee = await enrol(klass, '李红梅', 5);
    truant = await enrol(klass, '王大力', 3);
    external = await enrolExternal(klass, '刘经理', 4);
  });

  it('blocks submit_completion without an exam date, then while results are missing, naming the trainees', async () => {
    const noDate = await command(institution, klass.id, 'submit_completion');
    expect(noDate.statusCode, noDate.body).toBe(409);
    expect(noDate.json().message).toContain('考核日期');

    const { version } = await exam(institution, klass.id);
    okBody(
      await institution.put(`/api/classes/${klass.id}/exam`, {
        examOn: '2026-09-05',
        version,
        results: [{ enrolmentId: good.enrolmentId, score: 85, absent: false }],
      }),
    );
    const missing = await command(institution, klass.id, 'submit_completion');
    expect(missing.statusCode).toBe(409);
    expect(missing.json().message).toBe('以下学员还没有考核成绩或缺考标记：李红梅、王大力、刘经理');
    expect((await exam(institution, klass.id)).status).toBe('running');
  });

  it('fixes pass or fail per trainee when completion is submitted: low attendance fails a good score, absence fails', async () => {
    const { version } = await exam(institution, klass.id);
    const saved = okBody<ClassExam>(
      await institution.put(`/api/classes/${klass.id}/exam`, {
        examOn: '2026-09-05',
        version,
        results: [
          { enrolmentId: absentee.enrolmentId, score: null, absent: true },
          { enrolmentId: truant.enrolmentId, score: 95, absent: false },
          { enrolmentId: external.enrolmentId, score: 70, absent: false },
        ],
      }),
    );
    expect(saved.lines.find((l) => l.enrolmentId === good.enrolmentId)!.score).toBe(85);
    const submitted = await command(institution, klass.id, 'submit_completion');
    expect(submitted.statusCode, submitted.body).toBe(200);

    const after = await exam(institution, klass.id);
    expect(after.editable).toBe(false);
    const byName = Object.fromEntries(after.lines.map((l) => [l.name, { result: l.result, reasons: l.reasons }]));
    expect(byName).toEqual({
      张晓明: { result: 'passed', reasons: [] },
      李红梅: { result: 'failed', reasons: ['结业考核缺考'] },
      王大力: { result: 'failed', reasons: ['出勤率 60%，低于要求的 80%'] },
      刘经理: { result: 'passed', reasons: [] },
    });
    const stored = await t.database.db
      .selectFrom('class_enrolment')
      .select(['completion_result', 'completion_reason'])
      .where('id', '=', truant.enrolmentId)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ completion_result: 'failed', completion_reason: '出勤率 60%，低于要求的 80%' });
  });

  it('issues no certificate before the completion review is approved', async () => {
    const res = await institution.post(`/api/classes/${klass.id}/certificates`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('结业审核通过后才能颁发培训合格证书');
    okBody(await command(reviewer, klass.id, 'approve_completion'));
  });

  it('refuses to close while a passed trainee has no certificate', async () => {
    const res = await command(institution, klass.id, 'close');
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('以下结业合格的学员还没有培训合格证书，请先颁发：张晓明、刘经理');
  });

  it('refuses a certificate for a trainee who did not pass, naming them, and writes nothing', async () => {
    const res = await institution.post(`/api/classes/${klass.id}/certificates`, {
      enrolmentIds: [good.enrolmentId, truant.enrolmentId, absentee.enrolmentId],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('以下学员结业考核未合格，不能颁发证书：王大力、李红梅');
    expect(await t.database.db.selectFrom('training_certificate').select('id').where('class_id', '=', klass.id).execute()).toEqual([]);
    expect((await officer.post(`/api/classes/${klass.id}/certificates`, {})).statusCode).toBe(403);
    expect((await otherInstitution.post(`/api/classes/${klass.id}/certificates`, {})).statusCode).toBe(404);
  });

  it('issues numbered certificates with verify codes to every passed trainee without one', async () => {
    const listed = okBody<ClassCertificates>(await institution.get(`/api/classes/${klass.id}/certificates`));
    expect(listed).toMatchObject({ items: [], canIssue: true });
    expect(listed.awaiting.map((a) => a.name)).toEqual(['张晓明', '刘经理']);

    const before = await t.lastAuditSeq();
    const issued = okBody<ClassCertificates>(await institution.post(`/api/classes/${klass.id}/certificates`, {}));
    expect(issued.awaiting).toEqual([]);
    const year = todayInChina().slice(0, 4);
    expect(issued.items).toHaveLength(2);
    const serials = issued.items.map((c) => {
      expect(c.certificateNo).toMatch(new RegExp(`^PXZ${year}620102\\d{6}$`));
      expect(c.verifyCode).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
      return Number(c.certificateNo.slice(-6));
    });
    expect(serials[1]! - serials[0]!).toBe(1);
    expect(issued.items.map((c) => [c.holderName, c.holderNameMasked, c.status, c.issuedOn])).toEqual(
      expect.arrayContaining([
        ['张晓明', '张**', 'valid', todayInChina()],
        ['刘经理', '刘**', 'valid', todayInChina()],
      ]),
    );
    expect(await t.auditSince(before)).toContainEqual(expect.objectContaining({ action: 'certificates.issue', target_id: klass.id }));

    // issuing again changes nothing
    const again = okBody<ClassCertificates>(await institution.post(`/api/classes/${klass.id}/certificates`, {}));
    expect(again.items.map((c) => c.certificateNo)).toEqual(issued.items.map((c) => c.certificateNo));

    const mine = issued.items.find((c) => c.holderName === '张晓明')!;
    certificate = okBody<CertificateView>(await institution.get(`/api/certificates/${mine.id}`));
    expect(certificate).toMatchObject({
      holderName: '张晓明',
      institutionName: '兰州市残疾人职业技能培训中心',
      trainingTypeLabel: '就业技能培训',
      startsOn: '2026-09-01',
      endsOn: '2026-09-05',
      status: 'valid',
    });
    expect(certificate.verifyUrl).toMatch(new RegExp(`/verify/${mine.verifyCode.replaceAll('-', '')}$`));
    expect((await otherInstitution.get(`/api/certificates/${mine.id}`)).statusCode).toBe(404);
    expect((await otherInstitution.get(`/api/certificates/${mine.id}/pdf`)).statusCode).toBe(404);
    expect((await otherInstitution.get(`/api/classes/${klass.id}/certificates`)).statusCode).toBe(404);
  });

  it('lets the class close once every passed trainee holds a certificate', async () => {
    const res = await command(institution, klass.id, 'close');
    expect(res.statusCode, res.body).toBe(200);
    expect((await exam(institution, klass.id)).status).toBe('closed');
  });

  it('serves the PDF to the institution', async () => {
    const res = await institution.get(`/api/certificates/${certificate.id}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent(`培训合格证书-${certificate.certificateNo}.pdf`));
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('shows a valid certificate to anyone with the code, masked, and nothing for an unknown code', async () => {
    const anonymous = t.client();
    const res = await anonymous.get(`/api/public/certificates/${certificate.verifyCode.toLowerCase()}`);
    const shown = okBody<PublicCertificate>(res);
    expect(shown).toMatchObject({
      status: 'valid',
      statusLabel: '有效',
      certificateNo: certificate.certificateNo,
      holderNameMasked: '张**',
      institutionName: '兰州市残疾人职业技能培训中心',
      hours: certificate.hours,
      revokedOn: null,
      revokedReason: null,
    });
    expect(res.body).not.toContain('张晓明');
    expect(res.body).not.toContain(good.idNumber!);

    for (const code of ['AAAA-AAAA-AAAA', 'x']) {
      const unknown = await anonymous.get(`/api/public/certificates/${code}`);
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().message).toBe('没有找到与此核验码对应的证书，请核对核验码后重试');
    }
  });

  it('revokes with a reason, audited, and the public check then says revoked with the reason', async () => {
    expect((await officer.post(`/api/certificates/${certificate.id}/revoke`, { reason: '培训记录造假' })).statusCode).toBe(403);
    expect(issuesOf(await reviewer.post(`/api/certificates/${certificate.id}/revoke`, { reason: ' ' }))).toHaveProperty('body.reason');

    const before = await t.lastAuditSeq();
    const revoked = okBody<CertificateView>(
      await reviewer.post(`/api/certificates/${certificate.id}/revoke`, { reason: '考核材料不实，经核查撤销' }),
    );
    expect(revoked).toMatchObject({ status: 'revoked', revokedReason: '考核材料不实，经核查撤销', canRevoke: false });
    expect(await t.auditSince(before)).toContainEqual(
      expect.objectContaining({ action: 'certificates.revoke', target_id: certificate.id, actor_name: 'chengguan.shenhe' }),
    );
    const twice = await institution.post(`/api/certificates/${certificate.id}/revoke`, { reason: '重复撤销' });
    expect(twice.statusCode).toBe(409);

    const shown = okBody<PublicCertificate>(await t.client().get(`/api/public/certificates/${certificate.verifyCode}`));
    expect(shown).toMatchObject({
      status: 'revoked',
      statusLabel: '已撤销',
      revokedOn: todayInChina(),
      revokedReason: '考核材料不实，经核查撤销',
    });
  });
});

describe('skill-level certificates', () => {
  let klass: ClassFixture;
  let trainee: Trainee;
  let external: Trainee;

  beforeAll(async () => {
    klass = await insertClass(t.database.db, {
      status: 'completion_approved',
      starts_on: '2026-09-01',
      ends_on: '2026-09-05',
      sessions: 1,
    });
    trainee = await enrol(klass, '陈技能', 1);
    external = await enrolExternal(klass, '外来学员', 1);
  });

  const input = (over: Record<string, unknown> = {}) => ({
    enrolmentId: trainee.enrolmentId,
    certificateNo: 'S123462000001263000123',
    occupation: '保健按摩师',
    issuedOn: '2026-10-15',
    issuer: '甘肃省盲人按摩职业技能评价中心',
    ...over,
  });

  it('records a valid number with its level, for the institution and a training officer in scope', async () => {
    const before = await t.lastAuditSeq();
    const listed = okBody<ClassSkillCertificates>(await institution.post(`/api/classes/${klass.id}/skill-certificates`, input()));
    expect(listed.items).toEqual([
      expect.objectContaining({
        enrolmentId: trainee.enrolmentId,
        personName: '陈技能',
        certificateNo: 'S123462000001263000123',
        assessorKind: 'S',
        level: '3',
        levelLabel: '三级/高级工',
      }),
    ]);
    expect(await t.auditSince(before)).toContainEqual(expect.objectContaining({ action: 'skill_certificates.record' }));
    // typed with spaces and in lower case, it is stored normalised
    const second = okBody<ClassSkillCertificates>(
      await officer.post(`/api/classes/${klass.id}/skill-certificates`, input({ certificateNo: 'y1234 62 000001 26 4 000124' })),
    );
    expect(second.items.map((i) => i.certificateNo)).toEqual(['S123462000001263000123', 'Y123462000001264000124']);
    expect(okBody<ClassSkillCertificates>(await reviewer.get(`/api/classes/${klass.id}/skill-certificates`)).items).toHaveLength(2);
  });

  it('refuses bad numbers, naming the field and what is wrong', async () => {
    const post = (over: Record<string, unknown>) => institution.post(`/api/classes/${klass.id}/skill-certificates`, input(over));
    expect(issuesOf(await post({ certificateNo: 'S123462000001267000125' }))['body.certificateNo']).toBe(
      '证书编号第 16 位为等级，应为 1 至 5，当前为“7”',
    );
    expect(issuesOf(await post({ certificateNo: 'X123462000001263000125' }))['body.certificateNo']).toContain('第 1 位应为字母 Y');
    expect(issuesOf(await post({ certificateNo: 'S12346200000126300012' }))['body.certificateNo']).toContain('当前为 21 位');
    expect(issuesOf(await post({ certificateNo: 'S123499000001263000125' }))['body.certificateNo']).toContain('不是有效的省份代码');
    expect(issuesOf(await post({ certificateNo: 'S123462000001253000125' }))['body.certificateNo']).toContain('2026 年不一致');
    expect(issuesOf(await post({}))['body.certificateNo']).toBe('这个证书编号已经登记过');
    expect(
      issuesOf(await post({ enrolmentId: external.enrolmentId, certificateNo: 'S123462000001263000126' }))['body.enrolmentId'],
    ).toContain('外来参训人员');
    expect(
      issuesOf(await post({ enrolmentId: '00000000-0000-4000-8000-000000000009', certificateNo: 'S123462000001263000127' }))[
        'body.enrolmentId'
      ],
    ).toBe('不是本班在册学员');
    expect((await otherInstitution.post(`/api/classes/${klass.id}/skill-certificates`, input())).statusCode).toBe(404);
    expect(await t.database.db.selectFrom('skill_certificate').select('id').where('class_id', '=', klass.id).execute()).toHaveLength(2);
  });
});
