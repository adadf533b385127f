import type { Content } from 'pdfmake/interfaces';
import type { z } from 'zod';
import type { HandlerContext } from '../../api/context';
import type { Store } from '../../db/store';
import { ApiError } from '@shared/api/errors';
import type { ExportFilesResult, WrittenFile } from '@shared/api/payroll-files';
import { upperAscii } from '@shared/api/payroll-files';
import type { roundExportSchema, RoundSummary, RoundView } from '@shared/api/rounds';
import type { OfficeSettings } from '@shared/api/settings';
import { formatDateVi } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import { compareVi } from '@shared/domain/text';
import {
  A4_LANDSCAPE,
  A4_PORTRAIT,
  amountInWordsLine,
  chairmanSignature,
  columnMinWidth,
  dataTable,
  documentDefinition,
  GRID_CELL,
  heading,
  keptClosing,
  mm,
  officeNames,
  renderPdf,
  shareWidths,
  signatureRow,
  tableContentWidth,
  title,
  type OfficeNames,
  type TableColumn,
} from '../../documents';
import { auditedWrite, startJob, yieldToEventLoop } from '../../jobs';
import { today } from '../clock';
import { writeFilesSafely } from '../files/write';
import { writeBankWorkbook } from '../payroll-files/bank-xlsx';
import { shortBankName, type FileLine } from '../payroll-files/lines';
import { LIST_ROW_MM, LIST_SIGN_MIN_MM, LIST_SIGN_MM } from '../payroll-files/pdf';
import { SIGNERS } from '../payroll-files/list-rows';
import { getBankFilesSettings, templateFor } from '../payroll-files/settings';
import { getOfficeSettings } from '../settings';
import { bankFileRows, storedLines, type StoredLine } from './queries';
import { roundSummary } from './service';

// The files of an approved round: the signature list (danh sách ký nhận) for those paid in cash — the
// payroll cash list's layout (Decree 30 heading, landscape A4, the Ký nhận column 38 mm and rows 15 mm
// high for a signature or a thumbprint, the last rows kept with the total in words and the signatures),
// for the whole ward or one section per neighbourhood — the bank file for those paid by account (the
// payroll's bank writer and each bank's template), and the round's summary with the reconciliation of
// the files against the round. Made in memory as a job, then downloaded or written through the safe writer.

const CASH: ReadonlySet<string> = new Set(['CASH_WARD', 'POST_OFFICE']);
const ACCOUNT: ReadonlySet<string> = new Set(['OWN_ACCOUNT', 'AUTHORIZED_ACCOUNT']);

const HEADERS = [
  'STT',
  'Họ và tên',
  'Năm sinh',
  'Số CCCD',
  'Địa chỉ',
  'Đối tượng',
  'Số tiền (đồng)',
  'Người nhận thay (ghi rõ họ tên)',
  'Ký nhận',
  'Ghi chú',
];
const NO_WRAP = new Set([0, 2, 3, 6]);
const SIGN = 8;
const WEIGHTS = [0, 2.5, 0, 0, 4, 3, 0, 1.6, 0, 1.4];
const FONT = 9;

const yearOf = (birthText: string): string => /(\d{4})\s*$/.exec(birthText)?.[1] ?? birthText;

export const signatureListTitle = (round: Pick<RoundView, 'name'>) =>
  `DANH SÁCH KÝ NHẬN — ${round.name.toLocaleUpperCase('vi')}`;
export const basisText = (r: Pick<RoundView, 'basisNumber' | 'basisDate' | 'basisIssuer'>) =>
  `Căn cứ văn bản số ${r.basisNumber} ngày ${formatDateVi(r.basisDate)} của ${r.basisIssuer}`;

function widthsFor(values: string[][], total: string[], fontSize: number): number[] | null {
  const available = tableContentWidth(A4_LANDSCAPE.contentWidth, HEADERS.length);
  for (const signMm of [LIST_SIGN_MM, LIST_SIGN_MIN_MM]) {
    const spec = HEADERS.map((header, i) => {
      const cells = values.map((r) => r[i]!);
      if (i === 6) cells.push(total[6]!);
      return {
        min: i === SIGN ? mm(signMm) : columnMinWidth(header, cells, fontSize, NO_WRAP.has(i)),
        weight: WEIGHTS[i]!,
      };
    });
    const widths = shareWidths(spec, available);
    if (widths) return widths;
  }
  return null;
}

/** One section of the list: its title, the table sized to sign in, and the closing kept with its last rows. */
function section(
  office: OfficeNames,
  round: RoundView,
  lines: readonly StoredLine[],
  where: string,
  keep: string,
  date: string,
  first: boolean,
): Content[] {
  const totalVnd = lines.reduce((s, l) => s + l.amount_vnd, 0);
  const values = lines.map((l, i) => [
    String(i + 1),
    l.full_name,
    yearOf(l.birth_text),
    l.citizen_id ?? '',
    l.address,
    l.group_label,
    formatVnd(l.amount_vnd),
    l.receiver_name ?? '',
    '',
    l.note,
  ]);
  const total = [`Tổng cộng: ${lines.length} người`, '', '', '', '', '', formatVnd(totalVnd), '', '', ''];
  let fontSize = FONT;
  let widths = widthsFor(values, total, fontSize);
  while (!widths && fontSize > 6.5) widths = widthsFor(values, total, (fontSize -= 0.5));
  const right = new Set([6]);
  const centre = new Set([0, 2]);
  const columns: Array<TableColumn<number>> = HEADERS.map((header, i) => ({
    header,
    width: widths?.[i] ?? (i === SIGN ? mm(LIST_SIGN_MIN_MM) : '*'),
    align: right.has(i) ? 'right' : centre.has(i) ? 'center' : 'left',
    noWrap: NO_WRAP.has(i),
    value: (r) => values[r]![i]!,
  }));
  const table = dataTable({
    columns,
    rows: values.map((_v, i) => i),
    numberRow: true,
    total,
    totalSpan: 6,
    fontSize,
    rowHeight: mm(LIST_ROW_MM) - 2 * GRID_CELL.paddingY - GRID_CELL.rule,
    keep: { name: keep, rows: 2 },
  });
  const head = heading({ page: A4_LANDSCAPE, office, date });
  return [
    first ? head : ({ stack: [head], pageBreak: 'before' } as Content),
    title(signatureListTitle(round), `${basisText(round)} · ${where} · Hình thức: tiền mặt`),
    table,
    keptClosing(keep, [
      amountInWordsLine(totalVnd, 'Tổng số tiền bằng chữ'),
      signatureRow(
        [
          { titles: [SIGNERS[0]], hint: '(Ký, ghi rõ họ tên)', name: office.officer },
          { titles: [SIGNERS[1]], hint: '(Ký, ghi rõ họ tên)', name: '' },
          { titles: [SIGNERS[2]], hint: '(Ký, ghi rõ họ tên)', name: '' },
          chairmanSignature(office),
        ],
        [0, 10, 0, 0],
        A4_LANDSCAPE.contentWidth,
      ),
    ]),
  ];
}

/** The signature list of the round's cash lines: one list for the ward, or one section per neighbourhood (each with its total and signatures). */
export async function renderSignatureList(
  office: OfficeSettings,
  round: RoundView,
  lines: readonly StoredLine[],
  listsBy: 'ward' | 'neighbourhood',
  date: string,
): Promise<{ content: Buffer; count: number; totalVnd: number; pages: number; sections: number }> {
  const cash = lines.filter((l) => CASH.has(l.method));
  if (cash.length === 0)
    throw new ApiError('CONFLICT', 'Đợt chi không có ai nhận tiền mặt: không có danh sách ký nhận.');
  const o = officeNames(office);
  const groups: Array<[string, StoredLine[]]> = [];
  if (listsBy === 'ward') groups.push(['Toàn phường/xã', cash]);
  else {
    const by = new Map<string, StoredLine[]>();
    for (const l of cash) by.set(l.neighbourhood_name, [...(by.get(l.neighbourhood_name) ?? []), l]);
    for (const key of [...by.keys()].sort(compareVi))
      groups.push([key ? `Khu phố/tổ dân phố: ${key}` : 'Chưa ghi khu phố', by.get(key)!]);
  }
  const content = groups.flatMap(([where, own], i) => section(o, round, own, where, `round-${i}`, date, i === 0));
  const pdf = await renderPdf(
    documentDefinition({ page: A4_LANDSCAPE, title: signatureListTitle(round), content, keepTogether: true }),
  );
  return {
    content: pdf.buffer,
    count: cash.length,
    totalVnd: cash.reduce((s, l) => s + l.amount_vnd, 0),
    pages: pdf.pages,
    sections: groups.length,
  };
}

function fileLines(store: Store, lines: readonly StoredLine[], round: RoundView): FileLine[] {
  const banks = new Map(bankFileRows(store).map((b) => [b.code, b]));
  const content = upperAscii(round.name);
  return lines.map((l, i) => ({
    id: l.id,
    payrollId: 0,
    programme: l.programme_code,
    kind: 'other',
    personId: l.person_id,
    fullName: l.full_name,
    birthText: l.birth_text,
    citizenId: l.citizen_id,
    neighbourhood: l.neighbourhood_name,
    address: l.address,
    groupCode: l.group_code,
    groupLabel: l.group_label,
    coefficientMilli: null,
    standardVnd: null,
    amountVnd: l.amount_vnd,
    method: l.method,
    bankCode: l.bank_code,
    bankName: shortBankName(banks.get(l.bank_code ?? '')?.name ?? l.bank_code ?? ''),
    napasBin: banks.get(l.bank_code ?? '')?.napas ?? '',
    branch: l.branch ?? '',
    accountNumber: l.account_number,
    holderName: l.holder_name,
    receiverName: l.receiver_name,
    attention: '',
    content,
    order: i,
  }));
}

/** The bank workbooks of the round's account lines with a bank and a number, one per bank. */
export async function renderBankFiles(
  ctx: Pick<HandlerContext, 'store'>,
  office: OfficeSettings,
  round: RoundView,
  lines: readonly StoredLine[],
  bankCode: string | undefined,
): Promise<Array<{ bankCode: string; fileName: string; content: Buffer; count: number; totalVnd: number }>> {
  const paid = fileLines(
    ctx.store,
    lines.filter((l) => ACCOUNT.has(l.method) && l.bank_code && l.account_number),
    round,
  );
  const codes = [...new Set(paid.map((l) => l.bankCode!))].sort();
  const chosen = bankCode ? codes.filter((c) => c === bankCode) : codes;
  if (chosen.length === 0)
    throw new ApiError(
      'CONFLICT',
      bankCode
        ? 'Đợt chi không có ai nhận qua ngân hàng này.'
        : 'Đợt chi không có ai nhận qua tài khoản: không có tệp ngân hàng.',
    );
  const settings = getBankFilesSettings(ctx);
  const out = [];
  for (const code of chosen) {
    const own = paid.filter((l) => l.bankCode === code);
    const made = await writeBankWorkbook(
      templateFor(settings, code),
      {
        unitName: office.unitName,
        month: round.roundDate.slice(0, 7),
        bankName: own[0]!.bankName,
        programmeLabel: round.name,
      },
      own,
    );
    out.push({
      bankCode: code,
      fileName: `dot-chi-${round.id}-ngan-hang-${code.toLowerCase()}.xlsx`,
      content: made.content,
      count: made.count,
      totalVnd: made.totalVnd,
    });
  }
  return out;
}

/** The round's summary (portrait): by rule, by payout method, and the files against the round's total. */
export async function renderSummary(
  office: OfficeSettings,
  s: RoundSummary,
  date: string,
): Promise<{ content: Buffer; pages: number }> {
  const o = officeNames(office);
  const r = s.round;
  const rows = (list: RoundSummary['byRule']) =>
    list.map((x) => ({ label: x.label, count: String(x.count), amount: formatVnd(x.amountVnd) }));
  const table = (header: string, list: RoundSummary['byRule'], keep?: string) =>
    dataTable<{ label: string; count: string; amount: string }>({
      columns: [
        { header, width: '*', value: (x) => x.label },
        { header: 'Số người', width: 50, align: 'right', noWrap: true, value: (x) => x.count },
        {
          header: 'Số tiền (đồng)',
          width: Math.max(80, columnMinWidth('Số tiền (đồng)', [formatVnd(r.totalVnd)], 10, true)),
          align: 'right',
          noWrap: true,
          value: (x) => x.amount,
        },
      ],
      rows: rows(list),
      fontSize: 10,
      total: ['Tổng cộng', String(r.lineCount), formatVnd(r.totalVnd)],
      ...(keep ? { keep: { name: keep, rows: 2 } } : {}),
    });
  const files = [
    {
      key: 'list',
      label: 'Danh sách ký nhận (tiền mặt tại phường, bưu điện)',
      count: s.signatureList.count,
      amountVnd: s.signatureList.totalVnd,
    },
    ...s.banks.map((b) => ({
      key: b.bankCode,
      label: `Tệp chuyển khoản ${b.bankName}`,
      count: b.count,
      amountVnd: b.totalVnd,
    })),
    ...(s.missingAccount.count
      ? [
          {
            key: 'missing',
            label: 'Chuyển khoản thiếu số tài khoản (chưa có trong tệp)',
            count: s.missingAccount.count,
            amountVnd: s.missingAccount.totalVnd,
          },
        ]
      : []),
  ];
  const titleText = `BẢNG TỔNG HỢP ĐỢT CHI — ${r.name.toLocaleUpperCase('vi')}`;
  const content: Content[] = [
    heading({ page: A4_PORTRAIT, office: o, date }),
    title(titleText, `${basisText(r)} · Ngày chi: ${formatDateVi(r.roundDate)}`),
    table('Theo nhóm người nhận', s.byRule),
    { text: '', margin: [0, 8, 0, 0] },
    table('Theo hình thức chi trả', s.byMethod),
    { text: '', margin: [0, 8, 0, 0] },
    table('Đối chiếu với các tệp chi trả (bằng tổng đợt chi đã phê duyệt)', files, 'summary'),
    keptClosing('summary', [
      amountInWordsLine(r.totalVnd, 'Tổng số tiền bằng chữ'),
      signatureRow(
        [
          { titles: [SIGNERS[0]], hint: '(Ký, ghi rõ họ tên)', name: o.officer },
          { titles: [SIGNERS[1]], hint: '(Ký, ghi rõ họ tên)', name: '' },
          chairmanSignature(o),
        ],
        [0, 12, 0, 0],
        A4_PORTRAIT.contentWidth,
      ),
    ]),
  ];
  const pdf = await renderPdf(documentDefinition({ page: A4_PORTRAIT, title: titleText, content, keepTogether: true }));
  return { content: pdf.buffer, pages: pdf.pages };
}

const MIME = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export function startRoundExport(ctx: HandlerContext, input: z.output<typeof roundExportSchema>): { jobId: string } {
  const { store, user, now } = ctx;
  const summary = roundSummary(store, input.roundId);
  if (summary.round.review !== 'approved')
    throw new ApiError(
      'CONFLICT',
      'Đợt chi chưa được phê duyệt: chỉ lập danh sách ký nhận và tệp ngân hàng từ đợt đã phê duyệt.',
    );
  const folder = input.folder?.trim() || undefined;
  if (input.kind === 'bank-xlsx' && !folder && !input.bankCode && summary.banks.length > 1) {
    throw new ApiError(
      'INVALID_INPUT',
      'Đợt chi có người nhận qua nhiều ngân hàng: chọn một ngân hàng để tải về, hoặc ghi tất cả vào một thư mục.',
    );
  }
  const office = getOfficeSettings(ctx);
  const jobId = startJob('rounds.export', 'Đang lập tệp đợt chi…', async (progress, signal) => {
    progress(0, 3);
    const lines = storedLines(store, input.roundId);
    const round = summary.round;
    const date = today(now);
    await yieldToEventLoop();
    signal.throwIfCancelled();
    let made: Array<{
      fileName: string;
      content: Buffer;
      count: number;
      totalVnd: number;
      mime: string;
      bankCode?: string;
    }>;
    let pages = 0;
    let sections = 0;
    if (input.kind === 'signature-pdf') {
      const list = await renderSignatureList(office, round, lines, input.listsBy, date);
      pages = list.pages;
      sections = list.sections;
      made = [
        {
          fileName: `ds-ky-nhan-dot-chi-${round.id}${input.listsBy === 'neighbourhood' ? '-theo-khu-pho' : ''}.pdf`,
          content: list.content,
          count: list.count,
          totalVnd: list.totalVnd,
          mime: MIME.pdf,
        },
      ];
      if (list.totalVnd !== summary.signatureList.totalVnd)
        throw new Error(
          `signature list total ${list.totalVnd} differs from the round's cash ${summary.signatureList.totalVnd}`,
        );
    } else if (input.kind === 'bank-xlsx') {
      made = (await renderBankFiles(ctx, office, round, lines, input.bankCode)).map((f) => ({ ...f, mime: MIME.xlsx }));
    } else {
      const pdf = await renderSummary(office, summary, date);
      pages = pdf.pages;
      made = [
        {
          fileName: `tong-hop-dot-chi-${round.id}.pdf`,
          content: pdf.content,
          count: round.lineCount,
          totalVnd: round.totalVnd,
          mime: MIME.pdf,
        },
      ];
    }
    signal.throwIfCancelled();
    progress(2, 3, folder ? 'Đang ghi tệp vào thư mục…' : undefined);
    let result: ExportFilesResult;
    if (folder) {
      const written = await writeFilesSafely(
        folder,
        made.map((f) => ({ name: f.fileName, data: f.content })),
      );
      const files: WrittenFile[] = written.map((w, i) => ({
        key: `${input.kind}-${i}`,
        fileName: w.name,
        path: w.path,
        bytes: w.bytes,
        count: made[i]!.count,
        totalVnd: made[i]!.totalVnd,
      }));
      result = { destination: 'folder', folder, files };
    } else {
      const f = made[0]!;
      result = {
        destination: 'download',
        fileName: f.fileName,
        contentBase64: f.content.toString('base64'),
        mimeType: f.mime,
        count: f.count,
        totalVnd: f.totalVnd,
      };
    }
    auditedWrite(store, user, now, (audit) =>
      audit({
        action: 'round.export',
        entity: 'round',
        entityId: input.roundId,
        detail: {
          kind: input.kind,
          destination: folder ? 'folder' : 'download',
          ...(folder ? { folder } : {}),
          files: made.map((f) => ({
            count: f.count,
            totalVnd: f.totalVnd,
            ...(f.bankCode ? { bank: f.bankCode } : {}),
          })),
          ...(pages ? { pages } : {}),
          ...(sections ? { sections } : {}),
        },
      }),
    );
    progress(3, 3);
    return result;
  });
  return { jobId };
}

export type { RoundSummary };
