import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accreditationCommands,
  accreditationStatuses,
  addDays,
  addMonths,
  allowedCommands,
  checkOutcome,
  checkScores,
  checkScoreSheet,
  checkPromotion,
  checkTierGrant,
  defaultScoreSheet,
  grantingRegion,
  lowerTiers,
  nextStatus,
  promotionTier,
  suggestOutcome,
  termCovers,
  termsOverlap,
  totalScore,
  type AccreditationCommand,
  type AccreditationStatus,
} from './accreditation';

/** Every allowed transition, written out once more by hand: the machine must say exactly this. */
const expected: Record<string, AccreditationStatus> = {
  'null apply': 'applied',
  'applied reject': 'rejected',
  'applied accredit': 'on_notice',
  'on_notice notice_effective': 'active',
  'on_notice notice_refused': 'refused',
  'on_notice notice_withdrawn': 'applied',
  'active renew': 'active',
  'active downgrade': 'active',
  'active suspend': 'suspended',
  'suspended reinstate': 'active',
  'active revoke': 'revoked',
  'suspended revoke': 'revoked',
  'active evaluate': 'active',
  'suspended evaluate': 'suspended',
  'active promote': 'active',
  'active promotion_effective': 'active',
  'active promotion_refused': 'active',
  'active promotion_withdrawn': 'active',
};

describe('the accreditation status machine', () => {
  const froms: (AccreditationStatus | null)[] = [null, ...accreditationStatuses];
  const cases = froms.flatMap((from) => accreditationCommands.map((command) => [from, command] as const));

  it.each(cases)('from %s, %s', (from: AccreditationStatus | null, command: AccreditationCommand) => {
    expect(nextStatus(from, command)).toBe(expected[`${from} ${command}`] ?? null);
  });

  it('has no way out of the end states', () => {
    for (const end of ['rejected', 'refused', 'revoked'] as const) expect(allowedCommands(end)).toEqual([]);
  });

  it('offers the page only what the machine allows, and no downgrade at the lowest tier', () => {
    expect(allowedCommands('applied')).toEqual(['reject', 'accredit']);
    expect(allowedCommands('active', 'city')).toEqual(['renew', 'downgrade', 'suspend', 'revoke', 'evaluate']);
    expect(allowedCommands('active', 'county')).toEqual(['renew', 'suspend', 'revoke', 'evaluate']);
    expect(allowedCommands('suspended', 'province')).toEqual(['reinstate', 'revoke', 'evaluate']);
    expect(allowedCommands('on_notice')).toEqual([]);
  });

  it('downgrades only to lower tiers, highest first', () => {
    expect(lowerTiers('national')).toEqual(['province', 'city', 'county']);
    expect(lowerTiers('city')).toEqual(['county']);
    expect(lowerTiers('county')).toEqual([]);
  });
});

describe('who may grant which tier', () => {
  const chengguan = [
    { code: '620000', level: 'province' as const },
    { code: '620100', level: 'city' as const },
    { code: '620102', level: 'county' as const },
  ];
  const lanzhouNewArea = [
    { code: '620000', level: 'province' as const },
    { code: '620171', level: 'city' as const },
  ];

  it('names the granting region of each tier', () => {
    expect(grantingRegion('county', chengguan)).toBe('620102');
    expect(grantingRegion('city', chengguan)).toBe('620100');
    expect(grantingRegion('province', chengguan)).toBe('620000');
    expect(grantingRegion('national', chengguan)).toBe('620000');
    // a city-level unit without counties grants both the county and the city tier
    expect(grantingRegion('county', lanzhouNewArea)).toBe('620171');
    expect(grantingRegion('city', lanzhouNewArea)).toBe('620171');
  });

  it('lets each reviewer grant only the tier of its own level, in its own region', () => {
    const county = { code: '620102', level: 'county' as const };
    const city = { code: '620100', level: 'city' as const };
    const province = { code: '620000', level: 'province' as const };
    expect(checkTierGrant(county, 'county', chengguan)).toBeNull();
    expect(checkTierGrant(county, 'city', chengguan)).toMatch(/不能认定市州级基地/);
    expect(checkTierGrant(city, 'city', chengguan)).toBeNull();
    expect(checkTierGrant(city, 'county', chengguan)).toMatch(/只能认定本辖区机构的市州级基地/);
    expect(checkTierGrant(province, 'province', chengguan)).toBeNull();
    expect(checkTierGrant(province, 'national', chengguan)).toBeNull();
    expect(checkTierGrant(province, 'county', chengguan)).not.toBeNull();
    // a sibling county's reviewer grants nothing here
    expect(checkTierGrant({ code: '620103', level: 'county' }, 'county', chengguan)).not.toBeNull();
    // another city's reviewer neither
    expect(checkTierGrant({ code: '620500', level: 'city' }, 'city', chengguan)).not.toBeNull();
  });
});

describe('promotion (晋级)', () => {
  const chengguan = [
    { code: '620000', level: 'province' as const },
    { code: '620100', level: 'city' as const },
    { code: '620102', level: 'county' as const },
  ];
  const lanzhouNewArea = [
    { code: '620000', level: 'province' as const },
    { code: '620171', level: 'city' as const },
  ];
  const county = { code: '620102', level: 'county' as const };
  const city = { code: '620100', level: 'city' as const };
  const province = { code: '620000', level: 'province' as const };

  it('goes one tier up, and not past the province tier', () => {
    expect(promotionTier('county')).toBe('city');
    expect(promotionTier('city')).toBe('province');
    expect(promotionTier('province')).toBeNull();
    expect(promotionTier('national')).toBeNull();
  });

  it('is taken by the region of the next tier up: the city for a county-tier base, the province for a city-tier one', () => {
    expect(checkPromotion(city, 'active', 'county', 'city', chengguan)).toBeNull();
    expect(checkPromotion(province, 'active', 'city', 'province', chengguan)).toBeNull();
    // a city-level unit without counties grants both tiers, so its own staff promote
    expect(checkPromotion({ code: '620171', level: 'city' }, 'active', 'county', 'city', lanzhouNewArea)).toBeNull();
  });

  it('refuses the wrong reviewer, in Chinese', () => {
    // the county cannot promote its own base to the city tier
    expect(checkPromotion(county, 'active', 'county', 'city', chengguan)).toBe(
      '晋升为市州级基地须由该基地所在地的市州审核机关决定，本账号所在区域不能晋级该基地',
    );
    // another city, and the province for a county-tier base
    expect(checkPromotion({ code: '620500', level: 'city' }, 'active', 'county', 'city', chengguan)).toMatch(/不能晋级该基地/);
    expect(checkPromotion(city, 'active', 'city', 'province', chengguan)).toMatch(/不能晋级该基地/);
  });

  it('refuses skipping a tier, the top tiers and bases that are not active', () => {
    expect(checkPromotion(province, 'active', 'county', 'province', chengguan)).toBe(
      '只能逐级晋升：县区级基地只能晋升为市州级基地，不能晋升为省级基地',
    );
    expect(checkPromotion(city, 'active', 'county', 'county', chengguan)).toMatch(/只能逐级晋升/);
    expect(checkPromotion(province, 'active', 'province', 'national', chengguan)).toMatch(/省级基地不能在本系统晋级/);
    expect(checkPromotion(city, 'suspended', 'county', 'city', chengguan)).toBe('当前状态“暂停”不能晋级，只有已挂牌的基地可以晋级');
    expect(checkPromotion(city, 'on_notice', 'county', 'city', chengguan)).toMatch(/公示中/);
    expect(checkPromotion(city, 'applied', null, 'city', chengguan)).toMatch(/待审核/);
  });

  it('is never among the managing region’s own commands', () => {
    for (const status of accreditationStatuses) expect(allowedCommands(status, 'county')).not.toContain('promote');
  });
});

describe('terms', () => {
  const date = fc
    .date({ min: new Date('2020-01-01'), max: new Date('2035-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const term = fc.tuple(date, date).map(([a, b]) => (a <= b ? { start: a, end: b } : { start: b, end: a }));

  it('overlap when they share a day, both ends inclusive', () => {
    expect(termsOverlap({ start: '2024-01-01', end: '2026-12-31' }, { start: '2026-12-31', end: '2029-12-31' })).toBe(true);
    expect(termsOverlap({ start: '2024-01-01', end: '2026-12-30' }, { start: '2026-12-31', end: '2029-12-31' })).toBe(false);
  });

  it('overlap symmetrically, and exactly when some day lies in both (property)', () => {
    fc.assert(
      fc.property(term, term, date, (a, b, day) => {
        expect(termsOverlap(a, b)).toBe(termsOverlap(b, a));
        if (termCovers(a, day) && termCovers(b, day)) expect(termsOverlap(a, b)).toBe(true);
        // a term that ends the day before another starts never overlaps it
        expect(termsOverlap(a, { start: addDays(a.end, 1), end: addDays(a.end, 400) })).toBe(false);
      }),
    );
  });

  it('add months on the calendar, the 31st falling on a short month’s last day', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2025-03-15', -12)).toBe('2024-03-15');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
  });
});

describe('the score sheet', () => {
  const sheet = defaultScoreSheet;

  it('adds to 100 and suggests by its thresholds', () => {
    expect(sheet.items.reduce((s, i) => s + i.maxScore, 0)).toBe(100);
    expect(suggestOutcome(sheet, 80)).toBe('keep');
    expect(suggestOutcome(sheet, 79.5)).toBe('downgrade');
    expect(suggestOutcome(sheet, 70)).toBe('downgrade');
    expect(suggestOutcome(sheet, 65)).toBe('suspend');
    expect(suggestOutcome(sheet, 59.9)).toBe('revoke');
  });

  it('refuses scores out of range, missing or unknown, naming the item', () => {
    const full = Object.fromEntries(sheet.items.map((i) => [i.key, i.maxScore]));
    expect(checkScores(sheet, full)).toEqual([]);
    expect(checkScores(sheet, { ...full, facilities: 21 })).toEqual([
      { field: 'scores.facilities', message: '“场地设施与无障碍环境”的得分须在 0 到 20 之间' },
    ]);
    expect(checkScores(sheet, { ...full, trainers: -1 })[0]!.field).toBe('scores.trainers');
    const { employment: _left, ...missing } = full;
    expect(checkScores(sheet, missing)[0]!.message).toBe('请填写“就业创业成效”的得分');
    expect(checkScores(sheet, { ...full, bonus: 5 })[0]!.field).toBe('scores.bonus');
  });

  it('totals every valid score sheet within 0..max (property)', () => {
    const scores = fc.tuple(...sheet.items.map((i) => fc.integer({ min: 0, max: i.maxScore * 2 }).map((n) => n / 2)));
    fc.assert(
      fc.property(scores, (values) => {
        const given = Object.fromEntries(sheet.items.map((item, i) => [item.key, values[i]!]));
        expect(checkScores(sheet, given)).toEqual([]);
        const total = totalScore(given);
        expect(total).toBeGreaterThanOrEqual(0);
        expect(total).toBeLessThanOrEqual(100);
      }),
    );
  });

  it('checks a new sheet: unique keys, descending thresholds within the total', () => {
    expect(checkScoreSheet(sheet)).toEqual([]);
    expect(checkScoreSheet({ ...sheet, items: [...sheet.items, sheet.items[0]!] })[0]!.message).toMatch(/重复/);
    expect(checkScoreSheet({ ...sheet, thresholds: { keepMin: 70, downgradeMin: 70, suspendMin: 60 } })[0]!.field).toBe(
      'thresholds.downgradeMin',
    );
    expect(checkScoreSheet({ ...sheet, thresholds: { keepMin: 120, downgradeMin: 70, suspendMin: 60 } })[0]!.field).toBe(
      'thresholds.keepMin',
    );
  });

  it('applies a decision only where the machine allows it', () => {
    expect(checkOutcome('keep', 'active', 'county')).toBeNull();
    expect(checkOutcome('downgrade', 'active', 'city')).toBeNull();
    expect(checkOutcome('downgrade', 'active', 'county')).toMatch(/不能再降级/);
    expect(checkOutcome('suspend', 'suspended', 'city')).toMatch(/不能暂停/);
    expect(checkOutcome('revoke', 'suspended', 'city')).toBeNull();
  });
});
