import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { LINE_STATUS_LABELS, type Reconciliation, type ReconciliationRow } from '@shared/api/payroll-results';
import { formatMonthVi } from '@shared/domain/dates';
import { METHOD_LABELS } from '@shared/domain/labels';
import type { PayoutMethodCode } from '@shared/api/register';

// The reconciliation report as xlsx: sheet 1 the figures (per programme, per method, total), sheet 2 the
// lines not paid (the carry-over list). Streaming writer: the second sheet can hold every line.
// `reconciliationWorkbook` is the layout, shared with a one-off round's reconciliation (rounds/).

export const FIGURE_HEADERS = [
  'Nội dung',
  'Số dòng',
  'Số tiền chuyển chi trả (đồng)',
  'Đã chi trả (dòng)',
  'Đã chi trả (đồng)',
  'Không thành công (dòng)',
  'Không thành công (đồng)',
  'Chưa nhận (dòng)',
  'Chưa nhận (đồng)',
  'Chuyển tháng sau (dòng)',
  'Chuyển tháng sau (đồng)',
  'Chuyển chi tiền mặt (dòng)',
  'Chuyển chi tiền mặt (đồng)',
  'Chưa có kết quả (dòng)',
  'Chưa có kết quả (đồng)',
  'Số dư (đồng)',
];

export const figureCells = (r: ReconciliationRow): Array<string | number> => [
  r.label,
  r.lines,
  r.amountVnd,
  r.paid.lines,
  r.paid.amountVnd,
  r.failed.lines,
  r.failed.amountVnd,
  r.notCollected.lines,
  r.notCollected.amountVnd,
  r.carriedOver.lines,
  r.carriedOver.amountVnd,
  r.convertedToCash.lines,
  r.convertedToCash.amountVnd,
  r.pending.lines,
  r.pending.amountVnd,
  r.balanceVnd,
];

export const reportTitle = (month: string) =>
  `BÁO CÁO ĐỐI CHIẾU KẾT QUẢ CHI TRẢ TRỢ CẤP — THÁNG ${formatMonthVi(month)}`;

export interface ReconciliationWorkbook<
  R,
  U extends { fullName: string; neighbourhood: string; method: PayoutMethodCode; amountVnd: number; reason: string },
> {
  unitName: string;
  title: string;
  /** The line under the title (what was approved). */
  info: string;
  headers: string[];
  cells: (r: R) => Array<string | number>;
  sections: Array<{ heading: string; rows: R[] }>;
  total: R;
  reconcilesText: string;
  unpaid: { title: string; rows: U[]; status: (u: U) => string };
}

export async function reconciliationWorkbook<
  R,
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
  sheet.columns = d.headers.map((_h, i) => ({ width: i === 0 ? 44 : 14 }));
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
    line(d.headers, true);
    for (const r of s.rows) line(d.cells(r));
  }
  line([]);
  line(d.headers, true);
  line(d.cells(d.total), true);
  line([]);
  line([d.reconcilesText]);
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
    headers: FIGURE_HEADERS,
    cells: figureCells,
    sections: [
      { heading: 'THEO CHẾ ĐỘ', rows: rec.byProgramme },
      { heading: 'THEO HÌNH THỨC CHI TRẢ', rows: rec.byMethod },
    ],
    total: rec.total,
    reconcilesText: rec.reconciles
      ? 'Tổng các dòng khớp với tổng bảng lương đã phê duyệt.'
      : 'CẢNH BÁO: tổng các dòng KHÔNG khớp với tổng bảng lương đã phê duyệt.',
    unpaid: {
      title: `DANH SÁCH CHƯA CHI TRẢ — THÁNG ${formatMonthVi(rec.payroll.month)}`,
      rows: rec.unpaid,
      status: (u) => LINE_STATUS_LABELS[u.status],
    },
  });
}
