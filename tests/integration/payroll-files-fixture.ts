import type Database from 'better-sqlite3';
import { foldForSearch, nameSortKey, splitFullName } from '@shared/domain/text';

// An approved payroll written straight into the 001 schema (payrolls, payroll_lines), so the files for the
// payer can be tested whatever the state of the payroll build. Every method, two banks, an account number
// with leading zeros and one of 19 digits, arrears, funeral support, a receiver, two neighbourhoods.

export interface FixtureLine {
  name: string;
  birth?: string;
  citizenId?: string | null;
  neighbourhood?: string;
  address?: string;
  kind?: string;
  group?: string | null;
  coefficientMilli?: number | null;
  amount: number;
  method: 'CASH_WARD' | 'POST_OFFICE' | 'OWN_ACCOUNT' | 'AUTHORIZED_ACCOUNT';
  bank?: string | null;
  account?: string | null;
  holder?: string | null;
  receiver?: string | null;
  /** Service months an arrears line pays (its one-off item's months_from, months_to). */
  period?: [string, string];
  /** Reuse the person of an earlier line with this name. */
  samePersonAs?: string;
}

export const LINES: FixtureLine[] = [
  {
    name: 'Nguyễn Thị Hường',
    citizenId: '001190012345',
    neighbourhood: 'Khu phố 1',
    group: 'BTXH-5A1',
    coefficientMilli: 1500,
    amount: 750_000,
    method: 'OWN_ACCOUNT',
    bank: 'AGRIBANK',
    account: '0001234567890',
    holder: 'Nguyễn Thị Hường',
  },
  {
    name: 'Đặng Văn Đức',
    citizenId: '001090012346',
    neighbourhood: 'Khu phố 2',
    group: 'BTXH-6A',
    coefficientMilli: 2000,
    amount: 1_000_000,
    method: 'AUTHORIZED_ACCOUNT',
    bank: 'VIETCOMBANK',
    account: '1234567890123456789',
    holder: 'Đỗ Thị Lan',
    receiver: 'Đỗ Thị Lan',
  },
  {
    name: 'Đặng Văn Đức',
    samePersonAs: 'Đặng Văn Đức',
    kind: 'arrears',
    period: ['2026-09', '2026-11'],
    amount: 250_000,
    method: 'AUTHORIZED_ACCOUNT',
    bank: 'VIETCOMBANK',
    account: '1234567890123456789',
    holder: 'Đỗ Thị Lan',
    receiver: 'Đỗ Thị Lan',
  },
  {
    name: 'Lê Văn Ơn',
    citizenId: '001090012347',
    neighbourhood: 'Khu phố 1',
    group: 'BTXH-5A1',
    coefficientMilli: 1500,
    amount: 750_000,
    method: 'OWN_ACCOUNT',
    bank: 'AGRIBANK',
    account: '0000000000123',
    holder: 'Lê Văn Ơn',
  },
  {
    name: 'Trần Văn Bình',
    birth: '1938',
    citizenId: '001038012348',
    neighbourhood: 'Khu phố 1',
    address: '12 Trần Phú, Khu phố 1',
    group: 'BTXH-5A2',
    coefficientMilli: 2000,
    amount: 1_000_000,
    method: 'CASH_WARD',
  },
  { name: 'Trần Văn Bình', samePersonAs: 'Trần Văn Bình', kind: 'arrears', amount: 500_000, method: 'CASH_WARD' },
  {
    name: 'Phạm Thị Ánh',
    citizenId: '001145012349',
    neighbourhood: 'Khu phố 2',
    group: 'BTXH-3B',
    coefficientMilli: 2000,
    amount: 1_000_000,
    method: 'CASH_WARD',
    receiver: 'Phạm Văn Tâm',
  },
  {
    name: 'Võ Thị Cúc',
    citizenId: '001150012350',
    neighbourhood: 'Khu phố 2',
    group: 'BTXH-5A1',
    coefficientMilli: 1500,
    amount: 750_000,
    method: 'CASH_WARD',
  },
  {
    name: 'Võ Thị Cúc',
    samePersonAs: 'Võ Thị Cúc',
    kind: 'funeral',
    amount: 10_000_000,
    method: 'CASH_WARD',
    receiver: 'Võ Văn Hải',
  },
  {
    name: 'Hoàng Văn An',
    citizenId: '001060012351',
    neighbourhood: 'Khu phố 1',
    group: 'BTXH-5A1',
    coefficientMilli: 1500,
    amount: 750_000,
    method: 'CASH_WARD',
  },
  {
    name: 'Bùi Thị Mai',
    citizenId: '001160012352',
    neighbourhood: 'Khu phố 2',
    group: 'BTXH-5A1',
    coefficientMilli: 1500,
    amount: 750_000,
    method: 'POST_OFFICE',
  },
  {
    name: 'Lý Văn Tư',
    citizenId: '001070012353',
    neighbourhood: 'Khu phố 1',
    group: 'BTXH-6A',
    coefficientMilli: 2000,
    amount: 1_000_000,
    method: 'POST_OFFICE',
  },
];

const COMPONENT: Record<string, string> = { BTXH: 'allowance', BTXH_CARE: 'care', HTXH: 'pension', NCC: 'ncc' };

function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (
    let [y, m] = from.split('-').map(Number) as [number, number];
    `${y}-${String(m).padStart(2, '0')}` <= to;
    m === 12 ? ((y += 1), (m = 1)) : (m += 1)
  ) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
  }
  return out;
}

export const FIXTURE_TOTAL = LINES.reduce((s, l) => s + l.amount, 0);

/** Inserts the people, one payroll (approved unless told) and its lines; returns the payroll's id. */
export function insertPayroll(
  db: Database.Database,
  options: { month?: string; programme?: string; approved?: boolean; lines?: FixtureLine[] } = {},
): number {
  const month = options.month ?? '2026-12';
  const lines = options.lines ?? LINES;
  const now = '2026-11-20T02:00:00Z';
  const neighbourhood = db.prepare('INSERT OR IGNORE INTO neighbourhoods (name, search_key) VALUES (?, ?)');
  const person = db.prepare(
    `INSERT INTO people (full_name, family_name, middle_name, given_name, search_key, sort_key, citizen_id, address, neighbourhood_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, (SELECT id FROM neighbourhoods WHERE name = ?), ?, ?)`,
  );
  const total = lines.reduce((s, l) => s + l.amount, 0);
  const payrollId = Number(
    db
      .prepare(
        "INSERT INTO payrolls (month, programme_code, status, line_count, total_vnd, built_at, built_by) VALUES (?, ?, 'draft', ?, ?, ?, 1)",
      )
      .run(month, options.programme ?? 'BTXH', lines.length, total, now).lastInsertRowid,
  );
  const line = db.prepare(
    `INSERT INTO payroll_lines (payroll_id, person_id, kind, full_name, birth_text, citizen_id, neighbourhood_name, address, group_code,
       coefficient_milli, standard_vnd, amount_vnd, method, bank_code, account_number, holder_name, receiver_name)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const ids = new Map<string, number>();
  const byName = new Map<string, FixtureLine>();
  for (const l of lines) {
    const first = l.samePersonAs ? byName.get(l.samePersonAs)! : l;
    let personId = l.samePersonAs ? ids.get(l.samePersonAs) : undefined;
    if (personId === undefined) {
      const parts = splitFullName(l.name);
      if (first.neighbourhood) neighbourhood.run(first.neighbourhood, foldForSearch(first.neighbourhood));
      const citizenId = first.citizenId ?? null;
      const existing = citizenId
        ? (db.prepare('SELECT id FROM people WHERE citizen_id = ?').pluck().get(citizenId) as number | undefined)
        : undefined;
      personId =
        existing ??
        Number(
          person.run(
            l.name,
            parts.family,
            parts.middle,
            parts.given,
            foldForSearch(l.name),
            nameSortKey(parts),
            citizenId,
            first.address ?? '',
            first.neighbourhood ?? null,
            now,
            now,
          ).lastInsertRowid,
        );
      ids.set(l.name, personId);
      byName.set(l.name, l);
    }
    const item = l.period
      ? Number(
          db
            .prepare(
              "INSERT INTO one_off_items (person_id, kind, amount_vnd, due_month, note, months_from, months_to, created_at) VALUES (?, 'arrears', ?, ?, '', ?, ?, ?)",
            )
            .run(personId, l.amount, month, l.period[0], l.period[1], now).lastInsertRowid,
        )
      : null;
    const lineId = line.run(
      payrollId,
      personId,
      l.kind ?? 'regular',
      l.name,
      first.birth ?? '15/03/1950',
      first.citizenId ?? null,
      first.neighbourhood ?? '',
      first.address ?? '',
      (l.kind ?? 'regular') === 'regular' ? (first.group ?? null) : null,
      (l.kind ?? 'regular') === 'regular' ? (first.coefficientMilli ?? null) : null,
      500_000,
      l.amount,
      l.method,
      l.bank ?? null,
      l.account ?? null,
      l.holder ?? null,
      l.receiver ?? null,
    ).lastInsertRowid;
    if (item !== null)
      db.prepare('UPDATE payroll_lines SET one_off_item_id = ?, period_from = ?, period_to = ? WHERE id = ?').run(
        item,
        l.period![0],
        l.period![1],
        lineId,
      );
    // The service month(s) the line pays (migration 007: an approval needs them): the payroll's month, or the arrears period.
    const kind = l.kind ?? 'regular';
    const component =
      kind === 'funeral' ? 'funeral' : kind === 'other' ? 'other' : (COMPONENT[options.programme ?? 'BTXH'] ?? 'other');
    const months = l.period ? monthsOf(l.period[0], l.period[1]) : [month];
    months.forEach((m, i) => {
      const share = Math.floor(l.amount / months.length) + (i === 0 ? l.amount % months.length : 0);
      const paidBefore = db
        .prepare(
          `SELECT COALESCE(SUM(m.amount_vnd), 0) FROM payroll_line_months m JOIN payrolls p ON p.id = m.payroll_id
            WHERE p.status = 'approved' AND m.person_id = ? AND m.component = ? AND m.service_month = ?`,
        )
        .pluck()
        .get(personId, component, m) as number;
      db.prepare(
        'INSERT INTO payroll_line_months (line_id, payroll_id, person_id, component, service_month, amount_vnd, paid_before_vnd) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(lineId, payrollId, personId, component, m, share, paidBefore);
    });
  }
  if (options.approved !== false)
    db.prepare("UPDATE payrolls SET status = 'approved', approved_at = ?, approved_by = 1 WHERE id = ?").run(
      now,
      payrollId,
    );
  return payrollId;
}
