import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegionNode } from '../../../shared/domain/regions';
import { buildTestApp, type TestApp } from '../../testing/test-app';

let t: TestApp;
let tree: RegionNode;
beforeAll(async () => {
  t = await buildTestApp({ seed: false });
  tree = (await t.client().get('/api/regions')).json().province;
});
afterAll(() => t.close());

function walk(node: RegionNode): RegionNode[] {
  return [node, ...node.children.flatMap(walk)];
}

describe('GET /api/regions', () => {
  it('answers the Gansu tree without a session, cacheable', async () => {
    const res = await t.client().get('/api/regions');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    expect(tree).toMatchObject({ code: '620000', name: '甘肃省', level: 'province', parentCode: null });
  });

  it('has 16 city-level units under the province: 14 市州, 兰州新区 620171 and 甘肃矿区 629900', () => {
    expect(tree.children).toHaveLength(16);
    for (const city of tree.children) expect(city).toMatchObject({ level: 'city', parentCode: '620000' });
    const codes = tree.children.map((c) => c.code);
    expect(codes).toEqual(expect.arrayContaining(['620100', '620200', '622900', '623000', '620171', '629900']));
    expect(tree.children.filter((c) => /^62\d\d00$/.test(c.code) && c.code !== '629900')).toHaveLength(14);
    expect(tree.children.find((c) => c.code === '620171')).toMatchObject({ name: '兰州新区', children: [] });
    expect(tree.children.find((c) => c.code === '629900')).toMatchObject({ name: '甘肃矿区', children: [] });
  });

  it('puts the counties under their city, each pointing at its parent', () => {
    const lanzhou = tree.children.find((c) => c.code === '620100')!;
    expect(lanzhou.name).toBe('兰州市');
    expect(lanzhou.children.map((c) => c.code)).toEqual(expect.arrayContaining(['620102', '620103', '620104']));
    expect(lanzhou.children.map((c) => c.code)).not.toContain('620171');
    for (const city of tree.children)
      for (const county of city.children) expect(county).toMatchObject({ level: 'county', parentCode: city.code, children: [] });
    expect(tree.children.find((c) => c.code === '620200')!.children).toEqual([
      expect.objectContaining({ code: '620201', name: '嘉峪关市' }),
    ]);
  });

  it('uses each code once', () => {
    const codes = walk(tree).map((n) => n.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
  });
});

describe('RegionsService', () => {
  it('counts 89 county-level units in Gansu: 86 statutory counties + 嘉峪关 620201 + 兰州新区 + 甘肃矿区', () => {
    const units = t.services.regions.countyUnits();
    const codes = units.map((u) => u.code);
    expect(units).toHaveLength(89);
    expect(codes).toEqual(expect.arrayContaining(['620201', '620171', '629900']));
    const statutory = units.filter((u) => u.level === 'county' && u.code !== '620201');
    expect(statutory).toHaveLength(86);
    // a city with counties is not itself a county-level unit
    expect(codes).not.toContain('620100');
    expect(codes).not.toContain('620200');
  });

  it('scopes a city to its counties and the province to everything', () => {
    const lanzhou = t.services.regions.scopeFor('620100');
    expect(lanzhou.codes!.has('620102')).toBe(true);
    expect(lanzhou.codes!.has('620171')).toBe(false);
    expect(lanzhou.codes!.has('620201')).toBe(false);
    expect(t.services.regions.scopeFor('620000').codes).toBeNull();
    expect([...t.services.regions.scopeFor('620102').codes!]).toEqual(['620102']);
  });

  it('gives the path from the province down', () => {
    expect(t.services.regions.path('620102').map((r) => r.name)).toEqual(['甘肃省', '兰州市', '城关区']);
    expect(t.services.regions.isWithin('620102', '620100')).toBe(true);
    expect(t.services.regions.isWithin('620100', '620102')).toBe(false);
  });

  it('refuses an unknown code as a validation error', () => {
    expect(() => t.services.regions.require('629999')).toThrow(/不存在/);
  });

  it('loads idempotently', async () => {
    const before = await t.database.db
      .selectFrom('region')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await t.services.regions.load();
    const after = await t.database.db
      .selectFrom('region')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(Number(after.n)).toBe(1 + 16 + 87);
  });
});
