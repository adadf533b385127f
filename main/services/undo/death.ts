import type { HandlerContext } from '../../api/context';
import type { Store } from '../../db/store';
import { ApiError } from '../../../shared/api/errors';
import type { UndoCheck, UndoResult } from '../../../shared/api/undo';
import { formatDateVi, formatMonthVi } from '../../../shared/domain/dates';
import { formatVnd } from '../../../shared/domain/money';
import { currentMonth, today } from '../clock';
import { refreshSummary } from '../register/summary';

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
  stops: Array<{ entitlementId: number; decisionId: number; endBefore: string | null; endAfter: string }>;
  funeral: { id: number; amountVnd: number } | null;
}

function deathEntry(store: Store, personId: number): DeathEntry {
  const db = store.sqlite;
  const person = db.prepare('SELECT full_name, death_date, citizen_id FROM people WHERE id = ?').get(personId) as
    | { full_name: string; death_date: string | null; citizen_id: string | null }
    | undefined;
  if (!person) throw new ApiError('NOT_FOUND', 'Không tìm thấy hồ sơ người này.');
  if (!person.death_date) throw new ApiError('INVALID_INPUT', `${person.full_name} không có báo tử để hoàn tác.`);
  const entry = db
    .prepare("SELECT id, at, after_json FROM audit_log WHERE person_id = ? AND action = 'person.death' ORDER BY id DESC LIMIT 1")
    .get(personId) as { id: number; at: string; after_json: string } | undefined;
  if (!entry || (JSON.parse(entry.after_json) as { deathDate?: string }).deathDate !== person.death_date) {
    throw new ApiError('INVALID_INPUT', `Không tìm thấy lần ghi báo tử của ${person.full_name} trong nhật ký.`);
  }
  // The same command's entries: after the death entry, at the same instant.
  const same = db.prepare('SELECT action, entity_id, before_json, after_json FROM audit_log WHERE person_id = ? AND id > ? AND at = ? ORDER BY id').all(personId, entry.id, entry.at) as Array<{
    action: string;
    entity_id: string;
    before_json: string | null;
    after_json: string | null;
  }>;
  const stops = same
    .filter((e) => e.action === 'entitlement.stop')
    .map((e) => {
      const before = JSON.parse(e.before_json ?? '{}') as { endMonth: string | null };
      const after = JSON.parse(e.after_json ?? '{}') as { endMonth: string; decisionId: number };
      return { entitlementId: Number(e.entity_id), decisionId: after.decisionId, endBefore: before.endMonth ?? null, endAfter: after.endMonth };
    });
  const f = same.find((e) => e.action === 'funeral.create');
  const funeral = f ? { id: Number(f.entity_id), amountVnd: (JSON.parse(f.after_json ?? '{}') as { amountVnd: number }).amountVnd } : null;
  return { auditId: entry.id, at: entry.at, deathDate: person.death_date, fullName: person.full_name, citizenId: person.citizen_id, stops, funeral };
}

function check(ctx: HandlerContext, personId: number): UndoCheck & { entry: DeathEntry } {
  const store = ctx.store;
  const db = store.sqlite;
  const e = deathEntry(store, personId);
  const what = `Hoàn tác báo tử của ${e.fullName} (ngày mất ${formatDateVi(e.deathDate)})`;
  const out: string[] = [];
  const recorded = today(new Date(e.at));
  if (recorded !== today(ctx.now)) out.push(`Chỉ hoàn tác được trong ngày ghi: báo tử này ghi ngày ${formatDateVi(recorded)}. Hãy sửa bằng quyết định.`);
  if (e.funeral) {
    const months = db.prepare('SELECT DISTINCT p.month FROM payroll_lines l JOIN payrolls p ON p.id = l.payroll_id WHERE l.one_off_item_id = ? ORDER BY p.month').pluck().all(e.funeral.id) as string[];
    if (months.length) out.push(`Khoản hỗ trợ mai táng đã vào bảng chi trả tháng ${months.map(formatMonthVi).join(', ')} : hãy huỷ bảng nháp đó trước (bảng đã phê duyệt thì không hoàn tác được).`);
  }
  const stopIds = new Set(e.stops.map((s) => s.decisionId));
  const later = (db.prepare('SELECT id FROM decisions WHERE person_id = ? AND created_at >= ?').pluck().all(personId, e.at) as number[]).filter((id) => !stopIds.has(id)).length;
  if (later) out.push(`Đã có ${later} quyết định ghi sau báo tử.`);
  for (const s of e.stops) {
    const end = db.prepare('SELECT end_month FROM entitlements WHERE id = ?').pluck().get(s.entitlementId) as string | null | undefined;
    if (end !== s.endAfter) out.push('Chế độ của người này đã được sửa sau báo tử.');
  }
  if (db.prepare('SELECT COUNT(*) FROM ledger_heirs WHERE person_id = ?').pluck().get(personId)) out.push('Đã xác định người thừa kế nhận tiền của người này.');
  if (db.prepare('SELECT COUNT(*) FROM ledger_recoveries WHERE person_id = ? AND created_at >= ?').pluck().get(personId, e.at)) out.push('Đã ghi thu hồi khoản chi thừa sau báo tử.');
  if (e.citizenId) {
    const other = db.prepare('SELECT full_name FROM people WHERE citizen_id = ? AND death_date IS NULL AND id <> ?').pluck().get(e.citizenId, personId) as string | undefined;
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
  const at = ctx.store.sqlite
    .prepare("SELECT at FROM audit_log WHERE person_id = ? AND action = 'person.death' ORDER BY id DESC LIMIT 1")
    .pluck()
    .get(personId) as string | undefined;
  return at !== undefined && today(new Date(at)) === today(ctx.now);
}

export function checkDeathUndo(ctx: HandlerContext, personId: number): UndoCheck {
  const { what, details, blockers } = check(ctx, personId);
  return { what, details, blockers };
}

export function undoDeath(ctx: HandlerContext, personId: number): UndoResult {
  const c = check(ctx, personId);
  if (c.blockers.length) throw new ApiError('CONFLICT', `Không hoàn tác được báo tử của ${c.entry.fullName}: ${c.blockers.join(' ')}`);
  const db = ctx.store.sqlite;
  const e = c.entry;
  const at = ctx.now.toISOString();
  db.prepare('UPDATE people SET death_date = NULL, updated_at = ? WHERE id = ?').run(at, personId);
  ctx.audit({ action: 'person.death.undo', entity: 'person', entityId: personId, personId, before: { deathDate: e.deathDate }, after: { deathDate: null }, detail: { reverses: e.auditId } });
  const reason = `Hoàn tác báo tử ghi nhầm (ngày mất ${formatDateVi(e.deathDate)})`;
  for (const s of e.stops) {
    const stop = db.prepare('SELECT programme_code, effective_month FROM decisions WHERE id = ?').get(s.decisionId) as { programme_code: string; effective_month: string };
    const decisionId = Number(
      db
        .prepare(
          `INSERT INTO decisions (person_id, programme_code, kind, number, signed_date, signer, effective_month, reason, entitlement_id, reverses_decision_id, created_at, created_by)
           VALUES (?, ?, 'resume', '', NULL, '', ?, ?, ?, ?, ?, ?)`,
        )
        .run(personId, stop.programme_code, stop.effective_month, reason, s.entitlementId, s.decisionId, at, ctx.user.id).lastInsertRowid,
    );
    db.prepare('UPDATE entitlements SET end_month = ? WHERE id = ?').run(s.endBefore, s.entitlementId);
    ctx.audit({ action: 'entitlement.stop.undo', entity: 'entitlement', entityId: s.entitlementId, personId, before: { endMonth: s.endAfter }, after: { endMonth: s.endBefore, decisionId, reverses: s.decisionId } });
  }
  if (e.funeral) {
    db.prepare('UPDATE one_off_items SET superseded = 1 WHERE id = ?').run(e.funeral.id);
    ctx.audit({ action: 'funeral.withdraw', entity: 'one_off_item', entityId: e.funeral.id, personId, before: { superseded: 0 }, after: { superseded: 1 } });
  }
  // The person and the caregivers paid for them (care support follows the cared person).
  const carers = db.prepare('SELECT DISTINCT person_id FROM entitlements WHERE cared_person_id = ?').pluck().all(personId) as number[];
  refreshSummary(ctx.store, currentMonth(ctx.now), [personId, ...carers]);
  return { message: `Đã hoàn tác báo tử của ${e.fullName}: hồ sơ trở lại như trước khi báo tử.` };
}
