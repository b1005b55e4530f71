import type { PersonDetail } from '../../../shared/contracts/persons-contracts';
import {
  checkCertificateNumber,
  disabilityCategoryLabels,
  disabilityLevelLabels,
  type DisabilityCategory,
  type DisabilityLevel,
} from '../../../shared/domain/disability';
import { checkIdNumber } from '../../../shared/domain/identity-number';
import type {
  AccommodationNeed,
  EducationLevel,
  EmploymentForm,
  EmploymentStatus,
  TrainingType,
  UrbanRural,
} from '../../../shared/domain/person-codes';
import { sexLabels } from '../../../shared/domain/person-codes';
import {
  checkCertificateForStoredId,
  todayInChina,
  validatePerson,
  validatePersonUpdate,
  type PersonFields,
  type PersonUpdateFields,
  type PersonUpdateValidation,
  type PersonValidation,
  type StoredNumbers,
} from '../../../shared/domain/person-validation';
import type { RegionNode } from '../../../shared/domain/regions';

/** What the form holds: text fields as typed, empty selects as ''. */
export interface PersonFormValues {
  idNumber: string;
  certificateNumber: string;
  certificateLegacy: boolean;
  name: string;
  countyCode: string | null;
  hukouOutside: boolean;
  hukouRegionCode: string | null;
  residenceRegionCode: string | null;
  urbanRural: string;
  education: string;
  phone: string;
  employmentStatus: EmploymentStatus;
  employmentForm: string;
  trainingWishes: TrainingType[];
  trainingNeeds: string;
  accommodations: AccommodationNeed[];
  accommodationOther: string;
  remarks: string;
}

/** The fields validatePerson checks, each shown under its own control. */
export const checkedFields = [
  'idNumber',
  'certificateNumber',
  'name',
  'countyCode',
  'hukouRegionCode',
  'residenceRegionCode',
  'phone',
  'employmentForm',
  'accommodationOther',
] as const;

const orNull = (value: string | null | undefined) => (value?.trim() ? value.trim() : null);

export function toPersonFields(values: Partial<PersonFormValues>): PersonFields {
  const accommodations = values.accommodations ?? [];
  const employmentStatus = values.employmentStatus ?? 'unemployed';
  return {
    idNumber: values.idNumber ?? '',
    certificateNumber: orNull(values.certificateNumber),
    certificateLegacy: values.certificateLegacy ?? false,
    name: values.name ?? '',
    countyCode: values.countyCode ?? '',
    hukouRegionCode: (values.hukouRegionCode ?? '').trim(),
    residenceRegionCode: orNull(values.residenceRegionCode),
    urbanRural: (values.urbanRural || null) as UrbanRural | null,
    education: (values.education || null) as EducationLevel | null,
    phone: orNull(values.phone),
    employmentStatus,
    employmentForm: employmentStatus === 'employed' ? ((values.employmentForm || null) as EmploymentForm | null) : null,
    trainingWishes: values.trainingWishes ?? [],
    trainingNeeds: orNull(values.trainingNeeds),
    accommodations,
    accommodationOther: accommodations.includes('other') ? orNull(values.accommodationOther) : null,
    remarks: orNull(values.remarks),
  };
}

export function validationContext(province: RegionNode | undefined) {
  const counties = new Set<string>();
  const known = new Set<string>();
  const visit = (node: RegionNode) => {
    known.add(node.code);
    if (node.level === 'county') counties.add(node.code);
    node.children.forEach(visit);
  };
  if (province) visit(province);
  return { today: todayInChina(), regionExists: (code: string) => known.has(code), isCountyUnit: (code: string) => counties.has(code) };
}

/** The protected numbers: on an edit each keeps its stored value until its “修改” control is opened. */
export const numberFields = ['idNumber', 'certificateNumber', 'phone'] as const;
export type NumberField = (typeof numberFields)[number];

/** Which numbers an edit changes (a number with nothing stored is always open: there is nothing to keep). */
export type ChangingNumbers = Record<NumberField, boolean>;

/** An edit: the stored record as the detail shows it (masked numbers only) and the numbers being changed. */
export interface EditState {
  stored: StoredNumbers;
  changing: ChangingNumbers;
}

/** What the record shows of its numbers, for the shared update rules: masks and derived fields, never a full number. */
export function storedNumbersOf(person: PersonDetail): StoredNumbers {
  return {
    idNumberMasked: person.idNumber.text,
    sex: person.sex,
    birthDate: person.birthDate,
    certificate: person.certificateNumber === null ? 'none' : person.certificateLegacy ? 'legacy' : 'second_generation',
    disabilityCategory: person.disabilityCategory,
    disabilityLevel: person.disabilityLevel,
  };
}

/** At the start of an edit only the numbers with nothing stored are open. */
export function initialChanging(person: PersonDetail): ChangingNumbers {
  return { idNumber: false, certificateNumber: person.certificateNumber === null, phone: person.phone === null };
}

/** The update's fields: a number is sent only while its change is open (with the certificate number goes its flag). */
export function toUpdateFields(values: Partial<PersonFormValues>, changing: ChangingNumbers): PersonUpdateFields {
  const { idNumber, certificateNumber, certificateLegacy, phone, ...record } = toPersonFields(values);
  return {
    ...record,
    ...(changing.idNumber && { idNumber }),
    ...(changing.certificateNumber && { certificateNumber, certificateLegacy }),
    ...(changing.phone && { phone }),
  };
}

/** The shared rules: validatePerson for a new person, validatePersonUpdate (numbers kept unless changed) for an edit. */
export function runValidation(
  values: Partial<PersonFormValues>,
  province: RegionNode | undefined,
  edit?: EditState | null,
): PersonValidation | PersonUpdateValidation {
  const context = validationContext(province);
  return edit
    ? validatePersonUpdate(toUpdateFields(values, edit.changing), edit.stored, context)
    : validatePerson(toPersonFields(values), context);
}

const disabilityWords = (category: DisabilityCategory, level: DisabilityLevel) =>
  `${disabilityCategoryLabels[category]}，${disabilityLevelLabels[level]}`;

/**
 * What the ID and certificate numbers say, for the read-only fields beside them. On an edit a
 * kept ID number gives what is stored, and a new certificate number beside it is checked
 * against what the record shows of that number.
 */
export function derivedFromNumbers(
  idNumber: string | undefined,
  certificateNumber: string | undefined,
  legacy: boolean | undefined,
  edit?: EditState | null,
) {
  const today = todayInChina();
  const keptId = edit && !edit.changing.idNumber ? edit.stored : null;
  const id = !keptId && idNumber ? checkIdNumber(idNumber, { today }) : null;
  const identity = keptId
    ? { sex: sexLabels[keptId.sex], birthDate: keptId.birthDate, converted: false, value: '' }
    : id?.ok
      ? { sex: sexLabels[id.sex], birthDate: id.birthDate, converted: id.converted, value: id.value }
      : null;
  let disability: string | null = null;
  if (edit && !edit.changing.certificateNumber) {
    const { disabilityCategory: category, disabilityLevel: level } = edit.stored;
    if (category && level) disability = disabilityWords(category, level);
  } else if (certificateNumber && !legacy && (keptId || id?.ok)) {
    const certificate = keptId
      ? checkCertificateForStoredId(certificateNumber, keptId, today)
      : checkCertificateNumber(certificateNumber, id?.ok ? id.value : '');
    if (certificate.ok) disability = disabilityWords(certificate.category, certificate.level);
  }
  return { identity, disability };
}

export function emptyValues(countyCode: string | null): PersonFormValues {
  return {
    idNumber: '',
    certificateNumber: '',
    certificateLegacy: false,
    name: '',
    countyCode,
    hukouOutside: false,
    hukouRegionCode: countyCode,
    residenceRegionCode: null,
    urbanRural: '',
    education: '',
    phone: '',
    employmentStatus: 'unemployed',
    employmentForm: '',
    trainingWishes: [],
    trainingNeeds: '',
    accommodations: [],
    accommodationOther: '',
    remarks: '',
  };
}

/**
 * The stored record as the edit form starts: the numbers empty (the form shows their masks, and
 * an input only for a number being changed: no full number is ever loaded to edit).
 */
export function valuesFromPerson(person: PersonDetail, inProvince: (code: string) => boolean): PersonFormValues {
  return {
    idNumber: '',
    certificateNumber: '',
    certificateLegacy: person.certificateLegacy,
    name: person.name,
    countyCode: person.countyCode,
    hukouOutside: !inProvince(person.hukouRegionCode),
    hukouRegionCode: person.hukouRegionCode,
    residenceRegionCode: person.residenceRegionCode,
    urbanRural: person.urbanRural ?? '',
    education: person.education ?? '',
    phone: '',
    employmentStatus: person.employmentStatus,
    employmentForm: person.employmentForm ?? '',
    trainingWishes: person.trainingWishes,
    trainingNeeds: person.trainingNeeds ?? '',
    accommodations: person.accommodations,
    accommodationOther: person.accommodationOther ?? '',
    remarks: person.remarks ?? '',
  };
}
