import { z } from 'zod';
import './zod-vi';
import { command, EXPORTERS, job, query } from './channel';
import type { Role } from './auth';
import { dateField, idField, monthField, text } from './fields';
import { PROGRAMME_CODES, type PayoutMethodCode, type ProgrammeCode } from './register';

// The non-cash campaign (issue 5, "Progress dashboard"): figures per programme and group for a month,
// the 12-month trend, the target per programme (a setting), and the work list of people still paid in
// cash with its xlsx export. The figures come from one function (main/services/campaign/progress.ts),
// which the province's non-cash progress report reuses.

/** Who may set a target: the officer who runs the campaign, and the administrator. */
export const TARGET_SETTERS: readonly Role[] = ['officer', 'admin'];

export interface MethodCounts {
  CASH_WARD: number;
  POST_OFFICE: number;
  OWN_ACCOUNT: number;
  AUTHORIZED_ACCOUNT: number;
}

/** One line of figures: a programme, a group, or everything. */
export interface ProgressFigures {
  /** Beneficiaries active in the month (one person counts once per programme). */
  total: number;
  /** By the method payable in the month (after the blocking rules). */
  counts: MethodCounts;
  /** OWN_ACCOUNT + AUTHORIZED_ACCOUNT. */
  nonCash: number;
  /** % non-cash in tenths (34,4% → 344), rounded half up; null when total is 0. */
  nonCashTenths: number | null;
  /** Recorded as an account but paid in cash this month (closed account, expired authorization, …). */
  blocked: number;
  /** Monthly amounts of the month (regular allowance, after the overlap rule), all and non-cash. */
  amountVnd: number;
  nonCashAmountVnd: number;
}

export interface GroupProgress extends ProgressFigures {
  /** Allowance group code after the age rules (BTXH-5C), or the NCC category label ("Thương binh 61%"). */
  key: string;
  label: string;
}

export type TargetKind = 'count' | 'percent';

export interface CampaignTarget {
  programme: ProgrammeCode;
  /** The period (issue 14): a whole year, or a campaign from startMonth to the deadline. */
  period: 'year' | 'campaign';
  /** 'YYYY-MM': the first month the target applies to. */
  startMonth: string;
  kind: TargetKind;
  /** People (kind 'count'), or tenths of a percent (kind 'percent': 40% → 400). */
  value: number;
  /** 'YYYY-MM-DD' */
  deadline: string;
  note: string;
  updatedAt: string;
  updatedBy: string;
}

export interface ProgrammeProgress extends ProgressFigures {
  programme: ProgrammeCode;
  name: string;
  groups: GroupProgress[];
  target: CampaignTarget | null;
  /** The people the target asks for (a % of this month's total rounded up), or null. */
  targetCount: number | null;
  /** nonCash / targetCount in tenths of a percent, or null. */
  ofTargetTenths: number | null;
  /** People still to move to reach the target (0 when reached), or null. */
  remaining: number | null;
}

export interface CampaignProgress {
  month: string;
  /** What is counted: the method payable in the month (recorded method after the blocking rules). */
  basis: 'payable';
  /** Programmes with anyone active in the month, or with a target; in the programmes' order. */
  programmes: ProgrammeProgress[];
  all: ProgressFigures;
}

export interface TrendCell {
  total: number;
  nonCash: number;
  nonCashTenths: number | null;
}

export interface TrendPoint {
  month: string;
  all: TrendCell;
  byProgramme: Partial<Record<ProgrammeCode, TrendCell>>;
}

export interface CampaignTrend {
  month: string;
  /** 12 months, oldest first, ending with `month`. */
  points: TrendPoint[];
  programmes: Array<{ programme: ProgrammeCode; name: string }>;
}

export const WORK_LIST_SORTS = [
  'name',
  'age',
  'neighbourhood',
  'address',
  'phone',
  'programme',
  'method',
  'relative',
] as const;
export type WorkListSort = (typeof WORK_LIST_SORTS)[number];

export interface RelativeReceiver {
  /** The household member who already receives through an authorized account. */
  receiverName: string;
  /** Whose allowance they receive. */
  forName: string;
}

export interface WorkListRow {
  personId: number;
  fullName: string;
  /** dd/mm/yyyy, or the year alone. */
  birthText: string;
  /** Completed years at the month's end, or null when the birth date is unknown. */
  age: number | null;
  neighbourhood: string;
  address: string;
  phone: string;
  programmes: ProgrammeCode[];
  /** Group codes after the age rules; confidential groups are hidden (PROTECTED_GROUP_LABEL). */
  groups: string[];
  /** CASH_WARD or POST_OFFICE: how the person is paid this month. */
  method: PayoutMethodCode;
  /** Why an account recorded for the person cannot be paid this month, or null. */
  fallbackReason: string | null;
  relative: RelativeReceiver | null;
}

export interface WorkListPage {
  month: string;
  /** People matching the filter. */
  total: number;
  rows: WorkListRow[];
  /** Neighbourhoods with people paid in cash this month (for the filter), in Vietnamese order. */
  neighbourhoods: Array<{ id: number | null; name: string; count: number }>;
}

export interface WorkListExport {
  fileName: string;
  contentBase64: string;
  count: number;
}

const monthInput = z.object({ month: monthField('Tháng') }).strict();

export const targetSchema = z
  .object({
    programme: z.enum(PROGRAMME_CODES, { error: 'Chọn chế độ.' }),
    kind: z.enum(['count', 'percent'], { error: 'Chọn chỉ tiêu theo số người hoặc theo tỷ lệ.' }),
    /** People, or tenths of a percent. */
    value: z.number({ error: 'Chỉ tiêu: cần nhập số.' }).int({ error: 'Chỉ tiêu: cần nhập số nguyên.' }),
    /** A year's target (January–December), or else a campaign from startMonth to the deadline. */
    period: z.enum(['year', 'campaign']).default('campaign'),
    year: z
      .number({ error: 'Năm: cần nhập năm, ví dụ 2026.' })
      .int()
      .min(2000, { error: 'Năm: từ 2000 trở đi.' })
      .max(2100, { error: 'Năm: không hợp lệ.' })
      .optional(),
    /** Campaign: the first month (default: January of the deadline's year). */
    startMonth: monthField('Áp dụng từ tháng').optional(),
    deadline: dateField('Hạn hoàn thành').optional(),
    note: text('Ghi chú (căn cứ giao chỉ tiêu)', 300).optional(),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.period === 'year' && t.year === undefined)
      ctx.addIssue({ code: 'custom', path: ['year'], message: 'Chỉ tiêu năm: nhập năm, ví dụ 2026.' });
    if (t.period === 'year' && t.year !== undefined && t.deadline && t.deadline.slice(0, 4) !== String(t.year)) {
      ctx.addIssue({ code: 'custom', path: ['deadline'], message: `Hạn hoàn thành phải trong năm ${t.year}.` });
    }
    if (t.period === 'campaign' && !t.deadline)
      ctx.addIssue({ code: 'custom', path: ['deadline'], message: 'Hạn hoàn thành: cần nhập ngày.' });
    if (t.period === 'campaign' && t.deadline && t.startMonth && t.startMonth > t.deadline.slice(0, 7)) {
      ctx.addIssue({ code: 'custom', path: ['startMonth'], message: 'Tháng bắt đầu phải trước hạn hoàn thành.' });
    }
    if (t.kind === 'count' && (t.value < 1 || t.value > 1_000_000)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'Chỉ tiêu: số người phải từ 1 trở lên.' });
    }
    if (t.kind === 'percent' && (t.value < 1 || t.value > 1000)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'Chỉ tiêu: tỷ lệ phải lớn hơn 0% và không quá 100%.' });
    }
  });

export type TargetInput = z.input<typeof targetSchema>;

export const workListFilterSchema = z
  .object({
    month: monthField('Tháng'),
    /** A neighbourhood's id; null = people with no neighbourhood recorded; absent = all. */
    neighbourhoodId: z.union([idField, z.null()]).optional(),
    programme: z.enum(PROGRAMME_CODES).optional(),
    sort: z.enum(WORK_LIST_SORTS).default('neighbourhood'),
    descending: z.boolean().default(false),
  })
  .strict();

export const workListSchema = workListFilterSchema.extend({
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(200),
});

export type WorkListFilter = z.output<typeof workListFilterSchema>;
export type WorkListInput = z.output<typeof workListSchema>;

export const campaignChannels = {
  /** Figures for a month, per programme and group, with the targets. */
  'campaign.progress': query<CampaignProgress>()(monthInput),
  /** Starts a job (jobs.get → one step per month, then CampaignTrend): the 12 months up to `month`. */
  'campaign.trend': job<CampaignTrend>()(monthInput),
  'campaign.targets': query<CampaignTarget[]>()(z.object({}).strict()),
  'campaign.setTarget': command<CampaignTarget>()(targetSchema, TARGET_SETTERS),
  /** Clears the programme's target starting in startMonth (default: the one in force this month). */
  'campaign.clearTarget': command<{ cleared: boolean }>()(
    z.object({ programme: z.enum(PROGRAMME_CODES), startMonth: monthField('Áp dụng từ tháng').optional() }).strict(),
    TARGET_SETTERS,
  ),
  /** People still paid in cash (ward or post office) in the month: sorted, filtered, one page. */
  'campaign.workList': query<WorkListPage>()(workListSchema),
  /** Starts a job (jobs.get → progress, then WorkListExport): the filtered, sorted list as xlsx. */
  'campaign.exportWorkList': job<WorkListExport>()(workListFilterSchema, EXPORTERS),
} as const;
