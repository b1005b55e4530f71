import type { FastifyInstance } from 'fastify';
import * as contracts from '../../../shared/contracts/inspections-contracts';
import { attachmentHeader } from '../../platform/excel-export';
import type { FileStore } from '../../platform/file-store';
import { requestMeta, requireActor } from '../../platform/request-context';
import { registerRoute } from '../../platform/routing';
import type { InspectionsService } from './inspections.service';

/** Process inspections (过程检查): random draws, scheduled checks, findings, rectification and closure. */
export function registerInspectionsRoutes(app: FastifyInstance, inspections: InspectionsService, files: FileStore): void {
  registerRoute(app, contracts.listInspections, async ({ query }, request) => inspections.list(requireActor(request.actor), query));

  registerRoute(app, contracts.listClassInspections, async ({ params }, request) =>
    inspections.forClass(requireActor(request.actor), params.id),
  );

  registerRoute(app, contracts.listDraws, async ({ query }, request) => inspections.listDraws(requireActor(request.actor), query));

  registerRoute(app, contracts.createDraw, async ({ body }, request) =>
    inspections.draw(requireActor(request.actor), body, requestMeta(request)),
  );

  registerRoute(app, contracts.getDraw, async ({ params }, request) => inspections.getDraw(requireActor(request.actor), params.id));

  registerRoute(app, contracts.verifyDraw, async ({ params }, request) => inspections.verify(requireActor(request.actor), params.id));

  registerRoute(app, contracts.getInspection, async ({ params }, request) => inspections.get(requireActor(request.actor), params.id));

  registerRoute(app, contracts.downloadInspectionFile, async ({ params }, request, reply) => {
    const { ownerId } = await inspections.file(requireActor(request.actor), params.id, params.fileId);
    const { row, stream } = await files.open(ownerId, params.fileId);
    return reply
      .header('content-type', row.mediaType)
      .header('content-disposition', attachmentHeader(row.name))
      .header('cache-control', 'no-store')
      .send(stream);
  });

  registerRoute(app, contracts.scheduleInspection, async ({ params, body }, request) =>
    inspections.schedule(requireActor(request.actor), params.id, body, requestMeta(request)),
  );

  registerRoute(app, contracts.recordFindings, async ({ params, body }, request) =>
    inspections.findings(requireActor(request.actor), params.id, body, requestMeta(request)),
  );

  registerRoute(app, contracts.replyToRectification, async ({ params, body }, request) =>
    inspections.reply(requireActor(request.actor), params.id, body, requestMeta(request)),
  );

  registerRoute(app, contracts.closeInspection, async ({ params, body }, request) =>
    inspections.close(requireActor(request.actor), params.id, body, requestMeta(request)),
  );
}
