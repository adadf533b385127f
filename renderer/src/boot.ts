import { useCallback, useEffect, useState } from 'react';
import type { AppInfo, DbStatus } from '../../shared/api/contract';
import type { OfficeSettings } from '../../shared/api/settings';
import { api } from './api/client';
import { messageOf } from './errors';
import { DEFAULT_PATH, SETTINGS_PATH, readHashPath, replacePath, sectionOf } from './routing';

// Start-up: ask main for the app and database status, then load the office settings. A database that
// could not be opened leads to the recovery screen; an empty office (first run) lands on Cài đặt.

export type DbError = Extract<DbStatus, { state: 'error' }>;

export type Boot =
  | { phase: 'loading' }
  | { phase: 'unreachable'; message: string }
  | { phase: 'recovery'; info: AppInfo; db: DbError }
  | { phase: 'ready'; info: AppInfo };

export type OfficeState =
  | { status: 'loading' }
  | { status: 'loaded'; settings: OfficeSettings }
  | { status: 'failed'; message: string };

async function fetchOffice(): Promise<OfficeState> {
  try {
    return { status: 'loaded', settings: await api('settings.getOffice', {}) };
  } catch (error) {
    return { status: 'failed', message: messageOf(error) };
  }
}

export function useBoot() {
  const [boot, setBoot] = useState<Boot>({ phase: 'loading' });
  const [office, setOffice] = useState<OfficeState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      let info: AppInfo;
      try {
        info = await api('app.info', {});
      } catch (error) {
        if (!cancelled) setBoot({ phase: 'unreachable', message: messageOf(error) });
        return;
      }
      if (cancelled) return;
      if (info.db.state === 'error') {
        setBoot({ phase: 'recovery', info, db: info.db });
        return;
      }
      const loaded = await fetchOffice();
      if (cancelled) return;
      const firstRun = loaded.status === 'loaded' && loaded.settings.unitName === '';
      if (firstRun) replacePath(SETTINGS_PATH);
      else if (!sectionOf(readHashPath())) replacePath(DEFAULT_PATH);
      setOffice(loaded);
      setBoot({ phase: 'ready', info });
    })();
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  const retry = useCallback(() => {
    setBoot({ phase: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const reloadOffice = useCallback(() => {
    setOffice({ status: 'loading' });
    void fetchOffice().then(setOffice);
  }, []);

  const officeSaved = useCallback((settings: OfficeSettings) => setOffice({ status: 'loaded', settings }), []);

  return { boot, office, retry, reloadOffice, officeSaved };
}
