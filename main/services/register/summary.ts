import type Database from 'better-sqlite3';
import type { Store } from '../../db/store';
import type { Month } from '@shared/domain/dates';
import { computeAmounts, loadReference, loadStates, type IdRange, type MonthlyAmount } from './amounts';
import {
  everyonesLife,
  lastPersonId,
  lifeInIdRange,
  lifeOfPeople,
  summaryStale,
  summaryWriter,
} from './queries/summary';

// register_summary: each person's state this month (status, programmes, groups after age rules, payout
// method, monthly total). Writers refresh the people they touch; when the month turns, everyone.

/** Recomputes the summary of everyone, of the given people, or of those whose ids lie in a range; one transaction. */
export function refreshSummary(store: Store, month: Month, personIds?: readonly number[] | IdRange): number {
  // Read and written in one transaction: a slice of the start's background refresh cannot interleave
  // with a command's write to the same people (both run on the core's one connection).
  return store.transaction(() => refreshIn(store, month, personIds));
}

function refreshIn(store: Store, month: Month, personIds?: readonly number[] | IdRange): number {
  const amounts = computeAmounts(loadReference(store), loadStates(store, month, personIds), month);
  const byPerson = new Map<number, MonthlyAmount[]>();
  for (const a of amounts) {
    const list = byPerson.get(a.personId);
    if (list) list.push(a);
    else byPerson.set(a.personId, [a]);
  }
  const people = !personIds
    ? everyonesLife(store)
    : 'from' in personIds
      ? lifeInIdRange(store, personIds.from, personIds.to)
      : lifeOfPeople(store, personIds);
  const writer = summaryWriter(store);
  {
    for (const p of people) {
      const items = byPerson.get(p.id) ?? [];
      // An entitlement ended by age, or care support whose cared person is gone, is no longer received.
      const active = items.filter((i) => i.status === 'active' && !i.stop);
      const status =
        p.death_date && p.death_date.slice(0, 7) < month
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
      const m = writer.methodAt(p.id, month);
      writer.upsert(
        p.id,
        month,
        status,
        wrap(active.map((i) => i.programme)),
        wrap(active.map((i) => i.groupCode)),
        m,
        items.reduce((s, i) => s + i.amountVnd, 0),
      );
    }
  }
  return people.length;
}

/** At start: if the month has turned since the summary was computed (age transitions), recompute all. */
export function ensureSummaryCurrent(store: Store, month: Month): boolean {
  if (!summaryStale(store, month)) return false;
  refreshSummary(store, month);
  return true;
}

// The month turn's refresh in the background (issue 18: at 100,000 people it takes ~8.6 s, which held the
// first screen back). It goes through the register by id in slices, each its own transaction on the core's
// connection, and yields between slices, so calls are answered meanwhile (each waits at most one slice).
// Until it is done, the screens that show the summary say it is being brought up to date
// (summaryRefreshing); the BHYT lists, which select by it, finish it first (finishSummaryRefresh).

/**
 * People per slice: ~25 µs of CPU each at 100,000 people, so ~25 ms of the thread a slice (a search waits at
 * most that). Each slice is a commit: in all, 1,000 costs ~8% more CPU than one refresh at once, 400 ~15%.
 */
export const SUMMARY_SLICE = 1000;

interface BackgroundRefresh {
  /** The core's store (writable) and its connection when the refresh started: a restore's swap ends it. */
  store: Store;
  sqlite: Database.Database;
  month: Month;
  /** The next id to refresh (slices go up from the smallest id). */
  next: number;
  /** The largest id when the pass started; a pass that leaves anyone stale starts another (bounded). */
  last: number;
  passes: number;
  /** Settles when done, stopped (the file was swapped or closed) or failed (logged). */
  done: Promise<void>;
}

/** By file: a handle of the same file (a read-only one for queries, say) finds the refresh, which writes on its own store. */
const running = new Map<string, BackgroundRefresh>();

function refreshOf(store: Store): BackgroundRefresh | undefined {
  const refresh = running.get(store.sqlite.name);
  if (refresh && (refresh.store.sqlite !== refresh.sqlite || !refresh.sqlite.open)) {
    running.delete(store.sqlite.name);
    return undefined;
  }
  return refresh;
}

/** The background refresh of this register is still under way. */
export function summaryRefreshing(store: Store): boolean {
  return refreshOf(store) !== undefined;
}

/**
 * Runs the rest of the background refresh's pass now, on this call (for what selects people by the
 * summary). The background loop still ends it: it checks again, after this call's transaction, that no
 * one is stale (a command that failed after this rolled these slices back with it).
 */
export function finishSummaryRefresh(store: Store): void {
  const refresh = refreshOf(store);
  if (!refresh) return;
  while (refresh.next <= refresh.last) {
    const from = refresh.next;
    refreshSummary(refresh.store, refresh.month, { from, to: from + SUMMARY_SLICE - 1 });
    refresh.next = from + SUMMARY_SLICE;
  }
}

/** One slice; false when the refresh is over (and no longer registered). */
function runSlice(refresh: BackgroundRefresh): boolean {
  const store = refresh.store;
  if (refreshOf(store) !== refresh) return false;
  if (refresh.next > refresh.last) {
    // People added since the pass started got theirs from the command that added them; this catches the rest.
    if (refresh.passes < 3 && summaryStale(store, refresh.month)) {
      refresh.passes++;
      refresh.next = 0;
      refresh.last = lastPersonId(store);
      return true;
    }
    if (refresh.passes >= 3 && summaryStale(store, refresh.month)) refreshSummary(store, refresh.month);
    running.delete(refresh.sqlite.name);
    return false;
  }
  const from = refresh.next;
  const to = from + SUMMARY_SLICE - 1;
  refreshSummary(store, refresh.month, { from, to });
  refresh.next = to + 1;
  return true;
}

/**
 * At start (and when the month turns while the app runs): brings everyone's summary to `month` in the
 * background if the month has turned or someone has none; with `everyone`, after a change that moves
 * everyone's amounts (a standard level), the whole register whatever its month. Returns the refresh's end (a failure is passed
 * to onError, and the next start tries again); undefined when nothing was stale.
 */
export function refreshSummaryInBackground(
  store: Store,
  month: Month,
  onError: (error: unknown) => void,
  everyone = false,
): Promise<void> | undefined {
  const current = refreshOf(store);
  if (current?.month === month) {
    // A change to everyone's amounts during a pass: go through the register again from the start.
    if (everyone) Object.assign(current, { next: 0, last: lastPersonId(store), passes: 1 });
    return current.done;
  }
  if (!everyone && !summaryStale(store, month)) return undefined;
  let settle!: () => void;
  const done = new Promise<void>((resolve) => (settle = resolve));
  const sqlite = store.sqlite;
  const refresh: BackgroundRefresh = { store, sqlite, month, next: 0, last: lastPersonId(store), passes: 1, done };
  running.set(sqlite.name, refresh);
  const step = () => {
    try {
      if (runSlice(refresh)) {
        setImmediate(step);
        return;
      }
    } catch (error) {
      if (running.get(sqlite.name) === refresh) running.delete(sqlite.name);
      if (sqlite.open) onError(error);
    }
    settle();
  };
  setImmediate(step);
  return done;
}
