import { z } from 'zod';
import { skillLevels } from '../domain/catalogue-codes';
import { programmeCodeMessage, programmeCodePattern } from '../domain/catalogue-codes';
import { classTrainingTypes } from '../domain/class-codes';
import { standardStatuses } from '../domain/subsidy-codes';
import { defineContract, idParams, isoDateTime, pageOf, pageQuery } from './contract';

const tag = '补贴标准';
const isoDate = z.iso.date('日期格式为 YYYY-MM-DD');
const regionCode = z.string().regex(/^[0-9]{6}$/, '区域代码为 6 位数字');
/** an amount of one category in fen: at most 1,000,000 yuan */
const fen = (label: string) =>
  z
    .number(`请填写${label}（分）`)
    .int(`${label}须为整数（分）`)
    .min(0, `${label}不能小于 0`)
    .max(100_000_000, `${label}不能超过 1,000,000 元`);
const reasonText = (label: string) => z.string().trim().min(2, `请填写${label}（至少 2 个字）`).max(500, `${label}最多 500 个字`);

export const standardView = z.object({
  id: z.uuid(),
  regionCode: z.string(),
  regionName: z.string(),
  regionLevel: z.enum(['province', 'city', 'county']),
  trainingType: z.enum(classTrainingTypes),
  /** null: every programme of the type */
  programmeCode: z.string().nullable(),
  /** null: every level */
  skillLevel: z.enum(skillLevels).nullable(),
  tuitionFen: z.number().int(),
  materialsFen: z.number().int(),
  examFeeFen: z.number().int(),
  /** the uplift for classes with assisting staff */
  assistingStaffFen: z.number().int(),
  /** the ceiling of a claim in a class without and with assisting staff */
  ceilingFen: z.number().int(),
  assistedCeilingFen: z.number().int(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  status: z.enum(standardStatuses),
  /** active and in force today */
  inForce: z.boolean(),
  basis: z.string().nullable(),
  remarks: z.string().nullable(),
  createdAt: isoDateTime,
  createdByName: z.string().nullable(),
  retiredAt: isoDateTime.nullable(),
  retiredByName: z.string().nullable(),
  retiredReason: z.string().nullable(),
  /** the viewer may retire it or end it (the server decides again) */
  mayRetire: z.boolean(),
});
export type StandardView = z.infer<typeof standardView>;

export const standardListQuery = z.object({
  ...pageQuery,
  regionCode: regionCode.optional(),
  trainingType: z.enum(classTrainingTypes).optional(),
  status: z.enum(standardStatuses).optional(),
  /** in force on this date (active, effective_from ≤ on ≤ effective_to) */
  on: isoDate.optional(),
});

export const listStandards = defineContract({
  method: 'GET',
  path: '/api/subsidy-standards',
  action: 'subsidy_standards.read',
  tag,
  summary: '补贴标准列表（按区域、培训类型、状态和执行日期筛选）',
  query: standardListQuery,
  response: pageOf(standardView),
});

export const getStandard = defineContract({
  method: 'GET',
  path: '/api/subsidy-standards/:id',
  action: 'subsidy_standards.read',
  tag,
  summary: '补贴标准详情',
  params: idParams,
  response: standardView,
});

export const standardInput = z
  .strictObject({
    regionCode,
    trainingType: z.enum(classTrainingTypes, '请选择培训类型'),
    programmeCode: z
      .string()
      .trim()
      .regex(programmeCodePattern, programmeCodeMessage)
      .nullish()
      .transform((v) => v || null),
    skillLevel: z
      .enum(skillLevels, '请选择技能等级')
      .nullish()
      .transform((v) => v ?? null),
    tuitionFen: fen('培训费标准'),
    materialsFen: fen('教材资料费标准'),
    examFeeFen: fen('考核鉴定费标准'),
    assistingStaffFen: fen('辅助教学人员补贴'),
    effectiveFrom: isoDate,
    effectiveTo: isoDate.nullish().transform((v) => v ?? null),
    basis: z.string().trim().min(2, '请填写文件依据（至少 2 个字）').max(200, '文件依据最多 200 个字'),
    remarks: z
      .string()
      .trim()
      .max(500, '备注最多 500 个字')
      .nullish()
      .transform((v) => v || null),
  })
  .superRefine((v, ctx) => {
    if (v.effectiveTo && v.effectiveTo < v.effectiveFrom)
      ctx.addIssue({ code: 'custom', path: ['effectiveTo'], message: '停止执行日期不能早于开始执行日期' });
    if (v.tuitionFen + v.materialsFen + v.examFeeFen <= 0)
      ctx.addIssue({ code: 'custom', path: ['tuitionFen'], message: '培训费、教材资料费、考核鉴定费标准至少填写一项大于 0 的金额' });
  });
export type StandardInput = z.input<typeof standardInput>;

export const createStandard = defineContract({
  method: 'POST',
  path: '/api/subsidy-standards',
  action: 'subsidy_standards.write',
  tag,
  summary: '新增补贴标准：省级财务定全省默认标准，市州、县区财务只为本区域定调整标准；标准建立后不再修改',
  body: standardInput,
  response: standardView,
});

export const retireInput = z.strictObject({ reason: reasonText('停用原因') });

export const retireStandard = defineContract({
  method: 'POST',
  path: '/api/subsidy-standards/:id/retire',
  action: 'subsidy_standards.write',
  tag,
  summary: '停用补贴标准（须说明原因）',
  params: idParams,
  body: retireInput,
  response: standardView,
});

export const endInput = z.strictObject({ effectiveTo: isoDate, reason: reasonText('原因') });

export const endStandard = defineContract({
  method: 'POST',
  path: '/api/subsidy-standards/:id/end',
  action: 'subsidy_standards.write',
  tag,
  summary: '为执行中的补贴标准设定停止执行日期（之后可新增接续的标准）',
  params: idParams,
  body: endInput,
  response: standardView,
});

export const applicableQuery = z.object({
  countyCode: regionCode,
  trainingType: z.enum(classTrainingTypes, '请选择培训类型'),
  programmeCode: z.string().trim().min(1, '请填写项目编码').max(32, '项目编码最多 32 位'),
  skillLevel: z.enum(skillLevels, '请选择技能等级'),
  on: z.iso.date('适用日期格式为 YYYY-MM-DD'),
});

export const applicableStandard = defineContract({
  method: 'GET',
  path: '/api/subsidy-standards/applicable',
  action: 'subsidy_standards.read',
  tag,
  summary: '查询某县区、培训类型、项目和等级在某日适用的补贴标准及申领上限',
  query: applicableQuery,
  response: z.object({
    standard: standardView.nullable(),
    /** the claim ceiling without and with assisting staff; null when no standard applies */
    ceilingFen: z.object({ assisted: z.number().int(), notAssisted: z.number().int() }).nullable(),
  }),
});
