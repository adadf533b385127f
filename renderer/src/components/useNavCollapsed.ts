import { useCallback, useSyncExternalStore } from 'react';

// The left navigation folds away on narrow windows (1024×768, or any screen at 125% scaling) so the
// section's tables keep their width; the officer's own choice (the toggle) is remembered on this PC.

const STORAGE_KEY = 'soAnSinh.nav';
/** Below this window width the navigation starts folded, unless the user chose otherwise. */
export const NAV_AUTO_COLLAPSE_QUERY = '(max-width: 1199px)';

type Choice = 'open' | 'closed' | null;

/** The choice of this page's life, should storage be refused (a private window). */
let remembered: Choice = null;

function readChoice(): Choice {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    return v === 'open' || v === 'closed' ? v : remembered;
  } catch {
    return remembered;
  }
}

const listeners = new Set<() => void>();

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(NAV_AUTO_COLLAPSE_QUERY);
  listeners.add(onChange);
  query.addEventListener('change', onChange);
  return () => {
    listeners.delete(onChange);
    query.removeEventListener('change', onChange);
  };
}

function snapshot(): boolean {
  const choice = readChoice();
  if (choice) return choice === 'closed';
  return window.matchMedia(NAV_AUTO_COLLAPSE_QUERY).matches;
}

/** Whether the navigation is folded, and the toggle that records the user's choice. */
export function useNavCollapsed(): [boolean, () => void] {
  const collapsed = useSyncExternalStore(subscribe, snapshot);
  const toggle = useCallback(() => {
    remembered = snapshot() ? 'open' : 'closed';
    try {
      window.localStorage.setItem(STORAGE_KEY, remembered);
    } catch {
      // Storage refused: the choice lasts until the page reloads.
    }
    for (const l of listeners) l();
  }, []);
  return [collapsed, toggle];
}
