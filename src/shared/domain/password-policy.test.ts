import { describe, expect, it } from 'vitest';
import { checkPassword, passwordRules } from './password-policy';

describe('checkPassword', () => {
  it('accepts a long password of three classes for staff, and eight characters for others', () => {
    expect(checkPassword('Gansu-Lanzhou-2026', 'chengguan.dengji', 'staff')).toEqual([]);
    expect(checkPassword('Qinghe#26', 'xueyuan', 'trainee')).toEqual([]);
    expect(passwordRules('staff').minLength).toBe(12);
    expect(passwordRules('trainee').minLength).toBe(8);
  });

  it('asks staff for at least 12 characters', () => {
    expect(checkPassword('Abcdef#12345', 'someone', 'staff')).toEqual([]);
    expect(checkPassword('Abcdef#1234', 'someone', 'staff')).toEqual(['密码至少 12 个字符']);
  });

  it('needs three of the four character classes', () => {
    expect(checkPassword('abcdefghijkl', 'someone', 'staff')).toEqual(['密码须包含大写字母、小写字母、数字、符号中的至少三类']);
    expect(checkPassword('abcdefgh1234', 'someone', 'staff')).toHaveLength(1);
    expect(checkPassword('abcdefgh123#', 'someone', 'staff')).toEqual([]);
    expect(checkPassword('ABCDEFGH123#', 'someone', 'staff')).toEqual([]);
    // Chinese characters count as symbols
    expect(checkPassword('甘肃兰州abcd1234', 'someone', 'staff')).toEqual([]);
  });

  it('refuses the username inside the password, whatever the case', () => {
    expect(checkPassword('X#ChengGuan.DengJi9', 'chengguan.dengji', 'staff')).toContain('密码不能包含用户名');
  });

  it('refuses common passwords, whatever the case', () => {
    expect(checkPassword('Admin@123', 'someone', 'trainee')).toEqual(['密码过于常见，请换一个']);
    expect(checkPassword('P@ssw0rd', 'someone', 'trainee')).toEqual(['密码过于常见，请换一个']);
  });

  it('allows long passphrases up to the maximum and refuses longer ones', () => {
    const max = passwordRules('staff').maxLength;
    expect(max).toBeGreaterThanOrEqual(64);
    expect(checkPassword(`Aa1#${'x'.repeat(max - 4)}`, 'someone', 'staff')).toEqual([]);
    expect(checkPassword(`Aa1#${'x'.repeat(max - 3)}`, 'someone', 'staff')).toContain(`密码最多 ${max} 个字符`);
  });
});
