import type { z } from 'zod';
import type { HandlerContext } from '../../api/context';
import type { Store } from '../../db/store';
import { ApiError } from '../../../shared/api/errors';
import type { renewSchema, RenewResult } from '../../../shared/api/payout';
import { formatDateVi, type IsoDate, type Month } from '../../../shared/domain/dates';
import { addDays, EXPIRY_WARNING_DAYS, renewalTerm, termsOverlap } from '../../../shared/domain/payout';
import { currentMonth, today } from '../clock';
import { payoutInForce } from './in-force';

// Renewal of authorizations (issue 14): one, several, or every one expiring within 30 days or expired while
// still in use, in one transaction (the command's) with one audit entry. A renewal is a new authorization —
// the same giver, receiver, relationship and account, a new term from the end of the old one — that names
// the one it renews (renews_id). It is not certified: its form is printed and certified like a new one
// (it appears among the pending forms), and until then the account is not paid (in-force.ts follows the
// chain of renewals, so no new payout method row is needed).

interface Row {
  id: number;
  giver_person_id: number;
  giver_name: string;
  giver_death_date: string | null;
  receiver_person_id: number;
  receiver_death_date: string | null;
  relationship: string;
  bank_account_id: number | null;
  closed_date: string | null;
  valid_from: string;
  valid_to: string;
  revoked_date: string | null;
  scope_note: string;
  renewed: number;
}

const ROW_SQL = `SELECT au.id, au.giver_person_id, gp.full_name AS giver_name, gp.death_date AS giver_death_date,
    au.receiver_person_id, rp.death_date AS receiver_death_date, au.relationship, au.bank_account_id, ba.closed_date,
    au.valid_from, au.valid_to, au.revoked_date, au.scope_note,
    EXISTS (SELECT 1 FROM authorizations r WHERE r.renews_id = au.id AND (r.revoked_date IS NULL OR r.revoked_date > r.valid_from)) AS renewed
  FROM authorizations au JOIN people gp ON gp.id = au.giver_person_id JOIN people rp ON rp.id = au.receiver_person_id
  LEFT JOIN bank_accounts ba ON ba.id = au.bank_account_id`;

/** Why this authorization cannot be renewed, or null. */
function refusal(store: Store, a: Row, term: { from: IsoDate; to: IsoDate }, day: IsoDate): string | null {
  if (a.renewed) return 'đã được gia hạn';
  if (a.revoked_date) return `đã chấm dứt ngày ${formatDateVi(a.revoked_date)}`;
  if (a.giver_death_date) return 'người ủy quyền đã mất';
  if (a.receiver_death_date) return 'người được ủy quyền đã mất';
  if (!a.bank_account_id) return 'không ghi tài khoản nhận';
  if (a.closed_date && a.closed_date <= day) return `tài khoản nhận đã đóng ngày ${formatDateVi(a.closed_date)}`;
  if (term.to < term.from) return 'ngày hết hạn mới phải sau ngày bắt đầu';
  const others = store
    .prepare('SELECT valid_from, valid_to, revoked_date FROM authorizations WHERE giver_person_id = ? AND id <> ?')
    .all(a.giver_person_id, a.id) as Array<{ valid_from: string; valid_to: string; revoked_date: string | null }>;
  for (const o of others) {
    const end = o.revoked_date && addDays(o.revoked_date, -1) < o.valid_to ? addDays(o.revoked_date, -1) : o.valid_to;
    if (end < o.valid_from) continue;
    if (termsOverlap(term, { from: o.valid_from, to: end })) return `trùng thời hạn với giấy ủy quyền khác (từ ${formatDateVi(o.valid_from)} đến ${formatDateVi(end)})`;
  }
  return null;
}

/** Expiring within 30 days, or already expired while still the one the giver is paid by this month. */
function expiringRows(store: Store, day: IsoDate, month: Month): Row[] {
  const candidates = store
    .prepare(`${ROW_SQL} WHERE au.revoked_date IS NULL AND gp.death_date IS NULL AND au.valid_to <= ? ORDER BY gp.sort_key, au.id`)
    .all(addDays(day, EXPIRY_WARNING_DAYS)) as Row[];
  const methodProgramme = store.prepare(
    "SELECT coalesce(programme_code, '') FROM payout_methods WHERE person_id = ? AND effective_from <= ? ORDER BY effective_from DESC, id DESC LIMIT 1",
  ).pluck();
  return candidates.filter((a) => {
    if (a.renewed) return false;
    if (a.valid_to >= day) return true;
    const programme = methodProgramme.get(a.giver_person_id, month) as string | undefined;
    return programme !== undefined && payoutInForce(store, a.giver_person_id, programme, month).authorizationId === a.id;
  });
}

export function renewAuthorizations(ctx: HandlerContext, input: z.output<typeof renewSchema>): RenewResult {
  const store = ctx.store;
  const day = today(ctx.now);
  const month = currentMonth(ctx.now);
  let rows: Row[];
  if (input.ids) {
    const get = store.prepare(`${ROW_SQL} WHERE au.id = ?`);
    rows = [...new Set(input.ids)].map((id) => {
      const row = get.get(id) as Row | undefined;
      if (!row) throw new ApiError('NOT_FOUND', 'Không tìm thấy giấy ủy quyền cần gia hạn.');
      return row;
    });
  } else {
    rows = expiringRows(store, day, month);
  }
  const insert = store.prepare(
    `INSERT INTO authorizations (giver_person_id, receiver_person_id, relationship, bank_account_id, valid_from, valid_to, certified_by, scope_note, renews_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, '', ?, ?, ?)`,
  );
  const renewed: RenewResult['renewed'] = [];
  const skipped: RenewResult['skipped'] = [];
  const refused: string[] = [];
  const planned: Array<{ row: Row; term: { from: IsoDate; to: IsoDate } }> = [];
  for (const row of rows) {
    const term = renewalTerm(row.valid_to, day, input.validTo ?? null);
    const why = refusal(store, row, term, day);
    if (why === null) planned.push({ row, term });
    else if (input.ids) refused.push(`${row.giver_name}: ${why}`);
    else skipped.push({ id: row.id, giverName: row.giver_name, reason: why });
  }
  // Named authorizations: all or none, as the bulk change of methods.
  if (refused.length) {
    const shown = refused.slice(0, 5).join('; ');
    throw new ApiError('CONFLICT', `Không gia hạn giấy nào: ${shown}${refused.length > 5 ? ` và ${refused.length - 5} giấy khác` : ''}.`);
  }
  if (planned.length === 0) {
    throw new ApiError('NOT_FOUND', skipped.length ? `Không có giấy ủy quyền nào gia hạn được (${skipped.length} giấy không gia hạn được).` : 'Không có giấy ủy quyền nào sắp hết hạn hoặc đã hết hạn mà vẫn đang dùng.');
  }
  const at = ctx.now.toISOString();
  for (const { row, term } of planned) {
    const id = Number(insert.run(row.giver_person_id, row.receiver_person_id, row.relationship, row.bank_account_id, term.from, term.to, row.scope_note, row.id, at).lastInsertRowid);
    renewed.push({ from: row.id, to: id, validFrom: term.from, validTo: term.to });
  }
  ctx.audit({
    action: 'authorization.renew',
    entity: 'authorization',
    entityId: renewed.length === 1 ? renewed[0]!.to : null,
    personId: renewed.length === 1 ? planned[0]!.row.giver_person_id : null,
    detail: { mode: input.ids ? 'selected' : 'expiring', count: renewed.length, renewed, skipped: skipped.map((s) => ({ id: s.id, reason: s.reason })) },
  });
  const message =
    `Đã gia hạn ${renewed.length.toLocaleString('vi-VN')} giấy ủy quyền: in giấy mới và trình lãnh đạo UBND chứng thực; tài khoản chỉ được chi sau khi chứng thực.` +
    (skipped.length ? ` ${skipped.length.toLocaleString('vi-VN')} giấy không gia hạn được (xem danh sách).` : '');
  return { count: renewed.length, renewed, skipped, message };
}
