/**
 * Resident identity numbers (GB 11643-1999): 6-digit region code, 8-digit birth date, 3-digit
 * sequence (odd = male), check character. Pure, for server, import and browser alike.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type IdCheckResult =
  | { ok: true; value: string; birthDate: string; sex: 'male' | 'female'; regionCode: string; converted: boolean }
  | { ok: false; message: string };

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** 'YYYYMMDD' → 'YYYY-MM-DD' when it is a real calendar date, else null. */
export function calendarDate(yyyymmdd: string): string | null {
  if (!/^\d{8}$/.test(yyyymmdd)) return null;
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/** Full-width digits and X, spaces and hyphens are what people paste; normalise before checking. */
export function normaliseIdInput(input: string): string {
  return input
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\uFF38\uFF58]/g, 'X')
    .replace(/[\s\u3000-]/g, '')
    .toUpperCase();
}

/**
 * Checks an ID number. 15-digit legacy numbers are converted (century 19 inserted, check
 * character computed). `today` is 'YYYY-MM-DD' so tests and the browser agree on "the future".
 * `regionExists`, when given, is asked about the 6-digit region code.
 */
export function checkIdNumber(input: string, options: { today: string; regionExists?: (code: string) => boolean }): IdCheckResult {
  let value = normaliseIdInput(input);
  let converted = false;
  if (value.length === 0) return { ok: false, message: '请填写身份证号' };
  if (/^\d{15}$/.test(value)) {
    const first17 = `${value.slice(0, 6)}19${value.slice(6)}`;
    value = first17 + checkCharacter(first17);
    converted = true;
  }
  if (value.length !== 18) return { ok: false, message: `身份证号应为 18 位，当前为 ${value.length} 位` };
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, message: '身份证号前 17 位须为数字，最后一位为数字或 X' };
  const birthDate = calendarDate(value.slice(6, 14));
  if (!birthDate) return { ok: false, message: '身份证号中的出生日期不是有效日期' };
  if (birthDate > options.today) return { ok: false, message: '身份证号中的出生日期晚于今天' };
  if (birthDate < '1900-01-01') return { ok: false, message: '身份证号中的出生日期早于 1900 年' };
  if (checkCharacter(value.slice(0, 17)) !== value[17]) return { ok: false, message: '身份证号校验码不正确，请核对' };
  const regionCode = value.slice(0, 6);
  if (options.regionExists && !options.regionExists(regionCode)) return { ok: false, message: `身份证号中的地区码 ${regionCode} 不存在` };
  const sex = Number(value[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, value, birthDate, sex, regionCode, converted };
}
