import {
  type Expression,
  type ExpressionBuilder,
  type Insertable,
  type Kysely,
  type Selectable,
  sql,
  type SqlBool,
  type Updateable,
} from 'kysely';
import type { Tables, TrainerTable } from '../../db/tables';

type Executor = Kysely<Tables>;
type TrainerEb = ExpressionBuilder<Tables & { t: TrainerTable }, 't'>;

export type TrainerRow = Selectable<TrainerTable>;
export type TrainerRotationRow = Selectable<Tables['trainer_rotation']>;
export type TrainerQualificationRow = Selectable<Tables['trainer_qualification']>;
export type TrainingBaseRow = Selectable<Tables['trainer_training_base']> & { institution_name: string; institution_county: string };
export type NewTrainer = Insertable<TrainerTable>;

/** A list filter in database terms: the service has resolved scope, region and rotation state. */
export interface TrainerListFilter {
  /** county-level codes to keep, or null for the whole province */
  countyCodes: string[] | null;
  /** an institution account: only trainers linked to this institution */
  linkedInstitutionId?: string | undefined;
  status: 'active' | 'left';
  nameContains?: string | undefined;
  source?: string | undefined;
  occupation?: string | undefined;
  institutionId?: string | undefined;
  dueFrom?: string | undefined;
  dueTo?: string | undefined;
  order: 'name' | 'due';
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function conditions(eb: TrainerEb, filter: TrainerListFilter): Expression<SqlBool> {
  const all: Expression<SqlBool>[] = [eb('t.status', '=', filter.status)];
  if (filter.countyCodes) all.push(eb('t.county_code', 'in', filter.countyCodes.length ? filter.countyCodes : ['']));
  for (const institutionId of [filter.linkedInstitutionId, filter.institutionId]) {
    if (!institutionId) continue;
    all.push(
      eb.exists(
        eb
          .selectFrom('trainer_institution as ti')
          .select('ti.id')
          .whereRef('ti.trainer_id', '=', 't.id')
          .where('ti.institution_id', '=', institutionId),
      ),
    );
  }
  if (filter.nameContains) all.push(eb('t.name', 'like', `%${escapeLike(filter.nameContains)}%`));
  if (filter.source) all.push(sql<SqlBool>`${filter.source}::text = ANY(t.sources)`);
  if (filter.occupation) {
    const pattern = `%${escapeLike(filter.occupation)}%`;
    all.push(sql<SqlBool>`EXISTS (SELECT 1 FROM unnest(t.occupations) AS o(name) WHERE o.name LIKE ${pattern})`);
  }
  if (filter.dueFrom) all.push(eb('t.rotation_due_on', '>=', filter.dueFrom));
  if (filter.dueTo) all.push(eb('t.rotation_due_on', '<=', filter.dueTo));
  return eb.and(all);
}

export const trainersRepository = {
  async listPage(db: Executor, filter: TrainerListFilter, limit: number, offset: number) {
    let query = db
      .selectFrom('trainer as t')
      .selectAll('t')
      .select((eb) => eb.fn.countAll<string>().over().as('total'))
      .where((eb) => conditions(eb, filter));
    query = filter.order === 'due' ? query.orderBy('t.rotation_due_on').orderBy('t.name') : query.orderBy('t.name').orderBy('t.id');
    return query.limit(limit).offset(offset).execute();
  },

  async countOnly(db: Executor, filter: TrainerListFilter): Promise<number> {
    const row = await db
      .selectFrom('trainer as t')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where((eb) => conditions(eb, filter))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  async listAll(db: Executor, filter: TrainerListFilter, limit: number) {
    return db
      .selectFrom('trainer as t')
      .selectAll('t')
      .where((eb) => conditions(eb, filter))
      .orderBy('t.rotation_due_on')
      .orderBy('t.name')
      .limit(limit)
      .execute();
  },

  findById(db: Executor, id: string) {
    return db.selectFrom('trainer').selectAll().where('id', '=', id).executeTakeFirst();
  },

  findByIdForUpdate(db: Executor, id: string) {
    return db.selectFrom('trainer').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },

  findByIdIndex(db: Executor, index: string) {
    return db.selectFrom('trainer').select(['id', 'county_code']).where('id_number_index', '=', index).executeTakeFirst();
  },

  insert(db: Executor, row: NewTrainer) {
    return db.insertInto('trainer').values(row).returningAll().executeTakeFirstOrThrow();
  },

  update(db: Executor, id: string, version: number, changes: Updateable<TrainerTable>, actorId: string) {
    return db
      .updateTable('trainer')
      .set({ ...changes, version: version + 1, updated_by: actorId, updated_at: new Date() })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
  },

  setDueDate(db: Executor, id: string, dueOn: string) {
    return db.updateTable('trainer').set({ rotation_due_on: dueOn }).where('id', '=', id).execute();
  },

  qualifications(db: Executor, trainerId: string) {
    return db
      .selectFrom('trainer_qualification')
      .selectAll()
      .where('trainer_id', '=', trainerId)
      .orderBy('issued_on')
      .orderBy('id')
      .execute();
  },

  async replaceQualifications(
    db: Executor,
    trainerId: string,
    countyCode: string,
    rows: Omit<Insertable<Tables['trainer_qualification']>, 'trainer_id' | 'county_code'>[],
  ) {
    await db.deleteFrom('trainer_qualification').where('trainer_id', '=', trainerId).execute();
    if (rows.length) {
      await db
        .insertInto('trainer_qualification')
        .values(rows.map((r) => ({ ...r, trainer_id: trainerId, county_code: countyCode })))
        .execute();
    }
  },

  institutions(db: Executor, trainerId: string) {
    return db
      .selectFrom('trainer_institution as ti')
      .innerJoin('institution as i', 'i.id', 'ti.institution_id')
      .select(['ti.id', 'ti.institution_id', 'ti.role', 'ti.from_on', 'ti.to_on', 'i.name as institution_name'])
      .where('ti.trainer_id', '=', trainerId)
      .orderBy('ti.from_on')
      .orderBy('ti.id')
      .execute();
  },

  async replaceInstitutions(
    db: Executor,
    trainerId: string,
    countyCode: string,
    rows: Omit<Insertable<Tables['trainer_institution']>, 'trainer_id' | 'county_code'>[],
  ) {
    await db.deleteFrom('trainer_institution').where('trainer_id', '=', trainerId).execute();
    if (rows.length) {
      await db
        .insertInto('trainer_institution')
        .values(rows.map((r) => ({ ...r, trainer_id: trainerId, county_code: countyCode })))
        .execute();
    }
  },

  /** The names of the institutions each trainer works at now, for list rows. */
  async currentInstitutionNames(db: Executor, trainerIds: string[], today: string): Promise<Map<string, string[]>> {
    const names = new Map<string, string[]>();
    if (trainerIds.length === 0) return names;
    const rows = await db
      .selectFrom('trainer_institution as ti')
      .innerJoin('institution as i', 'i.id', 'ti.institution_id')
      .select(['ti.trainer_id', 'i.name'])
      .where('ti.trainer_id', 'in', trainerIds)
      .where((eb) => eb.or([eb('ti.to_on', 'is', null), eb('ti.to_on', '>=', today)]))
      .orderBy('i.name')
      .execute();
    for (const row of rows) names.set(row.trainer_id, [...(names.get(row.trainer_id) ?? []), row.name]);
    return names;
  },

  rotations(db: Executor, trainerId: string) {
    return db
      .selectFrom('trainer_rotation as r')
      .leftJoin('trainer_training_base as b', 'b.id', 'r.base_id')
      .leftJoin('institution as i', 'i.id', 'b.institution_id')
      .leftJoin('app_user as u', 'u.id', 'r.entered_by')
      .selectAll('r')
      .select(['i.name as base_name', 'u.display_name as entered_by_name'])
      .where('r.trainer_id', '=', trainerId)
      .orderBy('r.completed_on', 'desc')
      .orderBy('r.entered_at', 'desc')
      .execute();
  },

  findRotationForUpdate(db: Executor, id: string) {
    return db.selectFrom('trainer_rotation').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },

  insertRotation(db: Executor, row: Insertable<Tables['trainer_rotation']>) {
    return db.insertInto('trainer_rotation').values(row).returning('id').executeTakeFirstOrThrow();
  },

  voidRotation(db: Executor, id: string, reason: string, actorId: string) {
    return db
      .updateTable('trainer_rotation')
      .set({ voided_at: new Date(), voided_by: actorId, void_reason: reason })
      .where('id', '=', id)
      .where('voided_at', 'is', null)
      .executeTakeFirst();
  },

  async isLinkedTo(db: Executor, trainerId: string, institutionId: string): Promise<boolean> {
    const row = await db
      .selectFrom('trainer_institution')
      .select('id')
      .where('trainer_id', '=', trainerId)
      .where('institution_id', '=', institutionId)
      .executeTakeFirst();
    return row !== undefined;
  },

  institutionsByIds(db: Executor, ids: string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return db.selectFrom('institution').select(['id', 'name', 'county_code', 'status']).where('id', 'in', ids).execute();
  },

  institutionOptions(db: Executor, countyCodes: string[] | null, q: string | undefined, limit: number) {
    let query = db.selectFrom('institution').select(['id', 'name', 'county_code']).where('status', '!=', 'closed');
    if (countyCodes) query = query.where('county_code', 'in', countyCodes.length ? countyCodes : ['']);
    if (q) query = query.where('name', 'like', `%${escapeLike(q)}%`);
    return query.orderBy('name').limit(limit).execute();
  },

  trainingBases(db: Executor): Promise<TrainingBaseRow[]> {
    return db
      .selectFrom('trainer_training_base as b')
      .innerJoin('institution as i', 'i.id', 'b.institution_id')
      .selectAll('b')
      .select(['i.name as institution_name', 'i.county_code as institution_county'])
      .orderBy('b.ended_on', (ob) => ob.desc().nullsFirst())
      .orderBy('b.designated_on', 'desc')
      .execute();
  },

  async trainingBase(db: Executor, id: string): Promise<TrainingBaseRow | undefined> {
    return db
      .selectFrom('trainer_training_base as b')
      .innerJoin('institution as i', 'i.id', 'b.institution_id')
      .selectAll('b')
      .select(['i.name as institution_name', 'i.county_code as institution_county'])
      .where('b.id', '=', id)
      .executeTakeFirst();
  },

  insertTrainingBase(db: Executor, row: Insertable<Tables['trainer_training_base']>) {
    return db.insertInto('trainer_training_base').values(row).returning('id').executeTakeFirstOrThrow();
  },

  endTrainingBase(db: Executor, id: string, endedOn: string) {
    return db
      .updateTable('trainer_training_base')
      .set({ ended_on: endedOn })
      .where('id', '=', id)
      .where('ended_on', 'is', null)
      .executeTakeFirst();
  },
};
