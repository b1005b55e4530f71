import type { FastifyInstance } from 'fastify';
import * as contracts from '../../../shared/contracts/contests-contracts';
import { requestMeta, requireActor } from '../../platform/request-context';
import { registerRoute } from '../../platform/routing';
import type { ContestsService } from './contests.service';

/** Competitions. Entrants are registry persons: answers carry masked summaries and leave with no-store (the API default). */
export function registerContestsRoutes(app: FastifyInstance, contests: ContestsService): void {
  registerRoute(app, contracts.listContests, async ({ query }, request) => contests.list(requireActor(request.actor), query));

  registerRoute(app, contracts.getContest, async ({ params }, request) => contests.get(requireActor(request.actor), params.id));

  registerRoute(app, contracts.createContest, async ({ body }, request) =>
    contests.create(requireActor(request.actor), body, requestMeta(request)),
  );

  registerRoute(app, contracts.updateContest, async ({ params, body }, request) =>
    contests.update(requireActor(request.actor), params.id, body, requestMeta(request)),
  );

  registerRoute(app, contracts.addEntrant, async ({ params, body }, request) =>
    contests.addEntrant(requireActor(request.actor), params.id, body, requestMeta(request)),
  );

  registerRoute(app, contracts.removeEntrant, async ({ params }, request) =>
    contests.removeEntrant(requireActor(request.actor), params.id, params.entrantId, requestMeta(request)),
  );

  registerRoute(app, contracts.recordResults, async ({ params, body }, request) =>
    contests.recordResults(requireActor(request.actor), params.id, body, requestMeta(request)),
  );

  registerRoute(app, contracts.addBudgetLine, async ({ params, body }, request) =>
    contests.addBudgetLine(requireActor(request.actor), params.id, body, requestMeta(request)),
  );

  registerRoute(app, contracts.removeBudgetLine, async ({ params }, request) =>
    contests.removeBudgetLine(requireActor(request.actor), params.id, params.lineId, requestMeta(request)),
  );
}
