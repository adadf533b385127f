import { useSyncExternalStore } from 'react';
import type { Role } from '@shared/api/auth';
import type { OfficeMode } from '@shared/api/receiving';
import { PAYMENT_ROLES } from './auth/roles';
import { mayLeaveFor } from './components/leaveGuard';

// Hash routing (#/cai-dat …): the desktop app loads index.html from file://, where only the hash can
// change without a new page load. A section may have sub-routes (#/so-doi-tuong/ho-so/12): the section
// is the nav item whose path is the route or a prefix of it; the section's screen reads the rest.

export const DEFAULT_PATH: RoutePath = '/so-doi-tuong';
export const SETTINGS_PATH: RoutePath = '/cai-dat';
/** Việc cần làm: where everyone lands after signing in (issue 14). */
export const HOME_PATH: RoutePath = '/viec-can-lam';

export type RoutePath =
  '/viec-can-lam' | '/so-doi-tuong' | '/khong-tien-mat' | '/chi-tra' | '/bao-cao' | '/tong-hop' | '/cai-dat';
/** The receiving office's home (issue 17). */
export const RECEIVING_PATH: RoutePath = '/tong-hop';

export interface NavItem {
  path: RoutePath;
  label: string;
  /** The roles that see this section; every role when absent. */
  roles?: readonly Role[];
  /** The office mode that has this section (issue 17); both when absent. */
  mode?: OfficeMode;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/viec-can-lam', label: 'Việc cần làm', mode: 'ward' },
  { path: '/so-doi-tuong', label: 'Sổ đối tượng', mode: 'ward' },
  { path: '/khong-tien-mat', label: 'Chuyển khoản', mode: 'ward' },
  { path: '/chi-tra', label: 'Chi trả', roles: PAYMENT_ROLES, mode: 'ward' },
  { path: '/bao-cao', label: 'Báo cáo', roles: PAYMENT_ROLES, mode: 'ward' },
  { path: '/tong-hop', label: 'Tổng hợp các phường', mode: 'receiving' },
  { path: SETTINGS_PATH, label: 'Cài đặt' },
];

/** Sections whose screen handles sub-routes of its own. */
const SECTIONS_WITH_SUBROUTES: readonly RoutePath[] = [
  '/so-doi-tuong',
  '/khong-tien-mat',
  '/chi-tra',
  '/bao-cao',
  SETTINGS_PATH,
];

/** Whether a role sees the section (the renderer only hides; main refuses what a role may not do). */
export function sectionAllowed(section: RoutePath, role: Role, mode: OfficeMode = 'ward'): boolean {
  const item = NAV_ITEMS.find((i) => i.path === section);
  return (!item?.roles || item.roles.includes(role)) && (!item?.mode || item.mode === mode);
}

export function navItemsFor(role: Role, mode: OfficeMode = 'ward'): NavItem[] {
  return NAV_ITEMS.filter((item) => sectionAllowed(item.path, role, mode));
}

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

/** Goes to a route, as following a link does (Back returns); asks first when a form has unsaved changes. */
export function navigate(path: string): void {
  if (!mayLeaveFor(path)) return;
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
