import type { HandlerContext } from '../../api/context';
import type { Store } from '../../db/store';
import { ApiError } from '@shared/api/errors';
import type { ImportHistoryRow, UndoCheck, UndoResult } from '@shared/api/undo';
import { formatMonthVi } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import {
  clearScratch,
  collect,
  deleteImported,
  importById,
  importedPeopleOnPayrolls,
  importedReceiversOnly,
  importHistoryRows,
  laterChanges,
  markReverted,
  payrollMonthsOfImported,
  type ImportRow,
  type LaterChange,
} from './queries/import-revert';

// Reverting a whole import: everything it created (its people, their decisions, entitlements, terms,
// payout methods, accounts and authorizations) is removed in one transaction, while nothing depends on
// it. What depends on it: a payroll line (draft or approved), anything recorded on those people after
// the import (a decision, a method change, an account, an authorization, a certification, a one-off
// item, an heir, a recovery, an edit, a death or a move), and care support of someone else naming one of
// them. The import row stays, marked reverted, and the audit log keeps the import and its reversal.

const count = (k: number) => formatVnd(k);

/** What was written about the import's people after it, in words (the order of the blockers). */
const LATER_CHANGE_LABELS: Record<LaterChange, string> = {
  laterDecisions: 'quyết định ghi sau khi nhập',
  laterEntitlements: 'chế độ thêm sau khi nhập',
  caredByOthers: 'người khác nhận hỗ trợ chăm sóc cho người của lần nhập này',
  laterMethods: 'lần đổi hình thức nhận sau khi nhập',
  changedAccounts: 'tài khoản ngân hàng thêm hoặc đóng sau khi nhập',
  certifiedAuthorizations: 'giấy ủy quyền đã được chứng thực',
  changedAuthorizations: 'giấy ủy quyền lập hoặc chấm dứt sau khi nhập',
  oneOffItems: 'khoản chi một lần (mai táng, truy lĩnh, điều chỉnh)',
  heirs: 'người thừa kế đã xác định',
  recoveries: 'khoản thu hồi đã ghi',
  changedPeople: 'hồ sơ đã sửa, báo tử hoặc chuyển đi sau khi nhập',
};

/** What blocks reverting the import now (Vietnamese sentences); empty when nothing does. */
function blockers(store: Store, imp: ImportRow): string[] {
  const at = imp.created_at;
  const out: string[] = [];
  const months = payrollMonthsOfImported(store);
  if (months.length) {
    const people = importedPeopleOnPayrolls(store);
    out.push(
      `${count(people)} người của lần nhập này đã có trong bảng chi trả tháng ${months.map(formatMonthVi).join(', ')} (kể cả bảng nháp: huỷ bảng nháp trước).`,
    );
  }
  const counts = laterChanges(store, at);
  for (const [key, label] of Object.entries(LATER_CHANGE_LABELS) as Array<[LaterChange, string]>) {
    const k = counts[key];
    if (k) out.push(`Có ${count(k)} ${label}.`);
  }
  return out;
}

function importRow(store: Store, id: number): ImportRow {
  const imp = importById(store, id);
  if (!imp) throw new ApiError('NOT_FOUND', 'Không tìm thấy lần nhập này.');
  return imp;
}

function check(store: Store, imp: ImportRow): UndoCheck & { people: number; entitlements: number } {
  const what = `Hoàn tác lần nhập tệp «${imp.file_name}» (hưởng từ tháng ${formatMonthVi(imp.as_of_month)})`;
  if (imp.reverted_at)
    return { what, details: [], blockers: ['Lần nhập này đã được hoàn tác.'], people: 0, entitlements: 0 };
  const { people, entitlements } = collect(store, imp);
  if (people === 0) {
    const why =
      imp.added === 0 ? 'Lần nhập này không thêm ai.' : 'Không xác định được những người do lần nhập này thêm vào.';
    return { what, details: [], blockers: [why], people, entitlements };
  }
  const receivers = importedReceiversOnly(store);
  const details = [
    `Xoá khỏi sổ ${count(people - receivers)} người hưởng${receivers ? ` và ${count(receivers)} người nhận thay` : ''} cùng ${count(entitlements)} chế độ, hình thức nhận, tài khoản và giấy ủy quyền do lần nhập này tạo.`,
    'Nhật ký vẫn giữ lần nhập và lần hoàn tác. Có thể nhập lại tệp sau khi sửa.',
  ];
  return { what, details, blockers: blockers(store, imp), people, entitlements };
}

export function importHistory(store: Store): ImportHistoryRow[] {
  return importHistoryRows(store);
}

export function checkImportRevert(ctx: HandlerContext, importId: number): UndoCheck {
  const { what, details, blockers } = check(ctx.store, importRow(ctx.store, importId));
  return { what, details, blockers };
}

export function revertImport(ctx: HandlerContext, importId: number): UndoResult {
  const store = ctx.store;
  const db = store.sqlite;
  const imp = importRow(store, importId);
  const c = check(store, imp);
  if (c.blockers.length)
    throw new ApiError('CONFLICT', `Không hoàn tác được lần nhập tệp «${imp.file_name}»: ${c.blockers.join(' ')}`);
  // decisions ↔ entitlements reference each other: checked at commit, when both are gone.
  db.pragma('defer_foreign_keys = ON');
  const removed = deleteImported(store);
  markReverted(store, imp.id, ctx.now.toISOString(), ctx.user.id);
  clearScratch(store);
  // Counts only, no personal data (as the import's own entry).
  ctx.audit({
    action: 'import.revert',
    entity: 'import',
    entityId: imp.id,
    detail: { fileName: imp.file_name, asOfMonth: imp.as_of_month, removed },
  });
  return {
    message: `Đã hoàn tác lần nhập tệp «${imp.file_name}»: đã xoá ${count(removed.people)} người và ${count(removed.entitlements)} chế độ do lần nhập đó tạo.`,
  };
}
