import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { type ImportColumnKey, mapRow, matchHeaders, type RawCell } from './person-import-columns';
import { csvText, gbk, goodRow, inTemplateOrder, templateHeaders, workbookParts, xlsx, xlsxStreamed, zip } from './person-import-fixtures';
import {
  checkImportFile,
  csvRecords,
  csvSeparator,
  decodeCsv,
  defaultFileLimits,
  openImportTable,
  type SheetRow,
} from './person-import-reader';

const limits = { ...defaultFileLimits, maxRows: 1000 };

async function all(rows: AsyncIterable<SheetRow>): Promise<SheetRow[]> {
  const out: SheetRow[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

function refusal(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('not refused');
}

async function asyncRefusal(run: () => Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('not refused');
}

describe('CSV records', () => {
  it('follow RFC 4180: quotes, doubled quotes, line breaks inside quotes, CRLF, LF and CR', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","two\nlines"\n1,,3\r4,5,6';
    expect([...csvRecords(text)]).toEqual([
      { rowNumber: 1, values: ['a', 'b', 'c'] },
      { rowNumber: 2, values: ['x, y', 'say "hi"', 'two\nlines'] },
      { rowNumber: 3, values: ['1', '', '3'] },
      { rowNumber: 4, values: ['4', '5', '6'] },
    ]);
  });

  it('end cleanly with or without a final line break', () => {
    expect([...csvRecords('a,b\n')]).toEqual([{ rowNumber: 1, values: ['a', 'b'] }]);
    expect([...csvRecords('a,b')]).toEqual([{ rowNumber: 1, values: ['a', 'b'] }]);
  });

  it('use the separator of the first line: comma, semicolon or tab', () => {
    expect(csvSeparator('身份证号*,姓名*;x\r\n')).toBe(',');
    expect(csvSeparator('身份证号*;姓名*;登记县区代码*\n1;2;3')).toBe(';');
    expect(csvSeparator('身份证号*\t姓名*\t登记县区代码*')).toBe('\t');
    expect([...csvRecords('a\t"b\tc"\n1\t2', '\t')].map((r) => r.values)).toEqual([
      ['a', 'b\tc'],
      ['1', '2'],
    ]);
  });

  it('name the row of an unclosed quote', () => {
    expect(refusal(() => [...csvRecords('a,b\n1,"open\n2,3\n')])).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'CSV 文件第 2 行起的引号没有配对，请检查该行',
    });
  });
});

describe('CSV encoding', () => {
  it('is UTF-8 with or without BOM, else GBK', () => {
    expect(decodeCsv(Buffer.from('\ufeff姓名,张三', 'utf8'))).toEqual({ text: '姓名,张三', encoding: 'utf-8' });
    expect(decodeCsv(Buffer.from('姓名,张三', 'utf8'))).toEqual({ text: '姓名,张三', encoding: 'utf-8' });
    expect(decodeCsv(gbk('姓名,张三'))).toEqual({ text: '姓名,张三', encoding: 'gbk' });
  });

  it('refuses bytes that are neither, and a BOM that lies', () => {
    expect(refusal(() => decodeCsv(Buffer.from([0x41, 0x81, 0x20, 0x42])))).toMatchObject({
      code: 'UNSUPPORTED_FILE',
      message: expect.stringContaining('既不是 UTF-8 也不是 GBK'),
    });
    expect(refusal(() => decodeCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), gbk('张三')])))).toMatchObject({
      message: expect.stringContaining('不是有效的 UTF-8'),
    });
  });
});

describe('an .xlsx', () => {
  it('keeps every Chinese character, also where one straddles two inflated chunks (exceljs decodes chunk by chunk)', async () => {
    const names = Array.from(
      { length: 3000 },
      (_, i) => `${'赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨'[i % 16]}${'一二三四五六七八九十'.repeat(3).slice(i % 10, (i % 10) + 1 + (i % 7))}`,
    );
    const rows = names.map((name, i) => inTemplateOrder(goodRow(i, { name, remarks: '备注：'.repeat(1 + (i % 5)) })));
    for (const file of [await xlsx(rows), await xlsxStreamed(rows.length, (i) => rows[i]!)]) {
      const table = await openImportTable(file, 'application/zip', { ...limits, maxRows: 5000 });
      const read = await all(table.rows);
      expect(read.map((r) => r.cells.get('name'))).toEqual(names);
      expect(read.some((r) => JSON.stringify([...r.cells]).includes('\ufffd'))).toBe(false);
    }
  });

  it('reads every time a workbook whose sheets come before its shared strings, as Excel orders them (exceljs alone sometimes drops such a sheet)', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => inTemplateOrder(goodRow(i)));
    const file = await xlsx(rows, { before: [{ name: '说明', rows: [['请看填写说明']] }] });
    for (let i = 0; i < 30; i++) {
      expect(await all((await openImportTable(file, 'application/zip', limits)).rows)).toHaveLength(50);
    }
  });

  it('takes the sheet 人员信息 whatever its position, else the first visible sheet', async () => {
    const row = inTemplateOrder(goodRow(1));
    const named = await xlsx([row], { before: [{ name: '封面', rows: [['说明']] }] });
    expect((await all((await openImportTable(named, 'application/zip', limits)).rows)).map((r) => r.rowNumber)).toEqual([2]);
    const other = await xlsx([row], { sheetName: 'Sheet1' });
    expect(await all((await openImportTable(other, 'application/zip', limits)).rows)).toHaveLength(1);
  });

  it('finds the sheet when its relationship target is absolute (openpyxl) and it is the last part, with no shared strings (an exceljs bug loses that one)', async () => {
    const inline = (cells: string[], r: number) =>
      `<row r="${r}">${cells.map((c, i) => `<c r="${String.fromCharCode(65 + i)}${r}" t="inlineStr"><is><t>${c}</t></is></c>`).join('')}</row>`;
    const sheet = (rows: string[][]) =>
      Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.map(inline).join('')}</sheetData></worksheet>`,
      );
    const person = goodRow(3);
    const [types] = workbookParts();
    const file = zip([
      types!,
      {
        name: 'xl/workbook.xml',
        data: Buffer.from(
          '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="说明" sheetId="1" r:id="rId1"/><sheet name="人员信息" sheetId="2" r:id="rId2"/></sheets></workbook>',
        ),
      },
      {
        name: 'xl/_rels/workbook.xml.rels',
        data: Buffer.from(
          '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/></Relationships>',
        ),
      },
      { name: 'xl/worksheets/sheet1.xml', data: sheet([['这是说明']]) },
      {
        name: 'xl/worksheets/sheet2.xml',
        data: sheet([
          ['身份证号', '姓名', '登记县区代码', '户籍地代码'],
          [String(person.idNumber), String(person.name), '620102', '620102'],
        ]),
      },
    ]);
    const [row] = await all((await openImportTable(file, 'application/zip', limits)).rows);
    expect(row?.cells.get('idNumber')).toBe(person.idNumber);
  });

  it('skips blank rows and keeps Excel’s row numbers', async () => {
    const file = await xlsx([inTemplateOrder(goodRow(1)), [], [null, ' '], inTemplateOrder(goodRow(2))]);
    expect((await all((await openImportTable(file, 'application/zip', limits)).rows)).map((r) => r.rowNumber)).toEqual([2, 5]);
  });

  it('hands over numbers as numbers, so the import can tell a mangled ID number', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('人员信息');
    sheet.addRow(['身份证号', '姓名', '登记县区代码', '户籍地代码', '手机号']);
    sheet.addRow([620102199001011200, '张三', 620102, 620102, 13912345678]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const [row] = await all((await openImportTable(file, 'application/zip', limits)).rows);
    expect([...row!.cells.values()]).toEqual([620102199001011200, '张三', 620102, 620102, 13912345678]);
  });
});

describe('limits', () => {
  it('refuse more rows than IMPORT_MAX_ROWS before any row is read, in CSV and .xlsx', async () => {
    const rows = Array.from({ length: 6 }, (_, i) => inTemplateOrder(goodRow(i)));
    const message = '文件有 6 行数据，超过单次导入上限 5 行。请拆分成几个文件分批导入';
    expect(await asyncRefusal(() => openImportTable(Buffer.from(csvText(rows)), 'text/plain', { ...limits, maxRows: 5 }))).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      message,
    });
    expect(await asyncRefusal(async () => openImportTable(await xlsx(rows), 'application/zip', { ...limits, maxRows: 5 }))).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      message,
    });
    expect(await all((await openImportTable(Buffer.from(csvText(rows)), 'text/plain', { ...limits, maxRows: 6 })).rows)).toHaveLength(6);
  });

  it('refuse a container with too many parts', () => {
    const parts = [...workbookParts(), ...Array.from({ length: 1001 }, (_, i) => ({ name: `xl/media/${i}.bin`, data: Buffer.from('x') }))];
    expect(refusal(() => checkImportFile(zip(parts), 'application/zip')).message).toBe(
      '压缩包内有 1005 个部件，不像正常的 Excel 工作簿，已拒绝导入',
    );
  });
});

describe('zip containers that are not what they say', () => {
  const broken = '文件不是完整的 Excel 工作簿（压缩结构已损坏或不受支持）。请用 Excel 或 WPS 打开后另存为“Excel 工作簿（.xlsx）”再导入';

  it('a truncated file, and bytes between the entries, are refused', () => {
    const good = zip(workbookParts());
    expect(refusal(() => checkImportFile(good.subarray(0, good.length - 10), 'application/zip')).message).toBe(broken);
    // an entry the directory does not list, hidden between two listed ones
    const parts = workbookParts();
    const first = zip(parts.slice(0, 1));
    const directoryStart = first.readUInt32LE(first.length - 6);
    const smuggled = Buffer.concat([
      first.subarray(0, directoryStart),
      Buffer.from('PK\u0003\u0004 hidden macro'),
      first.subarray(directoryStart),
    ]);
    expect(refusal(() => checkImportFile(smuggled, 'application/zip')).message).toBe(broken);
  });

  it('an encrypted entry', () => {
    const file = zip(workbookParts());
    // set the "encrypted" flag of the first directory entry
    const directoryStart = file.readUInt32LE(file.length - 6);
    file.writeUInt16LE(file.readUInt16LE(directoryStart + 8) | 1, directoryStart + 8);
    expect(refusal(() => checkImportFile(file, 'application/zip')).message).toBe('文件已加密，请取消密码保护后再导入');
  });

  it('a binary workbook (.xlsb)', () => {
    expect(refusal(() => checkImportFile(zip([{ name: 'xl/workbook.bin', data: Buffer.from('x') }]), 'application/zip')).message).toContain(
      '.xlsb',
    );
  });

  it('stored (uncompressed) entries are fine', () => {
    expect(checkImportFile(zip(workbookParts().map((p) => ({ ...p, method: 0 as const }))), 'application/zip')).toBe('xlsx');
  });
});

describe('headers', () => {
  it('match by name in any order, with aliases, full-width brackets and spaces; 序号 is ignored', () => {
    const match = matchHeaders(['序号', ' 姓名 ', '身份证号码', '旧版证号（是/否）', '登记县区', '户籍地代码＊', null]);
    expect(match).toEqual({ ok: true, columns: [null, 'name', 'idNumber', 'certificateLegacy', 'countyCode', 'hukouRegionCode', null] });
  });

  it('refuse missing, unknown and repeated columns in one message', () => {
    const match = matchHeaders(['姓名', '姓名', '血型']);
    expect(match).toEqual({
      ok: false,
      message:
        '第一行应为导入模板中的列名。缺少必填列：身份证号、登记县区代码、户籍地代码；无法识别的列：“血型”；重复的列：姓名。请下载导入模板，把数据复制到“人员信息”工作表后再导入。',
    });
  });

  it('the template’s own headers all match', () => {
    expect(matchHeaders(templateHeaders)).toMatchObject({ ok: true });
  });
});

describe('cells to fields', () => {
  const map = (cells: Partial<Record<ImportColumnKey, RawCell>>) =>
    mapRow(new Map(Object.entries({ countyCode: '620102', hukouRegionCode: '620102', ...cells }) as [ImportColumnKey, RawCell][]), {
      countyByName: (name) => (name === '城关区' ? '620102' : undefined),
    });

  it('take a number Excel stored when no digit was lost (a 15-digit ID, a phone, a region code)', () => {
    const { fields, problems } = map({ idNumber: 620102700101231, phone: 13912345678, countyCode: 620102, hukouRegionCode: 620102 });
    expect(problems).toEqual([]);
    expect(fields).toMatchObject({ idNumber: '620102700101231', phone: '13912345678', countyCode: '620102', hukouRegionCode: '620102' });
  });

  it('refuse an 18-digit ID or a certificate number that Excel stored as a number', () => {
    const { problems } = map({ idNumber: 620102199001011200, certificateNumber: 6.2010219900101124e19 });
    expect(problems.map((p) => [p.column, p.message])).toEqual([
      ['身份证号', '身份证号被 Excel 存成了数字，末几位已丢失；请把“身份证号”列设为文本格式，重新填写后再导入'],
      ['残疾人证号', '残疾人证号被 Excel 存成了数字，末几位已丢失；请把“残疾人证号”列设为文本格式，重新填写后再导入'],
    ]);
  });

  it('read labels or codes, several values per cell with 、，, or ;', () => {
    const { fields } = map({
      urbanRural: 'urban',
      education: '中专',
      employmentStatus: '已就业',
      employmentForm: '个体/自主创业',
      trainingWishes: '就业技能培训，创业创新培训;rural_practical',
      accommodations: '大字材料、 读屏可用材料',
      certificateLegacy: true,
    });
    expect(fields).toMatchObject({
      urbanRural: 'urban',
      education: 'vocational',
      employmentStatus: 'employed',
      employmentForm: 'self_employed',
      trainingWishes: ['employment_skills', 'entrepreneurship', 'rural_practical'],
      accommodations: ['large_print', 'screen_reader'],
      certificateLegacy: true,
    });
  });

  it('take a county by code, by “code name”, or by name', () => {
    expect(map({ countyCode: '620102 兰州市城关区' }).fields.countyCode).toBe('620102');
    expect(map({ countyCode: '城关区' }).fields.countyCode).toBe('620102');
    expect(map({ countyCode: '城关' }).problems[0]?.message).toBe('登记县区“城关”不是本省的县级单位，请填写 6 位代码或从下拉列表选择');
  });
});
