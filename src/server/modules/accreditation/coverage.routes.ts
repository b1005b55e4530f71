import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type CountyMapData, getCountyMap, getCoverage } from '../../../shared/contracts/accreditation-contracts';
import { requireActor } from '../../platform/request-context';
import { registerRoute } from '../../platform/routing';
import type { AccreditationService } from './accreditation.service';

/**
 * The committed county map of a province (scripts/build-county-map.ts writes it), or an empty map
 * for a province that has none yet: the coverage table works without it.
 */
export function loadCountyMap(provinceCode: string): CountyMapData {
  const file = join(import.meta.dirname, 'maps', `${provinceCode}.json`);
  if (!existsSync(file)) return { provinceCode, source: '', viewBox: '0 0 1000 800', counties: [] };
  return JSON.parse(readFileSync(file, 'utf8')) as CountyMapData;
}

/** County coverage of accredited bases (the target “每县至少 1 家”) and the county map it is drawn on. */
export function registerCoverageRoutes(app: FastifyInstance, accreditation: AccreditationService, map: CountyMapData): void {
  const mapped = new Set(map.counties.map((c) => c.code));
  const body = JSON.stringify(map);

  registerRoute(app, getCountyMap, async (_input, _request, reply) =>
    // reference data, the same for everyone: cacheable, and sent as prepared text
    reply.header('cache-control', 'public, max-age=86400').type('application/json; charset=utf-8').send(body),
  );

  registerRoute(app, getCoverage, async ({ query }, request) =>
    accreditation.coverage(requireActor(request.actor), query.cityCode, mapped),
  );
}
