// @vitest-environment jsdom
import { act, createElement, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

// The renderer's data layer (renderer/src/api/query.ts) in a DOM with the real API client: screens that
// show the same query share one request; a command's success reloads the screens showing data it may have
// changed (without any reload call by the screen), a narrow write does not, a writing job's end does, and
// signing out drops the cache.

let name = 'Nguyễn Văn An';
let office = 'Phường Một';
const calls: string[] = [];
/** Answers of people.get held back until released, to see two screens wait on one request. */
let hold: Array<() => void> | undefined;

const invoke = vi.fn(async (channel: string, input: unknown) => {
  calls.push(channel);
  switch (channel) {
    case 'people.get':
      if (hold) await new Promise<void>((resolve) => hold!.push(resolve));
      return { ok: true, value: { person: { id: (input as { id: number }).id, fullName: name } } };
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
  ({ QueryClientProvider } = await import('@tanstack/react-query'));
});

beforeEach(() => {
  name = 'Nguyễn Văn An';
  office = 'Phường Một';
  calls.length = 0;
  hold = undefined;
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
