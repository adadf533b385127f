import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../main/core';
import { LATEST_SCHEMA_VERSION } from '../../main/db/migrations';
import { verifyAuditChain } from '../../main/services/audit';
import { autoBackupName, selectKept } from '../../main/services/backup/auto';
import { Store } from '../../main/db/store';
import type { AppInfo } from '@shared/api/contract';
import { expectedPath, fixturePath, measure, type FixtureExpectation } from '../support/upgrade-fixtures';
import { sha256File, tempDir } from '../support/temp';
import { readFileSync } from 'node:fs';

// The first start of a newer version over a register written by an older one (installed from a USB stick
// over the old version): a verified backup of the register as the older version left it, then the
// migrations, then "Có gì mới" once, and an audit entry saying so.

let dir: string;
let cleanup: () => void;
let cores: AppCore[] = [];
beforeEach(() => ({ dir, cleanup } = tempDir('so-an-sinh-upgrade-start-')));
afterEach(() => {
  for (const core of cores) core.close();
  cores = [];
  cleanup();
});

/** A register made by "version `writtenBy`" at schema `schema`: a fixture whose migrations that version applied. */
function olderRegister(schema: number, writtenBy: string): string {
  const path = join(dir, 'Dữ liệu Phường Đông', 'so-an-sinh.sqlite');
  mkdirSync(join(dir, 'Dữ liệu Phường Đông'), { recursive: true });
  copyFileSync(fixturePath(schema), path);
  const db = new Database(path);
  db.prepare('UPDATE schema_migrations SET app_version = ?').run(writtenBy);
  db.close();
  return path;
}
const start = (dbPath: string, appVersion: string) => {
  const core = createAppCore({
    dbPath,
    appVersion,
    shell: 'browser-harness',
    logFolder: null,
    clock: () => new Date('2026-12-07T03:00:00Z'),
  });
  cores.push(core);
  return core;
};
const info = async (core: AppCore) => {
  const result = await core.call('app.info', {});
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value as AppInfo;
};
const backupsOf = (dbPath: string) => readdirSync(join(dbPath, '..', 'sao-luu')).filter((n) => n.endsWith('.sqlite'));

describe('first start of a newer version', () => {
  it('backs the older register up (verified, as it was), migrates it, and says what is new once', async () => {
    const path = olderRegister(7, '0.0.5');
    const expected = JSON.parse(readFileSync(expectedPath(7), 'utf8')) as FixtureExpectation;
    const core = start(path, '0.1.0');
    expect(core.dbStatus).toMatchObject({ state: 'ok', schemaVersion: LATEST_SCHEMA_VERSION });

    const backups = backupsOf(path);
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(/-000001-upgrade\.sqlite$/);
    const backupPath = join(dir, 'Dữ liệu Phường Đông', 'sao-luu', backups[0]!);
    const backup = new Database(backupPath, { readonly: true });
    try {
      // The copy is the register as schema 7 left it: same tables, rows, money and audit chain.
      expect(backup.pragma('integrity_check', { simple: true })).toBe('ok');
      const facts = measure(backup);
      expect(facts.schemaVersion).toBe(7);
      expect(facts.tables).toEqual(expected.tables);
      expect(facts.audit).toEqual(expected.audit);
      expect(verifyAuditChain(new Store(backup))).toEqual({ ok: true, entries: expected.audit.entries });
    } finally {
      backup.close();
    }

    const first = await info(core);
    expect(first.build).toEqual({ appVersion: '0.1.0', buildDate: 'dev', schemaVersion: LATEST_SCHEMA_VERSION });
    expect(first.whatsNew).toMatchObject({
      fromVersion: '0.0.5',
      toVersion: '0.1.0',
      fromSchema: 7,
      toSchema: LATEST_SCHEMA_VERSION,
      backupFile: backupPath,
    });
    expect(first.whatsNew!.releases.map((r) => r.version)).toEqual(['0.1.0']);
    expect(first.whatsNew!.releases[0]!.items.length).toBeGreaterThan(0);

    // Recorded in the audit log, chain intact.
    const store = core.store!;
    const entry = store.sqlite
      .prepare("SELECT user_name, before_json, after_json, detail_json FROM audit_log WHERE action = 'app.upgrade'")
      .all() as Array<Record<string, string>>;
    expect(entry).toHaveLength(1);
    expect(JSON.parse(entry[0]!.before_json!)).toEqual({ appVersion: '0.0.5', schemaVersion: 7 });
    expect(JSON.parse(entry[0]!.detail_json!)).toEqual({ backup: backupPath });
    expect(verifyAuditChain(store)).toEqual({ ok: true, entries: expected.audit.entries + 1 });
    core.close();
    cores = [];

    // The next start of the same version: nothing new, no second backup, no second entry.
    const again = start(path, '0.1.0');
    expect((await info(again)).whatsNew).toBeUndefined();
    expect(backupsOf(path)).toHaveLength(1);
    expect(
      again.store!.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'app.upgrade'").get(),
    ).toEqual({ n: 1 });
  });

  it('a newer version with the same schema: notes, no migration, so no backup needed', async () => {
    const path = olderRegister(LATEST_SCHEMA_VERSION, '0.0.9');
    const core = start(path, '0.1.0');
    const first = await info(core);
    expect(first.whatsNew).toMatchObject({ fromVersion: '0.0.9', toVersion: '0.1.0', backupFile: null });
    expect(() => backupsOf(path)).toThrow();
  });

  it('a fresh register made by this version has nothing new to tell', async () => {
    const core = start(join(dir, 'moi', 'so-an-sinh.sqlite'), '0.1.0');
    expect(core.dbStatus.state).toBe('ok');
    expect((await info(core)).whatsNew).toBeUndefined();
  });

  it('does not migrate when the backup cannot be made, and changes nothing', () => {
    const path = olderRegister(6, '0.0.4');
    // A file where the backup folder should be: the copy cannot be written.
    writeFileSync(join(dir, 'Dữ liệu Phường Đông', 'sao-luu'), 'not a folder');
    const before = sha256File(path);
    const core = start(path, '0.1.0');
    expect(core.dbStatus, JSON.stringify(core.dbStatus)).toMatchObject({ state: 'error', code: 'UPGRADE_BACKUP' });
    expect(core.dbStatus.state === 'error' && core.dbStatus.message).toContain('Chưa nâng cấp tệp dữ liệu');
    expect(sha256File(path)).toBe(before);
  });

  it('an older version refuses a register written by a newer one and names the version to install', () => {
    const path = olderRegister(LATEST_SCHEMA_VERSION, '0.1.0');
    const db = new Database(path);
    db.prepare("INSERT INTO schema_migrations VALUES (?, 'from a newer version', '2027-03-01T00:00:00Z', '0.4.2')").run(
      LATEST_SCHEMA_VERSION + 3,
    );
    db.close();
    const before = sha256File(path);
    const core = start(path, '0.1.0');
    expect(core.dbStatus).toMatchObject({ state: 'error', code: 'TOO_NEW' });
    const message = core.dbStatus.state === 'error' ? core.dbStatus.message : '';
    expect(message).toContain('phiên bản 0.4.2');
    expect(message).toContain(`lược đồ số ${LATEST_SCHEMA_VERSION + 3}`);
    expect(message).toContain('phiên bản đang chạy (0.1.0)');
    expect(message).toContain('Hãy cài Sổ An Sinh phiên bản 0.4.2 trở lên');
    expect(sha256File(path)).toBe(before);
  });

  it('restoring a backup written by a newer version is refused, naming the version to install', async () => {
    const newer = join(dir, 'sao-luu-tu-phien-ban-moi.sqlite');
    copyFileSync(fixturePath(LATEST_SCHEMA_VERSION), newer);
    const db = new Database(newer);
    db.prepare("INSERT INTO schema_migrations VALUES (?, 'from a newer version', '2027-03-01T00:00:00Z', '0.4.2')").run(
      LATEST_SCHEMA_VERSION + 3,
    );
    db.close();
    const core = start(join(dir, 'hien-tai', 'so-an-sinh.sqlite'), '0.1.0');
    core.signInInProcess('local', 1);
    const result = await core.call('backup.inspect', { path: newer });
    expect(result.ok).toBe(false);
    const message = result.ok ? '' : result.error.message;
    expect(message).toContain('phiên bản Sổ An Sinh mới hơn');
    expect(message).toContain('cần Sổ An Sinh phiên bản 0.4.2 trở lên');
  });

  it('rotation keeps the 3 newest backups taken before an upgrade, however many others follow', () => {
    const day = new Date('2026-12-07T08:00:00+07:00');
    const names: string[] = [];
    for (let i = 1; i <= 4; i++) names.push(autoBackupName(new Date(day.getTime() + i * 60_000), 'upgrade', i));
    for (let i = 5; i <= 30; i++) names.push(autoBackupName(new Date(day.getTime() + i * 60_000), 'hourly', i));
    const kept = selectKept(names, new Date(day.getTime() + 3_600_000));
    expect(names.filter((n) => n.endsWith('-upgrade.sqlite') && kept.has(n))).toEqual(names.slice(1, 4));
    expect(kept.has(names[0]!)).toBe(false);
  });
});
