import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as contracts from '../../../shared/contracts/attendance-contracts';
import { requestMeta, requireActor } from '../../platform/request-context';
import { registerRoute } from '../../platform/routing';
import type { AttendanceService } from './attendance.service';

/** The origin the trainee's phone reaches this server at, when PUBLIC_BASE_URL is not configured. */
function requestOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/** Attendance evidence: the class's overview, roster marking, QR codes and the trainee's scan. */
export function registerAttendanceRoutes(app: FastifyInstance, attendance: AttendanceService): void {
  registerRoute(app, contracts.getClassAttendance, async ({ params }, request) =>
    attendance.classAttendance(requireActor(request.actor), params.id),
  );

  registerRoute(app, contracts.getSessionAttendance, async ({ params }, request) =>
    attendance.sessionAttendance(requireActor(request.actor), params.id, params.sessionId),
  );

  registerRoute(app, contracts.markSessionAttendance, async ({ params, body }, request) =>
    attendance.markSession(requireActor(request.actor), params.id, params.sessionId, body, requestMeta(request)),
  );

  registerRoute(app, contracts.issueQrToken, async ({ params, body }, request) =>
    attendance.issueQrToken(requireActor(request.actor), params.id, params.sessionId, body.direction, requestOrigin(request)),
  );

  registerRoute(app, contracts.previewScan, async ({ params }, request) =>
    attendance.previewScan(requireActor(request.actor), params.token),
  );

  registerRoute(app, contracts.confirmScan, async ({ body }, request) =>
    attendance.confirmScan(requireActor(request.actor), body, requestMeta(request)),
  );
}
