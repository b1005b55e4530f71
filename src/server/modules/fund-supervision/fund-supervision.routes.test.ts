import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClaimTrail, ClassTrail, FraudSignal, FraudSignalList } from '../../../shared/contracts/fund-supervision-contracts';
import { attendanceFlagLabels } from '../../../shared/domain/class-attendance';
import { claimCommandLabels } from '../../../shared/domain/subsidy-codes';
import { issuesOf, okBody } from '../../testing/answers';
import { buildTestApp, type TestApp, type TestClient } from '../../testing/test-app';
import { insertClass, registerPerson } from '../classes/class-fixtures';
import { appendLedger } from '../subsidy-funds/ledger';
import { type CertifiedTrainee, certifiedTrainee, insertClaim } from '../subsidy-claims/subsidy-fixtures';

let t: TestApp;
let institution: TestClient; // jigou.demo, 兰州市残疾人职业技能培训中心 (620102)
let otherInstitution: TestClient; // a user of 兰州市七里河区阳光职业技能培训学校 (620103)
let reviewer: TestClient; // chengguan.shenhe (620102)
let finance: TestClient; // chengguan.caiwu (620102)
let officer: TestClient; // chengguan.peixun (620102): reads signals, may not review them
let qiliheReviewer: TestClient; // a reviewer of 620103
let xiguReviewer: TestClient; // a reviewer of 620104
let qiliheInstitutionId: string;
let serial = 0;
let sequence = 500;
let registrar: TestClient; // chengguan.dengji

const surnames = ['赵', '钱', '孙', '李', '周', '吴', '郑', '王', '冯', '陈'];
const givenNames = ['明远', '秀英', '建国', '丽华', '志强', '海燕', '文博', '春梅'];

/** New registry persons of 620102: no seeded class or claim of theirs can add or hide a signal. */
async function freshPersons(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    sequence += 2;
    const name = `${surnames[sequence % surnames.length]}${givenNames[Math.floor(sequence / 10) % givenNames.length]}`;
    const person = await registerPerson(registrar, { county: '620102', birth: '19880101', sequence, name });
    ids.push(person.id);
  }
  return ids;
}

async function storedFile(ownerUsername: string, name: string): Promise<{ fileId: string; name: string }> {
  const row = await t.services.files.save(await t.userId(ownerUsername), name, Readable.from(Buffer.from('%PDF-1.4\n% test document\n')));
  return { fileId: row.id, name: row.name };
}

async function signIn(
  trainee: CertifiedTrainee,
  sessionIds: string[],
  flags: ('outside_session' | 'shared_device' | 'two_places')[][] = [],
) {
  for (const [i, sessionId] of sessionIds.entries()) {
    await t.database.db
      .insertInto('attendance')
      .values({
        class_id: trainee.classId,
        county_code: trainee.countyCode,
        session_id: sessionId,
        enrolment_id: trainee.enrolmentId,
        signed_in_at: new Date(Date.parse('2026-09-01T01:05:00Z') + i * 86_400_000),
        method_in: 'roster',
        flags: flags[i] ?? [],
      })
      .execute();
  }
}

async function sessionIdsOf(classId: string): Promise<string[]> {
  const rows = await t.database.db.selectFrom('class_session').select('id').where('class_id', '=', classId).orderBy('seq').execute();
  return rows.map((r) => r.id);
}

async function newInstitution(countyCode: string, name: string): Promise<string> {
  serial += 1;
  const row = await t.database.db
    .insertInto('institution')
    .values({
      county_code: countyCode,
      name,
      kind: 'public_centre',
      credit_code: `91${countyCode}${String(process.pid % 100000).padStart(5, '0')}${String(serial).padStart(5, '0')}`,
      address: '兰州市西固区福利路 1 号',
      contact_name: '王老师',
      contact_phone: '13900000000',
      status: 'active',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** External trainees with a completion result: the pass-rate rule counts them like registry persons. */
async function examinedLines(institutionId: string, countyCode: string, passed: number, failed: number): Promise<void> {
  const klass = await insertClass(t.database.db, {
    institution_id: institutionId,
    county_code: countyCode,
    status: 'closed',
    exam_on: '2026-03-20',
    starts_on: '2026-03-01',
    ends_on: '2026-03-15',
  });
  for (let i = 0; i < passed + failed; i += 1) {
    await t.database.db
      .insertInto('class_enrolment')
      .values({
        class_id: klass.id,
        county_code: countyCode,
        participant_kind: 'external',
        external_name: `学员${i + 1}`,
        status: 'enrolled',
        source: 'institution',
        exam_score: i < passed ? 80 : 40,
        completion_result: i < passed ? 'passed' : 'failed',
      })
      .execute();
  }
}

async function signals(client: TestClient, query = ''): Promise<FraudSignalList> {
  return okBody<FraudSignalList>(await client.get(`/api/fraud-signals${query}`));
}

beforeAll(async () => {
  t = await buildTestApp();
  const other = await t.createAccount({ username: 'trail.qilihe.jigou', kind: 'institution', roles: [] });
  const qilihe = await t.database.db
    .selectFrom('institution')
    .select('id')
    .where('name', '=', '兰州市七里河区阳光职业技能培训学校')
    .executeTakeFirstOrThrow();
  qiliheInstitutionId = qilihe.id;
  await t.database.db.updateTable('app_user').set({ institution_id: qilihe.id }).where('id', '=', other.id).execute();
  await t.createAccount({ username: 'trail.qilihe.shenhe', roles: ['reviewer'], regionCode: '620103' });
  await t.createAccount({ username: 'trail.xigu.shenhe', roles: ['reviewer'], regionCode: '620104' });
  [institution, otherInstitution, reviewer, finance, officer, qiliheReviewer, xiguReviewer, registrar] = await Promise.all([
    t.loginAs('jigou.demo'),
    t.loginAs('trail.qilihe.jigou'),
    t.loginAs('chengguan.shenhe'),
    t.loginAs('chengguan.caiwu'),
    t.loginAs('chengguan.peixun'),
    t.loginAs('trail.qilihe.shenhe'),
    t.loginAs('trail.xigu.shenhe'),
    t.loginAs('chengguan.dengji'),
  ]);
});
afterAll(() => t.close());

/** A claim followed through every link: class approved, attended, examined, certified, checked, on notice, approved, paid, in the ledger. */
async function fullChain() {
  const db = t.database.db;
  const [personId] = await freshPersons(1);
  const trainee = await certifiedTrainee(db, {
    personId: personId!,
    examOn: '2026-09-20',
    classOptions: { sessions: 4, starts_on: '2026-09-01', ends_on: '2026-09-05', attendance_threshold: 80 },
  });
  const sessionIds = await sessionIdsOf(trainee.classId);
  await signIn(trainee, sessionIds, [[], [], [], ['outside_session']]);
  const approvalDoc = await storedFile('chengguan.shenhe', '开班批复.pdf');
  await db
    .insertInto('class_event')
    .values({
      class_id: trainee.classId,
      county_code: trainee.countyCode,
      command: 'approve',
      from_status: 'submitted',
      to_status: 'approved',
      comment: '同意开班',
      documents: JSON.stringify([approvalDoc]),
      actor_name: '城关区审核人',
      occurred_at: new Date('2026-08-20T02:00:00Z'),
    })
    .execute();
  const signSheet = await storedFile('jigou.demo', '签到表.pdf');
  await db
    .insertInto('class_record')
    .values({
      class_id: trainee.classId,
      county_code: trainee.countyCode,
      kind: 'sign_sheet',
      title: '第 1 课签到表',
      file_id: signSheet.fileId,
      retain_until: '2031-12-31',
    })
    .execute();

  const fund = await db
    .insertInto('subsidy_fund')
    .values({
      region_code: '620102',
      year: 2026,
      kind: 'budget_line',
      code: `TRAIL-${Date.now() % 1_000_000}-${(serial += 1)}`,
      name: '城关区残疾人职业培训补贴',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const list = await db
    .insertInto('subsidy_notice_list')
    .values({
      list_no: `GS620102T${Date.now() % 1_000_000}${serial}`,
      county_code: '620102',
      title: '补贴公示名单',
      claim_count: 1,
      total_fen: 150_000,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const notice = await db
    .insertInto('public_notice')
    .values({
      subject_kind: 'subsidy_list',
      subject_id: list.id,
      region_code: '620102',
      title: '补贴公示',
      summary: '公示',
      starts_at: new Date('2026-10-01T00:00:00Z'),
      ends_at: new Date('2026-10-08T00:00:00Z'),
      status: 'effective',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.updateTable('subsidy_notice_list').set({ notice_id: notice.id, status: 'effective' }).where('id', '=', list.id).execute();
  await db
    .insertInto('notice_objection')
    .values({
      notice_id: notice.id,
      lookup_code: `TRAIL${String(serial).padStart(7, '0')}`,
      content: '该学员未参加培训',
      line_no: 1,
      status: 'dismissed',
      decision_reason: '核实签到表，学员参加了培训',
    })
    .execute();
  const batch = await db
    .insertInto('payment_batch')
    .values({
      batch_no: `ZF620102T${Date.now() % 1_000_000}${serial}`,
      region_code: '620102',
      fund_id: fund.id,
      status: 'paid',
      claim_count: 1,
      total_fen: 150_000,
      voucher_ref: 'PZ-2026-1001',
      created_by: await t.userId('chengguan.caiwu'),
      paid_by: await t.userId('chengguan.caiwu'),
      paid_at: new Date('2026-10-20T02:00:00Z'),
    })
    .returning(['id', 'batch_no'])
    .executeTakeFirstOrThrow();
  const claim = await insertClaim(db, trainee, {
    status: 'paid',
    notice_list_id: list.id,
    notice_line_no: 1,
    batch_id: batch.id,
    fund_id: fund.id,
    submitted_at: new Date('2026-09-25T02:00:00Z'),
    approved_at: new Date('2026-10-15T02:00:00Z'),
    paid_at: new Date('2026-10-20T02:00:00Z'),
    payee_name: '学员本人',
    bank_name: '中国农业银行',
    bank_account_masked: '6228****1234',
  });
  await db
    .insertInto('subsidy_check')
    .values({
      claim_id: claim.id,
      county_code: '620102',
      eligible: true,
      context: 'approve',
      rules: JSON.stringify([{ rule: 'certificate', label: '取得培训合格证书', passed: true, explanation: '持有有效证书', refs: [] }]),
    })
    .execute();
  const events: [string, string | null, string, string, boolean][] = [
    ['submit', null, 'draft', 'submitted', false],
    ['approve', 'county_review', 'noticed', 'county_approved', false],
    ['approve', 'city_review', 'county_approved', 'city_approved', true],
    ['approve', 'finance_review', 'city_approved', 'approved', false],
    ['pay', null, 'batched', 'paid', false],
  ];
  for (const [i, [command, step, from, to, late]] of events.entries()) {
    await db
      .insertInto('subsidy_claim_event')
      .values({
        claim_id: claim.id,
        county_code: '620102',
        command: command as 'approve',
        step: step as 'county_review' | null,
        from_status: from as 'draft',
        to_status: to as 'submitted',
        comment: step ? `${step} 同意` : null,
        due_on: step ? '2026-10-10' : null,
        late,
        actor_name: `办理人${i + 1}`,
        occurred_at: new Date(Date.parse('2026-09-25T02:00:00Z') + i * 86_400_000),
      })
      .execute();
  }
  const payment = await db
    .insertInto('subsidy_payment')
    .values({
      kind: 'payment',
      claim_id: claim.id,
      batch_id: batch.id,
      county_code: '620102',
      fund_id: fund.id,
      amount_fen: 150_000,
      payee_name: '学员本人',
      bank_name: '中国农业银行',
      bank_account_masked: '6228****1234',
      voucher_ref: 'PZ-2026-1001',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await appendLedger(db, {
    fundId: fund.id,
    regionCode: '620102',
    kind: 'commitment',
    amountFen: 150_000,
    claimId: claim.id,
    createdBy: null,
  });
  await appendLedger(db, {
    fundId: fund.id,
    regionCode: '620102',
    kind: 'payment',
    amountFen: 150_000,
    claimId: claim.id,
    paymentId: payment.id,
    batchId: batch.id,
    voucherRef: 'PZ-2026-1001',
    createdBy: null,
  });
  return { trainee, claim, batch, approvalDoc, signSheet };
}

describe('the money trail of a claim', () => {
  it('shows every link with its facts and documents, from the claim to the ledger', async () => {
    const { trainee, claim, batch, approvalDoc, signSheet } = await fullChain();
    const trail = okBody<ClaimTrail>(await reviewer.get(`/api/money-trail/claims/${claim.id}`));
    expect(trail.claimNo).toBe(claim.claimNo);
    expect(trail.links.map((l) => l.label)).toEqual(['申领', '培训班', '考勤', '考核', '证书', '资格核查', '公示', '审核', '支付', '台账']);
    for (const l of trail.links) expect(l.present, `${l.label}: ${l.warning}`).toBe(true);
    const byKey = Object.fromEntries(trail.links.map((l) => [l.key, l]));
    const fact = (key: string, label: string) => byKey[key]!.facts.find((f) => f.label === label)?.value;

    expect(fact('claim', '申领编号')).toBe(claim.claimNo);
    expect(fact('claim', '状态')).toBe('已支付');
    expect(fact('claim', '可补贴金额合计')).toBe('1,500.00 元');
    expect(fact('claim', '补贴标准上限')).toBe('2,000.00 元');
    expect(byKey.claim!.tables[0]!.rows).toEqual([['培训费', '1,500.00 元', '']]);

    expect(fact('class', '培训班编号')).toBe(trainee.classNo);
    expect(fact('class', '开班审批')).toMatch(/^城关区审核人 于 2026-08-20 10:00 批准开班$/);
    expect(byKey.class!.documents).toEqual([approvalDoc, { fileId: signSheet.fileId, name: `第 1 课签到表（${signSheet.name}）` }]);

    expect(fact('attendance', '课次')).toBe('4 次');
    expect(fact('attendance', '本人出勤')).toBe('4 次');
    expect(fact('attendance', '出勤率')).toBe('100%');
    expect(fact('attendance', '带异常标记的考勤')).toBe('1 条');
    expect(byKey.attendance!.tables[0]!.rows[0]).toEqual(['第 4 课', '2026-09-04 09:05', attendanceFlagLabels.outside_session]);
    expect(byKey.attendance!.warning).toBe('1 条考勤带异常标记');

    expect(fact('exam', '考核日期')).toBe('2026-09-20');
    expect(fact('exam', '成绩')).toBe('85');
    expect(fact('exam', '结业结论')).toBe('合格');

    expect(fact('certificate', '证书编号')).toBe(trainee.certificateNo);
    expect(fact('certificate', '发证日期')).toBe('2026-09-20');
    expect(fact('certificate', '查验地址')).toMatch(/^\/verify\/[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(byKey.certificate!.warning).toBeUndefined();

    expect(fact('eligibility', '核查结论')).toBe('符合条件');
    expect(byKey.eligibility!.tables[0]!.rows).toEqual([['取得培训合格证书', '通过', '持有有效证书']]);

    expect(fact('notice', '公示期')).toBe('2026-10-01 08:00 至 2026-10-08 08:00');
    expect(fact('notice', '本行异议')).toBe('1 件');
    expect(byKey.notice!.tables[0]!.rows).toEqual([['第 1 件', expect.any(String), '异议不成立', '核实签到表，学员参加了培训']]);

    const approvals = byKey.approval!.tables[0]!.rows;
    expect(approvals.map((r) => r[0])).toEqual(['县区残联审核', '市州残联复核', '财务审定']);
    expect(approvals[1]).toEqual([
      '市州残联复核',
      claimCommandLabels.approve,
      '办理人3',
      '2026-09-27 10:00',
      '2026-10-10',
      '逾期',
      'city_review 同意',
    ]);
    expect(byKey.approval!.warning).toBe('1 步审核逾期办理');

    expect(fact('payment', '支付批次')).toBe(batch.batch_no);
    expect(fact('payment', '凭证号')).toBe('PZ-2026-1001');
    expect(fact('payment', '金额')).toBe('1,500.00 元');
    expect(fact('payment', '收款账户')).toBe('中国农业银行 6228****1234');

    expect(byKey.ledger!.tables[0]!.rows.map((r) => [r[0], r[1], r[3]])).toEqual([
      ['审定占用', '1,500.00 元', '—'],
      ['支付', '1,500.00 元', 'PZ-2026-1001'],
    ]);

    // the documents on the trail download; a file that is not on it does not
    const download = await reviewer.get(`/api/money-trail/claims/${claim.id}/files/${approvalDoc.fileId}`);
    expect(download.statusCode).toBe(200);
    expect(download.body).toContain('%PDF-1.4');
    const stranger = await storedFile('chengguan.shenhe', '无关文件.pdf');
    expect((await reviewer.get(`/api/money-trail/claims/${claim.id}/files/${stranger.fileId}`)).statusCode).toBe(404);
  });

  it('states the missing links: a claim not yet paid, a certificate dated before the exam', async () => {
    const [personId] = await freshPersons(1);
    const trainee = await certifiedTrainee(t.database.db, { personId: personId!, examOn: '2026-09-20', issuedOn: '2026-09-15' });
    const claim = await insertClaim(t.database.db, trainee, { status: 'county_approved' });
    const trail = okBody<ClaimTrail>(await institution.get(`/api/money-trail/claims/${claim.id}`));
    const byKey = Object.fromEntries(trail.links.map((l) => [l.key, l]));
    expect(byKey.payment).toMatchObject({ present: false, warning: '尚未支付', facts: [] });
    expect(byKey.ledger).toMatchObject({ present: false, warning: '尚无台账记录' });
    expect(byKey.certificate).toMatchObject({ present: true, warning: '证书日期早于考核日期' });
    expect(byKey.attendance).toMatchObject({ present: false, warning: '培训班没有课程表记录' });
    expect(byKey.notice).toMatchObject({ present: false, warning: '尚未公示' });
    expect(byKey.eligibility).toMatchObject({ present: false, warning: '尚未进行资格核查' });
  });

  it('shows a reversal on the payment link and in the ledger', async () => {
    const db = t.database.db;
    const { claim, batch } = await fullChain();
    const payment = await db.selectFrom('subsidy_payment').selectAll().where('claim_id', '=', claim.id).executeTakeFirstOrThrow();
    const reversal = await db
      .insertInto('subsidy_payment')
      .values({
        kind: 'reversal',
        claim_id: claim.id,
        batch_id: batch.id,
        county_code: '620102',
        fund_id: payment.fund_id,
        amount_fen: 150_000,
        voucher_ref: 'CZ-2026-0001',
        reverses_id: payment.id,
        reason: '收款账户户名不符，资金退回',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendLedger(db, {
      fundId: payment.fund_id,
      regionCode: '620102',
      kind: 'reversal',
      amountFen: 150_000,
      claimId: claim.id,
      paymentId: reversal.id,
      voucherRef: 'CZ-2026-0001',
      createdBy: null,
    });
    const trail = okBody<ClaimTrail>(await reviewer.get(`/api/money-trail/claims/${claim.id}`));
    const pay = trail.links.find((l) => l.key === 'payment')!;
    expect(pay).toMatchObject({ present: true, warning: '该笔支付已冲正' });
    expect(pay.facts.find((f) => f.label === '冲正')?.value).toMatch(/^1,500\.00 元，凭证号 CZ-2026-0001，/);
    expect(pay.facts.find((f) => f.label === '冲正原因')?.value).toBe('收款账户户名不符，资金退回');
    expect(trail.links.find((l) => l.key === 'ledger')!.tables[0]!.rows.map((r) => r[0])).toEqual(['审定占用', '支付', '冲销']);
  });

  it('lets an institution read its own trail only; other institutions and other counties get 404', async () => {
    const [personId] = await freshPersons(1);
    const trainee = await certifiedTrainee(t.database.db, { personId: personId! });
    const claim = await insertClaim(t.database.db, trainee, { status: 'submitted' });
    expect((await institution.get(`/api/money-trail/claims/${claim.id}`)).statusCode).toBe(200);
    for (const client of [otherInstitution, qiliheReviewer]) {
      const res = await client.get(`/api/money-trail/claims/${claim.id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
      expect((await client.get(`/api/money-trail/classes/${trainee.classId}`)).statusCode).toBe(404);
    }
  });
});

describe('the money trail of a class', () => {
  it('lists every trainee with attendance, exam, certificate and claim, with totals against the budget', async () => {
    const db = t.database.db;
    const [a, b, c] = await freshPersons(3);
    const first = await certifiedTrainee(db, { personId: a!, classOptions: { sessions: 2, budget_fen: 250_000 } });
    const second = await certifiedTrainee(db, { personId: b!, classId: first.classId });
    const third = await certifiedTrainee(db, { personId: c!, classId: first.classId });
    const sessionIds = await sessionIdsOf(first.classId);
    await signIn(first, sessionIds);
    await signIn(second, sessionIds.slice(0, 1));
    const fund = await db
      .insertInto('subsidy_fund')
      .values({ region_code: '620102', year: 2026, kind: 'budget_line', code: `CLS-${(serial += 1)}`, name: '城关区补贴' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const batch = await db
      .insertInto('payment_batch')
      .values({
        batch_no: `ZFCLS${serial}`,
        region_code: '620102',
        fund_id: fund.id,
        status: 'paid',
        voucher_ref: 'PZ-9',
        created_by: await t.userId('chengguan.caiwu'),
        paid_by: await t.userId('chengguan.caiwu'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const paid = await insertClaim(db, first, { status: 'paid', amount_fen: 150_000, batch_id: batch.id });
    await db
      .insertInto('subsidy_payment')
      .values({
        kind: 'payment',
        claim_id: paid.id,
        batch_id: batch.id,
        county_code: '620102',
        fund_id: fund.id,
        amount_fen: 150_000,
        voucher_ref: 'PZ-9',
      })
      .execute();
    const approved = await insertClaim(db, second, { status: 'approved', amount_fen: 120_000 });

    const trail = okBody<ClassTrail>(await finance.get(`/api/money-trail/classes/${first.classId}`));
    expect(trail.budgetFen).toBe(250_000);
    expect(trail.rows).toHaveLength(3);
    const row = (enrolmentId: string) => trail.rows.find((r) => r.enrolmentId === enrolmentId)!;
    expect(row(first.enrolmentId)).toMatchObject({
      attendanceRate: 100,
      attended: 2,
      sessions: 2,
      examScore: 85,
      completionResult: 'passed',
      certificateNo: first.certificateNo,
      claimNo: paid.claimNo,
      claimStatus: 'paid',
      amountFen: 150_000,
      paidFen: 150_000,
    });
    expect(row(second.enrolmentId)).toMatchObject({
      attendanceRate: 50,
      claimId: approved.id,
      claimStatusLabel: expect.any(String),
      paidFen: 0,
    });
    expect(row(third.enrolmentId)).toMatchObject({ attendanceRate: 0, claimId: null, amountFen: null });
    expect(row(first.enrolmentId).traineeMasked).toMatch(/\*/);
    expect(trail.totals).toEqual({
      claimedFen: 270_000,
      approvedFen: 270_000,
      paidFen: 150_000,
      reversedFen: 0,
      netPaidFen: 150_000,
      overBudget: true,
    });
    expect(trail.budgetComparison).toBe('已审定 2,700.00 元、实际支付 1,500.00 元，超出班级预算 2,500.00 元（超出 200.00 元）。');
    // the institution reads its own class's trail
    expect((await institution.get(`/api/money-trail/classes/${first.classId}`)).statusCode).toBe(200);
  });
});

describe('fraud signals', () => {
  const byKey = (list: { items: FraudSignal[] }, key: string) => list.items.find((s) => s.key === key);

  it('finds one bank account on three trainees, and not on two', async () => {
    const db = t.database.db;
    const persons = await freshPersons(5);
    const claims = [];
    for (const [i, personId] of persons.entries()) {
      const trainee = await certifiedTrainee(db, { personId });
      const index = i < 3 ? 'trail-bank-shared' : 'trail-bank-pair';
      claims.push(
        await insertClaim(db, trainee, {
          status: 'submitted',
          bank_account_sealed: Buffer.from('x'),
          bank_account_index: index,
          bank_account_masked: `6222****00${i < 3 ? '11' : '22'}`,
        }),
      );
    }
    const list = await signals(reviewer, '?kind=shared_bank');
    const signal = byKey(list, 'shared_bank:trail-bank-shared')!;
    expect(signal).toBeDefined();
    expect(signal.explanation).toMatch(/^银行账户 6222\*\*\*\*0011 出现在 3 名学员的 3 笔补贴申领中（.+、.+、.+），达到 3 人的提示线。$/);
    expect(
      signal.subjects
        .filter((s) => s.type === 'claim')
        .map((s) => s.id)
        .sort(),
    ).toEqual(
      claims
        .slice(0, 3)
        .map((c) => c.id)
        .sort(),
    );
    expect(signal.regionCode).toBe('620102');
    expect(byKey(list, 'shared_bank:trail-bank-pair')).toBeUndefined();
    expect(list.items.every((s) => s.kind === 'shared_bank')).toBe(true);
    // a claim's signals name the ones that touch it
    const forClaim = okBody<{ items: FraudSignal[] }>(await reviewer.get(`/api/fraud-signals/claims/${claims[0]!.id}`));
    expect(forClaim.items.map((s) => s.key)).toContain('shared_bank:trail-bank-shared');
    const clean = okBody<{ items: FraudSignal[] }>(await reviewer.get(`/api/fraud-signals/claims/${claims[4]!.id}`));
    expect(clean.items).toEqual([]);
  });

  it('finds one phone on three claiming persons with the phone masked', async () => {
    const db = t.database.db;
    const persons = await freshPersons(4);
    for (const personId of persons) await insertClaim(db, await certifiedTrainee(db, { personId }), { status: 'submitted' });
    await db.updateTable('person').set({ phone: '13812345678' }).where('id', 'in', persons.slice(0, 3)).execute();
    await db.updateTable('person').set({ phone: '13887654321' }).where('id', '=', persons[3]!).execute();
    const list = await signals(reviewer, '?kind=shared_phone');
    const signal = list.items.find((s) => s.explanation.includes('138****5678'))!;
    expect(signal.key).toBe(`shared_phone:${[...persons.slice(0, 3)].sort()[0]}`);
    expect(signal.explanation).toMatch(/^手机号 138\*\*\*\*5678 登记在 3 名申领补贴的学员名下/);
    expect(signal.explanation).not.toContain('13812345678');
    expect(
      signal.subjects
        .filter((s) => s.type === 'person')
        .map((s) => s.id)
        .sort(),
    ).toEqual(persons.slice(0, 3).sort());
    expect(list.items.some((s) => s.explanation.includes('138****4321'))).toBe(false);
  });

  it('finds a claimed class with flagged attendance over the threshold, and not one below it', async () => {
    const db = t.database.db;
    const [a, b] = await freshPersons(2);
    const flaggedTrainee = await certifiedTrainee(db, { personId: a!, classOptions: { sessions: 5 } });
    await signIn(flaggedTrainee, await sessionIdsOf(flaggedTrainee.classId), [
      ['shared_device'],
      ['shared_device'],
      ['outside_session', 'two_places'],
      [],
      [],
    ]);
    await insertClaim(db, flaggedTrainee, { status: 'submitted' });
    // one flagged row of twelve (8.3 %) stays below both lines
    const cleanTrainee = await certifiedTrainee(db, { personId: b!, classOptions: { sessions: 12 } });
    await signIn(cleanTrainee, await sessionIdsOf(cleanTrainee.classId), [['outside_session']]);
    await insertClaim(db, cleanTrainee, { status: 'submitted' });
    const list = await signals(reviewer, '?kind=attendance_anomaly');
    const signal = byKey(list, `attendance_anomaly:${flaggedTrainee.classId}`)!;
    expect(signal.explanation).toBe(
      `培训班 ${flaggedTrainee.classNo}（电子商务客服培训班（测试））的 5 条考勤记录中有 3 条带异常标记（占 60%；${attendanceFlagLabels.outside_session} 1 条，${attendanceFlagLabels.shared_device} 2 条，${attendanceFlagLabels.two_places} 1 条），达到提示线：不少于 3 条或不低于 10%。`,
    );
    expect(signal.subjects.map((s) => s.type)).toEqual(['class', 'institution']);
    expect(byKey(list, `attendance_anomaly:${cleanTrainee.classId}`)).toBeUndefined();
  });

  it('finds a certificate dated before the exam, and not one dated on it', async () => {
    const db = t.database.db;
    const [a, b] = await freshPersons(2);
    const early = await certifiedTrainee(db, { personId: a!, examOn: '2026-09-20', issuedOn: '2026-09-12' });
    const claim = await insertClaim(db, early, { status: 'submitted' });
    const onTime = await certifiedTrainee(db, { personId: b!, examOn: '2026-09-20' });
    const list = await signals(reviewer, '?kind=certificate_before_exam');
    const signal = byKey(list, `certificate_before_exam:${early.certificateId}`)!;
    expect(signal.explanation).toMatch(
      new RegExp(`^证书 ${early.certificateNo}（.\\*+）的发证日期 2026-09-12 早于培训班 ${early.classNo} 的考核日期 2026-09-20。$`),
    );
    expect(signal.subjects.find((s) => s.type === 'claim')?.id).toBe(claim.id);
    expect(byKey(list, `certificate_before_exam:${onTime.certificateId}`)).toBeUndefined();
  });

  it('finds a claiming trainee enrolled in two overlapping classes, and not in two classes one after the other', async () => {
    const db = t.database.db;
    const [a, b] = await freshPersons(2);
    const twice = await certifiedTrainee(db, { personId: a!, classOptions: { starts_on: '2026-06-01', ends_on: '2026-06-20' } });
    await insertClaim(db, twice, { status: 'submitted' });
    const overlapping = await insertClass(db, { status: 'running', starts_on: '2026-06-15', ends_on: '2026-06-30' });
    const second = await db
      .insertInto('class_enrolment')
      .values({
        class_id: overlapping.id,
        county_code: overlapping.countyCode,
        participant_kind: 'person',
        person_id: a!,
        status: 'enrolled',
        source: 'institution',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const once = await certifiedTrainee(db, { personId: b!, classOptions: { starts_on: '2026-06-01', ends_on: '2026-06-20' } });
    await insertClaim(db, once, { status: 'submitted' });
    const later = await insertClass(db, { status: 'running', starts_on: '2026-06-21', ends_on: '2026-06-30' });
    await db
      .insertInto('class_enrolment')
      .values({
        class_id: later.id,
        county_code: later.countyCode,
        participant_kind: 'person',
        person_id: b!,
        status: 'enrolled',
        source: 'institution',
      })
      .execute();
    const list = await signals(reviewer, '?kind=two_places');
    const pair = [twice.enrolmentId, second.id].sort();
    const signal = byKey(list, `two_places:${pair[0]}:${pair[1]}`)!;
    expect(signal.explanation).toContain('两班日期重叠');
    expect(signal.explanation).toContain(twice.classNo);
    expect(signal.explanation).toContain(overlapping.classNo);
    expect(
      signal.subjects
        .filter((s) => s.type === 'class')
        .map((s) => s.id)
        .sort(),
    ).toEqual([twice.classId, overlapping.id].sort());
    expect(list.items.some((s) => s.subjects.some((x) => x.type === 'person' && x.id === b))).toBe(false);
  });

  it('finds an institution whose pass rate stands out among the institutions in scope, and only there', async () => {
    const all = await newInstitution('620104', '西固区测试培训学校甲');
    const half = await newInstitution('620104', '西固区测试培训学校乙');
    const few = await newInstitution('620104', '西固区测试培训学校丙');
    await examinedLines(all, '620104', 10, 0);
    await examinedLines(half, '620104', 4, 6);
    // fewer than FRAUD_PASS_RATE_MIN_TRAINEES examined: not compared at all
    await examinedLines(few, '620104', 5, 0);
    const list = await signals(xiguReviewer, '?kind=pass_rate_outlier');
    expect(list.items.map((s) => s.key)).toEqual([`pass_rate_outlier:${all}`]);
    expect(list.items[0]!.explanation).toBe(
      '西固区测试培训学校甲 的 10 名参加考核的学员中 10 名合格，合格率 100%；辖区内参加考核学员不少于 10 名的 2 家机构平均合格率 70%，标准差 30%。规则：平均合格率低于 80% 时全部合格即提示。',
    );
    // another county's officer neither sees the institution nor counts it
    expect((await signals(reviewer, '?kind=pass_rate_outlier')).items.some((s) => s.key === `pass_rate_outlier:${all}`)).toBe(false);
  });

  it('shows a county officer only the signals of their own county', async () => {
    const db = t.database.db;
    const persons = await freshPersons(3);
    for (const personId of persons) {
      const trainee = await certifiedTrainee(db, { personId, classOptions: { institution_id: qiliheInstitutionId } });
      expect(trainee.countyCode).toBe('620103');
      await insertClaim(db, trainee, {
        status: 'submitted',
        bank_account_sealed: Buffer.from('x'),
        bank_account_index: 'trail-bank-qilihe',
        bank_account_masked: '6222****0033',
      });
    }
    expect(byKey(await signals(reviewer), 'shared_bank:trail-bank-qilihe')).toBeUndefined();
    const theirs = byKey(await signals(qiliheReviewer), 'shared_bank:trail-bank-qilihe')!;
    expect(theirs.regionCode).toBe('620103');
    // the region filter narrows further
    expect(byKey(await signals(qiliheReviewer, '?regionCode=620102'), 'shared_bank:trail-bank-qilihe')).toBeUndefined();
    // and a review of a signal out of scope is refused as if it did not exist
    const res = await reviewer.post('/api/fraud-signals/reviews', {
      signalKey: 'shared_bank:trail-bank-qilihe',
      decision: 'dismissed',
      comment: '不在本辖区',
    });
    expect(res.statusCode).toBe(404);
  });

  it('stores reviews with a required comment, audited, and lists the latest', async () => {
    const db = t.database.db;
    const [a] = await freshPersons(1);
    const early = await certifiedTrainee(db, { personId: a!, examOn: '2026-09-20', issuedOn: '2026-09-01' });
    await insertClaim(db, early, { status: 'submitted' });
    const key = `certificate_before_exam:${early.certificateId}`;
    expect(issuesOf(await reviewer.post('/api/fraud-signals/reviews', { signalKey: key, decision: 'confirmed', comment: ' ' }))).toEqual({
      'body.comment': '请填写核查意见（至少 2 个字）',
    });
    expect(
      (await officer.post('/api/fraud-signals/reviews', { signalKey: key, decision: 'confirmed', comment: '核实中' })).statusCode,
    ).toBe(403);
    expect(
      (
        await reviewer.post('/api/fraud-signals/reviews', {
          signalKey: 'shared_bank:nothing-here',
          decision: 'confirmed',
          comment: '核实中',
        })
      ).statusCode,
    ).toBe(404);
    const before = await t.lastAuditSeq();
    const first = okBody<FraudSignal>(
      await reviewer.post('/api/fraud-signals/reviews', { signalKey: key, decision: 'confirmed', comment: '发证日期确有问题' }),
    );
    expect(first.review).toMatchObject({ decision: 'confirmed', decisionLabel: '确认存疑', comment: '发证日期确有问题' });
    const second = okBody<FraudSignal>(
      await finance.post('/api/fraud-signals/reviews', { signalKey: key, decision: 'dismissed', comment: '证书系补录，日期已更正说明' }),
    );
    expect(second.review).toMatchObject({ decision: 'dismissed', comment: '证书系补录，日期已更正说明' });
    const audit = (await t.auditSince(before)).filter((r) => r.action === 'fraud_signals.review');
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({
      outcome: 'success',
      region_code: '620102',
      details: { signalKey: key, kind: 'certificate_before_exam', decision: 'confirmed' },
    });
    const stored = await db.selectFrom('fraud_signal_review').selectAll().where('signal_key', '=', key).execute();
    expect(stored).toHaveLength(2);
    const listed = byKey(await signals(officer, '?kind=certificate_before_exam'), key)!;
    expect(listed.review).toMatchObject({ decision: 'dismissed', comment: '证书系补录，日期已更正说明' });
  });

  it('is not for institutions', async () => {
    expect((await institution.get('/api/fraud-signals')).statusCode).toBe(403);
  });
});
