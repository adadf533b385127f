import type { Migration } from './types';
import { parseCsvRecords } from '@shared/domain/csv';
import groupsCsv from '@shared/reference/allowance-groups.csv';
import levelsCsv from '@shared/reference/standard-levels.csv';

// Seeds the legal reference data (copied from the domain reference into shared/reference/) and the
// built-in account. Amounts and coefficients are rows with effective months, never constants in code.

const PROGRAMMES = [
  ['BTXH', 'Trợ cấp xã hội hằng tháng', 'coefficient', 1],
  ['BTXH_CARE', 'Hỗ trợ kinh phí chăm sóc, nuôi dưỡng', 'coefficient', 2],
  ['NCC', 'Trợ cấp ưu đãi người có công', 'recorded', 3],
  ['HTXH', 'Trợ cấp hưu trí xã hội', 'coefficient', 4],
] as const;

// Decree 20/2021 Art. 20 minimum care-support coefficients (allowances.md), and the 2025 social pension.
const EXTRA_GROUPS: Array<[code: string, programme: string, clause: string, label: string, coefficient: number]> = [
  ['CS-1', 'BTXH_CARE', '20.1a', 'Hộ gia đình trực tiếp chăm sóc người khuyết tật đặc biệt nặng', 1.0],
  ['CS-2', 'BTXH_CARE', '20.2', 'Nhận chăm sóc người khuyết tật đặc biệt nặng là người lớn', 1.5],
  ['CS-3', 'BTXH_CARE', '20.2', 'Nhận chăm sóc trẻ em khuyết tật đặc biệt nặng', 2.5],
  ['CS-4', 'BTXH_CARE', '20.2', 'Nhận nuôi dưỡng trẻ em thuộc khoản 1 Điều 5 dưới 4 tuổi', 2.5],
  [
    'CS-5',
    'BTXH_CARE',
    '20.2',
    'Nhận nuôi dưỡng trẻ em khoản 1 từ 4 đến dưới 16 tuổi, hoặc người cao tuổi điểm d khoản 5',
    1.5,
  ],
  ['CS-6', 'BTXH_CARE', '20.1b', 'Người khuyết tật mang thai hoặc nuôi một con dưới 36 tháng tuổi', 1.5],
  [
    'CS-7',
    'BTXH_CARE',
    '20.1b',
    'Mang thai và nuôi con dưới 36 tháng tuổi, hoặc nuôi từ hai con dưới 36 tháng tuổi',
    2.0,
  ],
  [
    'HTXH-1',
    'HTXH',
    'NĐ 176/2025',
    'Người từ đủ 75 tuổi không có lương hưu (hoặc 70–dưới 75 thuộc hộ nghèo, cận nghèo)',
    1.0,
  ],
];

const BANKS: Array<[code: string, name: string, bin: string, min: number, max: number]> = [
  ['AGRIBANK', 'Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam (Agribank)', '970405', 13, 13],
  ['VIETCOMBANK', 'Ngân hàng TMCP Ngoại thương Việt Nam (Vietcombank)', '970436', 6, 19],
  ['VIETINBANK', 'Ngân hàng TMCP Công thương Việt Nam (VietinBank)', '970415', 6, 19],
  ['BIDV', 'Ngân hàng TMCP Đầu tư và Phát triển Việt Nam (BIDV)', '970418', 6, 19],
];

/** Coefficients of Decree 20/2021 apply from 07/2021; coefficient text '2.5' → 2500 thousandths. */
const COEFFICIENTS_FROM = '2021-07';

const toMilli = (text: string): number => {
  const milli = Math.round(Number(text) * 1000);
  if (!Number.isSafeInteger(milli) || milli <= 0) throw new Error(`bad coefficient ${text}`);
  return milli;
};
const optionalInt = (text: string | undefined): number | null => (text ? Number.parseInt(text, 10) : null);

export const referenceData: Migration = {
  version: 2,
  name: 'reference data: programmes, groups, coefficients, standard levels, banks, built-in account',
  up: (db) => {
    const now = new Date().toISOString();
    const programme = db.prepare('INSERT INTO programmes (code, name_vi, amount_rule, sort_order) VALUES (?, ?, ?, ?)');
    for (const p of PROGRAMMES) programme.run(...p);

    const group = db.prepare(
      `INSERT INTO allowance_groups (code, programme_code, clause, label_vi, age_min, age_max, note, sort_order)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const coefficient = db.prepare(
      'INSERT INTO group_coefficients (group_code, effective_from, coefficient_milli, basis) VALUES (?, ?, ?, ?)',
    );
    let order = 0;
    for (const g of parseCsvRecords(groupsCsv)) {
      const code = g.code!;
      group.run(
        code,
        g.programme!,
        g.clause ?? '',
        g.label_vi!,
        optionalInt(g.age_min),
        optionalInt(g.age_max),
        g.note ?? '',
        ++order,
      );
      coefficient.run(code, COEFFICIENTS_FROM, toMilli(g.coefficient!), 'Nghị định 20/2021/NĐ-CP');
    }
    for (const [code, programmeCode, clause, label, coef] of EXTRA_GROUPS) {
      group.run(code, programmeCode, clause, label, null, null, '', ++order);
      const from = programmeCode === 'HTXH' ? '2025-07' : COEFFICIENTS_FROM;
      const basis = programmeCode === 'HTXH' ? 'Nghị định 176/2025/NĐ-CP' : 'Nghị định 20/2021/NĐ-CP';
      coefficient.run(code, from, Math.round(coef * 1000), basis);
    }

    const level = db.prepare(
      `INSERT INTO standard_levels (programme_code, scope, effective_from, amount_vnd, basis, label)
       VALUES (?, 'national', ?, ?, ?, ?)`,
    );
    for (const l of parseCsvRecords(levelsCsv)) {
      const amount = Number.parseInt(l.amount_vnd!, 10);
      level.run(l.programme!, l.effective_from!.slice(0, 7), amount, l.basis ?? '', l.label ?? '');
    }
    // Care support is a coefficient of the same social-assistance standard level.
    db.exec(`INSERT INTO standard_levels (programme_code, scope, effective_from, amount_vnd, basis, label)
             SELECT 'BTXH_CARE', scope, effective_from, amount_vnd, basis, label FROM standard_levels WHERE programme_code = 'BTXH'`);

    const bank = db.prepare(
      'INSERT INTO banks (code, name, napas_bin, account_length_min, account_length_max, sort_order) VALUES (?, ?, ?, ?, ?, ?)',
    );
    BANKS.forEach((b, i) => bank.run(...b, i + 1));

    db.prepare(
      `INSERT INTO users (id, username, full_name, role, password_hash, created_at)
       VALUES (1, 'quantri', 'Quản trị hệ thống', 'admin', NULL, ?)`,
    ).run(now);
  },
};
