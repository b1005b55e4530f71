import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completionReasonText, completionResult, isExamScore } from './class-completion';

const rule = { passScore: 60, attendanceThreshold: 80 };

describe('the completion rule', () => {
  it('passes a trainee with a pass score and enough attendance', () => {
    expect(completionResult({ examScore: 60, examAbsent: false, attendanceRate: 80 }, rule)).toEqual({ result: 'passed', reasons: [] });
  });

  it('fails low attendance even with a good score, and says why', () => {
    const outcome = completionResult({ examScore: 95.5, examAbsent: false, attendanceRate: 66.7 }, rule);
    expect(outcome).toEqual({ result: 'failed', reasons: ['出勤率 66.7%，低于要求的 80%'] });
    expect(completionReasonText(outcome)).toBe('出勤率 66.7%，低于要求的 80%');
  });

  it('fails an absent trainee and a missing score, and lists every reason', () => {
    expect(completionResult({ examScore: null, examAbsent: true, attendanceRate: 100 }, rule).reasons).toEqual(['结业考核缺考']);
    expect(completionResult({ examScore: null, examAbsent: false, attendanceRate: 50 }, rule).reasons).toEqual([
      '没有结业考核成绩',
      '出勤率 50%，低于要求的 80%',
    ]);
    expect(completionResult({ examScore: 59.9, examAbsent: false, attendanceRate: 90 }, rule).reasons).toEqual([
      '考核成绩 59.9 分，低于合格分数 60 分',
    ]);
  });

  it('passes exactly when both halves hold', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }), fc.boolean(), (score10, rate10, absent) => {
        const score = score10 / 10;
        const rate = rate10 / 10;
        const outcome = completionResult({ examScore: score, examAbsent: absent, attendanceRate: rate }, rule);
        expect(outcome.result === 'passed').toBe(!absent && score >= 60 && rate >= 80);
        expect(outcome.reasons.length === 0).toBe(outcome.result === 'passed');
      }),
    );
  });

  it('accepts scores 0–100 with one decimal', () => {
    expect([0, 1.1, 59.9, 100].every(isExamScore)).toBe(true);
    expect([-0.1, 100.1, 60.25, Number.NaN].some(isExamScore)).toBe(false);
  });
});
