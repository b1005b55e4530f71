import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatVerifyCode,
  isVerifyCode,
  newVerifyCode,
  normaliseVerifyCode,
  parseSkillCertificateNo,
  parseTrainingCertificateNo,
  provinceCodes,
  skillCertificateNo,
  skillCertificateYearMismatch,
  skillCertificateLevels,
  trainingCertificateNo,
} from './certificate-codes';

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
const skillParts = fc.record({
  assessorKind: fc.constantFrom('Y' as const, 'S' as const),
  institution: digits(4),
  province: fc.constantFrom(...provinceCodes),
  site: digits(6),
  year: digits(2),
  level: fc.constantFrom(...skillCertificateLevels),
  serial: digits(6),
});

describe('skill-level certificate numbers', () => {
  it('answers the parts of every valid number (round trip)', () => {
    fc.assert(
      fc.property(skillParts, (parts) => {
        const no = skillCertificateNo(parts);
        expect(no).toHaveLength(22);
        const check = parseSkillCertificateNo(no);
        expect(check).toEqual({ ok: true, value: no, ...parts });
      }),
    );
  });

  it('refuses any other first character', () => {
    // any printable ASCII except Y/S (either case) and the separators normalisation drops
    const letter = fc
      .integer({ min: 0x21, max: 0x7e })
      .map((n) => String.fromCharCode(n))
      .filter((c) => !'YSys-'.includes(c));
    fc.assert(
      fc.property(skillParts, letter, (parts, c) => {
        const no = c + skillCertificateNo(parts).slice(1);
        const check = parseSkillCertificateNo(no);
        expect(check.ok).toBe(false);
      }),
    );
  });

  it('refuses any level digit outside 1–5', () => {
    fc.assert(
      fc.property(skillParts, fc.constantFrom('0', '6', '7', '8', '9'), (parts, level) => {
        const no = skillCertificateNo(parts);
        const check = parseSkillCertificateNo(no.slice(0, 15) + level + no.slice(16));
        expect(check).toEqual({ ok: false, message: `证书编号第 16 位为等级，应为 1 至 5，当前为“${level}”` });
      }),
    );
  });

  it('reads a changed valid level as that level, never as the old one', () => {
    fc.assert(
      fc.property(skillParts, fc.constantFrom(...skillCertificateLevels), (parts, level) => {
        const no = skillCertificateNo(parts);
        const check = parseSkillCertificateNo(no.slice(0, 15) + level + no.slice(16));
        expect(check.ok && check.level).toBe(level);
      }),
    );
  });

  it('names what is wrong in Chinese', () => {
    expect(parseSkillCertificateNo('')).toEqual({ ok: false, message: '请填写证书编号' });
    expect(parseSkillCertificateNo('Y12346200000012630000')).toMatchObject({ ok: false, message: expect.stringContaining('当前为 21 位') });
    expect(parseSkillCertificateNo('X123462000000126300001')).toMatchObject({ ok: false, message: expect.stringContaining('“X”') });
    expect(parseSkillCertificateNo('Y1234990000001263000A1')).toMatchObject({
      ok: false,
      message: expect.stringContaining('第 21 位“A”不是数字'),
    });
    expect(parseSkillCertificateNo('Y123499000000126300001')).toMatchObject({
      ok: false,
      message: expect.stringContaining('“99”不是有效的省份代码'),
    });
    expect(parseSkillCertificateNo('Y123462000000126600001')).toMatchObject({ ok: false, message: expect.stringContaining('应为 1 至 5') });
  });

  it('accepts what people paste: lower case, spaces, full-width digits', () => {
    expect(parseSkillCertificateNo(' s1234 62 000001 26 3 000001 ')).toMatchObject({
      ok: true,
      value: 'S123462000001263000001',
      level: '3',
    });
    expect(parseSkillCertificateNo('Ｙ１２３４６２０００００１２６３０００００１')).toMatchObject({ ok: true, assessorKind: 'Y' });
  });

  it('flags a year that differs from the issue date', () => {
    const check = parseSkillCertificateNo('S123462000001263000001');
    if (!check.ok) throw new Error('valid');
    expect(skillCertificateYearMismatch(check, '2026-06-01')).toBeNull();
    expect(skillCertificateYearMismatch(check, '2025-06-01')).toContain('2025 年不一致');
  });
});

describe('training certificate numbers', () => {
  it('round-trips year, county and serial', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 9999 }), digits(6), fc.integer({ min: 1, max: 999_999 }), (year, county, serial) => {
        const no = trainingCertificateNo(year, county, serial);
        expect(no).toHaveLength(19);
        expect(parseTrainingCertificateNo(no)).toEqual({ year, countyCode: county, serial });
      }),
    );
    expect(trainingCertificateNo(2026, '620102', 17)).toBe('PXZ2026620102000017');
    expect(() => trainingCertificateNo(2026, '620102', 1_000_000)).toThrow(RangeError);
  });
});

describe('verify codes', () => {
  it('are 12 characters of the lookup alphabet, accepted in any grouping', () => {
    let i = 0;
    const code = newVerifyCode((n) => (i++ * 7) % n);
    expect(isVerifyCode(code)).toBe(true);
    expect(normaliseVerifyCode(formatVerifyCode(code).toLowerCase())).toBe(code);
    expect(isVerifyCode('O0I1L0000000')).toBe(false);
  });
});
