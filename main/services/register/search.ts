import type { Store } from '../../db/store';
import type { PersonRow, SearchInput, SearchResult } from '../../../shared/api/register';

// Placeholder: replaced by the indexed search (FTS) with filters.
export function searchPeople(_store: Store, _input: SearchInput): SearchResult {
  const rows: PersonRow[] = [];
  return { rows, total: 0, totalCapped: false };
}
