import { hashKey, QueryClient, useQueries, useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';
import { contract, type Channel, type ChannelInput, type ChannelOutput, type Contract } from '@shared/api/contract';
import type { JobStatus } from '@shared/api/import';
import { forgetOnSignOut } from '../auth/forget';
import { messageOf } from '../errors';
import { api, onCallSucceeded } from './client';

// The renderer's data layer: every value a screen loads from main goes through `useApi`, one cache keyed
// by [area, channel, input] (TanStack Query). Screens showing the same query share one request and one
// answer; after every successful write the cached queries it may have changed are invalidated, so every
// mounted screen showing them loads again (keeping the old value on screen until the new one arrives).
//
// The invalidation rule (README "Renderer data layer"):
// - a channel's area is its name before the dot ('payout.change' → 'payout');
// - a `command` (or a writing `session` call) invalidates the areas in NARROW for its channel or area;
//   any other command changes the register's data and invalidates every area except the STABLE ones;
//   every write also invalidates 'audit' (it appended an entry);
// - a job that writes (WRITING_JOBS) invalidates the same way when jobs.get first reports it done;
// - signing out (or the session ending) drops the whole cache.
// Queries are stale as soon as they arrive (staleTime 0): a screen mounting again shows the cached value
// at once and refreshes it in the background, so a write that bypassed these rules is still seen.

export type Area = string;

/** Areas whose data only their own writes change (settings, accounts, help, backups). */
export const STABLE_AREAS: ReadonlySet<Area> = new Set([
  'app',
  'auth',
  'settings',
  'users',
  'help',
  'backup',
  'diagnostics',
  'jobs',
  'files',
]);

/** Writes whose effect stays within the listed areas (by channel first, then by area). */
export const NARROW: Readonly<Record<string, readonly Area[] | 'all'>> = {
  settings: ['settings'],
  users: ['users'],
  'auth.changePassword': [],
  'people.reveal': [],
  'campaign.setTarget': ['campaign', 'todo'],
  'campaign.clearTarget': ['campaign', 'todo'],
  'payrollFiles.saveSettings': ['payrollFiles'],
  'payrollResults.saveFormat': ['payrollResults'],
  'backup.create': ['backup'],
  // A restore replaces the whole database.
  'backup.restore': 'all',
  'backup.undoRestore': 'all',
};

/** `session` calls that write data the cache may hold (sign-in and sign-out clear it instead). */
const WRITING_SESSIONS: ReadonlySet<Channel> = new Set<Channel>([
  'users.create',
  'users.resetPassword',
  'backup.restore',
  'backup.undoRestore',
  'auth.changePassword',
]);

/** Job kinds (main's startJob) whose end wrote to the register; read-only jobs (exports, trends) do not count. */
export const WRITING_JOBS: ReadonlySet<string> = new Set([
  'import',
  'payroll.build',
  'payrollResults.import',
  'roundResults.import',
  'backup.create',
  'receiving.receive',
]);

export type QueryChannel = { [C in Channel]: Contract[C]['kind'] extends 'query' ? C : never }[Channel];

export type Reloadable<T> =
  { status: 'loading' } | { status: 'loaded'; value: T } | { status: 'failed'; message: string };

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A failure shows at once with "Thử lại" (the screen decides); main's answers are not flaky.
      retry: false,
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
      staleTime: 0,
      gcTime: 5 * 60_000,
    },
  },
});

export function areaOf(channel: string): Area {
  const dot = channel.indexOf('.');
  return dot < 0 ? channel : channel.slice(0, dot);
}

export function apiKey<C extends Channel>(channel: C, input: ChannelInput<C>): readonly [Area, C, ChannelInput<C>] {
  return [areaOf(channel), channel, input];
}

/** The areas a successful write by `channel` may have changed: 'register' is all but the stable ones. */
export function scopeOf(channel: string): readonly Area[] | 'register' | 'all' {
  return NARROW[channel] ?? NARROW[areaOf(channel)] ?? 'register';
}

/**
 * After `channel`'s write: mounted screens load what it may have changed again (keeping their value on
 * screen meanwhile), and answers no screen shows are dropped, so a screen opened after the write (the
 * person page after Lưu) never shows the value from before it, not even for a moment.
 */
export function invalidateAfter(channel: string): Promise<void> {
  const scope = scopeOf(channel);
  const predicate = (query: { queryKey: readonly unknown[] }) => {
    const area = query.queryKey[0] as Area;
    if (area === 'audit' || scope === 'all') return true;
    return scope === 'register' ? !STABLE_AREAS.has(area) : scope.includes(area);
  };
  queryClient.removeQueries({ predicate, type: 'inactive' });
  const isLiveCheck = (query: { meta?: Record<string, unknown> }) => query.meta?.liveCheck === true;
  // A live check of the form that just wrote is not asked again: that form is closing, and checking its
  // saved values against the register would show them as their own duplicate for a moment.
  void queryClient.invalidateQueries({ predicate: (q) => predicate(q) && isLiveCheck(q), refetchType: 'none' });
  return queryClient.invalidateQueries({ predicate: (q) => predicate(q) && !isLiveCheck(q) });
}

const reportedJobs = new Set<string>();

// The write's caller gets its answer once the screens on view have loaded again (client.ts awaits this).
onCallSucceeded(async (channel, output) => {
  const kind: string = contract[channel].kind;
  if (kind === 'command' || (kind === 'session' && WRITING_SESSIONS.has(channel))) {
    await invalidateAfter(channel);
  } else if (channel === 'jobs.get') {
    const job = output as JobStatus;
    // Once per job: a finished job may be asked about again (another screen, a remount).
    if (job.state === 'done' && WRITING_JOBS.has(job.kind) && !reportedJobs.has(job.id)) {
      reportedJobs.add(job.id);
      await invalidateAfter(job.kind);
    }
  }
});

forgetOnSignOut(() => {
  queryClient.clear();
  reportedJobs.clear();
});

export interface ApiQueryOptions<C extends QueryChannel = QueryChannel> {
  /** false: do not load (yet); the state stays 'loading'. */
  enabled?: boolean;
  /**
   * Keep the previous input's value on screen while a new input loads (paging, filters, month, search as
   * you type). Only while the query stays enabled: after a pause (the search box emptied) the next input
   * starts blank, so an old answer never shows under a new search.
   */
  keepPrevious?: boolean;
  /** How long an answer counts as fresh (reference data that only writes change). */
  staleTime?: number;
  /**
   * A refusal that is itself the answer (a live check: the input's issues), cached like one. Returning
   * undefined keeps it a failure.
   */
  answerError?: (error: unknown) => ChannelOutput<C> | undefined;
  /**
   * A check of what is being typed (people.checkDraft, payout.check): a write marks it stale but does not
   * ask again while it is on screen (see invalidateAfter).
   */
  liveCheck?: boolean;
}

function fetcher<C extends QueryChannel>(
  channel: C,
  input: ChannelInput<C>,
  answerError?: (error: unknown) => ChannelOutput<C> | undefined,
): () => Promise<ChannelOutput<C>> {
  const call = () => api(channel, input) as Promise<ChannelOutput<C>>;
  if (!answerError) return call;
  return async () => {
    try {
      return await call();
    } catch (error) {
      const answer = answerError(error);
      if (answer === undefined) throw error;
      return answer;
    }
  };
}

/**
 * One query channel's answer for `input`, from the shared cache: `state` for LoadStatus and the screen,
 * `reload` to ask main again (Thử lại), `fetching` while a (re)load is under way, `previous` while `value`
 * is the previous input's (keepPrevious). An answer to an input no longer asked for is never shown.
 */
export function useApi<C extends QueryChannel>(channel: C, input: ChannelInput<C>, options: ApiQueryOptions<C> = {}) {
  const enabled = options.enabled ?? true;
  const queryKey = apiKey(channel, input);
  // The last query this hook showed an answer of while enabled: the only one whose answer may stay on screen.
  const kept = useRef<string | undefined>(undefined);
  const query = useQuery<ChannelOutput<C>, Error>({
    queryKey,
    queryFn: fetcher(channel, input, options.answerError),
    enabled,
    ...(options.liveCheck ? { meta: { liveCheck: true } } : {}),
    placeholderData: options.keepPrevious
      ? (previous, previousQuery) => (enabled && previousQuery?.queryHash === kept.current ? previous : undefined)
      : undefined,
    ...(options.staleTime === undefined ? {} : { staleTime: options.staleTime }),
  });
  if (!enabled) kept.current = undefined;
  else if (query.data !== undefined && !query.isPlaceholderData) kept.current = hashKey(queryKey);
  const state: Reloadable<ChannelOutput<C>> =
    query.status === 'error'
      ? { status: 'failed', message: messageOf(query.error) }
      : query.status === 'success'
        ? { status: 'loaded', value: query.data }
        : { status: 'loading' };
  const { refetch } = query;
  const reload = useCallback(() => void refetch(), [refetch]);
  return {
    state,
    value: query.data,
    error: query.error ?? undefined,
    reload,
    fetching: query.isFetching,
    previous: query.isPlaceholderData,
  };
}

export type ApiResultOf<C extends QueryChannel> = UseQueryResult<ChannelOutput<C>, Error>;

/**
 * The answers of one query channel for several inputs at once (the pages of a long list in view), each
 * cached and invalidated exactly like `useApi`'s. `combine` turns them into what the screen needs; keep
 * it stable (module level or useCallback) so its result changes only when an answer does. Pages that
 * scroll out of view and back are not asked for again until a write invalidates them (`staleTime`).
 */
export function useApiEach<C extends QueryChannel, R>(
  channel: C,
  inputs: readonly ChannelInput<C>[],
  combine: (results: ApiResultOf<C>[]) => R,
  options: { staleTime?: number } = {},
): R {
  return useQueries({
    queries: inputs.map((input) => ({
      queryKey: apiKey(channel, input),
      queryFn: fetcher(channel, input),
      ...(options.staleTime === undefined ? {} : { staleTime: options.staleTime }),
    })),
    combine: combine as (results: UseQueryResult[]) => R,
  });
}
