import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, createReadStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import type { BackupContents, RestoreResult } from '@shared/api/backup';
import type { AuditHead } from '@shared/api/auth';
import { ApiError } from '@shared/api/errors';
import type { ActingUser } from '../../api/context';
import { Store } from '../../db/store';
import { appendAudit, verifyAuditChain } from '../audit';
import { chainHead, checkBackupAnchors, recordRestore } from '../audit-anchors';
import type { Sessions } from '../auth/sessions';
import { backupFolderOf, undoPathOf } from './auto';
import { exclusive, type DbControl } from './control';
import { decryptFile, isEncryptedBackup, NotABackup, WrongPassphrase, type EncryptedHeader } from './format';
import { checkShape, RebuildProblem, rebuildInWorker } from './rebuild';
import { assertCandidateFile, BackupProblem, copyRegister, PROBLEM_MESSAGES, summarize } from './sqlite-file';
import { activeAdminById, activeAdminByName } from './queries';

// Restore: a backup file is first copied (decrypted if needed) to a private temp file next to the
// register and checked there (integrity_check, a Sổ An Sinh register, not from a newer app, its tables
// and columns exactly those of its schema version); then its ROWS are copied into a fresh register built
// by the bundled migrations (rebuild.ts), so no trigger, view or index of the file ever runs or survives.
// The rebuilt register's audit chain is verified and compared with the anchors the app has issued
// (audit-anchors.ts), and all of it is shown before anything is replaced. Only then is the register
// swapped, after a copy of the current one has been kept as the undo copy
// (sao-luu/truoc-khoi-phuc.sqlite). "Hoàn tác" is a restore from that copy (which in turn keeps the
// register it replaces). The restore is audited in the register it replaces and in the restored one.

export interface Candidate {
  path: string;
  contents: BackupContents;
  /** The anchor in an encrypted backup's header, to check the chain against again at restore. */
  headerAnchor?: AuditHead | undefined;
}

const tempIn = (folder: string, what: string) => join(folder, `.~${what}-${randomBytes(4).toString('hex')}.tmp`);

export interface PrepareOptions {
  appVersion: string;
  /** The register in use, if it opens: the backup's chain must agree with it where both have entries. */
  current?: Database.Database | undefined;
  /** Undo of a restore: the undo copy is the history the restore replaced, not compared with the register. */
  undo?: boolean;
}

/** Copies `source` to a private temp file (decrypting it if it is encrypted), checks it and rebuilds it from its rows. */
export async function prepareCandidate(
  dbPath: string,
  source: string,
  passphrase: string | undefined,
  options: PrepareOptions,
): Promise<Candidate> {
  if (!existsSync(source) || !statSync(source).isFile()) {
    throw new ApiError(
      'NOT_FOUND',
      `Không tìm thấy tệp sao lưu «${source}» (có thể USB đã bị rút ra). Dữ liệu hiện tại không bị thay đổi.`,
      [{ path: 'path', message: 'Không tìm thấy tệp này.' }],
    );
  }
  const folder = backupFolderOf(dbPath);
  mkdirSync(folder, { recursive: true });
  const raw = tempIn(folder, 'khoi-phuc');
  const built = tempIn(folder, 'dung-lai');
  try {
    let header: EncryptedHeader | undefined;
    if (isEncryptedBackup(source)) {
      if (!passphrase) throw new BackupProblem('NEEDS_PASSPHRASE', PROBLEM_MESSAGES.NEEDS_PASSPHRASE);
      header = await decryptFile(source, raw, passphrase);
    } else {
      await copyFile(source, raw);
    }
    await assertCandidateFile(raw);
    const { version, notes } = rebuildProblem(() => checkShape(raw));
    try {
      await rebuildInWorker(raw, built, version, options.appVersion);
    } catch (error) {
      rebuildProblem(() => {
        throw error;
      });
    }
    rmSync(raw, { force: true });
    const db = new Database(built, { readonly: true, fileMustExist: true });
    try {
      const chain = verifyAuditChain(new Store(db));
      const anchors = checkBackupAnchors(db, dbPath, {
        headerAnchor: header?.anchor,
        current: options.undo ? undefined : options.current,
      });
      const contents: BackupContents = {
        ...summarize(db, header?.createdAt ?? null),
        schemaVersion: version,
        auditChain: { ...chain, head: chainHead(db) },
        anchors,
        schemaNotes: notes,
      };
      return { path: built, contents, headerAnchor: header?.anchor };
    } finally {
      db.close();
    }
  } catch (error) {
    rmSync(built, { force: true });
    throw toRestoreError(error);
  } finally {
    rmSync(raw, { force: true });
  }
}

function rebuildProblem<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (!(error instanceof RebuildProblem)) throw error;
    if (error.kind === 'UNEXPECTED_SCHEMA' || error.kind === 'BAD_DATA') {
      const problem = new BackupProblem(error.kind, `${PROBLEM_MESSAGES[error.kind]} (${error.detail})`);
      throw problem;
    }
    throw new BackupProblem(error.kind, PROBLEM_MESSAGES[error.kind]);
  }
}

// The register rebuilt by the last inspect is kept (a hidden temp file, removed at start if left over)
// for the restore that usually follows, so a large backup is not rebuilt twice. It is used only for
// the same bytes (SHA-256 of the file) and passphrase, within 10 minutes; the anchor check is redone.
const REUSE_MS = 10 * 60_000;
let inspected: { key: string; candidate: Candidate; at: number } | undefined;

async function sourceKey(source: string, passphrase: string | undefined): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(source), hash);
  return `${hash.digest('hex')}:${createHash('sha256')
    .update(passphrase ?? '')
    .digest('hex')}`;
}

function forgetInspected(): void {
  if (inspected) rmSync(inspected.candidate.path, { force: true });
  inspected = undefined;
}

/** Verifies a backup and says what it holds; changes nothing (the rebuilt copy is kept for the restore). */
export async function inspectBackup(
  control: DbControl,
  source: string,
  passphrase: string | undefined,
  keep = true,
): Promise<BackupContents> {
  return exclusive(async () => {
    forgetInspected();
    const before = existsSync(source) ? await sourceKey(source, passphrase) : '';
    const candidate = await prepareCandidate(control.dbPath, source, passphrase, {
      appVersion: control.appVersion,
      current: control.store()?.sqlite,
    });
    const after = await sourceKey(source, passphrase).catch(() => '');
    if (keep && before && before === after) inspected = { key: after, candidate, at: Date.now() };
    else rmSync(candidate.path, { force: true });
    return candidate.contents;
  });
}

/** The candidate kept by the last inspect of these same bytes, its anchor check redone; else undefined. */
async function reuseInspected(
  control: DbControl,
  source: string,
  passphrase: string | undefined,
  undo: boolean,
): Promise<Candidate | undefined> {
  const kept = inspected;
  inspected = undefined;
  if (!kept) return undefined;
  const fresh =
    Date.now() - kept.at < REUSE_MS &&
    existsSync(kept.candidate.path) &&
    existsSync(source) &&
    (await sourceKey(source, passphrase)) === kept.key;
  if (!fresh) {
    rmSync(kept.candidate.path, { force: true });
    return undefined;
  }
  const db = new Database(kept.candidate.path, { readonly: true, fileMustExist: true });
  try {
    const anchors = checkBackupAnchors(db, control.dbPath, {
      headerAnchor: kept.candidate.headerAnchor,
      current: undo ? undefined : control.store()?.sqlite,
    });
    return { ...kept.candidate, contents: { ...kept.candidate.contents, anchors } };
  } finally {
    db.close();
  }
}

export interface RestoreRequest {
  control: DbControl;
  source: string;
  passphrase?: string | undefined;
  actor: ActingUser;
  now: Date;
  sessions: Sessions;
  client: string;
  /** Recovery: the candidate was already prepared (and the actor's password checked against it). */
  candidate?: Candidate;
  action: 'backup.restore' | 'backup.undoRestore' | 'backup.recoveryRestore';
}

export function restoreBackup(request: RestoreRequest): Promise<RestoreResult> {
  return exclusive(() => restoreNow(request));
}

async function restoreNow(request: RestoreRequest): Promise<RestoreResult> {
  const { control, source, actor, now } = request;
  const dbPath = control.dbPath;
  const undo = request.action === 'backup.undoRestore';
  const candidate =
    request.candidate ??
    (await reuseInspected(control, source, request.passphrase, undo)) ??
    (await prepareCandidate(dbPath, source, request.passphrase, {
      appVersion: control.appVersion,
      current: control.store()?.sqlite,
      undo,
    }));
  const folder = backupFolderOf(dbPath);
  const undoPath = undoPathOf(dbPath);
  const undoTemp = tempIn(folder, 'hoan-tac');
  const from = basename(source);
  try {
    const current = control.store();
    if (current) {
      current.transaction(() =>
        appendAudit(
          current,
          actor,
          {
            action: request.action,
            entity: 'backup',
            detail: { from, contents: candidate.contents, undoCopy: undoPath },
          },
          now,
        ),
      );
      await copyRegister(current.sqlite, undoTemp);
    } else if (existsSync(dbPath)) {
      // The register could not be opened: its bytes are kept as they are, for the technician.
      copyFileSync(dbPath, undoTemp);
    }
    const sidecars = () => ['-wal', '-shm', '-journal'].forEach((s) => rmSync(dbPath + s, { force: true }));
    control.swap(
      () => {
        sidecars();
        renameSync(candidate.path, dbPath);
      },
      () => {
        sidecars();
        if (existsSync(undoTemp)) copyFileSync(undoTemp, dbPath);
      },
    );
    if (existsSync(undoTemp)) renameSync(undoTemp, undoPath);
    const store = control.store()!;
    const inRestored = sameUserIn(store, actor);
    store.transaction(() =>
      appendAudit(
        store,
        inRestored ?? { ...actor, id: null },
        {
          action: `${request.action}.done`,
          entity: 'backup',
          detail: { from, contents: candidate.contents, undoCopy: undoPath },
        },
        now,
      ),
    );
    // Anchors newer than the restored chain went with the register it replaced; the new head is recorded.
    recordRestore(dbPath, candidate.contents.auditChain.head, chainHead(store.sqlite), now, from, undo);
    control.anchorsChanged?.();
    // The restored register has its own users: whoever is not an active administrator there signs in again.
    const signedOut = !inRestored;
    if (signedOut) request.sessions.signOut(request.client);
    return { restoredFrom: source, contents: candidate.contents, undoPath, signedOut };
  } finally {
    rmSync(candidate.path, { force: true });
    rmSync(undoTemp, { force: true });
  }
}

function sameUserIn(store: Store, actor: ActingUser): ActingUser | undefined {
  if (actor.id === null) return undefined;
  const row = activeAdminById(store.sqlite, actor.id, actor.username);
  return row ? { id: row.id, username: row.username, fullName: row.full_name, role: 'admin' } : undefined;
}

/** The active administrator `username` of a prepared candidate, with the password hash to check. */
export function adminOfCandidate(
  candidate: Candidate,
  username: string,
): (ActingUser & { passwordHash: string | null }) | undefined {
  const db = new Database(candidate.path, { readonly: true, fileMustExist: true });
  try {
    const row = activeAdminByName(db, username);
    return row
      ? { id: row.id, username: row.username, fullName: row.full_name, role: 'admin', passwordHash: row.password_hash }
      : undefined;
  } finally {
    db.close();
  }
}

export function toRestoreError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof WrongPassphrase) {
    return new ApiError('INVALID_INPUT', PROBLEM_MESSAGES.WRONG_PASSPHRASE, [
      { path: 'passphrase', message: 'Cụm mật khẩu không đúng.' },
    ]);
  }
  if (error instanceof NotABackup) {
    const message =
      error.message === 'unknown key derivation parameters'
        ? PROBLEM_MESSAGES.UNKNOWN_KDF
        : PROBLEM_MESSAGES.NOT_SQLITE;
    return new ApiError('INVALID_INPUT', message, [{ path: 'path', message: 'Không phải tệp sao lưu.' }]);
  }
  if (error instanceof BackupProblem) {
    const path = error.kind === 'NEEDS_PASSPHRASE' ? 'passphrase' : 'path';
    return new ApiError('INVALID_INPUT', error.message, [{ path, message: error.message }]);
  }
  throw error;
}
