/**
 * Import benchmark, called by bench/run-bench.ts for each database target (`personImportBench`):
 *
 *   import       100,000 valid rows through the real import path: the file stored by FileStore,
 *                PersonImportService.start, then the `persons.import` job on the JobQueue — reader
 *                (decoder + CSV parser, or exceljs streaming for .xlsx) → cells to fields →
 *                validatePerson → sealing (toColumns) → batches of 1,000 rows, each one transaction
 *                with its job checkpoint (new persons: one INSERT … SELECT FROM jsonb_to_recordset
 *                statement writing person, person_change and person_employment) → summary + audit;
 *   baseline     a raw COPY of the same rows, already sealed and laid out by toColumns, into the
 *                same table: PGlite `COPY person … FROM '/dev/blob'`, PostgreSQL `COPY … FROM
 *                STDIN` (pg-copy-streams, a client of its own);
 *   parse only   reader + mapping + validation + sealing without a database (where the time goes).
 *
 * Every run is a child process of its own (`node --import tsx bench/person-import.bench.ts <run>`)
 * on the target's database as run-bench left it (the registry bench's persons stay; the import's
 * persons, all born in 1935, are removed after each run), so its peak RSS (getrusage maxrss) is
 * that run's alone; on PGlite it includes the embedded database.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { ImportSummary } from '../src/shared/contracts/persons-contracts';
import { todayInChina, validatePerson, type ValidationContext } from '../src/shared/domain/person-validation';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { type Database, openDatabase } from '../src/server/db/database';
import { copyField, personColumns } from '../src/server/db/person-bulk-load';
import { importColumns, mapRow } from '../src/server/modules/persons/person-import-columns';
import { csvText, goodRow, inTemplateOrder, xlsxStreamed } from '../src/server/modules/persons/person-import-fixtures';
import { csvRecords, defaultFileLimits, openImportTable } from '../src/server/modules/persons/person-import-reader';
import { toColumns } from '../src/server/modules/persons/person-record';
import type { Actor } from '../src/server/platform/actor';

export interface ImportBenchTarget {
  label: string;
  /** DATA_DIR and DATABASE_URL of the target ('' = unset) */
  env: Record<string, string>;
}

const ROWS = 100_000;
const ACCOUNT = 'chengguan.dengji';
const root = resolve(import.meta.dirname, '..');

type RunName = 'copy' | 'import-csv' | 'import-xlsx' | 'parse-csv' | 'parse-xlsx';
interface RunResult {
  ms: number;
  rows: number;
  maxRssBytes: number;
  /** persons already in the registry */
  registry?: number;
}

const runs: { name: RunName; label: string }[] = [
  { name: 'copy', label: 'raw COPY into person (baseline)' },
  { name: 'import-csv', label: 'import .csv (UTF-8), real path' },
  { name: 'parse-csv', label: '  of which read + validate + seal only' },
  { name: 'import-xlsx', label: 'import .xlsx, real path' },
  { name: 'parse-xlsx', label: '  of which read + validate + seal only' },
];

/** Runs every measurement for one target and answers the printed table. */
export async function personImportBench(target: ImportBenchTarget): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'abletrain-import-bench-'));
  try {
    console.log(`  import: writing ${ROWS.toLocaleString('en-US')} rows as .csv and .xlsx…`);
    const cells = Array.from({ length: ROWS }, (_, i) => inTemplateOrder(goodRow(i, {}, BIRTH_YEAR)));
    await writeFile(join(dir, 'rows.csv'), csvText(cells));
    await writeFile(join(dir, 'rows.xlsx'), await xlsxStreamed(ROWS, (i) => cells[i]!));
    const results = new Map<RunName, RunResult>();
    for (const run of runs) {
      console.log(`  import: ${run.name}…`);
      results.set(run.name, await child(run.name, dir, target.env));
    }
    const copy = results.get('copy')!;
    const header = ['person import', 'time', 'rows/s', 'ratio to COPY', 'peak RSS'];
    const lines = runs.map(({ name, label }) => {
      const r = results.get(name)!;
      return [
        label,
        `${(r.ms / 1000).toFixed(2)} s`,
        Math.round(r.rows / (r.ms / 1000)).toLocaleString('en-US'),
        `${(r.ms / copy.ms).toFixed(2)}×`,
        `${Math.round(r.maxRssBytes / 2 ** 20)} MiB`,
      ];
    });
    const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
    const format = (row: string[]) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
    return [
      `Person import: ${ROWS.toLocaleString('en-US')} new valid persons from ${ACCOUNT} into a registry of ${(copy.registry ?? 0).toLocaleString('en-US')} persons; each run a process of its own (peak RSS = that process)`,
      'import writes person + person_change + person_employment + job checkpoints + audit; the COPY baseline writes person only, rows sealed beforehand',
      '',
      format(header),
      widths.map((w) => '─'.repeat(w)).join('  '),
      ...lines.map(format),
    ].join('\n');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function child(run: RunName, dir: string, targetEnv: Record<string, string>): Promise<RunResult> {
  return new Promise((done, fail) => {
    const env: Record<string, string | undefined> = { ...process.env, ...targetEnv };
    for (const [key, value] of Object.entries(targetEnv)) if (value === '') delete env[key];
    const process_ = spawn(process.execPath, ['--import', 'tsx', 'bench/person-import.bench.ts', run, dir], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    process_.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    process_.once('error', fail);
    process_.once('exit', (code) => {
      if (code !== 0) return fail(new Error(`import bench run ${run} exited with ${code}: ${out.slice(-2000)}`));
      done(JSON.parse(out.trim().split('\n').at(-1)!) as RunResult);
    });
  });
}

// ---------------------------------------------------------------------------------------------
// one run, in its own process

// the sealed columns of a person, as the bulk loader lays them out (it also writes id and timestamps)
const copyColumns = personColumns.filter(
  (c): c is Exclude<(typeof personColumns)[number], 'id' | 'created_at' | 'updated_at'> =>
    c !== 'id' && c !== 'created_at' && c !== 'updated_at',
);

/** The bench's persons are born in 1935 (one year, 400 per day): clear of the demo and scale persons (1950–2008). */
const BIRTH_YEAR = 1935;
const bornInBenchYear = sql<boolean>`birth_date BETWEEN ${`${BIRTH_YEAR}-01-01`}::date AND ${`${BIRTH_YEAR}-12-31`}::date`;

/** Takes the bench's persons out again, so every run meets the registry as run-bench left it. */
async function removeBenchPersons(database: Database): Promise<void> {
  const { db } = database;
  const ids = db.selectFrom('person').select('id').where(bornInBenchYear);
  await db.deleteFrom('person_change').where('person_id', 'in', ids).execute();
  await db.deleteFrom('person_employment').where('person_id', 'in', ids).execute();
  await db.deleteFrom('person').where(bornInBenchYear).execute();
  await sql`VACUUM ANALYZE person, person_change, person_employment`.execute(db);
}

async function countPersons(database: Database, which: 'bench' | 'all'): Promise<number> {
  const query = database.db.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n'));
  const row = await (which === 'bench' ? query.where(bornInBenchYear) : query).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function runOne(run: RunName, dir: string): Promise<RunResult> {
  const config = loadConfig({
    ...(process.env as Record<string, string>),
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    DEMO_MODE: 'true',
    COOKIE_SECURE: 'false',
    WEB_BUILD_ON_START: 'false',
    UPLOAD_MAX_BYTES: String(200 * 1024 * 1024),
  });
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 4 });
  const { app, services } = await buildApp(config, database);
  try {
    const user = await database.db.selectFrom('app_user').selectAll().where('username', '=', ACCOUNT).executeTakeFirstOrThrow();
    const validation: ValidationContext = {
      today: todayInChina(),
      regionExists: (c) => services.regions.get(c) !== undefined,
      isCountyUnit: () => true,
    };
    const format = run.endsWith('xlsx') ? 'xlsx' : 'csv';
    const bytes = await readFile(join(dir, `rows.${format}`));
    const mediaType = format === 'csv' ? 'text/plain' : 'application/zip';
    await removeBenchPersons(database);
    const registry = await countPersons(database, 'all');
    let result: RunResult;

    if (run === 'copy') {
      // the same rows, sealed and laid out as the import stores them, prepared before the clock starts
      const lines: string[] = [];
      for (const row of csvRows(bytes.toString('utf8'))) {
        const checked = validatePerson(mapRow(row, { countyByName: () => undefined }).fields, validation);
        if (!checked.ok) throw new Error(`bench row is not valid: ${JSON.stringify(checked.issues)}`);
        const c = toColumns(checked.value, services.persons.crypto);
        lines.push([...copyColumns.map((k) => copyField(c[k] as Parameters<typeof copyField>[0])), user.id, user.id].join('\t'));
      }
      const text = `${lines.join('\n')}\n`;
      const statement = (from: string) => `COPY person (${copyColumns.join(', ')}, created_by, updated_by) FROM ${from}`;
      const started = performance.now();
      if (database.pglite) await database.pglite.query(statement("'/dev/blob'"), [], { blob: new Blob([text]) });
      else {
        const client = new pg.Client({ connectionString: config.DATABASE_URL });
        await client.connect();
        try {
          await pipeline(Readable.from([text]), client.query(copyFrom(statement('STDIN'))));
        } finally {
          await client.end();
        }
      }
      result = { ms: performance.now() - started, rows: lines.length, maxRssBytes: 0 };
    } else if (run.startsWith('import')) {
      const actor: Actor = {
        userId: user.id,
        username: user.username,
        displayName: user.display_name,
        kind: user.kind,
        roles: ['registrar'],
        regionCode: user.region_code,
        regionLevel: 'county',
        scope: services.regions.scopeFor(user.region_code),
        sessionTokenHash: '',
        stage: 'active',
      };
      const stored = await services.files.save(user.id, `rows.${format}`, Readable.from([bytes]));
      services.jobs.start(60_000);
      const started = performance.now();
      const { jobId } = await services.personImport.start(actor, { fileId: stored.id, strategy: 'create_and_update', dryRun: false });
      await services.jobs.idle();
      const ms = performance.now() - started;
      const job = await services.jobs.get(jobId);
      if (job?.status !== 'succeeded') throw new Error(`import ended ${job?.status}: ${job?.error}`);
      const summary = job.result as unknown as ImportSummary;
      if (summary.created !== ROWS) throw new Error(`import created ${summary.created} of ${ROWS}`);
      result = { ms, rows: summary.rows, maxRssBytes: 0 };
    } else {
      const started = performance.now();
      const table = await openImportTable(bytes, mediaType, { ...defaultFileLimits, maxRows: ROWS });
      let rows = 0;
      for await (const row of table.rows) {
        const checked = validatePerson(mapRow(row.cells, { countyByName: () => undefined }).fields, validation);
        if (checked.ok) toColumns(checked.value, services.persons.crypto);
        rows++;
      }
      result = { ms: performance.now() - started, rows, maxRssBytes: 0 };
    }
    if (run === 'copy' || run.startsWith('import')) {
      if ((await countPersons(database, 'bench')) !== ROWS) throw new Error(`${run}: the registry does not hold the ${ROWS} new persons`);
      await removeBenchPersons(database);
    }
    return finish({ ...result, registry });
  } finally {
    await services.jobs.stop();
    await app.close();
    await database.close();
  }
}

function finish(result: RunResult): RunResult {
  return { ...result, maxRssBytes: process.resourceUsage().maxRSS * 1024 };
}

/** The bench file's rows by column key (template column order). */
function* csvRows(text: string): Generator<Map<(typeof importColumns)[number]['key'], string | null>> {
  for (const { rowNumber, values } of csvRecords(text)) {
    if (rowNumber > 1) yield new Map(importColumns.map((c, i) => [c.key, values[i] || null]));
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const [run, dir] = process.argv.slice(2) as [RunName, string];
  // a run never outlives the bench that started it
  const parent = process.ppid;
  setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      process.exit(3);
    }
  }, 1000).unref();
  runOne(run, dir).then(
    (result) => {
      console.log(JSON.stringify(result));
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
