import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordNccBenefitsInput } from '@shared/api/ncc-benefits';
import { submitAndApprove } from '../support/payroll-review';
import { enrollNew, testCore, type TestCore } from '../support/register';
import { tempDir } from '../support/temp';

// The allowances the Sở Nội vụ decides on the death of a người có công (issue 16): recorded from the
// decision with the amounts as decided, refused for the living, for BTXH and twice for the same decision;
// paid once by the next NCC payroll in cash to the named person, never by the deceased's account.

const { dir, cleanup } = tempDir('so-an-sinh-ncc-benefits-');
let core: TestCore;
let ncc: number;
let btxh: number;
const sql = () => core.store!.sqlite;
const count = (q: string, ...args: unknown[]) =>
  sql()
    .prepare(q)
    .pluck()
    .get(...args) as number;

const DECISION = { number: '1520/QĐ-SNV', signedDate: '20/11/2026', issuer: 'Sở Nội vụ tỉnh Lâm Đồng' };
const ITEMS = [
  { kind: 'funeral', amountVnd: 18_720_000, payeeName: 'Tạ Văn Hiếu', relationship: 'Con trai' },
  { kind: 'lump_sum', amountVnd: 7_488_000, payeeName: 'Tạ Thị Hằng', relationship: 'Con gái' },
] as const;

beforeAll(async () => {
  core = testCore(dir, '2026-10-10T09:00:00+07:00');
  core.as('officer');
  ncc = (
    await core.ok('register.enroll', {
      ...enrollNew({ fullName: 'Tạ Văn Ước', birthDate: '1945' }, 'NCC', undefined, '2026-10'),
      categoryLabel: 'Thương binh 61%',
      components: [{ kind: 'main', label: 'Trợ cấp thương tật', amountVnd: 3_466_000 }],
    })
  ).personId;
  btxh = (
    await core.ok(
      'register.enroll',
      enrollNew({ fullName: 'Lê Thị Mận', birthDate: '1938', gender: 'female' }, 'BTXH', 'BTXH-5C', '2026-10'),
    )
  ).personId;
  // The NCC's own account: the allowances must not go there.
  const account = Number(
    sql()
      .prepare(
        "INSERT INTO bank_accounts (owner_person_id, bank_code, account_number, holder_name, created_at) VALUES (?, 'AGRIBANK', '0009876543210', 'TA VAN UOC', '2026-01-01T00:00:00Z')",
      )
      .run(ncc).lastInsertRowid,
  );
  sql()
    .prepare(
      "INSERT INTO payout_methods (person_id, effective_from, method, bank_account_id, created_at) VALUES (?, '2025-01', 'OWN_ACCOUNT', ?, '2026-01-01T00:00:00Z')",
    )
    .run(ncc, account);
  core.setNow('2026-11-25T09:00:00+07:00');
});
afterAll(() => {
  core?.close();
  cleanup();
});

const record = (personId: number, items: readonly object[] = ITEMS, decision: object = DECISION) =>
  ({ personId, decision, items }) as unknown as RecordNccBenefitsInput;

describe('recording the Sở’s decision', () => {
  it('refuses a living NCC, a BTXH beneficiary, a date in the future, a kind twice and a bad amount, recording nothing', async () => {
    expect((await core.fail('nccBenefits.record', record(ncc))).message).toContain('Báo tử trước');
    await core.ok('register.recordDeath', {
      personId: ncc,
      deathDate: '12/11/2026',
      decision: { number: '1488/QĐ-SNV', signedDate: '20/11/2026', signer: '', reason: '' },
      funeral: { payeeName: 'Tạ Văn Hiếu', multiplier: 20 },
    });
    expect((await core.fail('nccBenefits.record', record(btxh))).message).toContain('không hưởng chế độ người có công');
    expect(
      (await core.fail('nccBenefits.record', record(ncc, ITEMS, { ...DECISION, signedDate: '26/11/2026' }))).message,
    ).toContain('sau hôm nay');
    expect(
      (await core.fail('nccBenefits.record', record(ncc, ITEMS, { ...DECISION, signedDate: '01/11/2026' }))).message,
    ).toContain('trước ngày mất');
    expect((await core.fail('nccBenefits.record', record(ncc, [ITEMS[0], ITEMS[0]]))).message).toContain('một lần');
    expect((await core.fail('nccBenefits.record', record(ncc, [{ ...ITEMS[0], amountVnd: 1.5 }]))).code).toBe(
      'INVALID_INPUT',
    );
    expect((await core.fail('nccBenefits.record', record(ncc, [{ ...ITEMS[0], amountVnd: 0 }]))).code).toBe(
      'INVALID_INPUT',
    );
    expect((await core.fail('nccBenefits.record', record(ncc, [{ ...ITEMS[0], payeeName: '' }]))).code).toBe(
      'INVALID_INPUT',
    );
    core.as('accountant');
    expect((await core.fail('nccBenefits.record', record(ncc))).code).toBe('FORBIDDEN');
    core.as('officer');
    expect(count("SELECT count(*) FROM one_off_items WHERE decided_number <> ''")).toBe(0);
    // The NCC was on no social allowance: recording the death made no funeral support of its own.
    expect(count('SELECT count(*) FROM one_off_items WHERE person_id = ?', ncc)).toBe(0);
  });

  it('records both allowances with the decided amounts, audited; the same decision again is refused', async () => {
    const list = await core.ok('nccBenefits.record', record(ncc));
    expect(
      list.map((b) => [
        b.kind,
        b.amountVnd,
        b.payeeName,
        b.relationship,
        b.decisionNumber,
        b.decisionDate,
        b.dueMonth,
        b.paidMonth,
      ]),
    ).toEqual([
      ['lump_sum', 7_488_000, 'Tạ Thị Hằng', 'Con gái', '1520/QĐ-SNV', '2026-11-20', '2026-11', null],
      ['funeral', 18_720_000, 'Tạ Văn Hiếu', 'Con trai', '1520/QĐ-SNV', '2026-11-20', '2026-11', null],
    ]);
    const audit = sql()
      .prepare("SELECT after_json FROM audit_log WHERE action = 'nccBenefit.create' ORDER BY id")
      .pluck()
      .all() as string[];
    expect(audit.map((a) => JSON.parse(a))).toEqual([
      expect.objectContaining({ kind: 'funeral', amountVnd: 18_720_000, decision: '1520/QĐ-SNV' }),
      expect.objectContaining({ kind: 'lump_sum', amountVnd: 7_488_000, decision: '1520/QĐ-SNV' }),
    ]);
    const again = await core.fail('nccBenefits.record', record(ncc, [ITEMS[1]]));
    expect(again.message).toContain('đã được ghi');
    expect(count("SELECT count(*) FROM one_off_items WHERE decided_number <> ''")).toBe(2);
  });

  it('the NCC payroll of the month pays each once, in cash to the named person; once approved, never again', async () => {
    const built = await core.job('payroll.build', { month: '2026-11', programmes: ['NCC'] });
    const payrollId = built.payrolls.find((p) => p.programme === 'NCC')!.id;
    const items = sql()
      .prepare(
        'SELECT amount_vnd, method, receiver_name, account_number, note FROM payroll_lines WHERE payroll_id = ? AND one_off_item_id IS NOT NULL ORDER BY amount_vnd',
      )
      .all(payrollId) as {
      amount_vnd: number;
      method: string;
      receiver_name: string;
      account_number: string | null;
      note: string;
    }[];
    expect(items.map((l) => [l.amount_vnd, l.method, l.receiver_name, l.account_number])).toEqual([
      [7_488_000, 'CASH_WARD', 'Tạ Thị Hằng', null],
      [18_720_000, 'CASH_WARD', 'Tạ Văn Hiếu', null],
    ]);
    expect(items[1]!.note).toContain(
      'Trợ cấp mai táng theo Quyết định số 1520/QĐ-SNV ngày 20/11/2026 của Sở Nội vụ tỉnh Lâm Đồng',
    );
    const total = count('SELECT total_vnd FROM payrolls WHERE id = ?', payrollId);
    expect(total).toBe(count('SELECT sum(amount_vnd) FROM payroll_lines WHERE payroll_id = ?', payrollId));
    await submitAndApprove(core, payrollId);
    const list = await core.ok('nccBenefits.list', { personId: ncc });
    expect(list.map((b) => b.paidMonth)).toEqual(['2026-11', '2026-11']);

    core.setNow('2026-12-10T09:00:00+07:00');
    const next = await core.job('payroll.build', { month: '2026-12', programmes: ['NCC'] });
    const december = next.payrolls.find((p) => p.programme === 'NCC');
    expect(
      december
        ? count('SELECT count(*) FROM payroll_lines WHERE payroll_id = ? AND one_off_item_id IS NOT NULL', december.id)
        : 0,
    ).toBe(0);
  });
});
