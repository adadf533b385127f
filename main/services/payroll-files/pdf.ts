import type { Content } from 'pdfmake/interfaces';
import type { OfficeSettings } from '@shared/api/settings';
import { formatMonthVi } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import { METHOD_ORDER, METHOD_SHORT } from '@shared/domain/labels';
import type { PayoutMethodCode } from '@shared/api/register';
import { renderPdf } from '../../documents/pdf/render';
import {
  A4_PORTRAIT,
  amountInWordsLine,
  chairmanSignature,
  columnMinWidth,
  dataTable,
  documentDefinition,
  heading,
  keptClosing,
  officeNames,
  signatureRow,
  title,
} from '../../documents/pdf/decree30';
import type { FileLine, PayrollScope } from './lines';
import { ACCOUNT_METHODS } from './rules';
import { SIGNERS } from './list-rows';
import type { Plan } from './plan';

// The monthly summary (portrait A4) as PDF, built from the shared Decree 30 pieces (main/documents/pdf/);
// the payout lists are in list-pdf.ts.
export { LIST_ROW_MM, LIST_SIGN_MIN_MM, LIST_SIGN_MM, renderListPdf } from './list-pdf';

const OTHER_MONTHS: ReadonlySet<string> = new Set(['arrears', 'carryover', 'other']);

const methodIndex = (method: string) => METHOD_ORDER.indexOf(method as PayoutMethodCode);

interface SummaryRow {
  label: string;
  method: string;
  people: string;
  lines: string;
  amount: string;
  bold?: boolean;
}

export interface SummaryFigures {
  rows: Array<{ programme: string; method: string; people: number; lines: number; totalVnd: number }>;
  totalVnd: number;
  lines: number;
  bankVnd: number;
  cashVnd: number;
  postVnd: number;
  notInFilesVnd: number;
}

/** Counts and amounts by programme and method, and the totals of each kind of file (for the reconciliation table). */
export function summaryFigures(plan: Plan): SummaryFigures {
  const all = plan.files.find((f) => f.kind === 'summary-pdf')!.lines;
  const cells = new Map<
    string,
    { programme: string; method: string; people: Set<number>; lines: number; totalVnd: number }
  >();
  for (const l of all) {
    const key = `${l.programme}\u0000${l.method}`;
    let c = cells.get(key);
    if (!c)
      cells.set(key, (c = { programme: l.programme, method: l.method, people: new Set(), lines: 0, totalVnd: 0 }));
    c.people.add(l.personId);
    c.lines++;
    c.totalVnd += l.amountVnd;
  }
  const sumKind = (kind: string) => plan.files.filter((f) => f.kind === kind).reduce((s, f) => s + f.totalVnd, 0);
  const totalVnd = all.reduce((s, l) => s + l.amountVnd, 0);
  const bankVnd = sumKind('bank');
  const cashVnd = sumKind('cash-pdf');
  const postVnd = sumKind('post-pdf');
  const accountVnd = all.filter((l) => ACCOUNT_METHODS.has(l.method)).reduce((s, l) => s + l.amountVnd, 0);
  return {
    rows: [...cells.values()]
      .sort(
        (a, b) =>
          plan.programmes.indexOf(a.programme) - plan.programmes.indexOf(b.programme) ||
          methodIndex(a.method) - methodIndex(b.method),
      )
      .map((c) => ({
        programme: c.programme,
        method: c.method,
        people: c.people.size,
        lines: c.lines,
        totalVnd: c.totalVnd,
      })),
    totalVnd,
    lines: all.length,
    bankVnd,
    cashVnd,
    postVnd,
    notInFilesVnd: accountVnd - bankVnd,
  };
}

/**
 * The audit chain's anchor printed under the summary (main/services/audit-anchors.ts): the number and
 * hash of the register's newest audit entry when the summary was made. Kept with the signed paper, it
 * lets anyone check later that the register's log was not rewritten (Cài đặt → Nhật ký).
 */
export const anchorLine = (anchor: { seq: number; hash: string }): Content => ({
  text: `Mốc neo nhật ký: mục số ${anchor.seq} · mã ${anchor.hash}`,
  fontSize: 7,
  color: '#444444',
  margin: [0, 12, 0, 0],
});

export async function renderSummaryPdf(input: {
  office: OfficeSettings;
  month: string;
  date: string;
  scope: PayrollScope;
  plan: Plan;
  anchor?: { seq: number; hash: string } | null;
  /** A submitted payroll printed for the chairman to sign before approval (issue 14): marked BẢN DỰ THẢO. */
  draft?: boolean;
}): Promise<{ content: Buffer; count: number; totalVnd: number; pages: number }> {
  const office = officeNames(input.office);
  const f = summaryFigures(input.plan);
  const rows: SummaryRow[] = [];
  for (const programme of input.plan.programmes) {
    const own = f.rows.filter((r) => r.programme === programme);
    if (own.length === 0) continue;
    for (const r of own)
      rows.push({
        label: input.scope.programmeNames[programme] ?? programme,
        method: METHOD_SHORT[r.method as PayoutMethodCode] ?? r.method,
        people: String(r.people),
        lines: String(r.lines),
        amount: formatVnd(r.totalVnd),
      });
    const sub = own.reduce((s, r) => s + r.totalVnd, 0);
    rows.push({
      label: `Cộng ${input.scope.programmeNames[programme] ?? programme}`,
      method: '',
      people: '',
      lines: String(own.reduce((s, r) => s + r.lines, 0)),
      amount: formatVnd(sub),
      bold: true,
    });
  }
  const table = dataTable<SummaryRow>({
    columns: [
      { header: 'Chế độ', width: '*', value: (r) => r.label },
      { header: 'Hình thức chi trả', width: 130, value: (r) => r.method },
      { header: 'Số người', width: 40, align: 'right', noWrap: true, value: (r) => r.people },
      { header: 'Số dòng', width: 40, align: 'right', noWrap: true, value: (r) => r.lines },
      {
        header: 'Số tiền (đồng)',
        width: Math.max(70, columnMinWidth('Số tiền (đồng)', [formatVnd(f.totalVnd)], 10, true)),
        align: 'right',
        noWrap: true,
        value: (r) => r.amount,
      },
    ],
    rows,
    fontSize: 10,
    total: ['Tổng cộng', '', '', String(f.lines), formatVnd(f.totalVnd)],
  });
  // What the month pays for other months (arrears, carry-over, corrections), each with its period.
  const other = input.plan.files.find((f) => f.kind === 'summary-pdf')!.lines.filter((l) => OTHER_MONTHS.has(l.kind));
  const check = dataTable<{ label: string; amount: string }>({
    columns: [
      { header: 'Đối chiếu với các tệp chi trả', width: '*', value: (r) => r.label },
      { header: 'Số tiền (đồng)', width: 100, align: 'right', noWrap: true, value: (r) => r.amount },
    ],
    rows: [
      { label: 'Tệp chuyển khoản ngân hàng', amount: formatVnd(f.bankVnd) },
      { label: 'Danh sách chi trả tiền mặt', amount: formatVnd(f.cashVnd) },
      { label: 'Danh sách chi trả qua Bưu điện', amount: formatVnd(f.postVnd) },
      ...(f.notInFilesVnd !== 0
        ? [{ label: 'Chuyển khoản thiếu số tài khoản (chưa có trong tệp)', amount: formatVnd(f.notInFilesVnd) }]
        : []),
    ],
    total: [
      input.draft ? 'Cộng (bằng tổng bảng chi trả dự thảo)' : 'Cộng (bằng tổng bảng chi trả đã phê duyệt)',
      formatVnd(f.bankVnd + f.cashVnd + f.postVnd + f.notInFilesVnd),
    ],
    ...(other.length ? {} : { keep: { name: 'summary', rows: 2 } }),
  });
  const otherTable: Content[] = other.length
    ? [
        { text: 'Các khoản chi cho tháng khác (truy lĩnh, chi bù, điều chỉnh)', bold: true, margin: [0, 10, 0, 4] },
        dataTable<FileLine>({
          columns: [
            { header: 'Họ và tên', width: 110, value: (l) => l.fullName },
            { header: 'Chế độ', width: 70, value: (l) => input.scope.programmeNames[l.programme] ?? l.programme },
            { header: 'Nội dung', width: '*', value: (l) => l.note ?? '' },
            { header: 'Số tiền (đồng)', width: 70, align: 'right', noWrap: true, value: (l) => formatVnd(l.amountVnd) },
          ],
          rows: other,
          fontSize: 9,
          total: [`Cộng: ${other.length} khoản`, '', '', formatVnd(other.reduce((s, l) => s + l.amountVnd, 0))],
          keep: { name: 'summary', rows: 2 },
        }),
      ]
    : [];
  const programmeLabel =
    input.scope.payrolls.length === 1
      ? input.scope.payrolls[0]!.programmeName
      : 'các chế độ trợ cấp, hỗ trợ hằng tháng';
  const docTitle = `${input.draft ? 'BẢN DỰ THẢO — ' : ''}BẢNG TỔNG HỢP CHI TRẢ THÁNG ${formatMonthVi(input.month)}`;
  const content: Content[] = [
    heading({ page: A4_PORTRAIT, office, date: input.date }),
    ...(input.draft
      ? [
          {
            text: 'BẢN DỰ THẢO — TRÌNH KÝ TRƯỚC KHI PHÊ DUYỆT, CHƯA DÙNG ĐỂ CHI TRẢ',
            bold: true,
            alignment: 'center',
            color: '#9a1c1c',
            margin: [0, 0, 0, 6],
          } as Content,
        ]
      : []),
    title(docTitle, programmeLabel),
    table,
    { text: '', margin: [0, 8, 0, 0] },
    check,
    ...otherTable,
    keptClosing('summary', [
      amountInWordsLine(f.totalVnd, 'Tổng số tiền bằng chữ'),
      signatureRow(
        [
          { titles: [SIGNERS[0]], hint: '(Ký, ghi rõ họ tên)', name: office.officer },
          { titles: [SIGNERS[1]], hint: '(Ký, ghi rõ họ tên)', name: '' },
          chairmanSignature(office),
        ],
        [0, 12, 0, 0],
        A4_PORTRAIT.contentWidth,
      ),
      ...(input.anchor ? [anchorLine(input.anchor)] : []),
    ]),
  ];
  const definition = documentDefinition({ page: A4_PORTRAIT, title: docTitle, content, keepTogether: true });
  const pdf = await renderPdf(
    input.draft ? { ...definition, watermark: { text: 'BẢN DỰ THẢO', opacity: 0.12, bold: true } } : definition,
  );
  return { content: pdf.buffer, count: f.lines, totalVnd: f.totalVnd, pages: pdf.pages };
}
