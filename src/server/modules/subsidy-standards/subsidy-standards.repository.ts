import { type Insertable, type Selectable, sql } from 'kysely';
import type { ClassTrainingType } from '../../../shared/domain/class-codes';
import type { SkillLevel } from '../../../shared/domain/catalogue-codes';
import type { Db } from '../../db/database';
import type { SubsidyStandardTable } from '../../db/tables';

export type StandardRow = Selectable<SubsidyStandardTable> & { created_by_name: string | null; retired_by_name: string | null };

export interface StandardFilter {
  regionCode?: string | undefined;
  trainingType?: ClassTrainingType | undefined;
  status?: 'active' | 'retired' | undefined;
  /** in force on this date */
  on?: string | undefined;
}

function withNames(db: Db) {
  return db
    .selectFrom('subsidy_standard as s')
    .leftJoin('app_user as c', 'c.id', 's.created_by')
    .leftJoin('app_user as r', 'r.id', 's.retired_by')
    .selectAll('s')
    .select(['c.display_name as created_by_name', 'r.display_name as retired_by_name']);
}

/** SQL of subsidy standards. Every query takes the executor so the service can run it in its transaction. */
export const standardsRepository = {
  async list(db: Db, f: StandardFilter, page: number, pageSize: number): Promise<{ rows: StandardRow[]; total: number }> {
    let q = withNames(db);
    if (f.regionCode) q = q.where('s.region_code', '=', f.regionCode);
    if (f.trainingType) q = q.where('s.training_type', '=', f.trainingType);
    if (f.status) q = q.where('s.status', '=', f.status);
    if (f.on) {
      const on = f.on;
      q = q
        .where('s.status', '=', 'active')
        .where('s.effective_from', '<=', on)
        .where((eb) => eb.or([eb('s.effective_to', 'is', null), eb('s.effective_to', '>=', on)]));
    }
    const [rows, count] = await Promise.all([
      q
        .orderBy('s.training_type')
        .orderBy('s.region_code')
        .orderBy('s.effective_from', 'desc')
        .orderBy('s.id')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      q
        .clearSelect()
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { rows, total: count.n };
  },

  async get(db: Db, id: string, forUpdate = false): Promise<StandardRow | undefined> {
    if (forUpdate) await db.selectFrom('subsidy_standard').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
    return withNames(db).where('s.id', '=', id).executeTakeFirst();
  },

  /**
   * Serialises writers of one region and training type, so that two overlapping standards cannot
   * both pass the overlap check (a row lock cannot guard rows that do not exist yet).
   */
  async lockKey(db: Db, regionCode: string, trainingType: string): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`subsidy_standard:${regionCode}:${trainingType}`}))`.execute(db);
  },

  /** Active standards of the same region, type, programme and level whose dates overlap [from, to]. */
  async overlapping(
    db: Db,
    key: { regionCode: string; trainingType: ClassTrainingType; programmeCode: string | null; skillLevel: SkillLevel | null },
    from: string,
    to: string | null,
    exceptId?: string,
  ) {
    let q = db
      .selectFrom('subsidy_standard')
      .select(['id', 'effective_from', 'effective_to'])
      .where('status', '=', 'active')
      .where('region_code', '=', key.regionCode)
      .where('training_type', '=', key.trainingType)
      .where(key.programmeCode === null ? sql<boolean>`programme_code IS NULL` : sql<boolean>`programme_code = ${key.programmeCode}`)
      .where(key.skillLevel === null ? sql<boolean>`skill_level IS NULL` : sql<boolean>`skill_level = ${key.skillLevel}`)
      .where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>=', from)]));
    if (to !== null) q = q.where('effective_from', '<=', to);
    if (exceptId) q = q.where('id', '<>', exceptId);
    return q.orderBy('effective_from').execute();
  },

  async insert(db: Db, values: Insertable<SubsidyStandardTable>): Promise<string> {
    return (await db.insertInto('subsidy_standard').values(values).returning('id').executeTakeFirstOrThrow()).id;
  },

  async retire(db: Db, id: string, by: string, reason: string): Promise<void> {
    await db
      .updateTable('subsidy_standard')
      .set({ status: 'retired', retired_by: by, retired_at: new Date(), retired_reason: reason })
      .where('id', '=', id)
      .execute();
  },

  async end(db: Db, id: string, effectiveTo: string): Promise<void> {
    await db.updateTable('subsidy_standard').set({ effective_to: effectiveTo }).where('id', '=', id).execute();
  },
};
