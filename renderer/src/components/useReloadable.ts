import { useCallback, useEffect, useRef, useState } from 'react';
import { messageOf } from '../errors';

// One value loaded from main for a page (a person, their payout card): `reload` after a write keeps the
// old value on screen until the new answer arrives; an answer to an older request is dropped.

export type Reloadable<T> = { status: 'loading' } | { status: 'loaded'; value: T } | { status: 'failed'; message: string };

/** `fetch` is called again whenever `key` changes (e.g. the person's id). */
export function useReloadable<T>(fetch: () => Promise<T>, key: unknown) {
  const [state, setState] = useState<Reloadable<T>>({ status: 'loading' });
  const generation = useRef(0);
  const fetchRef = useRef(fetch);
  fetchRef.current = fetch;

  const load = useCallback(() => {
    const gen = ++generation.current;
    fetchRef.current().then(
      (value) => gen === generation.current && setState({ status: 'loaded', value }),
      (error: unknown) => gen === generation.current && setState({ status: 'failed', message: messageOf(error) }),
    );
    // `key` is the trigger to load again; the fetch itself is read through a ref.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  useEffect(() => {
    load();
    return () => {
      // A counter, not a DOM ref: bumping it on cleanup is what drops the stale answer.
      // eslint-disable-next-line react-hooks/exhaustive-deps
      generation.current++;
    };
  }, [load]);

  return { state, reload: load };
}
