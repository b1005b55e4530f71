import type { FastifyInstance } from 'fastify';
import { listRegions } from '../../../shared/contracts/regions-contracts';
import { registerRoute } from '../../platform/routing';
import type { RegionsService } from './regions.service';

export function registerRegionsRoutes(app: FastifyInstance, regions: RegionsService): void {
  registerRoute(app, listRegions, async (_input, _request, reply) => {
    reply.header('cache-control', 'public, max-age=3600');
    return { province: regions.tree() };
  });
}
