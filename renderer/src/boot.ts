import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { SessionState, SessionUser } from '@shared/api/auth';
import type { AppInfo, DbStatus } from '@shared/api/contract';
import type { OfficeSettings } from '@shared/api/settings';
import { api, onDbUnavailable, SESSION_ENDED } from './api/client';
import { forgetUserState } from './auth/forget';
import { sessionGate } from './auth/sessionGate';
import { messageOf } from './errors';
import { HOME_PATH, SETTINGS_PATH, readHashPath, replacePath, sectionAllowed, sectionOf } from './routing';

// Start-up and the session: ask main for the app and database status (a database that could not be
// opened leads to the recovery screen, before any sign-in), then for the session: no administrator yet →
// the first-run wizard; nobody signed in → sign-in; signed in (or locked) → the shell, with the office
// settings loaded. An administrator whose office is not set up yet lands on Cài đặt.

export type DbError = Extract<DbStatus, { state: 'error' }>;

export interface SignInNotice {
  text: string;
  /** 'ended': the session ended under the user (shown as a warning); 'signed-out': on purpose. */
  kind: 'ended' | 'signed-out';
}

export type Boot =
  | { phase: 'loading' }
  | { phase: 'unreachable'; message: string }
  | { phase: 'recovery'; info: AppInfo; db: DbError }
  | { phase: 'first-run'; info: AppInfo }
  | { phase: 'signed-out'; info: AppInfo; notice?: SignInNotice }
  | { phase: 'ready'; info: AppInfo; user: SessionUser; idleMinutes: number };

export type OfficeState =
  { status: 'loading' } | { status: 'loaded'; settings: OfficeSettings } | { status: 'failed'; message: string };

async function fetchOffice(): Promise<OfficeState> {
  try {
    return { status: 'loaded', settings: await api('settings.getOffice', {}) };
  } catch (error) {
    return { status: 'failed', message: messageOf(error) };
  }
}

/** Where a user lands after signing in: the same page if their role has it (the same user signing in again continues there). */
function landingPath(user: SessionUser, office: OfficeState | undefined): string | undefined {
  if (user.role === 'admin' && office?.status === 'loaded' && office.settings.unitName === '') return SETTINGS_PATH;
  const section = sectionOf(readHashPath());
  return section && sectionAllowed(section, user.role) ? undefined : HOME_PATH;
}

export function useBoot() {
  const [boot, setBoot] = useState<Boot>({ phase: 'loading' });
  const [office, setOffice] = useState<OfficeState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const gate = useSyncExternalStore(sessionGate.subscribe, sessionGate.snapshot);
  const infoRef = useRef<AppInfo | undefined>(undefined);

  /** Signed in (or locked) as `state.user`: into the shell. */
  const enter = useCallback(async (info: AppInfo, state: SessionState, isCurrent: () => boolean = () => true) => {
    const user = state.user;
    if (!user || (state.state !== 'signed-in' && state.state !== 'locked')) {
      setBoot(state.state === 'first-run' ? { phase: 'first-run', info } : { phase: 'signed-out', info });
      return;
    }
    sessionGate.reset();
    if (state.state === 'locked') {
      // The office loads once unlocked (its call waits behind the lock); the page stays as it was.
      void sessionGate.lock();
      const landing = landingPath(user, undefined);
      if (landing) replacePath(landing);
      setOffice({ status: 'loading' });
      setBoot({ phase: 'ready', info, user, idleMinutes: state.idleMinutes });
      void fetchOffice().then((loaded) => isCurrent() && setOffice(loaded));
      return;
    }
    setBoot({ phase: 'loading' });
    const loaded = await fetchOffice();
    if (!isCurrent()) return;
    const ended = sessionGate.snapshot().ended;
    if (ended) {
      setBoot({ phase: 'signed-out', info, notice: { text: ended, kind: 'ended' } });
      return;
    }
    const landing = landingPath(user, loaded);
    if (landing) replacePath(landing);
    setOffice(loaded);
    setBoot({ phase: 'ready', info, user, idleMinutes: state.idleMinutes });
  }, []);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      let info: AppInfo;
      let state: SessionState;
      try {
        info = await api('app.info', {});
        if (cancelled) return;
        infoRef.current = info;
        if (info.db.state === 'error') {
          setBoot({ phase: 'recovery', info, db: info.db });
          return;
        }
        state = await api('auth.state', {});
      } catch (error) {
        if (!cancelled) setBoot({ phase: 'unreachable', message: messageOf(error) });
        return;
      }
      if (!cancelled) await enter(info, state, () => !cancelled);
    })();
    return () => {
      cancelled = true;
    };
  }, [attempt, enter]);

  // A call found the session gone (signed out by the administrator, main restarted): back to sign-in,
  // on the same page, so that signing in again continues there.
  const ended = gate.ended;
  const phase = boot.phase;
  useEffect(() => {
    const info = infoRef.current;
    if (!ended || phase !== 'ready' || !info) return;
    forgetUserState();
    setBoot({ phase: 'signed-out', info, notice: { text: ended, kind: 'ended' } });
  }, [ended, phase]);

  const retry = useCallback(() => {
    setBoot({ phase: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  // The register became unavailable under the app (found damaged after the start): start over, so that
  // app.info leads to the recovery screen. The recovery screen's own calls are not a reason to.
  useEffect(() => onDbUnavailable(() => phase !== 'recovery' && phase !== 'loading' && retry()), [phase, retry]);

  const reloadOffice = useCallback(() => {
    setOffice({ status: 'loading' });
    void fetchOffice().then(setOffice);
  }, []);

  const officeSaved = useCallback((settings: OfficeSettings) => setOffice({ status: 'loaded', settings }), []);

  /** auth.firstRun / auth.login answered: the new session. */
  const signedIn = useCallback(
    (state: SessionState) => {
      const info = infoRef.current;
      if (info) void enter(info, state);
    },
    [enter],
  );

  const signOut = useCallback(() => {
    const info = infoRef.current;
    void api('auth.logout', {}).catch(() => undefined);
    sessionGate.reset();
    forgetUserState();
    // The next person at this PC starts on their to-do list, not on the page the last one left open.
    replacePath(HOME_PATH);
    setOffice({ status: 'loading' });
    if (info) setBoot({ phase: 'signed-out', info, notice: { text: 'Bạn đã đăng xuất.', kind: 'signed-out' } });
  }, []);

  /** auth.unlock answered: the same session continues; calls waiting behind the lock go again. */
  const unlocked = useCallback((state: SessionState) => {
    setBoot((current) =>
      current.phase === 'ready' && state.user
        ? { ...current, user: state.user, idleMinutes: state.idleMinutes }
        : current,
    );
    sessionGate.unlocked();
  }, []);

  /** Re-reads the session (the idle time may have changed). */
  const refresh = useCallback(() => {
    void api('auth.state', {}).then(
      (state) => {
        if (state.state === 'signed-out') sessionGate.ended(SESSION_ENDED);
        else
          setBoot((current) => (current.phase === 'ready' ? { ...current, idleMinutes: state.idleMinutes } : current));
      },
      () => undefined,
    );
  }, []);

  return { boot, office, locked: gate.locked, retry, reloadOffice, officeSaved, signedIn, signOut, unlocked, refresh };
}
