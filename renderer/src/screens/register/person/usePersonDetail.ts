import { useApi } from '../../../api/query';

/** people.get for the page's person (cached; every write to the register loads it again). */
export function usePersonDetail(id: number) {
  return useApi('people.get', { id });
}
