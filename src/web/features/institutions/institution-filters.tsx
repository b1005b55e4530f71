import { Form, Input } from 'antd';
import {
  accessibilityFeatureLabels,
  accessibilityFeatures,
  institutionKindLabels,
  institutionKinds,
  institutionStatuses,
  institutionStatusLabels,
} from '../../../shared/domain/institution-codes';
import type { RegionNode } from '../../../shared/domain/regions';
import { FilterActions } from '../../components/filter-actions';
import { NativeSelect } from '../../components/native-select';
import { RegionPicker } from '../../components/region-picker';
import type { InstitutionListQuery } from './use-institutions';

export type InstitutionFilterValues = Omit<InstitutionListQuery, 'page' | 'pageSize'>;

interface FormValues {
  regionCode?: string;
  q: string;
  institutionKind: string;
  status: string;
  accessibilityFeature: string;
}

const all = { value: '', label: '全部' };
const options = <T extends string>(values: readonly T[], labels: Record<T, string>) => [
  all,
  ...values.map((value) => ({ value, label: labels[value] })),
];
const kindOptions = options(institutionKinds, institutionKindLabels);
const statusOptions = options(institutionStatuses, institutionStatusLabels);
const featureOptions = options(accessibilityFeatures, accessibilityFeatureLabels);

function toForm(filters: InstitutionFilterValues): FormValues {
  return {
    regionCode: filters.regionCode,
    q: filters.q ?? '',
    institutionKind: filters.institutionKind ?? '',
    status: filters.status ?? '',
    accessibilityFeature: filters.accessibilityFeature ?? '',
  };
}

function fromForm(values: FormValues): InstitutionFilterValues {
  const pick = <T,>(value: string) => (value === '' ? undefined : (value as T));
  return {
    regionCode: values.regionCode || undefined,
    q: values.q.trim() || undefined,
    institutionKind: pick(values.institutionKind),
    status: pick(values.status),
    accessibilityFeature: pick(values.accessibilityFeature),
  };
}

/** Applies on 查询, never while a control changes (WCAG 3.2.2). */
export function InstitutionFilters({
  regionRoot,
  initial,
  onSearch,
}: {
  regionRoot: RegionNode | undefined;
  initial: InstitutionFilterValues;
  onSearch: (filters: InstitutionFilterValues) => void;
}) {
  const [form] = Form.useForm<FormValues>();
  return (
    <div role="search" aria-label="筛选培训机构" className="filter-search">
      <Form
        form={form}
        name="institution-filters"
        layout="vertical"
        className="filter-form"
        requiredMark={false}
        initialValues={toForm(initial)}
        onFinish={(values) => onSearch(fromForm(values))}
      >
        <Form.Item name="regionCode" label="区域">
          <RegionPicker root={regionRoot} allowAll />
        </Form.Item>
        <Form.Item name="q" label="机构名称或统一社会信用代码">
          <Input autoComplete="off" maxLength={50} />
        </Form.Item>
        <Form.Item name="institutionKind" label="机构类型">
          <NativeSelect options={kindOptions} />
        </Form.Item>
        <Form.Item name="status" label="状态">
          <NativeSelect options={statusOptions} />
        </Form.Item>
        <Form.Item name="accessibilityFeature" label="无障碍设施与服务">
          <NativeSelect options={featureOptions} />
        </Form.Item>
        <FilterActions
          onReset={() => {
            form.setFieldsValue(toForm({}));
            onSearch({});
          }}
        />
      </Form>
    </div>
  );
}
