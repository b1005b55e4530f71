import type { FastifyInstance } from 'fastify';
import * as contracts from '../../../shared/contracts/audit-contracts';
import type { Db } from '../../db/database';
import { scopeCodes } from '../../platform/actor';
import type { AuditTrail } from '../../platform/audit-trail';
import { requireActor } from '../../platform/request-context';
import { registerRoute } from '../../platform/routing';
import { auditRepository } from './audit.repository';

export function registerAuditRoutes(app: FastifyInstance, db: Db, audit: AuditTrail): void {
  registerRoute(app, contracts.searchAudit, async ({ query }, request) => {
    const actor = requireActor(request.actor);
    const { rows, total } = await auditRepository.search(db, { ...query, scopeCodes: scopeCodes(actor.scope) });
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
  });

  registerRoute(app, contracts.verifyAudit, async (_input, request) => {
    const actor = requireActor(request.actor);
    const outcome = await audit.verify();
    await audit.record({
      action: 'audit.verify',
      outcome: outcome.ok ? 'success' : 'failure',
      actorId: actor.userId,
      actorName: actor.username,
      regionCode: actor.regionCode,
      ip: request.ip,
      requestId: request.id,
      details: { checked: outcome.checked, firstBroken: outcome.firstBroken?.seq ?? null },
    });
    return { ...outcome, verifiedAt: new Date().toISOString() };
  });
}
