import type Database from 'better-sqlite3';

// The backup area's SQL (issue 13). Every function takes a raw connection: backups, restore candidates
// and rebuilt registers are other files than the open register, read before they are trusted, so these
// are plain prepared statements on that file (kysely's types describe the current schema only).

export const quoteName = (name: string) => `"${name.replace(/"/g, '""')}"`;

export interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
  hidden: number;
}

/** A table's columns, hidden ones included (`schema` is 'main' or an attached name). */
export function columnsOf(db: Database.Database, schema: string, table: string): ColumnInfo[] {
  return db.prepare(`PRAGMA ${schema}.table_xinfo(${quoteName(table)})`).all() as ColumnInfo[];
}

export interface SchemaObject {
  type: string;
  name: string;
  sql: string | null;
}

/** Everything in the file's sqlite_master but SQLite's own objects. */
export function schemaObjects(db: Database.Database): SchemaObject[] {
  return db
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
    .all() as SchemaObject[];
}

/** Triggers, views and indexes that have SQL (not the automatic indexes), of the given types. */
export function objectsWithSql(
  db: Database.Database,
  types: ReadonlyArray<'trigger' | 'view' | 'index'>,
): Array<{ name: string; sql: string }> {
  return db
    .prepare('SELECT name, sql FROM sqlite_master WHERE type IN (SELECT value FROM json_each(?)) AND sql IS NOT NULL')
    .all(JSON.stringify(types)) as Array<{ name: string; sql: string }>;
}

export function tableNames(db: Database.Database): string[] {
  return db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
}

export const dropTrigger = (db: Database.Database, name: string) => db.exec(`DROP TRIGGER ${quoteName(name)}`);
export const dropIndex = (db: Database.Database, name: string) => db.exec(`DROP INDEX ${quoteName(name)}`);
export const attachBackup = (db: Database.Database, file: string) => db.prepare('ATTACH DATABASE ? AS bak').run(file);
export const detachBackup = (db: Database.Database) => db.exec('DETACH DATABASE bak');

/** Replaces a table's rows by the attached backup's, reading the backup's table itself (NOT INDEXED). */
export function copyTableFromBackup(db: Database.Database, table: string, columns: readonly string[]): void {
  const cols = columns.map(quoteName).join(', ');
  db.exec(`DELETE FROM main.${quoteName(table)}`);
  db.exec(`INSERT INTO main.${quoteName(table)} (${cols}) SELECT ${cols} FROM bak.${quoteName(table)} NOT INDEXED`);
}

/** A consistent, self-contained copy of the open register (no -wal beside it); reads only. */
export function vacuumInto(db: Database.Database, file: string): void {
  db.prepare('VACUUM INTO ?').run(file);
}

export interface RegisterCounts {
  officeJson: string | undefined;
  lastPayroll: { month: string; status: string } | undefined;
  lastChangeAt: string | null;
  people: number;
  entitlements: number;
  users: number;
}

/** What a (rebuilt) register holds, written to work on a file of any schema version. */
export function registerCounts(db: Database.Database): RegisterCounts {
  const count = (sql: string) => db.prepare(sql).pluck().get() as number;
  return {
    officeJson: db.prepare("SELECT value_json FROM settings WHERE key = 'office'").pluck().get() as string | undefined,
    lastPayroll: db
      .prepare("SELECT month, status FROM payrolls ORDER BY month DESC, status = 'approved' DESC, id DESC LIMIT 1")
      .get() as { month: string; status: string } | undefined,
    lastChangeAt: db.prepare('SELECT MAX(at) FROM audit_log').pluck().get() as string | null,
    // Beneficiaries: not the relatives who only receive for someone (issue 14). Written without
    // people.receiver_only so that a backup of any schema version is summarised the same way.
    people: count(
      'SELECT COUNT(*) FROM people AS p WHERE EXISTS (SELECT 1 FROM entitlements AS e WHERE e.person_id = p.id) OR NOT EXISTS (SELECT 1 FROM authorizations AS a WHERE a.receiver_person_id = p.id)',
    ),
    entitlements: count('SELECT COUNT(*) FROM entitlements WHERE end_month IS NULL'),
    users: count('SELECT COUNT(*) FROM users WHERE password_hash IS NOT NULL'),
  };
}

export interface AdminRow {
  id: number;
  username: string;
  full_name: string;
  password_hash: string | null;
}

/** The active administrator with this id and name, if the register has one. */
export function activeAdminById(db: Database.Database, id: number, username: string): AdminRow | undefined {
  return db
    .prepare(
      "SELECT id, username, full_name, password_hash FROM users WHERE id = ? AND username = ? AND active = 1 AND role = 'admin'",
    )
    .get(id, username) as AdminRow | undefined;
}

/** The active administrator `username` (any letter case). */
export function activeAdminByName(db: Database.Database, username: string): AdminRow | undefined {
  return db
    .prepare(
      "SELECT id, username, full_name, password_hash FROM users WHERE username = ? COLLATE NOCASE AND active = 1 AND role = 'admin'",
    )
    .get(username) as AdminRow | undefined;
}
