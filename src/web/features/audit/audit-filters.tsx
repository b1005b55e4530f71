import { Form, Input } from 'antd';
import { auditOutcomeLabels, auditOutcomes } from '../../../shared/contracts/audit-contracts';
import { chosen, FilterForm, filterOptions } from '../../components/filter-form';
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
const outcomeOptions = filterOptions(auditOutcomes, auditOutcomeLabels);

export function AuditFilters({ onSearch }: { onSearch: (filters: AuditFilterValues) => void }) {
  return (
    <FilterForm<FormValues>
      label="查询审计日志"
      name="audit-filters"
      initialValues={empty}
      onSearch={(values) =>
        onSearch({
          from: values.from || undefined,
          to: values.to || undefined,
          action: values.action.trim() || undefined,
          outcome: chosen(values.outcome),
          q: values.q.trim() || undefined,
        })
      }
      onReset={() => onSearch({})}
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
    </FilterForm>
  );
}
