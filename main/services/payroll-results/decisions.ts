import type { HandlerContext } from '../../api/context';
import { ApiError } from '@shared/api/errors';
import { CASH_METHODS, LINE_STATUS_LABELS, type LineSelection, type MarkResult } from '@shared/api/payroll-results';
import type { Store } from '../../db/store';
import { attemptWriter, CASH_LIST_SOURCE, refusal } from './attempts';
import { approvedPayroll } from './payroll';
import { selectableLines, type SelLine } from './queries';

// The officer's marks on an approved payroll, each one command (one transaction, one audit entry with
// the counts): cash lines paid or not collected from the signed list; failed and not-collected lines
// carried over to next month's payroll or paid as cash next month. A line that cannot take the mark
// (already paid, already carried and picked up by next month's payroll, not a cash line) is skipped and
// named in the answer; a call that changes nothing is refused with the reasons.

function selectedLines(
  store: Store,
  payrollId: number,
  selection: LineSelection,
  eligible: (l: SelLine) => boolean,
): SelLine[] {
  if (selection.kind === 'lines') {
    const ids = new Set(selection.lineIds);
    const lines = selectableLines(store, payrollId).filter((l) => ids.has(l.id));
    if (lines.length !== ids.size) throw new ApiError('NOT_FOUND', 'Có dòng đã chọn không thuộc bảng lương này.');
    return lines;
  }
  const all = selectableLines(store, payrollId).filter(eligible);
  return selection.kind === 'all' ? all : all.filter((l) => l.neighbourhood === selection.neighbourhood);
}

function nothingChanged(skipped: MarkResult['skipped']): never {
  const reasons = [...new Set(skipped.map((s) => s.reason))].slice(0, 3).join(' ');
  throw new ApiError(
    'CONFLICT',
    skipped.length ? `Không có dòng nào thay đổi. ${reasons}` : 'Không có dòng nào phù hợp để ghi.',
  );
}

export function markCash(
  ctx: HandlerContext,
  input: { payrollId: number; outcome: 'paid' | 'not_collected'; selection: LineSelection },
): MarkResult {
  const payroll = approvedPayroll(ctx.store, input.payrollId);
  const isCash = (l: SelLine) => (CASH_METHODS as readonly string[]).includes(l.method);
  // Bulk selections take only the cash lines still open for this mark; an explicit line is checked and named.
  const lines = selectedLines(
    ctx.store,
    payroll.id,
    input.selection,
    (l) => isCash(l) && refusal(l.status, input.outcome) === null,
  );
  const writer = attemptWriter(ctx.store);
  const at = ctx.now.toISOString();
  const result: MarkResult = { changed: 0, amountVnd: 0, skipped: [] };
  for (const l of lines) {
    const why = !isCash(l)
      ? 'Không phải dòng chi tiền mặt: kết quả chuyển khoản lấy từ tệp của ngân hàng.'
      : refusal(l.status, input.outcome);
    if (why) {
      result.skipped.push({ lineId: l.id, fullName: l.fullName, reason: why });
      continue;
    }
    writer.record(
      l.id,
      input.outcome,
      at,
      input.outcome === 'not_collected' ? 'Không đến nhận' : '',
      '',
      CASH_LIST_SOURCE,
    );
    result.changed++;
    result.amountVnd += l.amountVnd;
  }
  if (result.changed === 0) nothingChanged(result.skipped);
  ctx.audit({
    action: input.outcome === 'paid' ? 'payrollResults.cashPaid' : 'payrollResults.cashNotCollected',
    entity: 'payroll',
    entityId: payroll.id,
    detail: {
      month: payroll.month,
      selection:
        input.selection.kind === 'lines' ? { kind: 'lines', count: input.selection.lineIds.length } : input.selection,
      changed: result.changed,
      amountVnd: result.amountVnd,
      skipped: result.skipped.length,
    },
  });
  return result;
}

export function decideCarry(
  ctx: HandlerContext,
  input: { payrollId: number; decision: 'carried_over' | 'converted_to_cash'; selection: LineSelection },
): MarkResult {
  const payroll = approvedPayroll(ctx.store, input.payrollId);
  // 'All' means every failed or not-collected line still waiting for a decision.
  const lines = selectedLines(
    ctx.store,
    payroll.id,
    input.selection,
    (l) => l.status === 'failed' || l.status === 'not_collected',
  );
  const writer = attemptWriter(ctx.store);
  const result: MarkResult = { changed: 0, amountVnd: 0, skipped: [] };
  for (const l of lines) {
    const why = l.pickedUp
      ? `Đã được đưa vào bảng lương tháng sau (${LINE_STATUS_LABELS[l.status].toLowerCase()}): không đổi được nữa.`
      : refusal(l.status, input.decision);
    if (why) {
      result.skipped.push({ lineId: l.id, fullName: l.fullName, reason: why });
      continue;
    }
    writer.setStatus(l.id, input.decision);
    result.changed++;
    result.amountVnd += l.amountVnd;
  }
  if (result.changed === 0) nothingChanged(result.skipped);
  ctx.audit({
    action: input.decision === 'carried_over' ? 'payrollResults.carryOver' : 'payrollResults.convertToCash',
    entity: 'payroll',
    entityId: payroll.id,
    detail: {
      month: payroll.month,
      changed: result.changed,
      amountVnd: result.amountVnd,
      skipped: result.skipped.length,
    },
  });
  return result;
}
