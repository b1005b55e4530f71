import { Form, Input } from 'antd';
import { disabilityCategories, disabilityCategoryLabels, disabilityLevelLabels, disabilityLevels } from '../../../shared/domain/disability';
import {
  accommodationLabels,
  accommodationNeeds,
  employmentStatuses,
  employmentStatusLabels,
  trainingTypeLabels,
  trainingTypes,
} from '../../../shared/domain/person-codes';
import type { RegionNode } from '../../../shared/domain/regions';
import { anyOption, chosen, FilterForm, filterOptions, RegionFilter } from '../../components/filter-form';
import { NativeSelect } from '../../components/native-select';
import type { PersonListQuery } from './use-persons';

export type PersonFilterValues = Omit<PersonListQuery, 'page' | 'pageSize' | 'sort' | 'order'>;

interface FormValues {
  regionCode?: string;
  q: string;
  disabilityCategory: string;
  disabilityLevel: string;
  ageMin: string;
  ageMax: string;
  workingAge: string;
  employmentStatus: string;
  trainingWish: string;
  accommodation: string;
}

const categoryOptions = filterOptions(disabilityCategories, disabilityCategoryLabels);
const levelOptions = filterOptions(disabilityLevels, disabilityLevelLabels);
const statusOptions = filterOptions(employmentStatuses, employmentStatusLabels);
const wishOptions = filterOptions(trainingTypes, trainingTypeLabels);
const accommodationOptions = filterOptions(accommodationNeeds, accommodationLabels);
const workingAgeOptions = [anyOption, { value: 'true', label: '劳动年龄段内' }, { value: 'false', label: '劳动年龄段外' }];

const ageRule = { pattern: /^\d{0,3}$/, message: '年龄请填写 0 至 120 的整数' };
const ageRange = (value: string) =>
  value === '' || Number(value) <= 120 ? Promise.resolve() : Promise.reject(new Error('年龄请填写 0 至 120 的整数'));
// A name search travels in the address; an ID number must not (it has its own form, sent in a body).
const looksLikeNumber = /\d{4,}/;

function toForm(filters: PersonFilterValues): FormValues {
  return {
    regionCode: filters.regionCode,
    q: filters.q ?? '',
    disabilityCategory: filters.disabilityCategory ?? '',
    disabilityLevel: filters.disabilityLevel ?? '',
    ageMin: filters.ageMin === undefined ? '' : String(filters.ageMin),
    ageMax: filters.ageMax === undefined ? '' : String(filters.ageMax),
    workingAge: filters.workingAge ?? '',
    employmentStatus: filters.employmentStatus ?? '',
    trainingWish: filters.trainingWish ?? '',
    accommodation: filters.accommodation ?? '',
  };
}

function fromForm(values: FormValues): PersonFilterValues {
  return {
    regionCode: values.regionCode || undefined,
    q: values.q.trim() || undefined,
    disabilityCategory: chosen(values.disabilityCategory),
    disabilityLevel: chosen(values.disabilityLevel),
    ageMin: values.ageMin === '' ? undefined : Number(values.ageMin),
    ageMax: values.ageMax === '' ? undefined : Number(values.ageMax),
    workingAge: chosen(values.workingAge),
    employmentStatus: chosen(values.employmentStatus),
    trainingWish: chosen(values.trainingWish),
    accommodation: chosen(values.accommodation),
  };
}

/** Filters apply when the form is submitted, never while a control is being changed (WCAG 3.2.2). */
export function PersonFilters({
  regionRoot,
  initial,
  onSearch,
}: {
  regionRoot: RegionNode | undefined;
  initial: PersonFilterValues;
  onSearch: (filters: PersonFilterValues) => void;
}) {
  return (
    <FilterForm<FormValues>
      label="筛选人员"
      name="person-filters"
      initialValues={toForm(initial)}
      emptyValues={toForm({})}
      onSearch={(values) => onSearch(fromForm(values))}
      onReset={() => onSearch({})}
    >
      <RegionFilter root={regionRoot} />
      <Form.Item
        name="q"
        label="姓名"
        rules={[
          {
            validator: (_, value: string) =>
              looksLikeNumber.test(value ?? '') ? Promise.reject(new Error('按证件号码查找请使用下方“按证件号查找”')) : Promise.resolve(),
          },
        ]}
      >
        <Input autoComplete="off" maxLength={40} />
      </Form.Item>
      <Form.Item name="disabilityCategory" label="残疾类别">
        <NativeSelect options={categoryOptions} />
      </Form.Item>
      <Form.Item name="disabilityLevel" label="残疾等级">
        <NativeSelect options={levelOptions} />
      </Form.Item>
      <Form.Item name="ageMin" label="最小年龄（周岁）" rules={[ageRule, { validator: (_, value: string) => ageRange(value ?? '') }]}>
        <Input inputMode="numeric" autoComplete="off" maxLength={3} />
      </Form.Item>
      <Form.Item
        name="ageMax"
        label="最大年龄（周岁）"
        dependencies={['ageMin']}
        rules={[
          ageRule,
          { validator: (_, value: string) => ageRange(value ?? '') },
          ({ getFieldValue }) => ({
            validator: (_, value: string) => {
              const min = getFieldValue('ageMin') as string;
              return !value || !min || Number(min) <= Number(value)
                ? Promise.resolve()
                : Promise.reject(new Error('最大年龄不能小于最小年龄'));
            },
          }),
        ]}
      >
        <Input inputMode="numeric" autoComplete="off" maxLength={3} />
      </Form.Item>
      <Form.Item name="workingAge" label="劳动年龄段">
        <NativeSelect options={workingAgeOptions} />
      </Form.Item>
      <Form.Item name="employmentStatus" label="就业状况">
        <NativeSelect options={statusOptions} />
      </Form.Item>
      <Form.Item name="trainingWish" label="培训意愿">
        <NativeSelect options={wishOptions} />
      </Form.Item>
      <Form.Item name="accommodation" label="便利需求">
        <NativeSelect options={accommodationOptions} />
      </Form.Item>
    </FilterForm>
  );
}
