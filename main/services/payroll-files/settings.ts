import { saveSettingJson, settingJson } from '../settings-queries';
import type { HandlerContext } from '../../api/context';
import { bankFilesSettingsSchema, type BankFilesSettings, type BankTemplate } from '@shared/api/payroll-files';
import shipped from '../../../resources/templates/bank-batch.json';

// Bank batch templates: the shipped default (resources/templates/bank-batch.json, bundled into main and
// also shipped as a resource so a ward's IT can read it) until the administrator saves the ward's own
// in Cài đặt → Mẫu tệp ngân hàng (stored in the settings table, validated, audited).

const KEY = 'payrollFiles.bankTemplates';

export const DEFAULT_BANK_FILES_SETTINGS: BankFilesSettings = bankFilesSettingsSchema.parse(shipped);

export function getBankFilesSettings(ctx: Pick<HandlerContext, 'store'>): BankFilesSettings {
  const json = settingJson(ctx.store, KEY);
  if (json === undefined) return DEFAULT_BANK_FILES_SETTINGS;
  const parsed = bankFilesSettingsSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : DEFAULT_BANK_FILES_SETTINGS;
}

export function saveBankFilesSettings(ctx: HandlerContext, settings: BankFilesSettings): BankFilesSettings {
  const before = getBankFilesSettings(ctx);
  const at = ctx.now.toISOString();
  saveSettingJson(ctx.store, KEY, JSON.stringify(settings), at, ctx.user.id);
  ctx.audit({ action: 'payrollFiles.settings.save', entity: 'settings', entityId: KEY, before, after: settings });
  return settings;
}

/** The template for a bank: the one naming it, else the default (no banks named). */
export function templateFor(settings: BankFilesSettings, bankCode: string): BankTemplate {
  return (
    settings.templates.find((t) => t.banks.includes(bankCode)) ??
    settings.templates.find((t) => t.banks.length === 0) ??
    settings.templates[0]!
  );
}
