import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionStages } from '../../shared/contracts/auth-contracts';
import { auditOutcomes } from '../../shared/contracts/audit-contracts';
import { jobStatuses } from '../../shared/contracts/platform-contracts';
import { userStatuses } from '../../shared/contracts/users-contracts';
import { regionLevels } from '../../shared/domain/regions';
import { userKinds } from '../../shared/domain/roles';
import { openTestDatabase } from '../testing/test-app';
import type { Database } from './database';
import { migrateToLatest } from './migrate';

/** Enums live once in src/shared and are mirrored by CHECK constraints: the two must say the same. */
let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ database, drop } = await openTestDatabase());
});
afterAll(() => drop());

async function checkConstraints(table: string): Promise<string[]> {
  const { rows } = await sql<{ def: string }>`
    SELECT pg_get_constraintdef(c.oid) AS def
    FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid
    WHERE c.contype = 'c' AND r.relname = ${table}`.execute(database.db);
  return rows.map((r) => r.def);
}

/** The values a CHECK constraint allows for one column, read back from the catalogue. */
async function allowedValues(table: string, column: string): Promise<string[]> {
  const defs = (await checkConstraints(table)).filter((d) => new RegExp(`\\(\\(?${column}\\b`).test(d) && d.includes('ARRAY['));
  expect(defs, `${table}.${column} has one list CHECK`).toHaveLength(1);
  return [...defs[0]!.matchAll(/'([^']*)'::text/g)].map((m) => m[1]!);
}

describe('CHECK constraints match the shared enums', () => {
  it.each([
    ['app_user', 'kind', userKinds],
    ['app_user', 'status', userStatuses],
    ['audit_log', 'outcome', auditOutcomes],
    ['job', 'status', jobStatuses],
    ['user_session', 'stage', sessionStages],
    ['region', 'level', regionLevels],
  ] as const)('%s.%s', async (table, column, values) => {
    expect((await allowedValues(table, column)).sort()).toEqual([...values].sort());
  });

  it('refuse a value outside the enum', async () => {
    await expect(sql`INSERT INTO region (code, name, level) VALUES ('999999', '测试', 'village')`.execute(database.db)).rejects.toThrow(
      /check constraint/i,
    );
  });

  it('keep region codes six digits', async () => {
    await expect(sql`INSERT INTO region (code, name, level) VALUES ('62010', '测试', 'county')`.execute(database.db)).rejects.toThrow(
      /check constraint/i,
    );
  });
});

describe('the audit_log table', () => {
  it('has the insert-only triggers', async () => {
    const { rows } = await sql<{ tgname: string }>`
      SELECT t.tgname FROM pg_trigger t JOIN pg_class r ON r.oid = t.tgrelid
      WHERE r.relname = 'audit_log' AND NOT t.tgisinternal ORDER BY t.tgname`.execute(database.db);
    expect(rows.map((r) => r.tgname)).toEqual(['audit_log_no_truncate', 'audit_log_no_update']);
  });
});

describe('migrations', () => {
  it('are all applied in the template and a second run applies nothing', async () => {
    const { rows } = await sql<{ name: string }>`SELECT name FROM schema_migration ORDER BY name`.execute(database.db);
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows[0]!.name).toBe('0001-foundation');
    expect(await migrateToLatest(database.db)).toEqual([]);
  });

  it('keep usernames unique regardless of case', async () => {
    const insert = (username: string) =>
      sql`INSERT INTO app_user (username, display_name, kind, region_code, password_hash) VALUES (${username}, '测试', 'trainee', '620102', 'x')`.execute(
        database.db,
      );
    await insert('Case.Test');
    await expect(insert('case.test')).rejects.toThrow(/unique|duplicate/i);
  });
});
