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
  const label = eligibilityRuleLabels.certificate;
  if (!c.certificate) return { rule: 'certificate', label, passed: false, explanation: '该学员未取得本班培训合格证书', refs: [] };
  const number = c.certificate.number;
  if (c.certificate.status !== 'valid')
    return { rule: 'certificate', label, passed: false, explanation: `培训合格证书 ${number} 已撤销`, refs: [number] };
  return {
    rule: 'certificate',
    label,
    passed: true,
    explanation: `已取得培训合格证书 ${number}（${c.certificate.issuedOn} 发证）`,
    refs: [number],
  };
}

const regionBases = ['hukou', 'residence', 'job_seeking'] as const;

function regionRule(c: SubsidyCandidate, options: EligibilityOptions): RuleOutcome {
  const label = eligibilityRuleLabels.region;
  const word = levelWord[options.regionMatch];
  for (const basis of regionBases) {
    const place = c.places[basis];
    if (place && samePlace(c.trainingPlace, place, options.regionMatch))
      // refs before passed: the key order of the stored decision stays as it was
      return {
        rule: 'region',
        label,
        refs: [],
        passed: true,
        explanation: `培训地 ${c.trainingPlace.name} 与${regionBasisLabels[basis]} ${place.name} 在同一${word}`,
      };
  }
  const listed = regionBases
    .map((basis) => `${regionBasisLabels[basis]}${c.places[basis] ? ` ${c.places[basis]!.name}` : '未登记'}`)
    .join('、');
  return { rule: 'region', label, refs: [], passed: false, explanation: `培训地 ${c.trainingPlace.name} 不在学员的${listed}所在${word}` };
}

/**
 * The candidate's history sorted into what each history rule rests on, in one pass (history order
 * kept): the rules read these instead of filtering the history once each.
 */
interface HistoryMatches {
  sameLevel: SubsidyHistoryEntry[];
  higherLevel: SubsidyHistoryEntry[];
  sameYear: SubsidyHistoryEntry[];
  sameYearFen: number;
  sameEnrolment: SubsidyHistoryEntry[];
}

function matchHistory(c: SubsidyCandidate, history: readonly SubsidyHistoryEntry[]): HistoryMatches {
  const matches: HistoryMatches = { sameLevel: [], higherLevel: [], sameYear: [], sameYearFen: 0, sameEnrolment: [] };
  const key = occupationKey(c.occupation);
  const numeric = numericLevels.has(c.skillLevel);
  const level = Number(c.skillLevel);
  for (const h of history) {
    if (h.personId !== c.personId || h.claimId === c.claimId) continue;
    if (occupationKey(h.occupation) === key) {
      if (h.skillLevel === c.skillLevel) matches.sameLevel.push(h);
      // 一级 is the highest: a smaller digit is a higher level
      if (numeric && numericLevels.has(h.skillLevel) && Number(h.skillLevel) < level) matches.higherLevel.push(h);
    }
    if (h.trainingYear === c.trainingYear) {
      matches.sameYear.push(h);
      matches.sameYearFen += h.amountFen;
    }
    if (h.enrolmentId === c.enrolmentId) matches.sameEnrolment.push(h);
  }
  return matches;
}

const claimNos = (entries: readonly SubsidyHistoryEntry[]) => entries.map((h) => h.claimNo);
const described = (entries: readonly SubsidyHistoryEntry[]) => entries.map(describe).join('；');

function onePerLevelRule(c: SubsidyCandidate, m: HistoryMatches): RuleOutcome {
  const label = eligibilityRuleLabels.one_per_level;
  if (m.sameLevel.length === 0)
    return {
      rule: 'one_per_level',
      label,
      passed: true,
      explanation: `此前没有“${c.occupation}${skillLevelLabels[c.skillLevel]}”的补贴`,
      refs: [],
    };
  return {
    rule: 'one_per_level',
    label,
    passed: false,
    explanation: `已有同一职业同一等级的补贴：${described(m.sameLevel)}`,
    refs: claimNos(m.sameLevel),
  };
}

function noLowerLevelRule(c: SubsidyCandidate, m: HistoryMatches): RuleOutcome {
  const label = eligibilityRuleLabels.no_lower_level;
  if (!numericLevels.has(c.skillLevel))
    return {
      rule: 'no_lower_level',
      label,
      passed: true,
      explanation: `${skillLevelLabels[c.skillLevel]}不分高低等级，本条不适用`,
      refs: [],
    };
  if (m.higherLevel.length === 0)
    return {
      rule: 'no_lower_level',
      label,
      passed: true,
      explanation: `此前没有“${c.occupation}”高于${skillLevelLabels[c.skillLevel]}的补贴`,
      refs: [],
    };
  return {
    rule: 'no_lower_level',
    label,
    passed: false,
    explanation: `已享受较高等级的补贴：${described(m.higherLevel)}`,
    refs: claimNos(m.higherLevel),
  };
}

function yearlyCapRule(c: SubsidyCandidate, m: HistoryMatches, options: EligibilityOptions): RuleOutcome {
  const before = m.sameYearFen;
  const after = before + c.amountFen;
  const passed = after <= options.yearlyCapFen;
  const words = `${c.trainingYear} 年已有 ${formatFen(before)}，本次 ${formatFen(c.amountFen)}，合计 ${formatFen(after)}，上限 ${formatFen(options.yearlyCapFen)}`;
  return {
    rule: 'yearly_cap',
    label: eligibilityRuleLabels.yearly_cap,
    passed,
    explanation: passed ? `${words}，未超过上限` : `${words}，超过上限`,
    refs: claimNos(m.sameYear),
  };
}

function noOtherFundRule(c: SubsidyCandidate, m: HistoryMatches): RuleOutcome {
  const label = eligibilityRuleLabels.no_other_fund;
  if (m.sameEnrolment.length > 0)
    return {
      rule: 'no_other_fund',
      label,
      passed: false,
      explanation: `同一培训已有补贴：${described(m.sameEnrolment)}`,
      refs: claimNos(m.sameEnrolment),
    };
  if (c.otherFunding && c.otherFunding.trim() !== '')
    return {
      rule: 'no_other_fund',
      label,
      passed: false,
      explanation: `培训机构申报同一培训已享受其他资金：${c.otherFunding.trim()}`,
      refs: [],
    };
  return { rule: 'no_other_fund', label, passed: true, explanation: '同一培训没有其他补贴，也未申报其他资金', refs: [] };
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
  const matches = matchHistory(candidate, history);
  const rules = [
    certificateRule(candidate),
    regionRule(candidate, options),
    onePerLevelRule(candidate, matches),
    noLowerLevelRule(candidate, matches),
    yearlyCapRule(candidate, matches, options),
    noOtherFundRule(candidate, matches),
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
  const none: readonly SubsidyHistoryEntry[] = [];
  return candidates.map((c) => checkEligibility(c, historyByPerson.get(c.personId) ?? none, options));
}

/** The failed rules in one line, for a message or an export cell. */
export function failedSummary(decision: EligibilityDecision): string {
  return decision.rules
    .filter((r) => !r.passed)
    .map((r) => `${r.label}：${r.explanation}`)
    .join('；');
}
