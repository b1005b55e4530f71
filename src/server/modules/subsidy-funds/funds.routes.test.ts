import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FundDetail, FundInput, FundSummary, LedgerEntryView, ReconciliationReport } from '../../../shared/contracts/funds-contracts';
import { fundKinds, ledgerEntryKinds } from '../../../shared/domain/subsidy-codes';
import { issuesOf, okBody } from '../../testing/answers';
import { itMatchesCodeLists } from '../../testing/check-constraints';
import { buildTestApp, type TestApp, type TestClient } from '../../testing/test-app';
import { randomUUID } from 'node:crypto';
import { certifiedTrainee, insertClaim } from '../subsidy-claims/subsidy-fixtures';
import { appendLedger } from './ledger';

let t: TestApp;
let finance: TestClient; // finance officer of Chengguan 620102
let cityFinance: TestClient; // finance officer of Lanzhou 620100
let otherFinance: TestClient; // finance officer of Qilihe 620103
let reviewer: TestClient; // chengguan.shenhe: reads
let institution: TestClient; // jigou.demo: no access to funds
let financeId: string;

function fund(overrides: Partial<FundInput> = {}): FundInput {
  return {
    regionCode: '620102',
    year: 2031,
    fundKind: 'budget_line',
    fundCode: '2080705',
    fundName: '残疾人职业培训补贴',
    ...overrides,
  };
}

async function sheetRows(res: LightMyRequestResponse): Promise<unknown[][]> {
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  expect(res.headers['cache-control']).toBe('no-store');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

beforeAll(async () => {
  t = await buildTestApp();
  const [f] = await Promise.all([
    t.createAccount({ username: 'fd.chengguan.caiwu', roles: ['finance_officer'], regionCode: '620102' }),
    t.createAccount({ username: 'fd.lanzhou.caiwu', roles: ['finance_officer'], regionCode: '620100' }),
    t.createAccount({ username: 'fd.qilihe.caiwu', roles: ['finance_officer'], regionCode: '620103' }),
  ]);
  financeId = f.id;
  [finance, cityFinance, otherFinance, reviewer, institution] = await Promise.all([
    t.loginAs('fd.chengguan.caiwu'),
    t.loginAs('fd.lanzhou.caiwu'),
    t.loginAs('fd.qilihe.caiwu'),
    t.loginAs('chengguan.shenhe'),
    t.loginAs('jigou.demo'),
  ]);
}, 120_000);
afterAll(() => t.close());

describe('the CHECK constraints match the shared enums', () => {
  itMatchesCodeLists(
    () => t.database.db,
    [
      ['subsidy_fund', 'kind', fundKinds],
      ['ledger_entry', 'kind', ledgerEntryKinds],
    ],
  );
});

describe('funds and budget entries', () => {
  let created: FundDetail;

  it('creates a fund in scope (audited) and refuses one out of scope, a duplicate code and bad fields', async () => {
    const before = await t.lastAuditSeq();
    created = okBody<FundDetail>(await finance.post('/api/funds', fund()));
    expect(created).toMatchObject({
      regionCode: '620102',
      year: 2031,
      fundKind: 'budget_line',
      status: 'open',
      mayWrite: true,
      position: { budgetFen: 0, committedFen: 0, paidFen: 0, availableFen: 0 },
    });
    expect((await t.auditSince(before)).map((a) => [a.action, a.target_id])).toEqual([['funds.create', created.id]]);
    expect((await finance.post('/api/funds', fund({ regionCode: '620103' }))).statusCode).toBe(403);
    expect((await finance.post('/api/funds', fund({ regionCode: '620100' }))).statusCode).toBe(403);
    const dup = await finance.post('/api/funds', fund());
    expect(dup.statusCode).toBe(409);
    expect(dup.json().message).toContain('2080705');
    const issues = issuesOf(await finance.post('/api/funds', { ...fund(), fundKind: 'donation', fundCode: '', year: 1999 }));
    expect(issues['body.donor']).toContain('捐赠方');
    expect(issues['body.fundCode']).toContain('资金编码');
    expect(issues['body.year']).toContain('2000');
    expect((await reviewer.post('/api/funds', fund({ fundCode: 'X1' }))).statusCode).toBe(403);
  });

  it('allocates budget and refuses a cut that would take the available money below zero', async () => {
    const before = await t.lastAuditSeq();
    let f = okBody<FundDetail>(
      await finance.post(`/api/funds/${created.id}/budget`, { amountFen: 1_000_000, voucherRef: '记-2031-001', memo: '年初预算下达' }),
    );
    expect(f.position).toEqual({ budgetFen: 1_000_000, committedFen: 0, paidFen: 0, availableFen: 1_000_000 });
    expect((await t.auditSince(before)).map((a) => a.action)).toEqual(['funds.budget']);
    // an approved claim binds 300,000
    await t.database.db.transaction().execute((trx) =>
      appendLedger(trx, {
        fundId: created.id,
        regionCode: '620102',
        kind: 'commitment',
        amountFen: 300_000,
        memo: '审定占用',
        createdBy: financeId,
      }),
    );
    const refused = issuesOf(
      await finance.post(`/api/funds/${created.id}/budget`, { amountFen: -700_001, voucherRef: '记-2031-002', memo: '预算调减' }),
    );
    expect(refused['body.amountFen']).toContain('可用余额');
    expect(refused['body.amountFen']).toContain('7,000.00');
    f = okBody<FundDetail>(
      await finance.post(`/api/funds/${created.id}/budget`, { amountFen: -700_000, voucherRef: '记-2031-002', memo: '预算调减' }),
    );
    expect(f.position).toEqual({ budgetFen: 300_000, committedFen: 300_000, paidFen: 0, availableFen: 0 });
    const zero = issuesOf(await finance.post(`/api/funds/${created.id}/budget`, { amountFen: 0, voucherRef: '', memo: '' }));
    expect(Object.keys(zero).sort()).toEqual(['body.amountFen', 'body.memo', 'body.voucherRef']);
    expect(
      (await otherFinance.post(`/api/funds/${created.id}/budget`, { amountFen: 1, voucherRef: '记-1', memo: '越权下达' })).statusCode,
    ).toBe(404);
    expect(
      (await reviewer.post(`/api/funds/${created.id}/budget`, { amountFen: 1, voucherRef: '记-1', memo: '无权下达' })).statusCode,
    ).toBe(403);
  });

  it('lets no two cuts both take the last money', async () => {
    const g = okBody<FundDetail>(await finance.post('/api/funds', fund({ fundCode: 'RACE-1' })));
    okBody(await finance.post(`/api/funds/${g.id}/budget`, { amountFen: 100_000, voucherRef: '记-R-1', memo: '预算下达' }));
    const cuts = await Promise.all(
      [1, 2, 3].map((i) =>
        finance.post(`/api/funds/${g.id}/budget`, { amountFen: -60_000, voucherRef: `记-R-${i + 1}`, memo: '并发调减' }),
      ),
    );
    expect(cuts.map((r) => r.statusCode).sort()).toEqual([200, 400, 400]);
    expect(okBody<FundDetail>(await finance.get(`/api/funds/${g.id}`)).position.availableFen).toBe(40_000);
  });

  it('keeps the ledger insert-only: an UPDATE or DELETE of an entry fails', async () => {
    const entry = await t.database.db
      .selectFrom('ledger_entry')
      .select(['id', 'amount_fen'])
      .where('fund_id', '=', created.id)
      .executeTakeFirstOrThrow();
    await expect(sql`UPDATE ledger_entry SET amount_fen = 1 WHERE id = ${entry.id}`.execute(t.database.db)).rejects.toThrow(/insert-only/);
    await expect(sql`DELETE FROM ledger_entry WHERE id = ${entry.id}`.execute(t.database.db)).rejects.toThrow(/insert-only/);
    const still = await t.database.db.selectFrom('ledger_entry').select('amount_fen').where('id', '=', entry.id).executeTakeFirstOrThrow();
    expect(still.amount_fen).toBe(entry.amount_fen);
  });

  it('lists funds with positions for the scope only', async () => {
    const mine = okBody<{ items: FundSummary[] }>(await finance.get('/api/funds?year=2031&pageSize=200'));
    expect(mine.items.find((f) => f.id === created.id)?.position).toEqual({
      budgetFen: 300_000,
      committedFen: 300_000,
      paidFen: 0,
      availableFen: 0,
    });
    const city = okBody<{ items: FundSummary[] }>(await cityFinance.get('/api/funds?year=2031&regionCode=620102'));
    expect(city.items.map((f) => f.id)).toContain(created.id);
    const other = okBody<{ items: FundSummary[]; total: number }>(await otherFinance.get('/api/funds?year=2031&pageSize=200'));
    expect(other.items.map((f) => f.id)).not.toContain(created.id);
    expect(okBody<{ total: number }>(await otherFinance.get('/api/funds?regionCode=620102')).total).toBe(0);
    expect((await otherFinance.get(`/api/funds/${created.id}`)).statusCode).toBe(404);
    expect(okBody<FundDetail>(await reviewer.get(`/api/funds/${created.id}`)).mayWrite).toBe(false);
    expect((await institution.get('/api/funds')).statusCode).toBe(403);
  });

  it('closes a fund only without outstanding commitments, then refuses budget entries', async () => {
    const busy = await finance.post(`/api/funds/${created.id}/close`, { reason: '年度结束' });
    expect(busy.statusCode).toBe(409);
    expect(busy.json().message).toContain('3,000.00');
    const idle = okBody<FundDetail>(
      await finance.post('/api/funds', fund({ fundCode: 'IDLE-1', fundKind: 'donation', donor: '某爱心企业' })),
    );
    const closed = okBody<FundDetail>(await finance.post(`/api/funds/${idle.id}/close`, { reason: '捐赠协议到期' }));
    expect(closed).toMatchObject({ status: 'closed', mayWrite: false, donor: '某爱心企业' });
    expect((await finance.post(`/api/funds/${idle.id}/budget`, { amountFen: 1, voucherRef: '记-9', memo: '关闭后下达' })).statusCode).toBe(
      409,
    );
  });
});

describe('ledger and reconciliation', () => {
  const year = 2032;
  let fundId: string;
  let paidClaim: { id: string; claimNo: string };
  let batchNo: string;

  /** A registry person of its own (the reconciliation never reads personal data, so the sealed fields are placeholders). */
  async function trainee(offset: number, classId?: string) {
    const person = await t.database.db
      .insertInto('person')
      .values({
        county_code: '620102',
        id_number_sealed: Buffer.from(`placeholder ${offset}`),
        id_number_index: `funds-test-${randomUUID()}`,
        id_number_masked: '620102**********00',
        name: `对账学员${offset}`,
        sex: 'female',
        birth_date: '1990-01-01',
        hukou_region_code: '620102',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return certifiedTrainee(t.database.db, { personId: person.id, ...(classId && { classId }) });
  }

  /** A batch of one payment, paid: claim, commitment, batch, payment row and (unless told) its ledger entry. */
  async function paid(offset: number, classId: string | undefined, amountFen: number, withLedger = true) {
    const tr = await trainee(offset, classId);
    const claim = await insertClaim(t.database.db, tr, { status: 'paid', fund_id: fundId, amount_fen: amountFen });
    const no = `PB-TA-${year}-${offset}`;
    await t.database.db.transaction().execute(async (trx) => {
      await appendLedger(trx, { fundId, regionCode: '620102', kind: 'commitment', amountFen, claimId: claim.id, createdBy: financeId });
      const batch = await trx
        .insertInto('payment_batch')
        .values({
          batch_no: no,
          region_code: '620102',
          fund_id: fundId,
          status: 'paid',
          claim_count: 1,
          total_fen: amountFen,
          voucher_ref: `付-${offset}`,
          created_by: financeId,
          paid_by: financeId,
          paid_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const payment = await trx
        .insertInto('subsidy_payment')
        .values({
          kind: 'payment',
          claim_id: claim.id,
          batch_id: batch.id,
          county_code: '620102',
          fund_id: fundId,
          amount_fen: amountFen,
          voucher_ref: `付-${offset}`,
          created_by: financeId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (withLedger)
        await appendLedger(trx, {
          fundId,
          regionCode: '620102',
          kind: 'payment',
          amountFen,
          claimId: claim.id,
          paymentId: payment.id,
          batchId: batch.id,
          voucherRef: `付-${offset}`,
          createdBy: financeId,
        });
      return payment.id;
    });
    const payment = await t.database.db
      .selectFrom('subsidy_payment')
      .select('id')
      .where('claim_id', '=', claim.id)
      .executeTakeFirstOrThrow();
    return { claim, batchNo: no, paymentId: payment.id, classId: tr.classId };
  }

  beforeAll(async () => {
    fundId = okBody<FundDetail>(await finance.post('/api/funds', fund({ year, fundCode: 'REC-1' }))).id;
    okBody(
      await finance.post(`/api/funds/${fundId}/budget`, {
        amountFen: 5_000_000,
        voucherRef: '记-2032-001',
        memo: '=HYPERLINK("http://evil","预算")',
      }),
    );
    const first = await paid(0, undefined, 150_000);
    paidClaim = first.claim;
    batchNo = first.batchNo;
    // an approved claim waiting for a batch, with its commitment
    const tr = await trainee(1, first.classId);
    const approved = await insertClaim(t.database.db, tr, { status: 'approved', fund_id: fundId, amount_fen: 120_000 });
    await t.database.db.transaction().execute((trx) =>
      appendLedger(trx, {
        fundId,
        regionCode: '620102',
        kind: 'commitment',
        amountFen: 120_000,
        claimId: approved.id,
        createdBy: financeId,
      }),
    );
  });

  it('shows the ledger newest first with claim and batch numbers, and the position', async () => {
    const detail = okBody<FundDetail>(await reviewer.get(`/api/funds/${fundId}`));
    expect(detail.position).toEqual({ budgetFen: 5_000_000, committedFen: 120_000, paidFen: 150_000, availableFen: 4_730_000 });
    const page = okBody<{ items: LedgerEntryView[]; total: number }>(await reviewer.get(`/api/funds/${fundId}/ledger?pageSize=2`));
    expect(page.total).toBe(4);
    expect(page.items.map((e) => e.kind)).toEqual(['commitment', 'payment']);
    expect(page.items[1]).toMatchObject({ claimNo: paidClaim.claimNo, batchNo, amountFen: 150_000 });
    const last = okBody<{ items: LedgerEntryView[] }>(await reviewer.get(`/api/funds/${fundId}/ledger?pageSize=2&page=2`));
    expect(last.items.map((e) => e.kind)).toEqual(['commitment', 'budget']);
  });

  it('is balanced on clean data', async () => {
    const report = okBody<ReconciliationReport>(await reviewer.get(`/api/funds/reconciliation?regionCode=620102&year=${year}`));
    expect(report.discrepancies).toEqual([]);
    expect(report.balanced).toBe(true);
    expect(report.checks.every((c) => c.count === 0)).toBe(true);
    expect(report.funds).toHaveLength(1);
    expect(report.funds[0]!.sums).toEqual({ budget: 5_000_000, commitment: 270_000, release: 0, payment: 150_000, reversal: 0 });
    expect(report.totals.availableFen).toBe(4_730_000);
  });

  it('is unbalanced, naming the offending rows, when a payment has no ledger entry or a claim no commitment', async () => {
    const broken = await paid(2, undefined, 90_000, false);
    const tr = await trainee(3, broken.classId);
    const bare = await insertClaim(t.database.db, tr, { status: 'approved', fund_id: fundId, amount_fen: 50_000 });
    const report = okBody<ReconciliationReport>(await finance.get(`/api/funds/reconciliation?regionCode=620102&year=${year}`));
    expect(report.balanced).toBe(false);
    expect(report.discrepancies).toEqual([
      expect.objectContaining({
        check: 'payment_without_ledger',
        subjectKind: 'payment',
        subjectId: broken.paymentId,
        claimNo: broken.claim.claimNo,
        batchNo: broken.batchNo,
        fundCode: 'REC-1',
        detail: expect.stringContaining('900.00'),
      }),
      expect.objectContaining({ check: 'claim_without_commitment', subjectKind: 'claim', subjectId: bare.id, claimNo: bare.claimNo }),
    ]);
    expect(report.checks.find((c) => c.check === 'payment_without_ledger')?.count).toBe(1);
    // the report is for the region and year asked: another year stays balanced, another county is out of scope
    expect(okBody<ReconciliationReport>(await finance.get('/api/funds/reconciliation?regionCode=620102&year=2031')).balanced).toBe(true);
    expect((await otherFinance.get(`/api/funds/reconciliation?regionCode=620102&year=${year}`)).statusCode).toBe(403);
    expect(issuesOf(await finance.get('/api/funds/reconciliation?regionCode=620102&year=abc'))['querystring.year']).toBeTruthy();
  });

  it('exports the report (audited) with numbers as numbers and the offending row named', async () => {
    const before = await t.lastAuditSeq();
    const rows = await sheetRows(await reviewer.get(`/api/funds/reconciliation/export?regionCode=620102&year=${year}`));
    expect(rows[0]).toContain('可用余额（元）');
    const line = rows.find((r) => r[0] === 'REC-1')!;
    expect(line[3]).toBe(50_000);
    expect(typeof line[10]).toBe('number');
    expect(JSON.stringify(rows)).toContain('不平衡');
    expect(JSON.stringify(rows)).toContain('支付记录没有对应的台账支付分录');
    expect((await t.auditSince(before)).map((a) => a.action)).toEqual(['funds.export_reconciliation']);
  });

  it('exports the ledger with a memo starting with "=" escaped, amounts as numbers', async () => {
    const rows = await sheetRows(await finance.get(`/api/funds/${fundId}/ledger/export`));
    expect(rows[0]).toEqual(['记账时间', '类别', '金额（元）', '申领编号', '支付批次', '凭证号', '摘要', '记账人']);
    const budget = rows.find((r) => r[1] === '预算下达')!;
    expect(budget[6]).toBe(`'=HYPERLINK("http://evil","预算")`);
    expect(budget[2]).toBe(50_000);
    const payment = rows.find((r) => r[3] === paidClaim.claimNo && r[1] === '支付')!;
    expect(payment[4]).toBe(batchNo);
    expect(payment[2]).toBe(1_500);
    expect((await otherFinance.get(`/api/funds/${fundId}/ledger/export`)).statusCode).toBe(404);
  });
});
