/**
 * `npm run bench`: figures as ratios against a baseline measured in the same run, plus absolute medians.
 *
 *   users list   authenticated, region-scoped `GET /api/users?pageSize=20` as the county security admin
 *                `chengguan.anquan` through the real server (src/server/main.ts, real session cookie)
 *                vs a bare Fastify route running the same SQL for the same region codes
 *                (bench/bare-users-server.ts); sequential requests, then a fixed-time concurrent run.
 *   start-up     spawn → first 200 from /api/health on an existing database
 *                vs a bare `node -e` Fastify listen with the same poll.
 *   persons      list, and lookup by ID number through the blind index, over BENCH_PERSONS synthetic
 *                persons (default 1,000,000): bench/person-registry.bench.ts.
 *   subsidies    eligibility of 10,000 draft claims against BENCH_SUBSIDIES paid subsidies (default
 *                1,000,000) through evaluateClaims vs one SQL statement finding the same conflicts,
 *                with identical results required: bench/subsidy-eligibility.bench.ts.
 *
 * Runs on PGlite (a data dir in a temp folder); also on PostgreSQL when BENCH_DATABASE_URL is set
 * (a scratch database `abletrain_bench_<pid>` is created there and dropped). Every server listens on
 * 127.0.0.1 only, each run is bounded, and everything started here is stopped here.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent } from 'node:http';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { type Database, openDatabase } from '../src/server/db/database';
import { DEMO_PASSWORD, seedDemo } from '../src/server/db/demo-seed';
import { migrateToLatest } from '../src/server/db/migrate';
import type { NewAppUser } from '../src/server/db/tables';
import { hashPassword } from '../src/server/modules/auth/password-hasher';
import { createRegionsRepository } from '../src/server/modules/regions/regions.repository';
import { RegionsService } from '../src/server/modules/regions/regions.service';
import { personRegistryBench } from './person-registry.bench';
import { personImportBench } from './person-import.bench';
import { subsidyEligibilityBench } from './subsidy-eligibility.bench';
import { type Answer, expectOk, freePort, request } from './bench-http';

const root = resolve(import.meta.dirname, '..');
const settings = {
  users: 5_000,
  /** Chengguan District, where the county security admin of the demo data works */
  scopeRegion: '620102',
  /** share of the seeded accounts in that county (the provincial capital's biggest district) */
  scopeShare: 0.2,
  loginFailures: 300,
  warmup: 50,
  sequential: 300,
  concurrency: 8,
  concurrentSeconds: 3,
  startups: 5,
  startTimeoutMs: 60_000,
  /** the whole run stops itself after this (a million persons per database take minutes to write) */
  watchdogMs: 60 * 60_000,
};
const account = 'chengguan.anquan';
const listPath = '/api/users?pageSize=20';

// ---------------------------------------------------------------------------------------------
// processes and HTTP

const children = new Set<ChildProcess>();

/** Starts `node …args` in the repo; an empty value in env removes that variable. */
function start(args: string[], env: Record<string, string>): ChildProcess {
  const childEnv: Record<string, string | undefined> = { ...process.env, ...env };
  for (const [key, value] of Object.entries(env)) if (value === '') delete childEnv[key];
  const child = spawn(process.execPath, args, { cwd: root, env: childEnv, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  child.once('exit', (code, signal) => {
    children.delete(child);
    if (code && code !== 0 && signal === null) console.error(`  ! ${args.slice(-1)[0]} exited with ${code}\n${stderr}`);
  });
  children.add(child);
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const forced = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(forced);
}

const agent = new Agent({ keepAlive: true, maxSockets: settings.concurrency });

function get(port: number, path: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<Answer> {
  return request(agent, port, path, headers, method, body);
}

async function waitForHealth(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before answering`);
    try {
      if ((await get(port, '/api/health', { connection: 'close' })).status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(10);
  }
  throw new Error(`no answer from /api/health within ${timeoutMs} ms`);
}

// ---------------------------------------------------------------------------------------------
// figures

const median = (values: number[]) => quantile(values, 0.5);

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low]! + (sorted[Math.ceil(at)]! - sorted[low]!) * (at - low);
}

interface Measure {
  latencies: number[];
  requestsPerSecond?: number;
}

async function sequential(port: number, headers: Record<string, string>): Promise<Measure> {
  for (let i = 0; i < settings.warmup; i++) await expectOk(get(port, listPath, headers));
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < settings.sequential; i++) {
    const t = performance.now();
    await expectOk(get(port, listPath, headers));
    latencies.push(performance.now() - t);
  }
  return { latencies, requestsPerSecond: settings.sequential / ((performance.now() - started) / 1000) };
}

async function concurrent(port: number, headers: Record<string, string>): Promise<Measure> {
  const latencies: number[] = [];
  const started = performance.now();
  const end = started + settings.concurrentSeconds * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const t = performance.now();
      await expectOk(get(port, listPath, headers));
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: settings.concurrency }, worker));
  return { latencies, requestsPerSecond: latencies.length / ((performance.now() - started) / 1000) };
}

// ---------------------------------------------------------------------------------------------
// data

interface Target {
  label: string;
  env: Record<string, string>;
  open(): Promise<Database>;
  drop(): Promise<void>;
}

async function pgliteTarget(dir: string): Promise<Target> {
  const dataDir = join(dir, 'pglite');
  return {
    label: 'PGlite (embedded, data dir in a temp folder)',
    env: { DATA_DIR: dataDir, DATABASE_URL: '' },
    open: () => openDatabase({ dataDir }),
    drop: async () => undefined,
  };
}

async function postgresTarget(url: string, dir: string): Promise<Target> {
  const name = `abletrain_bench_${process.pid}`;
  const own = new URL(url);
  own.pathname = `/${name}`;
  const admin = await openDatabase({ url, poolSize: 1 });
  await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(admin.db);
  await sql`CREATE DATABASE ${sql.id(name)}`.execute(admin.db);
  const { rows } = await sql<{ server_version: string }>`SHOW server_version`.execute(admin.db);
  await admin.close();
  return {
    label: `PostgreSQL ${rows[0]?.server_version ?? '?'} at ${own.host}`,
    env: { DATABASE_URL: own.toString(), DATA_DIR: join(dir, 'pg-files') },
    open: () => openDatabase({ url: own.toString(), poolSize: 2 }),
    drop: async () => {
      const again = await openDatabase({ url, poolSize: 1 });
      await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(again.db);
      await again.close();
    },
  };
}

const kinds = ['staff', 'staff', 'institution', 'employer', 'trainee', 'trainee', 'trainee'] as const;

/** Migrates, loads regions and the demo accounts, then bulk-inserts the accounts the list pages through. */
async function seed(target: Target): Promise<{ inScope: number }> {
  const database = await target.open();
  try {
    const { db } = database;
    await migrateToLatest(db);
    const regions = new RegionsService(createRegionsRepository(db), '620000');
    await regions.load();
    await seedDemo(database, { persons: false });
    const counties = regions.countyUnits().map((r) => r.code);
    const passwordHash = await hashPassword('Bench#Password2026');
    const now = Date.now();
    let inScope = 0;
    const users: NewAppUser[] = [];
    for (let i = 0; i < settings.users; i++) {
      const region = i % Math.round(1 / settings.scopeShare) === 0 ? settings.scopeRegion : counties[i % counties.length]!;
      if (region === settings.scopeRegion) inScope++;
      const kind = kinds[i % kinds.length]!;
      users.push({
        username: `bench.u${String(i).padStart(5, '0')}`,
        display_name: `测试用户${i}`,
        kind,
        roles: kind === 'staff' ? [i % 3 === 0 ? 'registrar' : 'training_officer'] : [],
        region_code: region,
        organization_name: kind === 'institution' || kind === 'employer' ? `测试单位${i % 97}` : null,
        password_hash: passwordHash,
        password_changed_at: new Date(now - (i % 60) * 86_400_000),
        must_change_password: false,
        created_at: new Date(now - i * 3_600_000),
        last_login_at: i % 4 === 0 ? null : new Date(now - (i % 30) * 86_400_000),
      });
    }
    for (let i = 0; i < users.length; i += 500)
      await db
        .insertInto('app_user')
        .values(users.slice(i, i + 500))
        .execute();
    const failures = Array.from({ length: settings.loginFailures }, (_, i) => ({
      username: `bench.u${String((i * 5) % settings.users).padStart(5, '0')}`,
      ip: `10.1.${i % 250}.${i % 200}`,
    }));
    await db.insertInto('login_failure').values(failures).execute();
    await sql`ANALYZE`.execute(db);
    return { inScope };
  } finally {
    await database.close();
  }
}

// ---------------------------------------------------------------------------------------------
// benchmarks

interface Row {
  name: string;
  unit: 'ms';
  value: Measure;
  baseline: Measure;
}

const serverEnv = (target: Target, port: number): Record<string, string> => ({
  ...target.env,
  PORT: String(port),
  HOST: '127.0.0.1',
  NODE_ENV: 'production',
  LOG_LEVEL: 'info',
  DEMO_MODE: 'true',
  COOKIE_SECURE: 'false',
  WEB_BUILD_ON_START: 'false',
});

function cookiesOf(answer: Answer, jar: Map<string, string>): void {
  const raw = answer.headers['set-cookie'];
  for (const line of Array.isArray(raw) ? raw : raw ? [raw] : []) {
    const [pair] = line.split(';');
    const at = pair!.indexOf('=');
    jar.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
  }
}

/** Signs in like the browser: session probe for the CSRF token, then the login form. */
async function signIn(port: number): Promise<Record<string, string>> {
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const probe = await expectOk(get(port, '/api/auth/session'));
  cookiesOf(probe, jar);
  const { csrfToken } = JSON.parse(probe.body) as { csrfToken: string };
  const login = await get(
    port,
    '/api/auth/login',
    { 'content-type': 'application/json', 'x-csrf-token': csrfToken, cookie: cookie() },
    'POST',
    JSON.stringify({ username: account, password: DEMO_PASSWORD }),
  );
  if (login.status !== 200) throw new Error(`login ${account}: ${login.status} ${login.body}`);
  cookiesOf(login, jar);
  const stage = (JSON.parse(login.body) as { stage?: string }).stage;
  if (stage !== 'active') throw new Error(`login ${account} stopped at stage ${stage}`);
  return { cookie: cookie() };
}

async function usersList(target: Target): Promise<{ rows: Row[]; items: number; total: number }> {
  // the real server
  let port = await freePort();
  let server = start(['--import', 'tsx', 'src/server/main.ts'], serverEnv(target, port));
  let app: { sequential: Measure; concurrent: Measure; body: string };
  try {
    await waitForHealth(port, server, settings.startTimeoutMs);
    const headers = await signIn(port);
    const body = (await expectOk(get(port, listPath, headers))).body;
    app = { sequential: await sequential(port, headers), concurrent: await concurrent(port, headers), body };
  } finally {
    await stop(server);
  }
  // the bare route (after the real server has let go of the data dir)
  port = await freePort();
  server = start(['--import', 'tsx', 'bench/bare-users-server.ts', settings.scopeRegion], serverEnv(target, port));
  let bare: typeof app;
  try {
    await waitForHealth(port, server, settings.startTimeoutMs);
    const body = (await expectOk(get(port, listPath))).body;
    bare = { sequential: await sequential(port, {}), concurrent: await concurrent(port, {}), body };
  } finally {
    await stop(server);
  }
  const a = JSON.parse(app.body) as { items: { id: string }[]; total: number };
  const b = JSON.parse(bare.body) as { items: { id: string }[]; total: number };
  if (a.total !== b.total || a.items.map((i) => i.id).join() !== b.items.map((i) => i.id).join()) {
    throw new Error(`the baseline answers other rows than the app (total ${b.total} vs ${a.total})`);
  }
  return {
    items: a.items.length,
    total: a.total,
    rows: [
      { name: `GET /api/users, sequential ×${settings.sequential}`, unit: 'ms', value: app.sequential, baseline: bare.sequential },
      {
        name: `GET /api/users, ${settings.concurrency} concurrent × ${settings.concurrentSeconds} s`,
        unit: 'ms',
        value: app.concurrent,
        baseline: bare.concurrent,
      },
    ],
  };
}

const bareHealthServer = `
import('fastify').then(async ({ default: Fastify }) => {
  const app = Fastify();
  app.get('/api/health', async () => ({ status: 'ok' }));
  process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
  await app.listen({ port: Number(process.argv[1]), host: '127.0.0.1' });
});`;

async function startupTimes(args: (port: number) => string[], env: (port: number) => Record<string, string>): Promise<Measure> {
  const latencies: number[] = [];
  for (let i = 0; i < settings.startups; i++) {
    const port = await freePort();
    const started = performance.now();
    const child = start(args(port), env(port));
    try {
      await waitForHealth(port, child, settings.startTimeoutMs);
      latencies.push(performance.now() - started);
    } finally {
      await stop(child);
    }
  }
  return { latencies };
}

async function startup(target: Target): Promise<Row> {
  const value = await startupTimes(
    () => ['--import', 'tsx', 'src/server/main.ts'],
    (port) => serverEnv(target, port),
  );
  const baseline = await startupTimes(
    (port) => ['-e', bareHealthServer, String(port)],
    () => ({}),
  );
  return { name: `start-up to /api/health, ×${settings.startups}`, unit: 'ms', value, baseline };
}

// ---------------------------------------------------------------------------------------------
// report

const ms = (v: number) => (Number.isFinite(v) ? `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms` : '–');
const rps = (m: Measure) => (m.requestsPerSecond ? `${Math.round(m.requestsPerSecond)}/s` : '');

function table(rows: Row[]): string {
  const header = ['benchmark', 'median', 'p95', 'baseline median', 'ratio', 'req/s', 'baseline req/s'];
  const lines = rows.map((r) => {
    const med = median(r.value.latencies);
    const base = median(r.baseline.latencies);
    return [r.name, ms(med), ms(quantile(r.value.latencies, 0.95)), ms(base), `${(med / base).toFixed(2)}×`, rps(r.value), rps(r.baseline)];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [format(header), widths.map((w) => '─'.repeat(w)).join('  '), ...lines.map(format)].join('\n');
}

/** BENCH_ONLY=users,startup,registry,import,subsidies picks parts of the run (all when unset). */
const only = new Set((process.env.BENCH_ONLY ?? 'users,startup,registry,import,subsidies').split(',').map((part) => part.trim()));

async function subsidiesReport(target: Target): Promise<string> {
  const subsidies = await subsidyEligibilityBench(target, { subsidies: Number(process.env.BENCH_SUBSIDIES ?? 1_000_000) });
  return [...subsidies.notes, '', table(subsidies.rows)].join('\n');
}

async function benchmark(target: Target): Promise<string> {
  const t = performance.now();
  const rows: Row[] = [];
  const notes: string[] = [];
  console.log(`\n▶ ${target.label}: seeding…`);
  const { inScope } = await seed(target);
  console.log(
    `  seeded ${settings.users} accounts (${inScope} in ${settings.scopeRegion}) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  if (only.has('users')) {
    console.log('  users list…');
    const list = await usersList(target);
    rows.push(...list.rows);
    notes.push(
      `Users list as ${account} (scope ${settings.scopeRegion}): ${list.items} rows of ${list.total} per page; baseline = bare Fastify route, same SQL, same region codes`,
    );
  }
  if (only.has('startup')) {
    console.log('  start-up…');
    rows.push(await startup(target));
    notes.push(
      'Start-up: node --import tsx src/server/main.ts on the seeded database (WEB_BUILD_ON_START=false); baseline = node -e bare Fastify listen',
    );
  }
  if (only.has('registry')) {
    const registry = await personRegistryBench(target, { persons: Number(process.env.BENCH_PERSONS ?? 1_000_000) });
    rows.push(...registry.rows);
    notes.push(...registry.notes);
  }
  return [
    `\nDatabase: ${target.label}`,
    ...notes,
    '',
    rows.length > 0 ? table(rows) : '',
    '',
    only.has('import') ? await personImportBench(target) : '',
    // last: its million paid subsidies stay in the scratch database
    only.has('subsidies') ? await subsidiesReport(target) : '',
  ].join('\n');
}

async function main(): Promise<void> {
  const cpu = cpus();
  console.log(
    `Machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}/${process.arch}`,
  );
  console.log('All servers on 127.0.0.1; latencies are client-side, over HTTP/1.1 keep-alive.');
  const dir = await mkdtemp(join(tmpdir(), 'abletrain-bench-'));
  const targets: Target[] = [await pgliteTarget(dir)];
  const reports: string[] = [];
  try {
    const pgUrl = process.env.BENCH_DATABASE_URL;
    if (pgUrl) targets.push(await postgresTarget(pgUrl, dir));
    else console.log('(BENCH_DATABASE_URL is not set: PGlite only)');
    for (const target of targets) reports.push(await benchmark(target));
  } finally {
    for (const child of [...children]) await stop(child);
    for (const target of targets) await target.drop().catch((error: unknown) => console.error('could not drop', error));
    agent.destroy();
    await rm(dir, { recursive: true, force: true });
  }
  console.log(reports.join('\n'));
}

const watchdog = setTimeout(() => {
  console.error(`bench: still running after ${settings.watchdogMs / 60_000} min, stopping`);
  for (const child of children) child.kill('SIGKILL');
  process.exit(2);
}, settings.watchdogMs);
watchdog.unref();

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    for (const child of children) child.kill('SIGKILL');
    process.exit(1);
  },
);
