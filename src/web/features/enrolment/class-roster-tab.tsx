import './enrolment.css';
import { Alert, Button, Form, Input } from 'antd';
import { useRef, useState } from 'react';
import type { RosterLine, RosterView } from '../../../shared/contracts/enrolment-contracts';
import { enrolmentSourceLabels, enrolmentStatusLabels } from '../../../shared/domain/class-enrolment';
import { disabilityCategoryLabels } from '../../../shared/domain/disability';
import { accommodationLabels, sexLabels } from '../../../shared/domain/person-codes';
import { ConfirmReasonModal } from '../../components/confirm-reason-modal';
import { DetailTable } from '../../components/detail-table';
import { type SummaryError, ErrorSummary } from '../../components/error-summary';
import { requiredText } from '../../components/form-fields';
import { LoadingState } from '../../components/loading-state';
import { MaskedText } from '../../components/masked-text';
import { ListStatus, useAnnouncer } from '../../components/paged-list';
import { ApiError } from '../../lib/api-client';
import { errorMessage, useFormErrors } from '../../lib/use-form-errors';
import { useCurrentUser, userCan } from '../auth/use-session';
import type { ClassTabProps } from '../classes/class-tab-props';
import { useRoster, useRosterMutations } from './use-enrolment';

type Mutations = ReturnType<typeof useRosterMutations>;

/** What the enrolled trainees need, in words: the institution plans interpreters, print and rooms from it. */
function AccommodationSummary({ roster }: { roster: RosterView }) {
  return (
    <section aria-labelledby="roster-needs-heading" className="roster-needs">
      <h3 id="roster-needs-heading">便利需求汇总</h3>
      <p>
        计划招收 {roster.plannedSize} 人，已录取 {roster.enrolledCount} 人
        {roster.appliedCount > 0 ? `，另有 ${roster.appliedCount} 人报名待确认` : ''}。
      </p>
      {roster.externalParticipants ? (
        <p>本班学员为用人单位和就业服务机构人员，不汇总便利需求。</p>
      ) : roster.accommodationNeeds.length === 0 ? (
        <p>已录取学员没有登记便利需求。</p>
      ) : (
        <ul aria-label="已录取学员的便利需求">
          {roster.accommodationNeeds.map((need) => (
            <li key={need.code}>
              {accommodationLabels[need.code]}：{need.count} 人
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

interface PersonValues {
  idNumber: string;
  name: string;
}

interface ExternalValues {
  name: string;
  organisation: string;
  position: string;
  phone: string;
}

/** Enrols a registered person by full ID number and name; every refusal reason is listed in the summary. */
function PersonEnrolForm({ mutations, onDone }: { mutations: Mutations; onDone: (message: string) => void }) {
  const formName = 'enrol-person';
  const [form] = Form.useForm<PersonValues>();
  const errors = useFormErrors(form, formName);

  async function submit(values: PersonValues) {
    errors.clear();
    try {
      const { line } = await mutations.enrol.mutateAsync({
        participantKind: 'person',
        idNumber: values.idNumber.trim(),
        name: values.name.trim(),
      });
      form.resetFields();
      onDone(`已录取 ${line.name}。`);
    } catch (error) {
      errors.showError(error);
    }
  }

  return (
    <section aria-labelledby="enrol-person-heading" className="subform">
      <h3 id="enrol-person-heading">录入学员</h3>
      <p>请填写学员的完整身份证号和姓名，两项都与实名登记一致才能录入。学员的便利需求从实名登记中带入。</p>
      <ErrorSummary errors={errors.errors} title="未能录入，原因如下" />
      <Form
        form={form}
        name={formName}
        layout="vertical"
        className="narrow-form"
        initialValues={{ idNumber: '', name: '' }}
        onFinish={(values) => void submit(values)}
        onFinishFailed={errors.onFinishFailed}
      >
        <Form.Item name="idNumber" label="身份证号" rules={[requiredText('请填写身份证号')]} extra="18 位，末位可以是 X">
          <Input autoComplete="off" maxLength={18} spellCheck={false} />
        </Form.Item>
        <Form.Item name="name" label="姓名" rules={[requiredText('请填写姓名')]}>
          <Input autoComplete="off" maxLength={40} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={mutations.enrol.isPending}>
          录入学员
        </Button>
      </Form>
    </section>
  );
}

/** Type 5 classes: an employer's or service agency's staff member, phone stored sealed. */
function ExternalEnrolForm({ mutations, onDone }: { mutations: Mutations; onDone: (message: string) => void }) {
  const formName = 'enrol-external';
  const [form] = Form.useForm<ExternalValues>();
  const errors = useFormErrors(form, formName);

  async function submit(values: ExternalValues) {
    errors.clear();
    try {
      const { line } = await mutations.enrol.mutateAsync({
        participantKind: 'external',
        name: values.name.trim(),
        organisation: values.organisation.trim(),
        position: values.position.trim(),
        phone: values.phone.trim(),
      });
      form.resetFields();
      onDone(`已录入外部学员 ${line.name}。`);
    } catch (error) {
      errors.showError(error);
    }
  }

  return (
    <section aria-labelledby="enrol-external-heading" className="subform">
      <h3 id="enrol-external-heading">录入外部学员</h3>
      <p>本班培训用人单位和就业服务机构人员，学员不需要残疾人实名登记。</p>
      <ErrorSummary errors={errors.errors} title="未能录入，原因如下" />
      <Form
        form={form}
        name={formName}
        layout="vertical"
        className="narrow-form"
        initialValues={{ name: '', organisation: '', position: '', phone: '' }}
        onFinish={(values) => void submit(values)}
        onFinishFailed={errors.onFinishFailed}
      >
        <Form.Item name="name" label="姓名" rules={[requiredText('请填写姓名')]}>
          <Input autoComplete="off" maxLength={40} />
        </Form.Item>
        <Form.Item name="organisation" label="所在单位" rules={[requiredText('请填写所在单位')]}>
          <Input autoComplete="off" maxLength={100} />
        </Form.Item>
        <Form.Item name="position" label="岗位/职务" rules={[requiredText('请填写岗位或职务')]}>
          <Input autoComplete="off" maxLength={50} />
        </Form.Item>
        <Form.Item name="phone" label="联系电话" rules={[requiredText('请填写联系电话')]} extra="手机号 11 位，固定电话请带区号">
          <Input autoComplete="off" inputMode="tel" maxLength={20} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={mutations.enrol.isPending}>
          录入外部学员
        </Button>
      </Form>
    </section>
  );
}

function statusText(line: RosterLine): string {
  const words = enrolmentStatusLabels[line.status];
  return line.statusReason ? `${words}（原因：${line.statusReason}）` : words;
}

function completionText(line: RosterLine): string {
  const exam = line.examAbsent ? '缺考' : line.examScore === null ? '未录入成绩' : `${line.examScore} 分`;
  const result = line.completionResult === 'passed' ? '，合格' : line.completionResult === 'failed' ? '，不合格' : '';
  return exam + result;
}

type Pending = { kind: 'decline' | 'withdraw'; line: RosterLine };

/** The class's roster: needs summary, the lines, and (for those who manage enrolment) the forms and actions. */
export function ClassRosterTab(props: ClassTabProps) {
  const user = useCurrentUser();
  const roster = useRoster(props.classId);
  const mutations = useRosterMutations(props.classId);
  const { message, announce, statusLine } = useAnnouncer();
  const [actionErrors, setActionErrors] = useState<SummaryError[]>([]);
  const [pending, setPending] = useState<Pending | null>(null);
  const afterModal = useRef<string | null>(null);
  // a fresh enrol form after each change, so an earlier refusal's summary does not linger
  const [formKey, setFormKey] = useState(0);

  const done = (text: string) => {
    setActionErrors([]);
    setFormKey((key) => key + 1);
    announce(text);
    props.onChanged();
  };

  async function accept(line: RosterLine) {
    setActionErrors([]);
    try {
      await mutations.accept.mutateAsync(line.id);
      done(`已录取 ${line.name}。`);
    } catch (error) {
      // every refusal reason, as the enrol form shows them
      setActionErrors(
        error instanceof ApiError && error.issues.length > 0
          ? error.issues.map((i) => ({ message: `${line.name}：${i.message}` }))
          : [{ message: errorMessage(error) }],
      );
    }
  }

  if (roster.isPending) {
    return (
      <section aria-labelledby="roster-heading">
        <h2 id="roster-heading">学员名册</h2>
        <LoadingState />
      </section>
    );
  }
  if (roster.isError) {
    return (
      <section aria-labelledby="roster-heading">
        <h2 id="roster-heading">学员名册</h2>
        <Alert type="error" role="alert" showIcon title={errorMessage(roster.error)} />
      </section>
    );
  }
  const data = roster.data;
  const canManage = userCan(user, 'enrolments.manage') && data.enrolling;
  const external = data.externalParticipants;

  const actionsOf = (line: RosterLine) => {
    if (!canManage) return '—';
    if (line.status === 'applied') {
      return (
        <span className="button-row">
          <Button size="small" htmlType="button" onClick={() => void accept(line)} aria-label={`录取 ${line.name}`}>
            录取
          </Button>
          <Button size="small" htmlType="button" onClick={() => setPending({ kind: 'decline', line })} aria-label={`不录取 ${line.name}`}>
            不录取
          </Button>
        </span>
      );
    }
    if (line.status === 'enrolled') {
      return (
        <Button size="small" htmlType="button" onClick={() => setPending({ kind: 'withdraw', line })} aria-label={`办理 ${line.name} 退出`}>
          退出
        </Button>
      );
    }
    return '—';
  };

  const rows = data.lines.map((line) => ({
    key: line.id,
    cells: external
      ? [
          line.name,
          line.organisation ?? '—',
          line.position ?? '—',
          <MaskedText key="phone" value={line.phone} />,
          statusText(line),
          enrolmentSourceLabels[line.source],
          actionsOf(line),
        ]
      : [
          line.name,
          <MaskedText key="id" value={line.idNumber} />,
          line.sex ? sexLabels[line.sex] : '—',
          line.age === null ? '—' : `${line.age} 岁`,
          line.disabilityCategory ? disabilityCategoryLabels[line.disabilityCategory] : '未登记',
          line.accommodations.length > 0 ? line.accommodations.map((a) => accommodationLabels[a]).join('、') : '无',
          statusText(line),
          enrolmentSourceLabels[line.source],
          completionText(line),
          actionsOf(line),
        ],
  }));

  return (
    <section aria-labelledby="roster-heading">
      <h2 id="roster-heading">学员名册</h2>
      <ListStatus ref={statusLine} text={message} />
      <AccommodationSummary roster={data} />
      {!data.enrolling && <p>培训班当前不接受报名，名册只能查看。</p>}
      <ErrorSummary errors={actionErrors} title="未能录取，原因如下" />
      <DetailTable
        caption={`学员名册（共 ${data.lines.length} 条，已录取 ${data.enrolledCount} 人）`}
        headers={
          external
            ? ['姓名', '所在单位', '岗位/职务', '联系电话', '状态', '来源', '操作']
            : ['姓名', '身份证号', '性别', '开班时年龄', '残疾类别', '便利需求', '状态', '来源', '考核与结业', '操作']
        }
        empty="名册中还没有学员。"
        rows={rows}
      />
      {canManage &&
        (external ? (
          <ExternalEnrolForm key={formKey} mutations={mutations} onDone={done} />
        ) : (
          <PersonEnrolForm key={formKey} mutations={mutations} onDone={done} />
        ))}
      <ConfirmReasonModal
        open={pending !== null}
        title={pending ? (pending.kind === 'decline' ? `不录取 ${pending.line.name}` : `办理 ${pending.line.name} 退出培训班`) : '填写原因'}
        description={
          <p>
            {pending?.kind === 'decline'
              ? '学员的报名记录会保留，并显示为“未录取”及原因。'
              : '学员的名册记录会保留，并显示为“已退出”及原因；退出后不再计入已录取人数。'}
          </p>
        }
        confirmText={pending?.kind === 'decline' ? '不录取' : '确认退出'}
        danger
        onConfirm={async (reason) => {
          if (!pending) return;
          const { kind, line } = pending;
          if (kind === 'decline') await mutations.decline.mutateAsync({ enrolmentId: line.id, reason });
          else await mutations.withdraw.mutateAsync({ enrolmentId: line.id, reason });
          afterModal.current = kind === 'decline' ? `已将 ${line.name} 标为未录取。` : `已办理 ${line.name} 退出。`;
          setPending(null);
        }}
        onCancel={() => setPending(null)}
        afterClose={() => {
          // the modal hands focus back to its trigger first; then the status line takes it
          if (afterModal.current) done(afterModal.current);
          afterModal.current = null;
        }}
      />
    </section>
  );
}
