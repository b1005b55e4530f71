import ExcelJS from 'exceljs';
import { importStrategies, importStrategyLabels } from '../../../shared/contracts/persons-contracts';
import { importColumns } from './person-import-columns';

export interface TemplateCounty {
  code: string;
  /** the county's name with its city, e.g. 兰州市城关区 */
  name: string;
}

export interface TemplateOptions {
  counties: TemplateCounty[];
  maxRows: number;
  maxUploadBytes: number;
}

export const DATA_SHEET = '人员信息';
export const INSTRUCTIONS_SHEET = '填写说明';
export const CODES_SHEET = '代码表';
/** rows of the data sheet that carry drop-downs and text format */
const PREPARED_ROWS = 5000;

/** exceljs validates whole ranges (`A2:A5001`) but its type declarations only know cells */
interface RangeValidations {
  dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
}

const colLetter = (n: number): string =>
  n <= 26 ? String.fromCharCode(64 + n) : colLetter(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26));

/**
 * The import template: 填写说明 (plain-language instructions with examples, so no example row
 * can be imported by mistake), 人员信息 (Chinese headers only; ID, certificate, phone and region
 * columns formatted as text; drop-downs for the code columns) and a hidden 代码表 that the
 * drop-downs read from.
 */
export async function buildImportTemplate(options: TemplateOptions): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'AbleTrain 残疾人职业技能培训管理服务平台';
  workbook.created = new Date(Date.UTC(2026, 0, 1));

  // ---- 填写说明
  const guide = workbook.addWorksheet(INSTRUCTIONS_SHEET, { views: [{ showGridLines: false }] });
  guide.columns = [{ width: 18 }, { width: 10 }, { width: 70 }, { width: 34 }];
  const line = (text: string, bold = false) => {
    const row = guide.addRow([text]);
    guide.mergeCells(row.number, 1, row.number, 4);
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    if (bold) row.getCell(1).font = { bold: true, size: 12 };
    return row;
  };
  line('残疾人实名制登记 · 批量导入填写说明', true).getCell(1).font = { bold: true, size: 16 };
  line('');
  line('一、怎么填', true);
  line(`1. 在“${DATA_SHEET}”工作表中填写，第一行是列名，不要修改、删除或调换；从第二行起，每行填写一个人。`);
  line('2. 带 * 的列必须填写，其余可以不填。');
  line(
    '3. 身份证号、残疾人证号、手机号、各类代码请按“文本”填写。本模板已把这些列设为文本格式；如果从别处复制，请用“选择性粘贴 → 数值”，不要让 Excel 把身份证号变成 6.2E+17 这样的数字（后几位会丢失，无法导入）。',
  );
  line('4. 性别和出生日期由身份证号自动得出，所以没有这两列；残疾类别和等级由第二代残疾人证号自动得出。');
  line('5. 城乡、文化程度、就业状况、就业形式等列可以点单元格右侧的下拉箭头选择；培训意愿、便利需求可填多项，用顿号“、”分隔。');
  line('6. 只能导入本账号管辖范围内县区的人员；“登记县区代码”填了别的县区，该行会被拒绝。');
  line('');
  line('二、各列说明（示例只在本页，请不要把示例行填进数据表）', true);
  const head = guide.addRow(['列名', '是否必填', '填写要求', '示例']);
  head.font = { bold: true };
  for (const column of importColumns) {
    const row = guide.addRow([column.header.replace('*', ''), column.required ? '必填' : '选填', column.rule, column.example]);
    row.alignment = { wrapText: true, vertical: 'top' };
    if (column.codes) {
      const list = guide.addRow(['', '', `可选：${Object.values(column.codes).join('、')}`, '']);
      list.alignment = { wrapText: true, vertical: 'top' };
    }
  }
  line('');
  line('三、导入方式', true);
  for (const strategy of importStrategies) line(`· ${importStrategyLabels[strategy]}`);
  line('同一个身份证号在系统中只登记一人。同一文件重复导入不会产生重复记录：第二次导入时，内容没变的人员记为“无变化”。');
  line('上传后系统先试运行：只检查、不写入；看结果无误后再正式导入。');
  line('');
  line('四、文件要求', true);
  line(`· 文件格式：Excel 工作簿（.xlsx）或 CSV（UTF-8 或 GBK 编码）。不接受含宏的文件（.xlsm）和旧版 .xls。`);
  line(
    `· 文件大小不超过 ${Math.floor(options.maxUploadBytes / 1024 / 1024)} MB，每次最多 ${options.maxRows.toLocaleString('zh-CN')} 行；更多数据请拆分成几个文件分批导入。`,
  );
  line(
    '· 有问题的行不会影响其他行的导入。导入完成后可下载“错误明细”，其中写明每个问题所在的行号、列名和原因；改正后可以只导入这些行，也可以整份文件重新导入。',
  );

  // tabs in this order: instructions, data, the hidden code lists
  const sheet = workbook.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  const codes = workbook.addWorksheet(CODES_SHEET, { state: 'hidden' });

  // ---- 代码表 (hidden): county codes and every code list, read by the drop-downs
  const lists: { key: string; title: string; values: string[] }[] = [
    { key: 'countyCode', title: '登记县区（下拉）', values: options.counties.map((c) => `${c.code} ${c.name}`) },
    { key: 'certificateLegacy', title: '旧版证号', values: ['否', '是'] },
    ...importColumns.filter((c) => c.codes).map((c) => ({ key: c.key, title: c.header, values: Object.values(c.codes!) })),
  ];
  codes.getCell(1, 1).value = '县区代码';
  codes.getCell(1, 2).value = '县区名称';
  options.counties.forEach((county, i) => {
    codes.getCell(i + 2, 1).value = county.code;
    codes.getCell(i + 2, 2).value = county.name;
  });
  codes.getColumn(1).numFmt = '@';
  const ranges = new Map<string, string>();
  lists.forEach((list, i) => {
    const column = i + 4;
    codes.getCell(1, column).value = list.title;
    list.values.forEach((value, r) => (codes.getCell(r + 2, column).value = value));
    codes.getColumn(column).width = 24;
    const letter = colLetter(column);
    ranges.set(list.key, `'${CODES_SHEET}'!$${letter}$2:$${letter}$${list.values.length + 1}`);
  });
  codes.getRow(1).font = { bold: true };

  // ---- 人员信息: headers only
  sheet.columns = importColumns.map((c) => ({ header: c.header, key: c.key, width: c.width, ...(c.text && { style: { numFmt: '@' } }) }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle' };
  importColumns.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    cell.note = `${column.required ? '必填。' : '选填。'}${column.rule}`;
    if (column.required) cell.font = { bold: true, color: { argb: 'FF9C0006' } };
    const range = ranges.get(column.key === 'hukouRegionCode' || column.key === 'residenceRegionCode' ? 'countyCode' : column.key);
    if (!range) return;
    const letter = colLetter(i + 1);
    // hukou and residence may lie outside the province: their drop-down only suggests
    const strict = !column.multiple && column.key !== 'hukouRegionCode' && column.key !== 'residenceRegionCode';
    (sheet as unknown as RangeValidations).dataValidations.add(`${letter}2:${letter}${PREPARED_ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [range],
      showErrorMessage: strict,
      errorStyle: 'stop',
      errorTitle: column.header.replace('*', ''),
      error: '请从下拉列表中选择',
      showInputMessage: true,
      promptTitle: column.header.replace('*', ''),
      prompt: column.multiple ? '可选一项，或手工填写多项，用顿号“、”分隔' : column.rule.slice(0, 250),
    });
  });

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
