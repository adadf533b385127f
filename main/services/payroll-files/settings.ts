import type { HandlerContext } from '../../api/context';
import { bankFilesSettingsSchema, type BankFilesSettings, type BankTemplate } from '../../../shared/api/payroll-files';
import shipped from '../../../resources/templates/bank-batch.json';

// Bank batch templates: the shipped default (resources/templates/bank-batch.json, bundled into main and
// also shipped as a resource so a ward's IT can read it) until the administrator saves the ward's own
// in Cài đặt → Mẫu tệp ngân hàng (stored in the settings table, validated, audited).

const KEY = 'payrollFiles.bankTemplates';

export const DEFAULT_BANK_FILES_SETTINGS: BankFilesSettings = bankFilesSettingsSchema.parse(shipped);

export function getBankFilesSettings(ctx: Pick<HandlerContext, 'store'>): BankFilesSettings {
  const row = ctx.store.sqlite.prepare('SELECT value_json FROM settings WHERE key = ?').get(KEY) as { value_json: string } | undefined;
  if (!row) return DEFAULT_BANK_FILES_SETTINGS;
  const parsed = bankFilesSettingsSchema.safeParse(JSON.parse(row.value_json));
  return parsed.success ? parsed.data : DEFAULT_BANK_FILES_SETTINGS;
}

export function saveBankFilesSettings(ctx: HandlerContext, settings: BankFilesSettings): BankFilesSettings {
  const before = getBankFilesSettings(ctx);
  const at = ctx.now.toISOString();
  ctx.store.sqlite
    .prepare(
      `INSERT INTO settings (key, value_json, updated_at, updated_by) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    )
    .run(KEY, JSON.stringify(settings), at, ctx.user.id);
  ctx.audit({ action: 'payrollFiles.settings.save', entity: 'settings', entityId: KEY, before, after: settings });
  return settings;
}

/** The template for a bank: the one naming it, else the default (no banks named). */
export function templateFor(settings: BankFilesSettings, bankCode: string): BankTemplate {
  return settings.templates.find((t) => t.banks.includes(bankCode)) ?? settings.templates.find((t) => t.banks.length === 0) ?? settings.templates[0]!;
}
