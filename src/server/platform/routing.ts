import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Contract, ContractResponse } from '../../shared/contracts/contract';

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteInput<C extends Contract> {
  params: C extends Contract<infer P, infer _Q, infer _B, infer _R> ? Out<P> : never;
  query: C extends Contract<infer _P, infer Q, infer _B, infer _R> ? Out<Q> : never;
  body: C extends Contract<infer _P, infer _Q, infer B, infer _R> ? Out<B> : never;
}

export type RouteHandler<C extends Contract> = (
  input: RouteInput<C>,
  request: FastifyRequest,
  reply: FastifyReply,
) => Promise<ContractResponse<C> | FastifyReply>;

/**
 * Registers one contract as a route: its schemas validate the request and whitelist the
 * response, its action goes into the route config for the session guard and into the OpenAPI
 * operation (`x-action`) for the route-coverage test.
 */
export interface RouteOptions {
  /** per-route limit of @fastify/rate-limit, e.g. for the login */
  rateLimit?: { max: number; timeWindow: string | number };
}

export function registerRoute<C extends Contract>(
  app: FastifyInstance,
  contract: C,
  handler: RouteHandler<C>,
  options: RouteOptions = {},
): void {
  const schema: Record<string, unknown> = {
    summary: contract.summary,
    tags: [contract.tag],
    'x-action': contract.action,
  };
  if (contract.params) schema.params = contract.params;
  if (contract.query) schema.querystring = contract.query;
  if (contract.body) schema.body = contract.body;
  if (!contract.download) schema.response = { 200: contract.response };
  if (contract.multipart) schema.consumes = ['multipart/form-data'];

  app.withTypeProvider<ZodTypeProvider>().route({
    method: contract.method,
    url: contract.path,
    schema,
    config: { action: contract.action, ...(options.rateLimit && { rateLimit: options.rateLimit }) },
    handler: async (request, reply) => {
      const input = { params: request.params, query: request.query, body: request.body } as RouteInput<C>;
      return handler(input, request, reply);
    },
  });
}
