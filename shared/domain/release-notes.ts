// Release notes shipped with the app ("Có gì mới"), keyed by app version, and what a newer version shows
// on its first start: every release after the one that last ran, newest first.

export interface ReleaseNote {
  /** YYYY-MM-DD */
  date: string;
  items: string[];
}
export type ReleaseNotes = Record<string, ReleaseNote>;

export interface WhatsNew {
  fromVersion: string;
  toVersion: string;
  fromSchema: number;
  toSchema: number;
  /** The verified copy taken before the register was migrated (null when the schema did not change). */
  backupFile: string | null;
  releases: Array<ReleaseNote & { version: string }>;
}

/** Compares 'major.minor.patch' numerically (a pre-release suffix is ignored): negative when a < b. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) =>
    v
      .split(/[-+]/)[0]!
      .split('.')
      .map((n) => Number.parseInt(n, 10) || 0);
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Notes of the versions after `from` up to and including `to`, newest first. */
export function notesBetween(notes: ReleaseNotes, from: string, to: string): Array<ReleaseNote & { version: string }> {
  return Object.entries(notes)
    .filter(([version]) => compareVersions(version, from) > 0 && compareVersions(version, to) <= 0)
    .sort(([a], [b]) => compareVersions(b, a))
    .map(([version, note]) => ({ version, ...note }));
}
