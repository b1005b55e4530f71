import { describe, expect, it } from 'vitest';
import {
  checkEligibility,
  checkEligibilityBatch,
  type EligibilityDecision,
  type EligibilityOptions,
  type EligibilityRule,
  failedSummary,
  type Place,
  type SubsidyCandidate,
  type SubsidyHistoryEntry,
} from './subsidy-eligibility';

const chengguan: Place = { countyCode: '620102', cityCode: '620100', provinceCode: '620000', name: '甘肃省兰州市城关区' };
const qilihe: Place = { countyCode: '620103', cityCode: '620100', provinceCode: '620000', name: '甘肃省兰州市七里河区' };
const liangzhou: Place = { countyCode: '620602', cityCode: '620600', provinceCode: '620000', name: '甘肃省武威市凉州区' };
const xian: Place = { countyCode: '610113', cityCode: '610100', provinceCode: '610000', name: '陕西省西安市雁塔区' };

const options: EligibilityOptions = { yearlyCapFen: 500_000, regionMatch: 'city' };

function candidate(overrides: Partial<SubsidyCandidate> = {}): SubsidyCandidate {
  return {
    claimId: 'claim-new',
    personId: 'p1',
    enrolmentId: 'e-new',
    occupation: '电子商务师',
    skillLevel: '4',
    trainingYear: 2026,
    amountFen: 200_000,
    certificate: { number: 'PXZ2026620102000001', status: 'valid', issuedOn: '2026-09-20' },
    trainingPlace: chengguan,
    places: { hukou: chengguan, residence: null, job_seeking: null },
    otherFunding: null,
    ...overrides,
  };
}

let n = 0;
function paid(overrides: Partial<SubsidyHistoryEntry> = {}): SubsidyHistoryEntry {
  n += 1;
  return {
    claimId: `old-${n}`,
    claimNo: `BT6201032025${String(n).padStart(6, '0')}`,
    personId: 'p1',
    enrolmentId: `e-old-${n}`,
    occupation: '电子商务师',
    skillLevel: '4',
    trainingYear: 2025,
    amountFen: 200_000,
    status: 'paid',
    institutionName: '兰州市七里河区阳光职业技能培训学校',
    regionName: '七里河区',
    fundName: null,
    ...overrides,
  };
}

function rule(decision: EligibilityDecision, name: EligibilityRule) {
  return decision.rules.find((r) => r.rule === name)!;
}

describe('the certificate rule', () => {
  it('passes with a valid certificate and names it', () => {
    const outcome = rule(checkEligibility(candidate(), [], options), 'certificate');
    expect(outcome).toMatchObject({ passed: true, refs: ['PXZ2026620102000001'] });
    expect(outcome.explanation).toBe('已取得培训合格证书 PXZ2026620102000001（2026-09-20 发证）');
  });

  it('fails without a certificate, and with a revoked one', () => {
    const none = checkEligibility(candidate({ certificate: null }), [], options);
    expect(none.eligible).toBe(false);
    expect(rule(none, 'certificate')).toMatchObject({ passed: false, explanation: '该学员未取得本班培训合格证书' });
    const revoked = rule(
      checkEligibility(candidate({ certificate: { number: 'PXZ1', status: 'revoked', issuedOn: '2026-09-20' } }), [], options),
      'certificate',
    );
    expect(revoked).toMatchObject({ passed: false, explanation: '培训合格证书 PXZ1 已撤销', refs: ['PXZ1'] });
  });
});

describe('the region rule', () => {
  it('matches the hukou in the same city (the default)', () => {
    const outcome = rule(checkEligibility(candidate({ places: { hukou: qilihe } }), [], options), 'region');
    expect(outcome.passed).toBe(true);
    expect(outcome.explanation).toBe('培训地 甘肃省兰州市城关区 与户籍地 甘肃省兰州市七里河区 在同一市州');
  });

  it('matches by county only when configured so, and by province when configured so', () => {
    const byCounty = rule(checkEligibility(candidate({ places: { hukou: qilihe } }), [], { ...options, regionMatch: 'county' }), 'region');
    expect(byCounty.passed).toBe(false);
    expect(byCounty.explanation).toBe(
      '培训地 甘肃省兰州市城关区 不在学员的户籍地 甘肃省兰州市七里河区、常住地未登记、求职地未登记所在县区',
    );
    const sameCounty = rule(checkEligibility(candidate(), [], { ...options, regionMatch: 'county' }), 'region');
    expect(sameCounty).toMatchObject({ passed: true, explanation: '培训地 甘肃省兰州市城关区 与户籍地 甘肃省兰州市城关区 在同一县区' });
    const byProvince = rule(
      checkEligibility(candidate({ places: { hukou: liangzhou } }), [], { ...options, regionMatch: 'province' }),
      'region',
    );
    expect(byProvince).toMatchObject({ passed: true, explanation: '培训地 甘肃省兰州市城关区 与户籍地 甘肃省武威市凉州区 在同一省' });
  });

  it('matches the residence or the job-seeking region when the hukou is elsewhere', () => {
    const residence = rule(checkEligibility(candidate({ places: { hukou: xian, residence: qilihe } }), [], options), 'region');
    expect(residence).toMatchObject({ passed: true, explanation: '培训地 甘肃省兰州市城关区 与常住地 甘肃省兰州市七里河区 在同一市州' });
    const seeking = rule(
      checkEligibility(candidate({ places: { hukou: xian, residence: liangzhou, job_seeking: chengguan } }), [], options),
      'region',
    );
    expect(seeking).toMatchObject({ passed: true, explanation: '培训地 甘肃省兰州市城关区 与求职地 甘肃省兰州市城关区 在同一市州' });
  });

  it('fails when no tie lies in the city, listing each', () => {
    const outcome = rule(
      checkEligibility(candidate({ places: { hukou: xian, residence: liangzhou, job_seeking: null } }), [], options),
      'region',
    );
    expect(outcome.passed).toBe(false);
    expect(outcome.explanation).toBe(
      '培训地 甘肃省兰州市城关区 不在学员的户籍地 陕西省西安市雁塔区、常住地 甘肃省武威市凉州区、求职地未登记所在市州',
    );
  });
});

describe('one subsidy per occupation and level', () => {
  it('passes with no earlier subsidy of the occupation and level (another level or occupation does not count)', () => {
    const outcome = rule(
      checkEligibility(candidate(), [paid({ skillLevel: '5' }), paid({ occupation: '中式面点师' })], options),
      'one_per_level',
    );
    expect(outcome).toMatchObject({ passed: true, explanation: '此前没有“电子商务师四级/中级工”的补贴', refs: [] });
  });

  it('fails across institutions, years and regions, naming where the earlier one was paid', () => {
    const earlier = paid({ occupation: '电子商务 师' });
    const decision = checkEligibility(candidate(), [earlier], options);
    const outcome = rule(decision, 'one_per_level');
    expect(decision.eligible).toBe(false);
    expect(outcome.passed).toBe(false);
    expect(outcome.refs).toEqual([earlier.claimNo]);
    expect(outcome.explanation).toBe(
      `已有同一职业同一等级的补贴：申领 ${earlier.claimNo}（2025 年，七里河区，兰州市七里河区阳光职业技能培训学校，电子商务 师四级/中级工，2,000.00 元，已支付）`,
    );
  });

  it('does not count the claim being checked against itself, nor another person', () => {
    const own = paid({ claimId: 'claim-new', status: 'submitted' });
    const stranger = paid({ personId: 'p2' });
    expect(checkEligibility(candidate(), [own, stranger], options).eligible).toBe(true);
  });
});

describe('no lower level after a higher one', () => {
  it('refuses 三级 once 二级 or 一级 was paid, naming the claims', () => {
    const second = paid({ skillLevel: '2' });
    const first = paid({ skillLevel: '1', trainingYear: 2024 });
    const outcome = rule(checkEligibility(candidate({ skillLevel: '3' }), [second, first], options), 'no_lower_level');
    expect(outcome.passed).toBe(false);
    expect(outcome.refs).toEqual([second.claimNo, first.claimNo]);
    expect(outcome.explanation).toMatch(/^已享受较高等级的补贴：申领 BT\d+（2025 年，七里河区，.*二级\/技师.*；申领 BT\d+（2024 年/);
  });

  it('allows a higher level after a lower one', () => {
    const decision = checkEligibility(candidate({ skillLevel: '3' }), [paid({ skillLevel: '4' }), paid({ skillLevel: '5' })], options);
    expect(rule(decision, 'no_lower_level')).toMatchObject({ passed: true, explanation: '此前没有“电子商务师”高于三级/高级工的补贴' });
    expect(decision.eligible).toBe(true);
  });

  it('does not apply to training without a numbered level', () => {
    const outcome = rule(checkEligibility(candidate({ skillLevel: 'none' }), [paid({ skillLevel: '1' })], options), 'no_lower_level');
    expect(outcome.passed).toBe(true);
    expect(outcome.explanation).toContain('本条不适用');
  });
});

describe('the yearly cap', () => {
  it('passes exactly at the cap and fails one fen above it', () => {
    const before = paid({ trainingYear: 2026, occupation: '中式面点师', amountFen: 300_000 });
    const at = rule(checkEligibility(candidate({ amountFen: 200_000 }), [before], options), 'yearly_cap');
    expect(at.passed).toBe(true);
    expect(at.explanation).toBe('2026 年已有 3,000.00 元，本次 2,000.00 元，合计 5,000.00 元，上限 5,000.00 元，未超过上限');
    expect(at.refs).toEqual([before.claimNo]);
    const above = rule(checkEligibility(candidate({ amountFen: 200_001 }), [before], options), 'yearly_cap');
    expect(above.passed).toBe(false);
    expect(above.explanation).toBe('2026 年已有 3,000.00 元，本次 2,000.01 元，合计 5,000.01 元，上限 5,000.00 元，超过上限');
  });

  it('counts only the same training year', () => {
    const outcome = rule(
      checkEligibility(candidate(), [paid({ occupation: '中式面点师', amountFen: 400_000, trainingYear: 2025 })], options),
      'yearly_cap',
    );
    expect(outcome.passed).toBe(true);
    expect(outcome.refs).toEqual([]);
  });
});

describe('no second fund for the same training', () => {
  it('passes with nothing declared and no other claim on the training', () => {
    const outcome = rule(checkEligibility(candidate(), [], options), 'no_other_fund');
    expect(outcome).toMatchObject({ passed: true, explanation: '同一培训没有其他补贴，也未申报其他资金' });
  });

  it('fails when the institution declared another fund', () => {
    const outcome = rule(checkEligibility(candidate({ otherFunding: ' 人社部门职业培训补贴 ' }), [], options), 'no_other_fund');
    expect(outcome).toMatchObject({ passed: false, explanation: '培训机构申报同一培训已享受其他资金：人社部门职业培训补贴' });
  });

  it('fails when another claim exists on the same roster line, naming its fund', () => {
    const same = paid({ enrolmentId: 'e-new', occupation: '中式面点师', fundName: '省残疾人就业保障金', trainingYear: 2026 });
    const outcome = rule(checkEligibility(candidate(), [same], options), 'no_other_fund');
    expect(outcome.passed).toBe(false);
    expect(outcome.refs).toEqual([same.claimNo]);
    expect(outcome.explanation).toContain('同一培训已有补贴：');
    expect(outcome.explanation).toContain('省残疾人就业保障金');
  });
});

describe('a whole decision', () => {
  it('lists every failed rule in the summary and decides a batch against each person’s own history', () => {
    const decision = checkEligibility(candidate({ certificate: null, otherFunding: '其他资金' }), [], options);
    expect(decision.eligible).toBe(false);
    expect(failedSummary(decision)).toBe(
      '取得培训合格证书：该学员未取得本班培训合格证书；同一培训不重复享受其他资金补贴：培训机构申报同一培训已享受其他资金：其他资金',
    );
    const history = new Map([['p1', [paid()]]]);
    const [p1, p2] = checkEligibilityBatch([candidate(), candidate({ personId: 'p2', claimId: 'claim-2' })], history, options);
    expect(p1!.eligible).toBe(false);
    expect(p2!.eligible).toBe(true);
  });
});
