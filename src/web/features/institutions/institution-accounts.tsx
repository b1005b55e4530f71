import './institutions.css';
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Form, Input, Space, Tag } from 'antd';
import { useEffect, useRef, useState } from 'react';
import {
  institutionAccountInput,
  type InstitutionAccount,
  type InstitutionAccountCommand,
} from '../../../shared/contracts/institutions-contracts';
import { ConfirmReasonModal } from '../../components/confirm-reason-modal';
import { ErrorSummary } from '../../components/error-summary';
import { LoadingState } from '../../components/loading-state';
import { formatDateTime } from '../../lib/formatters';
import { errorMessage, useFormErrors } from '../../lib/use-form-errors';
import { DetailTable } from '../../components/detail-table';
import { OneTimePasswordAlert, type OneTimePasswordResult } from '../users/one-time-password-alert';
import { sharedRule, typingDelay } from './profile-fields';
import { useAccountMutations, useInstitutionAccounts } from './use-institutions';
import { focusSoon } from '../../lib/focus-soon';

const formName = 'institution-account-form';
const bodyShape = institutionAccountInput.shape;

const commandTexts: Record<
  InstitutionAccountCommand,
  { label: string; title: string; description: string; done: string; danger: boolean }
> = {
  disable: {
    label: '停用',
    title: '停用账号',
    description: '停用后该账号立即退出登录，且不能再登录，直到重新启用。',
    done: '已停用',
    danger: true,
  },
  enable: { label: '启用', title: '启用账号', description: '启用后该账号可以重新登录。', done: '已启用', danger: false },
  'reset-password': {
    label: '重置密码',
    title: '重置密码',
    description: '将生成新的一次性密码，原密码立即失效，该账号立即退出登录。',
    done: '已重置密码',
    danger: true,
  },
  'grant-admin': {
    label: '设为管理员',
    title: '设为机构管理员',
    description: '机构管理员可以新建、停用本机构的账号，重置其密码。',
    done: '已设为机构管理员',
    danger: false,
  },
  'revoke-admin': {
    label: '取消管理员',
    title: '取消机构管理员',
    description: '取消后该账号不能再管理本机构的账号。',
    done: '已取消机构管理员',
    danger: true,
  },
};

interface NewAccountValues {
  username: string;
  displayName: string;
  institutionAdmin: boolean;
}

/**
 * The accounts of one institution. Its admin creates, disables and resets them; federation staff
 * see them and create the first admin of an institution that has none. A new or reset password is
 * shown once.
 */
export function InstitutionAccounts({ institutionId }: { institutionId: string }) {
  const accounts = useInstitutionAccounts(institutionId);
  const mutations = useAccountMutations(institutionId);
  const [form] = Form.useForm<NewAccountValues>();
  const errors = useFormErrors(form, formName);
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<OneTimePasswordResult | null>(null);
  const [dialog, setDialog] = useState<{ account: InstitutionAccount; command: InstitutionAccountCommand } | null>(null);
  const [message, setMessage] = useState('');
  const secretBox = useRef<HTMLDivElement>(null);
  const statusLine = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (secret) secretBox.current?.focus();
  }, [secret]);
  useEffect(() => {
    if (creating) form.focusField('username');
  }, [creating, form]);

  if (accounts.isPending) return <LoadingState label="正在加载机构账号…" />;
  if (accounts.isError) return <Alert type="error" role="alert" showIcon title={errorMessage(accounts.error)} />;
  const { items, mayManage, mayCreateAdmin } = accounts.data;
  const mayCreate = mayManage || mayCreateAdmin;

  async function create(values: NewAccountValues) {
    errors.clear();
    try {
      const result = await mutations.create.mutateAsync({ ...values, institutionAdmin: mayCreateAdmin ? true : values.institutionAdmin });
      setCreating(false);
      setMessage('');
      setSecret({
        displayName: result.account.displayName,
        username: result.account.username,
        password: result.oneTimePassword,
        reason: 'created',
      });
    } catch (error) {
      errors.showError(error);
    }
  }

  async function runCommand(reason: string) {
    if (!dialog) return;
    const { account, command } = dialog;
    const result = await mutations.command.mutateAsync({ accountId: account.id, command, reason });
    setDialog(null);
    if (result.oneTimePassword) {
      setSecret({ displayName: account.displayName, username: account.username, password: result.oneTimePassword, reason: 'reset' });
    } else {
      setMessage(`${commandTexts[command].done}：${account.displayName}。`);
      focusSoon(() => statusLine.current);
    }
  }

  const rowActions = (account: InstitutionAccount) => {
    if (!mayManage || account.self) return account.self ? '（本人）' : '—';
    const commands: InstitutionAccountCommand[] = [
      account.status === 'active' ? 'disable' : 'enable',
      'reset-password',
      account.institutionAdmin ? 'revoke-admin' : 'grant-admin',
    ];
    return (
      <Space size={[4, 4]} wrap className="row-actions">
        {commands.map((command) => (
          <Button
            key={command}
            size="small"
            htmlType="button"
            aria-label={`${commandTexts[command].label} ${account.displayName}（${account.username}）`}
            onClick={() => setDialog({ account, command })}
          >
            {commandTexts[command].label}
          </Button>
        ))}
      </Space>
    );
  };

  return (
    <>
      {!mayManage && !mayCreateAdmin && <p>机构账号由本机构的管理员管理。账号被锁定或遗失密码时，请联系安全管理员。</p>}
      {mayCreateAdmin && <p>该机构还没有可用的管理员账号。请为机构建立管理员账号，其他账号由机构管理员自行建立。</p>}
      {secret && <OneTimePasswordAlert ref={secretBox} result={secret} onClose={() => setSecret(null)} />}
      <p ref={statusLine} tabIndex={-1} role="status" className="list-status">
        {message}
      </p>
      {mayCreate && !creating && (
        <div className="toolbar">
          <Button type="primary" htmlType="button" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
            {mayCreateAdmin ? '建立机构管理员账号' : '新建账号'}
          </Button>
        </div>
      )}
      {creating && (
        <section aria-labelledby="new-account-heading" className="form-section">
          <h2 id="new-account-heading" className="tab-heading">
            {mayCreateAdmin ? '建立机构管理员账号' : '新建机构账号'}
          </h2>
          <ErrorSummary errors={errors.errors} />
          <Form<NewAccountValues>
            form={form}
            name={formName}
            layout="vertical"
            initialValues={{ username: '', displayName: '', institutionAdmin: false }}
            onFinish={(values) => void create(values)}
            onFinishFailed={errors.onFinishFailed}
          >
            <Form.Item
              name="username"
              label="用户名"
              required
              validateDebounce={typingDelay}
              extra="3 至 32 个字符，以字母开头，可含字母、数字、点、下划线和连字符。"
              rules={[sharedRule(bodyShape.username)]}
            >
              <Input autoComplete="off" spellCheck={false} autoCapitalize="off" maxLength={32} />
            </Form.Item>
            <Form.Item name="displayName" label="姓名" required validateDebounce={typingDelay} rules={[sharedRule(bodyShape.displayName)]}>
              <Input autoComplete="off" maxLength={64} />
            </Form.Item>
            {mayManage && (
              <Form.Item name="institutionAdmin" valuePropName="checked">
                <Checkbox>设为机构管理员（可管理本机构账号）</Checkbox>
              </Form.Item>
            )}
            <Space wrap className="form-actions">
              <Button type="primary" htmlType="submit" loading={mutations.create.isPending}>
                建立账号
              </Button>
              <Button
                htmlType="button"
                onClick={() => {
                  setCreating(false);
                  errors.clear();
                }}
              >
                取消
              </Button>
            </Space>
          </Form>
        </section>
      )}
      <DetailTable
        caption="机构账号"
        headers={['用户名', '姓名', '权限', '状态', '最近登录', '操作']}
        empty="该机构还没有账号。"
        rows={items.map((account) => ({
          key: account.id,
          cells: [
            account.username,
            account.displayName,
            account.institutionAdmin ? '机构管理员' : '普通账号',
            <Space size={[4, 4]} wrap>
              <Tag className={account.status === 'active' ? 'state-good' : 'state-bad'}>
                {account.status === 'active' ? '正常' : '已停用'}
              </Tag>
              {account.mustChangePassword && <Tag className="state-warn">待修改密码</Tag>}
            </Space>,
            formatDateTime(account.lastLoginAt),
            rowActions(account),
          ],
        }))}
      />
      {dialog && (
        <ConfirmReasonModal
          open
          title={`${commandTexts[dialog.command].title}：${dialog.account.displayName}`}
          description={<p>{commandTexts[dialog.command].description}</p>}
          confirmText={commandTexts[dialog.command].label}
          danger={commandTexts[dialog.command].danger}
          onConfirm={runCommand}
          onCancel={() => setDialog(null)}
        />
      )}
    </>
  );
}
