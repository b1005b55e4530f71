import type { FastifyInstance } from 'fastify';
import * as contracts from '../../../shared/contracts/fund-supervision-contracts';
import { attachmentHeader } from '../../platform/excel-export';
import type { FileStore } from '../../platform/file-store';
import { requestMeta, requireActor } from '../../platform/request-context';
import { registerRoute } from '../../platform/routing';
import type { FraudSignalsService } from './fraud-signals.service';
import type { MoneyTrailService } from './money-trail.service';

/** Fund supervision: the money trail of a claim and of a class, and the fraud signals with their reviews. */
export function registerFundSupervisionRoutes(
  app: FastifyInstance,
  trail: MoneyTrailService,
  signals: FraudSignalsService,
  files: FileStore,
): void {
  registerRoute(app, contracts.getClaimTrail, async ({ params }, request) => trail.claimTrail(requireActor(request.actor), params.id));

  registerRoute(app, contracts.downloadClaimTrailFile, async ({ params }, request, reply) => {
    const { ownerId } = await trail.claimFile(requireActor(request.actor), params.id, params.fileId);
    const { row, stream } = await files.open(ownerId, params.fileId);
    return reply
      .header('content-type', row.mediaType)
      .header('content-disposition', attachmentHeader(row.name))
      .header('cache-control', 'no-store')
      .send(stream);
  });

  registerRoute(app, contracts.getClassTrail, async ({ params }, request) => trail.classTrail(requireActor(request.actor), params.id));

  registerRoute(app, contracts.downloadClassTrailFile, async ({ params }, request, reply) => {
    const { ownerId } = await trail.classFile(requireActor(request.actor), params.id, params.fileId);
    const { row, stream } = await files.open(ownerId, params.fileId);
    return reply
      .header('content-type', row.mediaType)
      .header('content-disposition', attachmentHeader(row.name))
      .header('cache-control', 'no-store')
      .send(stream);
  });

  registerRoute(app, contracts.listFraudSignals, async ({ query }, request) => signals.list(requireActor(request.actor), query));

  registerRoute(app, contracts.claimFraudSignals, async ({ params }, request) => signals.forClaim(requireActor(request.actor), params.id));

  registerRoute(app, contracts.reviewFraudSignal, async ({ body }, request) =>
    signals.review(requireActor(request.actor), body, requestMeta(request)),
  );
}
