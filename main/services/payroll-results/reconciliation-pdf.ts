import type { Content } from 'pdfmake/interfaces';
import { LINE_STATUS_LABELS, type Reconciliation, type ReconciliationRow } from '@shared/api/payroll-results';
import type { OfficeSettings } from '@shared/api/settings';
import { formatMonthVi } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import {
  A4_LANDSCAPE,
  amountInWordsLine,
  chairmanSignature,
  dataTable,
  documentDefinition,
  heading,
  keptClosing,
  officeNames,
  paragraph,
  renderPdf,
  signatureRow,
  title,
  type TableColumn,
} from '../../documents/pdf/decree30';
import { today } from '../clock';
import { METHOD_LABELS } from '@shared/domain/labels';

// The reconciliation report as a landscape PDF with the shared Decree 30 building blocks: figures per
// programme and per payout method with the total, the balance in words, the lines not paid (the
// carry-over list), and the signatures of the preparer, the accountant, the payer and the chairman.

const cell = (b: { lines: number; amountVnd: number }) =>
  b.lines === 0 ? '0' : `${formatVnd(b.amountVnd)}\n(${b.lines} dòng)`;

const FIGURE_COLUMNS: Array<TableColumn<ReconciliationRow>> = [
  { header: 'Nội dung', width: '*', value: (r) => r.label },
  {
    header: 'Chuyển chi trả',
    width: 72,
    align: 'right',
    noWrap: true,
    value: (r) => `${formatVnd(r.amountVnd)}\n(${r.lines} dòng)`,
  },
  { header: 'Đã chi trả', width: 68, align: 'right', noWrap: true, value: (r) => cell(r.paid) },
  { header: 'Không thành công', width: 62, align: 'right', noWrap: true, value: (r) => cell(r.failed) },
  { header: 'Chưa nhận', width: 62, align: 'right', noWrap: true, value: (r) => cell(r.notCollected) },
  { header: 'Chuyển tháng sau', width: 62, align: 'right', noWrap: true, value: (r) => cell(r.carriedOver) },
  { header: 'Chuyển chi tiền mặt', width: 62, align: 'right', noWrap: true, value: (r) => cell(r.convertedToCash) },
  { header: 'Chưa có kết quả', width: 62, align: 'right', noWrap: true, value: (r) => cell(r.pending) },
  { header: 'Số dư (chưa chi)', width: 68, align: 'right', noWrap: true, value: (r) => formatVnd(r.balanceVnd) },
];

type Unpaid = Reconciliation['unpaid'][number];
const UNPAID_COLUMNS: Array<TableColumn<Unpaid>> = [
  { header: 'STT', width: 30, align: 'center', value: (_u, i) => String(i + 1) },
  { header: 'Họ và tên', width: 150, value: (u) => u.fullName },
  { header: 'Khu phố', width: 80, value: (u) => u.neighbourhood },
  { header: 'Hình thức', width: 130, value: (u) => METHOD_LABELS[u.method] ?? u.method },
  { header: 'Số tiền (đồng)', width: 70, align: 'right', noWrap: true, value: (u) => formatVnd(u.amountVnd) },
  { header: 'Tình trạng', width: 90, value: (u) => LINE_STATUS_LABELS[u.status] },
  { header: 'Lý do', width: '*', value: (u) => u.reason },
];

export async function reconciliationPdf(
  rec: Reconciliation,
  programmeName: string,
  now: Date,
  settings: OfficeSettings,
): Promise<Buffer> {
  const office = officeNames(settings);
  const month = formatMonthVi(rec.payroll.month);
  const t = rec.total;
  const unpaidVnd = rec.unpaid.reduce((s, u) => s + u.amountVnd, 0);
  const content: Content[] = [
    heading({ page: A4_LANDSCAPE, office, date: today(now) }),
    title('Báo cáo', `Đối chiếu kết quả chi trả trợ cấp tháng ${month}`),
    paragraph(
      `Chế độ: ${programmeName}. Bảng lương đã phê duyệt gồm ${rec.payroll.lineCount} dòng, tổng số tiền ${formatVnd(rec.payroll.totalVnd)} đồng. ` +
        `Đã chi trả ${t.paid.lines} dòng, ${formatVnd(t.paid.amountVnd)} đồng; số dư chưa chi ${formatVnd(t.balanceVnd)} đồng.`,
    ),
    { text: 'I. Theo chế độ', bold: true, margin: [0, 6, 0, 4] },
    dataTable({ columns: FIGURE_COLUMNS, rows: [...rec.byProgramme, t], fontSize: 10 }),
    { text: 'II. Theo hình thức chi trả', bold: true, margin: [0, 10, 0, 4] },
  ];
  // The signatures stay with the last rows of the last table (never alone on a page).
  const unpaid = rec.unpaid.length > 0;
  content.push(
    dataTable({
      columns: FIGURE_COLUMNS,
      rows: [...rec.byMethod, t],
      fontSize: 10,
      ...(unpaid ? {} : { keep: { name: 'reconciliation', rows: 2 } }),
    }),
  );
  const figures: Content[] = [
    amountInWordsLine(t.paid.amountVnd, 'Số tiền đã chi trả bằng chữ'),
    amountInWordsLine(t.balanceVnd, 'Số dư chưa chi bằng chữ'),
    {
      text: rec.reconciles
        ? 'Tổng các dòng khớp với tổng bảng lương đã phê duyệt.'
        : 'CẢNH BÁO: tổng các dòng KHÔNG khớp với tổng bảng lương đã phê duyệt.',
      italics: true,
      fontSize: 11,
    },
  ];
  if (unpaid) {
    content.push(
      ...figures,
      { text: `III. Danh sách chưa chi trả (${rec.unpaid.length} dòng)`, bold: true, margin: [0, 10, 0, 4] },
      dataTable({
        columns: UNPAID_COLUMNS,
        rows: rec.unpaid,
        fontSize: 10,
        total: ['', `Cộng: ${rec.unpaid.length} dòng`, '', '', formatVnd(unpaidVnd), '', ''],
        keep: { name: 'reconciliation', rows: 2 },
      }),
    );
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
    documentDefinition({
      page: A4_LANDSCAPE,
      title: `Báo cáo đối chiếu kết quả chi trả — tháng ${month}`,
      content,
      keepTogether: true,
    }),
  );
  return pdf.buffer;
}
