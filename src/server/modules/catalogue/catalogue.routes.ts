import type { FastifyInstance } from 'fastify';
import * as contracts from '../../../shared/contracts/catalogue-contracts';
import { requestMeta, requireActor } from '../../platform/request-context';
import { registerRoute } from '../../platform/routing';
import type { CatalogueService } from './catalogue.service';

/** The training catalogue: staff routes, and the public list of programmes in force (no login, cacheable). */
export function registerCatalogueRoutes(app: FastifyInstance, catalogue: CatalogueService): void {
  registerRoute(app, contracts.listPublicCatalogue, async ({ query }, _request, reply) => {
    reply.header('cache-control', 'public, max-age=300');
    return catalogue.listPublic(query);
  });

  registerRoute(app, contracts.listProgrammes, async ({ query }, request) => catalogue.list(requireActor(request.actor), query));

  registerRoute(app, contracts.getProgramme, async ({ params }, request) => catalogue.get(requireActor(request.actor), params.id));

  registerRoute(app, contracts.createProgramme, async ({ body }, request) =>
    catalogue.create(requireActor(request.actor), body, requestMeta(request)),
  );

  registerRoute(app, contracts.updateProgramme, async ({ params, body }, request) =>
    catalogue.update(requireActor(request.actor), params.id, body, requestMeta(request)),
  );

  registerRoute(app, contracts.reviseProgramme, async ({ params }, request) =>
    catalogue.revise(requireActor(request.actor), params.id, requestMeta(request)),
  );

  registerRoute(app, contracts.submitProgramme, async ({ params }, request) =>
    catalogue.submit(requireActor(request.actor), params.id, requestMeta(request)),
  );

  registerRoute(app, contracts.retireProgramme, async ({ params, body }, request) =>
    catalogue.retire(requireActor(request.actor), params.id, body.reason, requestMeta(request)),
  );
}
