import { makeAutoBackup, removeLeftovers, type AutoReason } from './auto';
import { exclusive, type DbControl } from './control';
import { logError } from '../../log';

// When automatic backups happen: once at start, after each approved payroll ('payroll.approve', built
// by the payroll area: matched by name), and at most hourly while the app is in use (a successful call
// more than an hour after the last backup). They run in the background and never fail a call: a failure
// is logged and the next occasion tries again.

export const HOURLY_MS = 60 * 60 * 1000;
/** The start backup waits a moment: the window opens first, and a core closed at once (tests, a refused second start) makes none. */
export const START_DELAY_MS = 1000;
export const PAYROLL_APPROVE_CHANNEL = 'payroll.approve';

export interface AutoBackups {
  afterCall(channel: unknown, ok: boolean): void;
  /** The backup in flight, if any (tests wait for it). */
  idle(): Promise<void>;
  stop(): void;
}

export function startAutoBackups(control: DbControl, clock: () => Date): AutoBackups {
  let stopped = false;
  // The start backup counts as the first: the hourly one comes an hour after start, not on the first call.
  let lastStarted = clock().getTime();
  let inFlight: Promise<void> = Promise.resolve();
  removeLeftovers(control.dbPath);

  const backup = (reason: AutoReason) => {
    lastStarted = clock().getTime();
    inFlight = exclusive(async () => {
      const store = control.store();
      if (stopped || !store) return;
      await makeAutoBackup(store.sqlite, control.dbPath, reason, clock());
    }).catch((error: unknown) => {
      if (!stopped) logError('backup', `automatic backup (${reason}) failed`, error);
    });
  };

  const startTimer = setTimeout(() => backup('start'), START_DELAY_MS);
  startTimer.unref();
  return {
    afterCall(channel, ok) {
      if (stopped || !ok) return;
      if (channel === PAYROLL_APPROVE_CHANNEL) backup('payroll');
      else if (clock().getTime() - lastStarted >= HOURLY_MS) backup('hourly');
    },
    idle: () => inFlight,
    stop() {
      stopped = true;
      clearTimeout(startTimer);
    },
  };
}
