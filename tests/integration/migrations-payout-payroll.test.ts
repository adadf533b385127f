import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../main/db/migrate';
import { tempDir } from '../support/temp';

// Migrations 005 (payout indexes) and 006 (payroll snapshots and the guards against paying twice), each
// run on a file holding rows written under the version before it: the rows survive, and the new guards
// hold in the database itself, whatever the caller.

let dir: string;
let cleanup: () => void;
let db: Database.Database;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  db = new Database(join(dir, 'm.sqlite'));
  db.pragma('foreign_keys = ON');
});
afterEach(() => {
  db.close();
  cleanup();
});

const NOW = '2026-11-15T02:00:00Z';
const insertPerson = (name: string) =>
  Number(
    db
      .prepare(
        "INSERT INTO people (full_name, given_name, search_key, sort_key, created_at, updated_at) VALUES (?, ?, '', '', ?, ?)",
      )
      .run(name, name.split(' ').pop(), NOW, NOW).lastInsertRowid,
  );
const insertPayroll = (month: string) =>
  Number(
    db.prepare("INSERT INTO payrolls (month, programme_code, built_at) VALUES (?, 'BTXH', ?)").run(month, NOW)
      .lastInsertRowid,
  );
const insertLine = (
  payrollId: number,
  personId: number,
  extra: { oneOffItemId?: number; carriedFromLineId?: number } = {},
) =>
  Number(
    db
      .prepare(
        `INSERT INTO payroll_lines (payroll_id, person_id, one_off_item_id, carried_from_line_id, kind, full_name, amount_vnd, method)
         VALUES (?, ?, ?, ?, 'regular', 'x', 750000, 'CASH_WARD')`,
      )
      .run(payrollId, personId, extra.oneOffItemId ?? null, extra.carriedFromLineId ?? null).lastInsertRowid,
  );
const approve = (payrollId: number) =>
  db.prepare("UPDATE payrolls SET status = 'approved', approved_at = ? WHERE id = ?").run(NOW, payrollId);
const attempt = (lineId: number, no: number, status: string) =>
  db
    .prepare('INSERT INTO payment_attempts (payroll_line_id, attempt_no, status, at) VALUES (?, ?, ?, ?)')
    .run(lineId, no, status, NOW);
const indexes = () =>
  db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all();

describe('005 payout indexes', () => {
  it('adds the account and receiver indexes, changes no row, and the lookups use them', () => {
    migrate(db, { appVersion: 'test', target: 4 });
    const person = insertPerson('Nguyễn Văn Ơn');
    const account = db
      .prepare(
        "INSERT INTO bank_accounts (owner_person_id, bank_code, account_number, holder_name, created_at) VALUES (?, 'AGRIBANK', '0123456789', 'NGUYEN VAN ON', ?)",
      )
      .run(person, NOW).lastInsertRowid;
    const before = {
      people: db.prepare('SELECT * FROM people').all(),
      accounts: db.prepare('SELECT * FROM bank_accounts').all(),
      indexes: indexes(),
    };

    expect(migrate(db, { appVersion: 'test', target: 5 })).toBe(5);
    expect(db.prepare('SELECT * FROM people').all()).toEqual(before.people);
    expect(db.prepare('SELECT * FROM bank_accounts').all()).toEqual(before.accounts);
    expect(indexes()).toEqual(
      [...before.indexes, 'authorizations_receiver', 'bank_accounts_bank_number', 'payout_methods_account'].sort(),
    );
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
    expect(
      plan("SELECT id FROM bank_accounts WHERE bank_code = 'AGRIBANK' AND account_number = '0123456789'"),
    ).toContain('bank_accounts_bank_number');
    expect(plan(`SELECT id FROM payout_methods WHERE bank_account_id = ${account}`)).toContain(
      'payout_methods_account',
    );
    expect(plan('SELECT id FROM authorizations WHERE receiver_person_id = 1')).toContain('authorizations_receiver');
  });
});

describe('006 payroll snapshots and guards', () => {
  it('keeps the lines of payrolls written under 005, with the new snapshot columns at their defaults', () => {
    migrate(db, { appVersion: 'test', target: 5 });
    const person = insertPerson('Đặng Thị Hường');
    const payroll = insertPayroll('2026-10');
    const line = insertLine(payroll, person);
    approve(payroll);
    attempt(line, 1, 'paid');
    const before = db.prepare('SELECT * FROM payroll_lines').all() as Array<Record<string, unknown>>;

    expect(migrate(db, { appVersion: 'test', target: 6 })).toBe(6);
    const after = db.prepare('SELECT * FROM payroll_lines').all() as Array<Record<string, unknown>>;
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({
      ...before[0],
      line_no: 0,
      group_label: '',
      note: '',
      components_json: null,
      search_key: '',
      registered_method: null,
    });
    expect(db.prepare('SELECT status, attention_count FROM payrolls').get()).toEqual({
      status: 'approved',
      attention_count: 0,
    });
    expect(db.prepare('SELECT status FROM payment_attempts').pluck().all()).toEqual(['paid']);
  });

  it('refuses in the database: an attempt on a draft, a second payment, unpaying, and one item or carried line in two approved payrolls', () => {
    migrate(db, { appVersion: 'test', target: 6 });
    const person = insertPerson('Võ Thị Lan');
    const draft = insertPayroll('2026-10');
    const draftLine = insertLine(draft, person);
    expect(() => attempt(draftLine, 1, 'sent')).toThrow('PAYROLL_NOT_APPROVED');

    approve(draft);
    attempt(draftLine, 1, 'paid');
    expect(() => attempt(draftLine, 2, 'paid')).toThrow(/UNIQUE constraint failed/);
    expect(() => db.prepare("UPDATE payroll_lines SET status = 'paid' WHERE id = ?").run(draftLine)).not.toThrow();
    expect(() => db.prepare("UPDATE payroll_lines SET status = 'failed' WHERE id = ?").run(draftLine)).toThrow(
      'LINE_ALREADY_PAID',
    );

    // A one-off item (funeral support) in an approved payroll cannot be approved again in another.
    const item = Number(
      db
        .prepare(
          "INSERT INTO one_off_items (person_id, kind, amount_vnd, due_month, created_at) VALUES (?, 'funeral', 10000000, '2026-11', ?)",
        )
        .run(person, NOW).lastInsertRowid,
    );
    const november = insertPayroll('2026-11');
    insertLine(november, person, { oneOffItemId: item });
    approve(november);
    const rebuilt = Number(
      db.prepare("INSERT INTO payrolls (month, programme_code, built_at) VALUES ('2026-12', 'BTXH', ?)").run(NOW)
        .lastInsertRowid,
    );
    insertLine(rebuilt, person, { oneOffItemId: item });
    expect(() => approve(rebuilt)).toThrow('PAYROLL_ITEM_ALREADY_APPROVED');

    // A failed line carried into an approved payroll is paid there: never again at its origin, nor carried twice.
    const january = insertPayrollApproved('2027-01', person);
    const origin = db.prepare('SELECT id FROM payroll_lines WHERE payroll_id = ?').pluck().get(january) as number;
    attempt(origin, 1, 'failed');
    const february = insertPayroll('2027-02');
    insertLine(february, person, { carriedFromLineId: origin });
    approve(february);
    expect(() => attempt(origin, 2, 'paid')).toThrow('LINE_CARRIED_OVER');
    const march = insertPayroll('2027-03');
    insertLine(march, person, { carriedFromLineId: origin });
    expect(() => approve(march)).toThrow('PAYROLL_ITEM_ALREADY_APPROVED');
  });
});

/** A payroll approved with one line (lines cannot be added after approval). */
function insertPayrollApproved(month: string, personId: number): number {
  const id = insertPayroll(month);
  insertLine(id, personId);
  approve(id);
  return id;
}

describe('009 payroll review', () => {
  it('drafts stay drafts, approved payrolls stay approved and frozen; a rebuild withdraws a submission', () => {
    migrate(db, { appVersion: 'test', target: 8 });
    const person = insertPerson('Nguyễn Văn Ơn');
    const draft = insertPayroll('2026-11');
    insertLine(draft, person);
    const approved = insertPayrollApproved('2026-10', person);
    const before = db.prepare('SELECT id, status, line_count, total_vnd FROM payrolls ORDER BY id').all();

    expect(migrate(db, { appVersion: 'test', target: 9 })).toBe(9);
    expect(db.prepare('SELECT id, status, line_count, total_vnd FROM payrolls ORDER BY id').all()).toEqual(before);
    expect(
      db.prepare('SELECT id, status, review_state, submitted_at, return_comment FROM payrolls ORDER BY id').all(),
    ).toEqual([
      { id: draft, status: 'draft', review_state: 'draft', submitted_at: null, return_comment: null },
      { id: approved, status: 'approved', review_state: 'draft', submitted_at: null, return_comment: null },
    ]);
    expect(() => db.prepare("UPDATE payrolls SET review_state = 'returned' WHERE id = ?").run(approved)).toThrow(
      'PAYROLL_APPROVED_IMMUTABLE',
    );
    expect(() => db.prepare("UPDATE payrolls SET review_state = 'sent' WHERE id = ?").run(draft)).toThrow(/CHECK/);

    // Submitted, then rebuilt (built_at written): back to draft, the comment kept.
    db.prepare("UPDATE payrolls SET review_state = 'submitted', return_comment = 'Xem lại' WHERE id = ?").run(draft);
    db.prepare('UPDATE payrolls SET built_at = ? WHERE id = ?').run(NOW, draft);
    expect(db.prepare('SELECT review_state, return_comment FROM payrolls WHERE id = ?').get(draft)).toEqual({
      review_state: 'draft',
      return_comment: 'Xem lại',
    });
  });
});

describe('010 receivers, authorizations and targets (issue 14)', () => {
  it('marks receivers who are not beneficiaries, keeps paid authorizations payable, flags assumed terms, gives old targets a period', () => {
    migrate(db, { appVersion: 'test', target: 8 });
    const giver = insertPerson('Nguyễn Văn Ơn');
    const other = insertPerson('Lê Thị Mai');
    const receiver = insertPerson('Trần Thị Hường');
    const account = Number(
      db
        .prepare(
          "INSERT INTO bank_accounts (owner_person_id, bank_code, account_number, holder_name, created_at) VALUES (?, 'AGRIBANK', '0123456789012', 'TRAN THI HUONG', ?)",
        )
        .run(receiver, NOW).lastInsertRowid,
    );
    const auth = (person: number, note: string) =>
      Number(
        db
          .prepare(
            "INSERT INTO authorizations (giver_person_id, receiver_person_id, relationship, bank_account_id, valid_from, valid_to, scope_note, created_at) VALUES (?, ?, 'Con', ?, '2026-01-01', '2026-12-31', ?, ?)",
          )
          .run(person, receiver, account, note, NOW).lastInsertRowid,
      );
    const paid = auth(giver, 'Thời hạn giả định 1 năm: tệp nhập không ghi thời hạn ủy quyền.');
    const unpaid = auth(other, '');
    const payroll = insertPayroll('2026-10');
    const line = insertLine(payroll, giver);
    db.prepare("UPDATE payroll_lines SET method = 'AUTHORIZED_ACCOUNT', authorization_id = ? WHERE id = ?").run(
      paid,
      line,
    );
    db.prepare("UPDATE payrolls SET status = 'approved', approved_at = '2026-10-20T03:00:00Z' WHERE id = ?").run(
      payroll,
    );
    db.prepare("INSERT INTO settings (key, value_json, updated_at) VALUES ('campaign.targets', ?, ?)").run(
      JSON.stringify({
        BTXH: {
          kind: 'count',
          value: 150,
          deadline: '2024-12-31',
          note: '',
          updatedAt: '2023-11-05T00:00:00Z',
          updatedById: null,
        },
      }),
      NOW,
    );

    expect(migrate(db, { appVersion: 'test', target: 10 })).toBe(10);
    expect(db.prepare('SELECT id, receiver_only FROM people ORDER BY id').all()).toEqual([
      { id: giver, receiver_only: 0 },
      { id: other, receiver_only: 0 },
      { id: receiver, receiver_only: 1 },
    ]);
    expect(
      db
        .prepare('SELECT id, certified_date, certified_by, term_assumed, renews_id FROM authorizations ORDER BY id')
        .all(),
    ).toEqual([
      {
        id: paid,
        certified_date: '2026-10-20',
        certified_by: 'Ghi nhận khi nâng cấp: đã chi qua tài khoản này trong bảng chi trả đã duyệt',
        term_assumed: 1,
        renews_id: null,
      },
      { id: unpaid, certified_date: null, certified_by: '', term_assumed: 0, renews_id: null },
    ]);
    const targets = JSON.parse(
      db.prepare("SELECT value_json FROM settings WHERE key = 'campaign.targets'").pluck().get() as string,
    );
    expect(targets.BTXH).toEqual([
      expect.objectContaining({ value: 150, startMonth: '2023-11', deadline: '2024-12-31' }),
    ]);
    // The triggers keep the flag: the receiver enrolled in their own right is a beneficiary.
    const decision = Number(
      db
        .prepare(
          "INSERT INTO decisions (person_id, programme_code, kind, number, signed_date, effective_month, created_at) VALUES (?, 'BTXH', 'grant', '1/QĐ', '2026-11-01', '2026-11', ?)",
        )
        .run(receiver, NOW).lastInsertRowid,
    );
    const entitlement = Number(
      db
        .prepare(
          "INSERT INTO entitlements (person_id, programme_code, start_month, grant_decision_id, created_at) VALUES (?, 'BTXH', '2026-11', ?, ?)",
        )
        .run(receiver, decision, NOW).lastInsertRowid,
    );
    expect(db.prepare('SELECT receiver_only FROM people WHERE id = ?').pluck().get(receiver)).toBe(0);
    db.prepare('DELETE FROM entitlements WHERE id = ?').run(entitlement);
    expect(db.prepare('SELECT receiver_only FROM people WHERE id = ?').pluck().get(receiver)).toBe(1);
  });
});
