import { qb } from '../db/store';
import type { HandlerContext } from '../api/context';
import { ApiError } from '../../shared/api/errors';
import {
  EMPTY_OFFICE_SETTINGS,
  officeSettingsSchema,
  type OfficeNamesPeriod,
  type OfficeSettings,
} from '../../shared/api/settings';
import { addDays } from '../../shared/domain/payout';
import { today } from './clock';

const OFFICE_KEY = 'office';

/** Stored values were validated on the way in; a value from an older shape is read leniently. */
function parseOffice(json: string): OfficeSettings {
  const parsed = officeSettingsSchema.safeParse({ ...EMPTY_OFFICE_SETTINGS, ...JSON.parse(json) });
  return parsed.success ? parsed.data : EMPTY_OFFICE_SETTINGS;
}

/** The names in force now (a save never starts a period after today, so these are also today's). */
export function getOfficeSettings(ctx: Pick<HandlerContext, 'store'>): OfficeSettings {
  const row = ctx.store.first(qb.selectFrom('settings').select('value_json').where('key', '=', OFFICE_KEY));
  return row ? parseOffice(row.value_json) : EMPTY_OFFICE_SETTINGS;
}

/**
 * The names in force on `date` ('YYYY-MM-DD'): what a document dated that day carries. Before the first
 * period nothing older is known, so the first names saved apply.
 */
export function officeSettingsAt(ctx: Pick<HandlerContext, 'store'>, date: string): OfficeSettings {
  const history = qb.selectFrom('office_names_history').select('value_json');
  const row =
    ctx.store.first(history.where('valid_from', '<=', date).orderBy('valid_from', 'desc').orderBy('id', 'desc').limit(1)) ??
    ctx.store.first(history.orderBy('valid_from', 'asc').orderBy('id', 'desc').limit(1));
  return row ? parseOffice(row.value_json) : getOfficeSettings(ctx);
}

/** The periods of the office's names, newest first; a later save from the same day replaces the earlier one. */
export function officeNamesHistory(ctx: Pick<HandlerContext, 'store'>): OfficeNamesPeriod[] {
  const rows = ctx.store.all(
    qb.selectFrom('office_names_history').select(['valid_from', 'value_json', 'recorded_at']).orderBy('valid_from', 'desc').orderBy('id', 'desc'),
  );
  const periods: OfficeNamesPeriod[] = [];
  for (const row of rows) {
    const newer = periods[periods.length - 1];
    if (newer?.validFrom === row.valid_from) continue;
    const o = parseOffice(row.value_json);
    periods.push({
      validFrom: row.valid_from,
      validTo: newer ? addDays(newer.validFrom, -1) : null,
      unitName: o.unitName,
      parentBody: o.parentBody,
      chairmanName: o.chairmanName,
      deputyChairmanName: o.deputyChairmanName,
      recordedAt: row.recorded_at,
    });
  }
  return periods;
}

export function saveOfficeSettings(ctx: HandlerContext, input: OfficeSettings & { validFrom?: string | null }): OfficeSettings {
  const { validFrom: from, ...settings } = input;
  const day = today(ctx.now);
  const validFrom = from ?? day;
  const refuse = (message: string): never => {
    throw new ApiError('INVALID_INPUT', message, [{ path: 'validFrom', message }]);
  };
  if (validFrom > day) refuse('Áp dụng từ ngày: không được sau hôm nay (lưu vào đúng ngày tên mới có hiệu lực).');
  const latest = ctx.store.first(qb.selectFrom('office_names_history').select((eb) => eb.fn.max('valid_from').as('from')));
  if (latest?.from && validFrom < latest.from) {
    refuse(`Áp dụng từ ngày: không được trước ${latest.from.split('-').reverse().join('/')}, ngày bắt đầu của tên đang dùng.`);
  }
  const before = getOfficeSettings(ctx);
  const at = ctx.now.toISOString();
  const json = JSON.stringify(settings);
  ctx.store.run(
    qb
      .insertInto('settings')
      .values({ key: OFFICE_KEY, value_json: json, updated_at: at, updated_by: ctx.user.id })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value_json: json, updated_at: at, updated_by: ctx.user.id })),
  );
  ctx.store.run(
    qb.insertInto('office_names_history').values({ valid_from: validFrom, value_json: json, recorded_at: at, recorded_by: ctx.user.id }),
  );
  ctx.audit({ action: 'settings.office.save', entity: 'settings', entityId: OFFICE_KEY, before, after: { ...settings, validFrom } });
  return settings;
}
