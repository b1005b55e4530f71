import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NoticeDetail } from '../../../shared/contracts/notices-contracts';
import type {
  DecisionAnswer,
  NoticeListView,
  PublicNoticeLine,
  ReviewFund,
  ReviewItem,
} from '../../../shared/contracts/subsidy-approval-contracts';
import { issuesOf, okBody } from '../../testing/answers';
import { buildTestApp, type TestApp, type TestClient } from '../../testing/test-app';
import { objectionFormToken } from '../notices/notices.service';
import { certifiedTrainee, demoPersonIds, insertClaim } from '../subsidy-claims/subsidy-fixtures';
import { appendLedger } from '../subsidy-funds/ledger';

// Monday 12 October 2026, 10:00 in China; tests move it forward
let now = new Date('2026-10-12T02:00:00Z');
const advance = (ms: number) => {
  now = new Date(now.getTime() + ms);
};
const DAY = 86_400_000;

let t: TestApp;
let officer: TestClient; // chengguan.peixun: puts lists on notice
let countyReviewer: TestClient; // chengguan.shenhe
let cityReviewer: TestClient; // lanzhou.shenhe
let cityFinance: TestClient; // a city finance officer (created)
let maker: TestClient; // a county account with both the training officer and the reviewer role (created)
let cityBoth: TestClient; // a city account that is reviewer and finance officer (created)
let makerId: string;
let personOffset = 0;

beforeAll(async () => {
  t = await buildTestApp({ clock: () => now, demoPersons: true });
  await t.createAccount({ username: 'lanzhou.caiwu.c', roles: ['finance_officer'], regionCode: '620100' });
  makerId = (await t.createAccount({ username: 'chengguan.jingban', roles: ['training_officer', 'reviewer'], regionCode: '620102' })).id;
  await t.createAccount({ username: 'lanzhou.shencai', roles: ['reviewer', 'finance_officer'], regionCode: '620100' });
  [officer, countyReviewer, cityReviewer, cityFinance, maker, cityBoth] = await Promise.all([
    t.loginAs('chengguan.peixun'),
    t.loginAs('chengguan.shenhe'),
    t.loginAs('lanzhou.shenhe'),
    t.loginAs('lanzhou.caiwu.c'),
    t.loginAs('chengguan.jingban'),
    t.loginAs('lanzhou.shencai'),
  ]);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

/** Claims of distinct demo persons of 城关区, each for its own certified training. */
async function claims(count: number, overrides: Parameters<typeof insertClaim>[2] = {}) {
  const persons = await demoPersonIds(t.database.db, '620102', count, personOffset);
  personOffset += count;
  const made = [];
  for (const personId of persons) {
    const trainee = await certifiedTrainee(t.database.db, { personId });
    made.push(await insertClaim(t.database.db, trainee, { status: 'submitted', submitted_at: now, ...overrides }));
  }
  return made;
}

function claimRow(id: string) {
  return t.database.db.selectFrom('subsidy_claim').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function putOnNotice(ids: string[], by: TestClient = officer): Promise<NoticeListView> {
  return okBody<NoticeListView>(await by.post('/api/subsidy-notices', { claimIds: ids }));
}

async function fileObjection(noticeId: string, extra: Record<string, unknown> = {}) {
  return t.client().post(`/api/public/notices/${noticeId}/objections`, {
    content: '名单中该学员实际没有参加培训，请核查。',
    anonymous: true,
    formToken: objectionFormToken(t.services.persons.crypto, noticeId, now.getTime() - 60_000),
    ...extra,
  });
}

async function fund(budgetFen: number, year = 2026): Promise<string> {
  const row = await t.database.db
    .insertInto('subsidy_fund')
    .values({
      region_code: '620100',
      year,
      kind: 'budget_line',
      code: `2080${Math.floor(Math.random() * 1e8)}`,
      name: `兰州市就业补助资金 ${year}`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (budgetFen > 0)
    await appendLedger(t.database.db, { fundId: row.id, regionCode: '620100', kind: 'budget', amountFen: budgetFen, createdBy: null });
  return row.id;
}

function ledgerOf(claimId: string) {
  return t.database.db.selectFrom('ledger_entry').selectAll().where('claim_id', '=', claimId).execute();
}

describe('subsidy lists on public notice', () => {
  it('numbers the claims as lines, shows masked lines to the public, holds the line an upheld objection names', async () => {
    const made = await claims(3);
    const list = await putOnNotice(made.map((c) => c.id));
    expect(list.listNo).toMatch(/^BTGS620102\d{4}\d{4}$/);
    expect(list.claimCount).toBe(3);
    expect(list.noticeStatus).toBe('open');
    const rows = await Promise.all(made.map((c) => claimRow(c.id)));
    expect(rows.map((r) => r.status)).toEqual(['on_notice', 'on_notice', 'on_notice']);
    expect(rows.map((r) => r.notice_line_no).sort()).toEqual([1, 2, 3]);
    expect(new Set(rows.map((r) => r.prepared_by))).toEqual(new Set([await t.userId('chengguan.peixun')]));
    // the notice period is SUBSIDY_NOTICE_DAYS
    expect(new Date(list.noticeEndsAt!).getTime() - now.getTime()).toBe(t.config.SUBSIDY_NOTICE_DAYS * DAY);

    // claims already on notice cannot go on a second list
    const again = await officer.post('/api/subsidy-notices', { claimIds: [made[0]!.id] });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('公示中');

    // the public reads masked names, never an ID number or a bank account
    const publicAnswer = await t.client().get(`/api/public/subsidy-notices/${list.noticeId}/lines`);
    const lines = okBody<{ lines: PublicNoticeLine[] }>(publicAnswer).lines;
    expect(lines.map((l) => l.lineNo)).toEqual([1, 2, 3]);
    const persons = await t.database.db
      .selectFrom('person')
      .select(['id', 'name'])
      .where(
        'id',
        'in',
        rows.map((r) => r.person_id),
      )
      .execute();
    for (const person of persons) expect(publicAnswer.body).not.toContain(person.name);
    expect(lines.every((l) => l.maskedName.includes('*'))).toBe(true);
    expect(publicAnswer.body).not.toMatch(/idNumber|bankAccount|\d{17}[\dX]/);
    expect(lines[0]).toMatchObject({ amountFen: 150_000, trainingYear: 2026, occupation: '电子商务师' });

    // a line that is not on the list, and a line number on a notice that is not a list
    const missing = await fileObjection(list.noticeId!, { lineNo: 9 });
    expect(issuesOf(missing)['body.lineNo']).toBe('公示名单中没有第 9 行');
    const filed = await fileObjection(list.noticeId!, { lineNo: 2 });
    expect(filed.statusCode, filed.body).toBe(200);

    const detail = okBody<NoticeDetail>(await countyReviewer.get(`/api/notices/${list.noticeId}`));
    expect(detail.objections.map((o) => o.lineNo)).toEqual([2]);
    const decided = okBody<NoticeDetail>(
      await countyReviewer.post(`/api/notices/${list.noticeId}/objections/${detail.objections[0]!.id}/decision`, {
        decision: 'uphold',
        reason: '经核实第 2 行学员缺勤超过规定',
      }),
    );
    // the notice goes on for the other lines
    expect(decided.status).toBe('open');
    const line2 = rows.find((r) => r.notice_line_no === 2)!;
    const held = await claimRow(line2.id);
    expect(held.status).toBe('held');
    expect(held.hold_reason).toBe('经核实第 2 行学员缺勤超过规定');

    // the period ends: the others go to county review with a due date in working days
    advance((t.config.SUBSIDY_NOTICE_DAYS + 1) * DAY);
    await t.services.notices.settleDue();
    const after = await Promise.all(made.map((c) => claimRow(c.id)));
    for (const row of after) {
      if (row.id === line2.id) expect(row.status).toBe('held');
      else {
        expect(row.status).toBe('noticed');
        expect(row.step_due_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
    const listAfter = okBody<{ items: NoticeListView[] }>(await officer.get('/api/subsidy-notices')).items.find((l) => l.id === list.id)!;
    expect(listAfter).toMatchObject({ status: 'effective', noticeStatus: 'effective', heldCount: 1 });
    // still public after the period
    expect((await t.client().get(`/api/public/subsidy-notices/${list.noticeId}/lines`)).statusCode).toBe(200);

    // the held claim: listed, released by a county reviewer with a comment (the notice is over: noticed)
    const heldList = okBody<{ items: { id: string; lineNo: number }[] }>(await countyReviewer.get('/api/subsidy-notices/held'));
    expect(heldList.items.find((h) => h.id === line2.id)?.lineNo).toBe(2);
    expect((await officer.post(`/api/subsidy-notices/held/${line2.id}/release`, { comment: '已核实' })).statusCode).toBe(403);
    expect((await countyReviewer.post(`/api/subsidy-notices/held/${line2.id}/release`, { comment: '' })).statusCode).toBe(400);
    const released = okBody<{ status: string }>(
      await countyReviewer.post(`/api/subsidy-notices/held/${line2.id}/release`, { comment: '机构补交了考勤记录，核实无误' }),
    );
    expect(released.status).toBe('noticed');
    expect((await claimRow(line2.id)).step_due_on).not.toBeNull();
  });

  it('holds every claim of the list when an objection against the whole list is upheld; a withdrawn list is not public', async () => {
    const made = await claims(2);
    const list = await putOnNotice(made.map((c) => c.id));
    expect((await fileObjection(list.noticeId!)).statusCode).toBe(200);
    const detail = okBody<NoticeDetail>(await countyReviewer.get(`/api/notices/${list.noticeId}`));
    expect(detail.objections[0]!.lineNo).toBeNull();
    const decided = okBody<NoticeDetail>(
      await countyReviewer.post(`/api/notices/${list.noticeId}/objections/${detail.objections[0]!.id}/decision`, {
        decision: 'uphold',
        reason: '整份名单未经集体研究',
      }),
    );
    expect(decided.status).toBe('refused');
    for (const c of made) expect(await claimRow(c.id)).toMatchObject({ status: 'held', hold_reason: '整份名单未经集体研究' });
    // the held claim is rejected by a county reviewer
    const rejected = okBody<{ status: string }>(
      await countyReviewer.post(`/api/subsidy-notices/held/${made[0]!.id}/reject`, { comment: '培训未实际开展' }),
    );
    expect(rejected.status).toBe('rejected');

    const other = await claims(2);
    const withdrawn = await putOnNotice(other.map((c) => c.id));
    okBody(await countyReviewer.post(`/api/notices/${withdrawn.noticeId}/withdraw`, { reason: '名单金额需重新核对' }));
    for (const c of other) expect(await claimRow(c.id)).toMatchObject({ status: 'submitted', notice_line_no: null, notice_list_id: null });
    expect((await t.client().get(`/api/public/subsidy-notices/${withdrawn.noticeId}/lines`)).statusCode).toBe(404);
  });

  it('refuses claims of another county, and county-level work to a city account', async () => {
    const made = await claims(1);
    await t.createAccount({ username: 'lanzhou.peixun.c', roles: ['training_officer'], regionCode: '620100' });
    const city = await t.loginAs('lanzhou.peixun.c');
    expect((await city.post('/api/subsidy-notices', { claimIds: [made[0]!.id] })).statusCode).toBe(403);
    await t.createAccount({ username: 'qilihe.peixun.c', roles: ['training_officer'], regionCode: '620103' });
    const qilihe = await t.loginAs('qilihe.peixun.c');
    expect((await qilihe.post('/api/subsidy-notices', { claimIds: [made[0]!.id] })).statusCode).toBe(404);
    // another county's lists are not in the answer; an institution reads no lists of other trainees
    const seen = okBody<{ items: NoticeListView[] }>(await qilihe.get('/api/subsidy-notices?pageSize=200')).items;
    expect(seen.filter((l) => l.countyCode !== '620103')).toEqual([]);
    const institution = await t.loginAs('jigou.demo');
    expect((await institution.get('/api/subsidy-notices')).statusCode).toBe(403);
    expect((await institution.get('/api/subsidy-notices/held')).statusCode).toBe(403);
  });
});

describe('the approval chain', () => {
  async function noticedClaim(overrides: Parameters<typeof insertClaim>[2] = {}) {
    const [claim] = await claims(1, { status: 'noticed', prepared_by: makerId, step_due_on: '2026-12-31', ...overrides });
    return claim!;
  }

  const approve = (by: TestClient, ids: string[], extra: Record<string, unknown> = {}) =>
    by.post('/api/subsidy-review/approve', { claimIds: ids, ...extra });

  it('county → city → finance, each by a different person than the maker, the money committed once', async () => {
    const claim = await noticedClaim();

    const byMaker = await approve(maker, [claim.id]);
    expect(byMaker.statusCode).toBe(403);
    expect(byMaker.json().message).toBe('制单人（经办人）不能审核自己经办的申领');

    const queue = okBody<{ items: ReviewItem[]; steps: { step: string }[] }>(await countyReviewer.get('/api/subsidy-review/queue'));
    expect(queue.steps.map((s) => s.step)).toEqual(['county_review']);
    expect(queue.items.find((i) => i.id === claim.id)).toMatchObject({ step: 'county_review', overdue: false, blockedReason: null });

    const county = okBody<DecisionAnswer>(await approve(countyReviewer, [claim.id], { comment: '材料齐全' }));
    expect(county.results[0]).toMatchObject({ ok: true, status: 'county_approved', late: false });
    expect((await claimRow(claim.id)).step_due_on).not.toBeNull();

    const wrongLevel = await approve(countyReviewer, [claim.id]);
    expect(wrongLevel.statusCode).toBe(403);
    expect(wrongLevel.json().message).toContain('市州残联审核人');

    const city = okBody<DecisionAnswer>(await approve(cityBoth, [claim.id]));
    expect(city.results[0]!.status).toBe('city_approved');
    // the same person cannot take the finance step as well
    const twice = await approve(cityBoth, [claim.id], { fundId: await fund(1_000_000) });
    expect(twice.statusCode).toBe(403);
    expect(twice.json().message).toBe('同一人不能审核同一申领的两个环节');

    // finance: a fund is required, the money must be there, nothing is written otherwise
    const noFund = await approve(cityFinance, [claim.id]);
    expect(noFund.statusCode).toBe(400);
    const empty = await approve(cityFinance, [claim.id], { fundId: await fund(0) });
    expect(empty.statusCode).toBe(409);
    expect(empty.json().message).toContain('资金可用余额不足');
    const short = await approve(cityFinance, [claim.id], { fundId: await fund(100_000) });
    expect(short.statusCode).toBe(409);
    expect(short.json().message).toContain('资金可用余额不足');
    const otherYear = await approve(cityFinance, [claim.id], { fundId: await fund(1_000_000, 2025) });
    expect(otherYear.statusCode).toBe(409);
    expect(await ledgerOf(claim.id)).toEqual([]);
    expect((await claimRow(claim.id)).status).toBe('city_approved');

    const fundId = await fund(1_000_000);
    const funds = okBody<{ items: ReviewFund[] }>(await cityFinance.get('/api/subsidy-review/funds?year=2026'));
    expect(funds.items.find((f) => f.id === fundId)?.availableFen).toBe(1_000_000);
    const done = okBody<DecisionAnswer>(await approve(cityFinance, [claim.id], { fundId }));
    expect(done.results[0]).toMatchObject({ ok: true, status: 'approved' });
    const approved = await claimRow(claim.id);
    expect(approved).toMatchObject({ status: 'approved', fund_id: fundId });
    expect(approved.approved_at).not.toBeNull();
    const ledger = await ledgerOf(claim.id);
    expect(ledger.map((e) => [e.kind, e.amount_fen, e.fund_id])).toEqual([['commitment', 150_000, fundId]]);
    const check = await t.database.db.selectFrom('subsidy_check').selectAll().where('claim_id', '=', claim.id).execute();
    expect(check.map((c) => [c.context, c.eligible])).toEqual([['approve', true]]);
    const after = okBody<{ items: ReviewFund[] }>(await cityFinance.get('/api/subsidy-review/funds?year=2026'));
    expect(after.items.find((f) => f.id === fundId)?.availableFen).toBe(850_000);

    const events = await t.database.db
      .selectFrom('subsidy_claim_event')
      .select(['command', 'step', 'to_status'])
      .where('claim_id', '=', claim.id)
      .orderBy('occurred_at')
      .execute();
    expect(events.map((e) => `${e.command}:${e.step}:${e.to_status}`)).toEqual([
      'approve:county_review:county_approved',
      'approve:city_review:city_approved',
      'approve:finance_review:approved',
    ]);
  });

  it('records a late step, answers each claim of a batch on its own, returns with a comment', async () => {
    const late = await noticedClaim({ step_due_on: '2026-10-01' });
    const onTime = await noticedClaim();
    const cityStep = await noticedClaim({ status: 'county_approved' });

    const overdue = okBody<{ items: ReviewItem[] }>(await countyReviewer.get('/api/subsidy-review/queue?overdue=true'));
    expect(overdue.items.map((i) => i.id)).toContain(late.id);
    expect(overdue.items.map((i) => i.id)).not.toContain(onTime.id);
    expect(overdue.items.find((i) => i.id === late.id)!.daysLeft).toBeLessThan(0);

    const home = okBody<{ tasks: { key: string; label: string; count: number }[] }>(await countyReviewer.get('/api/home'));
    const entry = home.tasks.find((i) => i.key === 'subsidies.review');
    expect(entry?.count).toBeGreaterThanOrEqual(2);
    expect(entry?.label).toMatch(/其中 [1-9]\d* 项已逾期/);

    const batch = okBody<DecisionAnswer>(await approve(countyReviewer, [late.id, cityStep.id]));
    expect(batch).toMatchObject({ done: 1, failed: 1 });
    expect(batch.results[0]).toMatchObject({ ok: true, late: true });
    expect(batch.results[1]).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(batch.results[1]!.message).toContain('市州');
    const event = await t.database.db
      .selectFrom('subsidy_claim_event')
      .select(['due_on', 'late'])
      .where('claim_id', '=', late.id)
      .executeTakeFirstOrThrow();
    expect(event).toEqual({ due_on: '2026-10-01', late: true });

    issuesOf(await countyReviewer.post('/api/subsidy-review/return', { claimIds: [onTime.id] }));
    const returned = okBody<DecisionAnswer>(
      await countyReviewer.post('/api/subsidy-review/return', { claimIds: [onTime.id], comment: '请补充求职登记证明' }),
    );
    expect(returned.results[0]!.status).toBe('returned');
    expect(await claimRow(onTime.id)).toMatchObject({ status: 'returned', notice_line_no: null, step_due_on: null });

    const rejected = okBody<DecisionAnswer>(
      await cityReviewer.post('/api/subsidy-review/reject', { claimIds: [cityStep.id], comment: '同一培训已由其他资金补贴' }),
    );
    expect(rejected.results[0]!.status).toBe('rejected');
  });
});
