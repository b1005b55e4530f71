import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/demo-seed';
import { buildTestApp, type TestApp, type TestClient } from '../../testing/test-app';

interface Entry {
  seq: number;
  action: string;
  outcome: string;
  actorName: string | null;
  regionCode: string | null;
  requestId: string | null;
  occurredAt: string;
}

let t: TestApp;
let auditor: TestClient; // auditadmin, province
let countyAuditor: TestClient; // a county-level audit admin of 620102
let deniedRequestId: string;

beforeAll(async () => {
  t = await buildTestApp();
  await t.createAccount({ username: 'chengguan.shenji', roles: ['audit_admin'], regionCode: '620102' });
  // events in two sibling counties, a failed login and a denied request
  await t.loginAs('chengguan.dengji');
  await t.loginAs('qilihe.dengji');
  await t.client().post('/api/auth/login', { username: 'chengguan.peixun', password: 'Wrong#Password1' });
  const registrar = await t.loginAs('chengguan.jiuye');
  deniedRequestId = (await registrar.get('/api/users')).json().requestId;
  [auditor, countyAuditor] = await Promise.all([t.loginAs('auditadmin'), t.loginAs('chengguan.shenji')]);
});
afterAll(() => t.close());

async function search(c: TestClient, query = ''): Promise<{ items: Entry[]; total: number }> {
  const res = await c.get(`/api/audit?pageSize=200${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Today in China Standard Time, the calendar the from/to filters use. */
function cstDate(offsetDays = 0): string {
  return new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

describe('audit search', () => {
  it('lists the newest rows first with who, what, when, where from and outcome', async () => {
    const { items, total } = await search(auditor);
    expect(total).toBeGreaterThanOrEqual(5);
    expect(items.map((i) => i.seq)).toEqual([...items.map((i) => i.seq)].sort((a, b) => b - a));
    expect(items.find((i) => i.actorName === 'qilihe.dengji' && i.action === 'auth.login')).toMatchObject({
      outcome: 'success',
      regionCode: '620103',
      ip: expect.any(String),
    });
  });

  it('filters by action prefix', async () => {
    const { items } = await search(auditor, '&action=auth.login');
    expect(items.length).toBeGreaterThanOrEqual(4);
    for (const i of items) expect(i.action.startsWith('auth.login')).toBe(true);
  });

  it('treats LIKE wildcards in the action filter literally', async () => {
    expect((await search(auditor, '&action=%25')).total).toBe(0);
    expect((await search(auditor, '&action=auth_login')).total).toBe(0);
  });

  it('filters by outcome', async () => {
    const failures = await search(auditor, '&outcome=failure');
    expect(failures.items.length).toBeGreaterThanOrEqual(1);
    for (const i of failures.items) expect(i.outcome).toBe('failure');
    const denied = await search(auditor, '&outcome=denied');
    expect(denied.items.map((i) => i.requestId)).toContain(deniedRequestId);
  });

  it('finds by actor name and by request id', async () => {
    const byName = await search(auditor, '&q=qilihe');
    expect(byName.items.length).toBeGreaterThanOrEqual(1);
    for (const i of byName.items) expect(i.actorName).toContain('qilihe');
    const byRequest = await search(auditor, `&q=${deniedRequestId}`);
    expect(byRequest.items).toEqual([expect.objectContaining({ requestId: deniedRequestId, outcome: 'denied', action: 'users.read' })]);
  });

  it('filters by calendar day', async () => {
    const all = await search(auditor);
    expect((await search(auditor, `&from=${cstDate()}&to=${cstDate()}`)).total).toBe(all.total);
    expect((await search(auditor, `&from=${cstDate(1)}`)).total).toBe(0);
    expect((await search(auditor, `&to=${cstDate(-1)}`)).total).toBe(0);
  });

  it('refuses a malformed date naming the field', async () => {
    const res = await auditor.get('/api/audit?from=2026-13-45');
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0]).toMatchObject({ field: 'querystring.from', label: '开始时间' });
  });

  it('pages', async () => {
    const all = await search(auditor);
    const page2 = (await auditor.get('/api/audit?page=2&pageSize=2')).json();
    expect(page2.items.map((i: Entry) => i.seq)).toEqual(all.items.slice(2, 4).map((i) => i.seq));
    expect(page2.total).toBe(all.total);
  });

  it('is region-scoped for a county audit admin', async () => {
    const { items } = await search(countyAuditor);
    expect(items.length).toBeGreaterThan(0);
    for (const i of items) expect([null, '620102']).toContain(i.regionCode);
    const actors = items.map((i) => i.actorName);
    expect(actors).toContain('chengguan.dengji');
    expect(actors).not.toContain('qilihe.dengji');
    expect((await search(countyAuditor, '&q=qilihe')).total).toBe(0);
  });

  it('is refused to everyone but the audit admin', async () => {
    for (const username of ['secadmin', 'sysadmin', 'sheng.shenhe']) {
      const c = await t.loginAs(username);
      const res = await c.get('/api/audit');
      expect(res.statusCode, username).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
  });
});

describe('POST /api/audit/verify', () => {
  it('answers ok on a clean chain and records who verified', async () => {
    const before = await t.lastAuditSeq();
    const res = await auditor.post('/api/audit/verify', {});
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, checked: before, firstBroken: null, verifiedAt: expect.any(String) });
    const rows = await t.auditSince(before);
    expect(rows).toEqual([
      expect.objectContaining({
        action: 'audit.verify',
        outcome: 'success',
        actor_name: 'auditadmin',
        details: { checked: before, firstBroken: null },
      }),
    ]);
  });

  it('is refused to the security admin', async () => {
    const c = await t.loginAs('secadmin');
    expect((await c.post('/api/audit/verify', {})).statusCode).toBe(403);
  });

  it('never shows a password in the trail it searches', async () => {
    const res = await auditor.get('/api/audit?pageSize=200');
    expect(res.body).not.toContain(DEMO_PASSWORD);
    expect(res.body).not.toContain('Wrong#Password1');
  });
});
