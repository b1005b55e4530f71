import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { drawMethodText, drawSample, rankPopulation, verifyDraw } from './inspection-draw';

const hmac = (key: string, message: string) => createHmac('sha256', key).update(message).digest('hex');
const ids = Array.from({ length: 30 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);

describe('the inspection draw', () => {
  it('gives the same sample for the same seed', () => {
    expect(drawSample(ids, 'seed-a', 5, hmac)).toEqual(drawSample(ids, 'seed-a', 5, hmac));
    expect(drawSample(ids, 'seed-a', 5, hmac).selected).toHaveLength(5);
  });

  it('gives a different sample for a different seed', () => {
    expect(drawSample(ids, 'seed-a', 5, hmac).selected).not.toEqual(drawSample(ids, 'seed-b', 5, hmac).selected);
  });

  it('takes everyone when the sample is larger than the population', () => {
    const { selected } = drawSample(ids.slice(0, 3), 'seed-a', 10, hmac);
    expect([...selected].sort()).toEqual(ids.slice(0, 3));
  });

  it('does not depend on the order the population was read in (nor on duplicates)', () => {
    const reversed = [...ids].reverse();
    expect(drawSample(reversed, 's', 7, hmac)).toEqual(drawSample([...ids, ids[3]!], 's', 7, hmac));
  });

  it('ranks by the keyed digest, so the ranking can be recomputed by hand', () => {
    const ranked = rankPopulation(ids, 'seed-a', hmac);
    const byHand = [...ids].sort((a, b) => (hmac('seed-a', a) < hmac('seed-a', b) ? -1 : 1));
    expect(ranked.map((e) => e.classId)).toEqual(byHand);
  });

  it('verifies a stored draw and catches a tampered one', () => {
    const { ranked, selected } = drawSample(ids, 'seed-c', 4, hmac);
    const stored = { seed: 'seed-c', sampleSize: 4, population: ranked.map((e) => e.classId), selected };
    expect(verifyDraw(stored, hmac)).toEqual({ matches: true, recomputed: selected });
    const swapped = [ranked[10]!.classId, ...selected.slice(1)];
    expect(verifyDraw({ ...stored, selected: swapped }, hmac).matches).toBe(false);
  });

  it('refuses a sample size below one and describes the method in Chinese with the seed', () => {
    expect(() => drawSample(ids, 's', 0, hmac)).toThrow(RangeError);
    const text = drawMethodText('abc123', 5, 3);
    expect(text).toContain('abc123');
    expect(text).toContain('HMAC-SHA256');
    expect(text).toContain('抽取 3 个');
  });
});
