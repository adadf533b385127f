import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { BackupContents, BackupFile } from '@shared/api/backup';
import type { BenchEnv } from './areas';
import { benchCore, call, mib, ms, row, section, time, timeAsync, waitForJob } from './lib';
import type { ChannelInput } from '@shared/api/contract';
import { copyRegister } from '../main/services/backup/sqlite-file';

// Backups of the full register through the real channels: the copy (SQLite online backup API) with its
// integrity_check, a backup to a folder (written and read back), an encrypted one (scrypt + AES-256-GCM),
// verifying a backup before a restore (copy/decrypt + integrity_check + counts), and the restore itself.

export async function benchBackup(env: BenchEnv): Promise<void> {
  section(`Backups (${env.people.toLocaleString('vi-VN')} people)`);
  const core = benchCore(env.registerPath, 'admin');
  const usb = join(env.dir, 'usb');
  mkdirSync(usb, { recursive: true });
  try {
    const copyPath = join(env.dir, 'bench-copy.sqlite');
    const copyMs = await timeAsync(() => copyRegister(core.store!.sqlite, copyPath));
    const db = new Database(copyPath, { readonly: true });
    const checkMs = time(() => db.pragma('integrity_check', { simple: true }));
    db.close();
    rmSync(copyPath, { force: true });
    row(
      'online backup copy + integrity_check (copyRegister)',
      `${ms(copyMs)} ms (of which integrity_check alone ≈ ${ms(checkMs)} ms)`,
    );

    const job = async (input: ChannelInput<'backup.create'>) =>
      await waitForJob(core, (await call(core, 'backup.create', input)).jobId);
    let auto: BackupFile | undefined;
    const autoMs = await timeAsync(async () => (auto = await job({})));
    row('backup into the automatic folder (job, verified, rotated)', `${ms(autoMs)} ms (${mib(auto!.bytes)})`);

    let plain: BackupFile | undefined;
    const plainMs = await timeAsync(async () => (plain = await job({ folder: usb })));
    row(
      'backup to a chosen folder (job: copy, check, write, fsync, read back)',
      `${ms(plainMs)} ms (${mib(plain!.bytes)})`,
    );

    let sealed: BackupFile | undefined;
    const sealedMs = await timeAsync(
      async () => (sealed = await job({ folder: usb, passphrase: 'mật khẩu thử 2026' })),
    );
    row(
      'encrypted backup to a chosen folder (job, scrypt + AES-256-GCM)',
      `${ms(sealedMs)} ms (${mib(sealed!.bytes)})`,
    );

    let contents: BackupContents | undefined;
    const inspectMs = await timeAsync(
      async () => (contents = await call(core, 'backup.inspect', { path: plain!.path })),
    );
    row(
      'verify a backup before restoring (backup.inspect)',
      `${ms(inspectMs)} ms (${contents!.people.toLocaleString('vi-VN')} people)`,
    );
    const inspectSealedMs = await timeAsync(() =>
      call(core, 'backup.inspect', { path: sealed!.path, passphrase: 'mật khẩu thử 2026' }),
    );
    row('verify an encrypted backup (decrypt + check)', `${ms(inspectSealedMs)} ms`);

    const restoreMs = await timeAsync(() => call(core, 'backup.restore', { path: plain!.path }));
    row('restore (verify, undo copy, swap, reopen)', `${ms(restoreMs)} ms`);
  } finally {
    core.close();
  }
}
