import { sql } from 'kysely';
import { qb, type Store } from '../db/store';

// The settings table's SQL (issue 13): one JSON value per key, written with who and when.

export function settingJson(store: Store, key: string): string | undefined {
  return store.first(qb.selectFrom('settings').select('value_json').where('key', '=', key))?.value_json;
}

export function saveSettingJson(store: Store, key: string, valueJson: string, at: string, by: number | null): void {
  store.run(
    qb
      .insertInto('settings')
      .values({ key, value_json: valueJson, updated_at: at, updated_by: by })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          value_json: sql`excluded.value_json`,
          updated_at: sql`excluded.updated_at`,
          updated_by: sql`excluded.updated_by`,
        }),
      ),
  );
}

/** The office names' periods (migration 015): the latest save starting on or before `date`. */
export function officeNamesJsonOn(store: Store, date: string): string | undefined {
  return store.first(
    qb
      .selectFrom('office_names_history')
      .select('value_json')
      .where('valid_from', '<=', date)
      .orderBy('valid_from', 'desc')
      .orderBy('id', 'desc')
      .limit(1),
  )?.value_json;
}

/** The first period's names (for a date before any period). */
export function firstOfficeNamesJson(store: Store): string | undefined {
  return store.first(
    qb
      .selectFrom('office_names_history')
      .select('value_json')
      .orderBy('valid_from', 'asc')
      .orderBy('id', 'desc')
      .limit(1),
  )?.value_json;
}

export function officeNamesRows(store: Store): { valid_from: string; value_json: string; recorded_at: string }[] {
  return store.all(
    qb
      .selectFrom('office_names_history')
      .select(['valid_from', 'value_json', 'recorded_at'])
      .orderBy('valid_from', 'desc')
      .orderBy('id', 'desc'),
  );
}

export function latestOfficeNamesStart(store: Store): string | null {
  return (
    store.first(qb.selectFrom('office_names_history').select((eb) => eb.fn.max('valid_from').as('from')))?.from ?? null
  );
}

export function insertOfficeNames(
  store: Store,
  validFrom: string,
  valueJson: string,
  at: string,
  by: number | null,
): void {
  store.run(
    qb
      .insertInto('office_names_history')
      .values({ valid_from: validFrom, value_json: valueJson, recorded_at: at, recorded_by: by }),
  );
}
