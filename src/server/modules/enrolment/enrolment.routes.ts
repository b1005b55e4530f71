import type { FastifyInstance } from 'fastify';
import * as contracts from '../../../shared/contracts/enrolment-contracts';
import { requestMeta, requireActor } from '../../platform/request-context';
import { registerRoute } from '../../platform/routing';
import type { EnrolmentService } from './enrolment.service';

/** Rosters, enrolment, the trainee's own classes and a person's training history. */
export function registerEnrolmentRoutes(app: FastifyInstance, enrolment: EnrolmentService): void {
  registerRoute(app, contracts.getRoster, async ({ params }, request) => enrolment.roster(requireActor(request.actor), params.id));

  registerRoute(app, contracts.enrol, async ({ params, body }, request) =>
    enrolment.enrol(requireActor(request.actor), params.id, body, requestMeta(request)),
  );

  registerRoute(app, contracts.acceptEnrolment, async ({ params }, request) =>
    enrolment.accept(requireActor(request.actor), params.id, params.enrolmentId, requestMeta(request)),
  );

  registerRoute(app, contracts.declineEnrolment, async ({ params, body }, request) =>
    enrolment.decline(requireActor(request.actor), params.id, params.enrolmentId, body.reason, requestMeta(request)),
  );

  registerRoute(app, contracts.withdrawEnrolment, async ({ params, body }, request) =>
    enrolment.withdraw(requireActor(request.actor), params.id, params.enrolmentId, body.reason, requestMeta(request)),
  );

  registerRoute(app, contracts.listMyClasses, async (_input, request) => enrolment.myClasses(requireActor(request.actor)));

  registerRoute(app, contracts.listOpenClasses, async ({ query }, request) => enrolment.openClasses(requireActor(request.actor), query));

  registerRoute(app, contracts.applyForClass, async ({ params }, request) =>
    enrolment.apply(requireActor(request.actor), params.id, requestMeta(request)),
  );

  registerRoute(app, contracts.getTrainingHistory, async ({ params }, request) =>
    enrolment.trainingHistory(requireActor(request.actor), params.id),
  );
}
