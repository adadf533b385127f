import Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import type { BackupContents } from '@shared/api/backup';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations';
import { appVersionOfSchema, schemaVersionOf } from '../../db/migrate';
import { registerCounts, tableNames } from './queries';

// Copies of the register made with SQLite's online backup API (consistent while the app keeps working),
// and the checks a copy must pass before it is called a backup or put back as the register.

/** Pages copied per step: large steps (≈ 8 MB) keep a 100k register's backup short. */
const PAGES_PER_STEP = 2048;

/**
 * Writes a consistent copy of the open register to `target` (a new file), switches the copy to a
 * rollback journal (so it is one self-contained file, no -wal/-shm beside it) and checks it with
 * `PRAGMA integrity_check`. Throws BackupProblem if the copy does not verify.
 */
export async function copyRegister(
  sqlite: Database.Database,
  target: string,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  await sqlite.backup(target, {
    progress: ({ totalPages, remainingPages }) => {
      onProgress?.(totalPages - remainingPages, totalPages);
      return PAGES_PER_STEP;
    },
  });
  const copy = new Database(target, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  await assertIntactFile(target);
}

// integrity_check of a 100k register takes seconds: it runs in a worker thread so the app (Electron's
// main process, which also serves the window) stays responsive. Where a worker cannot load
// better-sqlite3, it runs inline instead.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let Database;
try {
  Database = require(workerData.module);
} catch (e) {
  Database = undefined;
}
if (!Database) {
  parentPort.postMessage({ error: { message: 'better-sqlite3 not loadable in a worker', load: true } });
} else {
  let db;
  try {
    db = new Database(workerData.path, { readonly: true, fileMustExist: true });
    parentPort.postMessage({ rows: db.pragma('integrity_check', { simple: false }).map((r) => r.integrity_check) });
  } catch (e) {
    parentPort.postMessage({ error: { code: e && e.code, message: String(e && e.message) } });
  } finally {
    if (db) db.close();
  }
}`;

function integrityRowsInWorker(path: string): Promise<string[] | undefined> {
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { path, module: require.resolve('better-sqlite3') },
      });
    } catch {
      resolve(undefined);
      return;
    }
    worker.once('message', (m: { rows?: string[]; error?: { code?: string; message: string; load?: boolean } }) => {
      if (m.rows) resolve(m.rows);
      else if (m.error?.load) resolve(undefined);
      else reject(Object.assign(new Error(m.error?.message ?? 'integrity_check failed'), { code: m.error?.code }));
    });
    worker.once('error', () => resolve(undefined));
  });
}

/** `PRAGMA integrity_check` of a file that is ours (no writer); throws BackupProblem unless it is ok. */
export async function assertIntactFile(path: string): Promise<void> {
  let rows: string[] | undefined;
  try {
    rows = await integrityRowsInWorker(path);
  } catch (error) {
    throw sqliteProblem(error);
  }
  if (rows === undefined) {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      assertIntact(db);
      return;
    } finally {
      db.close();
    }
  }
  if (rows.length !== 1 || rows[0] !== 'ok') throw problem('CORRUPT');
}

export type ProblemKind =
  | 'NOT_SQLITE'
  | 'CORRUPT'
  | 'NOT_OURS'
  | 'TOO_NEW'
  | 'WRONG_PASSPHRASE'
  | 'NEEDS_PASSPHRASE'
  | 'UNKNOWN_KDF'
  | 'UNEXPECTED_SCHEMA'
  | 'BAD_DATA';

export class BackupProblem extends Error {
  constructor(
    readonly kind: ProblemKind,
    message: string,
  ) {
    super(message);
  }
}

export const PROBLEM_MESSAGES: Record<ProblemKind, string> = {
  NOT_SQLITE:
    'Tệp này không phải là bản sao lưu của Sổ An Sinh (không phải cơ sở dữ liệu SQLite). Dữ liệu hiện tại không bị thay đổi.',
  CORRUPT:
    'Bản sao lưu bị hỏng (kiểm tra tính toàn vẹn không đạt). Không dùng được bản này; dữ liệu hiện tại không bị thay đổi. Hãy chọn bản sao lưu khác.',
  NOT_OURS:
    'Tệp này là cơ sở dữ liệu SQLite nhưng không phải dữ liệu của Sổ An Sinh. Dữ liệu hiện tại không bị thay đổi.',
  TOO_NEW:
    'Bản sao lưu được tạo bởi phiên bản Sổ An Sinh mới hơn phiên bản này. Hãy cài phiên bản mới hơn rồi khôi phục. Dữ liệu hiện tại không bị thay đổi.',
  WRONG_PASSPHRASE:
    'Cụm mật khẩu không đúng, hoặc tệp sao lưu đã bị thay đổi/hỏng. Dữ liệu hiện tại không bị thay đổi.',
  NEEDS_PASSPHRASE: 'Bản sao lưu này được mã hoá: hãy nhập cụm mật khẩu đã đặt khi sao lưu.',
  UNEXPECTED_SCHEMA:
    'Cấu trúc bảng của tệp này không đúng với dữ liệu Sổ An Sinh cùng phiên bản (có thể tệp đã bị sửa): không khôi phục bản này. Dữ liệu hiện tại không bị thay đổi.',
  BAD_DATA:
    'Dữ liệu trong bản sao lưu vi phạm quy tắc của sổ (có thể tệp đã bị sửa): không khôi phục bản này. Dữ liệu hiện tại không bị thay đổi.',
  UNKNOWN_KDF:
    'Tệp mã hoá này ghi tham số tạo khoá mà Sổ An Sinh không dùng: không mở tệp này. Dữ liệu hiện tại không bị thay đổi.',
};

const problem = (kind: ProblemKind) => new BackupProblem(kind, PROBLEM_MESSAGES[kind]);

function assertIntact(db: Database.Database): void {
  let rows: Array<{ integrity_check: string }>;
  try {
    rows = db.pragma('integrity_check', { simple: false }) as Array<{ integrity_check: string }>;
  } catch (error) {
    throw sqliteProblem(error);
  }
  if (rows.length !== 1 || rows[0]!.integrity_check !== 'ok') throw problem('CORRUPT');
}

function sqliteProblem(error: unknown): BackupProblem {
  const code = (error as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB') return problem('NOT_SQLITE');
  if (code.startsWith('SQLITE_CORRUPT')) return problem('CORRUPT');
  throw error;
}

const REQUIRED_TABLES = ['schema_migrations', 'users', 'people', 'entitlements', 'payrolls', 'audit_log', 'settings'];

/**
 * Checks a candidate file that is ours to change (a private temp copy): SQLite, intact, a Sổ An Sinh
 * register, not from a newer app. Throws BackupProblem otherwise. Reads only sqlite_master and
 * schema_migrations: the file's rows are read once it has been rebuilt (rebuild.ts).
 */
export async function assertCandidateFile(path: string): Promise<void> {
  try {
    const first = new Database(path, { fileMustExist: true });
    try {
      first.pragma('journal_mode = DELETE');
    } finally {
      first.close();
    }
  } catch (error) {
    throw sqliteProblem(error);
  }
  await assertIntactFile(path);
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma('trusted_schema = OFF');
    const tables = new Set(tableNames(db));
    if (!REQUIRED_TABLES.every((t) => tables.has(t))) throw problem('NOT_OURS');
    if (schemaVersionOf(db) > LATEST_SCHEMA_VERSION) {
      // Name the version that wrote it: the one to install before restoring this backup.
      const writtenBy = appVersionOfSchema(db);
      throw new BackupProblem(
        'TOO_NEW',
        writtenBy
          ? `${PROBLEM_MESSAGES.TOO_NEW} Bản sao lưu này cần Sổ An Sinh phiên bản ${writtenBy} trở lên.`
          : PROBLEM_MESSAGES.TOO_NEW,
      );
    }
  } finally {
    db.close();
  }
}

/** What a (rebuilt) register holds, for the restore screen. */
export function summarize(
  db: Database.Database,
  encryptedAt: string | null,
): Omit<BackupContents, 'auditChain' | 'anchors' | 'schemaNotes'> {
  const counts = registerCounts(db);
  const office = counts.officeJson;
  let officeName = '';
  try {
    officeName = office ? String((JSON.parse(office) as { unitName?: unknown }).unitName ?? '') : '';
  } catch {
    /* a malformed setting does not make the backup unusable */
  }
  return {
    schemaVersion: schemaVersionOf(db),
    lastChangeAt: counts.lastChangeAt ?? null,
    createdAt: encryptedAt,
    officeName,
    people: counts.people,
    entitlements: counts.entitlements,
    users: counts.users,
    lastPayroll: counts.lastPayroll ?? null,
    encrypted: encryptedAt !== null,
  };
}
