import type { Content } from 'pdfmake/interfaces';
import type { OfficeSettings } from '@shared/api/settings';
import type { IsoDate } from '@shared/domain/dates';
import {
  A4_LANDSCAPE,
  A4_PORTRAIT,
  chairmanSignature,
  closing,
  columnMinWidth,
  dataTable,
  documentDefinition,
  heading,
  keptClosing,
  numberLine,
  officeNames,
  paragraph,
  renderPdf,
  shareWidths,
  tableContentWidth,
  title,
  type TableColumn,
} from '../../documents/pdf/decree30';
import { cellText, recipientsFor, type ReportDocument } from './document';

// A report as a Decree 30 document (main/documents/pdf): the office heading, a number left blank for the
// clerk ("Số:   /BC-UBND"), place and date, title, the tables, notes, "Nơi nhận" from the settings
// (filtered by the report's programmes) and the chairman's signature block.

const CODE = /\b[A-ZĐ]{2,}-[\w.]+/u;
const codeRuns = (text: string) => text.split(/(\s+)/).map((w) => (CODE.test(w) ? { text: w, noWrap: true } : w));

export async function reportPdf(doc: ReportDocument, office: OfficeSettings, date: IsoDate): Promise<Buffer> {
  const page = doc.landscape ? A4_LANDSCAPE : A4_PORTRAIT;
  const names = officeNames(office);
  const content: Content[] = [
    heading({ page, office: names, number: numberLine(null, doc.type === 'Báo cáo' ? 'BC-UBND' : 'DS-UBND'), date }),
    title(doc.type, doc.summary),
    paragraph(`${doc.period}. Đơn vị báo cáo: ${names.committee}.`, { indent: false, fontSize: 12 }),
  ];
  doc.tables.forEach((table, t) => {
    const last = t === doc.tables.length - 1;
    if (table.caption) content.push({ text: table.caption, bold: true, fontSize: 12, margin: [0, 6, 0, 4] });
    const texts = table.rows.map((r) => table.columns.map((c, i) => cellText(r.cells[i] ?? null, c.type)));
    const numeric = (i: number) => table.columns[i]!.type !== undefined && table.columns[i]!.type !== 'text';
    // Numbers on one line, every header word whole ("Tỷ lệ", "Chỉ tiêu" never cut): each column at least
    // that wide, the rest shared as the xlsx widths share it; smaller type when a wide table needs it.
    let fontSize = table.columns.length > 10 ? 9 : 10;
    let widths: number[] | null = null;
    for (; fontSize >= 7 && !widths; fontSize -= 0.5) {
      const spec = table.columns.map((c, i) => ({
        min: columnMinWidth(
          c.header,
          texts.map((r) => r[i]!),
          fontSize,
          numeric(i),
        ),
        weight: c.width,
      }));
      widths = shareWidths(spec, tableContentWidth(page.contentWidth, table.columns.length));
      if (widths) break;
    }
    const columns: Array<TableColumn<string[]>> = table.columns.map((c, i) => ({
      header: c.header,
      width: widths?.[i] ?? '*',
      align: c.align ?? 'left',
      noWrap: numeric(i),
      value: (r) => r[i]!,
    }));
    const dt = dataTable({
      columns,
      rows: texts,
      numberRow: false,
      fontSize,
      ...(last ? { keep: { name: 'report', rows: 2 } } : {}),
    });
    // Bold the total and section rows (the header is row 0); a group code ("BTXH-5A1 → BTXH-5B") is one
    // unbreakable word (the column is at least as wide as its widest word).
    const body = dt.table.body as Array<Array<Record<string, unknown>>>;
    table.rows.forEach((r, i) => {
      const row = body[i + 1] ?? [];
      if (r.bold) for (const cell of row) cell.bold = true;
      row.forEach((cell, c) => {
        if (!numeric(c) && typeof cell.text === 'string' && CODE.test(cell.text)) cell.text = codeRuns(cell.text);
      });
    });
    content.push(dt);
  });
  // Notes, "Nơi nhận" and the signature stay with the last rows of the last table (never alone on a page).
  const notes: Content[] = doc.notes.length
    ? [
        { text: 'Ghi chú:', bold: true, italics: true, fontSize: 11, margin: [0, 8, 0, 2] },
        ...doc.notes.map((n) => ({ text: `- ${n}`, fontSize: 11 })),
      ]
    : [];
  content.push(
    keptClosing('report', [...notes, closing(recipientsFor(office, doc.scopes), chairmanSignature(names), page)]),
  );
  const rendered = await renderPdf(
    documentDefinition({ page, title: `${doc.type} ${doc.summary}`, content, keepTogether: true }),
  );
  return rendered.buffer;
}
