import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCertificateNumber } from './disability';
import { checkCharacter } from './identity-number';
import { maskCertificateNumber, maskIdNumber, maskPhone } from './masking';
import { checkPersonName, checkPhone } from './person-fields';

const id = (() => {
  const first17 = '62010219850101123';
  return first17 + checkCharacter(first17);
})();

describe('checkCertificateNumber', () => {
  it('accepts ID + category 1–7 + level 1–4 and returns both', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 4 }), (c, l) => {
        expect(checkCertificateNumber(`${id}${c}${l}`, id)).toEqual({
          ok: true,
          value: `${id}${c}${l}`,
          category: String(c),
          level: String(l),
        });
      }),
    );
  });

  it.each([
    ['', '请填写残疾人证号'],
    [`${id}4`, '残疾人证号应为 20 位（身份证号 + 残疾类别 + 残疾等级），当前为 19 位'],
    [`62010219850101124X41`, '残疾人证号前 18 位须与身份证号一致'],
    [`${id}82`, '残疾人证号第 19 位（残疾类别）须为 1–7'],
    [`${id}45`, '残疾人证号第 20 位（残疾等级）须为 1–4'],
  ])('refuses %s with “%s”', (input, message) => {
    expect(checkCertificateNumber(input, id)).toEqual({ ok: false, message });
  });
});

describe('checkPersonName', () => {
  it.each([
    ['张三', '张三'],
    ['阿卜杜热合曼·买买提', '阿卜杜热合曼·买买提'],
    ['阿依古丽・热合曼', '阿依古丽·热合曼'],
    ['𠮷野家', '𠮷野家'],
    ['王𪚥', '王𪚥'],
    ['  李 四 ', '李 四'],
  ])('accepts %s as %s', (input, value) => {
    expect(checkPersonName(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['', '请填写姓名'],
    ['张\u202e三', '姓名中含有控制字符或不可见字符'],
    ['张\u0007三', '姓名中含有控制字符或不可见字符'],
    ['张三1', '姓名只能包含汉字、字母和间隔号“·”'],
    ['·张三', '间隔号“·”不能在姓名开头、结尾或连续出现'],
  ])('refuses %j with “%s”', (input, message) => {
    expect(checkPersonName(input)).toEqual({ ok: false, message });
  });

  it('never accepts a string with a bidi control anywhere', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.constantFrom('\u202a', '\u202b', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200f'),
        fc.string(),
        (a, bidi, b) => {
          expect(checkPersonName(`张${a}${bidi}${b}`).ok).toBe(false);
        },
      ),
    );
  });
});

describe('checkPhone', () => {
  it.each([
    ['13912345678', '13912345678'],
    ['+86 139 1234 5678', '13912345678'],
    ['１３９１２３４５６７８', '13912345678'],
    ['0931-8123456', '09318123456'],
  ])('normalises %s to %s', (input, value) => {
    expect(checkPhone(input)).toEqual({ ok: true, value });
  });

  it('refuses what is not a phone number', () => {
    expect(checkPhone('1234')).toEqual({ ok: false, message: '电话号码格式不正确：手机号为 11 位，固定电话须带区号' });
  });
});

describe('masks', () => {
  it('hide the birth date of an ID number and read sensibly', () => {
    const masked = maskIdNumber(id);
    expect(masked.text).toBe(`620*************${id.slice(-2)}`);
    expect(masked.text).not.toContain('1985');
    expect(masked.spoken).toContain('中间 13 位已隐藏');
  });

  it('never show the category and level of a certificate number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 4 }), (c, l) => {
        expect(maskCertificateNumber(`${id}${c}${l}`).text.slice(-2)).toBe('**');
      }),
    );
  });

  it('keep the first three and last four digits of a phone', () => {
    expect(maskPhone('13912345678').text).toBe('139****5678');
  });
});
