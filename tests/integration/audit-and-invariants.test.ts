import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/open';
import type { Store } from '../../main/db/store';
import { appendAudit, verifyAuditChain } from '../../main/services/audit';
import { tempDir } from '../support/temp';

let dir: string;
let cleanup: () => void;
let store: Store;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  store = openDatabase(join(dir, 'so.sqlite'), { appVersion: 'test' }).store;
});
afterEach(() => {
  store.close();
  cleanup();
});

const user = { id: 1, username: 'quantri', fullName: 'Quản trị', role: 'admin' as const };

describe('the audit log', () => {
  it('is append-only: updates and deletes are refused by the database itself', () => {
    appendAudit(store, user, { action: 'test', entity: 'x', after: { a: 1 } }, new Date());
    expect(() => store.sqlite.prepare("UPDATE audit_log SET action = 'forged'").run()).toThrow('AUDIT_APPEND_ONLY');
    expect(() => store.sqlite.prepare('DELETE FROM audit_log').run()).toThrow('AUDIT_APPEND_ONLY');
  });

  it('is hash-chained: a tampered row is named as the first broken entry', () => {
    for (let i = 1; i <= 5; i++) {
      appendAudit(
        store,
        user,
        { action: 'settings.office.save', entity: 'settings', entityId: 'office', after: { n: i } },
        new Date(),
      );
    }
    expect(verifyAuditChain(store)).toEqual({ ok: true, entries: 5 });
    // Someone with a SQLite tool drops the trigger and edits entry 3.
    store.sqlite.exec('DROP TRIGGER audit_log_no_update');
    store.sqlite.prepare('UPDATE audit_log SET after_json = \'{"n":99}\' WHERE id = 3').run();
    expect(verifyAuditChain(store)).toEqual({ ok: false, entries: 3, firstBrokenId: 3 });
  });

  it('detects a deleted entry in the middle of the chain', () => {
    for (let i = 1; i <= 4; i++) appendAudit(store, user, { action: 'a', entity: 'e', detail: { i } }, new Date());
    store.sqlite.exec('DROP TRIGGER audit_log_no_delete');
    store.sqlite.prepare('DELETE FROM audit_log WHERE id = 2').run();
    expect(verifyAuditChain(store)).toEqual({ ok: false, entries: 2, firstBrokenId: 3 });
  });
});

describe('schema invariants', () => {
  const seedPerson = () => {
    store.sqlite
      .prepare(
        `INSERT INTO people (id, full_name, given_name, search_key, sort_key, created_at, updated_at)
         VALUES (1, 'Nguyễn Văn Ơn', 'Ơn', 'nguyen van on', 'k', 'now', 'now')`,
      )
      .run();
  };

  it('an approved payroll and its lines cannot be changed, deleted or added to', () => {
    seedPerson();
    store.sqlite
      .prepare("INSERT INTO payrolls (id, month, programme_code, built_at) VALUES (1, '2026-01', 'BTXH', 'now')")
      .run();
    const line = store.sqlite.prepare(
      "INSERT INTO payroll_lines (payroll_id, person_id, kind, full_name, amount_vnd, method) VALUES (1, 1, 'regular', 'Nguyễn Văn Ơn', ?, 'CASH_WARD')",
    );
    line.run(750000);
    store.sqlite.prepare("UPDATE payrolls SET status = 'approved', approved_at = 'now' WHERE id = 1").run();
    expect(() => line.run(1)).toThrow('PAYROLL_APPROVED_IMMUTABLE');
    expect(() => store.sqlite.prepare('UPDATE payroll_lines SET amount_vnd = 1').run()).toThrow(
      'PAYROLL_APPROVED_IMMUTABLE',
    );
    expect(() => store.sqlite.prepare('DELETE FROM payroll_lines').run()).toThrow('PAYROLL_APPROVED_IMMUTABLE');
    expect(() => store.sqlite.prepare("UPDATE payrolls SET status = 'draft'").run()).toThrow(
      'PAYROLL_APPROVED_IMMUTABLE',
    );
    expect(() => store.sqlite.prepare('DELETE FROM payrolls').run()).toThrow('PAYROLL_APPROVED_IMMUTABLE');
    // The payment status of a line still moves after approval (paid / failed / carried over).
    store.sqlite.prepare("UPDATE payroll_lines SET status = 'paid'").run();
    expect(store.sqlite.prepare('SELECT status, amount_vnd FROM payroll_lines').get()).toEqual({
      status: 'paid',
      amount_vnd: 750000,
    });
  });

  it('two payrolls for the same month and programme cannot both be approved', () => {
    store.sqlite
      .prepare(
        "INSERT INTO payrolls (month, programme_code, status, built_at) VALUES ('2026-01', 'BTXH', 'approved', 'now')",
      )
      .run();
    expect(() =>
      store.sqlite
        .prepare(
          "INSERT INTO payrolls (month, programme_code, status, built_at) VALUES ('2026-01', 'BTXH', 'approved', 'now')",
        )
        .run(),
    ).toThrow(/UNIQUE/);
  });

  it('one citizen ID belongs to one living person; money and IDs are checked by the schema', () => {
    seedPerson();
    const insert = store.sqlite.prepare(
      `INSERT INTO people (full_name, given_name, search_key, sort_key, citizen_id, death_date, created_at, updated_at)
       VALUES ('A', 'A', 'a', 'a', ?, ?, 'now', 'now')`,
    );
    insert.run('079123456789', '2020-01-01');
    insert.run('079123456789', null);
    expect(() => insert.run('079123456789', null)).toThrow(/UNIQUE/);
    expect(() => insert.run('07912345678', null)).toThrow(/CHECK/);
    expect(() => insert.run('07912345678x', null)).toThrow(/CHECK/);
    expect(() =>
      store.sqlite
        .prepare(
          "INSERT INTO bank_accounts (owner_person_id, bank_code, account_number, holder_name, created_at) VALUES (1, 'AGRIBANK', '12 34', 'A', 'now')",
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(() =>
      store.sqlite
        .prepare(
          "INSERT INTO bank_accounts (owner_person_id, bank_code, account_number, holder_name, created_at) VALUES (1, 'NOBANK', '1234', 'A', 'now')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });
});
