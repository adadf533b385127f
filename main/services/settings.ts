import { saveSettingJson, settingJson } from './settings-queries';
import type { HandlerContext } from '../api/context';
import { EMPTY_OFFICE_SETTINGS, officeSettingsSchema, type OfficeSettings } from '../../shared/api/settings';

const OFFICE_KEY = 'office';

export function getOfficeSettings(ctx: Pick<HandlerContext, 'store'>): OfficeSettings {
  const json = settingJson(ctx.store, OFFICE_KEY);
  if (json === undefined) return EMPTY_OFFICE_SETTINGS;
  // Stored values were validated on the way in; a value from an older shape is read leniently.
  const parsed = officeSettingsSchema.safeParse({ ...EMPTY_OFFICE_SETTINGS, ...JSON.parse(json) });
  return parsed.success ? parsed.data : EMPTY_OFFICE_SETTINGS;
}

export function saveOfficeSettings(ctx: HandlerContext, settings: OfficeSettings): OfficeSettings {
  const before = getOfficeSettings(ctx);
  const at = ctx.now.toISOString();
  saveSettingJson(ctx.store, OFFICE_KEY, JSON.stringify(settings), at, ctx.user.id);
  ctx.audit({ action: 'settings.office.save', entity: 'settings', entityId: OFFICE_KEY, before, after: settings });
  return settings;
}
