import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonDetail } from '../../../shared/contracts/persons-contracts';
import { checkCharacter } from '../../../shared/domain/identity-number';
import { todayInChina } from '../../../shared/domain/person-validation';
import { buildTestApp, type TestApp, type TestClient } from '../../testing/test-app';

function makeId(region: string, birth: string, sequence: string): string {
  const first17 = `${region}${birth}${sequence}`;
  return first17 + checkCharacter(first17);
}

interface Pair {
  reason: 'name_phone' | 'name_birth_date';
  a: { id: string; name: string; countyCode: string };
  b: { id: string; name: string; countyCode: string };
}

let t: TestApp;
let chengguan: TestClient; // registrar 620102
let qilihe: TestClient; // registrar 620103
let lanzhou: TestClient; // reviewer 620100
let trainingOfficer: TestClient;
const p: Record<string, PersonDetail> = {};
const numbers: Record<string, string> = {};

async function create(client: TestClient, key: string, id: string, fields: Record<string, unknown>) {
  numbers[key] = id;
  const res = await client.post('/api/persons', { idNumber: id, hukouRegionCode: '620102', countyCode: '620102', ...fields });
  expect(res.statusCode, res.body).toBe(200);
  p[key] = res.json() as PersonDetail;
}

async function pairs(client: TestClient, query = ''): Promise<{ items: Pair[]; total: number }> {
  const res = await client.get(`/api/persons/duplicates?${query.includes('pageSize') ? '' : 'pageSize=50'}${query}`);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['cache-control']).toBe('no-store');
  return res.json();
}

const key = (pair: Pair) => [pair.a.id, pair.b.id].sort().join('|');
const pairOf = (x: string, y: string) => [p[x]!.id, p[y]!.id].sort().join('|');

beforeAll(async () => {
  t = await buildTestApp();
  [chengguan, qilihe, lanzhou, trainingOfficer] = await Promise.all([
    t.loginAs('chengguan.dengji'),
    t.loginAs('qilihe.dengji'),
    t.loginAs('lanzhou.shenhe'),
    t.loginAs('chengguan.peixun'),
  ]);
  // same name and phone, in two counties of 兰州
  await create(chengguan, 'a1', makeId('620102', '19700101', '011'), { name: '马建国', phone: '13911110001' });
  await create(qilihe, 'a2', makeId('620103', '19700102', '011'), {
    name: '马建国',
    phone: '139 1111 0001',
    countyCode: '620103',
    hukouRegionCode: '620103',
  });
  // same name and birth date in one county
  await create(chengguan, 'b1', makeId('620102', '19750505', '022'), { name: '马秀英' });
  await create(chengguan, 'b2', makeId('620102', '19750505', '042'), { name: '马秀英' });
  // same name, phone and birth date: one pair, by phone
  const c2 = makeId('620102', '19800808', '053');
  await create(chengguan, 'c1', makeId('620102', '19800808', '033'), { name: '马小龙', phone: '13922220002' });
  await create(chengguan, 'c2', c2, { name: '马小龙', phone: '13922220002', certificateNumber: `${c2}43` });
  // the same name alone is no reason
  await create(chengguan, 'd1', makeId('620102', '19810101', '061'), { name: '马丽' });
  await create(chengguan, 'd2', makeId('620102', '19820202', '062'), { name: '马丽' });
  // same name and birth date, but in two counties: no reason either
  await create(chengguan, 'e1', makeId('620102', '19830303', '071'), { name: '马强' });
  await create(qilihe, 'e2', makeId('620103', '19830303', '073'), { name: '马强', countyCode: '620103', hukouRegionCode: '620103' });
});
afterAll(() => t.close());

describe('possible duplicates', () => {
  it('lists, for a county registrar, the pairs inside the county only', async () => {
    const list = await pairs(chengguan);
    expect(list.total).toBe(2);
    expect(list.items.map(key).sort()).toEqual([pairOf('b1', 'b2'), pairOf('c1', 'c2')].sort());
    const byKey = new Map(list.items.map((i) => [key(i), i]));
    expect(byKey.get(pairOf('b1', 'b2'))!.reason).toBe('name_birth_date');
    expect(byKey.get(pairOf('c1', 'c2'))!.reason).toBe('name_phone');
    // masked like every list
    expect(JSON.stringify(list)).not.toContain(numbers.c2);
    expect(list.items[0]!.a.name).toBe(list.items[0]!.b.name);
  });

  it('lists, for the city reviewer, the pair across two counties too, and narrows to a county', async () => {
    const list = await pairs(lanzhou);
    expect(list.items.map(key).sort()).toEqual([pairOf('a1', 'a2'), pairOf('b1', 'b2'), pairOf('c1', 'c2')].sort());
    expect(list.items.find((i) => key(i) === pairOf('a1', 'a2'))!.reason).toBe('name_phone');
    expect((await pairs(lanzhou, '&regionCode=620103')).total).toBe(0);
    expect((await pairs(lanzhou, '&pageSize=2&page=2')).items).toHaveLength(1);
  });

  it('shows nothing of 城关区 to 七里河区, refuses a filter on it, and refuses a training officer', async () => {
    expect((await pairs(qilihe)).total).toBe(0);
    const refused = await qilihe.get('/api/persons/duplicates?regionCode=620102');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('OUT_OF_SCOPE');
    const forbidden = await trainingOfficer.get('/api/persons/duplicates');
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().code).toBe('FORBIDDEN');
  });

  it('counts them on the home page of a county registrar', async () => {
    const home = await chengguan.get('/api/home');
    expect(home.json().tasks).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'persons.duplicates', count: 2 })]));
    const city = await lanzhou.get('/api/home');
    expect((city.json().tasks as { key: string }[]).map((task) => task.key)).not.toContain('persons.duplicates');
  });

  it('drops a pair reviewed as two people, once, audited', async () => {
    const before = await t.lastAuditSeq();
    const res = await chengguan.post('/api/persons/duplicates/dismiss', { a: p.b2!.id, b: p.b1!.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect((await chengguan.post('/api/persons/duplicates/dismiss', { a: p.b1!.id, b: p.b2!.id })).statusCode).toBe(200);
    const audit = (await t.auditSince(before)).filter((r) => r.action === 'persons.dismiss_duplicate');
    expect(audit).toHaveLength(1);
    expect((await pairs(chengguan)).items.map(key)).toEqual([pairOf('c1', 'c2')]);
    const same = await chengguan.post('/api/persons/duplicates/dismiss', { a: p.b1!.id, b: p.b1!.id });
    expect(same.statusCode).toBe(400);
    const across = await qilihe.post('/api/persons/duplicates/dismiss', { a: p.c1!.id, b: p.c2!.id });
    expect(across.statusCode).toBe(403);
  });
});

describe('merging', () => {
  let consentId: string;

  beforeAll(async () => {
    const res = await chengguan.post(`/api/persons/${p.c2!.id}/consents`, {
      purpose: 'training',
      scope: '培训机构',
      givenOn: '2026-02-01',
    });
    expect(res.statusCode, res.body).toBe(200);
    consentId = (res.json() as PersonDetail).consents[0]!.id;
  });

  it('keeps the survivor’s data, points the other at it and keeps both histories', async () => {
    const before = await t.lastAuditSeq();
    const res = await chengguan.post('/api/persons/merge', { survivorId: p.c1!.id, mergedId: p.c2!.id, reason: '同一人重复登记' });
    expect(res.statusCode, res.body).toBe(200);
    const survivor = res.json() as PersonDetail;
    expect(survivor).toMatchObject({ id: p.c1!.id, status: 'active', certificateNumber: null, mergedInto: null });
    expect(survivor.changes[0]).toMatchObject({ kind: 'merge', source: `merge:${p.c2!.id}`, actorName: 'chengguan.dengji' });
    // the merged record's consent and history are shown with the survivor
    expect(survivor.consents.map((c) => c.id)).toContain(consentId);
    expect(survivor.changes.map((c) => c.kind)).toEqual(expect.arrayContaining(['merge', 'merged_into', 'consent', 'create']));
    expect(survivor.employmentHistory).toHaveLength(2);

    const merged = (await chengguan.get(`/api/persons/${p.c2!.id}`)).json() as PersonDetail;
    expect(merged).toMatchObject({ status: 'merged', mergedInto: p.c1!.id });
    expect(merged.changes[0]).toMatchObject({ kind: 'merged_into', source: `merge:${p.c1!.id}` });
    expect(merged.consents.map((c) => c.id)).toEqual([consentId]);

    const audit = (await t.auditSince(before)).filter((r) => r.action === 'persons.merge');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ outcome: 'success', target_id: p.c1!.id, details: { mergedId: p.c2!.id, reason: '同一人重复登记' } });
  });

  it('finds the survivor when the merged record’s ID or certificate number is searched', async () => {
    for (const number of [numbers.c2!, `${numbers.c2}43`]) {
      const res = await chengguan.post('/api/persons/search-by-id', { number });
      expect(res.json()).toMatchObject({ person: { id: p.c1!.id, status: 'active' }, mergedFrom: p.c2!.id });
    }
    const again = await chengguan.post('/api/persons', {
      idNumber: numbers.c2,
      name: '马小龙',
      countyCode: '620102',
      hukouRegionCode: '620102',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().details.personId).toBe(p.c1!.id);
  });

  it('leaves the merged record out of the list and the duplicates', async () => {
    const list = (await chengguan.get(`/api/persons?q=${encodeURIComponent('马小龙')}`)).json() as { items: { id: string }[] };
    expect(list.items.map((i) => i.id)).toEqual([p.c1!.id]);
    expect((await pairs(chengguan)).total).toBe(0);
  });

  it('withdraws the merged record’s consent through the survivor, and refuses changes to the merged record', async () => {
    const withdrawn = await chengguan.post(`/api/persons/${p.c1!.id}/consents/${consentId}/withdraw`, { withdrawnOn: todayInChina() });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    const update = await chengguan.put(`/api/persons/${p.c2!.id}`, {
      idNumber: numbers.c2,
      name: '马小龙',
      countyCode: '620102',
      hukouRegionCode: '620102',
      version: 2,
    });
    expect(update.statusCode).toBe(409);
    expect(update.json().details.mergedInto).toBe(p.c1!.id);
  });

  it('refuses to merge twice, a record with itself, and across the scope', async () => {
    const twice = await chengguan.post('/api/persons/merge', { survivorId: p.c1!.id, mergedId: p.c2!.id, reason: '再次合并' });
    expect(twice.statusCode).toBe(409);
    const self = await chengguan.post('/api/persons/merge', { survivorId: p.c1!.id, mergedId: p.c1!.id, reason: '自身' });
    expect(self.statusCode).toBe(400);
    expect(self.json().details.issues[0]).toMatchObject({ field: 'body.mergedId', message: '不能把一条记录与它自己合并' });
    const across = await chengguan.post('/api/persons/merge', { survivorId: p.a1!.id, mergedId: p.a2!.id, reason: '跨县' });
    expect(across.statusCode).toBe(403);
    expect(across.json().code).toBe('OUT_OF_SCOPE');
    const noReason = await chengguan.post('/api/persons/merge', { survivorId: p.d1!.id, mergedId: p.d2!.id, reason: '' });
    expect(noReason.statusCode).toBe(400);
  });

  it('lets the city reviewer merge across two of its counties', async () => {
    const res = await lanzhou.post('/api/persons/merge', { survivorId: p.a1!.id, mergedId: p.a2!.id, reason: '跨县重复登记' });
    expect(res.statusCode, res.body).toBe(200);
    const found = await qilihe.post('/api/persons/search-by-id', { number: numbers.a2 });
    // the survivor is in 城关区: 七里河区 is not told about it
    expect(found.json()).toEqual({ person: null, mergedFrom: null });
    const city = await lanzhou.post('/api/persons/search-by-id', { number: numbers.a2 });
    expect(city.json()).toMatchObject({ person: { id: p.a1!.id }, mergedFrom: p.a2!.id });
  });
});
