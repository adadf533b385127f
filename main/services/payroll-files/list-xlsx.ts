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
// in words and signature captions as the PDF. Printed, it is signed like the PDF: landscape A4 fit to the
// page's width (columns narrow enough that the text stays readable, long names and groups wrapped), each
// person's row about 1 cm high with a Ký nhận column wide enough for a signature, the column headers
// repeated on every page, and page numbers in the footer.

const WIDTHS = [5, 20, 7, 14, 18, 22, 6, 11, 11, 11, 12, 16, 28, 12];
const MONEY_COLUMNS = [8, 9, 10, 11];
/**
 * Row height in points before the fit to the page's width (which prints at about 0.62): ≥ 15 mm printed,
 * as the PDF list's rows (room for an elderly person's signature or a thumbprint); Ký nhận is 28 units
 * wide, ~36 mm printed (the PDF's is 35–38 mm).
 */
const SIGNING_ROW_HEIGHT = 70;
const WRAPPED = { vertical: 'middle', wrapText: true } as const;
/** The people's rows in 10 pt (the sheet's default is 11): about 1.1 characters a unit of column width. */
const ROW_FONT = { size: 10 } as const;
const LINE_POINTS = 13;
const THIN = { style: 'thin' } as const;
/** The grid a signed list is ruled with (every cell of the table, the empty Ký nhận cells too). */
const GRID = { top: THIN, left: THIN, bottom: THIN, right: THIN } as const;
const ruled = (row: { getCell(c: number): { border: unknown } }) => {
  for (let c = 1; c <= WIDTHS.length; c++) row.getCell(c).border = GRID;
};
/** Columns whose text wraps (1-based): name, address, group, receiver, note. */
const WRAPPING = [2, 5, 6, 12, 14];

/** A row tall enough to sign in, and for its longest wrapped text (the height is set, so it must fit). */
function rowHeight(values: readonly unknown[]): number {
  let lines = 1;
  for (const c of WRAPPING) {
    const text = String(values[c - 1] ?? '');
    lines = Math.max(lines, Math.ceil(text.length / (WIDTHS[c - 1]! * 1.1)));
  }
  return Math.max(SIGNING_ROW_HEIGHT, 6 + lines * LINE_POINTS);
}

export async function writeListWorkbook(
  context: ListContext,
  rows: readonly ListRow[],
  onChunk: (done: number) => Promise<void> = async () => {},
): Promise<{ content: Buffer; count: number; totalVnd: number }> {
  const totals = listTotals(rows);
  const { workbook, finish } = memoryWorkbook();
  // A People's Committee's letterhead has no parent-body line (Decree 30; officeNames).
  const parent = officeNames({
    ...EMPTY_OFFICE_SETTINGS,
    unitName: context.unitName,
    parentBody: context.parentBody,
  }).parent;
  const headerRow = parent ? 5 : 4;
  const sheet = workbook.addWorksheet(context.kind === 'post' ? 'Buu dien' : 'Tien mat', {
    pageSetup: {
      orientation: 'landscape',
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${headerRow}:${headerRow}`,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: 'Trang &P/&N' },
  });
  sheet.columns = WIDTHS.map((width) => ({ width }));
  const bold = (values: unknown[]) => {
    const row = sheet.addRow(values);
    row.font = { bold: true };
    row.commit();
  };
  if (parent) sheet.addRow([parent]).commit();
  bold([context.unitName.toUpperCase()]);
  bold([listTitle(context)]);
  sheet.addRow([listSubtitle(context)]).commit();
  const header = sheet.addRow([...LIST_HEADERS]);
  header.font = { bold: true };
  header.alignment = { ...WRAPPED, horizontal: 'center' };
  header.height = 30;
  ruled(header);
  header.commit();
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const values = [
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
    ];
    const row = sheet.addRow(values);
    row.height = rowHeight(values);
    row.font = ROW_FONT;
    row.alignment = WRAPPED;
    ruled(row);
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
  ruled(total);
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
