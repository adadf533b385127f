import type { Store } from '../../db/store';
import type { HandlerContext } from '../../api/context';
import { DEFAULT_SECURITY, securitySettingsSchema, type SecuritySettings } from '../../../shared/api/auth';

const KEY = 'security';

export function getSecuritySettings(store: Store): SecuritySettings {
  const row = store.prepare('SELECT value_json FROM settings WHERE key = ?').get(KEY) as { value_json: string } | undefined;
  const parsed = row ? securitySettingsSchema.safeParse(JSON.parse(row.value_json)) : undefined;
  return parsed?.success ? parsed.data : DEFAULT_SECURITY;
}

export function saveSecuritySettings(ctx: HandlerContext, settings: SecuritySettings): SecuritySettings {
  const before = getSecuritySettings(ctx.store);
  ctx.store
    .prepare(
      `INSERT INTO settings (key, value_json, updated_at, updated_by) VALUES (?, ?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    )
    .run(KEY, JSON.stringify(settings), ctx.now.toISOString(), ctx.user.id);
  ctx.audit({ action: 'settings.security.save', entity: 'settings', entityId: KEY, before, after: settings });
  ctx.sessions.setIdleMinutes(settings.idleMinutes);
  return settings;
}
