import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarDate, checkCharacter, checkIdNumber, normaliseIdInput } from './identity-number';

const today = '2026-11-29';

/** A valid 18-character number from parts, check character computed. */
function build(region: string, birth: string, sequence: string): string {
  const first17 = `${region}${birth}${sequence}`;
  return first17 + checkCharacter(first17);
}

const validDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2026-11-29T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10).replaceAll('-', ''));
const sequence = fc.integer({ min: 0, max: 999 }).map((n) => String(n).padStart(3, '0'));
const region = fc.constantFrom('620102', '620103', '620201', '110101');

describe('checkIdNumber', () => {
  it('accepts the published example 11010519491231002X and derives birth date and sex', () => {
    expect(checkIdNumber('11010519491231002x', { today })).toEqual({
      ok: true,
      value: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female',
      regionCode: '110105',
      converted: false,
    });
  });

  it('accepts every number built with the right check character', () => {
    fc.assert(
      fc.property(region, validDate, sequence, (r, d, s) => {
        const result = checkIdNumber(build(r, d, s), { today });
        expect(result.ok).toBe(true);
        if (result.ok) expect(result.sex).toBe(Number(s[2]) % 2 === 1 ? 'male' : 'female');
      }),
    );
  });

  it('refuses every single-character change of the check character', () => {
    fc.assert(
      fc.property(region, validDate, sequence, fc.constantFrom(...'0123456789X'), (r, d, s, wrong) => {
        const id = build(r, d, s);
        fc.pre(wrong !== id[17]);
        expect(checkIdNumber(id.slice(0, 17) + wrong, { today })).toEqual({ ok: false, message: '身份证号校验码不正确，请核对' });
      }),
    );
  });

  it('converts 15-digit legacy numbers by inserting 19 and computing the check character', () => {
    const result = checkIdNumber('620102850101123', { today });
    expect(result).toMatchObject({ ok: true, value: build('620102', '19850101', '123'), converted: true, sex: 'male' });
  });

  it('normalises full-width digits, spaces and a lowercase x', () => {
    expect(normaliseIdInput('１１０１０５ 1949-1231 002ｘ')).toBe('11010519491231002X');
  });

  it.each([
    ['', '请填写身份证号'],
    ['12345', '身份证号应为 18 位，当前为 5 位'],
    ['62010219850101123A', '身份证号前 17 位须为数字，最后一位为数字或 X'],
    [build('620102', '19850230', '123'), '身份证号中的出生日期不是有效日期'],
    [build('620102', '20270101', '123'), '身份证号中的出生日期晚于今天'],
    [build('620102', '18991231', '123'), '身份证号中的出生日期早于 1900 年'],
  ])('refuses %s with “%s”', (input, message) => {
    expect(checkIdNumber(input, { today })).toEqual({ ok: false, message });
  });

  it('asks whether the region code exists', () => {
    expect(checkIdNumber(build('629999', '19850101', '123'), { today, regionExists: (c) => c.startsWith('6201') })).toEqual({
      ok: false,
      message: '身份证号中的地区码 629999 不存在',
    });
  });
});

describe('calendarDate', () => {
  it('knows leap years', () => {
    expect(calendarDate('20000229')).toBe('2000-02-29');
    expect(calendarDate('19000229')).toBeNull();
    expect(calendarDate('20240229')).toBe('2024-02-29');
  });
});
