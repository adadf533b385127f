import { ApiError } from '@shared/api/errors';

// Where the API client meets the signed-in session, outside React. A call refused with LOCKED waits
// here until the user unlocks (then the client sends it again: a LOCKED call was refused before its
// handler ran, so nothing happened); the idle timer locks through here too. A call refused with
// UNAUTHENTICATED ends the session: waiting calls are refused and the app goes back to sign-in.

type Listener = () => void;

interface Waiting {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface GateSnapshot {
  locked: boolean;
  /** Set when the session ended under the user (signed out elsewhere, restarted): the sign-in notice. */
  ended: string | undefined;
}

let waiting: Waiting | undefined;
let snapshot: GateSnapshot = { locked: false, ended: undefined };
const listeners = new Set<Listener>();

function publish(next: GateSnapshot): void {
  if (next.locked === snapshot.locked && next.ended === snapshot.ended) return;
  snapshot = next;
  for (const listener of listeners) listener();
}

export const sessionGate = {
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },

  snapshot(): GateSnapshot {
    return snapshot;
  },

  /** Shows the lock; resolves once unlocked, rejects if the user signs out instead. */
  lock(): Promise<void> {
    if (!waiting) {
      let resolve!: () => void;
      let reject!: (error: unknown) => void;
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      // The idle timer locks without waiting on the promise: a sign-out must not be an unhandled rejection.
      promise.catch(() => undefined);
      waiting = { promise, resolve, reject };
    }
    publish({ locked: true, ended: snapshot.ended });
    return waiting.promise;
  },

  /** auth.unlock succeeded: the waiting calls go again. */
  unlocked(): void {
    const w = waiting;
    waiting = undefined;
    publish({ locked: false, ended: snapshot.ended });
    w?.resolve();
  },

  /** The session is gone (UNAUTHENTICATED): waiting calls are refused; the app shows sign-in with `message`. */
  ended(message: string): void {
    refuseWaiting(message);
    publish({ locked: false, ended: message });
  },

  /** Signed in afresh, or signed out on purpose: nothing waits, nothing to announce. */
  reset(): void {
    refuseWaiting('Đã đăng xuất.');
    publish({ locked: false, ended: undefined });
  },
};

function refuseWaiting(message: string): void {
  const w = waiting;
  waiting = undefined;
  w?.reject(new ApiError('UNAUTHENTICATED', message));
}
