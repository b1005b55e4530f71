import { describe, expect, it } from 'vitest';
import { checkClaimItems, fundPosition, pickStandard, standardCeilingFen, type StandardRule, subsidisableTotalFen } from './subsidy-codes';

const place = {
  countyCode: '620102',
  cityCode: '620100',
  provinceCode: '620000',
  trainingType: 'employment_skills' as const,
  programmeCode: 'GS-DS-001',
  skillLevel: '5' as const,
  on: '2026-06-01',
};

let n = 0;
function rule(overrides: Partial<StandardRule>): StandardRule {
  n += 1;
  return {
    id: `s${n}`,
    regionCode: '620000',
    regionLevel: 'province',
    trainingType: 'employment_skills',
    programmeCode: null,
    skillLevel: null,
    effectiveFrom: '2026-01-01',
    effectiveTo: null,
    status: 'active',
    tuitionFen: 100_000,
    materialsFen: 20_000,
    examFeeFen: 30_000,
    assistingStaffFen: 50_000,
    ...overrides,
  };
}

describe('pickStandard', () => {
  const province = rule({});
  const city = rule({ regionCode: '620100', regionLevel: 'city' });
  const county = rule({ regionCode: '620102', regionLevel: 'county' });
  const otherCounty = rule({ regionCode: '620103', regionLevel: 'county' });

  it('prefers the county over the city over the province', () => {
    expect(pickStandard([province, city, county], place)?.id).toBe(county.id);
    expect(pickStandard([province, city], place)?.id).toBe(city.id);
    expect(pickStandard([province], place)?.id).toBe(province.id);
  });

  it('ignores another county, another training type, retired ones and ones for another programme or level', () => {
    expect(pickStandard([otherCounty], place)).toBeNull();
    expect(pickStandard([rule({ trainingType: 'contest' })], place)).toBeNull();
    expect(pickStandard([rule({ status: 'retired' })], place)).toBeNull();
    expect(pickStandard([rule({ programmeCode: 'GS-XX-002' })], place)).toBeNull();
    expect(pickStandard([rule({ skillLevel: '4' })], place)).toBeNull();
    expect(pickStandard([otherCounty, province], place)?.id).toBe(province.id);
  });

  it('at the same level prefers a named programme, then a named level', () => {
    const programme = rule({ programmeCode: 'GS-DS-001' });
    const level = rule({ skillLevel: '5' });
    const both = rule({ programmeCode: 'GS-DS-001', skillLevel: '5' });
    expect(pickStandard([province, level, programme], place)?.id).toBe(programme.id);
    expect(pickStandard([province, level], place)?.id).toBe(level.id);
    expect(pickStandard([province, level, programme, both], place)?.id).toBe(both.id);
    // the region level wins over the programme: a county default beats a province programme standard
    expect(pickStandard([programme, both, county], place)?.id).toBe(county.id);
  });

  it('takes only standards in force on the date, inclusive at both ends, the latest start first', () => {
    const ended = rule({ effectiveFrom: '2025-01-01', effectiveTo: '2026-05-31' });
    const future = rule({ effectiveFrom: '2026-06-02' });
    const startsToday = rule({ effectiveFrom: '2026-06-01' });
    const endsToday = rule({ effectiveFrom: '2025-06-01', effectiveTo: '2026-06-01' });
    expect(pickStandard([ended, future], place)).toBeNull();
    expect(pickStandard([ended, endsToday], place)?.id).toBe(endsToday.id);
    expect(pickStandard([endsToday, startsToday, future], place)?.id).toBe(startsToday.id);
    expect(pickStandard([ended], { ...place, on: '2026-05-31' })?.id).toBe(ended.id);
  });
});

describe('checkClaimItems', () => {
  const standard = { tuitionFen: 100_000, materialsFen: 20_000, examFeeFen: 30_000, assistingStaffFen: 50_000 };
  const plain = { assisted: false, trainingType: 'employment_skills' as const };
  const assisted = { assisted: true, trainingType: 'employment_skills' as const };

  it('accepts items up to the standard and sums only the subsidisable ones', () => {
    const items = [
      { category: 'tuition' as const, amountFen: 100_000 },
      { category: 'materials' as const, amountFen: 10_000 },
      { category: 'exam_fee' as const, amountFen: 30_000 },
    ];
    expect(checkClaimItems(items, standard, plain)).toEqual([]);
    expect(subsidisableTotalFen(items)).toBe(140_000);
  });

  it('refuses an item above its standard, naming the field and both amounts', () => {
    const issues = checkClaimItems([{ category: 'tuition', amountFen: 100_001 }], standard, plain);
    expect(issues).toEqual([{ field: 'items.0.amountFen', message: expect.stringContaining('与补贴标准不符') }]);
    expect(issues[0]!.message).toContain('1,000.01');
    expect(issues[0]!.message).toContain('1,000.00');
  });

  it('pays the assisting-staff uplift only to a class with assisting staff, and up to its amount', () => {
    const uplift = [
      { category: 'tuition' as const, amountFen: 100_000 },
      { category: 'assisting_staff' as const, amountFen: 50_000 },
    ];
    expect(checkClaimItems(uplift, standard, assisted)).toEqual([]);
    expect(checkClaimItems(uplift, standard, plain)).toEqual([
      { field: 'items.1.amountFen', message: expect.stringContaining('辅助教学人员') },
    ]);
    expect(checkClaimItems([{ category: 'assisting_staff', amountFen: 50_001 }], standard, assisted)[0]!.field).toBe('items.0.amountFen');
    expect(standardCeilingFen(standard, true)).toBe(200_000);
    expect(standardCeilingFen(standard, false)).toBe(150_000);
  });

  it('records contest-only categories on contest training, never counts them, and refuses them elsewhere', () => {
    const contestItems = [
      { category: 'tuition' as const, amountFen: 50_000 },
      { category: 'prize_money' as const, amountFen: 999_999 },
      { category: 'travel' as const, amountFen: 80_000 },
      { category: 'food_lodging' as const, amountFen: 60_000 },
      { category: 'sundries' as const, amountFen: 1_000 },
    ];
    expect(checkClaimItems(contestItems, standard, { assisted: false, trainingType: 'contest' })).toEqual([]);
    expect(subsidisableTotalFen(contestItems)).toBe(50_000);
    const issues = checkClaimItems(contestItems, standard, plain);
    expect(issues.map((i) => i.field)).toEqual(['items.1.category', 'items.2.category', 'items.3.category', 'items.4.category']);
    expect(issues[0]!.message).toContain('只在竞赛集训中登记');
  });

  it('refuses a claim with nothing subsidisable, a repeated category and a negative or fractional amount', () => {
    expect(checkClaimItems([{ category: 'prize_money', amountFen: 5 }], standard, { assisted: false, trainingType: 'contest' })).toEqual([
      { field: 'items', message: '请至少填写一项可补贴的金额' },
    ]);
    const repeated = checkClaimItems(
      [
        { category: 'tuition', amountFen: 1 },
        { category: 'tuition', amountFen: 1 },
      ],
      standard,
      plain,
    );
    expect(repeated.map((i) => i.field)).toEqual(['items.1.category']);
    expect(checkClaimItems([{ category: 'tuition', amountFen: -1 }], standard, plain)[0]!.field).toBe('items.0.amountFen');
    expect(checkClaimItems([{ category: 'tuition', amountFen: 1.5 }], standard, plain)[0]!.field).toBe('items.0.amountFen');
  });
});

describe('fundPosition', () => {
  it('is all zero for an empty ledger', () => {
    expect(fundPosition({})).toEqual({ budgetFen: 0, committedFen: 0, paidFen: 0, availableFen: 0 });
  });

  it('moves money from available to committed to paid, and a release gives it back', () => {
    expect(fundPosition({ budget: 1_000_000 })).toEqual({ budgetFen: 1_000_000, committedFen: 0, paidFen: 0, availableFen: 1_000_000 });
    expect(fundPosition({ budget: 1_000_000, commitment: 300_000 })).toEqual({
      budgetFen: 1_000_000,
      committedFen: 300_000,
      paidFen: 0,
      availableFen: 700_000,
    });
    // one of two commitments paid, the other released
    expect(fundPosition({ budget: 1_000_000, commitment: 300_000, payment: 200_000, release: 100_000 })).toEqual({
      budgetFen: 1_000_000,
      committedFen: 0,
      paidFen: 200_000,
      availableFen: 800_000,
    });
  });

  it('a reversal brings paid money back to available, not to committed; a budget cut lowers the budget', () => {
    expect(fundPosition({ budget: 1_000_000, commitment: 200_000, payment: 200_000, reversal: 200_000 })).toEqual({
      budgetFen: 1_000_000,
      committedFen: 0,
      paidFen: 0,
      availableFen: 1_000_000,
    });
    // the budget sum already carries the cut (a negative budget entry)
    expect(fundPosition({ budget: 600_000, commitment: 100_000 }).availableFen).toBe(500_000);
  });
});
