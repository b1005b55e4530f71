import { Secret } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/demo-seed';
import { buildTestApp, type TestApp, totpCode, wrongTotpCode } from '../../testing/test-app';

/** t: demo configuration (TOTP optional); enrol: REQUIRE_STAFF_TOTP=true */
let t: TestApp;
let enrol: TestApp;
beforeAll(async () => {
  [t, enrol] = await Promise.all([buildTestApp(), buildTestApp({ env: { REQUIRE_STAFF_TOTP: 'true' } })]);
});
afterAll(async () => {
  await Promise.all([t?.close(), enrol?.close()]);
});

describe('second factor at login (xigu.dengji has TOTP bound)', () => {
  it('asks for the code after the password and holds business routes until then', async () => {
    const c = t.client();
    const res = await c.post('/api/auth/login', { username: 'xigu.dengji', password: DEMO_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      authenticated: true,
      stage: 'totp',
      user: { username: 'xigu.dengji', totpEnabled: true, actions: [] },
    });

    const home = await c.get('/api/home');
    expect(home.statusCode).toBe(403);
    expect(home.json().code).toBe('STEP_REQUIRED');
    expect((await c.post('/api/auth/session/extend', {})).json().code).toBe('STEP_REQUIRED');
    // Someone with only the password cannot bind a second factor of their own instead.
    expect((await c.post('/api/auth/totp/enrolment/start', {})).json().code).toBe('STEP_REQUIRED');
    expect((await c.post('/api/auth/totp/enrolment', { code: totpCode() })).json().code).toBe('STEP_REQUIRED');
  });

  it('refuses a wrong code and audits it, then accepts the right one; a replayed code is refused', async () => {
    const c = t.client();
    await c.post('/api/auth/login', { username: 'xigu.dengji', password: DEMO_PASSWORD });

    const before = await t.lastAuditSeq();
    const wrong = await c.post('/api/auth/totp', { code: wrongTotpCode() });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('TOTP_INVALID');
    expect(wrong.json().details.issues).toEqual([expect.objectContaining({ field: 'body.code', label: '动态验证码' })]);
    const audited = await t.auditSince(before);
    expect(audited).toContainEqual(expect.objectContaining({ action: 'auth.totp', outcome: 'failure', actor_name: 'xigu.dengji' }));
    expect((await t.sessionRow(c))?.stage).toBe('totp');

    const code = totpCode();
    const right = await c.post('/api/auth/totp', { code });
    expect(right.statusCode).toBe(200);
    expect(right.json().stage).toBe('active');
    expect(right.json().user.actions).toContain('home.read');
    expect((await c.get('/api/home')).statusCode).toBe(200);
    expect((await t.auditSince(before)).map((r) => [r.action, r.outcome])).toContainEqual(['auth.totp', 'success']);

    // A second login within the same 30 s cannot reuse the code that was just used.
    const thief = t.client();
    await thief.post('/api/auth/login', { username: 'xigu.dengji', password: DEMO_PASSWORD });
    const replay = await thief.post('/api/auth/totp', { code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('TOTP_INVALID');
    expect((await thief.get('/api/home')).json().code).toBe('STEP_REQUIRED');

    // The next time step's code is new and is accepted (the window allows one step of drift).
    const next = await thief.post('/api/auth/totp', { code: totpCode(undefined, Date.now() + 30_000) });
    expect(next.statusCode).toBe(200);
    expect(next.json().stage).toBe('active');
  });

  it('refuses a code that is not six digits as a validation error naming the field', async () => {
    const c = t.client();
    await c.post('/api/auth/login', { username: 'xigu.dengji', password: DEMO_PASSWORD });
    const res = await c.post('/api/auth/totp', { code: '12ab' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().details.issues[0]).toMatchObject({ field: 'body.code', label: '动态验证码' });
    expect(res.json().message).toContain('动态验证码');
  });

  it('locks the account and ends the half-open session after LOGIN_MAX_FAILURES wrong codes', async () => {
    const secret = new Secret({ size: 20 }).base32;
    await t.createAccount({ username: 'totp.guess', totpSecret: secret });
    const c = t.client();
    await c.post('/api/auth/login', { username: 'totp.guess', password: DEMO_PASSWORD });
    const bad = wrongTotpCode(secret);
    for (let i = 1; i < t.config.LOGIN_MAX_FAILURES; i++)
      expect((await c.post('/api/auth/totp', { code: bad })).json().code).toBe('TOTP_INVALID');
    const last = await c.post('/api/auth/totp', { code: bad });
    expect(last.statusCode).toBe(423);
    expect(last.json().code).toBe('ACCOUNT_LOCKED');
    expect((await t.sessionRow(c))?.ended_at).toBeInstanceOf(Date);
    // even the right code is of no use now
    expect((await c.post('/api/auth/totp', { code: totpCode(secret) })).statusCode).toBe(401);
    expect((await t.client().post('/api/auth/login', { username: 'totp.guess', password: DEMO_PASSWORD })).statusCode).toBe(423);
  });
});

describe('enrolment when REQUIRE_STAFF_TOTP=true', () => {
  it('makes a staff account bind a second factor before anything else', async () => {
    const c = enrol.client();
    const res = await c.post('/api/auth/login', { username: 'chengguan.dengji', password: DEMO_PASSWORD });
    expect(res.json()).toMatchObject({ stage: 'totp_enrol', user: { totpEnabled: false } });
    expect((await c.get('/api/home')).json().code).toBe('STEP_REQUIRED');
    // confirming before a secret was handed out is refused
    expect((await c.post('/api/auth/totp/enrolment', { code: '123456' })).json().code).toBe('STEP_REQUIRED');

    // No state change on GET: issuing a secret is a POST (with the CSRF token) only.
    for (const url of ['/api/auth/totp/enrolment/start', '/api/auth/totp/enrolment']) {
      const viaGet = await c.get(url);
      expect(viaGet.statusCode, url).toBe(404);
      expect(viaGet.json().code, url).toBe('ROUTE_NOT_FOUND');
    }
    const noCsrf = await c.post('/api/auth/totp/enrolment/start', {}, { 'x-csrf-token': 'forged' });
    expect(noCsrf.json().code).toBe('CSRF_REJECTED');
    const started = await c.post('/api/auth/totp/enrolment/start', {});
    expect(started.statusCode).toBe(200);
    expect(started.headers['cache-control']).toBe('no-store');
    const { secret, otpauthUrl, qrSvg } = started.json() as { secret: string; otpauthUrl: string; qrSvg: string };
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/AbleTrain:chengguan\.dengji\?/);
    expect(new URL(otpauthUrl).searchParams.get('secret')).toBe(secret);
    expect(qrSvg).toContain('<svg');

    const wrong = await c.post('/api/auth/totp/enrolment', { code: wrongTotpCode(secret) });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('TOTP_INVALID');

    const before = await enrol.lastAuditSeq();
    const confirmed = await c.post('/api/auth/totp/enrolment', { code: totpCode(secret) });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ stage: 'active', user: { totpEnabled: true } });
    expect((await c.get('/api/home')).statusCode).toBe(200);
    expect((await enrol.auditSince(before)).map((r) => [r.action, r.outcome])).toContainEqual(['auth.totp_enrol', 'success']);
    const row = await enrol.database.db
      .selectFrom('app_user')
      .select(['totp_enabled', 'totp_secret'])
      .where('username', '=', 'chengguan.dengji')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ totp_enabled: true, totp_secret: secret });

    // Next login asks for the code, not for enrolment; the next step's code is accepted.
    const again = enrol.client();
    expect((await again.post('/api/auth/login', { username: 'chengguan.dengji', password: DEMO_PASSWORD })).json().stage).toBe('totp');
    expect((await again.post('/api/auth/totp', { code: totpCode(secret, Date.now() + 30_000) })).json().stage).toBe('active');
  });

  it('moves a new account from enrolment to the forced password change', async () => {
    await enrol.createAccount({ username: 'fresh.staff', mustChangePassword: true });
    const c = enrol.client();
    expect((await c.post('/api/auth/login', { username: 'fresh.staff', password: DEMO_PASSWORD })).json().stage).toBe('totp_enrol');
    const { secret } = (await c.post('/api/auth/totp/enrolment/start', {})).json() as { secret: string };
    expect((await c.post('/api/auth/totp/enrolment', { code: totpCode(secret) })).json().stage).toBe('change_password');
    expect((await c.get('/api/home')).json().code).toBe('STEP_REQUIRED');
    const changed = await c.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'Fresh-Start#2026x' });
    expect(changed.json().stage).toBe('active');
  });

  it('does not force a second factor on trainees', async () => {
    const res = await enrol.client().post('/api/auth/login', { username: 'xueyuan.demo', password: DEMO_PASSWORD });
    expect(res.json().stage).toBe('active');
  });
});
