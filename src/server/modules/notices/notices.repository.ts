import { type Expression, type ExpressionBuilder, type Kysely, type Selectable, sql, type SqlBool } from 'kysely';
import type { NoticeObjectionTable, NoticeSubjectKind, PublicNoticeTable, Tables } from '../../db/tables';
import type { NoticeStatus } from '../../../shared/domain/notice-rules';

type Executor = Kysely<Tables>;
type NoticeEb = ExpressionBuilder<Tables & { n: PublicNoticeTable }, 'n'>;

export type NoticeRow = Selectable<PublicNoticeTable>;
export type ObjectionRow = Selectable<NoticeObjectionTable>;
export interface NoticeListRow extends NoticeRow {
  pending_objections: number;
  total_objections: number;
}
export interface StaffObjectionRow extends ObjectionRow {
  decided_by_name: string | null;
}

/** A staff list filter in database terms: the service has resolved scope and region. */
export interface NoticeListFilter {
  /** region codes to keep, or null for the whole province */
  regionCodes: string[] | null;
  kind?: NoticeSubjectKind | undefined;
  status?: NoticeStatus | undefined;
  /** the period overlaps [from, to) */
  from?: Date | undefined;
  to?: Date | undefined;
  limit: number;
  offset: number;
}

function staffConditions(eb: NoticeEb, filter: NoticeListFilter): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [];
  if (filter.regionCodes) conditions.push(eb('n.region_code', 'in', filter.regionCodes.length ? filter.regionCodes : ['']));
  if (filter.kind) conditions.push(eb('n.subject_kind', '=', filter.kind));
  if (filter.status) conditions.push(eb('n.status', '=', filter.status));
  if (filter.from) conditions.push(eb('n.ends_at', '>=', filter.from));
  if (filter.to) conditions.push(eb('n.starts_at', '<', filter.to));
  return eb.and(conditions);
}

const objectionCounts = (eb: NoticeEb) => [
  eb
    .selectFrom('notice_objection as o')
    .select((o) => o.fn.countAll<number>().as('c'))
    .whereRef('o.notice_id', '=', 'n.id')
    .where('o.status', '=', 'pending')
    .as('pending_objections'),
  eb
    .selectFrom('notice_objection as o')
    .select((o) => o.fn.countAll<number>().as('c'))
    .whereRef('o.notice_id', '=', 'n.id')
    .as('total_objections'),
];

export const noticesRepository = {
  async listForStaff(db: Executor, filter: NoticeListFilter): Promise<{ rows: NoticeListRow[]; total: number }> {
    const [rows, count] = await Promise.all([
      db
        .selectFrom('public_notice as n')
        .selectAll('n')
        .select(objectionCounts)
        .where((eb) => staffConditions(eb, filter))
        // undecided first (someone has to act on them), then the newest
        .orderBy(sql`CASE WHEN n.status IN ('open', 'held') THEN 0 ELSE 1 END`)
        .orderBy('n.ends_at', 'desc')
        .orderBy('n.id')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute(),
      db
        .selectFrom('public_notice as n')
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .where((eb) => staffConditions(eb, filter))
        .executeTakeFirstOrThrow(),
    ]);
    return {
      rows: rows.map((r) => ({ ...r, pending_objections: Number(r.pending_objections), total_objections: Number(r.total_objections) })),
      total: Number(count.total),
    };
  },

  async listUndecided(db: Executor, kind: NoticeSubjectKind | undefined, limit: number, offset: number) {
    const base = db
      .selectFrom('public_notice as n')
      .where('n.status', 'in', ['open', 'held'])
      .$if(kind !== undefined, (q) => q.where('n.subject_kind', '=', kind!));
    const [rows, count] = await Promise.all([
      base.selectAll('n').orderBy('n.ends_at').orderBy('n.id').limit(limit).offset(offset).execute(),
      base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.total) };
  },

  get(db: Executor, id: string, lock = false): Promise<NoticeRow | undefined> {
    return db
      .selectFrom('public_notice')
      .selectAll()
      .where('id', '=', id)
      .$if(lock, (q) => q.forUpdate())
      .executeTakeFirst();
  },

  async getWithCounts(db: Executor, id: string): Promise<NoticeListRow | undefined> {
    const row = await db.selectFrom('public_notice as n').selectAll('n').select(objectionCounts).where('n.id', '=', id).executeTakeFirst();
    return row && { ...row, pending_objections: Number(row.pending_objections), total_objections: Number(row.total_objections) };
  },

  objectionsOf(db: Executor, noticeId: string): Promise<StaffObjectionRow[]> {
    return db
      .selectFrom('notice_objection as o')
      .leftJoin('app_user as u', 'u.id', 'o.decided_by')
      .selectAll('o')
      .select('u.display_name as decided_by_name')
      .where('o.notice_id', '=', noticeId)
      .orderBy('o.created_at')
      .orderBy('o.id')
      .execute();
  },

  getObjection(db: Executor, noticeId: string, objectionId: string, lock = false): Promise<ObjectionRow | undefined> {
    return db
      .selectFrom('notice_objection')
      .selectAll()
      .where('id', '=', objectionId)
      .where('notice_id', '=', noticeId)
      .$if(lock, (q) => q.forUpdate())
      .executeTakeFirst();
  },

  async findObjectionByCode(db: Executor, code: string) {
    return db
      .selectFrom('notice_objection as o')
      .innerJoin('public_notice as n', 'n.id', 'o.notice_id')
      .select([
        'o.lookup_code',
        'o.status',
        'o.created_at',
        'o.decided_at',
        'o.decision_reason',
        'n.id as notice_id',
        'n.title as notice_title',
        'n.subject_kind as notice_kind',
        'n.status as notice_status',
        'n.ends_at as notice_ends_at',
      ])
      .where('o.lookup_code', '=', code)
      .executeTakeFirst();
  },

  insertObjection(
    db: Executor,
    values: {
      notice_id: string;
      lookup_code: string;
      anonymous: boolean;
      filer_name: string | null;
      filer_contact_sealed: Buffer | null;
      content: string;
      filer_ip: string | null;
      line_no?: number | null;
    },
  ): Promise<Pick<ObjectionRow, 'id' | 'created_at'>> {
    return db.insertInto('notice_objection').values(values).returning(['id', 'created_at']).executeTakeFirstOrThrow();
  },

  async decideObjection(
    db: Executor,
    id: string,
    status: 'upheld' | 'dismissed',
    reason: string,
    actorId: string,
    at: Date,
  ): Promise<void> {
    await db
      .updateTable('notice_objection')
      .set({ status, decision_reason: reason, decided_by: actorId, decided_at: at })
      .where('id', '=', id)
      .execute();
  },

  async countPending(db: Executor, noticeId: string): Promise<number> {
    const row = await db
      .selectFrom('notice_objection')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('notice_id', '=', noticeId)
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  async countHeld(db: Executor, regionCodes: string[] | null): Promise<number> {
    const row = await db
      .selectFrom('public_notice')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'held')
      .$if(regionCodes !== null, (q) => q.where('region_code', 'in', regionCodes!.length ? regionCodes! : ['']))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /** The latest notice of one subject (institution, accreditation, programme), open or settled. */
  latestOfSubject(db: Executor, kind: NoticeSubjectKind, subjectId: string) {
    return db
      .selectFrom('public_notice')
      .select(['id', 'status', 'starts_at', 'ends_at', 'settled_at'])
      .where('subject_kind', '=', kind)
      .where('subject_id', '=', subjectId)
      .orderBy('starts_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  },

  async setStatus(db: Executor, id: string, status: NoticeStatus, settledAt: Date | null): Promise<void> {
    await db.updateTable('public_notice').set({ status, settled_at: settledAt }).where('id', '=', id).execute();
  },
};
