import type { Selectable } from 'kysely';
import type { Store } from '../../../db/store';
import type { AuditLogTable, PeopleTable, PersonTransfersTable } from '../../../db/schema';

// Undoing a move away entered by mistake: the entry read back from the audit log, the transfer it may
// have been recorded with, and the corrections.

type AuditRow = Selectable<AuditLogTable>;
export type MovePerson = Pick<Selectable<PeopleTable>, 'full_name' | 'moved_away_date' | 'death_date'>;

export function movePerson(store: Store, personId: number): MovePerson | undefined {
  return store.sqlite
    .prepare('SELECT full_name, moved_away_date, death_date FROM people WHERE id = ?')
    .get(personId) as MovePerson | undefined;
}

/** The person's latest 'person.moveAway' audit entry. */
export function lastMoveEntry(store: Store, personId: number): Pick<AuditRow, 'id' | 'at' | 'after_json'> | undefined {
  return store.sqlite
    .prepare(
      "SELECT id, at, after_json FROM audit_log WHERE person_id = ? AND action = 'person.moveAway' ORDER BY id DESC LIMIT 1",
    )
    .get(personId) as Pick<AuditRow, 'id' | 'at' | 'after_json'> | undefined;
}

export function clearMovedAway(store: Store, personId: number, at: string): void {
  store.sqlite.prepare('UPDATE people SET moved_away_date = NULL, updated_at = ? WHERE id = ?').run(at, personId);
}

export type TransferOut = Pick<
  Selectable<PersonTransfersTable>,
  'id' | 'other_unit' | 'moved_date' | 'decision_number'
>;

/** The person's recorded transfers out (to another ward). */
export function transfersOut(store: Store, personId: number): TransferOut[] {
  return store.sqlite
    .prepare(
      "SELECT id, other_unit, moved_date, decision_number FROM person_transfers WHERE person_id = ? AND direction = 'out' ORDER BY id",
    )
    .all(personId) as TransferOut[];
}

export function deleteTransfer(store: Store, transferId: number): void {
  store.sqlite.prepare('DELETE FROM person_transfers WHERE id = ?').run(transferId);
}

/** How many times the signed transfer files of this person were written since `at`. */
export function transferFilesWrittenSince(store: Store, personId: number, at: string): number {
  return store.sqlite
    .prepare("SELECT COUNT(*) FROM audit_log WHERE person_id = ? AND action = 'personFile.transferFiles' AND at >= ?")
    .pluck()
    .get(personId, at) as number;
}
