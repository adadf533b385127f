import { z } from 'zod';
import './zod-vi';
import { command, EXPORTERS, job, OFFICER, query, type Access } from './channel';
import { dateField, idField, monthField, requiredText, text } from './fields';
import type { ExportFilesResult } from './payroll-files';
import { checkCardNumber } from '../domain/health-insurance';

// Health insurance (BHYT) for the register's beneficiaries (issue 16): each person's cards (number and
// validity, recorded by the officer), the month's list the ward sends to the social-insurance office of
// people whose state-paid card must start, change or end (computed from the register's entitlements,
// decisions, deaths and moves), and cards expiring soon (the to-do screen).

/** Who reads cards and the month's list: the staff who read the person page (not the administrator). */
export const BHYT_READERS: Access = ['officer', 'accountant', 'approver'];

export const CARD_SOURCES = ['state', 'other'] as const;
export type CardSource = (typeof CARD_SOURCES)[number];
export const CARD_SOURCE_LABELS: Record<CardSource, string> = {
  state: 'Ngân sách nhà nước đóng (diện trợ cấp, ưu đãi)',
  other: 'Diện khác (hưu trí, hộ gia đình, …)',
};

export const cardNumberField = z.string({ error: 'Số thẻ BHYT: cần nhập.' }).transform((raw, ctx) => {
  const r = checkCardNumber(raw);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: r.error! });
    return z.NEVER;
  }
  return { cardNumber: r.normalized, bhxhNumber: r.bhxhNumber! };
});

export const saveCardSchema = z
  .object({
    personId: idField,
    /** Present: corrects that card; absent: records a new card. */
    cardId: idField.optional(),
    cardNumber: cardNumberField,
    validFrom: dateField('Giá trị sử dụng từ ngày'),
    validTo: dateField('Giá trị sử dụng đến ngày'),
    source: z.enum(CARD_SOURCES, { error: 'Chọn nguồn đóng BHYT.' }),
    note: text('Ghi chú', 200).default(''),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.validTo < v.validFrom)
      ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'Giá trị sử dụng đến ngày: phải sau ngày bắt đầu.' });
  });
export type SaveCardInput = z.input<typeof saveCardSchema>;

export interface CardView {
  id: number;
  cardNumber: string;
  bhxhNumber: string;
  validFrom: string;
  validTo: string;
  source: CardSource;
  note: string;
  recordedAt: string;
  recordedBy: string;
  /** The card in use (the latest valid_from). */
  current: boolean;
}

export type BhytChange = 'start' | 'end' | 'change';

export interface BhytListRow {
  kind: BhytChange;
  personId: number;
  fullName: string;
  birthText: string;
  gender: 'male' | 'female' | null;
  citizenId: string | null;
  neighbourhood: string;
  /** The card in use, if one is recorded. */
  cardNumber: string;
  bhxhNumber: string;
  /** State-funded group(s) the month before and in the month ('' when none). */
  groupBefore: string;
  groupAfter: string;
  /** Why, in words ("Hưởng mới theo QĐ 12/QĐ-UBND", "Từ trần ngày 10/08/2026"). */
  reason: string;
}

export interface BhytMonthList {
  month: string;
  start: BhytListRow[];
  end: BhytListRow[];
  change: BhytListRow[];
}

export interface ExpiringCard {
  personId: number;
  fullName: string;
  neighbourhood: string;
  cardNumber: string;
  validTo: string;
}

export const BHYT_SECTION_TITLES: Record<BhytChange, string> = {
  start: 'I. ĐỐI TƯỢNG ĐỀ NGHỊ CẤP THẺ BHYT (TĂNG MỚI)',
  end: 'II. ĐỐI TƯỢNG ĐỀ NGHỊ THÔI CẤP, THU HỒI THẺ BHYT (GIẢM)',
  change: 'III. ĐỐI TƯỢNG ĐỀ NGHỊ ĐIỀU CHỈNH THÔNG TIN THẺ BHYT (THAY ĐỔI DIỆN HƯỞNG)',
};

export const bhytListSchema = z.object({ month: monthField('Tháng') }).strict();
export const bhytExportSchema = z
  .object({
    month: monthField('Tháng'),
    format: z.enum(['pdf', 'xlsx'], { error: 'Chọn định dạng: PDF hoặc Excel.' }),
    /** A folder (a USB stick) to write into; left out, the file is downloaded. */
    folder: requiredText('Thư mục lưu', 1000).optional(),
  })
  .strict();
export type BhytExportInput = z.input<typeof bhytExportSchema>;

export const bhytChannels = {
  /** A person's cards, the one in use first. */
  'bhyt.cards': query<CardView[]>()(z.object({ personId: idField }).strict(), BHYT_READERS),
  /** Records a new card or corrects one (the officer; audited; the person's card number follows the card in use). */
  'bhyt.saveCard': command<{ cardId: number }>()(saveCardSchema, OFFICER),
  /** The month's start / end / change list (writes nothing). */
  'bhyt.monthList': query<BhytMonthList>()(bhytListSchema, BHYT_READERS),
  /** Starts a job: jobs.get → ExportFilesResult (one file: xlsx or PDF). Audited with counts. */
  'bhyt.exportList': job<ExportFilesResult>()(bhytExportSchema, EXPORTERS),
  /** Cards of current beneficiaries ending within CARD_EXPIRY_NOTICE_DAYS days. */
  'bhyt.expiring': query<ExpiringCard[]>()(z.object({}).strict(), BHYT_READERS),
} as const;

export type { ExportFilesResult };
