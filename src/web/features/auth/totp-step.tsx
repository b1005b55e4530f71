import { useMutation } from '@tanstack/react-query';
import { Button, Form, Space } from 'antd';
import { verifyTotp } from '../../../shared/contracts/auth-contracts';
import { ErrorSummary } from '../../components/error-summary';
import { PageHeader } from '../../components/page-header';
import { apiCall } from '../../lib/api-client';
import { useFormErrors } from '../../lib/use-form-errors';
import { TotpCodeInput, totpCodeRules } from './totp-code-input';
import { signOut } from './use-session';

const formName = 'totp';

export function TotpStep() {
  const [form] = Form.useForm<{ code: string }>();
  const errors = useFormErrors(form, formName);
  const submit = useMutation({
    mutationFn: (code: string) => apiCall(verifyTotp, { body: { code } }),
    onError: (error) => {
      form.setFieldValue('code', '');
      errors.showError(error);
    },
  });

  return (
    <>
      <PageHeader title="输入动态验证码" description="请打开手机上的身份验证器应用，输入本账号当前显示的 6 位数字。" />
      <ErrorSummary errors={errors.errors} />
      <Form
        form={form}
        name={formName}
        layout="vertical"
        className="narrow-form"
        onFinish={({ code }) => {
          errors.clear();
          submit.mutate(code.trim());
        }}
        onFinishFailed={errors.onFinishFailed}
      >
        <Form.Item name="code" label="动态验证码" rules={totpCodeRules} extra="验证码每 30 秒更新一次，请输入最新的数字。">
          <TotpCodeInput />
        </Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={submit.isPending}>
            验证并登录
          </Button>
          <Button htmlType="button" onClick={() => void signOut()}>
            取消登录
          </Button>
        </Space>
      </Form>
    </>
  );
}
