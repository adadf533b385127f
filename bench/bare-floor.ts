import Database from 'better-sqlite3';
import { copyFileSync, rmSync } from 'node:fs';

// The floors the payroll build is compared with: what SQLite alone takes to write the same rows, with no
// planning and no application code. Each returns the CPU time of the copy in ms.

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

const columnsOf = (db: Database.Database, table: string, skip: string[]): string[] =>
  (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>)
    .map((c) => c.name)
    .filter((c) => !skip.includes(c));

const newPayroll = (db: Database.Database): number =>
  Number(
    db
      .prepare(
        "INSERT INTO payrolls (month, programme_code, status, built_at) VALUES ('2099-01', 'BTXH', 'draft', 'x')",
      )
      .run().lastInsertRowid,
  );

/** The issue's floor: one INSERT…SELECT of the payrolls' lines into a new payroll, rolled back. */
export function bareLinesCopy(db: Database.Database, payrollIds: number[]): number {
  const columns = columnsOf(db, 'payroll_lines', ['id', 'payroll_id']).join(', ');
  const started = process.cpuUsage();
  db.exec('BEGIN IMMEDIATE');
  try {
    db.prepare(
      `INSERT INTO payroll_lines (payroll_id, ${columns}) SELECT ?, ${columns} FROM payroll_lines WHERE payroll_id IN (${payrollIds.join(',')})`,
    ).run(newPayroll(db));
    return cpuMs(process.cpuUsage(started));
  } finally {
    db.exec('ROLLBACK');
  }
}

/**
 * Everything a first build writes, as SQLite alone writes it: the lines and their service-month rows (in
 * the order the build writes them), each table by one INSERT…SELECT, committed. Removed afterwards
 * (not timed).
 */
export function bareRowsCopy(db: Database.Database, payrollIds: number[]): number {
  const lineColumns = columnsOf(db, 'payroll_lines', ['id', 'payroll_id']).join(', ');
  const monthColumns = columnsOf(db, 'payroll_line_months', ['id', 'line_id', 'payroll_id']).join(', ');
  const ids = payrollIds.join(',');
  const started = process.cpuUsage();
  db.exec('BEGIN IMMEDIATE');
  const target = newPayroll(db);
  const offset = db.prepare('SELECT MAX(id) FROM payroll_lines').pluck().get() as number;
  db.prepare(
    `INSERT INTO payroll_lines (id, payroll_id, ${lineColumns}) SELECT id + ?, ?, ${lineColumns} FROM payroll_lines WHERE payroll_id IN (${ids}) ORDER BY id`,
  ).run(offset, target);
  db.prepare(
    `INSERT INTO payroll_line_months (line_id, payroll_id, ${monthColumns}) SELECT line_id + ?, ?, ${monthColumns} FROM payroll_line_months WHERE payroll_id IN (${ids}) ORDER BY person_id, component, service_month`,
  ).run(offset, target);
  db.exec('COMMIT');
  const spent = cpuMs(process.cpuUsage(started));
  db.transaction(() => {
    db.prepare('DELETE FROM payroll_line_months WHERE payroll_id = ?').run(target);
    db.prepare('DELETE FROM payroll_lines WHERE payroll_id = ?').run(target);
    db.prepare('DELETE FROM payrolls WHERE id = ?').run(target);
  })();
  return spent;
}

/**
 * bareRowsCopy as a first build meets the register: on a connection of its own to a copy of the file whose
 * write-ahead log is new (SQLite deletes it when the app closes), so the commit also grows the log and
 * checkpoints into the file: ~0.3–0.7 s more than a second write of the same size (measured). A first build
 * is compared with this; a rebuild, which finds the log grown, with bareRowsCopy.
 */
export function bareRowsCopyCold(db: Database.Database, payrollIds: number[]): number {
  db.pragma('wal_checkpoint(TRUNCATE)');
  const copy = `${db.name}.cold.sqlite`;
  const files = [copy, `${copy}-wal`, `${copy}-shm`];
  for (const f of files) rmSync(f, { force: true });
  copyFileSync(db.name, copy);
  const cold = new Database(copy);
  try {
    // As the build's own connection is set up (build-worker.ts).
    cold.pragma('journal_mode = WAL');
    cold.pragma('foreign_keys = ON');
    cold.pragma('synchronous = FULL');
    return bareRowsCopy(cold, payrollIds);
  } finally {
    cold.close();
    for (const f of files) rmSync(f, { force: true });
  }
}

/**
 * Corrections between two builds, as an officer's day of them would touch: `n` people paid this month
 * renamed (their lines change). Returns how many were renamed.
 */
export function renamePaidPeople(db: Database.Database, payrollIds: number[], n: number): number {
  return db
    .prepare(
      `UPDATE people SET full_name = full_name || ' (sửa)' WHERE id IN
         (SELECT DISTINCT person_id FROM payroll_lines WHERE payroll_id IN (${payrollIds.join(',')}) ORDER BY person_id % 97, person_id LIMIT ?)`,
    )
    .run(n).changes;
}
