import type { RegionLevel } from './regions';

/**
 * Base accreditation (挂牌认定) and its graded, dynamic management (分级动态管理): the one source
 * of tiers, base kinds, statuses and transitions. The server enforces these rules; the browser
 * uses the same functions to show only the actions that are allowed.
 */

/** 挂牌级别. National accreditation is not granted here: province staff record it. */
export const accreditationTiers = ['county', 'city', 'province', 'national'] as const;
export type AccreditationTier = (typeof accreditationTiers)[number];

export const accreditationTierLabels: Record<AccreditationTier, string> = {
  county: '县区级',
  city: '市州级',
  province: '省级',
  national: '国家级（备案）',
};

/** Higher number, higher tier: a downgrade moves to a lower one. */
export const tierRank: Record<AccreditationTier, number> = { county: 1, city: 2, province: 3, national: 4 };

/** 基地类别: the plan's special kinds beside the general vocational training base. */
export const baseKinds = ['general', 'blind_massage', 'intangible_heritage', 'practice_internship'] as const;
export type BaseKind = (typeof baseKinds)[number];

export const baseKindLabels: Record<BaseKind, string> = {
  general: '残疾人职业培训基地',
  blind_massage: '盲人按摩培训基地',
  intangible_heritage: '非遗传承培训基地',
  practice_internship: '实习实训基地',
};

export const accreditationStatuses = ['applied', 'rejected', 'on_notice', 'refused', 'active', 'suspended', 'revoked'] as const;
export type AccreditationStatus = (typeof accreditationStatuses)[number];

export const accreditationStatusLabels: Record<AccreditationStatus, string> = {
  applied: '待审核',
  rejected: '审核未通过',
  on_notice: '公示中',
  refused: '公示未通过',
  active: '已挂牌',
  suspended: '暂停',
  revoked: '已摘牌',
};

/**
 * What can happen to an accreditation. `notice_effective` and `notice_refused` are the public
 * notice's outcomes (no person takes them); `evaluate` records a periodic evaluation whose decision
 * may itself renew nothing, downgrade, suspend or revoke.
 */
export const accreditationCommands = [
  'apply',
  'reject',
  'accredit',
  'notice_effective',
  'notice_refused',
  'notice_withdrawn',
  'renew',
  'downgrade',
  'suspend',
  'reinstate',
  'revoke',
  'evaluate',
  'promote',
  'promotion_effective',
  'promotion_refused',
  'promotion_withdrawn',
] as const;
export type AccreditationCommand = (typeof accreditationCommands)[number];

export const accreditationCommandLabels: Record<AccreditationCommand, string> = {
  apply: '提交挂牌申请',
  reject: '审核不予挂牌',
  accredit: '审核通过，挂牌并公示',
  notice_effective: '公示期满无异议，挂牌生效',
  notice_refused: '公示异议成立，不予挂牌',
  notice_withdrawn: '公示撤回，退回待审核',
  renew: '续期',
  downgrade: '降级',
  suspend: '暂停',
  reinstate: '恢复',
  revoke: '摘牌',
  evaluate: '定期评估',
  promote: '晋级（升级）并公示',
  promotion_effective: '晋级公示期满无异议，晋级生效',
  promotion_refused: '晋级公示异议成立，维持原级别',
  promotion_withdrawn: '晋级公示撤回，维持原级别',
};

/** The status machine: from which status a command may start, and where it leads. */
const transitions: Record<AccreditationCommand, { from: readonly (AccreditationStatus | null)[]; to: AccreditationStatus | 'same' }> = {
  apply: { from: [null], to: 'applied' },
  reject: { from: ['applied'], to: 'rejected' },
  accredit: { from: ['applied'], to: 'on_notice' },
  notice_effective: { from: ['on_notice'], to: 'active' },
  notice_refused: { from: ['on_notice'], to: 'refused' },
  notice_withdrawn: { from: ['on_notice'], to: 'applied' },
  renew: { from: ['active'], to: 'active' },
  downgrade: { from: ['active'], to: 'active' },
  suspend: { from: ['active'], to: 'suspended' },
  reinstate: { from: ['suspended'], to: 'active' },
  revoke: { from: ['active', 'suspended'], to: 'revoked' },
  evaluate: { from: ['active', 'suspended'], to: 'same' },
  // a promotion keeps the base active at its tier while the promotion is on notice
  promote: { from: ['active'], to: 'active' },
  promotion_effective: { from: ['active'], to: 'active' },
  promotion_refused: { from: ['active'], to: 'active' },
  promotion_withdrawn: { from: ['active'], to: 'active' },
};

/** The status a command leads to from `from`, or null when the command is not allowed there. */
export function nextStatus(from: AccreditationStatus | null, command: AccreditationCommand): AccreditationStatus | null {
  const rule = transitions[command];
  if (!rule.from.includes(from)) return null;
  return rule.to === 'same' ? from : rule.to;
}

/** Commands that staff take by hand (the notice outcomes and the application are not among them). */
export const staffCommands = ['reject', 'accredit', 'renew', 'downgrade', 'suspend', 'reinstate', 'revoke', 'evaluate', 'promote'] as const;
export type StaffCommand = (typeof staffCommands)[number];

/**
 * The staff commands the managing region may take from a status, in the order a page shows them.
 * A promotion is not among them: the region of the next tier up takes it (see `checkPromotion`).
 */
export function allowedCommands(status: AccreditationStatus, tier: AccreditationTier | null = null): StaffCommand[] {
  return staffCommands.filter(
    (c) => c !== 'promote' && nextStatus(status, c) !== null && !(c === 'downgrade' && tier !== null && lowerTiers(tier).length === 0),
  );
}

/** The tiers below a tier, highest first (what a downgrade may choose). */
export function lowerTiers(tier: AccreditationTier): AccreditationTier[] {
  return accreditationTiers.filter((t) => tierRank[t] < tierRank[tier]).reverse();
}

/** Statuses whose term blocks another overlapping term of the same institution and base kind. */
export const termHoldingStatuses: readonly AccreditationStatus[] = ['on_notice', 'active', 'suspended'];

// ---------------------------------------------------------------------------------------------
// who may grant which tier

/** The region level whose staff decide a tier (national: recorded by the province). */
export const tierRegionLevel: Record<AccreditationTier, RegionLevel> = {
  county: 'county',
  city: 'city',
  province: 'province',
  national: 'province',
};

/**
 * The region that grants a tier to an institution in a county-level unit: the unit itself for the
 * county tier, its city-level unit for the city tier, the province above that. `unitPath` is the
 * unit's path from the province down (province, city[, county]). A city-level unit without counties
 * (兰州新区, 甘肃矿区) is its own county-level unit, so its staff grant both the county and the city tier.
 */
export function grantingRegion(tier: AccreditationTier, unitPath: readonly { code: string; level: RegionLevel }[]): string | null {
  const unit = unitPath[unitPath.length - 1];
  if (!unit) return null;
  if (tier === 'county') return unit.code;
  if (tier === 'city') return unitPath.find((r) => r.level === 'city')?.code ?? null;
  return unitPath.find((r) => r.level === 'province')?.code ?? null;
}

/**
 * Whether a reviewer whose account sits in `reviewerRegion` may grant `tier` to an institution in
 * the unit with path `unitPath`: only the tier of the reviewer's own level, only where the reviewer's
 * region is the granting region. Answers null when allowed, else a Chinese reason.
 */
export function checkTierGrant(
  reviewerRegion: { code: string; level: RegionLevel },
  tier: AccreditationTier,
  unitPath: readonly { code: string; level: RegionLevel }[],
): string | null {
  const granting = grantingRegion(tier, unitPath);
  if (granting === null) return '无法确定该机构所在区域的审核机关';
  if (granting !== reviewerRegion.code) {
    const own = accreditationTierLabels[tierForLevel(reviewerRegion.level)];
    return `本账号所在区域只能认定本辖区机构的${own}基地，不能认定${accreditationTierLabels[tier]}基地`;
  }
  return null;
}

/** The tier a region level grants by default (the national tier is recorded by the province). */
export function tierForLevel(level: RegionLevel): AccreditationTier {
  return level === 'county' ? 'county' : level === 'city' ? 'city' : 'province';
}

// ---------------------------------------------------------------------------------------------
// promotion (晋级): the dynamic half of 分级动态管理, the reverse of a downgrade

/**
 * The tier a promotion leads to: one step up, county → city → province. The national tier is not
 * granted here (province staff record it), so a province-tier base is not promoted in this system.
 */
export function promotionTier(tier: AccreditationTier): AccreditationTier | null {
  return tier === 'county' ? 'city' : tier === 'city' ? 'province' : null;
}

/**
 * Whether a reviewer whose account sits in `reviewerRegion` may promote a base in `status` at
 * `tier` (in the unit with path `unitPath`) to `target`: only an active base, only one tier up, and
 * only by the region that grants the target tier there (a city reviewer for a county-tier base in
 * its city, the province for a city-tier base). Answers null when allowed, else a Chinese reason.
 */
export function checkPromotion(
  reviewerRegion: { code: string; level: RegionLevel },
  status: AccreditationStatus,
  tier: AccreditationTier | null,
  target: AccreditationTier,
  unitPath: readonly { code: string; level: RegionLevel }[],
): string | null {
  if (nextStatus(status, 'promote') === null || tier === null) {
    return `当前状态“${accreditationStatusLabels[status]}”不能晋级，只有已挂牌的基地可以晋级`;
  }
  const next = promotionTier(tier);
  if (next === null) return `${accreditationTierLabels[tier]}基地不能在本系统晋级（国家级由省级备案）`;
  if (target !== next) {
    return `只能逐级晋升：${accreditationTierLabels[tier]}基地只能晋升为${accreditationTierLabels[next]}基地，不能晋升为${accreditationTierLabels[target]}基地`;
  }
  const granting = grantingRegion(target, unitPath);
  if (granting === null) return '无法确定该基地所在区域的审核机关';
  if (granting !== reviewerRegion.code) {
    return `晋升为${accreditationTierLabels[target]}基地须由该基地所在地的${accreditationTierLabels[target].replace(/级$/, '')}审核机关决定，本账号所在区域不能晋级该基地`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// terms

export interface Term {
  /** 'YYYY-MM-DD', both ends inclusive */
  start: string;
  end: string;
}

/** Two inclusive date ranges share at least one day. ISO dates compare as strings. */
export function termsOverlap(a: Term, b: Term): boolean {
  return a.start <= b.end && b.start <= a.end;
}

export function checkTerm(term: Term): string | null {
  if (term.end < term.start) return '有效期结束日期不能早于开始日期';
  return null;
}

/** Adds whole days to an ISO date (UTC arithmetic: no time zone can shift the day). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Adds whole months to an ISO date; the 31st of a shorter month falls on its last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

/** An active base counts on a day when its term covers the day. */
export function termCovers(term: Term, day: string): boolean {
  return term.start <= day && day <= term.end;
}

// ---------------------------------------------------------------------------------------------
// evaluation score sheet (评估评分表)

export const evaluationOutcomes = ['keep', 'downgrade', 'suspend', 'revoke'] as const;
export type EvaluationOutcome = (typeof evaluationOutcomes)[number];

export const evaluationOutcomeLabels: Record<EvaluationOutcome, string> = {
  keep: '保留（维持现级别）',
  downgrade: '降级',
  suspend: '暂停',
  revoke: '摘牌',
};

export interface ScoreSheetItem {
  key: string;
  label: string;
  maxScore: number;
}

export interface ScoreSheet {
  version: number;
  items: ScoreSheetItem[];
  /** the lowest total for each outcome; below `suspendMin` the suggestion is revoke */
  thresholds: { keepMin: number; downgradeMin: number; suspendMin: number };
}

/** Checks a sheet a province officer edits: keys unique, scores positive, thresholds descending within the total. */
export function checkScoreSheet(sheet: Omit<ScoreSheet, 'version'>): { field: string; message: string }[] {
  const issues: { field: string; message: string }[] = [];
  if (sheet.items.length === 0) issues.push({ field: 'items', message: '评分表至少要有一个评分项' });
  const keys = new Set<string>();
  sheet.items.forEach((item, i) => {
    if (keys.has(item.key)) issues.push({ field: `items.${i}.key`, message: `评分项代码“${item.key}”重复` });
    keys.add(item.key);
  });
  const total = maxTotal(sheet);
  const { keepMin, downgradeMin, suspendMin } = sheet.thresholds;
  if (keepMin > total) issues.push({ field: 'thresholds.keepMin', message: `保留分数线不能高于满分 ${total}` });
  if (!(keepMin > downgradeMin && downgradeMin > suspendMin)) {
    issues.push({ field: 'thresholds.downgradeMin', message: '分数线须依次降低：保留 > 降级 > 暂停' });
  }
  return issues;
}

export function maxTotal(sheet: Pick<ScoreSheet, 'items'>): number {
  return sheet.items.reduce((sum, item) => sum + item.maxScore, 0);
}

/** Scores against a sheet: every item scored, each within 0..max. Issues name the item. */
export function checkScores(sheet: ScoreSheet, scores: Record<string, number>): { field: string; message: string }[] {
  const issues: { field: string; message: string }[] = [];
  for (const item of sheet.items) {
    const score = scores[item.key];
    if (score === undefined) issues.push({ field: `scores.${item.key}`, message: `请填写“${item.label}”的得分` });
    else if (!Number.isFinite(score) || score < 0 || score > item.maxScore) {
      issues.push({ field: `scores.${item.key}`, message: `“${item.label}”的得分须在 0 到 ${item.maxScore} 之间` });
    }
  }
  const known = new Set(sheet.items.map((i) => i.key));
  for (const key of Object.keys(scores)) {
    if (!known.has(key)) issues.push({ field: `scores.${key}`, message: `评分表第 ${sheet.version} 版没有评分项“${key}”` });
  }
  return issues;
}

export function totalScore(scores: Record<string, number>): number {
  return Math.round(Object.values(scores).reduce((sum, s) => sum + s, 0) * 10) / 10;
}

/** The outcome the sheet suggests for a total; the reviewer decides and gives a reason. */
export function suggestOutcome(sheet: ScoreSheet, total: number): EvaluationOutcome {
  const { keepMin, downgradeMin, suspendMin } = sheet.thresholds;
  if (total >= keepMin) return 'keep';
  if (total >= downgradeMin) return 'downgrade';
  if (total >= suspendMin) return 'suspend';
  return 'revoke';
}

/** The command an evaluation decision takes (keep changes nothing). */
export function outcomeCommand(outcome: EvaluationOutcome): 'downgrade' | 'suspend' | 'revoke' | null {
  return outcome === 'keep' ? null : outcome;
}

/** Whether a decision can be applied to an accreditation in a status at a tier. */
export function checkOutcome(outcome: EvaluationOutcome, status: AccreditationStatus, tier: AccreditationTier): string | null {
  const command = outcomeCommand(outcome);
  if (command === null) return null;
  if (nextStatus(status, command) === null) {
    return `当前状态“${accreditationStatusLabels[status]}”不能${accreditationCommandLabels[command]}`;
  }
  if (command === 'downgrade' && lowerTiers(tier).length === 0) return '县区级基地不能再降级，可选择暂停或摘牌';
  return null;
}

/** The default sheet the migration seeds (version 1); province staff publish later versions. */
export const defaultScoreSheet: ScoreSheet = {
  version: 1,
  items: [
    { key: 'facilities', label: '场地设施与无障碍环境', maxScore: 20 },
    { key: 'trainers', label: '师资队伍', maxScore: 15 },
    { key: 'management', label: '培训组织与管理制度', maxScore: 15 },
    { key: 'completion', label: '培训完成情况（结业率）', maxScore: 20 },
    { key: 'satisfaction', label: '学员满意度', maxScore: 15 },
    { key: 'employment', label: '就业创业成效', maxScore: 15 },
  ],
  thresholds: { keepMin: 80, downgradeMin: 70, suspendMin: 60 },
};

/** Plaque numbers (牌匾编号): letters, digits and dashes, as the federation prints them. */
export const plaqueNumberPattern = /^[A-Za-z0-9\u4e00-\u9fa5][A-Za-z0-9\u4e00-\u9fa5〔〕()（）-]{2,39}$/;
