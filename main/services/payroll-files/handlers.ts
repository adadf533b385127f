import type { HandlerTable } from '../../api/handlers';
import type { payrollFileChannels } from '@shared/api/payroll-files';
import { DEFAULT_BANK_FILES_SETTINGS, getBankFilesSettings, saveBankFilesSettings } from './settings';
import { filesPlan, startFilesExport } from './export';
import { shortBankName } from './lines';
import { activeBankNames } from './queries';

// This area's handlers: plain functions over the context (main/api/context.ts), spread into main/api/handlers.ts.
export const payrollFileHandlers: Pick<HandlerTable, keyof typeof payrollFileChannels> = {
  'payrollFiles.getSettings': (ctx) => ({
    settings: getBankFilesSettings(ctx),
    defaults: DEFAULT_BANK_FILES_SETTINGS,
    banks: activeBankNames(ctx.store).map((b) => ({
      code: b.code,
      name: shortBankName(b.name),
    })),
  }),
  'payrollFiles.saveSettings': (ctx, input) => saveBankFilesSettings(ctx, input),
  'payrollFiles.plan': (ctx, input) => filesPlan(ctx, input),
  'payrollFiles.export': (ctx, input) => startFilesExport(ctx, input),
};
