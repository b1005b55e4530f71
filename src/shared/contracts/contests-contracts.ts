import { z } from 'zod';
import { budgetCategories, contestAwards, contestLevels, contestStatuses, scoreRange } from '../domain/contest-codes';
import { defineContract, idParams, okResponse, pageOf, pageQuery } from './contract';
import { personSummary } from './persons-contracts';

const isoDate = z.iso.date('日期格式为 YYYY-MM-DD');
const occupation = z.string().trim().min(2, '竞赛项目（职业/工种）至少 2 个字').max(64, '竞赛项目最多 64 个字');

export const contestInput = z.strictObject({
  name: z.string().trim().min(4, '竞赛名称至少 4 个字').max(100, '竞赛名称最多 100 个字'),
  level: z.enum(contestLevels),
  occupations: z.array(occupation).min(1, '请至少填写一个竞赛项目（职业/工种）').max(30, '竞赛项目最多 30 个'),
  startsOn: isoDate,
  endsOn: isoDate,
  venue: z.string().trim().max(200, '比赛地点最多 200 个字').nullable().default(null),
  organiser: z.string().trim().min(2, '请填写主办单位').max(100, '主办单位最多 100 个字'),
  remarks: z.string().trim().max(1000).nullable().default(null),
});
export type ContestInput = z.input<typeof contestInput>;

export const contestUpdateInput = contestInput.extend({ status: z.enum(contestStatuses), version: z.number().int().min(1) });
export type ContestUpdateInput = z.input<typeof contestUpdateInput>;

export const contestSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  level: z.enum(contestLevels),
  regionCode: z.string(),
  regionName: z.string(),
  occupations: z.array(z.string()),
  startsOn: z.string(),
  endsOn: z.string(),
  venue: z.string().nullable(),
  organiser: z.string(),
  status: z.enum(contestStatuses),
  /** entrants the signed-in account may see (its own region's, or all for the organiser) */
  entrantCount: z.number().int(),
  updatedAt: z.string(),
});
export type ContestSummary = z.infer<typeof contestSummary>;

export const contestEntrant = z.object({
  id: z.uuid(),
  person: personSummary,
  occupation: z.string(),
  rank: z.number().int().nullable(),
  score: z.number().nullable(),
  award: z.enum(contestAwards).nullable(),
});
export type ContestEntrant = z.infer<typeof contestEntrant>;

export const budgetLine = z.object({
  id: z.uuid(),
  category: z.enum(budgetCategories),
  amountFen: z.number().int(),
  note: z.string().nullable(),
  subsidisable: z.boolean(),
  subsidyNote: z.string(),
});

export const contestDetail = contestSummary.extend({
  remarks: z.string().nullable(),
  version: z.number().int(),
  /** the organiser's staff: edit the contest, enter results, keep the budget */
  writable: z.boolean(),
  /** any training officer who sees the contest may enter persons of their own region */
  canEnter: z.boolean(),
  entrants: z.array(contestEntrant),
  budget: z.object({
    lines: z.array(budgetLine),
    totalFen: z.number().int(),
    subsidisableFen: z.number().int(),
  }),
});
export type ContestDetail = z.infer<typeof contestDetail>;

export const listContests = defineContract({
  method: 'GET',
  path: '/api/contests',
  action: 'contests.read',
  tag: '职业技能竞赛',
  summary: '竞赛列表（本辖区主办的和上级主办的）',
  query: z.object({
    ...pageQuery,
    q: z.string().trim().max(40).optional(),
    level: z.enum(contestLevels).optional(),
    status: z.enum(contestStatuses).optional(),
  }),
  response: pageOf(contestSummary),
});

export const getContest = defineContract({
  method: 'GET',
  path: '/api/contests/:id',
  action: 'contests.read',
  tag: '职业技能竞赛',
  summary: '竞赛详情：参赛人员（脱敏）、成绩与奖项、经费',
  params: idParams,
  response: contestDetail,
});

export const createContest = defineContract({
  method: 'POST',
  path: '/api/contests',
  action: 'contests.write',
  tag: '职业技能竞赛',
  summary: '登记竞赛（主办区域为本账号区域）',
  body: contestInput,
  response: contestDetail,
});

export const updateContest = defineContract({
  method: 'PUT',
  path: '/api/contests/:id',
  action: 'contests.write',
  tag: '职业技能竞赛',
  summary: '修改竞赛信息或状态（带版本号）',
  params: idParams,
  body: contestUpdateInput,
  response: contestDetail,
});

export const addEntrant = defineContract({
  method: 'POST',
  path: '/api/contests/:id/entrants',
  action: 'contests.write',
  tag: '职业技能竞赛',
  summary: '报名：从实名库选择参赛人员',
  params: idParams,
  body: z.strictObject({ personId: z.uuid('请从实名库选择参赛人员'), occupation }),
  response: contestDetail,
});

export const removeEntrant = defineContract({
  method: 'DELETE',
  path: '/api/contests/:id/entrants/:entrantId',
  action: 'contests.write',
  tag: '职业技能竞赛',
  summary: '撤销报名（已有成绩的不能撤销）',
  params: z.object({ id: z.uuid(), entrantId: z.uuid() }),
  response: contestDetail,
});

export const resultInput = z.strictObject({
  entrantId: z.uuid(),
  rank: z.number().int('名次须为整数').min(1, '名次须为正整数').max(10000).nullable().default(null),
  score: z
    .number()
    .min(scoreRange.min, `成绩不能小于 ${scoreRange.min}`)
    .max(scoreRange.max, `成绩不能大于 ${scoreRange.max}`)
    .multipleOf(0.01, '成绩最多两位小数')
    .nullable()
    .default(null),
  award: z.enum(contestAwards).nullable().default(null),
});

export const recordResults = defineContract({
  method: 'PUT',
  path: '/api/contests/:id/results',
  action: 'contests.write',
  tag: '职业技能竞赛',
  summary: '录入成绩与奖项：获奖人员自动列入师资库和高技能人才候选名单',
  params: idParams,
  body: z.strictObject({ results: z.array(resultInput).min(1, '请至少录入一名参赛人员的成绩').max(2000) }),
  response: contestDetail,
});

export const addBudgetLine = defineContract({
  method: 'POST',
  path: '/api/contests/:id/budget-lines',
  action: 'contests.write',
  tag: '职业技能竞赛',
  summary: '登记竞赛经费（奖金、差旅、食宿、工杂费标记为不属于培训补贴）',
  params: idParams,
  body: z.strictObject({
    category: z.enum(budgetCategories),
    amountFen: z.number().int('金额以分为单位，须为整数').min(1, '金额须大于 0').max(10_000_000_000, '金额过大'),
    note: z.string().trim().max(200).nullable().default(null),
  }),
  response: contestDetail,
});

export const removeBudgetLine = defineContract({
  method: 'DELETE',
  path: '/api/contests/:id/budget-lines/:lineId',
  action: 'contests.write',
  tag: '职业技能竞赛',
  summary: '删除一条经费',
  params: z.object({ id: z.uuid(), lineId: z.uuid() }),
  response: okResponse,
});
