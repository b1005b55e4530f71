import type { FastifyInstance } from 'fastify';
import * as contracts from '../../../shared/contracts/accreditation-contracts';
import { attachmentHeader } from '../../platform/excel-export';
import type { FileStore } from '../../platform/file-store';
import { requestMeta, requireActor } from '../../platform/request-context';
import { registerRoute } from '../../platform/routing';
import type { AccreditationService } from './accreditation.service';

/**
 * Base accreditation: institutions apply, reviewers decide at their own tier, evaluations follow.
 * The public list of accredited bases needs no session and holds nothing personal.
 */
export function registerAccreditationRoutes(app: FastifyInstance, accreditation: AccreditationService, files: FileStore): void {
  registerRoute(app, contracts.listPublicBases, async ({ query }, _request, reply) => {
    reply.header('cache-control', 'public, max-age=300');
    return accreditation.publicBases(query);
  });

  registerRoute(app, contracts.listAccreditations, async ({ query }, request) => accreditation.list(requireActor(request.actor), query));

  registerRoute(app, contracts.listReminders, async ({ query }, request) =>
    accreditation.reminders(requireActor(request.actor), query.withinDays),
  );

  registerRoute(app, contracts.getAccreditation, async ({ params }, request) => accreditation.get(requireActor(request.actor), params.id));

  registerRoute(app, contracts.downloadAccreditationDocument, async ({ params }, request, reply) => {
    const { ownerId } = await accreditation.document(requireActor(request.actor), params.id, params.fileId);
    const { row, stream } = await files.open(ownerId, params.fileId);
    return reply
      .header('content-type', row.mediaType)
      .header('content-disposition', attachmentHeader(row.name))
      .header('cache-control', 'no-store')
      .send(stream);
  });

  registerRoute(app, contracts.applyForAccreditation, async ({ body }, request) =>
    accreditation.apply(requireActor(request.actor), body, requestMeta(request)),
  );

  registerRoute(app, contracts.accredit, async ({ params, body }, request) =>
    accreditation.accredit(requireActor(request.actor), params.id, body, requestMeta(request)),
  );

  registerRoute(app, contracts.renewAccreditation, async ({ params, body }, request) =>
    accreditation.renew(requireActor(request.actor), params.id, body, requestMeta(request)),
  );

  registerRoute(app, contracts.downgradeAccreditation, async ({ params, body }, request) =>
    accreditation.downgrade(requireActor(request.actor), params.id, body, requestMeta(request)),
  );

  registerRoute(app, contracts.promoteAccreditation, async ({ params, body }, request) =>
    accreditation.promote(requireActor(request.actor), params.id, body, requestMeta(request)),
  );

  registerRoute(app, contracts.decideAccreditation, async ({ params, body }, request) =>
    accreditation.decide(requireActor(request.actor), params.id, body, requestMeta(request)),
  );

  registerRoute(app, contracts.evaluateAccreditation, async ({ params, body }, request) =>
    accreditation.evaluate(requireActor(request.actor), params.id, body, requestMeta(request)),
  );

  registerRoute(app, contracts.getEvaluationSheet, async () => accreditation.sheet());

  registerRoute(app, contracts.publishEvaluationSheet, async ({ body }, request) =>
    accreditation.publishSheet(requireActor(request.actor), body, requestMeta(request)),
  );
}
