import type { Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgrammeDetail } from '../../../shared/contracts/catalogue-contracts';
import { brandTags } from '../../../shared/domain/catalogue-codes';
import { todayInChina } from '../../../shared/domain/person-validation';
import type { Tables } from '../../db/tables';
import { issuesOf, okBody } from '../../testing/answers';
import { buildTestApp, type TestApp, type TestClient } from '../../testing/test-app';
import type { NoticeSubjectHandlers } from '../notices/notices.service';

let t: TestApp;
let province: TestClient; // a province training officer (created below)
let city: TestClient; // a training officer of 兰州市
let county: TestClient; // chengguan.peixun, training officer of 城关区: reads only
let trainee: TestClient; // xueyuan.demo: reads the catalogue like every signed-in account

function programme(code: string, overrides: Record<string, unknown> = {}) {
  return {
    programmeCode: code,
    name: '电商客服',
    occupation: '电子商务师',
    skill: '网店客服',
    trainingType: 'employment_skills',
    hours: 120,
    skillLevel: '5',
    targetCategories: ['2', '4'],
    accommodations: ['sign_language'],
    subsidyStandardRef: '甘残联〔2022〕补贴标准 A 类',
    brands: ['ecommerce_service'],
    description: '网店售前售后客服，适合听力、肢体残疾人居家就业。',
    ...overrides,
  };
}

/** Ends the programme's notice period now and lets the notice service settle it. */
async function endNoticePeriod(id: string): Promise<number> {
  await t.database.db
    .updateTable('public_notice')
    .set({ starts_at: new Date(Date.now() - 10 * 86_400_000), ends_at: new Date(Date.now() - 1000) })
    .where('subject_kind', '=', 'programme')
    .where('subject_id', '=', id)
    .execute();
  return t.services.notices.settleDue();
}

/**
 * Settles a notice as staff do (upholding an objection, withdrawing): its status is written and the
 * programme's registered handler runs in the same transaction, as the notice service calls it.
 */
async function settleNotice(
  noticeId: string,
  status: 'refused' | 'withdrawn',
  handle: (handlers: NoticeSubjectHandlers, trx: Transaction<Tables>) => Promise<void>,
): Promise<void> {
  const handlers = t.services.notices.replaceSubject('programme', undefined)!;
  t.services.notices.replaceSubject('programme', handlers);
  await t.database.db.transaction().execute(async (trx) => {
    await trx.updateTable('public_notice').set({ status, settled_at: new Date() }).where('id', '=', noticeId).execute();
    await handle(handlers, trx);
  });
}

beforeAll(async () => {
  t = await buildTestApp();
  await t.createAccount({ username: 'test.sheng.peixun', roles: ['training_officer'], regionCode: '620000' });
  await t.createAccount({ username: 'test.lanzhou.peixun', roles: ['training_officer'], regionCode: '620100' });
  [province, city, county, trainee] = await Promise.all([
    t.loginAs('test.sheng.peixun'),
    t.loginAs('test.lanzhou.peixun'),
    t.loginAs('chengguan.peixun'),
    t.loginAs('xueyuan.demo'),
  ]);
});
afterAll(() => t.close());

describe('writing a programme: bad input is refused in Chinese, naming the field', () => {
  it.each([
    ['a code in lower case', { programmeCode: 'gs-001' }, 'body.programmeCode', '项目编码须为 2–32 位大写字母、数字或连字符'],
    ['no hours', { hours: 0 }, 'body.hours', '学时至少 1'],
    ['a one-character name', { name: '电' }, 'body.name', '项目名称至少 2 个字'],
    ['an unknown brand', { brands: ['karaoke'] }, 'body.brands.0', ''],
    [
      'high-skill training at level five',
      { trainingType: 'high_skill', skillLevel: '5' },
      'body.skillLevel',
      '高技能人才培训的技能等级须为',
    ],
  ])('%s', async (_what, overrides, field, message) => {
    const issues = issuesOf(await province.post('/api/catalogue/programmes', programme('GS-BAD-1', overrides)));
    expect(Object.keys(issues)).toContain(field);
    expect(issues[field]).toContain(message);
  });

  it('refuses a field the contract does not know (no mass assignment of status or region)', async () => {
    const issues = issuesOf(await province.post('/api/catalogue/programmes', { ...programme('GS-BAD-2'), status: 'active' }));
    expect(Object.values(issues).join()).toMatch(/status|不接受/);
    const none = await t.database.db.selectFrom('catalogue_programme').select('id').where('programme_code', 'like', 'GS-BAD%').execute();
    expect(none).toEqual([]);
  });
});

describe('a programme from draft to effect, through the public notice', () => {
  let first: ProgrammeDetail;

  it('starts as a draft, first version, of the province; the write is audited', async () => {
    const before = await t.lastAuditSeq();
    first = okBody<ProgrammeDetail>(await province.post('/api/catalogue/programmes', programme('GS-DSKF-01')));
    expect(first).toMatchObject({ status: 'draft', edition: 1, regionCode: '620000', writable: true, effectiveFrom: null });
    expect(first.history.map((h) => h.edition)).toEqual([1]);
    expect(await t.auditSince(before)).toContainEqual(
      expect.objectContaining({ action: 'catalogue.create', outcome: 'success', target_id: first.id, actor_name: 'test.sheng.peixun' }),
    );
  });

  it('keeps the code to one programme', async () => {
    const issues = issuesOf(await city.post('/api/catalogue/programmes', programme('GS-DSKF-01')));
    expect(issues['body.programmeCode']).toBe('项目编码 GS-DSKF-01 已被使用，请换一个编码');
  });

  it('hides drafts from accounts outside the maintainer’s region, and refuses them writes', async () => {
    expect((await county.get(`/api/catalogue/programmes/${first.id}`)).statusCode).toBe(403);
    const list = okBody<{ items: { id: string }[] }>(await county.get('/api/catalogue/programmes'));
    expect(list.items.map((i) => i.id)).not.toContain(first.id);
    const denied = await county.post('/api/catalogue/programmes', programme('GS-CG-01'));
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ code: 'OUT_OF_SCOPE', message: '培训目录由省、市州残联维护，本账号只能查阅' });
    expect((await city.post(`/api/catalogue/programmes/${first.id}/submit`)).statusCode).toBe(403);
  });

  it('edits a draft with its version and refuses a stale one', async () => {
    const edited = okBody<ProgrammeDetail>(
      await province.put(`/api/catalogue/programmes/${first.id}`, {
        ...programme('x', { hours: 160 }),
        programmeCode: undefined,
        version: first.version,
      }),
    );
    expect(edited).toMatchObject({ hours: 160, version: first.version + 1 });
    const stale = await province.put(`/api/catalogue/programmes/${first.id}`, {
      ...programme('x'),
      programmeCode: undefined,
      version: first.version,
    });
    expect(stale.statusCode).toBe(409);
    first = edited;
  });

  it('goes on notice when submitted: a public_notice row of kind programme, and not yet in the public catalogue', async () => {
    const submitted = okBody<ProgrammeDetail>(await province.post(`/api/catalogue/programmes/${first.id}/submit`));
    expect(submitted.status).toBe('on_notice');
    expect(submitted.notice).toMatchObject({ status: 'open' });
    const notice = await t.database.db
      .selectFrom('public_notice')
      .selectAll()
      .where('id', '=', submitted.notice!.id)
      .executeTakeFirstOrThrow();
    expect(notice).toMatchObject({ subject_kind: 'programme', subject_id: first.id, region_code: '620000', status: 'open' });
    expect(notice.title).toContain('GS-DSKF-01');
    const open = okBody<{ items: { programmeCode: string }[] }>(await t.client().get('/api/public/catalogue'));
    expect(open.items.map((i) => i.programmeCode)).not.toContain('GS-DSKF-01');
    // on notice, a version cannot change any more
    const edit = await province.put(`/api/catalogue/programmes/${first.id}`, {
      ...programme('x'),
      programmeCode: undefined,
      version: submitted.version,
    });
    expect(edit.statusCode).toBe(409);
  });

  it('takes effect when the period ends clean, and then the public reads it without logging in', async () => {
    expect(await endNoticePeriod(first.id)).toBeGreaterThanOrEqual(1);
    const active = okBody<ProgrammeDetail>(await province.get(`/api/catalogue/programmes/${first.id}`));
    expect(active).toMatchObject({ status: 'active', effectiveFrom: todayInChina(), effectiveTo: null });
    const res = await t.client().get('/api/public/catalogue?brand=ecommerce_service');
    const open = okBody<{ items: Record<string, unknown>[] }>(res);
    const item = open.items.find((i) => i.programmeCode === 'GS-DSKF-01');
    expect(item).toMatchObject({ name: '电商客服', edition: 1, hours: 160, regionName: '甘肃省' });
    // the public answer names no staff and carries no internal ids
    expect(item).not.toHaveProperty('id');
    expect(item).not.toHaveProperty('status');
    expect(res.headers['cache-control']).toContain('public');
    // the trainee reads the catalogue too
    expect(okBody<{ total: number }>(await trainee.get('/api/catalogue/programmes')).total).toBeGreaterThanOrEqual(1);
  });

  it('is changed through a new version that supersedes the old one when it takes effect; the old stays in the history', async () => {
    expect(
      (await province.put(`/api/catalogue/programmes/${first.id}`, { ...programme('x'), programmeCode: undefined, version: 99 }))
        .statusCode,
    ).toBe(409);
    const draft = okBody<ProgrammeDetail>(await province.post(`/api/catalogue/programmes/${first.id}/revise`));
    expect(draft).toMatchObject({ status: 'draft', edition: 2, basedOnId: first.id, programmeCode: 'GS-DSKF-01', hours: 160 });
    // one version in the making at a time
    expect((await province.post(`/api/catalogue/programmes/${first.id}/revise`)).statusCode).toBe(409);
    const edited = okBody<ProgrammeDetail>(
      await province.put(`/api/catalogue/programmes/${draft.id}`, {
        ...programme('x', { hours: 200, brands: ['ecommerce_service', 'live_streaming'] }),
        programmeCode: undefined,
        version: draft.version,
      }),
    );
    okBody(await province.post(`/api/catalogue/programmes/${edited.id}/submit`));
    // while the new version is on notice, the old one is still in force
    expect(okBody<ProgrammeDetail>(await province.get(`/api/catalogue/programmes/${first.id}`)).status).toBe('active');
    await endNoticePeriod(edited.id);
    const second = okBody<ProgrammeDetail>(await province.get(`/api/catalogue/programmes/${edited.id}`));
    const old = okBody<ProgrammeDetail>(await province.get(`/api/catalogue/programmes/${first.id}`));
    expect(second).toMatchObject({ status: 'active', effectiveFrom: todayInChina(), hours: 200 });
    expect(old).toMatchObject({ status: 'superseded', effectiveTo: todayInChina(), hours: 160 });
    expect(second.history.map((h) => [h.edition, h.status])).toEqual([
      [2, 'active'],
      [1, 'superseded'],
    ]);
    const open = okBody<{ items: { programmeCode: string; edition: number }[] }>(await t.client().get('/api/public/catalogue?q=电商客服'));
    expect(open.items.filter((i) => i.programmeCode === 'GS-DSKF-01').map((i) => i.edition)).toEqual([2]);
    // the list of current versions leaves the superseded one out; “all” shows it
    const ours = (items: { id: string; programmeCode: string }[]) => items.filter((i) => i.programmeCode === 'GS-DSKF-01').map((i) => i.id);
    const current = okBody<{ items: { id: string; programmeCode: string }[] }>(await province.get('/api/catalogue/programmes?q=电商客服'));
    expect(ours(current.items)).toEqual([edited.id]);
    const all = okBody<{ items: { id: string; programmeCode: string }[] }>(
      await province.get('/api/catalogue/programmes?q=电商客服&status=all'),
    );
    expect(ours(all.items)).toEqual([edited.id, first.id]);
  });

  it('stays as it is when an objection is upheld: the new version is refused, the one in force remains', async () => {
    const current = okBody<{ items: ProgrammeDetail[] }>(
      await province.get('/api/catalogue/programmes?q=电商客服&status=active'),
    ).items.find((i) => i.programmeCode === 'GS-DSKF-01');
    const draft = okBody<ProgrammeDetail>(await province.post(`/api/catalogue/programmes/${current!.id}/revise`));
    const submitted = okBody<ProgrammeDetail>(await province.post(`/api/catalogue/programmes/${draft.id}/submit`));
    await settleNotice(submitted.notice!.id, 'refused', (handlers, trx) => handlers.onRefused(trx, draft.id, '异议成立：学时安排不合理'));
    const refused = okBody<ProgrammeDetail>(await province.get(`/api/catalogue/programmes/${draft.id}`));
    expect(refused).toMatchObject({ status: 'refused', refusalReason: '异议成立：学时安排不合理' });
    expect(okBody<ProgrammeDetail>(await province.get(`/api/catalogue/programmes/${current!.id}`)).status).toBe('active');
    // a refused version can be revised again
    expect(okBody<ProgrammeDetail>(await province.post(`/api/catalogue/programmes/${draft.id}/revise`)).edition).toBe(4);
  });
});

describe('a withdrawn notice', () => {
  it('hands the version back as a draft, to be corrected and submitted again', async () => {
    const draft = okBody<ProgrammeDetail>(await province.post('/api/catalogue/programmes', programme('GS-WD-01', { name: '直播运营' })));
    const submitted = okBody<ProgrammeDetail>(await province.post(`/api/catalogue/programmes/${draft.id}/submit`));
    await settleNotice(submitted.notice!.id, 'withdrawn', (handlers, trx) => handlers.onWithdrawn!(trx, draft.id, '材料不全，撤回修改'));
    const back = okBody<ProgrammeDetail>(await province.get(`/api/catalogue/programmes/${draft.id}`));
    expect(back).toMatchObject({ status: 'draft', notice: null });
    expect(okBody<ProgrammeDetail>(await province.post(`/api/catalogue/programmes/${draft.id}/submit`)).status).toBe('on_notice');
  });
});

describe('local programmes of a city, and retirement', () => {
  it('lets a city add a local programme that its own staff maintain and the province may too', async () => {
    const local = okBody<ProgrammeDetail>(
      await city.post(
        '/api/catalogue/programmes',
        programme('LZ-NC-01', { name: '百合种植', occupation: '农艺工', trainingType: 'rural_practical', skillLevel: 'none', brands: [] }),
      ),
    );
    expect(local).toMatchObject({ regionCode: '620100', regionName: '兰州市', writable: true });
    expect(okBody<ProgrammeDetail>(await province.get(`/api/catalogue/programmes/${local.id}`)).writable).toBe(true);
    okBody(await city.post(`/api/catalogue/programmes/${local.id}/submit`));
    await endNoticePeriod(local.id);
    // in force: every signed-in account reads it, but only its maintainers write it
    expect(okBody<ProgrammeDetail>(await county.get(`/api/catalogue/programmes/${local.id}`)).writable).toBe(false);
    const refused = await county.post(`/api/catalogue/programmes/${local.id}/retire`, { reason: '不再开设' });
    expect(refused.statusCode).toBe(403);
    expect(issuesOf(await city.post(`/api/catalogue/programmes/${local.id}/retire`, { reason: '' }))['body.reason']).toBe('请填写停用原因');
    const retired = okBody<ProgrammeDetail>(
      await city.post(`/api/catalogue/programmes/${local.id}/retire`, { reason: '本地区已无培训需求' }),
    );
    expect(retired).toMatchObject({ status: 'retired', retiredReason: '本地区已无培训需求', effectiveTo: todayInChina() });
    const open = okBody<{ items: { programmeCode: string }[] }>(await t.client().get('/api/public/catalogue?trainingType=rural_practical'));
    expect(open.items.map((i) => i.programmeCode)).not.toContain('LZ-NC-01');
  });

  it('filters the public catalogue by disability category (an empty target list means every category)', async () => {
    const open = okBody<{ items: { programmeCode: string }[] }>(await t.client().get('/api/public/catalogue?disabilityCategory=1'));
    expect(open.items.map((i) => i.programmeCode)).not.toContain('GS-DSKF-01');
    const deaf = okBody<{ items: { programmeCode: string }[] }>(await t.client().get('/api/public/catalogue?disabilityCategory=2'));
    expect(deaf.items.map((i) => i.programmeCode)).toContain('GS-DSKF-01');
    expect((await t.client().get('/api/public/catalogue?disabilityCategory=9')).statusCode).toBe(400);
  });
});

describe('the demo catalogue', () => {
  it('lists the brand programmes the plan names, in force, for the public', async () => {
    const open = okBody<{ items: { programmeCode: string; brands: string[] }[]; total: number }>(
      await t.client().get('/api/public/catalogue?pageSize=100'),
    );
    const brands = new Set(open.items.flatMap((i) => i.brands));
    for (const brand of brandTags) expect(brands, brand).toContain(brand);
    const rural = okBody<{ total: number }>(await t.client().get('/api/public/catalogue?trainingType=rural_practical'));
    expect(rural.total).toBeGreaterThanOrEqual(3);
  });
});
