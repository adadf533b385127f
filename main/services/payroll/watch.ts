import type { Store } from '../../db/store';
import type { SuspensionWatchRow } from '@shared/api/payroll';
import { addMonths, type Month } from '@shared/domain/dates';
import { entitlementStatusReader, notCollectedMonths, personWithNeighbourhood, type MonthRow } from './queries/watch';

// Not collected, month after month (allowances.md: 3 or more consecutive months not collected is a
// ground for suspension). A month counts as "not collected" for a person and programme when, in that
// month's approved payroll, one of their lines has a not-collected attempt and none of them was paid.
// The streak that matters is the current one: the run of such months ending at the latest approved
// month in which the person had a line; a month collected, or a gap, ends it.

function monthRows(store: Store, before: Month): MonthRow[] {
  return notCollectedMonths(store, before);
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
    while (j < rows.length && rows[j]!.person_id === rows[i]!.person_id && rows[j]!.programme === rows[i]!.programme)
      j++;
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
    if (months.length)
      streaks.push({ personId: rows[i]!.person_id, programme: rows[i]!.programme, months, entitlementId });
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
  const person = personWithNeighbourhood(store);
  const entitlementStatus = entitlementStatusReader(store);
  const rows: SuspensionWatchRow[] = [];
  for (const s of streaks) {
    const p = person(s.personId);
    const status = s.entitlementId === null ? 'none' : (entitlementStatus(s.entitlementId, now) ?? 'none');
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
