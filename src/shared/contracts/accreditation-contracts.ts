import { z } from 'zod';
import {
  accreditationStatuses,
  accreditationTiers,
  baseKinds,
  evaluationOutcomes,
  plaqueNumberPattern,
  staffCommands,
} from '../domain/accreditation';
import { regionLevels } from '../domain/regions';
import { defineContract, idParams, isoDateTime, pageOf, pageQuery } from './contract';

const tag = '基地挂牌认定';
const regionCode = z.string().regex(/^\d{6}$/, '区域代码为 6 位数字');
const isoDate = z.iso.date('日期格式为 YYYY-MM-DD');
const reason = z.string().trim().min(2, '请填写原因（至少 2 个字）').max(500, '原因最多 500 个字');
/** files uploaded through POST /api/files by the same account */
const documentIds = z.array(z.uuid('附件编号不正确')).max(10, '最多附 10 个文件').default([]);
const occupations = z
  .array(z.string().trim().min(1, '职业（工种）名称不能为空').max(40, '每个职业（工种）名称最多 40 个字'))
  .max(30, '最多填写 30 个职业（工种）')
  .refine((list) => new Set(list).size === list.length, '职业（工种）不能重复');

export const attachedFile = z.object({ fileId: z.uuid(), name: z.string() });

// ---------------------------------------------------------------------------------------------
// public list (no login)

export const publicBase = z.object({
  id: z.uuid(),
  baseName: z.string(),
  institutionName: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  cityName: z.string(),
  baseKind: z.enum(baseKinds),
  tier: z.enum(accreditationTiers),
  plaqueNo: z.string(),
  occupations: z.array(z.string()),
  termStart: z.string(),
  termEnd: z.string(),
});
export type PublicBase = z.infer<typeof publicBase>;

export const listPublicBases = defineContract({
  method: 'GET',
  path: '/api/public/bases',
  action: 'bases.public',
  tag,
  summary: '已挂牌的残疾人职业培训基地（公开，无需登录）',
  query: z.object({
    ...pageQuery,
    pageSize: z.coerce.number().int().min(1).max(100).default(50),
    regionCode: regionCode.optional(),
    baseKind: z.enum(baseKinds).optional(),
  }),
  response: pageOf(publicBase),
});

// ---------------------------------------------------------------------------------------------
// accreditations

export const accreditationSummary = z.object({
  id: z.uuid(),
  institutionId: z.uuid(),
  institutionName: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  baseName: z.string(),
  baseKind: z.enum(baseKinds),
  requestedTier: z.enum(accreditationTiers),
  tier: z.enum(accreditationTiers).nullable(),
  grantingRegionCode: z.string(),
  grantingRegionName: z.string(),
  plaqueNo: z.string().nullable(),
  termStart: z.string().nullable(),
  termEnd: z.string().nullable(),
  status: z.enum(accreditationStatuses),
  appliedAt: isoDateTime,
  lastEvaluatedOn: z.string().nullable(),
  updatedAt: isoDateTime,
});
export type AccreditationSummary = z.infer<typeof accreditationSummary>;

export const accreditationEvent = z.object({
  id: z.uuid(),
  command: z.string(),
  fromStatus: z.enum(accreditationStatuses).nullable(),
  toStatus: z.enum(accreditationStatuses),
  fromTier: z.enum(accreditationTiers).nullable(),
  toTier: z.enum(accreditationTiers).nullable(),
  reason: z.string().nullable(),
  documents: z.array(attachedFile),
  details: z.record(z.string(), z.unknown()),
  actorName: z.string().nullable(),
  occurredAt: isoDateTime,
});
export type AccreditationEvent = z.infer<typeof accreditationEvent>;

export const baseEvaluation = z.object({
  id: z.uuid(),
  sheetVersion: z.number().int(),
  evaluatedOn: z.string(),
  scores: z.record(z.string(), z.number()),
  total: z.number(),
  suggestion: z.enum(evaluationOutcomes),
  decision: z.enum(evaluationOutcomes),
  reason: z.string(),
  documents: z.array(attachedFile),
});
export type BaseEvaluation = z.infer<typeof baseEvaluation>;

export const accreditationDetail = accreditationSummary.extend({
  occupations: z.array(z.string()),
  applicationNote: z.string().nullable(),
  documents: z.array(attachedFile),
  accreditedOn: z.string().nullable(),
  version: z.number().int(),
  /** the staff commands this account may take now (the same rule the server enforces) */
  allowedCommands: z.array(z.enum(staffCommands)),
  /** the notice while the accreditation (or its promotion) is on notice */
  noticeEndsAt: isoDateTime.nullable(),
  /** a promotion on public notice (晋级公示中): what takes effect when the notice ends clean */
  pendingPromotion: z
    .object({
      tier: z.enum(accreditationTiers),
      plaqueNo: z.string(),
      termStart: z.string(),
      termEnd: z.string(),
      grantingRegionCode: z.string(),
      grantingRegionName: z.string(),
    })
    .nullable(),
  events: z.array(accreditationEvent),
  evaluations: z.array(baseEvaluation),
});
export type AccreditationDetail = z.infer<typeof accreditationDetail>;

export const accreditationListQuery = z.object({
  ...pageQuery,
  regionCode: regionCode.optional(),
  status: z.enum(accreditationStatuses).optional(),
  tier: z.enum(accreditationTiers).optional(),
  baseKind: z.enum(baseKinds).optional(),
  q: z.string().trim().max(40).optional(),
});
export type AccreditationListQuery = z.input<typeof accreditationListQuery>;

export const listAccreditations = defineContract({
  method: 'GET',
  path: '/api/accreditations',
  action: 'accreditation.read',
  tag,
  summary: '基地挂牌申请与认定（按管辖区域；培训机构只见本机构）',
  query: accreditationListQuery,
  response: pageOf(accreditationSummary),
});

export const getAccreditation = defineContract({
  method: 'GET',
  path: '/api/accreditations/:id',
  action: 'accreditation.read',
  tag,
  summary: '挂牌认定详情、全部历史与评估记录',
  params: idParams,
  response: accreditationDetail,
});

export const downloadAccreditationDocument = defineContract({
  method: 'GET',
  path: '/api/accreditations/:id/documents/:fileId',
  action: 'accreditation.read',
  tag,
  summary: '下载挂牌申请或办理步骤所附的材料（须能查看该挂牌记录）',
  params: z.object({ id: z.uuid(), fileId: z.uuid() }),
  download: true,
  response: z.any(),
});

export const applyInput = z.strictObject({
  baseName: z.string().trim().min(4, '请填写基地名称（至少 4 个字）').max(100, '基地名称最多 100 个字'),
  baseKind: z.enum(baseKinds),
  occupations: occupations.refine((list) => list.length > 0, '请至少填写一个培训职业（工种）'),
  requestedTier: z.enum(['county', 'city', 'province']),
  note: z.string().trim().max(1000, '申请说明最多 1000 个字').nullable().default(null),
  documentIds,
});
export type ApplyInput = z.input<typeof applyInput>;

export const applyForAccreditation = defineContract({
  method: 'POST',
  path: '/api/accreditations',
  action: 'accreditation.apply',
  tag,
  summary: '培训机构提交基地挂牌申请（附申请材料）',
  body: applyInput,
  response: accreditationDetail,
});

const plaqueNo = z.string().trim().regex(plaqueNumberPattern, '牌匾编号为 3–40 位汉字、字母、数字或连字符');

export const accreditInput = z.strictObject({
  tier: z.enum(accreditationTiers),
  plaqueNo,
  termStart: isoDate,
  termEnd: isoDate,
  reason: z.string().trim().max(500, '审核意见最多 500 个字').nullable().default(null),
  documentIds,
  version: z.number().int().min(1),
});
export type AccreditInput = z.input<typeof accreditInput>;

export const accredit = defineContract({
  method: 'POST',
  path: '/api/accreditations/:id/accredit',
  action: 'accreditation.review',
  tag,
  summary: '审核通过：按本级权限认定级别、牌匾编号和有效期，并进入公示',
  params: idParams,
  body: accreditInput,
  response: accreditationDetail,
});

export const renewInput = z.strictObject({ termEnd: isoDate, reason, documentIds, version: z.number().int().min(1) });

export const renewAccreditation = defineContract({
  method: 'POST',
  path: '/api/accreditations/:id/renew',
  action: 'accreditation.review',
  tag,
  summary: '续期：延长有效期',
  params: idParams,
  body: renewInput,
  response: accreditationDetail,
});

export const downgradeInput = z.strictObject({ tier: z.enum(accreditationTiers), reason, documentIds, version: z.number().int().min(1) });

export const downgradeAccreditation = defineContract({
  method: 'POST',
  path: '/api/accreditations/:id/downgrade',
  action: 'accreditation.review',
  tag,
  summary: '降级：降至较低级别（此后由该级别区域管理）',
  params: idParams,
  body: downgradeInput,
  response: accreditationDetail,
});

export const promoteInput = z.strictObject({
  /** the tier the base is promoted to: the next tier up, the promoting reviewer's own */
  tier: z.enum(accreditationTiers),
  plaqueNo,
  termStart: isoDate,
  termEnd: isoDate,
  reason,
  documentIds,
  version: z.number().int().min(1),
});
export type PromoteInput = z.input<typeof promoteInput>;

export const promoteAccreditation = defineContract({
  method: 'POST',
  path: '/api/accreditations/:id/promote',
  action: 'accreditation.review',
  tag,
  summary: '晋级：上一级审核机关将已挂牌基地晋升为本级基地（新牌匾编号和有效期），公示期满无异议后生效，此后由本级管理',
  params: idParams,
  body: promoteInput,
  response: accreditationDetail,
});

export const decisionCommands = ['reject', 'suspend', 'reinstate', 'revoke'] as const;
export const decisionInput = z.strictObject({ command: z.enum(decisionCommands), reason, documentIds, version: z.number().int().min(1) });

export const decideAccreditation = defineContract({
  method: 'POST',
  path: '/api/accreditations/:id/decision',
  action: 'accreditation.review',
  tag,
  summary: '不予挂牌、暂停、恢复或摘牌（须说明原因）',
  params: idParams,
  body: decisionInput,
  response: accreditationDetail,
});

export const evaluationInput = z.strictObject({
  evaluatedOn: isoDate,
  sheetVersion: z.number().int().min(1),
  scores: z.record(z.string().max(40), z.number('得分须为数字')),
  decision: z.enum(evaluationOutcomes),
  /** the tier a downgrade goes to (default: the next lower tier) */
  downgradeTo: z.enum(accreditationTiers).nullable().default(null),
  reason,
  documentIds,
  version: z.number().int().min(1),
});
export type EvaluationInput = z.input<typeof evaluationInput>;

export const evaluateAccreditation = defineContract({
  method: 'POST',
  path: '/api/accreditations/:id/evaluations',
  action: 'accreditation.evaluate',
  tag,
  summary: '定期评估：按评分表打分，记录结论（保留、降级、暂停、摘牌）',
  params: idParams,
  body: evaluationInput,
  response: accreditationDetail,
});

// ---------------------------------------------------------------------------------------------
// score sheet

export const scoreSheet = z.object({
  version: z.number().int(),
  items: z.array(z.object({ key: z.string(), label: z.string(), maxScore: z.number() })),
  thresholds: z.object({ keepMin: z.number(), downgradeMin: z.number(), suspendMin: z.number() }),
  maxTotal: z.number(),
  createdAt: isoDateTime,
});
export type ScoreSheetView = z.infer<typeof scoreSheet>;

export const getEvaluationSheet = defineContract({
  method: 'GET',
  path: '/api/evaluation-sheet',
  action: 'accreditation.read',
  tag,
  summary: '现行基地评估评分表',
  response: scoreSheet,
});

const score = z.number('分数须为数字').min(0, '分数不能为负数').max(1000, '分数不能超过 1000');
export const scoreSheetInput = z.strictObject({
  items: z
    .array(
      z.strictObject({
        key: z
          .string()
          .trim()
          .regex(/^[a-z][a-z0-9_]{1,39}$/, '评分项代码为小写字母开头的字母、数字或下划线'),
        label: z.string().trim().min(2, '请填写评分项名称').max(40, '评分项名称最多 40 个字'),
        maxScore: score.refine((v) => v > 0, '满分须大于 0'),
      }),
    )
    .min(1, '评分表至少要有一个评分项')
    .max(30, '最多 30 个评分项'),
  thresholds: z.strictObject({ keepMin: score, downgradeMin: score, suspendMin: score }),
  /** the version the editor started from: a newer one published meanwhile is a conflict */
  baseVersion: z.number().int().min(1),
});
export type ScoreSheetInput = z.input<typeof scoreSheetInput>;

export const publishEvaluationSheet = defineContract({
  method: 'PUT',
  path: '/api/evaluation-sheet',
  action: 'evaluation_sheet.manage',
  tag,
  summary: '发布新版评分表（省级；已有评估保留所用版本）',
  body: scoreSheetInput,
  response: scoreSheet,
});

// ---------------------------------------------------------------------------------------------
// reminders

export const reminderItem = accreditationSummary.extend({ dueOn: z.string(), daysLeft: z.number().int() });

export const listReminders = defineContract({
  method: 'GET',
  path: '/api/accreditations/reminders',
  action: 'accreditation.read',
  tag,
  summary: '提醒：有效期即将届满、定期评估到期',
  query: z.object({ withinDays: z.coerce.number().int().min(1).max(730).optional() }),
  response: z.object({
    withinDays: z.number().int(),
    evaluationIntervalMonths: z.number().int(),
    termsEnding: z.array(reminderItem),
    evaluationsDue: z.array(reminderItem),
  }),
});

// ---------------------------------------------------------------------------------------------
// county coverage and map

export const coverageUnit = z.object({
  code: z.string(),
  name: z.string(),
  cityCode: z.string(),
  cityName: z.string(),
  activeBases: z.number().int(),
  covered: z.boolean(),
  /** whether the county map has a shape for this unit (兰州新区 and 甘肃矿区 have none) */
  onMap: z.boolean(),
});
export type CoverageUnit = z.infer<typeof coverageUnit>;

export const getCoverage = defineContract({
  method: 'GET',
  path: '/api/coverage',
  action: 'coverage.read',
  tag: '基地县区覆盖',
  summary: '每个县级单位的在册挂牌基地数；无基地的单位标出（目标：每县至少 1 家）',
  query: z.object({ cityCode: regionCode.optional() }),
  response: z.object({
    asOf: z.string(),
    rootCode: z.string(),
    rootName: z.string(),
    rootLevel: z.enum(regionLevels),
    covered: z.number().int(),
    total: z.number().int(),
    cities: z.array(z.object({ code: z.string(), name: z.string(), covered: z.number().int(), total: z.number().int() })),
    units: z.array(coverageUnit),
  }),
});

export const countyMap = z.object({
  provinceCode: z.string(),
  source: z.string(),
  viewBox: z.string(),
  counties: z.array(z.object({ code: z.string(), name: z.string(), path: z.string(), label: z.tuple([z.number(), z.number()]) })),
});
export type CountyMapData = z.infer<typeof countyMap>;

export const getCountyMap = defineContract({
  method: 'GET',
  path: '/api/coverage/map',
  action: 'regions.read',
  tag: '基地县区覆盖',
  summary: '本省县区地图（简化的 SVG 路径，可缓存）',
  response: countyMap,
});
