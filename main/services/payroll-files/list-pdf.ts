import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { EMPTY_OFFICE_SETTINGS } from '@shared/api/settings';
import { formatMonthVi } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import { pdfBuilder, renderBuilt, renderPdf } from '../../documents/pdf/render';
import {
  A4_LANDSCAPE,
  amountInWordsLine,
  chairmanSignature,
  columnMinWidth,
  dataTable,
  documentDefinition,
  GRID_CELL,
  heading,
  keptClosing,
  mm,
  officeNames,
  shareWidths,
  signatureRow,
  tableContentWidth,
  title,
  type TableColumn,
} from '../../documents/pdf/decree30';
import type { FileLine } from './lines';
import {
  buildListRows,
  LIST_HEADERS,
  SIGNERS,
  listSubtitle,
  listTotals,
  type ListContext,
  type ListRow,
  type ListTotals,
} from './list-rows';

// The payout lists (cash at the ward, or via the post office; landscape A4) as PDF, built from the shared
// Decree 30 pieces (main/documents/pdf/): heading, title, a table whose header repeats on every page,
// totals, the amount in words, and the signature blocks of payments.md. This module is also loaded by the
// PDF pool's threads (main/pdf-worker.ts), where a long list is built from its lines (LIST_PDF): keep its
// imports free of the store.

const money = (n: number) => (n === 0 ? '' : formatVnd(n));

// The cash list is signed by the people paid, many of them old: the "Ký nhận" column and the rows are
// sized for a signature or a thumbprint (điểm chỉ). A thumbprint pressed along the row is about 14 × 20 mm,
// a signature about 30 × 10 mm: each row is at least 15 mm high and the column 38 mm wide (35 mm at the
// least, when the amounts need the room). About ten rows fit on a landscape page.
export const LIST_SIGN_MM = 38;
export const LIST_SIGN_MIN_MM = 35;
export const LIST_ROW_MM = 15;
const LIST_FONT = 8;
/** Columns never wrapped: STT, year, ID number, coefficient and the four amounts. */
const NO_WRAP = new Set([0, 2, 3, 6, 7, 8, 9, 10]);
const SIGN = 12;
/** Share of the rest of the width for the text columns (name, address, group, receiver, note); 0 = at its least width. */
const WEIGHTS = [0, 2.5, 0, 0, 2.2, 4.5, 0, 0, 0, 0, 0, 2.5, 0, 1.3];
/** A group code (when the register has no name for the group) is one unbreakable word: "BTXH-5A1" never wraps. */
const CODE = /^[A-ZĐ]{2,}[-\w.]*$/u;

/** The list's column widths: every amount, ID and code whole on one line, the signature column 38 mm (35 at least). */
function listWidths(
  values: string[][],
  total: string[],
  fontSize: number,
): { widths: number[]; signMm: number } | null {
  const available = tableContentWidth(A4_LANDSCAPE.contentWidth, LIST_HEADERS.length);
  for (const signMm of [LIST_SIGN_MM, LIST_SIGN_MIN_MM]) {
    const spec = LIST_HEADERS.map((header, i) => {
      const cells = values.map((r) => r[i]!);
      if (i >= 7 && i <= 10) cells.push(total[i]!);
      const min = i === SIGN ? mm(signMm) : columnMinWidth(header, cells, fontSize, NO_WRAP.has(i));
      return { min, weight: WEIGHTS[i]! };
    });
    const widths = shareWidths(spec, available);
    if (widths) return { widths, signMm };
  }
  return null;
}

/** The list's document definition, and its totals. */
export function listDefinition(
  context: ListContext,
  rows: readonly ListRow[],
): { definition: TDocumentDefinitions; totals: ListTotals } {
  const office = officeNames({
    ...EMPTY_OFFICE_SETTINGS,
    unitName: context.unitName,
    parentBody: context.parentBody,
    placeName: context.placeName,
    chairmanName: context.chairmanName,
    officerName: context.officerName,
  });
  const totals = listTotals(rows);
  const text: Array<(r: ListRow, i: number) => string> = [
    (_r, i) => String(i + 1),
    (r) => r.fullName,
    (r) => r.birthYear,
    (r) => r.citizenId,
    (r) => r.address,
    (r) => r.group,
    (r) => r.coefficient,
    (r) => money(r.regularVnd),
    (r) => money(r.arrearsVnd),
    (r) => money(r.funeralVnd),
    (r) => formatVnd(r.totalVnd),
    (r) => r.receiverName,
    () => '',
    (r) => r.note,
  ];
  const values = rows.map((r, i) => text.map((f) => f(r, i)));
  const total = [
    `Tổng cộng: ${totals.count} người`,
    '',
    '',
    '',
    '',
    '',
    '',
    money(totals.regularVnd),
    money(totals.arrearsVnd),
    money(totals.funeralVnd),
    formatVnd(totals.totalVnd),
    '',
    '',
    '',
  ];
  // 8 pt, or 7.5 pt when a ward's totals need the room (a whole ward's list in billions).
  let fontSize = LIST_FONT;
  let fitted = listWidths(values, total, fontSize);
  while (!fitted && fontSize > 6.5) fitted = listWidths(values, total, (fontSize -= 0.5));
  const widths = fitted?.widths ?? LIST_HEADERS.map((_h, i) => (i === SIGN ? mm(LIST_SIGN_MIN_MM) : '*'));
  const right = new Set([7, 8, 9, 10]);
  const centre = new Set([0, 2, 6]);
  const columns: Array<TableColumn<number>> = LIST_HEADERS.map((header, i) => ({
    header,
    width: widths[i]!,
    align: right.has(i) ? 'right' : centre.has(i) ? 'center' : 'left',
    noWrap: NO_WRAP.has(i),
    value: (r) => values[r]![i]!,
  }));
  const table = dataTable({
    columns,
    rows: values.map((_v, i) => i),
    numberRow: true,
    total,
    totalSpan: 7,
    fontSize,
    // A row's height is its content's least height plus the cell padding above and below and one rule.
    rowHeight: mm(LIST_ROW_MM) - 2 * GRID_CELL.paddingY - GRID_CELL.rule,
    keep: { name: 'list', rows: 2 },
  });
  // Group codes (only where the register has no name for the group) as unbreakable words.
  const body = table.table.body as Array<Array<Record<string, unknown>>>;
  rows.forEach((r, i) => {
    if (!r.group.split('; ').some((g) => CODE.test(g))) return;
    body[i + 2]![5]!.text = r.group
      .split('; ')
      .flatMap((g, k) => [...(k ? ['; '] : []), CODE.test(g) ? { text: g, noWrap: true } : g]);
  });
  const [type, monthText] = [
    `DANH SÁCH CHI TRẢ ${context.programmeLabel}${context.kind === 'post' ? ' QUA BƯU ĐIỆN' : ''}`,
    `Tháng ${formatMonthVi(context.month)}`,
  ];
  const content: Content[] = [
    heading({ page: A4_LANDSCAPE, office, date: context.date }),
    title(`${type} — ${monthText}`, listSubtitle(context)),
    table,
    keptClosing('list', [
      amountInWordsLine(totals.totalVnd, 'Tổng số tiền bằng chữ'),
      signatureRow(
        [
          { titles: [SIGNERS[0]], hint: '(Ký, ghi rõ họ tên)', name: office.officer },
          { titles: [SIGNERS[1]], hint: '(Ký, ghi rõ họ tên)', name: '' },
          { titles: [SIGNERS[2]], hint: '(Ký, ghi rõ họ tên)', name: '' },
          chairmanSignature(office),
        ],
        [0, 10, 0, 0],
        A4_LANDSCAPE.contentWidth,
      ),
    ]),
  ];
  return {
    definition: documentDefinition({
      page: A4_LANDSCAPE,
      title: `${type} — ${monthText}`,
      content,
      keepTogether: true,
    }),
    totals,
  };
}

export interface ListPdfMeta {
  count: number;
  totalVnd: number;
}

/**
 * A payout list from the payroll's lines (one neighbourhood's, or the whole ward's), built where it is
 * laid out: in a PDF pool thread in the app (renderBuilt), so the core only reads the lines and sends them.
 */
export const LIST_PDF = pdfBuilder('payroll-files.list', (context: ListContext, lines: readonly FileLine[]) => {
  const { definition, totals } = listDefinition(context, buildListRows(lines));
  return { definition, meta: { count: totals.count, totalVnd: totals.totalVnd } satisfies ListPdfMeta };
});

/** The list's PDF from its lines: built and laid out in a pool thread when the core has one. */
export async function renderListPdfFromLines(
  context: ListContext,
  lines: readonly FileLine[],
): Promise<{ content: Buffer; count: number; totalVnd: number; pages: number }> {
  const pdf = await renderBuilt(LIST_PDF, context, lines);
  return { content: pdf.buffer, count: pdf.meta.count, totalVnd: pdf.meta.totalVnd, pages: pdf.pages };
}

/** The list's PDF from rows already made (in this thread unless a pool renders definitions). */
export async function renderListPdf(
  context: ListContext,
  rows: readonly ListRow[],
): Promise<{ content: Buffer; count: number; totalVnd: number; pages: number }> {
  const { definition, totals } = listDefinition(context, rows);
  const pdf = await renderPdf(definition);
  return { content: pdf.buffer, count: totals.count, totalVnd: totals.totalVnd, pages: pdf.pages };
}
