import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/demo-seed';
import { buildTestApp, type TestApp, type TestClient } from '../../testing/test-app';

let t: TestApp;
let admin: TestClient;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await t.loginAs('secadmin');
});
afterAll(() => t.close());

async function createBySecurityAdmin(username: string, kind: 'staff' | 'trainee' = 'staff') {
  const res = await admin.post('/api/users', {
    username,
    displayName: `新账号 ${username}`,
    kind,
    regionCode: '620102',
    roles: kind === 'staff' ? ['registrar'] : [],
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { user: { id: string; mustChangePassword: boolean }; oneTimePassword: string };
}

function change(c: TestClient, currentPassword: string, newPassword: string) {
  return c.post('/api/auth/password', { currentPassword, newPassword });
}

describe('forced password change', () => {
  let oneTime: string;
  let c: TestClient;

  beforeAll(async () => {
    const created = await createBySecurityAdmin('pw.new');
    oneTime = created.oneTimePassword;
    expect(created.user.mustChangePassword).toBe(true);
    c = t.client();
  });

  it('hands out a one-time password that itself meets the policy', () => {
    expect(oneTime).toHaveLength(16);
    expect(oneTime).toMatch(/[A-Z]/);
    expect(oneTime).toMatch(/[a-z]/);
    expect(oneTime).toMatch(/[0-9]/);
  });

  it('signs in with it at stage change_password, and business routes answer STEP_REQUIRED', async () => {
    const res = await c.post('/api/auth/login', { username: 'pw.new', password: oneTime });
    expect(res.json()).toMatchObject({ stage: 'change_password', user: { actions: [] } });
    for (const url of ['/api/home', '/api/users']) {
      const refused = await c.get(url);
      expect(refused.statusCode, url).toBe(403);
      expect(refused.json().code, url).toBe('STEP_REQUIRED');
    }
    expect((await c.put('/api/me/preferences', { careMode: true })).json().code).toBe('STEP_REQUIRED');
    expect((await c.post('/api/auth/totp/enrolment/start', {})).json().code).toBe('STEP_REQUIRED');
  });

  it.each([
    ['too short', 'Ab1#short', '至少 12 个字符'],
    ['fewer than three classes', 'alllowercase2026', '至少三类'],
    ['containing the username', 'Xy#2026pw.new', '不能包含用户名'],
    ['the current one again', null, '不能与当前密码相同'],
  ])('refuses a new password %s with PASSWORD_POLICY naming 新密码', async (_case, password, fragment) => {
    const res = await change(c, oneTime, password ?? oneTime);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('PASSWORD_POLICY');
    expect(body.message).toContain('新密码');
    expect(body.message).toContain(fragment);
    expect(body.details.issues.length).toBeGreaterThan(0);
    for (const issue of body.details.issues) expect(issue).toMatchObject({ field: 'body.newPassword', label: '新密码' });
    expect(body.details.issues.map((i: { message: string }) => i.message).join('；')).toContain(fragment);
    expect((await t.sessionRow(c))?.stage).toBe('change_password');
  });

  it('refuses a wrong current password naming 当前密码', async () => {
    const res = await change(c, 'Not-The-One#2026', 'Brand-New#Pass2026');
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues).toEqual([expect.objectContaining({ field: 'body.currentPassword', label: '当前密码' })]);
  });

  it('accepts a good new password: the session becomes active and the one-time password is spent', async () => {
    const other = t.client();
    expect((await other.post('/api/auth/login', { username: 'pw.new', password: oneTime })).json().stage).toBe('change_password');

    const before = await t.lastAuditSeq();
    const res = await change(c, oneTime, 'Brand-New#Pass2026');
    expect(res.statusCode).toBe(200);
    expect(res.json().stage).toBe('active');
    expect((await c.get('/api/home')).statusCode).toBe(200);
    expect((await t.auditSince(before)).map((r) => [r.action, r.outcome, r.actor_name])).toContainEqual([
      'auth.password',
      'success',
      'pw.new',
    ]);
    // Whoever else held the old password is out.
    expect((await t.sessionRow(other))?.ended_at).toBeInstanceOf(Date);

    expect((await t.client().post('/api/auth/login', { username: 'pw.new', password: oneTime })).json().code).toBe('LOGIN_FAILED');
    const fresh = await t.client().post('/api/auth/login', { username: 'pw.new', password: 'Brand-New#Pass2026' });
    expect(fresh.json().stage).toBe('active');
    expect(fresh.json().user.actions).toContain('home.read');
  });

  it('stores an argon2id hash, never the password', async () => {
    const row = await t.database.db
      .selectFrom('app_user')
      .select(['password_hash', 'must_change_password'])
      .where('username', '=', 'pw.new')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain('Brand-New#Pass2026');
    expect(row.must_change_password).toBe(false);
  });
});

describe('trainee passwords', () => {
  it('refuses a common password (8 characters suffice for trainees)', async () => {
    const { oneTimePassword } = await createBySecurityAdmin('pw.trainee', 'trainee');
    const c = t.client();
    expect((await c.post('/api/auth/login', { username: 'pw.trainee', password: oneTimePassword })).json().stage).toBe('change_password');
    const common = await change(c, oneTimePassword, 'Admin@123');
    expect(common.json().code).toBe('PASSWORD_POLICY');
    expect(common.json().details.issues.map((i: { message: string }) => i.message)).toContain('密码过于常见，请换一个');
    expect((await change(c, oneTimePassword, 'Qinghe#2026')).json().stage).toBe('active');
  });
});

describe('password expiry', () => {
  async function age(username: string, days: number) {
    await sql`UPDATE app_user SET password_changed_at = now() - make_interval(days => ${days}) WHERE username = ${username}`.execute(
      t.database.db,
    );
  }

  it('forces a change once a staff password is older than PASSWORD_MAX_AGE_DAYS', async () => {
    expect(t.config.PASSWORD_MAX_AGE_DAYS).toBe(90);
    await t.createAccount({ username: 'pw.old' });
    await age('pw.old', 91);
    const c = t.client();
    const res = await c.post('/api/auth/login', { username: 'pw.old', password: DEMO_PASSWORD });
    expect(res.json().stage).toBe('change_password');
    expect(res.json().passwordExpiresInDays).toBeLessThan(0);
    expect((await c.get('/api/home')).json().code).toBe('STEP_REQUIRED');

    expect((await change(c, DEMO_PASSWORD, 'Renewed#Secret2026')).json().stage).toBe('active');
    const next = await t.client().post('/api/auth/login', { username: 'pw.old', password: 'Renewed#Secret2026' });
    expect(next.json().stage).toBe('active');
    expect(next.json().passwordExpiresInDays).toBe(90);
  });

  it('leaves a staff password of 89 days alone, and says how long it has left', async () => {
    await t.createAccount({ username: 'pw.aging' });
    await age('pw.aging', 89);
    const res = await t.client().post('/api/auth/login', { username: 'pw.aging', password: DEMO_PASSWORD });
    expect(res.json()).toMatchObject({ stage: 'active' });
    expect(res.json().passwordExpiresInDays).toBeGreaterThanOrEqual(0);
    expect(res.json().passwordExpiresInDays).toBeLessThanOrEqual(1);
  });

  it('does not expire trainee passwords', async () => {
    await t.createAccount({ username: 'pw.oldtrainee', kind: 'trainee' });
    await age('pw.oldtrainee', 400);
    const res = await t.client().post('/api/auth/login', { username: 'pw.oldtrainee', password: DEMO_PASSWORD });
    expect(res.json()).toMatchObject({ stage: 'active', passwordExpiresInDays: null });
  });
});
