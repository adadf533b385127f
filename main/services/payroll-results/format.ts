import type { HandlerContext } from '../../api/context';
import { DEFAULT_RESULT_FORMAT, resultFormatSchema, type ResultFormat } from '../../../shared/api/payroll-results';
import type { Store } from '../../db/store';

// Where the bank's result file keeps each field: a setting, like the bank batch templates, so a ward
// matches its own bank's file once and every later import uses it.

const KEY = 'payrollResults.format';

export function getResultFormat(store: Store): ResultFormat {
  const row = store.prepare('SELECT value_json FROM settings WHERE key = ?').get(KEY) as { value_json: string } | undefined;
  if (!row) return DEFAULT_RESULT_FORMAT;
  const parsed = resultFormatSchema.safeParse({ ...DEFAULT_RESULT_FORMAT, ...JSON.parse(row.value_json) });
  return parsed.success ? parsed.data : DEFAULT_RESULT_FORMAT;
}

export function saveResultFormat(ctx: HandlerContext, format: ResultFormat): ResultFormat {
  const before = getResultFormat(ctx.store);
  const at = ctx.now.toISOString();
  ctx.store
    .prepare(
      'INSERT INTO settings (key, value_json, updated_at, updated_by) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at, updated_by = excluded.updated_by',
    )
    .run(KEY, JSON.stringify(format), at, ctx.user.id);
  ctx.audit({ action: 'payrollResults.format.save', entity: 'settings', entityId: KEY, before, after: format });
  return format;
}
