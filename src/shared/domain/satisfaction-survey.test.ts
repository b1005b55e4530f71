import { describe, expect, it } from 'vitest';
import {
  checkSurveyAnswers,
  currentSurvey,
  overallScore,
  proportionalScore,
  satisfactionRate,
  surveyOpen,
  surveyScale,
  surveyScaleLabels,
  surveyVersion,
} from './satisfaction-survey';

const all = (score: number) => Object.fromEntries(currentSurvey.questions.map((q) => [q.key, score]));

describe('the satisfaction survey', () => {
  it('asks 6 to 8 short questions with unique keys, every scale point in words', () => {
    const { questions } = currentSurvey;
    expect(questions.length).toBeGreaterThanOrEqual(6);
    expect(questions.length).toBeLessThanOrEqual(8);
    expect(new Set(questions.map((q) => q.key)).size).toBe(questions.length);
    for (const q of questions) expect(q.text.length).toBeLessThanOrEqual(20);
    expect(surveyScale.map((s) => surveyScaleLabels[s])).toEqual(['非常不满意', '不满意', '一般', '满意', '非常满意']);
    expect(surveyVersion(1)).toBe(currentSurvey);
    expect(surveyVersion(99)).toBeNull();
  });

  it('averages the answers to two decimals', () => {
    expect(overallScore(all(5))).toBe(5);
    expect(overallScore(all(1))).toBe(1);
    const mixed = { ...all(4), content: 5, venue: 3 };
    // 4 × 5 + 5 + 3 over 7 = 28 / 7
    expect(overallScore(mixed)).toBe(4);
    expect(overallScore({ ...all(4), content: 5 })).toBe(4.14);
  });

  it('accepts a complete answer and names every missing, out-of-range or unknown one', () => {
    expect(checkSurveyAnswers(all(3))).toEqual([]);
    const { content: _c, ...missing } = all(3);
    expect(checkSurveyAnswers(missing).map((i) => i.field)).toEqual(['answers.content']);
    expect(checkSurveyAnswers({ ...all(3), teaching: 0 }).map((i) => i.field)).toEqual(['answers.teaching']);
    expect(checkSurveyAnswers({ ...all(3), teaching: 6 }).map((i) => i.field)).toEqual(['answers.teaching']);
    expect(checkSurveyAnswers({ ...all(3), teaching: 3.5 }).map((i) => i.field)).toEqual(['answers.teaching']);
    expect(checkSurveyAnswers({ ...all(3), teaching: '3' }).map((i) => i.field)).toEqual(['answers.teaching']);
    expect(checkSurveyAnswers({ ...all(3), extra: 3 }).map((i) => i.field)).toEqual(['answers.extra']);
    expect(checkSurveyAnswers({})).toHaveLength(currentSurvey.questions.length);
    expect(checkSurveyAnswers({})[0]!.message).toContain(currentSurvey.questions[0]!.text);
  });

  it('opens at completion, or on the last day of a running class', () => {
    expect(surveyOpen('running', '2026-06-10', '2026-06-09')).toBe(false);
    expect(surveyOpen('running', '2026-06-10', '2026-06-10')).toBe(true);
    for (const s of ['completion_submitted', 'completion_returned', 'completion_approved', 'closed'] as const) {
      expect(surveyOpen(s, '2026-06-10', '2026-01-01')).toBe(true);
    }
    for (const s of ['draft', 'submitted', 'approved', 'cancelled'] as const) expect(surveyOpen(s, '2026-06-10', '2026-12-01')).toBe(false);
  });

  it('suggests proportional scores', () => {
    expect(proportionalScore(0.9, 20)).toBe(18);
    expect(proportionalScore(1.2, 20)).toBe(20);
    expect(proportionalScore(-1, 20)).toBe(0);
    expect(proportionalScore(satisfactionRate(4.2), 15)).toBe(12.6);
    expect(satisfactionRate(5)).toBe(1);
  });
});
