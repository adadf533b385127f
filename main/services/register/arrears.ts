import type { HandlerContext } from '../../api/context';
import { addMonths, compareMonth, formatMonthVi, monthRange, type Month } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import type { FieldIssue } from '@shared/api/errors';
import { computeAmounts, loadReference, loadStates, type EntitlementState } from './amounts';
import { insertArrears } from './queries/decisions';

// Arrears (truy lĩnh): when a decision takes effect before the month it is entered, the months already
// past are owed the difference. Computed by running the same monthly rules on the register before and
// after the change, month by month, so age transitions and standard-level changes are counted right.

/** How far back a decision may reach; older corrections are handled by hand (assumption, in README). */
export const MAX_ARREARS_MONTHS = 60;

export type DueByMonth = Map<Month, Map<number, number>>;

export function pastMonths(from: Month, currentMonth: Month): Month[] {
  const last = addMonths(currentMonth, -1);
  if (compareMonth(from, last) > 0) return [];
  const start =
    compareMonth(from, addMonths(currentMonth, -MAX_ARREARS_MONTHS)) < 0
      ? addMonths(currentMonth, -MAX_ARREARS_MONTHS)
      : from;
  return monthRange(start, last);
}

/** Amount due per month per entitlement for one person, under the register as it is now. */
export function dueByMonth(
  ctx: HandlerContext,
  personId: number,
  months: readonly Month[],
  adjust?: (s: EntitlementState) => EntitlementState,
): DueByMonth {
  const ref = loadReference(ctx.store);
  const result: DueByMonth = new Map();
  for (const month of months) {
    let states = loadStates(ctx.store, month, [personId]);
    if (adjust) states = states.map(adjust);
    result.set(month, new Map(computeAmounts(ref, states, month).map((a) => [a.entitlementId, a.amountVnd])));
  }
  return result;
}

export function sumFor(due: DueByMonth, entitlementId: number): number {
  let total = 0;
  for (const byEntitlement of due.values()) total += byEntitlement.get(entitlementId) ?? 0;
  return total;
}

interface ArrearsItem {
  personId: number;
  entitlementId: number;
  decisionId: number;
  amountVnd: number;
  months: Month[];
  note: string;
}

/** Records an arrears item due in the current month; returns its id. */
export function recordArrears(ctx: HandlerContext, item: ArrearsItem, dueMonth: Month): number {
  const from = item.months[0]!;
  const to = item.months[item.months.length - 1]!;
  const id = insertArrears(ctx.store, {
    person_id: item.personId,
    entitlement_id: item.entitlementId,
    amount_vnd: item.amountVnd,
    due_month: dueMonth,
    decision_id: item.decisionId,
    note: item.note,
    months_from: from,
    months_to: to,
    created_at: ctx.now.toISOString(),
  });
  ctx.audit({
    action: 'arrears.create',
    entity: 'one_off_item',
    entityId: id,
    personId: item.personId,
    after: { ...item, dueMonth },
  });
  return id;
}

/**
 * Compares before/after for the months already past and says what the ledger will do: it no longer
 * records an arrears item here. The payroll pays owed − paid for each service month (main/services/ledger),
 * so a grant or change entered late is paid once, as arrears, whatever payrolls were approved meanwhile.
 */
export function settleDifference(
  ctx: HandlerContext,
  args: {
    personId: number;
    entitlementId: number;
    decisionId: number;
    months: Month[];
    before: DueByMonth;
    after: DueByMonth;
    currentMonth: Month;
  },
): FieldIssue[] {
  if (args.months.length === 0) return [];
  const difference = sumFor(args.after, args.entitlementId) - sumFor(args.before, args.entitlementId);
  const span = `${formatMonthVi(args.months[0]!)}–${formatMonthVi(args.months[args.months.length - 1]!)}`;
  if (difference > 0) {
    return [
      {
        path: '',
        message: `Các tháng ${span} được hưởng thêm ${formatVnd(difference)} đồng: bảng chi trả tháng ${formatMonthVi(args.currentMonth)} sẽ chi truy lĩnh phần chưa chi.`,
      },
    ];
  }
  if (difference < 0) {
    return [
      {
        path: '',
        message: `Quyết định làm giảm mức hưởng của các tháng đã qua (${span}) ${formatVnd(-difference)} đồng: phần đã chi thừa sẽ có trong danh sách truy thu để xử lý thu hồi.`,
      },
    ];
  }
  return [];
}
