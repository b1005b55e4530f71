import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { CatalogueProgrammeTable, Tables } from '../../db/tables';

type Executor = Kysely<Tables> | Transaction<Tables>;
export type ProgrammeRow = Selectable<CatalogueProgrammeTable>;
export type ProgrammeStatusValue = ProgrammeRow['status'];
export type ProgrammeColumns = Omit<
  CatalogueProgrammeTable,
  | 'id'
  | 'status'
  | 'effective_from'
  | 'effective_to'
  | 'notice_id'
  | 'refusal_reason'
  | 'retired_reason'
  | 'version'
  | 'created_at'
  | 'updated_at'
  | 'created_by'
  | 'updated_by'
  | 'target_categories'
  | 'accommodations'
  | 'brands'
> & { target_categories: string[]; accommodations: string[]; brands: string[] };

export interface ProgrammeFilter {
  statuses: ProgrammeStatusValue[] | null;
  /** drafts and refused versions are seen only by their maintainers: the codes that may see them, null for all */
  privateRegionCodes: string[] | null;
  q?: string | undefined;
  trainingType?: string | undefined;
  brand?: string | undefined;
  disabilityCategory?: string | undefined;
}

function filtered(db: Executor, filter: ProgrammeFilter) {
  let query = db.selectFrom('catalogue_programme');
  if (filter.statuses) query = query.where('status', 'in', filter.statuses);
  if (filter.privateRegionCodes) {
    const codes = filter.privateRegionCodes;
    query = query.where((eb) =>
      eb.or([eb('status', 'not in', ['draft', 'refused']), codes.length > 0 ? eb('region_code', 'in', codes) : sql<boolean>`false`]),
    );
  }
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('name', 'like', pattern), eb('occupation', 'like', pattern), eb('skill', 'like', pattern)]));
  }
  if (filter.trainingType) query = query.where('training_type', '=', filter.trainingType as ProgrammeRow['training_type']);
  if (filter.brand) query = query.where(sql<boolean>`${filter.brand} = ANY(brands)`);
  // an empty target list means “every category”
  if (filter.disabilityCategory)
    query = query.where(sql<boolean>`(cardinality(target_categories) = 0 OR ${filter.disabilityCategory} = ANY(target_categories))`);
  return query;
}

export const catalogueRepository = {
  async page(db: Executor, filter: ProgrammeFilter, limit: number, offset: number): Promise<{ rows: ProgrammeRow[]; total: number }> {
    const rows = await filtered(db, filter)
      .selectAll()
      .orderBy('programme_code')
      .orderBy('edition', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    const count = await filtered(db, filter)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return { rows, total: Number(count.n) };
  },

  findById(db: Executor, id: string, lock = false): Promise<ProgrammeRow | undefined> {
    const query = db.selectFrom('catalogue_programme').selectAll().where('id', '=', id);
    return (lock ? query.forUpdate() : query).executeTakeFirst();
  },

  /** Every version of a programme, the newest first. */
  chain(db: Executor, programmeCode: string): Promise<ProgrammeRow[]> {
    return db
      .selectFrom('catalogue_programme')
      .selectAll()
      .where('programme_code', '=', programmeCode)
      .orderBy('edition', 'desc')
      .execute();
  },

  async codeInUse(db: Executor, programmeCode: string): Promise<boolean> {
    const row = await db
      .selectFrom('catalogue_programme')
      .select('id')
      .where('programme_code', '=', programmeCode)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  },

  insert(db: Executor, columns: ProgrammeColumns, actorId: string): Promise<ProgrammeRow> {
    return db
      .insertInto('catalogue_programme')
      .values({ ...columns, created_by: actorId, updated_by: actorId })
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  /** Updates a draft when its version still matches; undefined when someone else changed it first. */
  updateDraft(
    db: Executor,
    id: string,
    version: number,
    columns: Partial<ProgrammeColumns>,
    actorId: string,
  ): Promise<ProgrammeRow | undefined> {
    return db
      .updateTable('catalogue_programme')
      .set({ ...columns, updated_by: actorId, updated_at: new Date(), version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .where('status', '=', 'draft')
      .returningAll()
      .executeTakeFirst();
  },

  setState(
    db: Executor,
    id: string,
    state: Partial<Pick<ProgrammeRow, 'status' | 'effective_from' | 'effective_to' | 'notice_id' | 'refusal_reason' | 'retired_reason'>>,
    actorId: string | null,
  ): Promise<ProgrammeRow> {
    return db
      .updateTable('catalogue_programme')
      .set((eb) => ({ ...state, updated_by: actorId, updated_at: new Date(), version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  notice(db: Executor, noticeId: string) {
    return db.selectFrom('public_notice').select(['id', 'status', 'starts_at', 'ends_at']).where('id', '=', noticeId).executeTakeFirst();
  },
};
