import ExcelJS from 'exceljs';
import type { OfficeSettings } from '@shared/api/settings';
import { formatDateVi } from '@shared/domain/dates';
import { officeNames } from '../../documents/pdf/decree30';
import { cellText, type ReportDocument } from './document';

// A report as an xlsx workbook: the office and title rows, then each table (header, rows; counts and
// money as numbers formatted #,##0, percentages as text "34,4%" as the wards write them), then notes.
// Reports are small (a few hundred rows at most, the tăng/giảm list aside), so the normal Workbook is used.

export async function reportXlsx(doc: ReportDocument, office: OfficeSettings, createdOn: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Sổ An Sinh';
  workbook.created = new Date(`${createdOn}T00:00:00Z`);
  const sheet = workbook.addWorksheet('Báo cáo', {
    pageSetup: {
      orientation: doc.landscape ? 'landscape' : 'portrait',
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  const width = Math.max(...doc.tables.map((t) => t.columns.length));
  sheet.columns = Array.from({ length: width }, (_, i) => ({
    width: Math.max(...doc.tables.map((t) => t.columns[i]?.width ?? 8)),
  }));
  const line = (text: string, bold = false) => {
    const row = sheet.addRow([text]);
    row.font = { bold };
    return row;
  };
  // A People's Committee's letterhead has no parent-body line (Decree 30; officeNames).
  if (officeNames(office).parent) line(officeNames(office).parent);
  line(officeNames(office).committeeCaps, true);
  sheet.addRow([]);
  line(doc.type.toLocaleUpperCase('vi'), true);
  line(doc.summary, true);
  line(doc.period);
  for (const table of doc.tables) {
    sheet.addRow([]);
    if (table.caption) line(table.caption, true);
    const header = sheet.addRow(table.columns.map((c) => c.header));
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    for (const r of table.rows) {
      const row = sheet.addRow(
        r.cells.map((c, i) => {
          const type = table.columns[i]?.type;
          if (type === 'percent') return cellText(c, type);
          return c === null ? '' : c;
        }),
      );
      if (r.bold) row.font = { bold: true };
      table.columns.forEach((c, i) => {
        const cell = row.getCell(i + 1);
        if (c.type === 'vnd' || c.type === 'count') cell.numFmt = '#,##0';
        // Citizen IDs and decision numbers stay text (leading zeros).
        if (c.align) cell.alignment = { horizontal: c.align };
      });
    }
  }
  if (doc.notes.length) {
    sheet.addRow([]);
    line('Ghi chú:', true);
    for (const n of doc.notes) line(`- ${n}`);
  }
  sheet.addRow([]);
  line(`${office.placeName || '……'}, ngày ${formatDateVi(createdOn)}`);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
