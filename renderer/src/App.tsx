import { useMemo } from 'react';
import { useBoot } from './boot';
import { SessionContext, type Session } from './auth/session';
import { useIdleLock } from './auth/useIdleLock';
import { LockOverlay } from './components/LockOverlay';
import { HelpOnF1 } from './components/HelpOnF1';
import { Shell } from './components/Shell';
import { FirstRunScreen } from './screens/auth/FirstRunScreen';
import { SignInScreen } from './screens/auth/SignInScreen';
import { LoadingScreen } from './screens/LoadingScreen';
import { RecoveryScreen } from './screens/RecoveryScreen';
import { StartupErrorScreen } from './screens/StartupErrorScreen';

export function App() {
  const { boot, office, locked, retry, reloadOffice, officeSaved, signedIn, signOut, unlocked, refresh } = useBoot();
  const ready = boot.phase === 'ready' ? boot : undefined;
  useIdleLock(ready?.idleMinutes ?? 0, ready !== undefined && !locked);
  const session = useMemo<Session | undefined>(
    () => (ready ? { user: ready.user, idleMinutes: ready.idleMinutes, signOut, refresh } : undefined),
    // Rebuilt when the session's parts change, not on every new boot object with the same user.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [ready?.user, ready?.idleMinutes, signOut, refresh],
  );

  switch (boot.phase) {
    case 'loading':
      return <LoadingScreen />;
    case 'unreachable':
      return <StartupErrorScreen message={boot.message} onRetry={retry} />;
    case 'recovery':
      return <RecoveryScreen info={boot.info} db={boot.db} />;
    case 'first-run':
      return <FirstRunScreen appVersion={boot.info.appVersion} onSignedIn={signedIn} onAlreadySetUp={retry} />;
    case 'signed-out':
      return (
        <SignInScreen
          key={boot.notice?.text ?? ''}
          appVersion={boot.info.appVersion}
          notice={boot.notice}
          onSignedIn={signedIn}
        />
      );
    case 'ready':
      return (
        <SessionContext.Provider value={session}>
          <Shell info={boot.info} office={office} onOfficeSaved={officeSaved} onRetryOffice={reloadOffice} />
          {locked ? <LockOverlay user={boot.user} onUnlocked={unlocked} onSignOut={signOut} /> : <HelpOnF1 />}
        </SessionContext.Provider>
      );
  }
}
