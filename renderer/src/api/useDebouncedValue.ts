import { useEffect, useRef, useState } from 'react';

/**
 * `value` once it has stayed the same (by content) for `delayMs`: search as you type and live checks ask
 * main for what the user stopped at, not for every keystroke. The first value is there at once.
 */
export function useDebouncedValue<T>(value: T, delayMs: number): T {
  const key = JSON.stringify(value);
  const [settled, setSettled] = useState({ key, value });
  const latest = useRef(value);
  useEffect(() => {
    latest.current = value;
  });
  useEffect(() => {
    if (key === settled.key) return;
    const timer = setTimeout(() => setSettled({ key, value: latest.current }), delayMs);
    return () => clearTimeout(timer);
  }, [key, settled.key, delayMs]);
  return settled.value;
}
