import { describe, expect, it } from 'vitest';
import { decodeRing } from './build-county-map';
import map from '../src/server/modules/accreditation/maps/620000.json';
import { loadReferenceRegions } from '../src/server/modules/regions/region-reference';

describe('the county map generator', () => {
  it('decodes ECharts’ compressed rings: zigzag deltas from the offset, scale 1024', () => {
    // '@@' is a zero step; 'B' is +1 and 'A' is −1 after zigzag decoding
    expect(decodeRing('@@BA', [100760, 40692])).toEqual([
      [100760 / 1024, 40692 / 1024],
      [100761 / 1024, 40691 / 1024],
    ]);
  });

  it('committed a Gansu map whose every shape is a county-level unit of the region table', () => {
    const regions = new Map(loadReferenceRegions('620000').map((r) => [r.code, r]));
    expect(map.counties).toHaveLength(87);
    for (const county of map.counties) {
      expect(regions.get(county.code)?.name, county.code).toBe(county.name);
    }
    // the two units without a boundary of their own in the source data
    const mapped = new Set(map.counties.map((c) => c.code));
    expect(['620171', '629900'].filter((code) => mapped.has(code))).toEqual([]);
    expect(JSON.stringify(map).length).toBeLessThan(300_000);
  });
});
