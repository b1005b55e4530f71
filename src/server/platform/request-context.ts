import type { FastifyRequest } from 'fastify';
import type { Actor } from './actor';

declare module 'fastify' {
  interface FastifyRequest {
    /** the signed-in account, resolved from the session cookie; null when there is none */
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** the permission-matrix action of the route (set by registerRoute) */
    action?: string;
  }
}

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new Error('route reached without an actor: the session guard should have refused it');
  return actor;
}

/** Who asked, for the audit trail. */
export interface RequestMeta {
  requestId: string;
  ip: string;
}

export function requestMeta(request: FastifyRequest): RequestMeta {
  return { requestId: request.id, ip: request.ip };
}
