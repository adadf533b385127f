import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { PersonRow, RegisterSort, SearchInput } from '@shared/api/register';
import { useApi, useApiEach, type ApiResultOf } from '../../api/query';
import { useDebouncedValue } from '../../api/useDebouncedValue';
import { messageOf } from '../../errors';

// Search as you type over the register, on the data layer: a debounced first page for each new query
// (the previous answer stays on screen until it comes), then the pages in view by offset as the list
// scrolls, each cached by its input like any query and reloaded after writes. Answers to an older query
// (typed over, filter changed) are never shown, so a slow response never overwrites a newer one.

export interface RegisterQuery {
  text: string;
  programme: string;
  groupCode: string;
  neighbourhoodId: string;
  method: string;
  status: string;
  /** Sorted by this column on the server (register header); the offices' name order by default. */
  sort: RegisterSort;
  direction: 'asc' | 'desc';
  /** '' = beneficiaries (the default list), 'receivers' = Người nhận thay, 'all'. */
  role: string;
}

export const EMPTY_QUERY: RegisterQuery = {
  text: '',
  programme: '',
  groupCode: '',
  neighbourhoodId: '',
  method: '',
  status: '',
  sort: 'name',
  direction: 'asc',
  role: '',
};

export const PAGE_SIZE = 100;
export const SEARCH_DEBOUNCE_MS = 120;
const PAGE_FETCH_DELAY_MS = 40;
/** While the month's summary is being refreshed, an untouched list is searched again this often (until it is done). */
export const SUMMARY_RECHECK_MS = 2000;

export interface SearchResults {
  generation: number;
  total: number;
  capped: boolean;
  pages: ReadonlyMap<number, readonly PersonRow[]>;
  /** Rows the list can scroll through: the total, or (when the count was capped) what is known so far. */
  count: number;
  /** The month's first start is still bringing everyone's status and amount to this month (searched again shortly). */
  summaryRefreshing: boolean;
}

export function hasFilters(q: RegisterQuery): boolean {
  return Boolean(q.programme || q.groupCode || q.neighbourhoodId || q.method || q.status || q.role);
}

export function toInput(q: RegisterQuery): SearchInput {
  const input: SearchInput = { text: q.text.trim().slice(0, 100) };
  if (q.programme) input.programme = q.programme as SearchInput['programme'];
  if (q.groupCode) input.groupCode = q.groupCode;
  if (q.neighbourhoodId) input.neighbourhoodId = Number(q.neighbourhoodId);
  if (q.method) input.method = q.method as SearchInput['method'];
  if (q.status) input.status = q.status as SearchInput['status'];
  if (q.sort !== 'name' || q.direction !== 'asc') {
    input.sort = q.sort;
    input.direction = q.direction;
  }
  if (q.role) input.role = q.role as SearchInput['role'];
  return input;
}

/**
 * Rows the list can scroll through, from the lengths of the pages seen. Exact when the count was not
 * capped, or once a short page shows the end. When capped ("hơn 1.000 người") the end is unknown: the list
 * offers twice what is known so far, so that scrolling on keeps loading (1.000 → 2.000 → 4.000 … reaches
 * 100.000 in a few steps); an empty page bounds it from above, and placeholders below that bound load as
 * they come into view.
 */
function countOf(total: number, capped: boolean, seen: ReadonlyMap<number, number>): number {
  if (!capped) return total;
  let known = 0;
  let upper = Number.POSITIVE_INFINITY;
  for (const [page, length] of seen) {
    const offset = page * PAGE_SIZE;
    if (length > 0) known = Math.max(known, offset + length);
    if (length > 0 && length < PAGE_SIZE) return offset + length;
    if (length === 0) upper = Math.min(upper, offset);
  }
  return Math.max(known, Math.min(upper, Math.max(total, known * 2, known + PAGE_SIZE)));
}

/** With a capped count and an empty page seen past the known rows: the page halfway between (binary search for the end). */
function endProbe(capped: boolean, seen: ReadonlyMap<number, number>): number | undefined {
  if (!capped) return undefined;
  let lastFull = -1;
  let firstEmpty = Number.POSITIVE_INFINITY;
  for (const [page, length] of seen) {
    if (length === PAGE_SIZE) lastFull = Math.max(lastFull, page);
    else if (length === 0) firstEmpty = Math.min(firstEmpty, page);
    else return undefined;
  }
  if (!Number.isFinite(firstEmpty) || firstEmpty - lastFull <= 1) return undefined;
  return Math.floor((lastFull + firstEmpty) / 2);
}

/** The rows the list shows (first…last) for one answer generation: pages load for these once scrolling pauses. */
interface Range {
  generation: number;
  first: number;
  last: number;
}

export function useRegisterSearch(query: RegisterQuery) {
  const asked = useDebouncedValue(toInput(query), SEARCH_DEBOUNCE_MS);
  const first = useApi('people.search', { ...asked, limit: PAGE_SIZE, offset: 0 }, { keepPrevious: true });

  // The search whose answer is on screen (the previous one while a new one loads); a new one starts a
  // new generation (the screen goes back to the top) and forgets the pages and bounds seen.
  const shown = useRef<{ key: string; input: SearchInput; generation: number; seen: Map<number, number> }>({
    key: '',
    input: asked,
    generation: 0,
    seen: new Map(),
  });
  const askedKey = JSON.stringify(asked);
  if (first.value && !first.previous && shown.current.key !== askedKey) {
    shown.current = { key: askedKey, input: asked, generation: shown.current.generation + 1, seen: new Map() };
  }
  const { input, generation, seen } = shown.current;

  const [range, setRange] = useState<Range | null>(null);
  const first0 = first.value;
  if (first0) seen.set(0, first0.rows.length);
  const total = first0?.total ?? 0;
  const capped = first0?.totalCapped ?? false;

  // Pages beyond the first: those in view (with a margin), and with a capped count the probe for its end.
  const pagesWanted = (): number[] => {
    if (!first0) return [];
    const pages: number[] = [];
    if (range && range.generation === generation) {
      const firstPage = Math.floor(Math.max(0, range.first - 20) / PAGE_SIZE);
      const lastPage = Math.floor(Math.min(countOf(total, capped, seen) - 1, range.last + 20) / PAGE_SIZE);
      for (let page = Math.max(1, firstPage); page <= lastPage; page++) pages.push(page);
    }
    const probe = endProbe(capped, seen);
    if (probe !== undefined && !pages.includes(probe)) pages.push(probe);
    return pages;
  };
  const wantedPages = pagesWanted();
  const pageInputs = wantedPages.map((page) => ({ ...input, limit: PAGE_SIZE, offset: page * PAGE_SIZE }));
  const more = useApiEach('people.search', pageInputs, combinePages, { staleTime: Infinity });
  more.rows.forEach((rows, i) => rows && seen.set(wantedPages[i]!, rows.length));
  const pagesKey = wantedPages.join(',');
  const count = first0 ? countOf(total, capped, seen) : 0;
  // The pages just answered may call for others (the next probe for the end, rows a longer count brought
  // into view): render again to ask for them.
  const nextKey = pagesWanted().join(',');
  const [, askAgain] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (nextKey !== pagesKey) askAgain();
  }, [nextKey, pagesKey]);

  const results = useMemo<SearchResults | null>(() => {
    if (!first0) return null;
    const pages = new Map<number, readonly PersonRow[]>([[0, first0.rows]]);
    const numbers = pagesKey ? pagesKey.split(',').map(Number) : [];
    more.rows.forEach((rows, i) => rows && pages.set(numbers[i]!, rows));
    return {
      generation,
      total: first0.total,
      capped: first0.totalCapped,
      pages,
      count,
      summaryRefreshing: !!first0.summaryRefreshing,
    };
  }, [first0, more.rows, pagesKey, generation, count]);

  const pageTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(pageTimer.current), []);
  const latestGeneration = useRef(generation);
  useEffect(() => {
    latestGeneration.current = generation;
  }, [generation]);

  /** The list shows rows first…last: load the pages they (and a margin) fall in, once scrolling pauses. */
  const ensureRange = useCallback((from: number, to: number) => {
    clearTimeout(pageTimer.current);
    pageTimer.current = setTimeout(
      () => setRange({ generation: latestGeneration.current, first: from, last: to }),
      PAGE_FETCH_DELAY_MS,
    );
  }, []);

  const rowAt = useCallback(
    (index: number): PersonRow | undefined => results?.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    [results],
  );

  // Thử lại / the summary's recheck ask again for the first page and the pages in view; one stable
  // function, so the screen's recheck timer is not re-armed by every answer.
  const { reload } = first;
  const refetchMore = useRef(more.refetch);
  useEffect(() => {
    refetchMore.current = more.refetch;
  });
  const retry = useCallback(() => {
    reload();
    refetchMore.current();
  }, [reload]);

  const error = first.error ? messageOf(first.error) : more.error;
  return { results, searching: first.fetching, error, rowAt, ensureRange, retry };
}

/** The rows of the pages asked for (in their order; undefined until answered), the first failure, a way to ask again. */
function combinePages(answers: ApiResultOf<'people.search'>[]) {
  const failed = answers.find((answer) => answer.error);
  return {
    rows: answers.map((answer) => answer.data?.rows),
    error: failed ? messageOf(failed.error) : undefined,
    refetch: () => answers.forEach((answer) => void answer.refetch()),
  };
}
