import type { HandlerContext } from '../../api/context';
import type { Store } from '../../db/store';
import { ApiError } from '../../../shared/api/errors';
import type {
  AmountComponent,
  PayrollLinesResult,
  PayrollLineView,
  PayrollReview,
  PayrollView,
  TotalRow,
} from '../../../shared/api/payroll';
import type { PayoutMethodCode } from '../../../shared/api/register';
import { formatMonthVi, type Month } from '../../../shared/domain/dates';
import { maskIdentifier, PROTECTED_GROUP_LABEL, PROTECTED_GROUPS } from '../../../shared/domain/masking';
import { formatVnd } from '../../../shared/domain/money';
import { foldForSearch } from '../../../shared/domain/text';
import { METHOD_LABELS, METHOD_ORDER } from '../../../shared/domain/labels';
import type { z } from 'zod';
import type { correctionSchema, payrollLinesSchema } from '../../../shared/api/payroll';
import { checkApprovable, type Confirmation } from './review';

// Reading payrolls (list, header, lines, review totals), approving one, discarding a draft, and the
// correction after approval (a one-off 'other' item due in a later month).


export const KIND_LABELS: Record<string, string> = {
  regular: 'Trợ cấp hằng tháng',
  care: 'Hỗ trợ chăm sóc',
  arrears: 'Truy lĩnh',
  funeral: 'Hỗ trợ mai táng',
  carryover: 'Chi bù tháng trước',
  other: 'Điều chỉnh',
};

const HEADER_SQL = `
SELECT p.id, p.month, p.programme_code AS programme, pr.name_vi AS programmeName, p.status, p.line_count AS lineCount,
       p.total_vnd AS totalVnd, p.attention_count AS attentionCount, p.built_at AS builtAt, COALESCE(bu.full_name, '') AS builtBy,
       p.approved_at AS approvedAt, au.full_name AS approvedBy,
       CASE WHEN p.status = 'approved' THEN 'approved' ELSE p.review_state END AS review,
       p.submitted_at AS submittedAt, su.full_name AS submittedBy, p.return_comment AS returnComment,
       p.returned_at AS returnedAt, ru.full_name AS returnedBy
FROM payrolls p JOIN programmes pr ON pr.code = p.programme_code
LEFT JOIN users bu ON bu.id = p.built_by LEFT JOIN users au ON au.id = p.approved_by
LEFT JOIN users su ON su.id = p.submitted_by LEFT JOIN users ru ON ru.id = p.returned_by`;

export function listPayrolls(store: Store, month?: Month): PayrollView[] {
  const where = month ? 'WHERE p.month = ?' : '';
  return store.prepare(`${HEADER_SQL} ${where} ORDER BY p.month DESC, pr.sort_order, p.id`).all(...(month ? [month] : [])) as PayrollView[];
}

export function getPayroll(store: Store, id: number): PayrollView {
  const row = store.prepare(`${HEADER_SQL} WHERE p.id = ?`).get(id) as PayrollView | undefined;
  if (!row) throw new ApiError('NOT_FOUND', 'Không tìm thấy bảng chi trả này.');
  return row;
}

interface LineRow {
  id: number;
  line_no: number;
  person_id: number;
  kind: PayrollLineView['kind'];
  full_name: string;
  birth_text: string;
  citizen_id: string | null;
  neighbourhood_name: string;
  address: string;
  group_code: string | null;
  group_label: string;
  coefficient_milli: number | null;
  standard_vnd: number | null;
  components_json: string | null;
  amount_vnd: number;
  method: PayoutMethodCode;
  registered_method: PayoutMethodCode | null;
  bank_code: string | null;
  account_number: string | null;
  holder_name: string | null;
  receiver_name: string | null;
  note: string;
  attention_note: string;
  status: PayrollLineView['status'];
  carried_from_line_id: number | null;
}

/** A line as lists show it: citizen ID and account masked, health-revealing groups hidden. */
export function lineView(r: LineRow): PayrollLineView {
  const hidden = r.group_code !== null && PROTECTED_GROUPS.has(r.group_code);
  return {
    id: r.id,
    lineNo: r.line_no,
    personId: r.person_id,
    kind: r.kind,
    fullName: r.full_name,
    birthText: r.birth_text,
    citizenId: r.citizen_id ? maskIdentifier(r.citizen_id) : '',
    neighbourhood: r.neighbourhood_name,
    address: r.address,
    groupCode: hidden ? PROTECTED_GROUP_LABEL : r.group_code,
    groupLabel: hidden ? PROTECTED_GROUP_LABEL : r.group_label,
    coefficientMilli: r.coefficient_milli,
    standardVnd: r.standard_vnd,
    components: r.components_json ? (JSON.parse(r.components_json) as AmountComponent[]) : [],
    amountVnd: r.amount_vnd,
    method: r.method,
    registeredMethod: r.registered_method ?? r.method,
    bankCode: r.bank_code,
    accountNumber: r.account_number ? maskIdentifier(r.account_number) : '',
    holderName: r.holder_name ?? '',
    receiverName: r.receiver_name ?? '',
    note: r.note,
    attentionNote: r.attention_note,
    status: r.status,
    carriedFromLineId: r.carried_from_line_id,
  };
}

export function payrollLines(store: Store, input: z.output<typeof payrollLinesSchema>): PayrollLinesResult {
  getPayroll(store, input.payrollId);
  const where = ['payroll_id = @payrollId'];
  const params: Record<string, unknown> = { payrollId: input.payrollId };
  const words = foldForSearch(input.text ?? '').split(/\s+/).filter(Boolean);
  // The citizen ID and the account number are masked in the list: each matches only as the whole value,
  // never by a fragment (issue 12), so the searched text is the rest of search_key (name, neighbourhood).
  // replace(x, '', '') is x: a line without an ID or account keeps its whole key.
  const rest = "replace(replace(search_key, coalesce(citizen_id, ''), ''), coalesce(account_number, ''), '')";
  words.forEach((w, i) => {
    where.push(`(citizen_id = @e${i} OR account_number = @e${i} OR ${rest} LIKE @w${i} ESCAPE '\\')`);
    params[`e${i}`] = w;
    params[`w${i}`] = `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  });
  if (input.only === 'attention') where.push("attention_note <> ''");
  if (input.method) {
    where.push('method = @method');
    params.method = input.method;
  }
  const sqlWhere = where.join(' AND ');
  const total = (store.prepare(`SELECT COUNT(*) AS n FROM payroll_lines WHERE ${sqlWhere}`).get(params) as { n: number }).n;
  const rows = store
    .prepare(`SELECT * FROM payroll_lines WHERE ${sqlWhere} ORDER BY line_no LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: input.limit ?? 200, offset: input.offset ?? 0 }) as LineRow[];
  return { total, rows: rows.map(lineView) };
}

function totals(store: Store, payrollId: number, column: string, label: (key: string) => string): TotalRow[] {
  return (
    store
      .prepare(`SELECT ${column} AS key, COUNT(*) AS count, SUM(amount_vnd) AS amountVnd FROM payroll_lines WHERE payroll_id = ? GROUP BY ${column} ORDER BY ${column}`)
      .all(payrollId) as Array<{ key: string; count: number; amountVnd: number }>
  ).map((r) => ({ key: r.key, label: label(r.key), count: r.count, amountVnd: r.amountVnd }));
}

export function reviewPayroll(store: Store, payrollId: number): PayrollReview {
  const payroll = getPayroll(store, payrollId);
  const byNeighbourhood = totals(store, payrollId, 'neighbourhood_name', (k) => k || '(Chưa ghi khu phố)').sort((a, b) =>
    a.label.localeCompare(b.label, 'vi', { numeric: true }),
  );
  return {
    payroll,
    byMethod: totals(store, payrollId, 'method', (k) => METHOD_LABELS[k as PayoutMethodCode] ?? k).sort(
      (a, b) => METHOD_ORDER.indexOf(a.key as PayoutMethodCode) - METHOD_ORDER.indexOf(b.key as PayoutMethodCode),
    ),
    byNeighbourhood,
    byKind: totals(store, payrollId, 'kind', (k) => KIND_LABELS[k] ?? k),
    monthPayrolls: listPayrolls(store, payroll.month),
    people: (store.prepare('SELECT COUNT(DISTINCT person_id) AS n FROM payroll_lines WHERE payroll_id = ?').get(payrollId) as { n: number }).n,
  };
}

const TRIGGER_MESSAGES: Record<string, string> = {
  PAYROLL_ITEM_ALREADY_APPROVED: 'Một khoản trong bảng này (truy lĩnh, mai táng hoặc chi bù tháng trước) đã có trong một bảng chi trả khác đã duyệt: hãy lập lại bảng trước khi duyệt.',
  PAYROLL_APPROVED_IMMUTABLE: 'Bảng chi trả đã được phê duyệt: không sửa được. Điều chỉnh được ghi vào tháng sau.',
  LEDGER_MONTH_ALREADY_PAID: 'Từ khi lập bảng này, một bảng chi trả khác đã được duyệt và đã chi cho cùng tháng hưởng: hãy lập lại bảng trước khi duyệt (không chi hai lần cho một tháng).',
};

/** Removes a draft's lines with their service-month rows and what its build left open (ledger). */
export function deleteDraftLines(store: Store, payrollId: number): void {
  store.prepare('DELETE FROM payroll_line_months WHERE payroll_id = ?').run(payrollId);
  store.prepare('DELETE FROM payroll_ledger_open WHERE payroll_id = ?').run(payrollId);
  store.prepare('DELETE FROM payroll_lines WHERE payroll_id = ?').run(payrollId);
}

/**
 * The approver approves a submitted payroll, unchanged since submission, confirming its month,
 * programme, count and total (review.ts): from then on it is immutable (triggers of migrations 001 and 006).
 */
export function approvePayroll(ctx: HandlerContext, payrollId: number, confirm: Confirmation): PayrollView {
  const payroll = getPayroll(ctx.store, payrollId);
  if (payroll.status === 'approved') throw new ApiError('CONFLICT', `Bảng chi trả tháng ${formatMonthVi(payroll.month)} đã được phê duyệt.`);
  const other = ctx.store
    .prepare("SELECT id FROM payrolls WHERE month = ? AND programme_code = ? AND status = 'approved' AND id <> ?")
    .get(payroll.month, payroll.programme, payrollId);
  if (other) {
    throw new ApiError('CONFLICT', `Đã có bảng chi trả ${payroll.programmeName} tháng ${formatMonthVi(payroll.month)} được phê duyệt: không duyệt hai bảng cho cùng tháng và chế độ.`);
  }
  if (payroll.lineCount === 0) throw new ApiError('CONFLICT', 'Bảng chi trả không có dòng nào: không có gì để phê duyệt.');
  checkApprovable(ctx.store, payrollId, confirm);
  try {
    ctx.store
      .prepare("UPDATE payrolls SET status = 'approved', approved_at = ?, approved_by = ? WHERE id = ? AND status = 'draft'")
      .run(ctx.now.toISOString(), ctx.user.id, payrollId);
  } catch (error) {
    const code = Object.keys(TRIGGER_MESSAGES).find((k) => error instanceof Error && error.message.includes(k));
    if (code) throw new ApiError('CONFLICT', TRIGGER_MESSAGES[code]!);
    throw error;
  }
  ctx.audit({
    action: 'payroll.approve',
    entity: 'payroll',
    entityId: payrollId,
    before: { status: 'draft', review: 'submitted' },
    after: { status: 'approved' },
    detail: { month: payroll.month, programme: payroll.programme, lines: payroll.lineCount, totalVnd: payroll.totalVnd },
  });
  return getPayroll(ctx.store, payrollId);
}

export function discardDraft(ctx: HandlerContext, payrollId: number): { discarded: true } {
  const payroll = getPayroll(ctx.store, payrollId);
  if (payroll.status !== 'draft') throw new ApiError('CONFLICT', TRIGGER_MESSAGES.PAYROLL_APPROVED_IMMUTABLE!);
  deleteDraftLines(ctx.store, payrollId);
  ctx.store.prepare('DELETE FROM payrolls WHERE id = ?').run(payrollId);
  ctx.audit({ action: 'payroll.discard', entity: 'payroll', entityId: payrollId, detail: { month: payroll.month, programme: payroll.programme, lines: payroll.lineCount, totalVnd: payroll.totalVnd } });
  return { discarded: true };
}

/**
 * A correction after approval: never an edit of the approved payroll, but an 'other' item due in a
 * later month, which that month's build turns into a line with the note. Only additions (a recovery of
 * an overpayment is handled outside the payroll).
 */
export function addCorrection(ctx: HandlerContext, input: z.output<typeof correctionSchema>): { itemId: number } {
  const person = ctx.store.prepare('SELECT id, full_name FROM people WHERE id = ?').get(input.personId) as { id: number; full_name: string } | undefined;
  if (!person) throw new ApiError('NOT_FOUND', 'Không tìm thấy hồ sơ người này.');
  const approved = ctx.store
    .prepare("SELECT 1 FROM payrolls WHERE month = ? AND programme_code = ? AND status = 'approved'")
    .get(input.dueMonth, input.programme);
  if (approved) {
    throw new ApiError('INVALID_INPUT', `Bảng chi trả tháng ${formatMonthVi(input.dueMonth)} đã được phê duyệt: chọn một tháng sau.`, [
      { path: 'dueMonth', message: 'Tháng này đã phê duyệt: chọn tháng sau.' },
    ]);
  }
  const entitlement = ctx.store
    .prepare('SELECT id FROM entitlements WHERE person_id = ? AND programme_code = ? ORDER BY start_month DESC LIMIT 1')
    .get(input.personId, input.programme) as { id: number } | undefined;
  const id = Number(
    ctx.store
      .prepare(
        `INSERT INTO one_off_items (person_id, entitlement_id, kind, amount_vnd, due_month, note, programme_code, created_at)
         VALUES (?, ?, 'other', ?, ?, ?, ?, ?)`,
      )
      .run(input.personId, entitlement?.id ?? null, input.amountVnd, input.dueMonth, input.note, input.programme, ctx.now.toISOString()).lastInsertRowid,
  );
  ctx.audit({
    action: 'payroll.correction',
    entity: 'one_off_item',
    entityId: id,
    personId: input.personId,
    after: { amountVnd: input.amountVnd, dueMonth: input.dueMonth, programme: input.programme, note: input.note },
    detail: { text: `Điều chỉnh ${formatVnd(input.amountVnd)} đồng cho ${person.full_name}, chi trong tháng ${formatMonthVi(input.dueMonth)}` },
  });
  return { itemId: id };
}
