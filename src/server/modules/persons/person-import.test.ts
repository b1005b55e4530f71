import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../../shared/contracts/persons-contracts';
import { multipart } from '../../testing/multipart';
import { buildTestApp, type TestApp, type TestClient } from '../../testing/test-app';
import {
  csvText,
  gbk,
  goodRow,
  idNumber,
  inTemplateOrder,
  readErrorFile,
  templateHeaders,
  workbookParts,
  xlsx,
  zip,
  type FixtureCell,
  type FixtureRow,
} from './person-import-fixtures';
import { PERSON_IMPORT_JOB, PersonImportService } from './person-import.service';

let t: TestApp;
let chengguan: TestClient; // registrar of 城关区 620102
let qilihe: TestClient; // registrar of 七里河区 620103

beforeAll(async () => {
  t = await buildTestApp();
  [chengguan, qilihe] = await Promise.all([t.loginAs('chengguan.dengji'), t.loginAs('qilihe.dengji')]);
});
afterAll(() => t.close());

interface JobView {
  status: string;
  progress: number;
  total: number | null;
  result: ImportSummary | null;
  error: string | null;
}

let serial = 5000;
/** A good row nobody else in this file uses. */
const fresh = (overrides: FixtureRow = {}) => goodRow(serial++, overrides);
const rows = (items: FixtureRow[]): FixtureCell[][] => items.map((r) => inTemplateOrder(r));

async function upload(client: TestClient, filename: string, content: Buffer | string): Promise<string> {
  const { payload, headers } = multipart([{ filename, content }]);
  const res = await client.request({ method: 'POST', url: '/api/files', payload, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id as string;
}

function startImport(client: TestClient, fileId: string, strategy = 'create_and_update', dryRun = false) {
  return client.post('/api/persons/import', { fileId, strategy, dryRun });
}

/** Uploads, imports, waits for the job, and answers the job as its owner sees it. */
async function importFile(
  client: TestClient,
  filename: string,
  content: Buffer | string,
  options: { strategy?: 'create_only' | 'create_and_update'; dryRun?: boolean } = {},
): Promise<JobView & { jobId: string; fileId: string }> {
  const fileId = await upload(client, filename, content);
  const started = await startImport(client, fileId, options.strategy ?? 'create_and_update', options.dryRun ?? false);
  expect(started.statusCode, started.body).toBe(200);
  const { jobId } = started.json() as { jobId: string };
  await t.services.jobs.idle();
  const job = await client.get(`/api/jobs/${jobId}`);
  expect(job.statusCode).toBe(200);
  return { jobId, fileId, ...(job.json() as JobView) };
}

async function errorFile(client: TestClient, job: JobView) {
  const summary = job.result;
  expect(summary?.errorFileId, `an error file (job ${job.status}: ${job.error})`).toBeTruthy();
  const res = await client.get(`/api/files/${summary!.errorFileId}`);
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-disposition']).toContain(encodeURIComponent('导入错误明细'));
  return readErrorFile(res.rawPayload);
}

async function personCounts() {
  const count = async (table: 'person' | 'person_change' | 'person_employment') =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    person: await count('person'),
    person_change: await count('person_change'),
    person_employment: await count('person_employment'),
  };
}

function personByIndex(id: string) {
  return t.database.db
    .selectFrom('person')
    .selectAll()
    .where('id_number_index', '=', t.services.persons.crypto.blindIndex(id))
    .executeTakeFirst();
}

describe('the template', () => {
  it('has the instructions, the data sheet with headers only, text columns and drop-downs, and a hidden code sheet', async () => {
    const res = await chengguan.get('/api/persons/import/template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('导入模板'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => [s.name, s.state])).toEqual([
      ['填写说明', 'visible'],
      ['人员信息', 'visible'],
      ['代码表', 'hidden'],
    ]);
    const data = workbook.getWorksheet('人员信息')!;
    expect((data.getRow(1).values as unknown[]).slice(1)).toEqual(templateHeaders);
    expect(templateHeaders).toEqual([
      '身份证号*',
      '姓名*',
      '残疾人证号',
      '旧版证号(是/否)',
      '登记县区代码*',
      '户籍地代码*',
      '居住地代码',
      '城乡',
      '文化程度',
      '手机号',
      '就业状况',
      '就业形式',
      '培训意愿',
      '培训需求',
      '便利需求',
      '其他便利需求',
      '备注',
    ]);
    // no example rows: they would be imported
    expect(data.actualRowCount).toBe(1);
    // ID, certificate, region codes and phone are text, so Excel keeps every digit
    for (const header of ['身份证号*', '残疾人证号', '登记县区代码*', '户籍地代码*', '手机号']) {
      expect(data.getColumn(templateHeaders.indexOf(header) + 1).numFmt, header).toBe('@');
    }
    // (exceljs reads the ranges back cell by cell)
    const validations = (data as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } })
      .dataValidations.model;
    const listFor = (header: string) => validations[`${String.fromCharCode(65 + templateHeaders.indexOf(header))}5001`];
    for (const header of ['登记县区代码*', '城乡', '文化程度', '就业状况', '就业形式', '培训意愿', '便利需求', '旧版证号(是/否)']) {
      expect(listFor(header)?.type, header).toBe('list');
      expect(listFor(header)?.formulae[0], header).toMatch(/^'代码表'!\$[A-Z]+\$2:\$[A-Z]+\$\d+$/);
    }
    const codes = workbook.getWorksheet('代码表')!;
    const countyRows: string[] = [];
    codes.eachRow((row) => countyRows.push(`${row.getCell(1).value} ${row.getCell(2).value}`));
    expect(countyRows).toContain('620102 兰州市城关区');
    expect(countyRows).toContain('620103 兰州市七里河区');
    expect(countyRows).toContain('620171 兰州新区');
    const guide: string[] = [];
    workbook.getWorksheet('填写说明')!.eachRow((row) => guide.push((row.values as unknown[]).slice(1).join(' ')));
    const text = guide.join('\n');
    for (const fragment of [
      '每行填写一个人',
      '文本',
      '性别和出生日期由身份证号自动得出',
      '只新增',
      '新增并更新',
      '20 MB',
      '200,000 行',
      '就业技能培训',
    ]) {
      expect(text, fragment).toContain(fragment);
    }
  });

  it('imported untouched, says that there is no data', async () => {
    const template = (await chengguan.get('/api/persons/import/template')).rawPayload;
    const job = await importFile(chengguan, '模板.xlsx', template);
    expect(job.status).toBe('failed');
    expect(job.error).toBe('文件中只有列名，没有人员数据：请从第二行起每行填写一人');
  });

  it('filled in, imports (the sheet 人员信息 is found among the others)', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await chengguan.get('/api/persons/import/template')).rawPayload as unknown as ArrayBuffer);
    const row = fresh();
    workbook.getWorksheet('人员信息')!.addRow(inTemplateOrder(row));
    const job = await importFile(chengguan, '填好的模板.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(job.result).toMatchObject({ rows: 1, created: 1, refused: 0 });
  });
});

describe('rows', () => {
  it('take codes or labels, several values per cell, legacy and 15-digit numbers, and derive sex and birth date', async () => {
    const fifteen = '620102700101231'; // 15-digit legacy number: 1970-01-01, sequence 231 (odd: male)
    const items: FixtureRow[] = [
      fresh({ education: 'bachelor', urbanRural: 'rural', employmentStatus: 'employed', employmentForm: 'flexible' }),
      fresh({ countyCode: '620102 兰州市城关区', residenceRegionCode: '620103 兰州市七里河区', hukouRegionCode: '110101' }),
      fresh({
        countyCode: '城关区',
        trainingWishes: '高技能人才培训,就业技能培训',
        accommodations: '手语翻译、其他',
        accommodationOther: '需要导盲犬同行',
      }),
      { idNumber: fifteen, name: '阿卜杜·热合曼', countyCode: '620102', hukouRegionCode: '620102' },
      { ...fresh(), certificateNumber: 'GS-0012345', certificateLegacy: '是' },
      { ...fresh(), phone: 13912345678, education: '中专/职高' },
      {
        ...fresh(),
        idNumber: `${String(fresh().idNumber)
          .slice(0, 17)
          .replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))}`,
      },
    ];
    // the full-width row needs its own check character
    const wide = goodRow(serial++);
    items[6] = {
      ...wide,
      idNumber: String(wide.idNumber).replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)),
      certificateNumber: null,
    };
    const job = await importFile(chengguan, '多种写法.xlsx', await xlsx(rows(items)));
    expect(job.status, job.error ?? '').toBe('succeeded');
    expect(job.result).toMatchObject({ rows: 7, created: 7, refused: 0, errorFileId: null });

    const first = await personByIndex(String(items[0]!.idNumber));
    expect(first).toMatchObject({
      education: 'bachelor',
      urban_rural: 'rural',
      employment_status: 'employed',
      employment_form: 'flexible',
      county_code: '620102',
    });
    const second = await personByIndex(String(items[1]!.idNumber));
    expect(second).toMatchObject({ county_code: '620102', residence_region_code: '620103', hukou_region_code: '110101' });
    const third = await personByIndex(String(items[2]!.idNumber));
    expect(third).toMatchObject({
      training_wishes: ['employment_skills', 'high_skill'],
      accommodations: ['other', 'sign_language'],
      accommodation_other: '需要导盲犬同行',
    });
    const legacyId = `6201021970010123${1}`;
    const converted = await personByIndex(legacyId + (await import('../../../shared/domain/identity-number')).checkCharacter(legacyId));
    expect(converted).toMatchObject({ name: '阿卜杜·热合曼', sex: 'male', birth_date: '1970-01-01' });
    const legacy = await personByIndex(String(items[4]!.idNumber));
    expect(legacy).toMatchObject({ certificate_legacy: true, disability_category: null });
    const numericPhone = await personByIndex(String(items[5]!.idNumber));
    expect(numericPhone).toMatchObject({ phone: '13912345678', education: 'vocational' });
    expect(await personByIndex(String(wide.idNumber))).toBeTruthy();
    const certified = await personByIndex(String(items[0]!.idNumber));
    expect(certified?.disability_category).toBe(String(items[0]!.certificateNumber).slice(18, 19));
  });

  it('that break a rule are refused with row, column, masked value and the Chinese reason, while the good rows go in', async () => {
    const good = [fresh(), fresh()];
    const base = (overrides: FixtureRow) => fresh({ certificateNumber: null, ...overrides });
    const validId = String(fresh().idNumber);
    const cases: { row: FixtureRow; lines: [string, string | RegExp, string][] }[] = [
      {
        row: base({ idNumber: `${validId.slice(0, 17)}${validId[17] === '0' ? '1' : '0'}` }),
        lines: [['身份证号', /^620\*+\d\d$/, '身份证号校验码不正确，请核对']],
      },
      { row: base({ idNumber: '62010219900101123' }), lines: [['身份证号', /^620\*+23$/, '身份证号应为 18 位，当前为 17 位']] },
      {
        row: base({ idNumber: idNumber('620102', '19900230', 123) }),
        lines: [['身份证号', /^620\*+/, '身份证号中的出生日期不是有效日期']],
      },
      { row: base({ idNumber: idNumber('620102', '20301231', 123) }), lines: [['身份证号', /^620\*+/, '身份证号中的出生日期晚于今天']] },
      { row: base({ idNumber: '62010219900101123A' }), lines: [['身份证号', /^620\*+/, '身份证号前 17 位须为数字，最后一位为数字或 X']] },
      {
        row: base({ idNumber: 620102199001011200 }),
        lines: [['身份证号', /^620\*+00$/, '身份证号被 Excel 存成了数字，末几位已丢失；请把“身份证号”列设为文本格式，重新填写后再导入']],
      },
      {
        row: base({ idNumber: '6.20102E+17' }),
        lines: [
          ['身份证号', /\*/, '身份证号显示为科学计数法（6.20102E+17），末几位已丢失；请把“身份证号”列设为文本格式，重新填写后再导入'],
        ],
      },
      { row: base({ idNumber: null }), lines: [['身份证号', '', '请填写身份证号']] },
      { row: base({ name: null }), lines: [['姓名', '', '请填写姓名']] },
      { row: base({ name: '张三3' }), lines: [['姓名', '张三3', '姓名只能包含汉字、字母和间隔号“·”']] },
      { row: base({ name: '张\u202e三' }), lines: [['姓名', '张<U+202E>三', '姓名中含有控制字符或不可见字符']] },
      {
        row: base({ certificateNumber: `${idNumber('620102', '19800101', 111)}42` }),
        lines: [['残疾人证号', /^620\*+$/, '残疾人证号前 18 位须与身份证号一致']],
      },
      {
        row: base({ certificateNumber: 'self-89' }),
        lines: [['残疾人证号', /\*/, '残疾人证号应为 20 位（身份证号 + 残疾类别 + 残疾等级），当前为 6 位']],
      },
      { row: base({ certificateLegacy: '也许' }), lines: [['旧版证号(是/否)', '也许', '旧版证号请填写“是”或“否”']] },
      { row: base({ countyCode: '620100' }), lines: [['登记县区代码', '620100', '登记县区 620100 不是本省的县级单位']] },
      {
        row: base({ countyCode: '不存在区' }),
        lines: [['登记县区代码', '不存在区', '登记县区“不存在区”不是本省的县级单位，请填写 6 位代码或从下拉列表选择']],
      },
      { row: base({ countyCode: null }), lines: [['登记县区代码', '', '请填写登记县区代码']] },
      { row: base({ hukouRegionCode: '6201' }), lines: [['户籍地代码', '6201', '户籍地代码须为 6 位行政区划代码']] },
      { row: base({ hukouRegionCode: null }), lines: [['户籍地代码', '', '请填写户籍地代码']] },
      { row: base({ residenceRegionCode: '兰州' }), lines: [['居住地代码', '兰州', '居住地代码须为 6 位行政区划代码']] },
      { row: base({ phone: '1234' }), lines: [['手机号', /^\*+$/, '电话号码格式不正确：手机号为 11 位，固定电话须带区号']] },
      {
        row: base({ education: '博士' }),
        lines: [['文化程度', '博士', '文化程度“博士”不在可选范围内，可选：未上过学、小学、初中、高中、中专/职高、大专、本科、研究生']],
      },
      { row: base({ urbanRural: '郊区' }), lines: [['城乡', '郊区', '城乡“郊区”不在可选范围内，可选：城镇、农村']] },
      {
        row: base({ employmentStatus: '未就业', employmentForm: '灵活就业' }),
        lines: [['就业形式', '灵活就业', '未就业时不填写就业形式']],
      },
      {
        row: base({ trainingWishes: '就业技能培训、学开车' }),
        lines: [
          [
            '培训意愿',
            '就业技能培训、学开车',
            '培训意愿中的“学开车”不在可选范围内，可选：就业技能培训、岗位技能提升培训、创业创新培训、高技能人才培训、农村实用技术培训（多项用顿号“、”分隔）',
          ],
        ],
      },
      { row: base({ accommodations: '其他' }), lines: [['其他便利需求', '', '选择“其他”便利需求时请说明']] },
      { row: base({ remarks: '备'.repeat(1001) }), lines: [['备注', /^备{60}…$/, '备注最多 1000 个字，当前 1001 个字']] },
      { row: base({ countyCode: '620103' }), lines: [['登记县区代码', '620103', '不能登记本账号管辖范围以外（620103）的人员']] },
      {
        // two problems in one row: two lines
        row: base({ name: '李@', phone: '110' }),
        lines: [
          ['姓名', '李@', '姓名只能包含汉字、字母和间隔号“·”'],
          ['手机号', /^\*+$/, '电话号码格式不正确：手机号为 11 位，固定电话须带区号'],
        ],
      },
    ];
    const items = [good[0]!, ...cases.map((c) => c.row), good[1]!];
    const before = await personCounts();
    const job = await importFile(chengguan, '有问题的行.xlsx', await xlsx(rows(items)));
    expect(job.status, job.error ?? '').toBe('succeeded');
    expect(job.result).toMatchObject({ rows: items.length, created: 2, updated: 0, unchanged: 0, refused: cases.length });
    expect((await personCounts()).person).toBe(before.person + 2);

    const { header, lines } = await errorFile(chengguan, job);
    expect(header).toEqual(['行号', '列', '原值', '问题']);
    const expected = cases.flatMap((c, i) => c.lines.map((l) => ({ row: i + 3, line: l })));
    expect(lines).toHaveLength(expected.length);
    expected.forEach(({ row, line: [column, value, message] }, i) => {
      const [gotRow, gotColumn, gotValue, gotMessage] = lines[i]!;
      expect([gotRow, gotColumn, gotMessage], `line ${i + 2}`).toEqual([row, column, message]);
      if (value instanceof RegExp) expect(gotValue, `line ${i + 2}`).toMatch(value);
      else expect(gotValue, `line ${i + 2}`).toBe(value);
    });
    // the file leaves the system: no whole ID or certificate number in it
    for (const line of lines) expect(line.join(' ')).not.toMatch(/\d{15,}/);
  });

  it('a row with a cell Excel marked as an error names it', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('人员信息');
    sheet.addRow([...templateHeaders]);
    const row = sheet.addRow(inTemplateOrder(fresh()));
    row.getCell(templateHeaders.indexOf('姓名*') + 1).value = { error: '#N/A' } as ExcelJS.CellErrorValue;
    const job = await importFile(chengguan, '错误值.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    const { lines } = await errorFile(chengguan, job);
    expect(lines).toEqual([[2, '姓名', '#N/A', '单元格是 Excel 错误值 #N/A，请改为实际内容']]);
  });
});

describe('a dry run', () => {
  it('writes nothing and predicts what the real run then does, error lines included', async () => {
    const existing = fresh({ phone: '13800000001' });
    await importFile(chengguan, '先有的人.xlsx', await xlsx(rows([existing])));
    const twice = fresh();
    const items = [
      fresh(),
      { ...existing, phone: '13800000002' }, // updated
      { ...existing, phone: '13800000002' }, // the same person again: unchanged after the update
      twice,
      { ...twice }, // twice in one file: created once, then unchanged
      fresh({ name: '王5' }), // refused
      fresh({ countyCode: '620103' }), // refused: out of scope
    ];
    const file = await xlsx(rows(items));
    const before = await personCounts();
    const auditBefore = await t.lastAuditSeq();
    const dry = await importFile(chengguan, '试运行.xlsx', file, { dryRun: true });
    expect(dry.status, dry.error ?? '').toBe('succeeded');
    expect(dry.result).toMatchObject({ dryRun: true, rows: 7, created: 2, updated: 1, unchanged: 2, refused: 2 });
    expect(await personCounts()).toEqual(before);
    const audit = await t.auditSince(auditBefore);
    expect(audit.map((a) => [a.action, a.outcome, (a.details as { dryRun: boolean }).dryRun])).toEqual([
      ['persons.import', 'success', true],
    ]);

    const real = await importFile(chengguan, '正式.xlsx', file);
    const { dryRun: _a, errorFileId: _b, ...predicted } = dry.result!;
    const { dryRun: _c, errorFileId: _d, ...actual } = real.result!;
    expect(actual).toEqual(predicted);
    expect((await errorFile(chengguan, real)).lines).toEqual((await errorFile(chengguan, dry)).lines);
  });
});

describe('importing the same file twice', () => {
  it('changes nothing the second time', async () => {
    const file = await xlsx(rows([fresh(), fresh(), fresh({ employmentStatus: '已就业', employmentForm: '公益性岗位' })]));
    const first = await importFile(chengguan, '两次.xlsx', file);
    expect(first.result).toMatchObject({ created: 3 });
    const before = await personCounts();
    const second = await importFile(chengguan, '两次.xlsx', file);
    expect(second.result).toEqual({ dryRun: false, rows: 3, created: 0, updated: 0, unchanged: 3, refused: 0, errorFileId: null });
    expect(await personCounts()).toEqual(before);
  });
});

describe('strategies', () => {
  it('create_only leaves registered persons alone; create_and_update brings them up to date and records what changed', async () => {
    const person = fresh({ phone: '13700000001', education: '初中' });
    await importFile(chengguan, '原有.xlsx', await xlsx(rows([person])));
    const changed = await xlsx(rows([{ ...person, phone: '13700000002', education: '大专' }, fresh()]));

    const createOnly = await importFile(chengguan, '只新增.xlsx', changed, { strategy: 'create_only' });
    expect(createOnly.result).toMatchObject({ created: 1, updated: 0, unchanged: 1 });
    expect(await personByIndex(String(person.idNumber))).toMatchObject({ phone: '13700000001', education: 'junior', version: 1 });

    const update = await importFile(chengguan, '新增并更新.xlsx', changed, { strategy: 'create_and_update' });
    expect(update.result).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const row = await personByIndex(String(person.idNumber));
    expect(row).toMatchObject({ phone: '13700000002', education: 'college', version: 2 });
    const changes = await t.database.db
      .selectFrom('person_change')
      .selectAll()
      .where('person_id', '=', row!.id)
      .orderBy('changed_at')
      .execute();
    expect(changes.map((c) => [c.kind, [...c.fields].sort()])).toEqual([
      ['import', []],
      ['import', ['education', 'phone']],
    ]);
    expect(changes[1]!.source).toBe(`import:${update.jobId}:2`);
  });
});

describe('region scope', () => {
  it('refuses rows of another county, naming the column 登记县区代码', async () => {
    const job = await importFile(
      qilihe,
      '城关区的人.xlsx',
      await xlsx(rows([fresh(), goodRow(serial++, { countyCode: '620103', hukouRegionCode: '620103' })])),
    );
    expect(job.result).toMatchObject({ rows: 2, created: 1, refused: 1 });
    const { lines } = await errorFile(qilihe, job);
    expect(lines).toEqual([[2, '登记县区代码', '620102', '不能登记本账号管辖范围以外（620102）的人员']]);
  });

  it('refuses an ID number another county has registered, without saying more', async () => {
    const theirs = goodRow(serial++, { countyCode: '620103' });
    expect((await importFile(qilihe, '七里河.xlsx', await xlsx(rows([theirs])))).result).toMatchObject({ created: 1 });
    const job = await importFile(chengguan, '抢登.xlsx', await xlsx(rows([{ ...theirs, countyCode: '620102' }])));
    expect(job.result).toMatchObject({ refused: 1, created: 0, updated: 0 });
    const { lines } = await errorFile(chengguan, job);
    expect(lines).toEqual([
      [2, '身份证号', expect.stringMatching(/^620\*{13}\w\w$/), '该身份证号已在本账号管辖范围以外的县区登记，请联系上级残联'],
    ]);
    expect(await personByIndex(String(theirs.idNumber))).toMatchObject({ county_code: '620103', version: 1 });
  });
});

describe('CSV', () => {
  const people = () => [
    fresh({ name: '张三' }),
    fresh({ name: '李四' }),
    fresh({ name: '欧阳·娜娜', trainingNeeds: '想学"电商", 也想学面点' }),
  ];

  it.each([
    ['UTF-8 with BOM', (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
    ['UTF-8 without BOM', (text: string) => Buffer.from(text, 'utf8')],
    ['GBK', (text: string) => gbk(text)],
  ])('reads %s', async (_encoding, encode) => {
    const items = people();
    const job = await importFile(chengguan, '名单.csv', encode(csvText(rows(items))));
    expect(job.status, job.error ?? '').toBe('succeeded');
    expect(job.result).toMatchObject({ rows: 3, created: 3, refused: 0 });
    const stored = await Promise.all(items.map((i) => personByIndex(String(i.idNumber))));
    expect(stored.map((p) => p?.name)).toEqual(['张三', '李四', '欧阳·娜娜']);
    expect(stored[2]?.training_needs).toBe('想学"电商", 也想学面点');
  });

  it('the GBK fixture really is GBK (not valid UTF-8)', () => {
    expect(gbk('张三')).toEqual(Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk(csvText([])))).toThrow();
  });

  it('names the problem rows by their line in the file', async () => {
    const job = await importFile(chengguan, '问题.csv', csvText(rows([fresh(), fresh({ name: '' }), fresh()])));
    expect(job.result).toMatchObject({ created: 2, refused: 1 });
    expect((await errorFile(chengguan, job)).lines).toEqual([[3, '姓名', '', '请填写姓名']]);
  });
});

describe('files that are refused', () => {
  async function refusedAtStart(filename: string, content: Buffer) {
    const fileId = await upload(chengguan, filename, content);
    const res = await startImport(chengguan, fileId);
    return { status: res.statusCode, message: res.json().message as string };
  }

  it('a workbook with macros (.xlsm)', async () => {
    const parts = workbookParts({ macro: true });
    expect(await refusedAtStart('宏.xlsm', zip([...parts, { name: 'xl/vbaProject.bin', data: Buffer.alloc(512, 1) }]))).toEqual({
      status: 415,
      message: '文件含有宏（VBA 代码），为安全起见不能导入。请另存为不含宏的“Excel 工作簿（.xlsx）”后再导入',
    });
    // renamed to .xlsx, and the macro part hidden: the content type still gives it away
    expect((await refusedAtStart('改名.xlsx', zip(parts))).message).toContain('宏');
  });

  it('a zip bomb, by its declared sizes, before anything is inflated', async () => {
    const big = { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(4 * 1024 * 1024, 0x20) };
    const ratio = await refusedAtStart('炸弹.xlsx', zip([...workbookParts().slice(0, 3), big]));
    expect(ratio.status).toBe(415);
    expect(ratio.message).toMatch(/^文件其中一个部件解压后放大 \d+ 倍，疑似“压缩炸弹”，已拒绝导入/);
    const huge = await refusedAtStart(
      '大炸弹.xlsx',
      zip([...workbookParts(), { name: 'xl/media/a.bin', data: Buffer.alloc(10), declaredSize: 300 * 1024 * 1024 }]),
    );
    expect(huge.message).toMatch(/^文件解压后超过 200 MB，疑似“压缩炸弹”/);
  });

  it('a zip bomb whose directory lies about the sizes, when the job inflates it', async () => {
    const sheet = workbookParts()[3]!;
    const lying = {
      name: sheet.name,
      data: Buffer.concat([sheet.data, Buffer.alloc(3 * 1024 * 1024, 0x20)]),
      declaredSize: sheet.data.length,
    };
    const job = await importFile(chengguan, '说谎.xlsx', zip([...workbookParts().slice(0, 3), lying]));
    expect(job.status).toBe('failed');
    expect(job.error).toBe('文件解压后的实际大小超过了文件自己声明的大小，疑似“压缩炸弹”，已拒绝导入。正常的导入文件解压后不会这么大');
  });

  it('a zip that is not a workbook, and a PNG renamed .xlsx', async () => {
    expect(await refusedAtStart('资料.xlsx', zip([{ name: 'readme.txt', data: Buffer.from('hello') }]))).toEqual({
      status: 415,
      message: '这是一个压缩包，但不是 Excel 工作簿（.xlsx）。请上传 .xlsx 或 .csv 文件',
    });
    expect((await refusedAtStart('文档.xlsx', zip([{ name: 'word/document.xml', data: Buffer.from('<w/>') }]))).message).toContain(
      'Word 文档',
    );
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from('0000000dIHDR'),
      Buffer.alloc(64, 7),
    ]);
    expect(await refusedAtStart('照片.xlsx', png)).toEqual({
      status: 415,
      message: '只能导入 Excel 工作簿（.xlsx）或 CSV 文件；按文件内容判断，这个文件两者都不是',
    });
  });

  it('someone else’s upload, as if it did not exist', async () => {
    const fileId = await upload(qilihe, '别人的.csv', csvText(rows([fresh()])));
    const res = await startImport(chengguan, fileId);
    expect(res.statusCode).toBe(404);
  });

  it.each([
    ['a missing required column', templateHeaders.filter((h) => h !== '姓名*'), '缺少必填列：姓名'],
    ['an unknown column', [...templateHeaders, '血型'], '无法识别的列：“血型”'],
    ['a column twice', [...templateHeaders, '手机号码'], '重复的列：手机号'],
  ])('a header row with %s', async (_what, headers, fragment) => {
    const job = await importFile(chengguan, '列名.csv', csvText([], headers));
    expect(job.status).toBe('failed');
    expect(job.error).toContain(fragment);
    expect(job.error).toContain('请下载导入模板');
  });

  it('an empty file', async () => {
    const job = await importFile(chengguan, '空.csv', '\r\n\r\n');
    expect(job.status).toBe('failed');
    expect(job.error).toBe('文件是空的：第一行应为列名（身份证号、姓名……），从第二行起每行填写一人');
  });

  it('headers in another order, with spaces and without stars, are fine', async () => {
    const headers = ['手机号', ' 姓名 ', '身份证号', '登记县区代码', '户籍地代码', '序号'];
    const person = fresh();
    const job = await importFile(
      chengguan,
      '乱序.csv',
      csvText([[person.phone!, person.name!, person.idNumber!, '620102', '620102', 1]], headers),
    );
    expect(job.result).toMatchObject({ created: 1, refused: 0 });
  });
});

describe('progress', () => {
  it('is observable through GET /api/jobs/:id while the import runs', async () => {
    // batches of 500 whatever the database (the app uses 5,000 on PostgreSQL), with the app's pause on PGlite
    const s = t.services;
    const small = new PersonImportService(t.database.db, s.persons, s.regions, s.files, s.jobs, s.audit, t.config, {
      batchSize: 500,
      pauseBetweenBatchesMs: t.database.kind === 'pglite' ? 10 : 0,
    });
    s.jobs.register(PERSON_IMPORT_JOB, (context) => small.run(context));
    try {
      const items = Array.from({ length: 5000 }, () => fresh());
      const fileId = await upload(chengguan, '进度.csv', csvText(rows(items)));
      const { jobId } = (await startImport(chengguan, fileId)).json() as { jobId: string };
      const seen: JobView[] = [];
      for (;;) {
        const job = (await chengguan.get(`/api/jobs/${jobId}`)).json() as JobView;
        seen.push(job);
        if (job.status === 'succeeded' || job.status === 'failed') break;
        await new Promise((r) => setTimeout(r, 5));
      }
      const running = seen.filter((j) => j.status === 'running' && j.total === 5000);
      expect(
        running.some((j) => j.progress > 0 && j.progress < 5000),
        JSON.stringify(seen.map((j) => [j.status, j.progress])),
      ).toBe(true);
      const progress = seen.map((j) => j.progress);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      expect(seen.at(-1)).toMatchObject({ status: 'succeeded', progress: 5000, total: 5000, result: { created: 5000 } });
    } finally {
      s.jobs.register(PERSON_IMPORT_JOB, (context) => s.personImport.run(context));
    }
  });
});

describe('the audit trail', () => {
  it('has one row per run, with counts and no personal data', async () => {
    const since = await t.lastAuditSeq();
    const job = await importFile(chengguan, '审计.xlsx', await xlsx(rows([fresh(), fresh({ name: '1' })])));
    const audit = await t.auditSince(since);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'persons.import',
      outcome: 'success',
      actor_name: 'chengguan.dengji',
      region_code: '620102',
      target_type: 'job',
      target_id: job.jobId,
    });
    expect(audit[0]!.details).toEqual({
      fileId: job.fileId,
      strategy: 'create_and_update',
      dryRun: false,
      rows: 2,
      created: 1,
      updated: 0,
      unchanged: 0,
      refused: 1,
      errorFileId: job.result!.errorFileId,
    });
  });

  it('records a failed run as a failure', async () => {
    const since = await t.lastAuditSeq();
    await importFile(chengguan, '失败.csv', csvText([], ['姓名']));
    const audit = await t.auditSince(since);
    expect(audit.map((a) => [a.action, a.outcome])).toEqual([['persons.import', 'failure']]);
    expect((audit[0]!.details as { reason: string }).reason).toContain('缺少必填列：身份证号');
  });
});

describe('the error file', () => {
  it('belongs to the person who ran the import', async () => {
    const job = await importFile(chengguan, '归属.csv', csvText(rows([fresh({ name: '' })])));
    expect((await qilihe.get(`/api/files/${job.result!.errorFileId}`)).statusCode).toBe(404);
    expect((await qilihe.get(`/api/jobs/${job.jobId}`)).statusCode).toBe(404);
  });

  it('escapes what a spreadsheet would run as a formula', async () => {
    const job = await importFile(chengguan, '公式.csv', csvText(rows([fresh({ name: '=HYPERLINK("http://evil")' })])));
    const { lines } = await errorFile(chengguan, job);
    expect(lines[0]![2]).toBe(`'=HYPERLINK("http://evil")`);
  });
});
