import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useRef, useState } from 'react';
import type { UserSummary } from '../../../shared/contracts/users-contracts';
import { ConfirmReasonModal } from '../../components/confirm-reason-modal';
import { errorMessage } from '../../lib/use-form-errors';
import { useRegionTree } from '../regions/use-region-tree';
import { ExportUsersButton } from './export-users-button';
import { OneTimePasswordAlert, type OneTimePasswordResult } from './one-time-password-alert';
import { UserFilters, type UserFilterValues } from './user-filters';
import { UserFormDrawer } from './user-form-drawer';
import { useUserList, useUserMutations, useUserPermissions } from './use-users';
import { UsersTable, type UserRowAction } from './users-table';

const actionTexts: Record<UserRowAction, { title: string; confirm: string; done: string; danger: boolean; description: string }> = {
  disable: {
    title: '停用账号',
    confirm: '停用',
    done: '已停用',
    danger: true,
    description: '停用后该账号立即退出登录，且不能再登录，直到重新启用。',
  },
  enable: { title: '启用账号', confirm: '启用', done: '已启用', danger: false, description: '启用后该账号可以重新登录。' },
  unlock: { title: '解锁账号', confirm: '解锁', done: '已解锁', danger: false, description: '解锁后该账号可以立即重新尝试登录。' },
  'reset-totp': {
    title: '重置第二因素',
    confirm: '重置',
    done: '已重置第二因素',
    danger: true,
    description: '重置后，该用户下次登录时须重新绑定动态验证码。',
  },
  'reset-password': {
    title: '重置密码',
    confirm: '重置密码',
    done: '已重置密码',
    danger: true,
    description: '将生成新的一次性密码，原密码立即失效。',
  },
};

/** `round` gives each opening a fresh form, so no value from the previous account lingers. */
type DrawerState = { open: boolean; editing: UserSummary | null; round: number };
type DialogState = { open: boolean; user: UserSummary; action: UserRowAction } | null;

export function UserAdministration() {
  const permissions = useUserPermissions();
  const { root } = useRegionTree(permissions.regionCode);
  const mutations = useUserMutations();
  const [filters, setFilters] = useState<UserFilterValues>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const list = useUserList({ ...filters, ...paging });
  const [drawer, setDrawer] = useState<DrawerState>({ open: false, editing: null, round: 0 });
  const [dialog, setDialog] = useState<DialogState>(null);
  const [secret, setSecret] = useState<OneTimePasswordResult | null>(null);
  const [message, setMessage] = useState('');
  const statusLine = useRef<HTMLParagraphElement>(null);
  const secretBox = useRef<HTMLDivElement>(null);
  // Where focus goes once a drawer or dialog has finished closing; null: back to its trigger.
  const focusAfterClose = useRef<'status' | 'secret' | null>(null);

  function moveFocusAfterClose() {
    const target =
      focusAfterClose.current === 'secret' ? secretBox.current : focusAfterClose.current === 'status' ? statusLine.current : null;
    focusAfterClose.current = null;
    // The drawer hands focus back to its trigger right after this callback: move it on afterwards.
    if (target) requestAnimationFrame(() => target.focus());
  }

  function showSecret(user: UserSummary, password: string, reason: OneTimePasswordResult['reason']) {
    setSecret({ displayName: user.displayName, username: user.username, password, reason });
    setMessage('');
    focusAfterClose.current = 'secret';
  }

  async function confirmAction(reason: string) {
    if (!dialog) return;
    const { user, action } = dialog;
    if (action === 'reset-password') {
      const result = await mutations.resetPassword.mutateAsync({ id: user.id, reason });
      showSecret(result.user, result.oneTimePassword, 'reset');
    } else {
      await mutations.command.mutateAsync({ id: user.id, command: action, reason });
      setMessage(`${actionTexts[action].done}：${user.displayName}。`);
      focusAfterClose.current = 'status';
    }
    setDialog({ ...dialog, open: false });
  }

  const data = list.data;
  const texts = dialog ? actionTexts[dialog.action] : null;

  return (
    <>
      {(permissions.canCreate || permissions.canExport) && (
        <div className="toolbar">
          {permissions.canCreate && (
            <Button
              type="primary"
              htmlType="button"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => setDrawer({ open: true, editing: null, round: drawer.round + 1 })}
            >
              新建账号
            </Button>
          )}
          {permissions.canExport && <ExportUsersButton filters={filters} />}
        </div>
      )}
      {secret && (
        <OneTimePasswordAlert
          ref={secretBox}
          result={secret}
          onClose={() => {
            setSecret(null);
            statusLine.current?.focus();
          }}
        />
      )}
      <UserFilters
        regionRoot={root}
        onSearch={(next) => {
          // 查询 with unchanged filters still means "show me the current state": fetch again
          if (JSON.stringify(next) === JSON.stringify(filters) && paging.page === 1) void list.refetch();
          setFilters(next);
          setPaging((current) => ({ ...current, page: 1 }));
        }}
      />
      <p ref={statusLine} tabIndex={-1} role="status" className="list-status">
        {message}
        {list.isFetching ? '正在查询…' : data ? `共找到 ${data.total} 个账号。` : ''}
      </p>
      {list.isError && <Alert type="error" role="alert" showIcon title={errorMessage(list.error)} />}
      <UsersTable
        users={data?.items ?? []}
        total={data?.total ?? 0}
        page={paging.page}
        pageSize={paging.pageSize}
        loading={list.isFetching}
        onPageChange={(page, pageSize) => setPaging({ page, pageSize })}
        canManage={(user) => permissions.canManage(user.roles)}
        onEdit={(user) => setDrawer({ open: true, editing: user, round: drawer.round + 1 })}
        onAction={(user, action) => setDialog({ open: true, user, action })}
      />
      <UserFormDrawer
        key={drawer.round}
        open={drawer.open}
        editing={drawer.editing}
        onClose={() => setDrawer({ ...drawer, open: false })}
        onCreated={({ user, oneTimePassword }) => {
          showSecret(user, oneTimePassword, 'created');
          setDrawer({ ...drawer, open: false });
        }}
        onSaved={(user) => {
          setMessage(`已保存：${user.displayName}。`);
          focusAfterClose.current = 'status';
          setDrawer({ ...drawer, open: false });
        }}
        afterClose={moveFocusAfterClose}
      />
      {dialog && texts && (
        <ConfirmReasonModal
          open={dialog.open}
          title={`${texts.title}：${dialog.user.displayName}`}
          description={<p>{texts.description}</p>}
          confirmText={texts.confirm}
          danger={texts.danger}
          onConfirm={confirmAction}
          onCancel={() => setDialog({ ...dialog, open: false })}
          afterClose={() => {
            setDialog(null);
            moveFocusAfterClose();
          }}
        />
      )}
    </>
  );
}
