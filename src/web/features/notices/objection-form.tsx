import { Alert, Button, Form, Input, Radio, Space } from 'antd';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import type { ContractResponse } from '../../../shared/contracts/contract';
import type { fileObjection, PublicNotice } from '../../../shared/contracts/notices-contracts';
import { normaliseLookupCode, OBJECTION_CONTENT_MAX, spokenLookupCode } from '../../../shared/domain/notice-rules';
import { CopyButton } from '../../components/copy-button';
import { ErrorSummary } from '../../components/error-summary';
import { ApiError } from '../../lib/api-client';
import { useFormErrors } from '../../lib/use-form-errors';
import { useFileObjection } from './use-notices';
import { focusSoon } from '../../lib/focus-soon';

const formName = 'objection';

interface ObjectionValues {
  content: string;
  anonymous: 'yes' | 'no';
  name?: string;
  contact?: string;
  /** subsidy lists: the line the objection is about (empty: the whole list) */
  lineNo?: string;
}

type Step = 'edit' | 'check' | 'done';

function lineOf(values: ObjectionValues): number | undefined {
  const text = values.lineNo?.trim();
  return text ? Number(text) : undefined;
}

/**
 * Filing an objection: write → check your answers → the lookup code. Anonymous is the default.
 * No CAPTCHA: the server limits filings per address, checks a hidden honeypot field and a minimum
 * time on the form (the check step alone takes longer than that).
 */
export function ObjectionForm({ notice, formToken, onStaleToken }: { notice: PublicNotice; formToken: string; onStaleToken: () => void }) {
  const [form] = Form.useForm<ObjectionValues>();
  const [step, setStep] = useState<Step>('edit');
  const [values, setValues] = useState<ObjectionValues | null>(null);
  const [result, setResult] = useState<ContractResponse<typeof fileObjection> | null>(null);
  const honeypot = useRef<HTMLInputElement>(null);
  const checkHeading = useRef<HTMLHeadingElement>(null);
  const doneHeading = useRef<HTMLHeadingElement>(null);
  const errors = useFormErrors(form, formName);
  const file = useFileObjection(notice.id);
  const anonymous = Form.useWatch('anonymous', form) ?? 'yes';

  function toCheck(v: ObjectionValues) {
    errors.clear();
    setValues(v);
    setStep('check');
    focusSoon(() => checkHeading.current);
  }

  async function submit() {
    if (!values) return;
    try {
      const answer = await file.mutateAsync({
        content: values.content.trim(),
        anonymous: values.anonymous === 'yes',
        ...(values.anonymous === 'no' && { name: values.name?.trim(), contact: values.contact?.trim() }),
        ...(lineOf(values) !== undefined && { lineNo: lineOf(values) }),
        website: honeypot.current?.value || undefined,
        formToken,
      });
      setResult(answer);
      setStep('done');
      focusSoon(() => doneHeading.current);
    } catch (error) {
      // back to the form, where the summary names what to change
      setStep('edit');
      if (error instanceof ApiError && error.issues.some((i) => i.field === 'body.formToken')) onStaleToken();
      if (error instanceof ApiError && error.code === 'RATE_LIMITED') {
        errors.showError(
          new ApiError(error.status, error.code, '从您的网络提交的异议过多，请一小时后再试，或拨打页面上方的培训监督电话反映。'),
        );
        return;
      }
      errors.showError(error);
    }
  }

  if (step === 'done' && result) {
    const code = normaliseLookupCode(result.lookupCode);
    return (
      <section aria-labelledby="objection-done" className="objection-result">
        <h2 id="objection-done" ref={doneHeading} tabIndex={-1}>
          异议已提交
        </h2>
        <p>请记下查询码，凭它查看处理结果。查询码只显示这一次。</p>
        <p>
          查询码：
          <strong className="lookup-code" aria-label={`查询码 ${spokenLookupCode(code)}`}>
            {result.lookupCode}
          </strong>
        </p>
        <CopyButton text={result.lookupCode} label="复制查询码" />
        <p>在处理完毕前，这条公示的事项不会生效。</p>
        <p>
          {/* the code travels in router state, never in a URL that logs and browser history keep */}
          <Link to="/public/objections/lookup" state={{ code: result.lookupCode }}>
            用查询码查看处理情况
          </Link>
        </p>
      </section>
    );
  }

  return (
    <section aria-labelledby="objection-title" className="objection-form">
      <h2 id="objection-title">提出异议</h2>
      <div hidden={step !== 'edit'}>
        <p>对这条公示有不同意见，请在公示截止前提交。可以匿名；实名提交的，联系方式只给处理异议的工作人员看。</p>
        <ErrorSummary errors={errors.errors} />
        <Form<ObjectionValues>
          form={form}
          name={formName}
          layout="vertical"
          initialValues={{ anonymous: 'yes', content: '' }}
          onFinish={toCheck}
          onFinishFailed={errors.onFinishFailed}
          requiredMark="optional"
        >
          <Form.Item
            name="content"
            label="异议内容"
            extra="请写明您认为哪里不符合事实或规定，以及您知道的情况。"
            rules={[
              { required: true, whitespace: true, message: '请写明异议内容' },
              { min: 5, message: '异议内容至少 5 个字' },
              { max: OBJECTION_CONTENT_MAX, message: `异议内容不超过 ${OBJECTION_CONTENT_MAX} 字` },
            ]}
          >
            <Input.TextArea rows={6} maxLength={OBJECTION_CONTENT_MAX} showCount />
          </Form.Item>
          {notice.kind === 'subsidy_list' && (
            <Form.Item
              name="lineNo"
              label="异议针对第几行（可选）"
              extra="填写公示名单中的行号，只对该行提出异议；不填表示对整份名单提出异议。"
              rules={[{ pattern: /^\s*[1-9]\d{0,4}\s*$/, message: '行号请填写名单中的行号（正整数），或不填' }]}
            >
              <Input inputMode="numeric" autoComplete="off" maxLength={5} style={{ maxWidth: '10em' }} />
            </Form.Item>
          )}
          <fieldset>
            <legend>提交方式</legend>
            <Form.Item name="anonymous" noStyle>
              <Radio.Group
                options={[
                  { value: 'yes', label: '匿名提交（不留姓名和联系方式）' },
                  { value: 'no', label: '实名提交（便于工作人员联系您核实）' },
                ]}
              />
            </Form.Item>
          </fieldset>
          {anonymous === 'no' && (
            <>
              <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '实名提交时请填写姓名' }]}>
                <Input autoComplete="name" maxLength={50} />
              </Form.Item>
              <Form.Item
                name="contact"
                label="联系方式"
                extra="手机号、电话或电子邮箱，只给处理异议的工作人员看。"
                rules={[{ required: true, whitespace: true, message: '实名提交时请填写联系方式' }]}
              >
                <Input autoComplete="tel" maxLength={100} />
              </Form.Item>
            </>
          )}
          <div className="honeypot" aria-hidden="true">
            <label htmlFor="objection-website">网址（请勿填写）</label>
            <input id="objection-website" ref={honeypot} type="text" name="website" tabIndex={-1} autoComplete="off" />
          </div>
          <Button type="primary" htmlType="submit">
            下一步：核对内容
          </Button>
        </Form>
      </div>
      {step === 'check' && values && (
        <div>
          <h3 ref={checkHeading} tabIndex={-1}>
            请核对后提交
          </h3>
          <dl className="notice-facts">
            <dt>异议对象</dt>
            <dd>{notice.title}</dd>
            {notice.kind === 'subsidy_list' && (
              <>
                <dt>针对的行</dt>
                <dd>{lineOf(values) === undefined ? '整份名单' : `第 ${lineOf(values)} 行`}</dd>
              </>
            )}
            <dt>异议内容</dt>
            <dd className="objection-content">{values.content.trim()}</dd>
            <dt>提交方式</dt>
            <dd>{values.anonymous === 'yes' ? '匿名' : '实名'}</dd>
            {values.anonymous === 'no' && (
              <>
                <dt>姓名</dt>
                <dd>{values.name}</dd>
                <dt>联系方式</dt>
                <dd>{values.contact}</dd>
              </>
            )}
          </dl>
          {file.isError && <Alert type="error" role="alert" showIcon title="提交未成功，请重试" />}
          <Space wrap>
            <Button type="primary" htmlType="button" loading={file.isPending} onClick={() => void submit()}>
              确认提交异议
            </Button>
            <Button
              htmlType="button"
              disabled={file.isPending}
              onClick={() => {
                setStep('edit');
                requestAnimationFrame(() => form.focusField('content'));
              }}
            >
              返回修改
            </Button>
          </Space>
        </div>
      )}
    </section>
  );
}
