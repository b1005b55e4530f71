import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildCreditCode,
  checkCreditCode,
  CREDIT_CODE_CHARSET,
  creditCodeAuthorities,
  creditCodeCheckCharacter,
  normaliseCreditCode,
  organisationCodeCheckCharacter,
} from './credit-code';

const authorityAndKind = fc.constantFrom(
  ...Object.entries(creditCodeAuthorities).flatMap(([authority, { kinds }]) =>
    Object.keys(kinds).map((kind) => [authority, kind] as const),
  ),
);
const region = fc.constantFrom('620102', '620103', '620201', '110000', '100000', '440300', '650100');
const charsetChar = fc.constantFrom(...CREDIT_CODE_CHARSET.split(''));
const organisationBody = fc.array(charsetChar, { minLength: 8, maxLength: 8 }).map((chars) => chars.join(''));
const validCode = fc.tuple(authorityAndKind, region, organisationBody).map(([[a, k], r, o]) => buildCreditCode(a, k, r, o));

describe('checkCreditCode', () => {
  it('accepts published codes', () => {
    for (const code of ['91350100M000100Y43', '91110000600037341L', '911100007109288314', '91440300708461136T']) {
      expect(checkCreditCode(code), code).toMatchObject({ ok: true, value: code });
    }
  });

  it('splits a code into its parts', () => {
    expect(checkCreditCode('91350100M000100Y43')).toEqual({
      ok: true,
      value: '91350100M000100Y43',
      authority: '9',
      kind: '1',
      regionCode: '350100',
      organisationCode: 'M000100Y4',
    });
  });

  it('normalises what people paste: lower case, full width, spaces and hyphens', () => {
    expect(normaliseCreditCode(' 9135 0100-m000 100y43 ')).toBe('91350100M000100Y43');
    expect(checkCreditCode('９１３５０１００Ｍ０００１００Ｙ４３')).toMatchObject({ ok: true, value: '91350100M000100Y43' });
  });

  it('names the problem in Chinese', () => {
    expect(checkCreditCode('')).toEqual({ ok: false, message: '请填写统一社会信用代码' });
    expect(checkCreditCode('9135010')).toEqual({ ok: false, message: '统一社会信用代码应为 18 位，当前为 7 位' });
    expect(checkCreditCode('91350100M0001OOY43')).toMatchObject({ ok: false, message: expect.stringMatching(/第 14 位“O”.*是否应为“0”/) });
    expect(checkCreditCode('B1350100M000100Y43')).toMatchObject({ ok: false, message: expect.stringContaining('登记管理部门代码') });
    expect(checkCreditCode('94350100M000100Y43')).toMatchObject({ ok: false, message: expect.stringContaining('机构类别代码') });
    expect(checkCreditCode('91990100M000100Y43')).toMatchObject({ ok: false, message: expect.stringContaining('行政区划码') });
    expect(checkCreditCode('91350100M000100Y53')).toMatchObject({ ok: false, message: expect.stringContaining('组织机构代码') });
    expect(checkCreditCode('91350100M000100Y44')).toMatchObject({ ok: false, message: expect.stringContaining('第 18 位') });
  });

  it('computes the check characters of GB 32100 and GB 11714', () => {
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(organisationCodeCheckCharacter('M000100Y')).toBe('4');
  });

  it('accepts every code built from valid parts', () => {
    fc.assert(
      fc.property(validCode, (code) => {
        expect(checkCreditCode(code)).toMatchObject({ ok: true, value: code });
      }),
    );
  });

  it('refuses any single-character change of a valid code', () => {
    const anyChar = fc.oneof(charsetChar, fc.constantFrom('I', 'O', 'Z', 'S', 'V', 'a', '#', '中'));
    fc.assert(
      fc.property(validCode, fc.integer({ min: 0, max: 17 }), anyChar, (code, position, replacement) => {
        fc.pre(code[position] !== replacement.toUpperCase() || replacement === 'a');
        const changed = code.slice(0, position) + replacement + code.slice(position + 1);
        if (normaliseCreditCode(changed) === code) return; // 'a' for 'A' is the same code
        expect(checkCreditCode(changed).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses two neighbouring characters swapped (the commonest typing slip)', () => {
    fc.assert(
      fc.property(validCode, fc.integer({ min: 0, max: 15 }), (code, i) => {
        fc.pre(code[i] !== code[i + 1]);
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        expect(checkCreditCode(swapped).ok).toBe(false);
      }),
    );
  });
});
