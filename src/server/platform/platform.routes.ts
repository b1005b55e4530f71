import type { FastifyInstance } from 'fastify';
import * as contracts from '../../shared/contracts/platform-contracts';
import { AppError } from '../../shared/errors';
import type { Database } from '../db/database';
import { inScope } from './actor';
import type { FileStore } from './file-store';
import type { JobQueue } from './job-queue';
import { requireActor } from './request-context';
import { registerRoute } from './routing';

export function registerPlatformRoutes(app: FastifyInstance, database: Database, jobs: JobQueue, files: FileStore, version: string): void {
  registerRoute(app, contracts.health, async () => {
    await database.db.selectFrom('app_meta').select('key').limit(1).execute();
    return { status: 'ok' as const, database: database.kind, version };
  });

  registerRoute(app, contracts.getJob, async ({ params }, request) => {
    const actor = requireActor(request.actor);
    const job = await jobs.get(params.id);
    // A job is seen by whoever started it, or by staff whose scope covers its region.
    if (!job || (job.owner_id !== actor.userId && !(actor.kind === 'staff' && inScope(actor.scope, job.region_code))))
      throw new AppError('NOT_FOUND');
    return {
      id: job.id,
      kind: job.kind,
      status: job.status,
      progress: job.progress,
      total: job.total,
      result: job.result,
      error: job.error,
      createdAt: job.created_at.toISOString(),
      updatedAt: job.updated_at.toISOString(),
    };
  });

  registerRoute(app, contracts.uploadFile, async (_input, request) => {
    const actor = requireActor(request.actor);
    if (!request.isMultipart()) throw new AppError('MALFORMED_REQUEST', '请以 multipart/form-data 上传文件');
    const part = await request.file({ limits: { fileSize: files.maxBytes, files: 1 } });
    if (!part)
      throw new AppError('VALIDATION_FAILED', '请选择要上传的文件', {
        issues: [{ field: 'body.file', label: '文件', message: '请选择要上传的文件' }],
      });
    const row = await files.save(actor.userId, part.filename, part.file);
    return { id: row.id, name: row.name, size: row.size, mediaType: row.mediaType, createdAt: row.createdAt.toISOString() };
  });

  registerRoute(app, contracts.downloadFile, async ({ params }, request, reply) => {
    const { row, stream } = await files.open(requireActor(request.actor).userId, params.id);
    return reply
      .header('content-type', row.mediaType)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.name)}`)
      .header('cache-control', 'no-store')
      .send(stream);
  });
}
