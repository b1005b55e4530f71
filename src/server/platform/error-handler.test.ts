import Fastify, { type LightMyRequestResponse } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userSummary } from '../../shared/contracts/users-contracts';
import { buildTestApp, type TestApp, type TestClient } from '../testing/test-app';
import { registerErrorHandler } from './error-handler';
import { registerRoute } from './routing';

let t: TestApp;
let anonymous: TestClient;
let admin: TestClient;
beforeAll(async () => {
  t = await buildTestApp({ env: { BODY_MAX_BYTES: '1024' } });
  anonymous = t.client();
  await anonymous.get('/api/auth/session');
  admin = await t.loginAs('secadmin');
});
afterAll(() => t.close());

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The one error model: a 4xx JSON `{code, message, details?, requestId}`, Chinese message, no internals. */
function expectErrorModel(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.headers['cache-control']).toBe('no-store');
  const body = res.json() as Record<string, unknown>;
  expect(body.code).toBe(code);
  expect(body.message).toMatch(/[\u4e00-\u9fff]/);
  expect(body.requestId).toMatch(uuidPattern);
  for (const key of Object.keys(body)) expect(['code', 'message', 'details', 'requestId']).toContain(key);
  expect(res.body).not.toMatch(/stack|node_modules|\.ts:\d+|at \w+ \(/);
  return body as { code: string; message: string; details?: { issues?: { field: string; label: string; message: string }[] } };
}

function postRaw(c: TestClient, url: string, payload: string | Buffer, contentType: string) {
  return c.request({ method: 'POST', url, payload, headers: { 'content-type': contentType } });
}

describe('malformed requests', () => {
  it('answers malformed JSON with MALFORMED_REQUEST', async () => {
    expectErrorModel(await postRaw(anonymous, '/api/auth/login', '{"username": "a", ', 'application/json'), 400, 'MALFORMED_REQUEST');
  });

  it('answers an empty JSON body with MALFORMED_REQUEST', async () => {
    expectErrorModel(await postRaw(anonymous, '/api/auth/login', '', 'application/json'), 400, 'MALFORMED_REQUEST');
  });

  it('answers a JSON body with a __proto__ key without crashing', async () => {
    const res = await postRaw(
      anonymous,
      '/api/auth/login',
      '{"username":"a","password":"b","__proto__":{"admin":true}}',
      'application/json',
    );
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expectErrorModel(res, res.statusCode, res.json().code);
  });

  it.each([
    // Fastify reads text/plain as a string, which then fails the contract
    ['text/plain', 'username=a&password=b', 'VALIDATION_FAILED'],
    ['application/x-www-form-urlencoded', 'username=a&password=b', 'MALFORMED_REQUEST'],
    ['application/xml', '<login/>', 'MALFORMED_REQUEST'],
  ])('answers the content type %s with a 4xx', async (type, payload, code) => {
    const res = await postRaw(anonymous, '/api/auth/login', payload, type);
    expectErrorModel(res, 400, code);
  });

  it('answers JSON that is not an object as a validation error', async () => {
    const res = await postRaw(anonymous, '/api/auth/login', '["secadmin","x"]', 'application/json');
    expectErrorModel(res, 400, 'VALIDATION_FAILED');
  });

  it('answers a body over BODY_MAX_BYTES with 413 PAYLOAD_TOO_LARGE', async () => {
    expect(t.config.BODY_MAX_BYTES).toBe(1024);
    const res = await anonymous.post('/api/auth/login', { username: 'secadmin', password: 'x'.repeat(2000) });
    expectErrorModel(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers a multipart body on a JSON route with a 4xx', async () => {
    const res = await postRaw(
      anonymous,
      '/api/auth/login',
      '--b\r\nContent-Disposition: form-data; name="username"\r\n\r\na\r\n--b--\r\n',
      'multipart/form-data; boundary=b',
    );
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });
});

describe('unknown routes', () => {
  it.each([
    ['GET', '/api/nope'],
    ['POST', '/api/nope'],
    ['DELETE', '/api/users'],
    ['PUT', '/api/auth/login'],
    ['GET', '/api/users/00000000-0000-4000-8000-000000000000/extra/segments'],
  ])('answers %s %s with 404 ROUTE_NOT_FOUND', async (method, url) => {
    const res = await admin.request({ method, url, ...(method === 'GET' ? {} : { payload: {} }) });
    expectErrorModel(res, 404, 'ROUTE_NOT_FOUND');
  });
});

describe('validation errors', () => {
  it('names each missing field in Chinese', async () => {
    const body = expectErrorModel(await anonymous.post('/api/auth/login', {}), 400, 'VALIDATION_FAILED');
    const issues = body.details!.issues!;
    expect(issues).toEqual(
      expect.arrayContaining([
        { field: 'body.username', label: '用户名', message: '此项为必填' },
        { field: 'body.password', label: '密码', message: '此项为必填' },
      ]),
    );
    expect(body.message).toContain('用户名');
    expect(body.message).toContain('密码');
  });

  it('names an unknown field', async () => {
    const body = expectErrorModel(
      await anonymous.post('/api/auth/login', { username: 'a', password: 'b', isAdmin: true }),
      400,
      'VALIDATION_FAILED',
    );
    expect(body.details!.issues).toEqual([expect.objectContaining({ field: 'body.isAdmin', message: expect.stringContaining('isAdmin') })]);
    expect(body.message).toContain('isAdmin');
  });

  it('gives the Chinese label of a known field name that is not accepted here', async () => {
    const body = expectErrorModel(
      await admin.patch(`/api/users/${await t.userId('chengguan.dengji')}`, { status: 'disabled' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(body.details!.issues).toEqual([expect.objectContaining({ field: 'body.status', label: '状态' })]);
  });

  it('names wrong query types and values', async () => {
    const body = expectErrorModel(await admin.get('/api/users?page=abc&pageSize=1000&kind=robot&regionCode=62'), 400, 'VALIDATION_FAILED');
    const fields = body.details!.issues!.map((i) => [i.field, i.label]);
    expect(fields).toEqual(
      expect.arrayContaining([
        ['querystring.page', '页码'],
        ['querystring.pageSize', '每页条数'],
        ['querystring.kind', '账号类型'],
        ['querystring.regionCode', '所属区域'],
      ]),
    );
    for (const label of ['页码', '每页条数', '账号类型', '所属区域']) expect(body.message).toContain(label);
  });

  it('names a malformed path parameter', async () => {
    const body = expectErrorModel(await admin.get('/api/users/not-a-uuid'), 400, 'VALIDATION_FAILED');
    expect(body.details!.issues![0]).toMatchObject({ field: 'params.id', label: '编号' });
  });

  it('names a wrong value type in the body', async () => {
    const body = expectErrorModel(await admin.put('/api/me/preferences', { careMode: 'yes' }), 400, 'VALIDATION_FAILED');
    expect(body.details!.issues![0]).toMatchObject({ field: 'body.careMode', label: '关怀模式' });
  });

  it('states the label once: in the top-level message and in the issue label, not again inside the issue message', async () => {
    const body = expectErrorModel(await anonymous.post('/api/auth/login', { username: '', password: 'x' }), 400, 'VALIDATION_FAILED');
    for (const issue of body.details!.issues!) expect(issue.message.startsWith(`${issue.label}：`), issue.message).toBe(false);
    expect(body.message.startsWith('用户名：')).toBe(true);
  });
});

describe('rate limits', () => {
  it('answer 429 RATE_LIMITED in the error model after 30 logins a minute from one address', async () => {
    const c = t.client('10.77.0.1');
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await c.post('/api/auth/login', {})).statusCode);
    expect(statuses.slice(0, 30).every((s) => s === 400)).toBe(true);
    const res = await c.post('/api/auth/login', {});
    expectErrorModel(res, 429, 'RATE_LIMITED');
    // another address is not affected
    expect((await t.client('10.77.0.2').post('/api/auth/login', {})).statusCode).toBe(400);
  });
});

describe('defects', () => {
  it('answer 500 INTERNAL with a masked message and no details', async () => {
    const app = Fastify({ logger: false });
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    registerErrorHandler(app, t.services.audit);
    app.get('/boom', { config: { action: 'health.read' } }, async () => {
      throw new Error('connection to 10.1.2.3 failed: password authentication failed for user "abletrain"');
    });
    const res = await app.inject('/boom');
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ code: 'INTERNAL', message: '系统内部错误，请稍后再试', requestId: expect.any(String) });
    expect(res.body).not.toContain('abletrain');
    await app.close();
  });
});

describe('responses', () => {
  it('carry only the fields the contract declares', async () => {
    const app = Fastify({ logger: false });
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    registerRoute(
      app,
      {
        method: 'GET',
        path: '/api/leaky',
        action: 'health.read',
        summary: 'leak test',
        tag: 'test',
        response: z.object({ id: z.string(), name: z.string() }),
      },
      async () => ({ id: '1', name: '张三', password_hash: '$argon2id$secret', idNumber: '620102199001011234' }) as never,
    );
    const res = await app.inject('/api/leaky');
    expect(res.json()).toEqual({ id: '1', name: '张三' });
    await app.close();
  });

  it('list users with exactly the declared summary fields', async () => {
    const res = await admin.get('/api/users?pageSize=200');
    const declared = Object.keys(userSummary.shape).sort();
    for (const item of res.json().items as Record<string, unknown>[]) expect(Object.keys(item).sort()).toEqual(declared);
    expect(res.body).not.toMatch(/password_?hash|totp_?secret|\$argon2/i);
  });

  it('mark API answers as not cacheable', async () => {
    expect((await admin.get('/api/users')).headers['cache-control']).toBe('no-store');
    expect((await admin.get('/api/home')).headers['cache-control']).toBe('no-store');
  });

  it('carry the security headers', async () => {
    const res = await anonymous.get('/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(res.headers['strict-transport-security']).toBeDefined();
  });
});
