import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AppInfo, DbStatus } from '../shared/api/contract';
import type { ApiResult } from '../shared/api/errors';
import { DbOpenError, messageForProblem } from './db/errors';
import { openDatabase } from './db/open';
import { qb, type Store } from './db/store';
import type { ActingUser } from './api/context';
import { dispatch } from './api/dispatch';
import { currentMonth } from './services/clock';
import { ensureSummaryCurrent } from './services/register/summary';

// The app's core, independent of Electron: the open register and the dispatcher. The Electron main
// process and the browser harness each create one and pass calls to it.

export const APP_NAME = 'Sổ An Sinh';

export interface AppCoreOptions {
  dbPath: string;
  appVersion: string;
  shell: AppInfo['shell'];
  /** The office clock; tests pass a fixed one. */
  clock?: () => Date;
}

export interface AppCore {
  readonly dbStatus: DbStatus;
  /** The open store, for tests and tools; undefined when the file could not be opened. */
  readonly store: Store | undefined;
  call(channel: unknown, input: unknown): Promise<ApiResult<unknown>>;
  close(): void;
}

/** Until sign-in exists every call acts as the built-in account seeded by migration 2. */
const BUILT_IN_USER: ActingUser = { id: 1, username: 'quantri', fullName: 'Quản trị hệ thống', role: 'admin' };

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
  const user = store ? loadUser(store) : BUILT_IN_USER;
  const app = { appName: APP_NAME, appVersion: options.appVersion, shell: options.shell, db: dbStatus };

  return {
    dbStatus,
    store,
    call: (channel, input) => dispatch({ store, user, now: clock(), app }, channel, input),
    close: () => store?.close(),
  };
}

function loadUser(store: Store): ActingUser {
  const row = store.first(
    qb.selectFrom('users').select(['id', 'username', 'full_name', 'role']).where('id', '=', BUILT_IN_USER.id),
  );
  return row ? { id: row.id, username: row.username, fullName: row.full_name, role: row.role } : BUILT_IN_USER;
}
