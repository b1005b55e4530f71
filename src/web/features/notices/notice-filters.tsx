import { Form, Input } from 'antd';
import { noticeKindLabels, noticeKinds, noticeStatuses, noticeStatusLabels } from '../../../shared/domain/notice-rules';
import type { RegionNode } from '../../../shared/domain/regions';
import { chosen, FilterForm, filterOptions, RegionFilter } from '../../components/filter-form';
import { NativeSelect } from '../../components/native-select';
import type { NoticeListQuery } from './use-notices';

export type NoticeFilterValues = Pick<NoticeListQuery, 'kind' | 'status' | 'regionCode' | 'from' | 'to'>;

const kindOptions = filterOptions(noticeKinds, noticeKindLabels);
const statusOptions = filterOptions(noticeStatuses, noticeStatusLabels);

interface RawValues {
  kind: string;
  status: string;
  regionCode?: string;
  from: string;
  to: string;
}

export function NoticeFilters({
  regionRoot,
  initial,
  onSearch,
}: {
  regionRoot: RegionNode | undefined;
  initial: NoticeFilterValues;
  onSearch: (f: NoticeFilterValues) => void;
}) {
  return (
    <FilterForm<RawValues>
      label="查询公示"
      name="notice-filters"
      initialValues={{ kind: initial.kind ?? '', status: initial.status ?? '', from: '', to: '' }}
      // 重置 goes back to everything, not to the initial values a home-page link may have set
      emptyValues={{ kind: '', status: '', regionCode: undefined, from: '', to: '' }}
      onSearch={(values) =>
        onSearch({
          kind: chosen(values.kind),
          status: chosen(values.status),
          regionCode: values.regionCode || undefined,
          from: values.from || undefined,
          to: values.to || undefined,
        })
      }
      onReset={() => onSearch({})}
    >
      <Form.Item name="kind" label="公示类型">
        <NativeSelect options={kindOptions} />
      </Form.Item>
      <Form.Item name="status" label="状态">
        <NativeSelect options={statusOptions} />
      </Form.Item>
      <RegionFilter root={regionRoot} />
      <Form.Item name="from" label="公示期起（含）">
        <Input type="date" />
      </Form.Item>
      <Form.Item name="to" label="公示期止（含）">
        <Input type="date" />
      </Form.Item>
    </FilterForm>
  );
}
