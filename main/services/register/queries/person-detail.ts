import type { Selectable } from 'kysely';
import type { Store } from '../../../db/store';
import type { EntitlementTermsTable, EntitlementsTable, PeopleTable } from '../../../db/schema';
import type { DecisionView, OneOffView, ProgrammeCode } from '@shared/api/register';

// What the person page reads (issue 13): the person, their entitlements with every term, decisions and
// one-off items. The terms' components are read with termComponents (queries/decisions.ts).

export interface PersonDetailRow extends Selectable<PeopleTable> {
  /** The neighbourhood's name. */
  neighbourhood: string | null;
}

export function personWithNeighbourhood(store: Store, id: number): PersonDetailRow | undefined {
  return store
    .prepare(
      `SELECT p.*, n.name AS neighbourhood FROM people p LEFT JOIN neighbourhoods n ON n.id = p.neighbourhood_id WHERE p.id = ?`,
    )
    .get(id) as PersonDetailRow | undefined;
}

export interface PersonEntitlementRow extends Pick<
  Selectable<EntitlementsTable>,
  'id' | 'start_month' | 'end_month' | 'cared_person_id'
> {
  programme_code: ProgrammeCode;
}

/** The person's entitlements, oldest first. */
export function entitlementsOfPerson(store: Store, personId: number): PersonEntitlementRow[] {
  return store
    .prepare(
      'SELECT id, programme_code, start_month, end_month, cared_person_id FROM entitlements WHERE person_id = ? ORDER BY start_month, id',
    )
    .all(personId) as PersonEntitlementRow[];
}

export type PersonTermRow = Pick<
  Selectable<EntitlementTermsTable>,
  'id' | 'entitlement_id' | 'effective_from' | 'status' | 'group_code' | 'multiplier' | 'category_label' | 'decision_id'
>;

/** Every term of the person's entitlements, in effective order. */
export function termsOfPerson(store: Store, personId: number): PersonTermRow[] {
  return store
    .prepare(
      `SELECT t.id, t.entitlement_id, t.effective_from, t.status, t.group_code, t.multiplier, t.category_label, t.decision_id
     FROM entitlement_terms t JOIN entitlements e ON e.id = t.entitlement_id WHERE e.person_id = ? ORDER BY t.effective_from`,
    )
    .all(personId) as PersonTermRow[];
}

export function decisionsOfPerson(store: Store, personId: number): DecisionView[] {
  return store
    .prepare(
      `SELECT id, entitlement_id AS entitlementId, programme_code AS programme, kind, number, signed_date AS signedDate, signer,
            effective_month AS effectiveMonth, reason, eligibility_reason AS eligibilityReason,
            household_poverty AS household, household_list_year AS householdListYear FROM decisions WHERE person_id = ? ORDER BY effective_month, id`,
    )
    .all(personId) as DecisionView[];
}

/** The person's one-off items still in force. */
export function oneOffItemsOfPerson(store: Store, personId: number): OneOffView[] {
  return store
    .prepare(
      `SELECT id, kind, amount_vnd AS amountVnd, due_month AS dueMonth, payee_name AS payeeName, note FROM one_off_items
     WHERE person_id = ? AND superseded = 0 ORDER BY due_month, id`,
    )
    .all(personId) as OneOffView[];
}
