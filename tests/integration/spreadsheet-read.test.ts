import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ImportCell } from '@shared/domain/import-mapping';
import {
  parseRegisterWorkbook,
  readWorkbook,
  toImportCell,
  type ParsedSheet,
} from '../../main/services/import/workbook';
import { readResultFile } from '../../main/services/payroll-results/result-file';
import { DEFAULT_RESULT_FORMAT } from '@shared/api/payroll-results';
import { tempDir } from '../support/temp';

// The register import used to read a workbook with exceljs's whole-file `load` (everything inflated and
// modelled before any limit); it now streams part by part behind the zip and XML guards. What it reads
// must not change: compared here with the old reading (kept below, as it was) on the sample register,
// the sample as LibreOffice saves it (other part order, other XML), and a workbook with merged ranges,
// a hidden sheet, dates, formulas, rich text, hyperlinks and empty strings.

/** The previous reader (exceljs `load`), values only — as main/services/import/workbook.ts had it. */
async function readWithLoad(bytes: Buffer): Promise<ParsedSheet[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook.worksheets.map((ws) => {
    const rows: ImportCell[][] = [];
    let count = 0;
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const values: ImportCell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        values[column - 1] = toImportCell(cell.value);
        count++;
      });
      for (let i = 0; i < values.length; i++) if (values[i] === undefined) values[i] = null;
      rows[rowNumber - 1] = values;
    });
    for (let i = 0; i < rows.length; i++) if (rows[i] === undefined) rows[i] = [];
    return { name: ws.name, hidden: ws.state !== 'visible' && ws.state !== undefined, rows, cellCount: count };
  });
}

const SAMPLE = readFileSync(join(__dirname, '..', 'fixtures', 'so-doi-tuong-phuong-mau.xlsx'));

async function oddWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách');
  ws.getCell('A1').value = 'DANH SÁCH ĐỐI TƯỢNG THÁNG 10/2024';
  ws.mergeCells('A1:F1');
  ws.getCell('A3').value = 'Họ và tên';
  ws.mergeCells('A3:A4'); // a two-row header
  ws.getCell('B3').value = 'Ngày sinh';
  ws.mergeCells('B3:C3');
  ws.getCell('B4').value = 'Ngày';
  ws.getCell('C4').value = 'Năm';
  ws.mergeCells('D3:E4'); // an empty merged block
  ws.getRow(5).values = [
    'Nguyễn Văn Ơn',
    new Date(Date.UTC(1940, 2, 15)),
    1940,
    '',
    { richText: [{ text: 'Khu ' }, { font: { bold: true }, text: 'phố 1' }] },
  ];
  ws.getRow(6).values = [
    'Trần Thị Hường',
    { formula: 'DATE(1950,1,2)', result: new Date(Date.UTC(1950, 0, 2)) },
    { formula: '1900+50', result: 1950 },
    { text: 'xem', hyperlink: 'http://x.invalid' },
    true,
  ];
  ws.getCell('F5').numFmt = 'dd/mm/yyyy';
  ws.getCell('F5').value = 36525.99999999;
  const hidden = wb.addWorksheet('Ẩn', { state: 'hidden' });
  hidden.getCell('B2').value = 'ẩn';
  wb.addWorksheet('Trống');
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function libreOfficeResave(xlsx: Buffer): Buffer {
  const { dir, cleanup } = tempDir();
  try {
    writeFileSync(join(dir, 'in.xlsx'), xlsx);
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${dir}/lo`,
        '--headless',
        '--convert-to',
        'xlsx:Calc MS Excel 2007 XML',
        '--outdir',
        join(dir, 'out'),
        join(dir, 'in.xlsx'),
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );
    return readFileSync(join(dir, 'out', 'in.xlsx'));
  } finally {
    cleanup();
  }
}

describe('the streaming register reader reads what exceljs load read', () => {
  it('the sample register (447 people), through the parse worker', async () => {
    const sheets = await readWorkbook(SAMPLE, 'mau.xlsx');
    expect(sheets).toEqual(await readWithLoad(SAMPLE));
    expect(sheets.map((s) => [s.name, s.rows.length])).toEqual([
      ['BTXH', 418],
      ['NCC', 42],
    ]);
  });

  it('merged ranges, a hidden and an empty sheet, dates, formulas, rich text, hyperlinks, empty strings', async () => {
    const file = await oddWorkbook();
    const sheets = await parseRegisterWorkbook(file, 'odd.xlsx');
    expect(sheets).toEqual(await readWithLoad(file));
    expect(sheets[0]!.rows[3]!.slice(0, 3)).toEqual(['Họ và tên', 'Ngày', 'Năm']); // A4 reads A3's value
    expect(sheets.map((s) => s.hidden)).toEqual([false, true, false]);
  });

  it('the same files as LibreOffice saves them', async () => {
    for (const file of [SAMPLE, await oddWorkbook()]) {
      const resaved = libreOfficeResave(file);
      expect(await parseRegisterWorkbook(resaved, 'lo.xlsx')).toEqual(await readWithLoad(resaved));
    }
  }, 240_000);
});

describe('the result reader reads sheets in the workbook order', () => {
  it('the first sheet with a result header wins; one without is passed over', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Ghi chú').getCell('A1').value = 'Kết quả chi trả tháng 11/2026';
    const header = ['Số tài khoản', 'Số tiền', 'Trạng thái'];
    const first = wb.addWorksheet('Kết quả');
    first.addRow(header);
    first.addRow(['0100000000001', 500000, 'Thành công']);
    const second = wb.addWorksheet('Kết quả (cũ)');
    second.addRow(header);
    for (let i = 0; i < 3; i++) second.addRow([`020000000000${i}`, 1000, 'Thất bại']);
    const parsed = await readResultFile(Buffer.from(await wb.xlsx.writeBuffer()), 'kq.xlsx', DEFAULT_RESULT_FORMAT);
    expect(parsed.rows.map((r) => [r.row, r.account, r.status])).toEqual([[2, '0100000000001', 'paid']]);
  });
});
