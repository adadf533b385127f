import type { Store } from '../../db/store';
import type { SuspensionWatchRow } from '../../../shared/api/payroll';
import { addMonths, type Month } from '../../../shared/domain/dates';

// Not collected, month after month (allowances.md: 3 or more consecutive months not collected is a
// ground for suspension). A month counts as "not collected" for a person and programme when, in that
// month's approved payroll, one of their lines has a not-collected attempt and none of them was paid.
// The streak that matters is the current one: the run of such months ending at the latest approved
// month in which the person had a line; a month collected, or a gap, ends it.

interface MonthRow {
  person_id: number;
  programme: string;
  month: string;
  paid: number;
  not_collected: number;
  entitlement_id: number | null;
}

function monthRows(store: Store, before: Month): MonthRow[] {
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

interface Streak {
  personId: number;
  programme: string;
  months: Month[];
  entitlementId: number | null;
}

function currentStreaks(rows: readonly MonthRow[]): Streak[] {
  const streaks: Streak[] = [];
  let i = 0;
  while (i < rows.length) {
    let j = i;
    while (j < rows.length && rows[j]!.person_id === rows[i]!.person_id && rows[j]!.programme === rows[i]!.programme) j++;
    // Walk back from the person's latest month while months are consecutive and not collected.
    const months: Month[] = [];
    let entitlementId: number | null = null;
    for (let k = j - 1; k >= i; k--) {
      const r = rows[k]!;
      const expected = months.length ? addMonths(months[0]!, -1) : r.month;
      if (r.month !== expected || r.paid || !r.not_collected) break;
      months.unshift(r.month);
      entitlementId ??= r.entitlement_id;
    }
    if (months.length) streaks.push({ personId: rows[i]!.person_id, programme: rows[i]!.programme, months, entitlementId });
    i = j;
  }
  return streaks;
}

/** Current not-collected streaks from approved payrolls before `month`, keyed `personId|programme`. */
export function notCollectedStreaks(store: Store, month: Month): Map<string, Month[]> {
  return new Map(currentStreaks(monthRows(store, month)).map((s) => [`${s.personId}|${s.programme}`, s.months]));
}

export const SUSPENSION_MONTHS = 3;

/** People not collecting for 3+ consecutive months whose entitlement is still active now: due a suspension decision. */
export function suspensionWatch(store: Store, now: Month): SuspensionWatchRow[] {
  const streaks = currentStreaks(monthRows(store, '9999-12')).filter((s) => s.months.length >= SUSPENSION_MONTHS);
  const person = store.prepare(
    'SELECT p.full_name, n.name AS neighbourhood FROM people p LEFT JOIN neighbourhoods n ON n.id = p.neighbourhood_id WHERE p.id = ?',
  );
  const entitlementStatus = store.prepare(
    `SELECT CASE WHEN e.end_month IS NOT NULL AND e.end_month < @now THEN 'stopped' ELSE
              COALESCE((SELECT t.status FROM entitlement_terms t WHERE t.entitlement_id = e.id AND t.effective_from <= @now
                        ORDER BY t.effective_from DESC LIMIT 1), 'none') END AS status
     FROM entitlements e WHERE e.id = @id`,
  );
  const rows: SuspensionWatchRow[] = [];
  for (const s of streaks) {
    const p = person.get(s.personId) as { full_name: string; neighbourhood: string | null } | undefined;
    const status = s.entitlementId === null ? 'none' : (((entitlementStatus.get({ now, id: s.entitlementId }) as { status: string } | undefined)?.status ?? 'none') as SuspensionWatchRow['entitlementStatus']);
    if (status !== 'active') continue; // already suspended or stopped: decided
    rows.push({
      personId: s.personId,
      fullName: p?.full_name ?? '',
      neighbourhood: p?.neighbourhood ?? '',
      programme: s.programme,
      entitlementId: s.entitlementId,
      months: s.months,
      lastMonth: s.months[s.months.length - 1]!,
      entitlementStatus: status,
    });
  }
  return rows.sort((a, b) => b.months.length - a.months.length || a.fullName.localeCompare(b.fullName, 'vi'));
}
