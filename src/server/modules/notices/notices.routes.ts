import type { FastifyInstance } from 'fastify';
import * as contracts from '../../../shared/contracts/notices-contracts';
import type { Config } from '../../config';
import { requestMeta, requireActor } from '../../platform/request-context';
import { registerRoute } from '../../platform/routing';
import type { NoticesService } from './notices.service';

/**
 * Public notice. The /api/public/* routes need no session and answer nothing personal (titles,
 * summaries, periods, an objection's outcome by its code); the staff routes are region-scoped.
 */
export function registerNoticesRoutes(app: FastifyInstance, notices: NoticesService, config: Config): void {
  registerRoute(app, contracts.publicSite, async (_input, _request, reply) => {
    reply.header('cache-control', 'public, max-age=300');
    return notices.site(config.SUPERVISION_PHONE);
  });

  registerRoute(app, contracts.listPublicNotices, async ({ query }) => notices.listPublic(query));

  registerRoute(app, contracts.getPublicNotice, async ({ params }) => notices.getPublic(params.id));

  // no CAPTCHA (it shuts out blind filers): a per-address limit, a honeypot and a minimum fill time
  registerRoute(
    app,
    contracts.fileObjection,
    async ({ params, body }, request) => notices.fileObjection(params.id, body, requestMeta(request)),
    {
      rateLimit: { max: config.OBJECTION_MAX_PER_HOUR, timeWindow: '1 hour' },
    },
  );

  // codes are long and random; the limit keeps anyone from walking them
  registerRoute(app, contracts.lookupObjection, async ({ body }) => notices.lookup(body.lookupCode), {
    rateLimit: { max: 30, timeWindow: '1 minute' },
  });

  registerRoute(app, contracts.listNotices, async ({ query }, request) => notices.list(requireActor(request.actor), query));

  registerRoute(app, contracts.getNotice, async ({ params }, request) => notices.get(requireActor(request.actor), params.id));

  registerRoute(app, contracts.decideObjection, async ({ params, body }, request) =>
    notices.decide(requireActor(request.actor), params.id, params.objectionId, body, requestMeta(request)),
  );

  registerRoute(app, contracts.withdrawNotice, async ({ params, body }, request) =>
    notices.withdraw(requireActor(request.actor), params.id, body.reason, requestMeta(request)),
  );
}
