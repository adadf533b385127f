import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BANK_FILES_SETTINGS } from '../../main/services/payroll-files/settings';
import { writeBankWorkbook } from '../../main/services/payroll-files/bank-xlsx';
import type { FileLine } from '../../main/services/payroll-files/lines';
import { zipEntries } from '../support/zip';

// The bank batch xlsx, part by part, against a workbook written the plain exceljs way (a new row, no
// shortcut) from values worked out here by hand: the writer's speed-ups (shared empty cell style, …)
// must not change a byte of what banks and LibreOffice read. Only docProps/core.xml (its creation
// time) may differ.

const line = (over: Partial<FileLine>): FileLine => ({
  id: 1,
  payrollId: 1,
  programme: 'BTXH',
  kind: 'regular',
  personId: 1,
  fullName: '',
  birthText: '1950',
  citizenId: null,
  neighbourhood: 'Khu phố 1',
  address: '',
  groupCode: 'BTXH-5A1',
  groupLabel: '',
  coefficientMilli: 1500,
  standardVnd: 500_000,
  amountVnd: 750_000,
  method: 'OWN_ACCOUNT',
  bankCode: 'AGRIBANK',
  bankName: 'Agribank',
  napasBin: '970405',
  branch: '',
  accountNumber: null,
  holderName: null,
  receiverName: null,
  attention: '',
  order: 0,
  ...over,
});

const LINES: FileLine[] = [
  line({ id: 1, fullName: 'Nguyễn Thị Hường', accountNumber: '0001234567890', branch: 'Phan Thiết' }),
  line({
    id: 2,
    fullName: 'Đặng Văn Ơn',
    holderName: 'Đặng  Thị Lành ',
    accountNumber: '12345678901234567890',
    amountVnd: 1_234_567,
  }),
  line({
    id: 3,
    kind: 'arrears',
    fullName: 'Lê Văn On',
    accountNumber: '0000000000123',
    amountVnd: 2_250_000,
    periodFrom: '2026-01',
    periodTo: '2026-03',
  }),
  line({ id: 4, fullName: 'Trần Thị Mai', accountNumber: '9', amountVnd: 1 }),
];
const TOTAL = 750_000 + 1_234_567 + 2_250_000 + 1;

/** The same file as the shipped template gives, by hand: values worked out here, rows written plainly. */
async function plainWorkbook(): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => sink.on('end', resolve));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Chuyen khoan');
  sheet.columns = [6, 22, 28, 18, 18, 14, 48].map((width) => ({ width }));
  const bold = (values: Array<string | number>) => {
    const row = sheet.addRow(values);
    row.font = { bold: true };
    return row;
  };
  bold(['UBND PHƯỜNG ĐỨC NGHĨA']).commit();
  bold(['DANH SÁCH CHUYỂN KHOẢN CHI TRẢ TRỢ CẤP THÁNG 12/2026']).commit();
  bold(['Ngân hàng: Agribank']).commit();
  bold(['STT', 'Số tài khoản', 'Tên chủ tài khoản', 'Ngân hàng', 'Chi nhánh', 'Số tiền', 'Nội dung']).commit();
  for (const values of [
    [1, '0001234567890', 'NGUYEN THI HUONG', 'Agribank', 'Phan Thiết', 750_000, 'TRO CAP XH T12/2026 NGUYEN THI HUONG'],
    [2, '12345678901234567890', 'DANG THI LANH', 'Agribank', '', 1_234_567, 'TRO CAP XH T12/2026 DANG VAN ON'],
    [
      3,
      '0000000000123',
      'LE VAN ON',
      'Agribank',
      '',
      2_250_000,
      'TRUY LINH TRO CAP TU T01/2026 DEN T03/2026 (3 THANG) T12/2026 LE VAN ON',
    ],
    [4, '9', 'TRAN THI MAI', 'Agribank', '', 1, 'TRO CAP XH T12/2026 TRAN THI MAI'],
  ])
    sheet.addRow(values).commit();
  const total = bold(['Tổng cộng: 4 món', '', '', '', '', TOTAL, '']);
  total.getCell(6).numFmt = '#,##0';
  total.commit();
  sheet.commit();
  await workbook.commit();
  await ended;
  return Buffer.concat(chunks);
}

describe('bank batch xlsx, byte for byte', () => {
  it('is the plainly written workbook of the values worked out by hand, every part but the creation time', async () => {
    const made = await writeBankWorkbook(
      DEFAULT_BANK_FILES_SETTINGS.templates[0]!,
      { unitName: 'UBND phường Đức Nghĩa', month: '2026-12', bankName: 'Agribank', programmeLabel: 'BTXH' },
      LINES,
    );
    expect({ count: made.count, totalVnd: made.totalVnd }).toEqual({ count: 4, totalVnd: TOTAL });
    const [got, want] = await Promise.all([zipEntries(made.content), zipEntries(await plainWorkbook())]);
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    for (const [name, text] of want) {
      if (name !== 'docProps/core.xml') expect(got.get(name), name).toBe(text);
    }
    // The check can fail: the data rows carry no style index, the total row its amount format.
    const sheet = want.get('xl/worksheets/sheet1.xml')!;
    expect(sheet).toContain('<c r="A5"><v>1</v></c><c r="B5" t="str"><v>0001234567890</v></c>');
    expect(sheet).toMatch(/<c r="F9" s="\d+"><v>4234568<\/v><\/c>/);
  });
});
