import { describe, expect, it } from 'vitest';
import { addMonths, addWorkingDays, formatFen, periodCodeOf, trainingYearOf } from './class-codes';
import { checkSubmissionLead, isReviewOverdue, reviewDueOn } from './class-status';

describe('addMonths', () => {
  it('clamps to the last day of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
  });

  it('crosses a year end', () => {
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
  });
});

describe('periodCodeOf', () => {
  it('is short up to exactly one month', () => {
    expect(periodCodeOf('2026-03-10', '2026-03-10')).toBe('short');
    expect(periodCodeOf('2026-03-10', '2026-04-10')).toBe('short');
  });

  it('is medium one day past a month, and up to exactly six months', () => {
    expect(periodCodeOf('2026-03-10', '2026-04-11')).toBe('medium');
    expect(periodCodeOf('2026-03-10', '2026-09-10')).toBe('medium');
  });

  it('is long beyond six months', () => {
    expect(periodCodeOf('2026-03-10', '2026-09-11')).toBe('long');
  });

  it('counts months across a year end', () => {
    expect(periodCodeOf('2026-12-20', '2027-01-20')).toBe('short');
    expect(periodCodeOf('2026-12-20', '2027-01-21')).toBe('medium');
    expect(periodCodeOf('2026-12-20', '2027-06-20')).toBe('medium');
    expect(periodCodeOf('2026-12-20', '2027-06-21')).toBe('long');
  });
});

describe('trainingYearOf', () => {
  it('is the start year, also for a class that runs into the next year', () => {
    expect(trainingYearOf('2026-12-20')).toBe(2026);
    expect(trainingYearOf('2027-01-02')).toBe(2027);
  });
});

describe('addWorkingDays', () => {
  it('skips a weekend', () => {
    // 2026-11-27 is a Friday
    expect(addWorkingDays('2026-11-27', 1)).toBe('2026-11-30');
    expect(addWorkingDays('2026-11-27', 5)).toBe('2026-12-04');
  });

  it('skips a holiday', () => {
    // Thursday 1 Oct as a holiday: Wed + 2 working days lands on Monday
    expect(addWorkingDays('2026-09-30', 2, { holidays: ['2026-10-01', '2026-10-02'] })).toBe('2026-10-06');
  });

  it('counts an adjusted working weekend', () => {
    // Saturday 28 Nov 2026 declared a working day
    expect(addWorkingDays('2026-11-27', 1, { workingWeekends: ['2026-11-28'] })).toBe('2026-11-28');
    expect(addWorkingDays('2026-11-27', 2, { workingWeekends: ['2026-11-28'] })).toBe('2026-11-30');
  });
});

describe('checkSubmissionLead', () => {
  const rules = { submitLeadDays: 15 };

  it('accepts an application 15 days before the start', () => {
    expect(checkSubmissionLead('2026-12-16', '2026-12-01', rules)).toBeNull();
  });

  it('refuses one 14 days before, naming the last day it could be filed', () => {
    expect(checkSubmissionLead('2026-12-15', '2026-12-01', rules)).toBe(
      '开班申请须在开班前至少 15 天提交（本班开班日期 2026-12-15，最迟 2026-11-30 提交）',
    );
  });
});

describe('reviewDueOn', () => {
  it('is five working days after submission, over a weekend', () => {
    // submitted Wednesday 2 Dec 2026: Thu, Fri, Mon, Tue, Wed
    expect(reviewDueOn('2026-12-02', { submitLeadDays: 15, reviewWorkingDays: 5 })).toBe('2026-12-09');
  });

  it('uses the holiday calendar', () => {
    expect(reviewDueOn('2026-12-02', { submitLeadDays: 15, reviewWorkingDays: 5, holidays: ['2026-12-07'] })).toBe('2026-12-10');
  });
});

describe('isReviewOverdue', () => {
  it('is on time on the due day and overdue the day after', () => {
    expect(isReviewOverdue('2026-12-09', '2026-12-09')).toBe(false);
    expect(isReviewOverdue('2026-12-09', '2026-12-10')).toBe(true);
    expect(isReviewOverdue(null, '2026-12-10')).toBe(false);
  });
});

describe('formatFen', () => {
  it('shows yuan with two decimals', () => {
    expect(formatFen(3_000_005)).toBe('30,000.05 元');
  });
});
