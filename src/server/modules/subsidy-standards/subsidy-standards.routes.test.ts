import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StandardInput, StandardView } from '../../../shared/contracts/subsidy-standards-contracts';
import { standardStatuses } from '../../../shared/domain/subsidy-codes';
import { issuesOf, okBody } from '../../testing/answers';
import { itMatchesCodeLists } from '../../testing/check-constraints';
import { buildTestApp, type TestApp, type TestClient } from '../../testing/test-app';
import { standardFor } from './standard-lookup';

let t: TestApp;
let province: TestClient; // finance officer of the province 620000
let city: TestClient; // finance officer of Lanzhou 620100
let county: TestClient; // finance officer of Chengguan 620102
let reviewer: TestClient; // chengguan.shenhe: reads only
let institution: TestClient; // jigou.demo: reads only

// programme codes of this file only, so the demo seed's standards never overlap these
const P = 'TA-STD-001';
const Q = 'TA-STD-002';

function standard(overrides: Partial<StandardInput> = {}): StandardInput {
  return {
    regionCode: '620000',
    trainingType: 'employment_skills',
    programmeCode: P,
    skillLevel: null,
    tuitionFen: 150_000,
    materialsFen: 20_000,
    examFeeFen: 20_000,
    assistingStaffFen: 40_000,
    effectiveFrom: '2026-01-01',
    effectiveTo: null,
    basis: '甘残联〔2026〕1 号',
    ...overrides,
  };
}

beforeAll(async () => {
  t = await buildTestApp();
  await Promise.all([
    t.createAccount({ username: 'std.sheng.caiwu', roles: ['finance_officer'], regionCode: '620000' }),
    t.createAccount({ username: 'std.lanzhou.caiwu', roles: ['finance_officer'], regionCode: '620100' }),
    t.createAccount({ username: 'std.chengguan.caiwu', roles: ['finance_officer'], regionCode: '620102' }),
  ]);
  [province, city, county, reviewer, institution] = await Promise.all([
    t.loginAs('std.sheng.caiwu'),
    t.loginAs('std.lanzhou.caiwu'),
    t.loginAs('std.chengguan.caiwu'),
    t.loginAs('chengguan.shenhe'),
    t.loginAs('jigou.demo'),
  ]);
});
afterAll(() => t.close());

describe('the CHECK constraints match the shared enums', () => {
  itMatchesCodeLists(() => t.database.db, [['subsidy_standard', 'status', standardStatuses]]);
});

describe('creating standards', () => {
  it('lets the province finance set a default, audited, with the ceilings computed', async () => {
    const before = await t.lastAuditSeq();
    const s = okBody<StandardView>(await province.post('/api/subsidy-standards', standard()));
    expect(s).toMatchObject({
      regionCode: '620000',
      regionLevel: 'province',
      programmeCode: P,
      skillLevel: null,
      status: 'active',
      ceilingFen: 190_000,
      assistedCeilingFen: 230_000,
      createdByName: expect.any(String),
    });
    const audit = await t.auditSince(before);
    expect(audit.map((a) => [a.action, a.target_id])).toEqual([['subsidy_standards.create', s.id]]);
  });

  it('lets a city and a county finance set overrides for their own region', async () => {
    okBody(await city.post('/api/subsidy-standards', standard({ regionCode: '620100', tuitionFen: 160_000 })));
    okBody(await county.post('/api/subsidy-standards', standard({ regionCode: '620102', tuitionFen: 170_000 })));
    // a city officer may also set one for a county of its city
    okBody(await city.post('/api/subsidy-standards', standard({ regionCode: '620103', tuitionFen: 165_000 })));
  });

  it('refuses a county finance the province default and another county, a city finance another city', async () => {
    const before = await t.lastAuditSeq();
    const def = await county.post('/api/subsidy-standards', standard({ programmeCode: Q }));
    expect(def.statusCode).toBe(403);
    expect(def.json()).toMatchObject({ code: 'OUT_OF_SCOPE', message: expect.stringContaining('全省默认标准只能由省级财务人员制定') });
    const other = await county.post('/api/subsidy-standards', standard({ regionCode: '620103', programmeCode: Q }));
    expect(other.statusCode).toBe(403);
    expect(other.json().message).toContain('不在管辖范围内');
    expect((await city.post('/api/subsidy-standards', standard({ regionCode: '620200', programmeCode: Q }))).statusCode).toBe(403);
    const written = await t.database.db.selectFrom('subsidy_standard').select('id').where('programme_code', '=', Q).execute();
    expect(written).toEqual([]);
    expect((await t.auditSince(before)).filter((a) => a.action === 'subsidy_standards.create')).toEqual([]);
  });

  it('refuses reviewers and institutions writing (permission matrix)', async () => {
    expect((await reviewer.post('/api/subsidy-standards', standard({ regionCode: '620102', programmeCode: Q }))).statusCode).toBe(403);
    expect((await institution.post('/api/subsidy-standards', standard({ regionCode: '620102', programmeCode: Q }))).statusCode).toBe(403);
  });

  it('names every bad field in Chinese', async () => {
    const issues = issuesOf(
      await province.post('/api/subsidy-standards', {
        ...standard(),
        tuitionFen: -1,
        materialsFen: 1.5,
        effectiveFrom: '2026-13-01',
        basis: '',
        trainingType: 'space',
      }),
    );
    expect(issues['body.tuitionFen']).toContain('不能小于 0');
    expect(issues['body.materialsFen']).toContain('须为整数');
    expect(issues['body.effectiveFrom']).toContain('YYYY-MM-DD');
    expect(issues['body.basis']).toContain('请填写文件依据');
    expect(issues['body.trainingType']).toContain('请选择培训类型');
    const dates = issuesOf(
      await province.post('/api/subsidy-standards', standard({ effectiveFrom: '2026-05-01', effectiveTo: '2026-04-30' })),
    );
    expect(dates['body.effectiveTo']).toContain('不能早于开始执行日期');
    const zero = issuesOf(await province.post('/api/subsidy-standards', standard({ tuitionFen: 0, materialsFen: 0, examFeeFen: 0 })));
    expect(zero['body.tuitionFen']).toContain('至少填写一项');
    const res = await province.post('/api/subsidy-standards', standard({ regionCode: '629999' }));
    expect(issuesOf(res)['body.regionCode']).toContain('不存在');
  });
});

describe('overlap, retire and end', () => {
  const key = { regionCode: '620102', programmeCode: 'TA-STD-010', skillLevel: '4' as const };
  let first: StandardView;

  it('refuses (409) a standard overlapping an active one of the same region, type, programme and level', async () => {
    first = okBody<StandardView>(
      await county.post('/api/subsidy-standards', standard({ ...key, effectiveFrom: '2026-01-01', effectiveTo: '2026-12-31' })),
    );
    const clash = await county.post('/api/subsidy-standards', standard({ ...key, effectiveFrom: '2026-12-31' }));
    expect(clash.statusCode).toBe(409);
    expect(clash.json().message).toContain('重叠');
    // open-ended before it also overlaps
    expect(
      (await county.post('/api/subsidy-standards', standard({ ...key, effectiveFrom: '2025-01-01', effectiveTo: null }))).statusCode,
    ).toBe(409);
    // adjacent dates, another level and "every level" are other keys or do not overlap
    okBody(await county.post('/api/subsidy-standards', standard({ ...key, effectiveFrom: '2027-01-01' })));
    okBody(await county.post('/api/subsidy-standards', standard({ ...key, skillLevel: '3', effectiveFrom: '2026-06-01' })));
    okBody(await county.post('/api/subsidy-standards', standard({ ...key, skillLevel: null, effectiveFrom: '2026-06-01' })));
  });

  it('ends a standard early (never later), after which a successor fits', async () => {
    const bad = issuesOf(await county.post(`/api/subsidy-standards/${first.id}/end`, { effectiveTo: '2027-03-01', reason: '调整标准' }));
    expect(bad['body.effectiveTo']).toContain('不能晚于原停止执行日期');
    const ended = okBody<StandardView>(
      await county.post(`/api/subsidy-standards/${first.id}/end`, { effectiveTo: '2026-06-30', reason: '调整标准' }),
    );
    expect(ended).toMatchObject({ effectiveTo: '2026-06-30', status: 'active', tuitionFen: first.tuitionFen });
    okBody(
      await county.post(
        '/api/subsidy-standards',
        standard({ ...key, tuitionFen: 190_000, effectiveFrom: '2026-07-01', effectiveTo: '2026-12-31' }),
      ),
    );
  });

  it('retires with a reason (audited), once; a retired one no longer blocks a new one', async () => {
    const s = okBody<StandardView>(
      await county.post('/api/subsidy-standards', standard({ ...key, programmeCode: 'TA-STD-011', effectiveFrom: '2026-01-01' })),
    );
    expect(issuesOf(await county.post(`/api/subsidy-standards/${s.id}/retire`, { reason: '' }))['body.reason']).toContain('停用原因');
    // another county's finance cannot retire it
    await t.createAccount({ username: 'std.qilihe.caiwu', roles: ['finance_officer'], regionCode: '620103' });
    const qilihe = await t.loginAs('std.qilihe.caiwu');
    expect((await qilihe.post(`/api/subsidy-standards/${s.id}/retire`, { reason: '越权停用' })).statusCode).toBe(403);
    const before = await t.lastAuditSeq();
    const retired = okBody<StandardView>(await county.post(`/api/subsidy-standards/${s.id}/retire`, { reason: '文件废止' }));
    expect(retired).toMatchObject({ status: 'retired', retiredReason: '文件废止', mayRetire: false, retiredByName: expect.any(String) });
    expect((await t.auditSince(before)).map((a) => a.action)).toEqual(['subsidy_standards.retire']);
    expect((await county.post(`/api/subsidy-standards/${s.id}/retire`, { reason: '再停一次' })).statusCode).toBe(409);
    okBody(await county.post('/api/subsidy-standards', standard({ ...key, programmeCode: 'TA-STD-011', effectiveFrom: '2026-01-01' })));
  });

  it('has no route that edits amounts', async () => {
    expect((await county.put(`/api/subsidy-standards/${first.id}`, { tuitionFen: 1 })).statusCode).toBe(404);
    expect((await county.patch(`/api/subsidy-standards/${first.id}`, { tuitionFen: 1 })).statusCode).toBe(404);
  });
});

describe('reading', () => {
  it('lets an institution and a reviewer read, filtered by region, type, status and date', async () => {
    const list = okBody<{ items: StandardView[]; total: number }>(
      await institution.get('/api/subsidy-standards?regionCode=620102&trainingType=employment_skills&pageSize=200'),
    );
    expect(list.total).toBeGreaterThan(0);
    expect(list.items.every((s) => s.regionCode === '620102' && s.trainingType === 'employment_skills' && !s.mayRetire)).toBe(true);
    const retired = okBody<{ items: StandardView[] }>(await reviewer.get('/api/subsidy-standards?status=retired&pageSize=200'));
    expect(retired.items.length).toBeGreaterThan(0);
    expect(retired.items.every((s) => s.status === 'retired')).toBe(true);
    const on = okBody<{ items: StandardView[] }>(await reviewer.get('/api/subsidy-standards?regionCode=620102&on=2026-08-01&pageSize=200'));
    expect(
      on.items.every((s) => s.status === 'active' && s.effectiveFrom <= '2026-08-01' && (s.effectiveTo ?? '9999') >= '2026-08-01'),
    ).toBe(true);
    expect(on.items.find((s) => s.programmeCode === 'TA-STD-010' && s.skillLevel === '4')?.tuitionFen).toBe(190_000);
    const one = okBody<StandardView>(await institution.get(`/api/subsidy-standards/${on.items[0]!.id}`));
    expect(one.id).toBe(on.items[0]!.id);
    expect((await institution.get('/api/subsidy-standards?on=2026-02-30')).statusCode).toBe(400);
  });

  it('answers the standard that applies, most specific first, with both ceilings (the same as standardFor)', async () => {
    const q = (county: string, programme: string, level: string, on = '2026-08-01') =>
      `/api/subsidy-standards/applicable?countyCode=${county}&trainingType=employment_skills&programmeCode=${programme}&skillLevel=${level}&on=${on}`;
    type Applicable = { standard: StandardView | null; ceilingFen: { assisted: number; notAssisted: number } | null };
    // Chengguan: its own override of programme P
    const cg = okBody<Applicable>(await institution.get(q('620102', P, '5')));
    expect(cg.standard).toMatchObject({ regionCode: '620102', programmeCode: P, tuitionFen: 170_000 });
    expect(cg.ceilingFen).toEqual({ notAssisted: 210_000, assisted: 250_000 });
    // Qilihe: the override the city set for it; Honggu (620111): the city's
    expect(okBody<Applicable>(await institution.get(q('620103', P, '5'))).standard).toMatchObject({
      regionCode: '620103',
      tuitionFen: 165_000,
    });
    expect(okBody<Applicable>(await institution.get(q('620111', P, '5'))).standard).toMatchObject({
      regionCode: '620100',
      tuitionFen: 160_000,
    });
    // another city (嘉峪关, a city without counties): the province default of the programme
    expect(okBody<Applicable>(await province.get(q('620200', P, '5'))).standard).toMatchObject({ regionCode: '620000', programmeCode: P });
    // Chengguan level 4 of TA-STD-010: the successor from July, the ended one in June
    expect(okBody<Applicable>(await institution.get(q('620102', 'TA-STD-010', '4'))).standard?.tuitionFen).toBe(190_000);
    expect(okBody<Applicable>(await institution.get(q('620102', 'TA-STD-010', '4', '2026-06-15'))).standard?.tuitionFen).toBe(150_000);
    // level 3 of TA-STD-010 starts in June: in May the "every level" one is not in force either, so a broader one applies
    const may = okBody<Applicable>(await institution.get(q('620102', 'TA-STD-010', '3', '2026-05-15')));
    expect(may.standard?.programmeCode ?? null).not.toBe('TA-STD-010');
    // before any standard of this programme: nothing for a type no one set on that date
    const none = okBody<Applicable>(
      await institution.get(
        `/api/subsidy-standards/applicable?countyCode=620102&trainingType=employment_skills&programmeCode=${P}&skillLevel=5&on=2000-01-01`,
      ),
    );
    expect(none).toEqual({ standard: null, ceilingFen: null });
    const direct = await standardFor(t.database.db, t.services.regions, {
      countyCode: '620102',
      trainingType: 'employment_skills',
      programmeCode: P,
      skillLevel: '5',
      on: '2026-08-01',
    });
    expect(direct?.id).toBe(cg.standard?.id);
    expect(
      issuesOf(
        await institution.get(
          '/api/subsidy-standards/applicable?countyCode=620102&trainingType=employment_skills&programmeCode=X&skillLevel=9&on=x',
        ),
      ),
    ).toMatchObject({
      'querystring.skillLevel': expect.any(String),
      'querystring.on': expect.stringContaining('适用日期'),
    });
  });
});
