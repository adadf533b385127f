import type { ChannelOutput } from '@shared/api/contract';
import type { Content } from 'pdfmake/interfaces';
import type { HandlerContext } from '../../api/context';
import type { ArrearsList, ArrearsListRow, HeldListRow, OverpaymentListRow } from '@shared/api/ledger';
import type { ArrearsListExportInput } from '@shared/api/ledger-files';
import type { ExportFilesResult, WrittenFile } from '@shared/api/payroll-files';
import type { OfficeSettings } from '@shared/api/settings';
import type { z } from 'zod';
import type { arrearsListExportSchema } from '@shared/api/ledger-files';
import {
  HELD_STATUS_LABELS,
  LEDGER_COMPONENT_LABELS,
  OVERPAYMENT_STATUS_LABELS,
  PAYOUT_METHOD_SHORT,
} from '@shared/api/ledger-labels';
import { formatDateVi, formatMonthVi } from '@shared/domain/dates';
import { amountInWords, formatVnd } from '@shared/domain/money';
import { auditedWrite, startJob, yieldToEventLoop } from '../../jobs';
import {
  A4_LANDSCAPE,
  amountInWordsLine,
  chairmanSignature,
  dataTable,
  documentDefinition,
  heading,
  officeNames,
  renderPdf,
  signatureRow,
  title,
} from '../../documents';
import { arrearsList } from '../ledger/list';
import { programmeNames } from './queries';
import { getOfficeSettings } from '../settings';
import { today } from '../clock';
import { writeFilesSafely } from '../files/write';
import { letterheadListSheet, memoryWorkbook } from '../payroll-files/xlsx-stream';

// The ward-wide truy lĩnh / truy thu list of a payroll month (ledger.arrearsList), as landscape PDF or
// xlsx: the arrears lines of the month's payrolls with their period, reason and receiver; the
// overpayments with what is recovered; the money held for heirs not yet named. A job like the payer's
// files: made in memory, then downloaded or written to the chosen folder through the safe writer;
// audited with counts and totals, never the data.

type Input = z.output<typeof arrearsListExportSchema>;

const programmeOf = (names: Map<string, string>, code: string) => names.get(code) ?? code;

interface Section<Row> {
  heading: string;
  headers: string[];
  widths: Array<number | '*'>;
  money: number[];
  cells: (r: Row, names: Map<string, string>) => Array<string | number>;
}

const ARREARS: Section<ArrearsListRow> = {
  heading: 'I. TRUY LĨNH (chi bổ sung cho các tháng trước)',
  headers: [
    'STT',
    'Họ và tên',
    'Khu phố',
    'Chế độ',
    'Từ tháng',
    'Đến tháng',
    'Số tháng',
    'Số tiền',
    'Lý do',
    'Người nhận',
    'Hình thức',
    'Bảng chi trả',
  ],
  widths: [20, 90, 60, 80, 40, 40, 30, 56, '*', 80, 44, 50],
  money: [7],
  cells: (r, names) => [
    '',
    r.fullName,
    r.neighbourhood,
    programmeOf(names, r.programme),
    formatMonthVi(r.fromMonth),
    formatMonthVi(r.toMonth),
    r.months,
    r.amountVnd,
    r.reasonText,
    r.receiverName,
    PAYOUT_METHOD_SHORT[r.method] ?? r.method,
    r.payrollStatus === 'approved' ? 'Đã phê duyệt' : 'Dự thảo',
  ],
};

const OVERPAID: Section<OverpaymentListRow> = {
  heading: 'II. TRUY THU (đã chi thừa, phải thu hồi)',
  headers: [
    'STT',
    'Họ và tên',
    'Khu phố',
    'Khoản',
    'Từ tháng',
    'Đến tháng',
    'Số tháng',
    'Chi thừa',
    'Đã thu hồi',
    'Còn phải thu',
    'Lý do',
    'Tình trạng',
  ],
  widths: [20, 90, 60, 80, 40, 40, 30, 52, 52, 52, '*', 70],
  money: [7, 8, 9],
  cells: (r) => [
    '',
    r.fullName,
    r.neighbourhood,
    LEDGER_COMPONENT_LABELS[r.component],
    formatMonthVi(r.fromMonth),
    formatMonthVi(r.toMonth),
    r.months,
    r.amountVnd,
    r.recoveredVnd,
    r.openVnd,
    r.reasonText,
    OVERPAYMENT_STATUS_LABELS[r.status],
  ],
};

const HELD: Section<HeldListRow> = {
  heading: 'III. TIỀN CỦA NGƯỜI ĐÃ MẤT GIỮ LẠI, CHỜ NGƯỜI THỪA KẾ',
  headers: [
    'STT',
    'Họ và tên',
    'Khu phố',
    'Ngày mất',
    'Khoản',
    'Từ tháng',
    'Đến tháng',
    'Số tháng',
    'Số tiền',
    'Tình trạng',
  ],
  widths: [20, 100, 70, 52, 100, 40, 40, 30, 60, '*'],
  money: [8],
  cells: (r) => [
    '',
    r.fullName,
    r.neighbourhood,
    r.deathDate ? formatDateVi(r.deathDate) : '',
    LEDGER_COMPONENT_LABELS[r.component],
    formatMonthVi(r.fromMonth),
    formatMonthVi(r.toMonth),
    r.months,
    r.amountVnd,
    HELD_STATUS_LABELS[r.status],
  ],
};

function totalsOf<Row>(
  section: Section<Row>,
  rows: readonly Row[],
  names: Map<string, string>,
): Array<string | number> {
  const cells: Array<string | number> = section.headers.map(() => '');
  cells[1] = `Cộng: ${rows.length}`;
  for (const c of section.money) cells[c] = rows.reduce((s, r) => s + (section.cells(r, names)[c] as number), 0);
  return cells;
}

export const arrearsListTitle = (month: string) => `DANH SÁCH TRUY LĨNH, TRUY THU — THÁNG ${formatMonthVi(month)}`;

export async function renderArrearsPdf(
  office: OfficeSettings,
  list: ArrearsList,
  names: Map<string, string>,
  date: string,
): Promise<{ content: Buffer; pages: number }> {
  const o = officeNames(office);
  const table = <Row>(section: Section<Row>, rows: readonly Row[]): Content[] => {
    const text = (v: string | number, i: number) =>
      typeof v === 'number' ? (section.money.includes(i) ? formatVnd(v) : String(v)) : v;
    const body = rows.map((r) => section.cells(r, names));
    return [
      { text: section.heading, bold: true, margin: [0, 10, 0, 4] },
      rows.length === 0
        ? { text: 'Không có.', italics: true }
        : dataTable<Array<string | number>>({
            columns: section.headers.map((header, i) => ({
              header,
              width: section.widths[i]!,
              align: section.money.includes(i) ? 'right' : i === 0 || (i >= 4 && i <= 6) ? 'center' : 'left',
              value: (cells, index) => (i === 0 ? String(index + 1) : text(cells[i]!, i)),
            })),
            rows: body,
            fontSize: 8,
            total: totalsOf(section, rows, names).map((v, i) => text(v, i)),
          }),
    ];
  };
  const content: Content[] = [
    heading({ page: A4_LANDSCAPE, office: o, date }),
    title(arrearsListTitle(list.month), 'Các khoản chi bổ sung, chi thừa và tiền giữ lại theo sổ theo dõi chi trả'),
    ...table(ARREARS, list.arrears),
    ...(list.arrears.length ? [amountInWordsLine(list.totals.arrearsVnd, 'Tổng số tiền truy lĩnh bằng chữ')] : []),
    ...table(OVERPAID, list.overpayments),
    ...(list.overpayments.length
      ? [amountInWordsLine(list.totals.overpaidOpenVnd, 'Tổng số tiền còn phải thu hồi bằng chữ')]
      : []),
    ...table(HELD, list.held),
    ...(list.held.length ? [amountInWordsLine(list.totals.heldVnd, 'Tổng số tiền giữ lại bằng chữ')] : []),
    signatureRow(
      [
        { titles: ['Người lập biểu'], hint: '(Ký, ghi rõ họ tên)', name: o.officer },
        { titles: ['Kế toán'], hint: '(Ký, ghi rõ họ tên)', name: '' },
        chairmanSignature(o),
      ],
      [0, 12, 0, 0],
      A4_LANDSCAPE.contentWidth,
    ),
  ];
  const pdf = await renderPdf(documentDefinition({ page: A4_LANDSCAPE, title: arrearsListTitle(list.month), content }));
  return { content: pdf.buffer, pages: pdf.pages };
}

export async function writeArrearsWorkbook(
  office: OfficeSettings,
  list: ArrearsList,
  names: Map<string, string>,
): Promise<Buffer> {
  const { workbook, finish } = memoryWorkbook();
  const { sheet, bold } = letterheadListSheet(
    workbook,
    'Truy linh - truy thu',
    [6, 26, 16, 26, 10, 10, 8, 14, 14, 30, 22, 14],
    office,
    arrearsListTitle(list.month),
  );
  const section = <Row>(s: Section<Row>, rows: readonly Row[], words: [string, number] | null) => {
    sheet.addRow([]).commit();
    bold([s.heading]);
    bold(s.headers);
    rows.forEach((r, i) => {
      const cells = s.cells(r, names);
      cells[0] = i + 1;
      const row = sheet.addRow(cells);
      for (const c of s.money) row.getCell(c + 1).numFmt = '#,##0';
      row.commit();
    });
    const total = sheet.addRow(totalsOf(s, rows, names));
    total.font = { bold: true };
    for (const c of s.money) total.getCell(c + 1).numFmt = '#,##0';
    total.commit();
    if (words && rows.length) sheet.addRow([`${words[0]}: ${amountInWords(words[1])}.`]).commit();
  };
  section(ARREARS, list.arrears, ['Tổng số tiền truy lĩnh bằng chữ', list.totals.arrearsVnd]);
  section(OVERPAID, list.overpayments, ['Tổng số tiền còn phải thu hồi bằng chữ', list.totals.overpaidOpenVnd]);
  section(HELD, list.held, ['Tổng số tiền giữ lại bằng chữ', list.totals.heldVnd]);
  sheet.addRow([]).commit();
  bold(['', 'Người lập biểu', '', 'Kế toán', '', '', '', '', '', 'TM. ỦY BAN NHÂN DÂN']);
  bold(['', '', '', '', '', '', '', '', '', 'CHỦ TỊCH']);
  sheet.addRow([]).commit();
  sheet.addRow([]).commit();
  bold(['', office.officerName, '', '', '', '', '', '', '', office.chairmanName]);
  sheet.commit();
  return finish();
}

const MIME = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export function startArrearsListExport(ctx: HandlerContext, input: Input): ChannelOutput<'ledgerFiles.arrearsList'> {
  const { store, user, now } = ctx;
  const office = getOfficeSettings(ctx);
  const folder = input.folder?.trim() || undefined;
  const jobId = startJob(
    'ledgerFiles.arrearsList',
    'Đang lập danh sách truy lĩnh, truy thu…',
    async (progress, signal) => {
      progress(0, 3);
      const list = arrearsList({ ...ctx, store, user, now }, input.month);
      const names = new Map(programmeNames(store).map((p) => [p.code, p.name_vi]));
      progress(1, 3, 'Đang dựng tệp…');
      await yieldToEventLoop();
      signal.throwIfCancelled();
      const content =
        input.format === 'pdf'
          ? (await renderArrearsPdf(office, list, names, today(now))).content
          : await writeArrearsWorkbook(office, list, names);
      signal.throwIfCancelled();
      const fileName = `truy-linh-truy-thu_${input.month}.${input.format}`;
      const count = list.arrears.length + list.overpayments.length + list.held.length;
      const totalVnd = list.totals.arrearsVnd;
      let result: ExportFilesResult;
      progress(2, 3, folder ? 'Đang ghi tệp vào thư mục…' : undefined);
      if (folder) {
        const [w] = await writeFilesSafely(folder, [{ name: fileName, data: content }]);
        const file: WrittenFile = {
          key: `arrears-${input.format}`,
          fileName: w!.name,
          path: w!.path,
          bytes: w!.bytes,
          count,
          totalVnd,
        };
        result = { destination: 'folder', folder, files: [file] };
      } else {
        result = {
          destination: 'download',
          fileName,
          contentBase64: content.toString('base64'),
          mimeType: MIME[input.format],
          count,
          totalVnd,
        };
      }
      const detail = {
        month: input.month,
        format: input.format,
        destination: folder ? 'folder' : 'download',
        ...(folder ? { folder } : {}),
        arrears: { count: list.totals.arrearsCount, totalVnd: list.totals.arrearsVnd },
        overpayments: { count: list.totals.overpaymentCount, openVnd: list.totals.overpaidOpenVnd },
        held: { count: list.totals.heldCount, totalVnd: list.totals.heldVnd },
      };
      auditedWrite(store, user, now, (audit) =>
        audit({ action: 'ledgerFiles.arrearsList', entity: 'payroll', detail }),
      );
      progress(3, 3);
      return result;
    },
  );
  return { jobId };
}

export type { ArrearsListExportInput };
