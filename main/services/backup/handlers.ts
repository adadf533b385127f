import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { HandlerTable } from '../../api/handlers';
import type { HandlerContext, StatusContext } from '../../api/context';
import type { backupChannels, BackupContents, BackupFile } from '@shared/api/backup';
import { ApiError } from '@shared/api/errors';
import { verifyPassword } from '../auth/passwords';
import { pickPath } from '../files/pick';
import { backupFolderOf, listAutoBackups, parseAutoBackupName, undoPathOf } from './auto';
import type { DbControl } from './control';
import { startManualBackup } from './manual';
import { adminOfCandidate, inspectBackup, prepareCandidate, restoreBackup } from './restore';

// This area's handlers: plain functions over the context (main/api/context.ts), spread into main/api/handlers.ts.

function controlOf(ctx: { dbControl?: DbControl | undefined }): DbControl {
  if (!ctx.dbControl) throw new ApiError('DB_UNAVAILABLE', 'Chức năng sao lưu chưa sẵn sàng.');
  return ctx.dbControl;
}

/** Recovery channels answer only while the register cannot be opened (and not when it is on a USB stick). */
function assertRecovery(ctx: StatusContext): DbControl {
  const control = controlOf(ctx);
  if (ctx.app.db.state === 'ok')
    throw new ApiError(
      'FORBIDDEN',
      'Dữ liệu đang dùng bình thường: hãy đăng nhập và khôi phục trong Cài đặt → Sao lưu và khôi phục.',
    );
  if (ctx.app.db.code === 'UNSAFE_LOCATION') {
    throw new ApiError(
      'FORBIDDEN',
      'Tệp dữ liệu đang nằm trên USB hoặc ổ mạng: không khôi phục vào đó. Hãy chép tệp vào ổ đĩa của máy.',
    );
  }
  return control;
}

// Recovery sign-in attempts: a pause after repeated wrong passwords (in memory; a restart resets it).
const recoveryFailures = { count: 0, until: 0 };
const RECOVERY_MAX_FAILURES = 5;
const RECOVERY_PAUSE_MS = 5 * 60_000;

export const backupHandlers: Pick<HandlerTable, keyof typeof backupChannels> = {
  'files.pickFolder': () => pickPath({ kind: 'folder', title: 'Chọn thư mục' }),
  'backup.pickFile': () => pickPath({ kind: 'file', title: 'Chọn tệp sao lưu', extensions: ['sqlite', 'sasbak'] }),
  'backup.list': (ctx: HandlerContext) => listAutoBackups(controlOf(ctx).dbPath),
  'backup.create': (ctx: HandlerContext, input) => startManualBackup(ctx, input),
  'backup.inspect': (ctx: HandlerContext, input) => inspectBackup(controlOf(ctx), input.path, input.passphrase),
  'backup.restore': (ctx: HandlerContext, input) =>
    restoreBackup({
      control: controlOf(ctx),
      source: input.path,
      passphrase: input.passphrase,
      actor: ctx.user,
      now: ctx.now,
      sessions: ctx.sessions,
      client: ctx.client,
      action: 'backup.restore',
    }),
  'backup.undoRestore': (ctx: HandlerContext) => {
    const control = controlOf(ctx);
    const source = undoPathOf(control.dbPath);
    if (!existsSync(source))
      throw new ApiError('NOT_FOUND', 'Không có bản dữ liệu trước lần khôi phục gần nhất để hoàn tác.');
    return restoreBackup({
      control,
      source,
      actor: ctx.user,
      now: ctx.now,
      sessions: ctx.sessions,
      client: ctx.client,
      action: 'backup.undoRestore',
    });
  },
  'backup.recoveryList': async (ctx: StatusContext) => {
    const control = assertRecovery(ctx);
    const out: Array<BackupFile & { contents: BackupContents | null; problem: string | null }> = [];
    let good = false;
    // Newest first; each is checked until the newest good one is found (older ones are listed unchecked).
    for (const backup of listAutoBackups(control.dbPath).backups) {
      if (good) {
        out.push({ ...backup, contents: null, problem: null });
        continue;
      }
      try {
        out.push({ ...backup, contents: await inspectBackup(control, backup.path, undefined, false), problem: null });
        good = true;
      } catch (error) {
        out.push({ ...backup, contents: null, problem: error instanceof Error ? error.message : String(error) });
      }
    }
    return out;
  },
  'backup.recoveryRestore': async (ctx: StatusContext, input) => {
    const control = assertRecovery(ctx);
    if (!parseAutoBackupName(input.fileName)) throw new ApiError('NOT_FOUND', 'Không tìm thấy bản sao lưu này.');
    const now = ctx.now.getTime();
    if (recoveryFailures.until > now)
      throw new ApiError('LOCKED', 'Nhập sai quá nhiều lần. Hãy đợi 5 phút rồi thử lại.');
    const source = join(backupFolderOf(control.dbPath), input.fileName);
    const candidate = await prepareCandidate(control.dbPath, source, undefined, { appVersion: control.appVersion });
    try {
      const admin = adminOfCandidate(candidate, input.username);
      if (!admin || !(await verifyPassword(input.password, admin.passwordHash))) {
        if (++recoveryFailures.count >= RECOVERY_MAX_FAILURES) {
          recoveryFailures.count = 0;
          recoveryFailures.until = now + RECOVERY_PAUSE_MS;
        }
        throw new ApiError(
          'UNAUTHENTICATED',
          'Tên đăng nhập hoặc mật khẩu không đúng với một tài khoản quản trị trong bản sao lưu này.',
          [{ path: 'password', message: 'Không đúng tài khoản quản trị của bản sao lưu.' }],
        );
      }
      recoveryFailures.count = 0;
      const { passwordHash: _ignored, ...actor } = admin;
      return await restoreBackup({
        control,
        source,
        candidate,
        actor,
        now: ctx.now,
        sessions: ctx.sessions,
        client: ctx.client,
        action: 'backup.recoveryRestore',
      });
    } finally {
      rmSync(candidate.path, { force: true });
    }
  },
};
