import Database from 'better-sqlite3';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { logError } from '../../log';
import { migrate, schemaVersionOf } from '../../db/migrate';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations';
import { SEARCH_INDEX_FILL } from '../../db/search-index';
import {
  attachBackup,
  columnsOf,
  copyTableFromBackup,
  detachBackup,
  dropIndex,
  dropTrigger,
  objectsWithSql,
  schemaObjects,
  type ColumnInfo,
} from './queries';

// Restore brings data, never code. A backup file is a SQLite file, and a SQLite file carries its own
// schema: triggers, views and indexes that run inside the app once the file is the register (a trigger
// that rewrites account numbers on payroll lines, or a missing one that freezes approved payrolls). So a
// backup is never put in place as it is: a FRESH register is made with the bundled migrations up to the
// backup's schema version, the backup's rows are copied into it table by table (after checking that its
// tables and columns are exactly those of a fresh register of that version), and the fresh register is
// then migrated to the current version by the same migrations an old register would run at open.
// Nothing from the file's sqlite_master is executed or kept; the search indexes (FTS5) are rebuilt
// from the copied rows, never read from the file.

/** How each derived (virtual) table is refilled from the copied rows. Every virtual table must be here. */
const DERIVED_FILL: Readonly<Record<string, string>> = { ...SEARCH_INDEX_FILL };

/** Never copied: the fresh register's own record of the migrations it ran. */
const NOT_COPIED = new Set(['schema_migrations']);

type Kind = 'table' | 'virtual' | 'shadow';
interface Shape {
  tables: Map<string, { kind: Kind; columns: string; names: string[] }>;
  /** Triggers, views and indexes by name → SQL (a fresh register's own). */
  objects: Map<string, string>;
}

export class RebuildProblem extends Error {
  constructor(
    readonly kind: 'NOT_OURS' | 'TOO_NEW' | 'UNEXPECTED_SCHEMA' | 'BAD_DATA',
    readonly detail: string,
  ) {
    super(detail);
  }
}

const describeColumns = (cols: ColumnInfo[]) =>
  JSON.stringify(cols.map((c) => [c.name, c.type, c.notnull, c.dflt_value, c.pk, c.hidden]));

const shapes = new Map<number, Shape>();

/** Tables, columns and schema objects of a fresh register migrated to `version` (in memory, cached). */
export function expectedShape(version: number): Shape {
  const cached = shapes.get(version);
  if (cached) return cached;
  const db = new Database(':memory:');
  try {
    db.pragma('foreign_keys = ON');
    migrate(db, { appVersion: 'shape', target: version });
    const tables: Shape['tables'] = new Map();
    const list = db.pragma('main.table_list') as Array<{ name: string; type: string }>;
    for (const t of list) {
      if (t.name.startsWith('sqlite_')) continue;
      const kind: Kind = t.type === 'virtual' ? 'virtual' : t.type === 'shadow' ? 'shadow' : 'table';
      const cols = kind === 'table' ? columnsOf(db, 'main', t.name) : [];
      tables.set(t.name, {
        kind,
        columns: describeColumns(cols),
        names: cols.filter((c) => c.hidden === 0).map((c) => c.name),
      });
    }
    const objects = new Map(objectsWithSql(db, ['trigger', 'view', 'index']).map((o) => [o.name, o.sql]));
    const shape = { tables, objects };
    shapes.set(version, shape);
    return shape;
  } finally {
    db.close();
  }
}

/** What the file's schema carried that restore dropped (not in a fresh register) or put back (missing from it). */
export interface SchemaNotes {
  /** Triggers, views or indexes in the file that a fresh register of its version does not have (or has with other SQL). */
  ignored: string[];
  /** Triggers, views or indexes a fresh register has that the file lacked (restore puts them back). */
  missing: string[];
}

/**
 * Checks the file's tables and columns against a fresh register of its version (read only; nothing in
 * the file runs). Returns the file's schema version and what its schema objects differ in.
 */
export function checkShape(source: string): { version: number; notes: SchemaNotes } {
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma('trusted_schema = OFF');
    const version = schemaVersionOf(db);
    if (version < 1) throw new RebuildProblem('NOT_OURS', 'no schema version');
    if (version > LATEST_SCHEMA_VERSION) throw new RebuildProblem('TOO_NEW', String(version));
    const expected = expectedShape(version);
    // Names come from the file: shown without control, bidi or zero-width characters, and short.
    const shown = (name: string) => name.replace(/[\p{Cc}\p{Cf}]/gu, '?').slice(0, 40);
    const master = schemaObjects(db);
    const found = master.filter((m) => m.type === 'table');
    const problems: string[] = [];
    for (const t of found) {
      const want = expected.tables.get(t.name);
      if (!want) {
        problems.push(`bảng thừa «${shown(t.name)}»`);
        continue;
      }
      const isVirtual = /^\s*CREATE\s+VIRTUAL\s+TABLE/i.test(t.sql ?? '');
      if (isVirtual !== (want.kind === 'virtual')) problems.push(`bảng «${t.name}» không đúng loại`);
      else if (want.kind === 'table' && describeColumns(columnsOf(db, 'main', t.name)) !== want.columns)
        problems.push(`các cột của bảng «${t.name}» không đúng`);
    }
    const names = new Set(found.map((t) => t.name));
    for (const name of expected.tables.keys()) if (!names.has(name)) problems.push(`thiếu bảng «${name}»`);
    if (problems.length) throw new RebuildProblem('UNEXPECTED_SCHEMA', problems.slice(0, 5).join('; '));
    const fileObjects = new Map(master.filter((m) => m.type !== 'table').map((m) => [m.name, m.sql ?? '']));
    return {
      version,
      notes: {
        ignored: [...fileObjects]
          .filter(([name, sql]) => expected.objects.get(name) !== sql)
          .map(([name]) => shown(name)),
        missing: [...expected.objects.keys()].filter((name) => !fileObjects.has(name)),
      },
    };
  } finally {
    db.close();
  }
}

/**
 * Makes `target` (a new file): a fresh register migrated to the backup's version, the backup's rows
 * copied in, the search indexes rebuilt, then migrated to the current version. `source` must already
 * have passed checkShape. Throws RebuildProblem('BAD_DATA') when a row breaks a rule of the fresh
 * register (a CHECK, NOT NULL, UNIQUE or foreign key).
 */
export function rebuildInto(source: string, target: string, version: number, appVersion: string): void {
  const expected = expectedShape(version);
  const db = new Database(target);
  try {
    // A private temp file: no journal needed while it is built (an interrupted build is deleted).
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('trusted_schema = OFF');
    db.pragma('foreign_keys = ON');
    migrate(db, { appVersion, target: version });
    // The fresh register's own triggers are set aside while rows are copied (a payment attempt copied
    // after its line was carried over, or a line of an approved payroll, is history, not a new write) and
    // put back, from the fresh register's SQL, before anything else can write.
    const triggers = objectsWithSql(db, ['trigger']);
    for (const t of triggers) dropTrigger(db, t.name);
    // Its indexes too: built once over all rows after the copy (sorting), not row by row (≈ 2× faster at
    // 100,000 people). A UNIQUE index that cannot be built means the rows break the register's rules.
    const indexes = objectsWithSql(db, ['index']);
    for (const i of indexes) dropIndex(db, i.name);
    db.pragma('foreign_keys = OFF');
    attachBackup(db, source);
    let table = '';
    try {
      db.transaction(() => {
        for (const [name, t] of expected.tables) {
          if (t.kind !== 'table' || NOT_COPIED.has(name)) continue;
          table = name;
          // NOT INDEXED: read the table itself, never one of the file's indexes.
          copyTableFromBackup(db, name, t.names);
        }
        table = '';
        for (const i of indexes) db.exec(i.sql);
      })();
    } catch (error) {
      // The user reads which table; SQLite's own (English) words go to the log for the technician.
      logError('restore', `a row of the backup breaks a rule of the register (table ${table || '-'})`, error);
      throw new RebuildProblem('BAD_DATA', table ? `bảng «${table}»` : 'một chỉ mục không lập được');
    } finally {
      detachBackup(db);
    }
    db.transaction(() => {
      for (const t of triggers) db.exec(t.sql);
      for (const [name, t] of expected.tables) {
        if (t.kind !== 'virtual') continue;
        const fill = DERIVED_FILL[name];
        if (!fill) throw new Error(`restore does not know how to rebuild the derived table ${name}`);
        db.exec(fill);
      }
    })();
    const broken = db.pragma('foreign_key_check') as Array<{ table: string }>;
    if (broken.length)
      throw new RebuildProblem(
        'BAD_DATA',
        `${broken.length} dòng tham chiếu tới dữ liệu không có (bảng «${broken[0]!.table}»)`,
      );
    db.pragma('foreign_keys = ON');
    migrate(db, { appVersion });
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

/** The bundled worker (dist/main/restore-worker.js); absent when running from sources (tests), then inline. */
const WORKER_FILE = join(__dirname, 'restore-worker.js');

/**
 * rebuildInto in a worker thread, so the app (Electron's main process also serves the window) keeps
 * answering during the seconds a large register takes; inline where the bundled worker is not there.
 */
export function rebuildInWorker(source: string, target: string, version: number, appVersion: string): Promise<void> {
  if (!existsSync(WORKER_FILE)) {
    rebuildInto(source, target, version, appVersion);
    return Promise.resolve();
  }
  // A worker that cannot start or dies without answering (e.g. a packaged app that cannot load it): inline.
  const inline = () => {
    rmSync(target, { force: true });
    rebuildInto(source, target, version, appVersion);
  };
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(WORKER_FILE, { workerData: { source, target, version, appVersion } });
    } catch (error) {
      logError('restore', 'rebuild worker not started, rebuilding inline', error);
      inline();
      resolve();
      return;
    }
    let settled = false;
    const fallback = (why: unknown) => {
      if (settled) return;
      settled = true;
      logError('restore', 'rebuild worker failed, rebuilding inline', why);
      try {
        inline();
        resolve();
      } catch (error) {
        reject(error);
      }
    };
    worker.once(
      'message',
      (m: { ok?: true; problem?: { kind: RebuildProblem['kind']; detail: string }; error?: string }) => {
        settled = true;
        if (m.ok) resolve();
        else if (m.problem) reject(new RebuildProblem(m.problem.kind, m.problem.detail));
        else reject(new Error(m.error ?? 'rebuild failed'));
      },
    );
    worker.once('error', fallback);
    worker.once('exit', (code) => fallback(new Error(`exited (${code})`)));
  });
}
