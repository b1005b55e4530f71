import { sql } from 'kysely';
import { expect, it } from 'vitest';
import type { Db } from '../db/database';

/**
 * Code lists live once in src/shared and are mirrored by CHECK constraints in the migrations; these
 * helpers read the constraints back from the catalogue so a test can say the two agree.
 */

/** The definitions (`CHECK (…)`) of a table's CHECK constraints. */
export async function checkConstraintDefs(db: Db, table: string): Promise<string[]> {
  const { rows } = await sql<{ def: string }>`
    SELECT pg_get_constraintdef(c.oid) AS def
    FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid
    WHERE c.contype = 'c' AND r.relname = ${table}`.execute(db);
  return rows.map((r) => r.def);
}

/**
 * The values the column's one list CHECK allows, sorted. A rule that combines the column with
 * others (`status IN (…) OR …`) is not the column's list.
 */
export async function allowedValues(db: Db, table: string, column: string): Promise<string[]> {
  const defs = (await checkConstraintDefs(db, table)).filter(
    (d) => new RegExp(`\\(\\(?${column}\\b`).test(d) && d.includes('ARRAY[') && !d.includes(' OR '),
  );
  expect(defs, `${table}.${column} has one list CHECK`).toHaveLength(1);
  return [...defs[0]!.matchAll(/'([^']*)'::text/g)].map((m) => m[1]!).sort();
}

export type CodeListCheck = readonly [table: string, column: string, values: readonly string[]];

/** One test per column: its list CHECK allows exactly the shared code list. */
export function itMatchesCodeLists(db: () => Db, checks: readonly CodeListCheck[]): void {
  it.each(checks)('%s.%s', async (table, column, values) => {
    expect(await allowedValues(db(), table, column)).toEqual([...values].sort());
  });
}
