import { type FastifyReply, type FastifyRequest, type FastifyServerOptions, LogController } from 'fastify';
import { type DestinationStream, stdSerializers } from 'pino';
import type { Config } from '../config';

/**
 * Personal data never reaches the log: these paths are redacted wherever they appear.
 * Business facts belong in the audit trail.
 */
export const redactPaths = [
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.oneTimePassword',
  '*.idNumber',
  '*.certificateNumber',
  '*.phone',
  '*.name',
  '*.totpSecret',
  '*.secret',
];

/**
 * Errors as pino writes them, minus what a database error quotes of the data: PostgreSQL's
 * `detail` ("Failing row contains (…)") and `where` can carry a whole row, names and hashes included.
 */
export function serializeError(error: Error): ReturnType<typeof stdSerializers.err> {
  const serialized = stdSerializers.err(error);
  delete serialized.detail;
  delete serialized.where;
  return serialized;
}

export function loggerOptions(config: Config, stream?: DestinationStream): FastifyServerOptions['logger'] {
  return {
    level: config.LOG_LEVEL,
    redact: { paths: redactPaths, censor: '[已隐藏]' },
    serializers: { err: serializeError },
    ...(stream && { stream }),
  };
}

/**
 * One line per request, written when the answer has gone: Fastify's default writes an "incoming
 * request" line too, and every log line is a synchronous write on the request path. Errors and
 * the completed line (with status and response time) stay as Fastify writes them. The URL is
 * logged as received: numbers that identify a person travel in POST bodies, never in URLs.
 */
class CompletedOnlyLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

export function requestLogController(): LogController {
  return new CompletedOnlyLogController();
}
