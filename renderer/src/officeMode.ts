import { useSyncExternalStore } from 'react';
import type { OfficeMode } from '@shared/api/receiving';
import { api } from './api/client';

// Ward register or receiving office (issue 17), read once per sign-in and after Cài đặt changes it: the
// navigation shows the ward's sections or the receiving office's. Main refuses what the mode does not
// allow; this only decides what is shown.

let mode: OfficeMode = 'ward';
let asked = false;
const listeners = new Set<() => void>();

function set(next: OfficeMode): void {
  if (next === mode) return;
  mode = next;
  for (const l of listeners) l();
}

/** Asks main again (after sign-in, after the mode was changed). */
export function refreshOfficeMode(): void {
  asked = true;
  api('receiving.mode', {}).then(
    (v) => set(v.mode),
    () => undefined,
  );
}

export function setOfficeMode(next: OfficeMode): void {
  set(next);
}

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  if (!asked) refreshOfficeMode();
  return () => listeners.delete(onChange);
}

export function useOfficeMode(): OfficeMode {
  return useSyncExternalStore(subscribe, () => mode);
}
