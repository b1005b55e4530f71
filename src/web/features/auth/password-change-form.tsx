import { useMutation } from '@tanstack/react-query';
import { Button, Form, Space } from 'antd';
import type { ReactNode } from 'react';
import { changePassword, type SessionState } from '../../../shared/contracts/auth-contracts';
import { checkPassword, passwordRules } from '../../../shared/domain/password-policy';
import type { UserKind } from '../../../shared/domain/roles';
import { ErrorSummary } from '../../components/error-summary';
import { PasswordInput } from '../../components/password-input';
import { apiCall } from '../../lib/api-client';
import { useFormErrors } from '../../lib/use-form-errors';
import { useSession } from './use-session';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** Shown under the field as the person types; read out with the field (aria-describedby). */
function PolicyStatus({ problems, typed, kind }: { problems: string[]; typed: boolean; kind: UserKind }) {
  const { minLength } = passwordRules(kind);
  return (
    <div className="password-policy">
      <p>要求：至少 {minLength} 个字符；包含大写字母、小写字母、数字、符号中的至少三类；不能包含用户名；不能是常见密码。</p>
      {typed &&
        (problems.length === 0 ? (
          <p className="policy-ok">✓ 新密码符合要求</p>
        ) : (
          <ul className="policy-problems">
            {problems.map((problem) => (
              <li key={problem}>✗ 尚未满足：{problem}</li>
            ))}
          </ul>
        ))}
    </div>
  );
}

interface PasswordChangeFormProps {
  formName: string;
  currentLabel: string;
  submitText: string;
  /** buttons beside the submit button */
  extraButtons?: ReactNode;
  onChanged?: (state: SessionState) => void;
}

/** Current password, new password with the policy checked as it is typed, and its confirmation. */
export function PasswordChangeForm({ formName, currentLabel, submitText, extraButtons, onChanged }: PasswordChangeFormProps) {
  const user = useSession().state?.user;
  const username = user?.username ?? '';
  const kind: UserKind = user?.kind ?? 'staff'; // unknown kind: hold to the stricter staff rule
  const [form] = Form.useForm<PasswordValues>();
  const errors = useFormErrors(form, formName);
  const newPassword = Form.useWatch('newPassword', form) ?? '';
  const problems = checkPassword(newPassword, username, kind);

  const submit = useMutation({
    mutationFn: ({ currentPassword, newPassword }: PasswordValues) => apiCall(changePassword, { body: { currentPassword, newPassword } }),
    onSuccess: (state) => {
      form.resetFields();
      onChanged?.(state);
    },
    onError: errors.showError,
  });

  return (
    <>
      <ErrorSummary errors={errors.errors} />
      <Form
        form={form}
        name={formName}
        layout="vertical"
        className="narrow-form"
        onFinish={(values) => {
          errors.clear();
          submit.mutate(values);
        }}
        onFinishFailed={errors.onFinishFailed}
      >
        {/* lets password managers tie the new password to this account */}
        <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
        <Form.Item name="currentPassword" label={currentLabel} rules={[{ required: true, message: '请输入当前密码' }]}>
          <PasswordInput autoComplete="current-password" label="当前密码" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="新密码"
          extra={<PolicyStatus problems={problems} typed={newPassword.length > 0} kind={kind} />}
          rules={[
            { required: true, message: '请输入新密码' },
            {
              validator: (_, value: string | undefined) => {
                const found = value ? checkPassword(value, username, kind) : [];
                return found.length === 0 ? Promise.resolve() : Promise.reject(new Error(`新密码：${found.join('；')}`));
              },
            },
          ]}
        >
          <PasswordInput autoComplete="new-password" label="新密码" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label="再次输入新密码"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致')),
            }),
          ]}
        >
          <PasswordInput autoComplete="new-password" label="确认的新密码" />
        </Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={submit.isPending}>
            {submitText}
          </Button>
          {extraButtons}
        </Space>
      </Form>
    </>
  );
}
