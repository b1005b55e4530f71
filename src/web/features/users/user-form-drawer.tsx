import { Button, Drawer, Form, Input, Space } from 'antd';
import type { UserSummary } from '../../../shared/contracts/users-contracts';
import { checkRoleCombination, userKindLabels, type StaffRole, type UserKind } from '../../../shared/domain/roles';
import { ErrorSummary } from '../../components/error-summary';
import { NativeSelect } from '../../components/native-select';
import { RegionPicker } from '../../components/region-picker';
import { useFormErrors } from '../../lib/use-form-errors';
import { useRegionTree } from '../regions/use-region-tree';
import { RoleCheckboxes } from './role-checkboxes';
import { useUserMutations, useUserPermissions } from './use-users';

interface UserFormValues {
  username: string;
  displayName: string;
  kind: UserKind;
  regionCode: string;
  roles: StaffRole[];
  organizationName: string | null;
}

const formName = 'user-form';
const organisationKinds: readonly UserKind[] = ['institution', 'employer'];

interface UserFormDrawerProps {
  open: boolean;
  /** null: create a new account */
  editing: UserSummary | null;
  onClose: () => void;
  onCreated: (result: { user: UserSummary; oneTimePassword: string }) => void;
  onSaved: (user: UserSummary) => void;
  /** after the close animation: the caller moves focus to what changed */
  afterClose: () => void;
}

export function UserFormDrawer({ open, editing, onClose, onCreated, onSaved, afterClose }: UserFormDrawerProps) {
  const [form] = Form.useForm<UserFormValues>();
  const errors = useFormErrors(form, formName);
  const permissions = useUserPermissions();
  const { root } = useRegionTree(permissions.regionCode);
  const mutations = useUserMutations();
  const kind = Form.useWatch('kind', form) ?? editing?.kind ?? 'staff';
  const pending = mutations.create.isPending || mutations.update.isPending;

  async function submit(values: UserFormValues) {
    errors.clear();
    const accountKind = editing?.kind ?? values.kind; // the kind field exists only when creating
    const details = {
      displayName: values.displayName,
      regionCode: values.regionCode,
      roles: accountKind === 'staff' ? values.roles : [],
      organizationName: organisationKinds.includes(accountKind) ? values.organizationName?.trim() || null : null,
    };
    try {
      if (editing) onSaved(await mutations.update.mutateAsync({ id: editing.id, body: details }));
      else onCreated(await mutations.create.mutateAsync({ ...details, username: values.username, kind: accountKind }));
    } catch (error) {
      errors.showError(error);
    }
  }

  const initialValues: Partial<UserFormValues> = editing
    ? {
        displayName: editing.displayName,
        kind: editing.kind,
        regionCode: editing.regionCode,
        roles: editing.roles,
        organizationName: editing.organizationName,
      }
    : { kind: permissions.assignableKinds[0] ?? 'staff', roles: [], regionCode: permissions.regionCode };

  return (
    <Drawer
      open={open}
      title={editing ? `编辑账号：${editing.displayName}` : '新建账号'}
      rootClassName="form-drawer"
      size={560}
      destroyOnHidden
      mask={{ closable: false }}
      onClose={onClose}
      afterOpenChange={(visible) => {
        if (visible) form.focusField(editing ? 'displayName' : 'username');
        else afterClose();
      }}
      footer={
        <Space wrap>
          <Button type="primary" htmlType="submit" form={formName} loading={pending}>
            {editing ? '保存修改' : '创建账号'}
          </Button>
          <Button htmlType="button" onClick={onClose}>
            取消
          </Button>
        </Space>
      }
    >
      <ErrorSummary errors={errors.errors} />
      <Form
        form={form}
        name={formName}
        layout="vertical"
        preserve={false}
        initialValues={initialValues}
        onFinish={(values) => void submit(values)}
        onFinishFailed={errors.onFinishFailed}
      >
        {editing ? (
          <p className="readonly-field">
            用户名：{editing.username}；账号类型：{userKindLabels[editing.kind]}
          </p>
        ) : (
          <>
            <Form.Item
              name="username"
              label="用户名"
              extra="3 至 32 个字符，以字母开头，可含字母、数字、点、下划线和连字符。"
              rules={[
                { required: true, whitespace: true, message: '请填写用户名' },
                { min: 3, max: 32, message: '用户名为 3 至 32 个字符' },
                { pattern: /^[a-zA-Z][a-zA-Z0-9_.-]*$/, message: '用户名以字母开头，只能包含字母、数字、点、下划线和连字符' },
              ]}
            >
              <Input autoComplete="off" spellCheck={false} autoCapitalize="off" />
            </Form.Item>
            <Form.Item name="kind" label="账号类型" rules={[{ required: true, message: '请选择账号类型' }]}>
              <NativeSelect options={permissions.assignableKinds.map((value) => ({ value, label: userKindLabels[value] }))} />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="displayName"
          label="姓名"
          rules={[
            { required: true, whitespace: true, message: '请填写姓名' },
            { max: 64, message: '姓名最多 64 个字' },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="regionCode" label="所属区域" rules={[{ required: true, message: '请选择所属区域' }]}>
          <RegionPicker root={root} />
        </Form.Item>
        {kind === 'staff' && (
          <Form.Item
            name="roles"
            rules={[
              {
                validator: (_, roles: StaffRole[] | undefined) => {
                  const problem = checkRoleCombination(roles ?? []);
                  return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
                },
              },
            ]}
            extra="系统管理员、安全管理员、审计管理员须单独设置，不能与其他角色兼任。"
          >
            <RoleCheckboxes roles={permissions.assignableRoles} />
          </Form.Item>
        )}
        {organisationKinds.includes(kind) && (
          <Form.Item
            name="organizationName"
            label="所属单位"
            rules={[
              { required: true, whitespace: true, message: '请填写所属单位' },
              { max: 128, message: '所属单位最多 128 个字' },
            ]}
          >
            <Input autoComplete="organization" />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}
