/**
 * 生成规模测试数据 — N synthetic persons with valid ID and certificate numbers, for benchmarks.
 *
 *   npm run seed:scale -- --persons N [--batch 10000] [--offset K] [--seed TEXT] [--keep-indexes]
 *
 * Uses the configured database (DATA_DIR or DATABASE_URL) and personal-data keys (loadConfig,
 * loadPersonalDataKeys: the embedded demo makes its own in DATA_DIR), migrates it, then writes the
 * persons through the bulk path: COPY FROM '/dev/blob' on PGlite, COPY FROM STDIN on PostgreSQL,
 * one transaction per batch, each person with its 'create' change row and first employment entry.
 * Serials start at the next free one recorded in the database (or --offset), so a second run adds
 * other people. A load much larger than the table (≥ 50,000 and ≥ the persons already there) runs as
 * one transaction with the secondary indexes and foreign keys dropped and put back (the tables are locked meanwhile;
 * --keep-indexes commits batch by batch instead). VACUUM ANALYZE at the end. With the embedded
 * database, stop the server first.
 * Exit codes: 0 done · 1 refused (bad arguments) · 2 could not run.
 */
import { statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../src/server/config';
import { openDatabase } from '../src/server/db/database';
import { loadSyntheticPersons } from '../src/server/db/demo-persons';
import { migrateToLatest } from '../src/server/db/migrate';
import type { BulkTarget } from '../src/server/db/person-bulk-load';
import { createRegionsRepository } from '../src/server/modules/regions/regions.repository';
import { RegionsService } from '../src/server/modules/regions/regions.service';
import { PersonalDataCrypto } from '../src/server/platform/personal-data-crypto';
import { loadPersonalDataKeys } from '../src/server/platform/personal-data-keys';

const usage =
  '用法：npm run seed:scale -- --persons 人数 [--batch 每批行数，默认 10000] [--offset 起始序号] [--seed 随机种子] [--keep-indexes]';

class Refusal extends Error {}

function count(name: string, value: string | undefined, fallback?: number): number | undefined {
  if (value === undefined) return fallback;
  const n = Number(value.replaceAll('_', '').replaceAll(',', ''));
  if (!Number.isInteger(n) || n < 0) throw new Refusal(`--${name} 须为非负整数（收到 ${value}）\n${usage}`);
  return n;
}

function readArguments() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        persons: { type: 'string' },
        batch: { type: 'string' },
        offset: { type: 'string' },
        seed: { type: 'string' },
        'keep-indexes': { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new Refusal(`${error instanceof Error ? error.message : error}\n${usage}`);
  }
  const persons = count('persons', values.persons);
  if (!persons) throw new Refusal(`请用 --persons 给出要生成的人数\n${usage}`);
  const batch = count('batch', values.batch, 10_000)!;
  if (batch < 1 || batch > 100_000) throw new Refusal(`--batch 须在 1 到 100000 之间\n${usage}`);
  return { persons, batch, offset: count('offset', values.offset), seed: values.seed, keepIndexes: values['keep-indexes'] ?? false };
}

function directorySize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? directorySize(path) : statSync(path).size;
  }
  return total;
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const rate = (n: number, ms: number) => `${Math.round(n / (ms / 1000)).toLocaleString('en-US')}/s`;

async function main(): Promise<number> {
  const args = readArguments();
  const config = loadConfig();
  const crypto = new PersonalDataCrypto(loadPersonalDataKeys(config));
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 1 });
  let client: pg.Client | null = null;
  try {
    await migrateToLatest(database.db);
    const regions = new RegionsService(createRegionsRepository(database.db), config.PROVINCE_CODE);
    await regions.load();
    const counties = regions.countyUnits().map((r) => ({ code: r.code, name: r.name }));
    let target: BulkTarget;
    if (database.pglite) target = { kind: 'pglite', pglite: database.pglite };
    else {
      client = new pg.Client({ connectionString: config.DATABASE_URL });
      await client.connect();
      target = { kind: 'postgres-copy', client };
    }
    const existing = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM person`.execute(database.db)).rows[0]!.n);
    // Much more than the table holds: drop the secondary indexes, load in one transaction, build them again.
    const rebuildIndexes = !args.keepIndexes && args.persons >= Math.max(50_000, existing);
    console.log(
      `生成 ${args.persons.toLocaleString('en-US')} 名模拟人员 → ${database.kind === 'pglite' ? `PGlite ${config.DATA_DIR}` : 'PostgreSQL'}（已有 ${existing.toLocaleString('en-US')} 人），每批 ${args.batch}，` +
        (rebuildIndexes ? '单个事务：先暂时删除二级索引和外键，写入后重建并校验（--keep-indexes 改为逐批提交）' : '逐批提交'),
    );
    let lastPrint = 0;
    const result = await loadSyntheticPersons(database.db, target, {
      crypto,
      counties,
      count: args.persons,
      batchSize: args.batch,
      rebuildIndexes,
      onIndexes: (phase, elapsedMs) =>
        console.log(`  ${phase === 'dropped' ? '已暂时删除二级索引和外键' : '已重建索引、恢复外键'}  ${(elapsedMs / 1000).toFixed(1)} s`),
      ...(args.offset !== undefined && { offset: args.offset }),
      ...(args.seed !== undefined && { seed: args.seed }),
      onBatch: ({ done, count: total, elapsedMs }) => {
        if (done < total && elapsedMs - lastPrint < 2_000) return;
        lastPrint = elapsedMs;
        console.log(
          `  ${done.toLocaleString('en-US').padStart(11)} / ${total.toLocaleString('en-US')}  ${(elapsedMs / 1000).toFixed(1)} s  ${rate(done, elapsedMs)}`,
        );
      },
    });
    const analyzeStarted = performance.now();
    // VACUUM too: a fresh bulk load has no visibility map yet, and index-only scans need one
    await sql`VACUUM (ANALYZE) person, person_change, person_employment`.execute(database.db);
    const analyzeMs = performance.now() - analyzeStarted;
    const { rows } = await sql<{ persons: number; bytes: number }>`
      SELECT (SELECT count(*) FROM person) AS persons, pg_database_size(current_database()) AS bytes`.execute(database.db);
    const totalMs = result.elapsedMs + analyzeMs;
    console.log(
      `完成：序号 ${result.offset}–${result.offset + result.count - 1}，写入 ${result.count.toLocaleString('en-US')} 人，用时 ${(totalMs / 1000).toFixed(1)} s（VACUUM ANALYZE ${(analyzeMs / 1000).toFixed(1)} s），${rate(result.count, result.elapsedMs)}`,
    );
    console.log(
      `库中共 ${Number(rows[0]!.persons).toLocaleString('en-US')} 人；数据库大小 ${mib(Number(rows[0]!.bytes))}${database.pglite ? `；数据目录 ${mib(directorySize(config.DATA_DIR))}` : ''}`,
    );
    return 0;
  } finally {
    await client?.end();
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof Refusal) {
      console.error(error.message);
      process.exit(1);
    }
    console.error(error);
    process.exit(2);
  },
);
