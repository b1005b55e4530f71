import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContestDetail } from '../../shared/contracts/contests-contracts';
import type { ProgrammeDetail } from '../../shared/contracts/catalogue-contracts';
import { buildTestApp, type TestApp } from '../testing/test-app';

/** The demo data of area D holds together: versions, a contest with results, candidates, roster, apprenticeship. */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ demoPersons: true });
});
afterAll(() => t.close());

describe('the demo catalogue, contest and talent roster', () => {
  it('can be browsed by the demo accounts', async () => {
    const province = await t.loginAs('sheng.peixun');
    const list = (await province.get('/api/catalogue/programmes?q=电商客服&status=all')).json() as { items: ProgrammeDetail[] };
    expect(list.items.filter((i) => i.programmeCode === 'GS-DS-001').map((i) => [i.edition, i.status])).toEqual([
      [2, 'active'],
      [1, 'superseded'],
    ]);
    const contests = (await province.get('/api/contests')).json() as { items: { id: string }[] };
    expect(contests.items.length).toBeGreaterThanOrEqual(1);
    const contest = (await province.get(`/api/contests/${contests.items[0]!.id}`)).json() as ContestDetail;
    expect(contest.entrants).toHaveLength(6);
    expect(contest.budget.subsidisableFen).toBe(1_380_000);
    const county = await t.loginAs('chengguan.peixun');
    const candidates = (await county.get('/api/talent/candidates')).json() as { total: number };
    expect(candidates.total).toBeGreaterThanOrEqual(6);
    const roster = (await county.get('/api/talent/members')).json() as { total: number };
    expect(roster.total).toBe(2);
    const pairs = (await county.get('/api/talent/apprenticeships')).json() as { items: { milestonesReached: number }[] };
    expect(pairs.items).toEqual([expect.objectContaining({ milestonesReached: 1 })]);
  });
});
