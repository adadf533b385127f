import { useEffect, useRef, useState } from 'react';

/**
 * `value` once it has stayed the same (by content) for `delayMs`: search as you type and live checks ask
 * main for what the user stopped at, not for every keystroke. The first value is there at once, and so is
 * a value `now` accepts (a search box emptied: nothing to ask, and no older answer may show up again).
 */
export function useDebouncedValue<T>(value: T, delayMs: number, now?: (value: T) => boolean): T {
  const key = JSON.stringify(value);
  const [settled, setSettled] = useState({ key, value });
  const latest = useRef(value);
  useEffect(() => {
    latest.current = value;
  });
  const immediate = key !== settled.key && now !== undefined && now(value);
  if (immediate) setSettled({ key, value });
  useEffect(() => {
    if (key === settled.key) return;
    const timer = setTimeout(() => setSettled({ key, value: latest.current }), delayMs);
    return () => clearTimeout(timer);
  }, [key, settled.key, delayMs]);
  return immediate ? value : settled.value;
}
