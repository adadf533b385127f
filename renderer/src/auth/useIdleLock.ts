import { useEffect } from 'react';
import { sessionGate } from './sessionGate';

// The client's own idle lock: after `idleMinutes` without a key press, click, scroll, mouse move or
// input (a scanner, a paste, the browser filling in a field) the screen locks (main locks the session on its own clock, counted from the last call). Nothing is sent:
// unlocking asks main for the password either way.

const ACTIVITY = [
  'keydown',
  'pointerdown',
  'mousedown',
  'mousemove',
  'wheel',
  'touchstart',
  'input',
  'change',
] as const;

export function useIdleLock(idleMinutes: number, enabled: boolean): void {
  useEffect(() => {
    const idleMs = idleMinutes * 60_000;
    if (!enabled || !(idleMs > 0)) return;
    let last = Date.now();
    const onActivity = () => {
      last = Date.now();
    };
    let timer: ReturnType<typeof setTimeout>;
    const check = () => {
      const left = last + idleMs - Date.now();
      if (left <= 0) void sessionGate.lock();
      else timer = setTimeout(check, left);
    };
    timer = setTimeout(check, idleMs);
    for (const type of ACTIVITY) window.addEventListener(type, onActivity, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      for (const type of ACTIVITY) window.removeEventListener(type, onActivity, { capture: true });
    };
  }, [idleMinutes, enabled]);
}
