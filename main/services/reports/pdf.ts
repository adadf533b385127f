import type { Content } from 'pdfmake/interfaces';
import type { OfficeSettings } from '../../../shared/api/settings';
import type { IsoDate } from '../../../shared/domain/dates';
import {
  A4_LANDSCAPE,
  A4_PORTRAIT,
  chairmanSignature,
  closing,
  dataTable,
  documentDefinition,
  heading,
  numberLine,
  officeNames,
  paragraph,
  renderPdf,
  title,
  type TableColumn,
} from '../../documents/pdf/decree30';
import { cellText, recipientsFor, type Cell, type ReportDocument } from './document';

// A report as a Decree 30 document (main/documents/pdf): the office heading, a number left blank for the
// clerk ("Số:   /BC-UBND"), place and date, title, the tables, notes, "Nơi nhận" from the settings
// (filtered by the report's programmes) and the chairman's signature block.

export async function reportPdf(doc: ReportDocument, office: OfficeSettings, date: IsoDate): Promise<Buffer> {
  const page = doc.landscape ? A4_LANDSCAPE : A4_PORTRAIT;
  const names = officeNames(office);
  const content: Content[] = [
    heading({ page, office: names, number: numberLine(null, doc.type === 'Báo cáo' ? 'BC-UBND' : 'DS-UBND'), date }),
    title(doc.type, doc.summary),
    paragraph(`${doc.period}. Đơn vị báo cáo: ${names.committee}.`, { indent: false, fontSize: 12 }),
  ];
  for (const table of doc.tables) {
    if (table.caption) content.push({ text: table.caption, bold: true, fontSize: 12, margin: [0, 6, 0, 4] });
    const total = table.columns.reduce((s, c) => s + c.width, 0);
    const columns: Array<TableColumn<{ cells: Cell[] }>> = table.columns.map((c, i) => ({
      header: c.header,
      width: (page.contentWidth - table.columns.length * 7) * (c.width / total),
      align: c.align ?? 'left',
      value: (r) => cellText(r.cells[i] ?? null, c.type),
    }));
    const t = dataTable({ columns, rows: table.rows, numberRow: false, fontSize: table.columns.length > 10 ? 9 : 10 });
    // Bold the total and section rows (the header is row 0).
    const body = t.table.body as Array<Array<Record<string, unknown>>>;
    table.rows.forEach((r, i) => {
      if (r.bold) for (const cell of body[i + 1] ?? []) cell.bold = true;
    });
    content.push(t);
  }
  if (doc.notes.length) {
    content.push({ text: 'Ghi chú:', bold: true, italics: true, fontSize: 11, margin: [0, 8, 0, 2] });
    for (const n of doc.notes) content.push({ text: `- ${n}`, fontSize: 11 });
  }
  content.push(closing(recipientsFor(office, doc.scopes), chairmanSignature(names), page));
  const rendered = await renderPdf(documentDefinition({ page, title: `${doc.type} ${doc.summary}`, content }));
  return rendered.buffer;
}
