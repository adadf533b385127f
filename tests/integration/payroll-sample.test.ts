import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildResult } from '@shared/api/payroll';
import { tempDir } from '../support/temp';
import { testCore, type TestCore, certifyAllAuthorizations } from '../support/register';

// The payroll of the sample register (tests/fixtures/so-doi-tuong-phuong-mau.xlsx, a copy of
// ../shared/samples): its month's payrolls total the import's monthly totals, per programme and method.

const FIXTURES = join(__dirname, '..', 'fixtures');
const SAMPLE = readFileSync(join(FIXTURES, 'so-doi-tuong-phuong-mau.xlsx'));
const EXPECTED = JSON.parse(readFileSync(join(FIXTURES, 'so-doi-tuong-phuong-mau.expected.json'), 'utf8')) as {
  sheets: Record<string, { rows: number }>;
  btxhMonthlyTotal: number;
  nccMonthlyTotal: number;
  byMethod: Record<string, number>;
};

let cleanup: () => void;
let core: TestCore;
let built: BuildResult;
beforeAll(async () => {
  const temp = tempDir();
  cleanup = temp.cleanup;
  core = testCore(temp.dir);
  const a = await core.ok('import.analyze', {
    fileName: 'so-doi-tuong-phuong-mau.xlsx',
    contentBase64: SAMPLE.toString('base64'),
  });
  await core.job('import.commit', { token: a.token, config: { ...a.config, authorizationTerm: { kind: 'default' } } });
  await certifyAllAuthorizations(core); // only certified authorizations pay into an account (issue 14)
  built = await core.job('payroll.build', { month: '10/2024' });
});
afterAll(() => {
  core.close();
  cleanup();
});

const sumOfLines = (payrollId: number) =>
  core
    .store!.sqlite.prepare(
      'SELECT COALESCE(SUM(amount_vnd), 0) AS s, COUNT(*) AS n FROM payroll_lines WHERE payroll_id = ?',
    )
    .get(payrollId) as { s: number; n: number };

describe('the payroll of the sample register, 10/2024', () => {
  it('totals 274.000.000 (BTXH) and 105.362.000 (NCC), one line per person, equal to the sum of its lines', () => {
    expect(built.payrolls.map((p) => [p.programme, p.lineCount, p.totalVnd])).toEqual([
      ['BTXH', EXPECTED.sheets.BTXH!.rows, EXPECTED.btxhMonthlyTotal],
      ['NCC', EXPECTED.sheets.NCC!.rows, EXPECTED.nccMonthlyTotal],
    ]);
    for (const p of built.payrolls) expect(sumOfLines(p.id)).toEqual({ s: p.totalVnd, n: p.lineCount });
    expect(built.skipped).toEqual([]);
  });

  it('pays each by the method in the file (counts by method), with totals by neighbourhood adding up', async () => {
    const btxh = await core.ok('payroll.review', { payrollId: built.payrolls[0]!.id });
    expect(Object.fromEntries(btxh.byMethod.map((r) => [r.key, r.count]))).toEqual({
      CASH_WARD: EXPECTED.byMethod['BTXH:Tiền mặt'],
      POST_OFFICE: EXPECTED.byMethod['BTXH:Bưu điện'],
      AUTHORIZED_ACCOUNT: EXPECTED.byMethod['BTXH:TK ủy quyền'],
      OWN_ACCOUNT: EXPECTED.byMethod['BTXH:TK cá nhân'],
    });
    expect(btxh.byNeighbourhood.reduce((s, r) => s + r.amountVnd, 0)).toBe(EXPECTED.btxhMonthlyTotal);
    expect(btxh.monthPayrolls.map((p) => [p.programme, p.totalVnd])).toEqual([
      ['BTXH', EXPECTED.btxhMonthlyTotal],
      ['NCC', EXPECTED.nccMonthlyTotal],
    ]);
    const ncc = await core.ok('payroll.review', { payrollId: built.payrolls[1]!.id });
    expect(ncc.byMethod.map((r) => r.key)).toEqual(['OWN_ACCOUNT']);
    const page = await core.ok('payroll.lines', { payrollId: built.payrolls[0]!.id, limit: 50 });
    expect(page.total).toBe(EXPECTED.sheets.BTXH!.rows);
    expect(page.rows).toHaveLength(50);
  });

  it('the month before the import has no one: everyone came in', async () => {
    const diff = await core.ok('payroll.differences', { payrollId: built.payrolls[1]!.id });
    expect(diff.previous.source).toBe('register');
    expect(diff.counts).toEqual({ in: EXPECTED.sheets.NCC!.rows, out: 0, changed: 0 });
    expect(new Set(diff.rows.flatMap((r) => r.reasons))).toEqual(new Set(['started']));
  });

  it('rebuilding gives the same lines and totals', async () => {
    const snapshot = () =>
      core
        .store!.sqlite.prepare(
          'SELECT line_no, person_id, kind, amount_vnd, method, account_number, attention_note FROM payroll_lines ORDER BY payroll_id, line_no',
        )
        .all();
    const before = snapshot();
    const again = await core.job('payroll.build', { month: '2024-10' });
    expect(again.payrolls.map((p) => [p.id, p.totalVnd])).toEqual(built.payrolls.map((p) => [p.id, p.totalVnd]));
    expect(snapshot()).toEqual(before);
  });
});
