import type { HandlerContext } from '../../api/context';
import type { Store } from '../../db/store';
import { ApiError } from '../../../shared/api/errors';
import type { ImportHistoryRow, UndoCheck, UndoResult } from '../../../shared/api/undo';
import { formatMonthVi } from '../../../shared/domain/dates';
import { formatVnd } from '../../../shared/domain/money';

// Reverting a whole import: everything it created (its people, their decisions, entitlements, terms,
// payout methods, accounts and authorizations) is removed in one transaction, while nothing depends on
// it. What depends on it: a payroll line (draft or approved), anything recorded on those people after
// the import (a decision, a method change, an account, an authorization, a certification, a one-off
// item, an heir, a recovery, an edit, a death or a move), and care support of someone else naming one of
// them. The import row stays, marked reverted, and the audit log keeps the import and its reversal.

interface ImportRow {
  id: number;
  file_name: string;
  as_of_month: string;
  added: number;
  created_at: string;
  reverted_at: string | null;
}

// Scratch tables of the import's people and entitlements, so each check is one set query.
function collect(store: Store, imp: ImportRow): { people: number; entitlements: number } {
  const db = store.sqlite;
  db.exec('CREATE TEMP TABLE IF NOT EXISTS undo_people (id INTEGER PRIMARY KEY); CREATE TEMP TABLE IF NOT EXISTS undo_entitlements (id INTEGER PRIMARY KEY);');
  db.exec('DELETE FROM undo_people; DELETE FROM undo_entitlements;');
  const people = db.prepare('INSERT INTO undo_people (id) SELECT id FROM people WHERE import_id = ?').run(imp.id).changes;
  const entitlements = db.prepare('INSERT INTO undo_entitlements (id) SELECT e.id FROM entitlements e JOIN undo_people u ON u.id = e.person_id').run().changes;
  return { people, entitlements };
}

const n = (store: Store, sql: string, ...params: unknown[]) => (store.sqlite.prepare(sql).pluck().get(...params) as number) ?? 0;
const count = (k: number) => formatVnd(k);

/** What blocks reverting the import now (Vietnamese sentences); empty when nothing does. */
function blockers(store: Store, imp: ImportRow): string[] {
  const at = imp.created_at;
  const out: string[] = [];
  const months = store.sqlite
    .prepare(
      `SELECT DISTINCT p.month FROM payroll_lines l JOIN payrolls p ON p.id = l.payroll_id
       WHERE l.person_id IN (SELECT id FROM undo_people) OR l.receiver_person_id IN (SELECT id FROM undo_people) ORDER BY p.month`,
    )
    .pluck()
    .all() as string[];
  if (months.length) {
    const people = n(store, 'SELECT COUNT(DISTINCT person_id) FROM payroll_lines WHERE person_id IN (SELECT id FROM undo_people)');
    out.push(`${count(people)} người của lần nhập này đã có trong bảng chi trả tháng ${months.map(formatMonthVi).join(', ')} (kể cả bảng nháp: huỷ bảng nháp trước).`);
  }
  const checks: Array<[string, string]> = [
    [`SELECT COUNT(*) FROM decisions WHERE person_id IN (SELECT id FROM undo_people) AND created_at <> @at`, 'quyết định ghi sau khi nhập'],
    [`SELECT COUNT(*) FROM entitlements WHERE person_id IN (SELECT id FROM undo_people) AND created_at <> @at`, 'chế độ thêm sau khi nhập'],
    [`SELECT COUNT(*) FROM entitlements WHERE cared_person_id IN (SELECT id FROM undo_people) AND person_id NOT IN (SELECT id FROM undo_people)`, 'người khác nhận hỗ trợ chăm sóc cho người của lần nhập này'],
    [`SELECT COUNT(*) FROM payout_methods WHERE person_id IN (SELECT id FROM undo_people) AND created_at <> @at`, 'lần đổi hình thức nhận sau khi nhập'],
    [`SELECT COUNT(*) FROM bank_accounts WHERE owner_person_id IN (SELECT id FROM undo_people) AND (created_at <> @at OR closed_date IS NOT NULL)`, 'tài khoản ngân hàng thêm hoặc đóng sau khi nhập'],
    [`SELECT COUNT(*) FROM authorizations WHERE (giver_person_id IN (SELECT id FROM undo_people) OR receiver_person_id IN (SELECT id FROM undo_people)) AND certified_date IS NOT NULL`, 'giấy ủy quyền đã được chứng thực'],
    [`SELECT COUNT(*) FROM authorizations WHERE (giver_person_id IN (SELECT id FROM undo_people) OR receiver_person_id IN (SELECT id FROM undo_people)) AND certified_date IS NULL AND (created_at <> @at OR revoked_date IS NOT NULL)`, 'giấy ủy quyền lập hoặc chấm dứt sau khi nhập'],
    [`SELECT COUNT(*) FROM one_off_items WHERE person_id IN (SELECT id FROM undo_people) OR payee_person_id IN (SELECT id FROM undo_people)`, 'khoản chi một lần (mai táng, truy lĩnh, điều chỉnh)'],
    [`SELECT COUNT(*) FROM ledger_heirs WHERE person_id IN (SELECT id FROM undo_people)`, 'người thừa kế đã xác định'],
    [`SELECT COUNT(*) FROM ledger_recoveries WHERE person_id IN (SELECT id FROM undo_people)`, 'khoản thu hồi đã ghi'],
    [`SELECT COUNT(*) FROM people WHERE id IN (SELECT id FROM undo_people) AND (updated_at <> @at OR death_date IS NOT NULL OR moved_away_date IS NOT NULL)`, 'hồ sơ đã sửa, báo tử hoặc chuyển đi sau khi nhập'],
  ];
  for (const [sql, label] of checks) {
    const k = n(store, sql, { at });
    if (k) out.push(`Có ${count(k)} ${label}.`);
  }
  return out;
}

function importRow(store: Store, id: number): ImportRow {
  const imp = store.sqlite.prepare('SELECT id, file_name, as_of_month, added, created_at, reverted_at FROM imports WHERE id = ?').get(id) as ImportRow | undefined;
  if (!imp) throw new ApiError('NOT_FOUND', 'Không tìm thấy lần nhập này.');
  return imp;
}

function check(store: Store, imp: ImportRow): UndoCheck & { people: number; entitlements: number } {
  const what = `Hoàn tác lần nhập tệp «${imp.file_name}» (hưởng từ tháng ${formatMonthVi(imp.as_of_month)})`;
  if (imp.reverted_at) return { what, details: [], blockers: ['Lần nhập này đã được hoàn tác.'], people: 0, entitlements: 0 };
  const { people, entitlements } = collect(store, imp);
  if (people === 0) {
    const why = imp.added === 0 ? 'Lần nhập này không thêm ai.' : 'Không xác định được những người do lần nhập này thêm vào.';
    return { what, details: [], blockers: [why], people, entitlements };
  }
  const receivers = n(store, `SELECT COUNT(*) FROM undo_people u WHERE NOT EXISTS (SELECT 1 FROM entitlements e WHERE e.person_id = u.id)`);
  const details = [
    `Xoá khỏi sổ ${count(people - receivers)} người hưởng${receivers ? ` và ${count(receivers)} người nhận thay` : ''} cùng ${count(entitlements)} chế độ, hình thức nhận, tài khoản và giấy ủy quyền do lần nhập này tạo.`,
    'Nhật ký vẫn giữ lần nhập và lần hoàn tác. Có thể nhập lại tệp sau khi sửa.',
  ];
  return { what, details, blockers: blockers(store, imp), people, entitlements };
}

export function importHistory(store: Store): ImportHistoryRow[] {
  return store.sqlite
    .prepare(
      `SELECT i.id, i.file_name AS fileName, i.as_of_month AS asOfMonth, i.added, i.skipped, i.created_at AS createdAt,
              COALESCE(u.full_name, '') AS createdBy, i.reverted_at AS revertedAt, r.full_name AS revertedBy
       FROM imports i LEFT JOIN users u ON u.id = i.created_by LEFT JOIN users r ON r.id = i.reverted_by ORDER BY i.id DESC`,
    )
    .all() as ImportHistoryRow[];
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
  if (c.blockers.length) throw new ApiError('CONFLICT', `Không hoàn tác được lần nhập tệp «${imp.file_name}»: ${c.blockers.join(' ')}`);
  // decisions ↔ entitlements reference each other: checked at commit, when both are gone.
  db.pragma('defer_foreign_keys = ON');
  const run = (sql: string) => db.prepare(sql).run().changes;
  const removed = {
    termComponents: run('DELETE FROM term_components WHERE term_id IN (SELECT t.id FROM entitlement_terms t WHERE t.entitlement_id IN (SELECT id FROM undo_entitlements))'),
    terms: run('DELETE FROM entitlement_terms WHERE entitlement_id IN (SELECT id FROM undo_entitlements)'),
    ledgerOpenings: run('DELETE FROM ledger_opening WHERE entitlement_id IN (SELECT id FROM undo_entitlements)'),
    payoutMethods: run('DELETE FROM payout_methods WHERE person_id IN (SELECT id FROM undo_people)'),
    authorizations: run('DELETE FROM authorizations WHERE giver_person_id IN (SELECT id FROM undo_people) OR receiver_person_id IN (SELECT id FROM undo_people)'),
    bankAccounts: run('DELETE FROM bank_accounts WHERE owner_person_id IN (SELECT id FROM undo_people)'),
    entitlements: run('DELETE FROM entitlements WHERE id IN (SELECT id FROM undo_entitlements)'),
    decisions: run('DELETE FROM decisions WHERE person_id IN (SELECT id FROM undo_people)'),
    summaries: run('DELETE FROM register_summary WHERE person_id IN (SELECT id FROM undo_people)'),
    marks: run('DELETE FROM ledger_marks WHERE person_id IN (SELECT id FROM undo_people)'),
    people: run('DELETE FROM people WHERE id IN (SELECT id FROM undo_people)'),
  };
  db.prepare('UPDATE imports SET reverted_at = ?, reverted_by = ? WHERE id = ?').run(ctx.now.toISOString(), ctx.user.id, imp.id);
  db.exec('DELETE FROM undo_people; DELETE FROM undo_entitlements;');
  // Counts only, no personal data (as the import's own entry).
  ctx.audit({ action: 'import.revert', entity: 'import', entityId: imp.id, detail: { fileName: imp.file_name, asOfMonth: imp.as_of_month, removed } });
  return { message: `Đã hoàn tác lần nhập tệp «${imp.file_name}»: đã xoá ${count(removed.people)} người và ${count(removed.entitlements)} chế độ do lần nhập đó tạo.` };
}
