import type { HandlerContext } from '../../api/context';
import type { Store } from '../../db/store';
import { ApiError } from '@shared/api/errors';
import type { UndoCheck, UndoResult } from '@shared/api/undo';
import { formatDateVi } from '@shared/domain/dates';
import { today } from '../clock';
import {
  clearMovedAway,
  deleteTransfer,
  lastMoveEntry,
  movePerson,
  transferFilesWrittenSince,
  transfersOut,
  type TransferOut,
} from './queries/move-away';
import { commandOf, refreshWithCarers, reopenStops, stopBlockers, type StopEntry } from './stops';

// Undoing a move away entered by mistake ("Chuyển đi" or "Chuyển hồ sơ đi"), the same day, as a
// correction: the move date is cleared and each entitlement the entry stopped is reopened as it was (a
// 'resume' decision reversing each stop; undo/stops.ts). A transfer to another ward recorded for this move
// is removed with it (its audit entries keep what it said), so the transfer can be recorded again rightly.
// Once the signed transfer files were written they may already be on their way to the other ward, and the
// undo is refused: that is corrected by a decision, with the other ward told.

interface MoveEntry {
  auditId: number;
  at: string;
  movedDate: string;
  fullName: string;
  /** A death recorded since the move (it blocks the undo). */
  deathDate: string | null;
  stops: StopEntry[];
  transfers: TransferOut[];
}

function moveEntry(store: Store, personId: number): MoveEntry {
  const person = movePerson(store, personId);
  if (!person) throw new ApiError('NOT_FOUND', 'Không tìm thấy hồ sơ người này.');
  if (!person.moved_away_date)
    throw new ApiError('INVALID_INPUT', `${person.full_name} không có việc chuyển đi để hoàn tác.`);
  const entry = lastMoveEntry(store, personId);
  if (
    !entry ||
    (JSON.parse(entry.after_json ?? '{}') as { movedAwayDate?: string }).movedAwayDate !== person.moved_away_date
  ) {
    throw new ApiError('INVALID_INPUT', `Không tìm thấy lần ghi chuyển đi của ${person.full_name} trong nhật ký.`);
  }
  return {
    auditId: entry.id,
    at: entry.at,
    movedDate: person.moved_away_date,
    fullName: person.full_name,
    deathDate: person.death_date,
    stops: commandOf(store, personId, entry).stops,
    transfers: transfersOut(store, personId).filter((t) => t.moved_date === person.moved_away_date),
  };
}

function check(ctx: HandlerContext, personId: number): UndoCheck & { entry: MoveEntry } {
  const store = ctx.store;
  const e = moveEntry(store, personId);
  const what = `Hoàn tác việc ghi ${e.fullName} chuyển đi (ngày ${formatDateVi(e.movedDate)})`;
  const out: string[] = [];
  const recorded = today(new Date(e.at));
  if (recorded !== today(ctx.now))
    out.push(
      `Chỉ hoàn tác được trong ngày ghi: việc chuyển đi này ghi ngày ${formatDateVi(recorded)}. Hãy sửa bằng quyết định.`,
    );
  if (e.deathDate) out.push('Người này đã được ghi báo tử sau khi chuyển đi.');
  out.push(...stopBlockers(store, personId, e.at, e.stops, 'khi chuyển đi'));
  const files = transferFilesWrittenSince(store, personId, e.at);
  if (files)
    out.push(
      'Đã xuất tệp chuyển hồ sơ có chữ ký số: tệp có thể đã gửi đến nơi nhận. Hãy sửa bằng quyết định và báo nơi nhận.',
    );
  const details = [
    `Bỏ ngày chuyển đi ${formatDateVi(e.movedDate)}; ${e.stops.length ? `mở lại ${e.stops.length} chế độ như trước khi ghi chuyển đi` : 'không có chế độ nào bị dừng'} (ghi thêm quyết định hưởng lại, giữ nguyên lịch sử).`,
    ...e.transfers.map((t) => `Bỏ ghi chuyển hồ sơ đến ${t.other_unit}.`),
    'Số tiền phải chi được tính lại như trước khi ghi chuyển đi.',
  ];
  return { what, details, blockers: [...new Set(out)], entry: e };
}

/** Whether the person's move away was recorded today (the person page then offers Hoàn tác). */
export function moveAwayRecordedToday(ctx: Pick<HandlerContext, 'store' | 'now'>, personId: number): boolean {
  const at = lastMoveEntry(ctx.store, personId)?.at;
  return at !== undefined && today(new Date(at)) === today(ctx.now);
}

export function checkMoveAwayUndo(ctx: HandlerContext, personId: number): UndoCheck {
  const { what, details, blockers } = check(ctx, personId);
  return { what, details, blockers };
}

export function undoMoveAway(ctx: HandlerContext, personId: number): UndoResult {
  const c = check(ctx, personId);
  if (c.blockers.length)
    throw new ApiError(
      'CONFLICT',
      `Không hoàn tác được việc chuyển đi của ${c.entry.fullName}: ${c.blockers.join(' ')}`,
    );
  const e = c.entry;
  clearMovedAway(ctx.store, personId, ctx.now.toISOString());
  ctx.audit({
    action: 'person.moveAway.undo',
    entity: 'person',
    entityId: personId,
    personId,
    before: { movedAwayDate: e.movedDate },
    after: { movedAwayDate: null },
    detail: { reverses: e.auditId },
  });
  reopenStops(ctx, personId, e.stops, `Hoàn tác ghi chuyển đi nhầm (ngày ${formatDateVi(e.movedDate)})`);
  for (const t of e.transfers) {
    deleteTransfer(ctx.store, t.id);
    ctx.audit({
      action: 'personFile.transferOut.undo',
      entity: 'person',
      entityId: personId,
      personId,
      before: { toUnit: t.other_unit, movedDate: t.moved_date, decisionNumber: t.decision_number },
    });
  }
  refreshWithCarers(ctx, personId);
  return { message: `Đã hoàn tác việc ghi ${e.fullName} chuyển đi: hồ sơ trở lại như trước.` };
}
