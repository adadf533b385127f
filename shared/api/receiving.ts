import { z } from 'zod';
import './zod-vi';
import { ADMIN, command, job, query } from './channel';
import type { Role } from './auth';
import { monthField, requiredText, text } from './fields';
import type { ProducedReport } from './reports';
import type { Consolidated, WardRef } from '../domain/consolidation';

// The receiving office (Đơn vị tổng hợp, issue 17): the same app at the city/province desk, holding only
// what wards export (their province export folders), never a ward's register. It receives folders from a
// USB stick (every ward folder verified before anything of it is stored), keeps each ward's exports with
// their history, and adds up the wards' figures for a month, as PDF and xlsx.

export type OfficeMode = 'ward' | 'receiving';

/**
 * The areas of the API (the channel's prefix) that work on a ward's own register. A receiving office
 * never holds one, so main refuses them there (main/api/dispatch.ts), whatever the menu shows.
 */
export const WARD_ONLY_AREAS: ReadonlySet<string> = new Set([
  'register',
  'people',
  'reference',
  'nextMonth',
  'payout',
  'authorizations',
  'import',
  'payroll',
  'payrolls',
  'payrollFiles',
  'payrollResults',
  'results',
  'campaign',
  'ledger',
  'ledgerFiles',
  'forms',
  'undo',
  'bhyt',
  'wardDecisions',
  'evidence',
  'personFile',
  'rounds',
  'nccBenefits',
  'reports',
]);
export const WARD_ONLY_MESSAGE =
  'Máy này đang ở chế độ đơn vị tổng hợp: chỉ nhận và tổng hợp báo cáo của các phường, không giữ sổ đối tượng.';

/** Who receives folders: the officer of the receiving desk (and the administrator, who sets it up). */
export const RECEIVERS: readonly Role[] = ['officer', 'admin'];
/** Who produces the consolidated files: as for a ward's reports. */
export const CONSOLIDATORS: readonly Role[] = ['officer', 'accountant', 'approver', 'admin'];

export interface OfficeModeView {
  mode: OfficeMode;
  /** Why the mode cannot be changed now (Vietnamese), or null. */
  lockedReason: string | null;
}

export const setModeSchema = z
  .object({ mode: z.enum(['ward', 'receiving'], { error: 'Chọn chế độ làm việc.' }) })
  .strict();

export const receiveSchema = z
  .object({
    // A path is taken literally (no whitespace folding), as for the province export.
    folder: z
      .string({ error: 'Thư mục nhận: chọn thư mục của phường hoặc ổ USB.' })
      .trim()
      .min(1, { error: 'Thư mục nhận: chọn thư mục của phường hoặc ổ USB.' })
      .max(1000, { error: 'Thư mục nhận: đường dẫn quá dài.' }),
    /** The passphrase of encrypted exports (sent by the wards by another channel); empty for exports in clear. */
    passphrase: z.string().max(200, { error: 'Cụm mật khẩu: tối đa 200 ký tự.' }).default(''),
  })
  .strict();
export type ReceiveInput = z.input<typeof receiveSchema>;

export const addWardSchema = z
  .object({
    code: z
      .string({ error: 'Mã đơn vị hành chính: cần nhập.' })
      .trim()
      .regex(/^\d{5}$/, { error: 'Mã đơn vị hành chính: 5 chữ số.' }),
    name: requiredText('Tên phường, xã', 200),
    province: text('Tỉnh/thành phố', 100).default(''),
  })
  .strict();

export const consolidateSchema = z.object({ month: monthField('Tháng tổng hợp') }).strict();
export const produceConsolidatedSchema = z
  .object({
    month: monthField('Tháng tổng hợp'),
    format: z.enum(['pdf', 'xlsx'], { error: 'Chọn định dạng PDF hoặc Excel.' }),
  })
  .strict();
export const wardHistorySchema = z
  .object({ code: z.string().regex(/^\d{5}$/, { error: 'Mã đơn vị hành chính: 5 chữ số.' }) })
  .strict();

export type ReceiveStatus = 'received' | 'replaced' | 'already' | 'refused';

export interface ReceivedFolder {
  /** The folder, relative to the one chosen ('.' when the chosen folder is the ward's). */
  folder: string;
  status: ReceiveStatus;
  wardCode: string | null;
  wardName: string | null;
  month: string | null;
  /** Why it was refused (Vietnamese), or what happened ("đã nhận trước đây ngày …"). */
  message: string;
}

export interface ReceiveResult {
  folders: ReceivedFolder[];
  received: number;
  replaced: number;
  already: number;
  refused: number;
}

export interface WardView extends WardRef {
  province: string;
  exports: number;
  lastMonth: string | null;
  lastReceivedAt: string | null;
}

export interface ReceivedExportView {
  id: number;
  wardCode: string;
  month: string;
  from: string;
  folderName: string;
  createdAt: string;
  createdBy: string;
  receivedAt: string;
  receivedBy: string;
  reports: string[];
  encrypted: boolean;
  anchor: { seq: number; hash: string } | null;
  /** True for an export a newer export of the same month replaced (for every report it held). */
  replaced: boolean;
}

export interface ShareHistory {
  months: string[];
  /** Per ward, the non-cash share (tenths of a percent) in each month; null where it had not reported. */
  wards: Array<{ code: string; name: string; tenths: Array<number | null> }>;
  overall: Array<number | null>;
}

export interface ConsolidatedView extends Consolidated {
  history: ShareHistory;
  notes: string[];
}

export const receivingChannels = {
  /** Ward register or receiving office; readable by everyone signed in (the screens follow it). */
  'receiving.mode': query<OfficeModeView>()(z.object({}).strict()),
  /** Cài đặt → Đơn vị tổng hợp: only on an empty register (a receiving office never holds one), and back only while nothing is received. */
  'receiving.setMode': command<OfficeModeView>()(setModeSchema, ADMIN),
  /** Receives one ward folder or every ward folder under the chosen one: a job whose result is a ReceiveResult. */
  'receiving.receive': job<ReceiveResult>()(receiveSchema, RECEIVERS),
  /** The wards the office knows (received from, or added as expected). */
  'receiving.wards': query<WardView[]>()(z.object({}).strict()),
  /** Adds a ward expected to report (so it shows as "chưa báo cáo" until it does). */
  'receiving.addWard': command<WardView[]>()(addWardSchema, ADMIN),
  /** Every export received from one ward, newest first (the history, replaced ones included). */
  'receiving.history': query<ReceivedExportView[]>()(wardHistorySchema),
  /** The month's consolidated figures and the non-cash share over the 12 months up to it. */
  'receiving.consolidate': query<ConsolidatedView>()(consolidateSchema),
  /** The consolidated report as PDF or xlsx: a job whose result is a ProducedReport. */
  'receiving.produce': job<ProducedReport>()(produceConsolidatedSchema, CONSOLIDATORS),
} as const;

export type { ProducedReport };
