import { z } from 'zod';
import { OFFICER, command, query } from './channel';
import { idField } from './fields';

// Undo where a mistake is common (issue 15): revert a whole import while nothing depends on it; undo a
// death entry, a move away (issue 16: a transfer too) or a payout-method change recorded today, as a new audited correction (the history keeps
// the entry and its reversal). Each undo has a check (what it will undo, and what blocks it, in words)
// that the confirmation shows, and the command, which checks again inside its transaction.

export interface UndoCheck {
  /** What will be undone, in one sentence ("Hoàn tác nhập tệp … : xoá 410 người …"). */
  what: string;
  /** Consequences the officer should know ("Khoản hỗ trợ mai táng 36.000.000 đồng được huỷ."). */
  details: string[];
  /** Why it cannot be undone now; empty when it can. */
  blockers: string[];
}

export interface ImportHistoryRow {
  id: number;
  fileName: string;
  asOfMonth: string;
  added: number;
  skipped: number;
  createdAt: string;
  createdBy: string;
  revertedAt: string | null;
  revertedBy: string | null;
}

export interface UndoResult {
  message: string;
}

const importId = z.object({ importId: idField }).strict();
const personId = z.object({ personId: idField }).strict();
const payoutMethodId = z.object({ payoutMethodId: idField }).strict();

export const undoChannels = {
  /** The register's imports, newest first, with whether each was reverted. */
  'undo.importHistory': query<ImportHistoryRow[]>()(z.object({}).strict(), OFFICER),
  'undo.importCheck': query<UndoCheck>()(importId, OFFICER),
  /** Removes everything the import created, in one transaction, with one audit entry (counts only). */
  'undo.importRevert': command<UndoResult>()(importId, OFFICER),
  /** The death entry of this person, if recorded today. */
  'undo.deathCheck': query<UndoCheck>()(personId, OFFICER),
  'undo.death': command<UndoResult>()(personId, OFFICER),
  /** The move away of this person ("Chuyển đi" or a transfer to another ward), if recorded today. */
  'undo.moveAwayCheck': query<UndoCheck>()(personId, OFFICER),
  'undo.moveAway': command<UndoResult>()(personId, OFFICER),
  /** A payout-method change (a row of the history) recorded today. */
  'undo.methodCheck': query<UndoCheck>()(payoutMethodId, OFFICER),
  'undo.method': command<UndoResult>()(payoutMethodId, OFFICER),
} as const;
