import { z } from 'zod';
import { defineContract, pageOf, pageQuery } from './contract';

export const auditOutcomes = ['success', 'failure', 'denied'] as const;
export const auditOutcomeLabels: Record<(typeof auditOutcomes)[number], string> = {
  success: '成功',
  failure: '失败',
  denied: '拒绝',
};

export const auditEntry = z.object({
  seq: z.number().int(),
  occurredAt: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  regionCode: z.string().nullable(),
  action: z.string(),
  outcome: z.enum(auditOutcomes),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const searchAudit = defineContract({
  method: 'GET',
  path: '/api/audit',
  action: 'audit.read',
  tag: '审计',
  summary: '检索审计日志',
  query: z.object({
    ...pageQuery,
    from: z.string().date('日期格式为 YYYY-MM-DD').optional(),
    to: z.string().date('日期格式为 YYYY-MM-DD').optional(),
    action: z.string().trim().max(64).optional(),
    outcome: z.enum(auditOutcomes).optional(),
    q: z.string().trim().max(64).optional(),
  }),
  response: pageOf(auditEntry),
});

export const verifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).nullable(),
  verifiedAt: z.string(),
});
export type VerifyResult = z.infer<typeof verifyResult>;

export const verifyAudit = defineContract({
  method: 'POST',
  path: '/api/audit/verify',
  action: 'audit.verify',
  tag: '审计',
  summary: '校验审计日志哈希链',
  body: z.strictObject({}),
  response: verifyResult,
});
