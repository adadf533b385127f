import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import { useSession } from '../auth/session';
import { sessionGate } from '../auth/sessionGate';
import type { ScreenProps } from '../screens/types';
import { SCREENS } from '../screens';
import { NoAccessScreen } from '../screens/NoAccessScreen';
import { NotFoundScreen } from '../screens/NotFoundScreen';
import { HOME_PATH, NAV_ITEMS, RECEIVING_PATH, replacePath, sectionAllowed, sectionOf, useHashPath } from '../routing';
import { useOfficeMode } from '../officeMode';
import { ErrorBoundary } from './ErrorBoundary';
import { Header } from './Header';
import { LeaveGuardHost } from './leaveGuard';
import { NavMenu } from './NavMenu';
import { SCREEN_TITLE_ID } from './ScreenTitle';
import { useNavCollapsed } from './useNavCollapsed';
import { isSaveShortcut } from './useSaveShortcut';
import { WhatsNewDialog } from './WhatsNewDialog';

// Once per run of the app, not again at the next sign-in.
let whatsNewShown = false;

/** The app frame: header, left navigation, and the current section's screen. */
export function Shell(props: ScreenProps) {
  const { user, signOut } = useSession();
  const path = useHashPath();
  const section = sectionOf(path);
  const mode = useOfficeMode();
  // A receiving office lands on its own home, not the ward's Việc cần làm.
  useEffect(() => {
    if (mode === 'receiving' && (section === HOME_PATH || section === undefined)) replacePath(RECEIVING_PATH);
  }, [mode, section]);
  const Screen = !section
    ? NotFoundScreen
    : sectionAllowed(section, user.role, mode)
      ? SCREENS[section]
      : NoAccessScreen;
  const unitName = props.office.status === 'loaded' ? props.office.settings.unitName : '';
  useSectionTitle(path);
  usePreventBrowserSave();
  // Shown once: main records the new version at start, so the next start has nothing new to say.
  const [whatsNewOpen, setWhatsNewOpen] = useState(() => !!props.info.whatsNew && !whatsNewShown);
  useEffect(() => {
    if (whatsNewOpen) whatsNewShown = true;
  }, [whatsNewOpen]);
  const [navCollapsed, toggleNav] = useNavCollapsed();

  return (
    <div className="app">
      <Header appName={props.info.appName} unitName={unitName} user={user} onLock={lockNow} onSignOut={signOut} />
      <div className="app-body">
        <NavMenu
          currentPath={path}
          appVersion={props.info.appVersion}
          role={user.role}
          collapsed={navCollapsed}
          onToggle={toggleNav}
        />
        <div className="app-scroll">
          <main className="app-main">
            {/* The register's audit chain disagrees with an anchor the app issued (checked at open). */}
            {props.info.auditAnchors?.warning && (
              <p role="alert" className="outcome outcome-error audit-anchor-warning">
                {props.info.auditAnchors.warning}
              </p>
            )}
            <ErrorBoundary scope="screen" resetKey={path}>
              <Screen {...props} />
            </ErrorBoundary>
            {whatsNewOpen && props.info.whatsNew && (
              <WhatsNewDialog whatsNew={props.info.whatsNew} onClose={() => setWhatsNewOpen(false)} />
            )}
          </main>
        </div>
      </div>
      <LeaveGuardHost />
    </div>
  );
}

/** "Khoá màn hình": main locks the session (so no call goes through), the overlay keeps the screen as it is. */
function lockNow(): void {
  void api('auth.lock', {}).catch(() => undefined);
  void sessionGate.lock();
}

/**
 * Window title follows the section. After moving to another page, focus goes to its heading, or to the
 * element the page marks with `data-autofocus` (the register's search box).
 */
function useSectionTitle(path: string): void {
  const previous = useRef(path);
  useEffect(() => {
    const section = sectionOf(path);
    const label = NAV_ITEMS.find((item) => item.path === section)?.label;
    document.title = label ? `${label} — Sổ An Sinh` : 'Sổ An Sinh';
    if (previous.current !== path) {
      previous.current = path;
      const target =
        document.querySelector<HTMLElement>('.app-main [data-autofocus]') ?? document.getElementById(SCREEN_TITLE_ID);
      target?.focus();
    }
  }, [path]);
}

/** Ctrl+S never opens the browser's "save page" dialog; screens with a form handle it themselves. */
function usePreventBrowserSave(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (isSaveShortcut(event)) event.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
