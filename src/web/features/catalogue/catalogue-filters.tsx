import { Form, Input } from 'antd';
import { brandTagLabels, brandTags, programmeStatusLabels, programmeStatuses } from '../../../shared/domain/catalogue-codes';
import { disabilityCategories, disabilityCategoryLabels } from '../../../shared/domain/disability';
import { trainingTypeLabels, trainingTypes } from '../../../shared/domain/person-codes';
import { chosen, FilterForm, filterOptions } from '../../components/filter-form';
import { NativeSelect } from '../../components/native-select';

export interface CatalogueFilterValues {
  q?: string | undefined;
  trainingType?: (typeof trainingTypes)[number] | undefined;
  brand?: (typeof brandTags)[number] | undefined;
  disabilityCategory?: (typeof disabilityCategories)[number] | undefined;
  status?: (typeof programmeStatuses)[number] | 'current' | 'all' | undefined;
}

interface FormValues {
  q: string;
  trainingType: string;
  brand: string;
  disabilityCategory: string;
  status: string;
}

const typeOptions = filterOptions(trainingTypes, trainingTypeLabels);
const brandOptions = filterOptions(brandTags, brandTagLabels);
const categoryOptions = filterOptions(disabilityCategories, disabilityCategoryLabels);
const statusOptions = [
  { value: 'current', label: '除已替代版本外的全部' },
  ...programmeStatuses.map((value) => ({ value, label: programmeStatusLabels[value] })),
  { value: 'all', label: '全部版本（含已替代）' },
];

function toForm(filters: CatalogueFilterValues): FormValues {
  return {
    q: filters.q ?? '',
    trainingType: filters.trainingType ?? '',
    brand: filters.brand ?? '',
    disabilityCategory: filters.disabilityCategory ?? '',
    status: filters.status ?? 'current',
  };
}

function fromForm(values: FormValues, withStatus: boolean): CatalogueFilterValues {
  return {
    q: values.q.trim() || undefined,
    trainingType: chosen(values.trainingType),
    brand: chosen(values.brand),
    disabilityCategory: chosen(values.disabilityCategory),
    ...(withStatus && { status: chosen(values.status) }),
  };
}

/** Filters of the staff list and the public catalogue; they apply on submit (WCAG 3.2.2). */
export function CatalogueFilters({
  name,
  initial,
  withStatus,
  onSearch,
}: {
  name: string;
  initial: CatalogueFilterValues;
  withStatus: boolean;
  onSearch: (filters: CatalogueFilterValues) => void;
}) {
  return (
    <FilterForm<FormValues>
      label="筛选培训项目"
      name={name}
      initialValues={toForm(initial)}
      emptyValues={toForm({})}
      onSearch={(values) => onSearch(fromForm(values, withStatus))}
      onReset={() => onSearch({})}
    >
      <Form.Item name="q" label="项目名称或职业（工种）">
        <Input autoComplete="off" maxLength={40} />
      </Form.Item>
      <Form.Item name="trainingType" label="培训类型">
        <NativeSelect options={typeOptions} />
      </Form.Item>
      <Form.Item name="brand" label="特色品牌">
        <NativeSelect options={brandOptions} />
      </Form.Item>
      <Form.Item name="disabilityCategory" label="适合的残疾类别">
        <NativeSelect options={categoryOptions} />
      </Form.Item>
      {withStatus && (
        <Form.Item name="status" label="状态">
          <NativeSelect options={statusOptions} />
        </Form.Item>
      )}
    </FilterForm>
  );
}
