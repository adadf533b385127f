import { z } from 'zod';
import { ADMIN, APPROVER, command, OFFICER, query } from './channel';
import { birthDateField, dateField, idField, monthField, optionalDate, requiredText, text } from './fields';
import type { FieldIssue } from './errors';
import { PAYOUT_METHODS, PROGRAMME_CODES, searchSchema, type PayoutMethodCode } from './register';
import type { AuthorizationState } from '../domain/payout';

// Channels of this area: payout methods (history by month), bank accounts, authorizations and their
// certification, the bank list, the bulk change. Rules in main/services/payout; pure rules in shared/domain/payout.ts.

const accountNumber = z
  .string({ error: 'Số tài khoản: cần nhập.' })
  .transform((s) => s.replace(/[\s.\-–]/g, ''))
  .pipe(
    z
      .string()
      .min(1, { error: 'Số tài khoản: không được để trống.' })
      .max(30, { error: 'Số tài khoản: tối đa 30 chữ số.' })
      .regex(/^\d+$/, { error: 'Số tài khoản chỉ gồm chữ số (không có dấu cách, dấu chấm hay chữ cái).' }),
  );

export const newAccountSchema = z.object({
  bankCode: z.string({ error: 'Ngân hàng: chọn ngân hàng.' }).min(1, { error: 'Ngân hàng: chọn ngân hàng.' }).max(20),
  branch: text('Chi nhánh', 120),
  accountNumber,
  holderName: requiredText('Tên chủ tài khoản', 120),
});
export type NewAccountInput = z.input<typeof newAccountSchema>;

/**
 * `{ existingId }` (a record already in the register) or `{ new: {...} }`. An object with both keys
 * optional rather than a union, so that a field's issue keeps its full path (a union reports its own).
 */
const choice = <T extends z.ZodType>(schema: T, what: string) =>
  z
    .object({ existingId: idField.optional(), new: schema.optional() })
    .strict()
    .refine((v) => (v.existingId === undefined) !== (v.new === undefined), {
      error: `${what}: chọn một mục có sẵn hoặc nhập mới.`,
    });

/** An account already in the register (by id), or a new one. */
export const accountChoiceSchema = choice(newAccountSchema, 'Tài khoản');

/** The receiver: a person record of their own; the citizen ID with its issue date and place is required. */
export const receiverSchema = z.object({
  fullName: requiredText('Họ và tên người được ủy quyền', 120),
  birthDate: birthDateField,
  gender: z.enum(['male', 'female']).nullable().default(null),
  citizenId: requiredText('Số định danh (CCCD) người được ủy quyền', 30),
  idIssueDate: dateField('Ngày cấp CCCD'),
  idIssuePlace: requiredText('Nơi cấp CCCD', 120),
  address: text('Địa chỉ', 200),
  phone: text('Số điện thoại', 30, { allowFormulaStart: true }).pipe(
    z.string().regex(/^[0-9 +.]*$/, { error: 'Số điện thoại: chỉ gồm chữ số.' }),
  ),
});
export type ReceiverInput = z.input<typeof receiverSchema>;

export const newAuthorizationSchema = z.object({
  receiver: choice(receiverSchema, 'Người được ủy quyền'),
  relationship: requiredText('Quan hệ với người hưởng', 60),
  validFrom: dateField('Ủy quyền từ ngày'),
  /** Empty: one year (Civil Code default), to = from + 1 year − 1 day. */
  validTo: optionalDate('Ủy quyền đến ngày'),
  account: accountChoiceSchema,
  scopeNote: text('Phạm vi ủy quyền', 300),
});

export const changeMethodSchema = z.object({
  personId: idField,
  method: z.enum(PAYOUT_METHODS, { error: 'Hình thức nhận: chọn một hình thức.' }),
  effectiveMonth: monthField('Áp dụng từ tháng'),
  /** Omitted: all the person's programmes. */
  programme: z.enum(PROGRAMME_CODES).optional(),
  /** OWN_ACCOUNT: the beneficiary's account. */
  account: accountChoiceSchema.optional(),
  /** AUTHORIZED_ACCOUNT: an existing authorization of this person, or a new one (with the receiver's account). */
  authorization: choice(newAuthorizationSchema, 'Giấy ủy quyền').optional(),
  note: text('Ghi chú', 200),
});
export type ChangeMethodInput = z.input<typeof changeMethodSchema>;

export const bulkChangeSchema = z.object({
  /** Chosen people, or everyone the register list's filter matches (its text and filters). */
  selection: z.union([
    z.object({ personIds: z.array(idField).min(1, { error: 'Chưa chọn người nào.' }).max(200_000) }).strict(),
    z.object({ filter: searchSchema.omit({ limit: true, offset: true }) }).strict(),
  ]),
  method: z.enum(PAYOUT_METHODS, { error: 'Hình thức nhận: chọn một hình thức.' }),
  effectiveMonth: monthField('Áp dụng từ tháng'),
  note: text('Ghi chú', 200),
});
export type BulkChangeInput = z.input<typeof bulkChangeSchema>;

export const certifySchema = z.object({
  id: idField,
  certifiedDate: dateField('Ngày chứng thực'),
  certifiedBy: requiredText('Người chứng thực', 120),
});

/** The papers the approver has seen certified together (e.g. those an import brought in): one date, one certifier. */
export const certifyManySchema = z
  .object({
    ids: z
      .array(idField)
      .min(1, { error: 'Chọn ít nhất một giấy ủy quyền.' })
      .max(10_000, { error: 'Tối đa 10.000 giấy một lần.' }),
    certifiedDate: dateField('Ngày chứng thực'),
    certifiedBy: requiredText('Người chứng thực', 120),
  })
  .strict();

/**
 * Renewal (issue 14): the authorizations named, or every one expiring within 30 days or expired while
 * still in use. One transaction; each renewal is a new term from the end of the old one.
 */
export const renewSchema = z
  .object({
    ids: z.array(idField).min(1).max(10_000).optional(),
    expiring: z.literal(true).optional(),
    /** Only with one id: the new term's end (else one year). */
    validTo: optionalDate('Gia hạn đến ngày').optional(),
  })
  .strict()
  .refine((v) => (v.ids !== undefined) !== (v.expiring === true), {
    error: 'Chọn giấy ủy quyền cần gia hạn, hoặc gia hạn tất cả giấy sắp hết hạn.',
  })
  .refine((v) => !v.validTo || (v.ids?.length ?? 0) === 1, {
    error: 'Ngày hết hạn mới chỉ nhập khi gia hạn một giấy ủy quyền.',
    path: ['validTo'],
  });

export interface RenewResult {
  count: number;
  /** Old id → new id. */
  renewed: Array<{ from: number; to: number; validFrom: string; validTo: string }>;
  /** Expiring ones that could not be renewed (all-expiring mode), with the reason. */
  skipped: Array<{ id: number; giverName: string; reason: string }>;
  message: string;
}

export const revokeSchema = z.object({
  id: idField,
  revokedDate: dateField('Ngày chấm dứt ủy quyền'),
  reason: text('Lý do', 200),
});

export const bankSchema = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .pipe(z.string().regex(/^[A-Z0-9_]{2,20}$/, { error: 'Mã ngân hàng: 2–20 chữ in hoa không dấu hoặc số.' })),
  name: requiredText('Tên ngân hàng', 200),
  napasBin: text('Mã BIN (NAPAS)', 6).pipe(z.string().regex(/^(\d{6})?$/, { error: 'Mã BIN: 6 chữ số.' })),
  lengthMin: z
    .number({ error: 'Độ dài tối thiểu: cần nhập số.' })
    .int()
    .min(1, { error: 'Độ dài tối thiểu: từ 1 đến 30.' })
    .max(30, { error: 'Độ dài tối thiểu: từ 1 đến 30.' }),
  lengthMax: z
    .number({ error: 'Độ dài tối đa: cần nhập số.' })
    .int()
    .min(1, { error: 'Độ dài tối đa: từ 1 đến 30.' })
    .max(30, { error: 'Độ dài tối đa: từ 1 đến 30.' }),
  active: z.boolean(),
  sortOrder: z.number().int().min(0).max(999).default(0),
});
export type BankInput = z.input<typeof bankSchema>;

// ---- outputs --------------------------------------------------------------------------------------

export interface BankView {
  code: string;
  name: string;
  shortName: string;
  napasBin: string;
  lengthMin: number;
  lengthMax: number;
  active: boolean;
  sortOrder: number;
}

export interface AccountView {
  id: number;
  ownerPersonId: number;
  ownerName: string;
  bankCode: string;
  bankName: string;
  branch: string;
  /** Masked (shared/domain/masking.ts). */
  accountNumber: string;
  holderName: string;
  closedDate: string | null;
  /** Other beneficiaries paid into the same account (same bank and number): a warning, shown on both pages. */
  sharedWith: Array<{ personId: number; fullName: string }>;
}

export interface AuthorizationView {
  id: number;
  giverPersonId: number;
  giverName: string;
  receiverPersonId: number;
  receiverName: string;
  /** Masked. */
  receiverCitizenId: string;
  relationship: string;
  accountId: number | null;
  bankName: string;
  /** Masked. */
  accountNumber: string;
  validFrom: string;
  validTo: string;
  certifiedDate: string | null;
  certifiedBy: string;
  revokedDate: string | null;
  state: AuthorizationState;
  /** "Còn hiệu lực đến 31/12/2026", "Sắp hết hạn (31/12/2026)", "Hết hạn", … plus "Chưa chứng thực". */
  stateLabel: string;
  certified: boolean;
  /** The authorization this one renews (issue 14), or null. */
  renewsId: number | null;
  /** Its renewal, when renewed. */
  renewedById: number | null;
  /** Nobody stated the term: assumed at import (one year). */
  termAssumed: boolean;
}

export interface MethodHistoryRow {
  id: number;
  effectiveFrom: string;
  programme: string | null;
  method: PayoutMethodCode;
  /** "Agribank ·••••1234 · NGUYEN …" or the receiver's name; '' for cash. */
  detail: string;
  note: string;
  createdAt: string;
  /** The latest change, recorded today: "Hoàn tác" is offered (main checks again). */
  undoable: boolean;
}

export interface PayoutInForceView {
  month: string;
  registered: PayoutMethodCode;
  method: PayoutMethodCode;
  fallbackReason: string | null;
  effectiveFrom: string | null;
  bankName: string | null;
  accountNumber: string | null;
  holderName: string | null;
  receiverName: string | null;
  authorizationValidTo: string | null;
  authorizationUncertified: boolean;
}

export interface PayoutView {
  personId: number;
  fullName: string;
  /** First month the person may be paid (earliest entitlement start), null when not enrolled. */
  enrolledFrom: string | null;
  /** The last month in an approved payroll of the person's programmes: changes must start after it. */
  lockedThrough: string | null;
  inForce: PayoutInForceView;
  history: MethodHistoryRow[];
  accounts: AccountView[];
  authorizations: AuthorizationView[];
  /** Authorizations in which this person is the receiver (a relative receiving for others). */
  receivesFor: AuthorizationView[];
  /** Same account as another beneficiary, blocked payment, … */
  warnings: FieldIssue[];
}

export interface PayoutWriteResult {
  personId: number;
  payoutMethodId: number;
  authorizationId: number | null;
  warnings: FieldIssue[];
}

export interface AttentionRow extends AuthorizationView {
  /** Why the row is listed. */
  reasons: Array<'expiring' | 'expired' | 'uncertified' | 'giver_deceased'>;
  giverNeighbourhood: string;
}

export interface ReceiverCandidate {
  id: number;
  fullName: string;
  birthText: string;
  /** Masked. */
  citizenId: string;
  hasIdDocument: boolean;
  address: string;
}

export const payoutChannels = {
  /** The person's payout card: method in force this month, history, accounts, authorizations, warnings. */
  'payout.get': query<PayoutView>()(z.object({ personId: idField })),
  /** Checks a change without saving (the dialog validates as the officer types). */
  'payout.check': query<{ errors: FieldIssue[]; warnings: FieldIssue[] }>()(changeMethodSchema, OFFICER),
  'payout.change': command<PayoutWriteResult>()(changeMethodSchema, OFFICER),
  'payout.bulkChange': command<{ count: number; warnings: FieldIssue[] }>()(bulkChangeSchema, OFFICER),
  /** People who could receive for the beneficiary, searched by name or citizen-ID digits. */
  'payout.findReceivers': query<ReceiverCandidate[]>()(
    z.object({ text: z.string().max(100), excludeId: idField.optional() }),
  ),
  'banks.list': query<BankView[]>()(z.object({}).strict()),
  'banks.save': command<BankView[]>()(bankSchema, ADMIN),
  /** Certification of the signatures by the ward (the approver records date and certifying officer). */
  'authorizations.certify': command<AuthorizationView>()(certifySchema, APPROVER),
  /** Several at once, all or none: each is checked as a single certification would be. */
  'authorizations.certifyMany': command<{ certified: number }>()(certifyManySchema, APPROVER),
  'authorizations.revoke': command<AuthorizationView>()(revokeSchema, OFFICER),
  /** Renews one, several, or all expiring authorizations in one transaction (new uncertified terms, forms to print). */
  'authorizations.renew': command<RenewResult>()(renewSchema, OFFICER),
  /** Authorizations expiring within 30 days, expired while still in use, or not yet certified. */
  'authorizations.attention': query<{ today: string; rows: AttentionRow[] }>()(z.object({}).strict()),
} as const;
