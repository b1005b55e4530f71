import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContestDetail } from '../../../shared/contracts/contests-contracts';
import type { PersonDetail } from '../../../shared/contracts/persons-contracts';
import type { Apprenticeship, ApprenticeshipDetail, TalentCandidate, TalentMember } from '../../../shared/contracts/talent-contracts';
import { checkCharacter } from '../../../shared/domain/identity-number';
import { todayInChina } from '../../../shared/domain/person-validation';
import { issuesOf } from '../../testing/answers';
import { buildTestApp, type TestApp, type TestClient } from '../../testing/test-app';

function makeId(region: string, birth: string, sequence: string): string {
  const first17 = `${region}${birth}${sequence}`;
  return first17 + checkCharacter(first17);
}

let t: TestApp;
let province: TestClient; // province training officer (created below)
let county: TestClient; // chengguan.peixun, 城关区 620102
let sibling: TestClient; // a training officer of 七里河区 620103
let reviewer: TestClient; // sheng.shenhe: reads contests and talent, writes neither
const fullIds: string[] = [];
const answers: string[] = [];
let chengguanPerson: PersonDetail;
let chengguanPerson2: PersonDetail;
let qiliihePerson: PersonDetail;

function ok<T>(res: LightMyRequestResponse): T {
  expect(res.statusCode, res.body).toBe(200);
  answers.push(res.body);
  return res.json() as T;
}

async function register(client: TestClient, county: string, birth: string, name: string): Promise<PersonDetail> {
  const idNumber = makeId(county, birth, '013');
  fullIds.push(idNumber);
  const res = await client.post('/api/persons', { idNumber, name, countyCode: county, hukouRegionCode: county });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as PersonDetail;
}

const contestInput = {
  name: '甘肃省第七届残疾人职业技能竞赛',
  level: 'province',
  occupations: ['盲人按摩', '电子商务'],
  startsOn: '2026-08-10',
  endsOn: '2026-08-12',
  venue: '兰州市残疾人职业技能培训中心',
  organiser: '甘肃省残疾人联合会',
};

beforeAll(async () => {
  t = await buildTestApp();
  await t.createAccount({ username: 'test.sheng.peixun', roles: ['training_officer'], regionCode: '620000' });
  await t.createAccount({ username: 'test.qilihe.peixun', roles: ['training_officer'], regionCode: '620103' });
  const [registrar, siblingRegistrar] = await Promise.all([t.loginAs('chengguan.dengji'), t.loginAs('qilihe.dengji')]);
  chengguanPerson = await register(registrar, '620102', '19900315', '马晓明');
  chengguanPerson2 = await register(registrar, '620102', '19950704', '李娟');
  qiliihePerson = await register(siblingRegistrar, '620103', '19880101', '王建国');
  [province, county, sibling, reviewer] = await Promise.all([
    t.loginAs('test.sheng.peixun'),
    t.loginAs('chengguan.peixun'),
    t.loginAs('test.qilihe.peixun'),
    t.loginAs('sheng.shenhe'),
  ]);
});
afterAll(() => t.close());

describe('a contest, its entrants and results', () => {
  let contest: ContestDetail;

  it('refuses bad input in Chinese, naming the field', async () => {
    let issues = issuesOf(await province.post('/api/contests', { ...contestInput, endsOn: '2026-08-01' }));
    expect(issues['body.endsOn']).toBe('结束日期不能早于开始日期');
    issues = issuesOf(await county.post('/api/contests', contestInput));
    expect(issues['body.level']).toBe('本账号所在地区可登记的竞赛级别为：县区级');
    issues = issuesOf(await province.post('/api/contests', { ...contestInput, occupations: [] }));
    expect(issues['body.occupations']).toBe('请至少填写一个竞赛项目（职业/工种）');
    issues = issuesOf(await province.post('/api/contests', { ...contestInput, startsOn: '2026-13-01' }));
    expect(issues['body.startsOn']).toBe('日期格式为 YYYY-MM-DD');
    expect((await reviewer.post('/api/contests', contestInput)).statusCode).toBe(403);
  });

  it('is recorded by the organiser and seen by the regions below it', async () => {
    contest = ok<ContestDetail>(await province.post('/api/contests', contestInput));
    expect(contest).toMatchObject({ level: 'province', regionCode: '620000', status: 'planned', writable: true, entrantCount: 0 });
    const seen = ok<{ items: { id: string }[] }>(await county.get('/api/contests'));
    expect(seen.items.map((c) => c.id)).toContain(contest.id);
    expect(ok<ContestDetail>(await county.get(`/api/contests/${contest.id}`))).toMatchObject({ writable: false, canEnter: true });
  });

  it('takes entrants from the registry, each region its own persons', async () => {
    ok(await county.post(`/api/contests/${contest.id}/entrants`, { personId: chengguanPerson.id, occupation: '盲人按摩' }));
    ok(await county.post(`/api/contests/${contest.id}/entrants`, { personId: chengguanPerson2.id, occupation: '电子商务' }));
    // a person of another county is out of the county officer's scope
    const foreign = await county.post(`/api/contests/${contest.id}/entrants`, { personId: qiliihePerson.id, occupation: '盲人按摩' });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().code).toBe('OUT_OF_SCOPE');
    ok(await sibling.post(`/api/contests/${contest.id}/entrants`, { personId: qiliihePerson.id, occupation: '盲人按摩' }));
    const twice = await county.post(`/api/contests/${contest.id}/entrants`, { personId: chengguanPerson.id, occupation: '盲人按摩' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().message).toBe('该人员已报名这个竞赛项目');
    const wrong = issuesOf(await county.post(`/api/contests/${contest.id}/entrants`, { personId: chengguanPerson.id, occupation: '面点' }));
    expect(wrong['body.occupation']).toBe('请从本竞赛的项目中选择：盲人按摩、电子商务');
    const noPerson = issuesOf(await county.post(`/api/contests/${contest.id}/entrants`, { personId: 'abc', occupation: '盲人按摩' }));
    expect(noPerson['body.personId']).toBe('请从实名库选择参赛人员');
  });

  it('shows each region only its own entrants, masked; the organiser sees all', async () => {
    const mine = ok<ContestDetail>(await county.get(`/api/contests/${contest.id}`));
    expect(mine.entrants.map((e) => e.person.id).sort()).toEqual([chengguanPerson.id, chengguanPerson2.id].sort());
    expect(mine.entrantCount).toBe(2);
    const theirs = ok<ContestDetail>(await sibling.get(`/api/contests/${contest.id}`));
    expect(theirs.entrants.map((e) => e.person.id)).toEqual([qiliihePerson.id]);
    const all = ok<ContestDetail>(await province.get(`/api/contests/${contest.id}`));
    expect(all.entrants).toHaveLength(3);
    expect(all.entrants[0]!.person.idNumber.text).toMatch(/^\d{3}\*+\w{2}$/);
  });

  it('takes results from the organiser only, and names a bad row', async () => {
    const entrants = ok<ContestDetail>(await province.get(`/api/contests/${contest.id}`)).entrants;
    const results = [{ entrantId: entrants[0]!.id, rank: 1, score: 95.5, award: 'gold' }];
    const denied = await county.put(`/api/contests/${contest.id}/results`, { results });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('OUT_OF_SCOPE');
    const bad = issuesOf(
      await province.put(`/api/contests/${contest.id}/results`, {
        results: [{ entrantId: '00000000-0000-4000-8000-000000000000', rank: 1 }],
      }),
    );
    expect(bad['body.results.0.entrantId']).toBe('第 1 条不是本竞赛的参赛人员');
    const score = issuesOf(
      await province.put(`/api/contests/${contest.id}/results`, { results: [{ entrantId: entrants[0]!.id, score: 1200 }] }),
    );
    expect(score['body.results.0.score']).toBe('成绩不能大于 1000');
  });

  it('flags winners of a provincial contest as trainer-pool and high-skill candidates, in the same write', async () => {
    const before = await t.lastAuditSeq();
    const byPerson = new Map(ok<ContestDetail>(await province.get(`/api/contests/${contest.id}`)).entrants.map((e) => [e.person.id, e.id]));
    const recorded = ok<ContestDetail>(
      await province.put(`/api/contests/${contest.id}/results`, {
        results: [
          { entrantId: byPerson.get(chengguanPerson.id), rank: 1, score: 96.25, award: 'gold' },
          { entrantId: byPerson.get(qiliihePerson.id), rank: 2, score: 90, award: null },
          { entrantId: byPerson.get(chengguanPerson2.id), rank: 1, score: 88, award: 'first_prize' },
        ],
      }),
    );
    expect(recorded.entrants.find((e) => e.person.id === chengguanPerson.id)).toMatchObject({ rank: 1, score: 96.25, award: 'gold' });
    const rows = await t.database.db.selectFrom('talent_candidate').selectAll().execute();
    expect(rows.map((r) => [r.person_id, r.kind, r.county_code]).sort()).toEqual(
      [
        [chengguanPerson.id, 'high_skill', '620102'],
        [chengguanPerson.id, 'trainer_pool', '620102'],
        [chengguanPerson2.id, 'high_skill', '620102'],
        [chengguanPerson2.id, 'trainer_pool', '620102'],
      ].sort(),
    );
    expect(await t.auditSince(before)).toContainEqual(
      expect.objectContaining({ action: 'contests.results', outcome: 'success', target_id: contest.id }),
    );
    // a result taken back takes the open candidates with it; a second run changes nothing
    ok(await province.put(`/api/contests/${contest.id}/results`, { results: [{ entrantId: byPerson.get(chengguanPerson2.id), rank: 4 }] }));
    const after = await t.database.db.selectFrom('talent_candidate').select(['person_id']).execute();
    expect(after.every((r) => r.person_id === chengguanPerson.id)).toBe(true);
    expect(after).toHaveLength(2);
  });

  it('cannot withdraw an entrant who has a result', async () => {
    const entrant = ok<ContestDetail>(await county.get(`/api/contests/${contest.id}`)).entrants.find(
      (e) => e.person.id === chengguanPerson.id,
    )!;
    const res = await county.delete(`/api/contests/${contest.id}/entrants/${entrant.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('该参赛人员已有成绩，不能撤销报名');
  });

  it('keeps a budget with the plan’s non-subsidisable lines marked as such', async () => {
    ok(
      await province.post(`/api/contests/${contest.id}/budget-lines`, {
        category: 'training',
        amountFen: 1_200_000,
        note: '赛前集训 10 天',
      }),
    );
    const withPrize = ok<ContestDetail>(
      await province.post(`/api/contests/${contest.id}/budget-lines`, { category: 'prize_money', amountFen: 500_000 }),
    );
    expect(withPrize.budget).toMatchObject({ totalFen: 1_700_000, subsidisableFen: 1_200_000 });
    expect(withPrize.budget.lines.find((l) => l.category === 'prize_money')).toMatchObject({
      subsidisable: false,
      subsidyNote: '不属于培训补贴范围（提升计划明确不含）',
    });
    expect(
      issuesOf(await province.post(`/api/contests/${contest.id}/budget-lines`, { category: 'travel', amountFen: 0 }))['body.amountFen'],
    ).toBe('金额须大于 0');
    expect((await county.post(`/api/contests/${contest.id}/budget-lines`, { category: 'travel', amountFen: 100 })).statusCode).toBe(403);
  });

  it('puts winners of a city contest on the high-skill list only', async () => {
    await t.createAccount({ username: 'test.lanzhou.peixun', roles: ['training_officer'], regionCode: '620100' });
    const cityOfficer = await t.loginAs('test.lanzhou.peixun');
    const cityContest = ok<ContestDetail>(
      await cityOfficer.post('/api/contests', { ...contestInput, name: '兰州市残疾人手工技能大赛', level: 'city', occupations: ['刺绣'] }),
    );
    const withEntrant = ok<ContestDetail>(
      await cityOfficer.post(`/api/contests/${cityContest.id}/entrants`, { personId: qiliihePerson.id, occupation: '刺绣' }),
    );
    ok(
      await cityOfficer.put(`/api/contests/${cityContest.id}/results`, {
        results: [{ entrantId: withEntrant.entrants[0]!.id, rank: 1, award: 'first_prize' }],
      }),
    );
    const rows = await t.database.db.selectFrom('talent_candidate').select(['kind']).where('person_id', '=', qiliihePerson.id).execute();
    expect(rows.map((r) => r.kind)).toEqual(['high_skill']);
    // the city sees the province's contest but does not organise it: no results from there
    const foreign = await cityOfficer.put(`/api/contests/${contest.id}/results`, {
      results: [{ entrantId: '00000000-0000-4000-8000-000000000000', rank: 1 }],
    });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().code).toBe('OUT_OF_SCOPE');
    // a county's contest is not visible to a sibling county
    const countyContest = ok<ContestDetail>(
      await county.post('/api/contests', { ...contestInput, name: '城关区残疾人技能比武', level: 'county' }),
    );
    expect((await sibling.get(`/api/contests/${countyContest.id}`)).statusCode).toBe(403);
  });
});

describe('high-skill talent: candidates, roster and master–apprentice pairs', () => {
  let member: TalentMember;

  it('lists the candidates of the actor’s region and admits a high-skill candidate to the roster', async () => {
    // the home page counts the winners waiting for a decision (both lists)
    const home = ok<{ tasks: { key: string; count: number }[] }>(await county.get('/api/home'));
    expect(home.tasks).toContainEqual(expect.objectContaining({ key: 'talent.candidates', count: 2 }));
    const list = ok<{ items: TalentCandidate[] }>(await county.get('/api/talent/candidates?kind=high_skill'));
    expect(list.items.map((c) => c.person.id)).toEqual([chengguanPerson.id]);
    expect(list.items[0]).toMatchObject({ award: 'gold', contestLevel: 'province', occupation: '盲人按摩' });
    expect(ok<{ items: TalentCandidate[] }>(await sibling.get('/api/talent/candidates')).items.map((c) => c.person.id)).toEqual([
      qiliihePerson.id,
    ]);
    const decided = ok<TalentCandidate>(await county.post(`/api/talent/candidates/${list.items[0]!.id}/decide`, { decision: 'accepted' }));
    expect(decided.status).toBe('accepted');
    expect((await county.post(`/api/talent/candidates/${list.items[0]!.id}/decide`, { decision: 'dismissed' })).statusCode).toBe(409);
    const roster = ok<{ items: TalentMember[] }>(await county.get('/api/talent/members'));
    expect(roster.items).toHaveLength(1);
    member = roster.items[0]!;
    expect(member).toMatchObject({ categories: ['contest_winner'] });
    expect(member.person.id).toBe(chengguanPerson.id);
    // the trainer-pool candidate of the same winner stays open for the trainer pool
    const pool = ok<{ items: TalentCandidate[] }>(await reviewer.get('/api/talent/candidates?kind=trainer_pool'));
    expect(pool.items.map((c) => c.person.id)).toContain(chengguanPerson.id);
  });

  it('adds roster members by category, once per person, within the actor’s region', async () => {
    const issues = issuesOf(await county.post('/api/talent/members', { personId: chengguanPerson2.id, categories: [], specialty: '陇绣' }));
    expect(issues['body.categories']).toBe('请至少选择一个人才类别');
    const added = ok<TalentMember>(
      await county.post('/api/talent/members', {
        personId: chengguanPerson2.id,
        categories: ['heritage_holder', 'entrepreneur'],
        specialty: '陇绣',
        evidence: '市级非遗代表性传承人',
      }),
    );
    expect(added.categories).toEqual(['entrepreneur', 'heritage_holder']);
    expect(
      (await county.post('/api/talent/members', { personId: chengguanPerson2.id, categories: ['student'], specialty: '陇绣' })).statusCode,
    ).toBe(409);
    expect(
      (await county.post('/api/talent/members', { personId: qiliihePerson.id, categories: ['student'], specialty: '刺绣' })).statusCode,
    ).toBe(403);
    expect(ok<{ total: number }>(await sibling.get('/api/talent/members')).total).toBe(0);
    const updated = ok<TalentMember>(
      await county.put(`/api/talent/members/${added.id}`, {
        categories: ['heritage_holder'],
        specialty: '陇绣（平针绣）',
        evidence: null,
        version: added.version,
      }),
    );
    expect(updated).toMatchObject({ categories: ['heritage_holder'], specialty: '陇绣（平针绣）' });
    // taken off the roster with a reason (audited); the person can be added again later
    expect(issuesOf(await county.post(`/api/talent/members/${added.id}/remove`, { reason: '' }))['body.reason']).toBe('请填写移出原因');
    expect((await sibling.post(`/api/talent/members/${added.id}/remove`, { reason: '迁出本区' })).statusCode).toBe(403);
    ok(await county.post(`/api/talent/members/${added.id}/remove`, { reason: '迁出本区' }));
    expect(ok<{ items: TalentMember[] }>(await county.get('/api/talent/members')).items.map((m) => m.id)).not.toContain(added.id);
    expect((await county.post(`/api/talent/members/${added.id}/remove`, { reason: '迁出本区' })).statusCode).toBe(404);
  });

  it('pairs a master with an apprentice and records progress until the apprentice qualifies', async () => {
    const noMaster = issuesOf(
      await county.post('/api/talent/apprenticeships', {
        apprenticePersonId: chengguanPerson2.id,
        craft: '盲人保健按摩',
        startedOn: '2026-03-01',
        goals: '掌握推拿基本手法',
      }),
    );
    expect(noMaster['body.masterName']).toBe('请从名册选择师傅，或填写师傅姓名');
    const pair = ok<ApprenticeshipDetail>(
      await county.post('/api/talent/apprenticeships', {
        masterMemberId: member.id,
        apprenticePersonId: chengguanPerson2.id,
        craft: '盲人保健按摩',
        startedOn: '2026-03-01',
        goals: '一年内掌握推拿基本手法，取得保健按摩师五级证书',
      }),
    );
    expect(pair).toMatchObject({ masterName: '马晓明', status: 'active', writable: true, milestonesReached: 0 });
    const early = issuesOf(
      await county.post(`/api/talent/apprenticeships/${pair.id}/progress`, { recordedOn: '2026-02-01', note: '开始学习' }),
    );
    expect(early['body.recordedOn']).toBe('记录日期不能早于结对开始日期');
    ok(await county.post(`/api/talent/apprenticeships/${pair.id}/progress`, { recordedOn: '2026-04-01', note: '完成基础手法训练' }));
    const progressed = ok<ApprenticeshipDetail>(
      await county.post(`/api/talent/apprenticeships/${pair.id}/progress`, {
        recordedOn: '2026-06-01',
        note: '通过阶段考核',
        milestone: '独立完成全身保健按摩',
      }),
    );
    expect(progressed.progress.map((p) => p.recordedOn)).toEqual(['2026-06-01', '2026-04-01']);
    expect(progressed).toMatchObject({ milestonesReached: 1, lastProgressOn: '2026-06-01' });
    expect((await sibling.get(`/api/talent/apprenticeships/${pair.id}`)).statusCode).toBe(403);
    const closed = ok<ApprenticeshipDetail>(
      await county.post(`/api/talent/apprenticeships/${pair.id}/close`, { status: 'completed', endedOn: todayInChina() }),
    );
    expect(closed).toMatchObject({ status: 'completed', writable: false });
    const late = await county.post(`/api/talent/apprenticeships/${pair.id}/progress`, { recordedOn: todayInChina(), note: '补记' });
    expect(late.statusCode).toBe(409);
    const list = ok<{ items: Apprenticeship[] }>(await county.get('/api/talent/apprenticeships'));
    expect(list.items.map((a) => a.id)).toEqual([pair.id]);
  });
});

describe('personal data', () => {
  it('never answers a full ID number', () => {
    for (const body of answers) for (const id of fullIds) expect(body).not.toContain(id);
  });
});
