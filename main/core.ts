import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AppInfo, DbStatus } from '@shared/api/contract';
import type { ApiResult } from '@shared/api/errors';
import { DB_MESSAGES, DbOpenError, messageForProblem } from './db/errors';
import { checkIntegrityInBackground, quickCheckOf } from './db/integrity';
import { contract } from '@shared/api/contract';
import { openDatabase, openReadOnly } from './db/open';
import type { Store } from './db/store';
import { NOBODY } from './api/context';
import { dispatch } from './api/dispatch';
import type { HandlerTable } from './api/handlers';
import { dropJobsOf } from './jobs';
import { flushRefusals } from './services/audit-limit';
import { currentMonth } from './services/clock';
import { Sessions } from './services/auth/sessions';
import { getSecuritySettings } from './services/auth/security-settings';
import { userById } from './services/auth/users';
import { dummyHash } from './services/auth/passwords';
import { ensureSummaryCurrent, refreshSummaryInBackground } from './services/register/summary';
import type { DbControl } from './services/backup/control';
import { startAutoBackups } from './services/backup/schedule';
import { LOCATION_MESSAGE, unsafeLocationOf } from './services/backup/location';
import { checkRegisterAnchors } from './services/audit-anchors';
import { configureLog, logError, logWarning } from './log';
import { backupBeforeUpgrade } from './services/backup/upgrade';
import { BUILD_INFO, recordAppVersion } from './services/app-version';
import type { WhatsNew } from '@shared/domain/release-notes';

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
  /** Automatic backups (at start, after an approved payroll, hourly while in use): on in the app and the harness, off in tests. */
  autoBackup?: boolean;
  /** Folder that holds nhat-ky/ (the error log); default the register's folder; null: console only. */
  logFolder?: string | null;
  /**
   * The first screen first (issue 18; the app and the harness): on a file that needs no migration the
   * open's quick_check runs after the start (in a worker thread), every call but status calls waiting
   * for it, and the month turn's summary refresh runs in slices after it. Off: both at open (tests).
   */
  backgroundStart?: boolean;
  /** Tests only: a handler table with a deliberately misbehaving handler (the dispatcher's guards). */
  handlerTable?: HandlerTable;
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
  /** Moves a client's sign-in session to a new client name (the harness's cookie rotation at sign-in). */
  moveClient(from: string, to: string): void;
  /** Settles when the automatic backup in flight (if any) has finished: for tests in this process. */
  autoBackupsIdle(): Promise<void>;
  close(): void;
}

/** The caller when none is named: tools and tests in this process. */
export const LOCAL_CLIENT = 'local';

export function createAppCore(options: AppCoreOptions): AppCore {
  const clock = options.clock ?? (() => new Date());
  let store: Store | undefined;
  /** The query handlers' read-only connection to the same file (db/open.ts openReadOnly). */
  let reader: Store | undefined;
  let dbStatus: DbStatus;
  let whatsNew: WhatsNew | undefined;
  /** The deferred quick_check, while it runs (backgroundStart): calls but status calls wait for it. */
  let integrity: Promise<void> | undefined;
  /** The month the summary was last brought to (backgroundStart: checked again when the month turns). */
  let summaryMonth: string | undefined;
  const refreshInBackground = () => {
    if (!store || dbStatus.state !== 'ok') return;
    summaryMonth = currentMonth(clock());
    refreshSummaryInBackground(store, summaryMonth, (error) =>
      logError('core', 'refreshing the register summary failed', error),
    );
  };
  const open = (first = false): DbStatus => {
    const opened = openDatabase(options.dbPath, {
      appVersion: options.appVersion,
      // A newer version's first start: a verified copy of the register as the older version left it.
      beforeUpgrade: (sqlite, from) => backupBeforeUpgrade(sqlite, options.dbPath, from, clock()),
      quickCheck: options.backgroundStart ? 'when-migrating' : 'always',
    });
    // Once per version, at the start (not after a restore): record it and say what is new.
    if (first) whatsNew = recordAppVersion(opened.store, options.appVersion, opened, clock());
    // Age transitions happen when the month turns: bring everyone's summary to this month (in the
    // background once the file is known intact, with backgroundStart).
    if (!options.backgroundStart) ensureSummaryCurrent(opened.store, currentMonth(clock()));
    if (store) store.adopt(opened.store);
    else store = opened.store;
    if (options.backgroundStart) {
      if (opened.quickCheckDeferred) integrity = checkIntegrity(store);
      else setImmediate(refreshInBackground);
    }
    reader?.close();
    reader = openReadOnly(options.dbPath, store);
    return { state: 'ok', path: options.dbPath, schemaVersion: opened.schemaVersion };
  };
  /** The deferred quick_check: passed, the summary refresh starts; failed, the register is closed and the app shows recovery. */
  const checkIntegrity = (checked: Store): Promise<void> => {
    const sqlite = checked.sqlite;
    const done: Promise<void> = checkIntegrityInBackground(options.dbPath, () =>
      sqlite.open ? quickCheckOf(sqlite, options.dbPath) : 'ok',
    ).then((verdict) => {
      if (integrity === done) integrity = undefined;
      // A restore swapped the file meanwhile: that open checked its own file.
      if (checked.sqlite !== sqlite || !sqlite.open) return;
      if (verdict !== 'corrupt') {
        refreshInBackground();
        return;
      }
      logError('core', 'quick_check after the start found the register damaged');
      backups?.stop();
      reader?.close();
      reader = undefined;
      checked.close();
      dbStatus = {
        state: 'error',
        path: options.dbPath,
        code: 'CORRUPT',
        message: DB_MESSAGES.CORRUPT(options.dbPath),
      };
      app.db = dbStatus;
      delete app.auditAnchors;
    });
    return done;
  };
  const failed = (error: unknown): DbStatus => {
    const problem = error instanceof DbOpenError ? error.problem : 'CANNOT_OPEN';
    const message = error instanceof DbOpenError ? error.message : messageForProblem('CANNOT_OPEN', options.dbPath);
    if (!(error instanceof DbOpenError)) logError('core', 'opening the database failed', error);
    return { state: 'error', path: options.dbPath, code: problem, message };
  };
  // The error log lives beside the register (<data folder>/nhat-ky/), unless the host chose a folder.
  if (options.logFolder !== null) configureLog(options.logFolder ?? dirname(options.dbPath));
  const location = unsafeLocationOf(options.dbPath);
  if (location) {
    // Never run the live register from a USB stick or a network drive (issue 7): refused, untouched.
    dbStatus = {
      state: 'error',
      path: options.dbPath,
      code: 'UNSAFE_LOCATION',
      message: LOCATION_MESSAGE(options.dbPath),
    };
  } else {
    try {
      mkdirSync(dirname(options.dbPath), { recursive: true });
      dbStatus = open(true);
    } catch (error) {
      dbStatus = failed(error);
    }
  }
  const idleMs = options.idleMsOverride ?? (store ? getSecuritySettings(store).idleMinutes : 10) * 60_000;
  void dummyHash(); // made once, in the background: the first unknown name then costs what every other does
  const sessions = new Sessions(idleMs, options.idleMsOverride !== undefined);
  // A job's result (an export) belongs to the sign-in that started it: dropped when that session ends.
  sessions.onEnd = (session) => dropJobsOf(`session:${session.id}`);
  const app: Omit<AppInfo, 'user'> = {
    appName: APP_NAME,
    appVersion: options.appVersion,
    build: { ...BUILD_INFO, appVersion: options.appVersion },
    shell: options.shell,
    db: dbStatus,
    ...(whatsNew ? { whatsNew } : {}),
  };
  // At every open: the register's chain against the anchors the app has issued (audit-anchors.ts).
  const checkAnchors = () => {
    if (dbStatus.state === 'ok' && store) app.auditAnchors = checkRegisterAnchors(store.sqlite, options.dbPath);
    else delete app.auditAnchors;
    if (app.auditAnchors?.warning) logWarning('core', `audit anchors: ${app.auditAnchors.warning}`);
  };
  checkAnchors();

  // Restore (main/services/backup/restore.ts) swaps the file under the running core.
  const dbControl: DbControl = {
    dbPath: options.dbPath,
    appVersion: options.appVersion,
    store: () => (dbStatus.state === 'ok' ? store : undefined),
    swap: (replace, rollback) => {
      // The reader first: the writer, closing last, checkpoints and removes the WAL before the file moves.
      reader?.close();
      reader = undefined;
      if (store?.sqlite.open) store.sqlite.close();
      try {
        replace();
        dbStatus = open();
      } catch (error) {
        rollback();
        try {
          dbStatus = open();
        } catch (again) {
          dbStatus = failed(again);
        }
        app.db = dbStatus;
        checkAnchors();
        throw error;
      }
      app.db = dbStatus;
      // Checked again once the restore has recorded itself in the anchor record (anchorsChanged).
      delete app.auditAnchors;
      return dbStatus;
    },
    anchorsChanged: checkAnchors,
  };
  let backups: ReturnType<typeof startAutoBackups> | undefined;
  let closed = false;
  const startBackups = () => {
    if (options.autoBackup && dbStatus.state === 'ok' && !closed && !backups)
      backups = startAutoBackups(dbControl, clock);
  };
  // The start's backup copies a file known intact: after the deferred check, when there is one.
  if (integrity) void integrity.then(startBackups);
  else startBackups();

  return {
    get dbStatus() {
      return dbStatus;
    },
    get store() {
      return store;
    },
    call: async (channel, input, client = LOCAL_CLIENT) => {
      if (options.backgroundStart) {
        const kind =
          typeof channel === 'string' && Object.hasOwn(contract, channel)
            ? contract[channel as keyof typeof contract].kind
            : undefined;
        // Nothing reads or writes the register before its deferred check has passed (status calls draw the first screen).
        if (integrity && kind !== 'status') await integrity;
        // Left running across midnight at the month's end: the new month's summary, in the background.
        if (
          dbStatus.state === 'ok' &&
          !integrity &&
          summaryMonth !== undefined &&
          summaryMonth !== currentMonth(clock())
        )
          refreshInBackground();
      }
      const ok = dbStatus.state === 'ok';
      const result = await dispatch(
        {
          store: ok ? store : undefined,
          readStore: ok ? reader : undefined,
          user: NOBODY,
          now: clock(),
          app,
          client,
          sessions,
          dbControl,
        },
        channel,
        input,
        options.handlerTable,
      );
      backups?.afterCall(channel, result.ok);
      return result;
    },
    signInInProcess: (client, userId) => {
      const user = store ? userById(store, userId) : undefined;
      if (!user) throw new Error(`no user ${userId}`);
      sessions.signIn(
        client,
        { id: user.id, username: user.username, fullName: user.full_name, role: user.role },
        clock().getTime(),
      );
    },
    moveClient: (from, to) => sessions.moveClient(from, to),
    autoBackupsIdle: async () => backups?.idle(),
    close: () => {
      closed = true;
      backups?.stop();
      if (store && dbStatus.state === 'ok') flushRefusals(store, clock());
      reader?.close();
      store?.close();
    },
  };
}
