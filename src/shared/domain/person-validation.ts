import type { FieldIssue } from '../errors';
import { checkCertificateNumber, type DisabilityCategory, type DisabilityLevel } from './disability';
import { checkIdNumber, normaliseIdInput } from './identity-number';
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
  name: '姓名',
  countyCode: '登记县区',
  hukouRegionCode: '户籍地',
  residenceRegionCode: '居住地',
  phone: '手机号',
  employmentForm: '就业形式',
  accommodationOther: '其他便利需求',
};

/**
 * The one set of rules for a person record, used by the form as you type, by the API and by the
 * import alike, so that each gives the same Chinese message for the same mistake.
 */
export function validatePerson(input: PersonFields, context: ValidationContext): PersonValidation {
  const issues: FieldIssue[] = [];
  const notes: string[] = [];
  const fail = (field: keyof typeof labels, message: string) => issues.push({ field, label: labels[field]!, message });

  const id = checkIdNumber(input.idNumber, { today: context.today });
  if (!id.ok) fail('idNumber', id.message);
  else if (id.converted) notes.push('15 位身份证号已转换为 18 位');

  let disabilityCategory: DisabilityCategory | null = null;
  let disabilityLevel: DisabilityLevel | null = null;
  let certificateNumber: string | null = null;
  if (input.certificateNumber) {
    if (input.certificateLegacy) {
      // first-generation local numbers cannot be checked: kept as typed (normalised) and flagged
      certificateNumber = normaliseIdInput(input.certificateNumber);
      if (certificateNumber.length < 6) fail('certificateNumber', '旧版残疾人证号至少 6 位');
    } else if (id.ok) {
      const certificate = checkCertificateNumber(input.certificateNumber, id.value);
      if (certificate.ok) {
        certificateNumber = certificate.value;
        disabilityCategory = certificate.category;
        disabilityLevel = certificate.level;
      } else fail('certificateNumber', certificate.message);
    }
  }

  const name = checkPersonName(input.name);
  if (!name.ok) fail('name', name.message);

  if (!context.isCountyUnit(input.countyCode)) fail('countyCode', `登记县区 ${input.countyCode} 不是本省的县级单位`);
  if (!/^\d{6}$/.test(input.hukouRegionCode)) fail('hukouRegionCode', '户籍地须为 6 位行政区划代码');
  if (input.residenceRegionCode !== null && !/^\d{6}$/.test(input.residenceRegionCode))
    fail('residenceRegionCode', '居住地须为 6 位行政区划代码');

  let phone: string | null = null;
  if (input.phone) {
    const checked = checkPhone(input.phone);
    if (checked.ok) phone = checked.value;
    else fail('phone', checked.message);
  }

  if (input.employmentStatus === 'unemployed' && input.employmentForm !== null) fail('employmentForm', '未就业时不填写就业形式');
  if (input.accommodations.includes('other') && !input.accommodationOther) fail('accommodationOther', '选择“其他”便利需求时请说明');

  if (issues.length > 0 || !id.ok || !name.ok) return { ok: false, issues };
  return {
    ok: true,
    notes,
    value: {
      ...input,
      idNumber: id.value,
      certificateNumber,
      name: name.value,
      phone,
      sex: id.sex,
      birthDate: id.birthDate,
      disabilityCategory,
      disabilityLevel,
      trainingWishes: [...new Set(input.trainingWishes)],
      accommodations: [...new Set(input.accommodations)],
      accommodationOther: input.accommodations.includes('other') ? input.accommodationOther : null,
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
