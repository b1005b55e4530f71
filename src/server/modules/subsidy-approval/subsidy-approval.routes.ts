import type { FastifyInstance } from 'fastify';
import * as contracts from '../../../shared/contracts/subsidy-approval-contracts';
import { requestMeta, requireActor } from '../../platform/request-context';
import { registerRoute } from '../../platform/routing';
import type { SubsidyApprovalService } from './subsidy-approval.service';

/** Subsidy lists on public notice, held claims, and the approval chain county → city → finance. */
export function registerSubsidyApprovalRoutes(app: FastifyInstance, approval: SubsidyApprovalService): void {
  registerRoute(app, contracts.listNoticeCandidates, async ({ query }, request) => approval.candidates(requireActor(request.actor), query));

  registerRoute(app, contracts.putOnNotice, async ({ body }, request) =>
    approval.putOnNotice(requireActor(request.actor), body, requestMeta(request)),
  );

  registerRoute(app, contracts.listNoticeLists, async ({ query }, request) => approval.lists(requireActor(request.actor), query));

  registerRoute(app, contracts.listHeldClaims, async ({ query }, request) => approval.held(requireActor(request.actor), query));

  registerRoute(app, contracts.releaseHeldClaim, async ({ params, body }, request) =>
    approval.decideHeld(requireActor(request.actor), params.id, 'release', body.comment, requestMeta(request)),
  );

  registerRoute(app, contracts.rejectHeldClaim, async ({ params, body }, request) =>
    approval.decideHeld(requireActor(request.actor), params.id, 'reject', body.comment, requestMeta(request)),
  );

  // public, no session: masked names only; the list is a public record while it is on notice and after
  registerRoute(app, contracts.publicNoticeLines, async ({ params }) => approval.publicLines(params.noticeId));

  registerRoute(app, contracts.reviewQueue, async ({ query }, request) => approval.queue(requireActor(request.actor), query));

  registerRoute(app, contracts.reviewFunds, async ({ query }, request) => approval.funds(requireActor(request.actor), query));

  registerRoute(app, contracts.approveClaims, async ({ body }, request) =>
    approval.decide(requireActor(request.actor), 'approve', body, requestMeta(request)),
  );

  registerRoute(app, contracts.returnClaims, async ({ body }, request) =>
    approval.decide(requireActor(request.actor), 'return', body, requestMeta(request)),
  );

  registerRoute(app, contracts.rejectClaims, async ({ body }, request) =>
    approval.decide(requireActor(request.actor), 'reject', body, requestMeta(request)),
  );
}
