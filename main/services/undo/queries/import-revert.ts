import type { Selectable } from 'kysely';
import type { Store } from '../../../db/store';
import type { ImportsTable } from '../../../db/schema';
import type { ImportHistoryRow } from '@shared/api/undo';

// Reverting an import (issue 13): the import's people and entitlements go into scratch tables, so each
// check and each delete is one set query.

export type ImportRow = Pick<
  Selectable<ImportsTable>,
  'id' | 'file_name' | 'as_of_month' | 'added' | 'created_at' | 'reverted_at'
>;

export function importById(store: Store, id: number): ImportRow | undefined {
  return store.sqlite
    .prepare('SELECT id, file_name, as_of_month, added, created_at, reverted_at FROM imports WHERE id = ?')
    .get(id) as ImportRow | undefined;
}

export function importHistoryRows(store: Store): ImportHistoryRow[] {
  return store.sqlite
    .prepare(
      `SELECT i.id, i.file_name AS fileName, i.as_of_month AS asOfMonth, i.added, i.skipped, i.created_at AS createdAt,
              COALESCE(u.full_name, '') AS createdBy, i.reverted_at AS revertedAt, r.full_name AS revertedBy
       FROM imports i LEFT JOIN users u ON u.id = i.created_by LEFT JOIN users r ON r.id = i.reverted_by ORDER BY i.id DESC`,
    )
    .all() as ImportHistoryRow[];
}

// Scratch tables of the import's people and entitlements, so each check is one set query.
export function collect(store: Store, imp: ImportRow): { people: number; entitlements: number } {
  const db = store.sqlite;
  db.exec(
    'CREATE TEMP TABLE IF NOT EXISTS undo_people (id INTEGER PRIMARY KEY); CREATE TEMP TABLE IF NOT EXISTS undo_entitlements (id INTEGER PRIMARY KEY);',
  );
  db.exec('DELETE FROM undo_people; DELETE FROM undo_entitlements;');
  const people = db
    .prepare('INSERT INTO undo_people (id) SELECT id FROM people WHERE import_id = ?')
    .run(imp.id).changes;
  const entitlements = db
    .prepare(
      'INSERT INTO undo_entitlements (id) SELECT e.id FROM entitlements e JOIN undo_people u ON u.id = e.person_id',
    )
    .run().changes;
  return { people, entitlements };
}

export function clearScratch(store: Store): void {
  store.sqlite.exec('DELETE FROM undo_people; DELETE FROM undo_entitlements;');
}

/** The months of payrolls (drafts too) with a line of, or received by, one of the import's people. */
export function payrollMonthsOfImported(store: Store): string[] {
  return store.sqlite
    .prepare(
      `SELECT DISTINCT p.month FROM payroll_lines l JOIN payrolls p ON p.id = l.payroll_id
       WHERE l.person_id IN (SELECT id FROM undo_people) OR l.receiver_person_id IN (SELECT id FROM undo_people) ORDER BY p.month`,
    )
    .pluck()
    .all() as string[];
}

const count = (store: Store, sql: string, ...params: unknown[]) =>
  (store.sqlite
    .prepare(sql)
    .pluck()
    .get(...params) as number) ?? 0;

export function importedPeopleOnPayrolls(store: Store): number {
  return count(
    store,
    'SELECT COUNT(DISTINCT person_id) FROM payroll_lines WHERE person_id IN (SELECT id FROM undo_people)',
  );
}

/** The import's people with no entitlement: those who only receive for someone. */
export function importedReceiversOnly(store: Store): number {
  return count(
    store,
    'SELECT COUNT(*) FROM undo_people u WHERE NOT EXISTS (SELECT 1 FROM entitlements e WHERE e.person_id = u.id)',
  );
}

/** What was written about the import's people after it (at a different time than `at`, the import's). */
const LATER_CHANGES = {
  laterDecisions: `SELECT COUNT(*) FROM decisions WHERE person_id IN (SELECT id FROM undo_people) AND created_at <> @at`,
  laterEntitlements: `SELECT COUNT(*) FROM entitlements WHERE person_id IN (SELECT id FROM undo_people) AND created_at <> @at`,
  caredByOthers: `SELECT COUNT(*) FROM entitlements WHERE cared_person_id IN (SELECT id FROM undo_people) AND person_id NOT IN (SELECT id FROM undo_people)`,
  laterMethods: `SELECT COUNT(*) FROM payout_methods WHERE person_id IN (SELECT id FROM undo_people) AND created_at <> @at`,
  changedAccounts: `SELECT COUNT(*) FROM bank_accounts WHERE owner_person_id IN (SELECT id FROM undo_people) AND (created_at <> @at OR closed_date IS NOT NULL)`,
  certifiedAuthorizations: `SELECT COUNT(*) FROM authorizations WHERE (giver_person_id IN (SELECT id FROM undo_people) OR receiver_person_id IN (SELECT id FROM undo_people)) AND certified_date IS NOT NULL`,
  changedAuthorizations: `SELECT COUNT(*) FROM authorizations WHERE (giver_person_id IN (SELECT id FROM undo_people) OR receiver_person_id IN (SELECT id FROM undo_people)) AND certified_date IS NULL AND (created_at <> @at OR revoked_date IS NOT NULL)`,
  oneOffItems: `SELECT COUNT(*) FROM one_off_items WHERE person_id IN (SELECT id FROM undo_people) OR payee_person_id IN (SELECT id FROM undo_people)`,
  heirs: `SELECT COUNT(*) FROM ledger_heirs WHERE person_id IN (SELECT id FROM undo_people)`,
  recoveries: `SELECT COUNT(*) FROM ledger_recoveries WHERE person_id IN (SELECT id FROM undo_people)`,
  changedPeople: `SELECT COUNT(*) FROM people WHERE id IN (SELECT id FROM undo_people) AND (updated_at <> @at OR death_date IS NOT NULL OR moved_away_date IS NOT NULL)`,
};

export type LaterChange = keyof typeof LATER_CHANGES;

export function laterChanges(store: Store, at: string): Record<LaterChange, number> {
  const out = {} as Record<LaterChange, number>;
  for (const [key, sql] of Object.entries(LATER_CHANGES) as Array<[LaterChange, string]>)
    out[key] = count(store, sql, { at });
  return out;
}

/** Deletes everything the import created, children first; the rows removed per table. */
export function deleteImported(store: Store) {
  const run = (sql: string) => store.sqlite.prepare(sql).run().changes;
  return {
    termComponents: run(
      'DELETE FROM term_components WHERE term_id IN (SELECT t.id FROM entitlement_terms t WHERE t.entitlement_id IN (SELECT id FROM undo_entitlements))',
    ),
    terms: run('DELETE FROM entitlement_terms WHERE entitlement_id IN (SELECT id FROM undo_entitlements)'),
    ledgerOpenings: run('DELETE FROM ledger_opening WHERE entitlement_id IN (SELECT id FROM undo_entitlements)'),
    payoutMethods: run('DELETE FROM payout_methods WHERE person_id IN (SELECT id FROM undo_people)'),
    authorizations: run(
      'DELETE FROM authorizations WHERE giver_person_id IN (SELECT id FROM undo_people) OR receiver_person_id IN (SELECT id FROM undo_people)',
    ),
    bankAccounts: run('DELETE FROM bank_accounts WHERE owner_person_id IN (SELECT id FROM undo_people)'),
    entitlements: run('DELETE FROM entitlements WHERE id IN (SELECT id FROM undo_entitlements)'),
    decisions: run('DELETE FROM decisions WHERE person_id IN (SELECT id FROM undo_people)'),
    summaries: run('DELETE FROM register_summary WHERE person_id IN (SELECT id FROM undo_people)'),
    marks: run('DELETE FROM ledger_marks WHERE person_id IN (SELECT id FROM undo_people)'),
    people: run('DELETE FROM people WHERE id IN (SELECT id FROM undo_people)'),
  };
}

export function markReverted(store: Store, importId: number, at: string, by: number | null): void {
  store.sqlite.prepare('UPDATE imports SET reverted_at = ?, reverted_by = ? WHERE id = ?').run(at, by, importId);
}
