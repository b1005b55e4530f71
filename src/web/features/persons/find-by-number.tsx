import { Button, Form, Input } from 'antd';
import { useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { PersonSummary } from '../../../shared/contracts/persons-contracts';
import { ApiError } from '../../lib/api-client';
import { errorMessage } from '../../lib/use-form-errors';
import { useSearchById } from './use-persons';
import { focusSoon } from '../../lib/focus-soon';

type Outcome = { kind: 'none' } | { kind: 'merged'; person: PersonSummary } | { kind: 'error'; message: string } | null;

const formName = 'find-by-number';

/**
 * Exact lookup by ID or certificate number. The number goes in a POST body (never the address
 * bar, the history or a log line); a hit opens the person, a merged record says where it went.
 */
export function FindByNumber() {
  const [form] = Form.useForm<{ number: string }>();
  const search = useSearchById();
  const navigate = useNavigate();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const result = useRef<HTMLParagraphElement>(null);

  async function find({ number }: { number: string }) {
    setOutcome(null);
    try {
      const { person, mergedFrom } = await search.mutateAsync(number.trim());
      if (!person) setOutcome({ kind: 'none' });
      else if (mergedFrom) setOutcome({ kind: 'merged', person });
      else {
        form.resetFields(); // the number is not kept on screen once it has done its job
        void navigate(`/persons/${person.id}`);
        return;
      }
    } catch (error) {
      const issue = error instanceof ApiError ? error.issues[0] : undefined;
      if (issue) {
        // a number the shared rules refuse: say so under the field, where the person is typing
        form.setFields([{ name: 'number', errors: [issue.message] }]);
        form.focusField('number');
        return;
      }
      setOutcome({ kind: 'error', message: errorMessage(error) });
    }
    focusSoon(() => result.current);
  }

  return (
    <section aria-labelledby="find-by-number-heading" className="find-by-number">
      <h2 id="find-by-number-heading">按证件号查找</h2>
      <Form
        form={form}
        name={formName}
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => void find(values)}
        className="inline-form"
      >
        <Form.Item
          name="number"
          label="身份证号或残疾人证号"
          extra="精确查找，号码不会出现在网址中。"
          rules={[
            { required: true, whitespace: true, message: '请填写身份证号或残疾人证号' },
            { max: 32, message: '号码最多 32 位' },
          ]}
        >
          <Input autoComplete="off" spellCheck={false} autoCapitalize="characters" maxLength={32} />
        </Form.Item>
        <Form.Item label={null}>
          <Button htmlType="submit" loading={search.isPending}>
            查找
          </Button>
        </Form.Item>
      </Form>
      <p ref={result} tabIndex={-1} role="status" className="list-status">
        {outcome?.kind === 'none' && '未找到：没有登记该号码的人员，或该人员不在本账号的管辖区域内。'}
        {outcome?.kind === 'merged' && (
          <>
            该号码原登记的记录已合并到 {outcome.person.name}（{outcome.person.countyName}）。{' '}
            <Link to={`/persons/${outcome.person.id}`}>查看保留的记录：{outcome.person.name}</Link>
          </>
        )}
        {outcome?.kind === 'error' && <span className="inline-error">查找未能完成：{outcome.message}</span>}
      </p>
    </section>
  );
}
