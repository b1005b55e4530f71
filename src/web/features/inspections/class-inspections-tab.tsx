import '../persons/persons.css';
import './inspections.css';
import { Alert, Button, Form, Input } from 'antd';
import { todayInChina } from '../../../shared/domain/person-validation';
import { ErrorSummary } from '../../components/error-summary';
import { LoadingState } from '../../components/loading-state';
import { ListStatus, useAnnouncer } from '../../components/paged-list';
import { errorMessage, useFormErrors } from '../../lib/use-form-errors';
import { useCurrentUser, userCan } from '../auth/use-session';
import type { ClassTabProps } from '../classes/class-tab-props';
import { InspectionPanel } from './inspection-panel';
import { useClassInspections, useInspectionMutations } from './use-inspections';

/**
 * The class's process inspections (过程检查): federation staff plan one and record what they found;
 * the institution answers a rectification request with its documents.
 */
export function ClassInspectionsTab(props: ClassTabProps) {
  const user = useCurrentUser();
  const list = useClassInspections(props.classId);
  const { message, announce, statusLine } = useAnnouncer();
  const mayPlan =
    !props.isInstitution && userCan(user, 'inspections.manage') && (props.status === 'approved' || props.status === 'running');
  const headingId = `class-inspections-${props.classId}`;
  const items = list.data?.items ?? [];

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>过程检查</h2>
      <ListStatus ref={statusLine} text={message} />
      {mayPlan && <ScheduleForm classId={props.classId} onDone={announce} />}
      {list.isPending && <LoadingState />}
      {list.isError && <Alert type="error" role="alert" showIcon title={errorMessage(list.error)} />}
      {list.data && items.length === 0 && <p>尚未安排过程检查。</p>}
      {items.map((inspection) => (
        <InspectionPanel key={inspection.id} inspection={inspection} level={3} onDone={announce} />
      ))}
    </section>
  );
}

function ScheduleForm({ classId, onDone }: { classId: string; onDone: (message: string) => void }) {
  const formName = `schedule-${classId.slice(0, 8)}`;
  const [form] = Form.useForm<{ plannedOn: string }>();
  const errors = useFormErrors(form, formName);
  const { schedule } = useInspectionMutations();
  const today = todayInChina();

  async function submit(values: { plannedOn: string }) {
    errors.clear();
    try {
      await schedule.mutateAsync({ classId, body: { plannedOn: values.plannedOn } });
      onDone(`已安排计划检查，计划检查日期 ${values.plannedOn}。`);
    } catch (error) {
      errors.showError(error);
    }
  }

  return (
    <div className="inspection-panel">
      <h3>安排计划检查</h3>
      <ErrorSummary errors={errors.errors} />
      <Form
        form={form}
        name={formName}
        layout="vertical"
        initialValues={{ plannedOn: today }}
        onFinish={(values) => void submit(values)}
        onFinishFailed={errors.onFinishFailed}
      >
        <Form.Item name="plannedOn" label="计划检查日期" required rules={[{ required: true, message: '请填写计划检查日期' }]}>
          <Input type="date" min={today} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={schedule.isPending}>
          安排检查
        </Button>
      </Form>
    </div>
  );
}
