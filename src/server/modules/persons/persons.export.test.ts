import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonDetail } from '../../../shared/contracts/persons-contracts';
import { checkCharacter } from '../../../shared/domain/identity-number';
import { ageOn, todayInChina } from '../../../shared/domain/person-validation';
import { buildTestApp, type TestApp, type TestClient } from '../../testing/test-app';

function makeId(region: string, birth: string, sequence: string): string {
  const first17 = `${region}${birth}${sequence}`;
  return first17 + checkCharacter(first17);
}

const header = [
  '姓名',
  '性别',
  '出生日期',
  '年龄',
  '身份证号',
  '残疾人证号',
  '残疾类别',
  '残疾等级',
  '登记县区',
  '户籍地',
  '城乡',
  '文化程度',
  '就业状况',
  '培训意愿',
  '便利需求',
];
const EXPORT_MAX = 8;

let t: TestApp;
let registrar: TestClient; // chengguan.dengji
let sibling: TestClient; // qilihe.dengji
let cityReviewer: TestClient; // lanzhou.shenhe: persons.export_full
let statistician: TestClient; // sheng.tongji: persons.export, not export_full
let trainingOfficer: TestClient;
/** the four persons of category 4 in 城关区, by ID number */
const category4 = new Map<string, PersonDetail>();
let formulaPerson: PersonDetail;

async function workbookRows(res: LightMyRequestResponse): Promise<{ values: unknown[]; types: number[] }[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: { values: unknown[]; types: number[] }[] = [];
  sheet.eachRow((row) => {
    const values: unknown[] = [];
    const types: number[] = [];
    for (let c = 1; c <= header.length; c++) {
      const cell = row.getCell(c);
      values.push(cell.value);
      types.push(cell.type);
    }
    rows.push({ values, types });
  });
  return rows;
}

async function exportOf(client: TestClient, query: string) {
  const res = await client.get(`/api/persons/export?${query}`);
  expect(res.statusCode, res.statusCode === 200 ? '' : res.body).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.headers['content-disposition']).toContain('attachment');
  return { res, rows: await workbookRows(res) };
}

async function lastExportAudit() {
  return t.database.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'persons.export')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
}

beforeAll(async () => {
  t = await buildTestApp({ env: { PERSONS_EXPORT_MAX_ROWS: String(EXPORT_MAX) } });
  [registrar, sibling, cityReviewer, statistician, trainingOfficer] = await Promise.all([
    t.loginAs('chengguan.dengji'),
    t.loginAs('qilihe.dengji'),
    t.loginAs('lanzhou.shenhe'),
    t.loginAs('sheng.tongji'),
    t.loginAs('chengguan.peixun'),
  ]);
  // ten persons in 城关区 (more than the export limit), four of them of category 4
  for (let n = 0; n < 10; n++) {
    const id = makeId('620102', `19${60 + n}0${(n % 9) + 1}15`, String(101 + n * 2));
    const category = n < 4 ? '4' : '1';
    const res = await registrar.post('/api/persons', {
      idNumber: id,
      certificateNumber: `${id}${category}${(n % 4) + 1}`,
      name: `导出${'一二三四五六七八九十'[n]}`,
      countyCode: '620102',
      hukouRegionCode: n % 2 ? '620102' : '620103',
      urbanRural: 'urban',
      education: 'junior',
      trainingWishes: ['employment_skills', 'on_the_job'],
      accommodations: n === 0 ? ['large_print', 'sign_language'] : [],
    });
    expect(res.statusCode, res.body).toBe(200);
    if (category === '4') category4.set(id, res.json());
  }
  formulaPerson = [...category4.values()][0]!;
  // a name from old data that a spreadsheet would run as a formula
  await t.database.db
    .updateTable('person')
    .set({ name: '=HYPERLINK("http://x.example","点我")' })
    .where('id', '=', formulaPerson.id)
    .execute();
  const other = makeId('620103', '19700101', '301');
  const res = await sibling.post('/api/persons', {
    idNumber: other,
    name: '七里河甲',
    countyCode: '620103',
    hukouRegionCode: '620103',
    certificateNumber: `${other}41`,
  });
  expect(res.statusCode).toBe(200);
});
afterAll(() => t.close());

describe('export', () => {
  it('is masked by default, with the agreed columns, numbers as numbers, audited with count and filters', async () => {
    const { rows } = await exportOf(registrar, 'disabilityCategory=4&sort=birthDate&order=asc');
    expect(rows[0]!.values).toEqual(header);
    const data = rows.slice(1);
    expect(data).toHaveLength(4);
    for (const row of data) {
      expect(row.values[4]).toMatch(/^620\*{13}[\dX]{2}$/);
      expect(row.values[5]).toBe(`620${'*'.repeat(17)}`);
      expect(row.values[6]).toBe('肢体残疾');
      expect(row.values[8]).toBe('城关区');
      expect(row.types[3]).toBe(ExcelJS.ValueType.Number);
      expect(typeof row.values[3]).toBe('number');
    }
    const first = data.find((r) => r.values[1] === '女' || r.values[1] === '男')!;
    expect(first.values[3]).toBe(ageOn(String(first.values[2]), todayInChina()));
    const birthDates = data.map((r) => String(r.values[2]));
    expect(birthDates).toEqual([...birthDates].sort());
    const wishes = data.map((r) => r.values[13]);
    expect(wishes[0]).toBe('就业技能培训、岗位技能提升培训');
    expect(data.map((r) => r.values[14])).toContain('手语翻译、大字材料');
    expect(data.map((r) => r.values[9])).toEqual(expect.arrayContaining(['兰州市城关区', '兰州市七里河区']));
    for (const id of category4.keys()) expect(JSON.stringify(rows)).not.toContain(id.slice(3, 16));

    const audit = await lastExportAudit();
    expect(audit).toMatchObject({ outcome: 'success', actor_name: 'chengguan.dengji', region_code: '620102' });
    expect(audit.details).toMatchObject({ rows: 4, full: false, filters: { disabilityCategory: '4', sort: 'birthDate', order: 'asc' } });
  });

  it('escapes a cell a spreadsheet would run as a formula', async () => {
    const { rows } = await exportOf(registrar, 'disabilityCategory=4');
    const names = rows.slice(1).map((r) => r.values[0]);
    expect(names).toContain('\'=HYPERLINK("http://x.example","点我")');
    for (const row of rows) expect(row.types).not.toContain(ExcelJS.ValueType.Formula);
  });

  it('records a name filter as present, never the name typed', async () => {
    await exportOf(registrar, `q=${encodeURIComponent('导出')}&disabilityCategory=4`);
    const audit = await lastExportAudit();
    expect(audit.details).toMatchObject({ filters: { nameFilter: true } });
    expect(JSON.stringify(audit.details)).not.toContain('导出');
  });

  it('refuses a full export to a registrar (no persons.export_full), audited as denied', async () => {
    const res = await registrar.get('/api/persons/export?full=true&reason=%E6%A0%B8%E5%AF%B9&disabilityCategory=4');
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
    const row = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('request_id', '=', res.json().requestId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ action: 'persons.export', outcome: 'denied', actor_name: 'chengguan.dengji' });
  });

  it('refuses a full export to a statistician too, who still gets the masked one', async () => {
    const full = await statistician.get('/api/persons/export?full=true&reason=%E7%BB%9F%E8%AE%A1&disabilityCategory=4');
    expect(full.statusCode).toBe(403);
    const { rows } = await exportOf(statistician, 'disabilityCategory=4&regionCode=620102');
    expect(rows).toHaveLength(5);
    expect(rows[1]!.values[4]).toMatch(/\*{13}/);
  });

  it('needs a reason for a full export', async () => {
    const res = await cityReviewer.get('/api/persons/export?full=true&disabilityCategory=4');
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues).toEqual([{ field: 'query.reason', label: '原因', message: '完整导出须填写原因' }]);
  });

  it('gives the reviewer the full numbers with a reason, audited as full with the reason', async () => {
    const { rows } = await exportOf(
      cityReviewer,
      `full=true&reason=${encodeURIComponent('就业援助名单核对')}&disabilityCategory=4&regionCode=620102`,
    );
    expect(rows.slice(1)).toHaveLength(4);
    const ids = rows.slice(1).map((r) => String(r.values[4]));
    expect(ids.sort()).toEqual([...category4.keys()].sort());
    for (const row of rows.slice(1)) expect(String(row.values[5])).toMatch(new RegExp(`^${row.values[4]}4[1-4]$`));
    const audit = await lastExportAudit();
    expect(audit).toMatchObject({
      actor_name: 'lanzhou.shenhe',
      region_code: '620100',
      details: { rows: 4, full: true, reason: '就业援助名单核对' },
    });
    expect(JSON.stringify(audit.details)).not.toMatch(/\d{17}/);
  });

  it('stays in the actor’s scope', async () => {
    const { rows } = await exportOf(sibling, '');
    expect(rows.slice(1).map((r) => r.values[0])).toEqual(['七里河甲']);
    const refused = await sibling.get('/api/persons/export?regionCode=620102');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('OUT_OF_SCOPE');
    const forbidden = await trainingOfficer.get('/api/persons/export');
    expect(forbidden.statusCode).toBe(403);
  });

  it('refuses a selection above the export limit with a message to narrow it', async () => {
    const before = await lastExportAudit();
    const res = await registrar.get('/api/persons/export');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe(`筛选结果超过单次导出上限 ${EXPORT_MAX} 条，请按县区或其他条件缩小范围后分批导出`);
    expect((await lastExportAudit()).seq).toBe(before.seq);
  });
});
