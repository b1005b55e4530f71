import './notices.css';
import { Button, Form, Input } from 'antd';
import { useRef } from 'react';
import { Link, useLocation } from 'react-router';
import { noticeKindLabels } from '../../../shared/domain/notice-rules';
import { ErrorSummary } from '../../components/error-summary';
import { useFormErrors } from '../../lib/use-form-errors';
import { formatNoticeTime } from './notice-format';
import { useLookupObjection } from './use-notices';
import { focusSoon } from '../../lib/focus-soon';

const formName = 'objection-lookup';

/** The filer's view of an objection, by the code they kept. The code goes in a POST body, never the log of a URL. */
export function ObjectionLookup() {
  const location = useLocation();
  const carried = (location.state as { code?: unknown } | null)?.code;
  const [form] = Form.useForm<{ lookupCode: string }>();
  const errors = useFormErrors(form, formName);
  const lookup = useLookupObjection();
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const result = lookup.data;

  async function find({ lookupCode }: { lookupCode: string }) {
    errors.clear();
    try {
      await lookup.mutateAsync(lookupCode.trim());
      focusSoon(() => resultHeading.current);
    } catch (error) {
      errors.showError(error);
    }
  }

  return (
    <>
      <ErrorSummary errors={errors.errors} />
      <Form
        form={form}
        name={formName}
        layout="vertical"
        className="narrow-form"
        initialValues={{ lookupCode: typeof carried === 'string' ? carried : '' }}
        onFinish={(values) => void find(values)}
        onFinishFailed={errors.onFinishFailed}
      >
        <Form.Item
          name="lookupCode"
          label="查询码"
          extra="提交异议时得到的 12 位查询码，如 YJ7K-4MPQ-2WXA；不区分大小写，可以不写短横线。"
          rules={[{ required: true, whitespace: true, message: '请填写查询码' }]}
        >
          <Input autoComplete="off" spellCheck={false} className="code-input" maxLength={20} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={lookup.isPending}>
          查询
        </Button>
      </Form>
      {result && (
        <section aria-labelledby="lookup-result" className="objection-result">
          <h2 id="lookup-result" ref={resultHeading} tabIndex={-1}>
            处理情况：{result.statusLabel}
          </h2>
          <dl className="notice-facts">
            <dt>查询码</dt>
            <dd>{result.lookupCode}</dd>
            <dt>异议对象</dt>
            <dd>
              <Link to={`/public/notices/${result.notice.id}`}>{result.notice.title}</Link>（{noticeKindLabels[result.notice.kind]}）
            </dd>
            <dt>公示状态</dt>
            <dd>{result.notice.statusLabel}</dd>
            <dt>提交时间</dt>
            <dd>{formatNoticeTime(result.filedAt)}</dd>
            <dt>处理结果</dt>
            <dd>{result.statusLabel}</dd>
            {result.decidedAt && (
              <>
                <dt>处理时间</dt>
                <dd>{formatNoticeTime(result.decidedAt)}</dd>
              </>
            )}
            {result.decisionReason && (
              <>
                <dt>处理意见</dt>
                <dd className="objection-content">{result.decisionReason}</dd>
              </>
            )}
          </dl>
          {result.status === 'pending' && <p>工作人员正在核实。处理完毕前，公示的事项不会生效。</p>}
        </section>
      )}
    </>
  );
}
