import { describe, expect, it } from 'vitest';
import { checkCharacter, checkIdNumber } from './identity-number';
import { maskIdNumber } from './masking';
import {
  CERTIFICATE_MUST_FOLLOW_ID,
  checkCertificateForStoredId,
  LEGACY_FLAG_NEEDS_NUMBER,
  type PersonFields,
  type PersonUpdateFields,
  type StoredNumbers,
  validatePerson,
  validatePersonUpdate,
  type ValidationContext,
} from './person-validation';

function makeId(region: string, birth: string, sequence: string): string {
  const first17 = `${region}${birth}${sequence}`;
  return first17 + checkCharacter(first17);
}

const context: ValidationContext = { today: '2026-11-29', regionExists: () => true, isCountyUnit: (code) => code === '620102' };

const record = {
  name: '张三',
  countyCode: '620102',
  hukouRegionCode: '620102',
  residenceRegionCode: null,
  urbanRural: null,
  education: null,
  employmentStatus: 'unemployed',
  employmentForm: null,
  trainingWishes: [],
  trainingNeeds: null,
  accommodations: [],
  accommodationOther: null,
  remarks: null,
} satisfies Omit<PersonFields, 'idNumber' | 'certificateNumber' | 'certificateLegacy' | 'phone'>;

const storedId = makeId('620102', '19850101', '123'); // male
const storedCertificate = `${storedId}42`;

/** What the browser knows of that record: masks and derived fields, no full number. */
const browserStored: StoredNumbers = {
  idNumberMasked: maskIdNumber(storedId).text,
  sex: 'male',
  birthDate: '1985-01-01',
  certificate: 'second_generation',
  disabilityCategory: '4',
  disabilityLevel: '2',
};
/** And what the server adds: the blind-index comparison, here plain equality. */
const serverStored: StoredNumbers = { ...browserStored, isStoredIdNumber: (value) => value === storedId };

describe('validatePersonUpdate: numbers left out keep what is stored', () => {
  it('keeps sex, birth date, category and level, and answers no numbers, when all three are left out', () => {
    const result = validatePersonUpdate({ ...record, education: 'senior' }, browserStored, context);
    expect(result).toMatchObject({
      ok: true,
      value: { sex: 'male', birthDate: '1985-01-01', disabilityCategory: '4', disabilityLevel: '2', education: 'senior' },
    });
    if (!result.ok) return;
    expect(result.value).not.toHaveProperty('idNumber');
    expect(result.value).not.toHaveProperty('certificateNumber');
    expect(result.value).not.toHaveProperty('phone');
  });

  it('checks a changed phone, and takes null as removing it', () => {
    expect(validatePersonUpdate({ ...record, phone: '12345' }, browserStored, context)).toEqual({
      ok: false,
      issues: [{ field: 'phone', label: '手机号', message: '电话号码格式不正确：手机号为 11 位，固定电话须带区号' }],
    });
    expect(validatePersonUpdate({ ...record, phone: '＋86 139 1234 5678' }, browserStored, context)).toMatchObject({
      ok: true,
      value: { phone: '13912345678' },
    });
    expect(validatePersonUpdate({ ...record, phone: null }, browserStored, context)).toMatchObject({ ok: true, value: { phone: null } });
  });

  it('asks for the certificate number to change with the ID number, naming the field', () => {
    const corrected = makeId('620102', '19850111', '123');
    const result = validatePersonUpdate({ ...record, idNumber: corrected }, browserStored, context);
    expect(result).toEqual({
      ok: false,
      issues: [{ field: 'certificateNumber', label: '残疾人证号', message: CERTIFICATE_MUST_FOLLOW_ID }],
    });
    // removed, or replaced by the one that goes with the new ID number: accepted, and derived anew
    expect(validatePersonUpdate({ ...record, idNumber: corrected, certificateNumber: null }, browserStored, context)).toMatchObject({
      ok: true,
      value: { idNumber: corrected, certificateNumber: null, disabilityCategory: null, birthDate: '1985-01-11' },
    });
    expect(
      validatePersonUpdate({ ...record, idNumber: corrected, certificateNumber: `${corrected}71` }, browserStored, context),
    ).toMatchObject({ ok: true, value: { certificateNumber: `${corrected}71`, disabilityCategory: '7', disabilityLevel: '1' } });
    // a first-generation number has nothing to do with the ID number
    expect(validatePersonUpdate({ ...record, idNumber: corrected }, { ...browserStored, certificate: 'legacy' }, context).ok).toBe(true);
  });

  it('refuses the first-generation flag without the number, unless it says what is stored', () => {
    expect(validatePersonUpdate({ ...record, certificateLegacy: true }, browserStored, context)).toEqual({
      ok: false,
      issues: [{ field: 'certificateLegacy', label: '第一代地方证号标记', message: LEGACY_FLAG_NEEDS_NUMBER }],
    });
    expect(validatePersonUpdate({ ...record, certificateLegacy: false }, browserStored, context).ok).toBe(true);
  });

  it('holds a new certificate number to what the browser knows of the kept ID number, and to the ID number itself on the server', () => {
    const today = context.today;
    expect(checkCertificateForStoredId(`${storedId}13`, browserStored, today)).toMatchObject({ ok: true, category: '1', level: '3' });
    expect(checkCertificateForStoredId(`${storedId}13`, serverStored, today)).toMatchObject({ ok: true });
    // another birth date: the browser sees it
    const otherBirth = makeId('620102', '19850102', '123');
    expect(checkCertificateForStoredId(`${otherBirth}13`, browserStored, today)).toEqual({
      ok: false,
      message: '残疾人证号前 18 位须与身份证号一致',
    });
    // same birth date, sex and mask, another county in the middle: only the server can tell
    const lookalike = makeId('620103', '19850101', '123');
    if (maskIdNumber(lookalike).text === browserStored.idNumberMasked) {
      expect(checkCertificateForStoredId(`${lookalike}13`, browserStored, today).ok).toBe(true);
    }
    expect(checkCertificateForStoredId(`${lookalike}13`, serverStored, today)).toEqual({
      ok: false,
      message: '残疾人证号前 18 位须与身份证号一致',
    });
    expect(checkCertificateForStoredId(`${storedId}1`, serverStored, today)).toEqual({
      ok: false,
      message: '残疾人证号应为 20 位（身份证号 + 残疾类别 + 残疾等级），当前为 19 位',
    });
    expect(checkCertificateForStoredId(`${storedId}83`, serverStored, today)).toEqual({
      ok: false,
      message: '残疾人证号第 19 位（残疾类别）须为 1–7',
    });
  });

  it('on the server, gives what validatePerson gives the whole record with the left-out numbers filled in as stored', () => {
    const otherId = makeId('620102', '19900505', '246');
    const badId = `${storedId.slice(0, 17)}${storedId[17] === '1' ? '2' : '1'}`;
    const ids = [undefined, storedId, storedId.toLowerCase(), otherId, badId, ''];
    const certificates = [undefined, null, '', storedCertificate, `${storedId}75`, `${storedId}91`, `${otherId}33`, `${otherId}3`];
    const legacies = [undefined, false, true];
    const phones = [undefined, null, '13800001111', '12345'];
    // every combination (576): small enough to try them all
    for (const idNumber of ids)
      for (const certificateNumber of certificates)
        for (const certificateLegacy of legacies)
          for (const phone of phones) {
            const what = JSON.stringify({ idNumber, certificateNumber, certificateLegacy, phone });
            const update: PersonUpdateFields = { ...record, idNumber, certificateNumber, certificateLegacy, phone };
            const whole: PersonFields = {
              ...record,
              idNumber: idNumber ?? storedId,
              certificateNumber: certificateNumber === undefined ? storedCertificate : certificateNumber,
              certificateLegacy: certificateNumber === undefined ? false : (certificateLegacy ?? false),
              phone: phone === undefined ? '13700002222' : phone,
            };
            const partial = validatePersonUpdate(update, serverStored, context);
            const full = validatePerson(whole, context);
            const messages = (result: typeof partial | typeof full) => (result.ok ? [] : result.issues.map((i) => i.message));
            const newId = idNumber === undefined ? null : checkIdNumber(idNumber, { today: context.today });
            const idChanged = newId?.ok === true && newId.value !== storedId;

            if (certificateNumber === undefined && certificateLegacy === true) {
              expect(messages(partial), what).toContain(LEGACY_FLAG_NEEDS_NUMBER);
              continue;
            }
            if (certificateNumber === undefined && idChanged) {
              // validatePerson says the stored certificate no longer matches; the update says why
              expect(messages(full), what).toContain('残疾人证号前 18 位须与身份证号一致');
              expect(messages(partial), what).toContain(CERTIFICATE_MUST_FOLLOW_ID);
              continue;
            }
            expect(partial.ok ? 'ok' : partial.issues, what).toEqual(full.ok ? 'ok' : full.issues);
            if (!partial.ok || !full.ok) continue;
            expect(partial.value, what).toMatchObject({
              sex: full.value.sex,
              birthDate: full.value.birthDate,
              disabilityCategory: full.value.disabilityCategory,
              disabilityLevel: full.value.disabilityLevel,
            });
            // only what changes is answered: the stored ID number typed again counts as kept
            if (idChanged) expect(partial.value.idNumber, what).toBe(full.value.idNumber);
            else expect(partial.value, what).not.toHaveProperty('idNumber');
            if (certificateNumber !== undefined) expect(partial.value.certificateNumber, what).toBe(full.value.certificateNumber);
            if (phone !== undefined) expect(partial.value.phone, what).toBe(full.value.phone);
          }
  });
});
