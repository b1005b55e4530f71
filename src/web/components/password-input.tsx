import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { Button, Input, Space, type InputProps } from 'antd';
import { useState } from 'react';

interface PasswordInputProps extends Omit<InputProps, 'type' | 'autoComplete'> {
  autoComplete: 'current-password' | 'new-password';
  /** the field's label, so each toggle has its own accessible name */
  label: string;
}

/**
 * antd's Input.Password toggle is a mouse-only icon; this one is a real button with a name and a
 * pressed state. Paste stays allowed (password managers, screen-reader users).
 */
export function PasswordInput({ autoComplete, label, ...inputProps }: PasswordInputProps) {
  const [visible, setVisible] = useState(false);
  return (
    <Space.Compact block>
      <Input {...inputProps} type={visible ? 'text' : 'password'} autoComplete={autoComplete} spellCheck={false} autoCapitalize="off" />
      <Button
        htmlType="button"
        aria-label={`显示${label}`}
        aria-pressed={visible}
        icon={visible ? <EyeInvisibleOutlined aria-hidden /> : <EyeOutlined aria-hidden />}
        onClick={() => setVisible((shown) => !shown)}
      >
        显示
      </Button>
    </Space.Compact>
  );
}
