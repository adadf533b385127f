import { z } from 'zod';
import './zod-vi';
import { APPROVER, command, job, OFFICER, PAYROLL_STAFF, query } from './channel';
import type { ExportFilesResult } from './payroll-files';
import type { Role } from './auth';
import { dateField, idField, requiredText, text } from './fields';
import { PROGRAMME_CODES, type PayoutMethodCode } from './register';
import type { ReviewState } from './payroll';
import type { RoundLineStatus } from './round-results';
import { ROUND_MAX_AMOUNT_VND } from '../domain/rounds';

// One-off rounds (đợt chi một lần, issue 16): Tết gifts for người có công by category, the province's Tết
// gifts for BTXH, 27/7 gifts… A round has a name, a legal basis (number, date, issuer), a date, and rules
// picking recipients from the register with an amount each. The officer reviews the list and adds or
// removes people with a reason; the approver approves it with the payroll's workflow (submit, then approve
// confirming count and total, or return with a comment); approved rounds never change. Then the signature
// list (danh sách ký nhận) for cash and the bank file for those paid by account.

/** Who reads rounds: the payroll staff and the approver. */
export const ROUND_READERS: readonly Role[] = ['officer', 'accountant', 'approver'];

export interface RoundRuleView {
  ruleNo: number;
  label: string;
  programme: string;
  groups: string[];
  categories: string[];
  amountVnd: number;
  /** Lines the rule gives now. */
  count: number;
  totalVnd: number;
}

export interface RoundView {
  id: number;
  name: string;
  basisNumber: string;
  basisDate: string;
  basisIssuer: string;
  roundDate: string;
  review: ReviewState;
  lineCount: number;
  totalVnd: number;
  createdAt: string;
  createdBy: string;
  submittedAt: string | null;
  submittedBy: string | null;
  returnComment: string | null;
  returnedAt: string | null;
  returnedBy: string | null;
  approvedAt: string | null;
  approvedBy: string | null;
}

export interface RoundDetail {
  round: RoundView;
  rules: RoundRuleView[];
  adjustments: RoundAdjustmentView[];
  /** People the rules picked who already are in another round of the same legal basis. */
  alreadyInBasis: number;
  /** Changes since submission that make it stale (empty unless submitted). */
  staleMessage: string;
}

export interface RoundAdjustmentView {
  personId: number;
  fullName: string;
  kind: 'add' | 'remove';
  programme: string | null;
  amountVnd: number | null;
  reason: string;
  createdAt: string;
}

export interface RoundLineView {
  id: number;
  lineNo: number;
  personId: number;
  fullName: string;
  birthText: string;
  /** Masked in lists. */
  citizenId: string;
  neighbourhood: string;
  address: string;
  programme: string;
  groupLabel: string;
  ruleNo: number | null;
  amountVnd: number;
  method: PayoutMethodCode;
  /** Masked in lists. */
  accountNumber: string;
  receiverName: string;
  note: string;
}

export interface RoundLinesResult {
  total: number;
  rows: RoundLineView[];
}

export interface RoundTotalRow {
  key: string;
  label: string;
  count: number;
  amountVnd: number;
}

/** The round's summary: by rule, payout method and neighbourhood, and what each file will carry. */
export interface RoundSummary {
  round: RoundView;
  byRule: RoundTotalRow[];
  byMethod: RoundTotalRow[];
  byNeighbourhood: RoundTotalRow[];
  /** Cash at the ward and post office: on the signature list. */
  signatureList: { count: number; totalVnd: number };
  /** Paid into an account with a bank and number: in the bank file. */
  bankFile: { count: number; totalVnd: number };
  /** The bank file's parts, one workbook per bank (each bank's own template). */
  banks: Array<{ bankCode: string; bankName: string; count: number; totalVnd: number }>;
  /** Paid by account but with no bank or number (cannot be in the bank file): listed as a warning. */
  missingAccount: { count: number; totalVnd: number };
}

/** A person's lines in rounds (their money history). */
export interface PersonRoundRow {
  roundId: number;
  name: string;
  basisNumber: string;
  basisDate: string;
  roundDate: string;
  review: ReviewState;
  amountVnd: number;
  method: PayoutMethodCode;
  note: string;
  /** The line's payment result once the round is approved (shared/api/round-results.ts); null before. */
  result: { status: RoundLineStatus; onDate: string | null; reason: string } | null;
}

/** What the create form offers: the programmes, groups and NCC categories in the register. */
export interface RoundOptions {
  programmes: Array<{ code: string; name: string }>;
  groups: Array<{ code: string; label: string; programme: string }>;
  /** NCC categories as written on the register's decisions, with how many active entitlements carry each. */
  categories: Array<{ label: string; count: number }>;
}

const programme = z.enum(PROGRAMME_CODES, { error: 'Chọn chế độ.' });
const amount = (label: string) =>
  z
    .number({ error: `${label}: cần nhập số tiền.` })
    .int({ error: `${label}: số tiền phải là số nguyên (đồng).` })
    .min(1, { error: `${label}: phải lớn hơn 0.` })
    .max(ROUND_MAX_AMOUNT_VND, { error: `${label}: vượt quá 100 triệu đồng một người — kiểm tra lại.` });

export const roundRuleSchema = z
  .object({
    label: text('Tên nhóm', 200).default(''),
    programme,
    groups: z.array(z.string().min(1).max(40)).max(60).default([]),
    categories: z
      .array(
        text('Diện người có công', 120).pipe(z.string().min(1, { error: 'Diện người có công: không được để trống.' })),
      )
      .max(60)
      .default([]),
    amountVnd: amount('Mức quà'),
  })
  .strict();

export const createRoundSchema = z
  .object({
    name: requiredText('Tên đợt chi', 200),
    basisNumber: requiredText('Số văn bản căn cứ', 60),
    basisDate: dateField('Ngày văn bản căn cứ'),
    basisIssuer: requiredText('Cơ quan ban hành', 200),
    roundDate: dateField('Ngày chi'),
    rules: z.array(roundRuleSchema).min(1, { error: 'Cần ít nhất một nhóm người nhận.' }).max(30),
  })
  .strict();

const byRound = z.object({ roundId: idField }).strict();

export const adjustRoundSchema = z.discriminatedUnion('kind', [
  z
    .object({
      roundId: idField,
      kind: z.literal('add'),
      personId: idField,
      programme,
      amountVnd: amount('Số tiền'),
      reason: requiredText('Lý do thêm', 300),
    })
    .strict(),
  z
    .object({
      roundId: idField,
      kind: z.literal('remove'),
      personId: idField,
      reason: requiredText('Lý do bỏ khỏi danh sách', 300),
    })
    .strict(),
  z.object({ roundId: idField, kind: z.literal('undo'), personId: idField }).strict(),
]);

export const approveRoundSchema = z
  .object({
    roundId: idField,
    confirm: z.object({ lineCount: z.number().int().min(0), totalVnd: z.number().int().min(0) }).strict(),
  })
  .strict();

export const roundLinesSchema = z
  .object({
    roundId: idField,
    text: z.string().max(100).optional(),
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
  })
  .strict();

export const ROUND_FILE_KINDS = ['signature-pdf', 'bank-xlsx', 'summary-pdf'] as const;
export type RoundFileKind = (typeof ROUND_FILE_KINDS)[number];

export const roundExportSchema = z
  .object({
    roundId: idField,
    kind: z.enum(ROUND_FILE_KINDS, { error: 'Chọn tệp cần lập.' }),
    /** The signature list: one for the whole ward, or grouped by neighbourhood (one section each, its own total). */
    listsBy: z.enum(['ward', 'neighbourhood']).default('ward'),
    /** The bank file of one bank; left out: every bank's (to a folder), or the only bank's (download). */
    bankCode: z.string().min(1).max(20).optional(),
    /** A folder (a USB stick) to write into; left out, the file is downloaded. */
    folder: requiredText('Thư mục lưu', 1000, { allowFormulaStart: true }).optional(),
  })
  .strict();

export const roundChannels = {
  'rounds.list': query<RoundView[]>()(z.object({}).strict(), ROUND_READERS),
  'rounds.options': query<RoundOptions>()(z.object({}).strict(), ROUND_READERS),
  'rounds.get': query<RoundDetail>()(byRound, ROUND_READERS),
  'rounds.lines': query<RoundLinesResult>()(roundLinesSchema, ROUND_READERS),
  'rounds.summary': query<RoundSummary>()(byRound, ROUND_READERS),
  /** Creates a round and picks its recipients from the register (the officer). */
  'rounds.create': command<RoundDetail>()(createRoundSchema, OFFICER),
  /** Picks the recipients again from the register as it stands (the adjustments kept). */
  'rounds.rebuild': command<RoundDetail>()(byRound, OFFICER),
  /** Adds someone, removes someone (with a reason), or undoes either (draft or returned rounds). */
  'rounds.adjust': command<RoundDetail>()(adjustRoundSchema, OFFICER),
  'rounds.discard': command<{ discarded: true }>()(byRound, OFFICER),
  /** The officer submits: the list is picked again and frozen for the approver. */
  'rounds.submit': command<RoundDetail>()(byRound, OFFICER),
  'rounds.return': command<RoundDetail>()(
    z.object({ roundId: idField, comment: requiredText('Lý do trả lại', 1000) }).strict(),
    APPROVER,
  ),
  /** The approver, confirming count and total: the round becomes immutable. */
  'rounds.approve': command<RoundDetail>()(approveRoundSchema, APPROVER),
  /** Signature list PDF, bank file xlsx or the summary PDF of an approved round: a job (jobs.get → ExportFilesResult). */
  'rounds.export': job<ExportFilesResult>()(roundExportSchema, PAYROLL_STAFF),
  /** Every role that reads the register (as the person's money history). */
  'rounds.forPerson': query<PersonRoundRow[]>()(z.object({ personId: idField }).strict()),
} as const;
