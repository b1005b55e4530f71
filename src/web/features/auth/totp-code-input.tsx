import { Input, type FormRule, type InputProps } from 'antd';

export const totpCodeRules: FormRule[] = [
  { required: true, whitespace: true, message: '请输入动态验证码' },
  { pattern: /^\s*\d{6}\s*$/, message: '动态验证码为 6 位数字' },
];

/** Numeric keypad on phones, and lets the platform offer a code it received. */
export function TotpCodeInput(props: InputProps) {
  return <Input {...props} inputMode="numeric" autoComplete="one-time-code" maxLength={6} spellCheck={false} className="code-input" />;
}
