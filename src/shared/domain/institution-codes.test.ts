import { describe, expect, it } from 'vitest';
import {
  accessibilityFeatureLabels,
  accessibilityFeatures,
  institutionAllows,
  institutionKindLabels,
  institutionKinds,
  institutionStatuses,
  institutionStatusLabels,
} from './institution-codes';

describe('institution codes', () => {
  it('label every kind, status and accessibility feature in Chinese', () => {
    for (const kind of institutionKinds) expect(institutionKindLabels[kind]).toMatch(/\p{Script=Han}/u);
    for (const status of institutionStatuses) expect(institutionStatusLabels[status]).toMatch(/\p{Script=Han}/u);
    for (const feature of accessibilityFeatures) expect(accessibilityFeatureLabels[feature]).toMatch(/\p{Script=Han}/u);
    expect(new Set(Object.values(accessibilityFeatureLabels)).size).toBe(accessibilityFeatures.length);
  });

  it('keep an institution on notice untouched, and a closed one closed', () => {
    for (const command of ['edit', 'submit', 'close'] as const) {
      expect(institutionAllows('on_notice', command), command).toBe(false);
      expect(institutionAllows('closed', command), command).toBe(false);
    }
  });

  it('let a draft or a refused institution be corrected and put on notice, and an active one be corrected or closed', () => {
    expect(institutionAllows('draft', 'submit')).toBe(true);
    expect(institutionAllows('refused', 'submit')).toBe(true);
    expect(institutionAllows('active', 'submit')).toBe(false);
    expect(institutionAllows('active', 'edit')).toBe(true);
    expect(institutionAllows('active', 'close')).toBe(true);
  });
});
