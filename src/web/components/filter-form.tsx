import { Form } from 'antd';
import type { ReactNode } from 'react';
import type { RegionNode } from '../../shared/domain/regions';
import { FilterActions } from './filter-actions';
import { RegionPicker } from './region-picker';

/** The first choice of a filter's select: no condition. */
export const anyOption = { value: '', label: '全部' };

/** A filter's choices: “全部”, then each code with its label. */
export function filterOptions<T extends string>(values: readonly T[], labels: Record<T, string>) {
  return [anyOption, ...values.map((value) => ({ value, label: labels[value] }))];
}

/** A select's value as a query value: '' (全部) is no condition. */
export function chosen<T>(value: string): T | undefined {
  return value === '' ? undefined : (value as T);
}

/** The 区域 filter: the account's region and those below it, or all of them. */
export function RegionFilter({ root }: { root: RegionNode | undefined }) {
  return (
    <Form.Item name="regionCode" label="区域">
      <RegionPicker root={root} allowAll />
    </Form.Item>
  );
}

interface FilterFormProps<V> {
  /** names the search landmark, e.g. 筛选培训机构 */
  label: string;
  /** the form's name (it prefixes the fields' ids) */
  name: string;
  /** read once, when the form mounts */
  initialValues: V;
  /** what 重置 puts in the fields; without it 重置 puts back the initial values (and clears the messages) */
  emptyValues?: V;
  onSearch: (values: V) => void;
  /** after 重置 has emptied the fields */
  onReset: () => void;
  children: ReactNode;
}

/**
 * A filter form in a search landmark, ending in 查询 / 重置. It applies on submit, never while a
 * control changes (WCAG 3.2.2).
 */
export function FilterForm<V extends object>({ label, name, initialValues, emptyValues, onSearch, onReset, children }: FilterFormProps<V>) {
  const [form] = Form.useForm<V>();
  return (
    <div role="search" aria-label={label} className="filter-search">
      <Form<V>
        form={form}
        name={name}
        layout="vertical"
        className="filter-form"
        requiredMark={false}
        initialValues={initialValues}
        onFinish={onSearch}
      >
        {children}
        <FilterActions
          onReset={() => {
            if (emptyValues) form.setFieldsValue(emptyValues as Parameters<typeof form.setFieldsValue>[0]);
            else form.resetFields();
            onReset();
          }}
        />
      </Form>
    </div>
  );
}
