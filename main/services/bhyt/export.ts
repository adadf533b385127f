import type { ChannelOutput } from '@shared/api/contract';
import type { Content } from 'pdfmake/interfaces';
import type { z } from 'zod';
import type { HandlerContext } from '../../api/context';
import {
  BHYT_SECTION_TITLES,
  type BhytChange,
  type BhytListRow,
  type BhytMonthList,
  type bhytExportSchema,
} from '@shared/api/bhyt';
import type { ExportFilesResult, WrittenFile } from '@shared/api/payroll-files';
import type { OfficeSettings } from '@shared/api/settings';
import { formatMonthVi } from '@shared/domain/dates';
import { auditedWrite, startJob, yieldToEventLoop } from '../../jobs';
import {
  A4_LANDSCAPE,
  chairmanSignature,
  dataTable,
  documentDefinition,
  heading,
  officeNames,
  renderPdf,
  signatureRow,
  title,
} from '../../documents';
import { getOfficeSettings } from '../settings';
import { today } from '../clock';
import { writeFilesSafely } from '../files/write';
import { letterheadListSheet, memoryWorkbook } from '../payroll-files/xlsx-stream';
import { bhytMonthList } from './list';

// The month's BHYT list as landscape PDF (Decree 30 heading, signed by the officer and the chairman) or
// xlsx, in three sections: cards to start, to end, to change. A job like the other exports: made in
// memory, then downloaded or written to the chosen folder through the safe writer; audited with the
// counts, never the data.

type Input = z.output<typeof bhytExportSchema>;

const SECTIONS: BhytChange[] = ['start', 'end', 'change'];
const HEADERS = [
  'STT',
  'Họ và tên',
  'Ngày sinh',
  'Giới tính',
  'Số CCCD',
  'Mã số BHXH',
  'Khu phố',
  'Diện hưởng tháng trước',
  'Diện hưởng trong tháng',
  'Lý do',
];
const WIDTHS: Array<number | '*'> = [22, 100, 52, 36, 70, 58, 60, 110, 110, '*'];
const XLSX_WIDTHS = [6, 26, 12, 9, 15, 13, 14, 34, 34, 40];

const cells = (r: BhytListRow): string[] => [
  '',
  r.fullName,
  r.birthText,
  r.gender === 'male' ? 'Nam' : r.gender === 'female' ? 'Nữ' : '',
  r.citizenId ?? '',
  r.bhxhNumber,
  r.neighbourhood,
  r.groupBefore,
  r.groupAfter,
  r.reason,
];

export const bhytListTitle = (month: string) =>
  `DANH SÁCH ĐỀ NGHỊ CẤP, THU HỒI, ĐIỀU CHỈNH THẺ BẢO HIỂM Y TẾ — THÁNG ${formatMonthVi(month)}`;
const SUMMARY =
  'Đối tượng được ngân sách nhà nước đóng bảo hiểm y tế (bảo trợ xã hội, người có công, trợ cấp hưu trí xã hội)';

export async function renderBhytPdf(
  office: OfficeSettings,
  list: BhytMonthList,
  date: string,
): Promise<{ content: Buffer; pages: number }> {
  const o = officeNames(office);
  const section = (kind: BhytChange): Content[] => {
    const rows = list[kind];
    return [
      { text: `${BHYT_SECTION_TITLES[kind]}: ${rows.length} người`, bold: true, margin: [0, 10, 0, 4] },
      rows.length === 0
        ? { text: 'Không có.', italics: true }
        : dataTable<BhytListRow>({
            columns: HEADERS.map((header, i) => ({
              header,
              width: WIDTHS[i]!,
              align: i === 0 || i === 2 || i === 3 ? 'center' : 'left',
              value: (r, index) => (i === 0 ? String(index + 1) : cells(r)[i]!),
            })),
            rows,
            fontSize: 8,
          }),
    ];
  };
  const content: Content[] = [
    heading({ page: A4_LANDSCAPE, office: o, date }),
    title(bhytListTitle(list.month), SUMMARY),
    { text: `Kính gửi: Cơ quan Bảo hiểm xã hội (đơn vị lập danh sách: ${o.committee}).`, margin: [0, 0, 0, 6] },
    ...SECTIONS.flatMap(section),
    signatureRow(
      [{ titles: ['Người lập biểu'], hint: '(Ký, ghi rõ họ tên)', name: o.officer }, null, chairmanSignature(o)],
      [0, 12, 0, 0],
      A4_LANDSCAPE.contentWidth,
    ),
  ];
  const pdf = await renderPdf(documentDefinition({ page: A4_LANDSCAPE, title: bhytListTitle(list.month), content }));
  return { content: pdf.buffer, pages: pdf.pages };
}

export async function writeBhytWorkbook(office: OfficeSettings, list: BhytMonthList): Promise<Buffer> {
  const { workbook, finish } = memoryWorkbook();
  const { sheet, bold } = letterheadListSheet(workbook, 'BHYT', XLSX_WIDTHS, office, bhytListTitle(list.month));
  sheet.addRow([SUMMARY]).commit();
  for (const kind of SECTIONS) {
    sheet.addRow([]).commit();
    bold([`${BHYT_SECTION_TITLES[kind]}: ${list[kind].length} người`]);
    bold(HEADERS);
    list[kind].forEach((r, i) => {
      const values: Array<string | number> = cells(r);
      values[0] = i + 1;
      sheet.addRow(values).commit();
    });
    if (!list[kind].length) sheet.addRow(['', 'Không có.']).commit();
  }
  sheet.addRow([]).commit();
  bold(['', 'Người lập biểu', '', '', '', '', '', '', 'TM. ỦY BAN NHÂN DÂN']);
  bold(['', '', '', '', '', '', '', '', 'CHỦ TỊCH']);
  sheet.addRow([]).commit();
  sheet.addRow([]).commit();
  bold(['', office.officerName, '', '', '', '', '', '', office.chairmanName]);
  sheet.commit();
  return finish();
}

const MIME = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export function startBhytExport(ctx: HandlerContext, input: Input): ChannelOutput<'bhyt.exportList'> {
  const { store, user, now } = ctx;
  const office = getOfficeSettings(ctx);
  const folder = input.folder?.trim() || undefined;
  const jobId = startJob('bhyt.exportList', 'Đang lập danh sách BHYT…', async (progress, signal) => {
    progress(0, 3);
    const list = bhytMonthList(store, input.month);
    progress(1, 3, 'Đang dựng tệp…');
    await yieldToEventLoop();
    signal.throwIfCancelled();
    const content =
      input.format === 'pdf'
        ? (await renderBhytPdf(office, list, today(now))).content
        : await writeBhytWorkbook(office, list);
    signal.throwIfCancelled();
    const fileName = `bhyt_${input.month}.${input.format}`;
    const count = list.start.length + list.end.length + list.change.length;
    let result: ExportFilesResult;
    progress(2, 3, folder ? 'Đang ghi tệp vào thư mục…' : undefined);
    if (folder) {
      const [w] = await writeFilesSafely(folder, [{ name: fileName, data: content }]);
      const file: WrittenFile = {
        key: `bhyt-${input.format}`,
        fileName: w!.name,
        path: w!.path,
        bytes: w!.bytes,
        count,
        totalVnd: 0,
      };
      result = { destination: 'folder', folder, files: [file] };
    } else {
      result = {
        destination: 'download',
        fileName,
        contentBase64: content.toString('base64'),
        mimeType: MIME[input.format],
        count,
        totalVnd: 0,
      };
    }
    const detail = {
      month: input.month,
      format: input.format,
      destination: folder ? 'folder' : 'download',
      ...(folder ? { folder } : {}),
      start: list.start.length,
      end: list.end.length,
      change: list.change.length,
    };
    auditedWrite(store, user, now, (audit) => audit({ action: 'bhyt.exportList', entity: 'bhyt_list', detail }));
    progress(3, 3);
    return result;
  });
  return { jobId };
}
