import type { Store } from '../../db/store';
import type { ChangeRow } from '@shared/api/register';
import { addMonths, formatMonthVi, type Month } from '@shared/domain/dates';
import { computeAmounts, loadReference, loadStates, type MonthlyAmount } from './amounts';
import { personFullName } from './queries/people';

// "Changes next month": compare every entitlement's amount this month with next month's, and say why it
// moves — a child turning 4, an adult with a disability turning 60, an elder turning 80, a decision
// taking effect, an entitlement ending, an age-limited group ending by itself, care support ending with
// the cared person — so the officer sees them before the payroll does.

export function changesNextMonth(store: Store, month: Month): { month: Month; rows: ChangeRow[] } {
  const next = addMonths(month, 1);
  const ref = loadReference(store);
  const now = new Map(computeAmounts(ref, loadStates(store, month), month).map((a) => [a.entitlementId, a]));
  const later = new Map(computeAmounts(ref, loadStates(store, next), next).map((a) => [a.entitlementId, a]));
  const names = new Map<number, string>();
  const name = (id: number) => {
    if (!names.has(id)) names.set(id, personFullName(store, id));
    return names.get(id)!;
  };
  const rows: ChangeRow[] = [];
  const push = (
    a: MonthlyAmount,
    kind: ChangeRow['kind'],
    before: MonthlyAmount | undefined,
    after: MonthlyAmount | undefined,
    note: string,
  ) =>
    rows.push({
      personId: a.personId,
      fullName: name(a.personId),
      entitlementId: a.entitlementId,
      programme: a.programme,
      kind,
      fromGroup: before?.groupCode ?? null,
      toGroup: after?.groupCode ?? null,
      amountBefore: before?.amountVnd ?? 0,
      amountAfter: after?.amountVnd ?? 0,
      note,
    });

  for (const [id, b] of now) {
    const a = later.get(id);
    if (!a) {
      push(b, 'ends', b, undefined, `Thôi hưởng từ tháng ${formatMonthVi(next)}.`);
    } else if (a.status !== b.status && a.status === 'suspended') {
      push(b, 'suspends', b, a, `Tạm dừng từ tháng ${formatMonthVi(next)}.`);
    } else if (a.status !== b.status && a.status === 'active') {
      push(b, 'resumes', b, a, `Hưởng lại từ tháng ${formatMonthVi(next)}.`);
    } else if (a.stop === 'age' && b.stop !== 'age') {
      // An age-limited group ends by itself (BTXH-7 at 3, clause 1 at 16, care for a child under 36 months…).
      const label = ref.groups.get(a.groupCode ?? '')?.label ?? a.groupCode ?? '';
      push(b, 'age_limit', b, a, `Hết độ tuổi hưởng (${label}): thôi hưởng từ tháng ${formatMonthVi(next)}. ${a.note}`);
    } else if (a.stop === 'cared' && b.stop !== 'cared') {
      push(b, 'ends', b, a, `Thôi hỗ trợ từ tháng ${formatMonthVi(next)}. ${a.note}`);
    } else if (a.groupCode !== b.groupCode) {
      const label = ref.groups.get(a.groupCode ?? '')?.label ?? a.groupCode ?? '';
      push(b, 'group_change', b, a, `Chuyển nhóm theo tuổi: ${label}.`);
    } else if (a.amountVnd !== b.amountVnd) {
      push(b, 'level_change', b, a, 'Thay đổi mức hưởng (quyết định, hệ số hoặc mức chuẩn mới).');
    }
  }
  for (const [id, a] of later)
    if (!now.has(id)) push(a, 'starts', undefined, a, `Bắt đầu hưởng từ tháng ${formatMonthVi(next)}.`);
  return { month: next, rows };
}
