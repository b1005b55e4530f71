import { Alert, Form, Input, Modal } from 'antd';
import { useState, type ReactNode } from 'react';
import { errorMessage } from '../lib/use-form-errors';

interface ConfirmReasonModalProps {
  open: boolean;
  title: string;
  description?: ReactNode;
  confirmText: string;
  danger?: boolean;
  /** resolves when done (the modal closes); rejects with the error to show inside the modal */
  onConfirm: (reason: string) => Promise<void>;
  onCancel: () => void;
  /** runs after the close animation, once focus has gone back to the trigger; may move it on */
  afterClose?: () => void;
}

const formName = 'confirm-reason';

/** Sensitive administrative actions are audited with a reason; this asks for it. */
export function ConfirmReasonModal({
  open,
  title,
  description,
  confirmText,
  danger,
  onConfirm,
  onCancel,
  afterClose,
}: ConfirmReasonModalProps) {
  const [form] = Form.useForm<{ reason: string }>();
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function submit({ reason }: { reason: string }) {
    setPending(true);
    setFailure(null);
    try {
      await onConfirm(reason.trim());
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setPending(false);
    }
  }

  return (
    <Modal
      open={open}
      title={title}
      okText={confirmText}
      cancelText="取消"
      okButtonProps={{ danger, loading: pending, htmlType: 'submit', form: formName }}
      onCancel={onCancel}
      mask={{ closable: false }}
      destroyOnHidden
      afterOpenChange={(visible) => {
        if (visible) form.focusField('reason');
      }}
      afterClose={() => {
        setFailure(null);
        afterClose?.();
      }}
    >
      {description && <div className="modal-description">{description}</div>}
      {failure && <Alert type="error" role="alert" showIcon title={failure} className="modal-alert" />}
      <Form form={form} name={formName} layout="vertical" onFinish={(values) => void submit(values)}>
        <Form.Item
          name="reason"
          label="原因"
          extra="原因会记入审计日志，2 至 200 个字。"
          rules={[
            { required: true, whitespace: true, message: '请填写原因' },
            { min: 2, message: '原因至少 2 个字' },
            { max: 200, message: '原因最多 200 个字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
