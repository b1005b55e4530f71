import type { FastifyInstance } from 'fastify';
import * as contracts from '../../../shared/contracts/class-records-contracts';
import { attachmentHeader } from '../../platform/excel-export';
import type { FileStore } from '../../platform/file-store';
import { requestMeta, requireActor } from '../../platform/request-context';
import { registerRoute } from '../../platform/routing';
import type { ClassRecordsService } from './class-records.service';

/** Class records (台账): list, add a file or teaching-video metadata, delete after retention, download. */
export function registerClassRecordsRoutes(app: FastifyInstance, records: ClassRecordsService, files: FileStore): void {
  registerRoute(app, contracts.listClassRecords, async ({ params }, request) => records.list(requireActor(request.actor), params.id));

  registerRoute(app, contracts.addClassRecord, async ({ params, body }, request) =>
    records.add(requireActor(request.actor), params.id, body, requestMeta(request)),
  );

  registerRoute(app, contracts.addClassVideo, async ({ params, body }, request) =>
    records.addVideo(requireActor(request.actor), params.id, body, requestMeta(request)),
  );

  registerRoute(app, contracts.deleteClassRecord, async ({ params }, request) =>
    records.remove(requireActor(request.actor), params.id, params.recordId, requestMeta(request)),
  );

  registerRoute(app, contracts.downloadClassRecord, async ({ params }, request, reply) => {
    const { ownerId, fileId } = await records.file(requireActor(request.actor), params.id, params.recordId);
    const { row, stream } = await files.open(ownerId, fileId);
    return reply
      .header('content-type', row.mediaType)
      .header('content-disposition', attachmentHeader(row.name))
      .header('cache-control', 'no-store')
      .send(stream);
  });
}
