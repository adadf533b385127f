import type { ChannelOutput } from '@shared/api/contract';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupFile } from '@shared/api/backup';
import { ApiError } from '@shared/api/errors';
import type { HandlerContext } from '../../api/context';
import { schemaVersionOf } from '../../db/migrate';
import { auditedWrite, startJob } from '../../jobs';
import { today } from '../clock';
import { assertFolder, writeFilesSafely } from '../files/write';
import { backupFolderOf, makeAutoBackup } from './auto';
import { exclusive } from './control';
import { encryptFile } from './format';
import { copyRegister } from './sqlite-file';
import { issueAnchor } from '../audit-anchors';
import type { AuditAnchor } from '@shared/api/auth';

// A backup made by hand (Cài đặt → Sao lưu và khôi phục), as a job with progress: into the automatic
// folder when no folder is chosen, else into the chosen folder (a USB stick) as one self-contained file —
// a plain SQLite file (.sqlite) or, with a passphrase, the encrypted format (.sasbak, format.ts). The copy
// is made and verified on the PC's disk first, then written to the folder with the safe folder writer
// (temp name, fsync, rename, read back and compare).

const pad = (n: number) => String(n).padStart(2, '0');

export function manualBackupName(now: Date, encrypted: boolean): string {
  return `so-an-sinh-sao-luu-${today(now)}_${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}.${encrypted ? 'sasbak' : 'sqlite'}`;
}

export function startManualBackup(
  ctx: HandlerContext,
  input: { folder?: string | undefined; passphrase?: string | undefined },
): ChannelOutput<'backup.create'> {
  const control = ctx.dbControl;
  if (!control) throw new ApiError('DB_UNAVAILABLE', 'Chưa mở được tệp dữ liệu.');
  const { store, user, now } = ctx;
  const passphrase = input.passphrase || undefined;
  const folder = input.folder;
  if (!folder && passphrase) {
    throw new ApiError(
      'INVALID_INPUT',
      'Bản sao lưu tự động trên máy không mã hoá: hãy chọn thư mục (USB) để lưu bản có cụm mật khẩu.',
      [{ path: 'folder', message: 'Hãy chọn thư mục.' }],
    );
  }
  const jobId = startJob('backup.create', 'Đang sao lưu…', (progress, signal) =>
    exclusive(async () => {
      // Percent: copy 0–60, encrypt 60–75, write 75–100.
      const step = (from: number, span: number) => (done: number, total: number) =>
        progress(from + Math.round((span * done) / Math.max(1, total)), 100);
      // Huỷ during the copy: throwing from SQLite's backup progress stops the copy (its temp file is removed).
      const copying = (done: number, total: number) => {
        signal.throwIfCancelled();
        step(0, 60)(done, total);
      };
      let result: BackupFile;
      let anchor: AuditAnchor | null = null;
      if (!folder) {
        result = await makeAutoBackup(store.sqlite, control.dbPath, 'manual', now, copying);
      } else {
        await assertFolder(folder);
        const local = backupFolderOf(control.dbPath);
        mkdirSync(local, { recursive: true });
        const plain = join(local, `.~sao-luu-${randomBytes(4).toString('hex')}.tmp`);
        const sealed = `${plain}.sasbak`;
        try {
          progress(0, 100, 'Đang sao chép và kiểm tra dữ liệu…');
          // The chain's head now is in the copy (the log only grows): it is the backup's anchor, in the
          // .sasbak header and in the app's anchor record (audit-anchors.ts).
          anchor = issueAnchor(store.sqlite, control.dbPath, 'backup', manualBackupName(now, !!passphrase), now);
          await copyRegister(store.sqlite, plain, copying);
          signal.throwIfCancelled();
          if (passphrase) {
            progress(60, 100, 'Đang mã hoá…');
            const bytes = statSync(plain).size;
            await encryptFile(plain, sealed, passphrase, {
              createdAt: now.toISOString(),
              appVersion: ctx.app.appVersion,
              schemaVersion: schemaVersionOf(store.sqlite),
              bytes,
              ...(anchor ? { anchor: { seq: anchor.seq, hash: anchor.hash } } : {}),
            });
            signal.throwIfCancelled();
          }
          progress(75, 100, 'Đang ghi vào thư mục đã chọn…');
          const [written] = await writeFilesSafely(
            folder,
            [{ name: manualBackupName(now, !!passphrase), sourcePath: passphrase ? sealed : plain }],
            {
              onProgress: step(75, 25),
            },
          );
          result = {
            fileName: written!.name,
            path: written!.path,
            bytes: written!.bytes,
            createdAt: now.toISOString(),
            kind: 'file',
            encrypted: !!passphrase,
          };
        } finally {
          rmSync(plain, { force: true });
          rmSync(sealed, { force: true });
        }
      }
      auditedWrite(store, user, now, (audit) =>
        audit({
          action: 'backup.create',
          entity: 'backup',
          detail: {
            file: result.path,
            bytes: result.bytes,
            encrypted: result.encrypted,
            ...(anchor ? { anchor: { seq: anchor.seq, hash: anchor.hash } } : {}),
          },
        }),
      );
      return result;
    }),
  );
  return { jobId };
}
