import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { isAction } from '../../shared/domain/permissions';

/**
 * The OpenAPI document is generated from the route contracts and served at /api/openapi.json,
 * with a docs page at /api/docs. Every /api route must name a permission-matrix action: a
 * route without one fails the start, not just a test.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  app.addHook('onRoute', (route) => {
    const url = route.url ?? '';
    if (!url.startsWith('/api/') || url.startsWith('/api/docs')) return;
    const action = route.config?.action;
    if (typeof action !== 'string' || !isAction(action)) {
      throw new Error(`route ${route.method} ${url} has no entry in the permission matrix`);
    }
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'AbleTrain 残疾人职业技能培训管理服务平台 API', version: '0.1.0' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: '__Host-at_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  app.get('/api/openapi.json', { schema: { hide: true }, config: { action: 'health.read' } }, async () => app.swagger());
}
