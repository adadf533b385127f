import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import type { HandlerContext } from '../../api/context';
import type { PersonRow, SearchInput } from '../../../shared/api/register';
import { formatMonthVi } from '../../../shared/domain/dates';
import { currentMonth } from '../clock';
import { getOfficeSettings } from '../settings';
import { searchPeople } from './search';

// The register (under the list's current filter) back to xlsx, in the shape wards keep: title rows, a
// header, one row per person, a total row. Written with exceljs's streaming writer (fast and lean at
// 100,000 rows); citizen IDs and phones as text so leading zeros survive.

const PAGE = 500;

export const METHOD_LABELS: Record<string, string> = {
  CASH_WARD: 'Tiền mặt tại UBND',
  POST_OFFICE: 'Qua Bưu điện',
  OWN_ACCOUNT: 'TK cá nhân',
  AUTHORIZED_ACCOUNT: 'TK ủy quyền',
};

export const STATUS_LABELS: Record<string, string> = {
  active: 'Đang hưởng',
  suspended: 'Tạm dừng',
  stopped: 'Thôi hưởng',
  deceased: 'Đã từ trần',
  none: 'Chưa hưởng',
};

const COLUMNS: Array<{ header: string; width: number; value: (p: PersonRow, i: number) => string | number }> = [
  { header: 'STT', width: 6, value: (_p, i) => i + 1 },
  { header: 'Họ và tên', width: 26, value: (p) => p.fullName },
  { header: 'Ngày sinh', width: 12, value: (p) => p.birthText },
  { header: 'Giới tính', width: 9, value: (p) => (p.gender === 'male' ? 'Nam' : p.gender === 'female' ? 'Nữ' : '') },
  { header: 'Số định danh', width: 15, value: (p) => p.citizenId ?? '' },
  { header: 'Khu phố', width: 14, value: (p) => p.neighbourhood },
  { header: 'Điện thoại', width: 13, value: (p) => p.phone },
  { header: 'Chế độ', width: 12, value: (p) => p.programmes.join(', ') },
  { header: 'Nhóm đối tượng', width: 14, value: (p) => p.groupCodes.join(', ') },
  { header: 'Hình thức nhận', width: 18, value: (p) => (p.method ? (METHOD_LABELS[p.method] ?? p.method) : '') },
  { header: 'Mức hưởng/tháng (đồng)', width: 16, value: (p) => p.monthlyVnd },
  { header: 'Trạng thái', width: 12, value: (p) => STATUS_LABELS[p.status] ?? p.status },
];

export interface RegisterExport {
  fileName: string;
  contentBase64: string;
  count: number;
  totalVnd: number;
}

export async function exportRegister(ctx: HandlerContext, filters: Omit<SearchInput, 'limit' | 'offset'>): Promise<RegisterExport> {
  const month = currentMonth(ctx.now);
  const office = getOfficeSettings(ctx);
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Sổ đối tượng', { views: [{ state: 'frozen', ySplit: 4 }] });
  sheet.columns = COLUMNS.map((c) => ({ width: c.width }));
  sheet.addRow([office.unitName.toUpperCase()]).commit();
  sheet.addRow([`DANH SÁCH ĐỐI TƯỢNG HƯỞNG TRỢ CẤP — THÁNG ${formatMonthVi(month)}`]).font = { bold: true };
  sheet.addRow([filters.text ? `Tìm: «${filters.text}»` : '']).commit();
  const header = sheet.addRow(COLUMNS.map((c) => c.header));
  header.font = { bold: true };
  header.commit();

  let count = 0;
  let totalVnd = 0;
  for (let offset = 0; ; offset += PAGE) {
    const { rows } = searchPeople(ctx.store, { ...filters, limit: PAGE, offset });
    for (const p of rows) {
      const row = sheet.addRow(COLUMNS.map((c) => c.value(p, count)));
      row.getCell(11).numFmt = '#,##0';
      row.commit();
      count++;
      totalVnd += p.monthlyVnd;
    }
    if (rows.length < PAGE) break;
    // Let other work run between pages of a large export.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const total = sheet.addRow(['', `Tổng cộng: ${count} người`, '', '', '', '', '', '', '', '', totalVnd, '']);
  total.font = { bold: true };
  total.getCell(11).numFmt = '#,##0';
  total.commit();
  sheet.commit();
  await workbook.commit();
  await done;
  ctx.audit({ action: 'register.export', entity: 'export', detail: { rows: count, totalVnd, filters } });
  return {
    fileName: `so-doi-tuong-${month}.xlsx`,
    contentBase64: Buffer.concat(chunks).toString('base64'),
    count,
    totalVnd,
  };
}
