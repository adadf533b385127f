import type { HandlerContext } from '../../api/context';
import type { Store } from '../../db/store';
import { ApiError } from '@shared/api/errors';
import type {
  AmountComponent,
  PayrollLinesResult,
  PayrollLineView,
  PayrollReview,
  PayrollView,
  TotalRow,
} from '@shared/api/payroll';
import type { PayoutMethodCode } from '@shared/api/register';
import { formatMonthVi, type Month } from '@shared/domain/dates';
import { maskIdentifier, PROTECTED_GROUP_LABEL, PROTECTED_GROUPS } from '@shared/domain/masking';
import { formatVnd } from '@shared/domain/money';
import { METHOD_LABELS, METHOD_ORDER } from '@shared/domain/labels';
import type { z } from 'zod';
import type { correctionSchema, payrollLinesSchema } from '@shared/api/payroll';
import { checkApprovable, type Confirmation } from './review';
import { approvedPayrollId } from './queries/build';
import {
  deleteLinesOf,
  deletePayroll,
  insertCorrectionItem,
  latestEntitlementId,
  lineTotalsBy,
  markApproved,
  otherApprovedPayroll,
  payrollHeader,
  payrollHeaders,
  payrollLinePage,
  peopleOnPayroll,
  personName,
  type LineRow,
  type TotalColumn,
} from './queries/payrolls';

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

export function listPayrolls(store: Store, month?: Month): PayrollView[] {
  return payrollHeaders(store, month);
}

export function getPayroll(store: Store, id: number): PayrollView {
  const row = payrollHeader(store, id);
  if (!row) throw new ApiError('NOT_FOUND', 'Không tìm thấy bảng chi trả này.');
  return row;
}

export type { LineRow };

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
  const { total, rows } = payrollLinePage(store, input);
  return { total, rows: rows.map(lineView) };
}

function totals(store: Store, payrollId: number, column: TotalColumn, label: (key: string) => string): TotalRow[] {
  return lineTotalsBy(store, payrollId, column).map((r) => ({
    key: r.key,
    label: label(r.key),
    count: r.count,
    amountVnd: r.amountVnd,
  }));
}

export function reviewPayroll(store: Store, payrollId: number): PayrollReview {
  const payroll = getPayroll(store, payrollId);
  const byNeighbourhood = totals(store, payrollId, 'neighbourhood_name', (k) => k || '(Chưa ghi khu phố)').sort(
    (a, b) => a.label.localeCompare(b.label, 'vi', { numeric: true }),
  );
  return {
    payroll,
    byMethod: totals(store, payrollId, 'method', (k) => METHOD_LABELS[k as PayoutMethodCode] ?? k).sort(
      (a, b) => METHOD_ORDER.indexOf(a.key as PayoutMethodCode) - METHOD_ORDER.indexOf(b.key as PayoutMethodCode),
    ),
    byNeighbourhood,
    byKind: totals(store, payrollId, 'kind', (k) => KIND_LABELS[k] ?? k),
    monthPayrolls: listPayrolls(store, payroll.month),
    people: peopleOnPayroll(store, payrollId),
  };
}

const TRIGGER_MESSAGES: Record<string, string> = {
  PAYROLL_ITEM_ALREADY_APPROVED:
    'Một khoản trong bảng này (truy lĩnh, mai táng hoặc chi bù tháng trước) đã có trong một bảng chi trả khác đã duyệt: hãy lập lại bảng trước khi duyệt.',
  PAYROLL_APPROVED_IMMUTABLE: 'Bảng chi trả đã được phê duyệt: không sửa được. Điều chỉnh được ghi vào tháng sau.',
  LEDGER_MONTH_ALREADY_PAID:
    'Từ khi lập bảng này, một bảng chi trả khác đã được duyệt và đã chi cho cùng tháng hưởng: hãy lập lại bảng trước khi duyệt (không chi hai lần cho một tháng).',
};

/** Removes a draft's lines with their service-month rows and what its build left open (ledger). */
export function deleteDraftLines(store: Store, payrollId: number): void {
  deleteLinesOf(store, payrollId);
}

/**
 * The approver approves a submitted payroll, unchanged since submission, confirming its month,
 * programme, count and total (review.ts): from then on it is immutable (triggers of migrations 001 and 006).
 */
export function approvePayroll(ctx: HandlerContext, payrollId: number, confirm: Confirmation): PayrollView {
  const payroll = getPayroll(ctx.store, payrollId);
  if (payroll.status === 'approved')
    throw new ApiError('CONFLICT', `Bảng chi trả tháng ${formatMonthVi(payroll.month)} đã được phê duyệt.`);
  const other = otherApprovedPayroll(ctx.store, payroll.month, payroll.programme, payrollId);
  if (other) {
    throw new ApiError(
      'CONFLICT',
      `Đã có bảng chi trả ${payroll.programmeName} tháng ${formatMonthVi(payroll.month)} được phê duyệt: không duyệt hai bảng cho cùng tháng và chế độ.`,
    );
  }
  if (payroll.lineCount === 0)
    throw new ApiError('CONFLICT', 'Bảng chi trả không có dòng nào: không có gì để phê duyệt.');
  checkApprovable(ctx.store, payrollId, confirm);
  try {
    markApproved(ctx.store, payrollId, ctx.now.toISOString(), ctx.user.id);
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
    detail: {
      month: payroll.month,
      programme: payroll.programme,
      lines: payroll.lineCount,
      totalVnd: payroll.totalVnd,
    },
  });
  return getPayroll(ctx.store, payrollId);
}

export function discardDraft(ctx: HandlerContext, payrollId: number): { discarded: true } {
  const payroll = getPayroll(ctx.store, payrollId);
  if (payroll.status !== 'draft') throw new ApiError('CONFLICT', TRIGGER_MESSAGES.PAYROLL_APPROVED_IMMUTABLE!);
  deleteDraftLines(ctx.store, payrollId);
  deletePayroll(ctx.store, payrollId);
  ctx.audit({
    action: 'payroll.discard',
    entity: 'payroll',
    entityId: payrollId,
    detail: {
      month: payroll.month,
      programme: payroll.programme,
      lines: payroll.lineCount,
      totalVnd: payroll.totalVnd,
    },
  });
  return { discarded: true };
}

/**
 * A correction after approval: never an edit of the approved payroll, but an 'other' item due in a
 * later month, which that month's build turns into a line with the note. Only additions (a recovery of
 * an overpayment is handled outside the payroll).
 */
export function addCorrection(ctx: HandlerContext, input: z.output<typeof correctionSchema>): { itemId: number } {
  const person = personName(ctx.store, input.personId);
  if (!person) throw new ApiError('NOT_FOUND', 'Không tìm thấy hồ sơ người này.');
  const approved = approvedPayrollId(ctx.store, input.dueMonth, input.programme) !== undefined;
  if (approved) {
    throw new ApiError(
      'INVALID_INPUT',
      `Bảng chi trả tháng ${formatMonthVi(input.dueMonth)} đã được phê duyệt: chọn một tháng sau.`,
      [{ path: 'dueMonth', message: 'Tháng này đã phê duyệt: chọn tháng sau.' }],
    );
  }
  const entitlementId = latestEntitlementId(ctx.store, input.personId, input.programme);
  const id = insertCorrectionItem(ctx.store, {
    personId: input.personId,
    entitlementId: entitlementId ?? null,
    amountVnd: input.amountVnd,
    dueMonth: input.dueMonth,
    note: input.note,
    programme: input.programme,
    at: ctx.now.toISOString(),
  });
  ctx.audit({
    action: 'payroll.correction',
    entity: 'one_off_item',
    entityId: id,
    personId: input.personId,
    after: { amountVnd: input.amountVnd, dueMonth: input.dueMonth, programme: input.programme, note: input.note },
    detail: {
      text: `Điều chỉnh ${formatVnd(input.amountVnd)} đồng cho ${person.full_name}, chi trong tháng ${formatMonthVi(input.dueMonth)}`,
    },
  });
  return { itemId: id };
}
