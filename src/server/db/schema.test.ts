import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionStages } from '../../shared/contracts/auth-contracts';
import { auditOutcomes } from '../../shared/contracts/audit-contracts';
import { jobStatuses } from '../../shared/contracts/platform-contracts';
import { userStatuses } from '../../shared/contracts/users-contracts';
import { regionLevels } from '../../shared/domain/regions';
import { userKinds } from '../../shared/domain/roles';
import { itMatchesCodeLists } from '../testing/check-constraints';
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

describe('CHECK constraints match the shared enums', () => {
  itMatchesCodeLists(
    () => database.db,
    [
      ['app_user', 'kind', userKinds],
      ['app_user', 'status', userStatuses],
      ['audit_log', 'outcome', auditOutcomes],
      ['job', 'status', jobStatuses],
      ['user_session', 'stage', sessionStages],
      ['region', 'level', regionLevels],
    ],
  );

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
