import type { Store } from '../../db/store';
import type { ProgressFigures } from '../../../shared/api/campaign';
import type { NonCashReport, NonCashRow } from '../../../shared/api/reports';
import { formatMonthVi, type Month } from '../../../shared/domain/dates';
import { campaignProgress } from '../campaign/progress';
import { paidByGroup } from './paid';

// The non-cash progress report (reports.md; Directive 21 follow-up, no national form): per programme and
// group, the people receiving this month, how each is paid, % non-cash, the assigned target and % of it.
// The figures are the campaign dashboard's own (campaignProgress: one function, so the Chuyển khoản
// screen and this report cannot disagree); the money paid comes from the month's approved payrolls.

export function nonCashReport(store: Store, month: Month): NonCashReport {
  const progress = campaignProgress(store, month);
  const paid = paidByGroup(store, month);
  const row = (programme: string, programmeName: string, groupKey: string | null, label: string, f: ProgressFigures): NonCashRow => ({
    programme,
    programmeName,
    groupKey,
    groupLabel: label,
    total: f.total,
    byMethod: { ...f.counts },
    nonCash: f.nonCash,
    nonCashTenths: f.nonCashTenths,
    target: null,
    ofTargetTenths: null,
    paidVnd: paid ? (paid.get(`${programme}|${groupKey ?? ''}`) ?? (groupKey === null ? 0 : null)) : null,
    dueVnd: f.amountVnd,
  });
  const rows: NonCashRow[] = [];
  for (const p of progress.programmes) {
    const total = row(p.programme, p.name, null, `Cộng: ${p.name}`, p);
    total.target = p.targetCount;
    total.ofTargetTenths = p.ofTargetTenths;
    rows.push(total, ...p.groups.map((g) => row(p.programme, p.name, g.key, g.label, g)));
  }
  const notes = [
    'Không dùng tiền mặt = chuyển khoản vào tài khoản cá nhân hoặc tài khoản người được ủy quyền, theo hình thức chi trả thực hiện được trong tháng (tài khoản đã đóng, giấy ủy quyền hết hạn thì tính là tiền mặt).',
  ];
  for (const p of progress.programmes) {
    if (p.target && p.target.kind === 'percent') notes.push(`Chỉ tiêu ${p.name}: ${p.target.value / 10}% số đối tượng = ${p.targetCount} người.`);
  }
  if (!paid) notes.push(`Chưa có bảng chi trả tháng ${formatMonthVi(month)} được duyệt: cột "Đã chi" để trống; cột "Phải chi" theo sổ đối tượng.`);
  return { month, rows, notes };
}
