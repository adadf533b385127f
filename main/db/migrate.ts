import type Database from 'better-sqlite3';
import { MIGRATIONS, LATEST_SCHEMA_VERSION, type Migration } from './migrations';
import { DB_MESSAGES, DbOpenError } from './errors';

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL, app_version TEXT NOT NULL)`;

/** Highest applied migration, 0 for a new file. Reads only. */
export function schemaVersionOf(db: Database.Database): number {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!table) return 0;
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

/** Refuses a file made by a newer app version; returns the newest version this app knows. */
export function assertSchemaSupported(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : LATEST_SCHEMA_VERSION;
  const current = schemaVersionOf(db);
  if (current > latest) throw new DbOpenError('TOO_NEW', DB_MESSAGES.TOO_NEW(current, latest));
  return latest;
}

/**
 * Applies the bundled migrations above the file's version, each in its own transaction together with its
 * record in schema_migrations. Refuses a file made by a newer app before writing anything.
 * `target` exists for migration tests (migrate to N-1, insert, migrate to N).
 */
export function migrate(
  db: Database.Database,
  options: { appVersion: string; target?: number; migrations?: readonly Migration[] },
): number {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = assertSchemaSupported(db, migrations);
  const current = schemaVersionOf(db);
  const target = options.target ?? latest;
  const record = () =>
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at, app_version) VALUES (?, ?, ?, ?)');
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      db.exec(CREATE_MIGRATIONS_TABLE);
      migration.up(db);
      record().run(migration.version, migration.name, new Date().toISOString(), options.appVersion);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return schemaVersionOf(db);
}
