import { z } from 'zod';
import { classTrainingTypes } from '../domain/class-codes';
import { classStatuses } from '../domain/class-status';
import { inspectionCommands, inspectionConclusions, inspectionKinds, inspectionStatuses } from '../domain/inspection-status';
import { defineContract, idParams, isoDateTime, pageOf, pageQuery } from './contract';

const tag = '过程检查';
const isoDate = z.iso.date('日期格式为 YYYY-MM-DD');
const version = z.number().int().min(1);
/** files uploaded through POST /api/files by the same account */
const fileIds = (label: string) =>
  z
    .array(z.uuid(`${label}编号不正确`))
    .max(10, `最多附 10 个${label}`)
    .default([]);
const text = (label: string, max: number) => z.string().trim().min(2, `请填写${label}（至少 2 个字）`).max(max, `${label}最多 ${max} 个字`);

export const inspectionFile = z.object({ fileId: z.uuid(), name: z.string() });
export type InspectionFile = z.infer<typeof inspectionFile>;

export const inspectionSummary = z.object({
  id: z.uuid(),
  classId: z.uuid(),
  classNo: z.string(),
  className: z.string(),
  classStatus: z.enum(classStatuses),
  institutionName: z.string(),
  countyCode: z.string(),
  kind: z.enum(inspectionKinds),
  drawId: z.uuid().nullable(),
  plannedOn: z.string(),
  inspectedOn: z.string().nullable(),
  status: z.enum(inspectionStatuses),
  rectificationDueOn: z.string().nullable(),
  rectificationOverdue: z.boolean(),
  version: z.number().int(),
});
export type InspectionSummary = z.infer<typeof inspectionSummary>;

export const inspectionDetail = inspectionSummary.extend({
  findings: z.string().nullable(),
  photos: z.array(inspectionFile),
  rectificationRequest: z.string().nullable(),
  rectificationReply: z.string().nullable(),
  rectificationDocuments: z.array(inspectionFile),
  rectificationRepliedAt: isoDateTime.nullable(),
  closingComment: z.string().nullable(),
  closedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  /** what the viewer may do next (the server decides again on every request) */
  allowedCommands: z.array(z.enum(inspectionCommands)),
});
export type InspectionDetail = z.infer<typeof inspectionDetail>;

// ---------------------------------------------------------------------------------------------
// lists

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const inspectionListQuery = z.object({
  ...pageQuery,
  status: z.enum(inspectionStatuses).optional(),
  inspectionKind: z.enum(inspectionKinds).optional(),
  classId: z.uuid('培训班编号不正确').optional(),
  drawId: z.uuid('抽查批次编号不正确').optional(),
  rectificationOverdue: booleanQuery.optional(),
});

export const listInspections = defineContract({
  method: 'GET',
  path: '/api/inspections',
  action: 'inspections.read',
  tag,
  summary: '过程检查列表（本辖区；培训机构只看本机构的培训班）',
  query: inspectionListQuery,
  response: pageOf(inspectionSummary),
});

export const listClassInspections = defineContract({
  method: 'GET',
  path: '/api/classes/:id/inspections',
  action: 'inspections.read',
  tag,
  summary: '一个培训班的过程检查',
  params: idParams,
  response: z.object({ items: z.array(inspectionDetail) }),
});

export const getInspection = defineContract({
  method: 'GET',
  path: '/api/inspections/:id',
  action: 'inspections.read',
  tag,
  summary: '过程检查详情',
  params: idParams,
  response: inspectionDetail,
});

export const downloadInspectionFile = defineContract({
  method: 'GET',
  path: '/api/inspections/:id/files/:fileId',
  action: 'inspections.read',
  tag,
  summary: '下载检查照片或整改材料',
  params: z.object({ id: z.uuid(), fileId: z.uuid() }),
  download: true,
  response: z.any(),
});

// ---------------------------------------------------------------------------------------------
// random draw (随机抽查)

export const drawInput = z.strictObject({
  sampleSize: z.number().int('抽取数量须为整数').min(1, '至少抽取 1 个培训班').max(50, '一次最多抽取 50 个培训班'),
  plannedOn: isoDate,
  trainingType: z.enum(classTrainingTypes).optional(),
});

export const drawPopulationEntry = z.object({
  classId: z.uuid(),
  classNo: z.string(),
  className: z.string(),
  institutionName: z.string(),
  /** HMAC-SHA256(key = seed, message = class id), hex: the ranking key */
  digest: z.string(),
  selected: z.boolean(),
});

export const drawSummary = z.object({
  id: z.uuid(),
  regionCode: z.string(),
  sampleSize: z.number().int(),
  populationSize: z.number().int(),
  selectedCount: z.number().int(),
  trainingType: z.enum(classTrainingTypes).nullable(),
  drawnAt: isoDateTime,
  drawnByName: z.string().nullable(),
});

export const drawDetail = drawSummary.extend({
  seed: z.string(),
  method: z.string(),
  /** the population in ranked order */
  population: z.array(drawPopulationEntry),
  selected: z.array(z.uuid()),
  inspections: z.array(inspectionSummary),
});
export type DrawDetail = z.infer<typeof drawDetail>;

export const createDraw = defineContract({
  method: 'POST',
  path: '/api/inspections/draws',
  action: 'inspections.manage',
  tag,
  summary: '随机抽查：从本辖区正在开班的培训班中按公开方法抽取，并为抽中的培训班安排检查',
  body: drawInput,
  response: drawDetail,
});

export const listDraws = defineContract({
  method: 'GET',
  path: '/api/inspections/draws',
  action: 'inspections.manage',
  tag,
  summary: '随机抽查记录',
  query: z.object({ ...pageQuery }),
  response: pageOf(drawSummary),
});

export const getDraw = defineContract({
  method: 'GET',
  path: '/api/inspections/draws/:id',
  action: 'inspections.manage',
  tag,
  summary: '一次随机抽查的种子、名单、方法和结果',
  params: idParams,
  response: drawDetail,
});

export const verifyDraw = defineContract({
  method: 'GET',
  path: '/api/inspections/draws/:id/verify',
  action: 'inspections.manage',
  tag,
  summary: '按保存的种子和名单重新计算抽取结果并核对',
  params: idParams,
  response: z.object({ matches: z.boolean(), recomputedSelected: z.array(z.uuid()) }),
});

// ---------------------------------------------------------------------------------------------
// scheduled inspection and the steps

export const scheduleInput = z.strictObject({ plannedOn: isoDate });

export const scheduleInspection = defineContract({
  method: 'POST',
  path: '/api/classes/:id/inspections',
  action: 'inspections.manage',
  tag,
  summary: '为已获批或正在开班的培训班安排计划检查',
  params: idParams,
  body: scheduleInput,
  response: inspectionDetail,
});

export const findingsInput = z.strictObject({
  inspectedOn: isoDate,
  findings: text('检查发现', 2000),
  conclusion: z.enum(inspectionConclusions),
  rectificationRequest: text('整改要求', 1000).optional(),
  rectificationDueOn: isoDate.optional(),
  /** JPG or PNG photos uploaded through POST /api/files by the same account */
  photoIds: fileIds('照片'),
  version,
});

export const recordFindings = defineContract({
  method: 'POST',
  path: '/api/inspections/:id/findings',
  action: 'inspections.manage',
  tag,
  summary: '记录检查发现、照片和结论（合格或限期整改）',
  params: idParams,
  body: findingsInput,
  response: inspectionDetail,
});

export const replyInput = z.strictObject({
  replyText: text('整改情况说明', 2000),
  documentIds: fileIds('附件'),
  version,
});

export const replyToRectification = defineContract({
  method: 'POST',
  path: '/api/inspections/:id/reply',
  action: 'inspections.reply',
  tag,
  summary: '培训机构提交整改回复和材料',
  params: idParams,
  body: replyInput,
  response: inspectionDetail,
});

export const closeInput = z.strictObject({
  decision: z.enum(['close', 'reopen']),
  comment: text('意见', 1000),
  rectificationDueOn: isoDate.optional(),
  version,
});

export const closeInspection = defineContract({
  method: 'POST',
  path: '/api/inspections/:id/close',
  action: 'inspections.manage',
  tag,
  summary: '办结检查，或退回继续整改（意见即新的整改要求）',
  params: idParams,
  body: closeInput,
  response: inspectionDetail,
});
