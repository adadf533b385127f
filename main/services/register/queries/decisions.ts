import type { Insertable, Selectable } from 'kysely';
import { qb, type Store } from '../../../db/store';
import type {
  DecisionsTable,
  EntitlementTermsTable,
  EntitlementsTable,
  OneOffItemsTable,
  PeopleTable,
  TermComponentsTable,
} from '../../../db/schema';

// Decisions, entitlements, their terms and one-off items (issue 13): what grants, changes, stops, deaths
// and moves write, and the few rows they check first. All run in the caller's transaction.

export type NewDecision = Insertable<DecisionsTable>;

/** Inserts a decision with the columns given (named parameters); returns its id. */
export function insertDecision(store: Store, values: NewDecision): number {
  const columns = Object.keys(values);
  const sql = `INSERT INTO decisions (${columns.join(', ')}) VALUES (${columns.map((k) => `@${k}`).join(', ')})`;
  return Number(store.prepare(sql).run(values).lastInsertRowid);
}

/** A grant decision names its entitlement once the entitlement exists. */
export function linkDecision(store: Store, decisionId: number, entitlementId: number): void {
  store.prepare('UPDATE decisions SET entitlement_id = ? WHERE id = ?').run(entitlementId, decisionId);
}

export type EntitlementRow = Selectable<EntitlementsTable>;

export function insertEntitlement(
  store: Store,
  e: Pick<
    EntitlementRow,
    'person_id' | 'programme_code' | 'cared_person_id' | 'start_month' | 'grant_decision_id' | 'created_at'
  >,
): number {
  return Number(
    store
      .prepare(
        'INSERT INTO entitlements (person_id, programme_code, cared_person_id, start_month, grant_decision_id, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(e.person_id, e.programme_code, e.cared_person_id, e.start_month, e.grant_decision_id, e.created_at)
      .lastInsertRowid,
  );
}

export function entitlementById(
  store: Store,
  id: number,
): Pick<EntitlementRow, 'id' | 'person_id' | 'programme_code' | 'start_month' | 'end_month'> | undefined {
  return store.first(
    qb
      .selectFrom('entitlements')
      .select(['id', 'person_id', 'programme_code', 'start_month', 'end_month'])
      .where('id', '=', id),
  );
}

/** The last month paid of an entitlement (its stop). */
export function setEndMonth(store: Store, entitlementId: number, endMonth: string): void {
  store.prepare('UPDATE entitlements SET end_month = ? WHERE id = ?').run(endMonth, entitlementId);
}

export function caredPersonOf(store: Store, entitlementId: number): number | null {
  return (
    (store.prepare('SELECT cared_person_id FROM entitlements WHERE id = ?').pluck().get(entitlementId) as
      number | null) ?? null
  );
}

export interface OpenEntitlementRow extends Pick<EntitlementRow, 'id' | 'start_month' | 'cared_person_id'> {
  /** Of the latest term. */
  group_code: string | null;
  category_label: string;
}

/** The person's open entitlements of a programme, with their latest term's group and category. */
export function openEntitlementsOf(store: Store, personId: number, programme: string): OpenEntitlementRow[] {
  return store
    .prepare(
      `SELECT e.id, e.start_month, e.cared_person_id,
       (SELECT group_code FROM entitlement_terms WHERE entitlement_id = e.id ORDER BY effective_from DESC LIMIT 1) AS group_code,
       (SELECT category_label FROM entitlement_terms WHERE entitlement_id = e.id ORDER BY effective_from DESC LIMIT 1) AS category_label
     FROM entitlements e WHERE e.person_id = ? AND e.programme_code = ? AND e.end_month IS NULL`,
    )
    .all(personId, programme) as OpenEntitlementRow[];
}

/** The person's entitlements still running after `month` (a death or move stops them). */
export function entitlementsRunningAfter(
  store: Store,
  personId: number,
  month: string,
): Array<Pick<EntitlementRow, 'id' | 'programme_code' | 'end_month'>> {
  return store
    .prepare(
      'SELECT id, programme_code, end_month FROM entitlements WHERE person_id = ? AND (end_month IS NULL OR end_month > ?)',
    )
    .all(personId, month) as Array<Pick<EntitlementRow, 'id' | 'programme_code' | 'end_month'>>;
}

/** Who receives care support for this person after `month`. */
export function caregiversOf(
  store: Store,
  caredPersonId: number,
  month: string,
): Array<Pick<Selectable<PeopleTable>, 'id' | 'full_name'>> {
  return store
    .prepare(
      `SELECT DISTINCT p.id, p.full_name FROM entitlements e JOIN people p ON p.id = e.person_id
     WHERE e.cared_person_id = ? AND (e.end_month IS NULL OR e.end_month > ?)`,
    )
    .all(caredPersonId, month) as Array<Pick<Selectable<PeopleTable>, 'id' | 'full_name'>>;
}

export type TermRow = Selectable<EntitlementTermsTable>;

export function insertTerm(
  store: Store,
  t: Pick<
    TermRow,
    'entitlement_id' | 'effective_from' | 'status' | 'group_code' | 'multiplier' | 'category_label' | 'decision_id'
  >,
): number {
  return Number(
    store
      .prepare(
        `INSERT INTO entitlement_terms (entitlement_id, effective_from, status, group_code, multiplier, category_label, decision_id)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(t.entitlement_id, t.effective_from, t.status, t.group_code, t.multiplier, t.category_label, t.decision_id)
      .lastInsertRowid,
  );
}

export interface TermComponent {
  kind: Selectable<TermComponentsTable>['kind'];
  label: Selectable<TermComponentsTable>['label_vi'];
  amountVnd: Selectable<TermComponentsTable>['amount_vnd'];
}

export function insertTermComponents(store: Store, termId: number, components: readonly TermComponent[]): void {
  const component = store.prepare(
    'INSERT INTO term_components (term_id, kind, label_vi, amount_vnd) VALUES (?, ?, ?, ?)',
  );
  for (const c of components) component.run(termId, c.kind, c.label, c.amountVnd);
}

export function termComponents(store: Store, termId: number): TermComponent[] {
  return store
    .prepare('SELECT kind, label_vi AS label, amount_vnd AS amountVnd FROM term_components WHERE term_id = ?')
    .all(termId) as TermComponent[];
}

export type TermAtRow = Pick<
  TermRow,
  'id' | 'status' | 'group_code' | 'multiplier' | 'category_label' | 'effective_from'
>;

/** The entitlement's term in force in `month`. */
export function termAt(store: Store, entitlementId: number, month: string): TermAtRow | undefined {
  return store
    .prepare(
      `SELECT id, status, group_code, multiplier, category_label, effective_from FROM entitlement_terms
     WHERE entitlement_id = ? AND effective_from <= ? ORDER BY effective_from DESC LIMIT 1`,
    )
    .get(entitlementId, month) as TermAtRow | undefined;
}

export type OneOffRow = Selectable<OneOffItemsTable>;

/** An arrears item due in `due_month`; returns its id. */
export function insertArrears(
  store: Store,
  a: Pick<
    OneOffRow,
    | 'person_id'
    | 'entitlement_id'
    | 'amount_vnd'
    | 'due_month'
    | 'decision_id'
    | 'note'
    | 'months_from'
    | 'months_to'
    | 'created_at'
  >,
): number {
  return Number(
    store
      .prepare(
        `INSERT INTO one_off_items (person_id, entitlement_id, kind, amount_vnd, due_month, decision_id, note, months_from, months_to, created_at)
       VALUES (?, ?, 'arrears', ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        a.person_id,
        a.entitlement_id,
        a.amount_vnd,
        a.due_month,
        a.decision_id,
        a.note,
        a.months_from,
        a.months_to,
        a.created_at,
      ).lastInsertRowid,
  );
}

/** The funeral support of a death, paid once to whoever organised the funeral; returns its id. */
export function insertFuneral(
  store: Store,
  f: Pick<OneOffRow, 'person_id' | 'amount_vnd' | 'due_month' | 'decision_id' | 'payee_name' | 'note' | 'created_at'>,
): number {
  return Number(
    store
      .prepare(
        `INSERT INTO one_off_items (person_id, kind, amount_vnd, due_month, decision_id, payee_name, note, created_at)
         VALUES (?, 'funeral', ?, ?, ?, ?, ?, ?)`,
      )
      .run(f.person_id, f.amount_vnd, f.due_month, f.decision_id, f.payee_name, f.note, f.created_at).lastInsertRowid,
  );
}
