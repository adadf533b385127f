import type { Insertable, Selectable, Updateable } from 'kysely';
import { qb, type Store } from '../../../db/store';
import type { PeopleTable } from '../../../db/schema';

// People and neighbourhoods (issue 13): identity look-ups for the checks, the person's own writes, and
// the few facts other register services read of a person.

export type PersonRow = Selectable<PeopleTable>;

export type PersonBrief = Pick<PersonRow, 'id' | 'full_name' | 'birth_date' | 'birth_precision' | 'address'>;

/** A living person with this citizen ID, other than `excludeId`. */
export function livingWithCitizenId(store: Store, citizenId: string, excludeId: number): PersonBrief | undefined {
  return store.first(
    qb
      .selectFrom('people')
      .select(['id', 'full_name', 'birth_date', 'birth_precision', 'address'])
      .where('citizen_id', '=', citizenId)
      .where('death_date', 'is', null)
      .where('id', '!=', excludeId),
  );
}

/** Up to three people with this folded name and birth year, other than `excludeId`. */
export function sameNameAndYear(
  store: Store,
  searchKey: string,
  year: number,
  excludeId: number,
): Array<PersonBrief & Pick<PersonRow, 'citizen_id'>> {
  return store.all(
    qb
      .selectFrom('people')
      .select(['id', 'full_name', 'birth_date', 'birth_precision', 'address', 'citizen_id'])
      .where('search_key', '=', searchKey)
      .where('birth_year', '=', year)
      .where('id', '!=', excludeId)
      .limit(3),
  );
}

export function neighbourhoodByKey(store: Store, searchKey: string): number | undefined {
  return store.first(qb.selectFrom('neighbourhoods').select('id').where('search_key', '=', searchKey))?.id;
}

export function insertNeighbourhood(store: Store, name: string, searchKey: string): number {
  return Number(
    store.prepare('INSERT INTO neighbourhoods (name, search_key) VALUES (?, ?)').run(name, searchKey).lastInsertRowid,
  );
}

export type NewPerson = Insertable<PeopleTable>;

/** Inserts a person with the columns given (named parameters); returns the id. */
export function insertPerson(store: Store, values: NewPerson): number {
  const columns = Object.keys(values);
  const sql = `INSERT INTO people (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`;
  return Number(store.prepare(sql).run(values).lastInsertRowid);
}

export function personById(store: Store, id: number): PersonRow | undefined {
  return store.first(qb.selectFrom('people').selectAll().where('id', '=', id));
}

export function updatePersonRow(store: Store, id: number, values: Updateable<PeopleTable>): void {
  store.run(qb.updateTable('people').set(values).where('id', '=', id));
}

export function personBasics(store: Store, id: number): Pick<PersonRow, 'id' | 'death_date' | 'full_name'> | undefined {
  return store.first(qb.selectFrom('people').select(['id', 'death_date', 'full_name']).where('id', '=', id));
}

export type PersonLife = Pick<PersonRow, 'id' | 'full_name' | 'birth_date' | 'death_date' | 'moved_away_date'>;

/** What a death or a move checks and records. */
export function personLife(store: Store, id: number): PersonLife | undefined {
  return store.first(
    qb
      .selectFrom('people')
      .select(['id', 'full_name', 'birth_date', 'death_date', 'moved_away_date'])
      .where('id', '=', id),
  );
}

export function setDeathDate(store: Store, id: number, deathDate: string, at: string): void {
  store.prepare('UPDATE people SET death_date = ?, updated_at = ? WHERE id = ?').run(deathDate, at, id);
}

export function setMovedAwayDate(store: Store, id: number, movedDate: string, at: string): void {
  store.prepare('UPDATE people SET moved_away_date = ?, updated_at = ? WHERE id = ?').run(movedDate, at, id);
}

export interface PersonBirth {
  birthDate: PersonRow['birth_date'];
  birthPrecision: PersonRow['birth_precision'];
}

export function personBirth(store: Store, id: number): PersonBirth | undefined {
  return store
    .prepare('SELECT birth_date AS birthDate, birth_precision AS birthPrecision FROM people WHERE id = ?')
    .get(id) as PersonBirth | undefined;
}

/** The person cared for by a care support: name, death and move. */
export function caredPersonFacts(
  store: Store,
  id: number,
): Pick<PersonRow, 'full_name' | 'death_date' | 'moved_away_date'> | undefined {
  return store.prepare('SELECT full_name, death_date, moved_away_date FROM people WHERE id = ?').get(id) as
    Pick<PersonRow, 'full_name' | 'death_date' | 'moved_away_date'> | undefined;
}

export function personFullName(store: Store, id: number): string {
  return (store.prepare('SELECT full_name FROM people WHERE id = ?').get(id) as Pick<PersonRow, 'full_name'>).full_name;
}

/** The whole identifiers (for the audited reveal). */
export function identifiersOf(store: Store, id: number): Pick<PersonRow, 'citizen_id' | 'legacy_id'> | undefined {
  return store.prepare('SELECT citizen_id, legacy_id FROM people WHERE id = ?').get(id) as
    Pick<PersonRow, 'citizen_id' | 'legacy_id'> | undefined;
}
