import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ClassTrainingType, classTrainingTypes } from './class-codes';
import {
  checkEnrolment,
  datesOverlap,
  type EnrolmentFacts,
  enrollingClassStatuses,
  maxAgeFor,
  NOT_FOUND_MESSAGE,
  rosterConflictCodes,
} from './class-enrolment';
import { classStatuses, liveClassStatuses } from './class-status';
import { addDays } from './trainer-rotation';

const bounds = { min: 16, maxMale: 59, maxFemale: 54 };

function facts(overrides: Partial<EnrolmentFacts> & { cls?: Partial<EnrolmentFacts['class']> } = {}): EnrolmentFacts {
  const { cls, ...rest } = overrides;
  return {
    class: {
      trainingType: 'employment_skills',
      status: 'approved',
      startsOn: '2026-09-01',
      endsOn: '2026-09-20',
      plannedSize: 20,
      enrolledCount: 3,
      targetCategories: ['2', '3', '4'],
      ...cls,
    },
    participant: { kind: 'person', person: { status: 'active', sex: 'male', birthDate: '1990-05-01', disabilityCategory: '4' } },
    alreadyOnRoster: false,
    otherClasses: [],
    workingAge: bounds,
    ...rest,
  };
}

const codes = (f: EnrolmentFacts) => checkEnrolment(f).map((r) => r.code);
const person = (birthDate: string, sex: 'male' | 'female' = 'male', category: '1' | '4' | null = '4') => ({
  kind: 'person' as const,
  person: { status: 'active' as const, sex, birthDate, disabilityCategory: category },
});

describe('checkEnrolment', () => {
  it('lets a suitable person on', () => {
    expect(checkEnrolment(facts())).toEqual([]);
  });

  it('keeps external participants to type 5 and persons out of it', () => {
    expect(codes(facts({ participant: { kind: 'external' } }))).toEqual(['participant_kind']);
    expect(codes(facts({ cls: { trainingType: 'employer_staff' } }))).toEqual(['participant_kind']);
    expect(codes(facts({ cls: { trainingType: 'employer_staff' }, participant: { kind: 'external' } }))).toEqual([]);
  });

  it('answers an unknown person with words that do not say which number was wrong', () => {
    const reasons = checkEnrolment(facts({ participant: { kind: 'person', person: null } }));
    expect(reasons).toEqual([{ code: 'not_registered', field: 'idNumber', message: NOT_FOUND_MESSAGE }]);
  });

  it('refuses a merged record', () => {
    expect(
      codes(
        facts({
          participant: { kind: 'person', person: { status: 'merged', sex: 'male', birthDate: '1990-01-01', disabilityCategory: '4' } },
        }),
      ),
    ).toEqual(['merged']);
  });

  it('checks the category against the programme; an empty list takes every category', () => {
    const visual = person('1990-05-01', 'male', '1');
    expect(checkEnrolment(facts({ participant: visual }))[0]?.message).toMatch(/视力/);
    expect(codes(facts({ participant: person('1990-05-01', 'male', null) }))).toEqual(['category']);
    expect(codes(facts({ participant: visual, cls: { targetCategories: [] } }))).toEqual([]);
  });

  it('measures age on the start date', () => {
    // 16 on 2026-09-01 exactly, a day younger is 15
    expect(codes(facts({ participant: person('2010-09-01') }))).toEqual([]);
    expect(codes(facts({ participant: person('2010-09-02') }))).toEqual(['too_young']);
    // men to 59, women to 54
    expect(codes(facts({ participant: person('1966-09-02') }))).toEqual([]);
    expect(codes(facts({ participant: person('1966-09-01') }))).toEqual(['too_old']);
    expect(codes(facts({ participant: person('1971-09-02', 'female') }))).toEqual([]);
    expect(codes(facts({ participant: person('1971-09-01', 'female') }))).toEqual(['too_old']);
  });

  it('has no upper age for rural practical and high-skill training, but the lower bound holds', () => {
    for (const trainingType of ['rural_practical', 'high_skill'] as const) {
      expect(codes(facts({ cls: { trainingType }, participant: person('1940-01-01') }))).toEqual([]);
      expect(codes(facts({ cls: { trainingType }, participant: person('2012-01-01') }))).toEqual(['too_young']);
    }
  });

  it('names the overlapping class, and ignores cancelled or draft classes and classes on other dates', () => {
    const other = {
      classNo: 'PX-620102-2026-00007',
      name: '面点班',
      status: 'running' as const,
      startsOn: '2026-09-20',
      endsOn: '2026-10-10',
    };
    const reasons = checkEnrolment(facts({ otherClasses: [other] }));
    expect(reasons.map((r) => r.code)).toEqual(['overlap']);
    expect(reasons[0]!.message).toContain('面点班');
    expect(reasons[0]!.message).toContain('PX-620102-2026-00007');
    expect(codes(facts({ otherClasses: [{ ...other, status: 'cancelled' }] }))).toEqual([]);
    expect(codes(facts({ otherClasses: [{ ...other, status: 'draft' }] }))).toEqual([]);
    expect(codes(facts({ otherClasses: [{ ...other, startsOn: '2026-09-21' }] }))).toEqual([]);
  });

  it('refuses a full class, a line already on the roster and a class past enrolment', () => {
    expect(codes(facts({ cls: { enrolledCount: 20 } }))).toEqual(['full']);
    expect(codes(facts({ alreadyOnRoster: true }))).toEqual(['already_on_roster']);
    expect(codes(facts({ cls: { status: 'completion_submitted' } }))).toEqual(['not_open']);
    expect(codes(facts({ cls: { status: 'cancelled' } }))).toEqual(['not_open']);
  });

  it('answers every reason that applies at once', () => {
    const f = facts({
      cls: { trainingType: 'employer_staff', enrolledCount: 20, status: 'closed' },
      participant: person('2015-01-01', 'female', '1'),
      alreadyOnRoster: true,
    });
    expect(codes(f)).toEqual(['participant_kind', 'category', 'too_young', 'already_on_roster', 'full', 'not_open']);
    expect(rosterConflictCodes).toEqual(['already_on_roster', 'overlap', 'full', 'not_open']);
  });

  it('agrees with the bounds for any birth date, type and sex (property)', () => {
    const day = fc.integer({ min: 0, max: 365 * 90 }).map((n) => addDays('1930-01-01', n));
    fc.assert(
      fc.property(day, fc.constantFrom(...classTrainingTypes), fc.constantFrom('male' as const, 'female' as const), (birth, type, sex) => {
        const f = facts({
          cls: { trainingType: type as ClassTrainingType, startsOn: '2026-09-01', endsOn: '2026-09-20', targetCategories: [] },
          participant: type === 'employer_staff' ? { kind: 'external' } : person(birth, sex),
        });
        const got = codes(f);
        if (type === 'employer_staff') {
          expect(got).toEqual([]);
          return;
        }
        const age = Number('2026') - Number(birth.slice(0, 4)) - (birth.slice(5) > '09-01' ? 1 : 0);
        const max = maxAgeFor(type, sex, bounds);
        expect(got.includes('too_young')).toBe(age < bounds.min);
        expect(got.includes('too_old')).toBe(max !== null && age > max);
      }),
    );
  });

  it('counts overlap symmetrically and only for live statuses (property)', () => {
    const day = fc.integer({ min: 0, max: 200 }).map((n) => addDays('2026-01-01', n));
    const range = fc.tuple(day, fc.integer({ min: 0, max: 60 })).map(([s, len]) => ({ startsOn: s, endsOn: addDays(s, len) }));
    fc.assert(
      fc.property(range, range, fc.constantFrom(...classStatuses), (a, b, status) => {
        expect(datesOverlap(a, b)).toBe(datesOverlap(b, a));
        const f = facts({ cls: { ...a }, otherClasses: [{ classNo: 'X', name: 'Y', status, ...b }] });
        expect(codes(f).includes('overlap')).toBe(liveClassStatuses.includes(status) && datesOverlap(a, b));
      }),
    );
  });

  it('takes enrolments only in the enrolling statuses (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...classStatuses), (status) => {
        expect(codes(facts({ cls: { status } })).includes('not_open')).toBe(!enrollingClassStatuses.includes(status));
      }),
    );
  });
});
