import { Table, type TableColumnsType } from 'antd';
import { auditOutcomeLabels, type AuditEntry } from '../../../shared/contracts/audit-contracts';
import { formatDateTime } from '../../lib/formatters';

interface AuditTableProps {
  entries: AuditEntry[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  onPageChange: (page: number, pageSize: number) => void;
}

const columns: TableColumnsType<AuditEntry> = [
  { title: '序号', dataIndex: 'seq', key: 'seq' },
  { title: '时间', key: 'occurredAt', render: (_, entry) => formatDateTime(entry.occurredAt) },
  { title: '操作人', key: 'actor', render: (_, entry) => entry.actorName ?? entry.actorId ?? '系统' },
  { title: '操作', dataIndex: 'action', key: 'action' },
  { title: '结果', key: 'outcome', render: (_, entry) => auditOutcomeLabels[entry.outcome] },
  {
    title: '对象',
    key: 'target',
    render: (_, entry) => [entry.targetType, entry.targetId].filter(Boolean).join(' ') || '—',
  },
  { title: 'IP 地址', key: 'ip', render: (_, entry) => entry.ip ?? '—' },
];

export function AuditTable({ entries, total, page, pageSize, loading, onPageChange }: AuditTableProps) {
  return (
    <Table<AuditEntry>
      rowKey="seq"
      columns={columns}
      dataSource={entries}
      loading={loading}
      caption={<span className="visually-hidden">审计日志</span>}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: '没有符合条件的审计记录' }}
      pagination={{
        current: page,
        pageSize,
        total,
        showSizeChanger: false, // its antd Select announces no value; the page size stays fixed
        showTotal: (count) => `共 ${count} 条`,
        onChange: onPageChange,
      }}
    />
  );
}
