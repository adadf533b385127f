import type { OfficeSettings } from '@shared/api/settings';
import { isProtectedGroup } from '@shared/domain/masking';
import {
  CHANGE_LABELS,
  REPORT_TITLES,
  type ChangesReport,
  type NonCashReport,
  type ReportKind,
  type SummaryReport,
} from '@shared/api/reports';
import { formatPercentVi } from '@shared/domain/campaign';
import { formatDateVi, formatMonthVi } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import { METHOD_ORDER, METHOD_SHORT } from '@shared/domain/labels';
import { foldForSearch } from '@shared/domain/text';

// Each report as a neutral document: a title, a period line, one or more tables (cells already typed:
// numbers stay numbers for the xlsx, and are formatted 1.234.567 for the PDF), notes, and which
// recipients it goes to. xlsx.ts and pdf.ts render the same document, so both files say the same thing.

export type Cell = string | number | null;
export interface Column {
  header: string;
  /** xlsx width in characters; the PDF shares out its page width in proportion. */
  width: number;
  align?: 'left' | 'center' | 'right';
  /** 'vnd' and 'count' cells are numbers; 'percent' cells are tenths of a percent (344 → "34,4%"). */
  type?: 'text' | 'count' | 'vnd' | 'percent';
}
export interface Table {
  caption?: string;
  columns: Column[];
  rows: Array<{ cells: Cell[]; bold?: boolean }>;
}
export interface ReportDocument {
  kind: ReportKind;
  /** Document type line ("BÁO CÁO", "DANH SÁCH"). */
  type: string;
  /** The summary line under it. */
  summary: string;
  period: string;
  tables: Table[];
  notes: string[];
  /** Which programmes it concerns: picks the recipients ('BTXH' → Sở Y tế, 'NCC' → Sở Nội vụ). */
  scopes: Array<'BTXH' | 'NCC'>;
  landscape: boolean;
  /** Counts for the audit entry (never the data). */
  counts: Record<string, number>;
}

export const cellText = (c: Cell, type: Column['type']): string => {
  if (c === '') return '';
  if (c === null) return type === 'percent' ? '—' : '';
  if (typeof c === 'string') return c;
  if (type === 'percent') return formatPercentVi(c);
  if (type === 'vnd' || type === 'count') return formatVnd(c);
  return String(c);
};

const SCOPE_WORDS: Record<'BTXH' | 'NCC', string[]> = {
  BTXH: ['btxh', 'bao tro', 'tro giup xa hoi', 'tro cap xa hoi', 'so y te'],
  NCC: ['ncc', 'nguoi co cong', 'uu dai', 'so noi vu'],
};

/**
 * The recipients from the office settings for a report on `scopes`: a recipient whose "Loại báo cáo" is
 * empty gets every report; otherwise it must name one of the report's programmes (BTXH / bảo trợ xã
 * hội, NCC / người có công, or the department's name). Nothing is hard-coded but these words.
 */
export function recipientsFor(office: OfficeSettings, scopes: ReadonlyArray<'BTXH' | 'NCC'>): string[] {
  return office.reportRecipients
    .filter((r) => {
      const scope = foldForSearch(r.scope);
      if (!scope.trim()) return true;
      return scopes.some((s) => SCOPE_WORDS[s].some((w) => scope.includes(w)));
    })
    .map((r) => r.name);
}

const METHOD_COLUMNS: Column[] = METHOD_ORDER.map((m) => ({
  header: METHOD_SHORT[m],
  width: 10,
  align: 'right',
  type: 'count',
}));

export function nonCashDocument(r: NonCashReport): ReportDocument {
  const rows = r.rows.map((x, i) => ({
    bold: x.groupKey === null,
    cells: [
      x.groupKey === null ? String(r.rows.slice(0, i + 1).filter((y) => y.groupKey === null).length) : '',
      x.groupKey === null ? x.programmeName : x.groupLabel,
      x.total,
      x.byMethod.CASH_WARD,
      x.byMethod.POST_OFFICE,
      x.byMethod.OWN_ACCOUNT,
      x.byMethod.AUTHORIZED_ACCOUNT,
      x.nonCash,
      x.nonCashTenths,
      x.groupKey === null ? x.target : '',
      x.groupKey === null && x.target !== null ? x.ofTargetTenths : '',
      x.dueVnd,
      x.approvedVnd,
      x.paidVnd,
    ] as Cell[],
  }));
  const programmes = r.rows.filter((x) => x.groupKey === null);
  const roundHeads = r.rounds.filter((x) => x.programme === null);
  const roundsTotal = r.moneyTotals[r.moneyTotals.length - 1]?.roundsVnd ?? 0;
  const rounds: Table = {
    caption: 'II. CHI MỘT LẦN THEO ĐỢT CHI ĐÃ PHÊ DUYỆT (THEO NGÀY CHI TRONG THÁNG)',
    columns: [
      { header: 'STT', width: 5, align: 'center' },
      { header: 'Đợt chi / chế độ', width: 34 },
      { header: 'Căn cứ', width: 30 },
      { header: 'Ngày chi', width: 11, align: 'center' },
      { header: 'Số người nhận', width: 10, align: 'right', type: 'count' },
      ...METHOD_COLUMNS,
      { header: 'Không dùng tiền mặt', width: 11, align: 'right', type: 'count' },
      { header: 'Số tiền đã duyệt (đồng)', width: 15, align: 'right', type: 'vnd' },
    ],
    rows: r.rounds.map((x) => ({
      bold: x.programme === null,
      cells: [
        x.programme === null ? roundHeads.indexOf(x) + 1 : '',
        x.programme === null ? x.name : x.programmeName,
        x.programme === null ? x.basis : '',
        x.programme === null ? formatDateVi(x.roundDate) : '',
        x.recipients,
        x.byMethod.CASH_WARD,
        x.byMethod.POST_OFFICE,
        x.byMethod.OWN_ACCOUNT,
        x.byMethod.AUTHORIZED_ACCOUNT,
        x.nonCash,
        x.approvedVnd,
      ] as Cell[],
    })),
  };
  if (roundHeads.length === 0)
    rounds.rows.push({
      cells: [
        '',
        'Không có đợt chi một lần đã phê duyệt có ngày chi trong tháng.',
        '',
        '',
        null,
        null,
        null,
        null,
        null,
        null,
        null,
      ],
    });
  else
    rounds.rows.push({
      bold: true,
      cells: [
        '',
        'Cộng các đợt chi',
        '',
        '',
        roundHeads.reduce((s, x) => s + x.recipients, 0),
        ...METHOD_ORDER.map((m) => roundHeads.reduce((s, x) => s + x.byMethod[m], 0)),
        roundHeads.reduce((s, x) => s + x.nonCash, 0),
        roundsTotal,
      ],
    });
  const totals: Table = {
    caption: 'III. TỔNG SỐ TIỀN ĐÃ DUYỆT CHI TRONG THÁNG',
    columns: [
      { header: 'Chế độ', width: 40 },
      { header: 'Bảng chi trả hằng tháng (đồng)', width: 16, align: 'right', type: 'vnd' },
      { header: 'Đợt chi một lần (đồng)', width: 16, align: 'right', type: 'vnd' },
      { header: 'Cộng (đồng)', width: 16, align: 'right', type: 'vnd' },
    ],
    rows: r.moneyTotals.map((x) => ({
      bold: x.programme === null,
      cells: [x.programmeName, x.payrollVnd, x.roundsVnd, x.totalVnd],
    })),
  };
  return {
    kind: 'noncash',
    type: 'Báo cáo',
    summary: `Tiến độ chi trả trợ cấp không dùng tiền mặt tháng ${formatMonthVi(r.month)}`,
    period: `Tháng ${formatMonthVi(r.month)}`,
    tables: [
      {
        caption: 'I. CHI TRẢ HẰNG THÁNG THEO CHẾ ĐỘ, NHÓM ĐỐI TƯỢNG',
        columns: [
          { header: 'STT', width: 5, align: 'center' },
          { header: 'Chế độ / nhóm đối tượng', width: 40 },
          { header: 'Tổng số đối tượng', width: 10, align: 'right', type: 'count' },
          ...METHOD_COLUMNS,
          { header: 'Không dùng tiền mặt', width: 11, align: 'right', type: 'count' },
          { header: 'Tỷ lệ không dùng tiền mặt', width: 11, align: 'right', type: 'percent' },
          { header: 'Chỉ tiêu được giao', width: 10, align: 'right', type: 'count' },
          { header: 'Đạt so với chỉ tiêu', width: 10, align: 'right', type: 'percent' },
          { header: 'Phải chi theo sổ (đồng)', width: 15, align: 'right', type: 'vnd' },
          { header: 'Đã duyệt (đồng)', width: 15, align: 'right', type: 'vnd' },
          { header: 'Đã chi (đồng)', width: 15, align: 'right', type: 'vnd' },
        ],
        rows,
      },
      rounds,
      totals,
    ],
    notes: r.notes,
    scopes: ['BTXH', 'NCC'],
    landscape: true,
    counts: {
      ...Object.fromEntries(programmes.map((p) => [p.programme, p.total])),
      rounds: roundHeads.length,
      roundsVnd: roundsTotal,
    },
  };
}

/**
 * `includeProtectedGroups`: a protected group (shared/domain/masking.ts) is printed blank in the list
 * unless an audited choice includes it (issue 12); counts and amounts are unchanged.
 */
export function changesDocument(r: ChangesReport, includeProtectedGroups = false): ReportDocument {
  const shown = (code: string | null) =>
    code === null ? null : !includeProtectedGroups && isProtectedGroup(code) ? '' : (r.groupLabels[code] ?? code);
  const summary: Table = {
    caption: 'I. TỔNG HỢP',
    columns: [
      { header: 'Chế độ', width: 34 },
      { header: 'Đang hưởng tháng trước', width: 12, align: 'right', type: 'count' },
      { header: 'Đầu kỳ (nhập sổ)', width: 10, align: 'right', type: 'count' },
      { header: 'Tăng', width: 9, align: 'right', type: 'count' },
      { header: 'Giảm', width: 9, align: 'right', type: 'count' },
      { header: 'Đang hưởng tháng này', width: 12, align: 'right', type: 'count' },
      { header: 'Trong đó: chết', width: 9, align: 'right', type: 'count' },
      { header: 'Chuyển đi', width: 9, align: 'right', type: 'count' },
      { header: 'Thôi hưởng khác', width: 9, align: 'right', type: 'count' },
      { header: 'Tạm dừng', width: 9, align: 'right', type: 'count' },
      { header: 'Điều chỉnh mức', width: 9, align: 'right', type: 'count' },
    ],
    rows: r.summary.map((s) => ({
      cells: [
        s.programmeName,
        s.opening,
        s.imported,
        s.increases,
        s.decreases,
        s.closing,
        s.byKind.stopped_death,
        s.byKind.stopped_moved,
        s.byKind.stopped_other,
        s.byKind.suspended,
        s.byKind.level,
      ],
    })),
  };
  const lines: Table = {
    caption: 'II. DANH SÁCH CHI TIẾT',
    columns: [
      { header: 'STT', width: 4, align: 'center' },
      { header: 'Họ và tên', width: 18 },
      { header: 'Ngày sinh', width: 13, align: 'center' },
      { header: 'Số định danh', width: 16, align: 'center' },
      { header: 'Khu phố', width: 10 },
      { header: 'Chế độ', width: 7, align: 'center' },
      { header: 'Loại biến động', width: 14 },
      { header: 'Nhóm đối tượng cũ → mới', width: 24 },
      { header: 'Mức cũ (đồng)', width: 11, align: 'right', type: 'vnd' },
      { header: 'Mức mới (đồng)', width: 11, align: 'right', type: 'vnd' },
      { header: 'Số quyết định', width: 13 },
      { header: 'Ngày ký', width: 14, align: 'center' },
      { header: 'Lý do', width: 16 },
    ],
    rows: r.lines.map((l, i) => ({
      cells: [
        i + 1,
        l.fullName,
        l.birthText,
        l.citizenId ?? '',
        l.neighbourhood,
        l.programme,
        CHANGE_LABELS[l.kind],
        l.groupBefore === l.groupAfter
          ? (shown(l.groupAfter) ?? '')
          : `${shown(l.groupBefore) ?? '—'} → ${shown(l.groupAfter) ?? '—'}`,
        l.amountBeforeVnd,
        l.amountAfterVnd,
        l.decisionNumber,
        l.decisionDate ? formatDateVi(l.decisionDate) : '',
        l.reason,
      ],
    })),
  };
  if (lines.rows.length === 0)
    lines.rows.push({ cells: ['', 'Không có biến động trong tháng.', '', '', '', '', '', '', null, null, '', '', ''] });
  return {
    kind: 'changes',
    type: 'Danh sách',
    summary: `Đối tượng tăng, giảm, điều chỉnh mức hưởng tháng ${formatMonthVi(r.month)}`,
    period: `Tháng ${formatMonthVi(r.month)}`,
    tables: [summary, lines],
    notes: r.notes,
    scopes: ['BTXH', 'NCC'],
    landscape: true,
    counts: {
      lines: r.lines.length,
      ...Object.fromEntries(Object.keys(CHANGE_LABELS).map((k) => [k, r.lines.filter((l) => l.kind === k).length])),
    },
  };
}

export function summaryDocument(r: SummaryReport): ReportDocument {
  const period = `${formatMonthVi(r.from)}–${formatMonthVi(r.to)}`;
  const year = `${formatMonthVi(r.yearFrom)}–${formatMonthVi(r.to)}`;
  const form = r.form === 'form10a' ? '10a' : r.form === 'form10c' ? '10c' : '10d';
  const subject =
    r.form === 'form10a'
      ? 'Kết quả thực hiện chính sách trợ giúp xã hội thường xuyên'
      : r.form === 'form10c'
        ? 'Kết quả thực hiện chính sách đối với người cao tuổi'
        : 'Kết quả thực hiện chính sách đối với người khuyết tật';
  return {
    kind: r.form,
    type: 'Báo cáo',
    summary: `${subject} kỳ ${period}`,
    period: `Kỳ ${period} (mẫu ${form} Thông tư 02/2021/TT-BLĐTBXH)`,
    tables: [
      {
        columns: [
          { header: 'STT', width: 6, align: 'center' },
          { header: 'Nhóm đối tượng', width: 56 },
          { header: `Số đối tượng tháng ${formatMonthVi(r.to)} (người)`, width: 12, align: 'right', type: 'count' },
          { header: `Số người được chi trả trong kỳ ${period}`, width: 12, align: 'right', type: 'count' },
          { header: `Kinh phí trong kỳ (đồng)`, width: 16, align: 'right', type: 'vnd' },
          { header: `Số người lũy kế ${year}`, width: 12, align: 'right', type: 'count' },
          { header: `Kinh phí lũy kế từ đầu năm (đồng)`, width: 16, align: 'right', type: 'vnd' },
        ],
        rows: r.rows.map((x) => ({
          bold: x.level !== 'item',
          cells: [x.no, x.label, x.people, x.peoplePeriod, x.fundsPeriodVnd, x.peopleYear, x.fundsYearVnd],
        })),
      },
    ],
    notes: r.notes,
    scopes: ['BTXH'],
    landscape: true,
    counts: { people: r.rows[0]?.people ?? 0, fundsPeriodVnd: r.rows[0]?.fundsPeriodVnd ?? 0 },
  };
}

export const reportFileBase = (kind: ReportKind, periodKey: string) =>
  `${kind === 'noncash' ? 'tien-do-khong-tien-mat' : kind === 'changes' ? 'tang-giam' : `mau-${kind.slice(4)}`}-${periodKey}`;
export const reportTitle = (kind: ReportKind) => REPORT_TITLES[kind];
