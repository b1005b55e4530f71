import './notices.css';
import { Alert, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { NoticeSummary } from '../../../shared/contracts/notices-contracts';
import { noticeKindLabels, noticeStatuses, noticeStatusLabels, type NoticeStatus } from '../../../shared/domain/notice-rules';
import { errorMessage } from '../../lib/use-form-errors';
import { useCurrentUser } from '../auth/use-session';
import { useRegionTree } from '../regions/use-region-tree';
import { formatNoticeTime } from './notice-format';
import { NoticeFilters, type NoticeFilterValues } from './notice-filters';
import { useNoticeList } from './use-notices';

const pageSize = 20;

/** Staff: the notices of the account's region and below; undecided ones first. */
export function NoticeAdminList() {
  const user = useCurrentUser();
  const { root } = useRegionTree(user.viewRegion?.code ?? user.region.code);
  const [params] = useSearchParams();
  // the home page links here with ?status=held
  const [filters, setFilters] = useState<NoticeFilterValues>(() => {
    const status = params.get('status');
    return (noticeStatuses as readonly string[]).includes(status ?? '') ? { status: status as NoticeStatus } : {};
  });
  const [page, setPage] = useState(1);
  const { data, isFetching, isError, error } = useNoticeList({ ...filters, page, pageSize });

  const columns: TableColumnsType<NoticeSummary> = [
    { title: '公示事项', key: 'title', render: (_, n) => <Link to={`/notices/${n.id}`}>{n.title}</Link> },
    { title: '类型', key: 'kind', render: (_, n) => noticeKindLabels[n.kind] },
    { title: '区域', dataIndex: 'regionName', key: 'regionName' },
    { title: '公示截止', key: 'endsAt', render: (_, n) => formatNoticeTime(n.endsAt) },
    {
      title: '状态',
      key: 'status',
      render: (_, n) => <span className={`notice-status notice-status-${n.status}`}>{noticeStatusLabels[n.status]}</span>,
    },
    {
      title: '待处理异议',
      key: 'pending',
      render: (_, n) => (n.totalObjections === 0 ? '无' : `${n.pendingObjections} / 共 ${n.totalObjections} 条`),
    },
  ];

  return (
    <>
      <NoticeFilters
        regionRoot={root}
        initial={filters}
        onSearch={(next) => {
          setFilters(next);
          setPage(1);
        }}
      />
      {isError && <Alert type="error" role="alert" showIcon title={errorMessage(error)} />}
      <Table<NoticeSummary>
        rowKey="id"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching}
        caption={<span className="visually-hidden">公示列表</span>}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '没有符合条件的公示' }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (count) => `共 ${count} 条公示`,
          onChange: (next) => setPage(next),
        }}
      />
    </>
  );
}
