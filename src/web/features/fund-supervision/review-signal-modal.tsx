import { Alert, Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import type { FraudSignal } from '../../../shared/contracts/fund-supervision-contracts';
import { fraudSignalDecisionLabels, fraudSignalDecisions, type FraudSignalDecision } from '../../../shared/domain/fraud-signals';
import { errorMessage } from '../../lib/use-form-errors';

interface ReviewSignalModalProps {
  signal: FraudSignal | null;
  onSubmit: (decision: FraudSignalDecision, comment: string) => Promise<void>;
  onCancel: () => void;
  afterClose?: () => void;
}

const formName = 'review-signal';

/** Records the result of checking a signal: confirmed or dismissed, with a comment (both required, audited). */
export function ReviewSignalModal({ signal, onSubmit, onCancel, afterClose }: ReviewSignalModalProps) {
  const [form] = Form.useForm<{ decision: FraudSignalDecision; comment: string }>();
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function submit(values: { decision: FraudSignalDecision; comment: string }) {
    setPending(true);
    setFailure(null);
    try {
      await onSubmit(values.decision, values.comment.trim());
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setPending(false);
    }
  }

  return (
    <Modal
      open={signal !== null}
      title="记录核查结论"
      okText="保存核查结论"
      cancelText="取消"
      okButtonProps={{ loading: pending, htmlType: 'submit', form: formName }}
      onCancel={onCancel}
      mask={{ closable: false }}
      destroyOnHidden
      afterOpenChange={(visible) => {
        if (visible) form.focusField('decision');
      }}
      afterClose={() => {
        setFailure(null);
        afterClose?.();
      }}
    >
      {signal && (
        <p className="modal-description">
          {signal.label}：{signal.explanation}
        </p>
      )}
      {failure && <Alert type="error" role="alert" showIcon title={failure} className="modal-alert" />}
      <Form form={form} name={formName} layout="vertical" onFinish={(values) => void submit(values)}>
        <Form.Item name="decision" label="核查结论" rules={[{ required: true, message: '请选择核查结论' }]}>
          <Radio.Group className="radio-stack">
            {fraudSignalDecisions.map((d) => (
              <Radio key={d} value={d}>
                {fraudSignalDecisionLabels[d]}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="comment"
          label="核查意见"
          extra="意见会记入审计日志，2 至 1000 个字。"
          rules={[
            { required: true, whitespace: true, message: '请填写核查意见' },
            { min: 2, message: '核查意见至少 2 个字' },
            { max: 1000, message: '核查意见最多 1000 个字' },
          ]}
        >
          <Input.TextArea rows={4} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
