import type { FastifyInstance } from 'fastify';
import * as contracts from '../../../shared/contracts/classes-contracts';
import { attachmentHeader } from '../../platform/excel-export';
import type { FileStore } from '../../platform/file-store';
import { requestMeta, requireActor } from '../../platform/request-context';
import { registerRoute } from '../../platform/routing';
import type { ClassesService } from './classes.service';

/**
 * Training classes: institutions apply and run them, federation reviewers decide the opening and
 * the completion. Step documents are uploaded first through POST /api/files and named by id.
 */
export function registerClassesRoutes(app: FastifyInstance, classes: ClassesService, files: FileStore): void {
  registerRoute(app, contracts.listClasses, async ({ query }, request) => classes.list(requireActor(request.actor), query));

  registerRoute(app, contracts.getClassReviewQueue, async (_input, request) => classes.reviewQueue(requireActor(request.actor)));

  registerRoute(app, contracts.getClassFormOptions, async ({ query }, request) =>
    classes.formOptions(requireActor(request.actor), query.on),
  );

  registerRoute(app, contracts.getClass, async ({ params }, request) => classes.get(requireActor(request.actor), params.id));

  registerRoute(app, contracts.createClass, async ({ body }, request) =>
    classes.create(requireActor(request.actor), body, requestMeta(request)),
  );

  registerRoute(app, contracts.updateClass, async ({ params, body }, request) =>
    classes.update(requireActor(request.actor), params.id, body, requestMeta(request)),
  );

  registerRoute(app, contracts.runClassCommand, async ({ params, body }, request) =>
    classes.command(requireActor(request.actor), params.id, params.command, body, requestMeta(request)),
  );

  registerRoute(app, contracts.recordTrainerWaiver, async ({ params, body }, request) =>
    classes.recordWaiver(requireActor(request.actor), params.id, params.trainerId, body.reason, requestMeta(request)),
  );

  registerRoute(app, contracts.removeTrainerWaiver, async ({ params }, request) =>
    classes.removeWaiver(requireActor(request.actor), params.id, params.trainerId, requestMeta(request)),
  );

  registerRoute(app, contracts.downloadClassDocument, async ({ params }, request, reply) => {
    const { ownerId } = await classes.document(requireActor(request.actor), params.id, params.fileId);
    const { row, stream } = await files.open(ownerId, params.fileId);
    return reply
      .header('content-type', row.mediaType)
      .header('content-disposition', attachmentHeader(row.name))
      .header('cache-control', 'no-store')
      .send(stream);
  });
}
