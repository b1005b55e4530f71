/** Names and phone numbers as people in the registry really have them. */

// Control characters, and the bidi controls that can make a name display differently from what is stored.
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/u;
// Han (all planes, incl. extensions B–H for rare characters), Latin letters for transliterated names,
// the middle dots used in minority names (· U+00B7, ・ U+30FB, • U+2022 normalised), and spaces inside.
const NAME = /^[\p{Script=Han}A-Za-z\u00b7][\p{Script=Han}A-Za-z\u00b7 ]*$/u;

export type FieldCheck = { ok: true; value: string } | { ok: false; message: string };

export function checkPersonName(input: string): FieldCheck {
  if (FORBIDDEN.test(input)) return { ok: false, message: '姓名中含有控制字符或不可见字符' };
  const value = input
    .normalize('NFC')
    .trim()
    .replace(/[\u30fb\u2022\u2027\uff65\u02d1]/g, '\u00b7')
    .replace(/\s+/g, ' ');
  if (value.length === 0) return { ok: false, message: '请填写姓名' };
  if ([...value].length > 40) return { ok: false, message: '姓名最多 40 个字' };
  if (!NAME.test(value)) return { ok: false, message: '姓名只能包含汉字、字母和间隔号“·”' };
  if (value.startsWith('\u00b7') || value.endsWith('\u00b7') || value.includes('\u00b7\u00b7'))
    return { ok: false, message: '间隔号“·”不能在姓名开头、结尾或连续出现' };
  return { ok: true, value };
}

/** Mainland mobile numbers and landlines with area code; full-width digits, spaces, hyphens and +86 are normalised. */
export function checkPhone(input: string): FieldCheck {
  if (FORBIDDEN.test(input)) return { ok: false, message: '电话号码中含有控制字符' };
  let value = input
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\uFF0B/g, '+')
    .replace(/[\s\u3000\-()（）]/g, '');
  if (value.length === 0) return { ok: false, message: '请填写电话号码' };
  value = value.replace(/^(\+86|0086)/, '');
  if (/^1[3-9]\d{9}$/.test(value)) return { ok: true, value };
  if (/^0\d{2,3}\d{7,8}$/.test(value)) return { ok: true, value };
  return { ok: false, message: '电话号码格式不正确：手机号为 11 位，固定电话须带区号' };
}
