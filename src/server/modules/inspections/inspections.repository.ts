import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import type { ClassTrainingType } from '../../../shared/domain/class-codes';
import type { InspectionKind, InspectionStatus } from '../../../shared/domain/inspection-status';
import type { AttachedFile, InspectionDrawTable, InspectionTable, Tables } from '../../db/tables';

type Executor = Kysely<Tables>;

export type InspectionRow = Selectable<InspectionTable> & {
  class_no: string;
  class_name: string;
  class_status: string;
  institution_id: string;
  institution_name: string;
};
export type DrawRow = Selectable<InspectionDrawTable> & { drawn_by_name: string | null };

export interface InspectionFilter {
  /** county codes of the actor's scope, or null for the whole province */
  countyCodes: string[] | null;
  /** an institution account sees its own institution's classes only */
  institutionId?: string | undefined;
  status?: InspectionStatus | undefined;
  kind?: InspectionKind | undefined;
  classId?: string | undefined;
  drawId?: string | undefined;
  /** rectifications past their due date on this day */
  overdueOn?: string | undefined;
}

function withClass(db: Executor) {
  return db
    .selectFrom('inspection as n')
    .innerJoin('training_class as c', 'c.id', 'n.class_id')
    .innerJoin('institution as i', 'i.id', 'c.institution_id')
    .selectAll('n')
    .select(['c.class_no', 'c.name as class_name', 'c.status as class_status', 'c.institution_id', 'i.name as institution_name']);
}

// an empty scope matches nothing (kysely refuses `in ()`)
function filtered(db: Executor, f: InspectionFilter) {
  let q = withClass(db);
  if (f.countyCodes) q = f.countyCodes.length ? q.where('n.county_code', 'in', f.countyCodes) : q.where(sql<boolean>`false`);
  if (f.institutionId) q = q.where('c.institution_id', '=', f.institutionId);
  if (f.status) q = q.where('n.status', '=', f.status);
  if (f.kind) q = q.where('n.kind', '=', f.kind);
  if (f.classId) q = q.where('n.class_id', '=', f.classId);
  if (f.drawId) q = q.where('n.draw_id', '=', f.drawId);
  if (f.overdueOn) q = q.where('n.status', '=', 'rectifying').where('n.rectification_due_on', '<', f.overdueOn);
  return q;
}

/** SQL of process inspections. Every query takes the executor so the service can run it in its transaction. */
export const inspectionsRepository = {
  async list(db: Executor, f: InspectionFilter, page: number, pageSize: number): Promise<{ rows: InspectionRow[]; total: number }> {
    const rows = (await filtered(db, f)
      .orderBy('n.planned_on', 'desc')
      .orderBy('n.created_at', 'desc')
      .orderBy('n.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute()) as InspectionRow[];
    const count = await filtered(db, f)
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return { rows, total: Number(count.n) };
  },

  async forClass(db: Executor, classId: string): Promise<InspectionRow[]> {
    return (await withClass(db)
      .where('n.class_id', '=', classId)
      .orderBy('n.planned_on', 'desc')
      .orderBy('n.created_at', 'desc')
      .execute()) as InspectionRow[];
  },

  async get(db: Executor, id: string, forUpdate = false): Promise<InspectionRow | undefined> {
    const q = withClass(db).where('n.id', '=', id);
    return (await (forUpdate ? q.forUpdate('n') : q).executeTakeFirst()) as InspectionRow | undefined;
  },

  async classIdOf(db: Executor, id: string): Promise<string | undefined> {
    const row = await db.selectFrom('inspection').select('class_id').where('id', '=', id).executeTakeFirst();
    return row?.class_id;
  },

  async insert(db: Executor, values: Insertable<InspectionTable>): Promise<string> {
    const row = await db.insertInto('inspection').values(values).returning('id').executeTakeFirstOrThrow();
    return row.id;
  },

  async update(db: Executor, id: string, values: Partial<Insertable<InspectionTable>>): Promise<void> {
    await db
      .updateTable('inspection')
      .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: new Date() }))
      .where('id', '=', id)
      .execute();
  },

  /** Running classes whose county lies in the scope: the population of a random draw. */
  async runningClasses(db: Executor, countyCodes: string[] | null, trainingType: ClassTrainingType | undefined): Promise<string[]> {
    let q = db.selectFrom('training_class').select('id').where('status', '=', 'running');
    if (countyCodes) q = countyCodes.length ? q.where('county_code', 'in', countyCodes) : q.where(sql<boolean>`false`);
    if (trainingType) q = q.where('training_type', '=', trainingType);
    return (await q.execute()).map((r) => r.id);
  },

  async classesByIds(db: Executor, ids: readonly string[]) {
    if (ids.length === 0) return [];
    return db
      .selectFrom('training_class as c')
      .innerJoin('institution as i', 'i.id', 'c.institution_id')
      .select(['c.id', 'c.class_no', 'c.name', 'c.county_code', 'i.name as institution_name'])
      .where('c.id', 'in', [...ids])
      .execute();
  },

  async insertDraw(db: Executor, values: Insertable<InspectionDrawTable>): Promise<string> {
    const row = await db.insertInto('inspection_draw').values(values).returning('id').executeTakeFirstOrThrow();
    return row.id;
  },

  getDraw(db: Executor, id: string): Promise<DrawRow | undefined> {
    return db
      .selectFrom('inspection_draw as d')
      .leftJoin('app_user as u', 'u.id', 'd.drawn_by')
      .selectAll('d')
      .select('u.display_name as drawn_by_name')
      .where('d.id', '=', id)
      .executeTakeFirst();
  },

  /** Draws made at a region the scope covers, newest first. */
  async listDraws(db: Executor, regionCodes: string[] | null, page: number, pageSize: number): Promise<{ rows: DrawRow[]; total: number }> {
    const base = () => {
      let q = db.selectFrom('inspection_draw as d');
      if (regionCodes) q = regionCodes.length ? q.where('d.region_code', 'in', regionCodes) : q.where(sql<boolean>`false`);
      return q;
    };
    const rows = await base()
      .leftJoin('app_user as u', 'u.id', 'd.drawn_by')
      .selectAll('d')
      .select('u.display_name as drawn_by_name')
      .orderBy('d.drawn_at', 'desc')
      .orderBy('d.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    const count = await base()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return { rows, total: Number(count.n) };
  },
};

export type { AttachedFile };
