import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import type { BackupFile } from '@shared/api/backup';
import { today } from '../clock';
import { copyRegister } from './sqlite-file';

// Automatic backups: a verified copy of the register in `<folder of the register>/sao-luu/`, made at
// start, after each approved payroll, hourly while the app is in use, and when the administrator asks
// for one without choosing a folder. Rotation keeps the 10 newest plus the newest of each day of the
// last 30 days, and the 3 newest taken before an upgrade. The first start of a newer version adds one before it migrates (reason `upgrade`, upgrade.ts).
//
// Which backup is newest is decided by a sequence number in the name (one more than the highest in the
// folder, taken when the copy is renamed into place), never by the time in the name: two backups made in
// the same second (the start backup and "Sao lưu ngay" on a busy PC) or around a clock change would
// otherwise be ordered by chance.

export const BACKUP_FOLDER = 'sao-luu';
export const UNDO_FILE = 'truoc-khoi-phuc.sqlite';
export const KEEP_LATEST = 10;
export const KEEP_DAYS = 30;
export const KEEP_UPGRADES = 3;
export type AutoReason = 'start' | 'payroll' | 'hourly' | 'manual' | 'upgrade';

// Names before the sequence was added (`…_HHMMSS-reason[-n].sqlite`) still parse, with sequence 0.
const NAME =
  /^sao-luu-(\d{4})-(\d{2})-(\d{2})_(\d{2})(\d{2})(\d{2})-(?:(\d{6,})-)?(start|payroll|hourly|manual|upgrade)(?:-\d+)?\.sqlite$/;
const pad = (n: number) => String(n).padStart(2, '0');

export const backupFolderOf = (dbPath: string) => join(dirname(dbPath), BACKUP_FOLDER);
export const undoPathOf = (dbPath: string) => join(backupFolderOf(dbPath), UNDO_FILE);

export function autoBackupName(at: Date, reason: AutoReason, sequence: number): string {
  const stamp = `${today(at)}_${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
  return `sao-luu-${stamp}-${String(sequence).padStart(6, '0')}-${reason}.sqlite`;
}

export interface ParsedAutoBackup {
  at: Date;
  sequence: number;
  reason: AutoReason;
}

export function parseAutoBackupName(name: string): ParsedAutoBackup | undefined {
  const m = NAME.exec(name);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, sequence, reason] = m;
  return {
    at: new Date(+y!, +mo! - 1, +d!, +h!, +mi!, +s!),
    sequence: sequence ? +sequence : 0,
    reason: reason as AutoReason,
  };
}

/** Newest first: by sequence, then (for names made before the sequence existed) by the time in the name. */
const newestFirst = (a: ParsedAutoBackup, b: ParsedAutoBackup) =>
  b.sequence - a.sequence || b.at.getTime() - a.at.getTime();

/** The sequence number for the next backup in a folder holding these names. */
export function nextSequence(names: readonly string[]): number {
  let max = 0;
  for (const name of names) max = Math.max(max, parseAutoBackupName(name)?.sequence ?? 0);
  return max + 1;
}

/** Which automatic backups rotation keeps: the `KEEP_LATEST` newest, and the newest of each of the last `KEEP_DAYS` days. */
export function selectKept(names: readonly string[], now: Date): Set<string> {
  const dated = names
    .map((name) => ({ name, parsed: parseAutoBackupName(name) }))
    .filter((e): e is { name: string; parsed: ParsedAutoBackup } => !!e.parsed)
    .sort((a, b) => newestFirst(a.parsed, b.parsed) || b.name.localeCompare(a.name));
  const kept = new Set(dated.slice(0, KEEP_LATEST).map((e) => e.name));
  // The copies taken before a newer version migrated the register: the last few are kept whatever else runs.
  for (const e of dated.filter((d) => d.parsed.reason === 'upgrade').slice(0, KEEP_UPGRADES)) kept.add(e.name);
  const oldest = new Date(now);
  oldest.setDate(oldest.getDate() - KEEP_DAYS);
  const days = new Set<string>();
  for (const e of dated) {
    if (e.parsed.at < oldest) continue;
    const day = today(e.parsed.at);
    if (days.has(day)) continue;
    days.add(day);
    kept.add(e.name);
  }
  return kept;
}

/** Deletes automatic backups rotation does not keep. Other files in the folder are never touched. */
export function rotate(folder: string, now: Date): string[] {
  const names = readdirSync(folder).filter((n) => NAME.test(n));
  const kept = selectKept(names, now);
  const removed = names.filter((n) => !kept.has(n));
  for (const name of removed) rmSync(join(folder, name), { force: true });
  return removed;
}

/** The automatic backups and the undo copy, newest first. */
export function listAutoBackups(dbPath: string): { folder: string; backups: BackupFile[]; undo: BackupFile | null } {
  const folder = backupFolderOf(dbPath);
  let names: string[] = [];
  try {
    names = readdirSync(folder);
  } catch {
    /* no backup made yet */
  }
  const backups: Array<BackupFile & { parsed: ParsedAutoBackup }> = [];
  let undo: BackupFile | null = null;
  for (const name of names) {
    const path = join(folder, name);
    const parsed = parseAutoBackupName(name);
    if (parsed) {
      backups.push({
        fileName: name,
        path,
        bytes: statSync(path).size,
        createdAt: parsed.at.toISOString(),
        kind: 'auto',
        encrypted: false,
        reason: parsed.reason,
        parsed,
      });
    } else if (name === UNDO_FILE) {
      const stat = statSync(path);
      undo = {
        fileName: name,
        path,
        bytes: stat.size,
        createdAt: stat.mtime.toISOString(),
        kind: 'undo',
        encrypted: false,
      };
    }
  }
  backups.sort((a, b) => newestFirst(a.parsed, b.parsed) || b.fileName.localeCompare(a.fileName));
  return { folder, backups: backups.map(({ parsed: _parsed, ...backup }) => backup), undo };
}

/**
 * Makes one automatic backup: copy (online backup API) to a hidden temp name, integrity_check, rename
 * into place, rotate. A copy that does not verify is deleted and the error thrown.
 */
export async function makeAutoBackup(
  sqlite: Database.Database,
  dbPath: string,
  reason: AutoReason,
  now: Date,
  onProgress?: (done: number, total: number) => void,
): Promise<BackupFile> {
  const folder = backupFolderOf(dbPath);
  mkdirSync(folder, { recursive: true });
  const temp = join(folder, `.~${randomBytes(4).toString('hex')}.tmp`);
  try {
    await copyRegister(sqlite, temp, onProgress);
    // Numbered and renamed in one synchronous step, so a backup finished later always has a higher number.
    const name = autoBackupName(now, reason, nextSequence(readdirSync(folder)));
    const path = join(folder, name);
    renameSync(temp, path);
    rotate(folder, now);
    return {
      fileName: name,
      path,
      bytes: statSync(path).size,
      createdAt: parseAutoBackupName(name)!.at.toISOString(),
      kind: 'auto',
      encrypted: false,
      reason,
    };
  } finally {
    rmSync(temp, { force: true });
  }
}

/** Leftover temp files from an interrupted backup or restore (a power cut), removed at start. */
export function removeLeftovers(dbPath: string): void {
  const folder = backupFolderOf(dbPath);
  try {
    for (const name of readdirSync(folder))
      if (name.startsWith('.~')) rmSync(join(folder, name), { force: true, recursive: true });
  } catch {
    /* no folder yet */
  }
}
