import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as contracts from '../../../shared/contracts/catalogue-contracts';
import { requireActor } from '../../platform/request-context';
import { registerRoute } from '../../platform/routing';
import type { CatalogueService, RequestMeta } from './catalogue.service';

function meta(request: FastifyRequest): RequestMeta {
  return { requestId: request.id, ip: request.ip };
}

/** The training catalogue: staff routes, and the public list of programmes in force (no login, cacheable). */
export function registerCatalogueRoutes(app: FastifyInstance, catalogue: CatalogueService): void {
  registerRoute(app, contracts.listPublicCatalogue, async ({ query }, _request, reply) => {
    reply.header('cache-control', 'public, max-age=300');
    return catalogue.listPublic(query);
  });

  registerRoute(app, contracts.listProgrammes, async ({ query }, request) => catalogue.list(requireActor(request.actor), query));

  registerRoute(app, contracts.getProgramme, async ({ params }, request) => catalogue.get(requireActor(request.actor), params.id));

  registerRoute(app, contracts.createProgramme, async ({ body }, request) =>
    catalogue.create(requireActor(request.actor), body, meta(request)),
  );

  registerRoute(app, contracts.updateProgramme, async ({ params, body }, request) =>
    catalogue.update(requireActor(request.actor), params.id, body, meta(request)),
  );

  registerRoute(app, contracts.reviseProgramme, async ({ params }, request) =>
    catalogue.revise(requireActor(request.actor), params.id, meta(request)),
  );

  registerRoute(app, contracts.submitProgramme, async ({ params }, request) =>
    catalogue.submit(requireActor(request.actor), params.id, meta(request)),
  );

  registerRoute(app, contracts.retireProgramme, async ({ params, body }, request) =>
    catalogue.retire(requireActor(request.actor), params.id, body.reason, meta(request)),
  );
}
