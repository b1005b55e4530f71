import { Button, Checkbox, Form, Input } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { addDays, isCalendarDate } from '../../../shared/domain/trainer-rotation';
import { CodeCheckboxes } from '../../components/code-checkboxes';
import { ScrollTable } from '../../components/detail-table';
import { ErrorSummary, type SummaryError } from '../../components/error-summary';
import { requiredText } from '../../components/form-fields';
import { NativeSelect } from '../../components/native-select';
import { focusSoon } from '../../lib/focus-soon';
import { type SessionDraft, sessionHours, sessionsFromPattern, sortSessions, weekdayChoices, weekdayLabel } from './class-form-values';

/** The id of a session's 修改 button: the error summary links a server error about that session to it. */
export const sessionRowId = (index: number) => `class-session-row-${index}`;
export const scheduleSectionId = 'class-form_sessions';

interface ScheduleEditorProps {
  sessions: SessionDraft[];
  onChange: (sessions: SessionDraft[]) => void;
  /** the class's trainers to choose from (id and name) */
  trainers: { id: string; name: string }[];
  /** the dates typed in the application so far (read when the helper fills a pattern) */
  period: () => { startsOn: string; endsOn: string };
  /** a default topic prefix (the programme's name) */
  topicPrefix: () => string;
}

const sessionFormName = 'class-session';
const patternFormName = 'class-pattern';

interface SessionValues {
  date: string;
  startTime: string;
  endTime: string;
  topic: string;
  trainerId: string;
}

const sessionText = (s: SessionDraft) => `${s.date}（${weekdayLabel(s.date)}）${s.startTime}–${s.endTime}`;

/**
 * The schedule: a table of sessions, each changed or removed on its own, a form that adds or
 * changes one session, and a helper that fills sessions by a weekly pattern between the dates.
 * Sessions live in the page's state until the application is saved.
 */
export function ClassScheduleEditor({ sessions, onChange, trainers, period, topicPrefix }: ScheduleEditorProps) {
  const [editing, setEditing] = useState<number | null>(null);
  const [message, setMessage] = useState('');
  const statusLine = useRef<HTMLParagraphElement>(null);
  /** says what happened; focus goes to the line unless the caller keeps it where the next entry is typed */
  const announce = (text: string, keepFocus = false) => {
    setMessage(text);
    if (!keepFocus) focusSoon(() => statusLine.current);
  };
  const trainerName = (id: string) => trainers.find((t) => t.id === id)?.name ?? '未指定';
  const trainerOptions = [{ value: '', label: '未指定' }, ...trainers.map((t) => ({ value: t.id, label: t.name }))];

  function remove(index: number) {
    const removed = sessions[index]!;
    onChange(sessions.filter((_, i) => i !== index));
    if (editing !== null) setEditing(null);
    announce(`已删除第 ${index + 1} 次课（${sessionText(removed)}），课表现有 ${sessions.length - 1} 个课次。`);
  }

  return (
    <section id={scheduleSectionId} aria-labelledby="class-schedule-heading" className="form-section schedule-section" tabIndex={-1}>
      <h2 id="class-schedule-heading">课程表</h2>
      <p className="field-hint">
        逐个添加课次，或用“按规律生成课表”一次生成，再逐个修改。课次时间为北京时间。现有 {sessions.length} 个课次，合计约{' '}
        {sessionHours(sessions)} 小时。
      </p>
      <p ref={statusLine} tabIndex={-1} role="status" className="list-status">
        {message}
      </p>
      {sessions.length === 0 ? (
        <p>尚未安排课次。</p>
      ) : (
        <ScrollTable caption={`课程表（${sessions.length} 个课次）`} headers={['课次', '日期', '时间', '课程内容', '授课师资', '操作']}>
          {sessions.map((s, index) => (
            <tr key={`${s.date}-${s.startTime}-${index}`} aria-current={editing === index ? 'true' : undefined}>
              <th scope="row">第 {index + 1} 次</th>
              <td className="number-cell">
                {s.date}（{weekdayLabel(s.date)}）
              </td>
              <td className="number-cell">
                {s.startTime}–{s.endTime}
              </td>
              <td>{s.topic}</td>
              <td>{s.trainerId ? trainerName(s.trainerId) : '未指定'}</td>
              <td>
                <span className="row-actions">
                  <Button
                    id={sessionRowId(index)}
                    htmlType="button"
                    size="small"
                    aria-label={`修改第 ${index + 1} 次课`}
                    onClick={() => {
                      setEditing(index);
                      focusSoon(() => document.getElementById(`${sessionFormName}_date`));
                    }}
                  >
                    修改
                  </Button>
                  <Button htmlType="button" size="small" danger aria-label={`删除第 ${index + 1} 次课`} onClick={() => remove(index)}>
                    删除
                  </Button>
                </span>
              </td>
            </tr>
          ))}
        </ScrollTable>
      )}
      <SessionForm
        key={editing ?? 'new'}
        editing={editing}
        initial={editing !== null ? sessions[editing]! : nextSession(sessions, period().startsOn)}
        trainerOptions={trainerOptions}
        onSave={(session) => {
          if (editing === null) {
            const next = sortSessions([...sessions, session]);
            onChange(next);
            // focus stays in the form, ready for the next session; the line still announces the addition
            announce(`已添加第 ${next.indexOf(session) + 1} 次课：${sessionText(session)}，课表现有 ${next.length} 个课次。`, true);
          } else {
            const next = sortSessions(sessions.map((s, i) => (i === editing ? session : s)));
            onChange(next);
            setEditing(null);
            announce(`已修改课次：${sessionText(session)}。`);
          }
        }}
        onCancel={() => {
          const index = editing;
          setEditing(null);
          if (index !== null) focusSoon(() => document.getElementById(sessionRowId(index)));
        }}
      />
      <PatternHelper
        trainerOptions={trainerOptions}
        period={period}
        topicPrefix={topicPrefix}
        onGenerate={(generated, replace) => {
          const kept = replace ? [] : sessions;
          const taken = new Set(kept.map((s) => `${s.date} ${s.startTime}`));
          const fresh = generated.filter((s) => !taken.has(`${s.date} ${s.startTime}`));
          onChange(sortSessions([...kept, ...fresh]));
          setEditing(null);
          const skipped = generated.length - fresh.length;
          announce(
            `已生成 ${fresh.length} 个课次${skipped > 0 ? `（${skipped} 个与已有课次同时，未重复添加）` : ''}，课表现有 ${kept.length + fresh.length} 个课次。`,
          );
        }}
      />
    </section>
  );
}

/** A new session starts the day after the last one (or on the first day), at the last one's times. */
function nextSession(sessions: SessionDraft[], startsOn: string): SessionDraft {
  const last = sessions.at(-1);
  if (last) return { ...last, date: addDays(last.date, 1), topic: '' };
  return { date: isCalendarDate(startsOn) ? startsOn : '', startTime: '09:00', endTime: '12:00', topic: '', trainerId: '' };
}

function SessionForm({
  editing,
  initial,
  trainerOptions,
  onSave,
  onCancel,
}: {
  editing: number | null;
  initial: SessionDraft;
  trainerOptions: { value: string; label: string }[];
  onSave: (session: SessionDraft) => void;
  onCancel: () => void;
}) {
  const [form] = Form.useForm<SessionValues>();
  const [errors, setErrors] = useState<SummaryError[]>([]);
  // the start date may be typed after this form mounted: an empty date takes it
  useEffect(() => {
    if (editing === null && initial.date && !form.getFieldValue('date')) form.setFieldsValue({ date: initial.date });
  }, [editing, initial.date, form]);
  const title = editing === null ? '添加课次' : `修改第 ${editing + 1} 次课`;

  return (
    <div className="action-panel session-form">
      <h3>{title}</h3>
      <ErrorSummary errors={errors} title="这个课次还有问题" />
      <Form<SessionValues>
        form={form}
        name={sessionFormName}
        layout="vertical"
        className="session-fields"
        initialValues={initial}
        onFinishFailed={({ errorFields }) =>
          setErrors(errorFields.flatMap((f) => f.errors.map((message) => ({ message, fieldId: `${sessionFormName}_${f.name.join('_')}` }))))
        }
        onFinish={(values) => {
          setErrors([]);
          onSave({ ...values, topic: values.topic.trim() });
          if (editing === null) {
            // ready for the next one: the day after, same times
            form.setFieldsValue({ date: addDays(values.date, 1), topic: '' });
            focusSoon(() => document.getElementById(`${sessionFormName}_date`));
          }
        }}
      >
        <Form.Item name="date" label="上课日期" rules={[{ required: true, message: '请选择上课日期' }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="startTime" label="开始时间" rules={[{ required: true, message: '请填写开始时间' }]}>
          <Input type="time" />
        </Form.Item>
        <Form.Item
          name="endTime"
          label="结束时间"
          dependencies={['startTime']}
          rules={[
            { required: true, message: '请填写结束时间' },
            ({ getFieldValue }) => ({
              validator: (_, value: string) =>
                !value || !getFieldValue('startTime') || value > (getFieldValue('startTime') as string)
                  ? Promise.resolve()
                  : Promise.reject(new Error('结束时间须晚于开始时间')),
            }),
          ]}
        >
          <Input type="time" />
        </Form.Item>
        <Form.Item name="topic" label="课程内容" rules={[requiredText('请填写课程内容'), { max: 200, message: '课程内容最多 200 个字' }]}>
          <Input autoComplete="off" maxLength={200} />
        </Form.Item>
        <Form.Item name="trainerId" label="授课师资">
          <NativeSelect options={trainerOptions} />
        </Form.Item>
        <div className="button-row">
          <Button htmlType="submit">{editing === null ? '添加到课表' : '保存本课次'}</Button>
          {editing !== null && (
            <Button htmlType="button" onClick={onCancel}>
              取消修改
            </Button>
          )}
        </div>
      </Form>
    </div>
  );
}

interface PatternValues {
  weekdays: string[];
  startTime: string;
  endTime: string;
  topicPrefix: string;
  trainerId: string;
  replace: boolean;
}

const weekdayCodes = weekdayChoices.map((c) => String(c.value));
const weekdayLabels = Object.fromEntries(weekdayChoices.map((c) => [String(c.value), c.label])) as Record<string, string>;

function PatternHelper({
  trainerOptions,
  period,
  topicPrefix,
  onGenerate,
}: {
  trainerOptions: { value: string; label: string }[];
  period: () => { startsOn: string; endsOn: string };
  topicPrefix: () => string;
  onGenerate: (sessions: SessionDraft[], replace: boolean) => void;
}) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<PatternValues>();
  const [errors, setErrors] = useState<SummaryError[]>([]);

  return (
    <div className="pattern-helper">
      <Button
        htmlType="button"
        aria-expanded={open}
        aria-controls="class-pattern-panel"
        onClick={() => {
          setOpen(!open);
          if (!open) focusSoon(() => document.querySelector<HTMLElement>(`#${patternFormName}_weekdays input`));
        }}
      >
        按规律生成课表
      </Button>
      <div id="class-pattern-panel" hidden={!open} className="action-panel">
        <h3>按规律生成课表</h3>
        <p className="field-hint">在开班日期到结业日期之间，每逢所选的星期生成一个课次；生成后仍可逐个修改或删除。</p>
        <ErrorSummary errors={errors} title="还不能生成课表" />
        <Form<PatternValues>
          form={form}
          name={patternFormName}
          layout="vertical"
          className="session-fields"
          initialValues={{
            weekdays: ['1', '2', '3', '4', '5'],
            startTime: '09:00',
            endTime: '12:00',
            topicPrefix: '',
            trainerId: '',
            replace: false,
          }}
          onFinish={(values) => {
            const { startsOn, endsOn } = period();
            const answer = sessionsFromPattern({
              startsOn,
              endsOn,
              weekdays: values.weekdays.map(Number),
              startTime: values.startTime,
              endTime: values.endTime,
              topicPrefix: values.topicPrefix.trim() || topicPrefix(),
              trainerId: values.trainerId,
            });
            if (typeof answer === 'string') {
              const fieldId = answer.includes('星期')
                ? `${patternFormName}_weekdays`
                : answer.includes('时间')
                  ? `${patternFormName}_startTime`
                  : 'class-form_startsOn';
              setErrors([{ message: answer, fieldId }]);
              return;
            }
            setErrors([]);
            onGenerate(answer, values.replace);
          }}
        >
          <Form.Item name="weekdays">
            <CodeCheckboxes legend="每周上课的日子" codes={weekdayCodes} labels={weekdayLabels} />
          </Form.Item>
          <Form.Item name="startTime" label="每次开始时间">
            <Input type="time" />
          </Form.Item>
          <Form.Item name="endTime" label="每次结束时间">
            <Input type="time" />
          </Form.Item>
          <Form.Item name="topicPrefix" label="课程内容前缀" extra="生成的课程内容为“前缀 第 N 次课”；不填时用培训项目名称。">
            <Input autoComplete="off" maxLength={150} />
          </Form.Item>
          <Form.Item name="trainerId" label="授课师资">
            <NativeSelect options={trainerOptions} />
          </Form.Item>
          <Form.Item name="replace" valuePropName="checked">
            <Checkbox>先清空课表中现有的课次</Checkbox>
          </Form.Item>
          <Button htmlType="submit">生成课次</Button>
        </Form>
      </div>
    </div>
  );
}
