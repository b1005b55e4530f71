import type {
  ClaimTrail,
  ClassTrail,
  MoneyTrailLink,
  TrailDocument,
  TrailFact,
} from '../../../shared/contracts/fund-supervision-contracts';
import type { AttendanceRate } from '../../../shared/domain/class-attendance';
import { attendanceFlagLabels } from '../../../shared/domain/class-attendance';
import { classTrainingTypeLabels, formatFen } from '../../../shared/domain/class-codes';
import { completionResultLabels } from '../../../shared/domain/class-completion';
import { classCommandLabels, classStatusLabels } from '../../../shared/domain/class-status';
import { formatVerifyCode } from '../../../shared/domain/certificate-codes';
import { maskName } from '../../../shared/domain/masking';
import {
  approvalStepLabels,
  claimCommandLabels,
  claimStatusLabels,
  type ClaimStatus,
  ledgerEntryKindLabels,
  payeeKindLabels,
  type SubsidyItem,
  subsidisableTotalFen,
  subsidyItemCategoryLabels,
} from '../../../shared/domain/subsidy-codes';
import type { RuleOutcome } from '../../../shared/domain/subsidy-eligibility';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/database';
import type { Actor } from '../../platform/actor';
import { classForActor } from '../classes/class-access';
import { type ClaimRow, claimForActor } from '../subsidy-claims/claim-access';
import { fundSupervisionRepository as repo } from './fund-supervision.repository';

/** The attendance module's answer the trail needs (AttendanceService.ratesForClass). */
export interface AttendanceRates {
  ratesForClass(db: Db, classId: string): Promise<Map<string, AttendanceRate>>;
}

const approvedStatuses: readonly ClaimStatus[] = ['approved', 'batched', 'paid', 'reversed'];

/** YYYY-MM-DD HH:mm in China time (UTC+8, no daylight saving): how the trail states a moment. */
function chinaTime(at: Date | string | null | undefined): string {
  if (!at) return '—';
  const d = new Date(at);
  const shifted = new Date(d.getTime() + 8 * 3_600_000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
}

function isoOf(at: Date | string | null | undefined): string | undefined {
  if (!at) return undefined;
  return at instanceof Date ? at.toISOString() : at;
}

function link(key: MoneyTrailLink['key'], label: string, body: Partial<MoneyTrailLink> & { present: boolean }): MoneyTrailLink {
  const out: MoneyTrailLink = {
    key,
    label,
    present: body.present,
    facts: body.facts ?? [],
    tables: body.tables ?? [],
    documents: body.documents ?? [],
  };
  if (body.warning) out.warning = body.warning;
  if (body.at) out.at = body.at;
  return out;
}

function uniqueDocuments(documents: readonly TrailDocument[]): TrailDocument[] {
  const seen = new Set<string>();
  return documents.filter((d) => (seen.has(d.fileId) ? false : (seen.add(d.fileId), true)));
}

/**
 * The money trail (资金流向): one claim followed from the money back to the attendance, and one class
 * with every trainee's claim against its budget. Reads only; the access rules are the claim's and the
 * class's own (an institution sees its own, staff their scope).
 */
export class MoneyTrailService {
  constructor(
    private readonly db: Db,
    private readonly attendance: AttendanceRates,
  ) {}

  async claimTrail(actor: Actor, claimId: string): Promise<ClaimTrail> {
    const { row } = await claimForActor(this.db, actor, claimId);
    const person = await repo.personName(this.db, row.person_id);
    const links = await this.links(row);
    return {
      claimId: row.id,
      claimNo: row.claim_no,
      classId: row.class_id,
      status: row.status,
      statusLabel: claimStatusLabels[row.status],
      traineeMasked: person ? maskName(person.name).text : '—',
      links,
    };
  }

  /** The owner of a file listed on the claim's trail; any other file answers NOT_FOUND. */
  async claimFile(actor: Actor, claimId: string, fileId: string): Promise<{ ownerId: string }> {
    const { row } = await claimForActor(this.db, actor, claimId);
    const links = await this.links(row);
    return this.ownerOfListed(
      links.flatMap((l) => l.documents),
      fileId,
    );
  }

  async classTrail(actor: Actor, classId: string): Promise<ClassTrail> {
    const { row } = await classForActor(this.db, actor, classId);
    const klass = await repo.classWithInstitution(this.db, row.id);
    const [lines, rates, documents] = await Promise.all([
      repo.classLines(this.db, row.id),
      this.attendance.ratesForClass(this.db, row.id),
      this.classDocuments(row.id),
    ]);
    const budgetFen = Number(klass.budget_fen);
    let claimedFen = 0;
    let approvedFen = 0;
    let paidFen = 0;
    let reversedFen = 0;
    const sessions = [...rates.values()][0]?.total ?? 0;
    const rows: ClassTrail['rows'] = lines.map((l) => {
      const rate = rates.get(l.enrolment_id);
      const amount = l.amount_fen === null ? null : Number(l.amount_fen);
      const paid = Number(l.paid_fen ?? 0);
      const reversed = Number(l.reversed_fen ?? 0);
      if (amount !== null && l.claim_status && !['draft', 'withdrawn', 'rejected', 'ineligible'].includes(l.claim_status))
        claimedFen += amount;
      if (amount !== null && l.claim_status && approvedStatuses.includes(l.claim_status)) approvedFen += amount;
      paidFen += paid;
      reversedFen += reversed;
      const name = l.participant_kind === 'person' ? (l.person_name ?? '') : (l.external_name ?? '');
      return {
        enrolmentId: l.enrolment_id,
        traineeMasked: name ? maskName(name).text : '—',
        attendanceRate: rate ? rate.rate : null,
        attended: rate?.attended ?? 0,
        sessions: rate?.total ?? sessions,
        examScore: l.exam_score === null ? null : Number(l.exam_score),
        completionResult: l.completion_result,
        certificateNo: l.certificate_no,
        claimId: l.claim_id,
        claimNo: l.claim_no,
        claimStatus: l.claim_status,
        claimStatusLabel: l.claim_status ? claimStatusLabels[l.claim_status] : null,
        amountFen: amount,
        paidFen: paid,
        reversedFen: reversed,
      };
    });
    const netPaidFen = paidFen - reversedFen;
    const overBudget = netPaidFen > budgetFen || approvedFen > budgetFen;
    const budgetComparison = overBudget
      ? `已审定 ${formatFen(approvedFen)}、实际支付 ${formatFen(netPaidFen)}，超出班级预算 ${formatFen(budgetFen)}（超出 ${formatFen(Math.max(netPaidFen, approvedFen) - budgetFen)}）。`
      : `已审定 ${formatFen(approvedFen)}、实际支付 ${formatFen(netPaidFen)}，未超出班级预算 ${formatFen(budgetFen)}（预算余 ${formatFen(budgetFen - Math.max(netPaidFen, approvedFen))}）。`;
    const facts: TrailFact[] = [
      { label: '培训班编号', value: klass.class_no },
      { label: '培训班名称', value: klass.name },
      { label: '培训机构', value: klass.institution_name },
      { label: '培训类型', value: classTrainingTypeLabels[klass.training_type] },
      { label: '培训日期', value: `${klass.starts_on} 至 ${klass.ends_on}` },
      { label: '考核日期', value: klass.exam_on ?? '尚未考核' },
      { label: '班级状态', value: classStatusLabels[klass.status] },
      { label: '课次', value: `${sessions} 次` },
      { label: '班级预算', value: formatFen(budgetFen) },
    ];
    return {
      classId: klass.id,
      classNo: klass.class_no,
      name: klass.name,
      status: klass.status,
      statusLabel: classStatusLabels[klass.status],
      institutionName: klass.institution_name,
      countyCode: klass.county_code,
      facts,
      documents,
      budgetFen,
      rows,
      totals: { claimedFen, approvedFen, paidFen, reversedFen, netPaidFen, overBudget },
      budgetComparison,
    };
  }

  async classFile(actor: Actor, classId: string, fileId: string): Promise<{ ownerId: string }> {
    const { row } = await classForActor(this.db, actor, classId);
    return this.ownerOfListed(await this.classDocuments(row.id), fileId);
  }

  private async ownerOfListed(documents: readonly TrailDocument[], fileId: string): Promise<{ ownerId: string }> {
    if (!documents.some((d) => d.fileId === fileId)) throw new AppError('NOT_FOUND', '材料不存在');
    const ownerId = await repo.fileOwner(this.db, fileId);
    if (!ownerId) throw new AppError('NOT_FOUND', '材料不存在');
    return { ownerId };
  }

  /** The documents of a class: those attached to its steps and its class records (台账) with a file. */
  private async classDocuments(classId: string): Promise<TrailDocument[]> {
    const [events, records] = await Promise.all([repo.classEvents(this.db, classId), repo.classRecordFiles(this.db, classId)]);
    return uniqueDocuments([
      ...events.flatMap((e) => e.documents),
      ...records.filter((r) => r.file_id).map((r) => ({ fileId: r.file_id!, name: `${r.title}（${r.name}）` })),
    ]);
  }

  private async links(claim: ClaimRow): Promise<MoneyTrailLink[]> {
    const db = this.db;
    const [klass, classEvents, classDocs, enrolment, rates, flagged, certificate, check, claimEvents, payments, ledger] = await Promise.all(
      [
        repo.classWithInstitution(db, claim.class_id),
        repo.classEvents(db, claim.class_id),
        this.classDocuments(claim.class_id),
        repo.enrolment(db, claim.enrolment_id),
        this.attendance.ratesForClass(db, claim.class_id),
        repo.flaggedAttendance(db, claim.enrolment_id),
        repo.certificate(db, claim.certificate_id, claim.enrolment_id),
        repo.latestCheck(db, claim.id),
        repo.claimEvents(db, claim.id),
        repo.payments(db, claim.id),
        repo.ledgerOfClaim(db, claim.id),
      ],
    );
    const out: MoneyTrailLink[] = [];

    // 申领
    const items = (claim.items ?? []) as SubsidyItem[];
    out.push(
      link('claim', '申领', {
        present: true,
        at: isoOf(claim.submitted_at ?? claim.created_at),
        facts: [
          { label: '申领编号', value: claim.claim_no },
          { label: '状态', value: claimStatusLabels[claim.status] },
          { label: '职业（工种）与等级', value: `${claim.occupation}（${claim.skill_level}）` },
          { label: '可补贴金额合计', value: formatFen(subsidisableTotalFen(items)) },
          { label: '申领金额', value: formatFen(Number(claim.amount_fen)) },
          { label: '补贴标准上限', value: formatFen(Number(claim.standard_fen)) },
          { label: '适用补贴标准', value: claim.standard_id ? '已匹配' : '未匹配补贴标准' },
          { label: '收款方', value: `${payeeKindLabels[claim.payee_kind]}${claim.payee_name ? ` ${claim.payee_name}` : ''}` },
          { label: '提交时间', value: chinaTime(claim.submitted_at) },
        ],
        tables: [
          {
            caption: '申领明细',
            columns: ['类别', '金额', '说明'],
            rows: items.map((i) => [subsidyItemCategoryLabels[i.category] ?? i.category, formatFen(i.amountFen), i.note ?? '']),
          },
        ],
        documents: claim.documents ?? [],
        ...(Number(claim.amount_fen) > Number(claim.standard_fen) && Number(claim.standard_fen) > 0
          ? { warning: '申领金额超过补贴标准上限' }
          : {}),
      }),
    );

    // 培训班
    const opening = [...classEvents].reverse().find((e) => e.command === 'approve');
    out.push(
      link('class', '培训班', {
        present: true,
        at: klass.starts_on,
        facts: [
          { label: '培训班编号', value: klass.class_no },
          { label: '培训班名称', value: klass.name },
          { label: '培训机构', value: klass.institution_name },
          { label: '培训日期', value: `${klass.starts_on} 至 ${klass.ends_on}` },
          {
            label: '开班审批',
            value: opening ? `${opening.actor_name ?? '—'} 于 ${chinaTime(opening.occurred_at)} 批准开班` : '未找到开班审批记录',
          },
          { label: '班级预算', value: formatFen(Number(klass.budget_fen)) },
        ],
        tables: [
          {
            caption: '培训班办理记录',
            columns: ['操作', '办理人', '时间', '意见'],
            rows: classEvents.map((e) => [classCommandLabels[e.command], e.actor_name ?? '—', chinaTime(e.occurred_at), e.comment ?? '']),
          },
        ],
        documents: classDocs,
        ...(opening ? {} : { warning: '未找到开班审批记录' }),
      }),
    );

    // 考勤
    const rate = rates.get(claim.enrolment_id);
    const sessions = rate?.total ?? [...rates.values()][0]?.total ?? 0;
    const flaggedCount = flagged.length;
    out.push(
      link('attendance', '考勤', {
        present: sessions > 0 && (rate?.attended ?? 0) > 0,
        facts: [
          { label: '课次', value: `${sessions} 次` },
          { label: '本人出勤', value: `${rate?.attended ?? 0} 次` },
          { label: '出勤率', value: `${rate?.rate ?? 0}%` },
          { label: '出勤率要求', value: `${klass.attendance_threshold}%` },
          { label: '带异常标记的考勤', value: `${flaggedCount} 条` },
        ],
        tables:
          flaggedCount > 0
            ? [
                {
                  caption: '带异常标记的考勤',
                  columns: ['课次', '签到时间', '异常'],
                  rows: flagged.map((f) => [
                    `第 ${f.seq} 课`,
                    chinaTime(f.signed_in_at),
                    f.flags.map((x) => attendanceFlagLabels[x]).join('、'),
                  ]),
                },
              ]
            : [],
        ...(sessions === 0
          ? { warning: '培训班没有课程表记录' }
          : (rate?.attended ?? 0) === 0
            ? { warning: '没有本人的签到记录' }
            : rate && rate.rate < klass.attendance_threshold
              ? { warning: `出勤率 ${rate.rate}% 低于要求的 ${klass.attendance_threshold}%` }
              : flaggedCount > 0
                ? { warning: `${flaggedCount} 条考勤带异常标记` }
                : {}),
      }),
    );

    // 考核
    const examined = enrolment?.completion_result !== null && enrolment?.completion_result !== undefined;
    out.push(
      link('exam', '考核', {
        present: !!klass.exam_on && examined,
        ...(klass.exam_on ? { at: klass.exam_on } : {}),
        facts: [
          { label: '考核日期', value: klass.exam_on ?? '尚未考核' },
          {
            label: '成绩',
            value: enrolment?.exam_absent
              ? '缺考'
              : enrolment?.exam_score !== null && enrolment?.exam_score !== undefined
                ? String(Number(enrolment.exam_score))
                : '—',
          },
          { label: '合格分数线', value: String(klass.pass_score) },
          { label: '结业结论', value: enrolment?.completion_result ? completionResultLabels[enrolment.completion_result] : '尚无结论' },
        ],
        ...(!klass.exam_on || !examined
          ? { warning: '尚无考核结果' }
          : enrolment?.completion_result === 'failed'
            ? { warning: '结业考核不合格' }
            : {}),
      }),
    );

    // 证书
    const verifyPath = certificate ? `/verify/${formatVerifyCode(certificate.verify_code)}` : null;
    let certificateWarning: string | undefined;
    if (!certificate) certificateWarning = '没有培训合格证书';
    else if (certificate.status === 'revoked') certificateWarning = `证书已撤销：${certificate.revoked_reason ?? ''}`;
    else if (klass.exam_on && certificate.issued_on < klass.exam_on) certificateWarning = '证书日期早于考核日期';
    out.push(
      link('certificate', '证书', {
        present: !!certificate,
        ...(certificate ? { at: certificate.issued_on } : {}),
        facts: certificate
          ? [
              { label: '证书编号', value: certificate.certificate_no },
              { label: '发证日期', value: certificate.issued_on },
              { label: '状态', value: certificate.status === 'valid' ? '有效' : '已撤销' },
              { label: '查验地址', value: verifyPath! },
            ]
          : [],
        ...(certificateWarning ? { warning: certificateWarning } : {}),
      }),
    );

    // 资格核查
    const rules = (check?.rules ?? []) as RuleOutcome[];
    out.push(
      link('eligibility', '资格核查', {
        present: !!check,
        ...(check ? { at: isoOf(check.checked_at) } : {}),
        facts: check
          ? [
              { label: '核查结论', value: check.eligible ? '符合条件' : '不符合条件' },
              { label: '核查时间', value: chinaTime(check.checked_at) },
            ]
          : [],
        tables: check
          ? [
              {
                caption: '逐条核查结果',
                columns: ['规则', '结果', '说明'],
                rows: rules.map((r) => [r.label, r.passed ? '通过' : '未通过', r.explanation]),
              },
            ]
          : [],
        ...(!check ? { warning: '尚未进行资格核查' } : !check.eligible ? { warning: '最近一次资格核查未通过' } : {}),
      }),
    );

    // 公示
    const list = claim.notice_list_id ? await repo.noticeList(db, claim.notice_list_id) : undefined;
    const objections = list?.notice_id && claim.notice_line_no ? await repo.objectionsOnLine(db, list.notice_id, claim.notice_line_no) : [];
    const objectionLabels = { pending: '待处理', upheld: '异议成立', dismissed: '异议不成立' } as const;
    out.push(
      link('notice', '公示', {
        present: !!list,
        ...(list ? { at: isoOf(list.starts_at ?? list.created_at) } : {}),
        facts: list
          ? [
              { label: '公示名单编号', value: list.list_no },
              { label: '名单中的行号', value: claim.notice_line_no ? `第 ${claim.notice_line_no} 行` : '—' },
              { label: '公示期', value: list.starts_at ? `${chinaTime(list.starts_at)} 至 ${chinaTime(list.ends_at)}` : '—' },
              { label: '本行异议', value: `${objections.length} 件` },
            ]
          : [],
        tables:
          objections.length > 0
            ? [
                {
                  caption: '本行的异议及处理结果',
                  // never the lookup code: it is the objector's key to their objection, and the institution reads this trail
                  columns: ['异议', '提出时间', '处理结果', '处理理由'],
                  rows: objections.map((o, i) => [
                    `第 ${i + 1} 件`,
                    chinaTime(o.created_at),
                    objectionLabels[o.status],
                    o.decision_reason ?? '',
                  ]),
                },
              ]
            : [],
        ...(!list ? { warning: '尚未公示' } : objections.some((o) => o.status === 'upheld') ? { warning: '有成立的异议' } : {}),
      }),
    );

    // 审核
    const steps = claimEvents.filter((e) => e.step !== null || ['approve', 'return', 'reject', 'hold', 'release'].includes(e.command));
    const late = steps.filter((e) => e.late).length;
    const approvedEvent = [...claimEvents].reverse().find((e) => e.command === 'approve' && e.step === 'finance_review');
    out.push(
      link('approval', '审核', {
        present: steps.some((e) => e.command === 'approve'),
        ...(approvedEvent ? { at: isoOf(approvedEvent.occurred_at) } : {}),
        facts: [
          { label: '审核步骤', value: `${steps.length} 步` },
          { label: '逾期办理', value: `${late} 步` },
          { label: '审定时间', value: chinaTime(claim.approved_at) },
        ],
        tables: [
          {
            caption: '审核记录',
            columns: ['环节', '操作', '办理人', '时间', '办理期限', '是否逾期', '意见'],
            rows: steps.map((e) => [
              e.step ? approvalStepLabels[e.step] : '—',
              claimCommandLabels[e.command],
              e.actor_name ?? '—',
              chinaTime(e.occurred_at),
              e.due_on ?? '—',
              e.late ? '逾期' : '按期',
              e.comment ?? '',
            ]),
          },
        ],
        documents: uniqueDocuments(claimEvents.flatMap((e) => e.documents ?? [])),
        ...(steps.some((e) => e.command === 'approve') ? (late > 0 ? { warning: `${late} 步审核逾期办理` } : {}) : { warning: '尚未审核' }),
      }),
    );

    // 支付
    const payment = payments.find((p) => p.kind === 'payment');
    const reversal = payments.find((p) => p.kind === 'reversal');
    const batch = !payment && claim.batch_id ? await repo.batch(db, claim.batch_id) : undefined;
    const paymentFacts: TrailFact[] = payment
      ? [
          { label: '支付批次', value: payment.batch_no },
          { label: '凭证号', value: payment.voucher_ref },
          { label: '支付时间', value: chinaTime(payment.created_at) },
          { label: '金额', value: formatFen(Number(payment.amount_fen)) },
          { label: '收款人', value: payment.payee_name ?? '—' },
          { label: '收款账户', value: `${payment.bank_name ?? ''} ${payment.bank_account_masked ?? '—'}`.trim() },
        ]
      : batch
        ? [{ label: '支付批次', value: `${batch.batch_no}（待支付）` }]
        : [];
    if (reversal)
      paymentFacts.push(
        {
          label: '冲正',
          value: `${formatFen(Number(reversal.amount_fen))}，凭证号 ${reversal.voucher_ref}，${chinaTime(reversal.created_at)}`,
        },
        { label: '冲正原因', value: reversal.reason ?? '—' },
      );
    out.push(
      link('payment', '支付', {
        present: !!payment,
        ...(payment ? { at: isoOf(payment.created_at) } : {}),
        facts: paymentFacts,
        ...(!payment ? { warning: batch ? '已编入支付批次，尚未支付' : '尚未支付' } : reversal ? { warning: '该笔支付已冲正' } : {}),
      }),
    );

    // 台账
    out.push(
      link('ledger', '台账', {
        present: ledger.length > 0,
        ...(ledger.length > 0 ? { at: isoOf(ledger[ledger.length - 1]!.created_at) } : {}),
        facts: [{ label: '台账记录', value: `${ledger.length} 条` }],
        tables: [
          {
            caption: '资金台账记录',
            columns: ['类型', '金额', '资金', '凭证号', '时间', '摘要'],
            rows: ledger.map((l) => [
              ledgerEntryKindLabels[l.kind],
              formatFen(Number(l.amount_fen)),
              `${l.fund_name}（${l.fund_code}）`,
              l.voucher_ref ?? '—',
              chinaTime(l.created_at),
              l.memo ?? '',
            ]),
          },
        ],
        ...(ledger.length === 0
          ? { warning: '尚无台账记录' }
          : payment && !ledger.some((l) => l.kind === 'payment')
            ? { warning: '已支付但台账中没有支付记录' }
            : {}),
      }),
    );
    return out;
  }
}
