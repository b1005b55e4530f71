import { z } from 'zod';
import {
  brandTags,
  programmeCodeMessage,
  programmeCodePattern,
  programmeHoursRange,
  programmeStatuses,
  skillLevels,
} from '../domain/catalogue-codes';
import { disabilityCategories } from '../domain/disability';
import { accommodationNeeds, trainingTypes } from '../domain/person-codes';
import { defineContract, idParams, pageOf, pageQuery } from './contract';

/** The content of a programme version: what the federation writes and the public reads. */
const programmeContent = {
  name: z.string().trim().min(2, '项目名称至少 2 个字').max(64, '项目名称最多 64 个字'),
  occupation: z.string().trim().min(2, '请填写职业（工种）所属职业，至少 2 个字').max(64, '职业最多 64 个字'),
  skill: z.string().trim().max(64, '工种/技能最多 64 个字').nullable().default(null),
  trainingType: z.enum(trainingTypes),
  hours: z
    .number()
    .int('学时须为整数')
    .min(programmeHoursRange.min, `学时至少 ${programmeHoursRange.min}`)
    .max(programmeHoursRange.max, `学时最多 ${programmeHoursRange.max}`),
  skillLevel: z.enum(skillLevels),
  /** empty: open to every category */
  targetCategories: z.array(z.enum(disabilityCategories)).max(disabilityCategories.length).default([]),
  accommodations: z.array(z.enum(accommodationNeeds)).max(accommodationNeeds.length).default([]),
  /** a reference to the subsidy standard (文号或标准编号) until the subsidies module binds it */
  subsidyStandardRef: z.string().trim().max(64, '补贴标准参照最多 64 个字').nullable().default(null),
  brands: z.array(z.enum(brandTags)).max(brandTags.length).default([]),
  description: z.string().trim().max(2000, '项目说明最多 2000 个字').nullable().default(null),
};

export const programmeInput = z.strictObject({
  programmeCode: z.string().trim().regex(programmeCodePattern, programmeCodeMessage),
  ...programmeContent,
});
export type ProgrammeInput = z.input<typeof programmeInput>;

export const programmeUpdateInput = z.strictObject({ ...programmeContent, version: z.number().int().min(1) });
export type ProgrammeUpdateInput = z.input<typeof programmeUpdateInput>;

const programmeFields = {
  id: z.uuid(),
  programmeCode: z.string(),
  edition: z.number().int(),
  regionCode: z.string(),
  regionName: z.string(),
  name: z.string(),
  occupation: z.string(),
  skill: z.string().nullable(),
  trainingType: z.enum(trainingTypes),
  hours: z.number().int(),
  skillLevel: z.enum(skillLevels),
  targetCategories: z.array(z.enum(disabilityCategories)),
  accommodations: z.array(z.enum(accommodationNeeds)),
  subsidyStandardRef: z.string().nullable(),
  brands: z.array(z.enum(brandTags)),
  description: z.string().nullable(),
  status: z.enum(programmeStatuses),
  /** the first day the version is in force, and the day a later version or a retirement ended it */
  effectiveFrom: z.string().nullable(),
  effectiveTo: z.string().nullable(),
  updatedAt: z.string(),
};

export const programmeSummary = z.object(programmeFields);
export type ProgrammeSummary = z.infer<typeof programmeSummary>;

export const programmeDetail = programmeSummary.extend({
  /** the version this draft was copied from (null for a programme's first version) */
  basedOnId: z.uuid().nullable(),
  notice: z.object({ id: z.uuid(), status: z.string(), startsAt: z.string(), endsAt: z.string() }).nullable(),
  refusalReason: z.string().nullable(),
  retiredReason: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  /** whether the signed-in account maintains this programme (its region lies in the account's scope) */
  writable: z.boolean(),
  history: z.array(
    z.object({
      id: z.uuid(),
      edition: z.number().int(),
      status: z.enum(programmeStatuses),
      effectiveFrom: z.string().nullable(),
      effectiveTo: z.string().nullable(),
      updatedAt: z.string(),
    }),
  ),
});
export type ProgrammeDetail = z.infer<typeof programmeDetail>;

const catalogueFilters = {
  q: z.string().trim().max(40).optional(),
  trainingType: z.enum(trainingTypes).optional(),
  brand: z.enum(brandTags).optional(),
  disabilityCategory: z.enum(disabilityCategories).optional(),
};

export const programmeListQuery = z.object({
  ...pageQuery,
  ...catalogueFilters,
  /** 'current' (default): every version but the superseded ones */
  status: z.enum([...programmeStatuses, 'current', 'all']).default('current'),
});

export const listProgrammes = defineContract({
  method: 'GET',
  path: '/api/catalogue/programmes',
  action: 'catalogue.read',
  tag: '培训目录',
  summary: '培训目录项目列表（现行、草稿、公示中等各版本）',
  query: programmeListQuery,
  response: pageOf(programmeSummary),
});

export const getProgramme = defineContract({
  method: 'GET',
  path: '/api/catalogue/programmes/:id',
  action: 'catalogue.read',
  tag: '培训目录',
  summary: '培训目录项目详情（含版本历史与公示）',
  params: idParams,
  response: programmeDetail,
});

export const createProgramme = defineContract({
  method: 'POST',
  path: '/api/catalogue/programmes',
  action: 'catalogue.write',
  tag: '培训目录',
  summary: '新增目录项目（草稿，第 1 版）',
  body: programmeInput,
  response: programmeDetail,
});

export const updateProgramme = defineContract({
  method: 'PUT',
  path: '/api/catalogue/programmes/:id',
  action: 'catalogue.write',
  tag: '培训目录',
  summary: '修改草稿（带版本号，防止覆盖他人的修改）',
  params: idParams,
  body: programmeUpdateInput,
  response: programmeDetail,
});

export const reviseProgramme = defineContract({
  method: 'POST',
  path: '/api/catalogue/programmes/:id/revise',
  action: 'catalogue.write',
  tag: '培训目录',
  summary: '修订为新版本：复制该版本为草稿，公示期满后替代现行版本',
  params: idParams,
  response: programmeDetail,
});

export const submitProgramme = defineContract({
  method: 'POST',
  path: '/api/catalogue/programmes/:id/submit',
  action: 'catalogue.write',
  tag: '培训目录',
  summary: '提交公示：公示期满无异议后生效',
  params: idParams,
  response: programmeDetail,
});

export const retireProgramme = defineContract({
  method: 'POST',
  path: '/api/catalogue/programmes/:id/retire',
  action: 'catalogue.write',
  tag: '培训目录',
  summary: '停用现行版本（须说明原因）',
  params: idParams,
  body: z.strictObject({ reason: z.string().trim().min(2, '请填写停用原因').max(200) }),
  response: programmeDetail,
});

/** What the public reads: the programme's content and when it took effect, nothing about who wrote it. */
export const publicProgramme = programmeSummary.omit({ id: true, status: true, effectiveTo: true, updatedAt: true, regionCode: true });
export type PublicProgramme = z.infer<typeof publicProgramme>;

export const listPublicCatalogue = defineContract({
  method: 'GET',
  path: '/api/public/catalogue',
  action: 'catalogue.public',
  tag: '培训目录',
  summary: '公开的培训目录：现行有效的项目（无需登录）',
  query: z.object({ ...pageQuery, ...catalogueFilters }),
  response: pageOf(publicProgramme),
});
