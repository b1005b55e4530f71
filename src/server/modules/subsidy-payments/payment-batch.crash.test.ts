/**
 * kill -9 while a payment batch is being paid, restart, retry (`npm run test:crash`; slow, so
 * `npm test` skips it unless PAYMENT_CRASH_TEST=1):
 *
 *   1. the real server (node --import tsx src/server/main.ts, demo mode, a temp DATA_DIR) starts
 *      once to migrate and seed, and stops; the test then writes a county fund with its budget, a
 *      few thousand approved claims committed on it and a second finance account, straight into
 *      the database;
 *   2. the server runs again: the county finance officer makes a small warm-up batch and a big one
 *      over HTTP; the second finance account pays the warm-up batch (timed), then starts paying
 *      the big one and the server gets SIGKILL about halfway through the estimated time;
 *   3. the database, opened directly, holds the big batch untouched: draft, no payment, no ledger
 *      entry, no idempotency key, every claim still batched (never a half-paid batch);
 *   4. a restarted server takes the same request with the same key: it pays exactly once; sent
 *      again it answers the same receipt; another key answers 409;
 *   5. every claim has at most one payment, ledger payment entries equal the payments in count and
 *      sum, the fund position balances, and the audit chain verifies.
 *
 * Runs on PGlite, or on PostgreSQL when TEST_DATABASE_URL is set (a scratch database).
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, ServerProcess } from '../../testing/server-process';
import type { BatchDetail, BatchPaidReceipt } from '../../../shared/contracts/subsidy-payments-contracts';
import { type Database, openDatabase } from '../../db/database';
import { DEMO_PASSWORD } from '../../db/demo-seed';
import { AuditTrail } from '../../platform/audit-trail';
import { hashPassword } from '../auth/password-hasher';
import { insertClass } from '../classes/class-fixtures';
import { fundSums } from '../subsidy-funds/ledger';

const enabled = process.env.PAYMENT_CRASH_TEST === '1';
const COUNTY = '620102';
const MAKER = 'chengguan.caiwu';
const PAYER = 'crash.chuna';
const WARM_UP = 200;
const BIG = 4000;
const AMOUNT = 150_000;
const BUDGET = 2_000_000_000;

/** The HTTP client with this test's own calls. */
class Client extends HttpClient {
  createBatch(fundId: string, claimIds: string[]): Promise<BatchDetail> {
    return this.json<BatchDetail>('/api/payment-batches', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fundId, claimIds }),
    });
  }

  pay(batchId: string, key: string, voucherRef: string): Promise<Response> {
    return this.fetch(`/api/payment-batches/${batchId}/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({ voucherRef }),
    });
  }
}

/**
 * The fund, its budget, the payer's account and `count` approved claims committed on the fund,
 * written in bulk: trainees of demo persons spread over as many closed classes as it takes.
 */
async function seedClaims(database: Database, count: number): Promise<{ fundId: string; claimIds: string[] }> {
  const { db } = database;
  await db
    .insertInto('app_user')
    .values({
      username: PAYER,
      display_name: '城关区残联出纳（崩溃测试）',
      kind: 'staff',
      roles: ['finance_officer'],
      region_code: COUNTY,
      status: 'active',
      password_hash: await hashPassword(DEMO_PASSWORD),
      password_changed_at: new Date(),
      must_change_password: false,
    })
    .execute();
  const fund = await db
    .insertInto('subsidy_fund')
    .values({ region_code: COUNTY, year: 2026, kind: 'budget_line', code: `CRASH-${randomUUID().slice(0, 8)}`, name: '崩溃测试资金' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('ledger_entry')
    .values({ fund_id: fund.id, region_code: COUNTY, kind: 'budget', amount_fen: BUDGET, memo: '崩溃测试预算' })
    .execute();
  const persons = await db.selectFrom('person').select(['id', 'name']).where('status', '=', 'active').orderBy('id').limit(500).execute();
  expect(persons.length).toBeGreaterThan(50);
  const classes = Math.ceil(count / persons.length);
  for (let c = 0; c < classes; c++) {
    const klass = await insertClass(db, { status: 'closed', exam_on: '2026-09-20', class_no: `PX-CRASH-${c}-${randomUUID().slice(0, 6)}` });
    const take = Math.min(persons.length, count - c * persons.length);
    const ids = persons.slice(0, take).map((p) => p.id);
    await sql`
      INSERT INTO class_enrolment (class_id, county_code, participant_kind, person_id, status, source, exam_score, exam_recorded_at, completion_result)
      SELECT ${klass.id}, ${klass.countyCode}, 'person', p.id, 'enrolled', 'institution', 85, now(), 'passed'
      FROM person p WHERE p.id = ANY(${ids}::uuid[])`.execute(db);
    await sql`
      INSERT INTO training_certificate (certificate_no, verify_code, class_id, enrolment_id, person_id, county_code, holder_name, holder_name_masked, issued_on)
      SELECT 'PXZC' || ${String(c).padStart(3, '0')} || lpad(row_number() OVER (ORDER BY e.id)::text, 6, '0'),
             'C' || ${String(c).padStart(3, '0')} || lpad(row_number() OVER (ORDER BY e.id)::text, 8, '0'),
             e.class_id, e.id, e.person_id, e.county_code, p.name, left(p.name, 1) || '**', DATE '2026-09-20'
      FROM class_enrolment e JOIN person p ON p.id = e.person_id WHERE e.class_id = ${klass.id}`.execute(db);
    await sql`
      INSERT INTO subsidy_claim (claim_no, county_code, class_id, enrolment_id, person_id, certificate_id, institution_id, programme_code,
        occupation, skill_level, training_type, training_year, exam_on, submit_due_on, items, amount_fen, standard_fen, status, fund_id,
        payee_kind, bank_name, approved_at)
      SELECT 'BTCRASH' || ${String(c).padStart(3, '0')} || lpad(row_number() OVER (ORDER BY t.id)::text, 6, '0'), t.county_code, t.class_id,
        t.enrolment_id, t.person_id, t.id, ${klass.institutionId}, 'GS-DS-001', '电子商务师', '5', 'employment_skills', 2026,
        DATE '2026-09-20', DATE '2026-10-20', ${JSON.stringify([{ category: 'tuition', amountFen: AMOUNT }])}::jsonb, ${AMOUNT}, 200000,
        'approved', ${fund.id}, 'person', '中国工商银行兰州城关支行', now()
      FROM training_certificate t WHERE t.class_id = ${klass.id}`.execute(db);
  }
  await sql`
    INSERT INTO ledger_entry (fund_id, region_code, kind, amount_fen, claim_id, memo)
    SELECT ${fund.id}, ${COUNTY}, 'commitment', c.amount_fen, c.id, '审定占用' FROM subsidy_claim c WHERE c.fund_id = ${fund.id}`.execute(
    db,
  );
  const claims = await db.selectFrom('subsidy_claim').select('id').where('fund_id', '=', fund.id).orderBy('claim_no').execute();
  expect(claims).toHaveLength(count);
  return { fundId: fund.id, claimIds: claims.map((c) => c.id) };
}

/** Waits until a transaction of another connection has been writing payment rows for half a second. */
async function untilPayLoopRuns(url: string, timeoutMs: number): Promise<void> {
  const probe = await openDatabase({ url, poolSize: 1 });
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start < now() - interval '500 milliseconds'
          AND query ~* '(subsidy_payment|ledger_entry|subsidy_claim_event|update "subsidy_claim")'`.execute(probe.db);
      if (Number(rows[0]!.n) > 0) return;
      if (Date.now() > deadline) throw new Error('the payment transaction never showed in pg_stat_activity');
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await probe.close();
  }
}

describe.skipIf(!enabled)('a payment batch killed with kill -9', () => {
  const dataDir = join(tmpdir(), `abletrain-pay-crash-${process.pid}-${randomUUID().slice(0, 8)}`);
  const postgres = process.env.TEST_DATABASE_URL;
  const scratch = `abletrain_pay_crash_${process.pid}`;
  const databaseUrl = postgres ? Object.assign(new URL(postgres), { pathname: `/${scratch}` }).toString() : undefined;
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    DEMO_MODE: 'true',
    NODE_ENV: 'production',
    COOKIE_SECURE: 'false',
    WEB_BUILD_ON_START: 'false',
    LOG_LEVEL: 'warn',
    ...(databaseUrl && { DATABASE_URL: databaseUrl }),
  };
  const server = new ServerProcess(env, 300_000);
  const maker = new Client(server);
  const payer = new Client(server);
  const open = (): Promise<Database> => openDatabase(databaseUrl ? { url: databaseUrl, poolSize: 2 } : { dataDir });

  beforeAll(async () => {
    if (postgres) {
      const admin = await openDatabase({ url: postgres, poolSize: 1 });
      await sql`DROP DATABASE IF EXISTS ${sql.id(scratch)} WITH (FORCE)`.execute(admin.db);
      await sql`CREATE DATABASE ${sql.id(scratch)}`.execute(admin.db);
      await admin.close();
    }
  });

  afterAll(async () => {
    await server.stop();
    if (postgres) {
      const admin = await openDatabase({ url: postgres, poolSize: 1 });
      await sql`DROP DATABASE IF EXISTS ${sql.id(scratch)} WITH (FORCE)`.execute(admin.db);
      await admin.close();
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('leaves the batch whole or untouched, and the retry with the same key pays exactly once', { timeout: 1_800_000 }, async () => {
    // first start: migrations and demo data; then the fixtures, written while no server holds the database
    await server.start();
    await server.stop();
    let database = await open();
    let seeded: { fundId: string; claimIds: string[] };
    try {
      seeded = await seedClaims(database, WARM_UP + BIG);
    } finally {
      await database.close();
    }
    const warmUpIds = seeded.claimIds.slice(0, WARM_UP);
    const bigIds = seeded.claimIds.slice(WARM_UP);

    await server.start();
    await maker.login(MAKER);
    await payer.login(PAYER);
    const warmUp = await maker.createBatch(seeded.fundId, warmUpIds);
    const big = await maker.createBatch(seeded.fundId, bigIds);
    expect(big).toMatchObject({ status: 'draft', claimCount: BIG, totalFen: BIG * AMOUNT });

    // how long one claim takes to pay on this machine and engine, to kill the big batch halfway
    const started = performance.now();
    const warmRes = await payer.pay(warmUp.id, randomUUID(), 'JZ-WARM-1');
    expect(warmRes.status, await warmRes.clone().text()).toBe(200);
    const perClaimMs = (performance.now() - started) / WARM_UP;
    // the warm-up's fixed costs make the estimate high: a quarter of it lands inside the loop
    const killAfterMs = Math.max(200, Math.round(perClaimMs * BIG * 0.25));

    const key = randomUUID();
    let answered = false;
    const sent = performance.now();
    const inFlight = payer.pay(big.id, key, 'JZ-CRASH-1').then(
      () => (answered = true),
      () => undefined,
    );
    // PostgreSQL shows the running statement: wait until the per-claim writes have begun, then
    // kill; PGlite holds its one connection for the transaction, so there the estimate decides
    if (databaseUrl) await untilPayLoopRuns(databaseUrl, 120_000);
    else await new Promise((r) => setTimeout(r, killAfterMs));
    await server.kill();
    await inFlight;
    console.log(
      `paying ${BIG} claims: about ${perClaimMs.toFixed(2)} ms a claim in the warm-up; killed after ${Math.round(performance.now() - sent)} ms`,
    );
    // the kill must land while the payment runs, or this test would prove nothing
    expect(answered, 'the payment finished before the kill: raise BIG').toBe(false);

    database = await open();
    try {
      const { db } = database;
      const batch = await db.selectFrom('payment_batch').selectAll().where('id', '=', big.id).executeTakeFirstOrThrow();
      expect(batch).toMatchObject({ status: 'draft', paid_by: null, voucher_ref: null });
      const payments = await db
        .selectFrom('subsidy_payment')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('batch_id', '=', big.id)
        .executeTakeFirstOrThrow();
      expect(Number(payments.n)).toBe(0);
      const ledger = await db
        .selectFrom('ledger_entry')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('batch_id', '=', big.id)
        .executeTakeFirstOrThrow();
      expect(Number(ledger.n)).toBe(0);
      const statuses = await db
        .selectFrom('subsidy_claim')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('batch_id', '=', big.id)
        .groupBy('status')
        .execute();
      expect(statuses.map((s) => ({ status: s.status, n: Number(s.n) }))).toEqual([{ status: 'batched', n: BIG }]);
      expect(await db.selectFrom('idempotency_key').select('key').where('key', '=', key).execute()).toEqual([]);
    } finally {
      await database.close();
    }

    // restart and send the same request again: it pays once, and once only
    await server.start();
    await payer.login(PAYER);
    const retry = await payer.pay(big.id, key, 'JZ-CRASH-1');
    expect(retry.status, await retry.clone().text()).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
    const receipt = (await retry.json()) as BatchPaidReceipt;
    expect(receipt).toMatchObject({ batchId: big.id, status: 'paid', claimCount: BIG, totalFen: BIG * AMOUNT, paymentCount: BIG });
    const again = await payer.pay(big.id, key, 'JZ-CRASH-1');
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(receipt);
    const otherKey = await payer.pay(big.id, randomUUID(), 'JZ-CRASH-1');
    expect(otherKey.status).toBe(409);
    await server.stop();

    database = await open();
    try {
      const { db } = database;
      const doubled = await db
        .selectFrom('subsidy_payment')
        .select('claim_id')
        .where('kind', '=', 'payment')
        .groupBy('claim_id')
        .having((eb) => eb.fn.countAll(), '>', 1)
        .execute();
      expect(doubled).toEqual([]);
      const paid = await db
        .selectFrom('subsidy_payment')
        .select([(eb) => eb.fn.countAll<number>().as('n'), sql<number>`coalesce(sum(amount_fen), 0)::bigint`.as('total')])
        .where('fund_id', '=', seeded.fundId)
        .where('kind', '=', 'payment')
        .executeTakeFirstOrThrow();
      const entries = await db
        .selectFrom('ledger_entry')
        .select([(eb) => eb.fn.countAll<number>().as('n'), sql<number>`coalesce(sum(amount_fen), 0)::bigint`.as('total')])
        .where('fund_id', '=', seeded.fundId)
        .where('kind', '=', 'payment')
        .executeTakeFirstOrThrow();
      const all = WARM_UP + BIG;
      expect({ n: Number(paid.n), total: Number(paid.total) }).toEqual({ n: all, total: all * AMOUNT });
      expect({ n: Number(entries.n), total: Number(entries.total) }).toEqual({ n: all, total: all * AMOUNT });
      const unmatched = await db
        .selectFrom('ledger_entry as l')
        .leftJoin('subsidy_payment as p', 'p.id', 'l.payment_id')
        .select('l.id')
        .where('l.fund_id', '=', seeded.fundId)
        .where('l.kind', '=', 'payment')
        .where((eb) => eb.or([eb('p.id', 'is', null), eb('p.amount_fen', '<>', eb.ref('l.amount_fen'))]))
        .execute();
      expect(unmatched).toEqual([]);
      const claims = await db
        .selectFrom('subsidy_claim')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('fund_id', '=', seeded.fundId)
        .groupBy('status')
        .execute();
      expect(claims.map((c) => ({ status: c.status, n: Number(c.n) }))).toEqual([{ status: 'paid', n: all }]);
      const { position } = await fundSums(db, seeded.fundId);
      expect(position).toEqual({ budgetFen: BUDGET, committedFen: 0, paidFen: all * AMOUNT, availableFen: BUDGET - all * AMOUNT });
      const pays = await db.selectFrom('audit_log').select('target_id').where('action', '=', 'payments.pay').orderBy('seq').execute();
      expect(pays).toEqual([{ target_id: warmUp.id }, { target_id: big.id }]);
      const chain = await new AuditTrail(db).verify();
      expect(chain.firstBroken).toBeNull();
      expect(chain.ok).toBe(true);
    } finally {
      await database.close();
    }
  });
});
