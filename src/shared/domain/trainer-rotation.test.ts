import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addYears,
  daysBetween,
  dueDateRange,
  isCalendarDate,
  mayTeach,
  type RotationFact,
  rotationCycles,
  rotationStatus,
} from './trainer-rotation';

const passed = (completedOn: string): RotationFact => ({ completedOn, result: 'passed', voided: false });
const active = (joinedOn: string) => ({ joinedOn, leftOn: null });

describe('addYears', () => {
  it('keeps the day of the month', () => {
    expect(addYears('2021-03-15', 5)).toBe('2026-03-15');
    expect(addYears('2021-12-31', 5)).toBe('2026-12-31');
  });

  it('turns 29 February into 28 February five years on (never 1 March)', () => {
    expect(addYears('2020-02-29', 5)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 5)).toBe('2029-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2096-02-29', 5)).toBe('2101-02-28');
  });

  it('relies on this: a year five after a leap year is never a leap year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2400 }), (year) => {
        const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
        if (leap(year)) expect(leap(year + 5)).toBe(false);
      }),
    );
  });
});

const dateArb = fc
  .date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2090, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('date helpers (properties)', () => {
  it('addYears always answers a calendar date in the same month, never earlier than 3 days before the same day', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 10 }), (date, years) => {
        const later = addYears(date, years);
        expect(isCalendarDate(later)).toBe(true);
        expect(later.slice(5, 7)).toBe(date.slice(5, 7));
        expect(Number(later.slice(0, 4))).toBe(Number(date.slice(0, 4)) + years);
        expect(Number(date.slice(8)) - Number(later.slice(8))).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('addDays and daysBetween are inverse', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -4000, max: 4000 }), (date, days) => {
        expect(daysBetween(date, addDays(date, days))).toBe(days);
      }),
    );
  });
});

describe('rotationStatus around the five-year boundary', () => {
  const joined = active('2021-03-15');

  it('counts from joining when there is no rotation', () => {
    expect(rotationStatus(joined, [], '2021-03-15')).toMatchObject({ state: 'ok', cycleStart: '2021-03-15', dueDate: '2026-03-15' });
  });

  it('is due soon (not overdue) the day before and on the due date, and overdue the day after', () => {
    expect(rotationStatus(joined, [], '2026-03-14')).toMatchObject({ state: 'due_soon', daysUntilDue: 1 });
    expect(rotationStatus(joined, [], '2026-03-15')).toMatchObject({ state: 'due_soon', daysUntilDue: 0 });
    expect(rotationStatus(joined, [], '2026-03-16')).toMatchObject({ state: 'overdue', daysUntilDue: -1 });
  });

  it('turns due soon exactly dueSoonDays before the due date', () => {
    expect(rotationStatus(joined, [], addDays('2026-03-15', -31), 30).state).toBe('ok');
    expect(rotationStatus(joined, [], addDays('2026-03-15', -30), 30).state).toBe('due_soon');
    expect(rotationStatus(joined, [], addDays('2026-03-15', -30), 0).state).toBe('ok');
    expect(rotationStatus(joined, [], '2026-03-15', 0).state).toBe('due_soon');
  });

  it('starts a new cycle at the completion of a passed rotation', () => {
    const status = rotationStatus(joined, [passed('2024-06-01')], '2026-03-16');
    expect(status).toMatchObject({ state: 'ok', cycleStart: '2024-06-01', dueDate: '2029-06-01', lastRotationOn: '2024-06-01' });
  });

  it('lets a rotation completed on the due date itself keep the trainer in cycle', () => {
    const onDue = [passed('2026-03-15')];
    expect(rotationStatus(joined, onDue, '2026-03-16')).toMatchObject({ state: 'ok', dueDate: '2031-03-15' });
  });

  it('ignores failed, voided and not yet completed rotations', () => {
    const rotations: RotationFact[] = [
      { completedOn: '2024-01-10', result: 'failed', voided: false },
      { completedOn: '2024-02-10', result: 'passed', voided: true },
      passed('2026-04-01'),
    ];
    expect(rotationStatus(joined, rotations, '2026-03-16')).toMatchObject({
      state: 'overdue',
      dueDate: '2026-03-15',
      lastRotationOn: null,
    });
    expect(rotationStatus(joined, rotations, '2026-04-01')).toMatchObject({ state: 'ok', dueDate: '2031-04-01' });
  });

  it('does not let a rotation before joining shorten the first cycle', () => {
    expect(rotationStatus(joined, [passed('2019-05-05')], '2022-01-01')).toMatchObject({ cycleStart: '2021-03-15', dueDate: '2026-03-15' });
  });

  it('handles a leap-day start: due on 28 February, overdue on 1 March', () => {
    const leap = active('2024-02-29');
    expect(rotationStatus(leap, [], '2029-02-27')).toMatchObject({ state: 'due_soon', dueDate: '2029-02-28', daysUntilDue: 1 });
    expect(rotationStatus(leap, [], '2029-02-28')).toMatchObject({ state: 'due_soon', daysUntilDue: 0 });
    expect(rotationStatus(leap, [], '2029-03-01')).toMatchObject({ state: 'overdue', daysUntilDue: -1 });
    // a rotation on a leap day moves the next due date to 28 February too
    expect(rotationStatus(active('2019-01-01'), [passed('2020-02-29')], '2025-02-28')).toMatchObject({
      state: 'due_soon',
      dueDate: '2025-02-28',
    });
    expect(rotationStatus(active('2019-01-01'), [passed('2020-02-29')], '2025-03-01').state).toBe('overdue');
  });

  it('handles a due date on 29 February in a leap year (start 29 Feb four years earlier is impossible; start 2023-02-28 → 2028-02-28)', () => {
    const start = active('2023-02-28');
    expect(rotationStatus(start, [], '2028-02-28').state).toBe('due_soon');
    expect(rotationStatus(start, [], '2028-02-29').state).toBe('overdue');
  });
});

describe('rotationStatus (properties)', () => {
  it('is overdue exactly when the day is after the due date, and the due date is five years after the anchor', () => {
    fc.assert(
      fc.property(
        dateArb,
        fc.array(dateArb, { maxLength: 4 }),
        dateArb,
        fc.integer({ min: 0, max: 400 }),
        (joinedOn, completions, on, soon) => {
          const status = rotationStatus(active(joinedOn), completions.map(passed), on, soon);
          expect(status.state === 'overdue').toBe(on > status.dueDate);
          expect(status.state === 'due_soon').toBe(on <= status.dueDate && daysBetween(on, status.dueDate) <= soon);
          expect(status.dueDate).toBe(addYears(status.cycleStart, 5));
          expect(status.cycleStart >= joinedOn).toBe(true);
          // the state agrees with the database filter's due-date range
          const range = dueDateRange(status.state, on, soon);
          if (range.from) expect(status.dueDate >= range.from).toBe(true);
          if (range.to) expect(status.dueDate <= range.to).toBe(true);
        },
      ),
    );
  });

  it('never gets worse by adding a passed rotation', () => {
    const rank = { ok: 0, due_soon: 1, overdue: 2 } as const;
    fc.assert(
      fc.property(dateArb, fc.array(dateArb, { maxLength: 3 }), dateArb, dateArb, (joinedOn, completions, extra, on) => {
        const before = rotationStatus(active(joinedOn), completions.map(passed), on);
        const after = rotationStatus(active(joinedOn), [...completions, extra].map(passed), on);
        expect(rank[after.state]).toBeLessThanOrEqual(rank[before.state]);
        expect(after.dueDate >= before.dueDate).toBe(true);
      }),
    );
  });
});

describe('mayTeach', () => {
  const trainer = active('2021-03-15');

  it('allows on the day before and on the due date, refuses the day after, with the due date in the reason', () => {
    expect(mayTeach(trainer, [], '2026-03-14')).toMatchObject({ allowed: true, basis: 'in_cycle', dueDate: '2026-03-15' });
    const onDue = mayTeach(trainer, [], '2026-03-15');
    expect(onDue).toMatchObject({ allowed: true, basis: 'in_cycle' });
    expect(onDue.reason).toContain('2026-03-15');
    const after = mayTeach(trainer, [], '2026-03-16');
    expect(after).toMatchObject({ allowed: false, basis: 'overdue', dueDate: '2026-03-15', waiverId: null });
    expect(after.reason).toContain('已逾期 1 天');
  });

  it('allows an overdue trainer under a waiver that covers the date, including its first and last day', () => {
    const waiver = { id: 'w1', validFrom: '2026-04-01', validTo: '2026-04-30', reason: '研修基地停训' };
    expect(mayTeach(trainer, [], '2026-03-31', [waiver])).toMatchObject({ allowed: false, basis: 'overdue' });
    expect(mayTeach(trainer, [], '2026-04-01', [waiver])).toMatchObject({ allowed: true, basis: 'waiver', waiverId: 'w1' });
    expect(mayTeach(trainer, [], '2026-04-30', [waiver])).toMatchObject({ allowed: true, basis: 'waiver' });
    expect(mayTeach(trainer, [], '2026-05-01', [waiver])).toMatchObject({ allowed: false, basis: 'overdue' });
    // an in-cycle answer does not lean on a waiver
    expect(mayTeach(trainer, [], '2025-01-01', [{ ...waiver, validFrom: '2025-01-01', validTo: '2025-12-31' }])).toMatchObject({
      basis: 'in_cycle',
      waiverId: null,
    });
  });

  it('refuses before joining and from the day of leaving, waiver or not', () => {
    const waiver = { id: 'w', validFrom: '2000-01-01', validTo: '2099-12-31', reason: 'x' };
    expect(mayTeach(trainer, [], '2021-03-14', [waiver])).toMatchObject({ allowed: false, basis: 'not_joined', dueDate: null });
    expect(mayTeach(trainer, [], '2021-03-15')).toMatchObject({ allowed: true });
    const left = { joinedOn: '2021-03-15', leftOn: '2023-07-01' };
    expect(mayTeach(left, [], '2023-06-30')).toMatchObject({ allowed: true });
    expect(mayTeach(left, [], '2023-07-01', [waiver])).toMatchObject({ allowed: false, basis: 'left' });
  });

  it('judges a past date by the rotations completed by then', () => {
    const rotations = [passed('2026-05-10')];
    expect(mayTeach(trainer, rotations, '2026-05-09')).toMatchObject({ allowed: false, basis: 'overdue' });
    expect(mayTeach(trainer, rotations, '2026-05-10')).toMatchObject({ allowed: true, dueDate: '2031-05-10' });
  });

  it('agrees with rotationStatus for an active trainer without waivers (property)', () => {
    fc.assert(
      fc.property(dateArb, fc.array(dateArb, { maxLength: 3 }), dateArb, (joinedOn, completions, on) => {
        const answer = mayTeach(active(joinedOn), completions.map(passed), on);
        if (on < joinedOn) expect(answer.basis).toBe('not_joined');
        else expect(answer.allowed).toBe(rotationStatus(active(joinedOn), completions.map(passed), on).state !== 'overdue');
        expect(answer.reason.length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('rotationCycles', () => {
  it('lists closed cycles on time or late and the open one', () => {
    const cycles = rotationCycles(active('2012-01-10'), [passed('2016-05-01'), passed('2022-01-01')], '2026-01-01');
    expect(cycles).toEqual([
      { index: 1, start: '2012-01-10', dueDate: '2017-01-10', completedOn: '2016-05-01', outcome: 'on_time' },
      { index: 2, start: '2016-05-01', dueDate: '2021-05-01', completedOn: '2022-01-01', outcome: 'late' },
      { index: 3, start: '2022-01-01', dueDate: '2027-01-01', completedOn: null, outcome: 'open' },
    ]);
  });

  it('marks the open cycle overdue from the day after its due date', () => {
    expect(rotationCycles(active('2020-02-29'), [], '2025-02-28').at(-1)?.outcome).toBe('open');
    expect(rotationCycles(active('2020-02-29'), [], '2025-03-01').at(-1)?.outcome).toBe('overdue');
  });

  it('ends with the cycle rotationStatus describes (property)', () => {
    fc.assert(
      fc.property(dateArb, fc.array(dateArb, { maxLength: 4 }), dateArb, (joinedOn, completions, on) => {
        if (on < joinedOn) return;
        const last = rotationCycles(active(joinedOn), completions.map(passed), on).at(-1)!;
        const status = rotationStatus(active(joinedOn), completions.map(passed), on);
        expect(last.start).toBe(status.cycleStart);
        expect(last.dueDate).toBe(status.dueDate);
      }),
    );
  });
});
