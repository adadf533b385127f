import { z } from 'zod';
import { monthField, optionalDate } from './fields';
import type { ApiErrorBody, FieldIssue } from './errors';
import {
  IMPORT_FIELD_KEYS,
  METHOD_TARGETS,
  type ImportField,
  type ImportProgramme,
  type MethodTarget,
  type ProgrammeSource,
} from '../domain/import-mapping';
import type { PayoutMethodCode } from './register';

// Import of a ward's Excel register (sổ theo dõi đối tượng), as a wizard:
//   import.analyze  the file → header row, column mapping, group and method texts, all proposed;
//   import.preview  the (corrected) mapping → every row ok / warning / error, totals, counts; writes nothing;
//   import.commit   starts a job that re-checks and writes all accepted rows in one transaction;
//   jobs.get / jobs.cancel  progress and Cancel for any long job (import today; payroll, exports, backup next).

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** Base64 of MAX_IMPORT_BYTES (4 characters per 3 bytes), plus padding. */
const MAX_BASE64_CHARS = Math.ceil(MAX_IMPORT_BYTES / 3) * 4 + 4;

export const analyzeImportSchema = z.object({
  fileName: z.string().trim().min(1, { error: 'Chưa chọn tệp.' }).max(255, { error: 'Tên tệp quá dài.' }),
  contentBase64: z
    .string({ error: 'Chưa có nội dung tệp.' })
    .max(MAX_BASE64_CHARS, { error: 'Tệp quá lớn: chỉ nhận tệp đến 20 MB.' })
    .regex(/^[A-Za-z0-9+/=\r\n]*$/, { error: 'Nội dung tệp gửi lên không hợp lệ.' }),
});

const sheetConfigSchema = z.object({
  name: z.string().max(100),
  include: z.boolean(),
  /** 1-based sheet row of the header; data starts after it (and after `lastHeaderRow` when given). */
  headerRow: z.number().int().min(1).max(1_048_576),
  lastHeaderRow: z.number().int().min(1).max(1_048_576).optional(),
  programme: z.enum(['BTXH', 'NCC']),
  /** Field → 1-based column. */
  columns: z.partialRecord(z.enum(IMPORT_FIELD_KEYS), z.number().int().min(1).max(16_384).optional()),
});

export const importConfigSchema = z.object({
  asOfMonth: monthField('Tháng của danh sách'),
  sheets: z.array(sheetConfigSchema).min(1).max(50),
  /** Group text → 'NCC', a group family ('BTXH-5A') or a group code ('BTXH-5C'); null: not chosen yet. */
  groups: z.array(z.object({ text: z.string().max(300), target: z.string().max(20).nullable() })).max(5000),
  methods: z.array(z.object({ text: z.string().max(300), target: z.enum(METHOD_TARGETS).nullable() })).max(5000),
  /** For account rows whose bank cell is empty (a ward that pays through one bank). */
  defaultBankCode: z.string().max(20).nullable().optional(),
  /**
   * Issue 14: the term of the file's authorizations where no column (authorizationValidTo) gives it:
   * one end date for the whole file, or the one-year default, chosen explicitly. Unset: an authorized
   * row without a term is an error that blocks the import.
   */
  authorizationTerm: z
    .discriminatedUnion('kind', [
      z.object({
        kind: z.literal('date'),
        validTo: optionalDate('Thời hạn ủy quyền cho cả tệp').pipe(
          z.string({ error: 'Thời hạn ủy quyền cho cả tệp: nhập ngày hết hạn.' }),
        ),
      }),
      z.object({ kind: z.literal('default') }),
    ])
    .nullable()
    .optional(),
  /**
   * Issue 14: rows whose stated method cannot be honoured (invalid account, missing receiver, unknown
   * bank…) block the import unless the officer ticks «ghi tiền mặt, sửa sau» for them: these rows (as
   * the preview listed them) are then written as cash, and the import's summary and audit entry say so.
   */
  cashForUnpayable: z
    .array(z.object({ sheet: z.string().max(100), row: z.number().int().min(1).max(1_048_576) }))
    .max(200_000)
    .optional(),
});
export type ImportConfig = z.output<typeof importConfigSchema>;
export type ImportConfigInput = z.input<typeof importConfigSchema>;

const tokenField = z.string().min(8).max(64);
export const previewImportSchema = z.object({ token: tokenField, config: importConfigSchema });
export const commitImportSchema = previewImportSchema;
export const discardImportSchema = z.object({ token: tokenField });
export const jobIdSchema = z.object({ jobId: z.string().min(1).max(64) });

// ---- outputs --------------------------------------------------------------------------------------

export interface SheetAnalysis {
  name: string;
  hidden: boolean;
  /** Last used row of the sheet. */
  rowCount: number;
  headerRow: number | null;
  lastHeaderRow: number | null;
  /** Rows below the header that look like beneficiaries (titles, totals, signatures not counted). */
  dataRows: number;
  programme: ImportProgramme;
  programmeSource: ProgrammeSource;
  /** Texts above the header (unit, title, "(Tháng 10 năm 2024)"). */
  titles: string[];
  columns: Array<{ column: number; letter: string; header: string; field: ImportField | null; samples: string[] }>;
  /** Why the sheet is left out, when it is. */
  message: string | null;
}

export interface ValueProposal<T> {
  text: string;
  count: number;
  sheets: string[];
  target: T | null;
  reason: string;
  /** Coefficients (thousandths) seen with this group text in the Hệ số column. */
  coefficients?: number[];
}

export interface ImportAnalysis {
  token: string;
  fileName: string;
  sha256: string;
  sizeBytes: number;
  /** The parsed file is kept in memory until then (or until committed or discarded). */
  expiresAt: string;
  asOfMonth: { value: string; source: 'title' | 'default'; text: string | null };
  sheets: SheetAnalysis[];
  groups: ValueProposal<string>[];
  methods: ValueProposal<MethodTarget>[];
  fields: Array<{ key: ImportField; label: string }>;
  groupTargets: Array<{ value: string; label: string; programme: string }>;
  methodTargets: Array<{ value: MethodTarget; label: string }>;
  banks: Array<{ code: string; name: string }>;
  /** The proposal, ready to pass to import.preview as is or after corrections. */
  config: ImportConfig;
  messages: string[];
  /** Issue 14: companion columns the stated methods need and the mapping lacks (also in `messages`). */
  mappingIssues: Array<{ sheet: string; field: ImportField; message: string }>;
}

export type ImportRowStatus = 'ok' | 'warning' | 'error' | 'exists';

export interface ImportIssue extends FieldIssue {
  level: 'error' | 'warning';
}

export interface ImportPreviewRow {
  sheet: string;
  /** Row number in the sheet, as Excel shows it. */
  row: number;
  /** 'exists': the person is already in the register (matched by citizen ID, else name + birth): skipped. */
  status: ImportRowStatus;
  issues: ImportIssue[];
  fullName: string;
  birth: string;
  gender: 'male' | 'female' | null;
  citizenId: string | null;
  programme: 'BTXH' | 'NCC' | 'HTXH' | null;
  groupText: string;
  /** Group applied at the import month (after the age rule), or null for NCC. */
  groupCode: string | null;
  coefficientMilli: number | null;
  methodText: string;
  /** Method that will be written (after fallbacks). */
  method: PayoutMethodCode | null;
  fileAmountVnd: number | null;
  computedVnd: number | null;
  existingPersonId: number | null;
  /** The stated method cannot be honoured (issue 14): an error, or cash by the officer's explicit choice. */
  unpayable: boolean;
}

export interface ImportSheetPreview {
  name: string;
  programme: ImportProgramme;
  rows: number;
  ok: number;
  warning: number;
  error: number;
  exists: number;
  /** Sum of the amounts written in the rows (text amounts included). */
  fileRowsTotalVnd: number;
  /** The file's own total row, as Excel shows it (a SUM formula is evaluated like Excel: text skipped). */
  fileStatedTotalVnd: number | null;
  fileStatedTotalRow: number | null;
  /** Amount cells stored as text (which a SUM formula skips). */
  textAmountCells: number;
  /** Monthly amount at the import month by the app's rules, over the rows that are not errors. */
  computedTotalVnd: number;
  /** Set when the file's total row disagrees with the rows (Vietnamese). */
  totalMessage: string | null;
}

export interface ImportPreview {
  asOfMonth: string;
  rows: ImportPreviewRow[];
  sheets: ImportSheetPreview[];
  counts: {
    rows: number;
    ok: number;
    warning: number;
    error: number;
    exists: number;
    toAdd: number;
    newPeople: number;
    unpayable: number;
    blocking: number;
  };
  /** Rows whose stated method cannot be honoured, to be fixed or written as cash by explicit choice. */
  unpayableRows: Array<{ sheet: string; row: number; fullName: string; reason: string }>;
  /** Errors that block the whole import until resolved (unpayable rows not chosen, authorizations without a term). */
  blockingMessage: string | null;
  /** "Sheet:method text" → rows that will be written. */
  byMethod: Record<string, number>;
  /** Programme → method code → rows that will be written (after fallbacks). */
  byMethodCode: Record<string, Partial<Record<PayoutMethodCode, number>>>;
  byProgramme: Record<string, number>;
  /** Monthly total per programme at the import month, computed (rows that will be written and existing). */
  monthlyTotals: Record<string, number>;
  messages: string[];
}

export interface ImportResult {
  importId: number;
  fileName: string;
  asOfMonth: string;
  addedPeople: number;
  addedEntitlements: number;
  /** Authorized receivers created as people of their own. */
  addedReceivers: number;
  /** Rows written as cash by the officer's choice «ghi tiền mặt, sửa sau» (issue 14). */
  cashByChoice: number;
  skippedExisting: number;
  errorRows: number;
  warningRows: number;
  byProgramme: Record<string, number>;
  byMethodCode: Record<string, Partial<Record<PayoutMethodCode, number>>>;
  /** Monthly total per programme at the import month of what this import wrote. */
  monthlyTotals: Record<string, number>;
  message: string;
}

// ---- jobs ---------------------------------------------------------------------------------------------

export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

interface JobStatusBase {
  id: string;
  kind: string;
  /** Determinate progress: done of total units (rows, lines, files). */
  done: number;
  total: number;
  /** What is happening, in Vietnamese. */
  label: string;
  cancelRequested: boolean;
  startedAt: string;
  finishedAt: string | null;
  error?: ApiErrorBody;
}

/**
 * A job's status. `R` is its result, named by the job channel that started it (`job<R>()` in the
 * contract; the JobId it answered carries R): once `state` is 'done', `result` is an R.
 */
export type JobStatus<R = unknown> = JobStatusBase &
  ({ state: 'done'; result: R } | { state: Exclude<JobState, 'done'>; result?: undefined });

/** A job's status without its result (what the core worker tells its host as a job moves). */
export type JobStatusLight = JobStatusBase & { state: JobState };
