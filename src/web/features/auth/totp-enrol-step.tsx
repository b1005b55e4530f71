import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Space } from 'antd';
import { confirmTotpEnrolment, totpEnrolment } from '../../../shared/contracts/auth-contracts';
import { CopyButton } from '../../components/copy-button';
import { ErrorSummary } from '../../components/error-summary';
import { LoadingState } from '../../components/loading-state';
import { PageHeader } from '../../components/page-header';
import { apiCall } from '../../lib/api-client';
import { groupCharacters } from '../../lib/formatters';
import { errorMessage, useFormErrors } from '../../lib/use-form-errors';
import { TotpCodeInput, totpCodeRules } from './totp-code-input';
import { signOut } from './use-session';

const formName = 'totp-enrol';

/** Spelled out character by character, so a screen reader does not try to read "JBSW" as a word. */
function spelled(secret: string): string {
  return groupCharacters(secret)
    .split(' ')
    .map((group) => group.split('').join(' '))
    .join('，');
}

export function TotpEnrolStep() {
  const [form] = Form.useForm<{ code: string }>();
  const errors = useFormErrors(form, formName);
  // Each GET may issue a new secret: fetch it once and never in the background.
  const enrolment = useQuery({
    queryKey: ['auth', 'totp-enrolment'],
    queryFn: () => apiCall(totpEnrolment),
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
  const submit = useMutation({
    mutationFn: (code: string) => apiCall(confirmTotpEnrolment, { body: { code } }),
    onError: (error) => {
      form.setFieldValue('code', '');
      errors.showError(error);
    },
  });

  return (
    <>
      <PageHeader
        title="绑定动态验证码"
        description="为保护账号安全，登录时除密码外还需输入手机身份验证器应用生成的动态验证码。请先完成绑定。"
      />
      {enrolment.isPending && <LoadingState label="正在生成绑定密钥…" />}
      {enrolment.isError && <Alert type="error" role="alert" showIcon title={errorMessage(enrolment.error)} />}
      {enrolment.data && (
        <section aria-labelledby="totp-enrol-setup" className="totp-setup">
          <h2 id="totp-enrol-setup">第 1 步：在身份验证器中添加本账号</h2>
          <p>用身份验证器应用扫描二维码；无法扫码时，选择“手动输入密钥”，输入下面的密钥，类型选“基于时间”。</p>
          <img
            className="totp-qr"
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.data.qrSvg)}`}
            alt="绑定本账号动态验证码的二维码。无法扫码时请使用下方的密钥。"
            width={200}
            height={200}
          />
          <dl className="totp-secret">
            <dt>密钥（手动输入用，空格不用输入）</dt>
            <dd>
              <code aria-hidden="true">{groupCharacters(enrolment.data.secret)}</code>
              <span className="visually-hidden">{spelled(enrolment.data.secret)}</span>
            </dd>
          </dl>
          <CopyButton text={enrolment.data.secret} label="复制密钥" />
        </section>
      )}
      <section aria-labelledby="totp-enrol-confirm">
        <h2 id="totp-enrol-confirm">第 2 步：输入验证码确认绑定</h2>
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
          <Form.Item name="code" label="动态验证码" rules={totpCodeRules} extra="输入身份验证器中本账号当前显示的 6 位数字。">
            <TotpCodeInput />
          </Form.Item>
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={submit.isPending} disabled={!enrolment.data}>
              确认绑定
            </Button>
            <Button htmlType="button" onClick={() => void signOut()}>
              取消登录
            </Button>
          </Space>
        </Form>
      </section>
    </>
  );
}
