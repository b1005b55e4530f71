import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import type { PersonSummary } from '../../../shared/contracts/persons-contracts';
import { ApiError } from '../../lib/api-client';
import { errorMessage } from '../../lib/use-form-errors';
import { MaskedText } from '../../components/masked-text';
import { useSearchById } from '../persons/use-persons';

/**
 * Finds a registry person by ID or certificate number (sent in a POST body, never a URL) and
 * shows them masked, for a form that then enters them somewhere (a contest, the talent roster).
 */
export function PickPerson({
  name,
  label,
  picked,
  onPicked,
}: {
  name: string;
  label: string;
  /** the person chosen now (the parent clears it once it has entered them) */
  picked: PersonSummary | null;
  onPicked: (person: PersonSummary | null) => void;
}) {
  const [form] = Form.useForm<{ number: string }>();
  const search = useSearchById();
  const [outcome, setOutcome] = useState('');

  async function find({ number }: { number: string }) {
    setOutcome('');
    try {
      const { person } = await search.mutateAsync(number.trim());
      onPicked(person);
      form.resetFields();
      setOutcome(
        person ? `已找到：${person.name}（${person.countyName}）。` : '未找到：没有登记该号码的人员，或该人员不在本账号的管辖区域内。',
      );
    } catch (error) {
      const issue = error instanceof ApiError ? error.issues[0] : undefined;
      if (issue) {
        form.setFields([{ name: 'number', errors: [issue.message] }]);
        form.focusField('number');
        return;
      }
      setOutcome(`查找未能完成：${errorMessage(error)}`);
    }
  }

  return (
    <div className="pick-person">
      <Form form={form} name={name} layout="vertical" requiredMark={false} className="inline-form" onFinish={(values) => void find(values)}>
        <Form.Item
          name="number"
          label={label}
          extra="从实名库精确查找，号码不会出现在网址中。"
          rules={[{ required: true, whitespace: true, message: '请填写身份证号或残疾人证号' }]}
        >
          <Input autoComplete="off" spellCheck={false} maxLength={32} />
        </Form.Item>
        <Form.Item label={null}>
          <Button htmlType="submit" loading={search.isPending}>
            查找
          </Button>
        </Form.Item>
      </Form>
      <p role="status" className="list-status">
        {outcome}
      </p>
      {picked && (
        <Alert
          type="info"
          showIcon
          title={
            <>
              已选择：{picked.name}，<MaskedText value={picked.idNumber} />，{picked.countyName}
            </>
          }
        />
      )}
    </div>
  );
}
