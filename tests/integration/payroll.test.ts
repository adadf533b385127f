import { describe, expect, it } from 'vitest';
import { payoutBlockReason, UNCERTIFIED_REASON } from '@shared/domain/payout';
import type { PayrollView } from '@shared/api/payroll';
import type { JobStatus } from '@shared/api/import';
import type { WriteResult } from '@shared/api/register';
import { decideCarryOver, recordAttempt } from '../../main/services/payroll/attempts';
import { decision, eachTestCore, enrollNew, person, type TestCore } from '../support/register';
import { submitAndApprove } from '../support/payroll-review';
import type { ProgrammeCode } from '@shared/api/register';

// The monthly payroll on real SQLite files: a line for every rule, approval and immutability, the
// idempotent rebuild, payment attempts and carry-over, the suspension watch, corrections.

let core: TestCore;
eachTestCore((fresh) => ({ core } = fresh));

const NOW = '2026-11-15T09:00:00+07:00';
const db = () => core.store!.sqlite;

/** Enrolls as if entered in its effective month (no arrears), then returns to "now" (11/2026). */
async function enroll(...args: Parameters<typeof enrollNew>): Promise<WriteResult> {
  core.setNow(`${args[3]}-15T09:00:00+07:00`);
  try {
    return await core.ok('register.enroll', enrollNew(...args));
  } finally {
    core.setNow(NOW);
  }
}

const build = (month: string, programmes?: ProgrammeCode[]) =>
  core.job('payroll.build', { month, ...(programmes ? { programmes } : {}) });
async function buildOne(month: string, programme: ProgrammeCode = 'BTXH'): Promise<number> {
  const r = await build(month, [programme]);
  return r.payrolls.find((p) => p.programme === programme)!.id;
}
/** Approval is a workflow (issue 14): the officer submits, the approver confirms month, programme, count and total. */
const approve = (payrollId: number): Promise<PayrollView> => submitAndApprove(core, payrollId);

interface Line {
  id: number;
  person_id: number;
  kind: string;
  amount_vnd: number;
  group_code: string | null;
  method: string;
  registered_method: string | null;
  account_number: string | null;
  receiver_name: string | null;
  attention_note: string;
  note: string;
  status: string;
  carried_from_line_id: number | null;
  one_off_item_id: number | null;
  full_name: string;
}
const linesOf = (payrollId: number) =>
  db().prepare('SELECT * FROM payroll_lines WHERE payroll_id = ? ORDER BY line_no').all(payrollId) as Line[];
const personLines = (payrollId: number, personId: number) => linesOf(payrollId).filter((l) => l.person_id === personId);
const at = (date: string) => `${date}T10:00:00.000Z`;
/** Payment results as the results work records them: in one transaction, through the attempts model. */
const attempt = (...args: Parameters<typeof recordAttempt> extends [unknown, ...infer R] ? R : never) =>
  core.store!.transaction(() => recordAttempt(core.store!, ...args));

/** A person paid to a relative's account under an authorization valid until `validTo` (rows written as the payout work will). */
function authorizedAccount(personId: number, validTo: string, certifiedDate: string | null = '2025-07-05'): number {
  const now = '2026-01-01T00:00:00Z';
  const receiver = Number(
    db()
      .prepare(
        "INSERT INTO people (full_name, given_name, search_key, sort_key, created_at, updated_at) VALUES ('Trần Thị Nhận', 'Nhận', 'tran thi nhan', 'nhan', ?, ?)",
      )
      .run(now, now).lastInsertRowid,
  );
  const account = Number(
    db()
      .prepare(
        "INSERT INTO bank_accounts (owner_person_id, bank_code, account_number, holder_name, created_at) VALUES (?, 'AGRIBANK', '0001234567890', 'TRAN THI NHAN', ?)",
      )
      .run(receiver, now).lastInsertRowid,
  );
  const authorization = Number(
    db()
      .prepare(
        "INSERT INTO authorizations (giver_person_id, receiver_person_id, relationship, bank_account_id, valid_from, valid_to, certified_date, created_at) VALUES (?, ?, 'Con', ?, '2025-07-01', ?, ?, ?)",
      )
      .run(personId, receiver, account, validTo, certifiedDate, now).lastInsertRowid,
  );
  db()
    .prepare(
      "INSERT INTO payout_methods (person_id, effective_from, method, bank_account_id, authorization_id, created_at) VALUES (?, '2025-07', 'AUTHORIZED_ACCOUNT', ?, ?, ?)",
    )
    .run(personId, account, authorization, now);
  return authorization;
}

function ownAccount(personId: number, number = '0009876543210'): void {
  const now = '2026-01-01T00:00:00Z';
  const account = Number(
    db()
      .prepare(
        "INSERT INTO bank_accounts (owner_person_id, bank_code, account_number, holder_name, created_at) VALUES (?, 'AGRIBANK', ?, 'CHU TAI KHOAN', ?)",
      )
      .run(personId, number, now).lastInsertRowid,
  );
  db()
    .prepare(
      "INSERT INTO payout_methods (person_id, effective_from, method, bank_account_id, created_at) VALUES (?, '2025-01', 'OWN_ACCOUNT', ?, ?)",
    )
    .run(personId, account, now);
}

describe('a line for every rule', () => {
  it('age transition in the middle of the year: 1A (2,5) until April, 1B (1,5) from May, and the difference says why', async () => {
    const { personId } = await enroll(
      { fullName: 'Lê Minh Khải', birthDate: '10/05/2022' },
      'BTXH',
      'BTXH-1A',
      '2025-01',
    );
    const april = await buildOne('2026-04');
    expect(personLines(april, personId)).toEqual([
      expect.objectContaining({ kind: 'regular', group_code: 'BTXH-1A', amount_vnd: 1_250_000, method: 'CASH_WARD' }),
    ]);
    await approve(april);
    const may = await buildOne('2026-05');
    expect(personLines(may, personId)).toEqual([
      expect.objectContaining({ group_code: 'BTXH-1B', amount_vnd: 750_000 }),
    ]);
    const diff = await core.ok('payroll.differences', { payrollId: may });
    expect(diff.previous).toEqual({ month: '2026-04', payrollId: april, source: 'approved' });
    expect(diff.rows).toEqual([
      expect.objectContaining({
        personId,
        change: 'changed',
        beforeVnd: 1_250_000,
        afterVnd: 750_000,
        reasons: ['age_transition'],
        explanation: 'Chuyển nhóm theo tuổi: BTXH-1A → BTXH-1B',
      }),
    ]);
  });

  it('the standard level of the month (360.000 → 500.000 in 07/2024), and a change of group by decision', async () => {
    const { personId, entitlementId } = await enroll({ birthDate: '1980' }, 'BTXH', 'BTXH-6C', '2024-01');
    const june = await buildOne('2024-06');
    expect(personLines(june, personId)[0]!.amount_vnd).toBe(540_000);
    const july = await buildOne('2024-07');
    expect(personLines(july, personId)[0]!.amount_vnd).toBe(750_000);
    const diff = await core.ok('payroll.differences', { payrollId: july });
    expect(diff.previous.source).toBe('draft');
    expect(diff.rows[0]).toMatchObject({
      reasons: ['standard_level'],
      explanation: 'Mức chuẩn thay đổi: 360.000 → 500.000',
    });
    core.setNow('2026-03-10T09:00:00+07:00');
    await core.ok('register.decide', {
      entitlementId: entitlementId!,
      kind: 'adjust',
      groupCode: 'BTXH-6A',
      decision: decision('2026-03'),
    });
    core.setNow(NOW);
    const march = await buildOne('2026-03');
    const diff3 = await core.ok('payroll.differences', { payrollId: march });
    expect(diff3.previous.source).toBe('register');
    expect(diff3.rows[0]).toMatchObject({
      change: 'changed',
      beforeVnd: 750_000,
      afterVnd: 1_000_000,
      reasons: ['group_change'],
    });
  });

  it('arrears: a grant signed with effect from earlier months pays them as one line in the month it is entered', async () => {
    const r = await core.ok(
      'register.enroll',
      enrollNew({ fullName: 'Võ Văn Truy', birthDate: '1936' }, 'BTXH', 'BTXH-5C', '2026-09'),
    );
    const november = await buildOne('2026-11');
    expect(personLines(november, r.personId)).toEqual([
      expect.objectContaining({ kind: 'regular', amount_vnd: 500_000 }),
      expect.objectContaining({
        kind: 'arrears',
        amount_vnd: 1_000_000,
        note: 'Truy lĩnh từ tháng 09/2026 đến tháng 10/2026 (2 tháng): Quyết định đến muộn (tháng đã chi trả)',
        one_off_item_id: null,
      }),
    ]);
    // Paid once: after approval the ledger has nothing left for those months.
    await approve(november);
    const december = await buildOne('2026-12');
    expect(personLines(december, r.personId).map((l) => l.kind)).toEqual(['regular']);
  });

  it('death: the month of death is owed to the heir (held until named, never to the own account), then only the funeral support, in cash to the organiser', async () => {
    const { personId } = await enroll({ fullName: 'Huỳnh Văn Ẩn', birthDate: '1938' }, 'BTXH', 'BTXH-5C', '2025-01');
    ownAccount(personId);
    await core.ok('register.recordDeath', {
      personId,
      deathDate: '05/10/2026',
      decision: { number: '101/QĐ-UBND', signedDate: '20/10/2026', signer: 'Chủ tịch', reason: '' },
      funeral: { payeeName: 'Huỳnh Thị Hoa', multiplier: 20 },
    });
    await enroll({ fullName: 'Đinh Văn Sống', birthDate: '1938' }, 'BTXH', 'BTXH-5C', '2025-01');
    const october = await buildOne('2026-10');
    // Recorded before October's payroll: October is owed to the heir, held until one is named.
    expect(personLines(october, personId)).toEqual([]);
    await approve(october);
    const november = await buildOne('2026-11');
    expect(personLines(november, personId)).toEqual([
      expect.objectContaining({
        kind: 'funeral',
        amount_vnd: 10_000_000,
        method: 'CASH_WARD',
        receiver_name: 'Huỳnh Thị Hoa',
        account_number: null,
      }),
    ]);
    const diff = await core.ok('payroll.differences', { payrollId: november });
    expect(diff.rows.find((r) => r.personId === personId)).toMatchObject({
      change: 'in',
      reasons: expect.arrayContaining(['funeral']),
    });
  });

  it('suspension: no line while suspended; a resumption with arrears pays the months as one line', async () => {
    const { personId, entitlementId } = await enroll(
      { fullName: 'Đinh Văn Dừng', birthDate: '1940' },
      'BTXH',
      'BTXH-6D',
      '2025-01',
    );
    await enroll({ fullName: 'Đinh Văn Nhận', birthDate: '1941' }, 'BTXH', 'BTXH-5C', '2025-01');
    await core.ok('register.decide', {
      entitlementId: entitlementId!,
      kind: 'suspend',
      decision: decision('2026-08', { reason: 'Không nhận 3 tháng liên tiếp' }),
    });
    const july = await buildOne('2026-07');
    await approve(july);
    const august = await buildOne('2026-08', 'BTXH');
    expect(personLines(august, personId)).toEqual([]);
    const diff = await core.ok('payroll.differences', { payrollId: august });
    expect(diff.rows).toEqual([
      expect.objectContaining({ personId, change: 'out', reasons: ['suspended'], explanation: 'Tạm dừng hưởng' }),
    ]);
    await core.ok('register.decide', {
      entitlementId: entitlementId!,
      kind: 'resume',
      decision: decision('2026-11'),
      payArrears: true,
    });
    const november = await buildOne('2026-11');
    expect(personLines(november, personId).map((l) => [l.kind, l.amount_vnd])).toEqual([
      ['regular', 1_000_000],
      ['arrears', 3_000_000],
    ]);
  });

  it('an expired authorization falls back to cash, with the reason as the line’s attention note', async () => {
    const { personId } = await enroll(
      { fullName: 'Phạm Thị Ủy', birthDate: '1935', gender: 'female' },
      'BTXH',
      'BTXH-5C',
      '2025-07',
    );
    authorizedAccount(personId, '2026-06-30');
    const june = await buildOne('2026-06');
    expect(personLines(june, personId)[0]).toMatchObject({
      method: 'AUTHORIZED_ACCOUNT',
      account_number: '0001234567890',
      receiver_name: 'Trần Thị Nhận',
      attention_note: '',
    });
    const july = await buildOne('2026-07');
    expect(personLines(july, personId)[0]).toMatchObject({
      method: 'CASH_WARD',
      registered_method: 'AUTHORIZED_ACCOUNT',
      account_number: null,
      attention_note: 'Giấy ủy quyền đã hết hạn: chi tiền mặt tại UBND.',
    });
    const attention = await core.ok('payroll.lines', { payrollId: july, only: 'attention' });
    expect(attention.total).toBe(1);
    expect((await core.ok('payroll.get', { payrollId: july })).attentionCount).toBe(1);
  });

  it('an authorization not yet certified pays cash with the reason, under attention; once certified (through the API) it pays the account', async () => {
    const { personId } = await enroll(
      { fullName: 'Phạm Thị Ủy', birthDate: '1935', gender: 'female' },
      'BTXH',
      'BTXH-5C',
      '2025-07',
    );
    const authorizationId = authorizedAccount(personId, '2027-06-30', null);
    const draft = await buildOne('2026-11');
    expect(personLines(draft, personId)[0]).toMatchObject({
      method: 'CASH_WARD',
      registered_method: 'AUTHORIZED_ACCOUNT',
      account_number: null,
      attention_note: UNCERTIFIED_REASON,
    });
    const attention = await core.ok('payroll.lines', { payrollId: draft, only: 'attention' });
    expect(attention.total).toBe(1);
    // The approver certifies; the rebuilt draft pays the receiver's account, and nothing needs attention.
    core.as('approver');
    await core.ok('authorizations.certify', {
      id: authorizationId,
      certifiedDate: '14/11/2026',
      certifiedBy: 'Nguyễn Văn Duyệt',
    });
    core.as('officer');
    const rebuilt = await buildOne('2026-11');
    expect(personLines(rebuilt, personId)[0]).toMatchObject({
      method: 'AUTHORIZED_ACCOUNT',
      account_number: '0001234567890',
      attention_note: '',
    });
    // Certified after the month's end: that month still pays cash (the rule reads the month's last day).
    expect(
      payoutBlockReason(
        {
          method: 'AUTHORIZED_ACCOUNT',
          closed_date: null,
          valid_from: '2025-07-01',
          valid_to: '2027-06-30',
          revoked_date: null,
          certified_date: '2026-11-14',
          giver_death_date: null,
        },
        '2026-10',
      ),
    ).toBe(UNCERTIFIED_REASON);
  });

  it('care support is its own payroll, at the social-assistance standard, naming the person cared for', async () => {
    const cared = await enroll({ fullName: 'Lê Văn Nặng', birthDate: '1970' }, 'BTXH', 'BTXH-6A', '2025-01');
    const carer = await enroll(
      { fullName: 'Lê Thị Hoa', birthDate: '1972', gender: 'female' },
      'BTXH_CARE',
      'CS-2',
      '2025-01',
      { caredPersonId: cared.personId },
    );
    const result = await build('2026-11');
    expect(result.payrolls.map((p) => [p.programme, p.lineCount, p.totalVnd])).toEqual([
      ['BTXH', 1, 1_000_000],
      ['BTXH_CARE', 1, 750_000],
    ]);
    const care = result.payrolls.find((p) => p.programme === 'BTXH_CARE')!.id;
    expect(personLines(care, carer.personId)[0]).toMatchObject({
      kind: 'care',
      note: 'Chăm sóc, nuôi dưỡng: Lê Văn Nặng',
    });
  });
});

describe('approval and immutability', () => {
  it('only the approver approves; the payroll is then frozen, through the API and in the database', async () => {
    await enroll({ fullName: 'Nguyễn Văn Một', birthDate: '1940' }, 'BTXH', 'BTXH-5C', '2026-01');
    const id = await buildOne('2026-11');
    const confirm = { month: '2026-11', programme: 'BTXH', lineCount: 1, totalVnd: 500_000 };
    const refused = await core.fail('payroll.approve', { payrollId: id, confirm });
    expect(refused).toEqual({
      code: 'FORBIDDEN',
      message: 'Vai trò «Cán bộ chính sách» không được phép thực hiện thao tác này.',
    });
    expect(db().prepare("SELECT detail_json FROM audit_log WHERE action = 'access.denied'").get()).toEqual({
      detail_json: JSON.stringify({ channel: 'payroll.approve', role: 'officer' }),
    });
    const approved = await approve(id);
    expect(approved).toMatchObject({
      status: 'approved',
      approvedBy: 'Nguyễn Văn Duyệt',
      lineCount: 1,
      totalVnd: 500_000,
    });
    expect(db().prepare("SELECT user_name, detail_json FROM audit_log WHERE action = 'payroll.approve'").get()).toEqual(
      {
        user_name: 'pheduyet',
        detail_json: JSON.stringify({ month: '2026-11', programme: 'BTXH', lines: 1, totalVnd: 500_000 }),
      },
    );
    // Through the API: no rebuild, no discard, no second approval.
    expect(await core.fail('payroll.build', { month: '2026-11', programmes: ['BTXH'] })).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('đã được phê duyệt'),
    });
    expect((await build('2026-11')).skipped).toEqual([
      { programme: 'BTXH', reason: 'Đã phê duyệt bảng chi trả tháng 11/2026: không lập lại.' },
    ]);
    expect((await core.fail('payroll.discardDraft', { payrollId: id })).code).toBe('CONFLICT');
    core.as('approver');
    expect((await core.fail('payroll.approve', { payrollId: id, confirm })).code).toBe('CONFLICT');
    core.as('officer');
    // In the database: the triggers refuse any edit of the approved payroll and its lines.
    expect(() => db().prepare('UPDATE payroll_lines SET amount_vnd = 1 WHERE payroll_id = ?').run(id)).toThrow(
      'PAYROLL_APPROVED_IMMUTABLE',
    );
    expect(() => db().prepare('DELETE FROM payroll_lines WHERE payroll_id = ?').run(id)).toThrow(
      'PAYROLL_APPROVED_IMMUTABLE',
    );
    expect(() => db().prepare('UPDATE payrolls SET total_vnd = 0 WHERE id = ?').run(id)).toThrow(
      'PAYROLL_APPROVED_IMMUTABLE',
    );
    expect(linesOf(id).map((l) => l.amount_vnd)).toEqual([500_000]);
    // A second payroll of the same month and programme cannot be approved as well.
    const other = Number(
      db()
        .prepare(
          "INSERT INTO payrolls (month, programme_code, status, line_count, total_vnd, built_at) VALUES ('2026-11', 'BTXH', 'draft', 1, 1, 'x')",
        )
        .run().lastInsertRowid,
    );
    core.as('approver');
    expect(
      await core.fail('payroll.approve', { payrollId: other, confirm: { ...confirm, totalVnd: 1 } }),
    ).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('không duyệt hai bảng') });
    core.as('officer');
    expect(() => db().prepare("UPDATE payrolls SET status = 'approved' WHERE id = ?").run(other)).toThrow(/UNIQUE/);
  });

  it('a correction after approval is a new line, with its note, in a later month', async () => {
    const { personId } = await enroll({ fullName: 'Trương Văn Sửa', birthDate: '1940' }, 'BTXH', 'BTXH-5C', '2026-01');
    const october = await buildOne('2026-10');
    await approve(october);
    const late = await core.fail('payroll.addCorrection', {
      personId,
      programme: 'BTXH',
      dueMonth: '10/2026',
      amountVnd: 250_000,
      note: 'Thiếu tiền tháng 10',
    });
    expect(late.issues).toEqual([{ path: 'dueMonth', message: 'Tháng này đã phê duyệt: chọn tháng sau.' }]);
    await core.ok('payroll.addCorrection', {
      personId,
      programme: 'BTXH',
      dueMonth: '11/2026',
      amountVnd: 250_000,
      note: 'Bổ sung tiền tháng 10/2026 (tính thiếu)',
    });
    const november = await buildOne('2026-11');
    expect(personLines(november, personId).map((l) => [l.kind, l.amount_vnd, l.note])).toEqual([
      ['regular', 500_000, ''],
      ['other', 250_000, 'Bổ sung tiền tháng 10/2026 (tính thiếu)'],
    ]);
    expect(linesOf(october).map((l) => l.amount_vnd)).toEqual([500_000]);
  });

  it('a rebuilt draft is the same payroll with the same lines and totals; Cancel leaves nothing', async () => {
    for (const [i, name] of ['Lê Văn A', 'Trần Thị B', 'Phạm Văn C'].entries())
      await enroll({ fullName: name, birthDate: `${1930 + i}` }, 'BTXH', 'BTXH-5C', '2026-01');
    const first = await build('2026-11');
    const strip = (l: Line) => ({ ...l, id: 0 });
    const before = linesOf(first.payrolls[0]!.id).map(strip);
    const second = await build('2026-11');
    expect(second.payrolls).toEqual([{ ...first.payrolls[0]!, replaced: true }]);
    expect(linesOf(first.payrolls[0]!.id).map(strip)).toEqual(before);
    expect(db().prepare('SELECT COUNT(*) AS n FROM payrolls').get()).toEqual({ n: 1 });
    // Totals are the sum of the lines.
    const header = await core.ok('payroll.get', { payrollId: first.payrolls[0]!.id });
    expect(header.totalVnd).toBe(before.reduce((s, l) => s + l.amount_vnd, 0));

    const { jobId } = await core.ok('payroll.build', { month: '2026-12' });
    await core.ok('jobs.cancel', { jobId });
    let status: JobStatus;
    do {
      await new Promise((r) => setTimeout(r, 5));
      status = await core.ok('jobs.get', { jobId });
    } while (status.state === 'running');
    expect(status.state).toBe('cancelled');
    expect(db().prepare("SELECT COUNT(*) AS n FROM payrolls WHERE month = '2026-12'").get()).toEqual({ n: 0 });
  });

  it('a rebuild after changes keeps the unchanged lines (same ids) and is, row for row, a fresh build', async () => {
    const people = [];
    for (const [i, name] of ['Lê Văn Bình', 'Trần Thị Cúc', 'Phạm Văn Dũng', 'Hồ Thị Giang'].entries())
      people.push(await enroll({ fullName: name, birthDate: `${1930 + i}` }, 'BTXH', 'BTXH-5C', '2026-01'));
    const [binh, cuc, dung, giang] = people.map((p) => p.personId);
    ownAccount(giang!);
    const payrollId = await buildOne('2026-11');
    const idOf = (personId: number) => personLines(payrollId, personId)[0]!.id;
    const before = { binh: idOf(binh!), cuc: idOf(cuc!), giang: idOf(giang!) };

    // A newcomer who sorts first (every line's number moves), a change of group, a death this month (held),
    // and a person's own details corrected (her full birth date found): the line's copy of them is redone.
    await enroll({ fullName: 'Nguyễn Văn An', birthDate: '1940' }, 'BTXH', 'BTXH-5C', '2026-01');
    core.setNow('2026-11-10T09:00:00+07:00');
    await core.ok('register.decide', {
      entitlementId: people[0]!.entitlementId!,
      kind: 'adjust',
      groupCode: 'BTXH-6A',
      decision: decision('2026-11'),
    });
    core.setNow(NOW);
    await core.ok('register.recordDeath', {
      personId: dung!,
      deathDate: '03/11/2026',
      decision: { number: '101/QĐ-UBND', signedDate: '10/11/2026', signer: 'Chủ tịch', reason: '' },
      funeral: { payeeName: 'Phạm Thị Hoa', multiplier: 20 },
    });
    await core.ok('people.update', {
      id: cuc!,
      person: person({ fullName: 'Trần Thị Cúc', birthDate: '07/02/1931' }),
    });
    expect((await build('2026-11', ['BTXH'])).payrolls[0]!.id).toBe(payrollId);
    expect(idOf(giang!)).toBe(before.giang);
    expect(idOf(binh!)).not.toBe(before.binh);
    expect(idOf(cuc!)).not.toBe(before.cuc);
    expect(personLines(payrollId, cuc!)[0]).toMatchObject({ birth_text: '07/02/1931', birth_date: '1931-02-07' });

    // The same rows as a fresh build of the same register (ids aside; service months named by line number).
    const rows = (id: number) => {
      const lines = db().prepare('SELECT * FROM payroll_lines WHERE payroll_id = ? ORDER BY line_no').all(id) as Array<
        Line & { line_no: number; payroll_id: number }
      >;
      const lineNo = new Map(lines.map((l) => [l.id, l.line_no]));
      const months = (
        db().prepare('SELECT * FROM payroll_line_months WHERE payroll_id = ?').all(id) as Array<{
          id: number;
          line_id: number;
          payroll_id: number;
          service_month: string;
        }>
      )
        .map((m) => ({ ...m, id: 0, payroll_id: 0, line_id: lineNo.get(m.line_id) }))
        .sort((a, b) => a.line_id! - b.line_id! || a.service_month.localeCompare(b.service_month));
      const open = (db().prepare('SELECT * FROM payroll_ledger_open WHERE payroll_id = ?').all(id) as object[]).map(
        (o) => ({ ...o, payroll_id: 0 }),
      );
      return { lines: lines.map((l) => ({ ...l, id: 0, payroll_id: 0 })), months, open };
    };
    const rebuilt = rows(payrollId);
    expect(rebuilt.lines.map((l) => [l.line_no, l.full_name, l.kind])).toEqual([
      [1, 'Nguyễn Văn An', 'regular'],
      [2, 'Lê Văn Bình', 'regular'],
      [3, 'Trần Thị Cúc', 'regular'],
      [4, 'Phạm Văn Dũng', 'funeral'],
      [5, 'Hồ Thị Giang', 'regular'],
    ]);
    expect(rebuilt.open).toEqual([
      expect.objectContaining({ person_id: dung, kind: 'held', service_month: '2026-11' }),
    ]);
    await core.ok('payroll.discardDraft', { payrollId });
    const fresh = await buildOne('2026-11');
    expect(rows(fresh)).toEqual(rebuilt);
  });
});

describe('payment attempts, carry-over and the suspension watch', () => {
  it('failed → carried over → paid next month by the method in force; nothing is paid twice', async () => {
    const { personId } = await enroll(
      { fullName: 'Lý Thị Chuyển', birthDate: '1940', gender: 'female' },
      'BTXH',
      'BTXH-5C',
      '2026-01',
    );
    ownAccount(personId);
    const september = await buildOne('2026-09');
    const [line] = personLines(september, personId);
    // A draft's lines are not sent.
    expect(() => attempt(line!.id, 'sent', at('2026-09-05'))).toThrow('chưa được phê duyệt');
    await approve(september);
    attempt(line!.id, 'sent', at('2026-09-05'));
    attempt(line!.id, 'failed', at('2026-09-07'), 'Sai số tài khoản', 'FT123', 'sha-1');
    // The same result file again changes nothing.
    expect(attempt(line!.id, 'failed', at('2026-09-07'), 'Sai số tài khoản', 'FT123', 'sha-1')).toMatchObject({
      changed: false,
    });
    core.store!.transaction(() => decideCarryOver(core.store!, line!.id, 'carried_over'));
    const october = await buildOne('2026-10');
    const lines = personLines(october, personId);
    expect(lines.map((l) => [l.kind, l.amount_vnd, l.method, l.carried_from_line_id])).toEqual([
      ['regular', 500_000, 'OWN_ACCOUNT', null],
      ['carryover', 500_000, 'OWN_ACCOUNT', line!.id],
    ]);
    expect(lines[1]!.note).toBe('Chi bù tháng 09/2026 (chi không thành công: Sai số tài khoản)');
    await approve(october);
    // The origin is never paid again, by the API rule or by the database.
    expect(() => attempt(line!.id, 'paid', at('2026-10-10'))).toThrow('đã được chuyển sang tháng sau');
    expect(() =>
      db()
        .prepare("INSERT INTO payment_attempts (payroll_line_id, attempt_no, status, at) VALUES (?, 9, 'paid', 'x')")
        .run(line!.id),
    ).toThrow('LINE_CARRIED_OVER');
    attempt(lines[1]!.id, 'paid', at('2026-10-10'), '', 'FT999');
    expect(() => attempt(lines[1]!.id, 'paid', at('2026-10-11'))).toThrow('không chi lần thứ hai');
    expect(() =>
      db()
        .prepare("INSERT INTO payment_attempts (payroll_line_id, attempt_no, status, at) VALUES (?, 9, 'paid', 'x')")
        .run(lines[1]!.id),
    ).toThrow(/UNIQUE/);
    // November does not carry it again.
    const november = await buildOne('2026-11');
    expect(personLines(november, personId).map((l) => l.kind)).toEqual(['regular']);
    // The person's money history is complete.
    const history = await core.ok('payroll.personHistory', { personId });
    expect(history.map((h) => [h.month, h.kind, h.status, h.attempts.map((a) => a.status)])).toEqual([
      ['2026-09', 'regular', 'carried_over', ['sent', 'failed']],
      ['2026-10', 'regular', 'pending', []],
      ['2026-10', 'carryover', 'paid', ['paid']],
      ['2026-11', 'regular', 'pending', []],
    ]);
    expect(history[0]!.carriedToLineId).toBe(lines[1]!.id);
  });

  it('not collected, converted to cash: paid in cash next month; 3 months not collected puts the person on the suspension watch', async () => {
    const { personId } = await enroll({ fullName: 'Mai Văn Vắng', birthDate: '1940' }, 'BTXH', 'BTXH-5C', '2026-01');
    const other = await enroll({ fullName: 'Mai Văn Có', birthDate: '1941' }, 'BTXH', 'BTXH-5C', '2026-01');
    ownAccount(personId);
    const months = ['2026-06', '2026-07', '2026-08'];
    for (const [i, month] of months.entries()) {
      const id = await buildOne(month);
      if (i === 2) {
        expect(personLines(id, personId)[0]!.attention_note).toContain(
          'Không đến nhận 2 tháng liên tiếp (06/2026, 07/2026).',
        );
        // July's money, converted to cash by the officer, comes back in August in cash (not to the account).
        const carried = personLines(id, personId).find((l) => l.kind === 'carryover')!;
        expect(carried).toMatchObject({ method: 'CASH_WARD', registered_method: 'OWN_ACCOUNT', amount_vnd: 500_000 });
        expect(carried.note).toBe('Chi bù tháng 07/2026 (không đến nhận), chuyển chi tiền mặt');
      }
      await approve(id);
      for (const l of personLines(id, personId)) attempt(l.id, 'not_collected', at(`${month}-20`));
      for (const l of personLines(id, other.personId)) attempt(l.id, 'paid', at(`${month}-20`));
      if (i === 1)
        core.store!.transaction(() =>
          decideCarryOver(core.store!, personLines(id, personId)[0]!.id, 'converted_to_cash'),
        );
    }
    const watch = await core.ok('payroll.suspensionWatch', {});
    expect(watch).toEqual([
      expect.objectContaining({
        personId,
        fullName: 'Mai Văn Vắng',
        programme: 'BTXH',
        months,
        entitlementStatus: 'active',
      }),
    ]);
    // Once suspended, the person leaves the watch list.
    const entitlementId = (
      db().prepare('SELECT id FROM entitlements WHERE person_id = ?').get(personId) as { id: number }
    ).id;
    await core.ok('register.decide', {
      entitlementId,
      kind: 'suspend',
      decision: decision('2026-11', { reason: 'Không nhận 3 tháng liên tiếp' }),
    });
    expect(await core.ok('payroll.suspensionWatch', {})).toEqual([]);
  });
});

describe('review', () => {
  it('totals by method and neighbourhood add up to the payroll; search and masking in the lines list', async () => {
    const a = await enroll(
      { fullName: 'Nguyễn Văn Ơn', birthDate: '1940', citizenId: '060040001234', neighbourhood: 'Khu phố 1' },
      'BTXH',
      'BTXH-5C',
      '2026-01',
    );
    await enroll(
      { fullName: 'Đặng Thị Hai', birthDate: '1941', gender: 'female', neighbourhood: 'Khu phố 2' },
      'BTXH',
      'BTXH-6D',
      '2026-01',
    );
    ownAccount(a.personId);
    const id = await buildOne('2026-11');
    const review = await core.ok('payroll.review', { payrollId: id });
    expect(review.byMethod.map((r) => [r.key, r.count, r.amountVnd])).toEqual([
      ['CASH_WARD', 1, 1_000_000],
      ['OWN_ACCOUNT', 1, 500_000],
    ]);
    expect(review.byNeighbourhood.map((r) => [r.label, r.amountVnd])).toEqual([
      ['Khu phố 1', 500_000],
      ['Khu phố 2', 1_000_000],
    ]);
    expect(review.byMethod.reduce((s, r) => s + r.amountVnd, 0)).toBe(review.payroll.totalVnd);
    expect(review.monthPayrolls.map((p) => p.programme)).toEqual(['BTXH']);
    const found = await core.ok('payroll.lines', { payrollId: id, text: 'dang' });
    expect(found.rows.map((r) => r.fullName)).toEqual(['Đặng Thị Hai']);
    const on = await core.ok('payroll.lines', { payrollId: id, text: 'nguyen van on' });
    expect(on.rows[0]).toMatchObject({
      citizenId: expect.not.stringContaining('0400012'),
      accountNumber: expect.not.stringContaining('98765'),
    });
    // Issue 12: the masked ID and account match only as whole values (fragments cannot rebuild them), and a
    // search by a whole ID is on record; the neighbourhood's digits still match.
    const lines = async (text: string) =>
      (await core.ok('payroll.lines', { payrollId: id, text })).rows.map((r) => r.fullName);
    for (const text of ['1234', '0600400', '040001', '98765', '0009876543'])
      expect(await lines(text), text).toEqual([]);
    expect(await lines('060040001234')).toEqual(['Nguyễn Văn Ơn']);
    expect(await lines('0009876543210')).toEqual(['Nguyễn Văn Ơn']);
    expect(await lines('pho 2')).toEqual(['Đặng Thị Hai']);
    const audited = core
      .store!.sqlite.prepare("SELECT detail_json FROM audit_log WHERE action = 'sensitive.searchId'")
      .pluck()
      .all() as string[];
    expect(audited.map((d) => JSON.parse(d))).toEqual([{ list: 'payroll.lines', ids: ['060•••••1234'], matched: 1 }]);
  });
});
