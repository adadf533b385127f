import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCsv } from '@shared/domain/csv';
import { foldForSearch, nameSortKey, splitFullName } from '@shared/domain/text';
import type { ExportFilesResult, FilesPlan } from '@shared/api/payroll-files';
import type Database from 'better-sqlite3';
import { buildPlan } from '../../main/services/payroll-files/export';
import { loadLines, loadScope } from '../../main/services/payroll-files/lines';
import { planFiles, publicPlan, type PlanOptions } from '../../main/services/payroll-files/plan';
import { planTotals } from '../../main/services/payroll-files/plan-totals';
import { DEFAULT_BANK_FILES_SETTINGS } from '../../main/services/payroll-files/settings';
import { tempDir } from '../support/temp';
import { xlsxToCsvSheets } from '../support/libreoffice';
import { testCore, type TestCore } from '../support/register';
import { insertPayroll, type FixtureLine } from './payroll-files-fixture';

// The files panel's plan (payrollFiles.plan) comes from an aggregate read (plan-totals.ts), the files from
// every line (planFiles). Both must give the same files, counts, totals and warnings in every case: held
// here by the files actually written (totals read back from the xlsx and PDFs) and by a property over
// generated mixes of lines, against the per-line plan the export makes.

let dir: string;
let cleanup: () => void;
let core: TestCore;
let db: Database.Database;
let btxh: number;

const number = (s: string | undefined) => Number((s ?? '').replace(/[.,\s]/g, ''));
const pdfText = (path: string) => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });

/** Every case the rules tell apart: banks, authorized accounts, missing bank or number, cash and post, lists. */
const BTXH: FixtureLine[] = [
  {
    name: 'Nguyễn Thị Hường',
    neighbourhood: 'Khu phố 1',
    amount: 750_000,
    method: 'OWN_ACCOUNT',
    bank: 'AGRIBANK',
    account: '0001234567890',
    holder: 'Nguyễn Thị Hường',
  },
  {
    name: 'Lê Văn Ơn',
    neighbourhood: 'Khu phố 2',
    amount: 750_000,
    method: 'OWN_ACCOUNT',
    bank: 'AGRIBANK',
    account: '0000000000123',
    holder: 'Lê Văn Ơn',
  },
  {
    name: 'Đặng Văn Đức',
    neighbourhood: 'Khu phố 2',
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
    amount: 250_000,
    method: 'AUTHORIZED_ACCOUNT',
    bank: 'VIETCOMBANK',
    account: '1234567890123456789',
    holder: 'Đỗ Thị Lan',
    receiver: 'Đỗ Thị Lan',
  },
  // Paid nothing this month (a zero line still goes in its file).
  {
    name: 'Phan Văn Khải',
    neighbourhood: 'Khu phố 1',
    amount: 0,
    method: 'OWN_ACCOUNT',
    bank: 'BIDV',
    account: '12345678',
    holder: 'Phan Văn Khải',
  },
  // No bank, no number, an empty number: in no bank file, named by the warning.
  {
    name: 'Trương Thị Yến',
    neighbourhood: 'Khu phố 1',
    amount: 500_000,
    method: 'OWN_ACCOUNT',
    bank: 'AGRIBANK',
    account: null,
  },
  {
    name: 'Mai Văn Sáu',
    neighbourhood: 'Khu phố 2',
    amount: 600_000,
    method: 'AUTHORIZED_ACCOUNT',
    bank: null,
    account: '9876543210',
    receiver: 'Mai Thị Bảy',
  },
  {
    name: 'Cao Thị Tám',
    neighbourhood: 'Khu phố 2',
    amount: 700_000,
    method: 'OWN_ACCOUNT',
    bank: 'VIETINBANK',
    account: '',
  },
  { name: 'Trần Văn Bình', neighbourhood: 'Khu phố 1', amount: 1_000_000, method: 'CASH_WARD' },
  { name: 'Trần Văn Bình', samePersonAs: 'Trần Văn Bình', kind: 'arrears', amount: 500_000, method: 'CASH_WARD' },
  {
    name: 'Phạm Thị Ánh',
    neighbourhood: 'Khu phố 2',
    amount: 1_000_000,
    method: 'CASH_WARD',
    receiver: 'Phạm Văn Tâm',
  },
  { name: 'Võ Thị Cúc', neighbourhood: 'Khu phố 2', amount: 750_000, method: 'CASH_WARD' },
  {
    name: 'Võ Thị Cúc',
    samePersonAs: 'Võ Thị Cúc',
    kind: 'funeral',
    amount: 10_000_000,
    method: 'CASH_WARD',
    receiver: 'Võ Văn Hải',
  },
  // No neighbourhood recorded: the list "(Chưa ghi khu phố)".
  { name: 'Hồ Văn Lộc', amount: 750_000, method: 'CASH_WARD' },
  { name: 'Bùi Thị Mai', neighbourhood: 'Khu phố 2', amount: 750_000, method: 'POST_OFFICE' },
  { name: 'Lý Văn Tư', neighbourhood: 'Khu phố 1', amount: 1_000_000, method: 'POST_OFFICE' },
];
/** A second programme the same month: the same people in other files, and a second Agribank file when split. */
const NCC: FixtureLine[] = [
  {
    name: 'Nguyễn Thị Hường',
    neighbourhood: 'Khu phố 1',
    amount: 2_000_000,
    method: 'OWN_ACCOUNT',
    bank: 'AGRIBANK',
    account: '0001234567890',
    holder: 'Nguyễn Thị Hường',
  },
  { name: 'Hoàng Văn An', neighbourhood: 'Khu phố 1', amount: 1_500_000, method: 'CASH_WARD' },
  { name: 'Đinh Văn Chín', neighbourhood: 'Khu phố 2', amount: 1_200_000, method: 'POST_OFFICE', receiver: '' },
];

const settings = (splitByProgramme: boolean) => ({ ...DEFAULT_BANK_FILES_SETTINGS, splitByProgramme });
const OPTIONS: PlanOptions[] = [false, true].flatMap((allProgrammes) =>
  (['neighbourhood', 'ward'] as const).flatMap((listsBy) =>
    [false, true].map((splitByProgramme) => ({ allProgrammes, listsBy, splitByProgramme })),
  ),
);

/** The plan the files are made from, as the panel showed it before plan-totals.ts: every line read and sorted. */
const perLinePlan = (payrollId: number, o: PlanOptions): FilesPlan => {
  const scope = loadScope(core.store!, payrollId, o.allProgrammes);
  return publicPlan(planFiles(scope, loadLines(core.store!, scope), o));
};

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  core = testCore(dir, '2026-11-22T09:00:00+07:00');
  db = core.store!.sqlite;
  btxh = insertPayroll(db, { lines: BTXH });
  insertPayroll(db, { lines: NCC, programme: 'NCC' });
  // Held and failed lines: the files (and so the plan) still hold them; the status is the results' business.
  db.prepare(
    "UPDATE payroll_lines SET status = 'carried_over' WHERE full_name = 'Võ Thị Cúc' AND kind = 'funeral'",
  ).run();
  db.prepare("UPDATE payroll_lines SET status = 'failed' WHERE full_name = 'Lê Văn Ơn'").run();
  core.as('accountant');
}, 60_000);
afterAll(() => {
  core.close();
  cleanup();
});

describe('payrollFiles.plan from the aggregate read', () => {
  it('is the per-line plan of the files, for every scope, list grouping and bank split', async () => {
    for (const o of OPTIONS) {
      core.as('admin');
      await core.ok('payrollFiles.saveSettings', settings(o.splitByProgramme));
      core.as('accountant');
      const shown = await core.ok('payrollFiles.plan', {
        payrollId: btxh,
        allProgrammes: o.allProgrammes,
        listsBy: o.listsBy,
      });
      expect(shown, JSON.stringify(o)).toEqual(
        publicPlan(buildPlan({ store: core.store! }, { payrollId: btxh, ...o }).plan),
      );
    }
  });

  it('names the lines in no bank file in the warning, and every case has its file', async () => {
    const plan = await core.ok('payrollFiles.plan', { payrollId: btxh });
    expect(plan.warnings).toEqual([
      // In the offices' name order (given name first): Sáu, Tám, Yến.
      '3 dòng chuyển khoản thiếu ngân hàng hoặc số tài khoản nên không có trong tệp ngân hàng (1.800.000 đồng): Mai Văn Sáu, Cao Thị Tám, Trương Thị Yến.',
    ]);
    expect(plan.files.map((f) => [f.key, f.count, f.totalVnd])).toEqual([
      ['bank:AGRIBANK', 2, 1_500_000],
      ['bank:BIDV', 1, 0],
      ['bank:VIETCOMBANK', 2, 1_250_000],
      ['cash-pdf:kp:(Chưa ghi khu phố)', 1, 750_000],
      ['cash-pdf:kp:Khu phố 1', 1, 1_500_000],
      ['cash-pdf:kp:Khu phố 2', 3, 11_750_000],
      ['cash-xlsx:kp:(Chưa ghi khu phố)', 1, 750_000],
      ['cash-xlsx:kp:Khu phố 1', 1, 1_500_000],
      ['cash-xlsx:kp:Khu phố 2', 3, 11_750_000],
      ['post-pdf:kp:Khu phố 1', 1, 1_000_000],
      ['post-pdf:kp:Khu phố 2', 1, 750_000],
      ['post-xlsx:kp:Khu phố 1', 1, 1_000_000],
      ['post-xlsx:kp:Khu phố 2', 1, 750_000],
      ['summary-pdf', BTXH.length, BTXH.reduce((s, l) => s + l.amount, 0)],
    ]);
  });

  it('gives the counts and totals of the files written, read back (xlsx by LibreOffice, PDF by pdftotext)', async () => {
    core.as('admin');
    await core.ok('payrollFiles.saveSettings', settings(true));
    core.as('accountant');
    const scope = { payrollId: btxh, allProgrammes: true, listsBy: 'neighbourhood' as const };
    const plan = await core.ok('payrollFiles.plan', scope);
    const out = join(dir, 'usb');
    mkdirSync(out);
    const written = (await core.job('payrollFiles.export', {
      ...scope,
      files: plan.files.map((f) => f.key),
      folder: out,
    })) as Extract<ExportFilesResult, { destination: 'folder' }>;
    expect(written.files.map((f) => [f.key, f.fileName, f.count, f.totalVnd])).toEqual(
      plan.files.map((f) => [f.key, f.fileName, f.count, f.totalVnd]),
    );
    const read = (key: string): { count: number; totalVnd: number } => {
      const path = written.files.find((f) => f.key === key)!.path;
      if (key.startsWith('bank:') || key.includes('-xlsx:')) {
        const rows = parseCsv(xlsxToCsvSheets(readFileSync(path))[0]!);
        const total = rows.find((r) => r.some((c) => c.startsWith('Tổng cộng:')))!;
        const label = total.find((c) => c.startsWith('Tổng cộng:'))!;
        return { count: number(/(\d+)/.exec(label)![1]), totalVnd: number(total[key.startsWith('bank:') ? 5 : 10]) };
      }
      const line = pdfText(path)
        .split('\n')
        .find((l) => l.includes('Tổng cộng:'))!;
      return {
        count: number(/Tổng cộng: (\d+)/.exec(line)![1]),
        totalVnd: number(line.match(/\d{1,3}(?:\.\d{3})+/g)!.at(-1)),
      };
    };
    // Every bank file (two Agribank ones: BTXH and NCC), and a cash and a post list of each kind.
    const keys = plan.files
      .map((f) => f.key)
      .filter(
        (k) =>
          k.startsWith('bank:') ||
          ['cash-pdf:kp:Khu phố 2', 'cash-xlsx:kp:(Chưa ghi khu phố)', 'post-pdf:kp:Khu phố 2'].includes(k),
      );
    expect(keys).toContain('bank:AGRIBANK:NCC');
    for (const key of keys) {
      const f = plan.files.find((p) => p.key === key)!;
      expect(read(key), key).toEqual({ count: f.count, totalVnd: f.totalVnd });
    }
  }, 180_000);
});

// ---- the property: generated mixes of lines -------------------------------------------------------------

const PEOPLE = ['Nguyễn Thị Hường', 'Lê Văn Ơn', 'Đặng Văn Đức', 'Trần Văn Bình', 'Bùi Thị Mai', 'Võ An'];
const NEIGHBOURHOODS = ['Khu phố 1', 'Khu phố 2', 'khu pho 1', '', '(Chưa ghi khu phố)', 'Ấp Đông'];
const BANKS = ['AGRIBANK', 'VIETCOMBANK', 'BIDV', 'ZZBANK', '', null];
const ACCOUNTS = ['0001234567890', '123456', '12345678901234567890', '', null];
const RECEIVERS = [null, '', 'Đỗ Thị Lan', 'Phạm Văn Tâm'];

const lineArb = fc.record({
  person: fc.nat({ max: PEOPLE.length - 1 }),
  /** The line's name is an older one than the person's now (renamed since the build). */
  renamed: fc.nat({ max: 5 }).map((n) => n === 0),
  payroll: fc.nat({ max: 1 }),
  kind: fc.constantFrom('regular', 'arrears', 'funeral', 'care'),
  method: fc.constantFrom('CASH_WARD', 'POST_OFFICE', 'OWN_ACCOUNT', 'AUTHORIZED_ACCOUNT'),
  bank: fc.constantFrom(...BANKS),
  account: fc.constantFrom(...ACCOUNTS),
  neighbourhood: fc.constantFrom(...NEIGHBOURHOODS),
  receiver: fc.constantFrom(...RECEIVERS),
  amount: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 20_000_000 })),
  status: fc.constantFrom('pending', 'failed', 'carried_over', 'paid'),
});
type GeneratedLine = typeof lineArb extends fc.Arbitrary<infer T> ? T : never;

let month = 0;
let people: number[] = [];

/** Two approved payrolls (BTXH, NCC) of a new month with the lines; returns their ids. */
function insertMix(lines: GeneratedLine[], offTotal: boolean): [number, number] {
  month += 1;
  const m = `${2030 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
  const ids = (['BTXH', 'NCC'] as const).map((programme) =>
    Number(
      db
        .prepare(
          "INSERT INTO payrolls (month, programme_code, status, built_at, built_by) VALUES (?, ?, 'draft', ?, 1)",
        )
        .run(m, programme, '2030-01-01T00:00:00Z').lastInsertRowid,
    ),
  ) as [number, number];
  const insert = db.prepare(
    `INSERT INTO payroll_lines (payroll_id, person_id, kind, full_name, neighbourhood_name, amount_vnd, method, bank_code,
       account_number, holder_name, receiver_name, status, line_no)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  lines.forEach((l, i) =>
    insert.run(
      ids[l.payroll],
      people[l.person],
      l.kind,
      l.renamed ? `Tên Cũ ${PEOPLE[l.person]}` : PEOPLE[l.person],
      l.neighbourhood,
      l.amount,
      l.method,
      l.bank,
      l.account,
      l.receiver,
      l.receiver,
      l.status,
      i + 1,
    ),
  );
  for (const id of ids) {
    db.prepare(
      `UPDATE payrolls SET line_count = (SELECT COUNT(*) FROM payroll_lines WHERE payroll_id = @id),
         total_vnd = (SELECT COALESCE(SUM(amount_vnd), 0) FROM payroll_lines WHERE payroll_id = @id) + @off WHERE id = @id`,
    ).run({ id, off: offTotal ? 1_000 : 0 });
    db.prepare("UPDATE payrolls SET status = 'approved', approved_at = '2030-01-02T00:00:00Z' WHERE id = ?").run(id);
  }
  return ids;
}

describe('property: the aggregate plan is the per-line plan, for any mix of lines', () => {
  beforeAll(() => {
    const person = db.prepare(
      `INSERT INTO people (full_name, family_name, middle_name, given_name, search_key, sort_key, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, '2030-01-01T00:00:00Z', '2030-01-01T00:00:00Z')`,
    );
    people = PEOPLE.map((name) => {
      const parts = splitFullName(name);
      return Number(
        person.run(name, parts.family, parts.middle, parts.given, foldForSearch(name), nameSortKey(parts))
          .lastInsertRowid,
      );
    });
  });

  it('same files, keys, names, labels, counts, totals and warnings', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 40 }), fc.boolean(), fc.nat({ max: 1 }), (lines, offTotal, which) => {
        const ids = insertMix(lines, offTotal);
        for (const o of OPTIONS) {
          const scope = loadScope(core.store!, ids[which]!, o.allProgrammes);
          expect(planTotals(core.store!, scope, o), JSON.stringify(o)).toEqual(perLinePlan(ids[which]!, o));
        }
      }),
      { numRuns: 150 },
    );
  });
});
