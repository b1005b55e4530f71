import type { Db } from '../../db/database';
import type { ReferenceRegion } from './region-reference';

export function createRegionsRepository(db: Db) {
  return {
    async all(): Promise<ReferenceRegion[]> {
      const rows = await db.selectFrom('region').selectAll().orderBy('sort_order').execute();
      return rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code, sortOrder: r.sort_order }));
    },

    /** Inserts the reference regions that are missing; existing rows keep their names. */
    async insertMissing(regions: ReferenceRegion[]): Promise<number> {
      if (regions.length === 0) return 0;
      const result = await db
        .insertInto('region')
        .values(regions.map((r) => ({ code: r.code, name: r.name, level: r.level, parent_code: r.parentCode, sort_order: r.sortOrder })))
        .onConflict((oc) => oc.column('code').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0);
    },
  };
}
export type RegionsRepository = ReturnType<typeof createRegionsRepository>;
