import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../db/demo-seed';
import { actionAudience, actions, can, isAction, type Action } from '../../shared/domain/permissions';
import { effectiveRoles } from '../../shared/domain/roles';
import { buildTestApp, type TestApp, type TestClient } from '../testing/test-app';
import { registerOpenApi } from './openapi';

/**
 * The permission matrix decides every route: this walks the generated OpenAPI document, so a
 * route added tomorrow is checked without anyone remembering to add it here.
 */
interface Operation {
  method: string;
  path: string;
  url: string;
  action: string;
}

let t: TestApp;
let operations: Operation[];
const signedIn = new Map<string, TestClient>();

const sampleParams: Record<string, string> = {
  id: '00000000-0000-4000-8000-000000000000',
  command: 'disable',
  // public notice (area E: notices)
  objectionId: '00000000-0000-4000-8000-000000000001',
  // training classes core (class area A): ids that pass validation, so the class lookup answers
  trainerId: '00000000-0000-4000-8000-000000000002',
  fileId: '00000000-0000-4000-8000-000000000003',
  // subsidies: the public lines of a subsidy list on notice
  noticeId: '00000000-0000-4000-8000-000000000004',
};

beforeAll(async () => {
  t = await buildTestApp();
  const doc = (await t.client().get('/api/openapi.json')).json() as { paths: Record<string, Record<string, Record<string, unknown>>> };
  operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      url: path.replace(/\{(\w+)\}/g, (_m, name: string) => sampleParams[name] ?? 'x'),
      action: op['x-action'] as string,
    })),
  );
  for (const account of demoAccounts) signedIn.set(account.username, await t.loginAs(account.username));
});
afterAll(() => t.close());

function send(c: TestClient, op: Operation) {
  return c.request({ method: op.method, url: op.url, ...(op.method === 'GET' ? {} : { payload: {} }) });
}

describe('the OpenAPI document', () => {
  it('lists the API (sanity check of the walk itself)', () => {
    expect(operations.length).toBeGreaterThanOrEqual(20);
    const listed = operations.map((o) => `${o.method} ${o.path}`);
    expect(listed).toEqual(
      expect.arrayContaining([
        'POST /api/auth/login',
        'GET /api/users',
        'POST /api/users/{id}/{command}',
        'POST /api/audit/verify',
        'POST /api/files',
      ]),
    );
  });

  it('gives every operation an x-action that exists in the permission matrix', () => {
    for (const op of operations) {
      expect(op.action, `${op.method} ${op.path}`).toBeTypeOf('string');
      expect(isAction(op.action), `${op.method} ${op.path} → ${op.action}`).toBe(true);
    }
  });
});

describe('anonymous requests', () => {
  it('get 401 on every operation that is not public (CSRF token sent, so the session check is what answers)', async () => {
    const anonymous = t.client();
    await anonymous.get('/api/auth/session');
    expect(anonymous.csrfToken).not.toBe('');
    let checked = 0;
    for (const op of operations) {
      if (actionAudience(op.action as Action) === 'public') continue;
      const res = await send(anonymous, op);
      expect(res.statusCode, `${op.method} ${op.path}`).toBe(401);
      expect(res.json().code, `${op.method} ${op.path}`).toBe('UNAUTHENTICATED');
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(15);
  });

  it('get 403 CSRF_REJECTED on every unsafe operation without the token', async () => {
    const anonymous = t.client();
    for (const op of operations.filter((o) => o.method !== 'GET')) {
      const res = await anonymous.request({ method: op.method, url: op.url, payload: {}, csrf: null });
      expect(res.statusCode, `${op.method} ${op.path}`).toBe(403);
      expect(res.json().code).toBe('CSRF_REJECTED');
    }
  });

  it('reach the public operations', async () => {
    const anonymous = t.client();
    for (const op of operations.filter((o) => actionAudience(o.action as Action) === 'public' && o.method === 'GET')) {
      const res = await send(anonymous, op);
      // public notice (area E): a public detail page of the sample id, which does not exist, answers 404
      if (op.path.includes('{') && res.statusCode === 404) continue;
      expect(res.statusCode, `${op.method} ${op.path}`).toBe(200);
    }
  });
});

describe('role-bound operations', () => {
  it('answer 403 FORBIDDEN to every demo account without one of the roles, and let the others through', async () => {
    let refused = 0;
    let admitted = 0;
    for (const op of operations) {
      if (actionAudience(op.action as Action) !== 'roles') continue;
      for (const account of demoAccounts) {
        const allowed = can(effectiveRoles(account.kind, account.roles), op.action as Action);
        const res = await send(signedIn.get(account.username)!, op);
        const where = `${account.username} ${op.method} ${op.path} (${op.action})`;
        if (allowed) {
          expect(res.statusCode, where).not.toBe(401);
          if (res.statusCode === 403) expect(res.json().code, where).not.toBe('FORBIDDEN');
          admitted++;
        } else {
          expect(res.statusCode, where).toBe(403);
          expect(res.json().code, where).toBe('FORBIDDEN');
          refused++;
        }
      }
    }
    expect(refused).toBeGreaterThan(50);
    expect(admitted).toBeGreaterThan(5);
    // every route × every demo account: the training-supply routes (areas A–E) push it past 30 s on 2 cores
  }, 180_000);

  it('let every fully signed-in account use the session operations', async () => {
    for (const op of operations.filter((o) => actionAudience(o.action as Action) === 'session' && o.method === 'GET')) {
      for (const account of demoAccounts) {
        const res = await send(signedIn.get(account.username)!, op);
        expect([200, 404], `${account.username} ${op.method} ${op.path}`).toContain(res.statusCode);
      }
    }
  });

  it('records the refusals as denied in the audit trail', async () => {
    const before = await t.lastAuditSeq();
    const res = await signedIn.get('xueyuan.demo')!.get('/api/audit');
    expect(res.statusCode).toBe(403);
    expect(await t.auditSince(before)).toContainEqual(
      expect.objectContaining({ action: 'audit.read', outcome: 'denied', actor_name: 'xueyuan.demo', request_id: res.json().requestId }),
    );
  });
});

describe('a route without a matrix entry', () => {
  async function bare() {
    const app = Fastify({ logger: false });
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    await registerOpenApi(app);
    return app;
  }

  it('cannot be registered', async () => {
    const app = await bare();
    expect(() => app.get('/api/secret-report', async () => ({ everything: true }))).toThrow(/permission matrix/);
    await app.close();
  });

  it('cannot be registered inside a plugin either: the start fails', async () => {
    const app = await bare();
    void app.register(async (child) => {
      child.post('/api/hidden/thing', async () => ({ ok: true }));
    });
    await expect(app.ready()).rejects.toThrow(/permission matrix/);
    await app.close().catch(() => undefined);
  });

  it('cannot name an action the matrix does not know', async () => {
    const app = await bare();
    expect(() => app.get('/api/typo', { config: { action: 'users.raed' } }, async () => ({}))).toThrow(/permission matrix/);
    await app.close();
  });

  it('is allowed outside /api (static files) and with a known action', async () => {
    const app = await bare();
    app.get('/robots.txt', async () => 'ok');
    app.get('/api/fine', { config: { action: 'health.read' } }, async () => ({ ok: true }));
    await app.ready();
    expect((await app.inject('/api/fine')).statusCode).toBe(200);
    await app.close();
  });
});

describe('the matrix itself', () => {
  it('has an audience for every action', () => {
    for (const action of Object.keys(actions) as Action[]) expect(['public', 'step', 'session', 'roles']).toContain(actionAudience(action));
  });
});
