import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../main/db/migrate';
import { eachTestCoreWithUsb, enrollNew, type TestCore } from '../support/register';
import { sha256File } from '../support/temp';
import { submitAndApprove } from '../support/payroll-review';

// Restore brings data, not code (issue 12, item 2): a backup is rebuilt from its rows into a register
// made by the bundled migrations, so a trigger, view or index carried by the file never runs or survives,
// and one the file lacks is back.

let dir: string;
let core: TestCore;
let usb: string;
eachTestCoreWithUsb((fresh) => ({ dir, core, usb } = fresh));

const db = () => core.store!.sqlite;
const NOW = '2026-11-15T09:00:00+07:00';

async function enrollPaidToAccount(fullName: string, account: string): Promise<number> {
  core.setNow('2026-10-15T09:00:00+07:00');
  core.as('officer');
  const { personId } = await core.ok(
    'register.enroll',
    enrollNew({ fullName, birthDate: '1940' }, 'BTXH', 'BTXH-6D', '2026-10'),
  );
  core.setNow(NOW);
  const now = '2026-10-01T00:00:00Z';
  const id = Number(
    db()
      .prepare(
        "INSERT INTO bank_accounts (owner_person_id, bank_code, account_number, holder_name, created_at) VALUES (?, 'AGRIBANK', ?, 'CHU TAI KHOAN', ?)",
      )
      .run(personId, account, now).lastInsertRowid,
  );
  db()
    .prepare(
      "INSERT INTO payout_methods (person_id, effective_from, method, bank_account_id, created_at) VALUES (?, '2025-01', 'OWN_ACCOUNT', ?, ?)",
    )
    .run(personId, id, now);
  return personId;
}

async function buildAndApprove(month: string): Promise<number> {
  core.as('officer');
  const built = await core.job('payroll.build', { month, programmes: ['BTXH'] });
  const id = built.payrolls.find((p) => p.programme === 'BTXH')!.id;
  await submitAndApprove(core, id, 'approver');
  return id;
}

/** sqlite_master of a register as (type, name, table, SQL), sorted. */
const schemaOf = (sqlite: Database.Database) =>
  sqlite
    .prepare(
      "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name",
    )
    .all();

function freshSchema() {
  const fresh = new Database(':memory:');
  try {
    fresh.pragma('foreign_keys = ON');
    migrate(fresh, { appVersion: 'test' });
    return schemaOf(fresh);
  } finally {
    fresh.close();
  }
}

/** A copy of `backup` edited as an attacker with the file would: see each statement. */
function craft(backup: string, name: string, sql: string): string {
  const path = join(usb, name);
  copyFileSync(backup, path);
  const file = new Database(path);
  file.exec(sql);
  file.close();
  return path;
}

const EVIL = `
  -- Lacks the triggers that freeze approved payrolls.
  DROP TRIGGER payroll_lines_approved_frozen;
  DROP TRIGGER payrolls_approved_immutable;
  -- Every new payroll line pays one account.
  CREATE TRIGGER evil_redirect AFTER INSERT ON payroll_lines BEGIN
    UPDATE payroll_lines SET account_number = '6666666666', bank_code = 'EVIL' WHERE id = NEW.id;
  END;
  CREATE VIEW evil_view AS SELECT * FROM people;
  CREATE INDEX evil_index ON people(full_name);
`;

describe('restore brings data, not code', () => {
  it('a backup with an extra trigger (redirecting accounts) and without the freeze trigger: neither survives, accounts stay real, approved payrolls stay frozen', async () => {
    const an = await enrollPaidToAccount('Nguyễn Văn An', '0001112223334');
    const binh = await enrollPaidToAccount('Trần Thị Bình', '0005556667778');
    const october = await buildAndApprove('2026-10');
    core.as('admin');
    const backup = await core.job('backup.create', { folder: usb });
    const hostile = craft(backup.path, 'doc-hai.sqlite', EVIL);
    const check = new Database(hostile, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();

    core.as('admin');
    const contents = await core.ok('backup.inspect', { path: hostile });
    expect(contents.schemaNotes.ignored.sort()).toEqual(['evil_index', 'evil_redirect', 'evil_view']);
    expect(contents.schemaNotes.missing.sort()).toEqual([
      'payroll_lines_approved_frozen',
      'payrolls_approved_immutable',
    ]);
    expect(contents.auditChain).toMatchObject({ ok: true });
    expect(contents.people).toBe(2);

    const restored = await core.ok('backup.restore', { path: hostile });
    expect(restored.contents.schemaNotes.ignored).toHaveLength(3);
    // The register's schema is exactly a fresh register's: nothing of the file's, nothing missing.
    expect(schemaOf(db())).toEqual(freshSchema());
    expect(db().pragma('integrity_check', { simple: true })).toBe('ok');

    // A normal build and approval pays the real accounts.
    const november = await buildAndApprove('2026-11');
    const accounts = db()
      .prepare('SELECT person_id, bank_code, account_number FROM payroll_lines WHERE payroll_id = ? ORDER BY person_id')
      .all(november);
    expect(accounts).toEqual([
      { person_id: an, bank_code: 'AGRIBANK', account_number: '0001112223334' },
      { person_id: binh, bank_code: 'AGRIBANK', account_number: '0005556667778' },
    ]);
    // Approved payrolls (the restored one and the new one) are frozen again.
    for (const payroll of [october, november]) {
      expect(() =>
        db().prepare("UPDATE payroll_lines SET account_number = '6666666666' WHERE payroll_id = ?").run(payroll),
      ).toThrow('PAYROLL_APPROVED_IMMUTABLE');
      expect(() => db().prepare('UPDATE payrolls SET total_vnd = 1 WHERE id = ?').run(payroll)).toThrow(
        'PAYROLL_APPROVED_IMMUTABLE',
      );
    }
    // Search works from indexes rebuilt from the rows (not read from the file).
    expect(db().prepare("SELECT rowid FROM people_name_fts WHERE people_name_fts MATCH 'binh'").pluck().all()).toEqual([
      binh,
    ]);
    expect(
      db().prepare('SELECT rowid FROM people_digit_fts WHERE people_digit_fts MATCH \'"2026"\'').pluck().all(),
    ).toEqual([]);
    core.as('admin');
    const audit = await core.call('audit.verify', {});
    expect(audit).toMatchObject({ ok: true, value: { ok: true } });
  });

  it('a table or column that is not the schema of its version, or a row that breaks a rule, is refused and nothing changes', async () => {
    await enrollPaidToAccount('Nguyễn Văn An', '0001112223334');
    core.as('admin');
    const backup = await core.job('backup.create', { folder: usb });
    db().pragma('wal_checkpoint(TRUNCATE)');
    const before = sha256File(join(dir, 'so.sqlite'));

    const extraColumn = craft(backup.path, 'them-cot.sqlite', 'ALTER TABLE bank_accounts ADD COLUMN redirect TEXT');
    const extraTable = craft(backup.path, 'them-bang.sqlite', 'CREATE TABLE payload (x)');
    const generated = craft(
      backup.path,
      'cot-sinh.sqlite',
      'ALTER TABLE people ADD COLUMN g TEXT GENERATED ALWAYS AS (full_name) VIRTUAL',
    );
    for (const path of [extraColumn, extraTable, generated]) {
      const refused = await core.fail('backup.restore', { path });
      expect(refused, path).toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringContaining('Cấu trúc bảng của tệp này không đúng'),
      });
      expect(refused.message).toContain('Dữ liệu hiện tại không bị thay đổi');
    }
    // Inspected as genuine, then replaced on the stick before the restore: the restore reads the new bytes.
    const swapped = join(usb, 'doi-sau.sqlite');
    copyFileSync(backup.path, swapped);
    expect(await core.ok('backup.inspect', { path: swapped })).toMatchObject({ people: 1 });
    copyFileSync(extraTable, swapped);
    expect((await core.fail('backup.restore', { path: swapped })).message).toContain(
      'Cấu trúc bảng của tệp này không đúng',
    );

    // A row the register's own rules refuse (the file's table lost its CHECK): refused as well.
    const badRow = craft(
      backup.path,
      'dong-sai.sqlite',
      "PRAGMA ignore_check_constraints = ON; UPDATE users SET role = 'chua-te' WHERE id = 1;",
    );
    const refused = await core.fail('backup.restore', { path: badRow });
    expect(refused).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('vi phạm quy tắc của sổ'),
    });

    db().pragma('wal_checkpoint(TRUNCATE)');
    expect(sha256File(join(dir, 'so.sqlite'))).toBe(before);
    expect(existsSync(join(dir, 'sao-luu', 'truoc-khoi-phuc.sqlite'))).toBe(false);
    expect(readdirSync(join(dir, 'sao-luu')).filter((n) => n.startsWith('.~'))).toEqual([]);
  });

  it('an older backup (schema 5) is copied into a register of its version and then migrated: rows kept, indexes built', async () => {
    const old = join(usb, 'cu.sqlite');
    const file = new Database(old);
    file.pragma('foreign_keys = ON');
    migrate(file, { appVersion: 'old', target: 5 });
    file.exec(`
      INSERT INTO users (username, full_name, role, password_hash, created_at) VALUES ('admin', 'Quản trị', 'admin', 'scrypt$test', '2026-01-01T00:00:00Z');
      INSERT INTO people (full_name, given_name, search_key, sort_key, citizen_id, created_at, updated_at)
        VALUES ('Phạm Thị Cũ', 'Cũ', 'pham thi cu', 'cu', '001190012345', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
    `);
    file.close();
    core.as('admin');
    const contents = await core.ok('backup.inspect', { path: old });
    expect(contents).toMatchObject({ schemaVersion: 5, people: 1 });
    await core.ok('backup.restore', { path: old });
    expect(schemaOf(db())).toEqual(freshSchema());
    expect(
      db().prepare('SELECT rowid FROM people_digit_fts WHERE people_digit_fts MATCH \'"12345"\'').pluck().all(),
    ).toEqual([1]);
    expect(db().prepare('SELECT MAX(version) FROM schema_migrations').pluck().get()).toBeGreaterThan(5);
  });
});
