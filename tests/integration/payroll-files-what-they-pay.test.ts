import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '@shared/domain/csv';
import { amountInWords, formatVnd } from '@shared/domain/money';
import type { WriteResult } from '@shared/api/register';
import { tempDir } from '../support/temp';
import { xlsxToCsvSheets } from '../support/libreoffice';
import { enrollNew, testCore, type TestCore } from '../support/register';
import { submitAndApprove } from '../support/payroll-review';

// Payout documents say what they pay, from a payroll built and approved the normal way: an arrears line
// names its period on the cash list (PDF and xlsx) and in the summary; the build's attention notes never
// print on the list people sign; groups print their legal name, not their code; the coefficient column
// is filled only where it explains the amount; the totals still equal the approved payroll.

let dir: string;
let cleanup: () => void;
let core: TestCore;
let payrollId: number;
let payrollTotal: number;
let pdf: string;
let xlsxRows: string[][];
let summary: string;

const office = {
  unitName: 'UBND phường Đức Nghĩa',
  parentBody: 'UBND thành phố Phan Thiết',
  placeName: 'Phan Thiết',
  province: 'Lâm Đồng',
  chairmanName: 'Nguyễn Văn Chủ',
  officerName: 'Trần Thị Hường',
  reportRecipients: [],
};
const number = (s: string | undefined) => Number((s ?? '').replace(/[.,\s]/g, ''));
const oneLine = (s: string) => s.replace(/\s+/g, ' ');

async function download(key: string, name: string): Promise<string> {
  const r = await core.job('payrollFiles.export', { payrollId, listsBy: 'ward', files: [key] });
  if (r.destination !== 'download') throw new Error('expected a download');
  const path = join(dir, name);
  writeFileSync(path, Buffer.from(r.contentBase64, 'base64'));
  return path;
}

/** Enrolls as if entered in its effective month (no arrears), then comes back to April 2026. */
async function enrollOnTime(...args: Parameters<typeof enrollNew>): Promise<WriteResult> {
  core.setNow(`${args[3]}-15T09:00:00+07:00`);
  try {
    return await core.ok('register.enroll', enrollNew(...args));
  } finally {
    core.setNow('2026-04-15T09:00:00+07:00');
  }
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  core = testCore(dir, '2026-04-15T09:00:00+07:00');
  core.as('admin');
  await core.ok('settings.saveOffice', office);
  core.as('officer');
  // Granted in April with effect from January: 01–03/2026 are arrears, April is the regular amount.
  await core.ok(
    'register.enroll',
    enrollNew({ fullName: 'Trần Văn Bình', birthDate: '1960' }, 'BTXH', 'BTXH-5A1', '2026-01'),
  );
  // A health-disclosing group: its name is not printed on a list others sign.
  await enrollOnTime({ fullName: 'Phạm Thị Ánh', birthDate: '1980' }, 'BTXH', 'BTXH-8', '2026-01');
  // A student whose birth year was corrected after enrollment to one below the group's age band: still
  // owed (only the upper limit ends an entitlement by itself), and the build adds an attention note.
  const on = await enrollOnTime({ fullName: 'Lê Văn Ơn', birthDate: '2008' }, 'BTXH', 'BTXH-2', '2026-01');
  await core.ok('people.update', {
    id: on.personId,
    person: {
      fullName: 'Lê Văn Ơn',
      birthDate: '2012',
      gender: 'male',
      citizenId: '',
      legacyId: '',
      idIssueDate: '',
      idIssuePlace: '',
      address: '',
      neighbourhood: '',
      phone: '',
      note: '',
    },
  });
  // A poor single parent with a severe disability: two regular lines added up in Mức hưởng.
  const cuc = await enrollOnTime({ fullName: 'Võ Thị Cúc', birthDate: '1985' }, 'BTXH', 'BTXH-6C', '2026-01');
  core.setNow('2026-01-15T09:00:00+07:00');
  await core.ok('register.enroll', {
    ...enrollNew({}, 'BTXH', 'BTXH-4', '2026-01'),
    person: { existingId: cuc.personId },
  });
  core.setNow('2026-04-15T09:00:00+07:00');

  const built = await core.job('payroll.build', { month: '2026-04', programmes: ['BTXH'] });
  payrollId = built.payrolls.find((p) => p.programme === 'BTXH')!.id;
  await submitAndApprove(core, payrollId, 'accountant');
  payrollTotal = core
    .store!.sqlite.prepare('SELECT total_vnd FROM payrolls WHERE id = ?')
    .pluck()
    .get(payrollId) as number;
  pdf = execFileSync('pdftotext', ['-raw', await download('cash-pdf:ward', 'cash.pdf'), '-'], { encoding: 'utf8' });
  xlsxRows = parseCsv(xlsxToCsvSheets(readFileSync(await download('cash-xlsx:ward', 'cash.xlsx')))[0]!);
  summary = execFileSync('pdftotext', ['-raw', await download('summary-pdf', 'summary.pdf'), '-'], {
    encoding: 'utf8',
  });
}, 240_000);
afterAll(() => {
  core.close();
  cleanup();
});

const row = (name: string) => {
  const header = xlsxRows.findIndex((r) => r[0] === 'STT');
  const r = xlsxRows.slice(header + 1).find((x) => x[1] === name);
  if (!r) throw new Error(`no row for ${name}`);
  return {
    group: r[5],
    coefficient: r[6],
    regular: number(r[7]),
    arrears: number(r[8]),
    total: number(r[10]),
    note: r[13],
  };
};

describe('what the lines in the payroll are', () => {
  it('the build made the cases this test is about (an arrears item of 3 months, an attention note, two regular lines)', () => {
    const lines = core
      .store!.sqlite.prepare(
        'SELECT full_name, kind, amount_vnd, attention_note FROM payroll_lines WHERE payroll_id = ? ORDER BY line_no',
      )
      .all(payrollId) as Array<{ full_name: string; kind: string; amount_vnd: number; attention_note: string }>;
    expect(lines.filter((l) => l.full_name === 'Trần Văn Bình').map((l) => [l.kind, l.amount_vnd])).toEqual([
      ['regular', 750_000],
      ['arrears', 2_250_000],
    ]);
    expect(lines.find((l) => l.full_name === 'Lê Văn Ơn')!.attention_note).toMatch(/ngoài độ tuổi/);
    expect(lines.filter((l) => l.full_name === 'Võ Thị Cúc').map((l) => l.kind)).toEqual(['regular', 'regular']);
  });
});

describe('cash payout list', () => {
  it('xlsx (read by LibreOffice): the arrears period, group names in words, no attention note, coefficient only where it explains the amount', () => {
    expect(row('Trần Văn Bình')).toEqual({
      group: 'Người cao tuổi hộ nghèo không có người phụng dưỡng, từ 60 đến dưới 80 tuổi',
      coefficient: '1,5',
      regular: 750_000,
      arrears: 2_250_000,
      total: 3_000_000,
      note: 'Truy lĩnh từ tháng 01/2026 đến tháng 03/2026 (3 tháng)',
    });
    expect(row('Phạm Thị Ánh')).toMatchObject({ group: '', note: '' });
    expect(row('Lê Văn Ơn')).toMatchObject({ note: '' });
    const cuc = row('Võ Thị Cúc');
    expect(cuc.coefficient).toBe('');
    expect(cuc.group).toContain('Người khuyết tật nặng');
    expect(cuc.group).toContain('Người đơn thân nghèo đang nuôi con');
    const all = xlsxRows.flat().join('\n');
    expect(all).not.toMatch(/BTXH-\d/);
    expect(all).not.toMatch(/ngoài độ tuổi|xem xét điều chỉnh/);
  });

  it('PDF (pdftotext): the period is printed, the attention note and the codes are not; totals equal the payroll', () => {
    const text = oneLine(pdf);
    expect(text).toContain('Truy lĩnh từ tháng 01/2026 đến tháng 03/2026 (3 tháng)');
    expect(text).toContain('Người cao tuổi hộ nghèo không có người phụng dưỡng, từ 60 đến dưới 80 tuổi');
    expect(text).not.toMatch(/ngoài độ tuổi|xem xét điều chỉnh/);
    expect(text).not.toMatch(/BTXH-\d/);
    expect(text).not.toContain('Người nhiễm HIV');
    expect(text).toContain(`Tổng cộng: 4 người`);
    expect(text).toContain(formatVnd(payrollTotal));
    expect(text).toContain(`Tổng số tiền bằng chữ: ${amountInWords(payrollTotal)}.`);
  });

  it('the xlsx total equals the approved payroll, to the đồng', () => {
    const total = xlsxRows.find((r) => r[1]?.startsWith('Tổng cộng'))!;
    expect(number(total[10])).toBe(payrollTotal);
    expect(number(total[8])).toBe(2_250_000);
  });
});

describe('monthly summary', () => {
  it('lists the arrears line with its period and amount; the totals still equal the payroll', () => {
    const text = oneLine(summary);
    expect(text).toContain('Các khoản chi cho tháng khác');
    expect(text).toMatch(/Trần Văn Bình .*Truy lĩnh từ tháng 01\/2026 đến tháng 03\/2026 \(3 tháng\) 2\.250\.000/);
    expect(text).toContain(`Cộng: 1 khoản`);
    expect(text).toContain(formatVnd(payrollTotal));
    expect(text).not.toMatch(/ngoài độ tuổi/);
  });
});
