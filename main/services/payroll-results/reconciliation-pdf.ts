import { LINE_STATUS_LABELS, type Reconciliation } from '@shared/api/payroll-results';
import type { OfficeSettings } from '@shared/api/settings';
import { formatMonthVi } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import { figureColumns, reconciliationPdf as reconciliationDocument } from '../../documents/pdf/reconciliation';
import { today } from '../clock';
import { PAYROLL_OUTCOMES } from './reconciliation-xlsx';

// The reconciliation report as a landscape PDF with the shared Decree 30 building blocks
// (documents/pdf/reconciliation.ts): figures per programme and per payout method with the total, the
// balance in words, the lines not paid (the carry-over list), and the signatures of the preparer, the
// accountant, the payer and the chairman.

const FIGURE_COLUMNS = figureColumns(PAYROLL_OUTCOMES);

export async function reconciliationPdf(
  rec: Reconciliation,
  programmeName: string,
  now: Date,
  settings: OfficeSettings,
): Promise<Buffer> {
  const month = formatMonthVi(rec.payroll.month);
  const t = rec.total;
  return reconciliationDocument({
    settings,
    date: today(now),
    heading: `Đối chiếu kết quả chi trả trợ cấp tháng ${month}`,
    docTitle: `Báo cáo đối chiếu kết quả chi trả — tháng ${month}`,
    intro:
      `Chế độ: ${programmeName}. Bảng lương đã phê duyệt gồm ${rec.payroll.lineCount} dòng, tổng số tiền ${formatVnd(rec.payroll.totalVnd)} đồng. ` +
      `Đã chi trả ${t.paid.lines} dòng, ${formatVnd(t.paid.amountVnd)} đồng; số dư chưa chi ${formatVnd(t.balanceVnd)} đồng.`,
    columns: FIGURE_COLUMNS,
    sections: [
      { heading: 'I. Theo chế độ', rows: rec.byProgramme },
      { heading: 'II. Theo hình thức chi trả', rows: rec.byMethod },
    ],
    total: t,
    reconciles: rec.reconciles,
    approvedWhat: 'bảng lương',
    unpaid: {
      title: 'III. Danh sách chưa chi trả',
      rows: rec.unpaid,
      status: (u) => LINE_STATUS_LABELS[u.status],
    },
  });
}
