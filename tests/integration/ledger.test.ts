import { describe, expect, it } from 'vitest';
import type { PersonLedger } from '@shared/api/ledger';
import type { WriteResult } from '@shared/api/register';
import { decision, eachTestCore, enrollNew, type TestCore } from '../support/register';
import { confirmationOf, submitAndApprove, submitPayroll } from '../support/payroll-review';
import type { ProgrammeCode } from '@shared/api/register';

// The money ledger on real SQLite files through the app core: every payroll pays owed − paid per
// service month; arrears lines name their period; overpayments are listed, never netted; money of the
// deceased is held until the heir is named, then paid to the heir. Exact đồng on the lines, the bank
// file and the cash list (the payer's files plan: counts and totals per file).

let core: TestCore;
eachTestCore((fresh) => ({ core } = fresh));

const db = () => core.store!.sqlite;
const at = (month: string) => `${month}-15T09:00:00+07:00`;

/** Enrolls as if entered in `entered` (default: its effective month). */
async function enroll(args: Parameters<typeof enrollNew>, entered = args[3]): Promise<WriteResult> {
  core.setNow(at(entered));
  return core.ok('register.enroll', enrollNew(...args));
}
async function buildApprove(
  month: string,
  programme: ProgrammeCode = 'BTXH',
  approveIt = true,
): Promise<number | null> {
  core.setNow(at(month));
  const r = await core.job('payroll.build', { month, programmes: [programme] });
  const id = r.payrolls.find((p) => p.programme === programme)?.id ?? null;
  if (id && approveIt) {
    await submitAndApprove(core, id);
  }
  return id;
}
interface Line {
  id: number;
  person_id: number;
  kind: string;
  amount_vnd: number;
  method: string;
  account_number: string | null;
  receiver_name: string | null;
  note: string;
  period_from: string | null;
  period_to: string | null;
  period_months: number | null;
  ledger_reason: string | null;
}
const lines = (payrollId: number, personId?: number): Line[] =>
  db()
    .prepare(`SELECT * FROM payroll_lines WHERE payroll_id = ? ${personId ? 'AND person_id = ?' : ''} ORDER BY line_no`)
    .all(...(personId ? [payrollId, personId] : [payrollId])) as Line[];
const summary = (ls: Line[]) => ls.map((l) => [l.kind, l.amount_vnd, l.period_from, l.period_to, l.period_months]);
async function files(payrollId: number): Promise<{ bank: number; cash: number; total: number }> {
  core.as('accountant');
  const plan = await core.ok('payrollFiles.plan', { payrollId, allProgrammes: false, listsBy: 'ward' });
  core.as('officer');
  const sum = (kind: string) => plan.files.filter((f) => f.kind === kind).reduce((s, f) => s + f.totalVnd, 0);
  return { bank: sum('bank'), cash: sum('cash-pdf'), total: plan.payrollTotalVnd };
}
function ownAccount(personId: number, number = '0009876543210'): void {
  const account = Number(
    db()
      .prepare(
        "INSERT INTO bank_accounts (owner_person_id, bank_code, account_number, holder_name, created_at) VALUES (?, 'AGRIBANK', ?, 'CHU TAI KHOAN', '2026-01-01T00:00:00Z')",
      )
      .run(personId, number).lastInsertRowid,
  );
  db()
    .prepare(
      "INSERT INTO payout_methods (person_id, effective_from, method, bank_account_id, created_at) VALUES (?, '2025-01', 'OWN_ACCOUNT', ?, '2026-01-01T00:00:00Z')",
    )
    .run(personId, account);
}
/** Sum over all service months of the regular components: owed (register now) and paid (approved). */
async function balance(personId: number, month: string): Promise<PersonLedger> {
  core.setNow(at(month));
  return core.ok('ledger.person', { personId });
}

describe('every payroll is owed − paid', () => {
  it('care support after the cared person’s death recorded late: the caregiver is re-examined, what was paid beyond the register is listed, never netted', async () => {
    const cared = await enroll([{ fullName: 'Lê Văn Nặng', birthDate: '1970' }, 'BTXH', 'BTXH-6A', '2026-06']);
    const carer = await enroll([
      { fullName: 'Lê Thị Hoa', birthDate: '1972', gender: 'female' },
      'BTXH_CARE',
      'CS-2',
      '2026-06',
      { caredPersonId: cared.personId },
    ]);
    for (const m of ['2026-06', '2026-07', '2026-08', '2026-09']) {
      await buildApprove(m, 'BTXH');
      await buildApprove(m, 'BTXH_CARE');
    }
    // Died in July, recorded in October.
    core.setNow(at('2026-10'));
    const marksBefore = (
      db().prepare('SELECT COUNT(*) AS n FROM ledger_marks WHERE person_id = ?').get(carer.personId) as { n: number }
    ).n;
    await core.ok('register.recordDeath', {
      personId: cared.personId,
      deathDate: '20/07/2026',
      decision: { number: '3/QĐ', signedDate: '01/10/2026', signer: 'Chủ tịch', reason: '' },
      funeral: { payeeName: 'Lê Thị Hoa', multiplier: 20 },
    });
    expect(
      (db().prepare('SELECT COUNT(*) AS n FROM ledger_marks WHERE person_id = ?').get(carer.personId) as { n: number })
        .n,
    ).toBeGreaterThan(marksBefore);
    // What the register owes the caregiver now for August and September (the eligibility rules decide).
    const { computeAmounts, loadReference, loadStates } = await import('../../main/services/register/amounts');
    const ref = loadReference(core.store!);
    const owedNow = (m: string) =>
      computeAmounts(ref, loadStates(core.store!, m, [carer.personId]), m)
        .filter((a) => a.programme === 'BTXH_CARE')
        .reduce((s, a) => s + a.amountVnd, 0);
    const overpaid = 750_000 - owedNow('2026-08') + (750_000 - owedNow('2026-09'));
    const oct = await buildApprove('2026-10', 'BTXH_CARE', false);
    const l = await balance(carer.personId, '2026-10');
    expect(l.overpayments.reduce((s, o) => s + o.amountVnd, 0)).toBe(overpaid);
    expect(
      l.months
        .filter((m) => m.component === 'care' && m.serviceMonth >= '2026-08' && m.serviceMonth <= '2026-09')
        .map((m) => m.paidVnd),
    ).toEqual([750_000, 750_000]);
    // Never netted: the October care line (if any) is the register's October amount, not less.
    if (oct) expect(lines(oct, carer.personId).reduce((s, x) => s + x.amount_vnd, 0)).toBe(owedNow('2026-10'));
    // The deceased's own allowance for August–September is an overpayment of their own; a waiver by decision closes it.
    expect((await balance(cared.personId, '2026-10')).overpayments).toEqual([
      expect.objectContaining({
        component: 'allowance',
        fromMonth: '2026-08',
        toMonth: '2026-09',
        amountVnd: 2_000_000,
        reason: 'death',
      }),
    ]);
    const waived = await core.ok('ledger.recordRecovery', {
      personId: cared.personId,
      component: 'allowance',
      fromMonth: '2026-08',
      toMonth: '2026-09',
      method: 'waive',
      paperNumber: '9/QĐ',
      paperDate: '15/10/2026',
    });
    expect(waived).toMatchObject({ openVnd: 0, status: 'waived' });
    expect((await balance(cared.personId, '2026-10')).totals.overpaidVnd).toBe(0);
  });

  it('the truy thu list shows an overpayment of a programme with no payroll that month (care support after the cared person’s death)', async () => {
    const cared = await enroll([{ fullName: 'Đặng Văn Nằm', birthDate: '1970' }, 'BTXH', 'BTXH-6A', '2026-06']);
    const carer = await enroll([
      { fullName: 'Đặng Thị Lo', birthDate: '1972', gender: 'female' },
      'BTXH_CARE',
      'CS-2',
      '2026-06',
      { caredPersonId: cared.personId },
    ]);
    for (const m of ['2026-06', '2026-07', '2026-08', '2026-09']) {
      await buildApprove(m, 'BTXH');
      await buildApprove(m, 'BTXH_CARE');
    }
    core.setNow(at('2026-10'));
    await core.ok('register.recordDeath', {
      personId: cared.personId,
      deathDate: '20/07/2026',
      decision: { number: '3/QĐ', signedDate: '01/10/2026', signer: 'Chủ tịch', reason: '' },
      funeral: { payeeName: 'Đặng Thị Lo', multiplier: 20 },
    });
    // October: only the social allowance is built; no care-support payroll exists that month (no one left to pay).
    await buildApprove('2026-10', 'BTXH', false);
    expect(
      db().prepare("SELECT COUNT(*) AS n FROM payrolls WHERE month = '2026-10' AND programme_code = 'BTXH_CARE'").get(),
    ).toEqual({ n: 0 });
    const list = await core.ok('ledger.arrearsList', { month: '2026-10' });
    const care = list.overpayments.filter((o) => o.personId === carer.personId);
    expect(care).toEqual([
      expect.objectContaining({
        component: 'care',
        programme: 'BTXH_CARE',
        fromMonth: '2026-08',
        toMonth: '2026-09',
        amountVnd: 1_500_000,
        openVnd: 1_500_000,
      }),
    ]);
    // The deceased's own allowance (BTXH, built this month) is listed once, as before.
    expect(list.overpayments.filter((o) => o.personId === cared.personId)).toEqual([
      expect.objectContaining({
        component: 'allowance',
        fromMonth: '2026-08',
        toMonth: '2026-09',
        amountVnd: 2_000_000,
      }),
    ]);
    expect(list.totals.overpaidOpenVnd).toBe(3_500_000);
    // Refunded: no longer listed for a programme without a payroll (a build would not list it either).
    await core.ok('ledger.recordRecovery', {
      personId: carer.personId,
      component: 'care',
      fromMonth: '2026-08',
      toMonth: '2026-09',
      method: 'refund',
      paperNumber: 'BL-1',
      paperDate: '16/10/2026',
    });
    expect(
      (await core.ok('ledger.arrearsList', { month: '2026-10' })).overpayments.filter(
        (o) => o.personId === carer.personId,
      ),
    ).toEqual([]);
  });

  it('a grant entered after a month was approved is paid as arrears next month, once', async () => {
    await enroll([{ fullName: 'Trần Văn Có', birthDate: '1936' }, 'BTXH', 'BTXH-5C', '2026-07']);
    await buildApprove('2026-07');
    await buildApprove('2026-08');
    // Signed with effect from 08/2026, reaches the ward in September after August's approval.
    const { personId } = await enroll(
      [{ fullName: 'Võ Văn Muộn', birthDate: '1936' }, 'BTXH', 'BTXH-5C', '2026-08'],
      '2026-09',
    );
    ownAccount(personId);
    const sep = (await buildApprove('2026-09'))!;
    expect(summary(lines(sep, personId))).toEqual([
      ['regular', 500_000, null, null, null],
      ['arrears', 500_000, '2026-08', '2026-08', 1],
    ]);
    expect(lines(sep, personId)[1]).toMatchObject({
      ledger_reason: 'late_decision',
      method: 'OWN_ACCOUNT',
      note: 'Truy lĩnh tháng 08/2026 (1 tháng): Quyết định đến muộn (tháng đã chi trả)',
    });
    expect(await files(sep)).toEqual({ bank: 1_000_000, cash: 500_000, total: 1_500_000 });
    const oct = (await buildApprove('2026-10'))!;
    expect(summary(lines(oct, personId))).toEqual([['regular', 500_000, null, null, null]]);
    const l = await balance(personId, '2026-11');
    expect(l.totals).toMatchObject({ arrearsVnd: 0, overpaidVnd: 0 });
    expect(
      l.months.filter((m) => m.serviceMonth <= '2026-10').map((m) => [m.serviceMonth, m.owedVnd, m.paidVnd]),
    ).toEqual([
      ['2026-08', 500_000, 500_000],
      ['2026-09', 500_000, 500_000],
      ['2026-10', 500_000, 500_000],
    ]);
    expect(l.months.find((m) => m.serviceMonth === '2026-08')!.paidBy).toEqual([
      expect.objectContaining({ payrollMonth: '2026-09', amountVnd: 500_000 }),
    ]);
  });

  it('a grant entered during a draft, the draft rebuilt: paid once (regular), no arrears later', async () => {
    await enroll([{ fullName: 'Trần Văn Có', birthDate: '1936' }, 'BTXH', 'BTXH-5C', '2026-07']);
    await buildApprove('2026-07');
    const draft = (await buildApprove('2026-08', 'BTXH', false))!;
    const { personId } = await enroll(
      [{ fullName: 'Võ Văn Giữa', birthDate: '1936' }, 'BTXH', 'BTXH-5C', '2026-08'],
      '2026-08',
    );
    expect(await buildApprove('2026-08')).toBe(draft);
    expect(summary(lines(draft, personId))).toEqual([['regular', 500_000, null, null, null]]);
    const sep = (await buildApprove('2026-09'))!;
    expect(summary(lines(sep, personId))).toEqual([['regular', 500_000, null, null, null]]);
  });

  it('two drafts paying the same month: the second approval is refused until rebuilt (it changed after submission)', async () => {
    await enroll([{ fullName: 'Trần Văn Có', birthDate: '1936' }, 'BTXH', 'BTXH-5C', '2026-07']);
    await buildApprove('2026-07');
    await buildApprove('2026-08');
    const { personId } = await enroll(
      [{ fullName: 'Võ Văn Muộn', birthDate: '1936' }, 'BTXH', 'BTXH-5C', '2026-08'],
      '2026-09',
    );
    const sep = (await buildApprove('2026-09', 'BTXH', false))!;
    const oct = (await buildApprove('2026-10', 'BTXH', false))!;
    // Both drafts hold arrears for August (and October's also September).
    // August (a late decision) and September (a month not yet approved) are two periods with their reasons.
    expect(
      lines(oct, personId)
        .filter((l) => l.kind === 'arrears')
        .map((l) => [l.period_from, l.amount_vnd, l.ledger_reason]),
    ).toEqual([
      ['2026-08', 500_000, 'late_decision'],
      ['2026-09', 500_000, 'unpaid_month'],
    ]);
    // October was submitted before September was approved: approving it now would pay August twice.
    const octSubmitted = await submitPayroll(core, oct);
    await submitAndApprove(core, sep);
    core.as('approver');
    const refused = await core.fail('payroll.approve', { payrollId: oct, confirm: confirmationOf(octSubmitted) });
    expect(refused).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Phê duyệt bảng chi trả tháng 09/2026'),
    });
    expect(refused.message).toContain('lập lại');
    core.as('officer');
    await buildApprove('2026-10');
    expect(summary(lines(oct, personId))).toEqual([['regular', 500_000, null, null, null]]);
  });

  it('a back-dated second group: only the higher group is owed, the arrears are the difference', async () => {
    const { personId, entitlementId } = await enroll([
      { fullName: 'Lê Văn Hai', birthDate: '1940' },
      'BTXH',
      'BTXH-5C',
      '2026-06',
    ]);
    void entitlementId;
    await buildApprove('2026-06');
    await buildApprove('2026-07');
    await buildApprove('2026-08');
    // A severe disability (6D, 2.0 = 1,000,000) from 07/2026, decided in September.
    core.setNow(at('2026-09'));
    await core.ok('register.enroll', {
      person: { existingId: personId },
      programme: 'BTXH',
      groupCode: 'BTXH-6D',
      decision: decision('2026-07'),
    });
    const sep = (await buildApprove('2026-09'))!;
    expect(summary(lines(sep, personId))).toEqual([
      ['regular', 1_000_000, null, null, null],
      ['arrears', 1_000_000, '2026-07', '2026-08', 2],
    ]);
    expect(lines(sep, personId)[1]!.ledger_reason).toBe('backdated_change');
    expect(await files(sep)).toEqual({ bank: 0, cash: 2_000_000, total: 2_000_000 });
    const l = await balance(personId, '2026-10');
    expect(l.totals.overpaidVnd).toBe(0);
    expect(l.overpayments).toEqual([]);
  });

  it('each line’s service-month rows as the ledger reads them: a one-month difference names what was paid before', async () => {
    const { entitlementId, personId } = await enroll([
      { fullName: 'Lê Văn Một', birthDate: '1940' },
      'BTXH',
      'BTXH-5C',
      '2026-06',
    ]);
    await buildApprove('2026-07');
    await buildApprove('2026-08');
    // Raised to 6D (1,000,000) from 08/2026, decided in September: August owes 500,000 more.
    core.setNow(at('2026-09'));
    await core.ok('register.decide', {
      entitlementId: entitlementId!,
      kind: 'adjust',
      groupCode: 'BTXH-6D',
      decision: decision('2026-08'),
    });
    const sep = (await buildApprove('2026-09'))!;
    const months = db()
      .prepare(
        `SELECT l.kind, m.component, m.entitlement_id, m.service_month, m.amount_vnd, m.paid_before_vnd, m.recovery_id
         FROM payroll_line_months m JOIN payroll_lines l ON l.id = m.line_id WHERE m.payroll_id = ? AND m.person_id = ?
         ORDER BY l.line_no, m.service_month`,
      )
      .all(sep, personId);
    expect(months).toEqual([
      // September's own month, then August's difference with what August paid.
      {
        kind: 'regular',
        component: 'allowance',
        entitlement_id: entitlementId,
        service_month: '2026-09',
        amount_vnd: 1_000_000,
        paid_before_vnd: 0,
        recovery_id: null,
      },
      {
        kind: 'arrears',
        component: 'allowance',
        entitlement_id: entitlementId,
        service_month: '2026-08',
        amount_vnd: 500_000,
        paid_before_vnd: 500_000,
        recovery_id: null,
      },
    ]);
  });

  it('death recorded late after an approved payroll with arrears pending: overpaid months listed, arrears held, then paid to the heir in cash', async () => {
    await enroll([{ fullName: 'Trần Văn Có', birthDate: '1936' }, 'BTXH', 'BTXH-5C', '2026-06']);
    const { personId } = await enroll([{ fullName: 'Huỳnh Văn Ẩn', birthDate: '1938' }, 'BTXH', 'BTXH-5C', '2026-06']);
    ownAccount(personId);
    await buildApprove('2026-06');
    await buildApprove('2026-07');
    // Raised to 6D (1,000,000) from 07/2026, decided in September: arrears for July, August pending.
    core.setNow(at('2026-09'));
    const e = db().prepare('SELECT id FROM entitlements WHERE person_id = ?').get(personId) as { id: number };
    await buildApprove('2026-08');
    await core.ok('register.decide', {
      entitlementId: e.id,
      kind: 'adjust',
      groupCode: 'BTXH-6D',
      decision: decision('2026-07'),
    });
    await buildApprove('2026-09', 'BTXH', false); // the draft holding the arrears is not approved yet
    await buildApprove('2026-09', 'BTXH', true);
    // Died 10/08/2026; recorded in November, after September's payroll (which paid 07–08 arrears and September).
    await buildApprove('2026-10');
    core.setNow(at('2026-11'));
    await core.ok('register.recordDeath', {
      personId,
      deathDate: '10/08/2026',
      decision: { number: '7/QĐ', signedDate: '01/11/2026', signer: 'Chủ tịch', reason: '' },
      funeral: { payeeName: 'Huỳnh Thị Hoa', multiplier: 20 },
    });
    const nov = (await buildApprove('2026-11', 'BTXH', false))!;
    // Nothing to the deceased's account: only the funeral support in cash to the organiser.
    expect(lines(nov, personId).map((l) => [l.kind, l.amount_vnd, l.method])).toEqual([
      ['funeral', 10_000_000, 'CASH_WARD'],
    ]);
    const list = await core.ok('ledger.arrearsList', { month: '2026-11' });
    expect(list.overpayments).toEqual([
      expect.objectContaining({
        personId,
        component: 'allowance',
        fromMonth: '2026-09',
        toMonth: '2026-10',
        months: 2,
        amountVnd: 2_000_000,
        openVnd: 2_000_000,
        status: 'open',
        reason: 'death',
      }),
    ]);
    expect(list.held).toEqual([]);
    const ledger = await balance(personId, '2026-11');
    expect(ledger.totals.overpaidVnd).toBe(2_000_000);
    expect(
      ledger.months
        .filter((m) => m.serviceMonth >= '2026-07' && m.serviceMonth <= '2026-08')
        .map((m) => [m.serviceMonth, m.owedVnd, m.paidVnd]),
    ).toEqual([
      ['2026-07', 1_000_000, 1_000_000],
      ['2026-08', 1_000_000, 1_000_000],
    ]);
    // Refund recorded by the officer: settled, listed no more.
    const rec = await core.ok('ledger.recordRecovery', {
      personId,
      component: 'allowance',
      fromMonth: '2026-09',
      toMonth: '2026-10',
      method: 'refund',
      paperNumber: 'BL-01',
      paperDate: '20/11/2026',
    });
    expect(rec).toMatchObject({ status: 'recovered', openVnd: 0 });
    expect((await balance(personId, '2026-11')).totals.overpaidVnd).toBe(0);
  });

  it('death with arrears still owed: held until the heir is named, then paid to the heir in cash, never to the own account', async () => {
    await enroll([{ fullName: 'Trần Văn Có', birthDate: '1936' }, 'BTXH', 'BTXH-5C', '2026-06']);
    await buildApprove('2026-06');
    await buildApprove('2026-07');
    // Granted from 06/2026 but entered in September; died 20/08/2026, recorded the same day as the grant.
    const { personId } = await enroll(
      [{ fullName: 'Phan Văn Mất', birthDate: '1937' }, 'BTXH', 'BTXH-5C', '2026-06'],
      '2026-09',
    );
    ownAccount(personId);
    await core.ok('register.recordDeath', {
      personId,
      deathDate: '20/08/2026',
      decision: { number: '8/QĐ', signedDate: '01/09/2026', signer: 'Chủ tịch', reason: '' },
      funeral: { payeeName: 'Phan Thị Con', multiplier: 20 },
    });
    const sep = (await buildApprove('2026-09'))!;
    expect(lines(sep, personId).map((l) => [l.kind, l.amount_vnd])).toEqual([['funeral', 10_000_000]]);
    const list = await core.ok('ledger.arrearsList', { month: '2026-09' });
    expect(list.held).toEqual([
      expect.objectContaining({
        personId,
        fromMonth: '2026-06',
        toMonth: '2026-08',
        months: 3,
        amountVnd: 1_500_000,
        status: 'held',
      }),
    ]);
    // The deceased's own account is refused as the heir's.
    const refused = await core.fail('ledger.nameHeir', {
      personId,
      fullName: 'Phan Thị Con',
      relationship: 'Con',
      paperKind: 'Văn bản thỏa thuận phân chia di sản',
      paperNumber: '12',
      paperDate: '01/10/2026',
      method: 'OWN_ACCOUNT',
      bankCode: 'AGRIBANK',
      accountNumber: '0009876543210',
    });
    expect(refused.issues).toEqual([
      { path: 'accountNumber', message: 'Đây là tài khoản của người đã mất: không chi vào tài khoản này.' },
    ]);
    core.setNow(at('2026-10'));
    await core.ok('ledger.nameHeir', {
      personId,
      fullName: 'Phan Thị Con',
      relationship: 'Con',
      paperKind: 'Văn bản thỏa thuận phân chia di sản',
      paperNumber: '12',
      paperDate: '01/10/2026',
      method: 'CASH_WARD',
    });
    const oct = (await buildApprove('2026-10'))!;
    // June–July: months approved before the grant arrived; August: no payroll was approved for it.
    expect(lines(oct, personId)).toEqual([
      expect.objectContaining({
        kind: 'arrears',
        amount_vnd: 1_000_000,
        method: 'CASH_WARD',
        account_number: null,
        receiver_name: 'Phan Thị Con',
        period_from: '2026-06',
        period_to: '2026-07',
        period_months: 2,
      }),
      expect.objectContaining({
        kind: 'arrears',
        amount_vnd: 500_000,
        method: 'CASH_WARD',
        account_number: null,
        receiver_name: 'Phan Thị Con',
        period_from: '2026-08',
        period_to: '2026-08',
        period_months: 1,
      }),
    ]);
    expect(lines(oct, personId)[0]!.note).toContain('Chi cho người thừa kế Phan Thị Con (Con)');
    expect(await files(oct)).toEqual({ bank: 0, cash: 2_000_000, total: 2_000_000 });
    const nov = (await buildApprove('2026-11'))!;
    expect(lines(nov, personId)).toEqual([]);
  });

  it('an age limit crossed between two approved payrolls, stopped late: what September paid beyond what the register owes is an overpayment, not netted', async () => {
    const { personId, entitlementId } = await enroll([
      { fullName: 'Lê Văn Trẻ', birthDate: '10/08/2010' },
      'BTXH',
      'BTXH-1B',
      '2026-06',
    ]);
    await enroll([{ fullName: 'Trần Văn Có', birthDate: '1936' }, 'BTXH', 'BTXH-5C', '2026-06']);
    for (const m of ['2026-06', '2026-07', '2026-08', '2026-09']) await buildApprove(m);
    // Turned 16 in August; the stop from 09/2026 is entered in October, after September's approval.
    core.setNow(at('2026-10'));
    await core.ok('register.decide', { entitlementId: entitlementId!, kind: 'stop', decision: decision('2026-09') });
    const paidSep = (
      db()
        .prepare(
          "SELECT COALESCE(SUM(amount_vnd), 0) AS s FROM payroll_line_months WHERE person_id = ? AND service_month = '2026-09'",
        )
        .get(personId) as { s: number }
    ).s;
    // The register owes nothing for September now; whether September's payroll had paid depends on the age rule.
    const oct = (await buildApprove('2026-10'))!;
    expect(lines(oct, personId)).toEqual([]);
    const l = await balance(personId, '2026-10');
    expect(l.overpayments).toEqual(
      paidSep
        ? [
            expect.objectContaining({
              fromMonth: '2026-09',
              toMonth: '2026-09',
              months: 1,
              amountVnd: paidSep,
              reason: 'stopped',
            }),
          ]
        : [],
    );
    expect(l.totals.arrearsVnd).toBe(0);
  });

  it('an overpayment deducted by the officer’s decision is taken from the next payroll line, never before', async () => {
    const { personId, entitlementId } = await enroll([
      { fullName: 'Lê Văn Giảm', birthDate: '1940' },
      'BTXH',
      'BTXH-6D',
      '2026-06',
    ]);
    await buildApprove('2026-06');
    await buildApprove('2026-07');
    // Lowered to 5C (500,000) from 07/2026, decided in August: July overpaid by 500,000.
    core.setNow(at('2026-08'));
    await core.ok('register.decide', {
      entitlementId: entitlementId!,
      kind: 'adjust',
      groupCode: 'BTXH-5C',
      decision: decision('2026-07'),
    });
    const aug = (await buildApprove('2026-08'))!;
    expect(summary(lines(aug, personId))).toEqual([['regular', 500_000, null, null, null]]);
    core.setNow(at('2026-09'));
    await core.ok('ledger.recordRecovery', {
      personId,
      component: 'allowance',
      fromMonth: '2026-07',
      toMonth: '2026-07',
      method: 'deduct',
      paperNumber: '10/QĐ',
      paperDate: '01/09/2026',
    });
    const sep = (await buildApprove('2026-09'))!;
    expect(summary(lines(sep, personId))).toEqual([['regular', 0, null, null, null]]);
    const l = await balance(personId, '2026-10');
    expect(l.totals.overpaidVnd).toBe(0);
    expect(l.months.find((m) => m.serviceMonth === '2026-07')).toMatchObject({ owedVnd: 500_000, paidVnd: 500_000 });
  });
});
