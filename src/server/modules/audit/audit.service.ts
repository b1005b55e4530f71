import type { z } from 'zod';
import type { AuditEntry, searchAudit, VerifyResult } from '../../../shared/contracts/audit-contracts';
import type { Db } from '../../db/database';
import { type Actor, scopeCodes } from '../../platform/actor';
import type { AuditTrail } from '../../platform/audit-trail';
import { auditRepository } from './audit.repository';

type SearchQuery = z.output<NonNullable<(typeof searchAudit)['query']>>;

/** The audit administrator's view of the trail: search within scope, and verification of the chain. */
export class AuditService {
  constructor(
    private readonly db: Db,
    private readonly trail: AuditTrail,
  ) {}

  async search(actor: Actor, query: SearchQuery): Promise<{ items: AuditEntry[]; total: number; page: number; pageSize: number }> {
    const { rows, total } = await auditRepository.search(this.db, { ...query, scopeCodes: scopeCodes(actor.scope) });
    return {
      items: rows.map((r) => ({
        seq: r.seq,
        occurredAt: r.occurred_at.toISOString(),
        actorId: r.actor_id,
        actorName: r.actor_name,
        regionCode: r.region_code,
        action: r.action,
        outcome: r.outcome,
        targetType: r.target_type,
        targetId: r.target_id,
        ip: r.ip,
        requestId: r.request_id,
        details: r.details,
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** Verifies the chain and records who verified it and what was found. */
  async verify(actor: Actor, ip: string, requestId: string): Promise<VerifyResult> {
    const outcome = await this.trail.verify();
    await this.trail.record({
      action: 'audit.verify',
      outcome: outcome.ok ? 'success' : 'failure',
      actorId: actor.userId,
      actorName: actor.username,
      regionCode: actor.regionCode,
      ip,
      requestId,
      details: { checked: outcome.checked, firstBroken: outcome.firstBroken?.seq ?? null },
    });
    return { ...outcome, verifiedAt: new Date().toISOString() };
  }
}
