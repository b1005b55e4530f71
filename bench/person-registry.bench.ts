/**
 * Person registry benchmarks, called by bench/run-bench.ts once per database (PGlite, and
 * PostgreSQL when BENCH_DATABASE_URL is set), over BENCH_PERSONS synthetic persons (default
 * 1,000,000) written by the bulk path of `npm run seed:scale` (loadSyntheticPersons):
 *
 *   list     GET /api/persons?regionCode=620102&disabilityCategory=4&workingAge=true&pageSize=20 as
 *            the county registrar `chengguan.dengji` through the real server (real session cookie)
 *            vs the very statements the repository runs for that request (captured from
 *            PersonsService.list through a logging Kysely), replayed as bare SQL on the same driver;
 *            and vs a bare Fastify route replaying them (bench/bare-persons-server.ts), as the users bench does.
 *   lookup   search by ID number through the blind index — POST /api/persons/search-by-id through the
 *            real server; PersonsService.searchByNumber in-process; HMAC-SM3 + the bare SELECT by
 *            id_number_index — each vs a bare SELECT by a plaintext, indexed id_number column of a
 *            comparison table holding the same rows (bench_plain_person, dropped at the end).
 *
 * The server listens on 127.0.0.1 only, every run is bounded, and what is started here is stopped here.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { type CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/server/config';
import type { Database } from '../src/server/db/database';
import { DEMO_PASSWORD, seedDemo } from '../src/server/db/demo-seed';
import { createPersonGenerator, generatePersons, loadSyntheticPersons } from '../src/server/db/demo-persons';
import { type BulkTarget, copyField, inBulkTransaction } from '../src/server/db/person-bulk-load';
import type { Tables } from '../src/server/db/tables';
import { defaultPersonsOptions, PersonsService } from '../src/server/modules/persons/persons.service';
import { personListQuery } from '../src/shared/contracts/persons-contracts';
import { createRegionsRepository } from '../src/server/modules/regions/regions.repository';
import { RegionsService } from '../src/server/modules/regions/regions.service';
import type { Actor } from '../src/server/platform/actor';
import { AuditTrail } from '../src/server/platform/audit-trail';
import { PersonalDataCrypto } from '../src/server/platform/personal-data-crypto';
import { loadPersonalDataKeys } from '../src/server/platform/personal-data-keys';
import { type Answer, expectOk, freePort, request } from './bench-http';

const root = resolve(import.meta.dirname, '..');
const settings = {
  account: 'chengguan.dengji',
  county: '620102',
  listQuery: { regionCode: '620102', disabilityCategory: '4', workingAge: 'true', pageSize: '20' },
  warmup: 20,
  requests: 200,
  inProcess: 500,
  lookupIds: 200,
  startTimeoutMs: 60_000,
  /** the scale seed is a one-off run (serials from 0 on a fresh database): the same seed text as seed:scale */
  seed: 'abletrain-scale',
};
const listPath = `/api/persons?${new URLSearchParams(settings.listQuery).toString()}`;

/** What run-bench.ts gives: a database reachable by the server through `env`, and opened here by `open`. */
export interface RegistryBenchTarget {
  label: string;
  env: Record<string, string>;
  open(): Promise<Database>;
}

export interface Measure {
  latencies: number[];
  requestsPerSecond?: number;
}

export interface RegistryRow {
  name: string;
  unit: 'ms';
  value: Measure;
  baseline: Measure;
}

// ---------------------------------------------------------------------------------------------
// server and HTTP (loopback only)

function startServer(script: string[], env: Record<string, string>): { child: ChildProcess; stderr: () => string } {
  const childEnv: Record<string, string | undefined> = { ...process.env, ...env };
  for (const [key, value] of Object.entries(env)) if (value === '') delete childEnv[key];
  const child = spawn(process.execPath, ['--import', 'tsx', ...script], {
    cwd: root,
    env: childEnv,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  child.once('exit', () => process.off('exit', kill));
  return { child, stderr: () => stderr };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const forced = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(forced);
}

let agent = new Agent({ keepAlive: true, maxSockets: 1 });

function http(port: number, path: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<Answer> {
  return request(agent, port, path, headers, method, body);
}

async function waitForHealth(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = performance.now() + settings.startTimeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before answering\n${stderr()}`);
    try {
      if ((await http(port, '/api/health', { connection: 'close' })).status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(10);
  }
  throw new Error(`no answer from /api/health within ${settings.startTimeoutMs} ms`);
}

/** Signs in like the browser: the session probe for the CSRF token, then the login form. Answers the headers of later requests. */
async function signIn(port: number): Promise<Record<string, string>> {
  const jar = new Map<string, string>();
  const keep = (answer: Answer) => {
    const raw = answer.headers['set-cookie'];
    for (const line of Array.isArray(raw) ? raw : raw ? [raw] : []) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const probe = await expectOk(http(port, '/api/auth/session'));
  keep(probe);
  const { csrfToken } = JSON.parse(probe.body) as { csrfToken: string };
  const login = await http(
    port,
    '/api/auth/login',
    { 'content-type': 'application/json', 'x-csrf-token': csrfToken, cookie: cookie() },
    'POST',
    JSON.stringify({ username: settings.account, password: DEMO_PASSWORD }),
  );
  if (login.status !== 200) throw new Error(`login ${settings.account}: ${login.status} ${login.body}`);
  keep(login);
  const stage = (JSON.parse(login.body) as { stage?: string }).stage;
  if (stage !== 'active') throw new Error(`login ${settings.account} stopped at stage ${stage}`);
  return { cookie: cookie(), 'x-csrf-token': csrfToken };
}

// ---------------------------------------------------------------------------------------------
// measuring

async function timed(count: number, run: (i: number) => Promise<unknown>): Promise<Measure> {
  for (let i = 0; i < settings.warmup; i++) await run(i);
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await run(i);
    latencies.push(performance.now() - t);
  }
  return { latencies, requestsPerSecond: count / ((performance.now() - started) / 1000) };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

// ---------------------------------------------------------------------------------------------
// data

function configOf(target: RegistryBenchTarget) {
  const env: Record<string, string> = { DEMO_MODE: 'true' };
  for (const [key, value] of Object.entries(target.env)) if (value !== '') env[key] = value;
  return loadConfig(env);
}

function bulkTarget(database: Database, url: string | undefined, clients: pg.Client[]): BulkTarget | Promise<BulkTarget> {
  if (database.pglite) return { kind: 'pglite', pglite: database.pglite };
  const client = new pg.Client({ connectionString: url });
  clients.push(client);
  return client.connect().then(() => ({ kind: 'postgres-copy', client }));
}

/** The plaintext ID numbers of the run, regenerated serial by serial, in batches. */
function* plaintextBatches(counties: { code: string; name: string }[], offset: number, count: number, today: string) {
  const generator = createPersonGenerator({ counties, today, seed: settings.seed });
  for (let done = 0; done < count; done += 20_000) yield generatePersons(generator, offset + done, Math.min(20_000, count - done), offset);
}

interface Prepared {
  notes: string[];
  /** ID numbers of persons registered in the registrar's county, for lookups */
  lookupIds: string[];
}

/**
 * Writes the persons through the bulk path and the comparison table: the same rows with the ID
 * number in plain text (the sealed number and its blind index left out) and a plain index on it.
 */
async function prepare(target: RegistryBenchTarget, persons: number): Promise<Prepared> {
  const config = configOf(target);
  const crypto = new PersonalDataCrypto(loadPersonalDataKeys(config));
  const database = await target.open();
  const clients: pg.Client[] = [];
  try {
    const { db } = database;
    await seedDemo(database, { persons: false });
    const regions = new RegionsService(createRegionsRepository(db), config.PROVINCE_CODE);
    await regions.load();
    const counties = regions.countyUnits().map((r) => ({ code: r.code, name: r.name }));
    const existing = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM person`.execute(db)).rows[0]!.n);
    const bulk = await bulkTarget(database, config.DATABASE_URL, clients);
    const today = new Date().toISOString().slice(0, 10);
    let lastPrint = 0;
    const load = await loadSyntheticPersons(db, bulk, {
      crypto,
      counties,
      count: persons,
      seed: settings.seed,
      today,
      rebuildIndexes: persons >= Math.max(50_000, existing),
      onBatch: ({ done, count, elapsedMs }) => {
        if (elapsedMs - lastPrint < 15_000 && done < count) return;
        lastPrint = elapsedMs;
        console.log(`    ${done.toLocaleString('en-US')} / ${count.toLocaleString('en-US')} in ${seconds(elapsedMs)}`);
      },
    });
    let t = performance.now();
    await sql`VACUUM (ANALYZE) person, person_change, person_employment`.execute(db);
    const vacuumMs = performance.now() - t;

    t = performance.now();
    await sql`DROP TABLE IF EXISTS bench_plain_person`.execute(db);
    await sql`CREATE TABLE bench_id_map (id_number text NOT NULL, id_number_index text NOT NULL)`.execute(db);
    const lookupIds: string[] = [];
    for (const batch of plaintextBatches(counties, load.offset, persons, today)) {
      const text = batch.map((p) => `${copyField(p.idNumber)}\t${crypto.blindIndex(p.idNumber)}\n`).join('');
      await inBulkTransaction(bulk, (session) =>
        session.kind === 'copy' ? session.copy('bench_id_map', ['id_number', 'id_number_index'], text) : Promise.resolve(),
      );
      for (const p of batch) if (p.countyCode === settings.county && lookupIds.length < settings.lookupIds) lookupIds.push(p.idNumber);
    }
    const columns = (
      await sql<{ name: string }>`
        SELECT column_name AS name FROM information_schema.columns
         WHERE table_name = 'person' AND table_schema = current_schema() AND column_name NOT IN ('id_number_sealed', 'id_number_index')
         ORDER BY ordinal_position`.execute(db)
    ).rows.map((r) => sql.ref(`p.${r.name}`));
    await sql`CREATE TABLE bench_plain_person AS
                SELECT m.id_number, ${sql.join(columns)} FROM person p JOIN bench_id_map m ON m.id_number_index = p.id_number_index`.execute(
      db,
    );
    await sql`DROP TABLE bench_id_map`.execute(db);
    await sql`CREATE INDEX bench_plain_person_id_number_idx ON bench_plain_person (id_number)`.execute(db);
    await sql`VACUUM (ANALYZE) bench_plain_person`.execute(db);
    const plainMs = performance.now() - t;
    const { rows } = await sql<{ plain: number; total: number; bytes: number }>`
      SELECT (SELECT count(*) FROM bench_plain_person) AS plain, (SELECT count(*) FROM person) AS total,
             pg_database_size(current_database()) AS bytes`.execute(db);
    const counts = rows[0]!;
    if (Number(counts.plain) !== persons) throw new Error(`the comparison table has ${counts.plain} rows, not ${persons}`);
    return {
      lookupIds,
      notes: [
        `Persons: ${persons.toLocaleString('en-US')} written by the bulk path (loadSyntheticPersons, as npm run seed:scale) in ${seconds(load.elapsedMs)}` +
          ` (${Math.round(persons / (load.elapsedMs / 1000)).toLocaleString('en-US')}/s), VACUUM ANALYZE ${seconds(vacuumMs)};` +
          ` ${Number(counts.total).toLocaleString('en-US')} persons in the database, ${(Number(counts.bytes) / 2 ** 20).toFixed(0)} MiB with the comparison table (built in ${seconds(plainMs)})`,
      ],
    };
  } finally {
    for (const client of clients) await client.end().catch(() => undefined);
    await database.close();
  }
}

async function dropComparisonTable(target: RegistryBenchTarget): Promise<void> {
  const database = await target.open();
  try {
    await sql`DROP TABLE IF EXISTS bench_plain_person`.execute(database.db);
    await sql`DROP TABLE IF EXISTS bench_id_map`.execute(database.db);
  } finally {
    await database.close();
  }
}

// ---------------------------------------------------------------------------------------------
// the benchmarks

interface ServerFigures {
  list: Measure;
  listIds: string[];
  listTotal: number;
  lookup: Measure | null;
  note: string | null;
}

async function throughServer(target: RegistryBenchTarget, lookupIds: string[]): Promise<ServerFigures> {
  const port = await freePort();
  const { child, stderr } = startServer(['src/server/main.ts'], serverEnv(target, port));
  try {
    await waitForHealth(port, child, stderr);
    const headers = await signIn(port);
    const first = await http(port, listPath, headers);
    if (first.status === 404) {
      return {
        list: { latencies: [] },
        listIds: [],
        listTotal: 0,
        lookup: null,
        note: 'GET /api/persons answers 404: the persons list route is not wired yet, list row skipped',
      };
    }
    const page = JSON.parse((await expectOk(Promise.resolve(first))).body) as { items: { id: string }[]; total: number };
    const list = await timed(settings.requests, () => expectOk(http(port, listPath, headers)));
    const post = { ...headers, 'content-type': 'application/json' };
    let found = 0;
    const lookup = await timed(settings.requests, async (i) => {
      const answer = await expectOk(
        http(port, '/api/persons/search-by-id', post, 'POST', JSON.stringify({ number: lookupIds[i % lookupIds.length] })),
      );
      if (i < lookupIds.length && (JSON.parse(answer.body) as { person: unknown }).person) found++;
    });
    const expected = Math.min(lookupIds.length, settings.requests);
    const note = found < expected ? `search-by-id found ${found} of ${expected} persons it was asked for` : null;
    return { list, listIds: page.items.map((item) => item.id), listTotal: page.total, lookup, note };
  } finally {
    await stopServer(child);
  }
}

const serverEnv = (target: RegistryBenchTarget, port: number): Record<string, string> => ({
  ...target.env,
  PORT: String(port),
  HOST: '127.0.0.1',
  NODE_ENV: 'production',
  LOG_LEVEL: 'info',
  DEMO_MODE: 'true',
  COOKIE_SECURE: 'false',
  WEB_BUILD_ON_START: 'false',
});

/** The list through a bare Fastify route replaying the captured statements (bench/bare-persons-server.ts). */
async function throughBareRoute(target: RegistryBenchTarget, groups: StatementGroups): Promise<{ list: Measure; listIds: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'abletrain-bench-persons-'));
  const file = join(dir, 'statements.json');
  await writeFile(file, JSON.stringify(groups));
  const port = await freePort();
  const { child, stderr } = startServer(['bench/bare-persons-server.ts', file], serverEnv(target, port));
  try {
    await waitForHealth(port, child, stderr);
    const page = JSON.parse((await expectOk(http(port, listPath))).body) as { items: { id: string }[] };
    const list = await timed(settings.requests, () => expectOk(http(port, listPath)));
    return { list, listIds: page.items.map((item) => item.id) };
  } finally {
    await stopServer(child);
    await rm(dir, { recursive: true, force: true });
  }
}

type StatementGroups = { text: string; values: unknown[]; page: boolean }[][];

/** A pg pool like the app's (the PGlite bridge, or PostgreSQL over TCP), for bare SQL. */
function barePool(database: Database, url: string | undefined): pg.Pool {
  return database.pglite ? new pg.Pool({ ...createPgConfig(database.pglite), max: 1 }) : new pg.Pool({ connectionString: url, max: 2 });
}

interface BareFigures {
  list: Measure;
  listIds: string[];
  groups: StatementGroups;
  statements: string;
  plain: Measure;
  service: Measure;
  blindIndex: Measure;
}

async function inProcess(target: RegistryBenchTarget, lookupIds: string[]): Promise<BareFigures> {
  const config = configOf(target);
  const crypto = new PersonalDataCrypto(loadPersonalDataKeys(config));
  const database = await target.open();
  const pool = barePool(database, config.DATABASE_URL);
  try {
    const { db } = database;
    const regions = new RegionsService(createRegionsRepository(db), config.PROVINCE_CODE);
    await regions.load();
    const user = await db
      .selectFrom('app_user')
      .select(['id', 'display_name'])
      .where('username', '=', settings.account)
      .executeTakeFirstOrThrow();
    const actor: Actor = {
      userId: user.id,
      username: settings.account,
      displayName: user.display_name,
      kind: 'staff',
      roles: ['registrar'],
      regionCode: settings.county,
      regionLevel: 'county',
      scope: regions.scopeFor(settings.county),
      sessionTokenHash: '',
      stage: 'active',
    };
    // as app.ts builds it
    const options = {
      ...defaultPersonsOptions,
      workingAge: { min: config.WORKING_AGE_MIN, maxMale: config.WORKING_AGE_MAX_MALE, maxFemale: config.WORKING_AGE_MAX_FEMALE },
    };
    const audit = new AuditTrail(db);

    // the statements the repository runs for the list request, captured through a logging Kysely
    // (the last of three calls, so that a cold pool does not hide which statements run together)
    let captured: { query: CompiledQuery; start: number; end: number }[] = [];
    const capturing = new Kysely<Tables>({
      dialect: new PostgresDialect({ pool }),
      log: (event) => {
        if (event.level !== 'query') return;
        const end = performance.now();
        captured.push({ query: event.query, start: end - event.queryDurationMillis, end });
      },
    });
    const listing = new PersonsService(capturing, audit, regions, crypto, options);
    for (let i = 0; i < 3; i++) {
      captured = [];
      await listing.list(actor, personListQuery.parse(settings.listQuery));
    }
    // statements whose run times overlapped were issued together (Promise.all): replay them together, the rest in order
    const isPage = (text: string) => /\blimit\b/i.test(text) && /"p"\."id_number_masked"/.test(text);
    const groups: StatementGroups = [];
    let groupEnd = -Infinity;
    for (const c of [...captured].sort((a, b) => a.start - b.start)) {
      const statement = { text: c.query.sql, values: [...c.query.parameters], page: isPage(c.query.sql) };
      if (c.start < groupEnd) groups.at(-1)!.push(statement);
      else groups.push([statement]);
      groupEnd = Math.max(groupEnd, c.end);
    }
    const statements = groups.flat();
    const pageStatement = statements.find((s) => s.page);
    if (!pageStatement) throw new Error(`no page statement among the captured list SQL:\n${statements.map((s) => s.text).join('\n')}`);
    const listIds = (await pool.query<{ id: string }>(pageStatement.text, pageStatement.values)).rows.map((r) => r.id);
    const list = await timed(settings.requests, async () => {
      for (const group of groups) await Promise.all(group.map((s) => pool.query(s.text, s.values)));
    });
    const shape = groups.map((g) => (g.length > 1 ? `${g.length} together` : '1')).join(' then ');

    const plain = await timed(settings.inProcess, (i) =>
      pool.query('SELECT * FROM bench_plain_person WHERE id_number = $1', [lookupIds[i % lookupIds.length]]),
    );
    const blindIndex = await timed(settings.inProcess, (i) =>
      pool.query('SELECT * FROM person WHERE id_number_index = $1', [crypto.blindIndex(lookupIds[i % lookupIds.length]!)]),
    );
    const real = new PersonsService(db, audit, regions, crypto, options);
    const meta = { ip: '127.0.0.1', requestId: 'bench' };
    const service = await timed(settings.inProcess, async (i) => {
      const answer = await real.searchByNumber(actor, lookupIds[i % lookupIds.length]!, meta);
      if (!answer.person) throw new Error('searchByNumber found nobody for an ID number of the run');
    });
    await capturing.destroy().catch(() => undefined);
    return { list, listIds, groups, statements: `${statements.length} statements (${shape})`, plain, service, blindIndex };
  } finally {
    await pool.end().catch(() => undefined);
    await database.close();
  }
}

/**
 * Seeds `persons` synthetic persons into the target, measures, drops the comparison table, and
 * answers rows for run-bench's table (name, value, baseline) with notes to print above it.
 */
export async function personRegistryBench(
  target: RegistryBenchTarget,
  options: { persons: number },
): Promise<{ rows: RegistryRow[]; notes: string[] }> {
  const persons = Math.max(1_000, Math.floor(options.persons));
  const started = performance.now();
  agent = new Agent({ keepAlive: true, maxSockets: 1 });
  console.log(`  person registry: writing ${persons.toLocaleString('en-US')} persons…`);
  try {
    const { notes, lookupIds } = await prepare(target, persons);
    if (lookupIds.length === 0) throw new Error(`no persons in ${settings.county} among the first ones of the run`);
    console.log('  person registry: through the server…');
    const server = await throughServer(target, lookupIds);
    console.log('  person registry: bare SQL and in-process…');
    const bare = await inProcess(target, lookupIds);
    const rows: RegistryRow[] = [];
    if (server.list.latencies.length > 0) {
      if (server.listIds.join() !== bare.listIds.join()) throw new Error('the bare SQL answers another first page than the API');
      console.log('  person registry: bare route…');
      const route = await throughBareRoute(target, bare.groups);
      if (route.listIds.join() !== server.listIds.join()) throw new Error('the bare route answers another first page than the API');
      rows.push({
        name: `GET /api/persons first page (county, category, working age) ×${settings.requests} vs bare SQL`,
        unit: 'ms',
        value: server.list,
        baseline: bare.list,
      });
      rows.push({
        name: `GET /api/persons first page ×${settings.requests} vs bare Fastify route, same statements`,
        unit: 'ms',
        value: server.list,
        baseline: route.list,
      });
    }
    if (server.lookup)
      rows.push({
        name: `POST /api/persons/search-by-id ×${settings.requests} vs plain indexed lookup`,
        unit: 'ms',
        value: server.lookup,
        baseline: bare.plain,
      });
    rows.push({
      name: `searchByNumber in-process (service) ×${settings.inProcess} vs plain indexed lookup`,
      unit: 'ms',
      value: bare.service,
      baseline: bare.plain,
    });
    rows.push({
      name: `blind index: HMAC-SM3 + SELECT by index ×${settings.inProcess} vs plain indexed lookup`,
      unit: 'ms',
      value: bare.blindIndex,
      baseline: bare.plain,
    });
    notes.push(
      `Person list as ${settings.account}: ${listPath} → ${server.listIds.length} rows of ${server.listTotal.toLocaleString('en-US')}; ` +
        `baseline = the ${bare.statements} PersonsService.list runs for it, captured and replayed bare on the same driver`,
      `ID lookups: ${lookupIds.length} ID numbers of persons in ${settings.county}, cycled; baseline = SELECT * FROM bench_plain_person WHERE id_number = $1 (same rows, plaintext column, btree), bare on the same driver`,
      `Person registry bench took ${seconds(performance.now() - started)}${server.note ? `; ${server.note}` : ''}`,
    );
    return { rows, notes };
  } finally {
    await dropComparisonTable(target).catch((error: unknown) => console.error('  could not drop the comparison table', error));
    agent.destroy();
  }
}
