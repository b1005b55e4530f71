import { Button } from 'antd';
import type { ReactNode } from 'react';

/** A text field's “required” rule: blank or only spaces is not an answer. */
export const requiredText = (message: string) => ({ required: true, whitespace: true, message });

/** A required select's choices: “请选择” (not choosable again), then each code with its label. */
export function chooseOptions<T extends string>(values: readonly T[], labels: Record<T, string>) {
  return [{ value: '', label: '请选择', disabled: true }, ...values.map((value) => ({ value, label: labels[value] }))];
}

/** The submit / 取消 row that ends a record's form. */
export function FormActions({ submit, pending, onCancel }: { submit: ReactNode; pending: boolean; onCancel: () => void }) {
  return (
    <div className="form-actions button-row">
      <Button type="primary" htmlType="submit" loading={pending}>
        {submit}
      </Button>
      <Button htmlType="button" onClick={onCancel}>
        取消
      </Button>
    </div>
  );
}
