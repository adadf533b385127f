import Database from 'better-sqlite3';
import { accessSync, closeSync, constants, existsSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DB_MESSAGES, DbOpenError, messageForProblem, storageProblemOf } from './errors';
import { appVersionOfSchema, assertSchemaSupported, migrate, schemaVersionOf } from './migrate';
import { Store } from './store';

const SQLITE_HEADER = 'SQLite format 3\u0000';

export interface OpenedDatabase {
  store: Store;
  schemaVersion: number;
  /** The file's schema version before this open migrated it (equal to schemaVersion when nothing ran). */
  previousSchemaVersion: number;
  /** The app version that applied the file's newest migration, as found before this open migrated it. */
  previousSchemaAppVersion?: string;
  /** What `beforeUpgrade` returned (the verified backup's path), when the file was migrated. */
  upgradeBackup?: string;
  /** `quick_check` was not run at open (quickCheck 'when-migrating', nothing to migrate): the caller runs it. */
  quickCheckDeferred: boolean;
}

export interface OpenOptions {
  appVersion: string;
  /**
   * Called before the migrations touch a file that holds an older schema (not a new file): the app takes
   * a verified backup here. It throws to leave the file untouched. Runs before the switch to WAL, so the
   * file is exactly as the older version left it.
   */
  beforeUpgrade?: (sqlite: Database.Database, from: number, to: number) => string;
  /**
   * 'when-migrating': run `quick_check` at open only when migrations are about to write to the file; on
   * a file already at this schema the caller runs it after the first screen (main/db/integrity.ts) and
   * holds back writes until it passes (issue 18: ~1.2 s at 100,000 people). Default 'always'.
   */
  quickCheck?: 'always' | 'when-migrating';
}

/**
 * Opens (or creates) the register file: checks it is SQLite and intact before anything writes to it,
 * then WAL + synchronous=FULL (a power cut loses at most the transaction in flight, never the file),
 * foreign keys, a busy timeout, and the bundled migrations. Throws DbOpenError with a Vietnamese message.
 */
export function openDatabase(path: string, options: OpenOptions): OpenedDatabase {
  assertLooksLikeSqlite(path);
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(path, { timeout: 5000 });
    // A file at this schema in WAL mode is not written by the open below (the write probe rolls back).
    const deferCheck = options.quickCheck === 'when-migrating' && isCurrentWalFile(sqlite, options.appVersion);
    if (!deferCheck) assertIntact(sqlite, path);
    sqlite.pragma('foreign_keys = ON');
    // Refuse a newer file before the WAL switch, which would write to its header.
    const latest = assertSchemaSupported(sqlite, undefined, options.appVersion);
    const previous = schemaVersionOf(sqlite);
    const previousSchemaAppVersion = appVersionOfSchema(sqlite);
    const upgradeBackup =
      previous > 0 && previous < latest ? options.beforeUpgrade?.(sqlite, previous, latest) : undefined;
    const mode = sqlite.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new DbOpenError('READ_ONLY', DB_MESSAGES.READ_ONLY(path));
    sqlite.pragma('synchronous = FULL');
    // A write probe: a read-only medium fails here, not in the middle of an officer's work.
    sqlite.prepare('BEGIN IMMEDIATE').run();
    sqlite.prepare('ROLLBACK').run();
    const version = migrate(sqlite, { appVersion: options.appVersion });
    return {
      store: new Store(sqlite),
      schemaVersion: version,
      previousSchemaVersion: previous,
      quickCheckDeferred: deferCheck,
      ...(previousSchemaAppVersion ? { previousSchemaAppVersion } : {}),
      ...(upgradeBackup ? { upgradeBackup } : {}),
    };
  } catch (error) {
    sqlite?.close();
    if (error instanceof DbOpenError) throw error;
    let problem = storageProblemOf(error) ?? 'CANNOT_OPEN';
    // SQLite says only "cannot open" when it cannot create the -wal/-shm files beside a read-only file.
    if (problem === 'CANNOT_OPEN' && !isWritableFolder(dirname(path))) problem = 'READ_ONLY';
    throw new DbOpenError(problem, messageForProblem(problem, path), error);
  }
}

/** SQLite's `quick_check` (structure of every page and index; ~1.2 s at 100,000 people); throws CORRUPT. */
export function assertIntact(sqlite: Database.Database, path: string): void {
  const check = sqlite.pragma('quick_check', { simple: false }) as Array<{ quick_check: string }>;
  if (check.length !== 1 || check[0]!.quick_check !== 'ok') {
    throw new DbOpenError('CORRUPT', DB_MESSAGES.CORRUPT(path));
  }
}

/** Already in WAL mode and at this build's newest migration (so opening it writes nothing). */
function isCurrentWalFile(sqlite: Database.Database, appVersion: string): boolean {
  try {
    if (sqlite.pragma('journal_mode', { simple: true }) !== 'wal') return false;
    const version = schemaVersionOf(sqlite);
    return version > 0 && version === assertSchemaSupported(sqlite, undefined, appVersion);
  } catch {
    // Unreadable or too new: the full check at open (and the usual errors) decide.
    return false;
  }
}

/**
 * The read-only handle that query handlers get (main/api/dispatch.ts): a second connection to the same
 * file, opened SQLITE_OPEN_READONLY, so a query that tries to write fails (SQLITE_READONLY) and changes
 * nothing, whatever it awaits in between. In WAL mode it reads beside the writer; the core runs every
 * write as one synchronous transaction on its one thread, so when a query runs no write is half done
 * and the reader sees the last commit. Opened after the writer has migrated the file and made its
 * -wal/-shm files (a read-only connection cannot create them).
 */
export function openReadOnly(path: string, writer: Store): Store {
  const sqlite = new Database(path, { readonly: true, fileMustExist: true, timeout: 5000 });
  return new Store(sqlite, writer);
}

/** A non-empty file that does not start with SQLite's header is refused without SQLite touching it. */
function assertLooksLikeSqlite(path: string): void {
  if (!existsSync(path)) return;
  const stat = statSync(path);
  if (stat.isDirectory()) throw new DbOpenError('CANNOT_OPEN', DB_MESSAGES.CANNOT_OPEN(path));
  if (stat.size === 0) return;
  const header = Buffer.alloc(16);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== SQLITE_HEADER) {
    throw new DbOpenError('NOT_SQLITE', DB_MESSAGES.NOT_SQLITE(path));
  }
}

function isWritableFolder(folder: string): boolean {
  try {
    accessSync(folder, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
