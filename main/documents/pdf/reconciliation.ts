import type { Content } from 'pdfmake/interfaces';
import type { OfficeSettings } from '@shared/api/settings';
import type { PayoutMethodCode } from '@shared/api/register';
import type { IsoDate } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import { METHOD_LABELS } from '@shared/domain/labels';
import {
  A4_LANDSCAPE,
  amountInWordsLine,
  chairmanSignature,
  dataTable,
  documentDefinition,
  heading,
  keptClosing,
  keptHeading,
  officeNames,
  paragraph,
  renderPdf,
  signatureRow,
  title,
  type TableColumn,
} from './decree30';

// The printed reconciliation of payment results, shared by the payroll's (payroll-results) and a one-off
// round's (rounds): figure tables whose rows partition the approved total, the amounts in words, the lines
// not paid and the four signatures, kept with the last rows. Each caller gives its own columns and words.

type Bucket = { lines: number; amountVnd: number };
export interface FigureRow extends Bucket {
  label: string;
  paid: Bucket;
  balanceVnd: number;
}

/** One outcome column of the figures (paid, failed…): its header, its width in the PDF, its bucket of a row. */
export interface FigureOutcome<R> {
  header: string;
  width: number;
  bucket: (r: R) => Bucket;
}

/** Whether the lines add up to what was approved ("bảng lương", "đợt chi"), in the report's words. */
export const reconcilesText = (reconciles: boolean, approvedWhat: string) =>
  reconciles
    ? `Tổng các dòng khớp với tổng ${approvedWhat} đã phê duyệt.`
    : `CẢNH BÁO: tổng các dòng KHÔNG khớp với tổng ${approvedWhat} đã phê duyệt.`;

const cell = (b: Bucket) => (b.lines === 0 ? '0' : `${formatVnd(b.amountVnd)}\n(${b.lines} dòng)`);

/** Nội dung, the amount handed to the payer, one column per outcome, the balance. */
export function figureColumns<R extends FigureRow>(
  outcomes: Array<FigureOutcome<R>>,
  widths: { handed: number; balance: number } = { handed: 72, balance: 68 },
): Array<TableColumn<R>> {
  return [
    { header: 'Nội dung', width: '*', value: (r) => r.label },
    {
      header: 'Chuyển chi trả',
      width: widths.handed,
      align: 'right',
      noWrap: true,
      value: (r) => `${formatVnd(r.amountVnd)}\n(${r.lines} dòng)`,
    },
    ...outcomes.map((o): TableColumn<R> => ({
      header: o.header,
      width: o.width,
      align: 'right',
      noWrap: true,
      value: (r) => cell(o.bucket(r)),
    })),
    {
      header: 'Số dư (chưa chi)',
      width: widths.balance,
      align: 'right',
      noWrap: true,
      value: (r) => formatVnd(r.balanceVnd),
    },
  ];
}

export interface UnpaidLine {
  fullName: string;
  neighbourhood: string;
  method: PayoutMethodCode;
  amountVnd: number;
  reason: string;
}

function unpaidColumns<U extends UnpaidLine>(statusLabel: (u: U) => string): Array<TableColumn<U>> {
  return [
    { header: 'STT', width: 30, align: 'center', value: (_u, i) => String(i + 1) },
    { header: 'Họ và tên', width: 150, value: (u) => u.fullName },
    { header: 'Khu phố', width: 80, value: (u) => u.neighbourhood },
    { header: 'Hình thức', width: 130, value: (u) => METHOD_LABELS[u.method] ?? u.method },
    { header: 'Số tiền (đồng)', width: 70, align: 'right', noWrap: true, value: (u) => formatVnd(u.amountVnd) },
    { header: 'Tình trạng', width: 90, value: statusLabel },
    { header: 'Lý do', width: '*', value: (u) => u.reason },
  ];
}

export interface ReconciliationDocument<R extends FigureRow, U extends UnpaidLine> {
  settings: OfficeSettings;
  date: IsoDate;
  /** The document's heading under "Báo cáo", and its PDF metadata title. */
  heading: string;
  docTitle: string;
  intro: string;
  columns: Array<TableColumn<R>>;
  /** Each section's heading and rows; the total row is added under each. */
  sections: Array<{ heading: string; rows: R[] }>;
  total: R;
  reconciles: boolean;
  /** What the total is checked against ("bảng lương", "đợt chi"). */
  approvedWhat: string;
  /** The lines not paid, under `title` ("III. Danh sách chưa chi trả"), followed by their count. */
  unpaid: { title: string; rows: U[]; status: (u: U) => string };
}

/**
 * The unpaid section's heading: with its count, or, when every line is paid, a line saying so. The
 * section is printed even then (not left out): a reader who finds sections I and II only cannot tell a
 * report with nothing unpaid from one whose list went missing.
 */
export const unpaidHeading = (title: string, lines: number) =>
  lines === 0 ? `${title}: không có dòng nào.` : `${title} (${lines} dòng)`;

/**
 * A longer unpaid list starts on a page of its own (its heading first). Keeping a heading with its first
 * row makes pdfmake lay the whole document out again whenever the heading moves: ~0.5 s per 1,000 rows
 * (6 s more at 13,699), for a list that runs over many pages anyway.
 */
export const UNPAID_OWN_PAGE_ROWS = 500;

export async function reconciliationPdf<R extends FigureRow, U extends UnpaidLine>(
  d: ReconciliationDocument<R, U>,
): Promise<Buffer> {
  const office = officeNames(d.settings);
  const t = d.total;
  const content: Content[] = [
    heading({ page: A4_LANDSCAPE, office, date: d.date }),
    title('Báo cáo', d.heading),
    paragraph(d.intro),
  ];
  // The signatures stay with the last rows of the last table (never alone on a page).
  const unpaid = d.unpaid.rows.length > 0;
  d.sections.forEach((s, i) => {
    const last = i === d.sections.length - 1;
    const table = dataTable({
      columns: d.columns,
      rows: [...s.rows, t],
      fontSize: 10,
      ...(last && !unpaid ? { keep: { name: 'reconciliation', rows: 2 } } : {}),
    });
    // Each heading stays with its table's first row (never alone at the foot of a page).
    content.push(...keptHeading(s.heading, table, `section-${i}`, [0, i === 0 ? 6 : 10, 0, 4]));
  });
  const figures: Content[] = [
    amountInWordsLine(t.paid.amountVnd, 'Số tiền đã chi trả bằng chữ'),
    amountInWordsLine(t.balanceVnd, 'Số dư chưa chi bằng chữ'),
    { text: reconcilesText(d.reconciles, d.approvedWhat), italics: true, fontSize: 11 },
  ];
  if (unpaid) {
    const rows = d.unpaid.rows;
    const unpaidVnd = rows.reduce((s, u) => s + u.amountVnd, 0);
    const unpaidTable = dataTable({
      columns: unpaidColumns(d.unpaid.status),
      rows,
      fontSize: 10,
      total: ['', `Cộng: ${rows.length} dòng`, '', '', formatVnd(unpaidVnd), '', ''],
      keep: { name: 'reconciliation', rows: 2 },
    });
    const unpaidTitle = unpaidHeading(d.unpaid.title, rows.length);
    content.push(
      ...figures,
      ...(rows.length > UNPAID_OWN_PAGE_ROWS
        ? [{ text: unpaidTitle, bold: true, margin: [0, 0, 0, 4], pageBreak: 'before' } as Content, unpaidTable]
        : keptHeading(unpaidTitle, unpaidTable, 'unpaid', [0, 10, 0, 4])),
    );
  } else {
    // Nothing unpaid: the section says so, kept with the figures and the signatures.
    figures.push({ text: unpaidHeading(d.unpaid.title, 0), bold: true, margin: [0, 10, 0, 0] });
  }
  const signatures = signatureRow(
    [
      { titles: ['NGƯỜI LẬP BIỂU'], hint: '(Ký, ghi rõ họ tên)', name: office.officer },
      { titles: ['KẾ TOÁN'], hint: '(Ký, ghi rõ họ tên)', name: '' },
      { titles: ['ĐƠN VỊ CHI TRẢ'], hint: '(Ký, ghi rõ họ tên)', name: '' },
      chairmanSignature(office),
    ],
    [0, 12, 0, 0],
    A4_LANDSCAPE.contentWidth,
  );
  content.push(keptClosing('reconciliation', unpaid ? [signatures] : [...figures, signatures]));
  const pdf = await renderPdf(
    documentDefinition({ page: A4_LANDSCAPE, title: d.docTitle, content, keepTogether: true }),
  );
  return pdf.buffer;
}
