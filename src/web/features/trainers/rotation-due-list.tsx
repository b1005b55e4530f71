import '../persons/persons.css';
import './trainers.css';
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { exportRotationDue } from '../../../shared/contracts/trainers-contracts';
import { chosen, FilterForm, RegionFilter } from '../../components/filter-form';
import { NativeSelect } from '../../components/native-select';
import { ListStatus } from '../../components/paged-list';
import { downloadFile } from '../../lib/api-client';
import { errorMessage } from '../../lib/use-form-errors';
import { useListState } from '../../lib/use-list-state';
import { useCurrentUser } from '../auth/use-session';
import { useRegionTree } from '../regions/use-region-tree';
import { TrainersTable } from './trainers-table';
import { type RotationDueQuery, useRotationDue } from './use-trainers';

type Filters = Omit<RotationDueQuery, 'page' | 'pageSize'>;
interface FormValues {
  regionCode?: string;
  rotationState: string;
  dueSoonDays: string;
}

const pageSize = 50;
const stateOptions = [
  { value: '', label: '即将到期和已逾期' },
  { value: 'overdue', label: '只看已逾期' },
  { value: 'due_soon', label: '只看即将到期' },
];

/** Trainers whose five-year rotation falls due soon or is overdue, soonest first, with a masked export. */
export function RotationDueList() {
  const user = useCurrentUser();
  const staff = user.kind === 'staff';
  const { root } = useRegionTree(user.viewRegion?.code ?? user.region.code);
  const { filters, page, statusLine, search, showPage } = useListState<Filters>();
  const due = useRotationDue({ ...filters, page, pageSize });
  const [exportStatus, setExportStatus] = useState('');
  const [exporting, setExporting] = useState(false);
  const data = due.data;

  async function runExport() {
    setExporting(true);
    setExportStatus('正在生成导出文件…');
    try {
      const name = await downloadFile(exportRotationDue, { query: filters });
      setExportStatus(`导出文件“${name}”已开始下载（证件号码已脱敏）。`);
    } catch (error) {
      setExportStatus(`导出未能完成：${errorMessage(error)}`);
    } finally {
      setExporting(false);
    }
  }

  return (
    <>
      <p>
        每名师资每五年须参加一次轮训：周期从入库日期或最近一次合格轮训的结业日期起算，截止日当天仍在周期内，次日起为逾期。
        {data && ` 截至 ${data.today}，截止日在 ${data.dueSoonDays} 天内的列为“即将到期”。`}
      </p>
      <FilterForm<FormValues>
        label="筛选轮训名单"
        name="rotation-due-filters"
        initialValues={{ rotationState: '', dueSoonDays: '' }}
        onSearch={(values) => {
          search({
            regionCode: values.regionCode || undefined,
            rotationState: chosen(values.rotationState),
            dueSoonDays: values.dueSoonDays === '' ? undefined : Number(values.dueSoonDays),
          });
        }}
        onReset={() => {
          search({});
        }}
      >
        {staff && <RegionFilter root={root} />}
        <Form.Item name="rotationState" label="名单">
          <NativeSelect options={stateOptions} />
        </Form.Item>
        <Form.Item
          name="dueSoonDays"
          label="提前提醒天数（留空按系统设置）"
          rules={[{ pattern: /^\d{0,3}$/, message: '请填写 0 至 730 的整数' }]}
        >
          <Input inputMode="numeric" autoComplete="off" maxLength={3} />
        </Form.Item>
      </FilterForm>
      <div className="toolbar">
        <Button htmlType="button" icon={<DownloadOutlined aria-hidden />} loading={exporting} onClick={() => void runExport()}>
          导出名单（脱敏）
        </Button>
        <span role="status" className="export-status">
          {exportStatus}
        </span>
      </div>
      <ListStatus ref={statusLine} query={due} text={data ? `共 ${data.total} 名师资，按轮训截止日先后排列。` : ''} />
      <TrainersTable
        caption="轮训到期与逾期名单"
        trainers={data?.items ?? []}
        total={data?.total ?? 0}
        page={page}
        pageSize={pageSize}
        busy={due.isFetching}
        onPageChange={showPage}
      />
    </>
  );
}
