import type { Selectable } from 'kysely';
import type { Store } from '../../../db/store';
import type { PeopleTable, RegisterSummaryTable } from '../../../db/schema';
import type { Month } from '@shared/domain/dates';

// register_summary's SQL (issue 13). The refresh runs for everyone at the month turn (hot: 100,000 people),
// so its writer's statements are prepared once per refresh and run per person, as before.

export interface PersonLifeRow extends Pick<Selectable<PeopleTable>, 'id' | 'death_date'> {
  has_entitlement: number;
}

const LIFE_SQL =
  'SELECT id, death_date, EXISTS (SELECT 1 FROM entitlements WHERE person_id = people.id) AS has_entitlement FROM people';

/** Everyone's death date and whether they ever had an entitlement. */
export function everyonesLife(store: Store): PersonLifeRow[] {
  return store.prepare(LIFE_SQL).all() as PersonLifeRow[];
}

export function lifeInIdRange(store: Store, from: number, to: number): PersonLifeRow[] {
  return store.prepare(`${LIFE_SQL} WHERE id BETWEEN ? AND ?`).all(from, to) as PersonLifeRow[];
}

/** The given people's rows, in that order (none for an id not in the register). */
export function lifeOfPeople(store: Store, personIds: readonly number[]): PersonLifeRow[] {
  const statement = store.prepare(`${LIFE_SQL} WHERE id = ?`);
  return personIds.map((id) => statement.get(id)).filter(Boolean) as PersonLifeRow[];
}

export type SummaryRow = Selectable<RegisterSummaryTable>;

export interface SummaryWriter {
  /** The person's payout method in force in the month (null when none). */
  methodAt(personId: number, month: Month): string | null;
  /** One person's row (positional, as the statement binds them: this runs for everyone at the month turn). */
  upsert(
    personId: SummaryRow['person_id'],
    month: SummaryRow['as_of_month'],
    status: SummaryRow['status'],
    programmes: SummaryRow['programmes'],
    groupCodes: SummaryRow['group_codes'],
    method: SummaryRow['method'],
    monthlyVnd: SummaryRow['monthly_vnd'],
  ): void;
}

/** The refresh's statements, prepared once and run for each person. */
export function summaryWriter(store: Store): SummaryWriter {
  const upsert =
    store.prepare(`INSERT INTO register_summary (person_id, as_of_month, status, programmes, group_codes, method, monthly_vnd)
  VALUES (?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT(person_id) DO UPDATE SET as_of_month = excluded.as_of_month, status = excluded.status,
    programmes = excluded.programmes, group_codes = excluded.group_codes, method = excluded.method,
    monthly_vnd = excluded.monthly_vnd`);
  const method = store.prepare(`SELECT method FROM payout_methods WHERE person_id = ? AND effective_from <= ?
  ORDER BY effective_from DESC, id DESC LIMIT 1`);
  return {
    methodAt: (personId, month) => (method.get(personId, month) as { method: string } | undefined)?.method ?? null,
    upsert: (personId, month, status, programmes, groupCodes, method, monthlyVnd) => {
      upsert.run(personId, month, status, programmes, groupCodes, method, monthlyVnd);
    },
  };
}

/** Someone's summary is of another month, or someone has none. */
export function summaryStale(store: Store, month: Month): boolean {
  const stale = store
    .prepare(
      'SELECT EXISTS (SELECT 1 FROM register_summary WHERE as_of_month <> ?) OR (SELECT COUNT(*) FROM register_summary) <> (SELECT COUNT(*) FROM people) AS stale',
    )
    .get(month) as { stale: number };
  return stale.stale === 1;
}

export function lastPersonId(store: Store): number {
  return (store.prepare('SELECT COALESCE(MAX(id), 0) FROM people').pluck().get() as number) ?? 0;
}
