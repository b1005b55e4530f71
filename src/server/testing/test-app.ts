import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { inject } from 'vitest';
import { TOTP, Secret } from 'otpauth';
import type { DestinationStream } from 'pino';
import { buildApp, type AppServices } from '../app';
import { type Config, loadConfig, testDatabaseUrl } from '../config';
import { type Database, openDatabase } from '../db/database';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, seedDemo } from '../db/demo-seed';
import type { AuditLogRow } from '../db/tables';
import { hashToken } from '../modules/auth/auth.service';
import { hashPassword } from '../modules/auth/password-hasher';
import { type SessionCookies, sessionCookies } from '../modules/auth/session-guard';
import type { StaffRole, UserKind } from '../../shared/domain/roles';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { withDatabase } from './global-setup';

export interface TestApp {
  app: FastifyInstance;
  services: AppServices;
  database: Database;
  config: Config;
  cookieNames: SessionCookies;
  /** a browser-like client: keeps cookies and sends the CSRF token */
  client(ip?: string): TestClient;
  /** a client signed in as a demo account (password and, where bound, second factor) */
  loginAs(username: string, password?: string, ip?: string): Promise<TestClient>;
  /** an account written straight into the database, password DEMO_PASSWORD unless told otherwise */
  createAccount(account: NewTestAccount): Promise<{ id: string; username: string }>;
  /** the id of an account by username */
  userId(username: string): Promise<string>;
  /** the database row of a client's current session */
  sessionRow(client: TestClient): Promise<SessionRowView | undefined>;
  /** audit rows after a sequence number, oldest first */
  auditSince(seq: number): Promise<AuditLogRow[]>;
  /** the highest audit sequence number so far (0 when empty) */
  lastAuditSeq(): Promise<number>;
  close(): Promise<void>;
}

export interface NewTestAccount {
  username: string;
  kind?: UserKind;
  roles?: StaffRole[];
  regionCode?: string;
  displayName?: string;
  organizationName?: string | null;
  mustChangePassword?: boolean;
  totpSecret?: string | null;
  status?: 'active' | 'disabled';
  /** an institution account: the name of the (demo) institution it belongs to */
  institutionName?: string;
  /** a trainee account: the registry person it is linked to */
  personId?: string;
}

export interface SessionRowView {
  stage: string;
  last_seen_at: Date;
  expires_at: Date;
  ended_at: Date | null;
  view_region_code: string | null;
  idle_timeout_seconds: number;
}

let demoHash: Promise<string> | null = null;
/** argon2 of DEMO_PASSWORD, computed once per test process. */
function demoPasswordHash(): Promise<string> {
  demoHash ??= hashPassword(DEMO_PASSWORD);
  return demoHash;
}

/** Six digits for a TOTP secret at a moment (default now), e.g. to answer the second factor. */
export function totpCode(secretBase32: string = DEMO_TOTP_SECRET, at: number = Date.now()): string {
  return new TOTP({ secret: Secret.fromBase32(secretBase32) }).generate({ timestamp: at });
}

/** A six-digit code that no TOTP window around now accepts for this secret. */
export function wrongTotpCode(secretBase32: string = DEMO_TOTP_SECRET): string {
  const valid = new Set([-2, -1, 0, 1, 2].map((step) => totpCode(secretBase32, Date.now() + step * 30_000)));
  for (let n = 0; ; n += 7919) {
    const code = String(n % 1_000_000).padStart(6, '0');
    if (!valid.has(code)) return code;
  }
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

export interface TestAppOptions {
  seed?: boolean;
  /** the demo persons too (a few thousand); off unless a test needs them */
  demoPersons?: boolean;
  env?: Record<string, string>;
  /** where the app's pino log goes (LOG_LEVEL from env, default silent) */
  logStream?: DestinationStream;
  /** "now" for the services that take a clock (training classes); default the real time */
  clock?: () => Date;
}

export async function buildTestApp(options: TestAppOptions = {}): Promise<TestApp> {
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
  const { app, services } = await buildApp(config, database, {
    ...(options.logStream ? { logStream: options.logStream } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  await app.ready();
  if (options.seed !== false) {
    await seedDemo(database, options.demoPersons ? { crypto: services.persons.crypto, regions: services.regions } : { persons: false });
  }
  const cookieNames = sessionCookies(config);
  let ipCounter = 0;
  // 10.0.x.y: a fresh address per client, so per-address login limits of one test leave the others alone
  const client = (ip?: string) => {
    ipCounter++;
    return new TestClient(app, cookieNames, ip ?? `10.0.${Math.floor(ipCounter / 250) % 250}.${(ipCounter % 250) + 1}`);
  };
  const { db } = database;
  return {
    app,
    services,
    database,
    config,
    cookieNames,
    client,
    async loginAs(username, password = DEMO_PASSWORD, ip) {
      const c = client(ip);
      const state = await c.post('/api/auth/login', { username, password });
      if (state.statusCode !== 200) throw new Error(`login ${username}: ${state.statusCode} ${state.body}`);
      if (state.json().stage === 'totp') {
        const after = await c.post('/api/auth/totp', { code: totpCode() });
        if (after.statusCode !== 200) throw new Error(`totp ${username}: ${after.body}`);
      }
      return c;
    },
    async createAccount(account) {
      const kind = account.kind ?? 'staff';
      const row = await db
        .insertInto('app_user')
        .values({
          username: account.username,
          display_name: account.displayName ?? `测试账号 ${account.username}`,
          kind,
          roles: account.roles ?? (kind === 'staff' ? ['registrar'] : []),
          region_code: account.regionCode ?? '620102',
          organization_name: account.organizationName ?? null,
          status: account.status ?? 'active',
          password_hash: await demoPasswordHash(),
          password_changed_at: new Date(),
          must_change_password: account.mustChangePassword ?? false,
          totp_secret: account.totpSecret ?? null,
          totp_enabled: Boolean(account.totpSecret),
          institution_id: account.institutionName
            ? (await db.selectFrom('institution').select('id').where('name', '=', account.institutionName).executeTakeFirstOrThrow()).id
            : null,
          person_id: account.personId ?? null,
        })
        .returning(['id', 'username'])
        .executeTakeFirstOrThrow();
      return row;
    },
    async userId(username) {
      const row = await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow();
      return row.id;
    },
    async sessionRow(c) {
      const token = c.cookies.get(cookieNames.session);
      if (!token) return undefined;
      return db
        .selectFrom('user_session')
        .select(['stage', 'last_seen_at', 'expires_at', 'ended_at', 'view_region_code', 'idle_timeout_seconds'])
        .where('token_hash', '=', hashToken(token))
        .executeTakeFirst();
    },
    auditSince(seq) {
      return db.selectFrom('audit_log').selectAll().where('seq', '>', seq).orderBy('seq').execute();
    },
    async lastAuditSeq() {
      const row = await db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .executeTakeFirst();
      return Number(row?.seq ?? 0);
    },
    async close() {
      await services.jobs.stop();
      await app.close();
      await drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ClientRequest extends InjectOptions {
  method: string;
  url: string;
  /** the x-csrf-token header: the client's token unless given; null sends none */
  csrf?: string | null;
}

export class TestClient {
  readonly cookies = new Map<string, string>();
  csrfToken = '';

  constructor(
    private readonly app: FastifyInstance,
    private readonly cookieNames: SessionCookies,
    readonly ip: string,
  ) {}

  /** the raw session token in the cookie jar (undefined when signed out) */
  get sessionToken(): string | undefined {
    return this.cookies.get(this.cookieNames.session);
  }

  async request({ csrf, ...options }: ClientRequest): Promise<LightMyRequestResponse> {
    if (!this.csrfToken && options.url !== '/api/auth/session') await this.get('/api/auth/session');
    const headers: Record<string, string> = { ...(options.headers as Record<string, string>) };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(options.method.toUpperCase());
    if (unsafe && !('x-csrf-token' in headers) && csrf !== null) headers['x-csrf-token'] = csrf ?? this.csrfToken;
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

  delete(url: string) {
    return this.request({ method: 'DELETE', url });
  }
}
