import { z } from 'zod';
import { passphraseMessage } from '../domain/passphrase';
import type { AnchorCheck, AuditHead } from './auth';
import { ADMIN, job, query, session, status } from './channel';

// Backups and restore (main/services/backup/), and the folder chooser shared by every area that writes
// files to a folder the user picks (main/services/files/).

/** Where the file is from: the automatic folder next to the register, a copy the user made, or the undo copy. */
export type BackupKind = 'auto' | 'undo' | 'file';

export interface BackupFile {
  fileName: string;
  path: string;
  bytes: number;
  /** When the file was written (ISO), from its name for automatic backups, else the file's time. */
  createdAt: string;
  kind: BackupKind;
  encrypted: boolean;
  /** Why an automatic backup was made: 'start' | 'payroll' | 'hourly' | 'manual' | 'upgrade' (before a newer version migrated it). */
  reason?: string;
}

/** What a backup holds, read from a verified copy before anything is replaced. */
export interface BackupContents {
  schemaVersion: number;
  /** Time of the last change recorded in the backup's audit log (ISO), null when it has none. */
  lastChangeAt: string | null;
  /** For an encrypted backup: when it was made (from its header). */
  createdAt: string | null;
  officeName: string;
  /** Beneficiaries: people who only receive for another (authorized relatives) are not counted. */
  people: number;
  /** Entitlements still open (being paid or suspended). */
  entitlements: number;
  users: number;
  lastPayroll: { month: string; status: string } | null;
  encrypted: boolean;
  /** The backup's audit chain, verified before anything is replaced. */
  auditChain: { ok: boolean; entries: number; firstBrokenId?: number; head: AuditHead | null };
  /** The backup's chain against the anchors this app has issued, its own header's, and the current register. */
  anchors: AnchorCheck;
  /**
   * Triggers, views or indexes the file carried that a fresh register of its version does not have
   * (`ignored`: never run, never kept) or lacked (`missing`: the app's own are used). Restore brings rows only.
   */
  schemaNotes: { ignored: string[]; missing: string[] };
}

export interface BackupList {
  folder: string;
  backups: BackupFile[];
  /** The copy of the register taken before the last restore; "Hoàn tác" puts it back. */
  undo: BackupFile | null;
}

export interface RestoreResult {
  restoredFrom: string;
  contents: BackupContents;
  /** Where the register as it was before the restore is kept. */
  undoPath: string;
  /** True when the restoring user is not in the restored register: sign in again. */
  signedOut: boolean;
}

export interface PickResult {
  /** false where there is no native dialog (the browser harness): the path is typed instead. */
  supported: boolean;
  path: string | null;
}

const noInput = z.object({}).strict();
const pathField = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `Hãy chọn ${label}.`)
    .max(1000, `${label[0]!.toUpperCase()}${label.slice(1)} quá dài.`);
/** Optional passphrase; an empty string means none. */
const passphraseField = z.string().max(200, 'Cụm mật khẩu quá dài (tối đa 200 ký tự).').optional();

export const createBackupSchema = z
  .object({
    /** Omitted: into the automatic backup folder next to the register. */
    folder: pathField('thư mục').optional(),
    /** A new backup's passphrase must pass the rule in shared/domain/passphrase.ts (old backups open with theirs). */
    passphrase: passphraseField.superRefine((p, ctx) => {
      const message = p ? passphraseMessage(p) : null;
      if (message) ctx.addIssue({ code: 'custom', message });
    }),
  })
  .strict();
export const backupFileSchema = z.object({ path: pathField('tệp sao lưu'), passphrase: passphraseField }).strict();
export const recoveryRestoreSchema = z
  .object({
    fileName: z.string().min(1).max(200),
    username: z.string().trim().min(1, 'Hãy nhập tên đăng nhập.').max(100),
    password: z.string().min(1, 'Hãy nhập mật khẩu.').max(200),
  })
  .strict();

export const backupChannels = {
  /** A native folder dialog in Electron; { supported: false } in the browser harness (type the path). */
  'files.pickFolder': status<Promise<PickResult>>()(noInput, 'signed-in'),
  'backup.pickFile': status<Promise<PickResult>>()(noInput, ADMIN),
  'backup.list': query<BackupList>()(noInput, ADMIN),
  /** Starts a job: a backup (optionally encrypted) into the chosen folder; result BackupFile. */
  'backup.create': job<BackupFile>()(createBackupSchema, ADMIN),
  /** Verifies a backup (decrypts it if needed) and says what it holds; changes nothing. */
  'backup.inspect': query<Promise<BackupContents>>()(backupFileSchema, ADMIN),
  /** Replaces the register with a verified backup, keeping the current one as the undo copy. */
  'backup.restore': session<Promise<RestoreResult>>()(backupFileSchema, ADMIN),
  /** Puts back the register as it was before the last restore. */
  'backup.undoRestore': session<Promise<RestoreResult>>()(noInput, ADMIN),
  /**
   * Recovery (the register cannot be opened, so no one can sign in): the automatic backups, newest first,
   * each with what it holds or why it is unusable. Answers only while the register is unusable.
   */
  'backup.recoveryList': status<
    Promise<Array<BackupFile & { contents: BackupContents | null; problem: string | null }>>
  >()(noInput, 'public'),
  /**
   * Recovery: restores an automatic backup, by name, while the register is unusable. Needs the user name
   * and password of an active administrator *of that backup*: whoever restores proves they administer the
   * register being put back.
   */
  'backup.recoveryRestore': status<Promise<RestoreResult>>()(recoveryRestoreSchema, 'public'),
} as const;
