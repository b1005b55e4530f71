import { type SkillLevel, skillLevelLabels } from './catalogue-codes';
import { formatFen } from './class-codes';
import { type ClaimStatus, type RegionBasis, regionBasisLabels } from './subsidy-codes';

/**
 * The subsidy eligibility engine (domain §7; plan 四(一)): pure, and explainable. Each rule answers
 * passed or failed with a sentence an auditor can read and the claim numbers it rests on; the
 * service stores the whole decision with the claim. History is every counting claim of the person in
 * any institution, year and region (the caller loads it without the actor's scope).
 */

export const eligibilityRules = ['certificate', 'region', 'one_per_level', 'no_lower_level', 'yearly_cap', 'no_other_fund'] as const;
export type EligibilityRule = (typeof eligibilityRules)[number];
export const eligibilityRuleLabels: Record<EligibilityRule, string> = {
  certificate: '取得培训合格证书',
  region: '在户籍地、常住地或求职地参加培训',
  one_per_level: '同一职业（工种）同一等级只补贴一次',
  no_lower_level: '已享受较高等级补贴的，不再补贴较低等级',
  yearly_cap: '每人每年补贴不超过上限',
  no_other_fund: '同一培训不重复享受其他资金补贴',
};

/** How closely the training place must match the person's tie: the same county, city or province. */
export const regionMatchLevels = ['county', 'city', 'province'] as const;
export type RegionMatchLevel = (typeof regionMatchLevels)[number];

export interface Place {
  countyCode: string;
  cityCode: string;
  provinceCode: string;
  name: string;
}

export interface SubsidyCandidate {
  /** the claim being checked (excluded from its own history) */
  claimId: string | null;
  personId: string;
  enrolmentId: string;
  occupation: string;
  skillLevel: SkillLevel;
  trainingYear: number;
  amountFen: number;
  certificate: { number: string; status: 'valid' | 'revoked'; issuedOn: string } | null;
  trainingPlace: Place;
  places: Partial<Record<RegionBasis, Place | null>>;
  /** another fund the institution declared for the same training (人社、就业补助资金…) */
  otherFunding: string | null;
}

export interface SubsidyHistoryEntry {
  claimId: string;
  claimNo: string;
  personId: string;
  enrolmentId: string;
  occupation: string;
  skillLevel: SkillLevel;
  trainingYear: number;
  amountFen: number;
  status: ClaimStatus;
  /** for the explanation: where and who, readable by an auditor of another region */
  institutionName: string;
  regionName: string;
  fundName: string | null;
}

export interface EligibilityOptions {
  /** the most a person receives in one training year, in fen (SUBSIDY_YEARLY_CAP_FEN) */
  yearlyCapFen: number;
  regionMatch: RegionMatchLevel;
}

export interface RuleOutcome {
  rule: EligibilityRule;
  label: string;
  passed: boolean;
  explanation: string;
  /** claim numbers (or the certificate number) the outcome rests on */
  refs: string[];
}

export interface EligibilityDecision {
  eligible: boolean;
  rules: RuleOutcome[];
}

const numericLevels = new Set<SkillLevel>(['5', '4', '3', '2', '1']);

/** Occupation names are compared trimmed and without inner spaces (the catalogue writes them by hand). */
export function occupationKey(occupation: string): string {
  return occupation.replace(/\s+/g, '');
}

function describe(entry: SubsidyHistoryEntry): string {
  const paid = entry.status === 'paid' ? '已支付' : '正在办理';
  return `申领 ${entry.claimNo}（${entry.trainingYear} 年，${entry.regionName}，${entry.institutionName}，${entry.occupation}${skillLevelLabels[entry.skillLevel]}，${formatFen(entry.amountFen)}，${paid}${entry.fundName ? `，${entry.fundName}` : ''}）`;
}

function samePlace(a: Place, b: Place, level: RegionMatchLevel): boolean {
  if (level === 'county') return a.countyCode === b.countyCode;
  if (level === 'city') return a.cityCode === b.cityCode;
  return a.provinceCode === b.provinceCode;
}

const levelWord: Record<RegionMatchLevel, string> = { county: '县区', city: '市州', province: '省' };

function certificateRule(c: SubsidyCandidate): RuleOutcome {
  const base = { rule: 'certificate' as const, label: eligibilityRuleLabels.certificate };
  if (!c.certificate) return { ...base, passed: false, explanation: '该学员未取得本班培训合格证书', refs: [] };
  if (c.certificate.status !== 'valid')
    return { ...base, passed: false, explanation: `培训合格证书 ${c.certificate.number} 已撤销`, refs: [c.certificate.number] };
  return {
    ...base,
    passed: true,
    explanation: `已取得培训合格证书 ${c.certificate.number}（${c.certificate.issuedOn} 发证）`,
    refs: [c.certificate.number],
  };
}

function regionRule(c: SubsidyCandidate, options: EligibilityOptions): RuleOutcome {
  const base = { rule: 'region' as const, label: eligibilityRuleLabels.region, refs: [] };
  const word = levelWord[options.regionMatch];
  for (const basis of ['hukou', 'residence', 'job_seeking'] as const) {
    const place = c.places[basis];
    if (place && samePlace(c.trainingPlace, place, options.regionMatch))
      return {
        ...base,
        passed: true,
        explanation: `培训地 ${c.trainingPlace.name} 与${regionBasisLabels[basis]} ${place.name} 在同一${word}`,
      };
  }
  const listed = (['hukou', 'residence', 'job_seeking'] as const)
    .map((basis) => `${regionBasisLabels[basis]}${c.places[basis] ? ` ${c.places[basis]!.name}` : '未登记'}`)
    .join('、');
  return { ...base, passed: false, explanation: `培训地 ${c.trainingPlace.name} 不在学员的${listed}所在${word}` };
}

function onePerLevelRule(c: SubsidyCandidate, history: readonly SubsidyHistoryEntry[]): RuleOutcome {
  const base = { rule: 'one_per_level' as const, label: eligibilityRuleLabels.one_per_level };
  const key = occupationKey(c.occupation);
  const same = history.filter((h) => occupationKey(h.occupation) === key && h.skillLevel === c.skillLevel);
  if (same.length === 0)
    return { ...base, passed: true, explanation: `此前没有“${c.occupation}${skillLevelLabels[c.skillLevel]}”的补贴`, refs: [] };
  return {
    ...base,
    passed: false,
    explanation: `已有同一职业同一等级的补贴：${same.map(describe).join('；')}`,
    refs: same.map((h) => h.claimNo),
  };
}

function noLowerLevelRule(c: SubsidyCandidate, history: readonly SubsidyHistoryEntry[]): RuleOutcome {
  const base = { rule: 'no_lower_level' as const, label: eligibilityRuleLabels.no_lower_level };
  if (!numericLevels.has(c.skillLevel))
    return { ...base, passed: true, explanation: `${skillLevelLabels[c.skillLevel]}不分高低等级，本条不适用`, refs: [] };
  const key = occupationKey(c.occupation);
  // 一级 is the highest: a smaller digit is a higher level
  const higher = history.filter(
    (h) => occupationKey(h.occupation) === key && numericLevels.has(h.skillLevel) && Number(h.skillLevel) < Number(c.skillLevel),
  );
  if (higher.length === 0)
    return { ...base, passed: true, explanation: `此前没有“${c.occupation}”高于${skillLevelLabels[c.skillLevel]}的补贴`, refs: [] };
  return {
    ...base,
    passed: false,
    explanation: `已享受较高等级的补贴：${higher.map(describe).join('；')}`,
    refs: higher.map((h) => h.claimNo),
  };
}

function yearlyCapRule(c: SubsidyCandidate, history: readonly SubsidyHistoryEntry[], options: EligibilityOptions): RuleOutcome {
  const base = { rule: 'yearly_cap' as const, label: eligibilityRuleLabels.yearly_cap };
  const sameYear = history.filter((h) => h.trainingYear === c.trainingYear);
  const before = sameYear.reduce((sum, h) => sum + h.amountFen, 0);
  const after = before + c.amountFen;
  const words = `${c.trainingYear} 年已有 ${formatFen(before)}，本次 ${formatFen(c.amountFen)}，合计 ${formatFen(after)}，上限 ${formatFen(options.yearlyCapFen)}`;
  return {
    ...base,
    passed: after <= options.yearlyCapFen,
    explanation: after <= options.yearlyCapFen ? `${words}，未超过上限` : `${words}，超过上限`,
    refs: sameYear.map((h) => h.claimNo),
  };
}

function noOtherFundRule(c: SubsidyCandidate, history: readonly SubsidyHistoryEntry[]): RuleOutcome {
  const base = { rule: 'no_other_fund' as const, label: eligibilityRuleLabels.no_other_fund };
  const same = history.filter((h) => h.enrolmentId === c.enrolmentId);
  if (same.length > 0)
    return { ...base, passed: false, explanation: `同一培训已有补贴：${same.map(describe).join('；')}`, refs: same.map((h) => h.claimNo) };
  if (c.otherFunding && c.otherFunding.trim() !== '')
    return { ...base, passed: false, explanation: `培训机构申报同一培训已享受其他资金：${c.otherFunding.trim()}`, refs: [] };
  return { ...base, passed: true, explanation: '同一培训没有其他补贴，也未申报其他资金', refs: [] };
}

/**
 * Decides one candidate against the person's history (claims of any institution, year and region in
 * a counting status; the candidate's own claim is left out here). Every rule is evaluated, so the
 * explanation lists all that failed, not only the first.
 */
export function checkEligibility(
  candidate: SubsidyCandidate,
  history: readonly SubsidyHistoryEntry[],
  options: EligibilityOptions,
): EligibilityDecision {
  const others = history.filter((h) => h.personId === candidate.personId && h.claimId !== candidate.claimId);
  const rules = [
    certificateRule(candidate),
    regionRule(candidate, options),
    onePerLevelRule(candidate, others),
    noLowerLevelRule(candidate, others),
    yearlyCapRule(candidate, others, options),
    noOtherFundRule(candidate, others),
  ];
  return { eligible: rules.every((r) => r.passed), rules };
}

/**
 * Decides a batch against a history grouped by person (one load for the whole batch). Each candidate
 * is checked against the history only, not against the other candidates of the batch.
 */
export function checkEligibilityBatch(
  candidates: readonly SubsidyCandidate[],
  historyByPerson: ReadonlyMap<string, readonly SubsidyHistoryEntry[]>,
  options: EligibilityOptions,
): EligibilityDecision[] {
  return candidates.map((c) => checkEligibility(c, historyByPerson.get(c.personId) ?? [], options));
}

/** The failed rules in one line, for a message or an export cell. */
export function failedSummary(decision: EligibilityDecision): string {
  return decision.rules
    .filter((r) => !r.passed)
    .map((r) => `${r.label}：${r.explanation}`)
    .join('；');
}
