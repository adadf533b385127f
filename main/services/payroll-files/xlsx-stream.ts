import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import type { OfficeSettings } from '@shared/api/settings';
import { officeNames } from '../../documents';

// An exceljs streaming workbook written into memory (the files are written to the user's folder only when
// every file of the export is ready, so a Cancel leaves nothing behind). Streaming: ~1.5 s and lean at
// 100,000 rows where the normal Workbook needs ~1 GB (STACK-NOTES).

export interface MemoryWorkbook {
  workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  finish(): Promise<Buffer>;
}

export function memoryWorkbook(): MemoryWorkbook {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  return {
    workbook,
    finish: async () => {
      await workbook.commit();
      await ended;
      return Buffer.concat(chunks);
    },
  };
}

/** Rows between two progress reports / cancel checks. */
export const CHUNK = 2_000;

/**
 * A landscape A4 list sheet fit to the page's width, opened by the office's letterhead and the list's
 * title in bold; `bold` adds (and commits) a bold row.
 */
export function letterheadListSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  sheetName: string,
  widths: readonly number[],
  office: OfficeSettings,
  title: string,
) {
  const sheet = workbook.addWorksheet(sheetName, {
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = widths.map((width) => ({ width }));
  const bold = (values: unknown[]) => {
    const row = sheet.addRow(values);
    row.font = { bold: true };
    row.commit();
  };
  // A People's Committee's letterhead has no parent-body line (Decree 30; officeNames).
  const parent = officeNames(office).parent;
  if (parent) sheet.addRow([parent]).commit();
  bold([office.unitName.toUpperCase()]);
  bold([title]);
  return { sheet, bold };
}
