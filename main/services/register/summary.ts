import type { Store } from '../../db/store';
import type { Month } from '../../../shared/domain/dates';
import { computeAmounts, loadReference, loadStates, type MonthlyAmount } from './amounts';

// register_summary: each person's state this month (status, programmes, groups after age rules, payout
// method, monthly total). Writers refresh the people they touch; when the month turns, everyone.

const UPSERT = `INSERT INTO register_summary (person_id, as_of_month, status, programmes, group_codes, method, monthly_vnd)
  VALUES (?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT(person_id) DO UPDATE SET as_of_month = excluded.as_of_month, status = excluded.status,
    programmes = excluded.programmes, group_codes = excluded.group_codes, method = excluded.method,
    monthly_vnd = excluded.monthly_vnd`;

const METHOD_SQL = `SELECT method FROM payout_methods WHERE person_id = ? AND effective_from <= ?
  ORDER BY effective_from DESC, id DESC LIMIT 1`;

interface PersonLifeRow {
  id: number;
  death_date: string | null;
  has_entitlement: number;
}

export function refreshSummary(store: Store, month: Month, personIds?: readonly number[]): number {
  const amounts = computeAmounts(loadReference(store), loadStates(store, month, personIds), month);
  const byPerson = new Map<number, MonthlyAmount[]>();
  for (const a of amounts) byPerson.set(a.personId, [...(byPerson.get(a.personId) ?? []), a]);
  const people = (
    personIds
      ? personIds.map((id) => store.prepare('SELECT id, death_date, EXISTS (SELECT 1 FROM entitlements WHERE person_id = people.id) AS has_entitlement FROM people WHERE id = ?').get(id))
      : store.prepare('SELECT id, death_date, EXISTS (SELECT 1 FROM entitlements WHERE person_id = people.id) AS has_entitlement FROM people').all()
  ).filter(Boolean) as PersonLifeRow[];
  const upsert = store.prepare(UPSERT);
  const method = store.prepare(METHOD_SQL);
  store.transaction(() => {
    for (const p of people) {
      const items = byPerson.get(p.id) ?? [];
      // An entitlement ended by age, or care support whose cared person is gone, is no longer received.
      const active = items.filter((i) => i.status === 'active' && !i.stop);
      const status = p.death_date && p.death_date.slice(0, 7) < month
        ? 'deceased'
        : active.length
          ? 'active'
          : items.some((i) => i.status === 'suspended')
            ? 'suspended'
            : p.has_entitlement
              ? 'stopped'
              : 'none';
      const wrap = (values: Array<string | null>) => {
        const unique = [...new Set(values.filter((v): v is string => !!v))];
        return unique.length ? `,${unique.join(',')},` : '';
      };
      const m = (method.get(p.id, month) as { method: string } | undefined)?.method ?? null;
      upsert.run(p.id, month, status, wrap(active.map((i) => i.programme)), wrap(active.map((i) => i.groupCode)), m, items.reduce((s, i) => s + i.amountVnd, 0));
    }
  });
  return people.length;
}

/** At start: if the month has turned since the summary was computed (age transitions), recompute all. */
export function ensureSummaryCurrent(store: Store, month: Month): boolean {
  const stale = store.prepare(
    'SELECT EXISTS (SELECT 1 FROM register_summary WHERE as_of_month <> ?) OR (SELECT COUNT(*) FROM register_summary) <> (SELECT COUNT(*) FROM people) AS stale',
  ).get(month) as { stale: number };
  if (!stale.stale) return false;
  refreshSummary(store, month);
  return true;
}
