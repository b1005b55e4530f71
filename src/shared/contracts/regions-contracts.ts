import { z } from 'zod';
import { regionLevels, type RegionNode } from '../domain/regions';
import { defineContract } from './contract';

export const regionNode: z.ZodType<RegionNode> = z.lazy(() =>
  z.object({
    code: z.string(),
    name: z.string(),
    level: z.enum(regionLevels),
    parentCode: z.string().nullable(),
    children: z.array(regionNode),
  }),
);

export const listRegions = defineContract({
  method: 'GET',
  path: '/api/regions',
  action: 'regions.read',
  tag: '行政区划',
  summary: '本省行政区划树（省、市州、县区）',
  response: z.object({ province: regionNode }),
});
