import type { HandlerContext } from '../../api/context';
import { ApiError } from '@shared/api/errors';
import type { UndoCheck, UndoResult } from '@shared/api/undo';
import { formatDateVi, formatMonthVi } from '@shared/domain/dates';
import { METHOD_LABELS } from '@shared/domain/labels';
import { currentMonth, today } from '../clock';
import { lockedThrough } from '../payout/rules';
import { refreshSummary } from '../register/summary';
import { revokeAuthorization } from '../payout/queries/authorizations';
import { programmesOf } from '../payout/queries/people';
import {
  authorizationDates,
  earlierMethodRows,
  insertReversal,
  laterMethodRows,
  methodRow,
  methodRowsUsing,
  personFullName,
  reversalsOf,
  type Row,
} from './queries/method';

// Undoing a payout-method change recorded today, as a correction: for each programme the change applied
// to, a new history row from the same month restores the method (account, authorization) that was in
// force before it, and names the row it reverses. The method in force is the latest row by
// (effective_from, id) per programme or for all programmes (main/services/payout/in-force.ts), so a
// programme's own row from the same month, written later, wins over the change in every month the
// change won; months after a later-dated row are decided by that row, as before. An authorization the
// change created, used by no other row and not certified, is ended the same day. Where no row preceded
// the change, the person was paid the default (cash at the ward), which the new row records.

const later = (a: Row | undefined, b: Row): Row =>
  !a ? b : a.effective_from !== b.effective_from ? (a.effective_from > b.effective_from ? a : b) : a.id > b.id ? a : b;

function check(
  ctx: HandlerContext,
  id: number,
): UndoCheck & { row: Row; restore: Array<{ programme: string; row: Row }>; fullName: string } {
  const store = ctx.store;
  const row = methodRow(store, id);
  if (!row) throw new ApiError('NOT_FOUND', 'Không tìm thấy lần đổi hình thức nhận này.');
  const fullName = personFullName(store, row.person_id) ?? '';
  const what = `Hoàn tác đổi hình thức nhận của ${fullName} sang «${METHOD_LABELS[row.method]}» từ tháng ${formatMonthVi(row.effective_from)}`;
  const blockers: string[] = [];
  const recorded = today(new Date(row.created_at));
  if (recorded !== today(ctx.now))
    blockers.push(
      `Chỉ hoàn tác được trong ngày ghi: thay đổi này ghi ngày ${formatDateVi(recorded)}. Hãy đổi hình thức nhận từ tháng sau.`,
    );
  if (row.reverses_id !== null)
    blockers.push('Đây là một lần hoàn tác: không hoàn tác lại được; hãy đổi hình thức nhận nếu cần.');
  if (reversalsOf(store, id)) blockers.push('Thay đổi này đã được hoàn tác.');
  else if (laterMethodRows(store, row.person_id, id)) {
    blockers.push('Đã có thay đổi hình thức nhận ghi sau thay đổi này: hoàn tác thay đổi mới nhất trước.');
  }
  const locked = lockedThrough(ctx.store, row.person_id, row.programme_code ?? undefined);
  if (locked && locked >= row.effective_from)
    blockers.push(`Tháng ${formatMonthVi(locked)} đã có bảng chi trả được phê duyệt theo hình thức này.`);
  // What each programme the change applied to had before it, at its month.
  const programmes = row.programme_code ? [row.programme_code] : programmesOf(store, row.person_id);
  const earlier = earlierMethodRows(store, row.person_id, id, row.effective_from);
  const restore: Array<{ programme: string; row: Row }> = [];
  for (const programme of programmes) {
    let own: Row | undefined;
    let all: Row | undefined;
    for (const r of earlier) {
      if (r.programme_code === programme) own = later(own, r);
      else if (r.programme_code === null) all = later(all, r);
    }
    // No row before: the person was paid the default, cash at the ward (in-force.ts), written out now.
    const before =
      own && all
        ? later(own, all)
        : (own ?? all ?? { ...row, method: 'CASH_WARD', bank_account_id: null, authorization_id: null });
    restore.push({ programme, row: before });
  }
  const methods = [...new Set(restore.map((r) => METHOD_LABELS[r.row.method]))].join(', ');
  const details = [
    `Từ tháng ${formatMonthVi(row.effective_from)} trở lại hình thức trước đó: ${methods || '—'} (ghi thêm một dòng vào lịch sử, giữ nguyên dòng đã ghi).`,
  ];
  return { what, details, blockers, row, restore, fullName };
}

export function checkMethodUndo(ctx: HandlerContext, id: number): UndoCheck {
  const { what, details, blockers } = check(ctx, id);
  return { what, details, blockers };
}

export function undoMethod(ctx: HandlerContext, id: number): UndoResult {
  const c = check(ctx, id);
  if (c.blockers.length) throw new ApiError('CONFLICT', `Không hoàn tác được: ${c.blockers.join(' ')}`);
  const store = ctx.store;
  const at = ctx.now.toISOString();
  const note = `Hoàn tác thay đổi ghi nhầm ngày ${formatDateVi(today(ctx.now))}`;
  const ids: number[] = [];
  for (const r of c.restore) {
    ids.push(
      insertReversal(store, {
        person_id: c.row.person_id,
        programme_code: r.programme,
        effective_from: c.row.effective_from,
        method: r.row.method,
        bank_account_id: r.row.bank_account_id,
        authorization_id: r.row.authorization_id,
        note,
        created_at: at,
        created_by: ctx.user.id,
        reverses_id: c.row.id,
      }),
    );
  }
  ctx.audit({
    action: 'payout_method.undo',
    entity: 'payout_method',
    entityId: c.row.id,
    personId: c.row.person_id,
    before: { method: c.row.method, effectiveFrom: c.row.effective_from },
    after: { restored: c.restore.map((r) => ({ programme: r.programme, method: r.row.method })), rows: ids },
  });
  // An authorization made by the change and used nowhere else ends today (it was entered by mistake too).
  const auth = c.row.authorization_id;
  if (auth !== null) {
    const made = authorizationDates(store, auth)!;
    const usedElsewhere = methodRowsUsing(store, auth, c.row.id);
    const stillUsed = c.restore.some((r) => r.row.authorization_id === auth);
    if (
      made.created_at === c.row.created_at &&
      !made.certified_date &&
      !made.revoked_date &&
      !usedElsewhere &&
      !stillUsed
    ) {
      revokeAuthorization(store, auth, today(ctx.now));
      ctx.audit({
        action: 'authorization.revoke',
        entity: 'authorization',
        entityId: auth,
        personId: c.row.person_id,
        before: { revokedDate: null },
        after: { revokedDate: today(ctx.now), reason: 'payout_method.undo' },
      });
    }
  }
  refreshSummary(ctx.store, currentMonth(ctx.now), [c.row.person_id]);
  return { message: `Đã hoàn tác đổi hình thức nhận của ${c.fullName}.` };
}
