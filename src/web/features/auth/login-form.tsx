import { useMutation } from '@tanstack/react-query';
import { Button, Form, Input } from 'antd';
import { login } from '../../../shared/contracts/auth-contracts';
import { ErrorSummary } from '../../components/error-summary';
import { PageHeader } from '../../components/page-header';
import { PasswordInput } from '../../components/password-input';
import { apiCall } from '../../lib/api-client';
import { sessionStore } from '../../lib/session-store';
import { useFormErrors } from '../../lib/use-form-errors';

interface LoginValues {
  username: string;
  password: string;
}

const formName = 'login';

export function LoginForm() {
  const [form] = Form.useForm<LoginValues>();
  const errors = useFormErrors(form, formName);
  const submit = useMutation({
    mutationFn: (body: LoginValues) => apiCall(login, { body }),
    onSuccess: () => sessionStore.clearNotice(),
    onError: (error) => {
      form.setFieldValue('password', '');
      errors.showError(error);
    },
  });

  return (
    <>
      <PageHeader title="登录" description="请输入您的用户名和密码。" />
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
        <Form.Item name="username" label="用户名" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
          <Input autoComplete="username" autoCapitalize="off" spellCheck={false} />
        </Form.Item>
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
          <PasswordInput autoComplete="current-password" label="密码" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={submit.isPending} block>
          登录
        </Button>
      </Form>
    </>
  );
}
