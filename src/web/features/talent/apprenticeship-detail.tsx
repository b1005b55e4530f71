import '../persons/persons.css';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import type { ApprenticeshipDetail } from '../../../shared/contracts/talent-contracts';
import { todayInChina } from '../../../shared/domain/person-validation';
import { apprenticeshipStatusLabels } from '../../../shared/domain/talent-codes';
import { ErrorSummary } from '../../components/error-summary';
import { NativeSelect } from '../../components/native-select';
import { useFormErrors } from '../../lib/use-form-errors';
import { DetailList } from '../../components/detail-list';
import { DetailTable } from '../../components/detail-table';
import { MaskedText } from '../../components/masked-text';
import { useTalentMutations } from './use-talent';

export interface ApprenticeshipLocationState {
  notice?: string;
}

const progressForm = 'apprenticeship-progress';
const closeForm = 'apprenticeship-close';

function RecordProgress({ pair }: { pair: ApprenticeshipDetail }) {
  const mutations = useTalentMutations();
  const [form] = Form.useForm<{ recordedOn: string; note: string; milestone: string }>();
  const errors = useFormErrors(form, progressForm);
  const [message, setMessage] = useState('');
  async function save(values: { recordedOn: string; note: string; milestone: string }) {
    errors.clear();
    try {
      await mutations.recordProgress.mutateAsync({
        id: pair.id,
        body: { recordedOn: values.recordedOn, note: values.note.trim(), milestone: values.milestone?.trim() || null },
      });
      form.resetFields();
      setMessage(`已记录 ${values.recordedOn} 的进展。`);
    } catch (error) {
      errors.showError(error);
    }
  }
  return (
    <section aria-labelledby="progress-add-heading" className="subform">
      <h3 id="progress-add-heading">记录进展</h3>
      <ErrorSummary errors={errors.errors} />
      <Form
        form={form}
        name={progressForm}
        layout="vertical"
        initialValues={{ recordedOn: todayInChina(), note: '', milestone: '' }}
        onFinish={(v) => void save(v)}
        onFinishFailed={errors.onFinishFailed}
      >
        <Form.Item name="recordedOn" label="记录日期" rules={[{ required: true, message: '请填写记录日期' }]}>
          <Input type="date" min={pair.startedOn} max={todayInChina()} />
        </Form.Item>
        <Form.Item name="note" label="进展情况" rules={[{ required: true, whitespace: true, message: '请填写进展情况' }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        <Form.Item name="milestone" label="达成的阶段目标（可选）">
          <Input autoComplete="off" maxLength={100} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={mutations.recordProgress.isPending}>
          记录进展
        </Button>
      </Form>
      <p role="status" className="list-status">
        {message}
      </p>
    </section>
  );
}

function ClosePair({ pair }: { pair: ApprenticeshipDetail }) {
  const mutations = useTalentMutations();
  const [form] = Form.useForm<{ status: 'completed' | 'ended'; endedOn: string }>();
  const errors = useFormErrors(form, closeForm);
  async function save(values: { status: 'completed' | 'ended'; endedOn: string }) {
    errors.clear();
    try {
      await mutations.close.mutateAsync({ id: pair.id, body: values });
    } catch (error) {
      errors.showError(error);
    }
  }
  return (
    <section aria-labelledby="close-heading" className="subform">
      <h3 id="close-heading">结束结对</h3>
      <ErrorSummary errors={errors.errors} />
      <Form
        form={form}
        name={closeForm}
        layout="vertical"
        initialValues={{ status: 'completed', endedOn: todayInChina() }}
        onFinish={(v) => void save(v)}
        onFinishFailed={errors.onFinishFailed}
      >
        <Form.Item name="status" label="结果">
          <NativeSelect
            options={[
              { value: 'completed', label: apprenticeshipStatusLabels.completed },
              { value: 'ended', label: apprenticeshipStatusLabels.ended },
            ]}
          />
        </Form.Item>
        <Form.Item name="endedOn" label="结束日期" rules={[{ required: true, message: '请填写结束日期' }]}>
          <Input type="date" min={pair.startedOn} />
        </Form.Item>
        <Button htmlType="submit" loading={mutations.close.isPending}>
          结束结对
        </Button>
      </Form>
    </section>
  );
}

/** One master–apprentice pair: goals, progress entries, and recording more while it runs. */
export function ApprenticeshipDetailView({ pair }: { pair: ApprenticeshipDetail }) {
  const location = useLocation();
  const notice = (location.state as ApprenticeshipLocationState | null)?.notice;
  const rows: [string, React.ReactNode][] = [
    [
      '徒弟',
      <>
        {pair.apprentice.name}（{pair.apprentice.countyName}，<MaskedText value={pair.apprentice.idNumber} />）
      </>,
    ],
    ['师傅', pair.masterMemberId ? `${pair.masterName}（高技能人才名册）` : pair.masterName],
    ['传授技艺', pair.craft],
    ['开始日期', pair.startedOn],
    ['带徒目标', pair.goals],
    ['状态', `${apprenticeshipStatusLabels[pair.status]}${pair.endedOn ? `（${pair.endedOn}）` : ''}`],
    ['达成阶段目标', `${pair.milestonesReached} 个`],
  ];
  return (
    <>
      {notice && <Alert type="success" showIcon role="status" title={notice} className="page-notice" />}
      <p>
        <Link to="/talent/apprenticeships">返回师徒结对列表</Link>
      </p>
      <DetailList rows={rows} />
      <section aria-labelledby="progress-heading">
        <h2 id="progress-heading">带徒进展</h2>
        <DetailTable
          caption="带徒进展记录"
          headers={['日期', '进展情况', '达成的阶段目标', '记录人']}
          empty="暂无进展记录。"
          rows={pair.progress.map((entry) => ({
            key: entry.id,
            cells: [entry.recordedOn, entry.note, entry.milestone ?? '—', entry.recordedBy ?? '—'],
          }))}
        />
        {pair.writable && <RecordProgress pair={pair} />}
        {pair.writable && <ClosePair pair={pair} />}
      </section>
    </>
  );
}
