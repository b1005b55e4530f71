import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestClient } from '../../testing/test-app';

let t: TestApp;
let county: TestClient; // chengguan.anquan: security admin of 城关区 620102
let city: TestClient; // lanzhou.anquan: security admin of 兰州市 620100
let province: TestClient; // secadmin
let sysadmin: TestClient;
let sibling: { id: string; username: string }; // qilihe.dengji in 七里河区 620103
/** every successful response body seen in this file, to check that no secret ever leaves */
const seen: string[] = [];

beforeAll(async () => {
  t = await buildTestApp();
  [county, city, province, sysadmin] = await Promise.all([
    t.loginAs('chengguan.anquan'),
    t.loginAs('lanzhou.anquan'),
    t.loginAs('secadmin'),
    t.loginAs('sysadmin'),
  ]);
  sibling = { id: await t.userId('qilihe.dengji'), username: 'qilihe.dengji' };
  await t.createAccount({ username: 'jiayuguan.staff', regionCode: '620200' });
  await t.createAccount({ username: 'xinqu.staff', regionCode: '620171' });
  await t.createAccount({ username: 'kuangqu.staff', regionCode: '629900' });
});
afterAll(() => t.close());

function keep(res: LightMyRequestResponse): LightMyRequestResponse {
  if (res.statusCode < 300) seen.push(res.body);
  return res;
}

async function list(c: TestClient, query = '') {
  const res = keep(await c.get(`/api/users?pageSize=200${query}`));
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: { id: string; username: string; regionCode: string; displayName: string }[]; total: number };
}

/** The refusal is in the audit trail as denied, under the request id the client was given. */
async function expectDeniedAudit(res: LightMyRequestResponse, action: string, actorName: string) {
  const requestId = res.json().requestId as string;
  const row = await t.database.db.selectFrom('audit_log').selectAll().where('request_id', '=', requestId).executeTakeFirst();
  expect(row, `audit row for ${action}`).toMatchObject({ action, outcome: 'denied', actor_name: actorName });
}

async function userRow(username: string) {
  return t.database.db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
}

async function readXlsx(res: LightMyRequestResponse): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    const values = row.values as unknown[];
    rows.push(values.slice(1).map((v) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v))));
  });
  return rows;
}

const exportHeader = [
  '用户名',
  '姓名',
  '账号类型',
  '岗位角色',
  '区域代码',
  '所属区域',
  '所属单位',
  '状态',
  '已锁定',
  '已绑定动态验证码',
  '最近登录',
];

describe('county security admin (chengguan.anquan, 620102)', () => {
  it('lists only 620102 accounts', async () => {
    const page = await list(county);
    expect(page.items.length).toBeGreaterThanOrEqual(8);
    expect(new Set(page.items.map((u) => u.regionCode))).toEqual(new Set(['620102']));
    const names = page.items.map((u) => u.username);
    expect(names).toEqual(expect.arrayContaining(['chengguan.dengji', 'jigou.demo', 'xueyuan.demo']));
    expect(names).not.toContain('qilihe.dengji');
    const inDb = await t.database.db
      .selectFrom('app_user')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('region_code', '=', '620102')
      .executeTakeFirstOrThrow();
    expect(page.total).toBe(Number(inDb.n));
  });

  it('finds nothing of a sibling county by searching', async () => {
    expect((await list(county, '&q=qilihe')).total).toBe(0);
  });

  it('is refused a filter on a sibling county', async () => {
    const res = keep(await county.get('/api/users?regionCode=620103'));
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('OUT_OF_SCOPE');
    await expectDeniedAudit(res, 'users.read', 'chengguan.anquan');
  });

  it('cannot read a sibling-county account by id', async () => {
    const res = keep(await county.get(`/api/users/${sibling.id}`));
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('OUT_OF_SCOPE');
    expect(res.body).not.toContain('qilihe');
    expect(res.body).not.toContain('七里河');
    expect(Object.keys(res.json()).sort()).toEqual(['code', 'message', 'requestId']);
    await expectDeniedAudit(res, 'users.read', 'chengguan.anquan');
  });

  it('cannot change, disable, unlock or reset a sibling-county account', async () => {
    const before = await userRow('qilihe.dengji');
    const attempts = [
      await county.patch(`/api/users/${sibling.id}`, { displayName: '改名' }),
      await county.post(`/api/users/${sibling.id}/disable`, { reason: '越权尝试' }),
      await county.post(`/api/users/${sibling.id}/unlock`, { reason: '越权尝试' }),
      await county.post(`/api/users/${sibling.id}/reset-totp`, { reason: '越权尝试' }),
      await county.post(`/api/users/${sibling.id}/reset-password`, { reason: '越权尝试' }),
    ];
    for (const res of attempts) {
      keep(res);
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().code).toBe('OUT_OF_SCOPE');
      expect(res.body).not.toContain('oneTimePassword');
      await expectDeniedAudit(res, 'users.write', 'chengguan.anquan');
    }
    expect(await userRow('qilihe.dengji')).toEqual(before);
  });

  it('cannot move an own account into a sibling county', async () => {
    const { id } = await t.createAccount({ username: 'mover.staff', regionCode: '620102' });
    const res = keep(await county.patch(`/api/users/${id}`, { regionCode: '620103' }));
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('OUT_OF_SCOPE');
    expect((await userRow('mover.staff'))?.region_code).toBe('620102');
    await expectDeniedAudit(res, 'users.write', 'chengguan.anquan');
  });

  it('cannot create an account in a sibling county', async () => {
    const res = keep(
      await county.post('/api/users', {
        username: 'sneaky.staff',
        displayName: '越权新建',
        kind: 'staff',
        regionCode: '620103',
        roles: ['registrar'],
      }),
    );
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('OUT_OF_SCOPE');
    expect(await userRow('sneaky.staff')).toBeUndefined();
    await expectDeniedAudit(res, 'users.write', 'chengguan.anquan');
  });

  it('creates an account in its own county with a one-time password, audited', async () => {
    const before = await t.lastAuditSeq();
    const res = keep(
      await county.post('/api/users', {
        username: 'cg.new',
        displayName: '城关新登记员',
        kind: 'staff',
        regionCode: '620102',
        roles: ['registrar'],
      }),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user).toMatchObject({
      username: 'cg.new',
      regionCode: '620102',
      regionName: '城关区',
      status: 'active',
      mustChangePassword: true,
      roles: ['registrar'],
    });
    const rows = await t.auditSince(before);
    expect(rows).toContainEqual(
      expect.objectContaining({ action: 'users.create', outcome: 'success', target_id: res.json().user.id, region_code: '620102' }),
    );
    expect(JSON.stringify(rows)).not.toContain(res.json().oneTimePassword);
  });

  it('is refused an export of a sibling county, audited as denied', async () => {
    const res = keep(await county.get('/api/users/export?regionCode=620103'));
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('OUT_OF_SCOPE');
    await expectDeniedAudit(res, 'users.export', 'chengguan.anquan');
  });

  it('exports only 620102 rows, with a header row, audited as users.export', async () => {
    const before = await t.lastAuditSeq();
    const res = await county.get('/api/users/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename\*=UTF-8''/);
    expect(res.headers['cache-control']).toBe('no-store');
    const rows = await readXlsx(res);
    expect(rows[0]).toEqual(exportHeader);
    const data = rows.slice(1);
    const { total } = await list(county);
    expect(data).toHaveLength(total);
    expect(new Set(data.map((r) => r[4]))).toEqual(new Set(['620102']));
    expect(data.map((r) => r[0])).not.toContain('qilihe.dengji');

    const audit = (await t.auditSince(before)).find((r) => r.action === 'users.export');
    expect(audit).toMatchObject({
      outcome: 'success',
      actor_name: 'chengguan.anquan',
      region_code: '620102',
      details: expect.objectContaining({ rows: total }),
    });
  });

  it('escapes formula injection in exported cells', async () => {
    const names = ['=HYPERLINK("http://evil.example","点我")', '+SUM(1,2)', '-2+3', '@cmd', '\t=1+1'];
    for (const [i, displayName] of names.entries()) {
      const res = keep(await county.post('/api/users', { username: `formula.${i}`, displayName, kind: 'trainee', regionCode: '620102' }));
      expect(res.statusCode, res.body).toBe(200);
    }
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await county.get('/api/users/export?q=formula')).rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(names.length + 1);
    const cells = new Map<string, ExcelJS.Cell>();
    sheet.eachRow((row, n) => {
      if (n > 1) cells.set(String(row.getCell(1).value), row.getCell(2));
    });
    for (const [i, displayName] of names.entries()) {
      const cell = cells.get(`formula.${i}`)!;
      expect(cell.type, displayName).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      expect(String(cell.value).startsWith("'"), displayName).toBe(true);
      expect(cell.value).toBe(`'${displayName.trim()}`);
    }
  });

  it('ends the sessions of an account whose roles change', async () => {
    await t.createAccount({ username: 'role.change', regionCode: '620102' });
    const victim = await t.loginAs('role.change');
    const id = await t.userId('role.change');
    const res = keep(await county.patch(`/api/users/${id}`, { roles: ['training_officer'] }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().roles).toEqual(['training_officer']);
    expect((await victim.get('/api/home')).statusCode).toBe(401);
  });

  it('cannot act on its own account', async () => {
    const own = await t.userId('chengguan.anquan');
    const res = keep(await county.post(`/api/users/${own}/disable`, { reason: '自己停用自己' }));
    expect(res.statusCode).toBe(403);
    expect((await userRow('chengguan.anquan'))?.status).toBe('active');
  });
});

describe('city security admin (lanzhou.anquan, 620100)', () => {
  it('sees the accounts of its counties and nothing of other cities or city-level peers', async () => {
    const page = await list(city);
    const subtree = t.services.regions.subtree('620100');
    for (const u of page.items) expect(subtree.has(u.regionCode), `${u.username} ${u.regionCode}`).toBe(true);
    const names = page.items.map((u) => u.username);
    expect(names).toEqual(expect.arrayContaining(['lanzhou.anquan', 'chengguan.dengji', 'qilihe.dengji', 'xigu.dengji']));
    // 620200 嘉峪关 is another city; 兰州新区 620171 and 甘肃矿区 629900 are city-level units of their own
    for (const outside of ['jiayuguan.staff', 'xinqu.staff', 'kuangqu.staff', 'secadmin']) expect(names).not.toContain(outside);
  });

  it('cannot read or create in another city', async () => {
    const other = await t.userId('jiayuguan.staff');
    const read = keep(await city.get(`/api/users/${other}`));
    expect(read.statusCode).toBe(403);
    expect(read.body).not.toContain('jiayuguan');
    const created = keep(
      await city.post('/api/users', {
        username: 'lz.to.jyg',
        displayName: '越权',
        kind: 'staff',
        regionCode: '620200',
        roles: ['registrar'],
      }),
    );
    expect(created.json().code).toBe('OUT_OF_SCOPE');
    await expectDeniedAudit(created, 'users.write', 'lanzhou.anquan');
  });

  it('sees every row of the province from secadmin', async () => {
    const names = (await list(province)).items.map((u) => u.username);
    expect(names).toEqual(expect.arrayContaining(['jiayuguan.staff', 'xinqu.staff', 'kuangqu.staff', 'qilihe.dengji']));
  });

  it('narrows a province admin to 620102 with the view region', async () => {
    const c = await t.loginAs('secadmin');
    expect((await c.put('/api/auth/session/view-region', { viewRegionCode: '620102' })).statusCode).toBe(200);
    const page = await list(c);
    expect(new Set(page.items.map((u) => u.regionCode))).toEqual(new Set(['620102']));
    expect(keep(await c.get(`/api/users/${sibling.id}`)).json().code).toBe('OUT_OF_SCOPE');
  });
});

describe('administrator accounts (MLPS separation of duties)', () => {
  it('are not created by the security admin', async () => {
    for (const role of ['system_admin', 'security_admin', 'audit_admin']) {
      const res = keep(
        await province.post('/api/users', {
          username: `want.${role}`,
          displayName: '越权管理员',
          kind: 'staff',
          regionCode: '620000',
          roles: [role],
        }),
      );
      expect(res.statusCode, role).toBe(403);
      expect(res.json()).toMatchObject({ code: 'FORBIDDEN', message: '管理员账号只能由系统管理员管理' });
      await expectDeniedAudit(res, 'users.write', 'secadmin');
    }
  });

  it('nor granted by the security admin to an existing account', async () => {
    const id = await t.userId('chengguan.peixun');
    const res = keep(await province.patch(`/api/users/${id}`, { roles: ['security_admin'] }));
    expect(res.statusCode).toBe(403);
    expect((await userRow('chengguan.peixun'))?.roles).toEqual(['training_officer']);
  });

  it('are created by the system admin, who manages administrator accounts', async () => {
    const res = keep(
      await sysadmin.post('/api/users', {
        username: 'new.secadmin',
        displayName: '新安全管理员',
        kind: 'staff',
        regionCode: '620100',
        roles: ['security_admin'],
      }),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().user).toMatchObject({ username: 'new.secadmin', roles: ['security_admin'], mustChangePassword: true });
    const id = res.json().user.id as string;
    const disabled = keep(await sysadmin.post(`/api/users/${id}/disable`, { reason: '测试停用' }));
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(disabled.json().status).toBe('disabled');
  });

  it('while the system admin cannot create or change business accounts', async () => {
    const res = keep(
      await sysadmin.post('/api/users', {
        username: 'sys.registrar',
        displayName: '越权业务账号',
        kind: 'staff',
        regionCode: '620102',
        roles: ['registrar'],
      }),
    );
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
    const id = await t.userId('chengguan.caiwu');
    expect(keep(await sysadmin.post(`/api/users/${id}/disable`, { reason: '越权停用' })).statusCode).toBe(403);
    expect((await userRow('chengguan.caiwu'))?.status).toBe('active');
    expect(await userRow('sys.registrar')).toBeUndefined();
  });

  it('hold their role alone', async () => {
    const mixed = keep(
      await sysadmin.post('/api/users', {
        username: 'mixed.admin',
        displayName: '兼任',
        kind: 'staff',
        regionCode: '620000',
        roles: ['system_admin', 'audit_admin'],
      }),
    );
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().details.issues).toEqual([expect.objectContaining({ field: 'body.roles', label: '岗位角色' })]);
    expect(mixed.json().message).toContain('不能与其他角色兼任');
    const withDuty = keep(
      await province.post('/api/users', {
        username: 'mixed.duty',
        displayName: '兼任',
        kind: 'staff',
        regionCode: '620102',
        roles: ['registrar', 'security_admin'],
      }),
    );
    expect(withDuty.statusCode).toBe(400);
    const none = keep(
      await province.post('/api/users', { username: 'no.role', displayName: '无角色', kind: 'staff', regionCode: '620102', roles: [] }),
    );
    expect(none.json().message).toBe('至少选择一个岗位角色');
    const traineeWithRole = keep(
      await province.post('/api/users', {
        username: 'trainee.role',
        displayName: '学员',
        kind: 'trainee',
        regionCode: '620102',
        roles: ['registrar'],
      }),
    );
    expect(traineeWithRole.statusCode).toBe(400);
    for (const u of ['mixed.admin', 'mixed.duty', 'no.role', 'trainee.role']) expect(await userRow(u)).toBeUndefined();
  });
});

describe('input rules', () => {
  it('answers a taken username with 409 naming 用户名, case-insensitively', async () => {
    for (const username of ['chengguan.dengji', 'ChengGuan.DengJi']) {
      const res = keep(
        await county.post('/api/users', { username, displayName: '重名', kind: 'staff', regionCode: '620102', roles: ['registrar'] }),
      );
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('CONFLICT');
      expect(res.json().details.issues).toEqual([expect.objectContaining({ field: 'body.username', label: '用户名' })]);
    }
  });

  it('refuses unknown body fields (no mass assignment), naming them', async () => {
    const created = keep(
      await county.post('/api/users', {
        username: 'mass.assign',
        displayName: '批量赋值',
        kind: 'staff',
        regionCode: '620102',
        roles: ['registrar'],
        status: 'disabled',
        id: '00000000-0000-4000-8000-000000000000',
      }),
    );
    expect(created.statusCode).toBe(400);
    expect(created.json().code).toBe('VALIDATION_FAILED');
    const fields = created.json().details.issues.map((i: { field: string }) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['body.status', 'body.id']));
    expect(created.json().message).toContain('status');
    expect(await userRow('mass.assign')).toBeUndefined();

    const id = await t.userId('chengguan.jiuye');
    const before = await userRow('chengguan.jiuye');
    for (const body of [
      { status: 'disabled' },
      { kind: 'trainee' },
      { password_hash: 'x' },
      { mustChangePassword: false },
      { totpEnabled: false },
    ]) {
      const res = keep(await county.patch(`/api/users/${id}`, body));
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().details.issues[0].field).toBe(`body.${Object.keys(body)[0]}`);
    }
    expect(await userRow('chengguan.jiuye')).toEqual(before);
  });

  it('names the field of a bad username in Chinese', async () => {
    const res = keep(
      await county.post('/api/users', {
        username: '1张三',
        displayName: '张三',
        kind: 'staff',
        regionCode: '620102',
        roles: ['registrar'],
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0]).toMatchObject({ field: 'body.username', label: '用户名' });
    expect(res.json().message).toContain('用户名');
  });
});

describe('responses', () => {
  it('never carry a password hash or a second-factor secret', async () => {
    keep(await province.get(`/api/users/${await t.userId('xigu.dengji')}`));
    keep(await sysadmin.get('/api/users?pageSize=200'));
    expect(seen.length).toBeGreaterThan(10);
    for (const body of seen) {
      expect(body).not.toMatch(/password_?hash|\$argon2|totp_?secret|JBSWY3DPEHPK3PXP/i);
    }
  });
});
