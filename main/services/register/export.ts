import type { ChannelOutput } from '@shared/api/contract';
import ExcelJS from 'exceljs';
import { schemaVersionOf } from '../../db/migrate';
import { PassThrough } from 'node:stream';
import type { HandlerContext } from '../../api/context';
import type { PersonRow, SearchInput } from '@shared/api/register';
import { formatMonthVi } from '@shared/domain/dates';
import { METHOD_LABELS, PERSON_STATUS_LABELS } from '@shared/domain/labels';
import { currentMonth } from '../clock';
import { getOfficeSettings } from '../settings';
import { searchPeople } from './search';
import { finishSummaryRefresh } from './summary';
import { auditedWrite, startJob, yieldToEventLoop } from '../../jobs';
import { ApiError } from '@shared/api/errors';
import { isProtectedGroup, PROTECTED_FILTER_ROLES } from '@shared/domain/masking';
import { encryptBuffer } from '../backup/format';
import { checkProtectedFilter, maskIdsInText } from './sensitive';

// The register (under the list's current filter) back to xlsx, in the shape wards keep: title rows, a
// header, one row per person, a total row. Written with exceljs's streaming writer (fast and lean at
// 100,000 rows); citizen IDs and phones as text so leading zeros survive. Every value is written as a
// string or number cell, never as a formula: text starting with = + - @ (refused in new input, but
// possibly in older data) stays inert text in Excel and LibreOffice.
//
// Issue 12: the file carries full citizen IDs, so it is encrypted by default (the .sasbak format of
// backups, backup/format.ts); a file in clear needs the explicit `clear` choice, audited. Protected groups
// are blank unless `includeProtectedGroups` (officer only, audited).

/** 1-based column of the monthly amount, formatted as a number. */
const AMOUNT_COLUMN = 11;

const COLUMNS: Array<{ header: string; width: number; value: (p: PersonRow, i: number) => string | number }> = [
  { header: 'STT', width: 6, value: (_p, i) => i + 1 },
  { header: 'Họ và tên', width: 26, value: (p) => p.fullName },
  { header: 'Ngày sinh', width: 12, value: (p) => p.birthText },
  { header: 'Giới tính', width: 9, value: (p) => (p.gender === 'male' ? 'Nam' : p.gender === 'female' ? 'Nữ' : '') },
  { header: 'Số định danh', width: 15, value: (p) => p.citizenId ?? '' },
  { header: 'Khu phố', width: 14, value: (p) => p.neighbourhood },
  { header: 'Điện thoại', width: 13, value: (p) => p.phone },
  { header: 'Chế độ', width: 12, value: (p) => p.programmes.join(', ') },
  { header: 'Nhóm đối tượng', width: 14, value: (p) => p.groupCodes.join(', ') }, // protected ones removed before (blankProtected)
  { header: 'Hình thức nhận', width: 18, value: (p) => (p.method ? (METHOD_LABELS[p.method] ?? p.method) : '') },
  { header: 'Mức hưởng/tháng (đồng)', width: 16, value: (p) => p.monthlyVnd },
  { header: 'Trạng thái', width: 12, value: (p) => PERSON_STATUS_LABELS[p.status] ?? p.status },
];

/** All matching people in one pass (the search's walk reads the whole ordered index at most once). */
const ALL = 10_000_000;
/** Rows written between two progress reports / cancel checks. */
const CHUNK = 2_000;

/**
 * Starts the export as a job (jobs.get: progress and the file; jobs.cancel): at 100,000 people exceljs
 * needs a few seconds. It writes nothing to the register; its one write is the audit entry at the end,
 * saying what was exported (counts, not the data), so a cancelled export leaves no trace but the file
 * it never produced.
 */
export interface RegisterExportInput extends Omit<SearchInput, 'limit' | 'offset'> {
  passphrase: string;
  clear: boolean;
  includeProtectedGroups: boolean;
}

const blankProtected = (p: PersonRow): PersonRow => ({
  ...p,
  groupCodes: p.groupCodes.filter((g) => !isProtectedGroup(g)),
});

export function startRegisterExport(ctx: HandlerContext, input: RegisterExportInput): ChannelOutput<'register.export'> {
  const { store, user, now } = ctx;
  const { passphrase, clear, includeProtectedGroups, ...filters } = input;
  const filteredProtected = checkProtectedFilter(ctx, filters.groupCode, 'register.export');
  if (includeProtectedGroups && !(user.role && PROTECTED_FILTER_ROLES.includes(user.role))) {
    ctx.auditRead?.({
      action: 'access.denied',
      entity: 'api',
      detail: { channel: 'register.export', role: user.role, option: 'includeProtectedGroups' },
    });
    throw new ApiError('FORBIDDEN', 'Chỉ cán bộ chính sách được xuất kèm các nhóm đối tượng không hiển thị.');
  }
  const month = currentMonth(now);
  const office = getOfficeSettings(ctx);
  const appVersion = ctx.app.appVersion;
  const jobId = startJob('register.export', 'Đang lập danh sách…', async (progress, signal) => {
    finishSummaryRefresh(store); // the filters and columns read this month's summary
    const found = searchPeople(store, { ...filters, limit: ALL, offset: 0 }).rows;
    const rows = includeProtectedGroups ? found : found.map(blankProtected);
    progress(0, rows.length, `Đang ghi ${rows.length.toLocaleString('vi-VN')} người vào tệp…`);
    await yieldToEventLoop();
    signal.throwIfCancelled();
    const made = `Sổ An Sinh ${ctx.app.build.appVersion} (đóng gói ngày ${ctx.app.build.buildDate}; lược đồ dữ liệu số ${schemaVersionOf(store.sqlite)})`;
    const file = await writeWorkbook(office.unitName, month, filters.text ?? '', rows, made, async (done) => {
      progress(done, rows.length);
      await yieldToEventLoop();
      signal.throwIfCancelled();
    });
    const fileName = `so-doi-tuong-${month}.xlsx`;
    const content = clear
      ? file.content
      : await encryptBuffer(file.content, passphrase, { createdAt: now.toISOString(), appVersion });
    signal.throwIfCancelled();
    auditedWrite(store, user, now, (audit) => {
      const logged = { ...filters, text: maskIdsInText(filters.text) }; // an ID typed in the search stays masked
      audit({
        action: 'register.export',
        entity: 'export',
        detail: {
          rows: file.count,
          totalVnd: file.totalVnd,
          filters: logged,
          encrypted: !clear,
          includeProtectedGroups,
        },
      });
      if (clear)
        audit({
          action: 'sensitive.exportClear',
          entity: 'export',
          detail: { export: 'register.export', rows: file.count },
        });
      if (includeProtectedGroups)
        audit({
          action: 'sensitive.exportProtectedGroups',
          entity: 'export',
          detail: { export: 'register.export', rows: file.count },
        });
      if (filteredProtected)
        audit({
          action: 'sensitive.groupFilter',
          entity: 'export',
          detail: { export: 'register.export', groupCode: filters.groupCode, rows: file.count },
        });
    });
    return {
      fileName: clear ? fileName : `${fileName}.sasbak`,
      contentBase64: content.toString('base64'),
      count: file.count,
      totalVnd: file.totalVnd,
      encrypted: !clear,
    };
  });
  return { jobId };
}

async function writeWorkbook(
  unitName: string,
  month: string,
  text: string,
  people: readonly PersonRow[],
  madeBy: string,
  onChunk: (done: number) => Promise<void>,
): Promise<{ content: Buffer; count: number; totalVnd: number }> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  // The file's properties say which app version, build and register schema wrote it.
  workbook.creator = 'Sổ An Sinh';
  workbook.description = madeBy;
  const sheet = workbook.addWorksheet('Sổ đối tượng', { views: [{ state: 'frozen', ySplit: 4 }] });
  sheet.columns = COLUMNS.map((c) => ({ width: c.width }));
  sheet.addRow([unitName.toUpperCase()]).commit();
  const title = sheet.addRow([`DANH SÁCH ĐỐI TƯỢNG HƯỞNG TRỢ CẤP — THÁNG ${formatMonthVi(month)}`]);
  title.font = { bold: true };
  title.commit();
  sheet.addRow([text ? `Tìm: «${text}»` : '']).commit();
  const header = sheet.addRow(COLUMNS.map((c) => c.header));
  header.font = { bold: true };
  header.commit();

  let totalVnd = 0;
  for (const [i, p] of people.entries()) {
    const row = sheet.addRow(COLUMNS.map((c) => c.value(p, i)));
    row.getCell(AMOUNT_COLUMN).numFmt = '#,##0';
    row.commit();
    totalVnd += p.monthlyVnd;
    if ((i + 1) % CHUNK === 0) await onChunk(i + 1);
  }
  const total = sheet.addRow(['', `Tổng cộng: ${people.length} người`, '', '', '', '', '', '', '', '', totalVnd, '']);
  total.font = { bold: true };
  total.getCell(AMOUNT_COLUMN).numFmt = '#,##0';
  total.commit();
  sheet.commit();
  await workbook.commit();
  await done;
  return { content: Buffer.concat(chunks), count: people.length, totalVnd };
}
