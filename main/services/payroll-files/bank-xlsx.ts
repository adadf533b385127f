import type ExcelJS from 'exceljs';
import type { BankColumnSource, BankTemplate } from '@shared/api/payroll-files';
import { compileDescription, fillPattern, upperAscii } from '@shared/api/payroll-files';
import { formatVnd } from '@shared/domain/money';
import { formatMonthVi } from '@shared/domain/dates';
import { CHUNK, memoryWorkbook } from './xlsx-stream';
import type { FileLine } from './lines';
import { periodAscii } from '@shared/domain/service-period';

// One bank batch file (bảng kê chuyển khoản) from a template: title rows, the header row, one row per
// payroll line paid into an account, and a total row with the count and the amount. Account numbers are
// text cells (leading zeros, and numbers over 15 digits that Excel would round as numbers).

/**
 * What the transfer is for, in the ASCII banks accept ({CONTENT} of the description pattern). Arrears
 * name their service months ("TRUY LINH TRO CAP TU T01/2026 DEN T03/2026 (3 THANG)"), a carried-over
 * line the month it was due ("... CHI BU T11/2026"), so {MM}/{YYYY} (the payroll's month) is not read
 * as the month paid.
 */
export function contentOf(
  l: Pick<FileLine, 'kind' | 'programme' | 'periodFrom' | 'periodTo' | 'periodMonths' | 'carriedMonth' | 'content'>,
): string {
  if (l.content) return l.content;
  const period =
    l.periodFrom && l.periodTo
      ? periodAscii({ from: l.periodFrom, to: l.periodTo, ...(l.periodMonths ? { months: l.periodMonths } : {}) })
      : '';
  if (l.kind === 'arrears') return period ? `TRUY LINH TRO CAP ${period}` : 'TRUY LINH TRO CAP';
  if (l.kind === 'carryover') {
    const base = l.periodFrom ? `TRUY LINH TRO CAP ${period}` : baseContent(l.kind, l.programme);
    return l.carriedMonth ? `${base} CHI BU T${formatMonthVi(l.carriedMonth)}` : base;
  }
  return baseContent(l.kind, l.programme);
}

function baseContent(kind: string, programme: string): string {
  if (kind === 'funeral') return 'HO TRO MAI TANG PHI';
  if (kind === 'care' || programme === 'BTXH_CARE') return 'HO TRO CHAM SOC';
  if (programme === 'NCC') return 'TRO CAP NCC';
  if (programme === 'HTXH') return 'TRO CAP HUU TRI XH';
  return 'TRO CAP XH';
}

/**
 * A data cell has no style of its own, yet exceljs gives each new cell an empty style object and renders
 * it to find its place in the style table: about a third of the writer's time at 100,000 rows. One shared
 * empty object is looked up once (exceljs remembers a style object by identity); the file is the same,
 * byte for byte (tests/integration/payroll-files-bank-cells.test.ts).
 */
const NO_STYLE: Partial<ExcelJS.Style> = Object.freeze({});
const unstyled = (cell: ExcelJS.Cell) => {
  cell.style = NO_STYLE;
};

export interface BankFileContext {
  unitName: string;
  month: string;
  bankName: string;
  /** Programme name(s) the file covers, as written. */
  programmeLabel: string;
}

export interface BankFileOutput {
  content: Buffer;
  count: number;
  totalVnd: number;
}

export async function writeBankWorkbook(
  template: BankTemplate,
  context: BankFileContext,
  lines: readonly FileLine[],
  onChunk: (done: number) => Promise<void> = async () => {},
): Promise<BankFileOutput> {
  const [yyyy, mm] = context.month.split('-') as [string, string];
  const totalVnd = lines.reduce((s, l) => s + l.amountVnd, 0);
  // Names repeat (a receiver for several people, arrears lines): fold each once.
  const folded = new Map<string, string>();
  const ascii = (s: string) => {
    let f = folded.get(s);
    if (f === undefined) folded.set(s, (f = upperAscii(s)));
    return f;
  };
  const name = template.nameFormat === 'upper-ascii' ? ascii : (s: string) => s;
  const describe = compileDescription(template.descriptionPattern, template.descriptionMaxLength);
  const value: Record<BankColumnSource, (l: FileLine, i: number) => string | number> = {
    stt: (_l, i) => i + 1,
    accountNumber: (l) => l.accountNumber ?? '',
    holderName: (l) => name(l.holderName ?? l.fullName),
    bankName: (l) => l.bankName,
    bankCode: (l) => l.bankCode ?? '',
    napasBin: (l) => l.napasBin,
    branch: (l) => l.branch,
    amount: (l) => l.amountVnd,
    description: (l) =>
      describe({
        MM: mm,
        YYYY: yyyy,
        NAME: ascii(l.fullName),
        CONTENT: contentOf(l),
        PROGRAMME: l.programme,
        BANK: l.bankName,
      }),
    beneficiaryName: (l) => name(l.fullName),
    citizenId: (l) => l.citizenId ?? '',
    receiverName: (l) => name(l.receiverName ?? ''),
    neighbourhood: (l) => l.neighbourhood,
    programme: (l) => l.programme,
    month: () => formatMonthVi(context.month),
    blank: () => '',
  };
  const getters = template.columns.map((c) => value[c.source]);
  const amountColumns = template.columns.flatMap((c, i) => (c.source === 'amount' ? [i + 1] : []));

  const { workbook, finish } = memoryWorkbook();
  const sheet = workbook.addWorksheet(template.sheetName);
  sheet.columns = template.columns.map((c) => ({ width: c.width }));
  const fill = (s: string) =>
    fillPattern(s, {
      UNIT: context.unitName.toUpperCase(),
      BANK: context.bankName,
      MM: mm,
      YYYY: yyyy,
      PROGRAMME: context.programmeLabel,
      COUNT: String(lines.length),
      TOTAL: formatVnd(totalVnd),
    });
  for (const title of template.titleRows) {
    const row = sheet.addRow([fill(title)]);
    row.font = { bold: true };
    row.commit();
  }
  const header = sheet.addRow(template.columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    // No per-cell styles: exceljs looks each one up per cell, which doubles the time at 100,000 rows.
    // Account numbers stay text because they are written as strings (a string cell, not a number).
    const row = sheet.addRow(getters.map((get) => get(line, i)));
    row.eachCell(unstyled);
    row.commit();
    if ((i + 1) % CHUNK === 0) await onChunk(i + 1);
  }
  if (template.totalRow) {
    const cells: Array<string | number> = template.columns.map(() => '');
    const labelAt = template.columns.findIndex((c) => c.source !== 'amount');
    if (labelAt >= 0) cells[labelAt] = `Tổng cộng: ${lines.length} món`;
    for (const c of amountColumns) cells[c - 1] = totalVnd;
    const total = sheet.addRow(cells);
    total.font = { bold: true };
    for (const c of amountColumns) total.getCell(c).numFmt = '#,##0';
    total.commit();
  }
  sheet.commit();
  return { content: await finish(), count: lines.length, totalVnd };
}
