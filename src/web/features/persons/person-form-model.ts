import type { PersonDetail } from '../../../shared/contracts/persons-contracts';
import { disabilityCategoryLabels, disabilityLevelLabels, checkCertificateNumber } from '../../../shared/domain/disability';
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
import { todayInChina, validatePerson, type PersonFields, type PersonValidation } from '../../../shared/domain/person-validation';
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

export function runValidation(values: Partial<PersonFormValues>, province: RegionNode | undefined): PersonValidation {
  return validatePerson(toPersonFields(values), validationContext(province));
}

/** What the ID and certificate numbers say, for the read-only fields beside them. */
export function derivedFromNumbers(idNumber: string | undefined, certificateNumber: string | undefined, legacy: boolean | undefined) {
  const id = idNumber ? checkIdNumber(idNumber, { today: todayInChina() }) : null;
  const identity = id?.ok ? { sex: sexLabels[id.sex], birthDate: id.birthDate, converted: id.converted, value: id.value } : null;
  let disability: string | null = null;
  if (id?.ok && certificateNumber && !legacy) {
    const certificate = checkCertificateNumber(certificateNumber, id.value);
    if (certificate.ok) disability = `${disabilityCategoryLabels[certificate.category]}，${disabilityLevelLabels[certificate.level]}`;
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

/** Full numbers come from an audited unmask; everything else from the stored record. */
export function valuesFromPerson(
  person: PersonDetail,
  numbers: { idNumber: string; certificateNumber: string | null; phone: string | null },
  inProvince: (code: string) => boolean,
): PersonFormValues {
  return {
    idNumber: numbers.idNumber,
    certificateNumber: numbers.certificateNumber ?? '',
    certificateLegacy: person.certificateLegacy,
    name: person.name,
    countyCode: person.countyCode,
    hukouOutside: !inProvince(person.hukouRegionCode),
    hukouRegionCode: person.hukouRegionCode,
    residenceRegionCode: person.residenceRegionCode,
    urbanRural: person.urbanRural ?? '',
    education: person.education ?? '',
    phone: numbers.phone ?? '',
    employmentStatus: person.employmentStatus,
    employmentForm: person.employmentForm ?? '',
    trainingWishes: person.trainingWishes,
    trainingNeeds: person.trainingNeeds ?? '',
    accommodations: person.accommodations,
    accommodationOther: person.accommodationOther ?? '',
    remarks: person.remarks ?? '',
  };
}
