import { maskCertificateNumber, maskIdNumber } from '../../../shared/domain/masking';
import type { ValidatedPerson } from '../../../shared/domain/person-validation';
import type { NewPerson, PersonRow } from '../../db/tables';
import type { PersonalDataCrypto } from '../../platform/personal-data-crypto';

/** The columns a validated person writes (everything but identity, status and bookkeeping). */
export type PersonColumns = Omit<NewPerson, 'id' | 'status' | 'merged_into' | 'version' | 'created_by' | 'updated_by' | 'created_at' | 'updated_at'>;

/** Seals the numbers and lays a validated person out as columns. */
export function toColumns(person: ValidatedPerson, crypto: PersonalDataCrypto): PersonColumns {
  return {
    county_code: person.countyCode,
    id_number_sealed: crypto.seal(person.idNumber),
    id_number_index: crypto.blindIndex(person.idNumber),
    id_number_masked: maskIdNumber(person.idNumber).text,
    certificate_sealed: person.certificateNumber ? crypto.seal(person.certificateNumber) : null,
    certificate_index: person.certificateNumber ? crypto.blindIndex(person.certificateNumber) : null,
    certificate_masked: person.certificateNumber ? maskCertificateNumber(person.certificateNumber).text : null,
    certificate_legacy: person.certificateLegacy,
    name: person.name,
    sex: person.sex,
    birth_date: person.birthDate,
    disability_category: person.disabilityCategory,
    disability_level: person.disabilityLevel,
    hukou_region_code: person.hukouRegionCode,
    residence_region_code: person.residenceRegionCode,
    urban_rural: person.urbanRural,
    education: person.education,
    phone: person.phone,
    employment_status: person.employmentStatus,
    employment_form: person.employmentForm,
    training_wishes: [...person.trainingWishes].sort(),
    training_needs: person.trainingNeeds,
    accommodations: [...person.accommodations].sort(),
    accommodation_other: person.accommodationOther,
    remarks: person.remarks,
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

/** The camelCase field names (as in the contracts) whose values differ between a row and new columns. */
export function changedFields(current: PersonRow, next: PersonColumns): string[] {
  const changed: string[] = [];
  for (const column of comparedColumns) {
    const before = current[column] ?? null;
    const after = next[column] ?? null;
    const same = Array.isArray(before) && Array.isArray(after) ? [...before].sort().join('|') === [...after].sort().join('|') : before === after;
    if (!same) changed.push(column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()).replace(/^certificateIndex$/, 'certificateNumber'));
  }
  return changed;
}
