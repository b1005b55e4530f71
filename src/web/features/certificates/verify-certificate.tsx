import './certificates.css';
import { Alert, Button, Form, Input } from 'antd';
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import type { PublicCertificate } from '../../../shared/contracts/certificates-contracts';
import { formatVerifyCode, isVerifyCode, normaliseVerifyCode } from '../../../shared/domain/certificate-codes';
import { DetailList } from '../../components/detail-list';
import { ErrorSummary } from '../../components/error-summary';
import { LoadingState } from '../../components/loading-state';
import { MaskedText } from '../../components/masked-text';
import { PageHeader } from '../../components/page-header';
import { ApiError } from '../../lib/api-client';
import { focusSoon } from '../../lib/focus-soon';
import { errorMessage, useFormErrors } from '../../lib/use-form-errors';
import { maskedHolder } from './certificate-format';
import { usePublicCertificate } from './use-certificates';

const formName = 'verify-certificate';

/** A small form to type a code; it goes to /verify/<code>, the address a QR code opens. */
function VerifyForm({ initial = '' }: { initial?: string }) {
  const [form] = Form.useForm<{ code: string }>();
  const errors = useFormErrors(form, formName);
  const navigate = useNavigate();
  return (
    <>
      <ErrorSummary errors={errors.errors} />
      <Form
        form={form}
        name={formName}
        layout="vertical"
        className="verify-form"
        initialValues={{ code: initial }}
        onFinish={({ code }) => {
          errors.clear();
          void navigate(`/verify/${normaliseVerifyCode(code)}`);
        }}
        onFinishFailed={errors.onFinishFailed}
      >
        <Form.Item
          name="code"
          label="核验码"
          extra="证书上的 12 位核验码，如 YJ7K-4MPQ-2WXA；不区分大小写，可以不写短横线。"
          rules={[
            { required: true, whitespace: true, message: '请填写核验码' },
            {
              validator: async (_rule, value: string | undefined) => {
                if (value && value.trim() !== '' && !isVerifyCode(normaliseVerifyCode(value)))
                  throw new Error('核验码为 12 位字母和数字，如 YJ7K-4MPQ-2WXA');
              },
            },
          ]}
        >
          <Input autoComplete="off" spellCheck={false} className="code-input" maxLength={20} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          核验
        </Button>
      </Form>
    </>
  );
}

function Result({ c }: { c: PublicCertificate }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const valid = c.status === 'valid';
  useEffect(() => focusSoon(() => heading.current), []);
  return (
    <section aria-labelledby="verify-result-heading" className={valid ? 'verify-result' : 'verify-result verify-revoked'}>
      <h2 id="verify-result-heading" ref={heading} tabIndex={-1}>
        {valid ? '核验结果：证书有效' : '核验结果：证书已撤销，不再有效'}
      </h2>
      {!valid && (
        <p>
          <strong>
            撤销日期：{c.revokedOn}。撤销原因：{c.revokedReason}
          </strong>
        </p>
      )}
      <DetailList
        rows={[
          ['证书状态', c.statusLabel],
          [
            '证书编号',
            <span key="no" className="code-text">
              {c.certificateNo}
            </span>,
          ],
          ['持证人', <MaskedText key="holder" value={maskedHolder(c.holderNameMasked)} />],
          ['培训项目', c.programmeName],
          ['培训类型', c.trainingTypeLabel],
          ['培训机构', c.institutionName],
          ['培训学时', `${c.hours} 学时`],
          ['培训日期', `${c.startsOn} 至 ${c.endsOn}`],
          ['发证日期', c.issuedOn],
        ]}
      />
      <p>为保护个人信息，持证人姓名已部分隐藏。请与持证人出示的证书原件核对证书编号和姓名。</p>
    </section>
  );
}

/** /verify/:code — the page a certificate's QR code opens; no login. */
export function VerifyCertificate({ code }: { code: string }) {
  const query = usePublicCertificate(code);
  const notFound = query.isError && query.error instanceof ApiError && query.error.status === 404;
  return (
    <>
      <PageHeader title="培训合格证书核验" description={`核验码 ${formatVerifyCode(normaliseVerifyCode(code))}`} />
      {query.isPending && <LoadingState label="正在核验…" />}
      {query.isError && (
        <Alert
          type={notFound ? 'warning' : 'error'}
          role="alert"
          showIcon
          title={notFound ? '没有找到与此核验码对应的证书，请核对核验码后重试。' : errorMessage(query.error)}
        />
      )}
      {query.data && <Result c={query.data} />}
      <h2>核验其他证书</h2>
      <VerifyForm key={code} />
    </>
  );
}

/** /verify — type a code. */
export function VerifyCertificateStart() {
  return (
    <>
      <PageHeader title="培训合格证书核验" description="扫描证书上的二维码，或输入证书上的核验码，查看证书是否有效。" />
      <VerifyForm />
    </>
  );
}
