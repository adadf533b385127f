import type { Store } from '../db/store';
import type { ActingUser } from '../api/context';
import { NOBODY } from '../api/context';
import { appendAudit, type AuditInput } from './audit';
import { logError } from '../log';

// Refusals anyone can cause without signing in (an unknown channel, a sign-in with an unknown name, a
// sign-in to a locked account) are on record, but a flood of them must not grow the audit log without
// bound (issue 12). Per kind of refusal, the first in a minute is written as usual; the rest of that
// minute are only counted, and one row 'api.refused.signedOut' carries the count (with a few samples)
// when the next one after the minute comes, or when the register is closed. So a flood writes at most
// two rows a minute per kind, whatever it sends: the keys name the kind (and, for a locked account, the
// account), never free text such as the channel or the name tried, which the caller controls.

export const COLLAPSE_WINDOW_MS = 60_000;
/** Kinds tracked at once; past this the oldest window is written out and forgotten. */
const MAX_KEYS = 200;
const MAX_SAMPLES = 5;

interface Window {
  start: number;
  last: number;
  action: string;
  suppressed: number;
  samples: string[];
}

export class RefusalCollapser {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly windowMs = COLLAPSE_WINDOW_MS) {}

  /**
   * Records a refusal of kind `key`: writes `entry` (via `write`) when it is the first of its minute, else
   * counts it. `sample` (e.g. the channel asked for, cut short) is kept for the summary row.
   */
  record(
    key: string,
    entry: AuditInput,
    now: Date,
    write: (entry: AuditInput, user: ActingUser) => void,
    user: ActingUser,
    sample?: string,
  ): void {
    const at = now.getTime();
    const open = this.windows.get(key);
    if (open && at - open.start < this.windowMs) {
      open.suppressed++;
      open.last = at;
      if (sample !== undefined && open.samples.length < MAX_SAMPLES && !open.samples.includes(sample))
        open.samples.push(sample);
      return;
    }
    if (open) this.flushOne(key, open, write);
    if (this.windows.size >= MAX_KEYS) {
      const [oldestKey, oldest] = this.windows.entries().next().value as [string, Window];
      this.flushOne(oldestKey, oldest, write);
    }
    this.windows.set(key, { start: at, last: at, action: entry.action, suppressed: 0, samples: [] });
    write(entry, user);
  }

  /** Writes every pending count (the register is closing). */
  flush(write: (entry: AuditInput, user: ActingUser) => void): void {
    for (const [key, window] of [...this.windows]) this.flushOne(key, window, write);
  }

  private flushOne(key: string, window: Window, write: (entry: AuditInput, user: ActingUser) => void): void {
    this.windows.delete(key);
    if (window.suppressed === 0) return;
    write(
      {
        action: 'api.refused.signedOut',
        entity: 'api',
        detail: {
          action: window.action,
          count: window.suppressed,
          from: new Date(window.start).toISOString(),
          to: new Date(window.last).toISOString(),
          ...(window.samples.length ? { samples: window.samples } : {}),
        },
      },
      NOBODY,
    );
  }
}

const collapsers = new WeakMap<Store, RefusalCollapser>();

/** The register's collapser (one per open store). */
export function collapserOf(store: Store): RefusalCollapser {
  let c = collapsers.get(store);
  if (!c) collapsers.set(store, (c = new RefusalCollapser()));
  return c;
}

/** Appends in its own small transaction, as refusals are (never inside the caller's). */
export const appendOwn =
  (store: Store, at: Date) =>
  (entry: AuditInput, user: ActingUser): void => {
    try {
      store.transaction(() => appendAudit(store, user, entry, at));
    } catch (error) {
      logError('audit', 'could not record a refusal', error);
    }
  };

/** Writes the pending counts of a store about to close. */
export function flushRefusals(store: Store, at = new Date()): void {
  collapsers.get(store)?.flush(appendOwn(store, at));
}
