import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import type { BackupFile } from '../../../shared/api/backup';
import { today } from '../clock';
import { copyRegister } from './sqlite-file';

// Automatic backups: a verified copy of the register in `<folder of the register>/sao-luu/`, made at
// start, after each approved payroll, hourly while the app is in use, and when the administrator asks
// for one without choosing a folder. Rotation keeps the 10 newest plus the newest of each day of the
// last 30 days.

export const BACKUP_FOLDER = 'sao-luu';
export const UNDO_FILE = 'truoc-khoi-phuc.sqlite';
export const KEEP_LATEST = 10;
export const KEEP_DAYS = 30;
export type AutoReason = 'start' | 'payroll' | 'hourly' | 'manual';

const NAME = /^sao-luu-(\d{4})-(\d{2})-(\d{2})_(\d{2})(\d{2})(\d{2})-(start|payroll|hourly|manual)(?:-\d+)?\.sqlite$/;
const pad = (n: number) => String(n).padStart(2, '0');

export const backupFolderOf = (dbPath: string) => join(dirname(dbPath), BACKUP_FOLDER);
export const undoPathOf = (dbPath: string) => join(backupFolderOf(dbPath), UNDO_FILE);

export function autoBackupName(at: Date, reason: AutoReason): string {
  const stamp = `${today(at)}_${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
  return `sao-luu-${stamp}-${reason}.sqlite`;
}

export function parseAutoBackupName(name: string): { at: Date; reason: AutoReason } | undefined {
  const m = NAME.exec(name);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, reason] = m;
  return { at: new Date(+y!, +mo! - 1, +d!, +h!, +mi!, +s!), reason: reason as AutoReason };
}

/** Which automatic backups rotation keeps: the `KEEP_LATEST` newest, and the newest of each of the last `KEEP_DAYS` days. */
export function selectKept(names: readonly string[], now: Date): Set<string> {
  const dated = names
    .map((name) => ({ name, parsed: parseAutoBackupName(name) }))
    .filter((e): e is { name: string; parsed: { at: Date; reason: AutoReason } } => !!e.parsed)
    .sort((a, b) => b.parsed.at.getTime() - a.parsed.at.getTime() || b.name.localeCompare(a.name));
  const kept = new Set(dated.slice(0, KEEP_LATEST).map((e) => e.name));
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
  const backups: BackupFile[] = [];
  let undo: BackupFile | null = null;
  for (const name of names) {
    const path = join(folder, name);
    const parsed = parseAutoBackupName(name);
    if (parsed) {
      backups.push({ fileName: name, path, bytes: statSync(path).size, createdAt: parsed.at.toISOString(), kind: 'auto', encrypted: false, reason: parsed.reason });
    } else if (name === UNDO_FILE) {
      const stat = statSync(path);
      undo = { fileName: name, path, bytes: stat.size, createdAt: stat.mtime.toISOString(), kind: 'undo', encrypted: false };
    }
  }
  backups.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.fileName.localeCompare(a.fileName));
  return { folder, backups, undo };
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
    let name = autoBackupName(now, reason);
    for (let n = 2; exists(join(folder, name)); n++) name = name.replace(/(-\d+)?\.sqlite$/, `-${n}.sqlite`);
    const path = join(folder, name);
    renameSync(temp, path);
    rotate(folder, now);
    return { fileName: name, path, bytes: statSync(path).size, createdAt: parseAutoBackupName(name)!.at.toISOString(), kind: 'auto', encrypted: false, reason };
  } finally {
    rmSync(temp, { force: true });
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Leftover temp files from an interrupted backup or restore (a power cut), removed at start. */
export function removeLeftovers(dbPath: string): void {
  const folder = backupFolderOf(dbPath);
  try {
    for (const name of readdirSync(folder)) if (name.startsWith('.~')) rmSync(join(folder, name), { force: true, recursive: true });
  } catch {
    /* no folder yet */
  }
}
