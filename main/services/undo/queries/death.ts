import type { Selectable } from 'kysely';
import type { Store } from '../../../db/store';
import type { AuditLogTable, PeopleTable } from '../../../db/schema';

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

/** The months of the payrolls (drafts too) with a line paying this one-off item. */

export function payrollMonthsOfItem(store: Store, itemId: number): string[] {
  return store.sqlite
    .prepare(
      'SELECT DISTINCT p.month FROM payroll_lines l JOIN payrolls p ON p.id = l.payroll_id WHERE l.one_off_item_id = ? ORDER BY p.month',
    )
    .pluck()
    .all(itemId) as string[];
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

/** A 'resume' decision reversing a stop (no number, signer or date: a correction). */

export function supersedeItem(store: Store, itemId: number): void {
  store.sqlite.prepare('UPDATE one_off_items SET superseded = 1 WHERE id = ?').run(itemId);
}

/** The caregivers paid for this person (care support follows the cared person). */
