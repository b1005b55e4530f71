import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

/** The body of a 200 answer. */
export function okBody<T>(res: LightMyRequestResponse): T {
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
}

/** The field issues of an error answer (by default 400 VALIDATION_FAILED), as `field → message`. */
export function issuesOf(res: LightMyRequestResponse, status = 400, code = 'VALIDATION_FAILED'): Record<string, string> {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json() as { code: string; details?: { issues?: { field: string; message: string }[] } };
  expect(body.code).toBe(code);
  return Object.fromEntries((body.details?.issues ?? []).map((i) => [i.field, i.message]));
}
