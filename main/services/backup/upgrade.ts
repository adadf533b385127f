import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DB_MESSAGES, DbOpenError, storageProblemOf } from '../../db/errors';
import { schemaVersionOf } from '../../db/migrate';
import { vacuumInto } from './queries';
import { autoBackupName, backupFolderOf, nextSequence } from './auto';

// The first start of a newer version: before its migrations touch a register written by an older one,
// a copy of the file as the older version left it goes into sao-luu/ (reason `upgrade`), checked with
// integrity_check and for its schema version. Synchronous on purpose: it runs inside the open, before
// anything can write, and the core is in its own thread. If the copy cannot be made or does not verify,
// the register is not migrated (DbOpenError UPGRADE_BACKUP, or DISK_FULL) and stays as it was.
// Rotation leaves it alone only by count: it is an ordinary automatic backup once made (the newest of its
// day is kept 30 days), which is why it is also listed and restorable like the others.

export function backupBeforeUpgrade(sqlite: Database.Database, dbPath: string, from: number, now: Date): string {
  const folder = backupFolderOf(dbPath);
  const temp = join(folder, `.~${randomBytes(4).toString('hex')}.tmp`);
  try {
    mkdirSync(folder, { recursive: true });
    // VACUUM INTO writes a consistent, self-contained copy (no -wal beside it) and reads only.
    vacuumInto(sqlite, temp);
    const copy = new Database(temp, { readonly: true, fileMustExist: true });
    try {
      const rows = copy.pragma('integrity_check', { simple: false }) as Array<{ integrity_check: string }>;
      if (rows.length !== 1 || rows[0]!.integrity_check !== 'ok')
        throw new Error(`integrity_check: ${rows.map((r) => r.integrity_check).join('; ')}`);
      const version = schemaVersionOf(copy);
      if (version !== from) throw new Error(`the copy holds schema ${version}, not ${from}`);
    } finally {
      copy.close();
    }
    const path = join(folder, autoBackupName(now, 'upgrade', nextSequence(readdirSync(folder))));
    renameSync(temp, path);
    return path;
  } catch (error) {
    if (storageProblemOf(error) === 'DISK_FULL') throw new DbOpenError('DISK_FULL', DB_MESSAGES.DISK_FULL(), error);
    throw new DbOpenError(
      'UPGRADE_BACKUP',
      DB_MESSAGES.UPGRADE_BACKUP(dbPath, error instanceof Error ? error.message : String(error)),
      error,
    );
  } finally {
    try {
      rmSync(temp, { force: true });
    } catch {
      /* the folder itself is unusable: nothing was written there */
    }
  }
}
