import type { Selectable } from 'kysely';
import type { Store } from '../../db/store';
import type { AllowanceGroupsTable, PeopleTable, ProgrammesTable } from '../../db/schema';

// What the ledger's files read besides the ledger itself (issue 13): the person's heading and the names
// the lists print.

export type PersonHead = Pick<
  Selectable<PeopleTable>,
  'full_name' | 'birth_date' | 'birth_precision' | 'citizen_id' | 'address' | 'death_date' | 'moved_away_date'
> & { neighbourhood: string | null };

export function personHead(store: Store, personId: number): PersonHead | undefined {
  return store
    .prepare(
      `SELECT p.full_name, p.birth_date, p.birth_precision, p.citizen_id, p.address, n.name AS neighbourhood, p.death_date, p.moved_away_date
         FROM people p LEFT JOIN neighbourhoods n ON n.id = p.neighbourhood_id WHERE p.id = ?`,
    )
    .get(personId) as PersonHead | undefined;
}

export function programmeNames(store: Store): Array<Pick<Selectable<ProgrammesTable>, 'code' | 'name_vi'>> {
  return store.prepare('SELECT code, name_vi FROM programmes').all() as Array<
    Pick<Selectable<ProgrammesTable>, 'code' | 'name_vi'>
  >;
}

export function allowanceGroupLabels(store: Store): Array<Pick<Selectable<AllowanceGroupsTable>, 'code' | 'label_vi'>> {
  return store.prepare('SELECT code, label_vi FROM allowance_groups').all() as Array<
    Pick<Selectable<AllowanceGroupsTable>, 'code' | 'label_vi'>
  >;
}
