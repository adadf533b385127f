import Database from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION } from '../../main/db/migrations';
import { readHeader } from '../../main/services/backup/format';
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackupList } from '@shared/api/backup';
import { createAppCore, type AppCore } from '../../main/core';
import {
  autoBackupName,
  makeAutoBackup,
  nextSequence,
  parseAutoBackupName,
  rotate,
  selectKept,
} from '../../main/services/backup/auto';
import { hashPassword } from '../../main/services/auth/passwords';
import { startAutoBackups } from '../../main/services/backup/schedule';
import { enrollNew, seedTestUsers, testCore, type TestCore } from '../support/register';
import { sha256File, tempDir } from '../support/temp';

// Backups and restore on real files: rotation, manual (plain and encrypted) backups, restore with undo,
// refusals that change nothing, and the recovery restore when the register cannot be opened.

let dir: string;
let cleanup: () => void;
let cores: AppCore[] = [];
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => {
  cores.forEach((c) => c.close());
  cores = [];
  cleanup();
});

const track = <T extends AppCore>(core: T): T => {
  cores.push(core);
  return core;
};
const peopleNames = (core: AppCore) =>
  core.store!.sqlite.prepare('SELECT full_name FROM people ORDER BY id').pluck().all() as string[];
const enroll = (core: TestCore, fullName: string) => {
  core.as('officer');
  return core.ok('register.enroll', enrollNew({ fullName, birthDate: '1940' }, 'BTXH', 'BTXH-6D', '2026-11'));
};

let lastJob: Record<string, string> = {};
/** The job's state as last polled (jobs.get is async; waitFor polls this). */
function jobState(core: AppCore, jobId: string): string | undefined {
  void core.call('jobs.get', { jobId }).then((r) => {
    if (r.ok) lastJob = { ...lastJob, [jobId]: (r.value as { state: string }).state };
  });
  return lastJob[jobId];
}

async function waitFor<T>(probe: () => T | undefined, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Overwrites bytes inside a copy of a SQLite file: the first bytes of several b-tree pages. */
function damage(path: string): void {
  const size = statSync(path).size;
  const fd = openSync(path, 'r+');
  for (let page = 2; page * 4096 < size; page += 3) writeSync(fd, Buffer.alloc(48, 0xa5), 0, 48, (page - 1) * 4096);
  closeSync(fd);
}

describe('rotation', () => {
  it('keeps the 10 newest and the newest of each of the last 30 days', () => {
    const now = new Date(2026, 10, 30, 18, 0, 0);
    const names: string[] = [];
    for (let day = 0; day < 40; day++) {
      for (const hour of [16, 12, 8])
        names.push(autoBackupName(new Date(2026, 10, 30 - day, hour, 5, 0), 'hourly', 120 - names.length));
    }
    const kept = selectKept(names, now);
    // 10 newest: the 3 of each of the last three days and 16:05 of the fourth; then the newest of each
    // day back to 30 days (day 30, at 16:05, is just over 30 days old).
    const expected = new Set(names.slice(0, 10));
    for (let day = 0; day <= 30; day++) {
      const newest = names[day * 3]!;
      if (new Date(2026, 10, 30 - day, 16, 5) >= new Date(2026, 9, 31, 18)) expected.add(newest);
    }
    expect([...kept].sort()).toEqual([...expected].sort());
    expect(kept.size).toBe(10 + 26);

    const folder = join(dir, 'sao-luu');
    mkdirSync(folder);
    for (const name of names) writeFileSync(join(folder, name), '');
    writeFileSync(join(folder, 'ghi-chu.txt'), 'not a backup');
    rotate(folder, now);
    expect(readdirSync(folder).sort()).toEqual([...expected, 'ghi-chu.txt'].sort());
  });

  it('orders backups by their sequence number, not by the second in their name (two in one second, a clock set back)', async () => {
    const core = track(testCore(dir));
    core.as('admin');
    const sameSecond = new Date('2026-11-15T09:00:00+07:00');
    const folder = join(dir, 'sao-luu');
    mkdirSync(folder);
    // Made before the sequence existed: sequence 0, so older than any numbered backup.
    writeFileSync(join(folder, 'sao-luu-2026-11-15_235959-hourly.sqlite'), '');
    expect(parseAutoBackupName('sao-luu-2026-11-15_235959-hourly.sqlite')).toMatchObject({
      sequence: 0,
      reason: 'hourly',
    });
    const first = await makeAutoBackup(core.store!.sqlite, join(dir, 'so.sqlite'), 'start', sameSecond);
    await enroll(core, 'Nguyễn Văn Ơn');
    const second = await makeAutoBackup(core.store!.sqlite, join(dir, 'so.sqlite'), 'manual', sameSecond);
    const clockSetBack = await makeAutoBackup(
      core.store!.sqlite,
      join(dir, 'so.sqlite'),
      'hourly',
      new Date('2026-11-14T08:00:00+07:00'),
    );
    core.as('admin');
    expect([first, second, clockSetBack].map((b) => parseAutoBackupName(b.fileName)!.sequence)).toEqual([1, 2, 3]);
    const list = (await core.call('backup.list', {})) as { ok: true; value: BackupList };
    expect(list.value.backups.map((b) => b.fileName)).toEqual([
      clockSetBack.fileName,
      second.fileName,
      first.fileName,
      'sao-luu-2026-11-15_235959-hourly.sqlite',
    ]);
  });

  it('automatic backups: one at start, verified, then hourly while in use', async () => {
    let now = new Date('2026-11-15T09:00:00+07:00');
    const first = track(
      createAppCore({ dbPath: join(dir, 'so.sqlite'), appVersion: 'test', shell: 'browser-harness', clock: () => now }),
    );
    const users = seedTestUsers(first);
    first.close();
    cores = [];
    const core = track(
      createAppCore({
        dbPath: join(dir, 'so.sqlite'),
        appVersion: 'test',
        shell: 'browser-harness',
        clock: () => now,
        autoBackup: true,
        idleMsOverride: 1e12,
      }),
    );
    core.signInInProcess('local', users.admin);
    // A call in the first second (before the start backup runs) is not an occasion for an hourly one.
    await core.call('settings.getOffice', {});
    const folder = join(dir, 'sao-luu');
    const atStart = await waitFor(() =>
      existsSync(folder) ? readdirSync(folder).find((n) => n.endsWith('-start.sqlite')) : undefined,
    );
    const copy = new Database(join(folder, atStart), { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT username FROM users WHERE id = 1').pluck().get()).toBe('admin');
    copy.close();

    await core.call('settings.getOffice', {});
    await core.autoBackupsIdle();
    expect(readdirSync(folder).filter((n) => n.endsWith('.sqlite'))).toHaveLength(1);
    now = new Date('2026-11-15T10:01:00+07:00');
    await core.call('settings.getOffice', {});
    await waitFor(() => readdirSync(folder).find((n) => n.endsWith('-hourly.sqlite')));
    const list = (await core.call('backup.list', {})) as { ok: true; value: BackupList };
    expect(list.value.backups.map((b) => b.reason)).toEqual(['hourly', 'start']);
  });
});

describe('the backup after an approved payroll', () => {
  it("a successful 'payroll.approve' call (matched by name) makes a backup; a failed one does not", async () => {
    const core = track(testCore(dir));
    let now = new Date('2026-11-15T09:00:00+07:00');
    const control = {
      dbPath: join(dir, 'so.sqlite'),
      appVersion: 'test',
      store: () => core.store,
      swap: () => core.dbStatus,
    };
    const backups = startAutoBackups(control, () => now);
    try {
      const folder = join(dir, 'sao-luu');
      backups.afterCall('payroll.approve', false);
      await backups.idle();
      expect(existsSync(folder) ? readdirSync(folder).filter((n) => n.includes('-payroll')) : []).toEqual([]);
      now = new Date('2026-11-15T09:05:00+07:00');
      backups.afterCall('payroll.approve', true);
      await backups.idle();
      expect(readdirSync(folder)).toEqual([autoBackupName(now, 'payroll', 1)]);
    } finally {
      backups.stop();
    }
  });
});

describe('manual backup and restore', () => {
  let core: TestCore;
  let usb: string;
  beforeEach(() => {
    core = track(testCore(dir));
    usb = join(dir, 'usb');
    mkdirSync(usb);
  });

  it('backs up to a folder, restores it after a change (showing what it holds first), and undoes the restore', async () => {
    await enroll(core, 'Nguyễn Văn Ơn');
    core.as('admin');
    const backup = await core.job('backup.create', { folder: usb });
    expect(backup).toMatchObject({ kind: 'file', encrypted: false, path: join(usb, backup.fileName) });
    expect(readdirSync(usb)).toEqual([backup.fileName]);
    const audit = core
      .store!.sqlite.prepare("SELECT detail_json FROM audit_log WHERE action = 'backup.create'")
      .pluck()
      .get() as string;
    expect(JSON.parse(audit)).toMatchObject({ file: backup.path, encrypted: false });

    await enroll(core, 'Đặng Thị Ánh');
    expect(peopleNames(core)).toEqual(['Nguyễn Văn Ơn', 'Đặng Thị Ánh']);

    core.as('admin');
    const contents = await core.ok('backup.inspect', { path: backup.path });
    expect(contents).toMatchObject({ people: 1, entitlements: 1, encrypted: false, lastPayroll: null });
    expect(contents.lastChangeAt).toMatch(/^2026-11-15T/);
    // Inspecting changes nothing.
    expect(peopleNames(core)).toEqual(['Nguyễn Văn Ơn', 'Đặng Thị Ánh']);

    const storeBefore = core.store;
    const restored = await core.ok('backup.restore', { path: backup.path });
    expect(restored).toMatchObject({ signedOut: false, contents: { people: 1 } });
    expect(core.store).toBe(storeBefore);
    expect(peopleNames(core)).toEqual(['Nguyễn Văn Ơn']);
    expect(core.store!.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(core.store!.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    // Audited in the restored register too, and the app keeps working on it.
    const done = core
      .store!.sqlite.prepare("SELECT user_name, detail_json FROM audit_log WHERE action = 'backup.restore.done'")
      .get() as { user_name: string; detail_json: string };
    expect(done.user_name).toBe('admin');
    expect(JSON.parse(done.detail_json)).toMatchObject({ from: backup.fileName, contents: { people: 1 } });
    expect((await core.call('audit.verify', {})).ok && true).toBe(true);
    await enroll(core, 'Lê Văn Sáng');
    expect(peopleNames(core)).toEqual(['Nguyễn Văn Ơn', 'Lê Văn Sáng']);

    // The undo copy holds the register as it was before the restore (with its audit entry of the restore).
    core.as('admin');
    const list = await core.ok('backup.list', {});
    expect(list.undo).toMatchObject({ kind: 'undo', fileName: 'truoc-khoi-phuc.sqlite' });
    await core.ok('backup.undoRestore', {});
    expect(peopleNames(core)).toEqual(['Nguyễn Văn Ơn', 'Đặng Thị Ánh']);
    const actions = core
      .store!.sqlite.prepare("SELECT action FROM audit_log WHERE entity = 'backup' ORDER BY id")
      .pluck()
      .all();
    expect(actions).toEqual(['backup.create', 'backup.restore', 'backup.undoRestore.done']);
  });

  it('encrypted backup: one .sasbak file; refused without or with a wrong passphrase; restored with the right one', async () => {
    await enroll(core, 'Nguyễn Văn Ơn');
    core.as('admin');
    const backup = await core.job('backup.create', { folder: usb, passphrase: 'mật khẩu dài 2026' });
    expect(backup.fileName).toMatch(/^so-an-sinh-sao-luu-2026-11-15_\d{6}\.sasbak$/);
    const bytes = readFileSync(backup.path);
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('SASBAK01');
    // The header names the app version, its build day and the register's schema (issue 18).
    expect(readHeader(backup.path).header).toMatchObject({
      appVersion: 'test',
      buildDate: 'dev',
      schemaVersion: LATEST_SCHEMA_VERSION,
    });
    expect(bytes.includes(Buffer.from('Nguyễn Văn Ơn'))).toBe(false);
    expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);

    await enroll(core, 'Đặng Thị Ánh');
    core.as('admin');
    const before = sha256File(join(dir, 'so.sqlite'));
    expect(await core.fail('backup.inspect', { path: backup.path })).toMatchObject({
      code: 'INVALID_INPUT',
      issues: [{ path: 'passphrase' }],
    });
    const wrong = await core.fail('backup.restore', { path: backup.path, passphrase: 'mật khẩu sai 2026' });
    expect(wrong).toMatchObject({
      code: 'INVALID_INPUT',
      issues: [{ path: 'passphrase', message: 'Cụm mật khẩu không đúng.' }],
    });
    expect(wrong.message).toContain('Dữ liệu hiện tại không bị thay đổi');
    expect(peopleNames(core)).toEqual(['Nguyễn Văn Ơn', 'Đặng Thị Ánh']);
    expect(sha256File(join(dir, 'so.sqlite'))).toBe(before);

    const contents = await core.ok('backup.inspect', { path: backup.path, passphrase: 'mật khẩu dài 2026' });
    expect(contents).toMatchObject({ people: 1, encrypted: true, createdAt: '2026-11-15T02:00:00.000Z' });
    await core.ok('backup.restore', { path: backup.path, passphrase: 'mật khẩu dài 2026' });
    expect(peopleNames(core)).toEqual(['Nguyễn Văn Ơn']);

    // Any byte changed in the encrypted file fails its authentication tag.
    const tampered = join(usb, 'sua.sasbak');
    const copy = Buffer.from(bytes);
    copy[copy.length - 100]! ^= 1;
    writeFileSync(tampered, copy);
    expect(await core.fail('backup.inspect', { path: tampered, passphrase: 'mật khẩu dài 2026' })).toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('a corrupted copy, a file that is not a backup, or another SQLite file is refused and nothing changes', async () => {
    await enroll(core, 'Nguyễn Văn Ơn');
    core.as('admin');
    const backup = await core.job('backup.create', { folder: usb });
    await enroll(core, 'Đặng Thị Ánh');
    core.as('admin');
    core.store!.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const before = sha256File(join(dir, 'so.sqlite'));

    const damaged = join(usb, 'hong.sqlite');
    copyFileSync(backup.path, damaged);
    damage(damaged);
    const corrupt = await core.fail('backup.restore', { path: damaged });
    expect(corrupt).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('Bản sao lưu bị hỏng') });

    const text = join(usb, 'ghi-chu.sqlite');
    writeFileSync(text, 'đây không phải cơ sở dữ liệu '.repeat(200));
    expect((await core.fail('backup.restore', { path: text })).message).toContain(
      'không phải là bản sao lưu của Sổ An Sinh',
    );

    const other = join(usb, 'khac.sqlite');
    const db = new Database(other);
    db.exec('CREATE TABLE x (a)');
    db.close();
    expect((await core.fail('backup.restore', { path: other })).message).toContain('không phải dữ liệu của Sổ An Sinh');
    expect(await core.fail('backup.restore', { path: join(usb, 'khong-co.sqlite') })).toMatchObject({
      code: 'NOT_FOUND',
    });

    expect(peopleNames(core)).toEqual(['Nguyễn Văn Ơn', 'Đặng Thị Ánh']);
    core.store!.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    expect(sha256File(join(dir, 'so.sqlite'))).toBe(before);
    expect(existsSync(join(dir, 'sao-luu', 'truoc-khoi-phuc.sqlite'))).toBe(false);
    expect(readdirSync(join(dir, 'sao-luu')).filter((n) => n.startsWith('.~'))).toEqual([]);
  });

  it('Huỷ during a backup leaves no file and no temp file', async () => {
    core.as('admin');
    const started = await core.ok('backup.create', { folder: usb, passphrase: 'mật khẩu dài 2026' });
    await core.ok('jobs.cancel', { jobId: started.jobId });
    const state = await waitFor(() => {
      const job = jobState(core, started.jobId);
      return job && job !== 'running' ? job : undefined;
    });
    expect(state).toBe('cancelled');
    expect(readdirSync(usb)).toEqual([]);
    expect(readdirSync(join(dir, 'sao-luu'))).toEqual([]);
  });

  it('only the administrator backs up and restores', async () => {
    core.as('officer');
    expect(await core.fail('backup.create', { folder: usb })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await core.fail('backup.restore', { path: join(usb, 'x.sqlite') })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await core.fail('backup.list', {})).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a backup to a folder that is gone (USB pulled out) says so and writes nothing', async () => {
    core.as('admin');
    const gone = join(dir, 'rut-ra');
    await expect(core.job('backup.create', { folder: gone })).rejects.toThrow('có thể USB đã bị rút ra');
    expect(existsSync(join(dir, 'sao-luu')) ? readdirSync(join(dir, 'sao-luu')) : []).toEqual([]);
  });
});

describe('recovery: the register cannot be opened', () => {
  it('lists the newest good backup and restores it only with the password of an administrator of that backup', async () => {
    const now = new Date('2026-11-15T09:00:00+07:00');
    const dbPath = join(dir, 'so.sqlite');
    const first = track(testCore(dir));
    await enroll(first, 'Nguyễn Văn Ơn');
    first
      .store!.sqlite.prepare('UPDATE users SET password_hash = ? WHERE id = 1')
      .run(await hashPassword('quan-tri-2026'));
    first.as('admin');
    await first.job('backup.create', {});
    first.close();
    cores = [];
    // An older backup that is damaged is skipped; the newest good one is offered.
    const folder = join(dir, 'sao-luu');
    const good = readdirSync(folder).find((n) => n.endsWith('-manual.sqlite'))!;
    const newerBad = autoBackupName(new Date('2026-11-15T10:00:00+07:00'), 'hourly', nextSequence(readdirSync(folder)));
    copyFileSync(join(folder, good), join(folder, newerBad));
    damage(join(folder, newerBad));
    writeFileSync(dbPath, 'hỏng hoàn toàn');

    const core = track(createAppCore({ dbPath, appVersion: 'test', shell: 'browser-harness', clock: () => now }));
    expect(core.dbStatus).toMatchObject({ state: 'error', code: 'NOT_SQLITE' });
    const listed = await core.call('backup.recoveryList', {});
    expect(listed).toMatchObject({
      ok: true,
      value: [
        { fileName: newerBad, contents: null, problem: expect.stringContaining('bị hỏng') },
        { fileName: good, contents: { people: 1 }, problem: null },
      ],
    });
    expect(
      await core.call('backup.recoveryRestore', { fileName: good, username: 'admin', password: 'sai' }),
    ).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(
      await core.call('backup.recoveryRestore', {
        fileName: '../so.sqlite',
        username: 'admin',
        password: 'quan-tri-2026',
      }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(readFileSync(dbPath, 'utf8')).toBe('hỏng hoàn toàn');

    expect(
      await core.call('backup.recoveryRestore', { fileName: good, username: 'admin', password: 'quan-tri-2026' }),
    ).toMatchObject({ ok: true });
    expect(core.dbStatus).toMatchObject({ state: 'ok' });
    expect(await core.call('app.info', {})).toMatchObject({ ok: true, value: { db: { state: 'ok' } } });
    expect(peopleNames(core)).toEqual(['Nguyễn Văn Ơn']);
    expect(
      core
        .store!.sqlite.prepare("SELECT user_name FROM audit_log WHERE action = 'backup.recoveryRestore.done'")
        .pluck()
        .get(),
    ).toBe('admin');
    // The unreadable file is kept, byte for byte, for the technician.
    expect(readFileSync(join(folder, 'truoc-khoi-phuc.sqlite'), 'utf8')).toBe('hỏng hoàn toàn');
    // Once the register works, recovery channels are closed.
    expect(await core.call('backup.recoveryList', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
