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

/** The app version that applied the file's newest migration (schema_migrations.app_version), if recorded. */
export function appVersionOfSchema(db: Database.Database): string | undefined {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!table) return undefined;
  const row = db.prepare('SELECT app_version AS v FROM schema_migrations ORDER BY version DESC LIMIT 1').get() as
    { v: string } | undefined;
  // 'dev' and test markers name no installable version.
  return row && /^\d+\.\d+\.\d+/.test(row.v) ? row.v : undefined;
}

/**
 * Refuses a file made by a newer app version, naming the app version that wrote it (the one to install);
 * returns the newest version this app knows.
 */
export function assertSchemaSupported(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
  runningAppVersion?: string,
): number {
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : LATEST_SCHEMA_VERSION;
  const current = schemaVersionOf(db);
  if (current > latest) {
    throw new DbOpenError('TOO_NEW', DB_MESSAGES.TOO_NEW(current, latest, appVersionOfSchema(db), runningAppVersion));
  }
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
  const latest = assertSchemaSupported(db, migrations, options.appVersion);
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
