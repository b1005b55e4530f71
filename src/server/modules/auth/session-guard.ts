import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actionAudience, can, isAction } from '../../../shared/domain/permissions';
import { AppError } from '../../../shared/errors';
import type { Config } from '../../config';
import type { AuthService, RequestMeta, ResolvedSession } from './auth.service';

declare module 'fastify' {
  interface FastifyRequest {
    resolvedSession: ResolvedSession | null;
  }
}

export interface SessionCookies {
  session: string;
  csrf: string;
  secure: boolean;
}

export function sessionCookies(config: Config): SessionCookies {
  // __Host- binds the cookie to this exact origin (no Domain, path /, Secure).
  return config.COOKIE_SECURE
    ? { session: '__Host-at_session', csrf: '__Host-at_csrf', secure: true }
    : { session: 'at_session', csrf: 'at_csrf', secure: false };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function requestMeta(request: FastifyRequest): RequestMeta {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null, requestId: request.id };
}

/** The CSRF token of the browser: double-submit of a __Host- cookie, made on first contact. */
export function ensureCsrfToken(request: FastifyRequest, reply: FastifyReply, cookies: SessionCookies): string {
  const existing = request.cookies[cookies.csrf];
  if (existing && /^[A-Za-z0-9_-]{32,64}$/.test(existing)) return existing;
  const token = randomBytes(24).toString('base64url');
  reply.setCookie(cookies.csrf, token, { path: '/', httpOnly: true, secure: cookies.secure, sameSite: 'strict' });
  return token;
}

export function setSessionCookie(reply: FastifyReply, cookies: SessionCookies, token: string): void {
  reply.setCookie(cookies.session, token, { path: '/', httpOnly: true, secure: cookies.secure, sameSite: 'strict' });
}

export function clearSessionCookie(reply: FastifyReply, cookies: SessionCookies): void {
  reply.clearCookie(cookies.session, { path: '/', httpOnly: true, secure: cookies.secure, sameSite: 'strict' });
}

/**
 * Decides every API request before its body is read: CSRF for state changes, the session behind
 * the cookie, and the permission matrix for the route's action.
 */
export function registerSessionGuard(app: FastifyInstance, auth: AuthService, cookies: SessionCookies): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('resolvedSession', null);

  app.addHook('onRequest', async (request) => {
    const action = request.routeOptions.config.action;
    if (action === undefined) return; // static files, the docs page, unknown routes
    if (!isAction(action)) throw new Error(`route ${request.routeOptions.url} names unknown action ${action}`);

    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      const cookie = request.cookies[cookies.csrf];
      if (typeof header !== 'string' || !cookie || !sameToken(header, cookie)) throw new AppError('CSRF_REJECTED');
    }

    const audience = actionAudience(action);
    const token = request.cookies[cookies.session];
    let resolved: ResolvedSession | null = null;
    if (token) {
      try {
        resolved = await auth.resolve(token, action !== 'auth.session');
      } catch (error) {
        // An expired cookie on a public route is simply no session.
        if (audience !== 'public') throw error;
      }
    }
    request.resolvedSession = resolved;
    if (audience === 'public') {
      request.actor = resolved?.session.stage === 'active' ? resolved.actor : null;
      return;
    }
    if (!resolved) throw new AppError('UNAUTHENTICATED');
    if (audience === 'step') return;
    if (resolved.session.stage !== 'active') throw new AppError('STEP_REQUIRED');
    request.actor = resolved.actor;
    if (!can(resolved.actor.roles, action)) throw new AppError('FORBIDDEN');
  });
}

export function requireSession(request: FastifyRequest): ResolvedSession {
  if (!request.resolvedSession) throw new AppError('UNAUTHENTICATED');
  return request.resolvedSession;
}
