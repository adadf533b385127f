import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { auditHashAt, auditHeadOf } from './audit-queries';
import type { AnchorCheck, AnchorKind, AnchorProblem, AuditAnchor, AuditHead } from '@shared/api/auth';
import { logError } from '../log';

// Anchors of the audit chain. The chain (audit.ts) proves only that its rows link to each other: someone
// who can write the register file can drop the append-only triggers, delete or edit rows, recompute every
// hash and put the triggers back, and the chain verifies again. What they cannot rewrite is a copy of the
// chain's head that has left the file: an anchor, the newest entry's sequence number (audit_log.id) and
// hash, printed on every approved payroll's summary, written in every province export's manifest and in
// every backup (the .sasbak header). A rewritten chain no longer has the anchored entry, or has it with
// another hash.
//
// The app also keeps every anchor it issues in a small record beside the register, outside the SQLite
// file (`<register>.neo-nhat-ky.json`), and checks the register against it at every open (app.info, the
// audit page's check) and the backup against it at restore. Honest limits: that record lives in the same
// folder, writable by the same Windows account, so it catches an edited or swapped data file (an edit made
// on a copy, a file brought from elsewhere, a tool that knows only SQLite), not someone who also finds and
// rewrites the record. Anchors on paper, at the province and on USB sticks are beyond their reach, but are
// checked only when presented (a backup at restore; a printed number compared on the audit page). Edits
// after the newest anchor are not detected by any anchor.
//
// A restore is a legitimate fork: anchors newer than the restored backup's chain are marked as retired by
// that restore (their entries are gone with the register that was replaced), and an undo of the restore
// brings them back and retires those issued in between.

export interface StoredAnchor extends AuditAnchor {
  /** Index (in the record) of the restore that retired it, if one did. */
  retiredBy?: number;
}

interface AnchorRecord {
  format: 'so-an-sinh-neo-nhat-ky';
  version: 1;
  anchors: StoredAnchor[];
}

export const anchorFileOf = (dbPath: string) => `${dbPath}.neo-nhat-ky.json`;

/** The anchors the app has issued for this register (an absent record: none; an unreadable one is flagged). */
export function readAnchors(dbPath: string): { anchors: StoredAnchor[]; unreadable: boolean } {
  const path = anchorFileOf(dbPath);
  if (!existsSync(path)) return { anchors: [], unreadable: false };
  try {
    const record = JSON.parse(readFileSync(path, 'utf8')) as AnchorRecord;
    if (record.format !== 'so-an-sinh-neo-nhat-ky' || !Array.isArray(record.anchors))
      return { anchors: [], unreadable: true };
    const anchors = record.anchors.filter(
      (a) =>
        a && Number.isSafeInteger(a.seq) && a.seq > 0 && typeof a.hash === 'string' && /^[0-9a-f]{64}$/.test(a.hash),
    );
    return { anchors, unreadable: anchors.length !== record.anchors.length };
  } catch {
    return { anchors: [], unreadable: true };
  }
}

function writeAnchors(dbPath: string, anchors: StoredAnchor[]): void {
  const path = anchorFileOf(dbPath);
  const temp = `${path}.~${randomBytes(4).toString('hex')}`;
  const record: AnchorRecord = { format: 'so-an-sinh-neo-nhat-ky', version: 1, anchors };
  const fd = openSync(temp, 'wx');
  try {
    writeSync(fd, JSON.stringify(record, null, 1));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temp, path);
  } finally {
    rmSync(temp, { force: true });
  }
}

/** The newest entry of a register's chain, or null for an empty log. */
export function chainHead(db: Database.Database): AuditHead | null {
  const row = auditHeadOf(db);
  return row ? { seq: row.id, hash: row.hash } : null;
}

/**
 * Records an anchor the app has just issued (printed, exported, put in a backup): the register's current
 * head. Returns it. Writing the record never fails the work that issues the anchor (a full disk is
 * reported by that work's own write); a failure is logged.
 */
export function issueAnchor(
  db: Database.Database,
  dbPath: string | undefined,
  kind: AnchorKind,
  ref: string,
  at: Date,
): AuditAnchor | null {
  const head = chainHead(db);
  if (!head) return null;
  const anchor: AuditAnchor = { ...head, at: at.toISOString(), kind, ref };
  if (dbPath) {
    try {
      const { anchors, unreadable } = readAnchors(dbPath);
      // An unreadable record is never overwritten: that would erase the evidence and the warning with it.
      if (unreadable) throw new Error('the anchor record is unreadable; left as it is');
      const last = anchors[anchors.length - 1];
      if (!(last && last.seq === anchor.seq && last.hash === anchor.hash && last.kind === kind && last.ref === ref))
        writeAnchors(dbPath, [...anchors, anchor]);
    } catch (error) {
      logError('audit-anchors', 'recording an anchor failed', error);
    }
  }
  return anchor;
}

/** Compares a chain with anchors: each must be in it with the same hash. `beyondIsFine`: an older copy (a backup) may end before an anchor. */
export function checkAnchors(
  db: Database.Database,
  anchors: readonly AuditAnchor[],
  beyondIsFine = false,
): AnchorProblem[] {
  const head = chainHead(db);
  const problems: AnchorProblem[] = [];
  for (const anchor of anchors) {
    if (!head || anchor.seq > head.seq) {
      if (!beyondIsFine) problems.push({ anchor: plain(anchor), problem: 'SHORTER' });
      continue;
    }
    if (auditHashAt(db, anchor.seq) !== anchor.hash) problems.push({ anchor: plain(anchor), problem: 'DIFFERENT' });
  }
  return problems;
}

const plain = ({ seq, hash, at, kind, ref }: AuditAnchor): AuditAnchor => ({ seq, hash, at, kind, ref });
const active = (anchors: readonly StoredAnchor[]) => anchors.filter((a) => a.retiredBy === undefined);

const KIND_VI: Record<AnchorKind, string> = {
  'payroll-summary': 'bảng tổng hợp chi trả đã in',
  'province-export': 'bộ báo cáo gửi tỉnh',
  backup: 'bản sao lưu',
  restore: 'lần khôi phục',
};

/** One Vietnamese sentence for the first problems (null when there is none). */
export function anchorWarning(
  problems: readonly AnchorProblem[],
  unreadable: boolean,
  subject = 'Nhật ký của sổ',
): string | undefined {
  if (!problems.length) {
    return unreadable
      ? 'Không đọc được tệp ghi các mốc neo nhật ký (bên cạnh tệp dữ liệu): không kiểm tra được nhật ký với các mốc đã phát hành. Hãy báo cán bộ kỹ thuật.'
      : undefined;
  }
  const first = problems[0]!;
  const what =
    first.problem === 'SHORTER' ? `ngắn hơn mốc neo số ${first.anchor.seq}` : `khác mốc neo số ${first.anchor.seq}`;
  const more = problems.length > 1 ? ` (và ${problems.length - 1} mốc khác)` : '';
  return `${subject} ${what}${more}, mốc đã ghi trên ${KIND_VI[first.anchor.kind]} «${first.anchor.ref}» ngày ${first.anchor.at.slice(0, 10)}: nhật ký đã bị viết lại hoặc tệp dữ liệu đã bị thay. Không xoá, không sửa gì; hãy báo ngay cho cán bộ kỹ thuật.`;
}

/** The register's check at open and on the audit page: its chain against every anchor still in force. */
export function checkRegisterAnchors(db: Database.Database, dbPath: string): AnchorCheck {
  const { anchors, unreadable } = readAnchors(dbPath);
  const inForce = active(anchors);
  const problems = checkAnchors(db, inForce);
  const warning = anchorWarning(problems, unreadable);
  return { checked: inForce.length, problems, ...(unreadable ? { unreadable } : {}), ...(warning ? { warning } : {}) };
}

/**
 * Restore: which anchors the backup's chain contradicts (DIFFERENT), given the anchors in force and the
 * one in the backup's own header; and whether the backup and the current register agree where both have
 * entries (a backup is older or newer than the register, never another history).
 */
export function checkBackupAnchors(
  backup: Database.Database,
  dbPath: string,
  options: { headerAnchor?: AuditHead | undefined; current?: Database.Database | undefined },
): AnchorCheck {
  const { anchors, unreadable } = readAnchors(dbPath);
  const inForce: AuditAnchor[] = [...active(anchors)];
  if (options.headerAnchor)
    inForce.push({ ...options.headerAnchor, at: '', kind: 'backup', ref: 'tiêu đề của chính bản sao lưu' });
  const problems = checkAnchors(backup, inForce, true);
  // The current register's head (or the backup's, if it is older) is an anchor the other must agree with.
  const current = options.current;
  const mine = current ? chainHead(current) : null;
  const theirs = chainHead(backup);
  if (current && mine && theirs) {
    const seq = Math.min(mine.seq, theirs.seq);
    const hash = auditHashAt(current, seq);
    if (hash !== undefined && auditHashAt(backup, seq) !== hash) {
      problems.push({
        anchor: { seq, hash, at: new Date().toISOString(), kind: 'restore', ref: 'sổ đang dùng' },
        problem: 'DIFFERENT',
      });
    }
  }
  const warning = anchorWarning(problems, unreadable, 'Nhật ký của bản sao lưu');
  return {
    checked: inForce.length + (current && mine && theirs ? 1 : 0),
    problems,
    ...(unreadable ? { unreadable } : {}),
    ...(warning ? { warning } : {}),
  };
}

/**
 * After a restore: anchors newer than the restored chain's point of restore are retired by it, and the
 * restored register's head is recorded. An undo brings back what the last restore retired and retires
 * what was issued since.
 */
export function recordRestore(
  dbPath: string,
  restoredHead: AuditHead | null,
  headNow: AuditHead | null,
  at: Date,
  ref: string,
  undo: boolean,
): void {
  try {
    const { anchors, unreadable } = readAnchors(dbPath);
    if (unreadable) throw new Error('the anchor record is unreadable; left as it is');
    const index = anchors.length;
    if (undo) {
      let last = -1;
      anchors.forEach((a, i) => {
        if (a.kind === 'restore' && a.retiredBy === undefined && a.ref !== 'hoàn tác') last = i;
      });
      if (last >= 0) {
        for (const a of anchors) if (a.retiredBy === last) delete a.retiredBy;
        for (let i = last; i < anchors.length; i++)
          if (anchors[i]!.retiredBy === undefined) anchors[i]!.retiredBy = index;
      }
    } else {
      for (const a of anchors)
        if (a.retiredBy === undefined && (!restoredHead || a.seq > restoredHead.seq)) a.retiredBy = index;
    }
    if (headNow) anchors.push({ ...headNow, at: at.toISOString(), kind: 'restore', ref: undo ? 'hoàn tác' : ref });
    writeAnchors(dbPath, anchors);
  } catch (error) {
    logError('audit-anchors', 'recording a restore failed', error);
  }
}
