import type { HandlerContext } from '../../api/context';
import { DEFAULT_RESULT_FORMAT, resultFormatSchema, type ResultFormat } from '@shared/api/payroll-results';
import type { Store } from '../../db/store';
import { saveSettingJson, settingJson } from '../settings-queries';

// Where the bank's result file keeps each field: a setting, like the bank batch templates, so a ward
// matches its own bank's file once and every later import uses it.

const KEY = 'payrollResults.format';

export function getResultFormat(store: Store): ResultFormat {
  const json = settingJson(store, KEY);
  if (json === undefined) return DEFAULT_RESULT_FORMAT;
  const parsed = resultFormatSchema.safeParse({ ...DEFAULT_RESULT_FORMAT, ...JSON.parse(json) });
  return parsed.success ? parsed.data : DEFAULT_RESULT_FORMAT;
}

export function saveResultFormat(ctx: HandlerContext, format: ResultFormat): ResultFormat {
  const before = getResultFormat(ctx.store);
  const at = ctx.now.toISOString();
  saveSettingJson(ctx.store, KEY, JSON.stringify(format), at, ctx.user.id);
  ctx.audit({ action: 'payrollResults.format.save', entity: 'settings', entityId: KEY, before, after: format });
  return format;
}
