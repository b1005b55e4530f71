import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchDetail, BatchPaidReceipt } from '../../../shared/contracts/subsidy-payments-contracts';
import { maskBankAccount } from '../../../shared/domain/masking';
import { buildTestApp, type TestApp, type TestClient } from '../../testing/test-app';
import { certifiedTrainee, demoPersonIds, insertClaim } from '../subsidy-claims/subsidy-fixtures';
import { appendLedger, fundSums } from '../subsidy-funds/ledger';

const COUNTY = '620102';
const MAKER = 'chengguan.caiwu';
const PAYER = 'chengguan.chuna';

let t: TestApp;
let maker: TestClient;
let payer: TestClient;
let reviewer: TestClient;
let makerId: string;
let personOffset = 0;

beforeAll(async () => {
  t = await buildTestApp({ demoPersons: true });
  await t.createAccount({ username: PAYER, roles: ['finance_officer'], regionCode: COUNTY, displayName: '城关区残联出纳' });
  await t.createAccount({ username: 'qilihe.caiwu', roles: ['finance_officer'], regionCode: '620103' });
  maker = await t.loginAs(MAKER);
  payer = await t.loginAs(PAYER);
  reviewer = await t.loginAs('chengguan.shenhe');
  makerId = await t.userId(MAKER);
}, 120_000);
afterAll(() => t.close());

/** A county fund with a budget, and `amounts.length` approved claims committed on it. */
async function fundWithClaims(amounts: number[], claim: Parameters<typeof insertClaim>[2] = {}) {
  const { db } = t.database;
  const fund = await db
    .insertInto('subsidy_fund')
    .values({ region_code: COUNTY, year: 2026, kind: 'budget_line', code: `T-${randomUUID().slice(0, 8)}`, name: '职业培训补贴（测试）' })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
  await appendLedger(db, { fundId: fund.id, regionCode: COUNTY, kind: 'budget', amountFen: 100_000_000, createdBy: null });
  const persons = await demoPersonIds(db, COUNTY, amounts.length, personOffset);
  personOffset += amounts.length;
  const claims: { id: string; claimNo: string }[] = [];
  for (const [i, amount] of amounts.entries()) {
    const trainee = await certifiedTrainee(db, { personId: persons[i]! });
    const account = `62220212345678${String(9000 + i)}`;
    const created = await insertClaim(db, trainee, {
      status: 'approved',
      fund_id: fund.id,
      amount_fen: amount,
      items: JSON.stringify([{ category: 'tuition', amountFen: amount }]),
      payee_kind: 'person',
      payee_name: `收款人${i}`,
      bank_name: '中国工商银行兰州城关支行',
      bank_account_sealed: t.services.persons.crypto.seal(account),
      bank_account_index: t.services.persons.crypto.blindIndex(account),
      bank_account_masked: maskBankAccount(account).text,
      approved_at: new Date(),
      ...claim,
    });
    await appendLedger(db, {
      fundId: fund.id,
      regionCode: COUNTY,
      kind: 'commitment',
      amountFen: amount,
      claimId: created.id,
      createdBy: null,
    });
    claims.push(created);
  }
  return { fund, claims };
}

async function makeBatch(amounts: number[]) {
  const { fund, claims } = await fundWithClaims(amounts);
  const res = await maker.post('/api/payment-batches', { fundId: fund.id, claimIds: claims.map((c) => c.id) });
  expect(res.statusCode, res.body).toBe(200);
  return { fund, claims, batch: res.json() as BatchDetail };
}

function pay(client: TestClient, batchId: string, key: string | null, voucherRef = 'JZ-2026-0001') {
  return client.post(`/api/payment-batches/${batchId}/pay`, { voucherRef }, key === null ? {} : { 'idempotency-key': key });
}

async function counts(claimIds: string[]) {
  const { db } = t.database;
  const payments = await db.selectFrom('subsidy_payment').select(['id', 'kind', 'claim_id']).where('claim_id', 'in', claimIds).execute();
  const ledger = await db
    .selectFrom('ledger_entry')
    .select(['id', 'kind', 'amount_fen', 'payment_id'])
    .where('claim_id', 'in', claimIds)
    .where('kind', 'in', ['payment', 'reversal'])
    .execute();
  return { payments, ledger };
}

describe('making a batch', () => {
  it('batches approved claims of the fund, numbers the batch and keeps the totals', async () => {
    const { fund, claims, batch } = await makeBatch([150_000, 80_000]);
    expect(batch).toMatchObject({ status: 'draft', claimCount: 2, totalFen: 230_000, fundId: fund.id, regionCode: COUNTY });
    expect(batch.batchNo).toMatch(new RegExp(`^ZF${COUNTY}\\d{4}\\d{5}$`));
    expect(batch.canPay).toBe(false); // the maker may not pay
    expect(batch.payBlockedReason).toContain('编制与支付分离');
    expect(batch.claims.map((c) => c.status)).toEqual(['batched', 'batched']);
    expect(batch.claims[0]!.bankAccount!.text).toMatch(/^6222\*+\d{4}$/);
    expect(batch.claims[0]!.bankAccount!.spoken).toContain('中间');
    expect(batch.claims[0]!.personNameMasked).toContain('*');
    const rows = await t.database.db
      .selectFrom('subsidy_claim')
      .select(['status', 'batch_id'])
      .where(
        'id',
        'in',
        claims.map((c) => c.id),
      )
      .execute();
    expect(rows.every((r) => r.status === 'batched' && r.batch_id === batch.id)).toBe(true);
    const events = await t.database.db
      .selectFrom('subsidy_claim_event')
      .select('command')
      .where(
        'claim_id',
        'in',
        claims.map((c) => c.id),
      )
      .where('command', '=', 'batch')
      .execute();
    expect(events).toHaveLength(2);
    const asPayer = await payer.get(`/api/payment-batches/${batch.id}`);
    expect(asPayer.json()).toMatchObject({ canPay: true, payBlockedReason: null });
  });

  it('lists the funds with approved claims waiting, and those claims, for the maker to choose from', async () => {
    const { fund, claims } = await fundWithClaims([70_000, 30_000]);
    const funds = await maker.get('/api/payment-batches/funds');
    expect(funds.statusCode, funds.body).toBe(200);
    expect(funds.json().items).toContainEqual(expect.objectContaining({ id: fund.id, waitingCount: 2, waitingFen: 100_000 }));
    const candidates = await maker.get(`/api/payment-batches/candidates?fundId=${fund.id}`);
    expect(candidates.statusCode).toBe(200);
    expect(
      candidates
        .json()
        .items.map((c: { id: string }) => c.id)
        .sort(),
    ).toEqual(claims.map((c) => c.id).sort());
    expect(candidates.json().truncated).toBe(false);
    // reviewers read batches but do not make them
    expect((await reviewer.get('/api/payment-batches/funds')).statusCode).toBe(403);
    const outsider = await t.loginAs('qilihe.caiwu');
    expect((await outsider.get(`/api/payment-batches/candidates?fundId=${fund.id}`)).statusCode).toBe(400);
  });

  it('refuses a batch with a claim on hold, naming it and its status, and creates nothing', async () => {
    const { fund, claims } = await fundWithClaims([100_000, 100_000]);
    await t.database.db
      .updateTable('subsidy_claim')
      .set({ status: 'held', hold_reason: '异议成立' })
      .where('id', '=', claims[1]!.id)
      .execute();
    const before = await t.database.db
      .selectFrom('payment_batch')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await maker.post('/api/payment-batches', { fundId: fund.id, claimIds: claims.map((c) => c.id) });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain(claims[1]!.claimNo);
    expect(res.json().message).toContain('异议成立，暂停办理');
    const after = await t.database.db
      .selectFrom('payment_batch')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const first = await t.database.db
      .selectFrom('subsidy_claim')
      .select(['status', 'batch_id'])
      .where('id', '=', claims[0]!.id)
      .executeTakeFirstOrThrow();
    expect(first).toEqual({ status: 'approved', batch_id: null });
  });

  it('refuses a claim of another fund, a claim not yet approved, and a claim batched already', async () => {
    const { fund, claims } = await fundWithClaims([100_000]);
    const other = await fundWithClaims([100_000]);
    const wrongFund = await maker.post('/api/payment-batches', { fundId: fund.id, claimIds: [other.claims[0]!.id] });
    expect(wrongFund.statusCode).toBe(409);
    expect(wrongFund.json().message).toContain('审定的资金');
    const first = await maker.post('/api/payment-batches', { fundId: fund.id, claimIds: [claims[0]!.id] });
    expect(first.statusCode).toBe(200);
    const again = await maker.post('/api/payment-batches', { fundId: fund.id, claimIds: [claims[0]!.id] });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('已编入支付批次');
    const bad = await maker.post('/api/payment-batches', { fundId: fund.id, claimIds: [] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('申领');
  });

  it('removes a claim from a draft batch and cancels a batch: the claims go back to approved', async () => {
    const { claims, batch } = await makeBatch([100_000, 50_000, 25_000]);
    const removed = await maker.post(`/api/payment-batches/${batch.id}/remove-claim`, { claimId: claims[0]!.id });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json()).toMatchObject({ claimCount: 2, totalFen: 75_000 });
    const cancelled = await maker.post(`/api/payment-batches/${batch.id}/cancel`, { reason: '凭证信息有误，重新编制' });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelledReason: '凭证信息有误，重新编制', claims: [] });
    const rows = await t.database.db
      .selectFrom('subsidy_claim')
      .select(['status', 'batch_id'])
      .where(
        'id',
        'in',
        claims.map((c) => c.id),
      )
      .execute();
    expect(rows.every((r) => r.status === 'approved' && r.batch_id === null)).toBe(true);
    const payAfter = await pay(payer, batch.id, randomUUID());
    expect(payAfter.statusCode).toBe(409);
  });

  it('shows batches to the staff of the paying region only', async () => {
    const { batch } = await makeBatch([100_000]);
    const list = await reviewer.get('/api/payment-batches?pageSize=200');
    expect(list.statusCode).toBe(200);
    expect((list.json().items as { id: string }[]).some((b) => b.id === batch.id)).toBe(true);
    const outsider = await t.loginAs('qilihe.caiwu');
    const theirs = await outsider.get('/api/payment-batches?pageSize=200');
    expect((theirs.json().items as { id: string }[]).some((b) => b.id === batch.id)).toBe(false);
    expect((await outsider.get(`/api/payment-batches/${batch.id}`)).statusCode).toBe(404);
    expect((await pay(outsider, batch.id, randomUUID())).statusCode).toBe(404);
    // reviewers read but do not pay
    expect((await pay(reviewer, batch.id, randomUUID())).statusCode).toBe(403);
  });
});

describe('paying a batch', () => {
  it('20 concurrent identical payment requests produce exactly one payment and one ledger entry', async () => {
    const { claims, batch } = await makeBatch([123_400]);
    const key = randomUUID();
    const responses = await Promise.all(Array.from({ length: 20 }, () => pay(payer, batch.id, key)));
    for (const res of responses) expect(res.statusCode, res.body).toBe(200);
    const bodies = responses.map((r) => r.body);
    expect(new Set(bodies).size).toBe(1);
    const receipt = responses[0]!.json() as BatchPaidReceipt;
    expect(receipt).toMatchObject({ batchId: batch.id, status: 'paid', claimCount: 1, totalFen: 123_400, paymentCount: 1 });
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(19);

    const { payments, ledger } = await counts([claims[0]!.id]);
    expect(payments).toHaveLength(1);
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ kind: 'payment', amount_fen: 123_400, payment_id: payments[0]!.id });
    const claim = await t.database.db
      .selectFrom('subsidy_claim')
      .select(['status', 'paid_at'])
      .where('id', '=', claims[0]!.id)
      .executeTakeFirstOrThrow();
    expect(claim.status).toBe('paid');
    expect(claim.paid_at).not.toBeNull();
    const keys = await t.database.db.selectFrom('idempotency_key').selectAll().where('key', '=', key).execute();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ scope: 'payment-batches.pay', status_code: 200 });
    const audits = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'payments.pay')
      .where('target_id', '=', batch.id)
      .execute();
    expect(audits).toHaveLength(1);
  });

  it('pays each claim once: another key on a paid batch answers 409 and nothing moves', async () => {
    const { fund, claims, batch } = await makeBatch([100_000, 200_000]);
    const first = await pay(payer, batch.id, randomUUID());
    expect(first.statusCode, first.body).toBe(200);
    const second = await pay(payer, batch.id, randomUUID());
    expect(second.statusCode).toBe(409);
    expect(second.json().message).toBe('该批次已支付，不能重复支付');
    const { payments, ledger } = await counts(claims.map((c) => c.id));
    expect(payments).toHaveLength(2);
    expect(ledger).toHaveLength(2);
    const { position, sums } = await fundSums(t.database.db, fund.id);
    expect(sums.payment).toBe(300_000);
    expect(position).toEqual({ budgetFen: 100_000_000, committedFen: 0, paidFen: 300_000, availableFen: 100_000_000 - 300_000 });
    const detail = (await payer.get(`/api/payment-batches/${batch.id}`)).json() as BatchDetail;
    expect(detail).toMatchObject({
      status: 'paid',
      voucherRef: 'JZ-2026-0001',
      paidByName: '城关区残联出纳',
      canPay: false,
      canReverse: true,
    });
    expect(detail.claims.every((c) => c.status === 'paid' && c.paymentId !== null)).toBe(true);
  });

  it('refuses the maker of the batch (maker/checker) and moves no money', async () => {
    const { claims, batch } = await makeBatch([100_000]);
    const res = await pay(maker, batch.id, randomUUID());
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toContain('编制与支付分离');
    expect((await counts([claims[0]!.id])).payments).toHaveLength(0);
    const row = await t.database.db
      .selectFrom('payment_batch')
      .select(['status', 'created_by'])
      .where('id', '=', batch.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'draft', created_by: makerId });
  });

  it('needs an Idempotency-Key of 8–100 safe characters, and one key means one request', async () => {
    const { claims, batch } = await makeBatch([100_000]);
    const missing = await pay(payer, batch.id, null);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toContain('Idempotency-Key');
    const short = await pay(payer, batch.id, 'abc');
    expect(short.statusCode).toBe(400);
    expect(short.json().details.issues[0].field).toBe('headers.idempotency-key');
    const odd = await pay(payer, batch.id, '中文的幂等键中文的幂等键');
    expect(odd.statusCode).toBe(400);
    expect((await counts([claims[0]!.id])).payments).toHaveLength(0);

    const key = randomUUID();
    expect((await pay(payer, batch.id, key, 'JZ-A')).statusCode).toBe(200);
    const otherBody = await pay(payer, batch.id, key, 'JZ-B');
    expect(otherBody.statusCode).toBe(422);
    expect(otherBody.json().message).toBe('该幂等键已用于另一请求');
    const sameBody = await pay(payer, batch.id, key, 'JZ-A');
    expect(sameBody.statusCode).toBe(200);
    expect(sameBody.headers['idempotent-replayed']).toBe('true');
    // the key is the account's own: another account's request with it is its own request
    const other = await t.loginAs(MAKER);
    expect((await pay(other, batch.id, key, 'JZ-A')).statusCode).toBe(409);
    expect((await counts([claims[0]!.id])).payments).toHaveLength(1);
  });

  it('refuses a batch whose claim was put on hold after batching', async () => {
    const { claims, batch } = await makeBatch([100_000, 100_000]);
    await t.database.db.updateTable('subsidy_claim').set({ status: 'held' }).where('id', '=', claims[0]!.id).execute();
    const key = randomUUID();
    const res = await pay(payer, batch.id, key);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain(claims[0]!.claimNo);
    expect(res.json().message).toContain('异议成立，暂停办理');
    expect((await counts(claims.map((c) => c.id))).payments).toHaveLength(0);
    // the refusal rolled the key back with everything else: the same key may be sent again once the claim is removed
    expect(await t.database.db.selectFrom('idempotency_key').select('key').where('key', '=', key).execute()).toEqual([]);
    expect((await maker.post(`/api/payment-batches/${batch.id}/remove-claim`, { claimId: claims[0]!.id })).statusCode).toBe(200);
    expect((await pay(payer, batch.id, key)).statusCode).toBe(200);
    expect((await counts(claims.map((c) => c.id))).payments).toHaveLength(1);
  });
});

describe('reversals', () => {
  it('writes a new payment row and ledger entry, moves the claim to reversed, and refuses a second one', async () => {
    const { fund, claims, batch } = await makeBatch([100_000, 40_000]);
    expect((await pay(payer, batch.id, randomUUID())).statusCode).toBe(200);
    const detail = (await payer.get(`/api/payment-batches/${batch.id}`)).json() as BatchDetail;
    const line = detail.claims.find((c) => c.id === claims[1]!.id)!;
    const key = randomUUID();
    const body = { reason: '收款账户已注销，资金退回', voucherRef: 'CX-2026-01' };
    const res = await maker.post(`/api/subsidy-payments/${line.paymentId}/reverse`, body, { 'idempotency-key': key });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      paymentId: line.paymentId,
      claimNo: claims[1]!.claimNo,
      amountFen: 40_000,
      voucherRef: 'CX-2026-01',
    });
    const retry = await maker.post(`/api/subsidy-payments/${line.paymentId}/reverse`, body, { 'idempotency-key': key });
    expect(retry.statusCode).toBe(200);
    expect(retry.body).toBe(res.body);
    const second = await maker.post(`/api/subsidy-payments/${line.paymentId}/reverse`, body, { 'idempotency-key': randomUUID() });
    expect(second.statusCode).toBe(409);
    expect(second.json().message).toContain('已冲销');

    const { payments, ledger } = await counts([claims[1]!.id]);
    expect(payments.map((p) => p.kind).sort()).toEqual(['payment', 'reversal']);
    expect(ledger.map((l) => l.kind).sort()).toEqual(['payment', 'reversal']);
    const claim = await t.database.db
      .selectFrom('subsidy_claim')
      .select('status')
      .where('id', '=', claims[1]!.id)
      .executeTakeFirstOrThrow();
    expect(claim.status).toBe('reversed');
    const { position } = await fundSums(t.database.db, fund.id);
    expect(position.paidFen).toBe(100_000);

    const history = await reviewer.get(`/api/subsidy-claims/${claims[1]!.id}/payments`);
    expect(history.statusCode).toBe(200);
    expect(history.json().items.map((p: { kind: string }) => p.kind)).toEqual(['payment', 'reversal']);

    // payments and ledger entries are insert-only: the database refuses an edit
    await expect(sql`UPDATE subsidy_payment SET amount_fen = 1 WHERE id = ${line.paymentId}`.execute(t.database.db)).rejects.toThrow(
      /insert-only/,
    );
    await expect(sql`DELETE FROM ledger_entry WHERE payment_id = ${line.paymentId}`.execute(t.database.db)).rejects.toThrow(/insert-only/);
  });

  it('needs the key for a reversal too', async () => {
    const { batch } = await makeBatch([100_000]);
    await pay(payer, batch.id, randomUUID());
    const detail = (await payer.get(`/api/payment-batches/${batch.id}`)).json() as BatchDetail;
    const res = await payer.post(`/api/subsidy-payments/${detail.claims[0]!.paymentId}/reverse`, {
      reason: '测试冲销',
      voucherRef: 'CX-1',
    });
    expect(res.statusCode).toBe(400);
  });
});

describe('the finance export', () => {
  async function workbook(body: Buffer) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(body as unknown as ArrayBuffer);
    return book.worksheets[0]!;
  }

  it('masks accounts by default, escapes formulas and keeps amounts numbers; the full list is audited', async () => {
    const { fund, claims } = await fundWithClaims([150_050], { payee_name: '=HYPERLINK("http://evil.example","点我")' });
    const created = await maker.post('/api/payment-batches', { fundId: fund.id, claimIds: claims.map((c) => c.id) });
    const batch = created.json() as BatchDetail;

    const masked = await reviewer.get(`/api/payment-batches/${batch.id}/export`);
    expect(masked.statusCode).toBe(200);
    expect(masked.headers['content-type']).toContain('spreadsheetml');
    const sheet = await workbook(masked.rawPayload);
    const row = sheet.getRow(2);
    expect(row.getCell(3).value).toBe(`'=HYPERLINK("http://evil.example","点我")`);
    expect(row.getCell(5).value).toMatch(/^6222\*+\d{4}$/);
    expect(row.getCell(6).value).toBe(1500.5);
    expect(typeof row.getCell(6).value).toBe('number');

    // reviewers have no payments.export: the full list is refused
    expect((await reviewer.get(`/api/payment-batches/${batch.id}/export?full=true&reason=核对`)).statusCode).toBe(403);
    expect((await maker.get(`/api/payment-batches/${batch.id}/export?full=true`)).statusCode).toBe(400);
    const seq = await t.lastAuditSeq();
    const full = await maker.get(`/api/payment-batches/${batch.id}/export?full=true&reason=${encodeURIComponent('报送银行代发')}`);
    expect(full.statusCode).toBe(200);
    const fullSheet = await workbook(full.rawPayload);
    expect(fullSheet.getRow(2).getCell(5).value).toMatch(/^62220212345678\d{4}$/);
    const audit = await t.auditSince(seq);
    expect(audit.map((a) => a.action)).toContain('payments.export_full');
    const event = audit.find((a) => a.action === 'payments.export_full')!;
    expect(event.details).toMatchObject({ full: true, reason: '报送银行代发', rows: 1 });
    expect(JSON.stringify(event.details)).not.toMatch(/62220212345678/);
  });
});
