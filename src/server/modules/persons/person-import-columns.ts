import { maskCertificateNumber, maskIdNumber, maskPhone } from '../../../shared/domain/masking';
import {
  accommodationLabels,
  educationLabels,
  employmentFormLabels,
  employmentStatusLabels,
  trainingTypeLabels,
  urbanRuralLabels,
  type AccommodationNeed,
  type EducationLevel,
  type EmploymentForm,
  type EmploymentStatus,
  type TrainingType,
  type UrbanRural,
} from '../../../shared/domain/person-codes';
import type { PersonFields } from '../../../shared/domain/person-validation';

/**
 * The columns of the import file: what the template shows, how the reader recognises a header,
 * and how one cell becomes a field of PersonFields. One table, so template, reader and import agree.
 */

export type ImportColumnKey = keyof PersonFields;

/** A cell as the reader hands it over: text, a number Excel stored, a boolean, an Excel error, or nothing. */
export type RawCell = string | number | boolean | null | { error: string };

export interface ImportColumn {
  key: ImportColumnKey;
  /** the header in the template (`*` marks a required column) */
  header: string;
  required: boolean;
  /** other headers people use for the same column */
  aliases: string[];
  /** formatted as text in the template so Excel keeps every digit */
  text: boolean;
  width: number;
  /** one line for the instructions sheet */
  rule: string;
  /** an example for the instructions sheet (never in the data sheet: it would be imported) */
  example: string;
  /** code → Chinese label, for the drop-down and for reading labels back */
  codes?: Record<string, string>;
  /** several values in one cell */
  multiple?: boolean;
}

/** between the values of a multi-value cell */
const SEPARATOR = /[、，,；;／/\n]/;

export const importColumns: readonly ImportColumn[] = [
  {
    key: 'idNumber',
    header: '身份证号*',
    required: true,
    aliases: ['身份证号码', '公民身份号码', '身份证'],
    text: true,
    width: 22,
    rule: '18 位居民身份证号（末位可为 X）；15 位旧号自动转为 18 位。请把本列设为“文本”格式，否则 Excel 会把后几位变成 0',
    example: '620102199001011233',
  },
  {
    key: 'name',
    header: '姓名*',
    required: true,
    aliases: [],
    text: false,
    width: 12,
    rule: '汉字或字母，少数民族姓名可用间隔号“·”；生僻字可直接输入',
    example: '张三',
  },
  {
    key: 'certificateNumber',
    header: '残疾人证号',
    required: false,
    aliases: ['残疾证号', '残疾人证号码'],
    text: true,
    width: 24,
    rule: '第二代残疾人证号为 20 位：身份证号 + 残疾类别（1–7）+ 残疾等级（1–4）；没有可不填',
    example: '62010219900101123341',
  },
  {
    key: 'certificateLegacy',
    header: '旧版证号(是/否)',
    required: false,
    aliases: ['旧版证号', '是否旧版证号'],
    text: false,
    width: 14,
    rule: '残疾人证号是无法校验的第一代地方证号时填“是”，否则不填或填“否”',
    example: '否',
  },
  {
    key: 'countyCode',
    header: '登记县区代码*',
    required: true,
    aliases: ['登记县区', '县区代码', '登记县区（代码）'],
    text: true,
    width: 22,
    rule: '登记所在县（市、区）的 6 位代码，可从下拉列表选择；只能填写本账号管辖范围内的县区',
    example: '620102 兰州市城关区（或只填 620102）',
  },
  {
    key: 'hukouRegionCode',
    header: '户籍地代码*',
    required: true,
    aliases: ['户籍地', '户籍地区代码'],
    text: true,
    width: 22,
    rule: '户籍所在地的 6 位行政区划代码（可为外省代码）',
    example: '620102',
  },
  {
    key: 'residenceRegionCode',
    header: '居住地代码',
    required: false,
    aliases: ['居住地', '现居住地代码'],
    text: true,
    width: 22,
    rule: '现居住地的 6 位行政区划代码；与户籍地相同可不填',
    example: '620103',
  },
  {
    key: 'urbanRural',
    header: '城乡',
    required: false,
    aliases: ['城乡类别'],
    text: false,
    width: 8,
    rule: '从下拉列表选择',
    example: '城镇',
    codes: urbanRuralLabels,
  },
  {
    key: 'education',
    header: '文化程度',
    required: false,
    aliases: ['学历'],
    text: false,
    width: 12,
    rule: '从下拉列表选择',
    example: '高中',
    codes: educationLabels,
  },
  {
    key: 'phone',
    header: '手机号',
    required: false,
    aliases: ['手机号码', '联系电话', '电话'],
    text: true,
    width: 15,
    rule: '11 位手机号，或带区号的固定电话',
    example: '13800000000',
  },
  {
    key: 'employmentStatus',
    header: '就业状况',
    required: false,
    aliases: [],
    text: false,
    width: 10,
    rule: '从下拉列表选择；不填按“未就业”登记',
    example: '已就业',
    codes: employmentStatusLabels,
  },
  {
    key: 'employmentForm',
    header: '就业形式',
    required: false,
    aliases: [],
    text: false,
    width: 14,
    rule: '已就业时从下拉列表选择；未就业时不填',
    example: '灵活就业',
    codes: employmentFormLabels,
  },
  {
    key: 'trainingWishes',
    header: '培训意愿',
    required: false,
    aliases: [],
    text: false,
    width: 24,
    rule: '可填多项，用顿号“、”或逗号分隔',
    example: '就业技能培训、创业创新培训',
    codes: trainingTypeLabels,
    multiple: true,
  },
  {
    key: 'trainingNeeds',
    header: '培训需求',
    required: false,
    aliases: [],
    text: false,
    width: 24,
    rule: '文字说明，最多 500 字',
    example: '想学电子商务',
  },
  {
    key: 'accommodations',
    header: '便利需求',
    required: false,
    aliases: ['无障碍需求'],
    text: false,
    width: 24,
    rule: '可填多项，用顿号“、”或逗号分隔；选“其他”时请在下一列说明',
    example: '手语翻译、无障碍场地',
    codes: accommodationLabels,
    multiple: true,
  },
  {
    key: 'accommodationOther',
    header: '其他便利需求',
    required: false,
    aliases: [],
    text: false,
    width: 20,
    rule: '便利需求选了“其他”时说明，最多 200 字',
    example: '需要导盲犬同行',
  },
  { key: 'remarks', header: '备注', required: false, aliases: [], text: false, width: 24, rule: '最多 1000 字', example: '' },
];

/** Headers that may be present and are ignored (a running number people like to add). */
const ignoredHeaders = new Set(['序号', '编号']);

/** The Chinese name of a column without its required-star, for messages and the error file. */
export function columnLabel(key: ImportColumnKey): string {
  return importColumns.find((c) => c.key === key)!.header.replace('*', '');
}

/** Trimmed, `*` and spaces removed, full-width brackets made half-width: how headers are compared. */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[*＊\s]/g, '')
    .trim()
    .toLowerCase();
}

const headerIndex = new Map<string, ImportColumnKey>();
for (const column of importColumns) {
  for (const name of [column.header, ...column.aliases]) headerIndex.set(normaliseHeader(name), column.key);
}

export type HeaderMatch = { ok: true; columns: (ImportColumnKey | null)[] } | { ok: false; message: string };

/** Matches a header row by name (order free). Unknown, duplicate and missing required columns are refused. */
export function matchHeaders(cells: RawCell[]): HeaderMatch {
  const columns: (ImportColumnKey | null)[] = [];
  const unknown: string[] = [];
  const seen = new Map<ImportColumnKey, string>();
  const duplicates: string[] = [];
  for (const cell of cells) {
    const text = cellText(cell);
    const name = normaliseHeader(text);
    if (!name || ignoredHeaders.has(name)) {
      columns.push(null);
      continue;
    }
    const key = headerIndex.get(name);
    if (!key) {
      unknown.push(text.trim());
      columns.push(null);
      continue;
    }
    if (seen.has(key)) duplicates.push(columnLabel(key));
    seen.set(key, text);
    columns.push(key);
  }
  const problems: string[] = [];
  const missing = importColumns.filter((c) => c.required && !seen.has(c.key)).map((c) => columnLabel(c.key));
  if (missing.length > 0) problems.push(`缺少必填列：${missing.join('、')}`);
  if (unknown.length > 0) problems.push(`无法识别的列：${unknown.map((u) => `“${u}”`).join('、')}`);
  if (duplicates.length > 0) problems.push(`重复的列：${[...new Set(duplicates)].join('、')}`);
  if (problems.length > 0) {
    return {
      ok: false,
      message: `第一行应为导入模板中的列名。${problems.join('；')}。请下载导入模板，把数据复制到“人员信息”工作表后再导入。`,
    };
  }
  return { ok: true, columns };
}

// ---------------------------------------------------------------------------------------------
// cells → fields

export function cellText(cell: RawCell): string {
  if (cell === null) return '';
  if (typeof cell === 'object') return cell.error;
  return String(cell);
}

/** A problem with one cell, in the words of the error file. */
export interface CellProblem {
  column: string;
  /** the value as typed, masked for ID and certificate numbers and phones */
  value: string;
  message: string;
}

/** Control and invisible characters, shown as <U+XXXX> in the error file so the registrar can find them. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** How a value is shown in the error file: ID, certificate and phone numbers masked, invisible characters named. */
export function shownValue(key: ImportColumnKey, raw: string): string {
  const value = raw.trim();
  if (!value) return '';
  if (key === 'idNumber') return maskIdNumber(value).text;
  if (key === 'certificateNumber') return maskCertificateNumber(value).text;
  if (key === 'phone') return maskPhone(value).text;
  const visible = value.replace(INVISIBLE, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);
  return visible.length > 60 ? `${visible.slice(0, 60)}…` : visible;
}

const SCIENTIFIC = /^\d(\.\d+)?e\+?\d+$/i;

export interface RowContext {
  /** the county-level unit a cell names: `620102`, `620102 兰州市城关区`, `城关区` or `兰州市城关区` */
  countyByName: (text: string) => string | undefined;
}

export interface RowMapping {
  fields: PersonFields;
  /** problems found while reading the cells (validatePerson runs on the fields afterwards) */
  problems: CellProblem[];
  /** the columns those problems are about: their validatePerson issues would only repeat them */
  problemKeys: Set<ImportColumnKey>;
}

const textLimits: Partial<Record<ImportColumnKey, number>> = {
  name: 64,
  trainingNeeds: 500,
  accommodationOther: 200,
  remarks: 1000,
};

/**
 * Turns one row of cells (by column key) into PersonFields: labels become codes, numbers Excel
 * stored become digit strings where no digit was lost. Problems name the column in Chinese; the
 * rules of validatePerson run afterwards, on the fields.
 */
export function mapRow(cells: ReadonlyMap<ImportColumnKey, RawCell>, context: RowContext): RowMapping {
  const problems: CellProblem[] = [];
  const problemKeys = new Set<ImportColumnKey>();
  const problem = (key: ImportColumnKey, raw: string, message: string) => {
    problemKeys.add(key);
    problems.push({ column: columnLabel(key), value: shownValue(key, raw), message });
  };

  const text = (key: ImportColumnKey): string | null => {
    const cell = cells.get(key) ?? null;
    if (cell === null) return null;
    if (typeof cell === 'object') {
      problem(key, cell.error, `单元格是 Excel 错误值 ${cell.error}，请改为实际内容`);
      return null;
    }
    if (typeof cell === 'boolean') return cell ? '是' : '否';
    if (typeof cell === 'number') return String(cell);
    const trimmed = cell.trim();
    const limit = textLimits[key];
    if (limit !== undefined && [...trimmed].length > limit) {
      problem(key, trimmed, `${columnLabel(key)}最多 ${limit} 个字，当前 ${[...trimmed].length} 个字`);
      return null;
    }
    return trimmed === '' ? null : trimmed;
  };

  /** Digits that Excel may have turned into a number: refused when digits were lost. */
  const digits = (key: 'idNumber' | 'certificateNumber' | 'phone', what: string): string | null => {
    const cell = cells.get(key) ?? null;
    if (typeof cell === 'number') {
      if (Number.isSafeInteger(cell) && cell >= 0) return String(cell);
      problem(key, String(cell), `${what}被 Excel 存成了数字，末几位已丢失；请把“${columnLabel(key)}”列设为文本格式，重新填写后再导入`);
      return null;
    }
    const value = text(key);
    if (value !== null && SCIENTIFIC.test(value)) {
      problem(key, value, `${what}显示为科学计数法（${value}），末几位已丢失；请把“${columnLabel(key)}”列设为文本格式，重新填写后再导入`);
      return null;
    }
    return value;
  };

  const region = (key: 'countyCode' | 'hukouRegionCode' | 'residenceRegionCode'): string | null => {
    const value = text(key);
    if (value === null) return null;
    const leading = /^(\d{6})(?:\D|$)/.exec(value);
    if (leading) return leading[1]!;
    if (key === 'countyCode') {
      const code = context.countyByName(value);
      if (code) return code;
      problem(key, value, `登记县区“${value}”不是本省的县级单位，请填写 6 位代码或从下拉列表选择`);
      return null;
    }
    problem(key, value, `${columnLabel(key)}须为 6 位行政区划代码`);
    return null;
  };

  const code = <T extends string>(key: ImportColumnKey, labels: Record<T, string>): T | null => {
    const value = text(key);
    if (value === null) return null;
    const found = lookupCode(labels, value);
    if (found === undefined) problem(key, value, `${columnLabel(key)}“${value}”不在可选范围内，可选：${Object.values(labels).join('、')}`);
    return found ?? null;
  };

  const codes = <T extends string>(key: ImportColumnKey, labels: Record<T, string>): T[] => {
    const value = text(key);
    if (value === null) return [];
    const result: T[] = [];
    for (const part of value.split(SEPARATOR)) {
      const item = part.trim();
      if (!item) continue;
      const found = lookupCode(labels, item);
      if (found === undefined) {
        problem(
          key,
          value,
          `${columnLabel(key)}中的“${item}”不在可选范围内，可选：${Object.values(labels).join('、')}（多项用顿号“、”分隔）`,
        );
        return [];
      }
      result.push(found);
    }
    return result;
  };

  const legacyText = text('certificateLegacy');
  let certificateLegacy = false;
  if (legacyText !== null) {
    if (/^(是|y|yes|true|1|旧版)$/i.test(legacyText)) certificateLegacy = true;
    else if (!/^(否|n|no|false|0)$/i.test(legacyText)) problem('certificateLegacy', legacyText, '旧版证号请填写“是”或“否”');
  }

  const fields: PersonFields = {
    idNumber: digits('idNumber', '身份证号') ?? '',
    name: text('name') ?? '',
    certificateNumber: digits('certificateNumber', '残疾人证号'),
    certificateLegacy,
    countyCode: region('countyCode') ?? '',
    hukouRegionCode: region('hukouRegionCode') ?? '',
    residenceRegionCode: region('residenceRegionCode'),
    urbanRural: code<UrbanRural>('urbanRural', urbanRuralLabels),
    education: code<EducationLevel>('education', educationLabels),
    phone: digits('phone', '手机号'),
    employmentStatus: code<EmploymentStatus>('employmentStatus', employmentStatusLabels) ?? 'unemployed',
    employmentForm: code<EmploymentForm>('employmentForm', employmentFormLabels),
    trainingWishes: codes<TrainingType>('trainingWishes', trainingTypeLabels),
    trainingNeeds: text('trainingNeeds'),
    accommodations: codes<AccommodationNeed>('accommodations', accommodationLabels),
    accommodationOther: text('accommodationOther'),
    remarks: text('remarks'),
  };
  // An empty required region cell: say so, rather than "  is not a county".
  if (!fields.countyCode && !problemKeys.has('countyCode')) problem('countyCode', '', '请填写登记县区代码');
  if (!fields.hukouRegionCode && !problemKeys.has('hukouRegionCode')) problem('hukouRegionCode', '', '请填写户籍地代码');
  return { fields, problems, problemKeys };
}

const codeIndexes = new WeakMap<Record<string, string>, Map<string, string>>();
const lookupKey = (text: string) => text.normalize('NFKC').replace(/\s/g, '').toLowerCase();

/** A code list accepts the code itself or its Chinese label (and either half of a label like 中专/职高). */
function lookupCode<T extends string>(labels: Record<T, string>, value: string): T | undefined {
  let index = codeIndexes.get(labels);
  if (!index) {
    index = new Map();
    for (const [code, label] of Object.entries(labels) as [T, string][]) {
      const key = lookupKey(label);
      for (const name of [code, key, ...key.split('/')]) index.set(lookupKey(name), code);
    }
    codeIndexes.set(labels, index);
  }
  return index.get(lookupKey(value)) as T | undefined;
}
