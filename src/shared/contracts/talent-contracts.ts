import { z } from 'zod';
import { candidateKinds, candidateStatuses, contestAwards, contestLevels } from '../domain/contest-codes';
import { apprenticeshipStatuses, talentCategories } from '../domain/talent-codes';
import { defineContract, idParams, okResponse, pageOf, pageQuery } from './contract';
import { personSummary } from './persons-contracts';

const isoDate = z.iso.date('日期格式为 YYYY-MM-DD');
const regionCode = z.string().regex(/^\d{6}$/, '区域代码为 6 位数字');

export const talentMember = z.object({
  id: z.uuid(),
  person: personSummary,
  categories: z.array(z.enum(talentCategories)),
  specialty: z.string(),
  evidence: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type TalentMember = z.infer<typeof talentMember>;

export const talentMemberInput = z.strictObject({
  personId: z.uuid('请从实名库选择人员'),
  categories: z.array(z.enum(talentCategories)).min(1, '请至少选择一个人才类别').max(talentCategories.length),
  specialty: z.string().trim().min(2, '请填写技能专长，至少 2 个字').max(100, '技能专长最多 100 个字'),
  evidence: z.string().trim().max(1000, '认定依据最多 1000 个字').nullable().default(null),
});

export const listTalentMembers = defineContract({
  method: 'GET',
  path: '/api/talent/members',
  action: 'talent.read',
  tag: '高技能人才',
  summary: '高技能人才名册（按管辖区域）',
  query: z.object({
    ...pageQuery,
    q: z.string().trim().max(40).optional(),
    category: z.enum(talentCategories).optional(),
    regionCode: regionCode.optional(),
  }),
  response: pageOf(talentMember),
});

export const addTalentMember = defineContract({
  method: 'POST',
  path: '/api/talent/members',
  action: 'talent.write',
  tag: '高技能人才',
  summary: '纳入高技能人才名册',
  body: talentMemberInput,
  response: talentMember,
});

export const updateTalentMember = defineContract({
  method: 'PUT',
  path: '/api/talent/members/:id',
  action: 'talent.write',
  tag: '高技能人才',
  summary: '修改名册信息（带版本号）',
  params: idParams,
  body: talentMemberInput.omit({ personId: true }).extend({ version: z.number().int().min(1) }),
  response: talentMember,
});

export const removeTalentMember = defineContract({
  method: 'POST',
  path: '/api/talent/members/:id/remove',
  action: 'talent.write',
  tag: '高技能人才',
  summary: '移出名册（须说明原因；进行中的带徒结对不受影响）',
  params: idParams,
  body: z.strictObject({ reason: z.string().trim().min(2, '请填写移出原因').max(200) }),
  response: okResponse,
});

export const talentCandidate = z.object({
  id: z.uuid(),
  kind: z.enum(candidateKinds),
  status: z.enum(candidateStatuses),
  person: personSummary,
  contestId: z.uuid(),
  contestName: z.string(),
  contestLevel: z.enum(contestLevels),
  occupation: z.string(),
  award: z.enum(contestAwards),
  decisionNote: z.string().nullable(),
  createdAt: z.string(),
});
export type TalentCandidate = z.infer<typeof talentCandidate>;

export const listCandidates = defineContract({
  method: 'GET',
  path: '/api/talent/candidates',
  action: 'talent.read',
  tag: '高技能人才',
  summary: '竞赛获奖人员候选名单（师资库候选、高技能人才候选）',
  query: z.object({ ...pageQuery, kind: z.enum(candidateKinds).optional(), status: z.enum(candidateStatuses).default('open') }),
  response: pageOf(talentCandidate),
});

export const decideCandidate = defineContract({
  method: 'POST',
  path: '/api/talent/candidates/:id/decide',
  action: 'talent.write',
  tag: '高技能人才',
  summary: '处理候选人：纳入（高技能人才候选纳入名册）或不予纳入',
  params: idParams,
  body: z.strictObject({
    decision: z.enum(['accepted', 'dismissed']),
    note: z.string().trim().max(200).nullable().default(null),
  }),
  response: talentCandidate,
});

export const apprenticeshipProgress = z.object({
  id: z.uuid(),
  recordedOn: z.string(),
  note: z.string(),
  milestone: z.string().nullable(),
  recordedBy: z.string().nullable(),
});

export const apprenticeship = z.object({
  id: z.uuid(),
  masterMemberId: z.uuid().nullable(),
  masterName: z.string(),
  apprentice: personSummary,
  craft: z.string(),
  startedOn: z.string(),
  goals: z.string(),
  status: z.enum(apprenticeshipStatuses),
  endedOn: z.string().nullable(),
  milestonesReached: z.number().int(),
  lastProgressOn: z.string().nullable(),
  updatedAt: z.string(),
});
export type Apprenticeship = z.infer<typeof apprenticeship>;

export const apprenticeshipDetail = apprenticeship.extend({
  progress: z.array(apprenticeshipProgress),
  writable: z.boolean(),
});
export type ApprenticeshipDetail = z.infer<typeof apprenticeshipDetail>;

export const listApprenticeships = defineContract({
  method: 'GET',
  path: '/api/talent/apprenticeships',
  action: 'talent.read',
  tag: '高技能人才',
  summary: '带徒传技：师徒结对列表',
  query: z.object({ ...pageQuery, status: z.enum(apprenticeshipStatuses).optional() }),
  response: pageOf(apprenticeship),
});

export const getApprenticeship = defineContract({
  method: 'GET',
  path: '/api/talent/apprenticeships/:id',
  action: 'talent.read',
  tag: '高技能人才',
  summary: '师徒结对详情与进展',
  params: idParams,
  response: apprenticeshipDetail,
});

export const createApprenticeship = defineContract({
  method: 'POST',
  path: '/api/talent/apprenticeships',
  action: 'talent.write',
  tag: '高技能人才',
  summary: '登记师徒结对（师傅为名册人员或填写姓名，徒弟为实名库人员）',
  body: z.strictObject({
    masterMemberId: z.uuid().nullable().default(null),
    masterName: z.string().trim().max(64, '师傅姓名最多 64 个字').nullable().default(null),
    apprenticePersonId: z.uuid('请从实名库选择徒弟'),
    craft: z.string().trim().min(2, '请填写传授的技艺，至少 2 个字').max(100, '技艺最多 100 个字'),
    startedOn: isoDate,
    goals: z.string().trim().min(2, '请填写带徒目标，至少 2 个字').max(1000, '带徒目标最多 1000 个字'),
  }),
  response: apprenticeshipDetail,
});

export const recordProgress = defineContract({
  method: 'POST',
  path: '/api/talent/apprenticeships/:id/progress',
  action: 'talent.write',
  tag: '高技能人才',
  summary: '记录带徒进展（日期、情况、达成的阶段目标）',
  params: idParams,
  body: z.strictObject({
    recordedOn: isoDate,
    note: z.string().trim().min(2, '请填写进展情况，至少 2 个字').max(1000, '进展情况最多 1000 个字'),
    milestone: z.string().trim().max(100, '阶段目标最多 100 个字').nullable().default(null),
  }),
  response: apprenticeshipDetail,
});

export const closeApprenticeship = defineContract({
  method: 'POST',
  path: '/api/talent/apprenticeships/:id/close',
  action: 'talent.write',
  tag: '高技能人才',
  summary: '结束结对：出师或终止',
  params: idParams,
  body: z.strictObject({ status: z.enum(['completed', 'ended']), endedOn: isoDate }),
  response: apprenticeshipDetail,
});
