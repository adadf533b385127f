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
