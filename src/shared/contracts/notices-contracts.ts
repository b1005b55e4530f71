import { z } from 'zod';
import {
  isLookupCode,
  normaliseLookupCode,
  noticeKinds,
  noticeStatuses,
  OBJECTION_CONTENT_MAX,
  objectionDecisions,
  objectionStatuses,
} from '../domain/notice-rules';
import { defineContract, idParams, isoDateTime, pageOf, pageQuery } from './contract';

const regionCode = z.string().regex(/^\d{6}$/, '区域代码为 6 位数字');
const reason = z.string().trim().min(2, '请写明原因（至少 2 个字）').max(500, '原因不超过 500 字');

// ---------------------------------------------------------------- public site (no login)

export const publicSite = defineContract({
  method: 'GET',
  path: '/api/public/site',
  action: 'notices.public',
  tag: '公开信息',
  summary: '公开页面的基本信息：培训监督电话、公示期',
  response: z.object({ supervisionPhone: z.string(), noticeDays: z.number() }),
});

/** What the public reads about a notice: never personal data, never who objected. */
export const publicNotice = z.object({
  id: z.uuid(),
  kind: z.enum(noticeKinds),
  title: z.string(),
  summary: z.string(),
  regionName: z.string(),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  status: z.enum(noticeStatuses),
  /** the status in plain words, e.g. 公示中 / 有异议，处理中 / 公示期满，待生效 */
  statusLabel: z.string(),
  acceptsObjections: z.boolean(),
});
export type PublicNotice = z.infer<typeof publicNotice>;

export const listPublicNotices = defineContract({
  method: 'GET',
  path: '/api/public/notices',
  action: 'notices.public',
  tag: '公开信息',
  summary: '正在公示的机构、基地与培训项目',
  query: z.object({ kind: z.enum(noticeKinds).optional(), ...pageQuery }),
  response: pageOf(publicNotice),
});

export const getPublicNotice = defineContract({
  method: 'GET',
  path: '/api/public/notices/:id',
  action: 'notices.public',
  tag: '公开信息',
  summary: '一条公示的内容，附提交异议所需的表单凭据',
  params: idParams,
  response: publicNotice.extend({
    /** signed issue time of the objection form: the server checks a minimum fill time with it */
    formToken: z.string(),
  }),
});

export const objectionBody = z
  .object({
    content: z
      .string()
      .trim()
      .min(5, '请写明异议内容（至少 5 个字）')
      .max(OBJECTION_CONTENT_MAX, `异议内容不超过 ${OBJECTION_CONTENT_MAX} 字`),
    anonymous: z.boolean(),
    name: z.string().trim().max(50, '姓名不超过 50 字').optional(),
    contact: z.string().trim().max(100, '联系方式不超过 100 字').optional(),
    /** the line of a subsidy list the objection is about (subsidy lists only; the server checks it exists) */
    lineNo: z.number().int('行号为正整数').min(1, '行号为正整数').max(100000, '行号为正整数').optional(),
    /** honeypot: hidden from people, bots fill it in */
    website: z.string().max(200).optional(),
    formToken: z.string().min(1).max(200),
  })
  .superRefine((value, ctx) => {
    if (value.anonymous) return;
    if (!value.name) ctx.addIssue({ code: 'custom', path: ['name'], message: '实名提交时请填写姓名，或选择匿名提交' });
    if (!value.contact) ctx.addIssue({ code: 'custom', path: ['contact'], message: '实名提交时请填写联系方式，或选择匿名提交' });
  });
export type ObjectionBody = z.input<typeof objectionBody>;

export const fileObjection = defineContract({
  method: 'POST',
  path: '/api/public/notices/:id/objections',
  action: 'objections.file',
  tag: '公开信息',
  summary: '对公示提出异议（可匿名；按地址限频）',
  params: idParams,
  body: objectionBody,
  response: z.object({ lookupCode: z.string(), filedAt: isoDateTime, noticeTitle: z.string() }),
});

const lookupCode = z.string().trim().transform(normaliseLookupCode).refine(isLookupCode, '查询码为 12 位字母和数字，如 YJ7K-4MPQ-2WXA');

export const lookupObjection = defineContract({
  method: 'POST',
  path: '/api/public/objections/lookup',
  action: 'objections.lookup',
  tag: '公开信息',
  summary: '凭查询码查看异议处理情况',
  body: z.object({ lookupCode }),
  response: z.object({
    lookupCode: z.string(),
    status: z.enum(objectionStatuses),
    statusLabel: z.string(),
    filedAt: isoDateTime,
    decidedAt: isoDateTime.nullable(),
    /** the handling staff's reason, written to be read by the filer */
    decisionReason: z.string().nullable(),
    notice: z.object({ id: z.uuid(), title: z.string(), kind: z.enum(noticeKinds), statusLabel: z.string() }),
  }),
});

// ---------------------------------------------------------------- staff

export const noticeSummary = z.object({
  id: z.uuid(),
  kind: z.enum(noticeKinds),
  subjectId: z.uuid(),
  title: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  status: z.enum(noticeStatuses),
  settledAt: isoDateTime.nullable(),
  pendingObjections: z.number().int(),
  totalObjections: z.number().int(),
});
export type NoticeSummary = z.infer<typeof noticeSummary>;

export const listNotices = defineContract({
  method: 'GET',
  path: '/api/notices',
  action: 'notices.read',
  tag: '公示',
  summary: '本辖区的公示（按类型、状态、区域、公示期筛选）',
  query: z.object({
    kind: z.enum(noticeKinds).optional(),
    status: z.enum(noticeStatuses).optional(),
    regionCode: regionCode.optional(),
    /** notices whose period overlaps [from, to] */
    from: z.iso.date('日期格式为 YYYY-MM-DD').optional(),
    to: z.iso.date('日期格式为 YYYY-MM-DD').optional(),
    ...pageQuery,
  }),
  response: pageOf(noticeSummary),
});

export const staffObjection = z.object({
  id: z.uuid(),
  lookupCode: z.string(),
  anonymous: z.boolean(),
  filerName: z.string().nullable(),
  /** masked; staff reach the filer through the supervision channel */
  filerContact: z.object({ text: z.string(), spoken: z.string() }).nullable(),
  content: z.string(),
  /** the line of a subsidy list the objection names (null: the whole notice) */
  lineNo: z.number().int().nullable(),
  status: z.enum(objectionStatuses),
  decisionReason: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: isoDateTime.nullable(),
  filedAt: isoDateTime,
});
export type StaffObjection = z.infer<typeof staffObjection>;

export const noticeDetail = noticeSummary.extend({
  summary: z.string(),
  createdAt: isoDateTime,
  objections: z.array(staffObjection),
  /** whether this actor may decide objections and withdraw it */
  canHandle: z.boolean(),
});
export type NoticeDetail = z.infer<typeof noticeDetail>;

export const getNotice = defineContract({
  method: 'GET',
  path: '/api/notices/:id',
  action: 'notices.read',
  tag: '公示',
  summary: '一条公示及其异议',
  params: idParams,
  response: noticeDetail,
});

export const decideObjection = defineContract({
  method: 'POST',
  path: '/api/notices/:id/objections/:objectionId/decision',
  action: 'notices.handle',
  tag: '公示',
  summary: '处理异议：成立（公示事项不予通过）或不成立（写明理由）',
  params: z.object({ id: z.uuid(), objectionId: z.uuid() }),
  body: z.object({ decision: z.enum(objectionDecisions), reason }),
  response: noticeDetail,
});

export const withdrawNotice = defineContract({
  method: 'POST',
  path: '/api/notices/:id/withdraw',
  action: 'notices.handle',
  tag: '公示',
  summary: '撤回公示（写明原因）',
  params: idParams,
  body: z.object({ reason }),
  response: noticeDetail,
});
