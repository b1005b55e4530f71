import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClaimDetail, ClassClaims, SubmitClassClaimsResult } from '../../../shared/contracts/subsidy-claims-contracts';
import { issuesOf, okBody } from '../../testing/answers';
import { multipart } from '../../testing/multipart';
import { buildTestApp, type TestApp, type TestClient } from '../../testing/test-app';
import { registerPerson } from '../classes/class-fixtures';
import { type CertifiedTrainee, certifiedTrainee, insertClaim } from './subsidy-fixtures';

let t: TestApp;
let institution: TestClient; // jigou.demo (620102)
let otherInstitution: TestClient; // 兰州市七里河区阳光职业技能培训学校
let reviewer: TestClient; // chengguan.shenhe (620102)
let cityReviewer: TestClient; // lanzhou.shenhe (620100)
let otherCounty: TestClient; // a reviewer of 七里河区 (620103)
let finance: TestClient; // chengguan.caiwu
let registrar: TestClient; // chengguan.dengji
let officer: TestClient; // chengguan.peixun (county training officer)
let otherCountyOfficer: TestClient; // a training officer of 七里河区 (620103)
let qiliheId: string;
let personOffset = 0;
const now = new Date('2026-09-25T10:00:00+08:00');

const names = ['赵一鸣', '钱二丫', '孙三元', '李四海', '周五岳', '吴六合', '郑七星', '王八方'];

/** New registry persons of 城关区 with their hukou there (the training's county). */
async function persons(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) {
    personOffset += 2;
    const person = await registerPerson(registrar, {
      county: '620102',
      birth: '19900101',
      sequence: 500 + personOffset,
      name: names[(personOffset / 2) % names.length]!,
    });
    ids.push(person.id);
  }
  return ids;
}

async function generated(trainee: CertifiedTrainee): Promise<ClaimDetail> {
  okBody(await institution.post(`/api/classes/${trainee.classId}/subsidy-claims/generate`));
  const row = await t.database.db
    .selectFrom('subsidy_claim')
    .select('id')
    .where('enrolment_id', '=', trainee.enrolmentId)
    .executeTakeFirstOrThrow();
  return okBody<ClaimDetail>(await institution.get(`/api/subsidy-claims/${row.id}`));
}

function formOf(detail: ClaimDetail, changes: Record<string, unknown> = {}) {
  return {
    version: detail.version,
    items: detail.items.map((i) => ({ category: i.category, amountFen: i.amountFen, note: i.note })),
    jobSeekingRegionCode: detail.jobSeekingRegionCode,
    otherFunding: detail.otherFunding,
    payeeKind: detail.payeeKind,
    payeeName: detail.payeeName ?? '学员',
    bankName: detail.bankName,
    documentIds: detail.documents.map((d) => d.fileId),
    ...changes,
  };
}

/** A generated claim completed with a bank account, ready to submit. */
async function readyClaim(trainee: CertifiedTrainee): Promise<ClaimDetail> {
  const detail = await generated(trainee);
  return okBody<ClaimDetail>(
    await institution.put(
      `/api/subsidy-claims/${detail.id}`,
      formOf(detail, { bankName: '中国农业银行兰州分行', bankAccount: '6228 4800 1234 5678 901' }),
    ),
  );
}

async function upload(client: TestClient, filename: string): Promise<string> {
  const { payload, headers } = multipart([{ filename, content: Buffer.from('%PDF-1.4 求职登记'), contentType: 'application/pdf' }]);
  return okBody<{ id: string }>(await client.request({ method: 'POST', url: '/api/files', payload, headers })).id;
}

async function claimRow(id: string) {
  return t.database.db.selectFrom('subsidy_claim').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function checksOf(id: string) {
  return t.database.db.selectFrom('subsidy_check').selectAll().where('claim_id', '=', id).orderBy('checked_at').execute();
}

/** A refusal leaves the claim as it was, with no decision stored. */
async function expectUntouched(id: string, version: number) {
  const row = await claimRow(id);
  expect(row.status).toBe('draft');
  expect(row.version).toBe(version);
  expect(await checksOf(id)).toHaveLength(0);
}

beforeAll(async () => {
  t = await buildTestApp({ clock: () => now });
  const db = t.database.db;
  // the province's default standard for 就业技能培训 (area A manages standards; the seed has none yet)
  await db
    .insertInto('subsidy_standard')
    .values({
      region_code: '620000',
      training_type: 'employment_skills',
      tuition_fen: 150_000,
      materials_fen: 20_000,
      exam_fee_fen: 30_000,
      assisting_staff_fen: 50_000,
      effective_from: '2026-01-01',
    })
    .execute();
  const other = await t.createAccount({ username: 'claims.qilihe.jigou', kind: 'institution', roles: [] });
  qiliheId = (
    await db.selectFrom('institution').select('id').where('name', '=', '兰州市七里河区阳光职业技能培训学校').executeTakeFirstOrThrow()
  ).id;
  await db.updateTable('app_user').set({ institution_id: qiliheId }).where('id', '=', other.id).execute();
  await t.createAccount({ username: 'claims.qilihe.shenhe', roles: ['reviewer'], regionCode: '620103' });
  await t.createAccount({ username: 'claims.qilihe.peixun', roles: ['training_officer'], regionCode: '620103' });
  [institution, otherInstitution, reviewer, cityReviewer, otherCounty, finance, registrar, officer, otherCountyOfficer] = await Promise.all(
    [
      t.loginAs('jigou.demo'),
      t.loginAs('claims.qilihe.jigou'),
      t.loginAs('chengguan.shenhe'),
      t.loginAs('lanzhou.shenhe'),
      t.loginAs('claims.qilihe.shenhe'),
      t.loginAs('chengguan.caiwu'),
      t.loginAs('chengguan.dengji'),
      t.loginAs('chengguan.peixun'),
      t.loginAs('claims.qilihe.peixun'),
    ],
  );
});
afterAll(() => t.close());

describe('generating claims', () => {
  it('drafts one claim per certificate holder with the standard prefilled, and a second call drafts none', async () => {
    const [a, b] = await persons(2);
    const first = await certifiedTrainee(t.database.db, { personId: a! });
    await certifiedTrainee(t.database.db, { personId: b!, classId: first.classId });
    const once = okBody<{ created: number; claims: ClassClaims }>(
      await institution.post(`/api/classes/${first.classId}/subsidy-claims/generate`),
    );
    expect(once.created).toBe(2);
    const again = okBody<{ created: number; claims: ClassClaims }>(
      await institution.post(`/api/classes/${first.classId}/subsidy-claims/generate`),
    );
    expect(again.created).toBe(0);
    expect(again.claims.items).toHaveLength(2);
    const detail = okBody<ClaimDetail>(await institution.get(`/api/subsidy-claims/${again.claims.items[0]!.id}`));
    expect(detail.claimNo).toMatch(/^BT6201022026\d{6}$/);
    expect(detail.status).toBe('draft');
    expect(detail.submitDueOn).toBe('2026-10-20');
    expect(detail.assisted).toBe(false);
    expect(detail.items.map((i) => [i.category, i.amountFen])).toEqual([
      ['tuition', 150_000],
      ['materials', 20_000],
      ['exam_fee', 30_000],
    ]);
    expect(detail.standardFen).toBe(200_000);
    expect(detail.amountFen).toBe(200_000);
    expect(detail.payeeKind).toBe('person');
    expect(detail.payeeName).toBe(detail.personName);
    expect(detail.events).toMatchObject([{ command: 'generate', fromStatus: null, toStatus: 'draft' }]);
    expect(detail.links.trailUrl).toBe(`/subsidies/trail/claims/${detail.id}`);
  });

  it('adds the assisting-staff item when the class has a sign-language interpreter', async () => {
    const [a] = await persons(1);
    const trainee = await certifiedTrainee(t.database.db, { personId: a! });
    const trainer = await t.database.db
      .insertInto('trainer')
      .values({
        county_code: '620102',
        name: '手语翻译测试',
        sex: 'female',
        birth_date: '1985-03-01',
        id_number_sealed: Buffer.from('sealed'),
        id_number_index: `claims-test-${trainee.classId}`,
        id_number_masked: '620***********0021',
        sources: ['base_teacher'],
        engagement: 'part_time',
        joined_on: '2024-01-01',
        rotation_due_on: '2029-01-01',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.database.db
      .insertInto('class_trainer')
      .values({ class_id: trainee.classId, county_code: trainee.countyCode, trainer_id: trainer.id, role: 'interpreter' })
      .execute();
    const detail = await generated(trainee);
    expect(detail.assisted).toBe(true);
    expect(detail.items.find((i) => i.category === 'assisting_staff')?.amountFen).toBe(50_000);
    expect(detail.standardFen).toBe(250_000);
  });

  it('drafts the claims in the transaction that closes the class', async () => {
    const [a] = await persons(1);
    const trainee = await certifiedTrainee(t.database.db, { personId: a!, classOptions: { status: 'completion_approved' } });
    const klass = okBody<{ version: number }>(await institution.get(`/api/classes/${trainee.classId}`));
    okBody(await institution.post(`/api/classes/${trainee.classId}/commands/close`, { version: klass.version, comment: null }));
    const claims = okBody<ClassClaims>(await institution.get(`/api/classes/${trainee.classId}/subsidy-claims`));
    expect(claims.items).toHaveLength(1);
    expect(claims.items[0]!.status).toBe('draft');
  });

  it('is the institution’s: staff may not generate, another institution sees no class', async () => {
    const [a] = await persons(1);
    const trainee = await certifiedTrainee(t.database.db, { personId: a! });
    expect((await reviewer.post(`/api/classes/${trainee.classId}/subsidy-claims/generate`)).statusCode).toBe(403);
    expect((await otherInstitution.post(`/api/classes/${trainee.classId}/subsidy-claims/generate`)).statusCode).toBe(404);
  });
});

describe('completing a claim', () => {
  it('refuses an amount above the standard, a bad bank account and a stale version, naming the field in Chinese', async () => {
    const [a] = await persons(1);
    const detail = await generated(await certifiedTrainee(t.database.db, { personId: a! }));
    const tooMuch = issuesOf(
      await institution.put(
        `/api/subsidy-claims/${detail.id}`,
        formOf(detail, { items: [{ category: 'tuition', amountFen: 160_000 }], bankAccount: '12ab' }),
      ),
    );
    expect(tooMuch['body.items.0.amountFen']).toContain('与补贴标准不符');
    expect(tooMuch['body.bankAccount']).toContain('8 至 30 位数字');
    const assisting = issuesOf(
      await institution.put(
        `/api/subsidy-claims/${detail.id}`,
        formOf(detail, { items: [{ category: 'assisting_staff', amountFen: 10_000 }] }),
      ),
    );
    expect(assisting['body.items.0.amountFen']).toContain('辅助教学人员');
    const saved = okBody<ClaimDetail>(
      await institution.put(
        `/api/subsidy-claims/${detail.id}`,
        formOf(detail, { bankAccount: '6228-4800-1234-5678-901', jobSeekingRegionCode: '620103' }),
      ),
    );
    expect(saved.bankAccountMasked).toBe('6228***********8901');
    expect(saved.bankAccountSpoken).toContain('6228 开头');
    expect(saved.jobSeekingRegionName).toContain('七里河区');
    expect(JSON.stringify(saved)).not.toContain('62284800123456789');
    const stale = await institution.put(`/api/subsidy-claims/${detail.id}`, formOf(detail));
    expect(stale.statusCode).toBe(409);
    const row = await claimRow(detail.id);
    expect(row.bank_account_sealed).not.toBeNull();
    expect(row.bank_account_index).toMatch(/\S/);
  });

  it('attaches the institution’s own uploads and refuses a file someone else uploaded', async () => {
    const [a] = await persons(1);
    const detail = await generated(await certifiedTrainee(t.database.db, { personId: a! }));
    const mine = await upload(institution, '求职登记.pdf');
    const theirs = await upload(otherInstitution, '别人的文件.pdf');
    const refused = issuesOf(await institution.put(`/api/subsidy-claims/${detail.id}`, formOf(detail, { documentIds: [mine, theirs] })));
    expect(refused['body.documentIds']).toContain('不是本账号上传的文件');
    const saved = okBody<ClaimDetail>(await institution.put(`/api/subsidy-claims/${detail.id}`, formOf(detail, { documentIds: [mine] })));
    expect(saved.documents).toEqual([{ fileId: mine, name: '求职登记.pdf' }]);
  });

  it('shows the full bank account to finance only, and audits it', async () => {
    const [a] = await persons(1);
    const claim = await readyClaim(await certifiedTrainee(t.database.db, { personId: a! }));
    expect((await reviewer.post(`/api/subsidy-claims/${claim.id}/bank-account`, { reason: '核对账户' })).statusCode).toBe(403);
    const seq = await t.lastAuditSeq();
    const shown = okBody<{ value: string }>(await finance.post(`/api/subsidy-claims/${claim.id}/bank-account`, { reason: '核对账户' }));
    expect(shown.value).toBe('62284800123456789' + '01');
    expect((await t.auditSince(seq)).map((r) => r.action)).toContain('subsidy_claims.unmask');
  });
});

describe('submitting a claim', () => {
  it('refuses without a bank account, past the window, with a revoked certificate or items off the standard, and changes nothing', async () => {
    const [a, b, c, d] = await persons(4);
    const noAccount = await generated(await certifiedTrainee(t.database.db, { personId: a! }));
    expect(
      issuesOf(await institution.post(`/api/subsidy-claims/${noAccount.id}/submit`, { version: noAccount.version }))['body.bankAccount'],
    ).toContain('银行账号');
    await expectUntouched(noAccount.id, noAccount.version);

    const late = await readyClaim(await certifiedTrainee(t.database.db, { personId: b!, examOn: '2026-08-01' }));
    expect(late.submitDueOn).toBe('2026-08-31');
    const lateRes = await institution.post(`/api/subsidy-claims/${late.id}/submit`, { version: late.version });
    expect(lateRes.statusCode).toBe(409);
    expect(lateRes.json().message).toContain('已超过申领期限（考核后 30 天内）');
    await expectUntouched(late.id, late.version);
    const overdue = okBody<{ items: { id: string; overdue: boolean }[] }>(
      await institution.get(`/api/subsidy-claims?overdue=true&claimNo=${late.claimNo}`),
    );
    expect(overdue.items).toEqual([expect.objectContaining({ id: late.id, overdue: true })]);
    const notOverdue = okBody<{ items: unknown[] }>(await institution.get(`/api/subsidy-claims?overdue=true&claimNo=${noAccount.claimNo}`));
    expect(notOverdue.items).toHaveLength(0);

    const revokedTrainee = await certifiedTrainee(t.database.db, { personId: c! });
    const revoked = await readyClaim(revokedTrainee);
    await t.database.db
      .updateTable('training_certificate')
      .set({ status: 'revoked', revoked_at: new Date(), revoked_reason: '测试撤销' })
      .where('id', '=', revokedTrainee.certificateId)
      .execute();
    const revokedRes = await institution.post(`/api/subsidy-claims/${revoked.id}/submit`, { version: revoked.version });
    expect(revokedRes.statusCode).toBe(400);
    expect(revokedRes.json().message).toContain('已撤销');
    await expectUntouched(revoked.id, revoked.version);

    const offStandard = await readyClaim(await certifiedTrainee(t.database.db, { personId: d! }));
    // the standard was lowered after the claim was filled in
    await t.database.db
      .updateTable('subsidy_claim')
      .set({ items: JSON.stringify([{ category: 'tuition', amountFen: 190_000 }]) })
      .where('id', '=', offStandard.id)
      .execute();
    const offRes = await institution.post(`/api/subsidy-claims/${offStandard.id}/submit`, { version: offStandard.version });
    expect(issuesOf(offRes)['body.items.0.amountFen']).toContain('培训费');
    expect(offRes.json().message).toContain('培训费');
    await expectUntouched(offStandard.id, offStandard.version);
  });

  it('refuses a second open claim for the same training', async () => {
    const [a] = await persons(1);
    const trainee = await certifiedTrainee(t.database.db, { personId: a! });
    const claim = await readyClaim(trainee);
    // an earlier roster line of the same person in the same class, withdrawn, still carries an open claim
    const earlier = await t.database.db
      .insertInto('class_enrolment')
      .values({
        class_id: trainee.classId,
        county_code: trainee.countyCode,
        participant_kind: 'person',
        person_id: a!,
        status: 'withdrawn',
        source: 'institution',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const other = await insertClaim(t.database.db, { ...trainee, enrolmentId: earlier.id }, { status: 'submitted' });
    const res = await institution.post(`/api/subsidy-claims/${claim.id}/submit`, { version: claim.version });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain(other.claimNo);
    await expectUntouched(claim.id, claim.version);
  });

  it('submits an eligible claim and keeps the decision with its explanation', async () => {
    const [a] = await persons(1);
    const claim = await readyClaim(await certifiedTrainee(t.database.db, { personId: a! }));
    const done = okBody<ClaimDetail>(await institution.post(`/api/subsidy-claims/${claim.id}/submit`, { version: claim.version }));
    expect(done.status).toBe('submitted');
    expect(done.checks).toHaveLength(1);
    expect(done.checks[0]).toMatchObject({ context: 'submit', eligible: true });
    expect(done.checks[0]!.rules.map((r) => r.passed)).toEqual([true, true, true, true, true, true]);
    expect(done.checks[0]!.rules[0]!.explanation).toContain('已取得培训合格证书');
    expect(done.events.map((e) => e.command)).toEqual(['generate', 'edit', 'submit']);
  });

  it('finds a claim ineligible when another institution in another county already paid the same occupation and level', async () => {
    const [a] = await persons(1);
    const elsewhere = await certifiedTrainee(t.database.db, {
      personId: a!,
      examOn: '2025-06-10',
      classOptions: {
        institution_id: qiliheId,
        county_code: '620103',
        venue_region_code: '620103',
        starts_on: '2025-06-01',
        ends_on: '2025-06-10',
      },
    });
    const programme = await t.database.db
      .selectFrom('catalogue_programme')
      .select(['occupation', 'skill_level'])
      .where('programme_code', '=', 'GS-DS-001')
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    const paid = await insertClaim(t.database.db, elsewhere, {
      status: 'paid',
      training_year: 2025,
      occupation: programme.occupation,
      skill_level: programme.skill_level,
    });
    const claim = await readyClaim(await certifiedTrainee(t.database.db, { personId: a! }));
    const res = await institution.post(`/api/subsidy-claims/${claim.id}/submit`, { version: claim.version });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/^不符合补贴条件：同一职业（工种）同一等级只补贴一次/);
    expect(res.json().message).toContain(paid.claimNo);
    const row = await claimRow(claim.id);
    expect(row.status).toBe('ineligible');
    const [check] = await checksOf(claim.id);
    expect(check).toMatchObject({ eligible: false, context: 'submit' });
    const failed = check!.rules.find((r) => r.rule === 'one_per_level')!;
    expect(failed.passed).toBe(false);
    expect(failed.explanation).toContain('兰州市七里河区阳光职业技能培训学校');
    expect(failed.explanation).toContain('七里河区');
    expect(failed.refs).toEqual([paid.claimNo]);
    const detail = okBody<ClaimDetail>(await institution.get(`/api/subsidy-claims/${claim.id}`));
    expect(detail.events.at(-1)).toMatchObject({ command: 'find_ineligible', toStatus: 'ineligible' });
    expect(detail.can.edit).toBe(true);
  });

  it('submits several claims of a class, answering each on its own', async () => {
    const [a, b] = await persons(2);
    const first = await certifiedTrainee(t.database.db, { personId: a! });
    const ready = await readyClaim(first);
    const bare = await generated(await certifiedTrainee(t.database.db, { personId: b!, classId: first.classId }));
    const answer = okBody<SubmitClassClaimsResult>(
      await institution.post(`/api/classes/${first.classId}/subsidy-claims/submit`, { claimIds: [ready.id, bare.id] }),
    );
    expect(answer.results.map((r) => [r.claimId, r.outcome])).toEqual([
      [ready.id, 'submitted'],
      [bare.id, 'refused'],
    ]);
    expect(answer.results[1]!.message).toContain('银行账号');
  });
});

describe('withdrawing and rechecking', () => {
  it('withdraws a submitted claim; staff recheck without changing the status; the institution may not recheck', async () => {
    const [a] = await persons(1);
    const claim = await readyClaim(await certifiedTrainee(t.database.db, { personId: a! }));
    const submitted = okBody<ClaimDetail>(await institution.post(`/api/subsidy-claims/${claim.id}/submit`, { version: claim.version }));
    expect((await institution.post(`/api/subsidy-claims/${claim.id}/recheck`)).statusCode).toBe(403);
    const rechecked = okBody<ClaimDetail>(await reviewer.post(`/api/subsidy-claims/${claim.id}/recheck`));
    expect(rechecked.status).toBe('submitted');
    expect(rechecked.checks.map((c) => c.context)).toEqual(['recheck', 'submit']);
    const withdrawn = okBody<ClaimDetail>(
      await institution.post(`/api/subsidy-claims/${claim.id}/withdraw`, { version: submitted.version, reason: '学员放弃申领' }),
    );
    expect(withdrawn.status).toBe('withdrawn');
    const again = await institution.post(`/api/subsidy-claims/${claim.id}/withdraw`, { version: withdrawn.version, reason: '再次撤回' });
    expect(again.statusCode).toBe(409);
  });
});

describe('extending the submission deadline (逾期补报)', () => {
  const reason = '培训合格证书补发延误';

  it('lets the county training officer extend a claim past its deadline, after which the institution submits it', async () => {
    const [a] = await persons(1);
    const late = await readyClaim(await certifiedTrainee(t.database.db, { personId: a!, examOn: '2026-08-01' }));
    expect(late.submitDueOn).toBe('2026-08-31');
    expect(late.can.extendDeadline).toBe(false);
    expect((await institution.post(`/api/subsidy-claims/${late.id}/submit`, { version: late.version })).statusCode).toBe(409);
    const seen = okBody<ClaimDetail>(await officer.get(`/api/subsidy-claims/${late.id}`));
    expect(seen.can.extendDeadline).toBe(true);
    expect(okBody<ClaimDetail>(await reviewer.get(`/api/subsidy-claims/${late.id}`)).can.extendDeadline).toBe(false);

    const seq = await t.lastAuditSeq();
    const extended = okBody<ClaimDetail>(
      await officer.post(`/api/subsidy-claims/${late.id}/extend-deadline`, { version: late.version, dueOn: '2026-10-09', reason }),
    );
    expect(extended.status).toBe('draft');
    expect(extended.submitDueOn).toBe('2026-10-09');
    expect(extended.overdue).toBe(false);
    expect(extended.version).toBe(late.version + 1);
    expect(extended.events.at(-1)).toMatchObject({
      command: 'edit',
      fromStatus: 'draft',
      toStatus: 'draft',
      comment: `延长申领期限至 2026-10-09：${reason}`,
    });
    const events = await t.database.db
      .selectFrom('subsidy_claim_event')
      .selectAll()
      .where('claim_id', '=', late.id)
      .orderBy('occurred_at')
      .execute();
    expect(events).toHaveLength(extended.version);
    expect(events.at(-1)).toMatchObject({ command: 'edit', actor_name: expect.stringMatching(/\S/) });
    const audit = (await t.auditSince(seq)).filter((r) => r.action === 'subsidy_claims.extend_deadline');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ target_id: late.id, outcome: 'success', region_code: '620102' });
    expect(audit[0]!.details).toMatchObject({ from: '2026-08-31', to: '2026-10-09', reason });

    const submitted = okBody<ClaimDetail>(await institution.post(`/api/subsidy-claims/${late.id}/submit`, { version: extended.version }));
    expect(submitted.status).toBe('submitted');
  });

  it('is refused to the institution (403), to another county (404), for a stale version and once the claim is on notice (409)', async () => {
    const [a, b] = await persons(2);
    const claim = await readyClaim(await certifiedTrainee(t.database.db, { personId: a! }));
    const body = { version: claim.version, dueOn: '2026-11-01', reason };
    expect((await institution.post(`/api/subsidy-claims/${claim.id}/extend-deadline`, body)).statusCode).toBe(403);
    expect((await otherCountyOfficer.post(`/api/subsidy-claims/${claim.id}/extend-deadline`, body)).statusCode).toBe(404);
    const stale = await officer.post(`/api/subsidy-claims/${claim.id}/extend-deadline`, { ...body, version: claim.version - 1 });
    expect(stale.statusCode).toBe(409);
    await expectUntouched(claim.id, claim.version);
    expect((await claimRow(claim.id)).submit_due_on).toBe('2026-10-20');

    const noticed = await insertClaim(t.database.db, await certifiedTrainee(t.database.db, { personId: b! }), { status: 'on_notice' });
    const row = await claimRow(noticed.id);
    const onNotice = await officer.post(`/api/subsidy-claims/${noticed.id}/extend-deadline`, { ...body, version: row.version });
    expect(onNotice.statusCode).toBe(409);
    expect(onNotice.json().message).toContain('不能延长申领期限');
    expect((await claimRow(noticed.id)).version).toBe(row.version);
  });

  it('refuses a date not after the current deadline, before today or beyond 90 days, naming body.dueOn', async () => {
    const [a] = await persons(1);
    const claim = await readyClaim(await certifiedTrainee(t.database.db, { personId: a! }));
    expect(claim.submitDueOn).toBe('2026-10-20');
    const path = `/api/subsidy-claims/${claim.id}/extend-deadline`;
    const before = issuesOf(await officer.post(path, { version: claim.version, dueOn: '2026-10-20', reason }));
    expect(before['body.dueOn']).toContain('须晚于原期限 2026-10-20');
    // the test clock is 2026-09-25 in China: 90 days on is 2026-12-24
    const beyond = await officer.post(path, { version: claim.version, dueOn: '2026-12-25', reason });
    expect(beyond.statusCode).toBe(400);
    expect(issuesOf(beyond)['body.dueOn']).toContain('2026-12-24');
    expect(beyond.json().message).toContain('申领期限');
    const malformed = issuesOf(await officer.post(path, { version: claim.version, dueOn: '2026/11/01', reason: '短' }));
    expect(malformed['body.dueOn']).toContain('YYYY-MM-DD');
    expect(malformed['body.reason']).toContain('至少 2 个字');
    await expectUntouched(claim.id, claim.version);
    const furthest = okBody<ClaimDetail>(await officer.post(path, { version: claim.version, dueOn: '2026-12-24', reason }));
    expect(furthest.submitDueOn).toBe('2026-12-24');
  });
});

describe('who sees a claim', () => {
  it('answers 404 to another institution and to staff of another county; the city and the county see it', async () => {
    const [a] = await persons(1);
    const claim = await generated(await certifiedTrainee(t.database.db, { personId: a! }));
    expect((await otherInstitution.get(`/api/subsidy-claims/${claim.id}`)).statusCode).toBe(404);
    expect((await otherCounty.get(`/api/subsidy-claims/${claim.id}`)).statusCode).toBe(404);
    expect((await otherInstitution.put(`/api/subsidy-claims/${claim.id}`, formOf(claim))).statusCode).toBe(404);
    okBody(await cityReviewer.get(`/api/subsidy-claims/${claim.id}`));
    const seen = okBody<ClaimDetail>(await reviewer.get(`/api/subsidy-claims/${claim.id}`));
    expect(seen.can.edit).toBe(false);
    const mine = okBody<{ items: { id: string }[] }>(await institution.get(`/api/subsidy-claims?claimNo=${claim.claimNo}`));
    expect(mine.items.map((i) => i.id)).toEqual([claim.id]);
    const theirs = okBody<{ items: unknown[] }>(await otherInstitution.get(`/api/subsidy-claims?claimNo=${claim.claimNo}`));
    expect(theirs.items).toHaveLength(0);
    const county = okBody<{ items: unknown[] }>(await otherCounty.get(`/api/subsidy-claims?claimNo=${claim.claimNo}`));
    expect(county.items).toHaveLength(0);
  });
});
