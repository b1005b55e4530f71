import type { FastifyInstance } from 'fastify';
import * as contracts from '../../../shared/contracts/auth-contracts';
import { registerRoute } from '../../platform/routing';
import type { AuthService } from './auth.service';
import { clearSessionCookie, ensureCsrfToken, requestMeta, requireSession, type SessionCookies, setSessionCookie } from './session-guard';

export function registerAuthRoutes(app: FastifyInstance, auth: AuthService, cookies: SessionCookies): void {
  registerRoute(app, contracts.getSession, async (_input, request, reply) => {
    reply.header('cache-control', 'no-store');
    return auth.stateFor(request.resolvedSession, ensureCsrfToken(request, reply, cookies));
  });

  registerRoute(
    app,
    contracts.login,
    async ({ body }, request, reply) => {
      const previous = request.resolvedSession;
      if (previous) await auth.logout(previous, requestMeta(request));
      const { token, state } = await auth.login(body.username, body.password, requestMeta(request));
      setSessionCookie(reply, cookies, token);
      return { ...state, csrfToken: ensureCsrfToken(request, reply, cookies) };
    },
    { rateLimit: { max: 30, timeWindow: '1 minute' } },
  );

  registerRoute(app, contracts.verifyTotp, async ({ body }, request, reply) => ({
    ...(await auth.verifyTotp(requireSession(request), body.code, requestMeta(request))),
    csrfToken: ensureCsrfToken(request, reply, cookies),
  }));

  registerRoute(app, contracts.totpEnrolment, async (_input, request, reply) => {
    reply.header('cache-control', 'no-store');
    return auth.beginTotpEnrolment(requireSession(request));
  });

  registerRoute(app, contracts.confirmTotpEnrolment, async ({ body }, request, reply) => ({
    ...(await auth.confirmTotpEnrolment(requireSession(request), body.code, requestMeta(request))),
    csrfToken: ensureCsrfToken(request, reply, cookies),
  }));

  registerRoute(app, contracts.changePassword, async ({ body }, request, reply) => ({
    ...(await auth.changePassword(requireSession(request), body.currentPassword, body.newPassword, requestMeta(request))),
    csrfToken: ensureCsrfToken(request, reply, cookies),
  }));

  registerRoute(app, contracts.extendSession, async (_input, request, reply) => ({
    ...(await auth.extend(requireSession(request))),
    csrfToken: ensureCsrfToken(request, reply, cookies),
  }));

  registerRoute(app, contracts.setViewRegion, async ({ body }, request, reply) => ({
    ...(await auth.setViewRegion(requireSession(request), body.viewRegionCode)),
    csrfToken: ensureCsrfToken(request, reply, cookies),
  }));

  registerRoute(app, contracts.updatePreferences, async ({ body }, request, reply) => ({
    ...(await auth.setPreferences(requireSession(request), body.careMode)),
    csrfToken: ensureCsrfToken(request, reply, cookies),
  }));

  registerRoute(app, contracts.logout, async (_input, request, reply) => {
    await auth.logout(requireSession(request), requestMeta(request));
    clearSessionCookie(reply, cookies);
    return { ok: true as const };
  });
}
