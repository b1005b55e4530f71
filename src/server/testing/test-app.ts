import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { inject } from 'vitest';
import { TOTP, Secret } from 'otpauth';
import { buildApp, type AppServices } from '../app';
import { type Config, loadConfig, testDatabaseUrl } from '../config';
import { type Database, openDatabase } from '../db/database';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, seedDemo } from '../db/demo-seed';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { withDatabase } from './global-setup';

export interface TestApp {
  app: FastifyInstance;
  services: AppServices;
  database: Database;
  config: Config;
  /** a browser-like client: keeps cookies and sends the CSRF token */
  client(ip?: string): TestClient;
  /** a client signed in as a demo account (password and, where bound, second factor) */
  loginAs(username: string, password?: string): Promise<TestClient>;
  close(): Promise<void>;
}

/** A fresh database copied from the run's template, seeded with the demo accounts unless told not to. */
export async function openTestDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const template = inject('templateDatabase');
  const url = testDatabaseUrl();
  if (url) {
    const name = `abletrain_t_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const admin = await openDatabase({ url, poolSize: 1 });
    await sql`CREATE DATABASE ${sql.id(name)} TEMPLATE ${sql.id(template)}`.execute(admin.db);
    await admin.close();
    const database = await openDatabase({ url: withDatabase(url, name), poolSize: 5 });
    return {
      database,
      drop: async () => {
        await database.close();
        const again = await openDatabase({ url, poolSize: 1 });
        await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(again.db);
        await again.close();
      },
    };
  }
  const dump = readFileSync(template);
  const database = await openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([dump]) });
  return { database, drop: () => database.close() };
}

export async function buildTestApp(options: { seed?: boolean; env?: Record<string, string> } = {}): Promise<TestApp> {
  const { database, drop } = await openTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'abletrain-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    DEMO_MODE: 'true',
    WEB_BUILD_ON_START: 'false',
    ...options.env,
  });
  const { app, services } = await buildApp(config, database);
  await app.ready();
  if (options.seed !== false) await seedDemo(database.db);
  let ipCounter = 0;
  const client = (ip?: string) => new TestClient(app, ip ?? `10.0.0.${++ipCounter % 250}`);
  return {
    app,
    services,
    database,
    config,
    client,
    async loginAs(username, password = DEMO_PASSWORD) {
      const c = client();
      const state = await c.post('/api/auth/login', { username, password });
      if (state.statusCode !== 200) throw new Error(`login ${username}: ${state.statusCode} ${state.body}`);
      if (state.json().stage === 'totp') {
        const code = new TOTP({ secret: Secret.fromBase32(DEMO_TOTP_SECRET) }).generate();
        const after = await c.post('/api/auth/totp', { code });
        if (after.statusCode !== 200) throw new Error(`totp ${username}: ${after.body}`);
      }
      return c;
    },
    async close() {
      await services.jobs.stop();
      await app.close();
      await drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export class TestClient {
  readonly cookies = new Map<string, string>();
  csrfToken = '';

  constructor(
    private readonly app: FastifyInstance,
    readonly ip: string,
  ) {}

  async request(options: InjectOptions & { method: string; url: string }): Promise<LightMyRequestResponse> {
    if (!this.csrfToken && options.url !== '/api/auth/session') await this.get('/api/auth/session');
    const headers: Record<string, string> = { ...(options.headers as Record<string, string>) };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (options.method !== 'GET' && !('x-csrf-token' in headers)) headers['x-csrf-token'] = this.csrfToken;
    const response = await this.app.inject({ ...options, headers, remoteAddress: this.ip });
    for (const cookie of response.cookies) {
      if (cookie.expires && cookie.expires.getTime() < Date.now()) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    if (response.headers['content-type']?.toString().includes('json')) {
      const body = response.json() as { csrfToken?: string };
      if (typeof body?.csrfToken === 'string' && body.csrfToken) this.csrfToken = body.csrfToken;
    }
    return response;
  }

  get(url: string, headers?: Record<string, string>) {
    return this.request({ method: 'GET', url, ...(headers && { headers }) });
  }

  post(url: string, payload: unknown = {}, headers?: Record<string, string>) {
    return this.request({ method: 'POST', url, payload: payload as InjectOptions['payload'], ...(headers && { headers }) });
  }

  put(url: string, payload: unknown = {}) {
    return this.request({ method: 'PUT', url, payload: payload as InjectOptions['payload'] });
  }

  patch(url: string, payload: unknown = {}) {
    return this.request({ method: 'PATCH', url, payload: payload as InjectOptions['payload'] });
  }
}
