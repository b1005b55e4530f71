import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonDetail } from '../../../shared/contracts/persons-contracts';
import { checkCharacter } from '../../../shared/domain/identity-number';
import { CERTIFICATE_MUST_FOLLOW_ID, LEGACY_FLAG_NEEDS_NUMBER } from '../../../shared/domain/person-validation';
import type { PersonRow } from '../../db/tables';
import { issuesOf } from '../../testing/answers';
import { buildTestApp, type TestApp, type TestClient } from '../../testing/test-app';

/**
 * Updates that leave the numbers out: the edit form shows masks only and sends a number only when
 * it is changed, so an ordinary edit never unmasks. Everything against the real database.
 */

function makeId(region: string, birth: string, sequence: string): string {
  const first17 = `${region}${birth}${sequence}`;
  return first17 + checkCharacter(first17);
}

let t: TestApp;
let registrar: TestClient; // chengguan.dengji, registrar of 城关区 620102
/** every full number this file sends, and every answer body that must not hold one */
const fullNumbers = new Set<string>();
const answers: string[] = [];

/** The record fields an edit form sends besides the numbers. */
const record = { name: '郑一', countyCode: '620102', hukouRegionCode: '620102' };

async function create(idNumber: string, fields: Record<string, unknown> = {}): Promise<PersonDetail> {
  fullNumbers.add(idNumber);
  const res = await registrar.post('/api/persons', { idNumber, ...record, ...fields });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as PersonDetail;
}

async function put(person: { id: string; version: number }, body: Record<string, unknown>): Promise<LightMyRequestResponse> {
  const res = await registrar.put(`/api/persons/${person.id}`, { ...record, ...body, version: person.version });
  if (res.statusCode < 300) answers.push(res.body);
  return res;
}

function row(id: string): Promise<PersonRow> {
  return t.database.db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function changeRows(id: string) {
  return t.database.db.selectFrom('person_change').selectAll().where('person_id', '=', id).orderBy('changed_at').execute();
}

/** The columns of the numbers exactly as stored: an update that keeps them must leave every byte as it was. */
function numberColumns(r: PersonRow) {
  return {
    id_number_sealed: r.id_number_sealed.toString('hex'),
    id_number_index: r.id_number_index,
    id_number_masked: r.id_number_masked,
    certificate_sealed: r.certificate_sealed?.toString('hex') ?? null,
    certificate_index: r.certificate_index,
    certificate_masked: r.certificate_masked,
    certificate_legacy: r.certificate_legacy,
    sex: r.sex,
    birth_date: r.birth_date,
    disability_category: r.disability_category,
    disability_level: r.disability_level,
  };
}

/** Nothing of a refused update reached the database: the row, its history and the audit trail are as before. */
async function expectNothingWritten(id: string, before: PersonRow, auditSeq: number, changes: number) {
  const after = await row(id);
  expect(numberColumns(after)).toEqual(numberColumns(before));
  expect({ version: after.version, name: after.name, phone: after.phone, updated_at: after.updated_at }).toEqual({
    version: before.version,
    name: before.name,
    phone: before.phone,
    updated_at: before.updated_at,
  });
  expect(await changeRows(id)).toHaveLength(changes);
  expect((await t.auditSince(auditSeq)).filter((r) => r.target_id === id)).toEqual([]);
}

beforeAll(async () => {
  t = await buildTestApp();
  registrar = await t.loginAs('chengguan.dengji');
});
afterAll(() => t.close());

describe('an edit that leaves the numbers out keeps them', () => {
  const id = makeId('620102', '19810315', '217');
  const certificate = `${id}42`;
  let person: PersonDetail;

  beforeAll(async () => {
    fullNumbers.add(certificate);
    person = await create(id, { certificateNumber: certificate, phone: '13712345678', education: 'primary' });
  });

  it('changes the education only: sealed numbers, blind indexes and derived fields untouched, and no unmask', async () => {
    const before = await row(person.id);
    const seq = await t.lastAuditSeq();
    const res = await put(person, { education: 'senior' });
    expect(res.statusCode, res.body).toBe(200);
    const updated = res.json() as PersonDetail;
    expect(updated).toMatchObject({ version: 2, education: 'senior', sex: 'male', birthDate: '1981-03-15' });
    expect(updated).toMatchObject({ disabilityCategory: '4', disabilityLevel: '2', certificateLegacy: false });
    expect(updated.idNumber).toEqual(person.idNumber);
    expect(updated.certificateNumber).toEqual(person.certificateNumber);
    expect(updated.phone).toEqual({ text: '137****5678', spoken: '电话 137 开头，5678 结尾，中间 4 位已隐藏' });

    const after = await row(person.id);
    expect(numberColumns(after)).toEqual(numberColumns(before));
    expect(after.phone).toBe('13712345678');
    expect(t.services.persons.crypto.open(after.id_number_sealed)).toBe(id);
    expect(t.services.persons.crypto.open(after.certificate_sealed!)).toBe(certificate);

    expect(updated.changes[0]).toMatchObject({ kind: 'update', fields: ['education'], source: 'form' });
    const audit = await t.auditSince(seq);
    expect(audit.map((r) => r.action)).toEqual(['persons.update']);
    expect(audit[0]).toMatchObject({ outcome: 'success', target_id: person.id, details: { fields: ['education'] } });
    expect(audit.filter((r) => r.action === 'persons.unmask')).toEqual([]);
    person = updated;
  });

  it('still finds the person by the kept ID and certificate numbers', async () => {
    for (const number of [id, certificate]) {
      const found = await registrar.post('/api/persons/search-by-id', { number });
      expect(found.json().person.id).toBe(person.id);
    }
  });

  it('changes only the phone when only the phone is sent, and records the field name, never the number', async () => {
    const before = await row(person.id);
    const seq = await t.lastAuditSeq();
    const res = await put(person, { education: 'senior', phone: '139 8765 4321' });
    expect(res.statusCode, res.body).toBe(200);
    const updated = res.json() as PersonDetail;
    expect(updated).toMatchObject({ version: 3, education: 'senior' });
    expect(updated.phone!.text).toBe('139****4321');
    expect(res.body).not.toContain('13987654321');

    const after = await row(person.id);
    expect(after.phone).toBe('13987654321');
    expect(numberColumns(after)).toEqual(numberColumns(before));
    const { phone: _p, version: _v, updated_at: _u, ...restAfter } = after;
    const { phone: _pb, version: _vb, updated_at: _ub, ...restBefore } = before;
    expect(restAfter).toEqual(restBefore);

    const history = await changeRows(person.id);
    expect(history.at(-1)).toMatchObject({ kind: 'update', fields: ['phone'], source: 'form' });
    expect(JSON.stringify(history)).not.toContain('13987654321');
    const audit = await t.auditSince(seq);
    expect(audit.map((r) => [r.action, r.details])).toEqual([['persons.update', { fields: ['phone'] }]]);
    expect(JSON.stringify(audit)).not.toContain('13987654321');
    person = updated;
  });

  it('writes nothing when the same numbers are typed again (no new version, no history, no audit)', async () => {
    const before = await row(person.id);
    const seq = await t.lastAuditSeq();
    const res = await put(person, {
      education: 'senior',
      idNumber: id.toLowerCase(),
      certificateNumber: certificate,
      phone: '13987654321',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().version).toBe(person.version);
    expect(numberColumns(await row(person.id))).toEqual(numberColumns(before));
    expect(await t.auditSince(seq)).toEqual([]);
  });

  it('removes the phone with null', async () => {
    const res = await put(person, { education: 'senior', phone: null });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ phone: null, version: person.version + 1 });
    expect(res.json().changes[0].fields).toEqual(['phone']);
    expect((await row(person.id)).phone).toBeNull();
    person = res.json() as PersonDetail;
  });
});

describe('a changed number is checked against the numbers that stay', () => {
  it('refuses a new ID number when the stored certificate number is left out, in Chinese, naming the field, and writes nothing', async () => {
    const id = makeId('620102', '19790101', '231');
    fullNumbers.add(`${id}11`);
    const person = await create(id, { certificateNumber: `${id}11` });
    const before = await row(person.id);
    const seq = await t.lastAuditSeq();
    const corrected = makeId('620102', '19790111', '231');
    fullNumbers.add(corrected);

    const res = await put(person, { idNumber: corrected });
    const issues = issuesOf(res);
    expect(issues).toEqual({ 'body.certificateNumber': CERTIFICATE_MUST_FOLLOW_ID });
    expect(res.json().message).toBe(`残疾人证号：${CERTIFICATE_MUST_FOLLOW_ID}`);
    expect(res.body).not.toContain(corrected);
    await expectNothingWritten(person.id, before, seq, 1);

    // a certificate of someone else beside the new ID number: the shared rule's own message
    const other = makeId('620102', '19790121', '231');
    const mismatched = await put(person, { idNumber: corrected, certificateNumber: `${other}11` });
    expect(issuesOf(mismatched)).toEqual({ 'body.certificateNumber': '残疾人证号前 18 位须与身份证号一致' });
    await expectNothingWritten(person.id, before, seq, 1);

    // with the certificate number that goes with it: both change, sex and birth date follow
    fullNumbers.add(`${corrected}23`);
    const ok = await put(person, { idNumber: corrected, certificateNumber: `${corrected}23` });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ birthDate: '1979-01-11', disabilityCategory: '2', disabilityLevel: '3', version: 2 });
    expect(ok.json().changes[0].fields).toEqual(['idNumber', 'certificateNumber', 'disabilityCategory', 'disabilityLevel']);
    const after = await row(person.id);
    expect(t.services.persons.crypto.open(after.id_number_sealed)).toBe(corrected);
    expect(t.services.persons.crypto.open(after.certificate_sealed!)).toBe(`${corrected}23`);
    expect(after.id_number_index).toBe(t.services.persons.crypto.blindIndex(corrected));
    expect((await registrar.post('/api/persons/search-by-id', { number: id })).json().person).toBeNull();
  });

  it('lets the ID number change alone when the stored certificate number is a first-generation one, or there is none', async () => {
    const id = makeId('620102', '19790202', '241');
    const person = await create(id, { certificateNumber: 'GS-7788990', certificateLegacy: true });
    const before = await row(person.id);
    const corrected = makeId('620102', '19790212', '241');
    fullNumbers.add(corrected);
    const res = await put(person, { idNumber: corrected });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ birthDate: '1979-02-12', certificateLegacy: true });
    expect(res.json().changes[0].fields).toEqual(['idNumber']);
    const after = await row(person.id);
    expect(after.certificate_sealed!.toString('hex')).toBe(before.certificate_sealed!.toString('hex'));
    expect(after.certificate_index).toBe(before.certificate_index);
  });

  it('checks a new certificate number against the kept ID number through its blind index', async () => {
    const id = makeId('620102', '19790303', '251');
    fullNumbers.add(`${id}31`);
    const person = await create(id, { certificateNumber: `${id}31` });
    const before = await row(person.id);
    const seq = await t.lastAuditSeq();
    // a valid ID number of the same birth date and sex, another county: the blind index tells them apart
    const lookalike = makeId('620103', '19790303', '251');
    const wrong = await put(person, { certificateNumber: `${lookalike}31` });
    expect(issuesOf(wrong)).toEqual({ 'body.certificateNumber': '残疾人证号前 18 位须与身份证号一致' });
    const badLevel = await put(person, { certificateNumber: `${id}35` });
    expect(issuesOf(badLevel)).toEqual({ 'body.certificateNumber': '残疾人证号第 20 位（残疾等级）须为 1–4' });
    await expectNothingWritten(person.id, before, seq, 1);

    const ok = await put(person, { certificateNumber: `${id}14` });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ disabilityCategory: '1', disabilityLevel: '4' });
    expect(ok.json().changes[0].fields).toEqual(['certificateNumber', 'disabilityCategory', 'disabilityLevel']);
    const after = await row(person.id);
    expect(after.id_number_sealed.toString('hex')).toBe(before.id_number_sealed.toString('hex'));
    expect(t.services.persons.crypto.open(after.certificate_sealed!)).toBe(`${id}14`);
  });

  it('refuses the first-generation flag without the certificate number it describes', async () => {
    const id = makeId('620102', '19790404', '261');
    fullNumbers.add(`${id}51`);
    const person = await create(id, { certificateNumber: `${id}51` });
    const res = await put(person, { certificateLegacy: true });
    expect(issuesOf(res)).toEqual({ 'body.certificateLegacy': LEGACY_FLAG_NEEDS_NUMBER });
  });
});

describe('the contract', () => {
  it('still builds the OpenAPI document, with the numbers optional on update and required on create', async () => {
    const res = await registrar.get('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    type Schema = { required?: string[]; properties?: Record<string, unknown> };
    const doc = res.json() as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>>;
    };
    const update = doc.paths['/api/persons/{id}']!.put!.requestBody!.content['application/json']!.schema;
    expect(Object.keys(update.properties!)).toEqual(expect.arrayContaining(['idNumber', 'certificateNumber', 'phone', 'version']));
    expect(update.required).toEqual(expect.arrayContaining(['version', 'name', 'countyCode']));
    expect(update.required).not.toEqual(expect.arrayContaining(['idNumber']));
    const create = doc.paths['/api/persons']!.post!.requestBody!.content['application/json']!.schema;
    expect(create.required).toEqual(expect.arrayContaining(['idNumber']));
  });

  it('never answered a full number', () => {
    expect(fullNumbers.size).toBeGreaterThan(8);
    const text = answers.join('\n');
    for (const number of fullNumbers) expect(text).not.toContain(number.slice(0, 17));
  });
});
