import type { ChannelOutput } from '@shared/api/contract';
import {
  ROUND_LINE_STATUS_LABELS,
  type RoundReconciliation,
  type RoundReconciliationRow,
} from '@shared/api/round-results';
import type { RoundView } from '@shared/api/rounds';
import type { OfficeSettings } from '@shared/api/settings';
import { formatVnd } from '@shared/domain/money';
import type { HandlerContext } from '../../api/context';
import type { Store } from '../../db/store';
import { figureColumns, reconciliationPdf, type FigureOutcome } from '../../documents/pdf/reconciliation';
import { today } from '../clock';
import { startReconciliationFileJob } from '../payroll-results/export';
import { reconciliationWorkbook } from '../payroll-results/reconciliation-xlsx';
import { getOfficeSettings } from '../settings';
import { basisText } from './files';
import { approvedRound, roundReconciliation } from './results';
import { resultLineRows, type ResultLineRow } from './results-queries';

// An approved round's reconciliation as a file, built like the payroll's (the shared Decree 30 report in
// documents/pdf/reconciliation.ts and the payroll's workbook layout): the round's name and legal basis in
// the title, the figures per payout method and per neighbourhood with the total (paid + failed + not
// collected + pending = the approved total, the same numbers as roundResults.reconciliation), and the
// lines not paid. A job, downloaded or written to a folder by the safe writer; its one write is the audit.

/** The round's outcome columns, in the PDF and the workbook alike. */
const ROUND_OUTCOMES: Array<FigureOutcome<RoundReconciliationRow>> = [
  { header: 'Đã chi trả', width: 90, bucket: (r) => r.paid },
  { header: 'Không thành công', width: 90, bucket: (r) => r.failed },
  { header: 'Không đến nhận', width: 90, bucket: (r) => r.notCollected },
  { header: 'Chưa có kết quả', width: 90, bucket: (r) => r.pending },
];
const FIGURE_COLUMNS = figureColumns(ROUND_OUTCOMES, { handed: 90, balance: 90 });

export const roundReconciliationTitle = (round: Pick<RoundView, 'name'>) => `Đối chiếu kết quả chi trả — ${round.name}`;

const unpaidStatus = (u: ResultLineRow) => ROUND_LINE_STATUS_LABELS[u.status];

export function roundReconciliationPdf(
  rec: RoundReconciliation,
  round: RoundView,
  unpaid: ResultLineRow[],
  now: Date,
  settings: OfficeSettings,
): Promise<Buffer> {
  const t = rec.total;
  return reconciliationPdf({
    settings,
    date: today(now),
    heading: roundReconciliationTitle(round),
    docTitle: `Báo cáo đối chiếu kết quả chi trả — ${round.name}`,
    intro:
      `${basisText(round)}. Đợt chi đã phê duyệt gồm ${rec.round.lineCount} dòng, tổng số tiền ${formatVnd(rec.round.totalVnd)} đồng. ` +
      `Đã chi trả ${t.paid.lines} dòng, ${formatVnd(t.paid.amountVnd)} đồng; số dư chưa chi ${formatVnd(t.balanceVnd)} đồng.`,
    columns: FIGURE_COLUMNS,
    sections: [
      { heading: 'I. Theo hình thức chi trả', rows: rec.byMethod },
      { heading: 'II. Theo khu phố', rows: rec.byNeighbourhood },
    ],
    total: t,
    reconciles: rec.reconciles,
    approvedWhat: 'đợt chi',
    unpaid: { title: 'III. Danh sách chưa chi trả', rows: unpaid, status: unpaidStatus },
  });
}

export function roundReconciliationXlsx(
  rec: RoundReconciliation,
  round: RoundView,
  unpaid: ResultLineRow[],
  unitName: string,
): Promise<Buffer> {
  return reconciliationWorkbook({
    unitName,
    title: `BÁO CÁO ${roundReconciliationTitle(round).toLocaleUpperCase('vi')}`,
    info: `${basisText(round)} · Đợt chi số ${round.id} · ${rec.round.lineCount} dòng · ${rec.round.totalVnd} đồng`,
    outcomes: ROUND_OUTCOMES,
    sections: [
      { heading: 'THEO HÌNH THỨC CHI TRẢ', rows: rec.byMethod },
      { heading: 'THEO KHU PHỐ', rows: rec.byNeighbourhood },
    ],
    total: rec.total,
    reconciles: rec.reconciles,
    approvedWhat: 'đợt chi',
    unpaid: {
      title: `DANH SÁCH CHƯA CHI TRẢ — ${round.name.toLocaleUpperCase('vi')}`,
      rows: unpaid,
      status: unpaidStatus,
    },
  });
}

/** Every line of the round not paid yet (failed, not collected, without a result), in line order. */
const unpaidLines = (store: Store, roundId: number) =>
  resultLineRows(store, { roundId }).filter((l) => l.status !== 'paid');

export function startRoundReconciliationExport(
  ctx: HandlerContext,
  input: { roundId: number; format: 'xlsx' | 'pdf'; folder?: string | undefined },
): ChannelOutput<'roundResults.exportReconciliation'> {
  const round = approvedRound(ctx.store, input.roundId);
  const rec = roundReconciliation(ctx.store, input.roundId);
  const unpaid = unpaidLines(ctx.store, input.roundId);
  const office = getOfficeSettings(ctx);
  return startReconciliationFileJob(ctx, {
    job: 'roundResults.export',
    text: 'Đang lập báo cáo đối chiếu đợt chi…',
    format: input.format,
    folder: input.folder,
    fileName: `doi-chieu-chi-tra-dot-chi-${round.id}.${input.format}`,
    render: () =>
      input.format === 'xlsx'
        ? roundReconciliationXlsx(rec, round, unpaid, office.unitName)
        : roundReconciliationPdf(rec, round, unpaid, ctx.now, office),
    audit: { action: 'roundResults.exportReconciliation', entity: 'round', entityId: round.id },
    total: rec.total,
    unpaidLines: unpaid.length,
  });
}
