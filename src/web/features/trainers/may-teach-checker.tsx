import { Alert, Button, Form, Input } from 'antd';
import { todayInChina } from '../../../shared/domain/person-validation';
import { ErrorSummary } from '../../components/error-summary';
import { useFormErrors } from '../../lib/use-form-errors';
import { useMayTeach } from './use-trainers';

const formName = 'may-teach';
const basisTitles = {
  in_cycle: '可以授课',
  waiver: '可以授课（依特许记录）',
  overdue: '不能授课：轮训已逾期',
  not_joined: '不能授课：尚未入库',
  left: '不能授课：已退出师资库',
} as const;

/** “May this trainer teach a subsidised class on date D?”: a date in, the answer with its reason out (announced). */
export function MayTeachChecker({ trainerId }: { trainerId: string }) {
  const [form] = Form.useForm<{ on: string }>();
  const errors = useFormErrors(form, formName);
  const check = useMayTeach();
  const answer = check.data;

  return (
    <section aria-labelledby="may-teach-heading">
      <h2 id="may-teach-heading">能否承担补贴性培训授课</h2>
      <p>输入培训班的授课日期，系统按五年一周期全员轮训制度判断该师资当日能否授课。截止日当天仍在周期内，截止日次日起为逾期。</p>
      <ErrorSummary errors={errors.errors} />
      <Form
        form={form}
        name={formName}
        layout="vertical"
        className="narrow-form"
        initialValues={{ on: todayInChina() }}
        onFinish={async ({ on }) => {
          errors.clear();
          try {
            await check.mutateAsync({ id: trainerId, on });
          } catch (error) {
            errors.showError(error);
          }
        }}
        onFinishFailed={errors.onFinishFailed}
      >
        <Form.Item name="on" label="授课日期" rules={[{ required: true, message: '请选择授课日期' }]}>
          <Input type="date" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={check.isPending}>
          查询
        </Button>
      </Form>
      <div role="status" className="may-teach-answer">
        {answer && (
          <Alert
            type={answer.allowed ? 'success' : 'error'}
            showIcon
            title={`${answer.on}：${basisTitles[answer.basis]}`}
            description={answer.reason}
          />
        )}
      </div>
    </section>
  );
}
