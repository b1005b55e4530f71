import { Writable } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonDetail, PersonSummary } from '../../../shared/contracts/persons-contracts';
import { checkCharacter } from '../../../shared/domain/identity-number';
import { ageOn, isWorkingAge, todayInChina } from '../../../shared/domain/person-validation';
import type { Actor } from '../../platform/actor';
import { issuesOf } from '../../testing/answers';
import { buildTestApp, type TestApp, type TestClient } from '../../testing/test-app';

/** A valid 18-character ID number: region, birth date 'YYYYMMDD', three-digit sequence (odd = male). */
function makeId(region: string, birth: string, sequence: string): string {
  const first17 = `${region}${birth}${sequence}`;
  return first17 + checkCharacter(first17);
}

/** The same ID number with a wrong check character. */
function withBadCheck(id: string): string {
  const wrong = id[17] === '1' ? '2' : '1';
  return id.slice(0, 17) + wrong;
}

/** Everything the app logs at info level, to show that no ID number reaches the log. */
const logLines: string[] = [];
const logSink = new Writable({
  write(chunk: Buffer, _encoding, callback) {
    logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    callback();
  },
});

let t: TestApp;
let registrar: TestClient; // chengguan.dengji, registrar of 城关区 620102
let sibling: TestClient; // qilihe.dengji, registrar of 七里河区 620103
let trainingOfficer: TestClient; // chengguan.peixun: reads persons, may not unmask
let cityReviewer: TestClient; // lanzhou.shenhe, reviewer of 兰州市 620100
let provinceReviewer: TestClient; // sheng.shenhe
/** every full number this file registers, and every answer body that must not contain one */
const fullNumbers = new Set<string>();
const maskedAnswers: string[] = [];

const today = todayInChina();
const thisYear = Number(today.slice(0, 4));

function keep(res: LightMyRequestResponse): LightMyRequestResponse {
  if (res.statusCode < 300) maskedAnswers.push(res.body);
  return res;
}

function personInput(idNumber: string, overrides: Record<string, unknown> = {}) {
  fullNumbers.add(idNumber);
  return { idNumber, name: '张三', countyCode: '620102', hukouRegionCode: '620102', ...overrides };
}

async function create(client: TestClient, idNumber: string, overrides: Record<string, unknown> = {}): Promise<PersonDetail> {
  const res = keep(await client.post('/api/persons', personInput(idNumber, overrides)));
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as PersonDetail;
}

async function expectDeniedAudit(res: LightMyRequestResponse, action: string, actorName: string) {
  const requestId = res.json().requestId as string;
  const row = await t.database.db.selectFrom('audit_log').selectAll().where('request_id', '=', requestId).executeTakeFirst();
  expect(row, `audit row for ${action}`).toMatchObject({ action, outcome: 'denied', actor_name: actorName });
}

/** A province-wide actor for writing fixtures straight through the service. */
function systemActor(): Actor {
  return {
    userId: '00000000-0000-4000-8000-000000000001',
    username: 'fixture',
    displayName: 'fixture',
    kind: 'staff',
    roles: ['registrar'],
    regionCode: '620000',
    regionLevel: 'province',
    scope: t.services.regions.scopeFor('620000'),
    sessionTokenHash: 'x',
    stage: 'active',
  };
}

beforeAll(async () => {
  t = await buildTestApp({ env: { LOG_LEVEL: 'info' }, logStream: logSink });
  [registrar, sibling, trainingOfficer, cityReviewer, provinceReviewer] = await Promise.all([
    t.loginAs('chengguan.dengji'),
    t.loginAs('qilihe.dengji'),
    t.loginAs('chengguan.peixun'),
    t.loginAs('lanzhou.shenhe'),
    t.loginAs('sheng.shenhe'),
  ]);
});
afterAll(() => t.close());

describe('creating a person: every rule of the shared validation, in Chinese, through the API', () => {
  const base = makeId('620102', '19800101', '001');

  it.each([
    [
      'a bad check character',
      { idNumber: withBadCheck(makeId('620102', '19800102', '011')) },
      'body.idNumber',
      '身份证号校验码不正确，请核对',
    ],
    [
      'an impossible date (30 February)',
      { idNumber: makeId('620102', '19990230', '011') },
      'body.idNumber',
      '身份证号中的出生日期不是有效日期',
    ],
    [
      'a birth in the future',
      { idNumber: makeId('620102', `${thisYear + 1}0101`, '011') },
      'body.idNumber',
      '身份证号中的出生日期晚于今天',
    ],
    ['a birth before 1900', { idNumber: makeId('620102', '18991231', '011') }, 'body.idNumber', '身份证号中的出生日期早于 1900 年'],
    ['a wrong length', { idNumber: '62010219800101' }, 'body.idNumber', '身份证号应为 18 位，当前为 14 位'],
    ['a letter inside', { idNumber: '62010219800101A011' }, 'body.idNumber', '身份证号前 17 位须为数字，最后一位为数字或 X'],
    [
      'a certificate of someone else',
      { idNumber: base, certificateNumber: `${makeId('620102', '19800103', '011')}41` },
      'body.certificateNumber',
      '残疾人证号前 18 位须与身份证号一致',
    ],
    [
      'a certificate category 8',
      { idNumber: base, certificateNumber: `${base}81` },
      'body.certificateNumber',
      '残疾人证号第 19 位（残疾类别）须为 1–7',
    ],
    [
      'a certificate level 5',
      { idNumber: base, certificateNumber: `${base}45` },
      'body.certificateNumber',
      '残疾人证号第 20 位（残疾等级）须为 1–4',
    ],
    [
      'a certificate of 19 characters',
      { idNumber: base, certificateNumber: `${base}4` },
      'body.certificateNumber',
      '残疾人证号应为 20 位（身份证号 + 残疾类别 + 残疾等级），当前为 19 位',
    ],
    ['a right-to-left override in the name', { idNumber: base, name: '张\u202e三' }, 'body.name', '姓名中含有控制字符或不可见字符'],
    ['a control character in the name', { idNumber: base, name: '张\u0007三' }, 'body.name', '姓名中含有控制字符或不可见字符'],
    ['a zero-width space in the name', { idNumber: base, name: '张\u200b三' }, 'body.name', '姓名中含有控制字符或不可见字符'],
    ['digits in the name', { idNumber: base, name: '张3' }, 'body.name', '姓名只能包含汉字、字母和间隔号“·”'],
    ['a name ending in the middle dot', { idNumber: base, name: '阿依古丽·' }, 'body.name', '间隔号“·”不能在姓名开头、结尾或连续出现'],
    ['an empty name', { idNumber: base, name: '  ' }, 'body.name', '请填写姓名'],
    ['a phone too short', { idNumber: base, phone: '12345' }, 'body.phone', '电话号码格式不正确：手机号为 11 位，固定电话须带区号'],
    ['a control character in the phone', { idNumber: base, phone: '139\u00001234567' }, 'body.phone', '电话号码中含有控制字符'],
    [
      'a legacy certificate number shorter than 6',
      { idNumber: base, certificateNumber: 'GS01', certificateLegacy: true },
      'body.certificateNumber',
      '旧版残疾人证号至少 6 位',
    ],
    ['a county outside the province', { idNumber: base, countyCode: '110101' }, 'body.countyCode', '登记县区 110101 不是本省的县级单位'],
    ['a city instead of a county', { idNumber: base, countyCode: '620100' }, 'body.countyCode', '登记县区 620100 不是本省的县级单位'],
    [
      'a form of employment while unemployed',
      { idNumber: base, employmentStatus: 'unemployed', employmentForm: 'quota' },
      'body.employmentForm',
      '未就业时不填写就业形式',
    ],
    [
      '“other” accommodation without a note',
      { idNumber: base, accommodations: ['other'] },
      'body.accommodationOther',
      '选择“其他”便利需求时请说明',
    ],
  ])('refuses %s', async (_what, fields, field, message) => {
    const res = await registrar.post('/api/persons', personInput(base, fields));
    const issues = issuesOf(res);
    expect(issues[field]).toBe(message);
    expect(res.json().message).toContain(message);
  });

  it('refuses fields the contract does not know, and never takes sex or birth date from the body', async () => {
    const res = await registrar.post('/api/persons', { ...personInput(base), sex: 'female', birthDate: '2000-01-01' });
    const issues = issuesOf(res);
    expect(Object.keys(issues).sort()).toEqual(['body.birthDate', 'body.sex']);
  });

  it('converts a 15-digit legacy ID number (century 19 inserted, check character recomputed)', async () => {
    const legacy = '620102800115021'; // 1980-01-15, sequence 021 (odd: male)
    const expected = makeId('620102', '19800115', '021');
    fullNumbers.add(expected);
    const person = await create(registrar, legacy, { name: '李四' });
    expect(person).toMatchObject({ sex: 'male', birthDate: '1980-01-15', name: '李四' });
    expect(person.idNumber.text).toBe(`620${'*'.repeat(13)}${expected.slice(-2)}`);
    const full = await registrar.post(`/api/persons/${person.id}/unmask`, { field: 'idNumber', reason: '核对身份证转换' });
    expect(full.json()).toEqual({ value: expected });
    // the same person typed with 18 digits is the same person
    const again = await registrar.post('/api/persons', personInput(expected, { name: '李四' }));
    expect(again.statusCode).toBe(409);
    expect(again.json().details.personId).toBe(person.id);
  });

  it('accepts rare characters of the extension planes and the middle dot, normalising the look-alike dots', async () => {
    const rare = await create(registrar, makeId('620102', '19850505', '031'), { name: '𠮷𪚥' });
    expect(rare.name).toBe('𠮷𪚥');
    const dotted = await create(registrar, makeId('620102', '19850506', '042'), { name: '阿依古丽・买买提' });
    expect(dotted.name).toBe('阿依古丽·买买提');
    expect(dotted.sex).toBe('female');
  });

  it('normalises the phone (full-width digits, spaces, +86) and shows it masked', async () => {
    const person = await create(registrar, makeId('620102', '19850507', '053'), { phone: '＋86 １３９ 1234 5678' });
    expect(person.phone).toEqual({ text: '139****5678', spoken: '电话 139 开头，5678 结尾，中间 4 位已隐藏' });
    const row = await t.database.db.selectFrom('person').select('phone').where('id', '=', person.id).executeTakeFirstOrThrow();
    expect(row.phone).toBe('13912345678');
  });

  it('takes category and level from the certificate number, uppercases the X, and records the creation', async () => {
    // a sequence whose check character is X
    let id = '';
    for (let n = 100; n < 999 && !id.endsWith('X'); n++) id = makeId('620102', '19700707', String(n));
    fullNumbers.add(`${id}42`);
    const person = await create(registrar, id.toLowerCase(), { certificateNumber: `${id.toLowerCase()}42`, name: '王五' });
    expect(person).toMatchObject({ disabilityCategory: '4', disabilityLevel: '2', certificateLegacy: false, status: 'active', version: 1 });
    expect(person.certificateNumber).toEqual({ text: `620${'*'.repeat(17)}`, spoken: '残疾人证号 620 开头，其余 17 位已隐藏' });
    expect(person.changes).toMatchObject([{ kind: 'create', fields: [], actorName: 'chengguan.dengji', source: 'form' }]);
    expect(person.employmentHistory).toHaveLength(1);
    const full = await registrar.post(`/api/persons/${person.id}/unmask`, { field: 'idNumber', reason: '核对' });
    expect(full.json().value).toBe(id);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'persons.create')
      .where('target_id', '=', person.id)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ outcome: 'success', actor_name: 'chengguan.dengji', region_code: '620102', target_type: 'person' });
    expect(JSON.stringify(audit.details)).not.toContain(id.slice(6, 14));
  });
});

describe('protection at rest', () => {
  it('keeps no plaintext in the encrypted columns (no ID digits, no birth date)', async () => {
    const id = makeId('620102', '19770322', '067');
    const certificate = `${id}13`;
    fullNumbers.add(certificate);
    const person = await create(registrar, id, { certificateNumber: certificate });
    const row = await t.database.db.selectFrom('person').selectAll().where('id', '=', person.id).executeTakeFirstOrThrow();
    for (const sealed of [row.id_number_sealed, row.certificate_sealed!]) {
      expect(Buffer.isBuffer(sealed)).toBe(true);
      const text = [sealed.toString('latin1'), sealed.toString('utf8'), sealed.toString('hex')];
      for (const needle of [id, id.slice(0, 17), id.slice(6, 14), '1977-03-22', '19770322', certificate]) {
        for (const haystack of text) expect(haystack).not.toContain(needle);
      }
    }
    // the index and the masks give nothing away either
    for (const value of [row.id_number_index, row.certificate_index!, row.id_number_masked, row.certificate_masked!]) {
      expect(value).not.toContain('19770322');
      expect(value).not.toContain(id.slice(3, 16));
    }
    expect(row.id_number_masked).toBe(`620${'*'.repeat(13)}${id.slice(-2)}`);
    // and the sealed value opens to the number with the server's keys only
    expect(t.services.persons.crypto.open(row.id_number_sealed)).toBe(id);
    expect(t.services.persons.crypto.open(row.certificate_sealed!)).toBe(certificate);
    // nothing in the whole row as text holds the number
    const { rows } = await sql<{ text: string }>`SELECT p::text AS text FROM person p WHERE id = ${person.id}`.execute(t.database.db);
    expect(rows[0]!.text).not.toContain(id);
    expect(rows[0]!.text).not.toContain(Buffer.from(id).toString('hex'));
  });
});

describe('one ID number, one person', () => {
  it('answers 409 with the person when the ID number is registered already', async () => {
    const id = makeId('620102', '19900101', '071');
    const first = await create(registrar, id);
    const res = await registrar.post('/api/persons', personInput(id, { name: '另一个名字' }));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'CONFLICT', message: '该身份证号已登记', details: { personId: first.id } });
  });

  it('lets exactly one of several concurrent creates of the same ID number succeed', async () => {
    const id = makeId('620102', '19900202', '081');
    const answers = await Promise.all(Array.from({ length: 6 }, () => registrar.post('/api/persons', personInput(id))));
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409]);
    for (const a of answers.filter((x) => x.statusCode === 409)) expect(a.json().code).toBe('CONFLICT');
    const count = await t.database.db
      .selectFrom('person')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('id_number_index', '=', t.services.persons.crypto.blindIndex(id))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('keeps a first-generation certificate number as typed (flagged) and finds the person by it', async () => {
    const person = await create(registrar, makeId('620102', '19900305', '093'), {
      certificateNumber: 'gs-0012345',
      certificateLegacy: true,
    });
    expect(person).toMatchObject({ certificateLegacy: true, disabilityCategory: null, disabilityLevel: null });
    expect(person.certificateNumber).toEqual({ text: 'GS0******', spoken: '残疾人证号 GS0 开头，其余 6 位已隐藏' });
    const found = keep(await registrar.post('/api/persons/search-by-id', { number: 'GS-0012345' }));
    expect(found.json().person.id).toBe(person.id);
  });

  it('refuses a certificate number that another person holds', async () => {
    const id = makeId('620102', '19900303', '091');
    await create(registrar, id, { certificateNumber: `${id}21` });
    // a legacy (unchecked) number equal to that certificate, on another person
    const res = await registrar.post(
      '/api/persons',
      personInput(makeId('620102', '19900304', '091'), { certificateNumber: `${id}21`, certificateLegacy: true }),
    );
    expect(res.statusCode).toBe(409);
    expect(issuesOfConflict(res)['body.certificateNumber']).toBe('该残疾人证号已登记在另一人名下');
  });

  it('refuses a person of another county (OUT_OF_SCOPE, audited) and an ID number registered in another county', async () => {
    const elsewhere = await sibling.post('/api/persons', personInput(makeId('620102', '19900405', '101'), { countyCode: '620102' }));
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json().code).toBe('OUT_OF_SCOPE');
    await expectDeniedAudit(elsewhere, 'persons.write', 'qilihe.dengji');

    const id = makeId('620102', '19900406', '111');
    await create(registrar, id);
    const taken = await sibling.post('/api/persons', personInput(id, { countyCode: '620103', hukouRegionCode: '620103' }));
    expect(taken.statusCode).toBe(403);
    expect(taken.json()).toMatchObject({ code: 'OUT_OF_SCOPE', message: '该身份证号已在本账号管辖范围以外的县区登记，请联系上级残联' });
    expect(taken.json().details).toBeUndefined();
  });
});

function issuesOfConflict(res: LightMyRequestResponse): Record<string, string> {
  const body = res.json() as { details: { issues: { field: string; message: string }[] } };
  return Object.fromEntries(body.details.issues.map((i) => [i.field, i.message]));
}

describe('reading: masked everywhere, full value only by the audited unmask', () => {
  let person: PersonDetail;
  const id = makeId('620102', '19820808', '123');
  const certificate = `${id}52`;

  beforeAll(async () => {
    fullNumbers.add(certificate);
    person = await create(registrar, id, { certificateNumber: certificate, name: '赵六', phone: '13800001111', remarks: '测试' });
  });

  it('shows the masks and their spoken forms in the list and the detail', async () => {
    const list = keep(await registrar.get('/api/persons?q=赵六'));
    expect(list.statusCode).toBe(200);
    expect(list.headers['cache-control']).toBe('no-store');
    const item = (list.json().items as PersonSummary[]).find((p) => p.id === person.id)!;
    expect(item.idNumber).toEqual({
      text: `620${'*'.repeat(13)}${id.slice(-2)}`,
      spoken: `身份证号 620 开头，${id.slice(-2)} 结尾，中间 13 位已隐藏`,
    });
    expect(item.certificateNumber!.text).toBe(`620${'*'.repeat(17)}`);
    expect(item).toMatchObject({ age: ageOn('1982-08-08', today), countyName: '城关区', disabilityCategory: '5', disabilityLevel: '2' });

    const detail = keep(await registrar.get(`/api/persons/${person.id}`));
    expect(detail.headers['cache-control']).toBe('no-store');
    expect(detail.json().phone.text).toBe('138****1111');
    expect(detail.body).not.toContain('13800001111');
  });

  it('answers the full value of each field to a registrar with a reason, and audits field and reason', async () => {
    const before = await t.lastAuditSeq();
    for (const [field, value] of [
      ['idNumber', id],
      ['certificateNumber', certificate],
      ['phone', '13800001111'],
    ] as const) {
      const res = await registrar.post(`/api/persons/${person.id}/unmask`, { field, reason: '电话回访核对身份' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.json()).toEqual({ value });
    }
    const rows = (await t.auditSince(before)).filter((r) => r.action === 'persons.unmask');
    expect(rows.map((r) => r.details)).toEqual([
      { field: 'idNumber', reason: '电话回访核对身份' },
      { field: 'certificateNumber', reason: '电话回访核对身份' },
      { field: 'phone', reason: '电话回访核对身份' },
    ]);
    for (const r of rows)
      expect(r).toMatchObject({
        outcome: 'success',
        actor_name: 'chengguan.dengji',
        target_type: 'person',
        target_id: person.id,
        region_code: '620102',
      });
  });

  it('needs a reason', async () => {
    const res = await registrar.post(`/api/persons/${person.id}/unmask`, { field: 'idNumber', reason: '' });
    expect(issuesOf(res)['body.reason']).toBe('请填写查看原因');
  });

  it('refuses a training officer (no persons.unmask), audited', async () => {
    const list = keep(await trainingOfficer.get('/api/persons'));
    expect(list.statusCode).toBe(200);
    const res = await trainingOfficer.post(`/api/persons/${person.id}/unmask`, { field: 'idNumber', reason: '想看看' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
    expect(res.body).not.toContain(id);
    await expectDeniedAudit(res, 'persons.unmask', 'chengguan.peixun');
  });

  it('lets a reviewer of the city unmask and refuses the registrar of a sibling county', async () => {
    const ok = await cityReviewer.post(`/api/persons/${person.id}/unmask`, { field: 'idNumber', reason: '审核' });
    expect(ok.json()).toEqual({ value: id });
    const refused = await sibling.post(`/api/persons/${person.id}/unmask`, { field: 'idNumber', reason: '越权尝试' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('OUT_OF_SCOPE');
    expect(refused.body).not.toContain(id);
    await expectDeniedAudit(refused, 'persons.unmask', 'qilihe.dengji');
  });

  it('finds by ID number in a POST body (18 digits, lower-case x, spaces, full-width), by certificate, and answers null for an unknown number', async () => {
    const spaced = `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`.replace(/\d/g, (d, i: number) =>
      i < 3 ? String.fromCharCode(d.charCodeAt(0) + 0xfee0) : d,
    );
    for (const number of [id, spaced, certificate]) {
      const res = keep(await registrar.post('/api/persons/search-by-id', { number }));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ person: { id: person.id, name: '赵六' }, mergedFrom: null });
    }
    const unknown = keep(await registrar.post('/api/persons/search-by-id', { number: makeId('620102', '19820809', '123') }));
    expect(unknown.json()).toEqual({ person: null, mergedFrom: null });
  });

  it('explains a malformed search number in Chinese', async () => {
    expect(issuesOf(await registrar.post('/api/persons/search-by-id', { number: withBadCheck(id) }))['body.number']).toBe(
      '身份证号校验码不正确，请核对',
    );
    expect(issuesOf(await registrar.post('/api/persons/search-by-id', { number: '12345' }))['body.number']).toBe(
      '请填写 15 位或 18 位身份证号，或 20 位残疾人证号',
    );
    expect(issuesOf(await registrar.post('/api/persons/search-by-id', { number: `${id}82` }))['body.number']).toBe(
      '残疾人证号第 19 位（残疾类别）须为 1–7',
    );
  });

  it('has no route that takes a number in its URL: search is POST with the number in the body', async () => {
    const doc = (await registrar.get('/api/openapi.json')).json() as {
      paths: Record<string, Record<string, { parameters?: { name: string }[] }>>;
    };
    const personPaths = Object.entries(doc.paths).filter(([path]) => path.startsWith('/api/persons'));
    expect(personPaths.length).toBeGreaterThan(5);
    for (const [path, operations] of personPaths) {
      for (const [method, operation] of Object.entries(operations)) {
        const names = (operation.parameters ?? []).map((p) => p.name);
        expect(names, `${method} ${path}`).not.toEqual(expect.arrayContaining(['number']));
        expect(names, `${method} ${path}`).not.toEqual(expect.arrayContaining(['idNumber']));
        expect(names, `${method} ${path}`).not.toEqual(expect.arrayContaining(['certificateNumber']));
      }
    }
    expect(doc.paths['/api/persons/search-by-id']).toHaveProperty('post');
    expect(doc.paths['/api/persons/search-by-id']).not.toHaveProperty('get');
  });
});

describe('region scope: 七里河区 sees nothing of 城关区', () => {
  let person: PersonDetail;
  const id = makeId('620102', '19830909', '135');

  beforeAll(async () => {
    person = await create(registrar, id, { name: '钱七' });
  });

  it('cannot read the detail (OUT_OF_SCOPE, audited, nothing of the person in the answer)', async () => {
    const res = await sibling.get(`/api/persons/${person.id}`);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('OUT_OF_SCOPE');
    expect(res.body).not.toContain('钱七');
    expect(Object.keys(res.json()).sort()).toEqual(['code', 'message', 'requestId']);
    await expectDeniedAudit(res, 'persons.read', 'qilihe.dengji');
  });

  it('cannot list it, nor filter on 城关区', async () => {
    const list = keep(await sibling.get('/api/persons?pageSize=200'));
    expect(list.statusCode).toBe(200);
    const items = list.json().items as PersonSummary[];
    expect(items.every((p) => p.countyCode === '620103')).toBe(true);
    expect(items.map((p) => p.id)).not.toContain(person.id);
    const byName = keep(await sibling.get(`/api/persons?q=${encodeURIComponent('钱七')}`));
    expect(byName.json().total).toBe(0);
    const filtered = await sibling.get('/api/persons?regionCode=620102');
    expect(filtered.statusCode).toBe(403);
    await expectDeniedAudit(filtered, 'persons.read', 'qilihe.dengji');
  });

  it('cannot update it, record consent or employment for it', async () => {
    const attempts = [
      await sibling.put(`/api/persons/${person.id}`, { ...personInput(id, { name: '改名' }), version: 1 }),
      await sibling.post(`/api/persons/${person.id}/consents`, { purpose: 'training', scope: '培训机构', givenOn: today }),
      await sibling.post(`/api/persons/${person.id}/employment`, { employmentStatus: 'employed', employmentForm: 'quota' }),
    ];
    for (const res of attempts) {
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().code).toBe('OUT_OF_SCOPE');
    }
    const row = await t.database.db
      .selectFrom('person')
      .select(['name', 'version', 'employment_status'])
      .where('id', '=', person.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name: '钱七', version: 1, employment_status: 'unemployed' });
  });

  it('finds nothing by the ID number, and the refused lookup is audited without the number', async () => {
    const before = await t.lastAuditSeq();
    const res = await sibling.post('/api/persons/search-by-id', { number: id });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ person: null, mergedFrom: null });
    const rows = await t.auditSince(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'persons.read',
      outcome: 'denied',
      actor_name: 'qilihe.dengji',
      target_type: 'person',
      target_id: person.id,
    });
    expect(JSON.stringify(rows[0]!.details)).not.toContain(id.slice(6, 14));
  });

  it('is read by the city reviewer and the province reviewer', async () => {
    for (const c of [cityReviewer, provinceReviewer]) {
      const res = keep(await c.get(`/api/persons/${person.id}`));
      expect(res.statusCode).toBe(200);
      const found = keep(await c.post('/api/persons/search-by-id', { number: id }));
      expect(found.json().person.id).toBe(person.id);
    }
  });

  it('answers NOT_FOUND for an id that does not exist', async () => {
    const res = await registrar.get('/api/persons/00000000-0000-4000-8000-000000000000');
    expect(res.statusCode).toBe(404);
  });
});

describe('updating', () => {
  it('changes fields with the current version, records the field names (never values) and refuses a stale version', async () => {
    const id = makeId('620102', '19840404', '147');
    const person = await create(registrar, id, { name: '孙八', phone: '13900002222' });
    const before = await t.lastAuditSeq();
    const res = keep(
      await registrar.put(`/api/persons/${person.id}`, {
        ...personInput(id, { name: '孙八', phone: '13900003333', education: 'senior', trainingWishes: ['employment_skills'] }),
        version: person.version,
      }),
    );
    expect(res.statusCode, res.body).toBe(200);
    const updated = res.json() as PersonDetail;
    expect(updated).toMatchObject({ version: 2, education: 'senior', trainingWishes: ['employment_skills'] });
    expect(updated.changes[0]).toMatchObject({ kind: 'update', fields: ['education', 'phone', 'trainingWishes'] });
    const audit = (await t.auditSince(before)).find((r) => r.action === 'persons.update')!;
    expect(audit.details).toEqual({ fields: ['education', 'phone', 'trainingWishes'] });
    expect(JSON.stringify(audit.details)).not.toContain('13900003333');

    const stale = await registrar.put(`/api/persons/${person.id}`, { ...personInput(id, { name: '孙八改' }), version: person.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'CONFLICT', message: '该记录已被他人修改，请刷新后再修改', details: { currentVersion: 2 } });

    // nothing changed: no new version, no audit
    const same = await registrar.put(`/api/persons/${person.id}`, {
      ...personInput(id, { name: '孙八', phone: '13900003333', education: 'senior', trainingWishes: ['employment_skills'] }),
      version: 2,
    });
    expect(same.json().version).toBe(2);
  });

  it('corrects the ID number, but never to one another person holds', async () => {
    const wrong = makeId('620102', '19860606', '159');
    const right = makeId('620102', '19860616', '160');
    const other = makeId('620102', '19860626', '171');
    const person = await create(registrar, wrong, { name: '周九' });
    await create(registrar, other, { name: '吴十' });
    fullNumbers.add(right);

    const taken = await registrar.put(`/api/persons/${person.id}`, { ...personInput(other, { name: '周九' }), version: 1 });
    expect(taken.statusCode).toBe(409);
    expect(issuesOfConflict(taken)['body.idNumber']).toBe('该身份证号已登记在另一人名下');

    const fixed = keep(await registrar.put(`/api/persons/${person.id}`, { ...personInput(right, { name: '周九' }), version: 1 }));
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ sex: 'female', birthDate: '1986-06-16', version: 2 });
    expect(fixed.json().changes[0].fields).toEqual(['idNumber']);
    const found = keep(await registrar.post('/api/persons/search-by-id', { number: right }));
    expect(found.json().person.id).toBe(person.id);
    expect((await registrar.post('/api/persons/search-by-id', { number: wrong })).json().person).toBeNull();
  });

  it('refuses moving a person to a county outside the scope', async () => {
    const id = makeId('620102', '19870707', '181');
    const person = await create(registrar, id);
    const res = await registrar.put(`/api/persons/${person.id}`, { ...personInput(id, { countyCode: '620103' }), version: 1 });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('OUT_OF_SCOPE');
  });
});

describe('consent and employment', () => {
  it('records a consent, withdraws it once, and keeps both in the history', async () => {
    const person = await create(registrar, makeId('620102', '19880808', '191'));
    const added = keep(
      await registrar.post(`/api/persons/${person.id}/consents`, {
        purpose: 'training',
        scope: '向培训机构提供姓名和联系方式',
        givenOn: '2026-01-05',
      }),
    );
    expect(added.statusCode, added.body).toBe(200);
    const consent = (added.json() as PersonDetail).consents[0]!;
    expect(consent).toMatchObject({ purpose: 'training', givenOn: '2026-01-05', withdrawnOn: null });

    const early = await registrar.post(`/api/persons/${person.id}/consents/${consent.id}/withdraw`, { withdrawnOn: '2025-12-31' });
    expect(issuesOf(early)['body.withdrawnOn']).toBe('撤回日期不能早于同意日期');
    const withdrawn = keep(await registrar.post(`/api/persons/${person.id}/consents/${consent.id}/withdraw`, { withdrawnOn: today }));
    expect(withdrawn.json().consents[0].withdrawnOn).toBe(today);
    const twice = await registrar.post(`/api/persons/${person.id}/consents/${consent.id}/withdraw`, { withdrawnOn: today });
    expect(twice.statusCode).toBe(409);
    const future = await registrar.post(`/api/persons/${person.id}/consents`, {
      purpose: 'statistics',
      scope: '统计',
      givenOn: `${thisYear + 1}-01-01`,
    });
    expect(issuesOf(future)['body.givenOn']).toBe('同意日期不能晚于今天');
    const detail = (await registrar.get(`/api/persons/${person.id}`)).json() as PersonDetail;
    expect(detail.changes.filter((c) => c.kind === 'consent')).toHaveLength(2);
    const actions = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', person.id)
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['persons.create', 'persons.consent', 'persons.consent_withdraw']);
    // a consent of another person cannot be withdrawn through this one
    const other = await create(registrar, makeId('620102', '19880809', '191'));
    const wrong = await registrar.post(`/api/persons/${other.id}/consents/${consent.id}/withdraw`, { withdrawnOn: today });
    expect(wrong.statusCode).toBe(404);
  });

  it('records a change of employment with its history', async () => {
    const person = await create(registrar, makeId('620102', '19890909', '201'));
    const res = keep(
      await registrar.post(`/api/persons/${person.id}/employment`, {
        employmentStatus: 'employed',
        employmentForm: 'public_welfare',
        employerName: '城关区某街道办',
        startedOn: '2026-03-01',
      }),
    );
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json() as PersonDetail;
    expect(detail).toMatchObject({ employmentStatus: 'employed', employmentForm: 'public_welfare', version: 2 });
    expect(detail.employmentHistory).toHaveLength(2);
    expect(detail.employmentHistory[0]).toMatchObject({
      employmentStatus: 'employed',
      employerName: '城关区某街道办',
      startedOn: '2026-03-01',
    });
    expect(detail.changes[0]).toMatchObject({ kind: 'employment', fields: ['employmentStatus', 'employmentForm'] });
    const bad = await registrar.post(`/api/persons/${person.id}/employment`, { employmentStatus: 'unemployed', employmentForm: 'quota' });
    expect(issuesOf(bad)['body.employmentForm']).toBe('未就业时不填写就业形式');
  });
});

describe('the list: filters, sorting, pagination on the server', () => {
  const county = '620104'; // 西固区: only this block registers there
  interface Fixture {
    id: string;
    birth: string;
    sex: 'male' | 'female';
  }
  const fixtures: Fixture[] = [];
  const ids = new Map<string, string>();

  /** a birth date `years` before today, shifted by `days` */
  function bornYearsAgo(years: number, days = 0): string {
    const d = new Date(`${thisYear - years}${today.slice(4)}T00:00:00Z`);
    if (Number.isNaN(d.getTime())) return bornYearsAgo(years, days - 1);
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  }

  beforeAll(async () => {
    const plan: [number, number, 'male' | 'female'][] = [
      [16, 0, 'male'], // 16 today: working age
      [16, 1, 'female'], // 16 tomorrow: not yet
      [59, 0, 'male'], // 59 today
      [60, 0, 'male'], // 60 today: past
      [59, -364, 'male'], // 59, almost 60
      [54, -300, 'female'], // 54
      [55, 0, 'female'], // 55 today: past (women to 54)
      [30, 10, 'female'],
      [40, 20, 'male'],
      [70, 5, 'female'],
      [10, 3, 'male'],
      [25, 40, 'female'],
    ];
    const actor = systemActor();
    const ctx = t.services.persons.validationContext();
    const { validatePerson } = await import('../../../shared/domain/person-validation');
    await t.database.db.transaction().execute(async (trx) => {
      for (const [n, [years, days, sex]] of plan.entries()) {
        const birth = bornYearsAgo(years, days);
        const sequence = String(300 + n * 2 + (sex === 'male' ? 1 : 0)).padStart(3, '0');
        const id = makeId(county, birth.replaceAll('-', ''), sequence);
        fullNumbers.add(id);
        const result = validatePerson(
          {
            idNumber: id,
            certificateNumber: `${id}${(n % 7) + 1}${(n % 4) + 1}`,
            certificateLegacy: false,
            name: `西固${'甲乙丙丁戊己庚辛壬癸子丑'[n]}`,
            countyCode: county,
            hukouRegionCode: county,
            residenceRegionCode: null,
            urbanRural: n % 2 ? 'urban' : 'rural',
            education: null,
            phone: null,
            employmentStatus: n % 3 === 0 ? 'employed' : 'unemployed',
            employmentForm: null,
            trainingWishes: n % 2 ? ['employment_skills'] : ['rural_practical', 'entrepreneurship'],
            trainingNeeds: null,
            accommodations: n % 4 === 0 ? ['sign_language'] : [],
            accommodationOther: null,
            remarks: null,
          },
          ctx,
        );
        if (!result.ok) throw new Error(JSON.stringify(result.issues));
        const outcome = await t.services.persons.upsert(trx, actor, result.value, 'create_only', {
          source: 'fixture',
          changeKind: 'import',
        });
        if (outcome.kind !== 'created') throw new Error(outcome.kind);
        fixtures.push({ id: outcome.person.id, birth, sex });
        ids.set(outcome.person.id, result.value.name);
      }
    });
  });

  async function listIds(query: string, client: TestClient = provinceReviewer): Promise<PersonSummary[]> {
    const res = keep(await client.get(`/api/persons?regionCode=${county}&pageSize=200&${query}`));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: PersonSummary[]; total: number; totalExact: boolean };
    expect(body.total).toBe(body.items.length);
    expect(body.totalExact).toBe(true);
    return body.items;
  }

  it('computes age and working age as the shared rules do', async () => {
    const items = await listIds('');
    expect(items).toHaveLength(fixtures.length);
    const bounds = { min: 16, maxMale: 59, maxFemale: 54 };
    for (const f of fixtures) {
      const item = items.find((i) => i.id === f.id)!;
      expect(item.age, f.birth).toBe(ageOn(f.birth, today));
      expect(item.workingAge, `${f.sex} ${f.birth}`).toBe(isWorkingAge(f.sex, f.birth, today, bounds));
    }
  });

  it('filters working age and its complement by birth-date ranges per sex', async () => {
    const bounds = { min: 16, maxMale: 59, maxFemale: 54 };
    const expected = fixtures.filter((f) => isWorkingAge(f.sex, f.birth, today, bounds)).map((f) => f.id);
    expect(expected.length).toBeGreaterThan(3);
    expect((await listIds('workingAge=true')).map((i) => i.id).sort()).toEqual([...expected].sort());
    const rest = fixtures.filter((f) => !expected.includes(f.id)).map((f) => f.id);
    expect((await listIds('workingAge=false')).map((i) => i.id).sort()).toEqual([...rest].sort());
  });

  it('filters an age band', async () => {
    for (const [min, max] of [
      [16, 16],
      [55, 60],
      [0, 15],
      [59, 59],
    ]) {
      const expected = fixtures.filter((f) => ageOn(f.birth, today) >= min! && ageOn(f.birth, today) <= max!).map((f) => f.id);
      expect((await listIds(`ageMin=${min}&ageMax=${max}`)).map((i) => i.id).sort(), `${min}-${max}`).toEqual([...expected].sort());
    }
    const bad = await provinceReviewer.get('/api/persons?ageMin=30&ageMax=20');
    expect(issuesOf(bad)['query.ageMin']).toBe('最小年龄不能大于最大年龄');
  });

  it('filters category, level, employment, training wish, accommodation and name', async () => {
    const all = await listIds('');
    expect((await listIds('disabilityCategory=1')).map((i) => i.id).sort()).toEqual(
      all
        .filter((i) => i.disabilityCategory === '1')
        .map((i) => i.id)
        .sort(),
    );
    expect((await listIds('disabilityLevel=2')).every((i) => i.disabilityLevel === '2')).toBe(true);
    expect((await listIds('employmentStatus=employed')).map((i) => i.id).sort()).toEqual(
      all
        .filter((i) => i.employmentStatus === 'employed')
        .map((i) => i.id)
        .sort(),
    );
    expect((await listIds('trainingWish=entrepreneurship')).map((i) => i.id).sort()).toEqual(
      all
        .filter((i) => i.trainingWishes.includes('entrepreneurship'))
        .map((i) => i.id)
        .sort(),
    );
    expect((await listIds('accommodation=sign_language')).length).toBe(
      all.filter((i) => i.accommodations.includes('sign_language')).length,
    );
    expect((await listIds(`q=${encodeURIComponent('丙')}`)).map((i) => i.name)).toEqual(['西固丙']);
    expect(await listIds(`q=${encodeURIComponent('%')}`)).toEqual([]);
  });

  it('sorts by name, birth date and last change, both ways, and pages with a stable order', async () => {
    const byBirthAsc = (await listIds('sort=birthDate&order=asc')).map((i) => i.birthDate);
    expect(byBirthAsc).toEqual([...byBirthAsc].sort());
    const byBirthDesc = (await listIds('sort=birthDate&order=desc')).map((i) => i.birthDate);
    expect(byBirthDesc).toEqual([...byBirthAsc].reverse());
    const byName = (await listIds('sort=name&order=asc')).map((i) => i.name);
    expect(byName).toEqual([...byName].sort());
    const byUpdated = (await listIds('')).map((i) => i.updatedAt);
    expect(byUpdated).toEqual([...byUpdated].sort().reverse());

    const pages: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const res = keep(await provinceReviewer.get(`/api/persons?regionCode=${county}&pageSize=5&page=${page}&sort=name&order=asc`));
      const body = res.json() as { items: PersonSummary[]; total: number; page: number; pageSize: number };
      expect(body).toMatchObject({ total: fixtures.length, page, pageSize: 5 });
      pages.push(...body.items.map((i) => i.name));
    }
    expect(pages).toEqual(byName);
  });

  it('narrows to a region of the scope and refuses one outside it', async () => {
    const city = keep(await cityReviewer.get(`/api/persons?regionCode=${county}&pageSize=200`));
    expect(city.json().total).toBe(fixtures.length);
    const cityAll = keep(await cityReviewer.get('/api/persons?pageSize=200'));
    expect((cityAll.json().items as PersonSummary[]).every((i) => i.countyCode.startsWith('6201'))).toBe(true);
    const outside = await cityReviewer.get('/api/persons?regionCode=620200');
    expect(outside.statusCode).toBe(403);
    const unknown = await provinceReviewer.get('/api/persons?regionCode=629999');
    expect(issuesOf(unknown)['query.regionCode']).toBe('区域代码 629999 不存在');
    const own = keep(await registrar.get(`/api/persons?pageSize=200`));
    expect((own.json().items as PersonSummary[]).every((i) => i.countyCode === '620102')).toBe(true);
  });

  it('answers an estimate beyond the count cap, saying so', async () => {
    const persons = t.services.persons;
    const saved = persons.options.countCap;
    (persons.options as { countCap: number }).countCap = 5;
    try {
      const res = keep(await provinceReviewer.get(`/api/persons?regionCode=${county}&pageSize=3`));
      const body = res.json() as { items: PersonSummary[]; total: number; totalExact: boolean };
      expect(body.items).toHaveLength(3);
      expect(body.totalExact).toBe(false);
      expect(body.total).toBeGreaterThan(5);
    } finally {
      (persons.options as { countCap: number }).countCap = saved;
    }
  });
});

describe('the log and the answers', () => {
  it('never show a full ID or certificate number outside the unmask answers', () => {
    expect(fullNumbers.size).toBeGreaterThan(20);
    const answers = maskedAnswers.join('\n');
    for (const number of fullNumbers) {
      expect(answers).not.toContain(number);
      expect(answers).not.toContain(number.slice(0, 17));
    }
  });

  it('hold no ID number pattern in any log line written during the file', () => {
    expect(logLines.length).toBeGreaterThan(50);
    const text = logLines.join('\n');
    expect(text).toContain('/api/persons');
    // digit runs that are not parts of hex ids or of the decimals of a response time
    expect(text).not.toMatch(/(?<![0-9a-f.-])\d{17}[\dXx](?![0-9a-f])/);
    expect(text).not.toMatch(/(?<![0-9a-f.-])\d{15}(?![0-9a-f-])/);
    for (const number of fullNumbers) expect(text).not.toContain(number.slice(0, 17));
  });
});
