import {
  firstOfficeNamesJson,
  insertOfficeNames,
  latestOfficeNamesStart,
  officeNamesJsonOn,
  officeNamesRows,
  saveSettingJson,
  settingJson,
} from './settings-queries';
import type { HandlerContext } from '../api/context';
import { ApiError } from '@shared/api/errors';
import {
  EMPTY_OFFICE_SETTINGS,
  officeSettingsSchema,
  type OfficeNamesPeriod,
  type OfficeSettings,
} from '@shared/api/settings';
import { addDays } from '@shared/domain/payout';
import { today } from './clock';

const OFFICE_KEY = 'office';

/** Stored values were validated on the way in; a value from an older shape is read leniently. */
function parseOffice(json: string): OfficeSettings {
  const parsed = officeSettingsSchema.safeParse({ ...EMPTY_OFFICE_SETTINGS, ...JSON.parse(json) });
  return parsed.success ? parsed.data : EMPTY_OFFICE_SETTINGS;
}

/** The names in force now (a save never starts a period after today, so these are also today's). */
export function getOfficeSettings(ctx: Pick<HandlerContext, 'store'>): OfficeSettings {
  const json = settingJson(ctx.store, OFFICE_KEY);
  return json === undefined ? EMPTY_OFFICE_SETTINGS : parseOffice(json);
}

/**
 * The names in force on `date` ('YYYY-MM-DD'): what a document dated that day carries. Before the first
 * period nothing older is known, so the first names saved apply.
 */
export function officeSettingsAt(ctx: Pick<HandlerContext, 'store'>, date: string): OfficeSettings {
  const json = officeNamesJsonOn(ctx.store, date) ?? firstOfficeNamesJson(ctx.store);
  return json === undefined ? getOfficeSettings(ctx) : parseOffice(json);
}

/** The periods of the office's names, newest first; a later save from the same day replaces the earlier one. */
export function officeNamesHistory(ctx: Pick<HandlerContext, 'store'>): OfficeNamesPeriod[] {
  const periods: OfficeNamesPeriod[] = [];
  for (const row of officeNamesRows(ctx.store)) {
    const newer = periods[periods.length - 1];
    if (newer?.validFrom === row.valid_from) continue;
    const o = parseOffice(row.value_json);
    periods.push({
      validFrom: row.valid_from,
      validTo: newer ? addDays(newer.validFrom, -1) : null,
      unitName: o.unitName,
      parentBody: o.parentBody,
      chairmanName: o.chairmanName,
      deputyChairmanName: o.deputyChairmanName ?? '',
      recordedAt: row.recorded_at,
    });
  }
  return periods;
}

export function saveOfficeSettings(
  ctx: HandlerContext,
  input: OfficeSettings & { validFrom?: string | null },
): OfficeSettings {
  const { validFrom: from, ...settings } = input;
  const day = today(ctx.now);
  const validFrom = from ?? day;
  const refuse = (message: string): never => {
    throw new ApiError('INVALID_INPUT', message, [{ path: 'validFrom', message }]);
  };
  if (validFrom > day) refuse('Áp dụng từ ngày: không được sau hôm nay (lưu vào đúng ngày tên mới có hiệu lực).');
  const latest = latestOfficeNamesStart(ctx.store);
  if (latest && validFrom < latest) {
    refuse(
      `Áp dụng từ ngày: không được trước ${latest.split('-').reverse().join('/')}, ngày bắt đầu của tên đang dùng.`,
    );
  }
  const before = getOfficeSettings(ctx);
  const at = ctx.now.toISOString();
  const json = JSON.stringify(settings);
  saveSettingJson(ctx.store, OFFICE_KEY, json, at, ctx.user.id);
  insertOfficeNames(ctx.store, validFrom, json, at, ctx.user.id);
  ctx.audit({
    action: 'settings.office.save',
    entity: 'settings',
    entityId: OFFICE_KEY,
    before,
    after: { ...settings, validFrom },
  });
  return settings;
}
