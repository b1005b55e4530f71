import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskBankAccount } from '../../shared/domain/masking';
import { todayInChina } from '../../shared/domain/person-validation';
import { addDays } from '../../shared/domain/trainer-rotation';
import { type ClaimStatus, fundPosition, type LedgerEntryKind, standardCeilingFen } from '../../shared/domain/subsidy-codes';
import type { RuleOutcome } from '../../shared/domain/subsidy-eligibility';
import { evaluateClaims } from '../modules/subsidy-claims/claim-eligibility';
import { standardFor } from '../modules/subsidy-standards/standard-lookup';
import { buildTestApp, type TestApp } from '../testing/test-app';
import { DEMO_SECOND_INSTITUTION } from './demo-classes';
import { DEMO_CITY_BUDGET_FEN, DEMO_FOUNDATION, seedDemoSubsidies } from './demo-subsidies';

/** The subsidy demo data loads with the demo persons (both engines) and holds together as the services would have left it. */
let t: TestApp;
const today = todayInChina();
const options = { yearlyCapFen: 1_000_000, regionMatch: 'city' as const };

beforeAll(async () => {
  t = await buildTestApp({ demoPersons: true });
});
afterAll(() => t.close());

const db = () => t.database.db;
const userIds = async (...names: string[]) =>
  Promise.all(
    names.map(async (n) => (await db().selectFrom('app_user').select('id').where('username', '=', n).executeTakeFirstOrThrow()).id),
  );

describe('the subsidy demo data', () => {
  it('shows every stage of a claim, with an event history that ends at its status', async () => {
    const claims = await db().selectFrom('subsidy_claim').selectAll().execute();
    const statuses = new Set(claims.map((c) => c.status));
    for (const status of [
      'draft',
      'submitted',
      'ineligible',
      'on_notice',
      'noticed',
      'county_approved',
      'city_approved',
      'approved',
      'paid',
      'reversed',
    ] satisfies ClaimStatus[])
      expect(statuses, status).toContain(status);
    expect(claims.length).toBeLessThan(30);
    for (const claim of claims) {
      const events = await db()
        .selectFrom('subsidy_claim_event')
        .selectAll()
        .where('claim_id', '=', claim.id)
        .orderBy('occurred_at')
        .execute();
      expect(events[0]).toMatchObject({ command: 'generate', from_status: null, to_status: 'draft' });
      expect(events.at(-1)!.to_status, claim.claim_no).toBe(claim.status);
      events.slice(1).forEach((e, i) => expect(e.from_status).toBe(events[i]!.to_status));
      expect(claim.version).toBe(events.length);
      // every claim that left the draft was checked, and the stored decision is the last check
      const checks = await db().selectFrom('subsidy_check').selectAll().where('claim_id', '=', claim.id).orderBy('checked_at').execute();
      if (claim.status === 'draft') expect(checks).toHaveLength(0);
      else {
        expect(checks.length).toBeGreaterThan(0);
        expect(claim.eligibility!.eligible).toBe(checks.at(-1)!.eligible);
        for (const c of checks)
          expect(c.eligible, `${claim.claim_no} ${JSON.stringify(claim.eligibility)}`).toBe(claim.status !== 'ineligible');
      }
    }
  });

  it('puts one list on public notice now, with its claims as numbered lines', async () => {
    const open = await db()
      .selectFrom('public_notice as n')
      .innerJoin('subsidy_notice_list as l', 'l.notice_id', 'n.id')
      .select(['l.id', 'l.claim_count', 'l.total_fen', 'l.status', 'n.ends_at', 'n.subject_id'])
      .where('n.subject_kind', '=', 'subsidy_list')
      .where('n.status', '=', 'open')
      .execute();
    expect(open).toHaveLength(1);
    const list = open[0]!;
    expect(list.subject_id).toBe(list.id);
    expect(list.status).toBe('on_notice');
    expect(todayInChina(new Date(list.ends_at)) > today).toBe(true);
    const lines = await db()
      .selectFrom('subsidy_claim')
      .select(['notice_line_no', 'amount_fen', 'status'])
      .where('notice_list_id', '=', list.id)
      .orderBy('notice_line_no')
      .execute();
    expect(lines.map((l) => l.notice_line_no)).toEqual(lines.map((_, i) => i + 1));
    expect(lines.length).toBe(list.claim_count);
    expect(lines.every((l) => l.status === 'on_notice')).toBe(true);
    expect(lines.reduce((s, l) => s + l.amount_fen, 0)).toBe(list.total_fen);
  });

  it("has the demo trainee's draft complete, within its window and eligible, at the county programme standard", async () => {
    const user = await db().selectFrom('app_user').select('person_id').where('username', '=', 'xueyuan.demo').executeTakeFirstOrThrow();
    const claim = await db().selectFrom('subsidy_claim').selectAll().where('person_id', '=', user.person_id!).executeTakeFirstOrThrow();
    expect(claim.status).toBe('draft');
    // the county extended the lapsed window, so the institution can submit it on a fresh start
    expect(claim.submit_due_on).toBe(addDays(today, 14));
    const events = await db()
      .selectFrom('subsidy_claim_event')
      .selectAll()
      .where('claim_id', '=', claim.id)
      .orderBy('occurred_at')
      .execute();
    const [officerId] = await userIds('chengguan.peixun');
    expect(events[1]).toMatchObject({ command: 'edit', from_status: 'draft', to_status: 'draft', actor_id: officerId });
    expect(events[1]!.comment).toMatch(new RegExp(`^延长申领期限至 ${claim.submit_due_on}：.{2,}`));
    expect(claim.bank_account_index).not.toBeNull();
    expect(claim.payee_name).toBeTruthy();
    expect(claim.items.length).toBeGreaterThan(0);
    const decision = (await evaluateClaims(db(), t.services.regions, options, [claim])).get(claim.id)!;
    expect(decision.rules.filter((r) => !r.passed).map((r) => `${r.rule}: ${r.explanation}`)).toEqual([]);
    const standard = await standardFor(db(), t.services.regions, {
      countyCode: claim.county_code,
      trainingType: claim.training_type,
      programmeCode: claim.programme_code,
      skillLevel: claim.skill_level,
      on: claim.exam_on!,
    });
    expect(standard).toMatchObject({ id: claim.standard_id, regionCode: '620102', programmeCode: claim.programme_code });
    expect(claim.standard_fen).toBe(standardCeilingFen(standard!, claim.assisted));
    expect(claim.amount_fen).toBeLessThanOrEqual(claim.standard_fen);
  });

  it('keeps standards for every training type in the province, a city and a county override', async () => {
    const standards = await db().selectFrom('subsidy_standard').selectAll().execute();
    const province = standards.filter((s) => s.region_code === '620000');
    expect(new Set(province.map((s) => s.training_type)).size).toBe(7);
    expect(province.every((s) => s.assisting_staff_fen > 0)).toBe(true);
    expect(standards.some((s) => s.region_code === '620100' && s.training_type === 'employment_skills')).toBe(true);
    expect(standards.some((s) => s.region_code === '620102' && s.programme_code !== null)).toBe(true);
  });

  it('explains the ineligible claim by the claim another institution was paid for', async () => {
    const claim = await db().selectFrom('subsidy_claim').selectAll().where('status', '=', 'ineligible').executeTakeFirstOrThrow();
    const check = await db().selectFrom('subsidy_check').selectAll().where('claim_id', '=', claim.id).executeTakeFirstOrThrow();
    const failed = (check.rules as RuleOutcome[]).filter((r) => !r.passed);
    expect(failed.map((r) => r.rule)).toEqual(['one_per_level']);
    const other = await db()
      .selectFrom('subsidy_claim as c')
      .innerJoin('institution as i', 'i.id', 'c.institution_id')
      .select(['c.claim_no', 'c.status', 'i.name', 'c.institution_id'])
      .where('c.person_id', '=', claim.person_id)
      .where('c.id', '<>', claim.id)
      .executeTakeFirstOrThrow();
    expect(other).toMatchObject({ status: 'paid', name: DEMO_SECOND_INSTITUTION });
    expect(other.institution_id).not.toBe(claim.institution_id);
    expect(failed[0]!.refs).toEqual([other.claim_no]);
    expect(failed[0]!.explanation).toContain(DEMO_SECOND_INSTITUTION);
  });

  it('balances every fund: ledger sums match the payments, reversals and commitments', async () => {
    const funds = await db().selectFrom('subsidy_fund').selectAll().execute();
    expect(funds.map((f) => `${f.region_code}:${f.kind}`).sort()).toEqual(['620000:budget_line', '620100:budget_line', '620100:donation']);
    expect(funds.find((f) => f.kind === 'donation')!.source).toBe(DEMO_FOUNDATION);
    for (const fund of funds) {
      const sums = await db()
        .selectFrom('ledger_entry')
        .select(['kind', sql<number>`sum(amount_fen)::bigint`.as('total')])
        .where('fund_id', '=', fund.id)
        .groupBy('kind')
        .execute();
      const by = Object.fromEntries(sums.map((s) => [s.kind, Number(s.total)])) as Partial<Record<LedgerEntryKind, number>>;
      const payments = await db()
        .selectFrom('subsidy_payment')
        .select(['kind', sql<number>`sum(amount_fen)::bigint`.as('total')])
        .where('fund_id', '=', fund.id)
        .groupBy('kind')
        .execute();
      const paid = Number(payments.find((p) => p.kind === 'payment')?.total ?? 0);
      const reversed = Number(payments.find((p) => p.kind === 'reversal')?.total ?? 0);
      expect(by.payment ?? 0).toBe(paid);
      expect(by.reversal ?? 0).toBe(reversed);
      const committed = await db()
        .selectFrom('subsidy_claim')
        .select(sql<number>`coalesce(sum(amount_fen), 0)::bigint`.as('total'))
        .where('fund_id', '=', fund.id)
        .where('status', 'in', ['approved', 'batched', 'paid', 'reversed'])
        .executeTakeFirstOrThrow();
      expect((by.commitment ?? 0) - (by.release ?? 0)).toBe(Number(committed.total));
      const outstanding = await db()
        .selectFrom('subsidy_claim')
        .select(sql<number>`coalesce(sum(amount_fen), 0)::bigint`.as('total'))
        .where('fund_id', '=', fund.id)
        .where('status', 'in', ['approved', 'batched'])
        .executeTakeFirstOrThrow();
      const position = fundPosition(by);
      expect(position.committedFen).toBe(Number(outstanding.total));
      expect(position.paidFen).toBe(paid - reversed);
      expect(position.availableFen).toBe(position.budgetFen - position.committedFen - position.paidFen);
      expect(position.availableFen).toBeGreaterThan(0);
      // every payment and reversal row has exactly one ledger entry
      const unmatched = await db()
        .selectFrom('subsidy_payment as p')
        .leftJoin('ledger_entry as l', (j) => j.onRef('l.payment_id', '=', 'p.id').onRef('l.kind', '=', 'p.kind'))
        .select('p.id')
        .where('p.fund_id', '=', fund.id)
        .where('l.id', 'is', null)
        .execute();
      expect(unmatched).toEqual([]);
    }
    const city = funds.find((f) => f.region_code === '620100' && f.kind === 'budget_line')!;
    const budget = await db()
      .selectFrom('ledger_entry')
      .select('amount_fen')
      .where('fund_id', '=', city.id)
      .where('kind', '=', 'budget')
      .execute();
    expect(budget.map((b) => b.amount_fen)).toEqual([DEMO_CITY_BUDGET_FEN]);
    const batches = await db().selectFrom('payment_batch').selectAll().execute();
    expect(batches).toHaveLength(1);
    const paidInBatch = await db()
      .selectFrom('subsidy_payment')
      .select(sql<number>`sum(amount_fen)::bigint`.as('total'))
      .where('batch_id', '=', batches[0]!.id)
      .where('kind', '=', 'payment')
      .executeTakeFirstOrThrow();
    expect(Number(paidInBatch.total)).toBe(batches[0]!.total_fen);
    const reversals = await db().selectFrom('subsidy_payment').select('claim_id').where('kind', '=', 'reversal').execute();
    expect(reversals).toHaveLength(1);
  });

  it('keeps maker and checker apart at every step', async () => {
    const [officer, countyReviewer, cityReviewer, finance, cashier] = await userIds(
      'chengguan.peixun',
      'chengguan.shenhe',
      'lanzhou.shenhe',
      'lanzhou.caiwu',
      'lanzhou.chuna',
    );
    const events = await db()
      .selectFrom('subsidy_claim_event as e')
      .innerJoin('subsidy_claim as c', 'c.id', 'e.claim_id')
      .select(['e.command', 'e.step', 'e.actor_id', 'e.actor_name', 'c.prepared_by', 'c.county_code'])
      .execute();
    for (const e of events.filter((e) => ['approve', 'return', 'reject', 'batch', 'pay'].includes(e.command)))
      if (e.prepared_by) expect(e.actor_id).not.toBe(e.prepared_by);
    const chengguan = events.filter((e) => e.county_code === '620102');
    expect(new Set(chengguan.filter((e) => e.command === 'put_on_notice').map((e) => e.actor_id))).toEqual(new Set([officer]));
    expect(new Set(chengguan.filter((e) => e.step === 'county_review').map((e) => e.actor_id))).toEqual(new Set([countyReviewer]));
    expect(new Set(events.filter((e) => e.step === 'city_review').map((e) => e.actor_id))).toEqual(new Set([cityReviewer]));
    expect(new Set(events.filter((e) => e.step === 'finance_review').map((e) => e.actor_id))).toEqual(new Set([finance]));
    expect(new Set(events.filter((e) => e.command === 'batch').map((e) => e.actor_id))).toEqual(new Set([finance]));
    expect(new Set(events.filter((e) => e.command === 'pay').map((e) => e.actor_id))).toEqual(new Set([cashier]));
    const claims = await db().selectFrom('subsidy_claim').select(['prepared_by', 'status']).execute();
    expect(claims.filter((c) => c.status === 'on_notice').every((c) => c.prepared_by === officer)).toBe(true);
    for (const batch of await db().selectFrom('payment_batch').selectAll().execute()) {
      expect(batch).toMatchObject({ created_by: finance, paid_by: cashier, status: 'paid' });
      expect(batch.voucher_ref).toBeTruthy();
    }
  });

  it('stores bank accounts sealed, blind-indexed and masked, never in clear; one account on three trainees', async () => {
    const crypto = t.services.persons.crypto;
    const claims = await db()
      .selectFrom('subsidy_claim')
      .select(['bank_account_sealed', 'bank_account_index', 'bank_account_masked'])
      .where('bank_account_sealed', 'is not', null)
      .execute();
    const accounts = claims.map((c) => {
      const account = crypto.open(c.bank_account_sealed!);
      expect(c.bank_account_index).toBe(crypto.blindIndex(account));
      expect(c.bank_account_masked).toBe(maskBankAccount(account).text);
      return account;
    });
    const shared = new Map<string, number>();
    for (const c of claims) shared.set(c.bank_account_index!, (shared.get(c.bank_account_index!) ?? 0) + 1);
    expect(Math.max(...shared.values())).toBe(3);
    const tables = [
      'subsidy_standard',
      'subsidy_fund',
      'subsidy_claim',
      'subsidy_check',
      'subsidy_claim_event',
      'subsidy_notice_list',
    ].concat(['payment_batch', 'subsidy_payment', 'ledger_entry', 'public_notice']);
    const columns = await sql<{ table_name: string; column_name: string }>`
      SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ANY(${tables}) AND data_type IN ('text', 'jsonb')`.execute(db());
    expect(columns.rows.length).toBeGreaterThan(30);
    // a bare run of 16–19 digits (a card number); claim and certificate numbers carry letters before their digits
    const cardLike = /(?<![0-9A-Za-z])\d{16,19}(?![0-9A-Za-z])/;
    for (const { table_name, column_name } of columns.rows) {
      const values = await sql<{ v: string | null }>`SELECT ${sql.ref(column_name)}::text AS v FROM ${sql.table(table_name)}`.execute(db());
      for (const { v } of values.rows) {
        if (v === null) continue;
        expect(cardLike.test(v), `${table_name}.${column_name}: ${v}`).toBe(false);
        for (const account of accounts) expect(v.includes(account), `${table_name}.${column_name}`).toBe(false);
      }
    }
  });

  it('loads once', async () => {
    const before = await db()
      .selectFrom('subsidy_claim')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    await seedDemoSubsidies(db(), t.services.persons.crypto, t.services.regions, today);
    const after = await db()
      .selectFrom('subsidy_claim')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect(before.n).toBeGreaterThan(10);
  });
});
