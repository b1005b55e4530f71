import type { FastifyInstance } from 'fastify';
import { home } from '../../../shared/contracts/platform-contracts';
import { requireActor } from '../../platform/request-context';
import { registerRoute } from '../../platform/routing';
import type { HomeService } from './home.service';

export function registerHomeRoutes(app: FastifyInstance, service: HomeService): void {
  registerRoute(app, home, async (_input, request) => service.home(requireActor(request.actor)));
}
