import type { FastifyInstance } from 'fastify';
import * as contracts from '../../../shared/contracts/satisfaction-contracts';
import { requestMeta, requireActor } from '../../platform/request-context';
import { registerRoute } from '../../platform/routing';
import type { SatisfactionService } from './satisfaction.service';

/** The satisfaction survey: the trainee's own answer, an assisted answer, results and the evaluation feed. */
export function registerSatisfactionRoutes(app: FastifyInstance, satisfaction: SatisfactionService): void {
  registerRoute(app, contracts.listMySurveys, async (_input, request) => satisfaction.mySurveys(requireActor(request.actor)));

  registerRoute(app, contracts.getMySurvey, async ({ params }, request) => satisfaction.mySurvey(requireActor(request.actor), params.id));

  registerRoute(app, contracts.answerMySurvey, async ({ params, body }, request) =>
    satisfaction.answerMine(requireActor(request.actor), params.id, body, requestMeta(request)),
  );

  registerRoute(app, contracts.listAssistedRoster, async ({ params }, request) =>
    satisfaction.assistedRoster(requireActor(request.actor), params.id),
  );

  registerRoute(app, contracts.answerAssistedSurvey, async ({ params, body }, request) =>
    satisfaction.answerAssisted(requireActor(request.actor), params.id, params.enrolmentId, body, requestMeta(request)),
  );

  registerRoute(app, contracts.getClassSatisfaction, async ({ params }, request) =>
    satisfaction.classResults(requireActor(request.actor), params.id),
  );

  registerRoute(app, contracts.getSatisfactionSummary, async ({ query }, request) =>
    satisfaction.summary(requireActor(request.actor), query),
  );

  registerRoute(app, contracts.getAccreditationClassResults, async ({ params }, request) =>
    satisfaction.accreditationClassResults(requireActor(request.actor), params.id),
  );
}
