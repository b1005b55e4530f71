import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import type { Transaction } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { ValidatedPerson } from '../../shared/domain/person-validation';
import { type PersonColumns, toColumns } from '../modules/persons/person-record';
import type { PersonalDataCrypto } from '../platform/personal-data-crypto';
import type { Database, Db } from './database';
import type { Tables } from './tables';

/**
 * The bulk path for persons: many validated records written in one transaction (a batch, or a
 * whole load), sealed and laid out exactly as the service writes one (toColumns), each with its
 * 'create' change row and first employment entry. PGlite takes COPY FROM '/dev/blob' (COPY through the pg bridge
 * crashes it); PostgreSQL takes COPY FROM STDIN on a client of its own; anything else gets
 * multi-row INSERTs through Kysely.
 */
export type BulkTarget = { kind: 'pglite'; pglite: PGlite } | { kind: 'postgres-copy'; client: pg.Client } | { kind: 'insert'; db: Db };

/** The bulk target of an open database: PGlite's own COPY, or INSERTs on PostgreSQL (which needs a client of its own for COPY). */
export function bulkTargetOf(database: Database): BulkTarget {
  return database.pglite ? { kind: 'pglite', pglite: database.pglite } : { kind: 'insert', db: database.db };
}

/** app_meta key holding the next free synthetic serial: `{ next: number }` */
export const syntheticSerialKey = 'synthetic_persons';

export async function readSyntheticSerial(db: Db): Promise<number> {
  const row = await db.selectFrom('app_meta').select('value').where('key', '=', syntheticSerialKey).executeTakeFirst();
  const next = (row?.value as { next?: unknown } | undefined)?.next;
  return typeof next === 'number' && Number.isInteger(next) && next >= 0 ? next : 0;
}

export interface BulkPerson extends ValidatedPerson {
  /** how long before `now` the record is dated, in seconds (0: now) */
  recordedSecondsAgo?: number;
}

export interface BatchOptions {
  crypto: PersonalDataCrypto;
  /** person_change.source, e.g. 'demo' or 'seed:scale' */
  source: string;
  now: Date;
  /** app_meta rows written in the same transaction (a serial counter, a marker) */
  meta?: { key: string; value: unknown }[];
}

export const personColumns = [
  'id',
  'county_code',
  'id_number_sealed',
  'id_number_index',
  'id_number_masked',
  'certificate_sealed',
  'certificate_index',
  'certificate_masked',
  'certificate_legacy',
  'name',
  'sex',
  'birth_date',
  'disability_category',
  'disability_level',
  'hukou_region_code',
  'residence_region_code',
  'urban_rural',
  'education',
  'phone',
  'employment_status',
  'employment_form',
  'training_wishes',
  'training_needs',
  'accommodations',
  'accommodation_other',
  'remarks',
  'created_at',
  'updated_at',
] as const;
const changeColumns = ['person_id', 'county_code', 'kind', 'fields', 'source', 'changed_at'] as const;
const employmentColumns = ['person_id', 'county_code', 'employment_status', 'employment_form', 'recorded_at'] as const;

interface Laid {
  id: string;
  at: Date;
  columns: PersonColumns;
}

// ---------------------------------------------------------------------------------------------
// COPY text format

type CopyValue = string | number | boolean | Date | Buffer | readonly string[] | null | undefined;

/** One field in PostgreSQL's text COPY format. */
export function copyField(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (Buffer.isBuffer(value)) return `\\\\x${value.toString('hex')}`;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value))
    return `{${value.map((item) => `"${item.replace(/["\\]/g, '\\$&')}"`).join(',')}}`.replace(/[\\\t\n\r]/g, escapeChar);
  return (value as string).replace(/[\\\t\n\r]/g, escapeChar);
}

function escapeChar(c: string): string {
  return c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r';
}

function copyText<T>(rows: readonly T[], fields: (row: T) => CopyValue[]): string {
  const lines: string[] = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) lines[i] = fields(rows[i]!).map(copyField).join('\t');
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

function copyTexts(laid: Laid[], source: string) {
  return {
    person: copyText(laid, ({ id, at, columns: c }) => [
      id,
      c.county_code,
      c.id_number_sealed,
      c.id_number_index,
      c.id_number_masked,
      c.certificate_sealed,
      c.certificate_index,
      c.certificate_masked,
      c.certificate_legacy,
      c.name,
      c.sex,
      c.birth_date,
      c.disability_category,
      c.disability_level,
      c.hukou_region_code,
      c.residence_region_code,
      c.urban_rural,
      c.education,
      c.phone,
      c.employment_status,
      c.employment_form,
      c.training_wishes,
      c.training_needs,
      c.accommodations,
      c.accommodation_other,
      c.remarks,
      at,
      at,
    ]),
    person_change: copyText(laid, ({ id, at, columns: c }) => [id, c.county_code, 'create', [], source, at]),
    person_employment: copyText(laid, ({ id, at, columns: c }) => [id, c.county_code, c.employment_status, c.employment_form, at]),
  };
}

const copyStatement = (table: string, columns: readonly string[], from: string) => `COPY ${table} (${columns.join(', ')}) FROM ${from}`;
const metaUpsert = 'INSERT INTO app_meta (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value';

// ---------------------------------------------------------------------------------------------
// sessions: one open transaction on the target

/** An open transaction on a bulk target; everything written through it commits or rolls back together. */
export type BulkSession =
  | {
      kind: 'copy';
      copy(table: string, columns: readonly string[], text: string): Promise<void>;
      query<R>(text: string, params?: unknown[]): Promise<R[]>;
    }
  | { kind: 'insert'; trx: Transaction<Tables> };

/** Runs `work` in one transaction on the target: committed when it returns, rolled back when it throws. */
export async function inBulkTransaction<T>(target: BulkTarget, work: (session: BulkSession) => Promise<T>): Promise<T> {
  switch (target.kind) {
    case 'pglite':
      return target.pglite.transaction((tx) =>
        work({
          kind: 'copy',
          copy: async (table, columns, text) => {
            await tx.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob([text]) });
          },
          query: async <R>(text: string, params: unknown[] = []) => (await tx.query<R>(text, params)).rows,
        }),
      );
    case 'postgres-copy': {
      const { client } = target;
      await client.query('BEGIN');
      try {
        const result = await work({
          kind: 'copy',
          copy: (table, columns, text) => pipeline(Readable.from([text]), client.query(copyFrom(copyStatement(table, columns, 'STDIN')))),
          query: async <R>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as R[],
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    }
    case 'insert':
      return target.db.transaction().execute((trx) => work({ kind: 'insert', trx }));
  }
}

// ---------------------------------------------------------------------------------------------
// batches

let uuidCounter = 0;

/**
 * A time-ordered UUID (version 7 layout: 48-bit milliseconds, then a counter and random bits), so
 * that a bulk load appends to the primary-key and person_id indexes instead of scattering over them.
 */
export function timeOrderedUuid(ms: number = Date.now()): string {
  const bytes = randomBytes(16);
  const counter = uuidCounter++ & 0x3fffffff;
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | ((counter >>> 26) & 0x0f);
  bytes[7] = (counter >>> 18) & 0xff;
  bytes[8] = 0x80 | ((counter >>> 12) & 0x3f);
  bytes[9] = (counter >>> 4) & 0xff;
  bytes[10] = ((counter & 0x0f) << 4) | (bytes[10]! & 0x0f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Seals and lays out persons (the CPU part of a load), ready to write. */
function layOut(persons: readonly BulkPerson[], crypto: PersonalDataCrypto, now: Date): Laid[] {
  const ms = now.getTime();
  return persons.map((person) => ({
    id: timeOrderedUuid(ms),
    at: new Date(ms - (person.recordedSecondsAgo ?? 0) * 1000),
    columns: toColumns(person, crypto),
  }));
}

/** Writes persons (with change rows and first employment entries) and app_meta rows inside an open session. */
export async function writePersonsIn(session: BulkSession, persons: readonly BulkPerson[], options: BatchOptions): Promise<void> {
  const laid = layOut(persons, options.crypto, options.now);
  const meta = options.meta ?? [];
  if (session.kind === 'copy') {
    if (laid.length > 0) {
      const texts = copyTexts(laid, options.source);
      await session.copy('person', personColumns, texts.person);
      await session.copy('person_change', changeColumns, texts.person_change);
      await session.copy('person_employment', employmentColumns, texts.person_employment);
    }
    for (const { key, value } of meta) await session.query(metaUpsert, [key, JSON.stringify(value)]);
    return;
  }
  const { trx } = session;
  // 28 columns × 500 rows stays well under the 65,535 parameters of one statement
  for (let i = 0; i < laid.length; i += 500) {
    const chunk = laid.slice(i, i + 500);
    await trx
      .insertInto('person')
      .values(chunk.map(({ id, at, columns }) => ({ ...columns, id, created_at: at, updated_at: at })))
      .execute();
    await trx
      .insertInto('person_change')
      .values(
        chunk.map(({ id, at, columns }) => ({
          person_id: id,
          county_code: columns.county_code,
          kind: 'create' as const,
          fields: [],
          source: options.source,
          changed_at: at,
        })),
      )
      .execute();
    await trx
      .insertInto('person_employment')
      .values(
        chunk.map(({ id, at, columns }) => ({
          person_id: id,
          county_code: columns.county_code,
          employment_status: columns.employment_status ?? 'unemployed',
          employment_form: columns.employment_form,
          recorded_at: at,
        })),
      )
      .execute();
  }
  for (const { key, value } of meta) {
    await trx
      .insertInto('app_meta')
      .values({ key, value: JSON.stringify(value) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) }))
      .execute();
  }
}

/**
 * Writes one batch of persons in one transaction: all of it or none. A duplicate ID number (unique
 * blind index) fails the whole batch.
 */
export function writePersonBatch(target: BulkTarget, persons: readonly BulkPerson[], options: BatchOptions): Promise<void> {
  return inBulkTransaction(target, (session) => writePersonsIn(session, persons, options));
}

// ---------------------------------------------------------------------------------------------
// indexes and foreign keys, for loads much larger than the table

const bulkTables = ['person', 'person_change', 'person_employment'];

/**
 * Drops the secondary indexes and the foreign keys of the person tables inside the session, and
 * answers the statements that put them back as the catalogue has them (PostgreSQL's advice for
 * populating a database: one index build and one join per key beat a billion row-by-row checks).
 * Primary keys stay: other tables' foreign keys need them. Unique indexes are among those
 * rebuilt, and the keys are validated when added again, so a duplicate or a dangling reference
 * still fails the whole transaction.
 */
export async function suspendIndexesAndKeys(session: BulkSession): Promise<string[]> {
  if (session.kind !== 'copy') return [];
  const tables = bulkTables.map((t) => `'${t}'::regclass`).join(', ');
  const indexes = await session.query<{ name: string; def: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i
      WHERE i.indrelid IN (${tables})
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)
      ORDER BY 1`,
  );
  const keys = await session.query<{ tbl: string; name: string; def: string }>(
    `SELECT conrelid::regclass::text AS tbl, quote_ident(conname) AS name, pg_get_constraintdef(oid) AS def
       FROM pg_constraint
      WHERE contype = 'f' AND conrelid IN (${tables})
      ORDER BY 1, 2`,
  );
  for (const { tbl, name } of keys) await session.query(`ALTER TABLE ${tbl} DROP CONSTRAINT ${name}`);
  for (const { name } of indexes) await session.query(`DROP INDEX ${name}`);
  return [...indexes.map((i) => i.def), ...keys.map((k) => `ALTER TABLE ${k.tbl} ADD CONSTRAINT ${k.name} ${k.def}`)];
}

export async function restoreIndexesAndKeys(session: BulkSession, statements: readonly string[]): Promise<void> {
  if (session.kind !== 'copy') return;
  for (const statement of statements) await session.query(statement);
}
