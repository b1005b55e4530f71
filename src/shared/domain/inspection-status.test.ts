import { describe, expect, it } from 'vitest';
import {
  allowedInspectionCommands,
  type InspectionCommand,
  inspectionCommands,
  type InspectionStatus,
  inspectionStatuses,
  isRectificationOverdue,
  nextInspectionStatus,
  refusedInspectionMessage,
} from './inspection-status';

const allowed: Record<string, InspectionStatus> = {
  'planned findings passed': 'passed',
  'planned findings rectify': 'rectifying',
  'rectifying reply': 'rectified',
  'passed close': 'closed',
  'rectified close': 'closed',
  'rectified reopen': 'rectifying',
};

describe('the inspection status flow', () => {
  it('allows exactly the listed moves and refuses every other', () => {
    for (const from of inspectionStatuses) {
      for (const command of inspectionCommands) {
        const conclusions = command === 'findings' ? (['passed', 'rectify'] as const) : ([undefined] as const);
        for (const conclusion of conclusions) {
          const key = [from, command, conclusion].filter(Boolean).join(' ');
          expect(nextInspectionStatus(from, command, conclusion), key).toBe(allowed[key] ?? null);
        }
      }
    }
  });

  it('offers each party only its own commands', () => {
    expect(allowedInspectionCommands('planned', 'federation')).toEqual(['findings']);
    expect(allowedInspectionCommands('planned', 'institution')).toEqual([]);
    expect(allowedInspectionCommands('rectifying', 'institution')).toEqual(['reply']);
    expect(allowedInspectionCommands('rectifying', 'federation')).toEqual([]);
    expect(allowedInspectionCommands('rectified', 'federation')).toEqual<InspectionCommand[]>(['close', 'reopen']);
    expect(allowedInspectionCommands('closed', 'federation')).toEqual([]);
  });

  it('says in Chinese why a move is refused, and flags an overdue rectification', () => {
    expect(refusedInspectionMessage('closed', 'reply')).toContain('已办结');
    expect(isRectificationOverdue('rectifying', '2026-01-01', '2026-01-02')).toBe(true);
    expect(isRectificationOverdue('rectifying', '2026-01-02', '2026-01-02')).toBe(false);
    expect(isRectificationOverdue('rectified', '2026-01-01', '2026-01-02')).toBe(false);
  });
});
