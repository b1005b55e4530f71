/**
 * Certificate numbers and codes (domain §8). Pure: the server issues and checks, the browser checks
 * as the user types, with the same messages.
 *
 * - 培训合格证书编号 (training certificate number): `PXZ` + issuing year (4) + the class's county code (6)
 *   + a serial (6) counted per county and year, e.g. PXZ2026620102000017 (19 characters).
 * - 核验码 (verify code) of a training certificate: the public lookup code format of the notices module
 *   (12 characters without look-alikes, shown as YJ7K-4MPQ-2WXA), so one habit serves both.
 * - 职业技能等级证书编号 (skill-level certificate number): 22 characters, a letter (Y employer-based
 *   assessment, S social assessment body) then 21 digits: institution 4, province 2, site 6, year 2,
 *   level 1 (1–5), serial 6.
 */
import {
  formatLookupCode,
  isLookupCode,
  LOOKUP_ALPHABET,
  LOOKUP_CODE_LENGTH,
  newLookupCode,
  normaliseLookupCode,
  spokenLookupCode,
} from './notice-rules';
import type { SkillLevel } from './catalogue-codes';

// ---------------------------------------------------------------- training certificate number

export const TRAINING_CERTIFICATE_PREFIX = 'PXZ';
export const TRAINING_CERTIFICATE_SERIAL_MAX = 999_999;
const trainingCertificatePattern = /^PXZ(\d{4})(\d{6})(\d{6})$/;

export function trainingCertificateNo(year: number, countyCode: string, serial: number): string {
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new RangeError(`year ${year}`);
  if (!/^\d{6}$/.test(countyCode)) throw new RangeError(`county ${countyCode}`);
  if (!Number.isInteger(serial) || serial < 1 || serial > TRAINING_CERTIFICATE_SERIAL_MAX) throw new RangeError(`serial ${serial}`);
  return `${TRAINING_CERTIFICATE_PREFIX}${year}${countyCode}${String(serial).padStart(6, '0')}`;
}

export function parseTrainingCertificateNo(value: string): { year: number; countyCode: string; serial: number } | null {
  const match = trainingCertificatePattern.exec(value);
  if (!match) return null;
  const serial = Number(match[3]);
  if (serial < 1) return null;
  return { year: Number(match[1]), countyCode: match[2]!, serial };
}

// ---------------------------------------------------------------- verify code

export const VERIFY_CODE_ALPHABET = LOOKUP_ALPHABET;
export const VERIFY_CODE_LENGTH = LOOKUP_CODE_LENGTH;
/** Uppercases and drops spaces and dashes, so a code typed in any grouping (or lower case) matches. */
export const normaliseVerifyCode = normaliseLookupCode;
export const isVerifyCode = isLookupCode;
/** YJ7K-4MPQ-2WXA: how a code is printed and shown */
export const formatVerifyCode = formatLookupCode;
export const spokenVerifyCode = spokenLookupCode;

/** A new verify code from a source of random integers in [0, n) (the server passes crypto.randomInt). */
export const newVerifyCode = newLookupCode;

/** The public page a certificate's QR code points to. */
export function verifyUrl(baseUrl: string, code: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/verify/${code}`;
}

// ---------------------------------------------------------------- skill-level certificates

/** The five levels a skill-level certificate carries (the catalogue's `skillLevel` without special/none). */
export const skillCertificateLevels = ['5', '4', '3', '2', '1'] as const satisfies readonly SkillLevel[];
export type SkillCertificateLevel = (typeof skillCertificateLevels)[number];

export const skillAssessorKinds = ['Y', 'S'] as const;
export type SkillAssessorKind = (typeof skillAssessorKinds)[number];
export const skillAssessorKindLabels: Record<SkillAssessorKind, string> = {
  Y: '用人单位评价',
  S: '社会培训评价组织评价',
};

/** Province-level codes of GB/T 2260 (the first two digits of a region code). */
export const provinceCodes: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82',
]); // prettier-ignore

export const SKILL_CERTIFICATE_LENGTH = 22;

export interface SkillCertificateParts {
  value: string;
  assessorKind: SkillAssessorKind;
  /** 评价机构代码 */
  institution: string;
  province: string;
  /** 评价站点代码 */
  site: string;
  /** two digits, e.g. '26' */
  year: string;
  level: SkillCertificateLevel;
  serial: string;
}

export type SkillCertificateCheck = ({ ok: true } & SkillCertificateParts) | { ok: false; message: string };

/** Full-width digits and letters, spaces and dashes are what people paste: normalise before checking. */
export function normaliseSkillCertificateNo(input: string): string {
  return input
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000\-－—]/g, '')
    .toUpperCase();
}

/** Checks a skill-level certificate number and answers its parts, or the first thing wrong in plain words. */
export function parseSkillCertificateNo(input: string): SkillCertificateCheck {
  const value = normaliseSkillCertificateNo(input);
  if (value.length === 0) return { ok: false, message: '请填写证书编号' };
  if (value.length !== SKILL_CERTIFICATE_LENGTH)
    return { ok: false, message: `证书编号应为 ${SKILL_CERTIFICATE_LENGTH} 位（1 个字母加 21 位数字），当前为 ${value.length} 位` };
  const letter = value[0]!;
  if (letter !== 'Y' && letter !== 'S')
    return { ok: false, message: `证书编号第 1 位应为字母 Y（用人单位评价）或 S（社会培训评价组织评价），当前为“${letter}”` };
  const digits = value.slice(1);
  const nonDigit = [...digits].findIndex((c) => c < '0' || c > '9');
  if (nonDigit >= 0) return { ok: false, message: `证书编号第 2 至 22 位应为数字，第 ${nonDigit + 2} 位“${digits[nonDigit]}”不是数字` };
  const province = value.slice(5, 7);
  if (!provinceCodes.has(province)) return { ok: false, message: `证书编号第 6–7 位应为省级行政区代码，“${province}”不是有效的省份代码` };
  const level = value[15]!;
  if (!(skillCertificateLevels as readonly string[]).includes(level))
    return { ok: false, message: `证书编号第 16 位为等级，应为 1 至 5，当前为“${level}”` };
  return {
    ok: true,
    value,
    assessorKind: letter,
    institution: value.slice(1, 5),
    province,
    site: value.slice(7, 13),
    year: value.slice(13, 15),
    level: level as SkillCertificateLevel,
    serial: value.slice(16),
  };
}

/** Builds a number from its parts (tests and demo data). */
export function skillCertificateNo(parts: Omit<SkillCertificateParts, 'value'>): string {
  return `${parts.assessorKind}${parts.institution}${parts.province}${parts.site}${parts.year}${parts.level}${parts.serial}`;
}

/**
 * The year in the number is the year of issue: a number whose year differs from the issue date is
 * most often mistyped (either field).
 */
export function skillCertificateYearMismatch(parts: SkillCertificateParts, issuedOn: string): string | null {
  const issuedYear = issuedOn.slice(2, 4);
  return parts.year === issuedYear ? null : `证书编号中的年份“${parts.year}”与发证日期 ${issuedOn.slice(0, 4)} 年不一致，请核对`;
}
