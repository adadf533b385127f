import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../main/services/audit';
import { eachTestCore, enrollNew, type TestCore } from '../support/register';
import { submitAndApprove } from '../support/payroll-review';

// Undoing a move away entered by mistake, the same day (issue 16's gap: a recorded transfer could not be
// undone), through the app core on a real SQLite file: the move date cleared, each stopped entitlement
// reopened with a reversing decision, a transfer recorded with it removed, and money exactly as before.
// Refused, saying why and changing nothing, the next day or once the signed transfer files were written.

let core: TestCore;
eachTestCore((fresh) => ({ core } = fresh));

const db = () => core.store!.sqlite;
const at = (month: string, day = '15', time = '09:00:00') => `${month}-${day}T${time}+07:00`;
const TABLES = ['people', 'decisions', 'entitlements', 'person_transfers'];
/** What the register shows of a person (the month it was computed for aside). */
const SUMMARY = 'SELECT person_id, status, programmes, group_codes, method, monthly_vnd FROM register_summary';
const snapshot = (): Record<string, unknown[]> => ({
  ...Object.fromEntries(TABLES.map((t) => [t, db().prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()])),
  register_summary: db().prepare(`${SUMMARY} ORDER BY person_id`).all(),
});
const lastAudit = () => db().prepare('SELECT MAX(id) FROM audit_log').pluck().get() as number;
const auditActions = (after: number) =>
  db().prepare('SELECT action FROM audit_log WHERE id > ? ORDER BY id').pluck().all(after) as string[];
const decision = { number: '45/QĐ-UBND', signedDate: '06/10/2026', signer: 'Nguyễn Văn Chủ', reason: '' };
const transfer = (personId: number) => ({
  personId,
  movedDate: '05/09/2026',
  toUnit: 'Phường Phú Thủy',
  decision,
});

/** A person paid June to September (approved), then the register's state on 15/10/2026 before any move. */
async function paidPerson(): Promise<number> {
  core.setNow(at('2026-06'));
  const { personId } = await core.ok(
    'register.enroll',
    enrollNew({ fullName: 'Nguyễn Văn Ơn', birthDate: '1950' }, 'BTXH', 'BTXH-6A', '2026-06'),
  );
  for (const month of ['2026-06', '2026-07', '2026-08', '2026-09']) {
    core.setNow(at(month));
    const built = await core.job('payroll.build', { month, programmes: ['BTXH'] });
    await submitAndApprove(core, built.payrolls[0]!.id);
  }
  core.setNow(at('2026-10'));
  return personId;
}

describe('undo a move away recorded today', () => {
  it('Chuyển đi: the move cleared, entitlements reopened with a reversing decision, owed exactly as before', async () => {
    const personId = await paidPerson();
    const ledgerBefore = await core.ok('ledger.person', { personId });
    const entBefore = db().prepare('SELECT id, end_month FROM entitlements WHERE person_id = ?').all(personId);
    const summaryBefore = db().prepare(`${SUMMARY} WHERE person_id = ?`).get(personId) as { monthly_vnd: number };
    expect(summaryBefore.monthly_vnd).toBeGreaterThan(0);

    await core.ok('register.moveAway', { personId, movedDate: '05/08/2026', decision });
    // The move found September paid too much: the ledger shows it.
    expect((await core.ok('ledger.person', { personId })).overpayments.length).toBeGreaterThan(0);
    const person = await core.ok('people.get', { id: personId });
    expect(person.moveAwayUndoable).toBe(true);
    expect(person.deathUndoable).toBeUndefined();

    core.setNow(at('2026-10', '15', '16:00:00'));
    const check = await core.ok('undo.moveAwayCheck', { personId });
    expect(check).toMatchObject({ blockers: [], what: 'Hoàn tác việc ghi Nguyễn Văn Ơn chuyển đi (ngày 05/08/2026)' });
    expect(check.details[0]).toContain('mở lại 1 chế độ');
    core.as('accountant');
    expect((await core.fail('undo.moveAway', { personId })).code).toBe('FORBIDDEN');
    core.as('officer');
    const mark = lastAudit();
    const done = await core.ok('undo.moveAway', { personId });
    expect(done.message).toBe('Đã hoàn tác việc ghi Nguyễn Văn Ơn chuyển đi: hồ sơ trở lại như trước.');

    expect(db().prepare('SELECT moved_away_date FROM people WHERE id = ?').pluck().get(personId)).toBeNull();
    expect(db().prepare('SELECT id, end_month FROM entitlements WHERE person_id = ?').all(personId)).toEqual(entBefore);
    expect(db().prepare(`${SUMMARY} WHERE person_id = ?`).get(personId)).toEqual(summaryBefore);
    const kinds = db()
      .prepare('SELECT kind, reverses_decision_id FROM decisions WHERE person_id = ? ORDER BY id')
      .all(personId) as Array<{ kind: string; reverses_decision_id: number | null }>;
    expect(kinds.map((d) => d.kind)).toEqual(['grant', 'stop', 'resume']);
    expect(kinds[2]!.reverses_decision_id).not.toBeNull();
    expect(auditActions(mark)).toEqual(['person.moveAway.undo', 'entitlement.stop.undo']);
    expect(verifyAuditChain(core.store!).ok).toBe(true);
    expect(await core.ok('ledger.person', { personId })).toEqual(ledgerBefore);
    // October is paid as if the move had never been entered.
    const oct = await core.job('payroll.build', { month: '2026-10', programmes: ['BTXH'] });
    expect(
      db()
        .prepare('SELECT kind, amount_vnd FROM payroll_lines WHERE payroll_id = ? AND person_id = ?')
        .all(oct.payrolls[0]!.id, personId),
    ).toEqual([{ kind: 'regular', amount_vnd: summaryBefore.monthly_vnd }]);
    expect((await core.fail('undo.moveAway', { personId })).message).toContain('không có việc chuyển đi');
  });

  it('Chuyển hồ sơ đi: the transfer is removed with the move, and can be recorded again rightly', async () => {
    const personId = await paidPerson();
    const before = snapshot();
    await core.ok('personFile.recordTransfer', transfer(personId));
    expect(db().prepare('SELECT COUNT(*) FROM person_transfers').pluck().get()).toBe(1);
    const check = await core.ok('undo.moveAwayCheck', { personId });
    expect(check.blockers).toEqual([]);
    expect(check.details).toContain('Bỏ ghi chuyển hồ sơ đến Phường Phú Thủy.');
    const mark = lastAudit();
    await core.ok('undo.moveAway', { personId });
    expect(auditActions(mark)).toEqual([
      'person.moveAway.undo',
      'entitlement.stop.undo',
      'personFile.transferOut.undo',
    ]);
    const after = snapshot();
    // Nothing left of the transfer or the move; the stop and its reversal stay in the decisions.
    expect(after.person_transfers).toEqual([]);
    expect(after.entitlements).toEqual(before.entitlements);
    expect(after.register_summary).toEqual(before.register_summary);
    expect(after.decisions).toHaveLength(before.decisions!.length + 2);
    // The right ward this time.
    await core.ok('personFile.recordTransfer', { ...transfer(personId), toUnit: 'Xã Tiến Lợi' });
    expect(db().prepare('SELECT other_unit FROM person_transfers').pluck().all()).toEqual(['Xã Tiến Lợi']);
  });

  it('is refused the next day, and once the signed transfer files were written; nothing changes', async () => {
    const personId = await paidPerson();
    await core.ok('personFile.recordTransfer', transfer(personId));
    await core.job('personFile.transferFiles', { personId, passphrase: 'mật khẩu đủ dài 2026' });
    let check = await core.ok('undo.moveAwayCheck', { personId });
    expect(check.blockers).toEqual([
      'Đã xuất tệp chuyển hồ sơ có chữ ký số: tệp có thể đã gửi đến nơi nhận. Hãy sửa bằng quyết định và báo nơi nhận.',
    ]);
    core.setNow(at('2026-10', '16'));
    expect((await core.ok('people.get', { id: personId })).moveAwayUndoable).toBe(false);
    check = await core.ok('undo.moveAwayCheck', { personId });
    expect(check.blockers[0]).toBe(
      'Chỉ hoàn tác được trong ngày ghi: việc chuyển đi này ghi ngày 15/10/2026. Hãy sửa bằng quyết định.',
    );
    const before = snapshot();
    const mark = lastAudit();
    const e = await core.fail('undo.moveAway', { personId });
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toContain('Không hoàn tác được việc chuyển đi của Nguyễn Văn Ơn');
    expect(snapshot()).toEqual(before);
    expect(auditActions(mark)).toEqual([]);
  });
});
