import type { Store } from '../../db/store';
import type { HandlerContext } from '../../api/context';
import { saveSettingJson, settingJson } from '../settings-queries';
import { DEFAULT_SECURITY, securitySettingsSchema, type SecuritySettings } from '@shared/api/auth';

const KEY = 'security';

export function getSecuritySettings(store: Store): SecuritySettings {
  const json = settingJson(store, KEY);
  const parsed = json !== undefined ? securitySettingsSchema.safeParse(JSON.parse(json)) : undefined;
  return parsed?.success ? parsed.data : DEFAULT_SECURITY;
}

export function saveSecuritySettings(ctx: HandlerContext, settings: SecuritySettings): SecuritySettings {
  const before = getSecuritySettings(ctx.store);
  saveSettingJson(ctx.store, KEY, JSON.stringify(settings), ctx.now.toISOString(), ctx.user.id);
  ctx.audit({ action: 'settings.security.save', entity: 'settings', entityId: KEY, before, after: settings });
  ctx.sessions.setIdleMinutes(settings.idleMinutes);
  return settings;
}
