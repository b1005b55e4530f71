import './persons.css';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button } from 'antd';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { exportPersons } from '../../../shared/contracts/persons-contracts';
import { ConfirmReasonModal } from '../../components/confirm-reason-modal';
import { ListStatus } from '../../components/paged-list';
import { downloadFile } from '../../lib/api-client';
import { errorMessage } from '../../lib/use-form-errors';
import { useCurrentUser, userCan } from '../auth/use-session';
import { useRegionTree } from '../regions/use-region-tree';
import { FindByNumber } from './find-by-number';
import { PersonFilters, type PersonFilterValues } from './person-filters';
import { orderLabels, PersonsTable, sortLabels, type SortKey, type SortOrder } from './persons-table';
import { usePersonList } from './use-persons';

interface ListState {
  filters: PersonFilterValues;
  page: number;
  sort: SortKey;
  order: SortOrder;
}

const pageSize = 20;
const initialState: ListState = { filters: {}, page: 1, sort: 'updatedAt', order: 'desc' };
// Filters are kept in the query cache, not the address bar (a name is personal data) nor browser
// storage; the cache is emptied when the account changes, and they survive a visit to a detail page.
const stateKey = ['persons', 'list-state'] as const;

export function PersonList() {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const { root } = useRegionTree(user.viewRegion?.code ?? user.region.code);
  const [state, setStateRaw] = useState<ListState>(() => queryClient.getQueryData<ListState>(stateKey) ?? initialState);
  const list = usePersonList({ ...state.filters, page: state.page, pageSize, sort: state.sort, order: state.order });
  const [fullExport, setFullExport] = useState(false);
  const [exportStatus, setExportStatus] = useState('');
  const [exporting, setExporting] = useState(false);
  const statusLine = useRef<HTMLParagraphElement>(null);

  const setState = (next: ListState) => {
    queryClient.setQueryData(stateKey, next);
    setStateRaw(next);
  };

  async function runExport(full: boolean, reason?: string) {
    setExporting(true);
    setExportStatus('正在生成导出文件…');
    try {
      const { filters, sort, order } = state;
      const name = await downloadFile(exportPersons, { query: { ...filters, sort, order, full: full ? 'true' : 'false', reason } });
      setExportStatus(full ? `完整导出文件“${name}”已开始下载，本次导出已记入审计日志。` : `脱敏导出文件“${name}”已开始下载。`);
    } catch (error) {
      setExportStatus('');
      if (full) throw error; // shown inside the reason dialog
      setExportStatus(`导出未能完成：${errorMessage(error)}`);
    } finally {
      setExporting(false);
    }
  }

  const data = list.data;
  const canExport = userCan(user, 'persons.export');
  const canExportFull = canExport && userCan(user, 'persons.export_full');

  return (
    <>
      <div className="toolbar">
        {userCan(user, 'persons.write') && (
          <Link to="/persons/new" className="link-button is-primary">
            <PlusOutlined aria-hidden /> 登记新人员
          </Link>
        )}
        {userCan(user, 'persons.import') && (
          <Link to="/persons/import" className="link-button">
            批量导入
          </Link>
        )}
      </div>
      <FindByNumber />
      <section aria-labelledby="person-list-heading">
        <h2 id="person-list-heading">筛选与列表</h2>
        <PersonFilters regionRoot={root} initial={state.filters} onSearch={(filters) => setState({ ...state, filters, page: 1 })} />
        {canExport && (
          <div className="toolbar">
            <Button
              htmlType="button"
              icon={<DownloadOutlined aria-hidden />}
              loading={exporting && !fullExport}
              onClick={() => void runExport(false)}
            >
              导出筛选结果（脱敏）
            </Button>
            {canExportFull && (
              <Button htmlType="button" icon={<DownloadOutlined aria-hidden />} onClick={() => setFullExport(true)}>
                完整导出…
              </Button>
            )}
            <span role="status" className="export-status">
              {exportStatus}
            </span>
          </div>
        )}
        <ListStatus
          ref={statusLine}
          query={list}
          text={
            data
              ? `共找到 ${data.total} 人，按${sortLabels[state.sort]}${orderLabels[state.order]}排列${data.total > pageSize ? `，当前第 ${state.page} 页` : ''}。`
              : ''
          }
        />
        <PersonsTable
          persons={data?.items ?? []}
          total={data?.total ?? 0}
          page={state.page}
          pageSize={pageSize}
          sort={state.sort}
          order={state.order}
          busy={list.isFetching}
          onSort={(sort, order) => setState({ ...state, sort, order, page: 1 })}
          onPageChange={(page) => {
            setState({ ...state, page });
            statusLine.current?.focus();
          }}
        />
      </section>
      <ConfirmReasonModal
        open={fullExport}
        title="完整导出（含完整证件号码）"
        description={
          <p>
            完整导出的文件含有未脱敏的身份证号、残疾人证号和电话，只能用于经批准的用途，并妥善保管。导出范围为当前筛选结果，本次导出会连同原因记入审计日志。
          </p>
        }
        confirmText="完整导出"
        danger
        onConfirm={async (reason) => {
          await runExport(true, reason);
          setFullExport(false);
        }}
        onCancel={() => setFullExport(false)}
      />
    </>
  );
}
