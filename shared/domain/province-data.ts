import { z } from 'zod';

// The machine-readable data file written beside each report's PDF and xlsx in the province export
// (issue 17), so the receiving office (Đơn vị tổng hợp) adds up wards' figures without retyping them.
//
// One JSON file per report: `<report file base>.json` (`.json.sasbak` when the export is encrypted),
// listed in manifest.json (`dataFiles`), covered by SHA256SUMS and the manifest's audit anchor.
//
// Versioning: `dataVersion` is an integer that grows only when a field changes meaning or a required field
// is added. A receiver accepts every version up to the one it knows and refuses a newer one by name
// ("phiên bản dữ liệu 2"), so an old receiving app never misreads a newer ward's figures. Fields may be
// added within a version only if optional. Money is integer đồng; counts are people; percentages are
// tenths of a percent (34,4% → 344), as on the ward's screens.
//
// Version 1 (this file):
//   { format: 'so-an-sinh/du-lieu-bao-cao', dataVersion: 1, report: 'noncash'|'changes'|'form10a'|'form10c'|'form10d',
//     ward: { code: 5 digits (mã đơn vị hành chính cấp xã; '' if not set), name, province },
//     period: { month: 'YYYY-MM', from: 'YYYY-MM', yearFrom: 'YYYY-MM' }, createdAt: ISO instant,
//     data: one of the shapes below }
//   noncash: { month, rows: [{ programme, programmeName, groupKey (null on a programme's total row), groupLabel,
//              total, byMethod: {CASH_WARD, POST_OFFICE, OWN_ACCOUNT, AUTHORIZED_ACCOUNT}, nonCash, target (people|null),
//              dueVnd, approvedVnd|null, paidVnd|null }],
//              rounds?: [{ name, basis, roundDate: 'YYYY-MM-DD', programme (null on the round's own row), programmeName,
//              recipients, byMethod, nonCash, approvedVnd }] }
//              — `rounds` (added within version 1, optional, so older receivers still read the file: they drop it):
//              the approved one-off rounds (đợt chi một lần) whose date falls in the month; their money is NOT in
//              the rows' approvedVnd (payroll money only), each round's own row carries its approved total.
//   changes: { month, summary: [{ programme, programmeName, opening, imported, increases, decreases, closing,
//              byKind: {new, resumed, stopped_death, stopped_moved, stopped_other, suspended, level} }] }
//              — counts only: the list of people (with their citizen IDs) stays in the PDF/xlsx.
//   form10a/10c/10d: { form, from, to, yearFrom, rows: [{ no, label, level: 'total'|'section'|'item', people,
//              peoplePeriod, fundsPeriodVnd, peopleYear, fundsYearVnd }] }

export const PROVINCE_DATA_FORMAT = 'so-an-sinh/du-lieu-bao-cao';
/** The newest data version this app writes and reads. */
export const PROVINCE_DATA_VERSION = 1;
/** A data file larger than this is refused before it is parsed (a ward's real file is a few KB). */
export const PROVINCE_DATA_MAX_BYTES = 2 * 1024 * 1024;

const count = z.number().int().min(0).max(10_000_000);
const vnd = z.number().int().min(0).max(1e15);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const label = z.string().max(300);

export const WARD_CODE_PATTERN = /^\d{5}$/;

export const dataReportKinds = ['noncash', 'changes', 'form10a', 'form10c', 'form10d'] as const;
export type DataReportKind = (typeof dataReportKinds)[number];

const methods = z.object({ CASH_WARD: count, POST_OFFICE: count, OWN_ACCOUNT: count, AUTHORIZED_ACCOUNT: count });

export const nonCashDataSchema = z.object({
  month,
  rows: z
    .array(
      z.object({
        programme: z.string().max(20),
        programmeName: label,
        groupKey: z.string().max(50).nullable(),
        groupLabel: label,
        total: count,
        byMethod: methods,
        nonCash: count,
        target: count.nullable(),
        dueVnd: vnd,
        approvedVnd: vnd.nullable(),
        paidVnd: vnd.nullable(),
      }),
    )
    .max(500),
  rounds: z
    .array(
      z.object({
        name: label,
        basis: z.string().max(600),
        roundDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
        programme: z.string().max(20).nullable(),
        programmeName: label,
        recipients: count,
        byMethod: methods,
        nonCash: count,
        approvedVnd: vnd,
      }),
    )
    .max(500)
    .optional(),
});

const byKind = z.object({
  new: count,
  resumed: count,
  stopped_death: count,
  stopped_moved: count,
  stopped_other: count,
  suspended: count,
  level: count,
});
export const changesDataSchema = z.object({
  month,
  summary: z
    .array(
      z.object({
        programme: z.string().max(20),
        programmeName: label,
        opening: count,
        imported: count,
        increases: count,
        decreases: count,
        closing: count,
        byKind,
      }),
    )
    .max(50),
});

export const summaryDataSchema = z.object({
  form: z.enum(['form10a', 'form10c', 'form10d']),
  from: month,
  to: month,
  yearFrom: month,
  rows: z
    .array(
      z.object({
        no: z.string().max(20),
        label,
        level: z.enum(['total', 'section', 'item']),
        people: count,
        peoplePeriod: count,
        fundsPeriodVnd: vnd,
        peopleYear: count,
        fundsYearVnd: vnd,
      }),
    )
    .max(500),
});

const envelope = {
  format: z.literal(PROVINCE_DATA_FORMAT),
  dataVersion: z.literal(PROVINCE_DATA_VERSION),
  // An empty code: the ward has not entered it in Cài đặt; the receiver refuses such a folder by name.
  ward: z.object({ code: z.string().regex(/^(\d{5})?$/), name: label, province: label }),
  period: z.object({ month, from: month, yearFrom: month }),
  createdAt: z.string().max(40),
};

export const provinceDataSchema = z.discriminatedUnion('report', [
  z.object({ ...envelope, report: z.literal('noncash'), data: nonCashDataSchema }),
  z.object({ ...envelope, report: z.literal('changes'), data: changesDataSchema }),
  z.object({ ...envelope, report: z.literal('form10a'), data: summaryDataSchema }),
  z.object({ ...envelope, report: z.literal('form10c'), data: summaryDataSchema }),
  z.object({ ...envelope, report: z.literal('form10d'), data: summaryDataSchema }),
]);
export type ProvinceData = z.output<typeof provinceDataSchema>;
export type NonCashData = z.output<typeof nonCashDataSchema>;
export type ChangesData = z.output<typeof changesDataSchema>;
export type SummaryData = z.output<typeof summaryDataSchema>;

/**
 * Reads the version of a parsed data file before its shape: a newer version is refused by name (its shape
 * may differ), an unknown format is not ours. Returns a Vietnamese reason, or null when it can be parsed.
 */
export function dataVersionProblem(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null) return 'tệp dữ liệu không phải JSON hợp lệ';
  const r = raw as { format?: unknown; dataVersion?: unknown };
  if (r.format !== PROVINCE_DATA_FORMAT) return 'tệp dữ liệu không đúng định dạng của Sổ An Sinh';
  if (typeof r.dataVersion !== 'number' || !Number.isInteger(r.dataVersion) || r.dataVersion < 1)
    return 'tệp dữ liệu không ghi phiên bản';
  if (r.dataVersion > PROVINCE_DATA_VERSION)
    return `dữ liệu được ghi theo phiên bản dữ liệu ${r.dataVersion}, mới hơn phiên bản ${PROVINCE_DATA_VERSION} mà phần mềm này đọc được: hãy cập nhật Sổ An Sinh ở đơn vị tổng hợp rồi nhận lại`;
  return null;
}

export interface AnchorMark {
  createdAt: string;
  seq: number | null;
  hash: string | null;
}

/**
 * The audit anchor of a ward's new export against the ones received before from that ward (issue 17).
 * A ward's audit chain only grows: an export made later must carry an anchor at or after every earlier
 * one, the same entry number must carry the same hash. A chain that went back or was rewritten (a restored
 * backup, an edited register) is refused with the reason; the office then asks the ward. Returns the
 * Vietnamese reason, or null.
 */
export function anchorProblem(previous: readonly AnchorMark[], next: AnchorMark): string | null {
  const anchored = previous.filter((p) => p.seq !== null && p.hash !== null);
  if (next.seq === null || next.hash === null)
    return anchored.length ? 'bộ báo cáo không có mốc neo nhật ký, trong khi các lần trước có' : null;
  for (const p of anchored) {
    if (p.seq === next.seq && p.hash !== next.hash)
      return `mốc neo nhật ký mục số ${next.seq} có mã khác với lần nhận trước: nhật ký của sổ phường đã bị viết lại — hãy hỏi lại phường`;
    const earlier = p.createdAt <= next.createdAt;
    if ((earlier && p.seq! > next.seq) || (!earlier && p.seq! < next.seq))
      return `mốc neo nhật ký lùi lại so với lần nhận trước (mục số ${next.seq}, trước đó đã nhận mục số ${p.seq}): sổ của phường có thể đã được khôi phục từ bản sao lưu hoặc bị sửa — hãy hỏi lại phường`;
  }
  return null;
}
