import { PROTECTED_GROUPS } from '@shared/domain/masking';
import { formatMonthVi } from '@shared/domain/dates';
import { METHOD_LABELS } from '@shared/domain/labels';
import { coefficientMonthly } from '@shared/domain/allowance';
import type { FileLine } from './lines';
import { listRowKey } from './rules';

// The rows of a payout list (danh sách chi trả, payments.md): one row per person and receiver, the
// person's lines of the month added up into Mức hưởng (regular, care), Truy lĩnh (arrears, carried-over
// and other amounts) and Mai táng phí (funeral support); sorted by given name, then family name.

export interface ListRow {
  fullName: string;
  birthYear: string;
  citizenId: string;
  address: string;
  neighbourhood: string;
  /** The group's legal name in words (never the internal code); empty for the groups whose name discloses health status (PROTECTED_GROUPS). */
  group: string;
  /** "1,5" (Vietnamese decimal comma) when Mức hưởng is exactly one line of coefficient × standard level; else empty (recorded amounts, two lines added up). */
  coefficient: string;
  regularVnd: number;
  arrearsVnd: number;
  funeralVnd: number;
  totalVnd: number;
  receiverName: string;
  note: string;
}

export interface ListTotals {
  count: number;
  regularVnd: number;
  arrearsVnd: number;
  funeralVnd: number;
  totalVnd: number;
}

const REGULAR = new Set(['regular', 'care']);

const yearOf = (birthText: string): string => /(\d{4})\s*$/.exec(birthText)?.[1] ?? birthText;

const coefficientText = (milli: number | null): string =>
  milli === null ? '' : (milli / 1000).toLocaleString('vi-VN', { maximumFractionDigits: 3 });

/** True when the line's amount is its coefficient × its standard level (the coefficient column then explains the amount). */
const coefficientExplains = (l: FileLine): boolean =>
  l.coefficientMilli !== null &&
  l.standardVnd !== null &&
  coefficientMonthly(l.standardVnd, l.coefficientMilli) === l.amountVnd;

export function buildListRows(lines: readonly FileLine[]): ListRow[] {
  const byKey = new Map<
    string,
    { row: ListRow; order: number; notes: Set<string>; groups: Set<string>; regular: FileLine[] }
  >();
  for (const l of lines) {
    const receiver = l.receiverName ?? '';
    const key = listRowKey(l);
    let entry = byKey.get(key);
    if (!entry) {
      entry = {
        order: l.order,
        notes: new Set(),
        groups: new Set(),
        regular: [],
        row: {
          fullName: l.fullName,
          birthYear: yearOf(l.birthText),
          citizenId: l.citizenId ?? '',
          address: l.address || l.neighbourhood,
          neighbourhood: l.neighbourhood,
          group: '',
          coefficient: '',
          regularVnd: 0,
          arrearsVnd: 0,
          funeralVnd: 0,
          totalVnd: 0,
          receiverName: receiver,
          note: '',
        },
      };
      byKey.set(key, entry);
    }
    const row = entry.row;
    if (REGULAR.has(l.kind)) {
      row.regularVnd += l.amountVnd;
      entry.regular.push(l);
      if (l.groupCode && !PROTECTED_GROUPS.has(l.groupCode)) entry.groups.add(l.groupLabel || l.groupCode);
    } else if (l.kind === 'funeral') {
      row.funeralVnd += l.amountVnd;
    } else {
      row.arrearsVnd += l.amountVnd;
    }
    row.totalVnd += l.amountVnd;
    // Only what the line pays; the build's attention notes are for the officer, not for this list.
    if (l.note) entry.notes.add(l.note);
  }
  return [...byKey.values()]
    .sort((a, b) => a.order - b.order)
    .map((e) => {
      const only = e.regular.length === 1 ? e.regular[0]! : null;
      return {
        ...e.row,
        group: [...e.groups].join('; '),
        coefficient: only && coefficientExplains(only) ? coefficientText(only.coefficientMilli) : '',
        note: [...e.notes].join('; '),
      };
    });
}

export function listTotals(rows: readonly ListRow[]): ListTotals {
  const t: ListTotals = { count: rows.length, regularVnd: 0, arrearsVnd: 0, funeralVnd: 0, totalVnd: 0 };
  for (const r of rows) {
    t.regularVnd += r.regularVnd;
    t.arrearsVnd += r.arrearsVnd;
    t.funeralVnd += r.funeralVnd;
    t.totalVnd += r.totalVnd;
  }
  return t;
}

export type ListKind = 'cash' | 'post';

export interface ListContext {
  kind: ListKind;
  unitName: string;
  parentBody: string;
  placeName: string;
  chairmanName: string;
  officerName: string;
  month: string;
  /** Programme name(s) covered, as written ("Trợ cấp xã hội hằng tháng"). */
  programmeLabel: string;
  /** "Khu phố 1", or '' for the whole ward. */
  neighbourhood: string;
  /** 'YYYY-MM-DD', printed in the place-and-date line. */
  date: string;
}

/** "DANH SÁCH CHI TRẢ TRỢ CẤP XÃ HỘI HẰNG THÁNG — Tháng 11/2026" (payments.md). */
export function listTitle(c: ListContext): string {
  const via = c.kind === 'post' ? ' QUA BƯU ĐIỆN' : '';
  return `DANH SÁCH CHI TRẢ ${c.programmeLabel.toUpperCase()}${via} — Tháng ${formatMonthVi(c.month)}`;
}

export function listSubtitle(c: ListContext): string {
  const where = c.neighbourhood ? `Khu phố/tổ dân phố: ${c.neighbourhood}` : 'Toàn phường/xã';
  return `${where} · Hình thức: ${METHOD_LABELS[c.kind === 'post' ? 'POST_OFFICE' : 'CASH_WARD']}`;
}

export const LIST_HEADERS = [
  'STT',
  'Họ và tên',
  'Năm sinh',
  'Số CCCD',
  'Địa chỉ (khu phố/tổ dân phố)',
  'Nhóm đối tượng',
  'Hệ số',
  'Mức hưởng',
  'Truy lĩnh',
  'Mai táng phí',
  'Tổng số tiền',
  'Người nhận thay',
  'Ký nhận',
  'Ghi chú',
] as const;

export const SIGNERS = ['Người lập biểu', 'Kế toán', 'Người chi trả'] as const;
