import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { maxDeadlineExtensionDays } from '../../../shared/contracts/subsidy-claims-contracts';
import { todayInChina } from '../../../shared/domain/person-validation';
import { addDays } from '../../../shared/domain/trainer-rotation';
import { errorMessage } from '../../lib/use-form-errors';

export interface ExtendDeadlineValues {
  dueOn: string;
  reason: string;
}

interface ExtendDeadlineModalProps {
  open: boolean;
  claimNo: string;
  /** the deadline in force; the new one must be later */
  currentDueOn: string;
  /** resolves when done (the modal closes); rejects with the error to show inside the modal */
  onConfirm: (values: ExtendDeadlineValues) => Promise<void>;
  onCancel: () => void;
}

const formName = 'extend-deadline';

/**
 * 逾期补报: county staff give a claim a later submission deadline, with the reason that goes into the
 * claim's history. The server decides the allowed range; the picker's min and max only guide.
 */
export function ExtendDeadlineModal({ open, claimNo, currentDueOn, onConfirm, onCancel }: ExtendDeadlineModalProps) {
  const [form] = Form.useForm<ExtendDeadlineValues>();
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const today = todayInChina();
  const earliest = [addDays(currentDueOn, 1), today].sort().at(-1)!;
  const latest = addDays(today, maxDeadlineExtensionDays);

  async function submit(values: ExtendDeadlineValues) {
    setPending(true);
    setFailure(null);
    try {
      await onConfirm({ dueOn: values.dueOn, reason: values.reason.trim() });
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setPending(false);
    }
  }

  return (
    <Modal
      open={open}
      title={`延长申领期限：${claimNo}`}
      okText="延长期限"
      cancelText="取消"
      okButtonProps={{ loading: pending, htmlType: 'submit', form: formName }}
      onCancel={onCancel}
      mask={{ closable: false }}
      destroyOnHidden
      afterOpenChange={(visible) => {
        if (visible) form.focusField('dueOn');
      }}
      afterClose={() => setFailure(null)}
    >
      <div className="modal-description">
        现在的申领期限是 {currentDueOn}。延长后培训机构可在新期限前提交申领，原因会记入办理记录和审计日志。
      </div>
      {failure && <Alert type="error" role="alert" showIcon title={failure} className="modal-alert" />}
      <Form form={form} name={formName} layout="vertical" noValidate onFinish={(values) => void submit(values)}>
        <Form.Item
          name="dueOn"
          label="新的申领期限"
          extra={`晚于 ${currentDueOn}，最晚 ${latest}（今天起 ${maxDeadlineExtensionDays} 天内）。`}
          rules={[{ required: true, message: '请选择新的申领期限' }]}
        >
          <Input type="date" min={earliest} max={latest} />
        </Form.Item>
        <Form.Item
          name="reason"
          label="延长原因"
          extra="例如证书补发延误，2 至 500 个字。"
          rules={[
            { required: true, whitespace: true, message: '请填写延长原因' },
            { min: 2, message: '延长原因至少 2 个字' },
            { max: 500, message: '延长原因最多 500 个字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
