import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskCertificateNumber, maskIdNumber, maskPhone, spokenForMasked } from '../../../shared/domain/masking';
import { ageOn, isWorkingAge } from '../../../shared/domain/person-validation';
import { birthDateFilter, latestBirthDateForAge } from './person-record';

/** Any calendar day between 1900 and 2100, leap days included. */
const day = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const leapDay = fc.integer({ min: 1904, max: 2096 }).map((y) => `${y - (y % 4)}-02-29`);
const anyDay = fc.oneof(day, leapDay);

describe('age rules as birth-date ranges', () => {
  it('age ≥ n exactly when the birth date is on or before latestBirthDateForAge(today, n)', () => {
    fc.assert(
      fc.property(anyDay, anyDay, fc.integer({ min: 0, max: 120 }), (birth, today, n) => {
        expect(ageOn(birth, today) >= n).toBe(birth <= latestBirthDateForAge(today, n));
      }),
      { numRuns: 5000 },
    );
  });

  it('gives 28 February in a common year for a 29 February today', () => {
    expect(latestBirthDateForAge('2024-02-29', 16)).toBe('2008-02-29');
    expect(latestBirthDateForAge('2024-02-29', 17)).toBe('2007-02-28');
    expect(latestBirthDateForAge('2026-11-29', 60)).toBe('1966-11-29');
  });

  it('turns age bands and the working-age flag into ranges that agree with ageOn and isWorkingAge', () => {
    const bounds = { min: 16, maxMale: 59, maxFemale: 54 };
    fc.assert(
      fc.property(
        anyDay,
        anyDay,
        fc.constantFrom('male' as const, 'female' as const),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        fc.boolean(),
        (birth, today, sex, a, b, working) => {
          const [ageMin, ageMax] = a <= b ? [a, b] : [b, a];
          const f = birthDateFilter({ ageMin, ageMax, workingAge: working }, today, bounds);
          const age = ageOn(birth, today);
          const inBand = birth <= f.bornOnOrBefore! && birth > f.bornAfter!;
          expect(inBand).toBe(age >= ageMin && age <= ageMax);
          const w = f.workingAge!;
          const inWorkingAge = birth <= w.bornOnOrBefore && birth > (sex === 'male' ? w.maleBornAfter : w.femaleBornAfter);
          expect(inWorkingAge).toBe(isWorkingAge(sex, birth, today, bounds));
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe('spoken forms of stored masks', () => {
  it('are the words the mask functions gave, for ID numbers, certificates and phones of any length', () => {
    const text = fc.string({ unit: fc.constantFrom(...'0123456789X'), minLength: 0, maxLength: 24 });
    fc.assert(
      fc.property(text, (value) => {
        expect(spokenForMasked('idNumber', maskIdNumber(value).text)).toBe(maskIdNumber(value).spoken);
        expect(spokenForMasked('certificateNumber', maskCertificateNumber(value).text)).toBe(maskCertificateNumber(value).spoken);
        expect(spokenForMasked('phone', maskPhone(value).text)).toBe(maskPhone(value).spoken);
      }),
      { numRuns: 2000 },
    );
  });
});
