// npm run seed:scale as a real child process against a real database: an embedded PGlite data
// dir in a temp folder, or (when TEST_DATABASE_URL is set) a fresh PostgreSQL database.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { testDatabaseUrl } from '../src/server/config';
import { type Database, openDatabase } from '../src/server/db/database';
import { withDatabase } from '../src/server/testing/global-setup';

const root = resolve(import.meta.dirname, '..');

interface Scratch {
  env: Record<string, string>;
  open(): Promise<Database>;
  drop(): Promise<void>;
}

async function scratchDatabase(): Promise<Scratch> {
  const template = inject('templateDatabase');
  const url = testDatabaseUrl();
  const dir = await mkdtemp(join(tmpdir(), 'abletrain-seed-scale-'));
  if (url) {
    const name = `abletrain_s_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const admin = await openDatabase({ url, poolSize: 1 });
    await sql`CREATE DATABASE ${sql.id(name)} TEMPLATE ${sql.id(template)}`.execute(admin.db);
    await admin.close();
    const own = withDatabase(url, name);
    return {
      // outside demo mode the keys must come from configuration
      env: {
        DATABASE_URL: own,
        DATA_DIR: dir,
        PERSONAL_DATA_KEY: randomBytes(16).toString('hex'),
        PERSONAL_DATA_MAC_KEY: randomBytes(32).toString('hex'),
        BLIND_INDEX_KEY: randomBytes(32).toString('hex'),
      },
      open: () => openDatabase({ url: own, poolSize: 1 }),
      drop: async () => {
        const again = await openDatabase({ url, poolSize: 1 });
        await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(again.db);
        await again.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  const dataDir = join(dir, 'data');
  const first = await openDatabase({ dataDir, loadDataDir: new Blob([readFileSync(template)]) });
  await first.close();
  return { env: { DATA_DIR: dataDir }, open: () => openDatabase({ dataDir }), drop: () => rm(dir, { recursive: true, force: true }) };
}

function seedScale(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const childEnv: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: 'silent', ...env };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/seed-scale.ts', ...args], {
      cwd: root,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('seed:scale', () => {
  let scratch: Scratch;
  beforeAll(async () => {
    scratch = await scratchDatabase();
  });
  afterAll(() => scratch?.drop());

  it('adds N persons in batches, and a second run adds other people after the first', async () => {
    const first = await seedScale(['--persons', '300', '--batch', '120'], scratch.env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('序号 0–299，写入 300 人');
    expect(first.stdout).toContain('逐批提交');
    const second = await seedScale(['--persons', '200'], scratch.env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('序号 300–499，写入 200 人');
    expect(second.stdout).toContain('库中共 500 人');

    const database = await scratch.open();
    try {
      const { rows } = await sql<{ persons: number; indexes: number; changes: number; employment: number; counties: number }>`
        SELECT count(*) AS persons, count(DISTINCT id_number_index) AS indexes, count(DISTINCT county_code) AS counties,
               (SELECT count(*) FROM person_change WHERE kind = 'create' AND source = 'seed:scale') AS changes,
               (SELECT count(*) FROM person_employment) AS employment
          FROM person`.execute(database.db);
      expect(rows[0]).toEqual({ persons: 500, indexes: 500, changes: 500, employment: 500, counties: 89 });
    } finally {
      await database.close();
    }
  });

  it('refuses bad arguments with a message and exit code 1', async () => {
    const none = await seedScale([], scratch.env);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('请用 --persons 给出要生成的人数');
    const bad = await seedScale(['--persons', 'many'], scratch.env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--persons 须为非负整数');
  });
});
