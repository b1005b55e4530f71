import type { Transaction } from 'kysely';
import type { Db } from '../../db/database';
import type { NoticeSubjectKind, Tables } from '../../db/tables';

/** What a module puts on public notice (公示): the public reads title and summary, nothing else. */
export interface NoticeSubject {
  kind: NoticeSubjectKind;
  id: string;
  /** the region whose staff decide objections: the tier that made the decision on notice */
  regionCode: string;
  title: string;
  summary: string;
}

/**
 * How a subject module learns the outcome of its notice. Both run inside the transaction that
 * settles the notice, so the subject's status and the notice's change together.
 */
export interface NoticeSubjectHandlers {
  /** the period ended with no objection pending or upheld: the item takes effect */
  onEffective(trx: Transaction<Tables>, subjectId: string): Promise<void>;
  /** an objection was upheld: the item does not take effect */
  onRefused(trx: Transaction<Tables>, subjectId: string, reason: string): Promise<void>;
}

export interface NoticesOptions {
  /** length of a notice period in days (configurable: NOTICE_DAYS) */
  noticeDays: number;
}

/**
 * Public notice: institutions, base accreditations and catalogue programmes are announced for a
 * period before they take effect; anyone may object meanwhile. Subject modules open a notice in
 * their own transaction and register handlers for the outcome; `settleDue` closes ended periods.
 */
export class NoticesService {
  private readonly handlers = new Map<NoticeSubjectKind, NoticeSubjectHandlers>();

  constructor(
    protected readonly db: Db,
    protected readonly options: NoticesOptions,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  registerSubject(kind: NoticeSubjectKind, handlers: NoticeSubjectHandlers): void {
    if (this.handlers.has(kind)) throw new Error(`notice subject ${kind} registered twice`);
    this.handlers.set(kind, handlers);
  }

  protected handlersFor(kind: NoticeSubjectKind): NoticeSubjectHandlers {
    const found = this.handlers.get(kind);
    if (!found) throw new Error(`no notice handlers registered for ${kind}`);
    return found;
  }

  now(): Date {
    return this.clock();
  }

  /** Opens the notice of a subject inside the caller's transaction; answers its id and end. */
  async open(trx: Transaction<Tables>, subject: NoticeSubject, actorId: string | null): Promise<{ noticeId: string; endsAt: Date }> {
    const startsAt = this.now();
    const endsAt = new Date(startsAt.getTime() + this.options.noticeDays * 86_400_000);
    const row = await trx
      .insertInto('public_notice')
      .values({
        subject_kind: subject.kind,
        subject_id: subject.id,
        region_code: subject.regionCode,
        title: subject.title,
        summary: subject.summary,
        starts_at: startsAt,
        ends_at: endsAt,
        created_by: actorId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { noticeId: row.id, endsAt };
  }

  /**
   * Settles every notice whose period has ended and that has no pending objection: it becomes
   * effective and its subject module is told, one transaction per notice. Answers how many.
   */
  async settleDue(): Promise<number> {
    const now = this.now();
    const due = await this.db
      .selectFrom('public_notice')
      .select(['id'])
      .where('status', '=', 'open')
      .where('ends_at', '<=', now)
      .orderBy('ends_at')
      .limit(500)
      .execute();
    let settled = 0;
    for (const { id } of due) {
      const done = await this.db.transaction().execute(async (trx) => {
        const notice = await trx
          .selectFrom('public_notice')
          .select(['id', 'subject_kind', 'subject_id', 'status', 'ends_at'])
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst();
        if (!notice || notice.status !== 'open' || notice.ends_at > now) return false;
        const pending = await trx
          .selectFrom('notice_objection')
          .select('id')
          .where('notice_id', '=', id)
          .where('status', '=', 'pending')
          .executeTakeFirst();
        if (pending) return false;
        await trx.updateTable('public_notice').set({ status: 'effective', settled_at: now }).where('id', '=', id).execute();
        await this.handlersFor(notice.subject_kind).onEffective(trx, notice.subject_id);
        return true;
      });
      if (done) settled++;
    }
    return settled;
  }
}
