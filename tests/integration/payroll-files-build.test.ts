import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '@shared/domain/csv';
import { xlsxToCsvSheets } from '../support/libreoffice';
import { tempDir } from '../support/temp';
import { enrollNew, testCore, type TestCore } from '../support/register';
import { submitAndApprove } from '../support/payroll-review';

// The files for the payer from a payroll made by the real build (payroll.build → payroll.approve), not
// from rows written by hand: the bank file, the lists and the summary add up to the approved payroll.

let dir: string;
let cleanup: () => void;
let core: TestCore;
beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  core = testCore(dir, '2026-11-15T09:00:00+07:00');
});
afterAll(() => {
  core.close();
  cleanup();
});

/** Pays the person into an Agribank account from 2026-01 (rows as the payout work writes them). */
function ownAccount(personId: number, number: string, holder: string): void {
  const db = core.store!.sqlite;
  const account = Number(
    db
      .prepare(
        "INSERT INTO bank_accounts (owner_person_id, bank_code, branch, account_number, holder_name, created_at) VALUES (?, 'AGRIBANK', 'Chi nhánh Phan Thiết', ?, ?, '2026-01-01T00:00:00Z')",
      )
      .run(personId, number, holder).lastInsertRowid,
  );
  db.prepare(
    "INSERT INTO payout_methods (person_id, effective_from, method, bank_account_id, created_at) VALUES (?, '2026-01', 'OWN_ACCOUNT', ?, '2026-01-01T00:00:00Z')",
  ).run(personId, account);
}

describe('files of a payroll built and approved through the payroll channels', () => {
  it('bank file, cash list and summary agree with the approved payroll', async () => {
    core.setNow('2026-01-15T09:00:00+07:00');
    const a = await core.ok(
      'register.enroll',
      enrollNew(
        { fullName: 'Nguyễn Thị Hường', birthDate: '1940', citizenId: '001140000101', neighbourhood: 'Khu phố 1' },
        'BTXH',
        'BTXH-6D',
        '2026-01',
      ),
    );
    await core.ok(
      'register.enroll',
      enrollNew(
        { fullName: 'Trần Văn Bình', birthDate: '1938', citizenId: '001038000102', neighbourhood: 'Khu phố 2' },
        'BTXH',
        'BTXH-6D',
        '2026-01',
      ),
    );
    await core.ok(
      'register.enroll',
      enrollNew(
        { fullName: 'Đặng Thị Ánh', birthDate: '1935', citizenId: '001135000103', neighbourhood: 'Khu phố 1' },
        'BTXH',
        'BTXH-6D',
        '2026-01',
      ),
    );
    ownAccount(a.personId, '0000123456789', 'Nguyễn Thị Hường');
    core.setNow('2026-11-20T09:00:00+07:00');

    const built = await core.job('payroll.build', { month: '2026-12', programmes: ['BTXH'] });
    const payrollId = built.payrolls[0]!.id;
    const approved = await submitAndApprove(core, payrollId, 'accountant');

    const plan = await core.ok('payrollFiles.plan', { payrollId, listsBy: 'ward' });
    expect(plan.payrollTotalVnd).toBe(approved.totalVnd);
    const sum = (kind: string) => plan.files.filter((f) => f.kind === kind).reduce((s, f) => s + f.totalVnd, 0);
    expect(sum('bank') + sum('cash-pdf') + sum('post-pdf')).toBe(approved.totalVnd);
    expect(plan.files.find((f) => f.kind === 'cash-pdf')).toMatchObject({ key: 'cash-pdf:ward', count: 2 });

    const bank = await core.job('payrollFiles.export', { payrollId, files: ['bank:AGRIBANK'] });
    if (bank.destination !== 'download') throw new Error('expected a download');
    const rows = parseCsv(xlsxToCsvSheets(Buffer.from(bank.contentBase64, 'base64'))[0]!);
    const line = rows.find((r) => r[1] === '0000123456789')!;
    expect(line.slice(2, 5)).toEqual(['NGUYEN THI HUONG', 'Agribank', 'Chi nhánh Phan Thiết']);
    expect(Number(line[5]!.replace(/[.,]/g, ''))).toBe(sum('bank'));
    expect(line[6]).toBe('TRO CAP XH T12/2026 NGUYEN THI HUONG');
  });
});
