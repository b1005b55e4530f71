import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { fieldLabels } from '../../shared/contracts/contract';
import { AppError, type ErrorBody, type ErrorCode, errorCodes, type FieldIssue } from '../../shared/errors';
import type { AuditTrail } from './audit-trail';

interface ValidationIssue {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: { keys?: string[] };
}

function labelOf(path: string[]): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const label = fieldLabels[path[i]!];
    if (label) return label;
  }
  return path.join('.') || '请求';
}

/**
 * Turns zod issues from the type provider into field issues. Like every other FieldIssue, the
 * message is the bare message: the label travels beside it, and the web shows `label：message`.
 */
function fieldIssues(context: string, validation: ValidationIssue[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const v of validation) {
    const path = (v.instancePath ?? '').split('/').filter(Boolean);
    if (v.keyword === 'unrecognized_keys' && v.params?.keys) {
      for (const key of v.params.keys) {
        issues.push({ field: [context, ...path, key].join('.'), label: fieldLabels[key] ?? key, message: `不接受的字段“${key}”` });
      }
      continue;
    }
    issues.push({ field: [context, ...path].join('.'), label: labelOf(path), message: v.message ?? '格式不正确' });
  }
  return issues;
}

function fastifyErrorCode(error: FastifyError): ErrorCode | null {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
      return 'PAYLOAD_TOO_LARGE';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return 'MALFORMED_REQUEST';
    default:
      break;
  }
  if (error.statusCode === 429) return 'RATE_LIMITED';
  if (error instanceof SyntaxError || error.statusCode === 400) return 'MALFORMED_REQUEST';
  if (error.statusCode === 413) return 'PAYLOAD_TOO_LARGE';
  if (error.statusCode === 415) return 'MALFORMED_REQUEST';
  if (error.statusCode === 404) return 'ROUTE_NOT_FOUND';
  return null;
}

export function sendError(request: FastifyRequest, reply: FastifyReply, code: ErrorCode, message?: string, details?: ErrorBody['details']) {
  const body: ErrorBody = { code, message: message ?? errorCodes[code].message, requestId: request.id };
  if (details) body.details = details;
  return reply.status(errorCodes[code].status).header('cache-control', 'no-store').send(body);
}

/** The one error model: every failure leaves as `{code, message, details?, requestId}`. */
const auditedDenials = new Set<ErrorCode>(['FORBIDDEN', 'OUT_OF_SCOPE', 'CSRF_REJECTED']);

export function registerErrorHandler(app: FastifyInstance, audit: AuditTrail): void {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (auditedDenials.has(error.code)) {
        await audit.record({
          action: request.routeOptions.config.action ?? 'unknown',
          outcome: 'denied',
          actorId: request.actor?.userId ?? null,
          actorName: request.actor?.username ?? null,
          regionCode: request.actor?.regionCode ?? null,
          ip: request.ip,
          requestId: request.id,
          details: { code: error.code, method: request.method, route: request.routeOptions.url ?? null },
        });
      }
      if (errorCodes[error.code].status >= 500) request.log.error({ err: error }, 'application error');
      return sendError(request, reply, error.code, error.message, error.details);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = fieldIssues(error.validationContext ?? 'body', error.validation as ValidationIssue[]);
      const message = issues.map((i) => `${i.label}：${i.message}`).join('；');
      return sendError(request, reply, 'VALIDATION_FAILED', message || undefined, { issues });
    }
    const mapped = fastifyErrorCode(error);
    if (mapped) return sendError(request, reply, mapped);
    request.log.error({ err: error }, 'unhandled error');
    return sendError(request, reply, 'INTERNAL');
  });
}
