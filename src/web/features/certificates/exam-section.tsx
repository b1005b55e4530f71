import { Button, Checkbox, Input } from 'antd';
import { type FormEvent, useState } from 'react';
import type { ClassExam, ExamLine } from '../../../shared/contracts/certificates-contracts';
import {
  type CompletionOutcome,
  completionResult,
  completionResultLabels,
  formatScore,
  isExamScore,
} from '../../../shared/domain/class-completion';
import { ScrollTable } from '../../components/detail-table';
import { ErrorSummary, type SummaryError } from '../../components/error-summary';
import { ApiError } from '../../lib/api-client';
import { errorMessage } from '../../lib/use-form-errors';
import { useSaveExam } from './use-certificates';

const EXAM_DATE_ID = 'exam-date';
const scoreId = (enrolmentId: string) => `exam-score-${enrolmentId}`;
const absentId = (enrolmentId: string) => `exam-absent-${enrolmentId}`;

interface LineState {
  score: string;
  absent: boolean;
}

function attendanceText(line: ExamLine): string {
  return line.attendance.total === 0
    ? '尚无课时'
    : `${formatScore(line.attendance.rate)}%（${line.attendance.attended}/${line.attendance.total}）`;
}

/** The decision as words: fixed at submission, or what the rule answers for the results as they stand. */
function Decision({ outcome, fixed }: { outcome: CompletionOutcome; fixed: boolean }) {
  const label = completionResultLabels[outcome.result];
  return (
    <span className={outcome.result === 'passed' ? 'completion-passed' : 'completion-failed'}>
      <strong>{fixed ? label : `预计${label}`}</strong>
      {outcome.reasons.length > 0 && `：${outcome.reasons.join('；')}`}
    </span>
  );
}

function storedDecision(line: ExamLine) {
  return line.result !== null ? (
    <Decision outcome={{ result: line.result, reasons: line.reasons }} fixed />
  ) : (
    <Decision outcome={line.preview} fixed={false} />
  );
}

function scoreText(line: ExamLine): string {
  if (line.absent) return '缺考';
  return line.score === null ? '未录入' : `${formatScore(line.score)} 分`;
}

function personLabel(line: ExamLine): string {
  return line.organisation ? `${line.name}（${line.organisation}）` : line.name;
}

/** Read-only results: reviewers, statisticians, and the institution once completion was submitted. */
function ExamTable({ exam }: { exam: ClassExam }) {
  if (exam.lines.length === 0) return <p>本班没有在册学员。</p>;
  return (
    <ScrollTable caption={`结业考核成绩（共 ${exam.lines.length} 人）`} headers={['学员', '出勤率', '考核成绩', '结业判定']}>
      {exam.lines.map((line) => (
        <tr key={line.enrolmentId}>
          <th scope="row">{personLabel(line)}</th>
          <td>{attendanceText(line)}</td>
          <td>{scoreText(line)}</td>
          <td>{storedDecision(line)}</td>
        </tr>
      ))}
    </ScrollTable>
  );
}

/** Entry of the exam date and every trainee's score or absence, saved together in one request. */
function ExamForm({ exam, onSaved }: { exam: ClassExam; onSaved: (text: string) => void }) {
  const save = useSaveExam(exam.classId);
  const [examOn, setExamOn] = useState(exam.examOn ?? '');
  const [lines, setLines] = useState<Map<string, LineState>>(
    () => new Map(exam.lines.map((l) => [l.enrolmentId, { score: l.score === null ? '' : formatScore(l.score), absent: l.absent }])),
  );
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [invalid, setInvalid] = useState<Set<string>>(new Set());

  const previewOf = (line: ExamLine, state: LineState): CompletionOutcome => {
    const typed = state.score.trim();
    const score = state.absent || typed === '' || !isExamScore(Number(typed)) ? null : Number(typed);
    return completionResult(
      { examScore: score, examAbsent: state.absent, attendanceRate: line.attendance.rate },
      { passScore: exam.passScore, attendanceThreshold: exam.attendanceThreshold },
    );
  };

  const update = (id: string, change: Partial<LineState>) =>
    setLines((current) => new Map(current).set(id, { ...current.get(id)!, ...change }));

  function validate(): SummaryError[] {
    const found: SummaryError[] = [];
    if (!examOn) found.push({ message: '考核日期：请填写考核日期', fieldId: EXAM_DATE_ID });
    for (const line of exam.lines) {
      const state = lines.get(line.enrolmentId)!;
      if (state.absent || state.score.trim() === '') continue;
      if (!isExamScore(Number(state.score.trim())))
        found.push({ message: `${line.name} 的成绩：成绩为 0 至 100 分，最多 1 位小数`, fieldId: scoreId(line.enrolmentId) });
    }
    return found;
  }

  function serverErrors(error: unknown): SummaryError[] {
    if (!(error instanceof ApiError) || error.issues.length === 0) return [{ message: errorMessage(error) }];
    return error.issues.map((issue) => {
      const match = /^body\.results\.(\d+)\.(\w+)$/.exec(issue.field);
      const line = match ? exam.lines[Number(match[1])] : undefined;
      if (line)
        return {
          message: `${line.name}：${issue.message}`,
          fieldId: match![2] === 'absent' ? absentId(line.enrolmentId) : scoreId(line.enrolmentId),
        };
      if (issue.field === 'body.examOn') return { message: `${issue.label}：${issue.message}`, fieldId: EXAM_DATE_ID };
      return { message: `${issue.label}：${issue.message}` };
    });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = validate();
    setInvalid(new Set(found.map((e) => e.fieldId ?? '')));
    setErrors(found);
    if (found.length > 0) return;
    try {
      // the order of exam.lines: a server issue names the line by this index
      const saved = await save.mutateAsync({
        examOn,
        version: exam.version,
        results: exam.lines.map((line) => {
          const state = lines.get(line.enrolmentId)!;
          return {
            enrolmentId: line.enrolmentId,
            absent: state.absent,
            score: state.absent || state.score.trim() === '' ? null : Number(state.score.trim()),
          };
        }),
      });
      const missing = saved.lines.filter((l) => l.score === null && !l.absent).length;
      onSaved(missing > 0 ? `已保存考核成绩，还有 ${missing} 名学员没有成绩或缺考标记。` : '已保存考核成绩，全部学员已录入。');
    } catch (error) {
      const found = serverErrors(error);
      setInvalid(new Set(found.map((e) => e.fieldId ?? '')));
      setErrors(found);
    }
  }

  if (exam.lines.length === 0) return <p>本班没有在册学员，无需录入成绩。</p>;
  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label="录入结业考核成绩">
      <ErrorSummary errors={errors} />
      <p className="exam-date-field">
        <label htmlFor={EXAM_DATE_ID}>考核日期</label>
        <Input
          id={EXAM_DATE_ID}
          type="date"
          value={examOn}
          onChange={(e) => setExamOn(e.target.value)}
          aria-invalid={invalid.has(EXAM_DATE_ID) || undefined}
          className="exam-date-input"
        />
      </p>
      <p id="exam-entry-help">成绩为 0 至 100 分，可以有 1 位小数。没有参加考核的学员勾选“缺考”。可以分几次录入，每次保存全部行。</p>
      <ScrollTable
        caption={`录入结业考核成绩（共 ${exam.lines.length} 人）`}
        headers={['学员', '出勤率', '成绩（分）', '缺考', '结业判定（预计）']}
      >
        {exam.lines.map((line) => {
          const state = lines.get(line.enrolmentId)!;
          return (
            <tr key={line.enrolmentId}>
              <th scope="row">{personLabel(line)}</th>
              <td>{attendanceText(line)}</td>
              <td>
                <Input
                  id={scoreId(line.enrolmentId)}
                  inputMode="decimal"
                  autoComplete="off"
                  className="exam-score-input"
                  aria-label={`${line.name} 的成绩`}
                  aria-describedby="exam-entry-help"
                  aria-invalid={invalid.has(scoreId(line.enrolmentId)) || undefined}
                  value={state.absent ? '' : state.score}
                  disabled={state.absent}
                  onChange={(e) => update(line.enrolmentId, { score: e.target.value })}
                />
              </td>
              <td>
                <Checkbox
                  id={absentId(line.enrolmentId)}
                  checked={state.absent}
                  onChange={(e) => update(line.enrolmentId, { absent: e.target.checked })}
                  aria-label={`${line.name} 缺考`}
                >
                  缺考
                </Checkbox>
              </td>
              <td>
                <Decision fixed={false} outcome={previewOf(line, state)} />
              </td>
            </tr>
          );
        })}
      </ScrollTable>
      <p className="button-row">
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存考核成绩
        </Button>
      </p>
    </form>
  );
}

export function ExamSection({ exam, onSaved }: { exam: ClassExam; onSaved: (text: string) => void }) {
  return (
    <section aria-labelledby="completion-exam-heading">
      <h3 id="completion-exam-heading">结业考核</h3>
      <p>
        合格标准：考核成绩不低于 {exam.passScore} 分，并且出勤率不低于 {exam.attendanceThreshold}
        %。提交结业审核时，系统按此标准确定每名学员是否合格。
        {exam.examOn && !exam.editable && ` 考核日期：${exam.examOn}。`}
      </p>
      {exam.editable ? (
        // a fresh form after each save: the inputs start from what is stored
        <ExamForm key={exam.version} exam={exam} onSaved={onSaved} />
      ) : (
        <>
          {(exam.status === 'running' || exam.status === 'completion_returned') && <p>考核成绩由培训机构录入。</p>}
          <ExamTable exam={exam} />
        </>
      )}
    </section>
  );
}
