import { z } from 'zod';
import './zod-vi';
import { job } from './channel';
import type { Role } from './auth';
import { checkExportProtection, exportProtectionFields, monthField } from './fields';
import type { PayoutMethodCode } from './register';
import { REPORT_FORMATS, REPORT_KINDS, type ChangeKind } from './report-labels';

export * from './report-labels';

// Reports to the province (issue 7): the non-cash progress report, increases and decreases (tăng/giảm),
// the regular social-assistance summaries shaped like forms 10a/10c/10d (Circular 02/2021), a dashboard
// with the same figures, and the "export for the province" folder (reports + manifest + SHA-256 sums).

/** Who produces reports: the officer, the accountant and the approver (the chairman signs them). */
export const REPORTERS: readonly Role[] = ['officer', 'accountant', 'approver'];

/**
 * The report period: `month` for the monthly reports (non-cash, tăng/giảm); the summaries cover
 * `from`..`month` (default: the half-year containing `month`, as the province asks twice a year) and the
 * year to date.
 */
export const reportPeriodSchema = z.object({
  month: monthField('Tháng báo cáo'),
  from: z
    .union([z.literal(''), monthField('Từ tháng')])
    .optional()
    .transform((v) => v || undefined),
});
export type ReportPeriodInput = z.input<typeof reportPeriodSchema>;

export const produceReportSchema = reportPeriodSchema.extend({
  report: z.enum(REPORT_KINDS, { error: 'Chọn loại báo cáo.' }),
  format: z.enum(REPORT_FORMATS, { error: 'Chọn định dạng PDF hoặc Excel.' }),
});

export const provinceExportSchema = reportPeriodSchema
  .extend({
    /** The folder on the chosen drive (a USB stick) where the export folder is created. */
    // As typed or picked (no whitespace folding: a path is taken literally).
    folder: z
      .string({ error: 'Thư mục lưu: chọn ổ đĩa hoặc thư mục.' })
      .trim()
      .min(1, { error: 'Thư mục lưu: chọn ổ đĩa hoặc thư mục.' })
      .max(1000, { error: 'Thư mục lưu: đường dẫn quá dài.' }),
    reports: z.array(z.enum(REPORT_KINDS)).min(1, { error: 'Chọn ít nhất một báo cáo.' }).max(REPORT_KINDS.length),
    /** The user has been told the export holds citizen IDs (required when a selected report does). */
    confirmPersonalData: z.boolean().default(false),
    /**
     * Each report file is written encrypted (.sasbak, the backup format documented in the README: scrypt +
     * AES-256-GCM) under `passphrase`; in clear only with `clear` (audited). The manifest and the checksums
     * stay readable. Protected groups are blank unless `includeProtectedGroups` (audited).
     */
    ...exportProtectionFields,
  })
  .superRefine(checkExportProtection);
export type ProvinceExportInput = z.input<typeof provinceExportSchema>;

// ---- outputs --------------------------------------------------------------------------------------

export interface NonCashRow {
  programme: string;
  programmeName: string;
  /** null on a programme's total row; a group code (BTXH-5C) or an NCC category label otherwise. */
  groupKey: string | null;
  groupLabel: string;
  total: number;
  byMethod: Record<PayoutMethodCode, number>;
  nonCash: number;
  /** % non-cash in tenths (34,4% → 344), as the campaign dashboard; null when total is 0. */
  nonCashTenths: number | null;
  /** The assigned target in people (a % target already turned into people), on programme rows only. */
  target: number | null;
  ofTargetTenths: number | null;
  /** Money in the month's approved payrolls ("Đã duyệt"; null when none is approved yet, or not known per group). */
  approvedVnd: number | null;
  /** Money actually paid ("Đã chi"): lines of those payrolls whose result is recorded as paid (null as above). */
  paidVnd: number | null;
  /** Monthly amount due by the register. */
  dueVnd: number;
}

/**
 * An approved one-off round (đợt chi một lần) whose date (the payment date) falls in the month: the round's
 * own row (programme null), then one row per programme of its recipients. Money is the round's approved
 * lines, so the round rows add up to the round's approved total.
 */
export interface RoundMoneyReportRow {
  roundId: number;
  name: string;
  /** The legal basis in words: "1234/QĐ-CTN ngày 02/01/2027 của Chủ tịch nước". */
  basis: string;
  /** ISO date (yyyy-mm-dd). */
  roundDate: string;
  programme: string | null;
  programmeName: string;
  recipients: number;
  byMethod: Record<PayoutMethodCode, number>;
  nonCash: number;
  approvedVnd: number;
}

/** Money approved for the month per programme: the monthly payrolls plus the one-off rounds (programme null: all). */
export interface MoneyTotalRow {
  programme: string | null;
  programmeName: string;
  /** Approved payroll money; null when no payroll of the month is approved yet. */
  payrollVnd: number | null;
  roundsVnd: number;
  totalVnd: number;
}

export interface NonCashReport {
  month: string;
  rows: NonCashRow[];
  /** Approved one-off rounds paid in the month (empty when none). */
  rounds: RoundMoneyReportRow[];
  /** Payroll + rounds per programme, then the grand total (last row). */
  moneyTotals: MoneyTotalRow[];
  /** Where the figures come from (Vietnamese), e.g. that no payroll is approved yet. */
  notes: string[];
}

export interface ChangeLine {
  kind: ChangeKind;
  programme: string;
  personId: number;
  fullName: string;
  birthText: string;
  citizenId: string | null;
  neighbourhood: string;
  groupBefore: string | null;
  groupAfter: string | null;
  amountBeforeVnd: number;
  amountAfterVnd: number;
  decisionNumber: string;
  decisionDate: string | null;
  reason: string;
}

export interface ChangeSummaryRow {
  programme: string;
  programmeName: string;
  /** People receiving at the end of the previous month. */
  opening: number;
  /**
   * The opening stock ("Đầu kỳ"): entitlements brought into the register by an Excel import taking effect
   * this month — people already receiving, not new decisions; not counted in `increases`.
   */
  imported: number;
  increases: number;
  decreases: number;
  /** People receiving in the month. */
  closing: number;
  byKind: Record<ChangeKind, number>;
}

export interface ChangesReport {
  month: string;
  summary: ChangeSummaryRow[];
  lines: ChangeLine[];
  notes: string[];
  /** The name of each group the lines name (code → label): lists print names, never internal codes. */
  groupLabels: Record<string, string>;
}

export interface SummaryRow {
  /** Row number as printed ('1', '1.1', …), empty for a total row. */
  no: string;
  label: string;
  /** 'section' rows add up the 'item' rows under them; 'total' is the grand total. */
  level: 'total' | 'section' | 'item';
  /** People receiving in the last month of the period. */
  people: number;
  /** Distinct people paid in any month of the period. */
  peoplePeriod: number;
  fundsPeriodVnd: number;
  peopleYear: number;
  fundsYearVnd: number;
}

export interface SummaryReport {
  form: 'form10a' | 'form10c' | 'form10d';
  from: string;
  to: string;
  yearFrom: string;
  rows: SummaryRow[];
  notes: string[];
}

export interface ReportsOverview {
  month: string;
  from: string;
  nonCash: NonCashReport;
  changes: ChangesReport;
  form10a: SummaryReport;
  form10c: SummaryReport;
  form10d: SummaryReport;
}

export interface ProducedReport {
  fileName: string;
  contentBase64: string;
  mime: string;
}

export interface ExportedFile {
  name: string;
  bytes: number;
  sha256: string;
}

export interface ProvinceExportResult {
  /** The finished folder (full path) and its name. */
  folder: string;
  folderName: string;
  files: ExportedFile[];
  verified: true;
}

export const reportChannels = {
  /** Every figure of the Báo cáo screen for a month and period (the same functions as the files): a job whose result is a ReportsOverview. */
  'reports.overview': job<ReportsOverview>()(reportPeriodSchema),
  /** One report as PDF or xlsx: a job whose result is a ProducedReport. */
  'reports.produce': job<ProducedReport>()(produceReportSchema, REPORTERS),
  /** The province export folder on a chosen drive: a job whose result is a ProvinceExportResult. */
  'reports.exportProvince': job<ProvinceExportResult>()(provinceExportSchema, REPORTERS),
} as const;
