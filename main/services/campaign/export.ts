import type { ChannelOutput } from '@shared/api/contract';
import ExcelJS from 'exceljs';
import { PROTECTED_GROUP_LABEL } from '@shared/domain/masking';
import { PassThrough } from 'node:stream';
import type { HandlerContext } from '../../api/context';
import type { WorkListExport, WorkListFilter } from '@shared/api/campaign';
import { formatMonthVi } from '@shared/domain/dates';
import { auditedWrite, startJob, yieldToEventLoop } from '../../jobs';
import { METHOD_LABELS } from '@shared/domain/labels';
import { getOfficeSettings } from '../settings';
import { cachedWorkListEntries, selectWorkList, type WorkListEntry } from './work-list';

// The work list to xlsx for door-to-door visits: the screen's filter and order, one row per person, with
// empty columns for the visit's date and outcome. Streaming writer (lean at 100,000 rows); citizen IDs and
// phones written as text so leading zeros survive. Exported files carry the full citizen ID (the officer
// asked for the file; the export is audited with its count).

const COLUMNS: Array<{ header: string; width: number; value: (e: WorkListEntry, i: number) => string | number }> = [
  { header: 'STT', width: 6, value: (_e, i) => i + 1 },
  { header: 'Họ và tên', width: 26, value: (e) => e.fullName },
  { header: 'Ngày sinh', width: 12, value: (e) => e.birthText },
  { header: 'Tuổi', width: 6, value: (e) => e.age ?? '' },
  { header: 'Giới tính', width: 9, value: (e) => (e.gender === 'male' ? 'Nam' : e.gender === 'female' ? 'Nữ' : '') },
  { header: 'Số định danh', width: 15, value: (e) => e.citizenId ?? '' },
  { header: 'Khu phố', width: 14, value: (e) => e.neighbourhood },
  { header: 'Địa chỉ', width: 28, value: (e) => e.address },
  { header: 'Điện thoại', width: 13, value: (e) => e.phone },
  { header: 'Chế độ', width: 10, value: (e) => e.programmes.join(', ') },
  // Protected groups (already the neutral label in the list) are blank in the file (issue 12).
  { header: 'Nhóm đối tượng', width: 14, value: (e) => e.groups.filter((g) => g !== PROTECTED_GROUP_LABEL).join(', ') },
  { header: 'Hình thức nhận hiện nay', width: 18, value: (e) => METHOD_LABELS[e.method] ?? e.method },
  { header: 'Lý do chưa chuyển khoản được', width: 30, value: (e) => e.fallbackReason ?? '' },
  {
    header: 'Người nhà đã nhận thay',
    width: 34,
    value: (e) => (e.relative ? `${e.relative.receiverName} (nhận thay cho ${e.relative.forName})` : ''),
  },
  { header: 'Ngày đến', width: 12, value: () => '' },
  { header: 'Kết quả vận động', width: 30, value: () => '' },
];
/** 1-based columns written as text (leading zeros). */
const TEXT_COLUMNS = [6, 9];
const CHUNK = 2_000;

export function startWorkListExport(
  ctx: HandlerContext,
  filter: WorkListFilter,
): ChannelOutput<'campaign.exportWorkList'> {
  const { store, user, now } = ctx;
  const office = getOfficeSettings(ctx);
  const jobId = startJob('campaign.exportWorkList', 'Đang lập danh sách cần vận động…', async (progress, signal) => {
    const rows = selectWorkList(cachedWorkListEntries(store, filter.month), filter);
    progress(0, rows.length, `Đang ghi ${rows.length.toLocaleString('vi-VN')} người vào tệp…`);
    await yieldToEventLoop();
    signal.throwIfCancelled();
    const neighbourhood = filter.neighbourhoodId === undefined ? '' : (rows[0]?.neighbourhood ?? '');
    const contentBase64 = await writeWorkbook(office.unitName, filter.month, neighbourhood, rows, async (done) => {
      progress(done, rows.length);
      await yieldToEventLoop();
      signal.throwIfCancelled();
    });
    auditedWrite(store, user, now, (audit) =>
      audit({ action: 'campaign.workList.export', entity: 'export', detail: { rows: rows.length, filter } }),
    );
    const result: WorkListExport = {
      fileName: `danh-sach-van-dong-chuyen-khoan-${filter.month}.xlsx`,
      contentBase64,
      count: rows.length,
    };
    return result;
  });
  return { jobId };
}

async function writeWorkbook(
  unitName: string,
  month: string,
  neighbourhood: string,
  rows: readonly WorkListEntry[],
  onChunk: (done: number) => Promise<void>,
): Promise<string> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Cần vận động', { views: [{ state: 'frozen', ySplit: 4 }] });
  sheet.columns = COLUMNS.map((c) => ({ width: c.width }));
  sheet.addRow([unitName.toUpperCase()]).commit();
  const title = sheet.addRow([
    `DANH SÁCH ĐỐI TƯỢNG CÒN NHẬN TIỀN MẶT CẦN VẬN ĐỘNG CHUYỂN KHOẢN — THÁNG ${formatMonthVi(month)}`,
  ]);
  title.font = { bold: true };
  title.commit();
  sheet.addRow([neighbourhood ? `Khu phố: ${neighbourhood}` : '']).commit();
  const header = sheet.addRow(COLUMNS.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  for (const [i, e] of rows.entries()) {
    const row = sheet.addRow(COLUMNS.map((c) => c.value(e, i)));
    for (const col of TEXT_COLUMNS) row.getCell(col).numFmt = '@';
    row.commit();
    if ((i + 1) % CHUNK === 0) await onChunk(i + 1);
  }
  const total = sheet.addRow(['', `Tổng cộng: ${rows.length} người`]);
  total.font = { bold: true };
  total.commit();
  sheet.commit();
  await workbook.commit();
  await done;
  return Buffer.concat(chunks).toString('base64');
}
