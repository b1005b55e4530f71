import type { FastifyInstance } from 'fastify';
import * as contracts from '../../../shared/contracts/subsidy-standards-contracts';
import { requestMeta, requireActor } from '../../platform/request-context';
import { registerRoute } from '../../platform/routing';
import type { SubsidyStandardsService } from './subsidy-standards.service';

/** Subsidy standards (补贴标准): list, detail, the standard that applies, create, retire and end. */
export function registerSubsidyStandardsRoutes(app: FastifyInstance, standards: SubsidyStandardsService): void {
  registerRoute(app, contracts.listStandards, async ({ query }, request) => standards.list(requireActor(request.actor), query));

  registerRoute(app, contracts.applicableStandard, async ({ query }, request) => standards.applicable(requireActor(request.actor), query));

  registerRoute(app, contracts.getStandard, async ({ params }, request) => standards.get(requireActor(request.actor), params.id));

  registerRoute(app, contracts.createStandard, async ({ body }, request) =>
    standards.create(requireActor(request.actor), body, requestMeta(request)),
  );

  registerRoute(app, contracts.retireStandard, async ({ params, body }, request) =>
    standards.retire(requireActor(request.actor), params.id, body.reason, requestMeta(request)),
  );

  registerRoute(app, contracts.endStandard, async ({ params, body }, request) =>
    standards.end(requireActor(request.actor), params.id, body, requestMeta(request)),
  );
}
