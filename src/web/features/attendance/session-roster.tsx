import { Alert, Button } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { AttendanceMark, SessionAttendance, SessionAttendanceLine } from '../../../shared/contracts/attendance-contracts';
import { attendanceFlagLabels, attendanceMethodLabels } from '../../../shared/domain/class-attendance';
import { type SummaryError, ErrorSummary } from '../../components/error-summary';
import { LoadingState } from '../../components/loading-state';
import { ScrollTable } from '../../components/detail-table';
import { ApiError } from '../../lib/api-client';
import { focusSoon } from '../../lib/focus-soon';
import { errorMessage } from '../../lib/use-form-errors';
import { isoOnSessionDay, sessionWhen, timeInChina } from './attendance-format';
import { useMarkSession, useSessionAttendance } from './use-attendance';

interface LineState {
  signedIn: boolean;
  inTime: string;
  signedOut: boolean;
  outTime: string;
}

function stateOf(line: SessionAttendanceLine, sheet: SessionAttendance): LineState {
  return {
    signedIn: line.signedInAt !== null,
    inTime: timeInChina(line.signedInAt ?? sheet.session.startsAt),
    signedOut: line.signedOutAt !== null,
    outTime: timeInChina(line.signedOutAt ?? sheet.session.endsAt),
  };
}

const fieldId = (enrolmentId: string, part: 'in' | 'in-time' | 'out' | 'out-time') => `mark-${enrolmentId}-${part}`;

/** The 已签到 or 已签退 checkbox of one line and its time (enabled once checked). */
function MarkCells({
  line,
  direction,
  checked,
  time,
  onChange,
}: {
  line: SessionAttendanceLine;
  direction: 'in' | 'out';
  checked: boolean;
  time: string;
  onChange: (checked: boolean, time: string) => void;
}) {
  const words = direction === 'in' ? '签到' : '签退';
  const timeId = fieldId(line.enrolmentId, direction === 'in' ? 'in-time' : 'out-time');
  return (
    <>
      <td>
        <label className="mark-check">
          <input
            type="checkbox"
            id={fieldId(line.enrolmentId, direction)}
            checked={checked}
            onChange={(event) => onChange(event.target.checked, time)}
          />
          <span className="visually-hidden">{line.name}</span>已{words}
        </label>
      </td>
      <td>
        <label className="visually-hidden" htmlFor={timeId}>
          {line.name}
          {words}时间
        </label>
        <input
          type="time"
          className="mark-time"
          id={timeId}
          value={time}
          disabled={!checked}
          onChange={(event) => onChange(checked, event.target.value)}
        />
      </td>
    </>
  );
}

/**
 * Only the lines changed here are sent, and an unchanged time goes back as stored (to the second),
 * so a QR sign-in keeps its exact time and method unless someone edits it.
 */
function marksOf(sheet: SessionAttendance, states: Map<string, LineState>): AttendanceMark[] {
  const marks: AttendanceMark[] = [];
  for (const line of sheet.lines) {
    const was = stateOf(line, sheet);
    const now = states.get(line.enrolmentId) ?? was;
    const same =
      now.signedIn === was.signedIn &&
      now.signedOut === was.signedOut &&
      (!now.signedIn || now.inTime === was.inTime) &&
      (!now.signedOut || now.outTime === was.outTime);
    if (same) continue;
    marks.push({
      enrolmentId: line.enrolmentId,
      signedIn: now.signedIn,
      signedInAt: now.signedIn
        ? line.signedInAt && now.inTime === was.inTime
          ? line.signedInAt
          : isoOnSessionDay(sheet.session.startsAt, now.inTime)
        : null,
      signedOut: now.signedOut,
      signedOutAt: now.signedOut
        ? line.signedOutAt && now.outTime === was.outTime
          ? line.signedOutAt
          : isoOnSessionDay(sheet.session.startsAt, now.outTime)
        : null,
    });
  }
  return marks;
}

function methodText(line: SessionAttendanceLine): string {
  const parts = [
    line.methodIn ? `签到：${attendanceMethodLabels[line.methodIn]}` : null,
    line.methodOut ? `签退：${attendanceMethodLabels[line.methodOut]}` : null,
  ].filter(Boolean);
  return parts.length ? parts.join('，') : '—';
}

function RosterForm({
  classId,
  sheet,
  onSaved,
  onClose,
  onReload,
}: {
  classId: string;
  sheet: SessionAttendance;
  onSaved: (text: string) => void;
  onClose: () => void;
  onReload: () => void;
}) {
  const mark = useMarkSession(classId, sheet.session.id);
  const [states, setStates] = useState(() => new Map(sheet.lines.map((line) => [line.enrolmentId, stateOf(line, sheet)])));
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [conflict, setConflict] = useState(false);
  const editable = sheet.canRecord;

  const update = (enrolmentId: string, change: Partial<LineState>) =>
    setStates((current) => new Map(current).set(enrolmentId, { ...current.get(enrolmentId)!, ...change }));
  const updateAll = (change: Partial<LineState>) =>
    setStates((current) => new Map([...current].map(([id, state]) => [id, { ...state, ...change }])));

  async function save() {
    setErrors([]);
    setConflict(false);
    const problems: SummaryError[] = [];
    for (const line of sheet.lines) {
      const state = states.get(line.enrolmentId)!;
      if (state.signedIn && !state.inTime)
        problems.push({ message: `${line.name}：请填写签到时间`, fieldId: fieldId(line.enrolmentId, 'in-time') });
      if (state.signedOut && !state.outTime)
        problems.push({ message: `${line.name}：请填写签退时间`, fieldId: fieldId(line.enrolmentId, 'out-time') });
      if (state.signedIn && state.signedOut && state.inTime && state.outTime && state.outTime < state.inTime) {
        problems.push({ message: `${line.name}：签退时间不能早于签到时间`, fieldId: fieldId(line.enrolmentId, 'out-time') });
      }
    }
    if (problems.length > 0) {
      setErrors(problems);
      return;
    }
    const marks = marksOf(sheet, states);
    if (marks.length === 0) {
      onSaved(`第 ${sheet.session.seq} 课点名没有修改，不需要保存。`);
      return;
    }
    try {
      const saved = await mark.mutateAsync({ rosterVersion: sheet.rosterVersion, marks });
      onSaved(`已保存第 ${sheet.session.seq} 课点名：${saved.changed} 名学员的记录有变化。`);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CONFLICT') setConflict(true);
      if (error instanceof ApiError && error.issues.length > 0) {
        setErrors(
          error.issues.map((issue) => {
            const match = /^body\.marks\.(\d+)\.(\w+)$/.exec(issue.field);
            const line = match ? marks[Number(match[1])] : undefined;
            const part = match?.[2] === 'signedOutAt' ? 'out-time' : match?.[2] === 'signedInAt' ? 'in-time' : 'in';
            const name = line ? sheet.lines.find((l) => l.enrolmentId === line.enrolmentId)?.name : undefined;
            return {
              message: `${name ? `${name}：` : ''}${issue.label}：${issue.message}`,
              fieldId: line ? fieldId(line.enrolmentId, part) : undefined,
            };
          }),
        );
      } else {
        setErrors([{ message: errorMessage(error) }]);
      }
    }
  }

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <ErrorSummary errors={errors} title="点名未能保存，原因如下" />
      {conflict && (
        <p>
          <Button htmlType="button" onClick={onReload}>
            重新载入点名表
          </Button>
        </p>
      )}
      {editable && sheet.lines.length > 0 && (
        <div className="button-row">
          <Button htmlType="button" onClick={() => updateAll({ signedIn: true })}>
            全部勾选签到
          </Button>
          <Button htmlType="button" onClick={() => updateAll({ signedOut: true })}>
            全部勾选签退
          </Button>
        </div>
      )}
      <ScrollTable
        caption={`第 ${sheet.session.seq} 课点名表（${sheet.lines.length} 人）`}
        headers={['姓名', '签到', '签到时间', '签退', '签退时间', '方式', '异常']}
      >
        {sheet.lines.length === 0 ? (
          <tr>
            <td colSpan={7}>本班还没有已录取的学员。</td>
          </tr>
        ) : (
          sheet.lines.map((line) => {
            const state = states.get(line.enrolmentId)!;
            if (!editable) {
              return (
                <tr key={line.enrolmentId}>
                  <th scope="row">{line.name}</th>
                  <td>{line.signedInAt ? '已签到' : '未签到'}</td>
                  <td>{timeInChina(line.signedInAt) || '—'}</td>
                  <td>{line.signedOutAt ? '已签退' : '未签退'}</td>
                  <td>{timeInChina(line.signedOutAt) || '—'}</td>
                  <td>{methodText(line)}</td>
                  <td>{line.flags.length ? line.flags.map((f) => attendanceFlagLabels[f]).join('；') : '无'}</td>
                </tr>
              );
            }
            return (
              <tr key={line.enrolmentId}>
                <th scope="row">{line.name}</th>
                <MarkCells
                  line={line}
                  direction="in"
                  checked={state.signedIn}
                  time={state.inTime}
                  onChange={(checked, time) => update(line.enrolmentId, { signedIn: checked, inTime: time })}
                />
                <MarkCells
                  line={line}
                  direction="out"
                  checked={state.signedOut}
                  time={state.outTime}
                  onChange={(checked, time) => update(line.enrolmentId, { signedOut: checked, outTime: time })}
                />
                <td>{methodText(line)}</td>
                <td>{line.flags.length ? line.flags.map((f) => attendanceFlagLabels[f]).join('；') : '无'}</td>
              </tr>
            );
          })
        )}
      </ScrollTable>
      <div className="button-row">
        {editable && (
          <Button type="primary" htmlType="submit" loading={mark.isPending}>
            保存点名
          </Button>
        )}
        <Button htmlType="button" onClick={onClose}>
          关闭点名表
        </Button>
      </div>
    </form>
  );
}

/** One session's roster: who signed in and out, when and how; the institution marks it while the class runs. */
export function SessionRoster({
  classId,
  sessionId,
  onSaved,
  onClose,
}: {
  classId: string;
  sessionId: string;
  onSaved: (text: string) => void;
  onClose: () => void;
}) {
  const query = useSessionAttendance(classId, sessionId);
  const heading = useRef<HTMLHeadingElement>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    focusSoon(() => heading.current);
  }, []);

  const sheet = query.data;
  return (
    <section aria-labelledby="attendance-roster-heading" className="attendance-panel">
      <h3 id="attendance-roster-heading" ref={heading} tabIndex={-1}>
        {sheet ? `第 ${sheet.session.seq} 课${sheet.canRecord ? '点名' : '签到明细'}` : '点名表'}
      </h3>
      {query.isPending && <LoadingState />}
      {query.isError && <Alert type="error" role="alert" showIcon title={errorMessage(query.error)} />}
      {sheet && (
        <>
          <p>
            {sheet.session.topic}，{sessionWhen(sheet.session.startsAt, sheet.session.endsAt)}。
            {sheet.canRecord ? '勾选后时间默认为上课、下课时间，可以修改。只保存改动过的学员。' : ''}
          </p>
          <RosterForm
            key={`${sheet.rosterVersion}-${generation}`}
            classId={classId}
            sheet={sheet}
            onSaved={onSaved}
            onClose={onClose}
            onReload={() => {
              void query.refetch().then(() => {
                setGeneration((g) => g + 1);
                focusSoon(() => heading.current);
              });
            }}
          />
        </>
      )}
    </section>
  );
}
