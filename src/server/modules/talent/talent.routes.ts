import type { FastifyInstance } from 'fastify';
import * as contracts from '../../../shared/contracts/talent-contracts';
import { requestMeta, requireActor } from '../../platform/request-context';
import { registerRoute } from '../../platform/routing';
import type { TalentService } from './talent.service';

/** High-skill talent roster, competition candidates and master–apprentice pairs (persons masked, no-store). */
export function registerTalentRoutes(app: FastifyInstance, talent: TalentService): void {
  registerRoute(app, contracts.listTalentMembers, async ({ query }, request) => talent.listMembers(requireActor(request.actor), query));

  registerRoute(app, contracts.addTalentMember, async ({ body }, request) =>
    talent.addMember(requireActor(request.actor), body, requestMeta(request)),
  );

  registerRoute(app, contracts.updateTalentMember, async ({ params, body }, request) =>
    talent.updateMember(requireActor(request.actor), params.id, body, requestMeta(request)),
  );

  registerRoute(app, contracts.removeTalentMember, async ({ params, body }, request) =>
    talent.removeMember(requireActor(request.actor), params.id, body.reason, requestMeta(request)),
  );

  registerRoute(app, contracts.listCandidates, async ({ query }, request) => talent.listCandidates(requireActor(request.actor), query));

  registerRoute(app, contracts.decideCandidate, async ({ params, body }, request) =>
    talent.decideCandidate(requireActor(request.actor), params.id, body, requestMeta(request)),
  );

  registerRoute(app, contracts.listApprenticeships, async ({ query }, request) =>
    talent.listApprenticeships(requireActor(request.actor), query),
  );

  registerRoute(app, contracts.getApprenticeship, async ({ params }, request) =>
    talent.getApprenticeship(requireActor(request.actor), params.id),
  );

  registerRoute(app, contracts.createApprenticeship, async ({ body }, request) =>
    talent.createApprenticeship(requireActor(request.actor), body, requestMeta(request)),
  );

  registerRoute(app, contracts.recordProgress, async ({ params, body }, request) =>
    talent.recordProgress(requireActor(request.actor), params.id, body, requestMeta(request)),
  );

  registerRoute(app, contracts.closeApprenticeship, async ({ params, body }, request) =>
    talent.closeApprenticeship(requireActor(request.actor), params.id, body, requestMeta(request)),
  );
}
