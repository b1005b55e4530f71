import { describe, expect, it } from 'vitest';
import {
  allowedClassCommands,
  type ClassCommand,
  classCommands,
  type ClassParty,
  type ClassStatus,
  classStatuses,
  commandNeedsComment,
  editableClassStatuses,
  nextClassStatus,
  refusedTransitionMessage,
} from './class-status';

const parties: ClassParty[] = ['institution', 'federation'];

/**
 * Every allowed move, written out by hand from domain §5/§6 (not derived from the code): the
 * status before (or `-` for a class not yet created), the command, the party, the status after.
 */
const allowed = [
  '- create institution draft',
  'draft submit institution submitted',
  'returned submit institution submitted',
  'submitted return federation returned',
  'submitted approve federation approved',
  'approved start institution running',
  'running submit_completion institution completion_submitted',
  'completion_returned submit_completion institution completion_submitted',
  'completion_submitted return_completion federation completion_returned',
  'completion_submitted approve_completion federation completion_approved',
  'completion_approved close institution closed',
  'completion_approved close federation closed',
  'draft cancel institution cancelled',
  'submitted cancel institution cancelled',
  'returned cancel institution cancelled',
  'draft cancel federation cancelled',
  'submitted cancel federation cancelled',
  'returned cancel federation cancelled',
  'approved cancel federation cancelled',
];

const expected = new Map<string, ClassStatus>(
  allowed.map((line) => {
    const [from, command, party, to] = line.split(' ') as [string, ClassCommand, ClassParty, ClassStatus];
    return [`${from} ${command} ${party}`, to];
  }),
);

describe('nextClassStatus over every status × command × party', () => {
  const froms: (ClassStatus | null)[] = [null, ...classStatuses];
  const cases = froms.flatMap((from) => classCommands.flatMap((command) => parties.map((party) => ({ from, command, party }))));

  it('covers the whole table (11 × 10 × 2)', () => {
    expect(cases).toHaveLength(220);
  });

  it.each(cases)('$from $command $party', ({ from, command, party }) => {
    const key = `${from ?? '-'} ${command} ${party}`;
    expect(nextClassStatus(from, command, party)).toBe(expected.get(key) ?? null);
  });

  it('allows exactly the listed moves', () => {
    const found = cases.filter(({ from, command, party }) => nextClassStatus(from, command, party) !== null);
    expect(found).toHaveLength(allowed.length);
  });
});

describe('allowedClassCommands', () => {
  const table: Record<ClassStatus, Record<ClassParty, ClassCommand[]>> = {
    draft: { institution: ['submit', 'cancel'], federation: ['cancel'] },
    submitted: { institution: ['cancel'], federation: ['return', 'approve', 'cancel'] },
    returned: { institution: ['submit', 'cancel'], federation: ['cancel'] },
    approved: { institution: ['start'], federation: ['cancel'] },
    running: { institution: ['submit_completion'], federation: [] },
    completion_submitted: { institution: [], federation: ['return_completion', 'approve_completion'] },
    completion_returned: { institution: ['submit_completion'], federation: [] },
    completion_approved: { institution: ['close'], federation: ['close'] },
    closed: { institution: [], federation: [] },
    cancelled: { institution: [], federation: [] },
  };

  it.each(classStatuses.flatMap((status) => parties.map((party) => ({ status, party }))))('$status for $party', ({ status, party }) => {
    expect(allowedClassCommands(status, party)).toEqual(table[status][party]);
  });

  it('never offers create', () => {
    for (const status of classStatuses) for (const party of parties) expect(allowedClassCommands(status, party)).not.toContain('create');
  });
});

describe('commandNeedsComment', () => {
  it('asks for a reason on returns and cancellations only', () => {
    const needing = classCommands.filter((c) => commandNeedsComment(c));
    expect(needing).toEqual(['return', 'return_completion', 'cancel']);
  });
});

describe('refusedTransitionMessage', () => {
  it('names the party that takes the command when the other one tries', () => {
    expect(refusedTransitionMessage('submitted', 'approve', 'institution')).toContain('残联审核人员');
    expect(refusedTransitionMessage('draft', 'submit', 'federation')).toContain('培训机构');
  });

  it('names the current status otherwise', () => {
    expect(refusedTransitionMessage('running', 'approve', 'federation')).toBe('培训班当前为“培训中”，不能批准开班');
  });
});

describe('editableClassStatuses', () => {
  it('lets the institution change the application only as a draft or after a return', () => {
    expect([...editableClassStatuses]).toEqual(['draft', 'returned']);
  });
});
