import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sexes } from '../../../shared/domain/person-codes';
import {
  qualificationKinds,
  rotationResults,
  trainerEngagements,
  trainerInstitutionRoles,
  trainerSources,
  trainerStatuses,
} from '../../../shared/domain/trainer-codes';
import type { Database } from '../../db/database';
import { openTestDatabase } from '../../testing/test-app';

/** The trainer code lists live once in src/shared and are mirrored by CHECK constraints of migration 0006. */
let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ database, drop } = await openTestDatabase());
});
afterAll(() => drop());

async function allowedValues(table: string, column: string): Promise<string[]> {
  const { rows } = await sql<{ def: string }>`
    SELECT pg_get_constraintdef(c.oid) AS def
    FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid
    WHERE c.contype = 'c' AND r.relname = ${table}`.execute(database.db);
  const defs = rows.map((r) => r.def).filter((d) => new RegExp(`\\(\\(?${column}\\b`).test(d) && d.includes('ARRAY['));
  expect(defs, `${table}.${column} has one list CHECK`).toHaveLength(1);
  return [...defs[0]!.matchAll(/'([^']*)'::text/g)].map((m) => m[1]!);
}

describe('trainer CHECK constraints match the shared code lists', () => {
  it.each([
    ['trainer', 'sex', sexes],
    ['trainer', 'engagement', trainerEngagements],
    ['trainer', 'status', trainerStatuses],
    ['trainer_qualification', 'kind', qualificationKinds],
    ['trainer_institution', 'role', trainerInstitutionRoles],
    ['trainer_rotation', 'result', rotationResults],
  ] as const)('%s.%s', async (table, column, values) => {
    expect((await allowedValues(table, column)).sort()).toEqual([...values].sort());
  });

  it('trainer.sources', async () => {
    const { rows } = await sql<{ def: string }>`
      SELECT pg_get_constraintdef(c.oid) AS def
      FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid
      WHERE c.contype = 'c' AND r.relname = 'trainer' AND pg_get_constraintdef(c.oid) LIKE '%sources%'`.execute(database.db);
    expect(rows).toHaveLength(1);
    expect([...rows[0]!.def.matchAll(/'([^']*)'::text/g)].map((m) => m[1]!).sort()).toEqual([...trainerSources].sort());
  });
});
