import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { LINE_STATUS_LABELS, type Reconciliation, type ReconciliationRow } from '@shared/api/payroll-results';
import { formatMonthVi } from '@shared/domain/dates';
import { METHOD_LABELS } from '@shared/domain/labels';
import type { PayoutMethodCode } from '@shared/api/register';
import { reconcilesText, type FigureOutcome, type FigureRow } from '../../documents/pdf/reconciliation';

// The reconciliation report as xlsx: sheet 1 the figures (per programme, per method, total), sheet 2 the
// lines not paid (the carry-over list). Streaming writer: the second sheet can hold every line.
// `reconciliationWorkbook` is the layout, shared with a one-off round's reconciliation (rounds/).

/** The payroll's outcome columns, in the PDF and the workbook alike. */
export const PAYROLL_OUTCOMES: Array<FigureOutcome<ReconciliationRow>> = [
  { header: 'Đã chi trả', width: 68, bucket: (r) => r.paid },
  { header: 'Không thành công', width: 62, bucket: (r) => r.failed },
  { header: 'Chưa nhận', width: 62, bucket: (r) => r.notCollected },
  { header: 'Chuyển tháng sau', width: 62, bucket: (r) => r.carriedOver },
  { header: 'Chuyển chi tiền mặt', width: 62, bucket: (r) => r.convertedToCash },
  { header: 'Chưa có kết quả', width: 62, bucket: (r) => r.pending },
];

/** The figure sheet's header row: the handed amount, each outcome in lines and đồng, the balance. */
const figureHeaders = <R>(outcomes: Array<FigureOutcome<R>>): string[] => [
  'Nội dung',
  'Số dòng',
  'Số tiền chuyển chi trả (đồng)',
  ...outcomes.flatMap((o) => [`${o.header} (dòng)`, `${o.header} (đồng)`]),
  'Số dư (đồng)',
];

const figureCells = <R extends FigureRow>(outcomes: Array<FigureOutcome<R>>, r: R): Array<string | number> => [
  r.label,
  r.lines,
  r.amountVnd,
  ...outcomes.flatMap((o) => {
    const b = o.bucket(r);
    return [b.lines, b.amountVnd];
  }),
  r.balanceVnd,
];

export const reportTitle = (month: string) =>
  `BÁO CÁO ĐỐI CHIẾU KẾT QUẢ CHI TRẢ TRỢ CẤP — THÁNG ${formatMonthVi(month)}`;

export interface ReconciliationWorkbook<
  R extends FigureRow,
  U extends { fullName: string; neighbourhood: string; method: PayoutMethodCode; amountVnd: number; reason: string },
> {
  unitName: string;
  title: string;
  /** The line under the title (what was approved). */
  info: string;
  outcomes: Array<FigureOutcome<R>>;
  sections: Array<{ heading: string; rows: R[] }>;
  total: R;
  reconciles: boolean;
  /** What the total is checked against ("bảng lương", "đợt chi"). */
  approvedWhat: string;
  unpaid: { title: string; rows: U[]; status: (u: U) => string };
}

export async function reconciliationWorkbook<
  R extends FigureRow,
  U extends { fullName: string; neighbourhood: string; method: PayoutMethodCode; amountVnd: number; reason: string },
>(d: ReconciliationWorkbook<R, U>): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });

  const sheet = workbook.addWorksheet('Đối chiếu');
  const headerRow = figureHeaders(d.outcomes);
  sheet.columns = headerRow.map((_h, i) => ({ width: i === 0 ? 44 : 14 }));
  const line = (cells: Array<string | number>, bold = false) => {
    const row = sheet.addRow(cells);
    if (bold) row.font = { bold: true };
    for (let c = 2; c <= cells.length; c++) if (typeof cells[c - 1] === 'number') row.getCell(c).numFmt = '#,##0';
    row.commit();
  };
  line([d.unitName.toUpperCase()], true);
  line([d.title], true);
  line([d.info]);
  for (const s of d.sections) {
    line([]);
    line([s.heading], true);
    line(headerRow, true);
    for (const r of s.rows) line(figureCells(d.outcomes, r));
  }
  line([]);
  line(headerRow, true);
  line(figureCells(d.outcomes, d.total), true);
  line([]);
  line([reconcilesText(d.reconciles, d.approvedWhat)]);
  sheet.commit();

  const list = workbook.addWorksheet('Chưa chi trả');
  const headers = ['STT', 'Họ và tên', 'Khu phố', 'Hình thức', 'Số tiền (đồng)', 'Tình trạng', 'Lý do'];
  list.columns = [6, 28, 16, 30, 14, 28, 40].map((width) => ({ width }));
  const title = list.addRow([d.unpaid.title]);
  title.font = { bold: true };
  title.commit();
  const head = list.addRow(headers);
  head.font = { bold: true };
  head.commit();
  let unpaidVnd = 0;
  for (const [i, u] of d.unpaid.rows.entries()) {
    const row = list.addRow([
      i + 1,
      u.fullName,
      u.neighbourhood,
      METHOD_LABELS[u.method] ?? u.method,
      u.amountVnd,
      d.unpaid.status(u),
      u.reason,
    ]);
    row.getCell(5).numFmt = '#,##0';
    row.commit();
    unpaidVnd += u.amountVnd;
  }
  const total = list.addRow(['', `Cộng: ${d.unpaid.rows.length} dòng`, '', '', unpaidVnd, '', '']);
  total.font = { bold: true };
  total.getCell(5).numFmt = '#,##0';
  total.commit();
  list.commit();
  await workbook.commit();
  await ended;
  return Buffer.concat(chunks);
}

export function reconciliationXlsx(rec: Reconciliation, programmeName: string): Promise<Buffer> {
  return reconciliationWorkbook({
    unitName: rec.unitName,
    title: reportTitle(rec.payroll.month),
    info: `Chế độ: ${programmeName} · Bảng lương số ${rec.payroll.id} · ${rec.payroll.lineCount} dòng · ${rec.payroll.totalVnd} đồng`,
    outcomes: PAYROLL_OUTCOMES,
    sections: [
      { heading: 'THEO CHẾ ĐỘ', rows: rec.byProgramme },
      { heading: 'THEO HÌNH THỨC CHI TRẢ', rows: rec.byMethod },
    ],
    total: rec.total,
    reconciles: rec.reconciles,
    approvedWhat: 'bảng lương',
    unpaid: {
      title: `DANH SÁCH CHƯA CHI TRẢ — THÁNG ${formatMonthVi(rec.payroll.month)}`,
      rows: rec.unpaid,
      status: (u) => LINE_STATUS_LABELS[u.status],
    },
  });
}
