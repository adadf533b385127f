import type { Store } from '../../db/store';
import type { OfficeMode, ReceivedExportView, WardView } from '@shared/api/receiving';

// The receiving office's SQL (issue 17). "Current" data is never a flag that a later write has to keep
// right: for a ward, month and report, the data that counts is the one from the newest export (by the
// ward's own export moment) holding that report; older ones stay as history.

const MODE_KEY = 'office-mode';

export function officeMode(store: Store): OfficeMode {
  const row = store.prepare('SELECT value_json FROM settings WHERE key = ?').get(MODE_KEY) as
    { value_json: string } | undefined;
  if (!row) return 'ward';
  try {
    return (JSON.parse(row.value_json) as { mode?: unknown }).mode === 'receiving' ? 'receiving' : 'ward';
  } catch {
    return 'ward';
  }
}

export function saveOfficeMode(store: Store, mode: OfficeMode, at: string, userId: number | null): void {
  store
    .prepare(
      `INSERT INTO settings (key, value_json, updated_at, updated_by) VALUES (?, ?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    )
    .run(MODE_KEY, JSON.stringify({ mode }), at, userId);
}

export const registerPeopleCount = (store: Store): number =>
  (store.prepare('SELECT COUNT(*) AS n FROM people').get() as { n: number }).n;
export const receivedCount = (store: Store): number =>
  (store.prepare('SELECT COUNT(*) AS n FROM received_exports').get() as { n: number }).n;

export function exportByManifest(
  store: Store,
  sha: string,
): { id: number; receivedAt: string; wardCode: string; month: string } | undefined {
  return store
    .prepare(
      'SELECT id, received_at AS receivedAt, ward_code AS wardCode, month FROM received_exports WHERE manifest_sha256 = ?',
    )
    .get(sha) as { id: number; receivedAt: string; wardCode: string; month: string } | undefined;
}

/** The anchors of a ward's exports, in the order the ward made them. */
export function wardAnchors(
  store: Store,
  code: string,
): Array<{ createdAt: string; seq: number | null; hash: string | null; month: string }> {
  return store
    .prepare(
      'SELECT created_at AS createdAt, anchor_seq AS seq, anchor_hash AS hash, month FROM received_exports WHERE ward_code = ? ORDER BY created_at, id',
    )
    .all(code) as Array<{ createdAt: string; seq: number | null; hash: string | null; month: string }>;
}

/** The newest export moment of this ward and month already received (a later one replaces it), or null. */
export const newestExportOf = (store: Store, code: string, month: string): string | null =>
  (
    store
      .prepare('SELECT MAX(created_at) AS at FROM received_exports WHERE ward_code = ? AND month = ?')
      .get(code, month) as { at: string | null }
  ).at;

export function upsertWard(store: Store, ward: { code: string; name: string; province: string }, at: string): void {
  store
    .prepare(
      `INSERT INTO receiving_wards (code, name, province, added_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(code) DO UPDATE SET name = excluded.name, province = CASE WHEN excluded.province = '' THEN province ELSE excluded.province END`,
    )
    .run(ward.code, ward.name, ward.province, at);
}

export interface NewExport {
  wardCode: string;
  month: string;
  from: string;
  yearFrom: string;
  manifestSha256: string;
  folderName: string;
  createdAt: string;
  createdBy: string;
  appVersion: string;
  dataVersion: number;
  encrypted: boolean;
  anchor: { seq: number; hash: string } | null;
  reports: Array<{ report: string; json: string }>;
  files: number;
  bytes: number;
}

export function insertExport(store: Store, e: NewExport, at: string, userId: number | null): number {
  const id = Number(
    store
      .prepare(
        `INSERT INTO received_exports (ward_code, month, period_from, year_from, manifest_sha256, folder_name, created_at, created_by, app_version,
           data_version, encrypted, anchor_seq, anchor_hash, reports_json, files, bytes, received_at, received_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        e.wardCode,
        e.month,
        e.from,
        e.yearFrom,
        e.manifestSha256,
        e.folderName,
        e.createdAt,
        e.createdBy,
        e.appVersion,
        e.dataVersion,
        e.encrypted ? 1 : 0,
        e.anchor?.seq ?? null,
        e.anchor?.hash ?? null,
        JSON.stringify(e.reports.map((r) => r.report)),
        e.files,
        e.bytes,
        at,
        userId,
      ).lastInsertRowid,
  );
  const data = store.prepare(
    'INSERT INTO received_report_data (export_id, report, ward_code, month, created_at, data_json) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const r of e.reports) data.run(id, r.report, e.wardCode, e.month, e.createdAt, r.json);
  return id;
}

export function wardsList(store: Store): WardView[] {
  return store
    .prepare(
      `SELECT w.code, w.name, w.province, COUNT(e.id) AS exports, MAX(e.month) AS lastMonth, MAX(e.received_at) AS lastReceivedAt
       FROM receiving_wards w LEFT JOIN received_exports e ON e.ward_code = w.code
       GROUP BY w.code ORDER BY w.code`,
    )
    .all() as WardView[];
}

/** The current data of every ward for the months given: one row per ward, month and report (the newest). */
export function currentData(
  store: Store,
  months: readonly string[],
  reports: readonly string[],
): Array<{ wardCode: string; month: string; report: string; json: string }> {
  return store
    .prepare(
      `SELECT d.ward_code AS wardCode, d.month, d.report, d.data_json AS json
       FROM received_report_data d
       WHERE d.month IN (SELECT value FROM json_each(?)) AND d.report IN (SELECT value FROM json_each(?))
         AND NOT EXISTS (SELECT 1 FROM received_report_data n
                         WHERE n.month = d.month AND n.report = d.report AND n.ward_code = d.ward_code
                           AND (n.created_at > d.created_at OR (n.created_at = d.created_at AND n.export_id > d.export_id)))
       ORDER BY d.ward_code`,
    )
    .all(JSON.stringify(months), JSON.stringify(reports)) as Array<{
    wardCode: string;
    month: string;
    report: string;
    json: string;
  }>;
}

export function wardHistory(store: Store, code: string): ReceivedExportView[] {
  const rows = store
    .prepare(
      `SELECT e.id, e.ward_code AS wardCode, e.month, e.period_from AS "from", e.folder_name AS folderName, e.created_at AS createdAt, e.created_by AS createdBy,
              e.received_at AS receivedAt, COALESCE(u.full_name, '') AS receivedBy, e.reports_json AS reportsJson, e.encrypted, e.anchor_seq AS seq, e.anchor_hash AS hash,
              NOT EXISTS (SELECT 1 FROM received_report_data d WHERE d.export_id = e.id
                AND NOT EXISTS (SELECT 1 FROM received_report_data n WHERE n.month = d.month AND n.report = d.report AND n.ward_code = d.ward_code
                                 AND (n.created_at > d.created_at OR (n.created_at = d.created_at AND n.export_id > d.export_id)))) AS replaced
       FROM received_exports e LEFT JOIN users u ON u.id = e.received_by
       WHERE e.ward_code = ? ORDER BY e.month DESC, e.created_at DESC, e.id DESC`,
    )
    .all(code) as Array<
    Omit<ReceivedExportView, 'reports' | 'anchor' | 'encrypted' | 'replaced'> & {
      reportsJson: string;
      encrypted: number;
      seq: number | null;
      hash: string | null;
      replaced: number;
    }
  >;
  return rows.map(({ reportsJson, seq, hash, encrypted, replaced, ...r }) => ({
    ...r,
    reports: JSON.parse(reportsJson) as string[],
    encrypted: encrypted === 1,
    anchor: seq !== null && hash !== null ? { seq, hash } : null,
    replaced: replaced === 1,
  }));
}
