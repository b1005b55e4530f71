import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InstitutionAccount, InstitutionDetail } from '../../../shared/contracts/institutions-contracts';
import { buildCreditCode, checkCreditCode } from '../../../shared/domain/credit-code';
import { institutionKinds, institutionStatuses } from '../../../shared/domain/institution-codes';
import { DEMO_INSTITUTION_ADMIN, demoInstitutions } from '../../db/demo-institutions';
import { allowedValues } from '../../testing/check-constraints';
import { buildTestApp, type TestApp, type TestClient } from '../../testing/test-app';

let t: TestApp;
let officer: TestClient; // chengguan.peixun, training officer of 城关区 620102
let siblingOfficer: TestClient; // training officer of 七里河区 620103
let cityOfficer: TestClient; // training officer of 兰州市 620100
let reviewer: TestClient; // lanzhou.shenhe
let securityAdmin: TestClient; // chengguan.anquan
let institutionAdmin: TestClient; // jigou.demo, admin of 兰州市残疾人职业技能培训中心

let serial = 0;
/** A fresh valid credit code per call (organisation-code bodies differ by a counter). */
function freshCode(region = '620102'): string {
  serial++;
  return buildCreditCode('5', '2', region, `MJ${String(serial).padStart(6, '0')}`);
}

function input(overrides: Record<string, unknown> = {}) {
  return {
    institutionName: '兰州市城关区测试职业培训学校',
    institutionKind: 'training_institution',
    creditCode: freshCode(),
    countyCode: '620102',
    address: '甘肃省兰州市城关区测试路 1 号',
    contactName: '测试联系人',
    contactPhone: '0931-8000001',
    accessibility: ['ramp', 'step_free_entrance'],
    offeredOccupations: ['保健按摩师'],
    ...overrides,
  };
}

async function register(client: TestClient = officer, overrides: Record<string, unknown> = {}): Promise<InstitutionDetail> {
  const res = await client.post('/api/institutions', input(overrides));
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as InstitutionDetail;
}

async function institutionRows() {
  const row = await t.database.db
    .selectFrom('institution')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

beforeAll(async () => {
  t = await buildTestApp();
  await t.createAccount({ username: 'qilihe.peixun', roles: ['training_officer'], regionCode: '620103' });
  await t.createAccount({ username: 'lanzhou.peixun', roles: ['training_officer'], regionCode: '620100' });
  officer = await t.loginAs('chengguan.peixun');
  siblingOfficer = await t.loginAs('qilihe.peixun');
  cityOfficer = await t.loginAs('lanzhou.peixun');
  reviewer = await t.loginAs('lanzhou.shenhe');
  securityAdmin = await t.loginAs('chengguan.anquan');
  institutionAdmin = await t.loginAs(DEMO_INSTITUTION_ADMIN);
});
afterAll(() => t.close());

describe('the demo institutions', () => {
  it('have valid credit codes, and jigou.demo administers 兰州市残疾人职业技能培训中心', async () => {
    const rows = await t.database.db.selectFrom('institution').select(['name', 'credit_code', 'status']).execute();
    expect(rows.length).toBeGreaterThanOrEqual(demoInstitutions.length);
    for (const row of rows) expect(checkCreditCode(row.credit_code), row.name).toMatchObject({ ok: true });
    const res = await institutionAdmin.get('/api/my-institution');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      name: '兰州市残疾人职业技能培训中心',
      countyCode: '620102',
      status: 'active',
      institutionAdmin: true,
    });
  });
});

describe('the institution table', () => {
  it('allows in its CHECK constraints exactly the kinds and statuses of src/shared', async () => {
    expect(await allowedValues(t.database.db, 'institution', 'kind')).toEqual([...institutionKinds].sort());
    expect(await allowedValues(t.database.db, 'institution', 'status')).toEqual([...institutionStatuses].sort());
  });
});

describe('registering an institution', () => {
  it('stores a draft in the officer’s county, normalises the code, and audits it', async () => {
    const before = await t.lastAuditSeq();
    const code = freshCode();
    const created = await register(officer, { creditCode: ` ${code.slice(0, 9).toLowerCase()} ${code.slice(9)} ` });
    expect(created).toMatchObject({ status: 'draft', creditCode: code, countyName: '城关区', version: 1, notice: null });
    expect(created.accessibility).toEqual(['step_free_entrance', 'ramp']); // code-list order
    const audit = await t.auditSince(before);
    expect(audit).toContainEqual(expect.objectContaining({ action: 'institutions.create', target_id: created.id, region_code: '620102' }));
    const detail = (await officer.get(`/api/institutions/${created.id}`)).json() as InstitutionDetail;
    expect(detail.history.map((h) => h.action)).toEqual(['institutions.create']);
  });

  it('refuses a duplicate credit code with a Chinese 409 naming 统一社会信用代码, writing nothing', async () => {
    const first = await register();
    const count = await institutionRows();
    const res = await cityOfficer.post('/api/institutions', input({ creditCode: first.creditCode, institutionName: '另一家机构' }));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('统一社会信用代码'),
      details: { issues: [expect.objectContaining({ field: 'body.creditCode', label: '统一社会信用代码' })] },
    });
    expect(await institutionRows()).toBe(count);
  });

  it('registers one of two simultaneous registrations of the same code, and answers the other 409', async () => {
    const same = input();
    const answers = await Promise.all([officer.post('/api/institutions', same), cityOfficer.post('/api/institutions', same)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const rows = await t.database.db.selectFrom('institution').select('id').where('credit_code', '=', same.creditCode).execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses an invalid credit code with a 400 naming the field and what is wrong', async () => {
    const good = freshCode();
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const count = await institutionRows();
    const res = await officer.post('/api/institutions', input({ creditCode: bad }));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { issues: [{ field: 'body.creditCode', label: '统一社会信用代码', message: expect.stringContaining('校验码') }] },
    });
    const letters = await officer.post('/api/institutions', input({ creditCode: 'OI2345' }));
    expect(letters.statusCode).toBe(400);
    expect(letters.json().details.issues[0]).toMatchObject({ label: '统一社会信用代码', message: expect.stringContaining('18 位') });
    expect(await institutionRows()).toBe(count);
  });

  it('names every other bad field in Chinese', async () => {
    const res = await officer.post('/api/institutions', input({ institutionName: '', contactPhone: '12', institutionKind: 'school' }));
    expect(res.statusCode).toBe(400);
    const labels = (res.json().details.issues as { label: string }[]).map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(['机构名称', '联系电话', '机构类型']));
  });

  it('refuses a county outside the officer’s region (403) and a city as county (400)', async () => {
    const count = await institutionRows();
    const outside = await officer.post('/api/institutions', input({ countyCode: '620103' }));
    expect(outside.statusCode).toBe(403);
    expect(outside.json().code).toBe('OUT_OF_SCOPE');
    const city = await cityOfficer.post('/api/institutions', input({ countyCode: '620100' }));
    expect(city.statusCode).toBe(400);
    expect(city.json().details.issues[0]).toMatchObject({ field: 'body.countyCode', message: expect.stringContaining('县级单位') });
    expect(await institutionRows()).toBe(count);
    // a city officer registers in any county of the city
    expect((await register(cityOfficer, { countyCode: '620103' })).countyCode).toBe('620103');
  });

  it('is refused to roles without institutions.write', async () => {
    expect((await reviewer.post('/api/institutions', input())).statusCode).toBe(403);
    expect((await institutionAdmin.post('/api/institutions', input())).statusCode).toBe(403);
  });
});

describe('reading institutions', () => {
  it('keeps every list and detail inside the region', async () => {
    const mine = await register();
    const theirs = await register(siblingOfficer, { countyCode: '620103', creditCode: freshCode('620103') });
    const list = (await officer.get('/api/institutions?pageSize=200')).json() as { items: { id: string; countyCode: string }[] };
    expect(list.items.map((i) => i.id)).toContain(mine.id);
    expect(list.items.every((i) => i.countyCode === '620102')).toBe(true);
    expect((await officer.get(`/api/institutions/${theirs.id}`)).statusCode).toBe(403);
    expect((await officer.get('/api/institutions?regionCode=620103')).statusCode).toBe(403);
    const city = (await reviewer.get('/api/institutions?pageSize=200')).json() as { items: { id: string }[] };
    expect(city.items.map((i) => i.id)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
  });

  it('filters by kind, status, accessibility and name, and pages on the server', async () => {
    await register(officer, { institutionName: '筛选用盲人按摩学校', institutionKind: 'special_school', accessibility: ['hearing_loop'] });
    const byName = (await officer.get(`/api/institutions?q=${encodeURIComponent('筛选用盲人')}`)).json();
    expect(byName.items.map((i: { name: string }) => i.name)).toEqual(['筛选用盲人按摩学校']);
    const byFeature = (await officer.get('/api/institutions?accessibilityFeature=hearing_loop&institutionKind=special_school')).json();
    expect(byFeature.items.every((i: { accessibility: string[] }) => i.accessibility.includes('hearing_loop'))).toBe(true);
    expect(byFeature.total).toBeGreaterThanOrEqual(1);
    const active = (await officer.get('/api/institutions?status=active')).json();
    expect(active.items.every((i: { status: string }) => i.status === 'active')).toBe(true);
    const page = (await officer.get('/api/institutions?pageSize=2&page=1')).json();
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);
  });
});

describe('the home page', () => {
  it('tells a training officer how many institutions of the region wait to be put on notice', async () => {
    const before = (await officer.get('/api/home'))
      .json()
      .tasks.find((task: { key: string }) => task.key === 'institutions.awaiting_notice');
    expect(before).toMatchObject({ label: '待提交公示的培训机构', href: '/institutions?status=draft' });
    await register();
    const after = (await officer.get('/api/home'))
      .json()
      .tasks.find((task: { key: string }) => task.key === 'institutions.awaiting_notice');
    expect(after.count).toBe(before.count + 1);
    const reviewerTasks = (await reviewer.get('/api/home')).json().tasks as { key: string }[];
    expect(reviewerTasks.map((task) => task.key)).not.toContain('institutions.awaiting_notice');
  });
});

describe('editing', () => {
  it('saves with the version read, audits the field names, and refuses a stale version', async () => {
    const created = await register();
    const body = { ...input({ creditCode: created.creditCode }), institutionName: '改名后的培训学校', version: created.version };
    const saved = await officer.put(`/api/institutions/${created.id}`, body);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ name: '改名后的培训学校', version: 2 });
    expect(saved.json().history[0]).toMatchObject({ action: 'institutions.update', fields: ['institutionName'] });
    const stale = await officer.put(`/api/institutions/${created.id}`, { ...body, institutionName: '再次改名' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toContain('已被他人修改');
  });
});

describe('public notice', () => {
  it('puts the institution on notice and it becomes active when the period ends clean', async () => {
    const created = await register();
    const res = await officer.post(`/api/institutions/${created.id}/submit`, { version: created.version });
    expect(res.statusCode, res.body).toBe(200);
    const onNotice = res.json() as InstitutionDetail;
    expect(onNotice).toMatchObject({ status: 'on_notice', notice: { status: 'open' } });
    const notice = await t.database.db
      .selectFrom('public_notice')
      .selectAll()
      .where('subject_kind', '=', 'institution')
      .where('subject_id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(notice).toMatchObject({ region_code: '620102', status: 'open', title: expect.stringContaining(created.name) });
    expect(notice.summary).toContain(created.creditCode);
    expect(notice.summary).not.toContain('测试联系人'); // the contact person is not published

    // on notice it can be neither edited nor submitted again
    const edit = await officer.put(`/api/institutions/${created.id}`, {
      ...input({ creditCode: created.creditCode }),
      version: onNotice.version,
    });
    expect(edit.statusCode).toBe(409);
    expect((await officer.post(`/api/institutions/${created.id}/submit`, { version: onNotice.version })).statusCode).toBe(409);

    await sql`UPDATE public_notice SET starts_at = now() - interval '8 days', ends_at = now() - interval '1 minute' WHERE id = ${notice.id}`.execute(
      t.database.db,
    );
    expect(await t.services.notices.settleDue()).toBeGreaterThanOrEqual(1);
    const after = (await officer.get(`/api/institutions/${created.id}`)).json() as InstitutionDetail;
    expect(after).toMatchObject({ status: 'active', notice: { status: 'effective' } });
    expect(after.history.map((h) => h.action)).toEqual(['institutions.effective', 'institutions.submit', 'institutions.create']);
  });

  it('becomes refused when the notice module reports an upheld objection', async () => {
    const created = await register();
    await officer.post(`/api/institutions/${created.id}/submit`, { version: created.version });
    const handlers = t.services.institutions.noticeHandlers();
    await t.database.db.transaction().execute((trx) => handlers.onRefused(trx, created.id, '异议成立：场地不符'));
    const after = (await officer.get(`/api/institutions/${created.id}`)).json() as InstitutionDetail;
    expect(after.status).toBe('refused');
    expect(after.history[0]).toMatchObject({ action: 'institutions.refused', reason: '异议成立：场地不符' });
  });

  it('goes back to draft when staff withdraw its notice, and may be submitted again', async () => {
    const created = await register();
    const submitted = (
      await officer.post(`/api/institutions/${created.id}/submit`, { version: created.version })
    ).json() as InstitutionDetail;
    const handlers = t.services.institutions.noticeHandlers();
    await t.database.db.transaction().execute((trx) => handlers.onWithdrawn!(trx, created.id, '材料需补充'));
    const after = (await officer.get(`/api/institutions/${created.id}`)).json() as InstitutionDetail;
    expect(after).toMatchObject({
      status: 'draft',
      history: [expect.objectContaining({ action: 'institutions.withdrawn' }), ...submitted.history],
    });
    await sql`UPDATE public_notice SET status = 'withdrawn' WHERE subject_id = ${created.id}`.execute(t.database.db);
    const again = await officer.post(`/api/institutions/${created.id}/submit`, { version: after.version });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().status).toBe('on_notice');
  });

  it('closes with a reason, disabling the institution’s accounts', async () => {
    const created = await register();
    const account = await securityAdmin.post(`/api/institutions/${created.id}/accounts`, {
      username: `close.admin${serial}`,
      displayName: '待注销机构管理员',
      institutionAdmin: true,
    });
    expect(account.statusCode, account.body).toBe(200);
    const noReason = await officer.post(`/api/institutions/${created.id}/close`, { version: created.version, reason: '' });
    expect(noReason.statusCode).toBe(400);
    const closed = await officer.post(`/api/institutions/${created.id}/close`, { version: created.version, reason: '机构申请退出' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().status).toBe('closed');
    expect(closed.json().history[0]).toMatchObject({ action: 'institutions.close', reason: '机构申请退出' });
    const user = await t.database.db
      .selectFrom('app_user')
      .select('status')
      .where('id', '=', account.json().account.id)
      .executeTakeFirstOrThrow();
    expect(user.status).toBe('disabled');
  });
});

describe('institution accounts', () => {
  let ownId: string;
  let otherId: string;

  beforeAll(async () => {
    ownId = ((await institutionAdmin.get('/api/my-institution')).json() as InstitutionDetail).id;
    otherId = (await register()).id;
  });

  it('lets staff create the first admin of an institution, and only that', async () => {
    const staffMember = await officer.post(`/api/institutions/${otherId}/accounts`, { username: 'other.member', displayName: '普通账号' });
    expect(staffMember.statusCode).toBe(403);
    const first = await officer.post(`/api/institutions/${otherId}/accounts`, {
      username: 'other.admin',
      displayName: '其他机构管理员',
      institutionAdmin: true,
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().oneTimePassword).toMatch(/^.{16}$/);
    const second = await securityAdmin.post(`/api/institutions/${otherId}/accounts`, {
      username: 'other.admin2',
      displayName: '第二个管理员',
      institutionAdmin: true,
    });
    expect(second.statusCode).toBe(409);
    // the new admin signs in with the one-time password and must change it first
    const login = await t.client().post('/api/auth/login', { username: 'other.admin', password: first.json().oneTimePassword });
    expect(login.statusCode, login.body).toBe(200);
    expect(login.json().stage).toBe('change_password');
  });

  it('lets the institution admin manage its own accounts', async () => {
    const created = await institutionAdmin.post(`/api/institutions/${ownId}/accounts`, { username: 'jigou.jiaowu', displayName: '教务' });
    expect(created.statusCode, created.body).toBe(200);
    const account = created.json().account as InstitutionAccount;
    expect(account).toMatchObject({ institutionAdmin: false, mustChangePassword: true, self: false });
    const row = await t.database.db
      .selectFrom('app_user')
      .select(['kind', 'region_code', 'organization_name', 'institution_id'])
      .where('id', '=', account.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      kind: 'institution',
      region_code: '620102',
      organization_name: '兰州市残疾人职业技能培训中心',
      institution_id: ownId,
    });

    const command = (name: string) =>
      institutionAdmin.post(`/api/institutions/${ownId}/accounts/${account.id}/${name}`, { reason: '岗位调整' });
    expect((await command('grant-admin')).json().account.institutionAdmin).toBe(true);
    expect((await command('revoke-admin')).json().account.institutionAdmin).toBe(false);
    expect((await command('disable')).json().account.status).toBe('disabled');
    expect((await command('enable')).json().account.status).toBe('active');
    const reset = (await command('reset-password')).json();
    expect(reset.oneTimePassword).toMatch(/^.{16}$/);

    const list = (await institutionAdmin.get(`/api/institutions/${ownId}/accounts`)).json();
    expect(list.mayManage).toBe(true);
    expect(list.items.find((a: InstitutionAccount) => a.self)).toMatchObject({ username: DEMO_INSTITUTION_ADMIN, institutionAdmin: true });
  });

  it('refuses the admin’s changes to itself', async () => {
    const selfId = await t.userId(DEMO_INSTITUTION_ADMIN);
    for (const name of ['revoke-admin', 'disable', 'reset-password']) {
      const res = await institutionAdmin.post(`/api/institutions/${ownId}/accounts/${selfId}/${name}`, { reason: '测试自身' });
      expect(res.statusCode, name).toBe(403);
    }
  });

  it('refuses another institution’s accounts to the institution admin', async () => {
    expect((await institutionAdmin.get(`/api/institutions/${otherId}/accounts`)).statusCode).toBe(403);
    const create = await institutionAdmin.post(`/api/institutions/${otherId}/accounts`, { username: 'intruder', displayName: '越权' });
    expect(create.statusCode).toBe(403);
    const otherAdmin = await t.userId('other.admin');
    const command = await institutionAdmin.post(`/api/institutions/${otherId}/accounts/${otherAdmin}/disable`, { reason: '越权操作' });
    expect(command.statusCode).toBe(403);
    // nor through its own institution's path
    const sideways = await institutionAdmin.post(`/api/institutions/${ownId}/accounts/${otherAdmin}/disable`, { reason: '越权操作' });
    expect(sideways.statusCode).toBe(404);
    const row = await t.database.db.selectFrom('app_user').select('status').where('id', '=', otherAdmin).executeTakeFirstOrThrow();
    expect(row.status).toBe('active');
  });

  it('refuses account management to an institution user who is not admin', async () => {
    const { id } = await t.createAccount({
      username: 'jigou.member',
      kind: 'institution',
      organizationName: '兰州市残疾人职业技能培训中心',
    });
    await t.database.db.updateTable('app_user').set({ institution_id: ownId }).where('id', '=', id).execute();
    const client = await t.loginAs('jigou.member');
    const res = await client.get(`/api/institutions/${ownId}/accounts`);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('管理员') });
    // it does see and describe its own institution
    const mine = (await client.get('/api/my-institution')).json() as InstitutionDetail & { institutionAdmin: boolean };
    expect(mine).toMatchObject({ id: ownId, institutionAdmin: false });
    const update = await client.put('/api/my-institution', {
      contactName: '新联系人',
      contactPhone: '13800000000',
      accessibility: ['lift'],
      accessibilityNote: null,
      offeredOccupations: ['保健按摩师', '电子商务师'],
      version: mine.version,
    });
    expect(update.statusCode, update.body).toBe(200);
    expect(update.json()).toMatchObject({ contactName: '新联系人', accessibility: ['lift'], name: '兰州市残疾人职业技能培训中心' });
    expect(update.json().history[0]).toMatchObject({
      action: 'institutions.profile_update',
      actorName: 'jigou.member',
      fields: expect.arrayContaining(['contactName', 'contactPhone', 'accessibility']),
    });
  });

  it('keeps an institution user from changing its name or code through its own page', async () => {
    const mine = (await institutionAdmin.get('/api/my-institution')).json() as InstitutionDetail;
    const res = await institutionAdmin.put('/api/my-institution', {
      contactName: '王老师',
      contactPhone: '0931-8123456',
      offeredOccupations: [],
      institutionName: '改名',
      version: mine.version,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0].message).toContain('不接受的字段');
  });
});
