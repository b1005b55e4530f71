import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('login', () => {
  it('signs a demo account in and answers its session', async () => {
    const c = await t.loginAs('secadmin');
    const res = await c.get('/api/auth/session');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ authenticated: true, stage: 'active', user: { username: 'secadmin' } });
  });
});
