import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../main/services/audit';
import { payoutInForce } from '../../main/services/payout/in-force';
import type { ImportResult } from '@shared/api/import';
import { decision, eachTestCore, enrollNew, type TestCore } from '../support/register';
import { submitAndApprove } from '../support/payroll-review';
import type { ProgrammeCode } from '@shared/api/register';

// Undo where a mistake is common (issue 15), through the app core on real SQLite files: reverting a whole
// import while nothing depends on it, undoing a death entry or a payout-method change recorded today as
// a new audited correction. Each is refused, with the reason in words and nothing changed, when
// something depends on it; money (the ledger's owed) returns exactly to the state before.

const SAMPLE = readFileSync(join(__dirname, '..', 'fixtures', 'so-doi-tuong-phuong-mau.xlsx'));

let core: TestCore;
eachTestCore((fresh) => ({ core } = fresh));

const db = () => core.store!.sqlite;
const at = (month: string, day = '15', time = '09:00:00') => `${month}-${day}T${time}+07:00`;
const count = (table: string, where = '1') =>
  db().prepare(`SELECT COUNT(*) FROM ${table} WHERE ${where}`).pluck().get() as number;
const TABLES = [
  'people',
  'decisions',
  'entitlements',
  'entitlement_terms',
  'term_components',
  'payout_methods',
  'bank_accounts',
  'authorizations',
  'one_off_items',
  'register_summary',
];
const snapshot = () => Object.fromEntries(TABLES.map((t) => [t, count(t)]));
const auditActions = (after: number) =>
  db().prepare('SELECT action FROM audit_log WHERE id > ? ORDER BY id').pluck().all(after) as string[];
const lastAudit = () => db().prepare('SELECT MAX(id) FROM audit_log').pluck().get() as number;

async function importSample(): Promise<ImportResult> {
  const a = await core.ok('import.analyze', {
    fileName: 'so-doi-tuong.xlsx',
    contentBase64: SAMPLE.toString('base64'),
  });
  // The officer's explicit choice for the sample's authorizations, which carry no term (issue 14).
  return core.job('import.commit', { token: a.token, config: { ...a.config, authorizationTerm: { kind: 'default' } } });
}
async function buildApprove(month: string, programme: ProgrammeCode = 'BTXH', approve = true): Promise<number> {
  core.setNow(at(month));
  const r = await core.job('payroll.build', { month, programmes: [programme] });
  const id = r.payrolls.find((p) => p.programme === programme)!.id;
  if (approve) await submitAndApprove(core, id);
  return id;
}
/** Every open money figure of the register for a month: arrears, overpayments, held (the ledger's list). */
const ledgerTotals = async (month: string) => (await core.ok('ledger.arrearsList', { month })).totals;

describe('revert a whole import', () => {
  it('removes exactly what the import created, in one audited transaction; the file can be imported again', async () => {
    core.setNow(at('2026-10'));
    const before = snapshot();
    const result = await importSample();
    expect(result.addedPeople).toBeGreaterThan(400);
    const history = await core.ok('undo.importHistory', {});
    expect(history).toEqual([
      expect.objectContaining({ id: result.importId, added: result.addedPeople, revertedAt: null }),
    ]);
    expect(count('people', `import_id = ${result.importId}`)).toBe(result.addedPeople + result.addedReceivers);

    const check = await core.ok('undo.importCheck', { importId: result.importId });
    expect(check.blockers).toEqual([]);
    expect(check.what).toContain('so-doi-tuong.xlsx');
    expect(check.details[0]).toContain(`${result.addedReceivers} người nhận thay`);

    // Only the officer: main refuses another role.
    core.as('accountant');
    expect((await core.fail('undo.importRevert', { importId: result.importId })).code).toBe('FORBIDDEN');
    core.as('officer');

    const mark = lastAudit();
    const done = await core.ok('undo.importRevert', { importId: result.importId });
    expect(done.message).toContain(`đã xoá ${result.addedPeople + result.addedReceivers} người`);
    expect(snapshot()).toEqual(before);
    expect(auditActions(mark)).toEqual(['import.revert']);
    expect(verifyAuditChain(core.store!).ok).toBe(true);
    expect((await core.ok('undo.importHistory', {}))[0]).toMatchObject({ revertedBy: 'Trần Thị Hường' });
    // Nobody is found any more; a second revert is refused; the same file imports again in full.
    expect((await core.ok('people.search', { text: '', limit: 10, offset: 0 })).total).toBe(0);
    expect((await core.fail('undo.importRevert', { importId: result.importId })).message).toContain('đã được hoàn tác');
    const again = await importSample();
    expect(again.addedPeople).toBe(result.addedPeople);
  });

  it('is refused, saying why, once a payroll, a later decision or a certified authorization depends on it; nothing changes', async () => {
    core.setNow(at('2026-10'));
    const result = await importSample();
    const entitlementId = db()
      .prepare(
        `SELECT e.id FROM entitlements e JOIN people p ON p.id = e.person_id WHERE p.import_id = ? AND e.programme_code = 'BTXH' ORDER BY e.id LIMIT 1`,
      )
      .pluck()
      .get(result.importId) as number;
    // A later decision on one imported person.
    await core.ok('register.decide', {
      entitlementId,
      kind: 'suspend',
      decision: decision('2026-11', { reason: 'Đi vắng' }),
    });
    // A certified authorization among the imported ones.
    db()
      .prepare(
        "UPDATE authorizations SET certified_date = '2026-10-15', certified_by = 'Chủ tịch' WHERE id = (SELECT MIN(a.id) FROM authorizations a JOIN people p ON p.id = a.giver_person_id WHERE p.import_id = ?)",
      )
      .run(result.importId);
    // A draft payroll holding them.
    await buildApprove('2026-10', 'BTXH', false);
    const check = await core.ok('undo.importCheck', { importId: result.importId });
    expect(check.blockers.join(' ')).toContain('đã có trong bảng chi trả tháng 10/2026');
    expect(check.blockers.join(' ')).toContain('quyết định ghi sau khi nhập');
    expect(check.blockers.join(' ')).toContain('giấy ủy quyền đã được chứng thực');
    const before = snapshot();
    const mark = lastAudit();
    const e = await core.fail('undo.importRevert', { importId: result.importId });
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toContain('Không hoàn tác được lần nhập tệp');
    expect(snapshot()).toEqual(before);
    expect(auditActions(mark)).toEqual([]);
  });

  it('leaves the money of the rest of the register exactly as before', async () => {
    core.setNow(at('2026-09'));
    const other = await core.ok(
      'register.enroll',
      enrollNew({ fullName: 'Trần Văn Có', birthDate: '1936' }, 'BTXH', 'BTXH-5C', '2026-09'),
    );
    await buildApprove('2026-09');
    core.setNow(at('2026-10'));
    const owedBefore = await ledgerTotals('2026-10');
    const personBefore = await core.ok('ledger.person', { personId: other.personId });
    const result = await importSample();
    await core.ok('undo.importRevert', { importId: result.importId });
    expect(await ledgerTotals('2026-10')).toEqual(owedBefore);
    expect(await core.ok('ledger.person', { personId: other.personId })).toEqual(personBefore);
  });
});

describe('undo a death entry recorded today', () => {
  const death = (personId: number) => ({
    personId,
    deathDate: '20/07/2026',
    decision: { number: '3/QĐ', signedDate: '01/10/2026', signer: 'Chủ tịch', reason: '' },
    funeral: { payeeName: 'Lê Thị Hoa', multiplier: 20 as const },
  });

  it('is a correction: death cleared, entitlements reopened with a reversing decision, funeral withdrawn; owed is exactly as before', async () => {
    core.setNow(at('2026-06'));
    const { personId } = await core.ok(
      'register.enroll',
      enrollNew({ fullName: 'Lê Văn Nặng', birthDate: '1970' }, 'BTXH', 'BTXH-6A', '2026-06'),
    );
    for (const m of ['2026-06', '2026-07', '2026-08', '2026-09']) await buildApprove(m);
    core.setNow(at('2026-10', '15', '09:00:00'));
    const ledgerBefore = await core.ok('ledger.person', { personId });
    const totalsBefore = await ledgerTotals('2026-10');
    const entBefore = db().prepare('SELECT id, end_month FROM entitlements WHERE person_id = ?').all(personId);
    const summaryOf = () =>
      db()
        .prepare(
          'SELECT status, programmes, group_codes, method, monthly_vnd FROM register_summary WHERE person_id = ?',
        )
        .get(personId);
    const summaryBefore = summaryOf();

    await core.ok('register.recordDeath', death(personId));
    const ledgerDead = await core.ok('ledger.person', { personId });
    expect(ledgerDead.overpayments.reduce((s, o) => s + o.amountVnd, 0)).toBeGreaterThan(0);
    const augustChanges = async () =>
      (await core.job('reports.overview', { month: '2026-08' })).changes.lines
        .filter((l) => l.personId === personId)
        .map((l) => l.kind);
    core.as('accountant');
    expect(await augustChanges()).toEqual(['stopped_death']);
    core.as('officer');

    core.setNow(at('2026-10', '15', '16:30:00'));
    const check = await core.ok('undo.deathCheck', { personId });
    expect(check).toMatchObject({ blockers: [] });
    expect(check.what).toBe('Hoàn tác báo tử của Lê Văn Nặng (ngày mất 20/07/2026)');
    expect(check.details.join(' ')).toContain('Huỷ khoản hỗ trợ mai táng');
    core.as('accountant');
    expect((await core.fail('undo.death', { personId })).code).toBe('FORBIDDEN');
    core.as('officer');
    const mark = lastAudit();
    await core.ok('undo.death', { personId });

    expect(db().prepare('SELECT death_date FROM people WHERE id = ?').pluck().get(personId)).toBeNull();
    expect(db().prepare('SELECT id, end_month FROM entitlements WHERE person_id = ?').all(personId)).toEqual(entBefore);
    expect(summaryOf()).toEqual(summaryBefore);
    // History: the stop and its reversal both stay.
    const decisions = db()
      .prepare('SELECT id, kind, reverses_decision_id FROM decisions WHERE person_id = ? ORDER BY id')
      .all(personId) as Array<{ id: number; kind: string; reverses_decision_id: number | null }>;
    expect(decisions.map((d) => d.kind)).toEqual(['grant', 'stop', 'resume']);
    expect(decisions[2]!.reverses_decision_id).toBe(decisions[1]!.id);
    expect(count('one_off_items', `person_id = ${personId} AND kind = 'funeral' AND superseded = 1`)).toBe(1);
    expect(auditActions(mark)).toEqual(['person.death.undo', 'entitlement.stop.undo', 'funeral.withdraw']);
    // Money: exactly as before the entry.
    expect(await core.ok('ledger.person', { personId })).toEqual(ledgerBefore);
    expect(await ledgerTotals('2026-10')).toEqual(totalsBefore);
    // The next build pays October as if the death had never been entered, and no funeral line.
    const oct = await buildApprove('2026-10', 'BTXH', false);
    expect(
      db()
        .prepare('SELECT kind, amount_vnd FROM payroll_lines WHERE payroll_id = ? AND person_id = ?')
        .all(oct, personId),
    ).toEqual([{ kind: 'regular', amount_vnd: 1_000_000 }]);
    // Reports: the stop and its reversal are no change.
    core.as('accountant');
    expect(await augustChanges()).toEqual([]);
    core.as('officer');
    expect((await core.fail('undo.death', { personId })).message).toContain('không có báo tử');
  });

  it('is refused the next day, and once the funeral support is in a payroll; nothing changes', async () => {
    core.setNow(at('2026-06'));
    const { personId } = await core.ok(
      'register.enroll',
      enrollNew({ fullName: 'Lê Văn Nặng', birthDate: '1970' }, 'BTXH', 'BTXH-6A', '2026-06'),
    );
    core.setNow(at('2026-10'));
    await core.ok('register.recordDeath', death(personId));
    await buildApprove('2026-10', 'BTXH', false);
    core.setNow(at('2026-10'));
    let check = await core.ok('undo.deathCheck', { personId });
    expect(check.blockers).toEqual([
      expect.stringContaining('Khoản hỗ trợ mai táng đã vào bảng chi trả tháng 10/2026'),
    ]);
    expect((await core.ok('people.get', { id: personId })).deathUndoable).toBe(true);
    core.setNow(at('2026-10', '16'));
    expect((await core.ok('people.get', { id: personId })).deathUndoable).toBe(false);
    check = await core.ok('undo.deathCheck', { personId });
    expect(check.blockers[0]).toBe(
      'Chỉ hoàn tác được trong ngày ghi: báo tử này ghi ngày 15/10/2026. Hãy sửa bằng quyết định.',
    );
    const before = snapshot();
    const mark = lastAudit();
    expect((await core.fail('undo.death', { personId })).code).toBe('CONFLICT');
    expect(snapshot()).toEqual(before);
    expect(auditActions(mark)).toEqual([]);
    expect(db().prepare('SELECT death_date FROM people WHERE id = ?').pluck().get(personId)).toBe('2026-07-20');
  });
});

describe('undo a payout-method change recorded today', () => {
  async function enrolled(): Promise<number> {
    core.setNow(at('2026-01'));
    const { personId } = await core.ok(
      'register.enroll',
      enrollNew({ fullName: 'Nguyễn Văn Ơn', birthDate: '1940' }, 'BTXH', 'BTXH-5C', '2026-01'),
    );
    core.setNow(at('2026-11'));
    await core.ok('payout.change', { personId, method: 'POST_OFFICE', effectiveMonth: '2026-03', note: '' });
    return personId;
  }
  const methods = (personId: number) =>
    ['2026-02', '2026-03', '2026-11', '2026-12', '2027-05'].map(
      (m) => payoutInForce(core.store!, personId, 'BTXH', m).method,
    );

  it('adds a reversing row that restores the method in force before, month by month; the change stays in the history', async () => {
    const personId = await enrolled();
    const before = methods(personId);
    const summaryBefore = db().prepare('SELECT method FROM register_summary WHERE person_id = ?').pluck().get(personId);
    const ledgerBefore = await core.ok('ledger.person', { personId });
    const { payoutMethodId } = await core.ok('payout.change', {
      personId,
      method: 'OWN_ACCOUNT',
      effectiveMonth: '2026-12',
      account: {
        new: { bankCode: 'AGRIBANK', branch: '', accountNumber: '1234567890123', holderName: 'Nguyễn Văn Ơn' },
      },
      note: '',
    });
    expect(methods(personId)).not.toEqual(before);
    const check = await core.ok('undo.methodCheck', { payoutMethodId });
    expect(check).toMatchObject({
      blockers: [],
      what: 'Hoàn tác đổi hình thức nhận của Nguyễn Văn Ơn sang «Chuyển khoản vào tài khoản cá nhân» từ tháng 12/2026',
    });
    const mark = lastAudit();
    await core.ok('undo.method', { payoutMethodId });
    expect(methods(personId)).toEqual(before);
    expect(db().prepare('SELECT method FROM register_summary WHERE person_id = ?').pluck().get(personId)).toBe(
      summaryBefore,
    );
    expect(await core.ok('ledger.person', { personId })).toEqual(ledgerBefore);
    expect(
      db().prepare('SELECT method, reverses_id FROM payout_methods WHERE person_id = ? ORDER BY id').all(personId),
    ).toEqual([
      { method: 'POST_OFFICE', reverses_id: null },
      { method: 'OWN_ACCOUNT', reverses_id: null },
      { method: 'POST_OFFICE', reverses_id: payoutMethodId },
    ]);
    expect(auditActions(mark)).toEqual(['payout_method.undo']);
    expect((await core.fail('undo.method', { payoutMethodId })).message).toContain('đã được hoàn tác');
  });

  it('with no method recorded before the change, restores the default (cash at the ward)', async () => {
    const personId = await enrolled();
    const first = db().prepare('SELECT id FROM payout_methods WHERE person_id = ?').pluck().get(personId) as number;
    await core.ok('undo.method', { payoutMethodId: first });
    expect(methods(personId)).toEqual(['CASH_WARD', 'CASH_WARD', 'CASH_WARD', 'CASH_WARD', 'CASH_WARD']);
  });

  it('is refused for a change of another day, behind a later change, or in an approved month; nothing changes', async () => {
    const personId = await enrolled();
    const first = db()
      .prepare("SELECT id FROM payout_methods WHERE person_id = ? AND method = 'POST_OFFICE'")
      .pluck()
      .get(personId) as number;
    const { payoutMethodId: second } = await core.ok('payout.change', {
      personId,
      method: 'CASH_WARD',
      effectiveMonth: '2027-01',
      note: '',
    });
    expect((await core.ok('undo.methodCheck', { payoutMethodId: first })).blockers).toEqual([
      'Đã có thay đổi hình thức nhận ghi sau thay đổi này: hoàn tác thay đổi mới nhất trước.',
    ]);
    await buildApprove('2026-11');
    core.setNow(at('2026-11', '16'));
    const blockers = (await core.ok('undo.methodCheck', { payoutMethodId: second })).blockers;
    expect(blockers).toEqual([
      'Chỉ hoàn tác được trong ngày ghi: thay đổi này ghi ngày 15/11/2026. Hãy đổi hình thức nhận từ tháng sau.',
    ]);
    const before = snapshot();
    const mark = lastAudit();
    expect((await core.fail('undo.method', { payoutMethodId: first })).code).toBe('CONFLICT');
    expect((await core.fail('undo.method', { payoutMethodId: second })).code).toBe('CONFLICT');
    expect(snapshot()).toEqual(before);
    expect(auditActions(mark)).toEqual([]);
    // A change whose month an approved payroll paid.
    core.setNow(at('2026-11'));
    const blocked = (await core.ok('undo.methodCheck', { payoutMethodId: first })).blockers.join(' ');
    expect(blocked).toContain('Tháng 11/2026 đã có bảng chi trả được phê duyệt');
  });
});
