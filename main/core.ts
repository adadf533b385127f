import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AppInfo, DbStatus } from '../shared/api/contract';
import type { ApiResult } from '../shared/api/errors';
import { DbOpenError, messageForProblem } from './db/errors';
import { openDatabase } from './db/open';
import type { Store } from './db/store';
import { NOBODY } from './api/context';
import { dispatch } from './api/dispatch';
import { currentMonth } from './services/clock';
import { Sessions } from './services/auth/sessions';
import { getSecuritySettings } from './services/auth/security-settings';
import { userById } from './services/auth/users';
import { ensureSummaryCurrent } from './services/register/summary';

// The app's core, independent of Electron: the open register, the signed-in sessions and the
// dispatcher. The Electron main process and the browser harness each create one and pass calls to it,
// each naming its caller (an Electron window, a harness cookie) so each has its own session.

export const APP_NAME = 'Sổ An Sinh';

export interface AppCoreOptions {
  dbPath: string;
  appVersion: string;
  shell: AppInfo['shell'];
  /** The office clock; tests pass a fixed one. */
  clock?: () => Date;
  /** Idle time before a session locks, overriding the setting (the harness's --idle-seconds, for tests). */
  idleMsOverride?: number;
}

export interface AppCore {
  readonly dbStatus: DbStatus;
  /** The open store, for tests and tools; undefined when the file could not be opened. */
  readonly store: Store | undefined;
  call(channel: unknown, input: unknown, client?: string): Promise<ApiResult<unknown>>;
  /**
   * Signs a client in as an existing user without a password: for tests and tools running inside this
   * process only. Nothing reachable from the renderer (IPC or HTTP) calls it.
   */
  signInInProcess(client: string, userId: number): void;
  close(): void;
}

/** The caller when none is named: tools and tests in this process. */
export const LOCAL_CLIENT = 'local';

export function createAppCore(options: AppCoreOptions): AppCore {
  const clock = options.clock ?? (() => new Date());
  let store: Store | undefined;
  let dbStatus: DbStatus;
  try {
    mkdirSync(dirname(options.dbPath), { recursive: true });
    const opened = openDatabase(options.dbPath, { appVersion: options.appVersion });
    store = opened.store;
    // Age transitions happen when the month turns: bring everyone's summary to this month.
    ensureSummaryCurrent(store, currentMonth(clock()));
    dbStatus = { state: 'ok', path: options.dbPath, schemaVersion: opened.schemaVersion };
  } catch (error) {
    const problem = error instanceof DbOpenError ? error.problem : 'CANNOT_OPEN';
    const message = error instanceof DbOpenError ? error.message : messageForProblem('CANNOT_OPEN', options.dbPath);
    if (!(error instanceof DbOpenError)) console.error('[core] opening the database failed', error);
    dbStatus = { state: 'error', path: options.dbPath, code: problem, message };
  }
  const idleMs = options.idleMsOverride ?? (store ? getSecuritySettings(store).idleMinutes : 10) * 60_000;
  const sessions = new Sessions(idleMs, options.idleMsOverride !== undefined);
  const app = { appName: APP_NAME, appVersion: options.appVersion, shell: options.shell, db: dbStatus };

  return {
    dbStatus,
    store,
    call: (channel, input, client = LOCAL_CLIENT) => dispatch({ store, user: NOBODY, now: clock(), app, client, sessions }, channel, input),
    signInInProcess: (client, userId) => {
      const user = store ? userById(store, userId) : undefined;
      if (!user) throw new Error(`no user ${userId}`);
      sessions.signIn(client, { id: user.id, username: user.username, fullName: user.full_name, role: user.role }, clock().getTime());
    },
    close: () => store?.close(),
  };
}
