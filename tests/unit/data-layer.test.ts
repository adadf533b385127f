// @vitest-environment jsdom
import { act, createElement, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SearchResult } from '@shared/api/register';

// The renderer's data layer (renderer/src/api/query.ts) in a DOM with the real API client: screens that
// show the same query share one request; a command's success reloads the screens showing data it may have
// changed (without any reload call by the screen), a narrow write does not, a writing job's end does, and
// signing out drops the cache.

let name = 'Nguyễn Văn An';
let office = 'Phường Một';
const calls: string[] = [];
/** Answers of people.get held back until released, to see two screens wait on one request. */
let hold: Array<() => void> | undefined;
/** people.search answers held back by searched text, released by the test (a slow answer). */
const searchHold = new Map<string, () => void>();
const holdSearchFor = new Set<string>();
const searched: string[] = [];
/** With a size: people.search answers that many people, counting to 1.000 at most ("hơn 1.000 người"). */
let registerSize: number | undefined;

const invoke = vi.fn(async (channel: string, input: unknown) => {
  calls.push(channel);
  switch (channel) {
    case 'people.get':
      if (hold) await new Promise<void>((resolve) => hold!.push(resolve));
      return { ok: true, value: { person: { id: (input as { id: number }).id, fullName: name } } };
    case 'people.search': {
      const { text, offset, limit } = input as { text: string; offset: number; limit: number };
      searched.push(text);
      if (registerSize !== undefined) {
        const n = Math.max(0, Math.min(limit, registerSize - offset));
        const rows = Array.from({ length: n }, (_, i) => ({ id: offset + i + 1, fullName: `Người ${offset + i + 1}` }));
        return { ok: true, value: { rows, total: Math.min(registerSize, 1000), totalCapped: registerSize > 1000 } };
      }
      if (holdSearchFor.has(text)) await new Promise<void>((resolve) => searchHold.set(text, resolve));
      const rows = offset > 0 ? [] : [{ id: 1, fullName: text ? `${text}: ${name}` : name }];
      return { ok: true, value: { rows, total: 1, totalCapped: false } };
    }
    case 'settings.getOffice':
      return { ok: true, value: { wardName: office } };
    case 'people.update':
      name = 'Nguyễn Văn Bình';
      return { ok: true, value: { personId: 1, warnings: [] } };
    case 'settings.saveOffice':
      office = 'Phường Hai';
      return { ok: true, value: { wardName: office } };
    case 'jobs.get':
      name = 'Trần Thị Cúc';
      return {
        ok: true,
        value: {
          id: 'j1',
          kind: (input as { jobId: string }).jobId === 'j1' ? 'import' : 'register.export',
          state: 'done',
        },
      };
    default:
      return { ok: false, error: { code: 'NOT_FOUND', message: `no stand-in for ${channel}` } };
  }
});

let query: typeof import('../../renderer/src/api/query');
let client: typeof import('../../renderer/src/api/client');
let forget: typeof import('../../renderer/src/auth/forget');
let registerSearch: typeof import('../../renderer/src/screens/register/useRegisterSearch');
let personPicker: typeof import('../../renderer/src/components/PersonPicker');
let QueryClientProvider: typeof import('@tanstack/react-query').QueryClientProvider;
let root: Root;
let container: HTMLElement;

function PersonName({ id }: { id: number }): ReactNode {
  const { state } = query.useApi('people.get', { id });
  return createElement(
    'p',
    { className: 'person' },
    state.status === 'loaded' ? state.value.person.fullName : state.status,
  );
}

function OfficeName(): ReactNode {
  const { state } = query.useApi('settings.getOffice', {});
  return createElement(
    'p',
    { className: 'office' },
    state.status === 'loaded' ? (state.value as unknown as { wardName: string }).wardName : state.status,
  );
}

const count = (channel: string) => calls.filter((c) => c === channel).length;
const texts = (selector: string) => [...container.querySelectorAll(selector)].map((e) => e.textContent);

/** Lets pending promises and React's updates run until `done` holds (or fails after many rounds). */
async function settle(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
  expect(done()).toBe(true);
}

async function mount(...children: ReactNode[]): Promise<void> {
  await act(async () => {
    root.render(createElement(QueryClientProvider, { client: query.queryClient }, ...children));
  });
}

beforeAll(async () => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  // The desktop app's bridge: the API client sends every call through it.
  (window as unknown as { soAnSinh: unknown }).soAnSinh = { invoke };
  client = await import('../../renderer/src/api/client');
  query = await import('../../renderer/src/api/query');
  forget = await import('../../renderer/src/auth/forget');
  registerSearch = await import('../../renderer/src/screens/register/useRegisterSearch');
  personPicker = await import('../../renderer/src/components/PersonPicker');
  ({ QueryClientProvider } = await import('@tanstack/react-query'));
});

beforeEach(() => {
  name = 'Nguyễn Văn An';
  office = 'Phường Một';
  calls.length = 0;
  hold = undefined;
  searchHold.clear();
  holdSearchFor.clear();
  searched.length = 0;
  registerSize = undefined;
  query.queryClient.clear();
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

describe('useApi', () => {
  it('sends one request for two screens showing the same query, and one per different input', async () => {
    hold = [];
    await mount(
      createElement(PersonName, { key: 'a', id: 1 }),
      createElement(PersonName, { key: 'b', id: 1 }),
      createElement(PersonName, { key: 'c', id: 2 }),
    );
    await settle(() => hold!.length === 2);
    expect(texts('.person')).toEqual(['loading', 'loading', 'loading']);
    for (const release of hold!) release();
    await settle(() => texts('.person').every((t) => t === 'Nguyễn Văn An'));
    expect(count('people.get')).toBe(2);
  });

  it('reloads what a command may have changed, on every screen showing it, with no reload by the screen', async () => {
    await mount(
      createElement(PersonName, { key: 'a', id: 1 }),
      createElement(PersonName, { key: 'b', id: 1 }),
      createElement(OfficeName, { key: 'o' }),
    );
    await settle(() => texts('.person')[0] === 'Nguyễn Văn An' && texts('.office')[0] === 'Phường Một');
    expect(count('people.get')).toBe(1);

    await act(async () => {
      await client.api('people.update', { id: 1, person: {} } as never);
    });
    await settle(() => texts('.person').every((t) => t === 'Nguyễn Văn Bình'));
    // The register write reloaded the person once (both screens), not the office settings (a stable area).
    expect(count('people.get')).toBe(2);
    expect(count('settings.getOffice')).toBe(1);

    // A settings write reloads the settings only.
    await act(async () => {
      await client.api('settings.saveOffice', {} as never);
    });
    await settle(() => texts('.office')[0] === 'Phường Hai');
    expect(count('people.get')).toBe(2);
  });

  it('does not reload after a failed command or a query', async () => {
    await mount(createElement(PersonName, { id: 1 }));
    await settle(() => texts('.person')[0] === 'Nguyễn Văn An');
    await act(async () => {
      await expect(client.api('register.decide', {} as never)).rejects.toThrow('no stand-in');
      await client.api('people.get', { id: 1 });
    });
    expect(count('people.get')).toBe(2); // the direct call only
    expect(texts('.person')).toEqual(['Nguyễn Văn An']);
  });

  it('reloads when a writing job is reported done (once), not for a read-only job', async () => {
    await mount(createElement(PersonName, { id: 1 }));
    await settle(() => texts('.person')[0] === 'Nguyễn Văn An');
    await act(async () => {
      await client.api('jobs.get', { jobId: 'export' });
    });
    expect(count('people.get')).toBe(1);
    await act(async () => {
      await client.api('jobs.get', { jobId: 'j1' });
    });
    await settle(() => texts('.person')[0] === 'Trần Thị Cúc');
    expect(count('people.get')).toBe(2);
    await act(async () => {
      await client.api('jobs.get', { jobId: 'j1' });
    });
    expect(count('people.get')).toBe(2);
  });

  it('drops every cached answer when the user signs out', async () => {
    await mount(createElement(PersonName, { id: 1 }));
    await settle(() => texts('.person')[0] === 'Nguyễn Văn An');
    act(() => root.unmount());
    expect(query.queryClient.getQueryData(query.apiKey('people.get', { id: 1 }))).toBeDefined();
    forget.forgetUserState();
    expect(query.queryClient.getQueryData(query.apiKey('people.get', { id: 1 }))).toBeUndefined();
    root = createRoot(container);
  });
});

/** Sổ đối tượng's search (the real hook): the first page's names, or its loading text. */
function RegisterList({ text }: { text: string }): ReactNode {
  const { results } = registerSearch.useRegisterSearch({ ...registerSearch.EMPTY_QUERY, text });
  return createElement(
    'p',
    { className: 'register' },
    results ? (results.pages.get(0) ?? []).map((row) => row.fullName).join(', ') : 'Đang tìm…',
  );
}

describe('search as you type on the data layer', () => {
  afterEach(async () => {
    // Timers set on the fake clock (the cache's own included) run before the real clock is back.
    if (vi.isFakeTimers()) await act(async () => void (await vi.runOnlyPendingTimersAsync()));
    vi.useRealTimers();
  });

  /** Lets time pass on the fake clock (debounce timers) and the answers that follow arrive. */
  async function pass(ms: number): Promise<void> {
    await act(async () => {
      await vi.advanceTimersByTimeAsync(ms);
    });
  }

  async function settleFake(done: () => boolean): Promise<void> {
    for (let i = 0; i < 200 && !done(); i++) await pass(1);
    expect(done()).toBe(true);
  }

  it('sends one request for the text the user stopped at, not one per keystroke', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await mount(createElement(RegisterList, { text: '' }));
    await settleFake(() => texts('.register')[0] === 'Nguyễn Văn An');
    expect(searched).toEqual(['']);
    // Keys typed 30 ms apart, each within the debounce of the one before.
    for (const text of ['a', 'an', 'anh']) {
      await mount(createElement(RegisterList, { text }));
      await pass(30);
    }
    expect(searched).toEqual(['']);
    expect(texts('.register')).toEqual(['Nguyễn Văn An']); // the previous answer stays meanwhile
    await pass(registerSearch.SEARCH_DEBOUNCE_MS);
    await settleFake(() => texts('.register')[0] === 'anh: Nguyễn Văn An');
    expect(searched).toEqual(['', 'anh']);
  });

  it('never shows the answer to an older text, whether it arrives before or after the newer one', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await mount(createElement(RegisterList, { text: '' }));
    await settleFake(() => texts('.register')[0] === 'Nguyễn Văn An');
    holdSearchFor.add('an');
    holdSearchFor.add('anh');
    await mount(createElement(RegisterList, { text: 'an' }));
    await settleFake(() => searchHold.has('an'));
    await mount(createElement(RegisterList, { text: 'anh' }));
    await settleFake(() => searchHold.has('anh'));

    // The old text's answer arrives first: the list keeps what it showed, waiting for the new one.
    searchHold.get('an')!();
    await pass(registerSearch.SEARCH_DEBOUNCE_MS);
    expect(texts('.register')).toEqual(['Nguyễn Văn An']);
    searchHold.get('anh')!();
    await settleFake(() => texts('.register')[0] === 'anh: Nguyễn Văn An');

    // And late, after the new one: typed 'anhx' then back to 'anh' while 'anhx' is slow.
    holdSearchFor.add('anhx');
    await mount(createElement(RegisterList, { text: 'anhx' }));
    await settleFake(() => searchHold.has('anhx'));
    await mount(createElement(RegisterList, { text: 'anh' }));
    await pass(registerSearch.SEARCH_DEBOUNCE_MS);
    searchHold.get('anhx')!();
    await pass(registerSearch.SEARCH_DEBOUNCE_MS);
    expect(texts('.register')).toEqual(['anh: Nguyễn Văn An']);
  });

  it('a picker emptied and typed into again shows no match of the text before, only the new answer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await mount(createElement(personPicker.PersonPicker, { id: 'p', picked: undefined, onPick: () => undefined }));
    const type = async (text: string) => {
      const input = container.querySelector('input')!;
      await act(async () => {
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, text);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
    };
    const options = () => texts('[role=option]');
    await type('ab');
    await settleFake(() => options().length === 1);
    expect(options()[0]).toContain('ab: Nguyễn Văn An');
    await type('');
    expect(options()).toEqual([]);
    holdSearchFor.add('c');
    await type('c');
    await settleFake(() => searchHold.has('c'));
    expect(options()).toEqual([]); // not the matches for 'ab'
    searchHold.get('c')!();
    await settleFake(() => options().length === 1);
    expect(options()[0]).toContain('c: Nguyễn Văn An');
    expect(searched).toEqual(['ab', 'c']);
  });

  it('finds the end of a register counted as "hơn 1.000" by halving, page after page, without more scrolling', async () => {
    registerSize = 1234;
    let search: ReturnType<typeof registerSearch.useRegisterSearch> | undefined;
    function Grid(): ReactNode {
      search = registerSearch.useRegisterSearch(registerSearch.EMPTY_QUERY);
      return createElement('p', { className: 'count' }, String(search.results?.count ?? ''));
    }
    await mount(createElement(Grid));
    await settle(() => texts('.count')[0] === '1000');
    // Scrolled to the end of what the count offers, twice: the second time finds an empty page; from
    // there the end is found by halving, with no more scrolling.
    const scrollToEnd = () => {
      const count = search!.results!.count;
      act(() => search!.ensureRange(count - 10, count - 1));
    };
    scrollToEnd();
    await settle(() => Number(texts('.count')[0]) >= 2000);
    const before = searched.length;
    scrollToEnd();
    await settle(() => texts('.count')[0] === '1234');
    // The empty page, then pages 15 (empty), 12 (34 rows: the end) between the last full page and it.
    expect(searched.length - before).toBeLessThanOrEqual(4);
    // The list, now shorter, shows its end: the probe's page, answered already.
    const asked = searched.length;
    scrollToEnd();
    await settle(() => search!.rowAt(1233)?.fullName === 'Người 1234');
    expect(searched.length).toBe(asked);
  });

  it('reloads the register list after a command changed a person, with no reload by the screen', async () => {
    await mount(createElement(RegisterList, { text: 'an' }));
    await settle(() => texts('.register')[0] === 'an: Nguyễn Văn An');
    const before = searched.length;
    await act(async () => {
      await client.api('people.update', { id: 1, person: {} } as never);
    });
    // The write's answer came back once the list had loaded again; the screen shows it.
    const page = { ...registerSearch.toInput({ ...registerSearch.EMPTY_QUERY, text: 'an' }), limit: 100, offset: 0 };
    const cached = query.queryClient.getQueryData<SearchResult>(query.apiKey('people.search', page));
    expect(cached?.rows[0]?.fullName).toBe('an: Nguyễn Văn Bình');
    await settle(() => texts('.register')[0] === 'an: Nguyễn Văn Bình');
    expect(searched.length).toBe(before + 1);
  });
});

describe('the invalidation rule', () => {
  it('names the areas each write reaches', () => {
    expect(query.scopeOf('payout.change')).toBe('register');
    expect(query.scopeOf('settings.saveSecurity')).toEqual(['settings']);
    expect(query.scopeOf('people.reveal')).toEqual([]);
    expect(query.areaOf('payrollResults.markCash')).toBe('payrollResults');
  });

  it('names only channels and areas that exist in the contract', async () => {
    const { CHANNELS } = await import('@shared/api/contract');
    const areas = new Set(CHANNELS.map(query.areaOf));
    for (const key of Object.keys(query.NARROW))
      expect(key.includes('.') ? CHANNELS.includes(key as never) : areas.has(key), key).toBe(true);
    for (const scope of Object.values(query.NARROW))
      if (scope !== 'all') for (const area of scope) expect(areas.has(area), area).toBe(true);
    for (const area of query.STABLE_AREAS) expect(areas.has(area), area).toBe(true);
  });
});
