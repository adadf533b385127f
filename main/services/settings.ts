import { qb } from '../db/store';
import type { HandlerContext } from '../api/context';
import { EMPTY_OFFICE_SETTINGS, officeSettingsSchema, type OfficeSettings } from '../../shared/api/settings';

const OFFICE_KEY = 'office';

export function getOfficeSettings(ctx: Pick<HandlerContext, 'store'>): OfficeSettings {
  const row = ctx.store.first(qb.selectFrom('settings').select('value_json').where('key', '=', OFFICE_KEY));
  if (!row) return EMPTY_OFFICE_SETTINGS;
  // Stored values were validated on the way in; a value from an older shape is read leniently.
  const parsed = officeSettingsSchema.safeParse({ ...EMPTY_OFFICE_SETTINGS, ...JSON.parse(row.value_json) });
  return parsed.success ? parsed.data : EMPTY_OFFICE_SETTINGS;
}

export function saveOfficeSettings(ctx: HandlerContext, settings: OfficeSettings): OfficeSettings {
  const before = getOfficeSettings(ctx);
  const at = ctx.now.toISOString();
  ctx.store.run(
    qb
      .insertInto('settings')
      .values({ key: OFFICE_KEY, value_json: JSON.stringify(settings), updated_at: at, updated_by: ctx.user.id })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({ value_json: JSON.stringify(settings), updated_at: at, updated_by: ctx.user.id }),
      ),
  );
  ctx.audit({ action: 'settings.office.save', entity: 'settings', entityId: OFFICE_KEY, before, after: settings });
  return settings;
}
