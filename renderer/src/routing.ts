import { useSyncExternalStore } from 'react';

// Hash routing (#/cai-dat …): the desktop app loads index.html from file://, where only the hash can
// change without a new page load.

export const DEFAULT_PATH = '/so-doi-tuong';
export const SETTINGS_PATH = '/cai-dat';

export const NAV_ITEMS = [
  { path: '/so-doi-tuong', label: 'Sổ đối tượng' },
  { path: '/chi-tra', label: 'Chi trả' },
  { path: '/bao-cao', label: 'Báo cáo' },
  { path: SETTINGS_PATH, label: 'Cài đặt' },
] as const;

export type RoutePath = (typeof NAV_ITEMS)[number]['path'];

export function isKnownPath(path: string): path is RoutePath {
  return NAV_ITEMS.some((item) => item.path === path);
}

export function readHashPath(): string {
  return decodeURIComponent(window.location.hash.replace(/^#/, ''));
}

/** Changes the route without adding a history entry (start-up redirects). */
export function replacePath(path: string): void {
  window.location.replace(`#${path}`);
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
