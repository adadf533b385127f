import type { Selectable } from 'kysely';
import type { Store } from '../../../db/store';
import type { LedgerHeirsTable, OneOffItemsTable } from '../../../db/schema';
import type { LineKind } from '@shared/api/payroll';
import type { PayoutMethodCode } from '@shared/api/register';

// What the payroll plan reads (issue 13): the register once per build, each a single pass (hot: 100,000
// people); statements cached by the Store as before.

/** Every person's id in the register's name order (the plan's ranking). */
export function personIdsInNameOrder(store: Store): number[] {
  return store.prepare('SELECT id FROM people ORDER BY sort_key, id').pluck().all() as number[];
}

export interface ComponentRow {
  term_id: number;
  kind: string;
  label_vi: string;
  amount_vnd: number;
}

/** The amount components of the terms of entitlements running in `month`. */
export function componentsInForce(store: Store, month: string): IterableIterator<ComponentRow> {
  return store
    .prepare(
      `SELECT c.term_id, c.kind, c.label_vi, c.amount_vnd FROM term_components c
       JOIN entitlement_terms t ON t.id = c.term_id JOIN entitlements e ON e.id = t.entitlement_id
       WHERE e.start_month <= ? AND (e.end_month IS NULL OR e.end_month >= ?) ORDER BY c.id`,
    )
    .iterate(month, month) as IterableIterator<ComponentRow>;
}

/** Care-support entitlements and the name of the person cared for. */
export function caredPersonNames(store: Store): Array<{ id: number; full_name: string }> {
  return store
    .prepare(
      'SELECT e.id, p.full_name FROM entitlements e JOIN people p ON p.id = e.cared_person_id WHERE e.cared_person_id IS NOT NULL',
    )
    .all() as Array<{ id: number; full_name: string }>;
}

export type ItemRow = Pick<
  Selectable<OneOffItemsTable>,
  'id' | 'person_id' | 'entitlement_id' | 'kind' | 'amount_vnd' | 'due_month' | 'payee_name' | 'note'
> & {
  programme: string;
};

/** One-off items due by `month`, not superseded and not yet in an approved payroll. */
export function oneOffItemsDue(store: Store, month: string): ItemRow[] {
  return store
    .prepare(
      `SELECT oi.id, oi.person_id, oi.entitlement_id, oi.kind, oi.amount_vnd, oi.due_month, oi.payee_name, oi.note,
              COALESCE(oi.programme_code, e.programme_code, d.programme_code, 'BTXH') AS programme
       FROM one_off_items oi
       LEFT JOIN entitlements e ON e.id = oi.entitlement_id
       LEFT JOIN decisions d ON d.id = oi.decision_id
       WHERE oi.due_month <= ? AND oi.superseded = 0
         AND NOT EXISTS (SELECT 1 FROM payroll_lines l JOIN payrolls q ON q.id = l.payroll_id
                         WHERE l.one_off_item_id = oi.id AND q.status = 'approved')
       ORDER BY oi.id`,
    )
    .all(month) as ItemRow[];
}

export interface CarryRow {
  id: number;
  person_id: number;
  entitlement_id: number | null;
  kind: LineKind;
  status: 'carried_over' | 'converted_to_cash';
  amount_vnd: number;
  month: string;
  programme: string;
  group_code: string | null;
  group_label: string;
  coefficient_milli: number | null;
  standard_vnd: number | null;
  components_json: string | null;
  method: PayoutMethodCode;
  receiver_name: string | null;
  note: string;
  last_reason: string | null;
  last_status: string | null;
}

/** Lines of approved payrolls before `month` carried over or converted to cash, not yet picked up by an approved payroll. */
export function carriedLinesDue(store: Store, month: string): CarryRow[] {
  return store
    .prepare(
      `SELECT l.id, l.person_id, l.entitlement_id, l.kind, l.status, l.amount_vnd, p.month, p.programme_code AS programme,
              l.group_code, l.group_label, l.coefficient_milli, l.standard_vnd, l.components_json, l.method, l.receiver_name, l.note,
              (SELECT a.reason FROM payment_attempts a WHERE a.payroll_line_id = l.id ORDER BY a.attempt_no DESC LIMIT 1) AS last_reason,
              (SELECT a.status FROM payment_attempts a WHERE a.payroll_line_id = l.id ORDER BY a.attempt_no DESC LIMIT 1) AS last_status
       FROM payroll_lines l JOIN payrolls p ON p.id = l.payroll_id
       WHERE p.status = 'approved' AND p.month < ? AND l.status IN ('carried_over', 'converted_to_cash')
         AND NOT EXISTS (SELECT 1 FROM payroll_lines c JOIN payrolls q ON q.id = c.payroll_id
                         WHERE c.carried_from_line_id = l.id AND q.status = 'approved')
       ORDER BY l.id`,
    )
    .all(month) as CarryRow[];
}

/** People who died on or after `firstDay`, with their latest recorded heir. */
export function deceasedSince(store: Store, firstDay: string): Array<{ id: number; heir_id: number | null }> {
  return store
    .prepare(
      'SELECT p.id, (SELECT MAX(h.id) FROM ledger_heirs h WHERE h.person_id = p.id) AS heir_id FROM people p WHERE p.death_date IS NOT NULL AND p.death_date >= ?',
    )
    .all(firstDay) as Array<{ id: number; heir_id: number | null }>;
}

export type HeirRow = Selectable<LedgerHeirsTable>;

export function heirsById(store: Store, ids: readonly number[]): HeirRow[] {
  return store
    .prepare('SELECT * FROM ledger_heirs WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(ids)) as HeirRow[];
}
