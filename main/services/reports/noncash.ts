import type { Store } from '../../db/store';
import type { ProgressFigures } from '@shared/api/campaign';
import type { NonCashReport, NonCashRow } from '@shared/api/reports';
import { formatMonthVi, type Month } from '@shared/domain/dates';
import { campaignProgress } from '../campaign/progress';
import { payrollMoneyByGroup } from './paid';
import { programmeNames } from './period';
import { moneyTotals, roundsOfMonth } from './rounds';

// The non-cash progress report (reports.md; Directive 21 follow-up, no national form): per programme and
// group, the people receiving this month, how each is paid, % non-cash, the assigned target and % of it.
// The figures are the campaign dashboard's own (campaignProgress: one function, so the Chuyển khoản
// screen and this report cannot disagree); the money approved and the money actually paid (results
// recorded) come from the month's approved payrolls. The approved one-off rounds paid in the month (by the
// round's date) follow as their own rows, and the money totals add both (rounds.ts).

export function nonCashReport(store: Store, month: Month): NonCashReport {
  const progress = campaignProgress(store, month);
  const money = payrollMoneyByGroup(store, month);
  const fromPayroll = (map: Map<string, number> | undefined, programme: string, groupKey: string | null) =>
    map ? (map.get(`${programme}|${groupKey ?? ''}`) ?? (groupKey === null ? 0 : null)) : null;
  const row = (
    programme: string,
    programmeName: string,
    groupKey: string | null,
    label: string,
    f: ProgressFigures,
  ): NonCashRow => ({
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
    approvedVnd: fromPayroll(money?.approved, programme, groupKey),
    paidVnd: fromPayroll(money?.paid, programme, groupKey),
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
    if (p.target && p.target.kind === 'percent')
      notes.push(`Chỉ tiêu ${p.name}: ${p.target.value / 10}% số đối tượng = ${p.targetCount} người.`);
  }
  notes.push(
    '"Đã duyệt": số tiền trong bảng chi trả đã phê duyệt; "Đã chi": số tiền đã ghi nhận chi trả thực tế (kết quả chi trả của ngân hàng, bưu điện hoặc chi tiền mặt có ký nhận).',
  );
  if (!money)
    notes.push(
      `Chưa có bảng chi trả tháng ${formatMonthVi(month)} được duyệt: cột "Đã duyệt" và "Đã chi" để trống; cột "Phải chi" theo sổ đối tượng.`,
    );
  const names = programmeNames(store);
  const rounds = roundsOfMonth(store, month, names);
  if (rounds.length > 0)
    notes.push(
      'Đợt chi một lần (quà Tết, thăm hỏi…): các đợt đã phê duyệt có ngày chi trong tháng, số người nhận và số tiền theo danh sách đã phê duyệt; không tính vào các cột của bảng chi trả hằng tháng ở mục I.',
    );
  return { month, rows, rounds, moneyTotals: moneyTotals(rows, rounds, names, money !== null), notes };
}
