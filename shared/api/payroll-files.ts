import { z } from 'zod';
import './zod-vi';
import { ADMIN, command, job, PAYROLL_STAFF, query } from './channel';
import { idField, requiredText, text } from './fields';
import {
  BANK_COLUMN_LABELS,
  BANK_COLUMN_SOURCES,
  PLACEHOLDER_RE,
  TEMPLATE_PLACEHOLDERS,
  type PayrollFileKind,
} from './payroll-files-text';

export * from './payroll-files-text';

// Files for the payer (issue 6, "Files for the payer"): bank batch xlsx per bank, cash and post-office
// payout lists (PDF + xlsx), the monthly summary PDF, written to a folder the user picks (a USB stick).
// Bank templates are data: shipped in resources/templates/, editable by the administrator in settings.

// ---- bank templates ----------------------------------------------------------------------------------

const placeholderCheck = (value: string, ctx: z.RefinementCtx) => {
  for (const m of value.matchAll(PLACEHOLDER_RE)) {
    if (!(TEMPLATE_PLACEHOLDERS as readonly string[]).includes(m[1]!)) {
      ctx.addIssue({
        code: 'custom',
        message: `Không có trường {${m[1]}}; dùng: ${TEMPLATE_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}.`,
      });
    }
  }
};

export const bankColumnSchema = z.object({
  header: text('Tiêu đề cột', 100).pipe(z.string().min(1, { error: 'Tiêu đề cột: không được để trống.' })),
  source: z.enum(BANK_COLUMN_SOURCES, { error: 'Nội dung cột: chọn trong danh sách.' }),
  width: z
    .number()
    .int()
    .min(3, { error: 'Độ rộng cột: từ 3 đến 80.' })
    .max(80, { error: 'Độ rộng cột: từ 3 đến 80.' }),
});

export const bankTemplateSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,40}$/, { error: 'Mã mẫu: chữ thường không dấu, số và gạch ngang.' }),
    name: text('Tên mẫu', 100).pipe(z.string().min(1, { error: 'Tên mẫu: không được để trống.' })),
    /** Bank codes this template is used for; empty: the default for every other bank. */
    banks: z.array(z.string().max(20)).max(20),
    sheetName: text('Tên trang tính', 31)
      .pipe(z.string().min(1, { error: 'Tên trang tính: không được để trống.' }))
      .pipe(z.string().regex(/^[^[\]:*?/\\]+$/, { error: 'Tên trang tính: không được có các ký tự [ ] : * ? / \\.' })),
    /** Rows above the header; placeholders {UNIT}, {BANK}, {MM}, {YYYY}, {PROGRAMME}, {COUNT}, {TOTAL}. */
    titleRows: z
      .array(text('Dòng tiêu đề', 300).superRefine(placeholderCheck))
      .max(6, { error: 'Tối đa 6 dòng tiêu đề.' }),
    columns: z
      .array(bankColumnSchema)
      .min(1, { error: 'Mẫu cần ít nhất một cột.' })
      .max(30, { error: 'Tối đa 30 cột.' }),
    /** 'upper-ascii': "NGUYEN THI HUONG" (đ→D), as banks generally want; 'as-written': the name as stored. */
    nameFormat: z.enum(['upper-ascii', 'as-written']),
    /** e.g. "{CONTENT} T{MM}/{YYYY} {NAME}" → "TRO CAP XH T01/2026 NGUYEN VAN A" (always ASCII). */
    descriptionPattern: text('Mẫu nội dung chuyển khoản', 200)
      .pipe(z.string().min(1, { error: 'Mẫu nội dung chuyển khoản: không được để trống.' }))
      .superRefine(placeholderCheck),
    descriptionMaxLength: z
      .number()
      .int()
      .min(20, { error: 'Độ dài nội dung: từ 20 đến 210 ký tự.' })
      .max(210, { error: 'Độ dài nội dung: từ 20 đến 210 ký tự.' }),
    /** A last row with the count and the total amount. */
    totalRow: z.boolean(),
  })
  .superRefine((t, ctx) => {
    for (const needed of ['accountNumber', 'amount'] as const) {
      if (!t.columns.some((c) => c.source === needed)) {
        ctx.addIssue({
          code: 'custom',
          path: ['columns'],
          message: `Mẫu phải có cột «${BANK_COLUMN_LABELS[needed]}».`,
        });
      }
    }
  });
export type BankTemplate = z.output<typeof bankTemplateSchema>;

export const bankFilesSettingsSchema = z
  .object({
    templates: z
      .array(bankTemplateSchema)
      .min(1, { error: 'Cần ít nhất một mẫu.' })
      .max(20, { error: 'Tối đa 20 mẫu.' }),
    /** One file per bank and programme instead of one per bank, when files cover several programmes. */
    splitByProgramme: z.boolean(),
  })
  .superRefine((s, ctx) => {
    const defaults = s.templates.filter((t) => t.banks.length === 0);
    if (defaults.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['templates'],
        message: 'Cần đúng một mẫu mặc định (không gắn ngân hàng nào).',
      });
    }
    const seen = new Map<string, string>();
    const ids = new Set<string>();
    s.templates.forEach((t, i) => {
      if (ids.has(t.id))
        ctx.addIssue({ code: 'custom', path: ['templates', i, 'id'], message: `Mã mẫu «${t.id}» bị trùng.` });
      ids.add(t.id);
      for (const bank of t.banks) {
        const other = seen.get(bank);
        if (other)
          ctx.addIssue({
            code: 'custom',
            path: ['templates', i, 'banks'],
            message: `Ngân hàng ${bank} đã gắn với mẫu «${other}».`,
          });
        seen.set(bank, t.name);
      }
    });
  });
export type BankFilesSettings = z.output<typeof bankFilesSettingsSchema>;
export type BankFilesSettingsInput = z.input<typeof bankFilesSettingsSchema>;

// ---- export -------------------------------------------------------------------------------------------

export const filesScopeSchema = z.object({
  payrollId: idField,
  /** Every approved payroll of the same month (all programmes) rather than this one alone. */
  allProgrammes: z.boolean().default(false),
  /** Cash and post-office lists: one file per neighbourhood, or one for the whole ward. */
  listsBy: z.enum(['neighbourhood', 'ward']).default('neighbourhood'),
});

export const exportFilesSchema = filesScopeSchema.extend({
  /** Keys from payrollFiles.plan (PlannedFile.key); the user's choice. */
  files: z.array(z.string().min(1).max(200)).min(1, { error: 'Chưa chọn tệp nào.' }).max(500),
  /** The folder to write to (a USB stick). Absent: exactly one file, returned for download. */
  folder: requiredText('Thư mục lưu', 1000, { allowFormulaStart: true }).optional(),
});
export type ExportFilesInput = z.input<typeof exportFilesSchema>;

export interface PlannedFile {
  key: string;
  kind: PayrollFileKind;
  fileName: string;
  /** e.g. "Agribank", "Khu phố 1", "Toàn phường". */
  label: string;
  count: number;
  totalVnd: number;
}

export interface FilesPlan {
  month: string;
  programmes: string[];
  payrollIds: number[];
  /** The approved payroll(s): every line, every method. */
  payrollCount: number;
  payrollTotalVnd: number;
  files: PlannedFile[];
  /** Lines paid by account with no bank or account number (cannot be in a bank file). */
  warnings: string[];
}

export interface WrittenFile {
  key: string;
  fileName: string;
  path: string;
  bytes: number;
  count: number;
  totalVnd: number;
}

export type ExportFilesResult =
  | { destination: 'folder'; folder: string; files: WrittenFile[] }
  | {
      destination: 'download';
      fileName: string;
      contentBase64: string;
      mimeType: string;
      count: number;
      totalVnd: number;
    };

export const payrollFileChannels = {
  'payrollFiles.getSettings': query<{
    settings: BankFilesSettings;
    defaults: BankFilesSettings;
    banks: Array<{ code: string; name: string }>;
  }>()(z.object({}).strict(), 'signed-in'),
  'payrollFiles.saveSettings': command<BankFilesSettings>()(bankFilesSettingsSchema, ADMIN),
  /** Which files an approved payroll gives, with their counts and totals (writes nothing). */
  'payrollFiles.plan': query<FilesPlan>()(filesScopeSchema, PAYROLL_STAFF),
  /** Starts a job: jobs.get → progress, then ExportFilesResult. Audited with counts and totals. */
  'payrollFiles.export': job<ExportFilesResult>()(exportFilesSchema, PAYROLL_STAFF),
} as const;
