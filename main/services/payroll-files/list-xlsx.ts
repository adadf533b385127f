import { amountInWords } from '@shared/domain/money';
import { EMPTY_OFFICE_SETTINGS } from '@shared/api/settings';
import { officeNames } from '../../documents/pdf/decree30';
import { CHUNK, memoryWorkbook } from './xlsx-stream';
import {
  LIST_HEADERS,
  SIGNERS,
  listSubtitle,
  listTitle,
  listTotals,
  type ListContext,
  type ListRow,
} from './list-rows';

// The payout list as xlsx (for a payer who fills it in on a computer): the same columns, totals, amount
// in words and signature captions as the PDF.

const WIDTHS = [5, 26, 8, 15, 26, 36, 6, 12, 12, 12, 13, 20, 12, 44];
const MONEY_COLUMNS = [8, 9, 10, 11];

export async function writeListWorkbook(
  context: ListContext,
  rows: readonly ListRow[],
  onChunk: (done: number) => Promise<void> = async () => {},
): Promise<{ content: Buffer; count: number; totalVnd: number }> {
  const totals = listTotals(rows);
  const { workbook, finish } = memoryWorkbook();
  const sheet = workbook.addWorksheet(context.kind === 'post' ? 'Buu dien' : 'Tien mat', {
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = WIDTHS.map((width) => ({ width }));
  const bold = (values: unknown[]) => {
    const row = sheet.addRow(values);
    row.font = { bold: true };
    row.commit();
  };
  // A People's Committee's letterhead has no parent-body line (Decree 30; officeNames).
  const parent = officeNames({
    ...EMPTY_OFFICE_SETTINGS,
    unitName: context.unitName,
    parentBody: context.parentBody,
  }).parent;
  if (parent) sheet.addRow([parent]).commit();
  bold([context.unitName.toUpperCase()]);
  bold([listTitle(context)]);
  sheet.addRow([listSubtitle(context)]).commit();
  bold([...LIST_HEADERS]);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const row = sheet.addRow([
      i + 1,
      r.fullName,
      r.birthYear,
      r.citizenId,
      r.address,
      r.group,
      r.coefficient,
      r.regularVnd,
      r.arrearsVnd,
      r.funeralVnd,
      r.totalVnd,
      r.receiverName,
      '',
      r.note,
    ]);
    row.getCell(4).numFmt = '@';
    for (const c of MONEY_COLUMNS) row.getCell(c).numFmt = '#,##0';
    row.commit();
    if ((i + 1) % CHUNK === 0) await onChunk(i + 1);
  }
  const total = sheet.addRow([
    '',
    `Tổng cộng: ${totals.count} người`,
    '',
    '',
    '',
    '',
    '',
    totals.regularVnd,
    totals.arrearsVnd,
    totals.funeralVnd,
    totals.totalVnd,
  ]);
  total.font = { bold: true };
  for (const c of MONEY_COLUMNS) total.getCell(c).numFmt = '#,##0';
  total.commit();
  sheet.addRow([`Tổng số tiền bằng chữ: ${amountInWords(totals.totalVnd)}.`]).commit();
  sheet.addRow([]).commit();
  bold(['', SIGNERS[0], '', '', SIGNERS[1], '', '', SIGNERS[2], '', '', '', 'TM. ỦY BAN NHÂN DÂN']);
  bold(['', '', '', '', '', '', '', '', '', '', '', 'CHỦ TỊCH']);
  sheet.addRow([]).commit();
  sheet.addRow([]).commit();
  bold(['', context.officerName, '', '', '', '', '', '', '', '', '', context.chairmanName]);
  sheet.commit();
  return { content: await finish(), count: totals.count, totalVnd: totals.totalVnd };
}
