import { Form, Input } from 'antd';
import { noticeKindLabels, noticeKinds, noticeStatuses, noticeStatusLabels } from '../../../shared/domain/notice-rules';
import type { RegionNode } from '../../../shared/domain/regions';
import { FilterActions } from '../../components/filter-actions';
import { NativeSelect } from '../../components/native-select';
import { RegionPicker } from '../../components/region-picker';
import type { NoticeListQuery } from './use-notices';

export type NoticeFilterValues = Pick<NoticeListQuery, 'kind' | 'status' | 'regionCode' | 'from' | 'to'>;

const kindOptions = [{ value: '', label: '全部' }, ...noticeKinds.map((value) => ({ value, label: noticeKindLabels[value] }))];
const statusOptions = [{ value: '', label: '全部' }, ...noticeStatuses.map((value) => ({ value, label: noticeStatusLabels[value] }))];

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
  const [form] = Form.useForm<RawValues>();
  return (
    <div role="search" aria-label="查询公示" className="filter-search">
      <Form
        form={form}
        name="notice-filters"
        layout="vertical"
        className="filter-form"
        requiredMark={false}
        initialValues={{ kind: initial.kind ?? '', status: initial.status ?? '', from: '', to: '' }}
        onFinish={(values) =>
          onSearch({
            kind: (values.kind || undefined) as NoticeFilterValues['kind'],
            status: (values.status || undefined) as NoticeFilterValues['status'],
            regionCode: values.regionCode || undefined,
            from: values.from || undefined,
            to: values.to || undefined,
          })
        }
      >
        <Form.Item name="kind" label="公示类型">
          <NativeSelect options={kindOptions} />
        </Form.Item>
        <Form.Item name="status" label="状态">
          <NativeSelect options={statusOptions} />
        </Form.Item>
        <Form.Item name="regionCode" label="区域">
          <RegionPicker root={regionRoot} allowAll />
        </Form.Item>
        <Form.Item name="from" label="公示期起（含）">
          <Input type="date" />
        </Form.Item>
        <Form.Item name="to" label="公示期止（含）">
          <Input type="date" />
        </Form.Item>
        <FilterActions
          onReset={() => {
            // back to everything, not to the initial values a home-page link may have set
            form.setFieldsValue({ kind: '', status: '', regionCode: undefined, from: '', to: '' });
            onSearch({});
          }}
        />
      </Form>
    </div>
  );
}
