import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Space } from 'antd';
import { useEffect, useRef, type ReactNode } from 'react';
import { confirmTotpEnrolment, totpEnrolment, type SessionState } from '../../../shared/contracts/auth-contracts';
import { CopyButton } from '../../components/copy-button';
import { ErrorSummary } from '../../components/error-summary';
import { LoadingState } from '../../components/loading-state';
import { apiCall } from '../../lib/api-client';
import { groupCharacters } from '../../lib/formatters';
import { errorMessage, useFormErrors } from '../../lib/use-form-errors';
import { TotpCodeInput, totpCodeRules } from './totp-code-input';

/** Spelled out character by character, so a screen reader does not try to read "JBSW" as a word. */
function spelled(secret: string): string {
  return groupCharacters(secret)
    .split(' ')
    .map((group) => group.split('').join(' '))
    .join('，');
}

interface TotpEnrolmentProps {
  /** antd form name; also the prefix of the field ids the error summary links to */
  formName: string;
  /** the level of the two step headings: 2 on a page of its own, 3 inside a section */
  headingLevel: 2 | 3;
  /** the button beside 确认绑定 that leaves without binding */
  cancel: ReactNode;
  onConfirmed?: (state: SessionState) => void;
}

/**
 * Binding a TOTP second factor: the server issues a new secret (POST, once per mount), the person
 * adds it to an authenticator app (QR code or the secret spelled out) and confirms with one code.
 * Used as a login step and, for accounts without a second factor, on the account page.
 */
export function TotpEnrolment({ formName, headingLevel, cancel, onConfirmed }: TotpEnrolmentProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const [form] = Form.useForm<{ code: string }>();
  const errors = useFormErrors(form, formName);
  const start = useMutation({ mutationFn: () => apiCall(totpEnrolment, { body: {} }) });
  const submit = useMutation({
    mutationFn: (code: string) => apiCall(confirmTotpEnrolment, { body: { code } }),
    onSuccess: (state) => onConfirmed?.(state),
    onError: (error) => {
      form.setFieldValue('code', '');
      errors.showError(error);
    },
  });

  // Each start issues a new secret and drops the unconfirmed one: ask exactly once per mount.
  const started = useRef(false);
  const { mutate: begin } = start;
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    begin();
  }, [begin]);

  const setupId = `${formName}-setup`;
  const confirmId = `${formName}-confirm`;
  const enrolment = start.data;

  return (
    <>
      {start.isPending && <LoadingState label="正在生成绑定密钥…" />}
      {start.isError && <Alert type="error" role="alert" showIcon title={errorMessage(start.error)} />}
      {enrolment && (
        <section aria-labelledby={setupId} className="totp-setup">
          <Heading id={setupId}>第 1 步：在身份验证器中添加本账号</Heading>
          <p>用身份验证器应用扫描二维码；无法扫码时，选择“手动输入密钥”，输入下面的密钥，类型选“基于时间”。</p>
          <img
            className="totp-qr"
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`}
            alt="绑定本账号动态验证码的二维码。无法扫码时请使用下方的密钥。"
            width={200}
            height={200}
          />
          <dl className="totp-secret">
            <dt>密钥（手动输入用，空格不用输入）</dt>
            <dd>
              <code aria-hidden="true">{groupCharacters(enrolment.secret)}</code>
              <span className="visually-hidden">{spelled(enrolment.secret)}</span>
            </dd>
          </dl>
          <CopyButton text={enrolment.secret} label="复制密钥" />
        </section>
      )}
      <section aria-labelledby={confirmId}>
        <Heading id={confirmId}>第 2 步：输入验证码确认绑定</Heading>
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
            <Button type="primary" htmlType="submit" loading={submit.isPending} disabled={!enrolment}>
              确认绑定
            </Button>
            {cancel}
          </Space>
        </Form>
      </section>
    </>
  );
}
