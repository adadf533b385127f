import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enrollNew, testCore, type TestCore } from '../support/register';
import { tempDir } from '../support/temp';
import { b64, resultXlsx } from './payroll-results.fixture';
import { submitAndApprove } from '../support/payroll-review';

// With the real payroll build: a month's payroll is built from the register and approved; the bank's
// result file fails two lines; the officer carries one over and turns the other into cash; next month's
// build takes both (carried_from_line_id), the first by the method in force, the second as cash.

let dir: string;
let cleanup: () => void;
let core: TestCore;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  core = testCore(dir, '2026-10-20T09:00:00+07:00');
});
afterEach(() => {
  core.close();
  cleanup();
});

const db = () => core.store!.sqlite;

async function enrollWithAccount(name: string, account: string): Promise<number> {
  const r = await core.ok(
    'register.enroll',
    enrollNew({ fullName: name, birthDate: '1940' }, 'BTXH', 'BTXH-6D', '2026-10'),
  );
  await core.ok('payout.change', {
    personId: r.personId,
    method: 'OWN_ACCOUNT',
    effectiveMonth: '2026-10',
    account: { new: { bankCode: 'AGRIBANK', branch: 'Phan Thiết', accountNumber: account, holderName: name } },
    note: '',
  });
  return r.personId;
}

async function buildAndApprove(month: string): Promise<number> {
  core.as('accountant');
  const built = await core.job('payroll.build', { month, programmes: ['BTXH'] });
  const payrollId = built.payrolls[0]!.id;
  await submitAndApprove(core, payrollId, 'accountant');
  return payrollId;
}

describe('results on a payroll built from the register', () => {
  it("failed lines, once decided, are in next month's payroll, and the month reconciles", async () => {
    await enrollWithAccount('Nguyễn Văn Ơn', '1000000000001');
    await enrollWithAccount('Đặng Thị Ánh', '1000000000002');
    await enrollWithAccount('Trần Văn Bình', '1000000000003');
    const november = await buildAndApprove('2026-11');
    const lines = db()
      .prepare(
        'SELECT id, full_name, account_number, amount_vnd FROM payroll_lines WHERE payroll_id = ? ORDER BY account_number',
      )
      .all(november) as Array<{ id: number; full_name: string; account_number: string; amount_vnd: number }>;
    expect(lines).toHaveLength(3);

    const file = await resultXlsx(
      lines.map((l, i) => ({
        account: l.account_number,
        amountVnd: l.amount_vnd,
        status: i === 0 ? 'Thành công' : 'Thất bại',
        reason: i === 0 ? '' : 'Tài khoản không tồn tại',
      })),
    );
    const preview = await core.job('payrollResults.previewImport', {
      payrollId: november,
      fileName: 'kq-11.xlsx',
      contentBase64: b64(file),
    });
    expect(preview.counts).toMatchObject({ paid: 1, failed: 2 });
    const result = await core.job('payrollResults.commitImport', { token: preview.token });
    expect(result).toMatchObject({ paid: 1, failed: 2 });

    await core.ok('payrollResults.decideCarry', {
      payrollId: november,
      decision: 'carried_over',
      selection: { kind: 'lines', lineIds: [lines[1]!.id] },
    });
    await core.ok('payrollResults.decideCarry', {
      payrollId: november,
      decision: 'converted_to_cash',
      selection: { kind: 'lines', lineIds: [lines[2]!.id] },
    });
    const rec = await core.ok('payrollResults.reconciliation', { payrollId: november });
    expect(rec.reconciles).toBe(true);
    expect(rec.total.paid.amountVnd + rec.total.carriedOver.amountVnd + rec.total.convertedToCash.amountVnd).toBe(
      rec.payroll.totalVnd,
    );

    core.setNow('2026-11-20T09:00:00+07:00');
    const december = await buildAndApprove('2026-12');
    const carried = db()
      .prepare(
        'SELECT carried_from_line_id AS fromLine, method, amount_vnd AS amount FROM payroll_lines WHERE payroll_id = ? AND carried_from_line_id IS NOT NULL ORDER BY carried_from_line_id',
      )
      .all(december) as Array<{ fromLine: number; method: string; amount: number }>;
    expect(carried).toEqual([
      { fromLine: lines[1]!.id, method: 'OWN_ACCOUNT', amount: lines[1]!.amount_vnd },
      { fromLine: lines[2]!.id, method: 'CASH_WARD', amount: lines[2]!.amount_vnd },
    ]);
    // Taken by an approved later payroll: the decision is final, and the old line takes no payment.
    expect(
      (
        await core.fail('payrollResults.decideCarry', {
          payrollId: november,
          decision: 'converted_to_cash',
          selection: { kind: 'lines', lineIds: [lines[1]!.id] },
        })
      ).code,
    ).toBe('CONFLICT');
    const again = await core.job('payrollResults.previewImport', {
      payrollId: november,
      fileName: 'kq-11-lan-2.xlsx',
      contentBase64: b64(
        await resultXlsx([
          {
            account: lines[1]!.account_number,
            amountVnd: lines[1]!.amount_vnd,
            status: 'Thành công',
            reference: 'FT-LATE',
          },
        ]),
      ),
    });
    expect(again.counts).toMatchObject({ conflict: 1, paid: 0 });
  }, 120_000);
});
