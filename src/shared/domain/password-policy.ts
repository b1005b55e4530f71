import type { UserKind } from './roles';

/** Passwords people commonly choose; a small list that the browser can check as you type too. */
const commonPasswords = new Set([
  'password',
  'password1',
  'password123',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword1',
  'qwerty123',
  'qwerty',
  'admin123',
  'admin@123',
  'abc123',
  'abc12345',
  'abcd1234',
  'abc@1234',
  'a1234567',
  'a123456789',
  'aa123456',
  'aa123456789',
  'qq123456',
  'woaini1314',
  '1qaz2wsx',
  '1qaz@wsx',
  '1q2w3e4r',
  '1q2w3e4r5t',
  'zaq12wsx',
  'iloveyou1',
  'welcome1',
  'welcome@123',
  'letmein1',
  'changeme1',
  'p@ssw0rd123',
  'admin@2024',
  'admin@2025',
  'admin@2026',
  'test@1234',
  'root@123',
  'huawei@123',
  'gansu@123',
  'canlian@123',
]);

export interface PasswordRules {
  minLength: number;
  maxLength: number;
}

export function passwordRules(kind: UserKind): PasswordRules {
  return { minLength: kind === 'staff' ? 12 : 8, maxLength: 128 };
}

function characterClasses(password: string): number {
  let classes = 0;
  if (/[a-z]/.test(password)) classes++;
  if (/[A-Z]/.test(password)) classes++;
  if (/[0-9]/.test(password)) classes++;
  if (/[^A-Za-z0-9]/.test(password)) classes++;
  return classes;
}

/**
 * MLPS password rule: length by account kind, at least three character classes, not a
 * common password, not containing the username. Returns Chinese messages, empty when acceptable.
 */
export function checkPassword(password: string, username: string, kind: UserKind): string[] {
  const { minLength, maxLength } = passwordRules(kind);
  const problems: string[] = [];
  if (password.length < minLength) problems.push(`密码至少 ${minLength} 个字符`);
  if (password.length > maxLength) problems.push(`密码最多 ${maxLength} 个字符`);
  if (characterClasses(password) < 3) problems.push('密码须包含大写字母、小写字母、数字、符号中的至少三类');
  const lower = password.toLowerCase();
  if (commonPasswords.has(lower)) problems.push('密码过于常见，请换一个');
  if (username.length >= 3 && lower.includes(username.toLowerCase())) problems.push('密码不能包含用户名');
  return problems;
}
