import type { z } from 'zod';
import type {
  AccreditationClassResults,
  ClassSatisfaction,
  MySurvey,
  MySurveyItem,
  SatisfactionGroupRow,
  ScoreSuggestion,
  SurveyView,
} from '../../../shared/contracts/satisfaction-contracts';
import type * as contracts from '../../../shared/contracts/satisfaction-contracts';
import type { ContractResponse } from '../../../shared/contracts/contract';
import { classStatusLabels, type ClassStatus } from '../../../shared/domain/class-status';
import { maskName } from '../../../shared/domain/masking';
import { todayInChina } from '../../../shared/domain/person-validation';
import {
  checkSurveyAnswers,
  currentSurvey,
  overallScore,
  proportionalScore,
  satisfactionRate,
  surveyOpen,
  surveyOpenStatuses,
  surveyScale,
  surveyScaleLabels,
  surveyVersion,
  type SurveyVersion,
} from '../../../shared/domain/satisfaction-survey';
import { AppError, fieldIssue, validationFailed } from '../../../shared/errors';
import { type Db, uniqueViolation } from '../../db/database';
import { type Actor, scopeCodes } from '../../platform/actor';
import { actorEvent, type AuditTrail } from '../../platform/audit-trail';
import type { RequestMeta } from '../../platform/request-context';
import type { AccreditationService } from '../accreditation/accreditation.service';
import { classForActor, institutionOfActor, requireFederation } from '../classes/class-access';
import { type ClassAggregateRow, type MySurveyRow, satisfactionRepository as repo } from './satisfaction.repository';

type AnswerInput = z.output<typeof contracts.surveyAnswerInput>;
type SummaryQuery = z.output<typeof contracts.satisfactionSummaryQuery>;
type Summary = ContractResponse<typeof contracts.getSatisfactionSummary>;

export interface SatisfactionOptions {
  /** "now" (tests fix it); today is taken in China */
  clock?: () => Date;
}

/** Classes that started: they count in the yearly summary. */
const startedStatuses: readonly ClassStatus[] = ['running', ...surveyOpenStatuses];
/** Classes whose pass results are final: they count in the completion rate. */
const completedStatuses: readonly ClassStatus[] = ['completion_approved', 'closed'];

const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;
const percent = (part: number, whole: number) => (whole > 0 ? round1((part / whole) * 100) : null);

function surveyView(survey: SurveyVersion): SurveyView {
  return {
    version: survey.version,
    questions: survey.questions.map((q) => ({ key: q.key, text: q.text, label: q.label })),
    scale: surveyScale.map((value) => ({ value, label: surveyScaleLabels[value] })),
    commentMax: survey.commentMax,
  };
}

function notOpenReason(status: ClassStatus, endsOn: string, today: string): string | null {
  if (surveyOpen(status, endsOn, today)) return null;
  if (status === 'running') return `培训班 ${endsOn} 结束，结束后就可以评价。`;
  if (status === 'cancelled') return '这个培训班已取消，不需要评价。';
  return `培训班还没有开始或还在审核中（${classStatusLabels[status]}），结束后就可以评价。`;
}

interface Totals {
  classes: number;
  completedClasses: number;
  enrolled: number;
  /** enrolled and passed over the completed classes only */
  completedEnrolled: number;
  passed: number;
  responses: number;
  overallSum: number;
}

function addUp(rows: readonly ClassAggregateRow[]): Totals {
  const totals: Totals = { classes: 0, completedClasses: 0, enrolled: 0, completedEnrolled: 0, passed: 0, responses: 0, overallSum: 0 };
  for (const row of rows) {
    totals.classes++;
    totals.enrolled += row.enrolled;
    totals.responses += row.responses;
    totals.overallSum += row.overall_sum;
    if (completedStatuses.includes(row.status)) {
      totals.completedClasses++;
      totals.completedEnrolled += row.enrolled;
      totals.passed += row.passed;
    }
  }
  return totals;
}

function groupFigures(totals: Totals): Omit<SatisfactionGroupRow, 'key' | 'name'> {
  return {
    classes: totals.classes,
    enrolled: totals.enrolled,
    responses: totals.responses,
    overallAverage: totals.responses > 0 ? round2(totals.overallSum / totals.responses) : null,
    completionRate: percent(totals.passed, totals.completedEnrolled),
    completedClasses: totals.completedClasses,
  };
}

/**
 * The satisfaction survey (满意度评价): trainees answer once per roster line when their class ends,
 * on their own account or with a training officer beside them; results per class, institution and
 * programme; and the class results a base evaluation reads (completion rate and satisfaction, with
 * suggested scores for the score sheet). Answers are never shown with a name.
 */
export class SatisfactionService {
  constructor(
    readonly db: Db,
    private readonly audit: AuditTrail,
    private readonly accreditation: AccreditationService,
    private readonly options: SatisfactionOptions = {},
  ) {}

  today(): string {
    return todayInChina(this.options.clock?.() ?? new Date());
  }

  // -------------------------------------------------------------------------------------------
  // the trainee

  private async personOf(actor: Actor): Promise<string | null> {
    return actor.kind === 'trainee' ? repo.personOfAccount(this.db, actor.userId) : null;
  }

  private item(row: MySurveyRow): MySurveyItem {
    return {
      classId: row.class_id,
      classNo: row.class_no,
      className: row.class_name,
      institutionName: row.institution_name,
      startsOn: row.starts_on,
      endsOn: row.ends_on,
    };
  }

  async mySurveys(actor: Actor): Promise<{ items: MySurveyItem[] }> {
    const personId = await this.personOf(actor);
    if (!personId) return { items: [] };
    const rows = await repo.awaiting(this.db, personId, surveyOpenStatuses, this.today());
    return { items: rows.map((row) => this.item(row)) };
  }

  /** The trainee's line in a class; a class they are not enrolled in is NOT_FOUND like any hidden record. */
  private async myLine(actor: Actor, classId: string): Promise<MySurveyRow> {
    const personId = await this.personOf(actor);
    const row = personId ? await repo.myLine(this.db, personId, classId) : undefined;
    if (!row) throw new AppError('NOT_FOUND', '没有找到您参加的这个培训班');
    return row;
  }

  async mySurvey(actor: Actor, classId: string): Promise<MySurvey> {
    const row = await this.myLine(actor, classId);
    const today = this.today();
    return {
      ...this.item(row),
      open: surveyOpen(row.status, row.ends_on, today),
      notOpenReason: notOpenReason(row.status, row.ends_on, today),
      answered: row.answered_at !== null,
      answeredAt: row.answered_at?.toISOString() ?? null,
      survey: surveyView(currentSurvey),
    };
  }

  async answerMine(actor: Actor, classId: string, input: AnswerInput, meta: RequestMeta) {
    const line = await this.myLine(actor, classId);
    return this.answer(actor, meta, classId, line.enrolment_id, input, 'trainee');
  }

  // -------------------------------------------------------------------------------------------
  // assisted

  async assistedRoster(actor: Actor, classId: string) {
    const { row } = await classForActor(this.db, actor, classId);
    const today = this.today();
    const lines = await repo.roster(this.db, row.id);
    return {
      open: surveyOpen(row.status, row.ends_on, today),
      notOpenReason: notOpenReason(row.status, row.ends_on, today),
      items: lines.map((l) => ({
        enrolmentId: l.id,
        name: maskName(l.person_name ?? l.external_name ?? '').text,
        answered: l.response_id !== null,
      })),
    };
  }

  async answerAssisted(actor: Actor, classId: string, enrolmentId: string, input: AnswerInput, meta: RequestMeta) {
    requireFederation(await classForActor(this.db, actor, classId));
    return this.answer(actor, meta, classId, enrolmentId, input, 'assisted');
  }

  // -------------------------------------------------------------------------------------------
  // one answer per roster line

  private checkInput(input: AnswerInput): SurveyVersion {
    const survey = surveyVersion(input.surveyVersion);
    if (!survey || survey.version !== currentSurvey.version) {
      throw new AppError('CONFLICT', `问卷已更新为第 ${currentSurvey.version} 版，请刷新页面后重新填写`);
    }
    const issues = checkSurveyAnswers(input.answers, survey);
    if (issues.length > 0) throw validationFailed(issues.map((i) => fieldIssue(`body.${i.field}`, i.label, i.message)));
    if (input.comment && input.comment.length > survey.commentMax) {
      throw validationFailed([fieldIssue('body.comment', '意见建议', `最多 ${survey.commentMax} 字`)]);
    }
    return survey;
  }

  private async answer(
    actor: Actor,
    meta: RequestMeta,
    classId: string,
    enrolmentId: string,
    input: AnswerInput,
    channel: 'trainee' | 'assisted',
  ): Promise<{ ok: true; answeredAt: string }> {
    const survey = this.checkInput(input);
    const answers = input.answers as Record<string, number>;
    try {
      return await this.db.transaction().execute(async (trx) => {
        const cls = await trx.selectFrom('training_class').selectAll().where('id', '=', classId).executeTakeFirst();
        if (!cls) throw new AppError('NOT_FOUND', '培训班不存在');
        const line = await repo.lockEnrolment(trx, classId, enrolmentId);
        if (!line || line.status !== 'enrolled') throw new AppError('NOT_FOUND', '该学员不在这个培训班的在册名单中');
        const reason = notOpenReason(cls.status, cls.ends_on, this.today());
        if (reason) throw new AppError('CONFLICT', `现在还不能评价：${reason}`);
        if (await repo.answered(trx, enrolmentId)) throw new AppError('CONFLICT', '这个培训班已经评价过了，每人只能评价一次');
        const saved = await repo.insertResponse(trx, {
          class_id: cls.id,
          enrolment_id: enrolmentId,
          county_code: cls.county_code,
          institution_id: cls.institution_id,
          programme_code: cls.programme_code,
          survey_version: survey.version,
          answers: JSON.stringify(answers),
          overall: overallScore(answers, survey),
          comment: input.comment || null,
          channel,
        });
        // the scores stay out of the audit row: who answered is recorded, what they said is not tied to them
        await this.audit.append(
          trx,
          actorEvent(actor, meta, {
            action: channel === 'trainee' ? 'satisfaction.answer' : 'satisfaction.answer_assisted',
            outcome: 'success',
            regionCode: cls.county_code,
            targetType: 'training_class',
            targetId: cls.id,
            details: { responseId: saved.id, enrolmentId, channel, surveyVersion: survey.version },
          }),
        );
        return { ok: true as const, answeredAt: saved.submitted_at.toISOString() };
      });
    } catch (error) {
      // two answers at once for one line: the unique key decides, the second is told plainly
      if (uniqueViolation(error) !== null) throw new AppError('CONFLICT', '这个培训班已经评价过了，每人只能评价一次');
      throw error;
    }
  }

  // -------------------------------------------------------------------------------------------
  // results

  async classResults(actor: Actor, classId: string): Promise<ClassSatisfaction> {
    const { row } = await classForActor(this.db, actor, classId);
    const [enrolled, responses] = await Promise.all([repo.enrolledCount(this.db, row.id), repo.responses(this.db, row.id)]);
    const survey = currentSurvey;
    const questions = survey.questions.map((q) => {
      const distribution = [0, 0, 0, 0, 0];
      let sum = 0;
      let count = 0;
      for (const r of responses) {
        const score = r.answers[q.key];
        if (typeof score !== 'number' || score < 1 || score > 5) continue;
        distribution[score - 1]!++;
        sum += score;
        count++;
      }
      return { key: q.key, label: q.label, text: q.text, average: count > 0 ? round2(sum / count) : null, distribution };
    });
    const overallDistribution = [0, 0, 0, 0, 0];
    let overallSum = 0;
    for (const r of responses) {
      const overall = Number(r.overall);
      overallSum += overall;
      overallDistribution[Math.min(5, Math.max(1, Math.round(overall))) - 1]!++;
    }
    return {
      classId: row.id,
      surveyVersion: survey.version,
      enrolled,
      responses: responses.length,
      responseRate: percent(responses.length, enrolled),
      assisted: responses.filter((r) => r.channel === 'assisted').length,
      overallAverage: responses.length > 0 ? round2(overallSum / responses.length) : null,
      overallDistribution,
      questions,
      comments: responses.filter((r) => r.comment).map((r) => ({ text: r.comment!, submittedOn: todayInChina(r.submitted_at) })),
    };
  }

  async summary(actor: Actor, query: SummaryQuery): Promise<Summary> {
    const year = query.year ?? Number(this.today().slice(0, 4));
    let countyCodes = scopeCodes(actor.scope);
    let institutionId: string | undefined;
    if (actor.kind === 'institution') {
      const own = await institutionOfActor(this.db, actor).catch(() => null);
      // an institution account sees its own classes only; one without an institution sees nothing
      if (!own) return { year, groupBy: query.groupBy, rows: [], total: groupFigures(addUp([])) };
      institutionId = own.id;
      countyCodes = null;
    } else if (actor.kind !== 'staff') {
      countyCodes = [];
    }
    const classes = await repo.classAggregates(this.db, {
      statuses: startedStatuses,
      countyCodes,
      ...(institutionId && { institutionId }),
      trainingYear: year,
    });
    const groups = new Map<string, { name: string; rows: ClassAggregateRow[] }>();
    for (const row of classes) {
      const key = query.groupBy === 'institution' ? row.institution_id : row.programme_code;
      const name = query.groupBy === 'institution' ? row.institution_name : `${row.programme_name}（${row.programme_code}）`;
      const group = groups.get(key) ?? { name, rows: [] };
      group.rows.push(row);
      groups.set(key, group);
    }
    const rows = [...groups.entries()]
      .map(([key, group]) => ({ key, name: group.name, ...groupFigures(addUp(group.rows)) }))
      .sort((a, b) => b.classes - a.classes || a.name.localeCompare(b.name, 'zh-CN'));
    return { year, groupBy: query.groupBy, rows, total: groupFigures(addUp(classes)) };
  }

  // -------------------------------------------------------------------------------------------
  // the feed into base evaluation

  /**
   * The institution's classes that ended since its last evaluation (or its accreditation), with
   * the completion rate and satisfaction the score sheet's items ask about, and proportional
   * suggestions the evaluator may change. The accreditation's own access rule decides who may read.
   */
  async accreditationClassResults(actor: Actor, accreditationId: string): Promise<AccreditationClassResults> {
    const detail = await this.accreditation.get(actor, accreditationId);
    const sheet = await this.accreditation.sheet();
    const today = this.today();
    const periodBasis = detail.lastEvaluatedOn ? ('evaluation' as const) : ('accreditation' as const);
    const periodFrom = detail.lastEvaluatedOn ?? detail.accreditedOn ?? detail.termStart ?? detail.appliedAt.slice(0, 10);
    const classes = await repo.classAggregates(this.db, {
      statuses: startedStatuses,
      institutionId: detail.institutionId,
      endsFrom: periodFrom,
      endsTo: today,
    });
    const totals = addUp(classes);
    const trainees = await repo.distinctTrainees(
      this.db,
      classes.map((c) => c.id),
    );
    const completionRate = percent(totals.passed, totals.completedEnrolled);
    const satisfactionAverage = totals.responses > 0 ? round2(totals.overallSum / totals.responses) : null;
    const period = `评估期（${periodFrom} 至 ${today}）`;
    const suggestions: ScoreSuggestion[] = [];
    const completionItem = sheet.items.find((i) => i.key === 'completion');
    if (completionItem) {
      const max = completionItem.maxScore;
      const score = completionRate === null ? null : proportionalScore(totals.passed / totals.completedEnrolled, max);
      suggestions.push({
        itemKey: completionItem.key,
        label: completionItem.label,
        maxScore: max,
        score,
        explanation:
          score === null
            ? `${period}内没有结业审核通过或已结班的培训班，无法按结业率计算，请评估人员按实际情况评分。`
            : `${period}内结业审核通过或已结班的 ${totals.completedClasses} 个培训班共 ${totals.completedEnrolled} 人参训，结业合格 ${totals.passed} 人，结业率 ${completionRate}%；按比例建议 ${completionRate}% × ${max} = ${score} 分。`,
      });
    }
    const satisfactionItem = sheet.items.find((i) => i.key === 'satisfaction');
    if (satisfactionItem) {
      const max = satisfactionItem.maxScore;
      const score = satisfactionAverage === null ? null : proportionalScore(satisfactionRate(satisfactionAverage), max);
      const asked = totals.enrolled;
      suggestions.push({
        itemKey: satisfactionItem.key,
        label: satisfactionItem.label,
        maxScore: max,
        score,
        explanation:
          score === null
            ? `${period}内没有学员满意度评价，无法按满意度计算，请评估人员按实际情况评分。`
            : `${period}内 ${totals.classes} 个培训班共收到 ${totals.responses} 份满意度评价（在册 ${asked} 人，回收率 ${percent(totals.responses, asked) ?? 0}%），总体平均 ${satisfactionAverage} 分（满分 5 分）；按比例建议 ${satisfactionAverage} ÷ 5 × ${max} = ${score} 分。`,
      });
    }
    return {
      accreditationId: detail.id,
      institutionName: detail.institutionName,
      periodFrom,
      periodTo: today,
      periodBasis,
      classes: totals.classes,
      completedClasses: totals.completedClasses,
      trainees,
      enrolled: totals.enrolled,
      completedEnrolled: totals.completedEnrolled,
      passed: totals.passed,
      completionRate,
      responses: totals.responses,
      satisfactionAverage,
      suggestions,
      classList: classes.map((c) => ({
        id: c.id,
        classNo: c.class_no,
        name: c.name,
        status: c.status,
        startsOn: c.starts_on,
        endsOn: c.ends_on,
        enrolled: c.enrolled,
        passed: c.passed,
        completed: completedStatuses.includes(c.status),
        responses: c.responses,
        overallAverage: c.responses > 0 ? round2(c.overall_sum / c.responses) : null,
      })),
    };
  }
}
