import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TodoList } from '@shared/api/todo';
import type { WriteResult } from '@shared/api/register';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pdfText, savePdf } from '../support/pdf';
import { tempDir } from '../support/temp';
import { confirmationOf, submitAndApprove, submitPayroll } from '../support/payroll-review';
import { decideCarryOver, recordAttempt } from '../../main/services/payroll/attempts';
import { enrollNew, person, testCore, type TestCore } from '../support/register';

// Approval as a workflow (issue 14), on real SQLite files: submit (rebuilt and frozen), return with a
// comment, resubmit, approve only with a matching confirmation, refused while its inputs changed after
// submission; roles checked by main; and the to-do list's counts following each step.

let cleanup: () => void;
let core: TestCore;
let dir: string;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  core = testCore(dir);
});
afterEach(() => {
  core.close();
  cleanup();
});

const NOW = '2026-11-15T09:00:00+07:00';
const db = () => core.store!.sqlite;

async function enroll(
  fullName: string,
  effectiveMonth = '2026-01',
  group = 'BTXH-5C',
  birthDate = '1940',
): Promise<WriteResult> {
  core.setNow(`${effectiveMonth}-15T09:00:00+07:00`);
  try {
    return await core.ok('register.enroll', enrollNew({ fullName, birthDate }, 'BTXH', group, effectiveMonth));
  } finally {
    core.setNow(NOW);
  }
}
async function build(month = '2026-11'): Promise<number> {
  const r = await core.job('payroll.build', { month, programmes: ['BTXH'] });
  return r.payrolls[0]!.id;
}
const get = (payrollId: number) => core.ok('payroll.get', { payrollId });
const todo = () => core.ok('todo.list', {});
const counts = (t: TodoList) => Object.fromEntries(t.items.map((i) => [i.key, i.count]));
const audits = (action: string) =>
  db().prepare('SELECT user_name, detail_json FROM audit_log WHERE action = ? ORDER BY id').all(action) as Array<{
    user_name: string;
    detail_json: string;
  }>;

describe('payroll review workflow', () => {
  it('submit → return with a comment → rebuild and resubmit → approve with the confirmed figures; roles refused by main', async () => {
    await enroll('Nguyễn Văn Một');
    // Born 2008, group 2 (children) in a band that ends: an attention line for the approver to read.
    await enroll('Trần Thị Hai');
    const id = await build();
    expect(await get(id)).toMatchObject({ review: 'draft', status: 'draft', submittedAt: null, returnComment: null });

    // The officer sees the draft to submit; the approver has nothing yet.
    expect(counts(await todo())['payrolls.toSubmit']).toBe(1);
    core.as('approver');
    expect((await todo()).payrolls).toEqual([]);

    // Only a submitted payroll is approved; only the officer submits.
    const early = await core.fail('payroll.approve', {
      payrollId: id,
      confirm: { month: '2026-11', programme: 'BTXH', lineCount: 2, totalVnd: 1_000_000 },
    });
    expect(early).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('chưa được trình') });
    expect((await core.fail('payroll.submit', { payrollId: id })).code).toBe('FORBIDDEN');
    core.as('accountant');
    expect((await core.fail('payroll.submit', { payrollId: id })).code).toBe('FORBIDDEN');
    expect((await core.fail('payroll.return', { payrollId: id, comment: 'x' })).code).toBe('FORBIDDEN');

    const submitted = await submitPayroll(core, id);
    expect(submitted).toMatchObject({
      review: 'submitted',
      submittedBy: 'Trần Thị Hường',
      lineCount: 2,
      totalVnd: 1_000_000,
    });
    expect(audits('payroll.submit')).toEqual([
      {
        user_name: 'canbo',
        detail_json: JSON.stringify({ month: '2026-11', programme: 'BTXH', lines: 2, totalVnd: 1_000_000 }),
      },
    ]);
    // The fingerprint: the submission's own audit entry.
    const seq = db().prepare('SELECT submitted_audit_seq FROM payrolls WHERE id = ?').pluck().get(id);
    expect(seq).toBe(db().prepare("SELECT MAX(id) FROM audit_log WHERE action = 'payroll.submit'").pluck().get());
    expect((await core.fail('payroll.submit', { payrollId: id })).message).toContain('đã được trình');
    // The officer cannot approve or return.
    expect((await core.fail('payroll.approve', { payrollId: id, confirm: confirmationOf(submitted) })).code).toBe(
      'FORBIDDEN',
    );
    expect((await core.fail('payroll.return', { payrollId: id, comment: 'x' })).code).toBe('FORBIDDEN');
    expect(counts(await todo())['payrolls.toSubmit']).toBeUndefined();

    // The approver's to-do: the waiting payroll.
    core.as('approver');
    const waiting = await todo();
    expect(waiting.payrolls.map((p) => [p.id, p.review, p.lineCount, p.totalVnd])).toEqual([
      [id, 'submitted', 2, 1_000_000],
    ]);
    expect(await core.ok('payroll.reviewChanges', { payrollId: id })).toEqual({
      stale: false,
      people: [],
      general: [],
      message: '',
    });

    // Return: a comment is required; the officer then sees it.
    expect((await core.fail('payroll.return', { payrollId: id, comment: '   ' })).code).toBe('INVALID_INPUT');
    const returned = await core.ok('payroll.return', { payrollId: id, comment: 'Kiểm tra lại tài khoản của bà Hai.' });
    expect(returned).toMatchObject({
      review: 'returned',
      returnComment: 'Kiểm tra lại tài khoản của bà Hai.',
      returnedBy: 'Nguyễn Văn Duyệt',
    });
    expect(JSON.parse(audits('payroll.return')[0]!.detail_json)).toMatchObject({
      comment: 'Kiểm tra lại tài khoản của bà Hai.',
      lines: 2,
    });
    expect((await todo()).payrolls).toEqual([]);
    expect(
      (await core.fail('payroll.approve', { payrollId: id, confirm: confirmationOf(submitted) })).message,
    ).toContain('trả lại');
    core.as('officer');
    const officerTodo = await todo();
    expect(officerTodo.payrolls).toMatchObject([
      { id, review: 'returned', returnComment: 'Kiểm tra lại tài khoản của bà Hai.', returnedBy: 'Nguyễn Văn Duyệt' },
    ]);

    // The officer fixes the register and rebuilds: back to draft, the comment still shown.
    const hai = db().prepare("SELECT id FROM people WHERE full_name = 'Trần Thị Hai'").pluck().get() as number;
    await core.ok('people.update', {
      id: hai,
      person: person({ fullName: 'Trần Thị Hai', birthDate: '1941', gender: 'female' }),
    });
    await build();
    expect(await get(id)).toMatchObject({ review: 'draft', returnComment: 'Kiểm tra lại tài khoản của bà Hai.' });
    const again = await submitPayroll(core, id);
    expect(again.review).toBe('submitted');

    core.as('approver');
    // A stale screen (other figures) cannot approve.
    const wrong = await core.fail('payroll.approve', {
      payrollId: id,
      confirm: { ...confirmationOf(again), totalVnd: again.totalVnd + 1 },
    });
    expect(wrong).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('không khớp') });
    const wrongMonth = await core.fail('payroll.approve', {
      payrollId: id,
      confirm: { ...confirmationOf(again), month: '2026-10' },
    });
    expect(wrongMonth.code).toBe('CONFLICT');
    expect(await get(id)).toMatchObject({ status: 'draft', review: 'submitted' });
    const approved = await core.ok('payroll.approve', { payrollId: id, confirm: confirmationOf(again) });
    expect(approved).toMatchObject({ status: 'approved', review: 'approved', approvedBy: 'Nguyễn Văn Duyệt' });
    expect((await todo()).payrolls).toEqual([]);
    // Approved: no resubmission, no return.
    expect((await core.fail('payroll.return', { payrollId: id, comment: 'x' })).code).toBe('CONFLICT');
    core.as('officer');
    expect((await core.fail('payroll.submit', { payrollId: id })).code).toBe('CONFLICT');
  });

  it('a register change after submission blocks approval, naming who changed, until rebuilt and resubmitted', async () => {
    const mot = await enroll('Nguyễn Văn Một');
    await enroll('Lê Văn Ba');
    const id = await build();
    await submitPayroll(core, id);

    // Something that cannot change the payroll (a print, a sign-in) does not block it.
    core.as('approver');
    expect((await core.ok('payroll.reviewChanges', { payrollId: id })).stale).toBe(false);

    core.as('officer');
    await core.ok('people.update', {
      id: mot.personId,
      person: person({ fullName: 'Nguyễn Văn Một', birthDate: '1939' }),
    });
    await enroll('Phạm Văn Mới', '2026-11');
    core.as('approver');
    const changes = await core.ok('payroll.reviewChanges', { payrollId: id });
    expect(changes.stale).toBe(true);
    expect(changes.people.map((p) => [p.fullName, p.actions])).toEqual([
      ['Nguyễn Văn Một', ['Sửa hồ sơ']],
      ['Phạm Văn Mới', ['Thêm hồ sơ', 'Quyết định hưởng', 'Bắt đầu hưởng chế độ']],
    ]);
    expect(changes.message).toMatch(/^2 người thay đổi sau khi trình: Nguyễn Văn Một \(sửa hồ sơ\); Phạm Văn Mới/);
    const p = await get(id);
    const refused = await core.fail('payroll.approve', { payrollId: id, confirm: confirmationOf(p) });
    expect(refused).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('2 người thay đổi sau khi trình'),
    });
    expect(await get(id)).toMatchObject({ status: 'draft', review: 'submitted' });

    // Rebuilt and resubmitted: the new person is in, and it is approved.
    core.as('officer');
    const again = await submitPayroll(core, id);
    expect(again.lineCount).toBe(3);
    core.as('approver');
    expect((await core.ok('payroll.reviewChanges', { payrollId: id })).stale).toBe(false);
    expect((await core.ok('payroll.approve', { payrollId: id, confirm: confirmationOf(again) })).status).toBe(
      'approved',
    );
  });

  it('a rebuild of a submitted payroll withdraws the submission; a draft PDF prints BẢN DỰ THẢO', async () => {
    await enroll('Nguyễn Văn Một');
    const id = await build();
    await submitPayroll(core, id);
    await build();
    expect((await get(id)).review).toBe('draft');
    const pdf = await core.ok('payroll.draftPdf', { payrollId: id });
    expect(pdf.fileName).toBe('ban-du-thao-chi-tra-2026-11-btxh.pdf');
    const text = pdfText(savePdf(dir, 'du-thao.pdf', Buffer.from(pdf.contentBase64, 'base64')));
    expect(text).toContain('BẢN DỰ THẢO');
    expect(text).toContain('500.000');
    expect(audits('payroll.draftPdf')).toHaveLength(1);
  });
});

describe('to-do counts', () => {
  it('lines not collected wait for the officer’s decision on the to-do list until decided', async () => {
    await enroll('Nguyễn Văn Một');
    const id = await build();
    await submitAndApprove(core, id);
    const line = db().prepare('SELECT id FROM payroll_lines WHERE payroll_id = ?').pluck().get(id) as number;
    core.store!.transaction(() => recordAttempt(core.store!, line, 'not_collected', '2026-11-20T10:00:00.000Z'));
    const item = (await todo()).items.find((i) => i.key === 'results.undecided');
    expect(item).toMatchObject({
      count: 1,
      path: `/chi-tra/bang/${id}`,
      detail: 'Trợ cấp xã hội hằng tháng tháng 11/2026: 1 dòng',
    });
    core.as('approver');
    expect((await todo()).items.find((i) => i.key === 'results.undecided')).toBeUndefined();
    core.as('officer');
    core.store!.transaction(() => decideCarryOver(core.store!, line, 'carried_over'));
    expect((await todo()).items.find((i) => i.key === 'results.undecided')).toBeUndefined();
  });

  it('authorizations expired long ago but still in use are listed (all of them), and the approver sees those to certify', async () => {
    const a = await enroll('Nguyễn Văn Xa');
    const b = await enroll('Trần Thị Gần');
    const at = '2024-01-01T00:00:00Z';
    const receiver = Number(
      db()
        .prepare(
          "INSERT INTO people (full_name, given_name, search_key, sort_key, created_at, updated_at) VALUES ('Trần Thị Nhận', 'Nhận', 'tran thi nhan', 'nhan', ?, ?)",
        )
        .run(at, at).lastInsertRowid,
    );
    const account = Number(
      db()
        .prepare(
          "INSERT INTO bank_accounts (owner_person_id, bank_code, account_number, holder_name, created_at) VALUES (?, 'AGRIBANK', '0001234567890', 'TRAN THI NHAN', ?)",
        )
        .run(receiver, at).lastInsertRowid,
    );
    const authorize = (giver: number, from: string, to: string, certified: string | null) => {
      const auth = Number(
        db()
          .prepare(
            "INSERT INTO authorizations (giver_person_id, receiver_person_id, relationship, bank_account_id, valid_from, valid_to, certified_date, created_at) VALUES (?, ?, 'Con', ?, ?, ?, ?, ?)",
          )
          .run(giver, receiver, account, from, to, certified, at).lastInsertRowid,
      );
      db()
        .prepare(
          "INSERT INTO payout_methods (person_id, effective_from, method, bank_account_id, authorization_id, created_at) VALUES (?, ?, 'AUTHORIZED_ACCOUNT', ?, ?, ?)",
        )
        .run(giver, from.slice(0, 7), account, auth, at);
    };
    // Expired 22 months ago, still the method in force: listed (it was not, past one year).
    authorize(a.personId, '2024-01-01', '2024-12-31', '2024-01-05');
    // Valid, not certified: the approver's.
    authorize(b.personId, '2026-06-01', '2027-05-31', null);

    const officer = await todo();
    expect(counts(officer)).toMatchObject({ 'authorizations.expired': 1 });
    expect(officer.items.find((i) => i.key === 'authorizations.expired')).toMatchObject({
      path: '/so-doi-tuong/uy-quyen',
      detail: 'Nguyễn Văn Xa (đến 31/12/2024)',
    });
    expect(counts(officer)['authorizations.uncertified']).toBeUndefined();
    core.as('approver');
    expect(counts(await todo())).toMatchObject({ 'authorizations.uncertified': 1 });

    // Counts follow the writes: certified, the item is gone.
    const authId = db()
      .prepare('SELECT id FROM authorizations WHERE giver_person_id = ?')
      .pluck()
      .get(b.personId) as number;
    await core.ok('authorizations.certify', { id: authId, certifiedDate: '15/11/2026', certifiedBy: 'UBND phường' });
    expect(counts(await todo())['authorizations.uncertified']).toBeUndefined();
  });

  it("the admin is told when no backup was copied to a USB stick for 7 days; the officer sees next month's changes", async () => {
    core.as('admin');
    expect((await todo()).items.map((i) => [i.key, i.label, i.detail])).toEqual([
      ['backup.notCopied', 'Chưa chép bản sao lưu ra USB trong 7 ngày', 'Chưa từng chép bản sao lưu ra USB.'],
    ]);
    const usb = join(dir, 'usb');
    mkdirSync(usb);
    await core.job('backup.create', { folder: usb });
    expect((await todo()).items).toEqual([]);
    core.setNow('2026-11-23T09:00:00+07:00');
    expect((await todo()).items.map((i) => [i.key, i.detail])).toEqual([
      ['backup.notCopied', 'Lần chép gần nhất: 15/11/2026.'],
    ]);
    core.setNow(NOW);

    core.as('officer');
    await enroll('Nguyễn Văn Một');
    await enroll('Đỗ Văn Sau', '2026-12');
    expect(counts(await todo())).toMatchObject({ 'nextMonth.changes': 1 });
  });
});
