import { useCallback, useEffect, useRef, useState } from 'react';
import type { PersonDetail } from '../../../../../shared/api/register';
import { api } from '../../../api/client';
import { messageOf } from '../../../errors';

export type DetailState = { status: 'loading' } | { status: 'loaded'; detail: PersonDetail } | { status: 'failed'; message: string };

/** people.get for the page's person; `reload` after a write keeps the old data on screen until the new arrives. */
export function usePersonDetail(id: number) {
  const [state, setState] = useState<DetailState>({ status: 'loading' });
  const generation = useRef(0);

  const load = useCallback(() => {
    const gen = ++generation.current;
    api('people.get', { id }).then(
      (detail) => gen === generation.current && setState({ status: 'loaded', detail }),
      (error: unknown) => gen === generation.current && setState({ status: 'failed', message: messageOf(error) }),
    );
  }, [id]);

  useEffect(() => {
    load();
    return () => {
      generation.current++;
    };
  }, [load]);

  return { state, reload: load };
}
