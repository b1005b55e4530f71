import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../db/demo-seed';
import { buildTestApp, type TestApp, totpCode } from '../testing/test-app';

/** Everything the app logs, at the most talkative level. */
const lines: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, callback) {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    callback();
  },
});

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ env: { LOG_LEVEL: 'trace' }, logStream: sink });
});
afterAll(() => t.close());

function logText(): string {
  return lines.join('\n');
}

describe('the log', () => {
  it('is written (sanity check of the capture)', async () => {
    await t.client().get('/api/health');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => JSON.parse(l) && true)).toBe(true);
    expect(logText()).toContain('/api/health');
  });

  it('holds no password, session cookie or CSRF token after logins, a second factor and a password change', async () => {
    const secrets: string[] = [DEMO_PASSWORD];
    const c = t.client();
    const failed = await c.post('/api/auth/login', { username: 'chengguan.dengji', password: 'Typo#Secret2026' });
    expect(failed.statusCode).toBe(401);
    secrets.push('Typo#Secret2026');

    const res = await c.post('/api/auth/login', { username: 'chengguan.dengji', password: DEMO_PASSWORD });
    expect(res.statusCode).toBe(200);
    secrets.push(c.sessionToken!, c.csrfToken);
    expect((await c.get('/api/home')).statusCode).toBe(200);
    expect((await c.post('/api/auth/session/extend', {})).statusCode).toBe(200);
    // a CSRF refusal logs the request that carried the cookie
    expect((await c.request({ method: 'POST', url: '/api/auth/logout', payload: {}, csrf: 'B'.repeat(32) })).statusCode).toBe(403);

    const totp = t.client();
    await totp.post('/api/auth/login', { username: 'xigu.dengji', password: DEMO_PASSWORD });
    const code = totpCode();
    expect((await totp.post('/api/auth/totp', { code })).statusCode).toBe(200);
    secrets.push(totp.sessionToken!, totp.csrfToken);

    const admin = await t.loginAs('secadmin');
    secrets.push(admin.sessionToken!, admin.csrfToken);
    const created = await admin.post('/api/users', {
      username: 'log.user',
      displayName: '日志测试',
      kind: 'staff',
      regionCode: '620102',
      roles: ['registrar'],
    });
    const oneTime = created.json().oneTimePassword as string;
    secrets.push(oneTime);
    const fresh = t.client();
    await fresh.post('/api/auth/login', { username: 'log.user', password: oneTime });
    // a policy refusal and a validation refusal echo nothing of the passwords into the log
    await fresh.post('/api/auth/password', { currentPassword: oneTime, newPassword: 'short' });
    await fresh.post('/api/auth/password', { currentPassword: oneTime, newPassword: 'Log-User#Renewed26', extra: 'x' });
    expect((await fresh.post('/api/auth/password', { currentPassword: oneTime, newPassword: 'Log-User#Renewed26' })).statusCode).toBe(200);
    secrets.push('Log-User#Renewed26', fresh.sessionToken!, fresh.csrfToken);

    const text = logText();
    expect(text).toContain('/api/auth/login');
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThanOrEqual(6);
      expect(text.includes(secret), `log contains ${secret.slice(0, 4)}…`).toBe(false);
    }
    expect(text).not.toContain(t.cookieNames.session + '=');
  });

  it('holds no row contents when the database refuses a write', async () => {
    const admin = await t.loginAs('secadmin');
    await sql`ALTER TABLE app_user ADD CONSTRAINT test_refuse_name CHECK (display_name <> '拒绝写入的姓名') NOT VALID`.execute(
      t.database.db,
    );
    try {
      const res = await admin.post('/api/users', {
        username: 'refused.row',
        displayName: '拒绝写入的姓名',
        kind: 'staff',
        regionCode: '620102',
        roles: ['registrar'],
      });
      expect(res.statusCode).toBe(500);
    } finally {
      await sql`ALTER TABLE app_user DROP CONSTRAINT test_refuse_name`.execute(t.database.db);
    }
    const errors = lines.filter((l) => JSON.parse(l).level >= 50);
    expect(errors.length).toBeGreaterThan(0);
    const text = errors.join('\n');
    expect(text).not.toContain('拒绝写入的姓名');
    expect(text).not.toContain('$argon2');
  });
});
