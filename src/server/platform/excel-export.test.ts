import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { attachmentHeader, exportWorkbook, safeCell } from './excel-export';

async function readBack(stream: NodeJS.ReadableStream): Promise<ExcelJS.Worksheet> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

describe('safeCell', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x")'])('prefixes %j with an apostrophe', (value) => {
    expect(safeCell(value)).toBe(`'${value}`);
  });

  it('leaves ordinary text, numbers, booleans and empty cells alone', () => {
    expect(safeCell('张三')).toBe('张三');
    expect(safeCell('a=b')).toBe('a=b');
    expect(safeCell('')).toBe('');
    expect(safeCell(-12.5)).toBe(-12.5);
    expect(safeCell(0)).toBe(0);
    expect(safeCell(true)).toBe(true);
    expect(safeCell(null)).toBeNull();
  });
});

describe('exportWorkbook', () => {
  it('writes a bold header row and data rows where numbers stay numbers and formulas stay text', async () => {
    const rows = [
      { name: '=cmd|" /C calc"!A0', amount: -1500, count: 3 },
      { name: '李四', amount: 2000, count: 0 },
    ];
    const sheet = await readBack(
      exportWorkbook(
        '测试',
        [
          { header: '姓名', value: (r: (typeof rows)[number]) => r.name },
          { header: '金额（分）', value: (r) => r.amount },
          { header: '人数', value: (r) => r.count },
        ],
        rows,
      ),
    );
    expect(sheet.name).toBe('测试');
    expect(sheet.getRow(1).values).toEqual([undefined, '姓名', '金额（分）', '人数']);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getCell('A2').type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell('A2').value).toBe(`'=cmd|" /C calc"!A0`);
    expect(sheet.getCell('B2').type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getCell('B2').value).toBe(-1500);
    expect(sheet.getCell('C3').value).toBe(0);
    expect(sheet.rowCount).toBe(3);
  });
});

describe('attachmentHeader', () => {
  it('encodes a Chinese file name (RFC 5987)', () => {
    expect(attachmentHeader('账号清单.xlsx')).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('账号清单.xlsx')}`);
  });
});
