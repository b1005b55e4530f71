import { z } from 'zod';
import { disabilityCategories, disabilityLevels } from '../domain/disability';
import {
  accommodationNeeds,
  consentPurposes,
  educationLevels,
  employmentForms,
  employmentStatuses,
  sexes,
  trainingTypes,
  urbanRural,
} from '../domain/person-codes';
import { defineContract, idParams, okResponse, pageOf, pageQuery } from './contract';

const regionCode = z.string().regex(/^\d{6}$/, '区域代码为 6 位数字');
const isoDate = z.iso.date('日期格式为 YYYY-MM-DD');

/** A masked value and what a screen reader should say for it. */
export const maskedValue = z.object({ text: z.string(), spoken: z.string() });

export const personSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  sex: z.enum(sexes),
  birthDate: z.string(),
  age: z.number().int(),
  workingAge: z.boolean(),
  idNumber: maskedValue,
  certificateNumber: maskedValue.nullable(),
  disabilityCategory: z.enum(disabilityCategories).nullable(),
  disabilityLevel: z.enum(disabilityLevels).nullable(),
  countyCode: z.string(),
  countyName: z.string(),
  employmentStatus: z.enum(employmentStatuses),
  trainingWishes: z.array(z.enum(trainingTypes)),
  accommodations: z.array(z.enum(accommodationNeeds)),
  status: z.enum(['active', 'merged']),
  updatedAt: z.string(),
});
export type PersonSummary = z.infer<typeof personSummary>;

export const personDetail = personSummary.extend({
  certificateLegacy: z.boolean(),
  hukouRegionCode: z.string(),
  residenceRegionCode: z.string().nullable(),
  urbanRural: z.enum(urbanRural).nullable(),
  education: z.enum(educationLevels).nullable(),
  phone: maskedValue.nullable(),
  employmentForm: z.enum(employmentForms).nullable(),
  trainingNeeds: z.string().nullable(),
  accommodationOther: z.string().nullable(),
  remarks: z.string().nullable(),
  mergedInto: z.uuid().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  consents: z.array(
    z.object({
      id: z.uuid(),
      purpose: z.enum(consentPurposes),
      scope: z.string(),
      givenOn: z.string(),
      withdrawnOn: z.string().nullable(),
    }),
  ),
  employmentHistory: z.array(
    z.object({
      id: z.uuid(),
      employmentStatus: z.enum(employmentStatuses),
      employmentForm: z.enum(employmentForms).nullable(),
      employerName: z.string().nullable(),
      startedOn: z.string().nullable(),
      recordedAt: z.string(),
    }),
  ),
  changes: z.array(
    z.object({
      kind: z.string(),
      fields: z.array(z.string()),
      actorName: z.string().nullable(),
      source: z.string().nullable(),
      changedAt: z.string(),
    }),
  ),
});
export type PersonDetail = z.infer<typeof personDetail>;

/**
 * What a registrar types. Sex and birth date are never typed: they come from the ID number.
 * Category and level come from the certificate number.
 */
export const personInput = z.strictObject({
  idNumber: z.string().trim().min(1, '请填写身份证号').max(32),
  certificateNumber: z.string().trim().max(32).nullable().default(null),
  /** a first-generation local certificate number that cannot be checked: kept and flagged */
  certificateLegacy: z.boolean().default(false),
  name: z.string().max(64),
  countyCode: regionCode,
  hukouRegionCode: regionCode,
  residenceRegionCode: regionCode.nullable().default(null),
  urbanRural: z.enum(urbanRural).nullable().default(null),
  education: z.enum(educationLevels).nullable().default(null),
  phone: z.string().trim().max(32).nullable().default(null),
  employmentStatus: z.enum(employmentStatuses).default('unemployed'),
  employmentForm: z.enum(employmentForms).nullable().default(null),
  trainingWishes: z.array(z.enum(trainingTypes)).max(trainingTypes.length).default([]),
  trainingNeeds: z.string().trim().max(500).nullable().default(null),
  accommodations: z.array(z.enum(accommodationNeeds)).max(accommodationNeeds.length).default([]),
  accommodationOther: z.string().trim().max(200).nullable().default(null),
  remarks: z.string().trim().max(1000).nullable().default(null),
});
export type PersonInput = z.input<typeof personInput>;

/**
 * An update: the record and the version it was loaded with. The numbers are optional here: one
 * left out keeps the stored value (sealed number, blind index and what it derived stay as they
 * are), so an edit form shows masks only and sends a number only when it is changed — no unmask
 * is needed to edit. null removes a certificate number or phone. `certificateLegacy` goes with
 * `certificateNumber`: left out with it, the stored flag stays; left out beside a new number,
 * the number is a second-generation one.
 */
export const personUpdateInput = personInput.extend({
  idNumber: z.string().trim().min(1, '请填写身份证号').max(32).optional(),
  certificateNumber: z.string().trim().max(32).nullable().optional(),
  certificateLegacy: z.boolean().optional(),
  phone: z.string().trim().max(32).nullable().optional(),
  version: z.number().int().min(1),
});
export type PersonUpdateInput = z.input<typeof personUpdateInput>;

export const personListQuery = z.object({
  ...pageQuery,
  regionCode: regionCode.optional(),
  q: z.string().trim().max(40).optional(),
  disabilityCategory: z.enum(disabilityCategories).optional(),
  disabilityLevel: z.enum(disabilityLevels).optional(),
  ageMin: z.coerce.number().int().min(0).max(120).optional(),
  ageMax: z.coerce.number().int().min(0).max(120).optional(),
  workingAge: z.enum(['true', 'false']).optional(),
  employmentStatus: z.enum(employmentStatuses).optional(),
  trainingWish: z.enum(trainingTypes).optional(),
  accommodation: z.enum(accommodationNeeds).optional(),
  sort: z.enum(['updatedAt', 'name', 'birthDate']).default('updatedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});

export const listPersons = defineContract({
  method: 'GET',
  path: '/api/persons',
  action: 'persons.read',
  tag: '实名制登记',
  summary: '残疾人列表（按管辖区域，证件号码脱敏）',
  query: personListQuery,
  // totalExact false: more rows match than are counted exactly, and total is an estimate (show “约”)
  response: pageOf(personSummary).extend({ totalExact: z.boolean().optional() }),
});

export const searchPersonById = defineContract({
  method: 'POST',
  path: '/api/persons/search-by-id',
  action: 'persons.read',
  tag: '实名制登记',
  summary: '按身份证号或残疾人证号精确查找（号码放在请求体中，不进入网址）',
  body: z.strictObject({ number: z.string().trim().min(1, '请填写身份证号或残疾人证号').max(32) }),
  response: z.object({ person: personSummary.nullable(), mergedFrom: z.uuid().nullable() }),
});

export const getPerson = defineContract({
  method: 'GET',
  path: '/api/persons/:id',
  action: 'persons.read',
  tag: '实名制登记',
  summary: '残疾人详情（脱敏）',
  params: idParams,
  response: personDetail,
});

export const unmaskPerson = defineContract({
  method: 'POST',
  path: '/api/persons/:id/unmask',
  action: 'persons.unmask',
  tag: '实名制登记',
  summary: '查看完整证件号码或电话（须说明原因，留痕）',
  params: idParams,
  body: z.strictObject({
    field: z.enum(['idNumber', 'certificateNumber', 'phone']),
    reason: z.string().trim().min(2, '请填写查看原因').max(200),
  }),
  response: z.object({ value: z.string().nullable() }),
});

export const createPerson = defineContract({
  method: 'POST',
  path: '/api/persons',
  action: 'persons.write',
  tag: '实名制登记',
  summary: '登记残疾人',
  body: personInput,
  response: personDetail,
});

export const updatePerson = defineContract({
  method: 'PUT',
  path: '/api/persons/:id',
  action: 'persons.write',
  tag: '实名制登记',
  summary: '修改残疾人信息（带版本号，防止覆盖他人的修改；未提交的证件号码和电话保持原值）',
  params: idParams,
  body: personUpdateInput,
  response: personDetail,
});

export const addConsent = defineContract({
  method: 'POST',
  path: '/api/persons/:id/consents',
  action: 'persons.write',
  tag: '实名制登记',
  summary: '登记本人同意（目的、范围、日期）',
  params: idParams,
  body: z.strictObject({ purpose: z.enum(consentPurposes), scope: z.string().trim().min(2, '请填写同意范围').max(200), givenOn: isoDate }),
  response: personDetail,
});

export const withdrawConsent = defineContract({
  method: 'POST',
  path: '/api/persons/:id/consents/:consentId/withdraw',
  action: 'persons.write',
  tag: '实名制登记',
  summary: '撤回同意',
  params: z.object({ id: z.uuid(), consentId: z.uuid() }),
  body: z.strictObject({ withdrawnOn: isoDate }),
  response: personDetail,
});

export const recordEmployment = defineContract({
  method: 'POST',
  path: '/api/persons/:id/employment',
  action: 'persons.write',
  tag: '实名制登记',
  summary: '记录就业状况变化',
  params: idParams,
  body: z.strictObject({
    employmentStatus: z.enum(employmentStatuses),
    employmentForm: z.enum(employmentForms).nullable().default(null),
    employerName: z.string().trim().max(128).nullable().default(null),
    startedOn: isoDate.nullable().default(null),
  }),
  response: personDetail,
});

export const duplicatePair = z.object({
  reason: z.enum(['name_phone', 'name_birth_date']),
  a: personSummary,
  b: personSummary,
});

export const listDuplicates = defineContract({
  method: 'GET',
  path: '/api/persons/duplicates',
  action: 'persons.merge',
  tag: '实名制登记',
  summary: '疑似重复登记（同名同电话；同县同名同出生日期）',
  query: z.object({ ...pageQuery, regionCode: regionCode.optional() }),
  response: pageOf(duplicatePair),
});

export const mergePersons = defineContract({
  method: 'POST',
  path: '/api/persons/merge',
  action: 'persons.merge',
  tag: '实名制登记',
  summary: '合并重复登记：保留一条，另一条指向它，历史保留',
  body: z.strictObject({ survivorId: z.uuid(), mergedId: z.uuid(), reason: z.string().trim().min(2, '请填写合并原因').max(200) }),
  response: personDetail,
});

export const dismissDuplicate = defineContract({
  method: 'POST',
  path: '/api/persons/duplicates/dismiss',
  action: 'persons.merge',
  tag: '实名制登记',
  summary: '确认两条记录不是同一人',
  body: z.strictObject({ a: z.uuid(), b: z.uuid() }),
  response: okResponse,
});

export const exportPersons = defineContract({
  method: 'GET',
  path: '/api/persons/export',
  action: 'persons.export',
  tag: '实名制登记',
  summary: '导出筛选结果（.xlsx；默认脱敏，完整导出须有权限并留痕）',
  query: personListQuery.omit({ page: true, pageSize: true }).extend({
    full: z.enum(['true', 'false']).default('false'),
    reason: z.string().trim().max(200).optional(),
  }),
  download: true,
  response: z.any(),
});

export const importStrategies = ['create_only', 'create_and_update'] as const;
export const importStrategyLabels: Record<(typeof importStrategies)[number], string> = {
  create_only: '只新增（已登记的人员跳过）',
  create_and_update: '新增并更新已登记人员',
};

export const importTemplate = defineContract({
  method: 'GET',
  path: '/api/persons/import/template',
  action: 'persons.import',
  tag: '实名制登记',
  summary: '下载导入模板（含填写说明与代码下拉）',
  download: true,
  response: z.any(),
});

export const importSummary = z.object({
  dryRun: z.boolean(),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  refused: z.number().int(),
  errorFileId: z.uuid().nullable(),
});
export type ImportSummary = z.infer<typeof importSummary>;

export const startImport = defineContract({
  method: 'POST',
  path: '/api/persons/import',
  action: 'persons.import',
  tag: '实名制登记',
  summary: '导入已上传的文件（试运行只检查不写入）；返回后台任务编号',
  body: z.strictObject({ fileId: z.uuid(), strategy: z.enum(importStrategies), dryRun: z.boolean() }),
  response: z.object({ jobId: z.uuid() }),
});
