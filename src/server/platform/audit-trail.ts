import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/database';
import type { Tables } from '../db/tables';
import type { Actor } from './actor';
import type { RequestMeta } from './request-context';

export interface AuditEvent {
  action: string;
  outcome: 'success' | 'failure' | 'denied';
  actorId?: string | null;
  actorName?: string | null;
  regionCode?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
  requestId?: string | null;
  /** never personal data in clear: ids, field names, counts, reasons */
  details?: Record<string, unknown>;
}

/** Who did it and from where, for an event of a signed-in actor in a request. */
export function auditActor(actor: Actor, meta: RequestMeta) {
  return { actorId: actor.userId, actorName: actor.username, ip: meta.ip, requestId: meta.requestId };
}

/** An event of a signed-in actor in a request: the actor fields filled in. */
export function actorEvent(
  actor: Actor,
  meta: RequestMeta,
  event: Omit<AuditEvent, 'actorId' | 'actorName' | 'ip' | 'requestId'>,
): AuditEvent {
  return { ...event, ...auditActor(actor, meta) };
}

const GENESIS = '0'.repeat(64);
// One constant key for pg_advisory_xact_lock: appends to the chain are serialised per database.
const CHAIN_LOCK_KEY = 4_216_020_601;

/** Stable JSON: keys sorted at every depth, because jsonb does not keep insertion order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

interface ChainedFields {
  seq: number;
  occurred_at: Date;
  actor_id: string | null;
  actor_name: string | null;
  region_code: string | null;
  action: string;
  outcome: AuditEvent['outcome'];
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  request_id: string | null;
  details: unknown;
  prev_hash: string;
}

/** SM3 (GB/T 32905) over the previous hash and every field of the row. */
export function chainHash(row: ChainedFields): string {
  const material = canonical([
    row.seq,
    row.occurred_at.toISOString(),
    row.actor_id,
    row.actor_name,
    row.region_code,
    row.action,
    row.outcome,
    row.target_type,
    row.target_id,
    row.ip,
    row.request_id,
    row.details,
    row.prev_hash,
  ]);
  return createHash('sm3').update(material).digest('hex');
}

export interface VerifyOutcome {
  ok: boolean;
  checked: number;
  firstBroken: { seq: number; reason: string } | null;
}

/**
 * The hash-chained, insert-only audit trail. `append` writes inside the caller's transaction,
 * so a business write and its audit row commit or roll back together.
 */
export class AuditTrail {
  constructor(private readonly db: Db) {}

  async append(trx: Transaction<Tables>, event: AuditEvent): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`.execute(trx);
    const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const row: ChainedFields = {
      seq: (last?.seq ?? 0) + 1,
      occurred_at: new Date(),
      actor_id: event.actorId ?? null,
      actor_name: event.actorName ?? null,
      region_code: event.regionCode ?? null,
      action: event.action,
      outcome: event.outcome,
      target_type: event.targetType ?? null,
      target_id: event.targetId ?? null,
      ip: event.ip ?? null,
      request_id: event.requestId ?? null,
      details: event.details ?? {},
      prev_hash: last?.hash ?? GENESIS,
    };
    await trx
      .insertInto('audit_log')
      .values({ ...row, details: JSON.stringify(row.details), hash: chainHash(row) })
      .execute();
  }

  /** For events with no business write of their own (a refused login, a denial). */
  async record(event: AuditEvent): Promise<void> {
    await this.db.transaction().execute((trx) => this.append(trx, event));
  }

  /** What the trail says happened to one target, newest first (index audit_log_target_idx): successes only. */
  historyOf(targetType: string, targetId: string, limit = 200) {
    return this.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name', 'occurred_at', 'details'])
      .where('target_type', '=', targetType)
      .where('target_id', '=', targetId)
      .where('outcome', '=', 'success')
      .orderBy('seq', 'desc')
      .limit(limit)
      .execute();
  }

  async countRecent(outcome: AuditEvent['outcome'], days: number): Promise<number> {
    const row = await this.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('outcome', '=', outcome)
      .where('occurred_at', '>', new Date(Date.now() - days * 86_400_000))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Walks the whole chain in order and names the first row that is missing, edited or out of order. */
  async verify(batchSize = 5000): Promise<VerifyOutcome> {
    let expectedSeq = 1;
    let prevHash = GENESIS;
    let checked = 0;
    for (;;) {
      const rows = await this.db
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '>=', expectedSeq)
        .orderBy('seq')
        .limit(batchSize)
        .execute();
      if (rows.length === 0) return { ok: true, checked, firstBroken: null };
      for (const row of rows) {
        if (row.seq !== expectedSeq) {
          return { ok: false, checked, firstBroken: { seq: expectedSeq, reason: `第 ${expectedSeq} 条记录缺失（已被删除）` } };
        }
        if (row.prev_hash !== prevHash) {
          return { ok: false, checked, firstBroken: { seq: row.seq, reason: `第 ${row.seq} 条记录的前序哈希与上一条不符` } };
        }
        if (chainHash(row) !== row.hash) {
          return { ok: false, checked, firstBroken: { seq: row.seq, reason: `第 ${row.seq} 条记录内容已被篡改` } };
        }
        prevHash = row.hash;
        expectedSeq++;
        checked++;
      }
    }
  }
}
