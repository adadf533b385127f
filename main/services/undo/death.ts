import type { HandlerContext } from '../../api/context';
import type { Store } from '../../db/store';
import { ApiError } from '@shared/api/errors';
import type { UndoCheck, UndoResult } from '@shared/api/undo';
import { formatDateVi, formatMonthVi } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import { today } from '../clock';
import {
  clearDeathDate,
  deathPerson,
  heirCount,
  lastDeathEntry,
  livingHolderOf,
  payrollMonthsOfItem,
  recoveriesSince,
  supersedeItem,
} from './queries/death';
import { commandOf, refreshWithCarers, reopenStops, stopBlockers, type StopEntry } from './stops';

// Undoing a death entered by mistake, the same day, as a correction: the death date is cleared, each
// entitlement the entry stopped is reopened as it was, with a 'resume' decision that names the stop it
// reverses (both stay in the person's decisions), and the funeral support it created is withdrawn
// (superseded, not deleted). The ledger's triggers mark the person from the death month, so the next
// build owes exactly what it owed before the entry. What the entry wrote is read from its audit entries
// (the log is append-only and chained): the death, each stop with the end month it replaced, the funeral item.

interface DeathEntry {
  auditId: number;
  at: string;
  deathDate: string;
  fullName: string;
  citizenId: string | null;
  stops: StopEntry[];
  funeral: { id: number; amountVnd: number } | null;
}

function deathEntry(store: Store, personId: number): DeathEntry {
  const person = deathPerson(store, personId);
  if (!person) throw new ApiError('NOT_FOUND', 'Không tìm thấy hồ sơ người này.');
  if (!person.death_date) throw new ApiError('INVALID_INPUT', `${person.full_name} không có báo tử để hoàn tác.`);
  const entry = lastDeathEntry(store, personId);
  if (!entry || (JSON.parse(entry.after_json ?? '{}') as { deathDate?: string }).deathDate !== person.death_date) {
    throw new ApiError('INVALID_INPUT', `Không tìm thấy lần ghi báo tử của ${person.full_name} trong nhật ký.`);
  }
  const { same, stops } = commandOf(store, personId, entry);
  const f = same.find((e) => e.action === 'funeral.create');
  const funeral = f
    ? { id: Number(f.entity_id), amountVnd: (JSON.parse(f.after_json ?? '{}') as { amountVnd: number }).amountVnd }
    : null;
  return {
    auditId: entry.id,
    at: entry.at,
    deathDate: person.death_date,
    fullName: person.full_name,
    citizenId: person.citizen_id,
    stops,
    funeral,
  };
}

function check(ctx: HandlerContext, personId: number): UndoCheck & { entry: DeathEntry } {
  const store = ctx.store;
  const e = deathEntry(store, personId);
  const what = `Hoàn tác báo tử của ${e.fullName} (ngày mất ${formatDateVi(e.deathDate)})`;
  const out: string[] = [];
  const recorded = today(new Date(e.at));
  if (recorded !== today(ctx.now))
    out.push(
      `Chỉ hoàn tác được trong ngày ghi: báo tử này ghi ngày ${formatDateVi(recorded)}. Hãy sửa bằng quyết định.`,
    );
  if (e.funeral) {
    const months = payrollMonthsOfItem(store, e.funeral.id);
    if (months.length)
      out.push(
        `Khoản hỗ trợ mai táng đã vào bảng chi trả tháng ${months.map(formatMonthVi).join(', ')} : hãy huỷ bảng nháp đó trước (bảng đã phê duyệt thì không hoàn tác được).`,
      );
  }
  out.push(...stopBlockers(store, personId, e.at, e.stops, 'báo tử'));
  if (heirCount(store, personId)) out.push('Đã xác định người thừa kế nhận tiền của người này.');
  if (recoveriesSince(store, personId, e.at)) out.push('Đã ghi thu hồi khoản chi thừa sau báo tử.');
  if (e.citizenId) {
    const other = livingHolderOf(store, e.citizenId, personId);
    if (other) out.push(`Số CCCD của người này đang thuộc hồ sơ khác còn sống (${other}).`);
  }
  const details = [
    `Bỏ ngày mất ${formatDateVi(e.deathDate)}; ${e.stops.length ? `mở lại ${e.stops.length} chế độ như trước khi báo tử` : 'không có chế độ nào bị dừng'} (ghi thêm quyết định hưởng lại, giữ nguyên lịch sử).`,
    ...(e.funeral ? [`Huỷ khoản hỗ trợ mai táng ${formatVnd(e.funeral.amountVnd)} đồng.`] : []),
    'Số tiền phải chi được tính lại như trước khi báo tử.',
  ];
  return { what, details, blockers: [...new Set(out)], entry: e };
}

/** Whether the person's death was recorded today (the person page then offers Hoàn tác). */
export function deathRecordedToday(ctx: Pick<HandlerContext, 'store' | 'now'>, personId: number): boolean {
  const at = lastDeathEntry(ctx.store, personId)?.at;
  return at !== undefined && today(new Date(at)) === today(ctx.now);
}

export function checkDeathUndo(ctx: HandlerContext, personId: number): UndoCheck {
  const { what, details, blockers } = check(ctx, personId);
  return { what, details, blockers };
}

export function undoDeath(ctx: HandlerContext, personId: number): UndoResult {
  const c = check(ctx, personId);
  if (c.blockers.length)
    throw new ApiError('CONFLICT', `Không hoàn tác được báo tử của ${c.entry.fullName}: ${c.blockers.join(' ')}`);
  const store = ctx.store;
  const e = c.entry;
  const at = ctx.now.toISOString();
  clearDeathDate(store, personId, at);
  ctx.audit({
    action: 'person.death.undo',
    entity: 'person',
    entityId: personId,
    personId,
    before: { deathDate: e.deathDate },
    after: { deathDate: null },
    detail: { reverses: e.auditId },
  });
  reopenStops(ctx, personId, e.stops, `Hoàn tác báo tử ghi nhầm (ngày mất ${formatDateVi(e.deathDate)})`);
  if (e.funeral) {
    supersedeItem(store, e.funeral.id);
    ctx.audit({
      action: 'funeral.withdraw',
      entity: 'one_off_item',
      entityId: e.funeral.id,
      personId,
      before: { superseded: 0 },
      after: { superseded: 1 },
    });
  }
  refreshWithCarers(ctx, personId);
  return { message: `Đã hoàn tác báo tử của ${e.fullName}: hồ sơ trở lại như trước khi báo tử.` };
}
