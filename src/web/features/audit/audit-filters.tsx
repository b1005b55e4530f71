import { Form, Input } from 'antd';
import { FilterActions } from '../../components/filter-actions';
import { auditOutcomeLabels, auditOutcomes } from '../../../shared/contracts/audit-contracts';
import { NativeSelect } from '../../components/native-select';
import type { AuditQuery } from './use-audit';

export type AuditFilterValues = Pick<AuditQuery, 'from' | 'to' | 'action' | 'outcome' | 'q'>;

interface FormValues {
  from: string;
  to: string;
  action: string;
  outcome: string;
  q: string;
}

const empty: FormValues = { from: '', to: '', action: '', outcome: '', q: '' };
const outcomeOptions = [{ value: '', label: '全部' }, ...auditOutcomes.map((value) => ({ value, label: auditOutcomeLabels[value] }))];

export function AuditFilters({ onSearch }: { onSearch: (filters: AuditFilterValues) => void }) {
  const [form] = Form.useForm<FormValues>();
  return (
    <div role="search" aria-label="查询审计日志" className="filter-search">
      <Form
        form={form}
        name="audit-filters"
        layout="vertical"
        className="filter-form"
        requiredMark={false}
        initialValues={empty}
        onFinish={(values) =>
          onSearch({
            from: values.from || undefined,
            to: values.to || undefined,
            action: values.action.trim() || undefined,
            outcome: (values.outcome || undefined) as AuditFilterValues['outcome'],
            q: values.q.trim() || undefined,
          })
        }
      >
        {/* native date inputs: typed or picked, keyboard and screen-reader friendly, value is YYYY-MM-DD */}
        <Form.Item name="from" label="开始日期">
          <Input type="date" />
        </Form.Item>
        <Form.Item
          name="to"
          label="结束日期"
          dependencies={['from']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, to: string) => {
                const from = getFieldValue('from') as string;
                return !to || !from || from <= to ? Promise.resolve() : Promise.reject(new Error('结束日期不能早于开始日期'));
              },
            }),
          ]}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item name="action" label="操作（如 auth.login）">
          <Input autoComplete="off" spellCheck={false} />
        </Form.Item>
        <Form.Item name="outcome" label="结果">
          <NativeSelect options={outcomeOptions} />
        </Form.Item>
        <Form.Item name="q" label="关键字（操作人、对象）">
          <Input autoComplete="off" />
        </Form.Item>
        <FilterActions
          onReset={() => {
            form.resetFields();
            onSearch({});
          }}
        />
      </Form>
    </div>
  );
}
