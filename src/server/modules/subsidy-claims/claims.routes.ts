import type { FastifyInstance } from 'fastify';
import * as contracts from '../../../shared/contracts/subsidy-claims-contracts';
import { requestMeta, requireActor } from '../../platform/request-context';
import { registerRoute } from '../../platform/routing';
import type { ClaimsService } from './claims.service';

/** Subsidy claims: generation for a class, completion and submission by the institution, recheck by staff. */
export function registerClaimsRoutes(app: FastifyInstance, claims: ClaimsService): void {
  registerRoute(app, contracts.listClaims, async ({ query }, request) => claims.list(requireActor(request.actor), query));

  registerRoute(app, contracts.getClaim, async ({ params }, request) => claims.get(requireActor(request.actor), params.id));

  registerRoute(app, contracts.listClassClaims, async ({ params }, request) => claims.ofClass(requireActor(request.actor), params.id));

  registerRoute(app, contracts.generateClassClaims, async ({ params }, request) =>
    claims.generate(requireActor(request.actor), params.id, requestMeta(request)),
  );

  registerRoute(app, contracts.updateClaim, async ({ params, body }, request) =>
    claims.update(requireActor(request.actor), params.id, body, requestMeta(request)),
  );

  registerRoute(app, contracts.submitClaim, async ({ params, body }, request) =>
    claims.submit(requireActor(request.actor), params.id, body.version, requestMeta(request)),
  );

  registerRoute(app, contracts.submitClassClaims, async ({ params, body }, request) =>
    claims.submitMany(requireActor(request.actor), params.id, body.claimIds, requestMeta(request)),
  );

  registerRoute(app, contracts.withdrawClaim, async ({ params, body }, request) =>
    claims.withdraw(requireActor(request.actor), params.id, body, requestMeta(request)),
  );

  registerRoute(app, contracts.extendClaimDeadline, async ({ params, body }, request) =>
    claims.extendDeadline(requireActor(request.actor), params.id, body, requestMeta(request)),
  );

  registerRoute(app, contracts.recheckClaim, async ({ params }, request) =>
    claims.recheck(requireActor(request.actor), params.id, requestMeta(request)),
  );

  registerRoute(app, contracts.unmaskClaimBankAccount, async ({ params, body }, request) =>
    claims.unmaskBankAccount(requireActor(request.actor), params.id, body.reason, requestMeta(request)),
  );
}
