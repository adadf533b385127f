import type { Selectable } from 'kysely';
import type { Store } from '../../../db/store';
import type { AuditLogTable, DecisionsTable } from '../../../db/schema';

// What undoing a life event (a death, a move away) reads and writes about the stops it made: the same
// command's audit entries, the entitlements' end months, and the 'resume' decisions that reverse them.

type AuditRow = Selectable<AuditLogTable>;

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

export function stopDecision(
  store: Store,
  decisionId: number,
): Pick<Selectable<DecisionsTable>, 'programme_code' | 'effective_month'> | undefined {
  return store.sqlite.prepare('SELECT programme_code, effective_month FROM decisions WHERE id = ?').get(decisionId) as
    Pick<Selectable<DecisionsTable>, 'programme_code' | 'effective_month'> | undefined;
}

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

export function carersOf(store: Store, personId: number): number[] {
  return store.sqlite
    .prepare('SELECT DISTINCT person_id FROM entitlements WHERE cared_person_id = ?')
    .pluck()
    .all(personId) as number[];
}
