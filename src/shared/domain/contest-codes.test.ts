import { describe, expect, it } from 'vitest';
import { canRetire, canRevise, canSubmit, isEditable, programmeCodePattern, programmeStatuses } from './catalogue-codes';
import { budgetCategories, candidateKindsFor, contestLevels, isSubsidisable, subsidyNote } from './contest-codes';
import { canRecordProgress } from './talent-codes';

describe('contest results → candidate lists', () => {
  it('puts no one without an award on a list', () => {
    for (const level of contestLevels) expect(candidateKindsFor(level, null)).toEqual([]);
  });

  it('takes winners of provincial-or-higher contests into the trainer pool list (plan 三(四))', () => {
    expect(candidateKindsFor('national', 'excellence')).toEqual(['trainer_pool', 'high_skill']);
    expect(candidateKindsFor('province', 'gold')).toEqual(['trainer_pool', 'high_skill']);
  });

  it('takes winners of city and county contests into the high-skill list only (plan 二(四))', () => {
    expect(candidateKindsFor('city', 'first_prize')).toEqual(['high_skill']);
    expect(candidateKindsFor('county', 'bronze')).toEqual(['high_skill']);
  });
});

describe('contest budget lines', () => {
  it('exclude prize money, travel, food and lodging and sundries from training subsidy (plan 三(一))', () => {
    for (const category of ['prize_money', 'travel', 'food_lodging', 'sundries'] as const) {
      expect(isSubsidisable(category)).toBe(false);
      expect(subsidyNote(category)).toContain('不属于培训补贴');
    }
    expect(isSubsidisable('training')).toBe(true);
    expect(budgetCategories.filter(isSubsidisable)).toEqual(['training', 'training_materials']);
  });
});

describe('programme versions', () => {
  it('change only as drafts and revise only from a settled version', () => {
    const editable = programmeStatuses.filter(isEditable);
    expect(editable).toEqual(['draft']);
    expect(programmeStatuses.filter(canSubmit)).toEqual(['draft']);
    expect(programmeStatuses.filter(canRetire)).toEqual(['active']);
    expect(programmeStatuses.filter(canRevise)).toEqual(['active', 'retired', 'refused']);
  });

  it('accept codes of capitals, digits and hyphens', () => {
    expect(programmeCodePattern.test('GS-DS-001')).toBe(true);
    expect(programmeCodePattern.test('gs-001')).toBe(false);
    expect(programmeCodePattern.test('-A1')).toBe(false);
    expect(programmeCodePattern.test('A')).toBe(false);
  });
});

describe('apprenticeships', () => {
  it('take progress only while active', () => {
    expect(canRecordProgress('active')).toBe(true);
    expect(canRecordProgress('completed')).toBe(false);
    expect(canRecordProgress('ended')).toBe(false);
  });
});

describe('programme content', () => {
  it('asks high-skill training for level three or above', async () => {
    const { checkProgrammeContent } = await import('./catalogue-codes');
    expect(checkProgrammeContent({ trainingType: 'high_skill', skillLevel: '5' })).toEqual([
      { field: 'skillLevel', message: expect.stringContaining('高技能人才培训') },
    ]);
    expect(checkProgrammeContent({ trainingType: 'high_skill', skillLevel: '2' })).toEqual([]);
    expect(checkProgrammeContent({ trainingType: 'employment_skills', skillLevel: 'none' })).toEqual([]);
  });
});

describe('contest levels by organiser', () => {
  it('let the province record national and provincial contests, cities and counties their own', async () => {
    const { contestLevelsFor } = await import('./contest-codes');
    expect(contestLevelsFor('province')).toEqual(['national', 'province']);
    expect(contestLevelsFor('city')).toEqual(['city']);
    expect(contestLevelsFor('county')).toEqual(['county']);
  });
});
