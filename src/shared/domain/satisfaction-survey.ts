import type { ClassStatus } from './class-status';

/**
 * The satisfaction survey (满意度评价) a trainee answers at the end of a class. Questions are short
 * and plain so that a person with an intellectual disability can follow them, and every point of
 * the scale is said in words (a number alone means little when read aloud). Answers are stored with
 * the version they were given under, so a later wording never changes what an old answer meant.
 */

export const surveyScale = [1, 2, 3, 4, 5] as const;
export type SurveyScore = (typeof surveyScale)[number];

export const surveyScaleLabels: Record<SurveyScore, string> = {
  1: '非常不满意',
  2: '不满意',
  3: '一般',
  4: '满意',
  5: '非常满意',
};

export interface SurveyQuestion {
  key: string;
  /** the question as the trainee reads or hears it */
  text: string;
  /** a short name for result tables */
  label: string;
}

export interface SurveyVersion {
  version: number;
  questions: readonly SurveyQuestion[];
  /** the most characters of the optional comment */
  commentMax: number;
}

export const surveyV1: SurveyVersion = {
  version: 1,
  questions: [
    { key: 'content', text: '学到的内容有用吗？', label: '内容有用' },
    { key: 'teaching', text: '老师讲得清楚吗？', label: '老师讲得清楚' },
    { key: 'venue', text: '上课的地方方便进出吗？', label: '场地方便进出' },
    { key: 'support', text: '手语翻译、大字材料等帮助够不够？', label: '无障碍帮助' },
    { key: 'arrangement', text: '上课时间和安排好不好？', label: '培训安排' },
    { key: 'usefulness', text: '对找工作或创业有帮助吗？', label: '就业创业帮助' },
    { key: 'overall', text: '总的来说，您满意吗？', label: '总体满意' },
  ],
  commentMax: 500,
};

/** The version new answers are given under. */
export const currentSurvey: SurveyVersion = surveyV1;

const versions: Record<number, SurveyVersion> = { 1: surveyV1 };

export function surveyVersion(version: number): SurveyVersion | null {
  return versions[version] ?? null;
}

export type SurveyAnswers = Record<string, number>;

/** The mean of all answers, two decimals (what `overall` stores and results average). */
export function overallScore(answers: SurveyAnswers, survey: SurveyVersion = currentSurvey): number {
  const scores = survey.questions.map((q) => answers[q.key] ?? 0);
  const sum = scores.reduce((a, b) => a + b, 0);
  return Math.round((sum / scores.length) * 100) / 100;
}

/** Every question answered with a whole number 1–5, no unknown keys. Issues name the question. */
export function checkSurveyAnswers(
  answers: Record<string, unknown>,
  survey: SurveyVersion = currentSurvey,
): { field: string; label: string; message: string }[] {
  const issues: { field: string; label: string; message: string }[] = [];
  survey.questions.forEach((q, i) => {
    const value = answers[q.key];
    const label = `第 ${i + 1} 题`;
    if (value === undefined || value === null) issues.push({ field: `answers.${q.key}`, label, message: `请回答“${q.text}”` });
    else if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 5) {
      issues.push({ field: `answers.${q.key}`, label, message: `“${q.text}”请从 1 到 5 中选一个` });
    }
  });
  const known = new Set(survey.questions.map((q) => q.key));
  for (const key of Object.keys(answers)) {
    if (!known.has(key)) issues.push({ field: `answers.${key}`, label: '答案', message: `问卷第 ${survey.version} 版没有题目“${key}”` });
  }
  return issues;
}

/** Class statuses in which the survey is open (a running class only from its last day on). */
export const surveyOpenStatuses: readonly ClassStatus[] = ['completion_submitted', 'completion_returned', 'completion_approved', 'closed'];

/** Whether a trainee may answer now: the class has ended (or reached completion), today in China. */
export function surveyOpen(status: ClassStatus, endsOn: string, today: string): boolean {
  return surveyOpenStatuses.includes(status) || (status === 'running' && today >= endsOn);
}

/**
 * The suggested score for a score-sheet item out of `max`, in proportion to a rate in [0, 1],
 * one decimal (the evaluator may change it).
 */
export function proportionalScore(rate: number, max: number): number {
  const bounded = Math.min(1, Math.max(0, rate));
  return Math.round(bounded * max * 10) / 10;
}

/** A satisfaction average (1–5) as a share of the full mark 5, the plain proportion an evaluator can check by hand. */
export function satisfactionRate(average: number): number {
  return average / 5;
}
