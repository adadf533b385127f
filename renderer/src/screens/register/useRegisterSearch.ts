import { useCallback, useEffect, useRef, useState } from 'react';
import type { PersonRow, RegisterSort, SearchInput } from '@shared/api/register';
import { api } from '../../api/client';
import { messageOf } from '../../errors';

// Search as you type over the register: a debounced first page for each new query, then pages by offset
// as the list scrolls. Every answer carries the query generation it was asked for; answers to an older
// query (typed over, filter changed) are dropped, so a slow response never overwrites a newer one.

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
 * Rows the list can scroll through. Exact when the count was not capped, or once a short page shows the
 * end. When capped ("hơn 1.000 người") the end is unknown: the list offers twice what is known so far, so
 * that scrolling on keeps loading (1.000 → 2.000 → 4.000 … reaches 100.000 in a few steps); an empty page
 * bounds it from above, and placeholders below that bound load as they come into view.
 */
function countOf(total: number, capped: boolean, pages: ReadonlyMap<number, readonly PersonRow[]>): number {
  if (!capped) return total;
  let known = 0;
  let upper = Number.POSITIVE_INFINITY;
  for (const [page, rows] of pages) {
    const offset = page * PAGE_SIZE;
    if (rows.length > 0) known = Math.max(known, offset + rows.length);
    if (rows.length > 0 && rows.length < PAGE_SIZE) return offset + rows.length;
    if (rows.length === 0) upper = Math.min(upper, offset);
  }
  return Math.max(known, Math.min(upper, Math.max(total, known * 2, known + PAGE_SIZE)));
}

/** With a capped count and an empty page seen past the known rows: the page halfway between (binary search for the end). */
function endProbe(r: SearchResults): number | undefined {
  if (!r.capped) return undefined;
  let lastFull = -1;
  let firstEmpty = Number.POSITIVE_INFINITY;
  for (const [page, rows] of r.pages) {
    if (rows.length === PAGE_SIZE) lastFull = Math.max(lastFull, page);
    else if (rows.length === 0) firstEmpty = Math.min(firstEmpty, page);
    else return undefined;
  }
  if (!Number.isFinite(firstEmpty) || firstEmpty - lastFull <= 1) return undefined;
  return Math.floor((lastFull + firstEmpty) / 2);
}

export function useRegisterSearch(query: RegisterQuery) {
  const [results, setResults] = useState<SearchResults | null>(null);
  const [searching, setSearching] = useState(true);
  const [error, setError] = useState<string | undefined>();
  const generation = useRef(0);
  const input = useRef<SearchInput>(toInput(query));
  const pending = useRef(new Set<number>());
  const wanted = useRef<[number, number] | null>(null);
  const pageTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [attempt, setAttempt] = useState(0);
  const key = JSON.stringify(query);
  const latest = useRef<SearchResults | null>(null);

  useEffect(() => {
    const timer = setTimeout(() => {
      const gen = ++generation.current;
      input.current = toInput(query);
      pending.current = new Set([0]);
      setSearching(true);
      api('people.search', { ...input.current, limit: PAGE_SIZE, offset: 0 }).then(
        (res) => {
          if (gen !== generation.current) return;
          pending.current.delete(0);
          const pages = new Map([[0, res.rows]]);
          setResults({
            generation: gen,
            total: res.total,
            capped: res.totalCapped,
            pages,
            count: countOf(res.total, res.totalCapped, pages),
            summaryRefreshing: !!res.summaryRefreshing,
          });
          setError(undefined);
          setSearching(false);
        },
        (err: unknown) => {
          if (gen !== generation.current) return;
          setError(messageOf(err));
          setSearching(false);
        },
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
    // `key` stands for `query`'s content.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, attempt]);

  useEffect(() => () => clearTimeout(pageTimer.current), []);

  const fetchPage = useCallback((gen: number, page: number) => {
    pending.current.add(page);
    api('people.search', { ...input.current, limit: PAGE_SIZE, offset: page * PAGE_SIZE }).then(
      (res) => {
        if (gen !== generation.current) return;
        pending.current.delete(page);
        setResults((prev) => {
          if (!prev || prev.generation !== gen) return prev;
          const pages = new Map(prev.pages);
          pages.set(page, res.rows);
          return { ...prev, pages, count: countOf(prev.total, prev.capped, pages) };
        });
      },
      (err: unknown) => {
        if (gen !== generation.current) return;
        pending.current.delete(page);
        setError(messageOf(err));
      },
    );
  }, []);

  /** The list shows rows first…last: load the pages they (and a margin) fall in, once scrolling pauses. */
  const ensureRange = useCallback(
    (first: number, last: number) => {
      wanted.current = [first, last];
      clearTimeout(pageTimer.current);
      pageTimer.current = setTimeout(() => {
        const current = latest.current;
        if (!current || current.generation !== generation.current || !wanted.current) return;
        const [from, to] = wanted.current;
        const firstPage = Math.floor(Math.max(0, from - 20) / PAGE_SIZE);
        const lastPage = Math.floor(Math.min(current.count - 1, to + 20) / PAGE_SIZE);
        for (let page = firstPage; page <= lastPage; page++) {
          if (!current.pages.has(page) && !pending.current.has(page)) fetchPage(current.generation, page);
        }
      }, PAGE_FETCH_DELAY_MS);
    },
    [fetchPage],
  );

  useEffect(() => {
    latest.current = results;
    if (!results || results.generation !== generation.current) return;
    // New rows may be needed right away (the first page arrived while the list was scrolled further).
    if (wanted.current) ensureRange(...wanted.current);
    const probe = endProbe(results);
    if (probe !== undefined && !pending.current.has(probe)) fetchPage(results.generation, probe);
  }, [results, ensureRange, fetchPage]);

  const rowAt = useCallback(
    (index: number): PersonRow | undefined => results?.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    [results],
  );

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  return { results, searching, error, rowAt, ensureRange, retry };
}
