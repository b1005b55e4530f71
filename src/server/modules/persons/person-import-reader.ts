import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { crc32, createInflateRaw, inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { AppError } from '../../../shared/errors';
import { type ImportColumnKey, matchHeaders, type RawCell } from './person-import-columns';

/**
 * Reads an uploaded import file, .xlsx or .csv, recognised by content (FileStore sniffs: a zip
 * container or plain text), never by name. An .xlsx is checked before any parser sees it: the zip
 * central directory must describe a plain workbook (no macros, no other container), add up to a
 * sane size, and match the local entries byte for byte; then every entry is inflated once with a
 * meter, so a lying directory cannot smuggle a bomb past the check. Rows are then streamed with
 * exceljs' WorkbookReader (the workbook is never loaded whole). A .csv is UTF-8 (with or without
 * BOM) when it decodes as UTF-8, else GBK.
 */

export interface ImportFileLimits {
  maxRows: number;
  /** sum of the inflated sizes of all zip entries */
  maxInflatedBytes: number;
  /** inflated ÷ compressed, for entries larger than ratioFloorBytes */
  maxRatio: number;
  ratioFloorBytes: number;
  maxEntries: number;
}

export const defaultFileLimits: Omit<ImportFileLimits, 'maxRows'> = {
  maxInflatedBytes: 200 * 1024 * 1024,
  maxRatio: 100,
  ratioFloorBytes: 1024 * 1024,
  maxEntries: 1000,
};

export type ImportFormat = 'xlsx' | 'csv';

export interface SheetRow {
  /** the row number the user sees: Excel's row number, or the CSV record number (header = 1) */
  rowNumber: number;
  cells: Map<ImportColumnKey, RawCell>;
}

export interface ImportTable {
  format: ImportFormat;
  encoding: 'utf-8' | 'gbk' | null;
  /** an upper bound of the data rows: exact for CSV, counted row elements for .xlsx */
  estimatedRows: number;
  /** data rows after the header, blank rows skipped; read once */
  rows: AsyncIterable<SheetRow>;
}

const refuse = (message: string) => new AppError('UNSUPPORTED_FILE', message);
const resave = '请用 Excel 或 WPS 打开后另存为“Excel 工作簿（.xlsx）”再导入';

// ---------------------------------------------------------------------------------------------
// zip container

interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  /** where the compressed bytes start (after the local header) */
  dataStart: number;
  /** where the entry ends (after its data descriptor, if any): the next local header */
  end: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const SIG_DESCRIPTOR = 0x08074b50;

/** Reads and checks the central directory; every entry must tile the file exactly as the directory says. */
function readZipDirectory(bytes: Buffer, limits: Omit<ImportFileLimits, 'maxRows'>): ZipEntry[] {
  const broken = refuse(`文件不是完整的 Excel 工作簿（压缩结构已损坏或不受支持）。${resave}`);
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (bytes.readUInt32LE(at) === SIG_EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw broken;
  const disk = bytes.readUInt16LE(eocd + 4);
  const entriesOnDisk = bytes.readUInt16LE(eocd + 8);
  const count = bytes.readUInt16LE(eocd + 10);
  const directorySize = bytes.readUInt32LE(eocd + 12);
  const directoryOffset = bytes.readUInt32LE(eocd + 16);
  if (disk !== 0 || entriesOnDisk !== count || count === 0xffff || directoryOffset === 0xffffffff) throw broken;
  if (directoryOffset + directorySize > eocd) throw broken;
  if (count > limits.maxEntries) throw refuse(`压缩包内有 ${count} 个部件，不像正常的 Excel 工作簿，已拒绝导入`);

  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || bytes.readUInt32LE(at) !== SIG_CENTRAL) throw broken;
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const compressedSize = bytes.readUInt32LE(at + 20);
    const size = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const localOffset = bytes.readUInt32LE(at + 42);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) throw broken;
    if (flags & 0x1) throw refuse('文件已加密，请取消密码保护后再导入');
    if (method !== 0 && method !== 8) throw broken;
    entries.push({ name, flags, method, compressedSize, size, localOffset, dataStart: 0, end: 0 });
    at += 46 + nameLength + extraLength + commentLength;
  }
  if (at !== directoryOffset + directorySize) throw broken;

  // Sizes as declared: a bomb is refused before a single byte is inflated.
  let total = 0;
  for (const entry of entries) {
    total += entry.size;
    if (total > limits.maxInflatedBytes) throw bomb(`解压后超过 ${Math.round(limits.maxInflatedBytes / 1024 / 1024)} MB`);
    if (entry.size > limits.ratioFloorBytes && entry.size / Math.max(entry.compressedSize, 1) > limits.maxRatio) {
      throw bomb(`其中一个部件解压后放大 ${Math.round(entry.size / Math.max(entry.compressedSize, 1))} 倍`);
    }
  }

  // The local headers, in file order, must be exactly the directory's entries with nothing between them:
  // a streaming unzipper reads the local headers, so they must say what the directory says.
  let position = 0;
  for (const entry of [...entries].sort((a, b) => a.localOffset - b.localOffset)) {
    if (entry.localOffset !== position || position + 30 > directoryOffset || bytes.readUInt32LE(position) !== SIG_LOCAL) throw broken;
    const nameLength = bytes.readUInt16LE(position + 26);
    const extraLength = bytes.readUInt16LE(position + 28);
    if (bytes.toString('utf8', position + 30, position + 30 + nameLength) !== entry.name) throw broken;
    entry.dataStart = position + 30 + nameLength + extraLength;
    position = entry.dataStart + entry.compressedSize;
    if (entry.flags & 0x8) position += position + 4 <= bytes.length && bytes.readUInt32LE(position) === SIG_DESCRIPTOR ? 16 : 12;
    if (position > directoryOffset) throw broken;
    entry.end = position;
  }
  if (position !== directoryOffset) throw broken;
  return entries;
}

function bomb(what: string): AppError {
  return refuse(`文件${what}，疑似“压缩炸弹”，已拒绝导入。正常的导入文件解压后不会这么大`);
}

function entryBytes(bytes: Buffer, entry: ZipEntry): Buffer {
  const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  if (entry.method === 0) return data;
  try {
    // the declared size was checked against the limits; a stream that inflates beyond it is refused
    return inflateRawSync(data, { maxOutputLength: Math.max(entry.size, 1) });
  } catch {
    throw refuse(`文件中的“${entry.name}”已损坏。${resave}`);
  }
}

interface Workbook {
  entries: ZipEntry[];
  /** the parts exceljs needs to read the chosen sheet */
  parts: { workbook: ZipEntry; rels: ZipEntry; sharedStrings: ZipEntry | null; sheet: ZipEntry };
}

const decodeXml = (text: string) =>
  text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, entity: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (entity[0] !== '#') return named[entity.toLowerCase()]!;
    return String.fromCodePoint(entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10));
  });

function attributes(tag: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const match of tag.matchAll(/([\w:]+)\s*=\s*"([^"]*)"/g)) result[match[1]!] = decodeXml(match[2]!);
  return result;
}

/** The structural checks that need no inflating beyond three small parts: type, macros, size, shape. */
function checkWorkbook(bytes: Buffer, limits: Omit<ImportFileLimits, 'maxRows'>): Workbook {
  const entries = readZipDirectory(bytes, limits);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const macro = refuse('文件含有宏（VBA 代码），为安全起见不能导入。请另存为不含宏的“Excel 工作簿（.xlsx）”后再导入');
  if (entries.some((e) => /(^|\/)vbaProject\.bin$/i.test(e.name) || /(^|\/)vbaProjectSignature/i.test(e.name))) throw macro;
  if (!byName.has('xl/workbook.xml')) {
    if (byName.has('xl/workbook.bin')) throw refuse(`不支持 Excel 二进制工作簿（.xlsb）。${resave}`);
    if (byName.has('word/document.xml')) throw refuse('这是 Word 文档，不是 Excel 工作簿。请上传 .xlsx 或 .csv 文件');
    if (byName.has('ppt/presentation.xml')) throw refuse('这是 PowerPoint 演示文稿，不是 Excel 工作簿。请上传 .xlsx 或 .csv 文件');
    throw refuse('这是一个压缩包，但不是 Excel 工作簿（.xlsx）。请上传 .xlsx 或 .csv 文件');
  }
  const contentTypes = byName.get('[Content_Types].xml');
  if (!contentTypes) throw refuse(`文件不是完整的 Excel 工作簿。${resave}`);
  const types = entryBytes(bytes, contentTypes).toString('utf8');
  if (/macroEnabled/i.test(types)) throw macro;

  const workbookXml = entryBytes(bytes, byName.get('xl/workbook.xml')!).toString('utf8');
  const relsEntry = byName.get('xl/_rels/workbook.xml.rels');
  const relsXml = relsEntry ? entryBytes(bytes, relsEntry).toString('utf8') : '';
  const targets = new Map<string, string>();
  for (const match of relsXml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    const a = attributes(match[1]!);
    if (a.Id && a.Target && /\/worksheet$/.test(a.Type ?? '')) targets.set(a.Id, a.Target);
  }
  const sheets: { name: string; hidden: boolean; target: string }[] = [];
  for (const match of workbookXml.matchAll(/<(?:\w+:)?sheet\b([^>]*)>/g)) {
    const a = attributes(match[1]!);
    const id = a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1];
    const target = id ? targets.get(id) : undefined;
    if (a.name && target) sheets.push({ name: a.name, hidden: a.state === 'hidden' || a.state === 'veryHidden', target });
  }
  const chosen =
    sheets.find((s) => s.name.trim() === '人员信息') ?? sheets.find((s) => !s.hidden && !['填写说明', '代码表'].includes(s.name.trim()));
  if (!chosen) throw new AppError('VALIDATION_FAILED', '工作簿中没有可导入的工作表：请把人员数据放在名为“人员信息”的工作表中');
  const sheetPath = chosen.target.startsWith('/') ? chosen.target.slice(1) : `xl/${chosen.target.replace(/^\.\//, '')}`;
  const sheet = byName.get(sheetPath);
  // exceljs reads worksheets only under this name
  if (!sheet || !relsEntry || !/^xl\/worksheets\/sheet\d+\.xml$/.test(sheetPath)) throw refuse(`无法确定要导入的工作表。${resave}`);
  return {
    entries,
    parts: { workbook: byName.get('xl/workbook.xml')!, rels: relsEntry, sharedStrings: byName.get('xl/sharedStrings.xml') ?? null, sheet },
  };
}

/**
 * Inflates every entry once, counting bytes: an entry that inflates beyond its declared size, or a
 * total beyond the limit, is refused. Counts the row elements of the chosen sheet on the way.
 */
async function meterWorkbook(bytes: Buffer, workbook: Workbook, limits: Omit<ImportFileLimits, 'maxRows'>): Promise<number> {
  let total = 0;
  let rows = 0;
  for (const entry of workbook.entries) {
    const isSheet = entry === workbook.parts.sheet;
    const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
    let produced = 0;
    let carry = '';
    const count = (chunk: Buffer) => {
      produced += chunk.length;
      total += chunk.length;
      if (produced > entry.size || total > limits.maxInflatedBytes) throw bomb(`解压后的实际大小超过了文件自己声明的大小`);
      if (isSheet) {
        const text = carry + chunk.toString('latin1');
        for (const match of text.matchAll(/<(?:\w+:)?row[\s>/]/g)) if (match.index + match[0].length > carry.length) rows++;
        carry = text.slice(-8);
      }
    };
    if (entry.method === 0) count(data);
    else {
      await new Promise<void>((resolve, reject) => {
        const inflate = createInflateRaw();
        inflate.on('data', (chunk: Buffer) => {
          try {
            count(chunk);
          } catch (error) {
            inflate.destroy();
            reject(error);
          }
        });
        inflate.on('error', () => reject(refuse(`文件中的“${entry.name}”已损坏。${resave}`)));
        inflate.on('end', () => resolve());
        inflate.end(data);
      });
    }
    if (produced !== entry.size) throw refuse(`文件中的“${entry.name}”已损坏。${resave}`);
  }
  return rows;
}

function cellValue(value: unknown): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return (v.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
    if ('error' in v) return { error: String(v.error) };
    if ('formula' in v || 'sharedFormula' in v) return cellValue(v.result);
    if ('text' in v) return cellValue(v.text);
  }
  return String(value);
}

/** Text decoded across chunk boundaries: a character split between two chunks stays one character. */
async function* utf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

type Chunks = AsyncIterable<Buffer | string>;
interface ExcelReaderInternals {
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: Chunks, sheetNo: string): Generator<unknown>;
}
const ExcelWorkbookReader = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (
  input: Readable,
  options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>,
) => ExcelJS.stream.xlsx.WorkbookReader & ExcelReaderInternals;

/**
 * exceljs 4.4.0's streaming reader decodes every inflated chunk on its own (utils/parse-sax with a
 * non-streaming TextDecoder), so a Chinese character that straddles two chunks becomes U+FFFD —
 * about one row in a thousand of a real file. Its parser passes strings through untouched, so
 * each part is handed over as text decoded across chunk boundaries instead.
 */
class Utf8WorkbookReader extends ExcelWorkbookReader {
  override _parseRels(entry: Readable) {
    return super._parseRels(Readable.from(utf8(entry)));
  }
  override _parseWorkbook(entry: Readable) {
    return super._parseWorkbook(Readable.from(utf8(entry)));
  }
  override _parseSharedStrings(entry: Readable) {
    return super._parseSharedStrings(Readable.from(utf8(entry)));
  }
  override *_parseWorksheet(iterator: Chunks, sheetNo: string) {
    return yield* super._parseWorksheet(utf8(iterator), sheetNo);
  }
}

/** A stored zip entry, local header and data, for parts made here. */
function storedEntry(name: string, data: Buffer): Buffer {
  const nameBytes = Buffer.from(name);
  const header = Buffer.alloc(30);
  header.writeUInt32LE(SIG_LOCAL, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt32LE(crc32(data), 14);
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(data.length, 22);
  header.writeUInt16LE(nameBytes.length, 26);
  return Buffer.concat([header, nameBytes, data]);
}

const EMPTY_SHARED_STRINGS = storedEntry(
  'xl/sharedStrings.xml',
  Buffer.from('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'),
);

/**
 * What exceljs gets to read: the workbook, its relationships, the shared strings (an empty part
 * when the file has none) and the chosen sheet, in that order, as local zip entries copied byte
 * for byte. exceljs 4.4.0 puts a worksheet that arrives before the shared strings into a temp file
 * to read later, and on that path it sometimes drops the sheet; in this order it never takes it.
 * The streaming unzipper reads the local entries up to the central directory and never uses the
 * directory's offsets.
 */
function excelInput(bytes: Buffer, workbook: Workbook): Buffer {
  const { parts } = workbook;
  const local = (entry: ZipEntry) => bytes.subarray(entry.localOffset, entry.end);
  return Buffer.concat([
    local(parts.workbook),
    local(parts.rels),
    parts.sharedStrings ? local(parts.sharedStrings) : EMPTY_SHARED_STRINGS,
    local(parts.sheet),
    // the central directory: where the unzipper stops (its offsets are not read)
    bytes.subarray(Math.max(...workbook.entries.map((e) => e.end))),
  ]);
}

async function* xlsxRows(bytes: Buffer, workbook: Workbook): AsyncGenerator<{ rowNumber: number; values: RawCell[] }> {
  const reader = new Utf8WorkbookReader(Readable.from([excelInput(bytes, workbook)]), {
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  for await (const sheet of reader) {
    // the only worksheet it is given
    for await (const row of sheet) {
      const values: RawCell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        values[column - 1] = cellValue(cell.value);
      });
      for (let i = 0; i < values.length; i++) values[i] ??= null;
      yield { rowNumber: row.number, values };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// CSV

/** UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), else GBK (what Excel in Chinese saves). */
export function decodeCsv(bytes: Buffer): { text: string; encoding: 'utf-8' | 'gbk' } {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), encoding: 'utf-8' };
  } catch {
    if (bom) throw refuse('文件开头标明是 UTF-8 编码，但内容不是有效的 UTF-8。请重新另存为“CSV UTF-8（逗号分隔）”');
  }
  try {
    return { text: new TextDecoder('gbk', { fatal: true }).decode(body), encoding: 'gbk' };
  } catch {
    throw refuse('无法识别 CSV 文件的编码（既不是 UTF-8 也不是 GBK）。请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后再导入');
  }
}

/**
 * The separator of a CSV file, from its first line: comma (what Excel in Chinese writes), or a
 * semicolon or tab when the first line has more of those.
 */
export function csvSeparator(text: string): ',' | ';' | '\t' {
  const end = text.search(/[\r\n]/);
  const first = end < 0 ? text : text.slice(0, end);
  const count = (c: string) => first.split(c).length - 1;
  const [best] = ([',', ';', '\t'] as const).map((c) => [c, count(c)] as const).sort((a, b) => b[1] - a[1]);
  return best![1] > 0 ? best![0] : ',';
}

/** RFC 4180 records: quoted fields with "" escapes and line breaks, CRLF, LF or CR line ends. */
export function* csvRecords(text: string, separator: ',' | ';' | '\t' = ','): Generator<{ rowNumber: number; values: string[] }> {
  let rowNumber = 0;
  let at = 0;
  const length = text.length;
  const ends = (c: string | undefined) => c === separator || c === '\n' || c === '\r';
  while (at < length) {
    rowNumber++;
    const startRow = rowNumber;
    const values: string[] = [];
    for (;;) {
      let value = '';
      if (text[at] === '"') {
        at++;
        for (;;) {
          const quote = text.indexOf('"', at);
          if (quote < 0) throw new AppError('VALIDATION_FAILED', `CSV 文件第 ${startRow} 行起的引号没有配对，请检查该行`);
          value += text.slice(at, quote);
          at = quote + 1;
          if (text[at] === '"') {
            value += '"';
            at++;
          } else break;
        }
        // anything between the closing quote and the separator is kept as typed
        while (at < length && !ends(text[at])) value += text[at++];
      } else {
        let end = at;
        while (end < length && !ends(text[end])) end++;
        value = text.slice(at, end);
        at = end;
      }
      values.push(value);
      if (text[at] === separator) {
        at++;
        continue;
      }
      if (text[at] === '\r') at++;
      if (text[at] === '\n') at++;
      break;
    }
    yield { rowNumber: startRow, values };
  }
}

// ---------------------------------------------------------------------------------------------
// the table

const isBlank = (values: RawCell[]) => values.every((v) => v === null || (typeof v === 'string' && v.trim() === ''));

type Inspected = { format: 'xlsx'; workbook: Workbook } | { format: 'csv'; text: string; encoding: 'utf-8' | 'gbk' };

function inspect(bytes: Buffer, mediaType: string, limits: Omit<ImportFileLimits, 'maxRows'>): Inspected {
  if (mediaType === 'application/zip') return { format: 'xlsx', workbook: checkWorkbook(bytes, limits) };
  if (mediaType === 'text/plain') return { format: 'csv', ...decodeCsv(bytes) };
  throw refuse('只能导入 Excel 工作簿（.xlsx）或 CSV 文件；按文件内容判断，这个文件两者都不是');
}

/**
 * Checks what an upload is without reading its rows: fast enough for the request that starts an
 * import, so the most common refusals (a macro, a bomb, not a workbook) answer at once.
 */
export function checkImportFile(
  bytes: Buffer,
  mediaType: string,
  limits: Omit<ImportFileLimits, 'maxRows'> = defaultFileLimits,
): ImportFormat {
  return inspect(bytes, mediaType, limits).format;
}

/** Opens an upload for import: every check, then the header row; the data rows stream from `rows`. */
export async function openImportTable(bytes: Buffer, mediaType: string, limits: ImportFileLimits): Promise<ImportTable> {
  let estimatedRows: number;
  let source: AsyncIterator<{ rowNumber: number; values: RawCell[] }>;
  const inspected = inspect(bytes, mediaType, limits);
  if (inspected.format === 'xlsx') {
    const { workbook } = inspected;
    estimatedRows = Math.max(0, (await meterWorkbook(bytes, workbook, limits)) - 1);
    source = xlsxRows(bytes, workbook);
  } else {
    const { text } = inspected;
    const separator = csvSeparator(text);
    estimatedRows = -1;
    for (const record of csvRecords(text, separator)) if (!isBlank(record.values)) estimatedRows++;
    estimatedRows = Math.max(0, estimatedRows);
    source = (async function* () {
      yield* csvRecords(text, separator);
    })();
  }
  const tooMany = (n: number) =>
    new AppError('PAYLOAD_TOO_LARGE', `文件有 ${n} 行数据，超过单次导入上限 ${limits.maxRows} 行。请拆分成几个文件分批导入`);
  if (estimatedRows > limits.maxRows) throw tooMany(estimatedRows);

  let header: { rowNumber: number; values: RawCell[] } | undefined;
  for (;;) {
    const next = await source.next();
    if (next.done) break;
    if (!isBlank(next.value.values)) {
      header = next.value;
      break;
    }
  }
  if (!header) throw new AppError('VALIDATION_FAILED', '文件是空的：第一行应为列名（身份证号、姓名……），从第二行起每行填写一人');
  const match = matchHeaders(header.values);
  if (!match.ok) throw new AppError('VALIDATION_FAILED', match.message);
  const { columns } = match;

  async function* rows(): AsyncGenerator<SheetRow> {
    let count = 0;
    for (;;) {
      const next = await source.next();
      if (next.done) return;
      const { rowNumber, values } = next.value;
      if (isBlank(values)) continue;
      if (++count > limits.maxRows) throw tooMany(count);
      const cells = new Map<ImportColumnKey, RawCell>();
      for (let i = 0; i < columns.length; i++) {
        const key = columns[i];
        if (key) cells.set(key, values[i] ?? null);
      }
      yield { rowNumber, cells };
    }
  }
  return { format: inspected.format, encoding: inspected.format === 'csv' ? inspected.encoding : null, estimatedRows, rows: rows() };
}
