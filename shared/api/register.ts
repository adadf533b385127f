import { z } from 'zod';
import type { BirthDate } from '../domain/dates';
import type { FieldIssue } from './errors';
import { birthDateField, dateField, idField, moneyField, monthField, optionalDate, requiredText, text } from './fields';

// The register's channels: people, enrollment by decision, changes, search.

export const PROGRAMME_CODES = ['BTXH', 'BTXH_CARE', 'NCC', 'HTXH'] as const;
export type ProgrammeCode = (typeof PROGRAMME_CODES)[number];
export const PAYOUT_METHODS = ['CASH_WARD', 'POST_OFFICE', 'OWN_ACCOUNT', 'AUTHORIZED_ACCOUNT'] as const;
export type PayoutMethodCode = (typeof PAYOUT_METHODS)[number];
export const PERSON_STATUSES = ['active', 'suspended', 'stopped', 'deceased', 'none'] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];
/**
 * Who a register list shows: beneficiaries (the default: everyone but those who only receive for
 * another), receivers (everyone who receives for someone under an authorization), or every person record.
 */
export const REGISTER_ROLES = ['beneficiaries', 'receivers', 'all'] as const;
export type RegisterRole = (typeof REGISTER_ROLES)[number];

export const personSchema = z.object({
  fullName: requiredText('Họ và tên', 120),
  birthDate: birthDateField,
  gender: z.enum(['male', 'female'], { error: 'Giới tính: chọn Nam hoặc Nữ.' }).nullable(),
  /** Validated in main against citizen-id.md (hard errors refuse, cross-checks warn). Empty: none yet. */
  citizenId: text('Số định danh', 30),
  legacyId: text('Số CMND cũ', 20),
  idIssueDate: optionalDate('Ngày cấp'),
  idIssuePlace: text('Nơi cấp', 120),
  address: text('Địa chỉ', 200),
  neighbourhood: text('Khu phố/Tổ dân phố', 80),
  phone: text('Số điện thoại', 30, { allowFormulaStart: true }).pipe(
    z.string().regex(/^[0-9 +.]*$/, { error: 'Số điện thoại: chỉ gồm chữ số.' }),
  ),
  note: text('Ghi chú', 500),
});
export type PersonInput = z.input<typeof personSchema>;
export type PersonFields = z.output<typeof personSchema>;

export const decisionSchema = z.object({
  number: requiredText('Số quyết định', 60),
  signedDate: dateField('Ngày ký'),
  signer: text('Người ký', 120),
  effectiveMonth: monthField('Hưởng/thay đổi từ tháng'),
  reason: text('Lý do', 300),
  /**
   * Where the law leaves the eligibility call to the officer (the record has no birth date to check an
   * age band against): the officer's reason; without it such a decision is refused. Stored and audited.
   */
  eligibilityReason: text('Căn cứ xác định đủ điều kiện', 300).optional(),
  /** Social pension 70 to under 75: the household is on the poor / near-poor list of that year. */
  household: z.enum(['poor', 'near_poor']).nullable().optional(),
  householdListYear: z
    .number({ error: 'Năm của danh sách hộ nghèo, cận nghèo: nhập năm, ví dụ 2026.' })
    .int({ error: 'Năm của danh sách hộ nghèo, cận nghèo: nhập năm, ví dụ 2026.' })
    .min(2000, { error: 'Năm của danh sách hộ nghèo, cận nghèo: từ 2000 trở đi.' })
    .max(2100, { error: 'Năm của danh sách hộ nghèo, cận nghèo: không hợp lệ.' })
    .nullable()
    .optional(),
});
export type DecisionInput = z.input<typeof decisionSchema>;

export const componentSchema = z.object({
  kind: z.enum(['main', 'extra', 'caregiver', 'other']),
  label: requiredText('Tên khoản', 120),
  amountVnd: moneyField('Số tiền'),
});

/** What an entitlement pays: a group (coefficient programmes) or recorded components (NCC). */
const entitlementTermsSchema = z.object({
  groupCode: z.string().max(20).optional(),
  multiplier: z.number().int().min(1).max(20).optional(),
  categoryLabel: text('Diện đối tượng', 200).optional(),
  components: z.array(componentSchema).max(10).optional(),
});

export const enrollSchema = entitlementTermsSchema.extend({
  person: z.union([z.object({ existingId: idField }), z.object({ new: personSchema })]),
  programme: z.enum(PROGRAMME_CODES, { error: 'Chọn chế độ hưởng.' }),
  caredPersonId: idField.optional(),
  decision: decisionSchema,
});
export type EnrollInput = z.input<typeof enrollSchema>;

export const decideSchema = entitlementTermsSchema.extend({
  entitlementId: idField,
  kind: z.enum(['adjust', 'suspend', 'resume', 'stop']),
  decision: decisionSchema,
  /** Resume: pay the suspended months as arrears (the ward decides). Adjust: pay the difference for past months. */
  payArrears: z.boolean().optional(),
});
export type DecideInput = z.input<typeof decideSchema>;

export const deathSchema = z.object({
  personId: idField,
  deathDate: dateField('Ngày mất'),
  decision: decisionSchema.omit({ effectiveMonth: true }),
  funeral: z.object({
    payeeName: requiredText('Người tổ chức mai táng', 120),
    multiplier: z.union([z.literal(20), z.literal(50)]),
  }),
});
export type DeathInput = z.input<typeof deathSchema>;

export const moveAwaySchema = z.object({
  personId: idField,
  movedDate: dateField('Ngày chuyển đi'),
  decision: decisionSchema.omit({ effectiveMonth: true }),
});

/** The register list's sortable columns (server-side: a page is a slice of the whole sorted match set). */
export const REGISTER_SORTS = ['name', 'birth', 'amount', 'status'] as const;
export type RegisterSort = (typeof REGISTER_SORTS)[number];

export const searchSchema = z.object({
  text: z.string().max(100).default(''),
  programme: z.enum(PROGRAMME_CODES).optional(),
  groupCode: z.string().max(20).optional(),
  neighbourhoodId: idField.optional(),
  method: z.enum(PAYOUT_METHODS).optional(),
  status: z.enum(PERSON_STATUSES).optional(),
  /** Column the list is sorted by (names in the offices' Vietnamese order: given name first); default name. */
  sort: z.enum(REGISTER_SORTS).default('name'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  role: z.enum(REGISTER_ROLES).default('beneficiaries'),
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
});
export type SearchInput = z.input<typeof searchSchema>;

export const draftCheckSchema = z.object({
  excludeId: idField.optional(),
  fullName: z.string().max(120).default(''),
  birthDate: z.string().max(20).default(''),
  gender: z.enum(['male', 'female']).nullable().default(null),
  citizenId: z.string().max(30).default(''),
  legacyId: z.string().max(20).default(''),
});

// ---- outputs --------------------------------------------------------------------------------------

export interface PersonRow {
  id: number;
  fullName: string;
  birthText: string;
  gender: 'male' | 'female' | null;
  citizenId: string | null;
  neighbourhood: string;
  phone: string;
  status: PersonStatus;
  programmes: string[];
  groupCodes: string[];
  method: PayoutMethodCode | null;
  monthlyVnd: number;
}

export interface SearchResult {
  rows: PersonRow[];
  /** Number of matches, counted up to `countLimit`; `totalCapped` when there are more. */
  total: number;
  totalCapped: boolean;
  /**
   * The first start of a month (or a new standard level) is still bringing everyone's summary (status,
   * programmes, groups, method, amount) up to date in the background: those columns and filters may still
   * show what they were.
   */
  summaryRefreshing?: boolean;
}

export interface TermView {
  id: number;
  effectiveFrom: string;
  status: 'active' | 'suspended' | 'stopped';
  groupCode: string | null;
  multiplier: number;
  categoryLabel: string;
  components: Array<{ kind: string; label: string; amountVnd: number }>;
  decisionId: number;
}

export interface EntitlementView {
  id: number;
  programme: ProgrammeCode;
  startMonth: string;
  endMonth: string | null;
  caredPersonId: number | null;
  terms: TermView[];
  /** This month: the group applied after age rules, the amount due, and why it is 0 when it is. */
  current: {
    groupCode: string | null;
    coefficientMilli: number | null;
    standardVnd: number | null;
    amountVnd: number;
    note: string;
  };
}

export interface DecisionView {
  id: number;
  entitlementId: number | null;
  programme: string;
  kind: 'grant' | 'adjust' | 'suspend' | 'resume' | 'stop';
  number: string;
  signedDate: string | null;
  signer: string;
  effectiveMonth: string;
  reason: string;
  /** The officer's reason where the law leaves the eligibility call to them ('' when none). */
  eligibilityReason: string;
  household: 'poor' | 'near_poor' | null;
  householdListYear: number | null;
}

export interface OneOffView {
  id: number;
  kind: 'arrears' | 'funeral' | 'other';
  amountVnd: number;
  dueMonth: string;
  payeeName: string;
  note: string;
}

export interface PersonDetail {
  person: PersonFields & {
    id: number;
    birth: BirthDate | null;
    deathDate: string | null;
    movedAwayDate: string | null;
    /** The health-insurance card in use (Bảo hiểm y tế screen): recorded there, not in the person form. */
    healthInsuranceNo: string;
  };
  status: PersonStatus;
  entitlements: EntitlementView[];
  decisions: DecisionView[];
  oneOffItems: OneOffView[];
  monthlyVnd: number;
  month: string;
  /** Data-quality notes (legacy ID, missing ID, cross-check warnings). */
  warnings: FieldIssue[];
  /** The death was recorded today: "Hoàn tác" is offered (main checks again: shared/api/undo.ts). */
  deathUndoable?: boolean;
  /** Set when the person moved away: whether the move was recorded today (Hoàn tác offered). */
  moveAwayUndoable?: boolean;
}

export interface ChangeRow {
  personId: number;
  fullName: string;
  entitlementId: number;
  programme: string;
  kind: 'group_change' | 'age_limit' | 'starts' | 'ends' | 'resumes' | 'suspends' | 'level_change';
  fromGroup: string | null;
  toGroup: string | null;
  amountBefore: number;
  amountAfter: number;
  note: string;
}

export interface ReferenceData {
  month: string;
  programmes: Array<{ code: ProgrammeCode; name: string; amountRule: 'coefficient' | 'recorded' }>;
  groups: Array<{
    code: string;
    programme: string;
    clause: string;
    label: string;
    family: string;
    ageMin: number | null;
    ageMax: number | null;
    coefficientMilli: number | null;
  }>;
  standardLevels: Array<{ programme: string; amountVnd: number }>;
  neighbourhoods: Array<{ id: number; name: string }>;
}

export interface WriteResult {
  personId: number;
  entitlementId?: number;
  warnings: FieldIssue[];
}

/** register.export's job result: the file to download. */
export interface RegisterExportFile {
  /** so-doi-tuong-<month>.xlsx, or .xlsx.sasbak when encrypted (the default). */
  fileName: string;
  contentBase64: string;
  count: number;
  totalVnd: number;
  encrypted: boolean;
}
