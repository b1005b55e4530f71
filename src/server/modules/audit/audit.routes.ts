import type { FastifyInstance } from 'fastify';
import * as contracts from '../../../shared/contracts/audit-contracts';
import { requireActor } from '../../platform/request-context';
import { registerRoute } from '../../platform/routing';
import type { AuditService } from './audit.service';

export function registerAuditRoutes(app: FastifyInstance, audit: AuditService): void {
  registerRoute(app, contracts.searchAudit, async ({ query }, request) => audit.search(requireActor(request.actor), query));

  registerRoute(app, contracts.verifyAudit, async (_input, request) => audit.verify(requireActor(request.actor), request.ip, request.id));
}
