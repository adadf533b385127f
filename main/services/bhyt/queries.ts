import type { Selectable } from 'kysely';
import type { Store } from '../../db/store';
import type { PeopleTable } from '../../db/schema';
import type { CardSource, ExpiringCard } from '@shared/api/bhyt';
import { STATE_FUNDED_PROGRAMMES } from '@shared/domain/health-insurance';

// The BHYT area's SQL (issue 16). The month's list starts from the few people something happened to in
// that month (an entitlement starting, one ending the month before, a term taking effect): indexed or
// single-pass reads, then each of them is compared in the two months.

const FUNDED = `(${STATE_FUNDED_PROGRAMMES.map((p) => `'${p}'`).join(', ')})`;

export interface CardRow {
  id: number;
  person_id: number;
  card_number: string;
  bhxh_number: string;
  valid_from: string;
  valid_to: string;
  source: CardSource;
  note: string;
  recorded_at: string;
  recorded_by_name: string | null;
}

export function cardsOf(store: Store, personId: number): CardRow[] {
  return store
    .prepare(
      `SELECT c.*, u.full_name AS recorded_by_name FROM health_insurance_cards c LEFT JOIN users u ON u.id = c.recorded_by
       WHERE c.person_id = ? ORDER BY c.valid_from DESC, c.id DESC`,
    )
    .all(personId) as CardRow[];
}

export function cardById(store: Store, id: number): CardRow | undefined {
  return store.prepare('SELECT c.*, NULL AS recorded_by_name FROM health_insurance_cards c WHERE c.id = ?').get(id) as
    CardRow | undefined;
}

export type CardPerson = Pick<Selectable<PeopleTable>, 'id' | 'full_name' | 'death_date'>;

export function cardPerson(store: Store, personId: number): CardPerson | undefined {
  return store.prepare('SELECT id, full_name, death_date FROM people WHERE id = ?').get(personId) as
    CardPerson | undefined;
}

/** Another person holding the same social-insurance number (a typo or a duplicate record). */
export function otherHolder(
  store: Store,
  bhxhNumber: string,
  personId: number,
): { id: number; full_name: string } | undefined {
  return store
    .prepare(
      'SELECT p.id, p.full_name FROM health_insurance_cards c JOIN people p ON p.id = c.person_id WHERE c.bhxh_number = ? AND c.person_id <> ? LIMIT 1',
    )
    .get(bhxhNumber, personId) as { id: number; full_name: string } | undefined;
}

export function insertCard(
  store: Store,
  row: Omit<CardRow, 'id' | 'recorded_by_name'> & { recorded_by: number | null },
): number {
  return Number(
    store
      .prepare(
        `INSERT INTO health_insurance_cards (person_id, card_number, bhxh_number, valid_from, valid_to, source, note, recorded_at, recorded_by)
         VALUES (@person_id, @card_number, @bhxh_number, @valid_from, @valid_to, @source, @note, @recorded_at, @recorded_by)`,
      )
      .run(row).lastInsertRowid,
  );
}

export function updateCard(
  store: Store,
  id: number,
  row: Omit<CardRow, 'id' | 'person_id' | 'recorded_by_name'> & { recorded_by: number | null },
): void {
  store
    .prepare(
      `UPDATE health_insurance_cards SET card_number = @card_number, bhxh_number = @bhxh_number, valid_from = @valid_from, valid_to = @valid_to,
       source = @source, note = @note, recorded_at = @recorded_at, recorded_by = @recorded_by WHERE id = @id`,
    )
    .run({ ...row, id });
}

/** Keeps the person's card number (shown on the person page and in lists) on the card in use. */
export function syncPersonCard(store: Store, personId: number, at: string): void {
  store
    .prepare(
      `UPDATE people SET health_insurance_no = (SELECT card_number FROM health_insurance_cards WHERE person_id = @id ORDER BY valid_from DESC, id DESC LIMIT 1),
       updated_at = @at WHERE id = @id`,
    )
    .run({ id: personId, at });
}

/** People with something in a state-funded programme taking effect in `month`, or ending the month before. */
export function candidates(store: Store, month: string, previous: string): number[] {
  return store
    .prepare(
      `SELECT person_id FROM entitlements WHERE programme_code IN ${FUNDED} AND (start_month = @month OR end_month = @previous)
       UNION
       SELECT e.person_id FROM entitlement_terms t JOIN entitlements e ON e.id = t.entitlement_id
       WHERE t.effective_from = @month AND e.programme_code IN ${FUNDED}`,
    )
    .pluck()
    .all({ month, previous }) as number[];
}

export interface StateRow {
  personId: number;
  entitlementId: number;
  programme: string;
  programmeName: string;
  groupCode: string | null;
  groupLabel: string | null;
  category: string;
  status: 'active' | 'suspended' | 'stopped';
  startMonth: string;
}

/** The state-funded entitlements of these people in force in `month`, with the term in force then. */
export function statesAt(store: Store, people: readonly number[], month: string): StateRow[] {
  return store
    .prepare(
      `SELECT e.person_id AS personId, e.id AS entitlementId, e.programme_code AS programme, pr.name_vi AS programmeName,
              t.group_code AS groupCode, g.label_vi AS groupLabel, t.category_label AS category, t.status, e.start_month AS startMonth
       FROM entitlements e
       JOIN programmes pr ON pr.code = e.programme_code
       JOIN entitlement_terms t ON t.entitlement_id = e.id
        AND t.effective_from = (SELECT MAX(t2.effective_from) FROM entitlement_terms t2 WHERE t2.entitlement_id = e.id AND t2.effective_from <= @month)
       LEFT JOIN allowance_groups g ON g.code = t.group_code
       WHERE e.person_id IN (SELECT value FROM json_each(@people)) AND e.programme_code IN ${FUNDED}
         AND e.start_month <= @month AND (e.end_month IS NULL OR e.end_month >= @month)
       ORDER BY pr.sort_order, e.id`,
    )
    .all({ people: JSON.stringify(people), month }) as StateRow[];
}

export interface ListPerson {
  id: number;
  full_name: string;
  birth_date: string | null;
  gender: 'male' | 'female' | null;
  citizen_id: string | null;
  neighbourhood: string | null;
  death_date: string | null;
  moved_away_date: string | null;
  card_number: string | null;
  bhxh_number: string | null;
}

export function listPeople(store: Store, people: readonly number[]): ListPerson[] {
  return store
    .prepare(
      `SELECT p.id, p.full_name, p.birth_date, p.gender, p.citizen_id, n.name AS neighbourhood, p.death_date, p.moved_away_date,
              c.card_number, c.bhxh_number
       FROM people p LEFT JOIN neighbourhoods n ON n.id = p.neighbourhood_id
       LEFT JOIN health_insurance_cards c ON c.id = (SELECT id FROM health_insurance_cards WHERE person_id = p.id ORDER BY valid_from DESC, id DESC LIMIT 1)
       WHERE p.id IN (SELECT value FROM json_each(?))
       ORDER BY p.sort_key, p.id`,
    )
    .all(JSON.stringify(people)) as ListPerson[];
}

export interface DecisionRow {
  person_id: number;
  entitlement_id: number | null;
  kind: string;
  number: string;
  signed_date: string | null;
  reason: string;
}

/** Decisions of these people taking effect in `month` (grant, adjust, stop): the list names them. */
export function decisionsIn(store: Store, people: readonly number[], month: string): DecisionRow[] {
  return store
    .prepare(
      `SELECT person_id, entitlement_id, kind, number, signed_date, reason FROM decisions
       WHERE person_id IN (SELECT value FROM json_each(?)) AND effective_month = ? AND programme_code IN ${FUNDED} ORDER BY id`,
    )
    .all(JSON.stringify(people), month) as DecisionRow[];
}

// The card in use of a current beneficiary (active or suspended, not dead or moved) ending in the window:
// no later card of the same person (an index probe), read from the valid_to index.
const EXPIRING_FROM = `
FROM health_insurance_cards c INDEXED BY health_insurance_cards_valid_to
JOIN people p ON p.id = c.person_id
JOIN register_summary s ON s.person_id = p.id
LEFT JOIN neighbourhoods n ON n.id = p.neighbourhood_id
WHERE c.valid_to BETWEEN @from AND @to AND s.status IN ('active', 'suspended') AND p.death_date IS NULL AND p.moved_away_date IS NULL
  AND NOT EXISTS (SELECT 1 FROM health_insurance_cards c2 WHERE c2.person_id = c.person_id AND (c2.valid_from > c.valid_from OR (c2.valid_from = c.valid_from AND c2.id > c.id)))`;

/**
 * The cards in use of current beneficiaries ending between `from` and `to` (inclusive), at most `limit`:
 * soonest first, by name within a day (the screen), or in the index's order so a short list stops early
 * (the to-do item, where cards issued for a year may all end on the same 31/12).
 */
export function expiringCards(store: Store, from: string, to: string, limit = -1, byName = true): ExpiringCard[] {
  return store
    .prepare(
      `SELECT p.id AS personId, p.full_name AS fullName, COALESCE(n.name, '') AS neighbourhood, c.card_number AS cardNumber, c.valid_to AS validTo
       ${EXPIRING_FROM}
       ORDER BY c.valid_to${byName ? ', p.sort_key' : ''} LIMIT @limit`,
    )
    .all({ from, to, limit }) as ExpiringCard[];
}

/** How many such cards, counted up to `cap` (the to-do list runs after every write: its cost stays bounded). */
export function countExpiringCards(store: Store, from: string, to: string, cap: number): number {
  return (
    store.prepare(`SELECT COUNT(*) AS n FROM (SELECT 1 ${EXPIRING_FROM} LIMIT @cap)`).get({ from, to, cap }) as {
      n: number;
    }
  ).n;
}
