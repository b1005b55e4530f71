/**
 * kill -9 during an import, restart, re-run (`npm run test:crash`; slow, so `npm test` skips it):
 *
 *   1. the real server (node --import tsx src/server/main.ts, demo mode, a temp DATA_DIR, a short
 *      JOB_LEASE_SECONDS) takes a 50,050-row .xlsx (50,000 good rows, 50 bad) from a registrar
 *      signed in over HTTP, and starts the import;
 *   2. when the job's progress is in the middle, the server gets SIGKILL;
 *   3. the database, opened directly, must hold exactly the committed batches: persons = the
 *      checkpoint's count, each with its change row and employment entry, progress = checkpoint;
 *   4. a restarted server takes the job over when its lease runs out and finishes it from the
 *      checkpoint: summary 50,000 created + 50 refused, an error file with exactly the 50 lines;
 *   5. the same import once more: 50,000 unchanged; no duplicate ID, no person without its rows;
 *   6. `npm run audit:verify` on that data passes.
 *
 * Runs on PGlite, or on PostgreSQL when TEST_DATABASE_URL is set (a scratch database).
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, ServerProcess } from '../../testing/server-process';
import type { ImportSummary } from '../../../shared/contracts/persons-contracts';
import { loadConfig } from '../../config';
import { type Database, openDatabase } from '../../db/database';
import { PersonalDataCrypto } from '../../platform/personal-data-crypto';
import { loadPersonalDataKeys } from '../../platform/personal-data-keys';
import { goodRow, inTemplateOrder, readErrorFile, xlsxStreamed } from './person-import-fixtures';

const enabled = process.env.IMPORT_CRASH_TEST === '1';
const root = resolve(import.meta.dirname, '../../../..');
const GOOD = 50_000;
const BAD_EVERY = 1000; // one bad row after every 1,000 good ones: 50 bad rows
const ACCOUNT = 'chengguan.dengji';

interface Job {
  status: string;
  progress: number;
  total: number | null;
  result: ImportSummary | null;
  error: string | null;
}

/** The HTTP client with this test's own calls. */
class Client extends HttpClient {
  async upload(name: string, bytes: Buffer): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
    return (await this.json<{ id: string }>('/api/files', { method: 'POST', body: form })).id;
  }

  async startImport(fileId: string): Promise<string> {
    const body = JSON.stringify({ fileId, strategy: 'create_and_update', dryRun: false });
    return (
      await this.json<{ jobId: string }>('/api/persons/import', { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    ).jobId;
  }

  job(id: string): Promise<Job> {
    return this.json<Job>(`/api/jobs/${id}`);
  }

  async until(id: string, done: (job: Job) => boolean, timeoutMs: number): Promise<Job> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const job = await this.job(id);
      if (done(job)) return job;
      if (Date.now() > deadline) throw new Error(`job ${id} still ${job.status} at ${job.progress}/${job.total} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }
}

describe.skipIf(!enabled)('an import killed with kill -9', () => {
  // made by the server on first start (nothing is created while the test is skipped)
  const dataDir = join(tmpdir(), `abletrain-crash-${process.pid}-${randomUUID().slice(0, 8)}`);
  const postgres = process.env.TEST_DATABASE_URL;
  const scratch = `abletrain_crash_${process.pid}`;
  const databaseUrl = postgres ? Object.assign(new URL(postgres), { pathname: `/${scratch}` }).toString() : undefined;
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    DEMO_MODE: 'true',
    NODE_ENV: 'production',
    COOKIE_SECURE: 'false',
    WEB_BUILD_ON_START: 'false',
    LOG_LEVEL: 'warn',
    // the restarted server takes the job over 3 s after the killed one last renewed its claim
    JOB_LEASE_SECONDS: '3',
    ...(databaseUrl && { DATABASE_URL: databaseUrl }),
  };
  const server = new ServerProcess(env);
  const client = new Client(server);
  const open = (): Promise<Database> => openDatabase(databaseUrl ? { url: databaseUrl, poolSize: 2 } : { dataDir });

  beforeAll(async () => {
    if (postgres) {
      const admin = await openDatabase({ url: postgres, poolSize: 1 });
      await sql`DROP DATABASE IF EXISTS ${sql.id(scratch)} WITH (FORCE)`.execute(admin.db);
      await sql`CREATE DATABASE ${sql.id(scratch)}`.execute(admin.db);
      await admin.close();
    }
  });

  afterAll(async () => {
    await server.stop();
    if (postgres) {
      const admin = await openDatabase({ url: postgres, poolSize: 1 });
      await sql`DROP DATABASE IF EXISTS ${sql.id(scratch)} WITH (FORCE)`.execute(admin.db);
      await admin.close();
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('leaves whole batches only, resumes, and a re-run changes nothing', { timeout: 600_000 }, async () => {
    // born 1935: clear of the demo persons (1950–2008)
    const rows = Array.from({ length: GOOD }, (_, i) => goodRow(i, {}, 1935));
    const cells = rows.flatMap((row, i) => [
      inTemplateOrder(row),
      ...((i + 1) % BAD_EVERY === 0 ? [inTemplateOrder(goodRow(i, { name: `坏${i}` }, 1936))] : []),
    ]);
    const bad = cells.length - GOOD;
    expect(bad).toBe(GOOD / BAD_EVERY);
    const file = await xlsxStreamed(cells.length, (i) => cells[i]!);

    await server.start();
    await client.login(ACCOUNT);
    const fileId = await client.upload('五万人.xlsx', file);
    const jobId = await client.startImport(fileId);

    // somewhere in the middle
    const before = await client.until(jobId, (j) => j.status === 'running' && j.progress >= cells.length * 0.3, 300_000);
    expect(before.progress).toBeLessThan(cells.length);
    await server.kill();

    // what the killed server left: whole batches, and a checkpoint that says so
    let database = await open();
    try {
      const { db } = database;
      const job = await db.selectFrom('job').selectAll().where('id', '=', jobId).executeTakeFirstOrThrow();
      const checkpoint = (job.payload as { checkpoint: { rows: number; created: number; refused: number; lastRow: number } }).checkpoint;
      expect(job.status).toBe('running');
      expect(job.progress).toBe(checkpoint.rows);
      expect(checkpoint.rows).toBeGreaterThan(0);
      expect(checkpoint.rows).toBeLessThan(cells.length);
      const imported = await db
        .selectFrom('person_change')
        .select((eb) => eb.fn.count<number>('person_id').distinct().as('n'))
        .where('source', 'like', `import:${jobId}:%`)
        .executeTakeFirstOrThrow();
      expect(Number(imported.n)).toBe(checkpoint.created);
      expect(checkpoint.created + checkpoint.refused).toBe(checkpoint.rows);
      console.log(
        `killed at progress ${before.progress}/${cells.length}; committed: ${checkpoint.rows} rows (${checkpoint.created} persons) up to row ${checkpoint.lastRow}`,
      );
      await expectNoPartialPersons(database);
    } finally {
      await database.close();
    }

    // restart: the job is taken over when its lease has run out, and finishes from its checkpoint
    await server.start();
    await client.login(ACCOUNT);
    const finished = await client.until(jobId, (j) => j.status === 'succeeded' || j.status === 'failed', 300_000);
    expect(finished.error).toBeNull();
    expect(finished).toMatchObject({ status: 'succeeded', progress: cells.length, total: cells.length });
    expect(finished.result).toMatchObject({ dryRun: false, rows: cells.length, created: GOOD, updated: 0, unchanged: 0, refused: bad });
    const errors = await client.fetch(`/api/files/${finished.result!.errorFileId}`);
    const { lines } = await readErrorFile(Buffer.from(await errors.arrayBuffer()));
    expect(lines).toHaveLength(bad);
    expect(new Set(lines.map((l) => l[0])).size).toBe(bad);
    expect(lines.every((l) => l[1] === '姓名')).toBe(true);

    // the same file again: nothing changes
    const again = await client.startImport(fileId);
    const rerun = await client.until(again, (j) => j.status === 'succeeded' || j.status === 'failed', 300_000);
    expect(rerun.result).toMatchObject({ rows: cells.length, created: 0, updated: 0, unchanged: GOOD, refused: bad });
    await server.stop();

    database = await open();
    try {
      const { db } = database;
      const crypto = new PersonalDataCrypto(loadPersonalDataKeys(loadConfig({ ...env })));
      const indexes = rows.map((r) => crypto.blindIndex(String(r.idNumber)));
      let found = 0;
      for (let i = 0; i < indexes.length; i += 5000) {
        const chunk = await db
          .selectFrom('person')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('id_number_index', 'in', indexes.slice(i, i + 5000))
          .executeTakeFirstOrThrow();
        found += Number(chunk.n);
      }
      expect(found).toBe(GOOD);
      const totals = await db
        .selectFrom('person')
        .select((eb) => [eb.fn.countAll<number>().as('rows'), eb.fn.count<number>('id_number_index').distinct().as('distinct')])
        .executeTakeFirstOrThrow();
      expect(Number(totals.distinct)).toBe(Number(totals.rows));
      await expectNoPartialPersons(database);
      const audit = await db
        .selectFrom('audit_log')
        .select(['action', 'outcome', 'target_id'])
        .where('action', '=', 'persons.import')
        .orderBy('seq')
        .execute();
      expect(audit).toEqual([
        { action: 'persons.import', outcome: 'success', target_id: jobId },
        { action: 'persons.import', outcome: 'success', target_id: again },
      ]);
    } finally {
      await database.close();
    }

    const { DATABASE_URL: _inherited, ...inherited } = process.env;
    const verify = spawnSync('npm', ['run', '--silent', 'audit:verify'], { cwd: root, env: { ...inherited, ...env }, encoding: 'utf8' });
    expect(verify.status, verify.stderr).toBe(0);
    expect(verify.stdout).toContain('审计链完整');
  });
});

/** Every person has its change row and its first employment entry: nothing half-written. */
async function expectNoPartialPersons(database: Database): Promise<void> {
  const { db } = database;
  const withoutChange = await db
    .selectFrom('person as p')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('person_change as c').select('c.id').whereRef('c.person_id', '=', 'p.id'))),
    )
    .executeTakeFirstOrThrow();
  const withoutEmployment = await db
    .selectFrom('person as p')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('person_employment as e').select('e.id').whereRef('e.person_id', '=', 'p.id'))),
    )
    .executeTakeFirstOrThrow();
  expect(Number(withoutChange.n)).toBe(0);
  expect(Number(withoutEmployment.n)).toBe(0);
}
