import { describe, expect, it } from 'vitest';
import {
  attendanceAnomalyExplanation,
  isAttendanceAnomaly,
  passRateOutlierExplanation,
  passRateOutliers,
  percentOf,
  sharedBankExplanation,
  sharedPhoneExplanation,
  twoPlacesExplanation,
} from './fraud-signals';

describe('the attendance anomaly line', () => {
  it('is three flagged rows or ten percent, whichever comes first', () => {
    expect(isAttendanceAnomaly(0, 0)).toBe(false);
    expect(isAttendanceAnomaly(0, 5)).toBe(false);
    expect(isAttendanceAnomaly(1, 12)).toBe(false); // 8.3 %
    expect(isAttendanceAnomaly(1, 10)).toBe(true); // 10 %
    expect(isAttendanceAnomaly(2, 100)).toBe(false);
    expect(isAttendanceAnomaly(3, 1000)).toBe(true);
    expect(percentOf(2, 3)).toBe(66.7);
    expect(percentOf(1, 0)).toBe(0);
  });

  it('explains the counts of each flag and the line', () => {
    expect(
      attendanceAnomalyExplanation({
        classNo: 'PX-1',
        className: '电商班',
        flaggedRows: 3,
        totalRows: 40,
        flagCounts: [
          { label: '甲', count: 2 },
          { label: '乙', count: 0 },
          { label: '丙', count: 1 },
        ],
      }),
    ).toBe('培训班 PX-1（电商班）的 40 条考勤记录中有 3 条带异常标记（占 7.5%；甲 2 条，丙 1 条），达到提示线：不少于 3 条或不低于 10%。');
  });
});

describe('pass-rate outliers', () => {
  const rate = (institutionId: string, examined: number, passed: number) => ({ institutionId, examined, passed });

  it('flags a rate above the mean plus two standard deviations', () => {
    const rates = [
      ...Array.from({ length: 9 }, (_, i) => rate(`i${i}`, 20, 12 + (i % 3))), // 60–70 %
      rate('high', 20, 20),
    ];
    const { statistics, outliers } = passRateOutliers(rates, 10);
    expect(statistics.institutions).toBe(10);
    expect(outliers).toEqual([{ institutionId: 'high', examined: 20, passed: 20, ratePercent: 100, rule: 'above_limit' }]);
    expect(statistics.limitPercent).toBeLessThan(100);
  });

  it('flags 100 % while the mean is below 80 %, and nothing when the mean is high', () => {
    expect(passRateOutliers([rate('a', 10, 10), rate('b', 10, 4)], 10).outliers).toEqual([
      { institutionId: 'a', examined: 10, passed: 10, ratePercent: 100, rule: 'all_passed_low_mean' },
    ]);
    expect(passRateOutliers([rate('a', 10, 10), rate('b', 10, 9), rate('c', 10, 9)], 10).outliers).toEqual([]);
  });

  it('leaves out institutions with too few examined trainees and compares nothing with fewer than two', () => {
    expect(passRateOutliers([rate('a', 9, 9), rate('b', 10, 3)], 10)).toEqual({
      statistics: { institutions: 1, meanPercent: 30, sdPercent: 0, limitPercent: 30 },
      outliers: [],
    });
    expect(passRateOutliers([], 10).outliers).toEqual([]);
  });

  it('states the rule it applied', () => {
    const { statistics, outliers } = passRateOutliers([rate('a', 10, 10), rate('b', 10, 4)], 10);
    expect(passRateOutlierExplanation({ institutionName: '甲校', outlier: outliers[0]!, statistics, min: 10 })).toBe(
      '甲校 的 10 名参加考核的学员中 10 名合格，合格率 100%；辖区内参加考核学员不少于 10 名的 2 家机构平均合格率 70%，标准差 30%。规则：平均合格率低于 80% 时全部合格即提示。',
    );
  });
});

describe('explanations', () => {
  it('name masked contacts and at most five masked names', () => {
    expect(sharedPhoneExplanation({ phoneMasked: '138****5678', names: ['张*', '李**', '王*'], min: 3 })).toBe(
      '手机号 138****5678 登记在 3 名申领补贴的学员名下（张*、李**、王*），达到 3 人的提示线。',
    );
    const names = ['甲*', '乙*', '丙*', '丁*', '戊*', '己*'];
    expect(sharedBankExplanation({ accountMasked: '6222****0011', names, claims: 7, min: 3 })).toBe(
      '银行账户 6222****0011 出现在 6 名学员的 7 笔补贴申领中（甲*、乙*、丙*、丁*、戊*等 6 人），达到 3 人的提示线。',
    );
  });

  it('tells an overlap of two classes from flagged attendance alone', () => {
    const classes = [
      { classNo: 'A', startsOn: '2026-06-01', endsOn: '2026-06-20' },
      { classNo: 'B', startsOn: '2026-06-15', endsOn: '2026-06-30' },
    ];
    expect(twoPlacesExplanation({ name: '张*', classes, flaggedRows: 0 })).toBe(
      '学员 张* 同时在册于培训班 A（2026-06-01 至 2026-06-20）和B（2026-06-15 至 2026-06-30），两班日期重叠。',
    );
    expect(twoPlacesExplanation({ name: '张*', classes, flaggedRows: 2 })).toContain('；另有“同一时间在两处签到”标记的考勤 2 条。');
    expect(twoPlacesExplanation({ name: '张*', classes: classes.slice(0, 1), flaggedRows: 3 })).toBe(
      '学员 张* 在培训班 A 有“同一时间在两处签到”标记的考勤 3 条。',
    );
  });
});
