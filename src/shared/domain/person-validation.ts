import type { FieldIssue } from '../errors';
import { type CertificateCheckResult, checkCertificateNumber, type DisabilityCategory, type DisabilityLevel } from './disability';
import { checkIdNumber, type IdCheckResult, normaliseIdInput } from './identity-number';
import { maskIdNumber } from './masking';
import type { AccommodationNeed, EducationLevel, EmploymentForm, EmploymentStatus, Sex, TrainingType, UrbanRural } from './person-codes';
import { checkPersonName, checkPhone } from './person-fields';

/** The fields a registrar enters for a person (codes already resolved from labels). */
export interface PersonFields {
  idNumber: string;
  certificateNumber: string | null;
  certificateLegacy: boolean;
  name: string;
  countyCode: string;
  hukouRegionCode: string;
  residenceRegionCode: string | null;
  urbanRural: UrbanRural | null;
  education: EducationLevel | null;
  phone: string | null;
  employmentStatus: EmploymentStatus;
  employmentForm: EmploymentForm | null;
  trainingWishes: TrainingType[];
  trainingNeeds: string | null;
  accommodations: AccommodationNeed[];
  accommodationOther: string | null;
  remarks: string | null;
}

/** A person ready to store: normalised, with what is derived from the numbers. */
export interface ValidatedPerson extends PersonFields {
  sex: Sex;
  birthDate: string;
  disabilityCategory: DisabilityCategory | null;
  disabilityLevel: DisabilityLevel | null;
}

export interface ValidationContext {
  /** 'YYYY-MM-DD' in China Standard Time */
  today: string;
  /** any region code this province knows (hukou may also lie outside the province: see hukouOutsideProvince) */
  regionExists: (code: string) => boolean;
  /** county-level units a person can be registered in */
  isCountyUnit: (code: string) => boolean;
}

export type PersonValidation = { ok: true; value: ValidatedPerson; notes: string[] } | { ok: false; issues: FieldIssue[] };

const labels: Record<string, string> = {
  idNumber: '身份证号',
  certificateNumber: '残疾人证号',
  certificateLegacy: '第一代地方证号标记',
  name: '姓名',
  countyCode: '登记县区',
  hukouRegionCode: '户籍地',
  residenceRegionCode: '居住地',
  phone: '手机号',
  employmentForm: '就业形式',
  accommodationOther: '其他便利需求',
};

type Fail = (field: keyof typeof labels, message: string) => void;

/** The fields whose rules do not depend on the numbers. */
type RecordFields = Omit<PersonFields, 'idNumber' | 'certificateNumber' | 'certificateLegacy' | 'phone'>;

/** The rules of the fields that do not depend on the numbers: the normalised name, or null when it is wrong. */
function checkRecordFields(input: RecordFields, context: ValidationContext, fail: Fail): string | null {
  const name = checkPersonName(input.name);
  if (!name.ok) fail('name', name.message);
  if (!context.isCountyUnit(input.countyCode)) fail('countyCode', `登记县区 ${input.countyCode} 不是本省的县级单位`);
  if (!/^\d{6}$/.test(input.hukouRegionCode)) fail('hukouRegionCode', '户籍地须为 6 位行政区划代码');
  if (input.residenceRegionCode !== null && !/^\d{6}$/.test(input.residenceRegionCode))
    fail('residenceRegionCode', '居住地须为 6 位行政区划代码');
  return name.ok ? name.value : null;
}

/** The rules after the phone: employment and accommodations. */
function checkNeeds(input: RecordFields, fail: Fail): void {
  if (input.employmentStatus === 'unemployed' && input.employmentForm !== null) fail('employmentForm', '未就业时不填写就业形式');
  if (input.accommodations.includes('other') && !input.accommodationOther) fail('accommodationOther', '选择“其他”便利需求时请说明');
}

/** A phone as stored: null when none is given, undefined (after a failure) when it is wrong. */
function checkPhoneField(phone: string | null, fail: Fail): string | null | undefined {
  if (!phone) return null;
  const checked = checkPhone(phone);
  if (checked.ok) return checked.value;
  fail('phone', checked.message);
  return undefined;
}

/** The stored form of a first-generation local certificate number (kept as typed, normalised), or null after a failure. */
function checkLegacyCertificate(input: string, fail: Fail): string | null {
  const value = normaliseIdInput(input);
  if (value.length < 6) {
    fail('certificateNumber', '旧版残疾人证号至少 6 位');
    return null;
  }
  return value;
}

/** The normalised record fields of a valid person. */
function recordValue(input: RecordFields, name: string): RecordFields {
  return {
    ...input,
    name,
    trainingWishes: [...new Set(input.trainingWishes)],
    accommodations: [...new Set(input.accommodations)],
    accommodationOther: input.accommodations.includes('other') ? input.accommodationOther : null,
  };
}

/**
 * The one set of rules for a person record, used by the form as you type, by the API and by the
 * import alike, so that each gives the same Chinese message for the same mistake.
 */
export function validatePerson(input: PersonFields, context: ValidationContext): PersonValidation {
  const issues: FieldIssue[] = [];
  const notes: string[] = [];
  const fail: Fail = (field, message) => issues.push({ field, label: labels[field]!, message });

  const id = checkIdNumber(input.idNumber, { today: context.today });
  if (!id.ok) fail('idNumber', id.message);
  else if (id.converted) notes.push('15 位身份证号已转换为 18 位');

  let disabilityCategory: DisabilityCategory | null = null;
  let disabilityLevel: DisabilityLevel | null = null;
  let certificateNumber: string | null = null;
  if (input.certificateNumber) {
    if (input.certificateLegacy) {
      // first-generation local numbers cannot be checked: kept as typed (normalised) and flagged
      certificateNumber = checkLegacyCertificate(input.certificateNumber, fail);
    } else if (id.ok) {
      const certificate = checkCertificateNumber(input.certificateNumber, id.value);
      if (certificate.ok) {
        certificateNumber = certificate.value;
        disabilityCategory = certificate.category;
        disabilityLevel = certificate.level;
      } else fail('certificateNumber', certificate.message);
    }
  }

  const name = checkRecordFields(input, context, fail);
  const phone = checkPhoneField(input.phone, fail);
  checkNeeds(input, fail);

  if (issues.length > 0 || !id.ok || name === null || phone === undefined) return { ok: false, issues };
  return {
    ok: true,
    notes,
    value: {
      ...recordValue(input, name),
      idNumber: id.value,
      certificateNumber,
      certificateLegacy: input.certificateLegacy,
      phone,
      sex: id.sex,
      birthDate: id.birthDate,
      disabilityCategory,
      disabilityLevel,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// updates that keep the stored numbers

/**
 * The fields of an update. A number left out (undefined) keeps the stored value, so an editor who
 * changes the education level never has to read the ID number in full; null (or '') removes a
 * certificate number or phone. `certificateLegacy` goes with `certificateNumber`: left out with
 * it, the stored flag stays; left out beside a new number, the number is a second-generation one.
 */
export interface PersonUpdateFields extends RecordFields {
  idNumber?: string | undefined;
  certificateNumber?: string | null | undefined;
  certificateLegacy?: boolean | undefined;
  phone?: string | null | undefined;
}

/**
 * What an update knows of the numbers it keeps without reading them: the masked ID number and
 * what the record derived from it, and the kind of certificate number stored. The browser has no
 * more than this; the server adds `isStoredIdNumber` (a blind-index comparison), so neither needs
 * the stored numbers in full.
 */
export interface StoredNumbers {
  idNumberMasked: string;
  sex: Sex;
  birthDate: string;
  certificate: 'none' | 'second_generation' | 'legacy';
  disabilityCategory: DisabilityCategory | null;
  disabilityLevel: DisabilityLevel | null;
  /**
   * Whether a valid 18-character ID number is the stored one. Server only; without it the first
   * 18 characters of a new certificate number are held to what the mask and the record show (the
   * first three and last two characters, sex and birth date), and the server checks the rest.
   */
  isStoredIdNumber?: ((idNumber: string) => boolean) | undefined;
}

/** A valid update: the numbers present are the changed ones (null removes); the others keep what is stored. */
export interface ValidatedUpdate extends RecordFields {
  idNumber?: string;
  certificateNumber?: string | null;
  certificateLegacy?: boolean;
  phone?: string | null;
  /** from the new ID number, or as stored */
  sex: Sex;
  birthDate: string;
  /** from the new certificate number, or as stored */
  disabilityCategory: DisabilityCategory | null;
  disabilityLevel: DisabilityLevel | null;
}

export type PersonUpdateValidation = { ok: true; value: ValidatedUpdate; notes: string[] } | { ok: false; issues: FieldIssue[] };

/** The ID number changed and the stored second-generation certificate number, which begins with the old one, was left as it is. */
export const CERTIFICATE_MUST_FOLLOW_ID = '身份证号已修改，原残疾人证号的前 18 位与新身份证号不一致：请一并修改残疾人证号';

/** certificateLegacy sent without certificateNumber on an update. */
export const LEGACY_FLAG_NEEDS_NUMBER = '更改“第一代地方证号”标记时，请一并填写残疾人证号';

/**
 * A second-generation certificate number checked against the stored (kept) ID number, with the
 * messages of checkCertificateNumber. On the server the first 18 characters are compared through
 * the blind index; in the browser with what the mask and the record show.
 */
export function checkCertificateForStoredId(input: string, stored: StoredNumbers, today: string): CertificateCheckResult {
  const value = normaliseIdInput(input);
  const head = value.slice(0, 18);
  let same = false;
  if (value.length === 20) {
    const id = checkIdNumber(head, { today });
    if (id.ok) {
      same = stored.isStoredIdNumber
        ? stored.isStoredIdNumber(id.value)
        : id.sex === stored.sex && id.birthDate === stored.birthDate && maskIdNumber(id.value).text === stored.idNumberMasked;
    }
  }
  // an ID number that is never equal to the head makes checkCertificateNumber say “须与身份证号一致”
  return checkCertificateNumber(value, same ? head : '');
}

/**
 * The rules of validatePerson for an update that may keep the stored numbers. A kept ID number
 * keeps sex and birth date; a new ID number must be followed by a new (or removed) certificate
 * number when a second-generation one is stored, since that one begins with the old ID number.
 */
export function validatePersonUpdate(input: PersonUpdateFields, stored: StoredNumbers, context: ValidationContext): PersonUpdateValidation {
  const issues: FieldIssue[] = [];
  const notes: string[] = [];
  const fail: Fail = (field, message) => issues.push({ field, label: labels[field]!, message });

  // the ID number: undefined keeps it; the stored number typed again is kept as well
  let newId: Extract<IdCheckResult, { ok: true }> | null = null;
  let idFailed = false;
  if (input.idNumber !== undefined) {
    const id = checkIdNumber(input.idNumber, { today: context.today });
    idFailed = !id.ok;
    if (!id.ok) fail('idNumber', id.message);
    else if (!stored.isStoredIdNumber?.(id.value)) {
      if (id.converted) notes.push('15 位身份证号已转换为 18 位');
      newId = id;
    }
  }

  let certificate: { certificateNumber: string | null; certificateLegacy: boolean } | undefined;
  let disabilityCategory = stored.disabilityCategory;
  let disabilityLevel = stored.disabilityLevel;
  if (input.certificateNumber === undefined) {
    if (
      input.certificateLegacy !== undefined &&
      stored.certificate !== 'none' &&
      input.certificateLegacy !== (stored.certificate === 'legacy')
    )
      fail('certificateLegacy', LEGACY_FLAG_NEEDS_NUMBER);
    if (newId && stored.certificate === 'second_generation') fail('certificateNumber', CERTIFICATE_MUST_FOLLOW_ID);
  } else {
    const legacy = input.certificateLegacy ?? false;
    disabilityCategory = null;
    disabilityLevel = null;
    if (!input.certificateNumber) certificate = { certificateNumber: null, certificateLegacy: legacy };
    else if (legacy) {
      const value = checkLegacyCertificate(input.certificateNumber, fail);
      if (value !== null) certificate = { certificateNumber: value, certificateLegacy: true };
    } else if (!idFailed) {
      const checked = newId
        ? checkCertificateNumber(input.certificateNumber, newId.value)
        : checkCertificateForStoredId(input.certificateNumber, stored, context.today);
      if (checked.ok) {
        certificate = { certificateNumber: checked.value, certificateLegacy: false };
        disabilityCategory = checked.category;
        disabilityLevel = checked.level;
      } else fail('certificateNumber', checked.message);
    }
  }

  const name = checkRecordFields(input, context, fail);
  const phone = input.phone === undefined ? undefined : checkPhoneField(input.phone, fail);
  checkNeeds(input, fail);

  if (issues.length > 0 || name === null) return { ok: false, issues };
  const { idNumber: _id, certificateNumber: _certificate, certificateLegacy: _legacy, phone: _phone, ...record } = input;
  return {
    ok: true,
    notes,
    value: {
      ...recordValue(record, name),
      ...(newId && { idNumber: newId.value }),
      ...certificate,
      ...(input.phone !== undefined && { phone: phone ?? null }),
      sex: newId ? newId.sex : stored.sex,
      birthDate: newId ? newId.birthDate : stored.birthDate,
      disabilityCategory,
      disabilityLevel,
    },
  };
}

/** Whole years between the birth date and `today` (both 'YYYY-MM-DD'). */
export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

export interface WorkingAgeBounds {
  min: number;
  maxMale: number;
  maxFemale: number;
}

/** Working age for the real-name statistics: configurable bounds by sex, inclusive. */
export function isWorkingAge(sex: Sex, birthDate: string, today: string, bounds: WorkingAgeBounds): boolean {
  const age = ageOn(birthDate, today);
  return age >= bounds.min && age <= (sex === 'male' ? bounds.maxMale : bounds.maxFemale);
}

/** Today's date in China Standard Time, which has no daylight saving. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
