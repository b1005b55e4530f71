import { z } from 'zod';
import { classStatuses } from '../domain/class-status';
import { defineContract, isoDateTime } from './contract';

const tag = '满意度评价';

const classParams = z.object({ id: z.uuid() });

export const surveyQuestionView = z.object({ key: z.string(), text: z.string(), label: z.string() });

export const surveyView = z.object({
  version: z.number().int(),
  questions: z.array(surveyQuestionView),
  /** each point of the scale with its words, 1 (非常不满意) … 5 (非常满意) */
  scale: z.array(z.object({ value: z.number().int(), label: z.string() })),
  commentMax: z.number().int(),
});
export type SurveyView = z.infer<typeof surveyView>;

// ---------------------------------------------------------------------------------------------
// the trainee's own survey

export const mySurveyItem = z.object({
  classId: z.uuid(),
  classNo: z.string(),
  className: z.string(),
  institutionName: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
});
export type MySurveyItem = z.infer<typeof mySurveyItem>;

export const listMySurveys = defineContract({
  method: 'GET',
  path: '/api/my/surveys',
  action: 'satisfaction.answer',
  tag,
  summary: '等我评价的培训班',
  response: z.object({ items: z.array(mySurveyItem) }),
});

export const mySurvey = mySurveyItem.extend({
  /** the survey may be answered now (the class has ended) */
  open: z.boolean(),
  /** why it is not open yet, in plain words */
  notOpenReason: z.string().nullable(),
  answered: z.boolean(),
  answeredAt: isoDateTime.nullable(),
  survey: surveyView,
});
export type MySurvey = z.infer<typeof mySurvey>;

export const getMySurvey = defineContract({
  method: 'GET',
  path: '/api/my/classes/:id/survey',
  action: 'satisfaction.answer',
  tag,
  summary: '我的培训班满意度问卷（题目和是否已评价）',
  params: classParams,
  response: mySurvey,
});

export const surveyAnswerInput = z.strictObject({
  /** the survey version the questions were shown under */
  surveyVersion: z.number().int().min(1),
  /** { questionKey: 1–5 }; every question of the version answered (checked by the service, naming the question) */
  answers: z.record(z.string().max(40), z.unknown()),
  comment: z.string().trim().max(500, '意见建议最多 500 字').nullable().default(null),
});
export type SurveyAnswerInput = z.input<typeof surveyAnswerInput>;

export const surveyAnswered = z.object({ ok: z.literal(true), answeredAt: isoDateTime });

export const answerMySurvey = defineContract({
  method: 'POST',
  path: '/api/my/classes/:id/survey',
  action: 'satisfaction.answer',
  tag,
  summary: '提交我的满意度评价（每个培训班一次）',
  params: classParams,
  body: surveyAnswerInput,
  response: surveyAnswered,
});

// ---------------------------------------------------------------------------------------------
// assisted: a training officer enters the answers with a trainee who asks for help

export const assistedRosterLine = z.object({
  enrolmentId: z.uuid(),
  /** masked: the officer confirms the person in front of them, the list does not expose the roster */
  name: z.string(),
  answered: z.boolean(),
});

export const listAssistedRoster = defineContract({
  method: 'GET',
  path: '/api/classes/:id/satisfaction/roster',
  action: 'satisfaction.answer',
  tag,
  summary: '可代为填写满意度评价的学员（只显示是否已评价，不显示答案）',
  params: classParams,
  response: z.object({ open: z.boolean(), notOpenReason: z.string().nullable(), items: z.array(assistedRosterLine) }),
});

export const answerAssistedSurvey = defineContract({
  method: 'POST',
  path: '/api/classes/:id/enrolments/:enrolmentId/survey',
  action: 'satisfaction.answer',
  tag,
  summary: '培训专干陪同学员代为填写满意度评价',
  params: z.object({ id: z.uuid(), enrolmentId: z.uuid() }),
  body: surveyAnswerInput,
  response: surveyAnswered,
});

// ---------------------------------------------------------------------------------------------
// results

export const questionResult = z.object({
  key: z.string(),
  label: z.string(),
  text: z.string(),
  average: z.number().nullable(),
  /** answers per scale point, index 0 = 1 (非常不满意) … index 4 = 5 (非常满意) */
  distribution: z.array(z.number().int()),
});

export const classSatisfaction = z.object({
  classId: z.uuid(),
  surveyVersion: z.number().int(),
  enrolled: z.number().int(),
  responses: z.number().int(),
  /** percent of enrolled trainees who answered, one decimal; null with nobody enrolled */
  responseRate: z.number().nullable(),
  assisted: z.number().int(),
  overallAverage: z.number().nullable(),
  /** overall scores rounded to the nearest point: index 0 = 1 … index 4 = 5 */
  overallDistribution: z.array(z.number().int()),
  questions: z.array(questionResult),
  /** comments without names, newest first */
  comments: z.array(z.object({ text: z.string(), submittedOn: z.string() })),
});
export type ClassSatisfaction = z.infer<typeof classSatisfaction>;

export const getClassSatisfaction = defineContract({
  method: 'GET',
  path: '/api/classes/:id/satisfaction',
  action: 'satisfaction.read',
  tag,
  summary: '培训班满意度评价结果（匿名）',
  params: classParams,
  response: classSatisfaction,
});

export const satisfactionGroupings = ['institution', 'programme'] as const;
export type SatisfactionGrouping = (typeof satisfactionGroupings)[number];

export const satisfactionSummaryQuery = z.object({
  groupBy: z.enum(satisfactionGroupings).default('institution'),
  year: z.coerce.number().int().min(2000, '年度须在 2000 年以后').max(2100, '年度须在 2100 年以前').optional(),
});
export type SatisfactionSummaryQuery = z.input<typeof satisfactionSummaryQuery>;

export const satisfactionGroupRow = z.object({
  key: z.string(),
  name: z.string(),
  /** classes of the year that started (running or later, not cancelled) */
  classes: z.number().int(),
  enrolled: z.number().int(),
  responses: z.number().int(),
  overallAverage: z.number().nullable(),
  /** passed / enrolled over the classes whose completion was approved or that are closed, percent */
  completionRate: z.number().nullable(),
  completedClasses: z.number().int(),
});
export type SatisfactionGroupRow = z.infer<typeof satisfactionGroupRow>;

export const getSatisfactionSummary = defineContract({
  method: 'GET',
  path: '/api/satisfaction/summary',
  action: 'satisfaction.read',
  tag,
  summary: '满意度与结业率汇总（按培训机构或培训项目）',
  query: satisfactionSummaryQuery,
  response: z.object({
    year: z.number().int(),
    groupBy: z.enum(satisfactionGroupings),
    rows: z.array(satisfactionGroupRow),
    total: satisfactionGroupRow.omit({ key: true, name: true }),
  }),
});

// ---------------------------------------------------------------------------------------------
// the feed into base evaluation

export const classResultLine = z.object({
  id: z.uuid(),
  classNo: z.string(),
  name: z.string(),
  status: z.enum(classStatuses),
  startsOn: z.string(),
  endsOn: z.string(),
  enrolled: z.number().int(),
  passed: z.number().int(),
  /** completion approved or closed: its pass results count in the completion rate */
  completed: z.boolean(),
  responses: z.number().int(),
  overallAverage: z.number().nullable(),
});

export const scoreSuggestion = z.object({
  itemKey: z.string(),
  label: z.string(),
  maxScore: z.number(),
  /** null when there is nothing to base it on: the evaluator scores it by hand */
  score: z.number().nullable(),
  explanation: z.string(),
});
export type ScoreSuggestion = z.infer<typeof scoreSuggestion>;

export const accreditationClassResults = z.object({
  accreditationId: z.uuid(),
  institutionName: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  /** what the period starts from: the last evaluation, or the accreditation */
  periodBasis: z.enum(['evaluation', 'accreditation']),
  classes: z.number().int(),
  completedClasses: z.number().int(),
  /** distinct people enrolled (registered persons and external participants) */
  trainees: z.number().int(),
  enrolled: z.number().int(),
  /** enrolled in the completed classes (completion approved or closed): the completion rate's base */
  completedEnrolled: z.number().int(),
  /** passed in the completed classes */
  passed: z.number().int(),
  completionRate: z.number().nullable(),
  responses: z.number().int(),
  satisfactionAverage: z.number().nullable(),
  suggestions: z.array(scoreSuggestion),
  classList: z.array(classResultLine),
});
export type AccreditationClassResults = z.infer<typeof accreditationClassResults>;

export const getAccreditationClassResults = defineContract({
  method: 'GET',
  path: '/api/accreditations/:id/class-results',
  action: 'accreditation.read',
  tag,
  summary: '基地评估参考：评估期内培训班的结业率和满意度，及评分建议',
  params: classParams,
  response: accreditationClassResults,
});
