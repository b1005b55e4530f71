import { z } from 'zod';
import { classTrainingTypes, periodCodes, venueFeatures } from '../domain/class-codes';
import { type ClassCommand, classCommands, classStatuses } from '../domain/class-status';
import { accommodationNeeds } from '../domain/person-codes';
import { defineContract, idParams, isoDateTime, pageOf, pageQuery } from './contract';
import { maskedValue } from './persons-contracts';

const tag = '培训班';
const regionCode = z.string().regex(/^\d{6}$/, '区域代码为 6 位数字');
const isoDate = z.iso.date('日期格式为 YYYY-MM-DD');
const version = z.number().int().min(1);

/** The part a trainer takes in a class. */
export const classTrainerRoles = ['lead', 'assistant', 'interpreter'] as const;
export type ClassTrainerRole = (typeof classTrainerRoles)[number];
export const classTrainerRoleLabels: Record<ClassTrainerRole, string> = {
  lead: '主讲',
  assistant: '助教',
  interpreter: '手语翻译',
};

/** The two reviews a class goes through: opening (开班审核) and completion (结业审核). */
export const classReviewStages = ['opening', 'completion'] as const;
export type ClassReviewStage = (typeof classReviewStages)[number];

export const classAttachedFile = z.object({ fileId: z.uuid(), name: z.string() });

// ---------------------------------------------------------------------------------------------
// list

export const classSummary = z.object({
  id: z.uuid(),
  classNo: z.string(),
  name: z.string(),
  institutionId: z.uuid(),
  institutionName: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  programmeCode: z.string(),
  programmeName: z.string(),
  trainingType: z.enum(classTrainingTypes),
  periodCode: z.enum(periodCodes),
  trainingYear: z.number().int(),
  startsOn: z.string(),
  endsOn: z.string(),
  plannedSize: z.number().int(),
  enrolledCount: z.number().int(),
  status: z.enum(classStatuses),
  /** the due day of the open review (opening or completion), null when none is open */
  reviewDueOn: z.string().nullable(),
  overdue: z.boolean(),
});
export type ClassSummary = z.infer<typeof classSummary>;

export const classListQuery = z.object({
  ...pageQuery,
  status: z.enum(classStatuses).optional(),
  trainingYear: z.coerce.number().int().min(2000).max(2100).optional(),
  trainingType: z.enum(classTrainingTypes).optional(),
  /** class name or class number */
  q: z.string().trim().max(40).optional(),
  /** staff only; ignored for institution users (they see their own institution) */
  institutionId: z.uuid().optional(),
});
export type ClassListQuery = z.input<typeof classListQuery>;

export const listClasses = defineContract({
  method: 'GET',
  path: '/api/classes',
  action: 'classes.read',
  tag,
  summary: '培训班列表（培训机构只见本机构；残联工作人员见管辖区域内）',
  query: classListQuery,
  response: pageOf(classSummary),
});

export const reviewQueueItem = classSummary.extend({
  stage: z.enum(classReviewStages),
  submittedAt: isoDateTime.nullable(),
});
export type ReviewQueueItem = z.infer<typeof reviewQueueItem>;

export const getClassReviewQueue = defineContract({
  method: 'GET',
  path: '/api/classes/review-queue',
  action: 'classes.review',
  tag,
  summary: '待审核的开班申请与结业审核（管辖区域内，按到期日排序，标出逾期）',
  response: z.object({ items: z.array(reviewQueueItem), overdue: z.number().int(), today: z.string() }),
});

// ---------------------------------------------------------------------------------------------
// apply form options

export const classFormOptions = z.object({
  institution: z.object({ id: z.uuid(), name: z.string(), countyCode: z.string(), countyName: z.string() }),
  /** active catalogue programmes (现行目录) */
  programmes: z.array(
    z.object({
      id: z.uuid(),
      code: z.string(),
      name: z.string(),
      trainingType: z.string(),
      hours: z.number().int(),
      targetCategories: z.array(z.string()),
    }),
  ),
  /** the institution's active (已挂牌) bases */
  bases: z.array(z.object({ id: z.uuid(), baseName: z.string(), plaqueNo: z.string().nullable(), termEnd: z.string().nullable() })),
  /** trainers linked to the institution, with whether each may teach on `on` */
  trainers: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      idNumber: maskedValue,
      mayTeach: z.object({ allowed: z.boolean(), reason: z.string() }),
    }),
  ),
  /** the date the may-teach answers are for (?on=, default today) */
  on: z.string(),
  today: z.string(),
  submitLeadDays: z.number().int(),
});
export type ClassFormOptions = z.infer<typeof classFormOptions>;

/** The venue region comes from GET /api/regions (the province tree, public). */
export const getClassFormOptions = defineContract({
  method: 'GET',
  path: '/api/classes/form-options',
  action: 'classes.apply',
  tag,
  summary: '开班申请表所需选项：现行培训项目、本机构挂牌基地、本机构师资（及授课资格）',
  query: z.object({ on: isoDate.optional() }),
  response: classFormOptions,
});

// ---------------------------------------------------------------------------------------------
// detail

export const classTrainerView = z.object({
  trainerId: z.uuid(),
  name: z.string(),
  role: z.enum(classTrainerRoles),
  /** on the class's first day */
  mayTeach: z.object({ allowed: z.boolean(), reason: z.string() }),
  waiver: z.object({ reason: z.string(), by: z.string().nullable(), at: isoDateTime }).nullable(),
});
export type ClassTrainerView = z.infer<typeof classTrainerView>;

export const classSessionView = z.object({
  id: z.uuid(),
  seq: z.number().int(),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  topic: z.string(),
  trainerId: z.uuid().nullable(),
  trainerName: z.string().nullable(),
});
export type ClassSessionView = z.infer<typeof classSessionView>;

export const classEventView = z.object({
  command: z.enum(classCommands),
  fromStatus: z.enum(classStatuses).nullable(),
  toStatus: z.enum(classStatuses),
  comment: z.string().nullable(),
  documents: z.array(classAttachedFile),
  actorName: z.string().nullable(),
  occurredAt: isoDateTime,
});
export type ClassEventView = z.infer<typeof classEventView>;

export const classDetail = z.object({
  id: z.uuid(),
  classNo: z.string(),
  countyCode: z.string(),
  countyName: z.string(),
  institutionId: z.uuid(),
  institutionName: z.string(),
  /** the accredited base (挂牌基地) it runs at, if any */
  venueBaseId: z.uuid().nullable(),
  venueBaseName: z.string().nullable(),
  programmeId: z.uuid(),
  programmeCode: z.string(),
  programmeName: z.string(),
  name: z.string(),
  trainingType: z.enum(classTrainingTypes),
  venueAddress: z.string(),
  venueRegionCode: z.string(),
  venueRegionName: z.string(),
  venueFeatures: z.array(z.enum(venueFeatures)),
  venueNotes: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  periodCode: z.enum(periodCodes),
  trainingYear: z.number().int(),
  hours: z.number().int(),
  plannedSize: z.number().int(),
  budgetFen: z.number().int(),
  accommodationsOffered: z.array(z.string()),
  passScore: z.number().int(),
  attendanceThreshold: z.number().int(),
  examOn: z.string().nullable(),
  status: z.enum(classStatuses),
  submittedAt: isoDateTime.nullable(),
  reviewDueOn: z.string().nullable(),
  completionSubmittedAt: isoDateTime.nullable(),
  completionReviewDueOn: z.string().nullable(),
  /** whether the open review (opening or completion) is past its due day */
  overdue: z.boolean(),
  remarks: z.string().nullable(),
  version: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  trainers: z.array(classTrainerView),
  sessions: z.array(classSessionView),
  counts: z.object({ enrolled: z.number().int(), applied: z.number().int(), sessions: z.number().int() }),
  events: z.array(classEventView),
  /** the commands this viewer may take now (the same rule the server enforces) */
  allowedCommands: z.array(z.enum(classCommands)),
  /** whether this viewer may record or remove trainer waivers now */
  canWaive: z.boolean(),
  /** whether this viewer may edit the application now */
  canEdit: z.boolean(),
  party: z.enum(['institution', 'federation']),
  /** today in China by the server clock */
  today: z.string(),
});
export type ClassDetail = z.infer<typeof classDetail>;

export const getClass = defineContract({
  method: 'GET',
  path: '/api/classes/:id',
  action: 'classes.read',
  tag,
  summary: '培训班详情：申请内容、师资、课程表、办理记录与本人可办理的操作',
  params: idParams,
  response: classDetail,
});

// ---------------------------------------------------------------------------------------------
// create and edit

const text = (label: string, max: number) => z.string().trim().min(1, `请填写${label}`).max(max, `${label}最多 ${max} 个字`);
const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label}最多 ${max} 个字`)
    .nullable()
    .default(null)
    .transform((v) => (v === '' ? null : v));
/** an instant with its offset, e.g. 2026-12-01T09:00:00+08:00 */
const instant = z.iso.datetime({ offset: true, message: '时间格式为 YYYY-MM-DDTHH:mm:ss+08:00' });

export const classTrainerInput = z.strictObject({
  trainerId: z.uuid('请选择师资'),
  role: z.enum(classTrainerRoles),
});

export const classSessionInput = z.strictObject({
  startsAt: instant,
  endsAt: instant,
  topic: text('课程内容', 200),
  trainerId: z.uuid('请选择授课师资').nullable().default(null),
});
export type ClassSessionInput = z.input<typeof classSessionInput>;

export const classInput = z.strictObject({
  programmeId: z.uuid('请选择培训项目'),
  name: z.string().trim().min(4, '请填写培训班名称（至少 4 个字）').max(100, '培训班名称最多 100 个字'),
  trainingType: z.enum(classTrainingTypes),
  /** the institution's accredited base it runs at (named so: `baseId` is the trainer training base) */
  venueBaseId: z.uuid('请选择挂牌基地').nullable().default(null),
  venueAddress: text('培训地点', 200),
  venueRegionCode: regionCode,
  venueFeatures: z
    .array(z.enum(venueFeatures))
    .max(venueFeatures.length)
    .refine((list) => new Set(list).size === list.length, '场地无障碍情况不能重复')
    .default([]),
  venueNotes: optionalText('场地说明', 500),
  startsOn: isoDate,
  endsOn: isoDate,
  hours: z.number('学时须为整数').int('学时须为整数').min(1, '学时至少为 1').max(4000, '学时最多 4000'),
  plannedSize: z.number('计划人数须为整数').int('计划人数须为整数').min(1, '计划人数至少为 1').max(500, '计划人数最多 500'),
  /** integer fen (分) */
  budgetFen: z.number('预算须为整数（分）').int('预算须为整数（分）').min(0, '预算不能为负数').max(100_000_000_000, '预算金额过大'),
  accommodationsOffered: z
    .array(z.enum(accommodationNeeds))
    .refine((list) => new Set(list).size === list.length, '提供的便利服务不能重复')
    .default([]),
  examOn: isoDate.nullable().default(null),
  remarks: optionalText('备注', 1000),
  trainers: z.array(classTrainerInput).max(30, '最多 30 名授课师资').default([]),
  sessions: z.array(classSessionInput).max(300, '最多 300 个课次').default([]),
});
export type ClassInput = z.input<typeof classInput>;

export const createClass = defineContract({
  method: 'POST',
  path: '/api/classes',
  action: 'classes.apply',
  tag,
  summary: '培训机构填写开班申请（保存为草稿）',
  body: classInput,
  response: classDetail,
});

export const updateClassInput = classInput.extend({ version });
export type UpdateClassInput = z.input<typeof updateClassInput>;

export const updateClass = defineContract({
  method: 'PUT',
  path: '/api/classes/:id',
  action: 'classes.apply',
  tag,
  summary: '修改开班申请（草稿或退回修改时）',
  params: idParams,
  body: updateClassInput,
  response: classDetail,
});

// ---------------------------------------------------------------------------------------------
// commands

/** Commands taken on an existing class (create is POST /api/classes). */
export const classStepCommands = [
  'submit',
  'return',
  'approve',
  'start',
  'submit_completion',
  'return_completion',
  'approve_completion',
  'close',
  'cancel',
] as const satisfies readonly Exclude<ClassCommand, 'create'>[];
export type ClassStepCommand = (typeof classStepCommands)[number];

export const classCommandInput = z.strictObject({
  comment: z.string().trim().max(1000, '意见最多 1000 个字').nullable().default(null),
  /** files uploaded through POST /api/files by the same account */
  documentIds: z.array(z.uuid('附件编号不正确')).max(10, '最多附 10 个文件').default([]),
  version,
});
export type ClassCommandInput = z.input<typeof classCommandInput>;

export const runClassCommand = defineContract({
  method: 'POST',
  path: '/api/classes/:id/commands/:command',
  action: 'classes.read',
  tag,
  summary: '办理培训班：提交、退回、批准、开始、提交结业、结业审核、结班、取消（按身份与状态）',
  params: z.object({
    id: z.uuid(),
    command: z.enum(classStepCommands),
  }),
  body: classCommandInput,
  response: classDetail,
});

// ---------------------------------------------------------------------------------------------
// trainer waivers

export const waiverParams = z.object({ id: z.uuid(), trainerId: z.uuid() });

export const recordTrainerWaiver = defineContract({
  method: 'POST',
  path: '/api/classes/:id/trainers/:trainerId/waiver',
  action: 'classes.waive',
  tag,
  summary: '为未按期轮训的师资记录本班授课特许（须说明原因）',
  params: waiverParams,
  body: z.strictObject({ reason: z.string().trim().min(2, '请填写原因（至少 2 个字）').max(500, '原因最多 500 个字') }),
  response: classDetail,
});

export const removeTrainerWaiver = defineContract({
  method: 'DELETE',
  path: '/api/classes/:id/trainers/:trainerId/waiver',
  action: 'classes.waive',
  tag,
  summary: '撤销本班授课特许（批准开班前）',
  params: waiverParams,
  response: classDetail,
});

export const downloadClassDocument = defineContract({
  method: 'GET',
  path: '/api/classes/:id/documents/:fileId',
  action: 'classes.read',
  tag,
  summary: '下载培训班办理步骤所附的材料',
  params: z.object({ id: z.uuid(), fileId: z.uuid() }),
  download: true,
  response: z.any(),
});
