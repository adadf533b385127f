import type { Store } from '../../../db/store';
import type { SuspensionWatchRow } from '@shared/api/payroll';

// The not-collected watch's SQL (issue 13).

export interface MonthRow {
  person_id: number;
  programme: string;
  month: string;
  paid: number;
  not_collected: number;
  entitlement_id: number | null;
}

/** Per person, programme and approved month before `before`: paid or not collected, for those with any not-collected attempt. */
export function notCollectedMonths(store: Store, before: string): MonthRow[] {
  return store
    .prepare(
      `WITH watched AS (
         SELECT DISTINCT l.person_id, p.programme_code
         FROM payment_attempts a JOIN payroll_lines l ON l.id = a.payroll_line_id JOIN payrolls p ON p.id = l.payroll_id
         WHERE a.status = 'not_collected' AND p.status = 'approved' AND p.month < @before)
       SELECT l.person_id, p.programme_code AS programme, p.month,
              MAX(l.status = 'paid') AS paid,
              MAX(EXISTS (SELECT 1 FROM payment_attempts a WHERE a.payroll_line_id = l.id AND a.status = 'not_collected')) AS not_collected,
              MAX(CASE WHEN l.kind IN ('regular', 'care') THEN l.entitlement_id END) AS entitlement_id
       FROM payroll_lines l
       JOIN payrolls p ON p.id = l.payroll_id
       JOIN watched w ON w.person_id = l.person_id AND w.programme_code = p.programme_code
       WHERE p.status = 'approved' AND p.month < @before
       GROUP BY l.person_id, p.programme_code, p.month
       ORDER BY l.person_id, p.programme_code, p.month`,
    )
    .all({ before }) as MonthRow[];
}

/** Reads a person's name and neighbourhood, with one statement for many people. */
export function personWithNeighbourhood(
  store: Store,
): (id: number) => { full_name: string; neighbourhood: string | null } | undefined {
  const statement = store.prepare(
    'SELECT p.full_name, n.name AS neighbourhood FROM people p LEFT JOIN neighbourhoods n ON n.id = p.neighbourhood_id WHERE p.id = ?',
  );
  return (id) => statement.get(id) as { full_name: string; neighbourhood: string | null } | undefined;
}

/** Reads an entitlement's status in a month (stopped after its end, else its latest term's), with one statement. */
export function entitlementStatusReader(
  store: Store,
): (id: number, month: string) => SuspensionWatchRow['entitlementStatus'] | undefined {
  const statement = store.prepare(
    `SELECT CASE WHEN e.end_month IS NOT NULL AND e.end_month < @now THEN 'stopped' ELSE
              COALESCE((SELECT t.status FROM entitlement_terms t WHERE t.entitlement_id = e.id AND t.effective_from <= @now
                        ORDER BY t.effective_from DESC LIMIT 1), 'none') END AS status
     FROM entitlements e WHERE e.id = @id`,
  );
  return (id, month) =>
    (statement.get({ now: month, id }) as { status: SuspensionWatchRow['entitlementStatus'] } | undefined)?.status;
}
