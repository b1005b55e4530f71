import { z } from 'zod';
import { sexes } from '../domain/person-codes';
import {
  qualificationKinds,
  rotationResults,
  trainerEngagements,
  trainerInstitutionRoles,
  trainerSources,
  trainerStatuses,
} from '../domain/trainer-codes';
import { rotationStates } from '../domain/trainer-rotation';
import { defineContract, idParams, pageOf, pageQuery } from './contract';
import { maskedValue } from './persons-contracts';

const regionCode = z.string().regex(/^\d{6}$/, '区域代码为 6 位数字');
const isoDate = z.iso.date('日期格式为 YYYY-MM-DD');
const optionalText = (max: number) => z.string().trim().max(max).nullable().default(null);
const tag = '师资库';

/** Where a trainer stands in the five-year rotation cycle today. */
export const rotationSummaryView = z.object({
  state: z.enum(rotationStates),
  dueDate: z.string(),
  daysUntilDue: z.number().int(),
});

export const rotationView = rotationSummaryView.extend({
  cycleStart: z.string(),
  lastRotationOn: z.string().nullable(),
});

export const trainerSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  sex: z.enum(sexes),
  idNumber: maskedValue,
  countyCode: z.string(),
  countyName: z.string(),
  sources: z.array(z.enum(trainerSources)),
  engagement: z.enum(trainerEngagements),
  occupations: z.array(z.string()),
  institutionNames: z.array(z.string()),
  status: z.enum(trainerStatuses),
  joinedOn: z.string(),
  leftOn: z.string().nullable(),
  rotation: rotationSummaryView,
});
export type TrainerSummary = z.infer<typeof trainerSummary>;

export const qualificationView = z.object({
  id: z.uuid(),
  kind: z.enum(qualificationKinds),
  title: z.string(),
  serialNumber: z.string().nullable(),
  level: z.string().nullable(),
  occupation: z.string().nullable(),
  issuer: z.string().nullable(),
  issuedOn: z.string().nullable(),
  expiresOn: z.string().nullable(),
});

export const trainerInstitutionView = z.object({
  id: z.uuid(),
  institutionId: z.uuid(),
  institutionName: z.string(),
  role: z.enum(trainerInstitutionRoles),
  fromOn: z.string(),
  toOn: z.string().nullable(),
});

export const rotationRecordView = z.object({
  id: z.uuid(),
  startedOn: z.string(),
  completedOn: z.string(),
  hours: z.number().int(),
  baseId: z.uuid().nullable(),
  providerName: z.string(),
  topic: z.string(),
  result: z.enum(rotationResults),
  serialNumber: z.string().nullable(),
  enteredAt: z.string(),
  enteredBy: z.string().nullable(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
  correctsId: z.uuid().nullable(),
});
export type RotationRecordView = z.infer<typeof rotationRecordView>;

export const rotationCycleView = z.object({
  index: z.number().int(),
  start: z.string(),
  dueDate: z.string(),
  completedOn: z.string().nullable(),
  outcome: z.enum(['on_time', 'late', 'open', 'overdue']),
});

export const trainerDetail = trainerSummary.extend({
  rotation: rotationView,
  birthDate: z.string(),
  phone: maskedValue.nullable(),
  personId: z.uuid().nullable(),
  remarks: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  qualifications: z.array(qualificationView),
  institutions: z.array(trainerInstitutionView),
  rotations: z.array(rotationRecordView),
  cycles: z.array(rotationCycleView),
});
export type TrainerDetail = z.infer<typeof trainerDetail>;

export const qualificationInput = z.strictObject({
  kind: z.enum(qualificationKinds),
  title: z.string().trim().min(1, '请填写证书名称').max(100),
  serialNumber: optionalText(64),
  level: optionalText(32),
  occupation: optionalText(64),
  issuer: optionalText(100),
  issuedOn: isoDate.nullable().default(null),
  expiresOn: isoDate.nullable().default(null),
});

export const trainerInstitutionInput = z.strictObject({
  institutionId: z.uuid('请选择培训机构'),
  role: z.enum(trainerInstitutionRoles),
  fromOn: isoDate,
  toOn: isoDate.nullable().default(null),
});

/**
 * What a training officer types. Sex and birth date come from the ID number. The county is the
 * registering federation's (or the main institution's) county-level unit, within the actor's scope.
 * Qualifications and institutions are the full lists: an update replaces them.
 */
export const trainerInput = z.strictObject({
  idNumber: z.string().trim().min(1, '请填写身份证号').max(32),
  name: z.string().max(64),
  phone: z.string().trim().max(32).nullable().default(null),
  countyCode: regionCode,
  personId: z.uuid().nullable().default(null),
  sources: z.array(z.enum(trainerSources)).min(1, '请至少选择一个来源类别').max(trainerSources.length),
  engagement: z.enum(trainerEngagements),
  occupations: z.array(z.string().trim().min(1).max(64)).max(20).default([]),
  joinedOn: isoDate,
  qualifications: z.array(qualificationInput).max(30).default([]),
  institutions: z.array(trainerInstitutionInput).max(20).default([]),
  remarks: z.string().trim().max(1000).nullable().default(null),
});
export type TrainerInput = z.input<typeof trainerInput>;

/** An update: the numbers may be left out (kept as stored, nothing unsealed); leaving the pool sets status and date. */
export const trainerUpdateInput = trainerInput.extend({
  idNumber: z.string().trim().min(1, '请填写身份证号').max(32).optional(),
  phone: z.string().trim().max(32).nullable().optional(),
  status: z.enum(trainerStatuses).default('active'),
  leftOn: isoDate.nullable().default(null),
  version: z.number().int().min(1),
});
export type TrainerUpdateInput = z.input<typeof trainerUpdateInput>;

export const trainerListQuery = z.object({
  ...pageQuery,
  regionCode: regionCode.optional(),
  q: z.string().trim().max(40).optional(),
  source: z.enum(trainerSources).optional(),
  occupation: z.string().trim().max(64).optional(),
  institutionId: z.uuid().optional(),
  rotationState: z.enum(rotationStates).optional(),
  status: z.enum(trainerStatuses).default('active'),
});

export const listTrainers = defineContract({
  method: 'GET',
  path: '/api/trainers',
  action: 'trainers.read',
  tag,
  summary: '师资列表（按管辖区域或本机构；证件号码脱敏）',
  query: trainerListQuery,
  response: pageOf(trainerSummary),
});

export const rotationDueQuery = z.object({
  ...pageQuery,
  regionCode: regionCode.optional(),
  /** due_soon, overdue, or both (omitted) */
  rotationState: z.enum(['due_soon', 'overdue']).optional(),
  dueSoonDays: z.coerce.number().int().min(0).max(730).optional(),
});

export const listRotationDue = defineContract({
  method: 'GET',
  path: '/api/trainers/rotation-due',
  action: 'trainers.read',
  tag,
  summary: '轮训即将到期与已逾期的师资（按截止日先后）',
  query: rotationDueQuery,
  response: pageOf(trainerSummary).extend({ dueSoonDays: z.number().int(), today: z.string() }),
});

export const exportRotationDue = defineContract({
  method: 'GET',
  path: '/api/trainers/rotation-due/export',
  action: 'trainers.read',
  tag,
  summary: '导出轮训到期与逾期名单（.xlsx，证件号码脱敏，留痕）',
  query: rotationDueQuery.omit({ page: true, pageSize: true }),
  download: true,
  response: z.any(),
});

export const getTrainer = defineContract({
  method: 'GET',
  path: '/api/trainers/:id',
  action: 'trainers.read',
  tag,
  summary: '师资详情（证书、所在机构、轮训记录与周期）',
  params: idParams,
  response: trainerDetail,
});

export const createTrainer = defineContract({
  method: 'POST',
  path: '/api/trainers',
  action: 'trainers.write',
  tag,
  summary: '师资入库',
  body: trainerInput,
  response: trainerDetail,
});

export const updateTrainer = defineContract({
  method: 'PUT',
  path: '/api/trainers/:id',
  action: 'trainers.write',
  tag,
  summary: '修改师资信息（带版本号；未提交的证件号码和电话保持原值）',
  params: idParams,
  body: trainerUpdateInput,
  response: trainerDetail,
});

export const unmaskTrainer = defineContract({
  method: 'POST',
  path: '/api/trainers/:id/unmask',
  action: 'trainers.unmask',
  tag,
  summary: '查看师资完整身份证号或电话（须说明原因，留痕）',
  params: idParams,
  body: z.strictObject({
    field: z.enum(['idNumber', 'phone']),
    reason: z.string().trim().min(2, '请填写查看原因').max(200),
  }),
  response: z.object({ value: z.string().nullable() }),
});

export const rotationInput = z.strictObject({
  startedOn: isoDate,
  completedOn: isoDate,
  hours: z.number().int().min(1, '学时至少为 1').max(2000),
  /** the provincial base, or (null) another provider named in providerName */
  baseId: z.uuid().nullable().default(null),
  providerName: optionalText(100),
  topic: z.string().trim().min(2, '请填写培训主题').max(200),
  result: z.enum(rotationResults),
  serialNumber: optionalText(64),
});
export type RotationInput = z.input<typeof rotationInput>;

export const addRotation = defineContract({
  method: 'POST',
  path: '/api/trainers/:id/rotations',
  action: 'trainers.rotation',
  tag,
  summary: '登记一次轮训（合格的轮训开始新的五年周期）',
  params: idParams,
  body: rotationInput,
  response: trainerDetail,
});

export const voidRotation = defineContract({
  method: 'POST',
  path: '/api/trainers/:id/rotations/:rotationId/void',
  action: 'trainers.rotation',
  tag,
  summary: '作废一条轮训记录（须说明原因；可同时登记更正后的记录），记录保留',
  params: z.object({ id: z.uuid(), rotationId: z.uuid() }),
  body: z.strictObject({ reason: z.string().trim().min(2, '请填写作废原因').max(200), correction: rotationInput.nullable().default(null) }),
  response: trainerDetail,
});

export const mayTeachAnswer = z.object({
  trainerId: z.uuid(),
  on: z.string(),
  allowed: z.boolean(),
  basis: z.enum(['in_cycle', 'waiver', 'overdue', 'not_joined', 'left']),
  reason: z.string(),
  dueDate: z.string().nullable(),
  waiverId: z.string().nullable(),
});
export type MayTeachView = z.infer<typeof mayTeachAnswer>;

export const checkMayTeach = defineContract({
  method: 'GET',
  path: '/api/trainers/:id/may-teach',
  action: 'trainers.read',
  tag,
  summary: '该师资在某日能否承担补贴性培训授课（附理由）',
  params: idParams,
  query: z.object({ on: isoDate }),
  response: mayTeachAnswer,
});

/** Several trainers at once (a class's teaching team): one answer each, in the order asked. */
export const checkMayTeachBatch = defineContract({
  method: 'POST',
  path: '/api/trainers/may-teach',
  action: 'trainers.read',
  tag,
  summary: '多名师资在某日能否承担补贴性培训授课（开班申请核对授课师资）',
  body: z.strictObject({ trainerIds: z.array(z.uuid()).min(1, '请至少选择一名师资').max(50), on: isoDate }),
  response: z.object({ items: z.array(mayTeachAnswer) }),
});

export const trainingBaseView = z.object({
  id: z.uuid(),
  institutionId: z.uuid(),
  institutionName: z.string(),
  countyName: z.string(),
  designatedOn: z.string(),
  endedOn: z.string().nullable(),
  note: z.string().nullable(),
});
export type TrainingBaseView = z.infer<typeof trainingBaseView>;

export const listTrainingBases = defineContract({
  method: 'GET',
  path: '/api/trainer-training-bases',
  action: 'trainers.read',
  tag,
  summary: '省级师资研修基地（现行与历史认定）',
  response: z.object({ items: z.array(trainingBaseView) }),
});

export const designateTrainingBase = defineContract({
  method: 'POST',
  path: '/api/trainer-training-bases',
  action: 'trainers.rotation',
  tag,
  summary: '认定省级师资研修基地（省残联办理）',
  body: z.strictObject({ institutionId: z.uuid('请选择培训机构'), designatedOn: isoDate, note: optionalText(200) }),
  response: trainingBaseView,
});

export const endTrainingBase = defineContract({
  method: 'POST',
  path: '/api/trainer-training-bases/:id/end',
  action: 'trainers.rotation',
  tag,
  summary: '终止师资研修基地认定（省残联办理，记录保留）',
  params: idParams,
  body: z.strictObject({ endedOn: isoDate, reason: z.string().trim().min(2, '请填写原因').max(200) }),
  response: trainingBaseView,
});

export const institutionOption = z.object({ id: z.uuid(), name: z.string(), countyName: z.string() });

export const listTrainerInstitutionOptions = defineContract({
  method: 'GET',
  path: '/api/trainers/institution-options',
  action: 'trainers.read',
  tag,
  summary: '可选择的培训机构（本辖区，未关闭），供师资表单与研修基地认定使用',
  query: z.object({ q: z.string().trim().max(40).optional() }),
  response: z.object({ items: z.array(institutionOption) }),
});
