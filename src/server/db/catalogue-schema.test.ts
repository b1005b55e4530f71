import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programmeStatuses, skillLevels } from '../../shared/domain/catalogue-codes';
import {
  budgetCategories,
  candidateKinds,
  candidateStatuses,
  contestAwards,
  contestLevels,
  contestStatuses,
} from '../../shared/domain/contest-codes';
import { trainingTypes } from '../../shared/domain/person-codes';
import { apprenticeshipStatuses, talentCategories } from '../../shared/domain/talent-codes';
import { openTestDatabase } from '../testing/test-app';
import type { Database } from './database';

/** Area D's code lists live once in src/shared and are mirrored by CHECK constraints of migration 0007. */
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

describe('CHECK constraints of the catalogue, contests and talent tables match the shared code lists', () => {
  it.each([
    ['catalogue_programme', 'status', programmeStatuses],
    ['catalogue_programme', 'skill_level', skillLevels],
    ['catalogue_programme', 'training_type', trainingTypes],
    ['contest', 'level', contestLevels],
    ['contest', 'status', contestStatuses],
    ['contest_entrant', 'award', contestAwards],
    ['contest_budget_line', 'category', budgetCategories],
    ['talent_candidate', 'kind', candidateKinds],
    ['talent_candidate', 'status', candidateStatuses],
    ['talent_member', 'categories', talentCategories],
    ['apprenticeship', 'status', apprenticeshipStatuses],
  ] as const)('%s.%s', async (table, column, values) => {
    expect((await allowedValues(table, column)).sort()).toEqual([...values].sort());
  });
});
