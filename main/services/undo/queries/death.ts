import type { Selectable } from 'kysely';
import type { Store } from '../../../db/store';
import type { AuditLogTable, DecisionsTable, PeopleTable } from '../../../db/schema';

// Undoing a death entered by mistake (issue 13): what the entry wrote, read back from the audit log, and
// the corrections. On the raw connection, as before.

type AuditRow = Selectable<AuditLogTable>;

export function deathPerson(
  store: Store,
  personId: number,
): Pick<Selectable<PeopleTable>, 'full_name' | 'death_date' | 'citizen_id'> | undefined {
  return store.sqlite.prepare('SELECT full_name, death_date, citizen_id FROM people WHERE id = ?').get(personId) as
    Pick<Selectable<PeopleTable>, 'full_name' | 'death_date' | 'citizen_id'> | undefined;
}

/** The person's latest 'person.death' audit entry. */
export function lastDeathEntry(store: Store, personId: number): Pick<AuditRow, 'id' | 'at' | 'after_json'> | undefined {
  return store.sqlite
    .prepare(
      "SELECT id, at, after_json FROM audit_log WHERE person_id = ? AND action = 'person.death' ORDER BY id DESC LIMIT 1",
    )
    .get(personId) as Pick<AuditRow, 'id' | 'at' | 'after_json'> | undefined;
}

/** The same command's entries about the person: after `afterId`, at the same instant. */
export function sameCommandEntries(
  store: Store,
  personId: number,
  afterId: number,
  at: string,
): Array<Pick<AuditRow, 'action' | 'entity_id' | 'before_json' | 'after_json'>> {
  return store.sqlite
    .prepare(
      'SELECT action, entity_id, before_json, after_json FROM audit_log WHERE person_id = ? AND id > ? AND at = ? ORDER BY id',
    )
    .all(personId, afterId, at) as Array<Pick<AuditRow, 'action' | 'entity_id' | 'before_json' | 'after_json'>>;
}

/** The months of the payrolls (drafts too) with a line paying this one-off item. */
export function payrollMonthsOfItem(store: Store, itemId: number): string[] {
  return store.sqlite
    .prepare(
      'SELECT DISTINCT p.month FROM payroll_lines l JOIN payrolls p ON p.id = l.payroll_id WHERE l.one_off_item_id = ? ORDER BY p.month',
    )
    .pluck()
    .all(itemId) as string[];
}

export function decisionsSince(store: Store, personId: number, at: string): number[] {
  return store.sqlite
    .prepare('SELECT id FROM decisions WHERE person_id = ? AND created_at >= ?')
    .pluck()
    .all(personId, at) as number[];
}

export function entitlementEnd(store: Store, entitlementId: number): string | null | undefined {
  return store.sqlite.prepare('SELECT end_month FROM entitlements WHERE id = ?').pluck().get(entitlementId) as
    string | null | undefined;
}

export function heirCount(store: Store, personId: number): number {
  return store.sqlite.prepare('SELECT COUNT(*) FROM ledger_heirs WHERE person_id = ?').pluck().get(personId) as number;
}

export function recoveriesSince(store: Store, personId: number, at: string): number {
  return store.sqlite
    .prepare('SELECT COUNT(*) FROM ledger_recoveries WHERE person_id = ? AND created_at >= ?')
    .pluck()
    .get(personId, at) as number;
}

/** A living person (other than `exceptId`) holding this citizen ID. */
export function livingHolderOf(store: Store, citizenId: string, exceptId: number): string | undefined {
  return store.sqlite
    .prepare('SELECT full_name FROM people WHERE citizen_id = ? AND death_date IS NULL AND id <> ?')
    .pluck()
    .get(citizenId, exceptId) as string | undefined;
}

export function clearDeathDate(store: Store, personId: number, at: string): void {
  store.sqlite.prepare('UPDATE people SET death_date = NULL, updated_at = ? WHERE id = ?').run(at, personId);
}

export function stopDecision(
  store: Store,
  decisionId: number,
): Pick<Selectable<DecisionsTable>, 'programme_code' | 'effective_month'> | undefined {
  return store.sqlite.prepare('SELECT programme_code, effective_month FROM decisions WHERE id = ?').get(decisionId) as
    Pick<Selectable<DecisionsTable>, 'programme_code' | 'effective_month'> | undefined;
}

/** A 'resume' decision reversing a stop (no number, signer or date: a correction). */
export function insertResumeDecision(
  store: Store,
  d: {
    personId: number;
    programme: string;
    month: string;
    reason: string;
    entitlementId: number;
    reverses: number;
    at: string;
    by: number | null;
  },
): number {
  return Number(
    store.sqlite
      .prepare(
        `INSERT INTO decisions (person_id, programme_code, kind, number, signed_date, signer, effective_month, reason, entitlement_id, reverses_decision_id, created_at, created_by)
         VALUES (?, ?, 'resume', '', NULL, '', ?, ?, ?, ?, ?, ?)`,
      )
      .run(d.personId, d.programme, d.month, d.reason, d.entitlementId, d.reverses, d.at, d.by).lastInsertRowid,
  );
}

export function setEntitlementEnd(store: Store, entitlementId: number, endMonth: string | null): void {
  store.sqlite.prepare('UPDATE entitlements SET end_month = ? WHERE id = ?').run(endMonth, entitlementId);
}

export function supersedeItem(store: Store, itemId: number): void {
  store.sqlite.prepare('UPDATE one_off_items SET superseded = 1 WHERE id = ?').run(itemId);
}

/** The caregivers paid for this person (care support follows the cared person). */
export function carersOf(store: Store, personId: number): number[] {
  return store.sqlite
    .prepare('SELECT DISTINCT person_id FROM entitlements WHERE cared_person_id = ?')
    .pluck()
    .all(personId) as number[];
}
