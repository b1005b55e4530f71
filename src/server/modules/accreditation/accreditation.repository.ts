import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import type { AccreditationStatus, AccreditationTier, BaseKind } from '../../../shared/domain/accreditation';
import type {
  AccreditationEventTable,
  AttachedFile,
  BaseAccreditationTable,
  BaseEvaluationTable,
  EvaluationSheetTable,
  Tables,
} from '../../db/tables';

type Executor = Kysely<Tables>;

export type AccreditationRow = Selectable<BaseAccreditationTable> & { institution_name: string };
export type AccreditationEventRow = Selectable<AccreditationEventTable>;
export type BaseEvaluationRow = Selectable<BaseEvaluationTable>;
export type EvaluationSheetRow = Selectable<EvaluationSheetTable>;

export interface AccreditationFilter {
  /** county-level codes to keep, or null for the whole province */
  countyCodes: string[] | null;
  /** an institution account sees its own institution only */
  institutionId?: string | undefined;
  status?: AccreditationStatus | undefined;
  tier?: AccreditationTier | undefined;
  baseKind?: BaseKind | undefined;
  q?: string | undefined;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function withInstitution(db: Executor) {
  return db
    .selectFrom('base_accreditation as a')
    .innerJoin('institution as i', 'i.id', 'a.institution_id')
    .selectAll('a')
    .select('i.name as institution_name');
}

/** SQL of base accreditation. Every query takes the executor so the service can run it in its transaction. */
export const accreditationRepository = {
  /** Locks the institution row: applications and terms of one institution are decided one at a time. */
  async lockInstitution(db: Executor, institutionId: string): Promise<void> {
    await db.selectFrom('institution').select('id').where('id', '=', institutionId).forUpdate().executeTakeFirst();
  },

  get(db: Executor, id: string, forUpdate = false): Promise<AccreditationRow | undefined> {
    const query = withInstitution(db).where('a.id', '=', id);
    return (forUpdate ? query.forUpdate('a') : query).executeTakeFirst();
  },

  insert(db: Executor, values: Insertable<BaseAccreditationTable>) {
    return db.insertInto('base_accreditation').values(values).returning('id').executeTakeFirstOrThrow();
  },

  update(db: Executor, id: string, values: Partial<Omit<Selectable<BaseAccreditationTable>, 'id' | 'version'>>) {
    return db
      .updateTable('base_accreditation')
      .set({
        ...values,
        ...(values.documents && { documents: JSON.stringify(values.documents) }),
        ...(values.promotion && { promotion: JSON.stringify(values.promotion) }),
        version: sql<number>`version + 1`,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
  },

  async recordEvent(
    db: Executor,
    event: Omit<Selectable<AccreditationEventTable>, 'id' | 'occurred_at' | 'documents' | 'details'> & {
      documents?: AttachedFile[];
      details?: Record<string, unknown>;
    },
  ): Promise<void> {
    await db
      .insertInto('accreditation_event')
      .values({ ...event, documents: JSON.stringify(event.documents ?? []), details: JSON.stringify(event.details ?? {}) })
      .execute();
  },

  events(db: Executor, accreditationId: string): Promise<AccreditationEventRow[]> {
    return db
      .selectFrom('accreditation_event')
      .selectAll()
      .where('accreditation_id', '=', accreditationId)
      .orderBy('occurred_at')
      .orderBy('id')
      .execute();
  },

  evaluations(db: Executor, accreditationId: string): Promise<BaseEvaluationRow[]> {
    return db
      .selectFrom('base_evaluation')
      .selectAll()
      .where('accreditation_id', '=', accreditationId)
      .orderBy('evaluated_on', 'desc')
      .orderBy('created_at', 'desc')
      .execute();
  },

  insertEvaluation(db: Executor, values: Omit<Selectable<BaseEvaluationTable>, 'id' | 'created_at' | 'total'> & { total: number }) {
    return db
      .insertInto('base_evaluation')
      .values({
        ...values,
        scores: JSON.stringify(values.scores),
        documents: JSON.stringify(values.documents),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  },

  /** Other accreditations of the institution and base kind whose terms block an overlapping one. */
  termHolders(db: Executor, institutionId: string, baseKind: BaseKind, exceptId: string, statuses: readonly AccreditationStatus[]) {
    return db
      .selectFrom('base_accreditation')
      .select(['id', 'plaque_no', 'term_start', 'term_end', 'status'])
      .where('institution_id', '=', institutionId)
      .where('base_kind', '=', baseKind)
      .where('id', '!=', exceptId)
      .where('status', 'in', [...statuses])
      .where('term_start', 'is not', null)
      .execute();
  },

  async hasPendingApplication(db: Executor, institutionId: string, baseKind: BaseKind): Promise<boolean> {
    const row = await db
      .selectFrom('base_accreditation')
      .select('id')
      .where('institution_id', '=', institutionId)
      .where('base_kind', '=', baseKind)
      .where('status', '=', 'applied')
      .executeTakeFirst();
    return row !== undefined;
  },

  /** Another accreditation holding the plaque number, granted or proposed by a promotion on notice. */
  plaqueHolder(db: Executor, plaqueNo: string, exceptId: string) {
    return db
      .selectFrom('base_accreditation')
      .select(['id', 'base_name'])
      .where((eb) => eb.or([eb('plaque_no', '=', plaqueNo), eb(sql<string>`promotion ->> 'plaqueNo'`, '=', plaqueNo)]))
      .where('id', '!=', exceptId)
      .executeTakeFirst();
  },

  async list(db: Executor, filter: AccreditationFilter, page: number, pageSize: number) {
    let query = db.selectFrom('base_accreditation as a').innerJoin('institution as i', 'i.id', 'a.institution_id');
    if (filter.countyCodes) query = query.where('a.county_code', 'in', filter.countyCodes.length ? filter.countyCodes : ['']);
    if (filter.institutionId) query = query.where('a.institution_id', '=', filter.institutionId);
    if (filter.status) query = query.where('a.status', '=', filter.status);
    if (filter.tier) query = query.where('a.tier', '=', filter.tier);
    if (filter.baseKind) query = query.where('a.base_kind', '=', filter.baseKind);
    if (filter.q) {
      const like = `%${escapeLike(filter.q)}%`;
      query = query.where((eb) => eb.or([eb('a.base_name', 'like', like), eb('i.name', 'like', like), eb('a.plaque_no', 'like', like)]));
    }
    const [items, count] = await Promise.all([
      query
        .selectAll('a')
        .select('i.name as institution_name')
        .orderBy('a.updated_at', 'desc')
        .orderBy('a.id')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  },

  /** Live bases (active, term covering the day), optionally in some county-level units and of one kind. */
  async liveBases(db: Executor, day: string, countyCodes: string[] | null, baseKind: BaseKind | undefined, page: number, pageSize: number) {
    let query = withInstitution(db).where('a.status', '=', 'active').where('a.term_start', '<=', day).where('a.term_end', '>=', day);
    if (countyCodes) query = query.where('a.county_code', 'in', countyCodes.length ? countyCodes : ['']);
    if (baseKind) query = query.where('a.base_kind', '=', baseKind);
    const [items, count] = await Promise.all([
      query
        .orderBy('a.county_code')
        .orderBy('a.base_name')
        .orderBy('a.id')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      query
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { items, total: Number(count.n) };
  },

  /** Live bases per county-level unit on a day. */
  async liveCountsByCounty(db: Executor, day: string): Promise<Map<string, number>> {
    const rows = await db
      .selectFrom('base_accreditation')
      .select(['county_code', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'active')
      .where('term_start', '<=', day)
      .where('term_end', '>=', day)
      .groupBy('county_code')
      .execute();
    return new Map(rows.map((r) => [r.county_code, Number(r.n)]));
  },

  /** Active accreditations whose term ends on or before a day. */
  termsEndingBy(db: Executor, countyCodes: string[] | null, institutionId: string | undefined, lastDay: string) {
    let query = withInstitution(db).where('a.status', '=', 'active').where('a.term_end', '<=', lastDay);
    if (countyCodes) query = query.where('a.county_code', 'in', countyCodes.length ? countyCodes : ['']);
    if (institutionId) query = query.where('a.institution_id', '=', institutionId);
    return query.orderBy('a.term_end').limit(500).execute();
  },

  /** Active or suspended accreditations last evaluated (or accredited) on or before a day. */
  evaluationsDueBy(db: Executor, countyCodes: string[] | null, institutionId: string | undefined, lastBaseDay: string) {
    let query = withInstitution(db)
      .where('a.status', 'in', ['active', 'suspended'])
      .where(sql<string>`coalesce(a.last_evaluated_on, a.accredited_on, a.term_start)`, '<=', lastBaseDay);
    if (countyCodes) query = query.where('a.county_code', 'in', countyCodes.length ? countyCodes : ['']);
    if (institutionId) query = query.where('a.institution_id', '=', institutionId);
    return query
      .orderBy(sql`coalesce(a.last_evaluated_on, a.accredited_on, a.term_start)`)
      .limit(500)
      .execute();
  },

  noticeEnd(db: Executor, accreditationId: string): Promise<{ ends_at: Date } | undefined> {
    return db
      .selectFrom('public_notice')
      .select('ends_at')
      .where('subject_kind', '=', 'accreditation')
      .where('subject_id', '=', accreditationId)
      .where('status', 'in', ['open', 'held'])
      .executeTakeFirst();
  },

  currentSheet(db: Executor): Promise<EvaluationSheetRow> {
    return db.selectFrom('evaluation_sheet').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirstOrThrow();
  },

  async insertSheet(db: Executor, values: { version: number; items: unknown; thresholds: unknown; created_by: string }) {
    await db
      .insertInto('evaluation_sheet')
      .values({
        version: values.version,
        items: JSON.stringify(values.items),
        thresholds: JSON.stringify(values.thresholds),
        created_by: values.created_by,
      })
      .execute();
  },
};
