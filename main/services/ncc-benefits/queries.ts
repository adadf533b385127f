import type { Store } from '../../db/store';
import type { NccBenefitView } from '@shared/api/ncc-benefits';

// SQL of the allowances the Sở decides on an NCC's death: one-off items of the NCC programme carrying the
// decision (migration 015). Writes run in the caller's transaction.

export interface NccPersonRow {
  id: number;
  fullName: string;
  deathDate: string | null;
  /** The person's latest NCC entitlement, or null when they never had one. */
  entitlementId: number | null;
}

export function nccPerson(store: Store, personId: number): NccPersonRow | undefined {
  return store
    .prepare(
      `SELECT p.id, p.full_name AS fullName, p.death_date AS deathDate,
              (SELECT max(e.id) FROM entitlements e WHERE e.person_id = p.id AND e.programme_code = 'NCC') AS entitlementId
       FROM people p WHERE p.id = ?`,
    )
    .get(personId) as NccPersonRow | undefined;
}

export interface NewNccItem {
  personId: number;
  entitlementId: number;
  kind: 'funeral' | 'other';
  amountVnd: number;
  dueMonth: string;
  payeeName: string;
  relationship: string;
  note: string;
  decisionNumber: string;
  decisionDate: string;
  issuer: string;
  createdAt: string;
}

export function insertNccItem(store: Store, i: NewNccItem): number {
  return Number(
    store
      .prepare(
        `INSERT INTO one_off_items (person_id, entitlement_id, kind, amount_vnd, due_month, payee_name, payee_relationship, note,
                                    programme_code, decided_number, decided_date, decided_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'NCC', ?, ?, ?, ?)`,
      )
      .run(
        i.personId,
        i.entitlementId,
        i.kind,
        i.amountVnd,
        i.dueMonth,
        i.payeeName,
        i.relationship,
        i.note,
        i.decisionNumber,
        i.decisionDate,
        i.issuer,
        i.createdAt,
      ).lastInsertRowid,
  );
}

/** A decision already recorded for this person and kind (the unique index would refuse it too). */
export function recordedDecision(store: Store, personId: number, kind: 'funeral' | 'other', number: string): boolean {
  return (
    store
      .prepare(`SELECT 1 FROM one_off_items WHERE person_id = ? AND kind = ? AND decided_number = ? AND superseded = 0`)
      .get(personId, kind, number) !== undefined
  );
}

export function nccBenefitsOf(store: Store, personId: number): NccBenefitView[] {
  return store
    .prepare(
      `SELECT oi.id, CASE oi.kind WHEN 'funeral' THEN 'funeral' ELSE 'lump_sum' END AS kind, oi.amount_vnd AS amountVnd,
              oi.payee_name AS payeeName, oi.payee_relationship AS relationship, oi.decided_number AS decisionNumber,
              oi.decided_date AS decisionDate, oi.decided_by AS issuer, oi.due_month AS dueMonth,
              (SELECT q.month FROM payroll_lines l JOIN payrolls q ON q.id = l.payroll_id
               WHERE l.one_off_item_id = oi.id AND q.status = 'approved' ORDER BY q.month LIMIT 1) AS paidMonth
       FROM one_off_items oi
       WHERE oi.person_id = ? AND oi.decided_number <> '' AND oi.programme_code = 'NCC' AND oi.superseded = 0
       ORDER BY oi.id DESC`,
    )
    .all(personId) as NccBenefitView[];
}
