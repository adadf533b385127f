import type { z } from 'zod';
import type { HandlerContext } from '../../api/context';
import type { Store } from '../../db/store';
import { ApiError } from '@shared/api/errors';
import type { renewSchema, RenewResult } from '@shared/api/payout';
import { formatDateVi, type IsoDate, type Month } from '@shared/domain/dates';
import { addDays, EXPIRY_WARNING_DAYS, renewalTerm, termsOverlap } from '@shared/domain/payout';
import { currentMonth, today } from '../clock';
import { payoutInForce } from './in-force';
import {
  otherTermsOfGiver,
  renewableRow,
  renewablesEndingBy,
  renewalWriter,
  type RenewableRow as Row,
} from './queries/authorizations';
import { methodProgrammeReader } from './queries/methods';

// Renewal of authorizations (issue 14): one, several, or every one expiring within 30 days or expired while
// still in use, in one transaction (the command's) with one audit entry. A renewal is a new authorization —
// the same giver, receiver, relationship and account, a new term from the end of the old one — that names
// the one it renews (renews_id). It is not certified: its form is printed and certified like a new one
// (it appears among the pending forms), and until then the account is not paid (in-force.ts follows the
// chain of renewals, so no new payout method row is needed).

/** Why this authorization cannot be renewed, or null. */
function refusal(store: Store, a: Row, term: { from: IsoDate; to: IsoDate }, day: IsoDate): string | null {
  if (a.renewed) return 'đã được gia hạn';
  if (a.revoked_date) return `đã chấm dứt ngày ${formatDateVi(a.revoked_date)}`;
  if (a.giver_death_date) return 'người ủy quyền đã mất';
  if (a.receiver_death_date) return 'người được ủy quyền đã mất';
  if (!a.bank_account_id) return 'không ghi tài khoản nhận';
  if (a.closed_date && a.closed_date <= day) return `tài khoản nhận đã đóng ngày ${formatDateVi(a.closed_date)}`;
  if (term.to < term.from) return 'ngày hết hạn mới phải sau ngày bắt đầu';
  const others = otherTermsOfGiver(store, a.giver_person_id, a.id);
  for (const o of others) {
    const end = o.revoked_date && addDays(o.revoked_date, -1) < o.valid_to ? addDays(o.revoked_date, -1) : o.valid_to;
    if (end < o.valid_from) continue;
    if (termsOverlap(term, { from: o.valid_from, to: end }))
      return `trùng thời hạn với giấy ủy quyền khác (từ ${formatDateVi(o.valid_from)} đến ${formatDateVi(end)})`;
  }
  return null;
}

/** Expiring within 30 days, or already expired while still the one the giver is paid by this month. */
function expiringRows(store: Store, day: IsoDate, month: Month): Row[] {
  const candidates = renewablesEndingBy(store, addDays(day, EXPIRY_WARNING_DAYS));
  const methodProgramme = methodProgrammeReader(store);
  return candidates.filter((a) => {
    if (a.renewed) return false;
    if (a.valid_to >= day) return true;
    const programme = methodProgramme(a.giver_person_id, month);
    return (
      programme !== undefined && payoutInForce(store, a.giver_person_id, programme, month).authorizationId === a.id
    );
  });
}

export function renewAuthorizations(ctx: HandlerContext, input: z.output<typeof renewSchema>): RenewResult {
  const store = ctx.store;
  const day = today(ctx.now);
  const month = currentMonth(ctx.now);
  let rows: Row[];
  if (input.ids) {
    rows = [...new Set(input.ids)].map((id) => {
      const row = renewableRow(store, id);
      if (!row) throw new ApiError('NOT_FOUND', 'Không tìm thấy giấy ủy quyền cần gia hạn.');
      return row;
    });
  } else {
    rows = expiringRows(store, day, month);
  }
  const insert = renewalWriter(store);
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
    throw new ApiError(
      'CONFLICT',
      `Không gia hạn giấy nào: ${shown}${refused.length > 5 ? ` và ${refused.length - 5} giấy khác` : ''}.`,
    );
  }
  if (planned.length === 0) {
    throw new ApiError(
      'NOT_FOUND',
      skipped.length
        ? `Không có giấy ủy quyền nào gia hạn được (${skipped.length} giấy không gia hạn được).`
        : 'Không có giấy ủy quyền nào sắp hết hạn hoặc đã hết hạn mà vẫn đang dùng.',
    );
  }
  const at = ctx.now.toISOString();
  for (const { row, term } of planned) {
    const id = insert({
      giver_person_id: row.giver_person_id,
      receiver_person_id: row.receiver_person_id,
      relationship: row.relationship,
      bank_account_id: row.bank_account_id,
      valid_from: term.from,
      valid_to: term.to,
      scope_note: row.scope_note,
      renews_id: row.id,
      created_at: at,
    });
    renewed.push({ from: row.id, to: id, validFrom: term.from, validTo: term.to });
  }
  ctx.audit({
    action: 'authorization.renew',
    entity: 'authorization',
    entityId: renewed.length === 1 ? renewed[0]!.to : null,
    personId: renewed.length === 1 ? planned[0]!.row.giver_person_id : null,
    detail: {
      mode: input.ids ? 'selected' : 'expiring',
      count: renewed.length,
      renewed,
      skipped: skipped.map((s) => ({ id: s.id, reason: s.reason })),
    },
  });
  const message =
    `Đã gia hạn ${renewed.length.toLocaleString('vi-VN')} giấy ủy quyền: in giấy mới và trình lãnh đạo UBND chứng thực; tài khoản chỉ được chi sau khi chứng thực.` +
    (skipped.length ? ` ${skipped.length.toLocaleString('vi-VN')} giấy không gia hạn được (xem danh sách).` : '');
  return { count: renewed.length, renewed, skipped, message };
}
