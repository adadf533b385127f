import type { HandlerContext } from '../../api/context';
import type { Store } from '../../db/store';
import type { ConsolidatedView, ShareHistory } from '@shared/api/receiving';
import { REPORT_KINDS, type ProducedReport } from '@shared/api/reports';
import { consolidate, type FormSum, type RoundFigures, type WardMonthData } from '@shared/domain/consolidation';
import { METHOD_ORDER, METHOD_SHORT } from '@shared/domain/labels';
import { percentTenths } from '@shared/domain/campaign';
import { addMonths, formatMonthVi, monthRange, type Month } from '@shared/domain/dates';
import type { ChangesData, NonCashData, SummaryData } from '@shared/domain/province-data';
import { auditedWrite, startJob, yieldToEventLoop } from '../../jobs';
import { today } from '../clock';
import { getOfficeSettings } from '../settings';
import type { ReportDocument, Table } from '../reports/document';
import { reportPdf } from '../reports/pdf';
import { PDF_TYPE, XLSX_TYPE } from '../reports/produce';
import { reportXlsx } from '../reports/xlsx';
import { currentData, wardsList } from './queries';

// The receiving office's figures for a month (issue 17): the newest data of each ward and report, added
// up by shared/domain/consolidation.ts; the non-cash share by ward over the 12 months up to it; and the
// same as one Decree 30 document (PDF and xlsx through the reports' own renderers).

export function consolidatedView(store: Store, month: Month): ConsolidatedView {
  const wards = wardsList(store);
  const names = new Map(wards.map((w) => [w.code, w.name]));
  const byWard = new Map<string, WardMonthData>();
  for (const row of currentData(store, [month], REPORT_KINDS)) {
    let d = byWard.get(row.wardCode);
    if (!d)
      byWard.set(row.wardCode, (d = { ward: { code: row.wardCode, name: names.get(row.wardCode) ?? row.wardCode } }));
    const data = JSON.parse(row.json) as NonCashData & ChangesData & SummaryData;
    if (row.report === 'noncash') d.noncash = data;
    else if (row.report === 'changes') d.changes = data;
    else d[row.report as 'form10a' | 'form10c' | 'form10d'] = data;
  }
  const c = consolidate(month, wards, [...byWard.values()]);
  const notes: string[] = [];
  for (const [key, form] of Object.entries(c.forms) as Array<[string, FormSum]>) {
    if (form.periods.length > 1)
      notes.push(
        `Mẫu ${key.slice(4)}: các phường báo cáo theo các kỳ khác nhau (${form.periods.map((p) => p.split('..').map(formatMonthVi).join('–')).join('; ')}); số liệu được cộng như đã gửi.`,
      );
  }
  const noNonCash = [...byWard.values()].filter((d) => !d.noncash).length;
  if (noNonCash)
    notes.push(`${noNonCash} phường đã gửi báo cáo tháng này nhưng không có báo cáo tiến độ không dùng tiền mặt.`);
  return { ...c, history: shareHistory(store, month, names), notes };
}

/** The non-cash share (people paid without cash over people receiving) of each ward in the 12 months up to `month`. */
export function shareHistory(store: Store, month: Month, names: Map<string, string>): ShareHistory {
  const months = monthRange(addMonths(month, -11), month);
  const index = new Map(months.map((m, i) => [m, i]));
  const wards = new Map<string, { code: string; name: string; tenths: Array<number | null> }>();
  const all = months.map(() => ({ total: 0, nonCash: 0 }));
  for (const row of currentData(store, months, ['noncash'])) {
    const data = JSON.parse(row.json) as NonCashData;
    let total = 0;
    let nonCash = 0;
    for (const r of data.rows) {
      if (r.groupKey !== null) continue; // programme rows only
      total += r.total;
      nonCash += r.nonCash;
    }
    let w = wards.get(row.wardCode);
    if (!w)
      wards.set(
        row.wardCode,
        (w = { code: row.wardCode, name: names.get(row.wardCode) ?? row.wardCode, tenths: months.map(() => null) }),
      );
    const i = index.get(row.month)!;
    w.tenths[i] = percentTenths(nonCash, total);
    all[i]!.total += total;
    all[i]!.nonCash += nonCash;
  }
  return {
    months,
    wards: [...wards.values()].sort((a, b) => (a.code < b.code ? -1 : 1)),
    overall: all.map((a) => percentTenths(a.nonCash, a.total)),
  };
}

const count = (header: string, width = 11) => ({ header, width, align: 'right' as const, type: 'count' as const });
const pct = (header: string, width = 10) => ({ header, width, align: 'right' as const, type: 'percent' as const });
const vnd = (header: string, width = 16) => ({ header, width, align: 'right' as const, type: 'vnd' as const });

function formTable(caption: string, f: FormSum, month: string): Table {
  return {
    caption: `${caption} (${f.wards} phường)`,
    columns: [
      { header: 'STT', width: 6, align: 'center' },
      { header: 'Nhóm đối tượng', width: 50 },
      count(`Số đối tượng tháng ${formatMonthVi(month)}`, 12),
      count('Số người được chi trả trong kỳ', 12),
      vnd('Kinh phí trong kỳ (đồng)'),
      count('Số người lũy kế từ đầu năm', 12),
      vnd('Kinh phí lũy kế từ đầu năm (đồng)'),
    ],
    rows: f.rows.length
      ? f.rows.map((x) => ({
          bold: x.level !== 'item',
          cells: [x.no, x.label, x.people, x.peoplePeriod, x.fundsPeriodVnd, x.peopleYear, x.fundsYearVnd],
        }))
      : [{ cells: ['', 'Chưa phường nào gửi mẫu này.', null, null, null, null, null] }],
  };
}

const METHOD_COLUMNS = METHOD_ORDER.map((m) => count(METHOD_SHORT[m], 10));
const roundCells = (r: RoundFigures) => [
  r.recipients,
  ...METHOD_ORDER.map((m) => r.byMethod[m]),
  r.nonCash,
  r.approvedVnd,
];

/**
 * The wards' one-off rounds (đợt chi một lần) approved with a date in the month, as each ward's non-cash
 * report gives them (its table II): per ward its rounds added up, then per programme; the total and its
 * programmes. Only wards with a round are listed; the others (and older files without rounds) count 0.
 */
function roundsTable(v: ConsolidatedView): Table {
  const r = v.roundsTotal;
  const columns = [
    { header: 'Mã', width: 8, align: 'center' as const },
    { header: 'Phường, xã / chế độ', width: 34 },
    count('Số đợt chi', 8),
    count('Số người nhận', 10),
    ...METHOD_COLUMNS,
    count('Không dùng tiền mặt'),
    vnd('Số tiền đã duyệt (đồng)'),
  ];
  const rows: Table['rows'] = [];
  for (const w of v.roundsByWard) {
    rows.push({ bold: true, cells: [w.code, w.name, w.rounds, ...roundCells(w)] });
    for (const p of w.byProgramme) rows.push({ cells: ['', p.programmeName, '', ...roundCells(p)] });
  }
  if (rows.length === 0)
    rows.push({
      cells: ['', 'Không phường nào có đợt chi một lần đã phê duyệt trong tháng.', ...columns.slice(2).map(() => null)],
    });
  rows.push({ bold: true, cells: ['', 'Cộng các phường, xã', r.rounds, ...roundCells(r)] });
  for (const p of r.byProgramme) rows.push({ cells: ['', p.programmeName, '', ...roundCells(p)] });
  return {
    caption: `III. CHI MỘT LẦN THEO ĐỢT CHI ĐÃ PHÊ DUYỆT TRONG THÁNG (${r.wards} phường, xã có đợt chi)`,
    columns,
    rows,
  };
}

export function consolidatedDocument(v: ConsolidatedView): ReportDocument {
  const t = v.nonCashTotal;
  const tables: Table[] = [
    {
      caption: 'I. TIẾN ĐỘ CHI TRẢ KHÔNG DÙNG TIỀN MẶT THEO PHƯỜNG, XÃ (xếp theo tỷ lệ)',
      columns: [
        { header: 'Hạng', width: 6, align: 'center' },
        { header: 'Mã', width: 8, align: 'center' },
        { header: 'Phường, xã', width: 34 },
        count('Tổng số đối tượng'),
        count('Không dùng tiền mặt'),
        pct('Tỷ lệ không dùng tiền mặt'),
        count('Chỉ tiêu được giao'),
        pct('Đạt so với chỉ tiêu'),
        vnd('Phải chi theo sổ (đồng)'),
      ],
      rows: [
        ...v.nonCashByWard.map((w) => ({
          cells: [w.rank, w.code, w.name, w.total, w.nonCash, w.nonCashTenths, w.target, w.ofTargetTenths, w.dueVnd],
        })),
        {
          bold: true,
          cells: ['', '', 'Tổng cộng', t.total, t.nonCash, t.nonCashTenths, t.target, t.ofTargetTenths, t.dueVnd],
        },
      ],
    },
    {
      caption: 'II. THEO CHẾ ĐỘ',
      columns: [
        { header: 'Chế độ', width: 40 },
        count('Số phường', 9),
        count('Tổng số đối tượng'),
        count('Không dùng tiền mặt'),
        pct('Tỷ lệ không dùng tiền mặt'),
        count('Chỉ tiêu được giao'),
        pct('Đạt so với chỉ tiêu'),
        vnd('Phải chi theo sổ (đồng)'),
      ],
      rows: [...v.nonCashByProgramme, t].map((p, i, all) => ({
        bold: i === all.length - 1,
        cells: [p.programmeName, p.wards, p.total, p.nonCash, p.nonCashTenths, p.target, p.ofTargetTenths, p.dueVnd],
      })),
    },
    roundsTable(v),
    {
      caption: 'IV. TỔNG SỐ TIỀN ĐÃ DUYỆT CHI TRONG THÁNG',
      columns: [
        { header: 'Chế độ', width: 40 },
        vnd('Bảng chi trả hằng tháng (đồng)'),
        vnd('Đợt chi một lần (đồng)'),
        vnd('Cộng (đồng)'),
      ],
      rows: v.money.map((m) => ({
        bold: m.programme === '',
        cells: [m.programmeName, m.payrollVnd, m.roundsVnd, m.totalVnd],
      })),
    },
    {
      caption: 'V. TĂNG, GIẢM ĐỐI TƯỢNG TRONG THÁNG',
      columns: [
        { header: 'Chế độ', width: 40 },
        count('Đang hưởng tháng trước', 12),
        count('Đầu kỳ (nhập sổ)', 10),
        count('Tăng', 9),
        count('Giảm', 9),
        count('Đang hưởng tháng này', 12),
      ],
      rows: v.changes.length
        ? v.changes.map((c) => ({
            cells: [c.programmeName, c.opening, c.imported, c.increases, c.decreases, c.closing],
          }))
        : [{ cells: ['Chưa phường nào gửi danh sách tăng, giảm.', null, null, null, null, null] }],
    },
    {
      caption: 'VI. TĂNG, GIẢM THEO PHƯỜNG, XÃ',
      columns: [
        { header: 'Mã', width: 8, align: 'center' },
        { header: 'Phường, xã', width: 40 },
        count('Tăng', 9),
        count('Giảm', 9),
        count('Đang hưởng tháng này', 12),
      ],
      rows: v.changesByWard.map((w) => ({ cells: [w.code, w.name, w.increases, w.decreases, w.closing] })),
    },
    formTable('VII. MẪU 10a — TRỢ GIÚP XÃ HỘI THƯỜNG XUYÊN, CỘNG CÁC PHƯỜNG', v.forms.form10a, v.month),
    formTable('VIII. MẪU 10c — NGƯỜI CAO TUỔI, CỘNG CÁC PHƯỜNG', v.forms.form10c, v.month),
    formTable('IX. MẪU 10d — NGƯỜI KHUYẾT TẬT, CỘNG CÁC PHƯỜNG', v.forms.form10d, v.month),
    {
      caption: `X. PHƯỜNG, XÃ CHƯA GỬI BÁO CÁO (${v.notReported.length}/${v.wardsKnown})`,
      columns: [
        { header: 'STT', width: 6, align: 'center' },
        { header: 'Mã', width: 8, align: 'center' },
        { header: 'Phường, xã', width: 50 },
      ],
      rows: v.notReported.length
        ? v.notReported.map((w, i) => ({ cells: [i + 1, w.code, w.name] }))
        : [{ cells: ['', '', 'Tất cả các phường, xã đã gửi báo cáo.'] }],
    },
  ];
  const changesByWard = tables[5]!;
  if (changesByWard.rows.length === 0)
    changesByWard.rows.push({ cells: ['', 'Chưa phường nào gửi danh sách tăng, giảm.', null, null, null] });
  return {
    kind: 'noncash',
    type: 'Báo cáo',
    summary: `Tổng hợp kết quả chi trả trợ cấp xã hội của các phường, xã tháng ${formatMonthVi(v.month)}`,
    period: `Tháng ${formatMonthVi(v.month)}; ${v.wardsReported}/${v.wardsKnown} phường, xã đã gửi báo cáo`,
    tables,
    notes: v.notes,
    scopes: ['BTXH', 'NCC'],
    landscape: true,
    counts: {
      wards: v.wardsKnown,
      reported: v.wardsReported,
      people: t.total,
      nonCash: t.nonCash,
      rounds: v.roundsTotal.rounds,
      roundsVnd: v.roundsTotal.approvedVnd,
    },
  };
}

export function startProduceConsolidated(
  ctx: HandlerContext,
  input: { month: Month; format: 'pdf' | 'xlsx' },
): { jobId: string } {
  const { store, user, now } = ctx;
  const office = getOfficeSettings(ctx);
  const jobId = startJob('receiving.produce', 'Đang tổng hợp số liệu các phường…', async (progress, signal) => {
    progress(0, 3);
    const view = consolidatedView(store, input.month);
    progress(1, 3, input.format === 'pdf' ? 'Đang tạo tệp PDF…' : 'Đang tạo tệp Excel…');
    await yieldToEventLoop();
    signal.throwIfCancelled();
    const doc = consolidatedDocument(view);
    const date = today(now);
    const buffer = input.format === 'pdf' ? await reportPdf(doc, office, date) : await reportXlsx(doc, office, date);
    progress(2, 3);
    signal.throwIfCancelled();
    auditedWrite(store, user, now, (audit) =>
      audit({
        action: 'receiving.produce',
        entity: 'report',
        entityId: 'consolidated',
        detail: { format: input.format, month: input.month, bytes: buffer.length, counts: doc.counts },
      }),
    );
    const result: ProducedReport = {
      fileName: `tong-hop-cac-phuong-${input.month}.${input.format}`,
      contentBase64: buffer.toString('base64'),
      mime: input.format === 'pdf' ? PDF_TYPE : XLSX_TYPE,
    };
    return result;
  });
  return { jobId };
}
