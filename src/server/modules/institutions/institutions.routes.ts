import type { FastifyInstance } from 'fastify';
import * as contracts from '../../../shared/contracts/institutions-contracts';
import { requestMeta, requireActor } from '../../platform/request-context';
import { registerRoute } from '../../platform/routing';
import type { InstitutionsService } from './institutions.service';

/** Training institutions, the institution's own page and its accounts. */
export function registerInstitutionsRoutes(app: FastifyInstance, institutions: InstitutionsService): void {
  registerRoute(app, contracts.listInstitutions, async ({ query }, request) => institutions.list(requireActor(request.actor), query));

  registerRoute(app, contracts.getInstitution, async ({ params }, request) => institutions.get(requireActor(request.actor), params.id));

  registerRoute(app, contracts.createInstitution, async ({ body }, request) =>
    institutions.create(requireActor(request.actor), body, requestMeta(request)),
  );

  registerRoute(app, contracts.updateInstitution, async ({ params, body }, request) =>
    institutions.update(requireActor(request.actor), params.id, body, requestMeta(request)),
  );

  registerRoute(app, contracts.submitInstitution, async ({ params, body }, request) =>
    institutions.submit(requireActor(request.actor), params.id, body.version, requestMeta(request)),
  );

  registerRoute(app, contracts.closeInstitution, async ({ params, body }, request) =>
    institutions.close(requireActor(request.actor), params.id, body.version, body.reason, requestMeta(request)),
  );

  registerRoute(app, contracts.getMyInstitution, async (_input, request) => institutions.mine(requireActor(request.actor)));

  registerRoute(app, contracts.updateMyInstitution, async ({ body }, request) =>
    institutions.updateMine(requireActor(request.actor), body, requestMeta(request)),
  );

  registerRoute(app, contracts.listInstitutionAccounts, async ({ params }, request) =>
    institutions.accounts(requireActor(request.actor), params.id),
  );

  registerRoute(app, contracts.createInstitutionAccount, async ({ params, body }, request) =>
    institutions.createAccount(requireActor(request.actor), params.id, body, requestMeta(request)),
  );

  registerRoute(app, contracts.institutionAccountCommand, async ({ params, body }, request) =>
    institutions.accountCommand(
      requireActor(request.actor),
      params.id,
      params.accountId,
      params.command,
      body.reason,
      requestMeta(request),
    ),
  );
}
