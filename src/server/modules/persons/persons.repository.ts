import { type Expression, type ExpressionBuilder, type Kysely, sql, type SqlBool } from 'kysely';
import type { PersonRow, PersonTable, Tables } from '../../db/tables';
import { type BirthDateFilter, type PersonColumns, type PersonHistory, type PersonSummaryRow, summaryColumns } from './person-record';

type Executor = Kysely<Tables>;
type PersonEb = ExpressionBuilder<Tables & { p: PersonTable }, 'p'>;

/** A list filter in database terms: the service has resolved scope, region and ages. */
export interface PersonListFilter extends BirthDateFilter {
  /** county-level codes to keep, or null for the whole province */
  countyCodes: string[] | null;
  nameContains?: string | undefined;
  disabilityCategory?: PersonRow['disability_category'] | undefined;
  disabilityLevel?: PersonRow['disability_level'] | undefined;
  employmentStatus?: PersonRow['employment_status'] | undefined;
  trainingWish?: string | undefined;
  accommodation?: string | undefined;
  sort: 'updatedAt' | 'name' | 'birthDate';
  order: 'asc' | 'desc';
}

const sortColumns = { updatedAt: 'p.updated_at', name: 'p.name', birthDate: 'p.birth_date' } as const;

/**
 * The WHERE of a list, export or count: only active rows, and every condition an index can use
 * (county, category, level, birth-date ranges) written as plain comparisons.
 */
function listConditions(eb: PersonEb, filter: PersonListFilter): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [eb('p.status', '=', 'active')];
  if (filter.countyCodes) {
    conditions.push(
      filter.countyCodes.length === 1 ? eb('p.county_code', '=', filter.countyCodes[0]!) : eb('p.county_code', 'in', filter.countyCodes),
    );
  }
  if (filter.nameContains) conditions.push(eb('p.name', 'like', `%${filter.nameContains.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (filter.disabilityCategory) conditions.push(eb('p.disability_category', '=', filter.disabilityCategory));
  if (filter.disabilityLevel) conditions.push(eb('p.disability_level', '=', filter.disabilityLevel));
  if (filter.employmentStatus) conditions.push(eb('p.employment_status', '=', filter.employmentStatus));
  if (filter.trainingWish) conditions.push(sql<SqlBool>`${filter.trainingWish}::text = ANY(p.training_wishes)`);
  if (filter.accommodation) conditions.push(sql<SqlBool>`${filter.accommodation}::text = ANY(p.accommodations)`);
  if (filter.bornOnOrBefore) conditions.push(eb('p.birth_date', '<=', filter.bornOnOrBefore));
  if (filter.bornAfter) conditions.push(eb('p.birth_date', '>', filter.bornAfter));
  const w = filter.workingAge;
  if (w) {
    const male = eb('p.sex', '=', 'male');
    const female = eb('p.sex', '=', 'female');
    if (w.value) {
      conditions.push(eb('p.birth_date', '<=', w.bornOnOrBefore));
      conditions.push(
        eb.or([eb.and([male, eb('p.birth_date', '>', w.maleBornAfter)]), eb.and([female, eb('p.birth_date', '>', w.femaleBornAfter)])]),
      );
    } else {
      conditions.push(
        eb.or([
          eb('p.birth_date', '>', w.bornOnOrBefore),
          eb.and([male, eb('p.birth_date', '<=', w.maleBornAfter)]),
          eb.and([female, eb('p.birth_date', '<=', w.femaleBornAfter)]),
        ]),
      );
    }
  }
  return eb.and(conditions);
}

function listQuery(db: Executor, filter: PersonListFilter) {
  return db.selectFrom('person as p').where((eb) => listConditions(eb, filter));
}

export interface DuplicatePairRow {
  a_id: string;
  b_id: string;
  reason: 'name_phone' | 'name_birth_date';
  total: number;
}

/** SQL of the real-name registry. Every query takes the executor so a service can run it in its transaction. */
export const personsRepository = {
  /** The row holding an ID number (by its blind index), locked for the caller's transaction. */
  findByIdIndexForUpdate(db: Executor, idIndex: string): Promise<PersonRow | undefined> {
    return db.selectFrom('person').selectAll().where('id_number_index', '=', idIndex).forUpdate().executeTakeFirst();
  },

  findByIdIndex(db: Executor, idIndex: string): Promise<PersonRow | undefined> {
    return db.selectFrom('person').selectAll().where('id_number_index', '=', idIndex).executeTakeFirst();
  },

  findByCertificateIndex(db: Executor, certificateIndex: string): Promise<PersonRow | undefined> {
    return db.selectFrom('person').selectAll().where('certificate_index', '=', certificateIndex).executeTakeFirst();
  },

  findById(db: Executor, id: string): Promise<PersonRow | undefined> {
    return db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst();
  },

  findByIdForUpdate(db: Executor, id: string): Promise<PersonRow | undefined> {
    return db.selectFrom('person').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },

  /** Several rows locked in id order (so two merges of the same pair cannot deadlock). */
  findByIdsForUpdate(db: Executor, ids: string[]): Promise<PersonRow[]> {
    return db.selectFrom('person').selectAll().where('id', 'in', ids).orderBy('id').forUpdate().execute();
  },

  async insert(db: Executor, columns: PersonColumns, actorId: string | null): Promise<PersonRow> {
    return db
      .insertInto('person')
      .values({ ...columns, created_by: actorId, updated_by: actorId })
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  /** Updates when the version still matches; answers undefined when someone else changed the row first. */
  async update(
    db: Executor,
    id: string,
    version: number,
    columns: Partial<PersonColumns>,
    actorId: string | null,
  ): Promise<PersonRow | undefined> {
    return db
      .updateTable('person')
      .set({ ...columns, updated_by: actorId, updated_at: new Date(), version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },

  async markMerged(db: Executor, id: string, version: number, survivorId: string, actorId: string | null): Promise<boolean> {
    const result = await db
      .updateTable('person')
      .set({ status: 'merged', merged_into: survivorId, updated_by: actorId, updated_at: new Date(), version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .where('status', '=', 'active')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  async recordChange(
    db: Executor,
    change: {
      personId: string;
      countyCode: string;
      kind: Tables['person_change']['kind'];
      fields: string[];
      actorId: string | null;
      actorName: string | null;
      source: string | null;
    },
  ): Promise<void> {
    await db
      .insertInto('person_change')
      .values({
        person_id: change.personId,
        county_code: change.countyCode,
        kind: change.kind,
        fields: change.fields,
        actor_id: change.actorId,
        actor_name: change.actorName,
        source: change.source,
      })
      .execute();
  },

  async recordEmployment(
    db: Executor,
    entry: {
      personId: string;
      countyCode: string;
      status: 'employed' | 'unemployed';
      form: PersonRow['employment_form'];
      employerName: string | null;
      startedOn: string | null;
      actorId: string | null;
    },
  ): Promise<void> {
    await db
      .insertInto('person_employment')
      .values({
        person_id: entry.personId,
        county_code: entry.countyCode,
        employment_status: entry.status,
        employment_form: entry.form,
        employer_name: entry.employerName,
        started_on: entry.startedOn,
        recorded_by: entry.actorId,
      })
      .execute();
  },

  // -------------------------------------------------------------------------------------------
  // lists

  /** The query of one page, unexecuted: a benchmark compiles it to compare with the bare SQL. */
  listPageQuery(db: Executor, filter: PersonListFilter, limit: number, offset: number) {
    const column = sortColumns[filter.sort];
    return listQuery(db, filter)
      .select(summaryColumns)
      .orderBy(column, filter.order)
      .orderBy('p.id', filter.order)
      .limit(limit)
      .offset(offset);
  },

  /** One page, in the requested order with the id as tie-break, from the list indexes. */
  listPage(db: Executor, filter: PersonListFilter, limit: number, offset: number): Promise<PersonSummaryRow[]> {
    return personsRepository.listPageQuery(db, filter, limit, offset).execute();
  },

  /** How many rows match, counting no further than `cap + 1` (an index-only scan for the usual filters). */
  async countCapped(db: Executor, filter: PersonListFilter, cap: number): Promise<number> {
    const row = await db
      .selectFrom(
        listQuery(db, filter)
          .select(sql<number>`1`.as('one'))
          .limit(cap + 1)
          .as('capped'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /** The planner's estimate of the matching rows: for a total too large to count on every page. */
  async estimate(db: Executor, filter: PersonListFilter): Promise<number> {
    const rows = await listQuery(db, filter)
      .select(sql<number>`1`.as('one'))
      .explain<{ 'QUERY PLAN': unknown }>('json');
    const raw = rows[0]?.['QUERY PLAN'];
    const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan?: { 'Plan Rows'?: number } }[];
    return Math.round(plan[0]?.Plan?.['Plan Rows'] ?? 0);
  },

  /** Ids of the matching rows in list order, at most `limit` (an export reads its rows by these, in batches). */
  async listIds(db: Executor, filter: PersonListFilter, limit: number): Promise<string[]> {
    const column = sortColumns[filter.sort];
    const rows = await listQuery(db, filter)
      .select('p.id')
      .orderBy(column, filter.order)
      .orderBy('p.id', filter.order)
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  },

  summariesByIds(db: Executor, ids: string[]): Promise<PersonSummaryRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return db.selectFrom('person as p').select(summaryColumns).where('p.id', 'in', ids).execute();
  },

  rowsByIds(db: Executor, ids: string[]): Promise<PersonRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return db.selectFrom('person').selectAll().where('id', 'in', ids).execute();
  },

  // -------------------------------------------------------------------------------------------
  // history

  /** The person and every record merged into it, directly or through another merged record. */
  async mergedFamily(db: Executor, id: string): Promise<string[]> {
    const { rows } = await sql<{ id: string }>`
      WITH RECURSIVE family AS (
        SELECT id FROM person WHERE id = ${id}
        UNION
        SELECT p.id FROM person p JOIN family f ON p.merged_into = f.id
      )
      SELECT id FROM family`.execute(db);
    return rows.map((r) => r.id);
  },

  /** Consents, employment and changes of a family of records, newest first, the viewed record's own first among equals. */
  async history(db: Executor, personId: string, personIds: string[]): Promise<PersonHistory> {
    const [consents, employment, changes] = await Promise.all([
      db
        .selectFrom('person_consent')
        .select(['id', 'purpose', 'scope', 'given_on', 'withdrawn_on'])
        .where('person_id', 'in', personIds)
        .orderBy('given_on', 'desc')
        .orderBy('recorded_at', 'desc')
        .execute(),
      db
        .selectFrom('person_employment')
        .select(['id', 'employment_status', 'employment_form', 'employer_name', 'started_on', 'recorded_at'])
        .where('person_id', 'in', personIds)
        .orderBy('recorded_at', 'desc')
        .orderBy('id')
        .execute(),
      db
        .selectFrom('person_change')
        .select(['kind', 'fields', 'actor_name', 'source', 'changed_at'])
        .where('person_id', 'in', personIds)
        .orderBy('changed_at', 'desc')
        .orderBy(sql`person_id = ${personId}`, 'desc')
        .orderBy('id')
        .limit(500)
        .execute(),
    ]);
    return { consents, employment, changes };
  },

  // -------------------------------------------------------------------------------------------
  // consents

  async insertConsent(
    db: Executor,
    consent: {
      personId: string;
      countyCode: string;
      purpose: Tables['person_consent']['purpose'];
      scope: string;
      givenOn: string;
      actorId: string;
    },
  ): Promise<string> {
    const row = await db
      .insertInto('person_consent')
      .values({
        person_id: consent.personId,
        county_code: consent.countyCode,
        purpose: consent.purpose,
        scope: consent.scope,
        given_on: consent.givenOn,
        recorded_by: consent.actorId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  findConsentForUpdate(db: Executor, consentId: string) {
    return db.selectFrom('person_consent').selectAll().where('id', '=', consentId).forUpdate().executeTakeFirst();
  },

  async withdrawConsent(db: Executor, consentId: string, withdrawnOn: string): Promise<void> {
    await db.updateTable('person_consent').set({ withdrawn_on: withdrawnOn }).where('id', '=', consentId).execute();
  },

  // -------------------------------------------------------------------------------------------
  // possible duplicates

  /**
   * Pairs of active records that may be one person: same name and phone (anywhere in the scope),
   * or same name and birth date in one county; pairs reviewed as two people are left out. The
   * groups come from index-only scans of person_name_birth_idx, their members from the name
   * indexes, so the cost follows the size of the scope, not a self-join of it.
   */
  async duplicatePairs(db: Executor, countyCodes: string[] | null, limit: number, offset: number): Promise<DuplicatePairRow[]> {
    const scope = (alias: string) => (countyCodes ? sql`AND ${sql.ref(`${alias}.county_code`)} = ANY(${countyCodes}::text[])` : sql``);
    const { rows } = await sql<DuplicatePairRow>`
      WITH phone_groups AS MATERIALIZED (
        SELECT g.name, g.phone FROM person g
        WHERE g.status = 'active' AND g.phone IS NOT NULL ${scope('g')}
        GROUP BY g.name, g.phone HAVING count(*) > 1
      ),
      birth_groups AS MATERIALIZED (
        SELECT g.county_code, g.name, g.birth_date FROM person g
        WHERE g.status = 'active' ${scope('g')}
        GROUP BY g.county_code, g.name, g.birth_date HAVING count(*) > 1
      ),
      pairs AS (
        SELECT m.a_id, m.b_id, 'name_phone' AS reason, g.name
        FROM phone_groups g CROSS JOIN LATERAL (
          SELECT a.id AS a_id, b.id AS b_id
          FROM person a JOIN person b ON b.name = a.name AND b.phone = a.phone AND b.id > a.id
          WHERE a.name = g.name AND a.phone = g.phone AND a.status = 'active' AND b.status = 'active' ${scope('a')} ${scope('b')}
          OFFSET 0
        ) m
        UNION ALL
        SELECT m.a_id, m.b_id, 'name_birth_date' AS reason, g.name
        FROM birth_groups g CROSS JOIN LATERAL (
          SELECT a.id AS a_id, b.id AS b_id
          FROM person a JOIN person b ON b.county_code = a.county_code AND b.name = a.name AND b.birth_date = a.birth_date AND b.id > a.id
          WHERE a.county_code = g.county_code AND a.name = g.name AND a.birth_date = g.birth_date AND a.status = 'active' AND b.status = 'active'
          OFFSET 0
        ) m
      ),
      candidates AS (
        SELECT DISTINCT ON (a_id, b_id) a_id, b_id, reason, name FROM pairs ORDER BY a_id, b_id, reason DESC
      )
      SELECT c.a_id, c.b_id, c.reason, count(*) OVER () AS total
      FROM candidates c
      WHERE NOT EXISTS (SELECT 1 FROM person_duplicate_dismissal d WHERE d.person_a = c.a_id AND d.person_b = c.b_id)
      ORDER BY c.name, c.a_id, c.b_id
      LIMIT ${limit} OFFSET ${offset}`.execute(db);
    return rows;
  },

  /** Records that a pair is two people (a < b, as the table requires); answers false when it already was. */
  async dismissPair(db: Executor, a: string, b: string, countyCode: string, actorId: string): Promise<boolean> {
    const result = await db
      .insertInto('person_duplicate_dismissal')
      .values({ person_a: a, person_b: b, county_code: countyCode, dismissed_by: actorId })
      .onConflict((oc) => oc.columns(['person_a', 'person_b']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  },
};
