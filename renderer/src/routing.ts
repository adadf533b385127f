import { useSyncExternalStore } from 'react';

// Hash routing (#/cai-dat …): the desktop app loads index.html from file://, where only the hash can
// change without a new page load. A section may have sub-routes (#/so-doi-tuong/ho-so/12): the section
// is the nav item whose path is the route or a prefix of it; the section's screen reads the rest.

export const DEFAULT_PATH = '/so-doi-tuong';
export const SETTINGS_PATH = '/cai-dat';

export const NAV_ITEMS = [
  { path: '/so-doi-tuong', label: 'Sổ đối tượng' },
  { path: '/chi-tra', label: 'Chi trả' },
  { path: '/bao-cao', label: 'Báo cáo' },
  { path: SETTINGS_PATH, label: 'Cài đặt' },
] as const;

export type RoutePath = (typeof NAV_ITEMS)[number]['path'];

/** Sections whose screen handles sub-routes of its own. */
const SECTIONS_WITH_SUBROUTES: readonly RoutePath[] = ['/so-doi-tuong'];

export function isKnownPath(path: string): path is RoutePath {
  return NAV_ITEMS.some((item) => item.path === path);
}

/** The section a route belongs to ('/so-doi-tuong/ho-so/12' → '/so-doi-tuong'), if any. */
export function sectionOf(path: string): RoutePath | undefined {
  if (isKnownPath(path)) return path;
  return SECTIONS_WITH_SUBROUTES.find((section) => path.startsWith(`${section}/`));
}

export function readHashPath(): string {
  try {
    return decodeURIComponent(window.location.hash.replace(/^#/, ''));
  } catch {
    return window.location.hash.replace(/^#/, '');
  }
}

/** Changes the route without adding a history entry (start-up redirects). */
export function replacePath(path: string): void {
  window.location.replace(`#${path}`);
}

/** Goes to a route, as following a link does (Back returns). */
export function navigate(path: string): void {
  window.location.hash = path;
}

export function hrefFor(path: string): string {
  return `#${path}`;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useHashPath(): string {
  return useSyncExternalStore(subscribe, readHashPath);
}
