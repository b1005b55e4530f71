import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/demo-seed';
import { buildTestApp, type TestApp, type TestClient } from '../../testing/test-app';
import { hashToken } from './auth.service';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const WRONG = 'Wrong#Password2026';

function login(c: TestClient, username: string, password: string) {
  return c.post('/api/auth/login', { username, password });
}

/** What a person sees of a refusal: everything but the request id. */
function visible(res: { statusCode: number; json(): unknown }) {
  const { requestId: _ignored, ...rest } = res.json() as { requestId: string };
  return { status: res.statusCode, ...rest };
}

async function moveSession(c: TestClient, changes: { lastSeenMinutesAgo?: number; expiresSecondsFromNow?: number }) {
  const token = c.sessionToken;
  expect(token).toBeDefined();
  let query = t.database.db.updateTable('user_session').where('token_hash', '=', hashToken(token!));
  if (changes.lastSeenMinutesAgo !== undefined)
    query = query.set({ last_seen_at: new Date(Date.now() - changes.lastSeenMinutesAgo * 60_000) });
  if (changes.expiresSecondsFromNow !== undefined)
    query = query.set({ expires_at: new Date(Date.now() + changes.expiresSecondsFromNow * 1000) });
  await query.execute();
}

describe('login', () => {
  it('signs a demo account in and answers its session', async () => {
    const c = await t.loginAs('secadmin');
    const res = await c.get('/api/auth/session');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ authenticated: true, stage: 'active', user: { username: 'secadmin', roles: ['security_admin'] } });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers an anonymous session without a user', async () => {
    const res = await t.client().get('/api/auth/session');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ authenticated: false, stage: null, user: null });
    expect(res.json().csrfToken).toMatch(/^[A-Za-z0-9_-]{32,64}$/);
  });

  it('records a successful login in the audit trail', async () => {
    const before = await t.lastAuditSeq();
    await t.loginAs('sheng.tongji');
    const rows = await t.auditSince(before);
    expect(rows.map((r) => [r.action, r.outcome, r.actor_name])).toContainEqual(['auth.login', 'success', 'sheng.tongji']);
  });

  it('gives an unknown user and a wrong password the same code and message (no enumeration)', async () => {
    const wrongPassword = await login(t.client(), 'chengguan.caiwu', WRONG);
    const unknownUser = await login(t.client(), 'nobody.here', WRONG);
    expect(wrongPassword.statusCode).toBe(401);
    expect(wrongPassword.json().code).toBe('LOGIN_FAILED');
    expect(wrongPassword.json().message).toBe('用户名或密码不正确');
    expect(visible(unknownUser)).toEqual(visible(wrongPassword));
    expect(wrongPassword.cookies.find((c) => c.name === t.cookieNames.session)).toBeUndefined();
  });

  it('audits both refusals as failures without the password', async () => {
    const before = await t.lastAuditSeq();
    await login(t.client(), 'chengguan.jiuye', 'Secret#Typo2026');
    const rows = await t.auditSince(before);
    const failure = rows.find((r) => r.action === 'auth.login' && r.outcome === 'failure');
    expect(failure).toBeDefined();
    expect(JSON.stringify(failure)).not.toContain('Secret#Typo2026');
  });

  it('matches the username case-insensitively', async () => {
    const res = await login(t.client(), 'SHENG.TongJi', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.username).toBe('sheng.tongji');
  });

  it('refuses an empty or missing password as a validation error naming the field', async () => {
    const res = await t.client().post('/api/auth/login', { username: 'secadmin' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect(res.json().details.issues).toContainEqual(expect.objectContaining({ field: 'body.password', label: '密码' }));
  });
});

describe('lockout', () => {
  const max = 5;

  it('locks a real and an unknown username alike after LOGIN_MAX_FAILURES failures', async () => {
    expect(t.config.LOGIN_MAX_FAILURES).toBe(max);
    await t.createAccount({ username: 'lock.real' });
    const real = t.client();
    const ghost = t.client();
    for (let i = 1; i <= max; i++) {
      const a = await login(real, 'lock.real', WRONG);
      const b = await login(ghost, 'lock.ghost', WRONG);
      expect(visible(b), `attempt ${i}`).toEqual(visible(a));
      expect(a.json().code).toBe(i < max ? 'LOGIN_FAILED' : 'ACCOUNT_LOCKED');
      if (i === max) expect(a.statusCode).toBe(423);
    }
    // Locked: even the right password is refused, and from another address too.
    const right = await login(t.client(), 'lock.real', DEMO_PASSWORD);
    expect(right.statusCode).toBe(423);
    expect(right.json().code).toBe('ACCOUNT_LOCKED');
    const ghostAgain = await login(t.client(), 'lock.ghost', DEMO_PASSWORD);
    expect(visible(ghostAgain)).toEqual(visible(right));
  });

  it('audits the lockout', async () => {
    const rows = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'auth.lockout').execute();
    expect(rows.map((r) => r.actor_name)).toEqual(expect.arrayContaining(['lock.real', 'lock.ghost']));
  });

  it('unlocks by itself once the lock window has passed', async () => {
    await t.createAccount({ username: 'lock.timed' });
    const c = t.client();
    for (let i = 0; i < max; i++) await login(c, 'lock.timed', WRONG);
    expect((await login(t.client(), 'lock.timed', DEMO_PASSWORD)).statusCode).toBe(423);
    const minutes = t.config.LOGIN_LOCK_MINUTES + 1;
    await sql`UPDATE login_failure SET occurred_at = occurred_at - make_interval(mins => ${minutes}) WHERE username = 'lock.timed'`.execute(
      t.database.db,
    );
    const res = await login(t.client(), 'lock.timed', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().stage).toBe('active');
  });

  it('unlocks when the security admin says so, and the admin sees the lock first', async () => {
    const { id } = await t.createAccount({ username: 'lock.admin', regionCode: '620102' });
    const c = t.client();
    for (let i = 0; i < max; i++) await login(c, 'lock.admin', WRONG);
    expect((await login(t.client(), 'lock.admin', DEMO_PASSWORD)).statusCode).toBe(423);

    const admin = await t.loginAs('secadmin');
    const listed = await admin.get('/api/users?q=lock.admin');
    expect(listed.json().items).toEqual([expect.objectContaining({ id, locked: true })]);
    const unlocked = await admin.post(`/api/users/${id}/unlock`, { reason: '本人来电核实身份' });
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json()).toMatchObject({ id, locked: false });

    const res = await login(t.client(), 'lock.admin', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
  });

  it('limits failures per address across many usernames', async () => {
    const limit = t.config.LOGIN_IP_MAX_FAILURES;
    const flood = t.client('10.99.0.1');
    for (let i = 0; i < limit; i++) {
      const res = await login(flood, `flood.${i}`, WRONG);
      expect(res.json().code).toBe('LOGIN_FAILED');
    }
    // The address is now refused even with the right password of a real account ...
    const refused = await login(flood, 'chengguan.peixun', DEMO_PASSWORD);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('RATE_LIMITED');
    // ... while the account itself is not locked for anyone else.
    expect((await login(t.client('10.99.0.2'), 'chengguan.peixun', DEMO_PASSWORD)).statusCode).toBe(200);
  });
});

describe('disabled accounts', () => {
  it('are refused after the right password, while a wrong password looks like any other failure', async () => {
    await t.createAccount({ username: 'off.staff', status: 'disabled' });
    const right = await login(t.client(), 'off.staff', DEMO_PASSWORD);
    expect(right.statusCode).toBe(403);
    expect(right.json().code).toBe('ACCOUNT_DISABLED');
    const wrong = await login(t.client(), 'off.staff', WRONG);
    expect(visible(wrong)).toEqual(visible(await login(t.client(), 'off.nobody', WRONG)));
  });

  it('lose their sessions at once when the security admin disables them', async () => {
    const { id } = await t.createAccount({ username: 'leaving.staff', regionCode: '620102' });
    const victim = await t.loginAs('leaving.staff');
    const other = await t.loginAs('leaving.staff');
    expect((await victim.get('/api/home')).statusCode).toBe(200);

    const admin = await t.loginAs('secadmin');
    const res = await admin.post(`/api/users/${id}/disable`, { reason: '调离岗位' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('disabled');

    for (const c of [victim, other]) {
      const home = await c.get('/api/home');
      expect(home.statusCode).toBe(401);
      expect((await t.sessionRow(c))?.ended_at).toBeInstanceOf(Date);
    }
    expect((await login(t.client(), 'leaving.staff', DEMO_PASSWORD)).json().code).toBe('ACCOUNT_DISABLED');
  });

  it('lose their sessions even when the status changes behind the application', async () => {
    await t.createAccount({ username: 'sidedoor.staff' });
    const c = await t.loginAs('sidedoor.staff');
    await t.database.db.updateTable('app_user').set({ status: 'disabled' }).where('username', '=', 'sidedoor.staff').execute();
    const res = await c.get('/api/home');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('SESSION_EXPIRED');
  });
});

describe('session lifetime', () => {
  it('uses the idle timeouts of the configuration: 15 minutes for staff, 30 for the others', async () => {
    const staff = await t.loginAs('chengguan.dengji');
    const trainee = await t.loginAs('xueyuan.demo');
    const s = (await staff.get('/api/auth/session')).json();
    expect(s.idleTimeoutSeconds).toBe(t.config.SESSION_IDLE_MINUTES_STAFF * 60);
    expect(s.idleTimeoutSeconds).toBe(900);
    expect(s.absoluteRemainingSeconds).toBeGreaterThan(t.config.SESSION_ABSOLUTE_HOURS * 3600 - 60);
    expect((await trainee.get('/api/auth/session')).json().idleTimeoutSeconds).toBe(1800);
  });

  it('ends a staff session idle past its timeout with SESSION_EXPIRED', async () => {
    await t.createAccount({ username: 'idle.staff' });
    const c = await t.loginAs('idle.staff');
    await moveSession(c, { lastSeenMinutesAgo: 16 });
    const res = await c.get('/api/home');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('SESSION_EXPIRED');
    expect((await t.sessionRow(c))?.ended_at).toBeInstanceOf(Date);
    // Ended for good: the same cookie does not come back to life.
    expect((await c.get('/api/home')).json().code).toBe('UNAUTHENTICATED');
    expect((await c.get('/api/auth/session')).json().authenticated).toBe(false);
  });

  it('keeps a trainee session idle for 20 minutes and ends it after 31', async () => {
    await t.createAccount({ username: 'idle.trainee', kind: 'trainee' });
    const c = await t.loginAs('idle.trainee');
    await moveSession(c, { lastSeenMinutesAgo: 20 });
    expect((await c.get('/api/home')).statusCode).toBe(200);
    await moveSession(c, { lastSeenMinutesAgo: 31 });
    expect((await c.get('/api/home')).json().code).toBe('SESSION_EXPIRED');
  });

  it('ends a busy session at its absolute lifetime', async () => {
    await t.createAccount({ username: 'busy.staff' });
    const c = await t.loginAs('busy.staff');
    await moveSession(c, { lastSeenMinutesAgo: 0, expiresSecondsFromNow: -1 });
    const res = await c.get('/api/home');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('SESSION_EXPIRED');
  });

  it('does not extend the session on GET /api/auth/session, but does on POST /api/auth/session/extend', async () => {
    await t.createAccount({ username: 'extend.staff' });
    const c = await t.loginAs('extend.staff');
    await moveSession(c, { lastSeenMinutesAgo: 10 });
    const before = (await t.sessionRow(c))!.last_seen_at.getTime();

    const polled = (await c.get('/api/auth/session')).json();
    expect(polled.idleRemainingSeconds).toBeLessThanOrEqual(5 * 60);
    expect(polled.idleRemainingSeconds).toBeGreaterThan(4 * 60);
    expect((await t.sessionRow(c))!.last_seen_at.getTime()).toBe(before);

    const extended = await c.post('/api/auth/session/extend', {});
    expect(extended.statusCode).toBe(200);
    expect(extended.json().idleRemainingSeconds).toBeGreaterThan(14 * 60);
    expect((await t.sessionRow(c))!.last_seen_at.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('counts a business request as activity', async () => {
    await t.createAccount({ username: 'active.staff' });
    const c = await t.loginAs('active.staff');
    await moveSession(c, { lastSeenMinutesAgo: 10 });
    expect((await c.get('/api/home')).statusCode).toBe(200);
    expect((await t.sessionRow(c))!.last_seen_at.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('ends the session at logout and clears the cookie', async () => {
    const c = await t.loginAs('chengguan.caiwu');
    const token = c.sessionToken!;
    const before = await t.lastAuditSeq();
    const res = await c.post('/api/auth/logout', {});
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    const cleared = res.cookies.find((k) => k.name === t.cookieNames.session);
    expect(cleared?.value ?? '').toBe('');
    expect(c.sessionToken).toBeUndefined();
    expect((await t.auditSince(before)).map((r) => r.action)).toContain('auth.logout');

    // The old token, replayed by hand, is dead.
    const replay = await t.app.inject({ method: 'GET', url: '/api/home', headers: { cookie: `${t.cookieNames.session}=${token}` } });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('UNAUTHENTICATED');
  });
});

describe('session cookie', () => {
  it('is a __Host- cookie, HttpOnly, Secure, SameSite=Strict, path / and no domain', async () => {
    const c = t.client();
    const res = await login(c, 'sheng.shenhe', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    const header = [res.headers['set-cookie']].flat().find((h) => h?.startsWith(`${t.cookieNames.session}=`));
    expect(t.cookieNames.session.startsWith('__Host-')).toBe(true);
    expect(header).toBeDefined();
    expect(header).toMatch(/; HttpOnly/);
    expect(header).toMatch(/; Secure/);
    expect(header).toMatch(/; SameSite=Strict/);
    expect(header).toMatch(/; Path=\//);
    expect(header).not.toMatch(/Domain=/i);
    // ≥ 128 bits of randomness, and only its hash is stored
    expect(c.sessionToken!.length).toBeGreaterThanOrEqual(22);
    const stored = await t.database.db
      .selectFrom('user_session')
      .select('token_hash')
      .where('token_hash', '=', c.sessionToken!)
      .executeTakeFirst();
    expect(stored).toBeUndefined();
    expect(await t.sessionRow(c)).toBeDefined();
  });

  it('is a new token at each login, and the one before stops working', async () => {
    const c = t.client();
    await login(c, 'sheng.shenhe', DEMO_PASSWORD);
    const first = c.sessionToken!;
    await login(c, 'sheng.shenhe', DEMO_PASSWORD);
    const second = c.sessionToken!;
    expect(second).not.toBe(first);
    const replay = await t.app.inject({ method: 'GET', url: '/api/home', headers: { cookie: `${t.cookieNames.session}=${first}` } });
    expect(replay.statusCode).toBe(401);
    expect((await c.get('/api/home')).statusCode).toBe(200);
  });

  it('is refused when forged', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/home',
      headers: { cookie: `${t.cookieNames.session}=forged-token-value-forged-token-value` },
    });
    expect(res.statusCode).toBe(401);
  });
});

describe('CSRF', () => {
  it('refuses a state change without the token header, and audits it as denied', async () => {
    const c = await t.loginAs('chengguan.dengji');
    const before = await t.lastAuditSeq();
    const res = await c.request({ method: 'POST', url: '/api/auth/session/extend', payload: {}, csrf: null });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_REJECTED');
    const rows = await t.auditSince(before);
    expect(rows).toContainEqual(
      expect.objectContaining({
        action: 'auth.extend',
        outcome: 'denied',
        request_id: res.json().requestId,
        details: expect.objectContaining({ code: 'CSRF_REJECTED' }),
      }),
    );
  });

  it('refuses a wrong token and a token without its cookie', async () => {
    const c = await t.loginAs('chengguan.dengji');
    const wrong = await c.request({ method: 'PUT', url: '/api/me/preferences', payload: { careMode: true }, csrf: 'A'.repeat(32) });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().code).toBe('CSRF_REJECTED');

    const token = c.csrfToken;
    c.cookies.delete(t.cookieNames.csrf);
    const noCookie = await c.request({ method: 'PUT', url: '/api/me/preferences', payload: { careMode: true }, csrf: token });
    expect(noCookie.json().code).toBe('CSRF_REJECTED');
    expect(
      (await t.database.db.selectFrom('app_user').select('care_mode').where('username', '=', 'chengguan.dengji').executeTakeFirstOrThrow())
        .care_mode,
    ).toBe(false);
  });

  it('protects the login itself and the logout', async () => {
    const anon = t.client();
    await anon.get('/api/auth/session');
    const res = await anon.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'secadmin', password: DEMO_PASSWORD },
      csrf: null,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_REJECTED');

    const c = await t.loginAs('sheng.tongji');
    const out = await c.request({ method: 'POST', url: '/api/auth/logout', payload: {}, csrf: null });
    expect(out.statusCode).toBe(403);
    expect((await c.get('/api/home')).statusCode).toBe(200);
  });

  it('lets a safe GET through without a token', async () => {
    const c = await t.loginAs('sheng.tongji');
    expect((await c.request({ method: 'GET', url: '/api/home', csrf: null })).statusCode).toBe(200);
  });
});

describe('view region', () => {
  it('lets a province reviewer narrow to 兰州市 and the home page follows', async () => {
    const c = await t.loginAs('sheng.shenhe');
    expect((await c.get('/api/home')).json().region).toMatchObject({ code: '620000', name: '甘肃省' });

    const narrowed = await c.put('/api/auth/session/view-region', { viewRegionCode: '620100' });
    expect(narrowed.statusCode).toBe(200);
    expect(narrowed.json().user.viewRegion).toEqual({ code: '620100', name: '兰州市', level: 'city' });
    expect((await t.sessionRow(c))?.view_region_code).toBe('620100');

    const home = (await c.get('/api/home')).json();
    expect(home.region).toMatchObject({ code: '620100', name: '兰州市', level: 'city', path: ['甘肃省', '兰州市'] });

    const back = await c.put('/api/auth/session/view-region', { viewRegionCode: null });
    expect(back.json().user.viewRegion).toBeNull();
    expect((await c.get('/api/home')).json().region.name).toBe('甘肃省');
  });

  it('treats narrowing to the own region as no narrowing', async () => {
    const c = await t.loginAs('lanzhou.shenhe');
    const res = await c.put('/api/auth/session/view-region', { viewRegionCode: '620100' });
    expect(res.json().user.viewRegion).toBeNull();
  });

  it('refuses a region outside the own scope with OUT_OF_SCOPE, audited as denied', async () => {
    const city = await t.loginAs('lanzhou.shenhe');
    const before = await t.lastAuditSeq();
    const sibling = await city.put('/api/auth/session/view-region', { viewRegionCode: '620200' });
    expect(sibling.statusCode).toBe(403);
    expect(sibling.json().code).toBe('OUT_OF_SCOPE');
    // 兰州新区 is a city-level peer of 兰州市, not part of it
    expect((await city.put('/api/auth/session/view-region', { viewRegionCode: '620171' })).json().code).toBe('OUT_OF_SCOPE');
    const rows = await t.auditSince(before);
    expect(rows.filter((r) => r.outcome === 'denied' && r.actor_name === 'lanzhou.shenhe')).toHaveLength(2);

    const county = await t.loginAs('chengguan.dengji');
    expect((await county.put('/api/auth/session/view-region', { viewRegionCode: '620100' })).json().code).toBe('OUT_OF_SCOPE');
    expect((await city.get('/api/home')).json().region.code).toBe('620100');
  });

  it('refuses an unknown region code as a validation error', async () => {
    const c = await t.loginAs('sheng.shenhe');
    const res = await c.put('/api/auth/session/view-region', { viewRegionCode: '629999' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
  });
});

describe('preferences', () => {
  it('keeps care mode across logins', async () => {
    await t.createAccount({ username: 'care.trainee', kind: 'trainee' });
    const c = await t.loginAs('care.trainee');
    expect((await c.get('/api/auth/session')).json().user.careMode).toBe(false);
    const res = await c.put('/api/me/preferences', { careMode: true });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.careMode).toBe(true);
    await c.post('/api/auth/logout', {});

    const again = await login(t.client(), 'care.trainee', DEMO_PASSWORD);
    expect(again.json().user.careMode).toBe(true);
  });
});
