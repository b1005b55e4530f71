import { Button, Form, Input } from 'antd';
import { useRef, useState } from 'react';
import type { PersonDetail } from '../../../shared/contracts/persons-contracts';
import {
  employmentForms,
  employmentFormLabels,
  employmentStatuses,
  employmentStatusLabels,
  type EmploymentForm,
  type EmploymentStatus,
} from '../../../shared/domain/person-codes';
import { todayInChina } from '../../../shared/domain/person-validation';
import { ErrorSummary } from '../../components/error-summary';
import { NativeSelect } from '../../components/native-select';
import { formatDateTime } from '../../lib/formatters';
import { useFormErrors } from '../../lib/use-form-errors';
import { DetailTable } from '../../components/detail-table';
import { usePersonMutations } from './use-persons';

interface Values {
  employmentStatus: EmploymentStatus;
  employmentForm: EmploymentForm | '';
  employerName: string;
  startedOn: string;
}

const formName = 'employment-form';
const statusOptions = employmentStatuses.map((value) => ({ value, label: employmentStatusLabels[value] }));
const formOptions = [{ value: '', label: '未填写' }, ...employmentForms.map((value) => ({ value, label: employmentFormLabels[value] }))];

/** Employment history, newest first as the server sends it, and recording a change. */
export function PersonEmployment({ person, canWrite }: { person: PersonDetail; canWrite: boolean }) {
  const mutations = usePersonMutations();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, formName);
  const status = Form.useWatch('employmentStatus', form) ?? person.employmentStatus;
  const [message, setMessage] = useState('');
  const statusLine = useRef<HTMLParagraphElement>(null);

  async function record(values: Values) {
    errors.clear();
    const employed = values.employmentStatus === 'employed';
    try {
      await mutations.recordEmployment.mutateAsync({
        id: person.id,
        body: {
          employmentStatus: values.employmentStatus,
          employmentForm: employed && values.employmentForm ? values.employmentForm : null,
          employerName: employed ? values.employerName.trim() || null : null,
          startedOn: values.startedOn || null,
        },
      });
      form.setFieldsValue({ employmentStatus: values.employmentStatus, employmentForm: '', employerName: '', startedOn: '' });
      setMessage(`已记录就业状况：${employmentStatusLabels[values.employmentStatus]}。`);
      statusLine.current?.focus();
    } catch (error) {
      errors.showError(error);
    }
  }

  return (
    <>
      <p ref={statusLine} tabIndex={-1} role="status" className="list-status">
        {message}
      </p>
      <DetailTable
        caption="就业经历"
        headers={['就业状况', '就业形式', '就业单位', '开始日期', '记录时间']}
        empty="暂无就业记录。"
        rows={person.employmentHistory.map((item) => ({
          key: item.id,
          cells: [
            employmentStatusLabels[item.employmentStatus],
            item.employmentForm ? employmentFormLabels[item.employmentForm] : '—',
            item.employerName ?? '—',
            item.startedOn ?? '—',
            formatDateTime(item.recordedAt),
          ],
        }))}
      />
      {canWrite && (
        <section aria-labelledby="record-employment-heading" className="subform">
          <h3 id="record-employment-heading">记录就业状况变化</h3>
          <ErrorSummary errors={errors.errors} />
          <Form
            form={form}
            name={formName}
            layout="vertical"
            className="narrow-form"
            initialValues={{ employmentStatus: person.employmentStatus, employmentForm: '', employerName: '', startedOn: '' }}
            onFinish={(values) => void record(values)}
            onFinishFailed={errors.onFinishFailed}
          >
            <Form.Item name="employmentStatus" label="就业状况" rules={[{ required: true, message: '请选择就业状况' }]}>
              <NativeSelect options={statusOptions} />
            </Form.Item>
            {status === 'employed' && (
              <>
                <Form.Item name="employmentForm" label="就业形式">
                  <NativeSelect options={formOptions} />
                </Form.Item>
                <Form.Item name="employerName" label="就业单位" rules={[{ max: 128, message: '就业单位最多 128 个字' }]}>
                  <Input maxLength={128} autoComplete="off" />
                </Form.Item>
              </>
            )}
            <Form.Item name="startedOn" label={status === 'employed' ? '开始日期' : '起始日期'}>
              <Input type="date" max={todayInChina()} />
            </Form.Item>
            <Button htmlType="submit" type="primary" loading={mutations.recordEmployment.isPending}>
              记录变化
            </Button>
          </Form>
        </section>
      )}
    </>
  );
}
