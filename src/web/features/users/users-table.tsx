import { Button, Space, Table, Tag, type TableColumnsType } from 'antd';
import { userStatusLabels, type UserSummary } from '../../../shared/contracts/users-contracts';
import { roleLabels, userKindLabels } from '../../../shared/domain/roles';
import { formatDateTime } from '../../lib/formatters';
import type { UserCommand } from './use-users';

export type UserRowAction = UserCommand | 'reset-password';

interface UsersTableProps {
  users: UserSummary[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  onPageChange: (page: number, pageSize: number) => void;
  canManage: (user: UserSummary) => boolean;
  onEdit: (user: UserSummary) => void;
  onAction: (user: UserSummary, action: UserRowAction) => void;
}

/** Each state is written out in words; colour only repeats it. */
function AccountState({ user }: { user: UserSummary }) {
  return (
    <Space size={[4, 4]} wrap>
      <Tag className={user.status === 'active' ? 'state-good' : 'state-bad'}>{userStatusLabels[user.status]}</Tag>
      {user.locked && <Tag className="state-bad">已锁定</Tag>}
      {user.mustChangePassword && <Tag className="state-warn">待修改密码</Tag>}
    </Space>
  );
}

export function UsersTable({ users, total, page, pageSize, loading, onPageChange, canManage, onEdit, onAction }: UsersTableProps) {
  const columns: TableColumnsType<UserSummary> = [
    { title: '用户名', dataIndex: 'username', key: 'username' },
    { title: '姓名', dataIndex: 'displayName', key: 'displayName' },
    { title: '账号类型', key: 'kind', render: (_, user) => userKindLabels[user.kind] },
    {
      title: '岗位角色',
      key: 'roles',
      render: (_, user) => (user.roles.length ? user.roles.map((role) => roleLabels[role]).join('、') : '—'),
    },
    { title: '所属区域', dataIndex: 'regionName', key: 'regionName' },
    { title: '所属单位', key: 'organizationName', render: (_, user) => user.organizationName ?? '—' },
    { title: '账号状态', key: 'state', render: (_, user) => <AccountState user={user} /> },
    { title: '第二因素', key: 'totp', render: (_, user) => (user.totpEnabled ? '已绑定' : '未绑定') },
    { title: '最近登录', key: 'lastLoginAt', render: (_, user) => formatDateTime(user.lastLoginAt) },
    {
      title: '操作',
      key: 'actions',
      render: (_, user) => {
        if (!canManage(user)) return '—';
        // The visible word starts each accessible name; the person's name makes it unique in the table.
        const name = `${user.displayName}（${user.username}）`;
        const button = (label: string, onClick: () => void) => (
          <Button size="small" htmlType="button" aria-label={`${label} ${name}`} onClick={onClick}>
            {label}
          </Button>
        );
        return (
          <Space size={[4, 4]} wrap className="row-actions">
            {button('编辑', () => onEdit(user))}
            {user.status === 'active' ? button('停用', () => onAction(user, 'disable')) : button('启用', () => onAction(user, 'enable'))}
            {user.locked && button('解锁', () => onAction(user, 'unlock'))}
            {user.totpEnabled && button('重置第二因素', () => onAction(user, 'reset-totp'))}
            {button('重置密码', () => onAction(user, 'reset-password'))}
          </Space>
        );
      },
    },
  ];

  return (
    <Table<UserSummary>
      rowKey="id"
      columns={columns}
      dataSource={users}
      loading={loading}
      caption={<span className="visually-hidden">账号列表</span>}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: '没有符合条件的账号' }}
      pagination={{
        current: page,
        pageSize,
        total,
        showSizeChanger: false, // its antd Select announces no value; the page size stays fixed
        showTotal: (count) => `共 ${count} 个账号`,
        onChange: onPageChange,
      }}
    />
  );
}
