import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';

export interface ExportColumn<T> {
  header: string;
  width?: number;
  value: (row: T) => string | number | boolean | null;
}

/**
 * A text cell that a spreadsheet would run as a formula (= + - @, or a leading tab or CR)
 * is prefixed with an apostrophe; numbers stay numbers.
 */
export function safeCell(value: string | number | boolean | null): string | number | boolean | null {
  if (typeof value !== 'string') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Streams an .xlsx with one sheet: a bold header row, then one row per item (rows may arrive asynchronously, e.g. read in batches). */
export function exportWorkbook<T>(sheetName: string, columns: ExportColumn<T>[], rows: Iterable<T> | AsyncIterable<T>): Readable {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width ?? 16 }));
  sheet.getRow(1).font = { bold: true };
  void (async () => {
    try {
      for await (const row of rows) sheet.addRow(columns.map((c) => safeCell(c.value(row)))).commit();
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      output.destroy(error as Error);
    }
  })();
  return output;
}

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function attachmentHeader(fileName: string): string {
  return `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
