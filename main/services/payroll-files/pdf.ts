import type { Content } from 'pdfmake/interfaces';
import { EMPTY_OFFICE_SETTINGS, type OfficeSettings } from '@shared/api/settings';
import { formatMonthVi } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import { METHOD_ORDER, METHOD_SHORT } from '@shared/domain/labels';
import type { PayoutMethodCode } from '@shared/api/register';
import { renderPdf } from '../../documents/pdf/render';
import {
  A4_LANDSCAPE,
  A4_PORTRAIT,
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
import { ACCOUNT_METHODS, type FileLine, type PayrollScope } from './lines';

const OTHER_MONTHS: ReadonlySet<string> = new Set(['arrears', 'carryover', 'other']);
import { LIST_HEADERS, SIGNERS, listSubtitle, listTotals, type ListContext, type ListRow } from './list-rows';
import type { Plan } from './plan';

// The payout lists (landscape A4) and the monthly summary (portrait A4) as PDF, built from the shared
// Decree 30 pieces (main/documents/pdf/): heading, title, a table whose header repeats on every page,
// totals, the amount in words, and the signature blocks of payments.md.

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

export async function renderListPdf(
  context: ListContext,
  rows: readonly ListRow[],
): Promise<{ content: Buffer; count: number; totalVnd: number; pages: number }> {
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
  const pdf = await renderPdf(
    documentDefinition({ page: A4_LANDSCAPE, title: `${type} — ${monthText}`, content, keepTogether: true }),
  );
  return { content: pdf.buffer, count: totals.count, totalVnd: totals.totalVnd, pages: pdf.pages };
}

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
