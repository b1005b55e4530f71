import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as contracts from '../../../shared/contracts/trainers-contracts';
import type { TrainerDetail, TrainerSummary } from '../../../shared/contracts/trainers-contracts';
import { checkCharacter } from '../../../shared/domain/identity-number';
import { todayInChina } from '../../../shared/domain/person-validation';
import { addDays, addYears } from '../../../shared/domain/trainer-rotation';
import type { Actor } from '../../platform/actor';
import { buildTestApp, type TestApp, type TestClient } from '../../testing/test-app';
import { TrainersService } from './trainers.service';

/** A valid 18-character ID number: region, birth date 'YYYYMMDD', three-digit sequence (odd = male). */
function makeId(region: string, birth: string, sequence: string): string {
  const first17 = `${region}${birth}${sequence}`;
  return first17 + checkCharacter(first17);
}

let t: TestApp;
let officer: TestClient; // chengguan.peixun, training officer of 城关区 620102
let siblingOfficer: TestClient; // training officer of 七里河区 620103
let provinceOfficer: TestClient; // training officer of the province
let cityReviewer: TestClient; // lanzhou.shenhe
let statistician: TestClient; // sheng.tongji
let registrar: TestClient; // chengguan.dengji: no trainer rights
let institutionUser: TestClient; // jigou.demo, 兰州市残疾人职业技能培训中心
let centreId: string; // the institution of jigou.demo (620102)
let otherInstitutionId: string; // 兰州市七里河区阳光职业技能培训学校 (620103)

const today = todayInChina();
let sequence = 100;
/** a fresh valid ID number per call, so tests never collide */
function nextId(region = '620102'): string {
  sequence += 2;
  return makeId(region, '19800101', String(sequence + 1));
}

function trainerInput(overrides: Record<string, unknown> = {}) {
  return {
    idNumber: nextId(),
    name: '王建国',
    phone: '13919310001',
    countyCode: '620102',
    sources: ['base_teacher', 'contest_winner'],
    engagement: 'part_time',
    occupations: ['保健按摩师'],
    joinedOn: addYears(today, -1),
    qualifications: [
      { kind: 'skill_level', title: '保健按摩师职业技能等级证书', level: '二级/技师', occupation: '保健按摩师', issuedOn: '2015-06-01' },
    ],
    institutions: [{ institutionId: centreId, role: 'teacher', fromOn: addYears(today, -1) }],
    ...overrides,
  };
}

async function create(client: TestClient, overrides: Record<string, unknown> = {}): Promise<TrainerDetail> {
  const res = await client.post('/api/trainers', trainerInput(overrides));
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as TrainerDetail;
}

function issuesOf(res: LightMyRequestResponse): Record<string, { label: string; message: string }> {
  expect(res.statusCode, res.body).toBe(400);
  const body = res.json() as { code: string; details: { issues: { field: string; label: string; message: string }[] } };
  expect(body.code).toBe('VALIDATION_FAILED');
  return Object.fromEntries(body.details.issues.map((i) => [i.field, { label: i.label, message: i.message }]));
}

function provinceActor(): Actor {
  return {
    userId: '00000000-0000-4000-8000-000000000001',
    username: 'fixture',
    displayName: 'fixture',
    kind: 'staff',
    roles: ['training_officer'],
    regionCode: '620000',
    regionLevel: 'province',
    scope: t.services.regions.scopeFor('620000'),
    sessionTokenHash: 'x',
    stage: 'active',
  };
}

const meta = { requestId: 'test', ip: '127.0.0.1' };

beforeAll(async () => {
  t = await buildTestApp();
  await t.createAccount({ username: 'trainers.qilihe.peixun', roles: ['training_officer'], regionCode: '620103' });
  await t.createAccount({ username: 'trainers.sheng.peixun', roles: ['training_officer'], regionCode: '620000' });
  [officer, siblingOfficer, provinceOfficer, cityReviewer, statistician, registrar, institutionUser] = await Promise.all([
    t.loginAs('chengguan.peixun'),
    t.loginAs('trainers.qilihe.peixun'),
    t.loginAs('trainers.sheng.peixun'),
    t.loginAs('lanzhou.shenhe'),
    t.loginAs('sheng.tongji'),
    t.loginAs('chengguan.dengji'),
    t.loginAs('jigou.demo'),
  ]);
  const institutions = await t.database.db.selectFrom('institution').select(['id', 'name']).execute();
  centreId = institutions.find((i) => i.name === '兰州市残疾人职业技能培训中心')!.id;
  otherInstitutionId = institutions.find((i) => i.name === '兰州市七里河区阳光职业技能培训学校')!.id;
});
afterAll(() => t.close());

describe('registering a trainer', () => {
  it('seals and masks the ID number and phone, derives sex and birth date, and starts the five-year cycle at joining', async () => {
    const idNumber = nextId();
    const before = await t.lastAuditSeq();
    const res = await officer.post('/api/trainers', trainerInput({ idNumber }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).not.toContain(idNumber);
    expect(res.body).not.toContain('13919310001');
    expect(res.headers['cache-control']).toBe('no-store');
    const trainer = res.json() as TrainerDetail;
    expect(trainer).toMatchObject({
      sex: 'male',
      birthDate: '1980-01-01',
      idNumber: { text: `${idNumber.slice(0, 3)}*************${idNumber.slice(-2)}` },
      phone: { text: '139****0001' },
      countyName: '城关区',
      institutionNames: ['兰州市残疾人职业技能培训中心'],
      rotation: { state: 'ok', cycleStart: addYears(today, -1), dueDate: addYears(addYears(today, -1), 5), lastRotationOn: null },
    });
    expect(trainer.qualifications).toHaveLength(1);
    expect(trainer.cycles).toEqual([expect.objectContaining({ index: 1, outcome: 'open' })]);
    const row = await t.database.db.selectFrom('trainer').selectAll().where('id', '=', trainer.id).executeTakeFirstOrThrow();
    expect(row.id_number_sealed.toString('latin1')).not.toContain(idNumber);
    expect(await t.auditSince(before)).toContainEqual(
      expect.objectContaining({ action: 'trainers.create', outcome: 'success', target_id: trainer.id, region_code: '620102' }),
    );
  });

  it('refuses an invalid ID number with a 400 naming 身份证号, and writes nothing', async () => {
    const good = nextId();
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const countBefore = await t.database.db
      .selectFrom('trainer')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const issues = issuesOf(await officer.post('/api/trainers', trainerInput({ idNumber: bad, name: '李无效' })));
    expect(issues['body.idNumber']).toEqual({ label: '身份证号', message: '身份证号校验码不正确，请核对' });
    const countAfter = await t.database.db
      .selectFrom('trainer')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(countAfter.n)).toBe(Number(countBefore.n));
  });

  it('names every wrong field in Chinese: sources, joining date, institution, county', async () => {
    const issues = issuesOf(await officer.post('/api/trainers', trainerInput({ sources: [] })));
    expect(issues['body.sources']?.label).toBe('来源类别');
    const later = issuesOf(
      await officer.post('/api/trainers', trainerInput({ joinedOn: addDays(today, 1), countyCode: '620100', institutions: [] })),
    );
    expect(later['body.joinedOn']).toEqual({ label: '入库日期', message: '入库日期不能晚于今天' });
    expect(later['body.countyCode']?.label).toBe('登记县区');
    const unknown = issuesOf(
      await officer.post(
        '/api/trainers',
        trainerInput({ institutions: [{ institutionId: '00000000-0000-4000-8000-00000000abcd', role: 'teacher', fromOn: today }] }),
      ),
    );
    expect(unknown['body.institutions.0.institutionId']).toEqual({ label: '培训机构', message: '培训机构不存在' });
  });

  it('answers 409 naming 身份证号 for an ID number already in the pool', async () => {
    const idNumber = nextId();
    await create(officer, { idNumber });
    const res = await officer.post('/api/trainers', trainerInput({ idNumber }));
    expect(res.statusCode).toBe(409);
    expect(res.json().details.issues[0]).toMatchObject({ field: 'body.idNumber', label: '身份证号' });
  });

  it('updates with the version, keeps numbers that are left out, and refuses a stale version', async () => {
    const trainer = await create(officer);
    const { idNumber: _id, phone: _phone, ...rest } = trainerInput({ name: '王建华', engagement: 'full_time' });
    const res = await officer.put(`/api/trainers/${trainer.id}`, { ...rest, version: trainer.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      name: '王建华',
      engagement: 'full_time',
      idNumber: trainer.idNumber,
      phone: trainer.phone,
      version: 2,
    });
    const stale = await officer.put(`/api/trainers/${trainer.id}`, { ...rest, version: trainer.version });
    expect(stale.statusCode).toBe(409);
    const left = await officer.put(`/api/trainers/${trainer.id}`, { ...rest, version: 2, status: 'left' });
    expect(issuesOf(left)['body.leftOn']?.label).toBe('退出日期');
  });
});

describe('region and institution scope', () => {
  let own: TrainerDetail;
  let sibling: TrainerDetail;

  beforeAll(async () => {
    own = await create(officer, { name: '张城关' });
    sibling = await create(siblingOfficer, {
      idNumber: nextId('620103'),
      name: '刘七里',
      countyCode: '620103',
      institutions: [{ institutionId: otherInstitutionId, role: 'teacher', fromOn: addYears(today, -1) }],
    });
  });

  it('keeps a county officer to their county: another county’s trainer is OUT_OF_SCOPE and absent from lists', async () => {
    const res = await officer.get(`/api/trainers/${sibling.id}`);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('OUT_OF_SCOPE');
    const list = (await officer.get('/api/trainers?pageSize=200')).json() as { items: TrainerSummary[] };
    expect(list.items.map((i) => i.id)).toContain(own.id);
    expect(list.items.map((i) => i.id)).not.toContain(sibling.id);
    expect((await officer.get('/api/trainers?regionCode=620103')).statusCode).toBe(403);
    expect((await officer.post('/api/trainers', trainerInput({ countyCode: '620103' }))).statusCode).toBe(403);
  });

  it('lets the city reviewer and the province statistician read both counties', async () => {
    for (const client of [cityReviewer, statistician]) {
      const list = (await client.get('/api/trainers?pageSize=200')).json() as { items: TrainerSummary[] };
      expect(list.items.map((i) => i.id)).toEqual(expect.arrayContaining([own.id, sibling.id]));
    }
    const narrowed = (await cityReviewer.get('/api/trainers?regionCode=620103&pageSize=200')).json() as { items: TrainerSummary[] };
    expect(narrowed.items.every((i) => i.countyCode === '620103')).toBe(true);
  });

  it('shows an institution account only the trainers linked to its institution', async () => {
    const list = (await institutionUser.get('/api/trainers?pageSize=200')).json() as { items: TrainerSummary[] };
    expect(list.items.map((i) => i.id)).toContain(own.id);
    expect(list.items.map((i) => i.id)).not.toContain(sibling.id);
    expect((await institutionUser.get(`/api/trainers/${own.id}`)).statusCode).toBe(200);
    expect((await institutionUser.get(`/api/trainers/${sibling.id}`)).statusCode).toBe(403);
    expect((await institutionUser.get(`/api/trainers/${own.id}/may-teach?on=${today}`)).json()).toMatchObject({ allowed: true });
    expect((await institutionUser.post('/api/trainers', trainerInput())).json().code).toBe('FORBIDDEN');
  });

  it('refuses a registrar (no trainer rights)', async () => {
    expect((await registrar.get('/api/trainers')).json().code).toBe('FORBIDDEN');
  });

  it('filters by source, occupation and institution', async () => {
    const bySource = (await cityReviewer.get('/api/trainers?source=contest_winner&pageSize=200')).json() as { items: TrainerSummary[] };
    expect(bySource.items.length).toBeGreaterThan(0);
    expect(bySource.items.every((i) => i.sources.includes('contest_winner'))).toBe(true);
    const byOccupation = (await cityReviewer.get(`/api/trainers?occupation=${encodeURIComponent('按摩')}&pageSize=200`)).json() as {
      items: TrainerSummary[];
    };
    expect(byOccupation.items.every((i) => i.occupations.some((o) => o.includes('按摩')))).toBe(true);
    const byInstitution = (await cityReviewer.get(`/api/trainers?institutionId=${otherInstitutionId}&pageSize=200`)).json() as {
      items: TrainerSummary[];
    };
    expect(byInstitution.items.map((i) => i.id)).toEqual([sibling.id]);
  });
});

describe('unmask', () => {
  it('gives the full number to a reviewer, audited with the reason in the same request', async () => {
    const idNumber = nextId();
    const trainer = await create(officer, { idNumber });
    const before = await t.lastAuditSeq();
    const res = await cityReviewer.post(`/api/trainers/${trainer.id}/unmask`, { field: 'idNumber', reason: '核对师资身份' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ value: idNumber });
    const phone = await officer.post(`/api/trainers/${trainer.id}/unmask`, { field: 'phone', reason: '电话回访' });
    expect(phone.json()).toEqual({ value: '13919310001' });
    const rows = (await t.auditSince(before)).filter((r) => r.action === 'trainers.unmask');
    expect(rows).toEqual([
      expect.objectContaining({
        actor_name: 'lanzhou.shenhe',
        target_id: trainer.id,
        details: { field: 'idNumber', reason: '核对师资身份' },
      }),
      expect.objectContaining({ actor_name: 'chengguan.peixun', details: { field: 'phone', reason: '电话回访' } }),
    ]);
    expect(JSON.stringify(rows)).not.toContain(idNumber);
  });

  it('refuses a statistician and an empty reason', async () => {
    const trainer = await create(officer);
    expect((await statistician.post(`/api/trainers/${trainer.id}/unmask`, { field: 'idNumber', reason: '想看看' })).json().code).toBe(
      'FORBIDDEN',
    );
    expect(
      issuesOf(await officer.post(`/api/trainers/${trainer.id}/unmask`, { field: 'idNumber', reason: '' }))['body.reason']?.label,
    ).toBe('原因');
  });
});

describe('rotation records and the trainer-training base', () => {
  let baseId: string;

  it('lets only province staff designate the provincial trainer-training base', async () => {
    const body = { institutionId: centreId, designatedOn: '2022-06-01', note: '省级师资研修基地' };
    expect((await officer.post('/api/trainer-training-bases', body)).json().code).toBe('OUT_OF_SCOPE');
    const res = await provinceOfficer.post('/api/trainer-training-bases', body);
    expect(res.statusCode, res.body).toBe(200);
    baseId = res.json().id;
    expect(res.json()).toMatchObject({ institutionName: '兰州市残疾人职业技能培训中心', endedOn: null });
    expect((await provinceOfficer.post('/api/trainer-training-bases', body)).statusCode).toBe(409);
    const list = (await statistician.get('/api/trainer-training-bases')).json() as { items: { id: string }[] };
    expect(list.items.map((b) => b.id)).toContain(baseId);
  });

  it('starts a new five-year cycle with a passed rotation and keeps a failed one as history', async () => {
    const trainer = await create(officer, { joinedOn: '2017-03-01', institutions: [] });
    expect(trainer.rotation).toMatchObject({ state: 'overdue', dueDate: '2022-03-01' });
    const failed = await officer.post(`/api/trainers/${trainer.id}/rotations`, {
      startedOn: '2023-05-08',
      completedOn: '2023-05-12',
      hours: 40,
      baseId,
      topic: '无障碍教学方法',
      result: 'failed',
    });
    expect(failed.statusCode, failed.body).toBe(200);
    expect(failed.json().rotation.state).toBe('overdue');
    const before = await t.lastAuditSeq();
    const passed = await officer.post(`/api/trainers/${trainer.id}/rotations`, {
      startedOn: '2023-09-04',
      completedOn: '2023-09-08',
      hours: 40,
      baseId,
      topic: '无障碍教学方法',
      result: 'passed',
      serialNumber: 'GSSZ20230001',
    });
    expect(passed.statusCode, passed.body).toBe(200);
    const detail = passed.json() as TrainerDetail;
    expect(detail.rotation).toMatchObject({ cycleStart: '2023-09-08', dueDate: '2028-09-08', lastRotationOn: '2023-09-08' });
    expect(detail.rotations[0]).toMatchObject({
      providerName: '兰州市残疾人职业技能培训中心',
      result: 'passed',
      serialNumber: 'GSSZ20230001',
    });
    expect(detail.cycles.map((c) => c.outcome)).toEqual(['late', 'open']);
    expect(await t.auditSince(before)).toContainEqual(expect.objectContaining({ action: 'trainers.rotation_add', target_id: trainer.id }));
  });

  it('refuses a rotation that ends in the future, before it starts, or has no provider', async () => {
    const trainer = await create(officer);
    const issues = issuesOf(
      await officer.post(`/api/trainers/${trainer.id}/rotations`, {
        startedOn: today,
        completedOn: addDays(today, 3),
        hours: 40,
        topic: '轮训',
        result: 'passed',
      }),
    );
    expect(issues['body.completedOn']?.label).toBe('结业日期');
    expect(issues['body.providerName']?.label).toBe('培训举办单位');
    const beforeBase = issuesOf(
      await officer.post(`/api/trainers/${trainer.id}/rotations`, {
        startedOn: '2021-01-04',
        completedOn: '2021-01-08',
        hours: 40,
        baseId,
        topic: '轮训',
        result: 'passed',
      }),
    );
    expect(beforeBase['body.baseId']?.label).toBe('师资研修基地');
  });

  it('voids a wrong record with a reason and a correction, both kept and audited; the voided one no longer counts', async () => {
    const trainer = await create(officer, { joinedOn: '2019-03-01', institutions: [] });
    const added = (
      await officer.post(`/api/trainers/${trainer.id}/rotations`, {
        startedOn: '2024-03-04',
        completedOn: '2024-03-08',
        hours: 40,
        providerName: '中国残联师资研修班',
        topic: '轮训',
        result: 'passed',
      })
    ).json() as TrainerDetail;
    const rotationId = added.rotations[0]!.id;
    const before = await t.lastAuditSeq();
    const res = await officer.post(`/api/trainers/${trainer.id}/rotations/${rotationId}/void`, {
      reason: '结业日期录错',
      correction: {
        startedOn: '2024-03-11',
        completedOn: '2024-03-15',
        hours: 40,
        providerName: '中国残联师资研修班',
        topic: '轮训',
        result: 'passed',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json() as TrainerDetail;
    expect(detail.rotations).toHaveLength(2);
    expect(detail.rotations.find((r) => r.id === rotationId)).toMatchObject({ voidReason: '结业日期录错' });
    expect(detail.rotations.find((r) => r.id !== rotationId)).toMatchObject({ correctsId: rotationId, voidedAt: null });
    expect(detail.rotation.dueDate).toBe('2029-03-15');
    expect(await t.auditSince(before)).toContainEqual(
      expect.objectContaining({
        action: 'trainers.rotation_void',
        details: expect.objectContaining({ rotationId, reason: '结业日期录错' }),
      }),
    );
    const again = await officer.post(`/api/trainers/${trainer.id}/rotations/${rotationId}/void`, { reason: '再次作废' });
    expect(again.statusCode).toBe(409);
  });
});

describe('the five-year boundary with a fixed clock', () => {
  // 2029-02-28 is the due date of a trainer who joined on the leap day 2024-02-29
  const fixedToday = '2029-02-28';
  let service: TrainersService;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    service = new TrainersService(
      t.database.db,
      t.services.audit,
      t.services.regions,
      t.services.persons.crypto,
      t.services.persons,
      t.services.institutions,
      {
        dueSoonDays: 30,
        exportMaxRows: 1000,
        clock: () => new Date(`${fixedToday}T10:00:00+08:00`),
      },
    );
    const actor = provinceActor();
    // on the due date, one day overdue, due tomorrow, due in 30 and 31 days; county 620111 (红古区) keeps them apart
    const joined: Record<string, string> = {
      dueToday: '2024-02-29',
      overdueByOne: '2024-02-27',
      dueTomorrow: '2024-03-01',
      dueIn30: addYears(addDays(fixedToday, 30), -5),
      dueIn31: addYears(addDays(fixedToday, 31), -5),
    };
    for (const [key, joinedOn] of Object.entries(joined)) {
      const detail = await service.create(
        actor,
        contracts.trainerInput.parse(trainerInput({ idNumber: nextId('620111'), countyCode: '620111', institutions: [], joinedOn })),
        meta,
      );
      ids[key] = detail.id;
    }
    // rotated long ago, and the rotation itself restarted the cycle: due on 2029-03-10
    const rotated = await service.create(
      actor,
      contracts.trainerInput.parse(
        trainerInput({ idNumber: nextId('620111'), countyCode: '620111', institutions: [], joinedOn: '2015-01-01' }),
      ),
      meta,
    );
    await service.addRotation(
      actor,
      rotated.id,
      {
        startedOn: '2024-03-04',
        completedOn: '2024-03-10',
        hours: 40,
        baseId: null,
        providerName: '研修班',
        topic: '轮训',
        result: 'passed',
        serialNumber: null,
      },
      meta,
    );
    ids.rotated = rotated.id;
  });

  it('puts the trainer due today in due soon, not overdue; one day past the due date is overdue', async () => {
    const overdue = await service.dueList(provinceActor(), { regionCode: '620111', rotationState: 'overdue', page: 1, pageSize: 50 });
    expect(overdue.items.map((i) => i.id)).toEqual([ids.overdueByOne]);
    expect(overdue.items[0]!.rotation).toEqual({ state: 'overdue', dueDate: '2029-02-27', daysUntilDue: -1 });
    const soon = await service.dueList(provinceActor(), { regionCode: '620111', rotationState: 'due_soon', page: 1, pageSize: 50 });
    expect(soon.items.map((i) => i.id)).toEqual([ids.dueToday, ids.dueTomorrow, ids.rotated, ids.dueIn30]);
    expect(soon.items[0]!.rotation).toEqual({ state: 'due_soon', dueDate: '2029-02-28', daysUntilDue: 0 });
    expect(soon.items[1]!.rotation.dueDate).toBe('2029-03-01');
    const both = await service.dueList(provinceActor(), { regionCode: '620111', page: 1, pageSize: 50 });
    expect(both.items.map((i) => i.id)).toEqual([ids.overdueByOne, ids.dueToday, ids.dueTomorrow, ids.rotated, ids.dueIn30]);
    expect(both).toMatchObject({ total: 5, today: fixedToday, dueSoonDays: 30 });
    // a wider due-soon window takes in the one due in 31 days
    const wider = await service.dueList(provinceActor(), { regionCode: '620111', dueSoonDays: 31, page: 1, pageSize: 50 });
    expect(wider.items.map((i) => i.id)).toContain(ids.dueIn31);
  });

  it('answers may-teach on the day before, the day of and the day after the due date', async () => {
    const trainer = ids.dueToday!;
    expect(await service.mayTeach(trainer, '2029-02-27')).toMatchObject({ allowed: true, basis: 'in_cycle', dueDate: '2029-02-28' });
    expect(await service.mayTeach(trainer, '2029-02-28')).toMatchObject({ allowed: true, basis: 'in_cycle' });
    const after = await service.mayTeach(trainer, '2029-03-01');
    expect(after).toMatchObject({ allowed: false, basis: 'overdue', dueDate: '2029-02-28' });
    expect(after.reason).toContain('2029-02-28');
    const waived = await service.mayTeach(trainer, '2029-03-01', [
      { id: 'w1', validFrom: '2029-03-01', validTo: '2029-03-31', reason: '基地停训' },
    ]);
    expect(waived).toMatchObject({ allowed: true, basis: 'waiver', waiverId: 'w1' });
  });

  it('lists the rotation state in the trainer list at the fixed date', async () => {
    const list = await service.list(provinceActor(), {
      regionCode: '620111',
      status: 'active',
      page: 1,
      pageSize: 50,
      rotationState: 'overdue',
    });
    expect(list.items.map((i) => i.id)).toEqual([ids.overdueByOne]);
  });
});

describe('the due list and may-teach over HTTP', () => {
  it('answers may-teach with a reason, and a 400 naming the date when it is missing', async () => {
    const trainer = await create(officer, { joinedOn: '2020-05-10', institutions: [] });
    const before = (await officer.get(`/api/trainers/${trainer.id}/may-teach?on=2025-05-10`)).json();
    expect(before).toMatchObject({ trainerId: trainer.id, on: '2025-05-10', allowed: true, dueDate: '2025-05-10' });
    const after = (await officer.get(`/api/trainers/${trainer.id}/may-teach?on=2025-05-11`)).json();
    expect(after).toMatchObject({ allowed: false, basis: 'overdue' });
    expect(after.reason).toContain('须先参加师资轮训');
    const early = (await officer.get(`/api/trainers/${trainer.id}/may-teach?on=2020-05-09`)).json();
    expect(early).toMatchObject({ allowed: false, basis: 'not_joined' });
    const missing = await officer.get(`/api/trainers/${trainer.id}/may-teach`);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().details.issues[0].label).toBe('授课日期');
  });

  it('exports the due and overdue list masked, and audits the export', async () => {
    const idNumber = nextId();
    await create(officer, { idNumber, name: '赵逾期', joinedOn: '2018-01-01', institutions: [] });
    const before = await t.lastAuditSeq();
    const res = await officer.get('/api/trainers/rotation-due/export?rotationState=overdue');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['cache-control']).toBe('no-store');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map(String)));
    expect(rows[0]).toContain('轮训截止日');
    const mine = rows.find((r) => r[0] === '赵逾期')!;
    expect(mine).toContain('已逾期');
    expect(mine).toContain('2023-01-01');
    expect(JSON.stringify(rows)).not.toContain(idNumber);
    expect(rows.slice(1).every((r) => r[8] === '已逾期')).toBe(true);
    expect(await t.auditSince(before)).toContainEqual(
      expect.objectContaining({
        action: 'trainers.export',
        actor_name: 'chengguan.peixun',
        details: expect.objectContaining({ rows: rows.length - 1 }),
      }),
    );
  });
});

describe('may-teach for a class team, the registry link and the home page', () => {
  it('answers several trainers at once, and refuses the whole request when one is out of scope', async () => {
    const inCycle = await create(officer, { institutions: [] });
    const overdue = await create(officer, { joinedOn: '2018-06-01', institutions: [] });
    const res = await officer.post('/api/trainers/may-teach', { trainerIds: [inCycle.id, overdue.id], on: today });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((i: { trainerId: string; allowed: boolean }) => [i.trainerId, i.allowed])).toEqual([
      [inCycle.id, true],
      [overdue.id, false],
    ]);
    const other = await create(siblingOfficer, { idNumber: nextId('620103'), countyCode: '620103', institutions: [] });
    const refused = await officer.post('/api/trainers/may-teach', { trainerIds: [inCycle.id, other.id], on: today });
    expect(refused.json().code).toBe('OUT_OF_SCOPE');
    expect(issuesOf(await officer.post('/api/trainers/may-teach', { trainerIds: [], on: today }))['body.trainerIds']?.label).toBe('师资');
  });

  it('names 关联残疾人 when the linked registry person does not exist', async () => {
    const issues = issuesOf(await officer.post('/api/trainers', trainerInput({ personId: '00000000-0000-4000-8000-00000000beef' })));
    expect(issues['body.personId']).toEqual({ label: '关联残疾人', message: '实名库中没有该残疾人' });
  });

  it('shows the training officer how many trainers are overdue', async () => {
    const home = (await officer.get('/api/home')).json() as { tasks: { key: string; count: number; href: string }[] };
    const task = home.tasks.find((t) => t.key === 'trainers.overdue');
    expect(task).toMatchObject({ href: '/trainers/rotation-due' });
    expect(task!.count).toBeGreaterThan(0);
  });
});
