import type { z } from 'zod';
import type { HandlerContext } from '../../api/context';
import { ApiError } from '@shared/api/errors';
import type { OverpaymentView, recordRecoverySchema } from '@shared/api/ledger';
import { formatMonthVi } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import { currentMonth } from '../clock';
import { differenceOf } from './core';
import { overpaymentsOf, personCells } from './person';
import { insertRecovery, markPerson, pendingDeductionMonths, personExists } from './queries/person';

// An overpayment (truy thu) is only ever recovered the way the officer records it: paid back (refund,
// with the receipt), deducted from the next payrolls of the same component (deduct, by decision), or
// forgiven (waive, by decision). A refund or a waiver settles the months at once; a deduction is taken
// by the next builds, month by month, and settles as those payrolls are approved.

export function recordRecovery(ctx: HandlerContext, input: z.output<typeof recordRecoverySchema>): OverpaymentView {
  const { store } = ctx;
  if (!personExists(store, input.personId)) throw new ApiError('NOT_FOUND', 'Không tìm thấy hồ sơ người này.');
  if (input.fromMonth > input.toMonth)
    throw new ApiError('INVALID_INPUT', 'Từ tháng phải trước hoặc bằng đến tháng.', [
      { path: 'toMonth', message: 'Đến tháng trước từ tháng.' },
    ]);
  const pc = personCells(store, input.personId, currentMonth(ctx.now));
  const overpayment = overpaymentsOf(store, input.personId, pc).find(
    (o) => o.component === input.component && o.fromMonth === input.fromMonth && o.toMonth === input.toMonth,
  );
  if (!overpayment || overpayment.openVnd === 0) {
    throw new ApiError(
      'CONFLICT',
      `Không có khoản chi thừa nào còn phải thu hồi từ tháng ${formatMonthVi(input.fromMonth)} đến tháng ${formatMonthVi(input.toMonth)} cho khoản này.`,
    );
  }
  // Months still open, less what deductions already recorded will take.
  const pendingByMonth = new Map<string, number>();
  for (const r of pendingDeductionMonths(store, input.personId, input.component)) {
    pendingByMonth.set(r.month, (pendingByMonth.get(r.month) ?? 0) + Math.max(0, r.pending));
  }
  const months: Array<{ month: string; amount: number }> = [];
  for (const [m, c] of pc.cells.get(input.personId)?.get(input.component) ?? []) {
    if (m < input.fromMonth || m > input.toMonth) continue;
    const open = -differenceOf(c) - (pendingByMonth.get(m) ?? 0);
    if (open > 0) months.push({ month: m, amount: open });
  }
  months.sort((a, b) => (a.month < b.month ? -1 : 1));
  const amount = months.reduce((s, m) => s + m.amount, 0);
  if (amount <= 0) throw new ApiError('CONFLICT', 'Khoản chi thừa này đã có cách thu hồi (đang trừ vào các kỳ sau).');
  const id = insertRecovery(
    store,
    {
      person_id: input.personId,
      component: input.component,
      from_month: input.fromMonth,
      to_month: input.toMonth,
      method: input.method,
      amount_vnd: amount,
      paper_number: input.paperNumber,
      paper_date: input.paperDate,
      note: input.note ?? '',
      created_at: ctx.now.toISOString(),
      created_by: ctx.user.id,
    },
    months,
  );
  markPerson(store, input.personId);
  ctx.audit({
    action: 'ledger.recovery.record',
    entity: 'ledger_recovery',
    entityId: id,
    personId: input.personId,
    after: {
      component: input.component,
      fromMonth: input.fromMonth,
      toMonth: input.toMonth,
      method: input.method,
      amountVnd: amount,
      paper: input.paperNumber,
    },
    detail: { text: `${formatVnd(amount)} đồng` },
  });
  const after = overpaymentsOf(store, input.personId, personCells(store, input.personId, currentMonth(ctx.now)));
  return (
    after.find(
      (o) => o.component === input.component && o.fromMonth === input.fromMonth && o.toMonth === input.toMonth,
    ) ?? overpayment
  );
}
