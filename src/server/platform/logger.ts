import type { FastifyServerOptions } from 'fastify';
import type { DestinationStream } from 'pino';
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

export function loggerOptions(config: Config, stream?: DestinationStream): FastifyServerOptions['logger'] {
  return {
    level: config.LOG_LEVEL,
    redact: { paths: redactPaths, censor: '[已隐藏]' },
    ...(stream && { stream }),
  };
}
