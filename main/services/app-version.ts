import type { Store } from '../db/store';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { appendAudit } from './audit';
import { saveSettingJson, settingJson } from './settings-queries';
import { APP_VERSION, BUILD_DATE } from '../version';
import { compareVersions, notesBetween, type ReleaseNotes, type WhatsNew } from '@shared/domain/release-notes';
import releaseNotesJson from '../../resources/release-notes/vi.json';

// Which app version last ran on this register, and what changed since: the first start of a newer version
// (installed over the older one from a USB stick) records itself in the register with an audit entry
// `app.upgrade` (from, to, schema versions, the backup taken before migrating) and answers "Có gì mới"
// from the release notes shipped with the app (resources/release-notes/vi.json, bundled into main).
// Shown once per version: the next start finds the same version recorded and shows nothing. Dev and test
// versions ('dev', 'test') are not versions anyone installs: nothing is recorded for them.

const SETTING = 'app.version';
const SYSTEM = { id: null, username: 'hệ thống', fullName: 'Hệ thống', role: null } as const;
const INSTALLABLE = /^\d+\.\d+\.\d+/;

export const RELEASE_NOTES = Object.fromEntries(
  Object.entries(releaseNotesJson).filter(([key]) => INSTALLABLE.test(key)),
) as ReleaseNotes;

export interface BuildInfo {
  appVersion: string;
  /** The day the app was built (YYYY-MM-DD), or 'dev' from sources. */
  buildDate: string;
  /** The newest register schema this app knows. */
  schemaVersion: number;
}
export const BUILD_INFO: BuildInfo = {
  appVersion: APP_VERSION,
  buildDate: BUILD_DATE,
  schemaVersion: LATEST_SCHEMA_VERSION,
};

export interface OpenFacts {
  previousSchemaVersion: number;
  schemaVersion: number;
  /** The app version that applied the register's newest migration, read before this open migrated it. */
  previousSchemaAppVersion?: string | undefined;
  upgradeBackup?: string | undefined;
}

/** Records the running version in the register when it differs from the last one; returns what is new. */
export function recordAppVersion(store: Store, appVersion: string, opened: OpenFacts, now: Date): WhatsNew | undefined {
  if (!INSTALLABLE.test(appVersion)) return undefined;
  const json = settingJson(store, SETTING);
  const recorded = json !== undefined ? (JSON.parse(json) as { version?: string }).version : undefined;
  const last =
    recorded ??
    (opened.previousSchemaAppVersion && INSTALLABLE.test(opened.previousSchemaAppVersion)
      ? opened.previousSchemaAppVersion
      : undefined);
  // Nothing to tell: the register was made by this version (a fresh install), or its history names no
  // installed version (made from sources).
  if (last === undefined || last === appVersion) return undefined;
  const from = last;
  const value = { version: appVersion, since: now.toISOString() };
  store.transaction(() => {
    saveSettingJson(store, SETTING, JSON.stringify(value), now.toISOString(), null);
    appendAudit(
      store,
      SYSTEM,
      {
        action: 'app.upgrade',
        entity: 'app',
        entityId: appVersion,
        before: { appVersion: from, schemaVersion: opened.previousSchemaVersion },
        after: { appVersion, schemaVersion: opened.schemaVersion },
        detail: opened.upgradeBackup ? { backup: opened.upgradeBackup } : undefined,
      },
      now,
    );
  });
  // Downgrades are refused by the schema check only when the schema moved; notes are for newer versions.
  if (compareVersions(appVersion, from) <= 0) return undefined;
  return {
    fromVersion: from,
    toVersion: appVersion,
    fromSchema: opened.previousSchemaVersion,
    toSchema: opened.schemaVersion,
    backupFile: opened.upgradeBackup ?? null,
    releases: notesBetween(RELEASE_NOTES, from, appVersion),
  };
}
