import type { PersonDetail, PersonSummary } from '../../../shared/contracts/persons-contracts';
import { maskCertificateNumber, maskIdNumber, type MaskedValue, maskPhone, spokenForMasked } from '../../../shared/domain/masking';
import type { AccommodationNeed, TrainingType } from '../../../shared/domain/person-codes';
import {
  ageOn,
  isWorkingAge,
  type ValidatedPerson,
  type ValidatedUpdate,
  type WorkingAgeBounds,
} from '../../../shared/domain/person-validation';
import type { Selectable } from 'kysely';
import type { NewPerson, PersonChangeTable, PersonConsentTable, PersonEmploymentTable, PersonRow } from '../../db/tables';
import type { PersonalDataCrypto } from '../../platform/personal-data-crypto';

/** The columns a validated person writes (everything but identity, status and bookkeeping). */
export type PersonColumns = Omit<
  NewPerson,
  'id' | 'status' | 'merged_into' | 'version' | 'created_by' | 'updated_by' | 'created_at' | 'updated_at'
>;

/** The sealed ID number, its blind index and its mask. */
function idNumberColumns(idNumber: string, crypto: PersonalDataCrypto) {
  return {
    id_number_sealed: crypto.seal(idNumber),
    id_number_index: crypto.blindIndex(idNumber),
    id_number_masked: maskIdNumber(idNumber).text,
  };
}

/** The sealed certificate number, its blind index and its mask (all null when there is none). */
function certificateColumns(certificateNumber: string | null, crypto: PersonalDataCrypto) {
  return {
    certificate_sealed: certificateNumber ? crypto.seal(certificateNumber) : null,
    certificate_index: certificateNumber ? crypto.blindIndex(certificateNumber) : null,
    certificate_masked: certificateNumber ? maskCertificateNumber(certificateNumber).text : null,
  };
}

/** The columns of the fields that are not numbers. */
function recordColumns(person: Omit<ValidatedUpdate, 'idNumber' | 'certificateNumber' | 'certificateLegacy' | 'phone'>) {
  return {
    county_code: person.countyCode,
    name: person.name,
    hukou_region_code: person.hukouRegionCode,
    residence_region_code: person.residenceRegionCode,
    urban_rural: person.urbanRural,
    education: person.education,
    employment_status: person.employmentStatus,
    employment_form: person.employmentForm,
    training_wishes: [...person.trainingWishes].sort(),
    training_needs: person.trainingNeeds,
    accommodations: [...person.accommodations].sort(),
    accommodation_other: person.accommodationOther,
    remarks: person.remarks,
  } satisfies Partial<PersonColumns>;
}

/** Seals the numbers and lays a validated person out as columns. */
export function toColumns(person: ValidatedPerson, crypto: PersonalDataCrypto): PersonColumns {
  return {
    ...recordColumns(person),
    ...idNumberColumns(person.idNumber, crypto),
    ...certificateColumns(person.certificateNumber, crypto),
    certificate_legacy: person.certificateLegacy,
    sex: person.sex,
    birth_date: person.birthDate,
    disability_category: person.disabilityCategory,
    disability_level: person.disabilityLevel,
    phone: person.phone,
  };
}

/**
 * The columns an update writes. A number the update keeps writes nothing: its sealed value,
 * blind index and mask stay as stored, and so do what it derived (sex and birth date from the ID
 * number, category and level from the certificate number).
 */
export function toUpdateColumns(person: ValidatedUpdate, crypto: PersonalDataCrypto): Partial<PersonColumns> {
  return {
    ...recordColumns(person),
    ...(person.idNumber !== undefined && {
      ...idNumberColumns(person.idNumber, crypto),
      sex: person.sex,
      birth_date: person.birthDate,
    }),
    ...(person.certificateNumber !== undefined && {
      ...certificateColumns(person.certificateNumber, crypto),
      certificate_legacy: person.certificateLegacy ?? false,
      disability_category: person.disabilityCategory,
      disability_level: person.disabilityLevel,
    }),
    ...(person.phone !== undefined && { phone: person.phone }),
  };
}

/** Columns compared to decide whether an update changes anything; the sealed values differ every time, so their indexes stand in. */
const comparedColumns = [
  'county_code',
  'certificate_index',
  'certificate_legacy',
  'name',
  'disability_category',
  'disability_level',
  'hukou_region_code',
  'residence_region_code',
  'urban_rural',
  'education',
  'phone',
  'employment_status',
  'employment_form',
  'training_wishes',
  'training_needs',
  'accommodations',
  'accommodation_other',
  'remarks',
] as const satisfies readonly (keyof PersonColumns & keyof PersonRow)[];

/**
 * The camelCase field names (as in the contracts) whose values differ between a row and new
 * columns; a column the new ones leave out (a number an update keeps) has not changed.
 */
export function changedFields(current: PersonRow, next: Partial<PersonColumns>): string[] {
  const changed: string[] = [];
  for (const column of comparedColumns) {
    if (!(column in next)) continue;
    const before = current[column] ?? null;
    const after = next[column] ?? null;
    const same =
      Array.isArray(before) && Array.isArray(after) ? [...before].sort().join('|') === [...after].sort().join('|') : before === after;
    if (!same)
      changed.push(column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()).replace(/^certificateIndex$/, 'certificateNumber'));
  }
  return changed;
}

// ---------------------------------------------------------------------------------------------
// reading: rows → the contract's masked views, and age rules → birth-date ranges

/** The columns a list row needs: never the sealed numbers, only their stored masks. */
export const summaryColumns = [
  'p.id',
  'p.name',
  'p.sex',
  'p.birth_date',
  'p.id_number_masked',
  'p.certificate_masked',
  'p.disability_category',
  'p.disability_level',
  'p.county_code',
  'p.employment_status',
  'p.training_wishes',
  'p.accommodations',
  'p.status',
  'p.updated_at',
] as const;

export type PersonSummaryRow = Pick<
  PersonRow,
  | 'id'
  | 'name'
  | 'sex'
  | 'birth_date'
  | 'id_number_masked'
  | 'certificate_masked'
  | 'disability_category'
  | 'disability_level'
  | 'county_code'
  | 'employment_status'
  | 'training_wishes'
  | 'accommodations'
  | 'status'
  | 'updated_at'
>;

/** What turning rows into views needs: the day (China time), the working-age bounds, region names. */
export interface PersonView {
  today: string;
  workingAge: WorkingAgeBounds;
  regionName: (code: string) => string;
}

export function maskedIdNumber(masked: string): MaskedValue {
  return { text: masked, spoken: spokenForMasked('idNumber', masked) };
}

export function maskedCertificate(masked: string | null): MaskedValue | null {
  return masked === null ? null : { text: masked, spoken: spokenForMasked('certificateNumber', masked) };
}

export function toSummary(row: PersonSummaryRow, view: PersonView): PersonSummary {
  return {
    id: row.id,
    name: row.name,
    sex: row.sex,
    birthDate: row.birth_date,
    age: ageOn(row.birth_date, view.today),
    workingAge: isWorkingAge(row.sex, row.birth_date, view.today, view.workingAge),
    idNumber: maskedIdNumber(row.id_number_masked),
    certificateNumber: maskedCertificate(row.certificate_masked),
    disabilityCategory: row.disability_category,
    disabilityLevel: row.disability_level,
    countyCode: row.county_code,
    countyName: view.regionName(row.county_code),
    employmentStatus: row.employment_status,
    trainingWishes: row.training_wishes as TrainingType[],
    accommodations: row.accommodations as AccommodationNeed[],
    status: row.status,
    updatedAt: row.updated_at.toISOString(),
  };
}

type PersonConsentRow = Selectable<PersonConsentTable>;
type PersonEmploymentRow = Selectable<PersonEmploymentTable>;
type PersonChangeRow = Selectable<PersonChangeTable>;

export interface PersonHistory {
  consents: Pick<PersonConsentRow, 'id' | 'purpose' | 'scope' | 'given_on' | 'withdrawn_on'>[];
  employment: Pick<PersonEmploymentRow, 'id' | 'employment_status' | 'employment_form' | 'employer_name' | 'started_on' | 'recorded_at'>[];
  changes: Pick<PersonChangeRow, 'kind' | 'fields' | 'actor_name' | 'source' | 'changed_at'>[];
}

export function toDetail(row: PersonRow, history: PersonHistory, view: PersonView): PersonDetail {
  return {
    ...toSummary(row, view),
    certificateLegacy: row.certificate_legacy,
    hukouRegionCode: row.hukou_region_code,
    residenceRegionCode: row.residence_region_code,
    urbanRural: row.urban_rural,
    education: row.education,
    phone: row.phone === null ? null : maskPhone(row.phone),
    employmentForm: row.employment_form,
    trainingNeeds: row.training_needs,
    accommodationOther: row.accommodation_other,
    remarks: row.remarks,
    mergedInto: row.merged_into,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    consents: history.consents.map((c) => ({
      id: c.id,
      purpose: c.purpose,
      scope: c.scope,
      givenOn: c.given_on,
      withdrawnOn: c.withdrawn_on,
    })),
    employmentHistory: history.employment.map((e) => ({
      id: e.id,
      employmentStatus: e.employment_status,
      employmentForm: e.employment_form,
      employerName: e.employer_name,
      startedOn: e.started_on,
      recordedAt: e.recorded_at.toISOString(),
    })),
    changes: history.changes.map((c) => ({
      kind: c.kind,
      fields: c.fields,
      actorName: c.actor_name,
      source: c.source,
      changedAt: c.changed_at.toISOString(),
    })),
  };
}

/**
 * The latest birth date of someone who is at least `age` on `today` ('YYYY-MM-DD'), with the
 * same whole-year rule as `ageOn`: age ≥ n ⇔ birth_date ≤ latestBirthDateForAge(today, n).
 * On 29 February of a leap year the bound in a common year is 28 February (nobody is born on
 * the 29th there).
 */
export function latestBirthDateForAge(today: string, age: number): string {
  const year = String(Number(today.slice(0, 4)) - age).padStart(4, '0');
  const monthDay = today.slice(5);
  if (monthDay === '02-29') {
    const y = Number(year);
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    if (!leap) return `${year}-02-28`;
  }
  return `${year}-${monthDay}`;
}

/** Birth-date conditions a list filter turns into (ranges on an indexed date, no per-row age). */
export interface BirthDateFilter {
  /** birth_date ≤ this */
  bornOnOrBefore?: string;
  /** birth_date > this */
  bornAfter?: string;
  /** working age, by sex: latest birth for the minimum age, and for each sex the bound past the maximum */
  workingAge?: { value: boolean; bornOnOrBefore: string; maleBornAfter: string; femaleBornAfter: string };
}

export function birthDateFilter(
  input: { ageMin?: number | undefined; ageMax?: number | undefined; workingAge?: boolean | undefined },
  today: string,
  bounds: WorkingAgeBounds,
): BirthDateFilter {
  const filter: BirthDateFilter = {};
  if (input.ageMin !== undefined) filter.bornOnOrBefore = latestBirthDateForAge(today, input.ageMin);
  if (input.ageMax !== undefined) filter.bornAfter = latestBirthDateForAge(today, input.ageMax + 1);
  if (input.workingAge !== undefined) {
    filter.workingAge = {
      value: input.workingAge,
      bornOnOrBefore: latestBirthDateForAge(today, bounds.min),
      maleBornAfter: latestBirthDateForAge(today, bounds.maxMale + 1),
      femaleBornAfter: latestBirthDateForAge(today, bounds.maxFemale + 1),
    };
  }
  return filter;
}
