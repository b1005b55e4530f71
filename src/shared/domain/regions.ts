export const regionLevels = ['province', 'city', 'county'] as const;
export type RegionLevel = (typeof regionLevels)[number];

export const regionLevelLabels: Record<RegionLevel, string> = {
  province: '省级',
  city: '市州级',
  county: '县区级',
};

export interface RegionNode {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  children: RegionNode[];
}

/** GB/T 2260 codes (and the province's own local units) are six digits. */
export const regionCodePattern = /^\d{6}$/;
