/**
 * Test fixtures for the import (tests, the crash test and the benchmark): valid ID numbers, rows
 * in template order, .xlsx and .csv files (UTF-8 or GBK), hand-made zip containers, and a reader
 * for the error file. Not used by the server.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { checkCharacter } from '../../../shared/domain/identity-number';
import { type ImportColumnKey, importColumns } from './person-import-columns';

export const templateHeaders = importColumns.map((c) => c.header);

/** A valid 18-character ID number: region, birth date 'YYYYMMDD', a three-digit sequence (odd = male). */
export function idNumber(region: string, birth: string, sequence: number): string {
  const first17 = `${region}${birth}${String(sequence).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

export function certificateNumber(id: string, category = 4, level = 2): string {
  return `${id}${category}${level}`;
}

export type FixtureCell = string | number | boolean | null;
export type FixtureRow = Partial<Record<ImportColumnKey, FixtureCell>>;

/** A row in template column order (missing keys are empty cells). */
export function inTemplateOrder(row: FixtureRow, headers: readonly string[] = templateHeaders): FixtureCell[] {
  return headers.map((header) => {
    const column = importColumns.find((c) => c.header === header);
    return column ? (row[column.key] ?? null) : null;
  });
}

/**
 * A good row of Chengguan District (620102) for the n-th synthetic person: 400 persons per birth
 * day from `firstBirthYear` on (the demo persons are born 1950–2008, so an earlier year keeps
 * clear of them).
 */
export function goodRow(n: number, overrides: FixtureRow = {}, firstBirthYear = 1970): FixtureRow {
  const day = new Date(Date.UTC(firstBirthYear, 0, 1) + Math.floor(n / 400) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const id = idNumber('620102', day, (n % 400) + 100);
  return {
    idNumber: id,
    name: `测试${'甲乙丙丁戊己庚辛壬癸'[n % 10]}${'子丑寅卯辰巳午未申酉戌亥'[Math.floor(n / 10) % 12]}`,
    certificateNumber: certificateNumber(id, (n % 7) + 1, (n % 4) + 1),
    countyCode: '620102',
    hukouRegionCode: '620102',
    urbanRural: '城镇',
    education: '高中',
    phone: `139${String(n).padStart(8, '0')}`,
    employmentStatus: '未就业',
    trainingWishes: '就业技能培训、创业创新培训',
    ...overrides,
  };
}

export interface XlsxOptions {
  sheetName?: string;
  headers?: readonly string[];
  /** extra sheets before the data sheet */
  before?: { name: string; rows: FixtureCell[][] }[];
}

/** An .xlsx with a header row and these rows (cells as given: strings stay text, numbers stay numbers). */
export async function xlsx(rows: FixtureCell[][], options: XlsxOptions = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const extra of options.before ?? []) workbook.addWorksheet(extra.name).addRows(extra.rows);
  const sheet = workbook.addWorksheet(options.sheetName ?? '人员信息');
  sheet.addRow([...(options.headers ?? templateHeaders)]);
  sheet.addRows(rows);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The same, streamed (for large files). */
export async function xlsxStreamed(
  rowCount: number,
  row: (i: number) => FixtureCell[],
  headers: readonly string[] = templateHeaders,
): Promise<Buffer> {
  const { PassThrough } = await import('node:stream');
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet('人员信息');
  sheet.addRow([...headers]).commit();
  for (let i = 0; i < rowCount; i++) sheet.addRow(row(i)).commit();
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}

const csvField = (value: FixtureCell) => {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export function csvText(rows: FixtureCell[][], headers: readonly string[] = templateHeaders): string {
  return [headers, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

let gbkTable: Map<string, Buffer> | null = null;

/** GBK bytes of a text: the table is built by decoding every two-byte GBK sequence once. */
export function gbk(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gbk');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const char = decoder.decode(new Uint8Array([lead, trail]));
        if (char.length === 1 && char !== '\ufffd' && !gbkTable.has(char)) gbkTable.set(char, Buffer.from([lead, trail]));
      }
    }
  }
  const parts: Buffer[] = [];
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) parts.push(Buffer.from(char, 'latin1'));
    else {
      const bytes = gbkTable.get(char);
      if (!bytes) throw new Error(`no GBK code for ${char}`);
      parts.push(bytes);
    }
  }
  return Buffer.concat(parts);
}

export interface ZipEntrySpec {
  name: string;
  data: Buffer;
  /** 8 deflate (default), 0 stored */
  method?: 0 | 8;
  /** what the directory claims the inflated size is (a lie, for bomb tests) */
  declaredSize?: number;
}

/** A zip container written by hand, so tests can make the ones no tool would. */
export function zip(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const method = entry.method ?? 8;
    const body = method === 8 ? deflateRawSync(entry.data, { level: 9 }) : entry.data;
    const name = Buffer.from(entry.name, 'utf8');
    const size = entry.declaredSize ?? entry.data.length;
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The parts of a minimal workbook, to build odd containers from. */
export function workbookParts(options: { macro?: boolean } = {}): ZipEntrySpec[] {
  const main = options.macro
    ? 'application/vnd.ms-excel.sheet.macroEnabled.main+xml'
    : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';
  return [
    {
      name: '[Content_Types].xml',
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${main}"/></Types>`,
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="人员信息" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      data: Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>身份证号</t></is></c><c r="B1" t="inlineStr"><is><t>姓名</t></is></c></row></sheetData></worksheet>',
      ),
    },
  ];
}

/** The error file's lines: [行号, 列, 原值, 问题] after the header. */
export async function readErrorFile(bytes: Buffer): Promise<{ header: string[]; lines: [number, string, string, string][] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  const [header, ...lines] = rows;
  return {
    header: header as string[],
    lines: lines.map((l) => [Number(l[0]), String(l[1] ?? ''), String(l[2] ?? ''), String(l[3] ?? '')]),
  };
}
