import { api } from '../../../api/client';
import { useReloadable } from '../../../components/useReloadable';

/** people.get for the page's person; `reload` after a write keeps the old data on screen until the new arrives. */
export function usePersonDetail(id: number) {
  return useReloadable(() => api('people.get', { id }), id);
}
