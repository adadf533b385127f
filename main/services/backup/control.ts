import type { DbStatus } from '@shared/api/contract';
import type { Store } from '../../db/store';

// What the backup service may do to the running core (main/core.ts implements it): find the register's
// path, and swap the file under the running app. Handlers receive it as ctx.dbControl.

export interface DbControl {
  readonly dbPath: string;
  readonly appVersion: string;
  /** The open register, if it could be opened. */
  store(): Store | undefined;
  /**
   * Closes the register (if open), runs `replace` (which puts another file at dbPath), and opens it again.
   * If the new file does not open, `rollback` puts the old one back, it is reopened, and the error thrown.
   */
  swap(replace: () => void, rollback: () => void): DbStatus;
  /** The record of audit anchors changed (a restore): the core checks the register against it again. */
  anchorsChanged?(): void;
}

let chain: Promise<unknown> = Promise.resolve();

/** Backups and restores run one at a time (a restore must never swap the file under a running backup). */
export function exclusive<T>(fn: () => Promise<T>): Promise<T> {
  const run = chain.then(fn, fn);
  chain = run.catch(() => undefined);
  return run;
}
