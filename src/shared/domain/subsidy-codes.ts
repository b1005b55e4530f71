import type { ClassTrainingType } from './class-codes';
import { formatFen } from './class-codes';
import type { SkillLevel } from './catalogue-codes';

/**
 * Training subsidies and fund supervision (职业培训补贴, domain §7): the code lists of standards,
 * claims, approval steps, funds, payments and the ledger. Each list is mirrored by a CHECK
 * constraint in migration 0011. Money is always integer fen.
 */

/**
 * Line-item categories of a claim. The first four are subsidisable; the contest-only ones are
 * recorded (the plan says 不含获奖奖金、差旅、食宿及杂费) but never paid from a training subsidy.
 */
export const subsidyItemCategories = [
  'tuition',
  'materials',
  'assisting_staff',
  'exam_fee',
  'prize_money',
  'travel',
  'food_lodging',
  'sundries',
] as const;
export type SubsidyItemCategory = (typeof subsidyItemCategories)[number];
export const subsidyItemCategoryLabels: Record<SubsidyItemCategory, string> = {
  tuition: '培训费',
  materials: '教材资料费',
  assisting_staff: '辅助教学人员费（手语翻译、助教等）',
  exam_fee: '考核鉴定费',
  prize_money: '获奖奖金',
  travel: '差旅费',
  food_lodging: '食宿费',
  sundries: '杂费',
};
export const subsidisableCategories: readonly SubsidyItemCategory[] = ['tuition', 'materials', 'assisting_staff', 'exam_fee'];
/** Recorded for contest training only, never subsidisable. */
export const contestOnlyCategories: readonly SubsidyItemCategory[] = ['prize_money', 'travel', 'food_lodging', 'sundries'];

export function isSubsidisable(category: SubsidyItemCategory): boolean {
  return subsidisableCategories.includes(category);
}

export interface SubsidyItem {
  category: SubsidyItemCategory;
  amountFen: number;
  note?: string | null | undefined;
}

/** The amounts of a standard per subsidisable category; `assistingStaffFen` is the uplift for assisted classes. */
export interface StandardAmounts {
  tuitionFen: number;
  materialsFen: number;
  examFeeFen: number;
  assistingStaffFen: number;
}

export function standardCeilingFen(standard: StandardAmounts, assisted: boolean): number {
  return standard.tuitionFen + standard.materialsFen + standard.examFeeFen + (assisted ? standard.assistingStaffFen : 0);
}

function ceilingOf(category: SubsidyItemCategory, standard: StandardAmounts, assisted: boolean): number {
  switch (category) {
    case 'tuition':
      return standard.tuitionFen;
    case 'materials':
      return standard.materialsFen;
    case 'exam_fee':
      return standard.examFeeFen;
    case 'assisting_staff':
      return assisted ? standard.assistingStaffFen : 0;
    default:
      return 0;
  }
}

/** The subsidisable total of a claim's items (contest-only categories count for nothing). */
export function subsidisableTotalFen(items: readonly SubsidyItem[]): number {
  return items.filter((i) => isSubsidisable(i.category)).reduce((sum, i) => sum + i.amountFen, 0);
}

/**
 * Checks a claim's line items against its standard: each subsidisable item at most the standard's
 * amount for it, the assisting-staff item only for a class that has assisting staff, the contest-only
 * categories only on contest training, each category once. Answers field issues (path under `items`).
 */
export function checkClaimItems(
  items: readonly SubsidyItem[],
  standard: StandardAmounts,
  context: { assisted: boolean; trainingType: ClassTrainingType },
): { field: string; message: string }[] {
  const issues: { field: string; message: string }[] = [];
  const seen = new Set<SubsidyItemCategory>();
  items.forEach((item, index) => {
    const field = `items.${index}.amountFen`;
    const label = subsidyItemCategoryLabels[item.category];
    if (seen.has(item.category)) issues.push({ field: `items.${index}.category`, message: `“${label}”重复填写，每类只填一行` });
    seen.add(item.category);
    if (!Number.isSafeInteger(item.amountFen) || item.amountFen < 0) {
      issues.push({ field, message: `“${label}”金额须为不小于 0 的整数（分）` });
      return;
    }
    if (contestOnlyCategories.includes(item.category)) {
      if (context.trainingType !== 'contest') issues.push({ field: `items.${index}.category`, message: `“${label}”只在竞赛集训中登记` });
      return;
    }
    if (item.category === 'assisting_staff' && !context.assisted && item.amountFen > 0) {
      issues.push({ field, message: '本班没有手语翻译或助教等辅助教学人员，不能申领辅助教学人员补贴' });
      return;
    }
    const ceiling = ceilingOf(item.category, standard, context.assisted);
    if (item.amountFen > ceiling)
      issues.push({ field, message: `“${label}”申领 ${formatFen(item.amountFen)}，与补贴标准不符：标准为 ${formatFen(ceiling)}` });
  });
  if (subsidisableTotalFen(items) <= 0) issues.push({ field: 'items', message: '请至少填写一项可补贴的金额' });
  return issues;
}

// ---------------------------------------------------------------- standards

/** Where a standard applies and when; the most specific one in force wins (see pickStandard). */
export interface StandardRule extends StandardAmounts {
  id: string;
  regionCode: string;
  regionLevel: 'province' | 'city' | 'county';
  trainingType: ClassTrainingType;
  programmeCode: string | null;
  skillLevel: SkillLevel | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  status: 'active' | 'retired';
}

export const standardStatuses = ['active', 'retired'] as const;
export const standardStatusLabels = { active: '执行中', retired: '已停用' } as const;

const levelRank = { county: 3, city: 2, province: 1 } as const;

/**
 * The standard for a class: active, in force on the date, of the class's training type, in the
 * class's county, its city or the province, for its programme or any, for its level or any. The
 * most specific wins: county over city over province, then a named programme, then a named level,
 * then the latest effective date.
 */
export function pickStandard<T extends StandardRule>(
  standards: readonly T[],
  context: {
    countyCode: string;
    cityCode: string;
    provinceCode: string;
    trainingType: ClassTrainingType;
    programmeCode: string;
    skillLevel: SkillLevel;
    on: string;
  },
): T | null {
  const regions = new Set([context.countyCode, context.cityCode, context.provinceCode]);
  const fitting = standards.filter(
    (s) =>
      s.status === 'active' &&
      regions.has(s.regionCode) &&
      s.trainingType === context.trainingType &&
      (s.programmeCode === null || s.programmeCode === context.programmeCode) &&
      (s.skillLevel === null || s.skillLevel === context.skillLevel) &&
      s.effectiveFrom <= context.on &&
      (s.effectiveTo === null || s.effectiveTo >= context.on),
  );
  fitting.sort(
    (a, b) =>
      levelRank[b.regionLevel] - levelRank[a.regionLevel] ||
      Number(b.programmeCode !== null) - Number(a.programmeCode !== null) ||
      Number(b.skillLevel !== null) - Number(a.skillLevel !== null) ||
      b.effectiveFrom.localeCompare(a.effectiveFrom),
  );
  return fitting[0] ?? null;
}

// ---------------------------------------------------------------- claims

/**
 * draft: generated for a certificate holder, the institution completes it; submitted: checked and
 * eligible, waits for the county to put it on notice; ineligible: a rule failed (the explanation is
 * stored), the institution may correct and resubmit; on_notice → noticed (period ended clean) or held
 * (an objection was upheld); county_approved → city_approved → approved (finance, fund committed);
 * batched → paid; returned to the institution at any review step; rejected; withdrawn; reversed
 * (a payment was reversed by a new ledger entry).
 */
export const claimStatuses = [
  'draft',
  'submitted',
  'ineligible',
  'on_notice',
  'held',
  'noticed',
  'county_approved',
  'city_approved',
  'approved',
  'batched',
  'paid',
  'returned',
  'rejected',
  'withdrawn',
  'reversed',
] as const;
export type ClaimStatus = (typeof claimStatuses)[number];
export const claimStatusLabels: Record<ClaimStatus, string> = {
  draft: '待提交',
  submitted: '已提交，待公示',
  ineligible: '不符合补贴条件',
  on_notice: '公示中',
  held: '异议成立，暂停办理',
  noticed: '公示期满，待县区审核',
  county_approved: '县区已审核，待市州审核',
  city_approved: '市州已审核，待财务审核',
  approved: '已审定，待支付',
  batched: '已编入支付批次',
  paid: '已支付',
  returned: '退回修改',
  rejected: '不予补贴',
  withdrawn: '已撤回',
  reversed: '已冲销',
};

/** Claims that count against a person's history: in the flow or paid (a claim twice in flight is a conflict too). */
export const countingClaimStatuses: readonly ClaimStatus[] = [
  'submitted',
  'on_notice',
  'held',
  'noticed',
  'county_approved',
  'city_approved',
  'approved',
  'batched',
  'paid',
];
/** The institution edits these and submits them. */
export const editableClaimStatuses: readonly ClaimStatus[] = ['draft', 'returned', 'ineligible'];
/** A second claim for the same training is refused while one of these exists (mirrors the unique index). */
export const openClaimStatuses: readonly ClaimStatus[] = claimStatuses.filter((s) => !['withdrawn', 'rejected', 'reversed'].includes(s));

/** The review steps after the notice, in order: who acts, at which region level. */
export const approvalSteps = ['county_review', 'city_review', 'finance_review'] as const;
export type ApprovalStep = (typeof approvalSteps)[number];
export const approvalStepLabels: Record<ApprovalStep, string> = {
  county_review: '县区残联审核',
  city_review: '市州残联复核',
  finance_review: '财务审定',
};
export const approvalStepOf: Partial<Record<ClaimStatus, ApprovalStep>> = {
  noticed: 'county_review',
  county_approved: 'city_review',
  city_approved: 'finance_review',
};
export const approvalStepRole: Record<ApprovalStep, 'reviewer' | 'finance_officer'> = {
  county_review: 'reviewer',
  city_review: 'reviewer',
  finance_review: 'finance_officer',
};
/** The level of the region whose staff take the step (the city level covers the city's county claims). */
export const approvalStepLevel: Record<ApprovalStep, 'county' | 'city'> = {
  county_review: 'county',
  city_review: 'city',
  finance_review: 'city',
};
export const approvalStepResult: Record<ApprovalStep, ClaimStatus> = {
  county_review: 'county_approved',
  city_review: 'city_approved',
  finance_review: 'approved',
};

/** Every recorded claim transition (subsidy_claim_event.command). */
export const claimCommands = [
  'generate',
  'edit',
  'submit',
  'find_ineligible',
  'withdraw',
  'put_on_notice',
  'notice_effective',
  'hold',
  'release',
  'approve',
  'return',
  'reject',
  'batch',
  'unbatch',
  'pay',
  'reverse',
] as const;
export type ClaimCommand = (typeof claimCommands)[number];
export const claimCommandLabels: Record<ClaimCommand, string> = {
  generate: '生成申领',
  edit: '修改申领',
  submit: '提交申领',
  find_ineligible: '资格核查未通过',
  withdraw: '撤回申领',
  put_on_notice: '列入公示',
  notice_effective: '公示期满',
  hold: '异议成立，暂停办理',
  release: '恢复办理',
  approve: '审核通过',
  return: '退回修改',
  reject: '不予补贴',
  batch: '编入支付批次',
  unbatch: '移出支付批次',
  pay: '支付',
  reverse: '冲销支付',
};

/** Where the person's tie to the training region comes from (户籍地、常住地、求职地). */
export const regionBases = ['hukou', 'residence', 'job_seeking'] as const;
export type RegionBasis = (typeof regionBases)[number];
export const regionBasisLabels: Record<RegionBasis, string> = { hukou: '户籍地', residence: '常住地', job_seeking: '求职地' };

/** Who receives the money: the trainee (直补个人) or the institution (购买服务). */
export const payeeKinds = ['person', 'institution'] as const;
export type PayeeKind = (typeof payeeKinds)[number];
export const payeeKindLabels: Record<PayeeKind, string> = { person: '学员本人', institution: '培训机构' };

// ---------------------------------------------------------------- funds, batches, ledger

/** Government budget lines and social donations alike are funds with a budget per region and year. */
export const fundKinds = ['budget_line', 'donation'] as const;
export type FundKind = (typeof fundKinds)[number];
export const fundKindLabels: Record<FundKind, string> = { budget_line: '财政预算资金', donation: '社会捐赠资金' };

/**
 * Ledger entries are insert-only; a correction is a new entry. budget: money put into the fund (or
 * taken out, negative); commitment: an approved claim binds money; release: a commitment given back
 * (claim rejected or reversed before payment); payment: money paid out; reversal: a payment undone.
 */
export const ledgerEntryKinds = ['budget', 'commitment', 'release', 'payment', 'reversal'] as const;
export type LedgerEntryKind = (typeof ledgerEntryKinds)[number];
export const ledgerEntryKindLabels: Record<LedgerEntryKind, string> = {
  budget: '预算下达',
  commitment: '审定占用',
  release: '释放占用',
  payment: '支付',
  reversal: '冲销',
};

export const batchStatuses = ['draft', 'paid', 'cancelled'] as const;
export type BatchStatus = (typeof batchStatuses)[number];
export const batchStatusLabels: Record<BatchStatus, string> = { draft: '待支付', paid: '已支付', cancelled: '已作废' };

/**
 * Fund position from ledger sums: budget in, committed and not yet paid, paid (net of reversals),
 * available = budget − outstanding commitments − net paid.
 */
export function fundPosition(sums: Partial<Record<LedgerEntryKind, number>>): {
  budgetFen: number;
  committedFen: number;
  paidFen: number;
  availableFen: number;
} {
  const budget = sums.budget ?? 0;
  const paid = (sums.payment ?? 0) - (sums.reversal ?? 0);
  // a payment uses up the commitment it pays; a reversal does not bring the commitment back
  const committed = (sums.commitment ?? 0) - (sums.release ?? 0) - (sums.payment ?? 0);
  return { budgetFen: budget, committedFen: committed, paidFen: paid, availableFen: budget - committed - paid };
}

// ---------------------------------------------------------------- record numbers

/** 申领编号 BT + county + year + 6-digit serial (the serial restarts nowhere: it comes from one sequence). */
export function claimNumber(countyCode: string, year: number, serial: number): string {
  return `BT${countyCode}${year}${String(serial % 1_000_000).padStart(6, '0')}`;
}

/** 公示名单编号 BTGS + county + year + 4-digit serial. */
export function noticeListNumber(countyCode: string, year: number, serial: number): string {
  return `BTGS${countyCode}${year}${String(serial % 10_000).padStart(4, '0')}`;
}

/** 支付批次编号 ZF + paying region + year + 5-digit serial. */
export function batchNumber(regionCode: string, year: number, serial: number): string {
  return `ZF${regionCode}${year}${String(serial % 100_000).padStart(5, '0')}`;
}

// ---------------------------------------------------------------- bank accounts

/** Bank card and account numbers: 8–30 digits (spaces and hyphens typed by people are dropped). */
export function normaliseBankAccount(value: string): string {
  return value.replace(/[\s-]/g, '');
}
export const bankAccountPattern = /^\d{8,30}$/;
