// @vitest-environment jsdom
import { act, createElement, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

// The renderer's error boundary (renderer/src/components/ErrorBoundary.tsx) in a DOM, both levels: what it
// shows, what it sends to main, and how each way back behaves. The E2E test shows the screen level in the
// built app; this one also covers the root level, which no real answer from main can reach.

const invoke = vi.fn(async (_channel: string, _input: unknown) => ({ ok: true, value: { logged: true } }));
let ErrorBoundary: typeof import('../../renderer/src/components/ErrorBoundary').ErrorBoundary;
let root: Root;
let container: HTMLElement;
let failures = 0;

/** Throws while `failures` is above zero (counting down), then renders its text. */
function Flaky({ text }: { text: string }): ReactNode {
  if (failures > 0) {
    failures--;
    throw new Error('Cannot read properties of null (060085005039)');
  }
  return createElement('p', null, text);
}

beforeAll(async () => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  // The desktop app's bridge: the API client sends every call through it.
  (window as unknown as { soAnSinh: unknown }).soAnSinh = { invoke };
  ({ ErrorBoundary } = await import('../../renderer/src/components/ErrorBoundary'));
});

beforeEach(() => {
  invoke.mockClear();
  vi.spyOn(console, 'error').mockImplementation(() => undefined); // React reports caught errors there
  window.location.hash = '#/cai-dat/nguoi-dung';
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
  vi.restoreAllMocks();
});

const render = (scope: 'app' | 'screen', resetKey?: string) =>
  act(() =>
    root.render(
      createElement(ErrorBoundary, { scope, resetKey, children: createElement(Flaky, { text: 'Người dùng' }) }),
    ),
  );
const button = (name: string) => [...container.querySelectorAll('button')].find((b) => b.textContent === name)!;

describe('the error boundary', () => {
  it('at the root: says the app failed, in Vietnamese, and reports the error to main', async () => {
    failures = 2; // React tries a failed render once more before it gives up
    render('app');
    const alert = container.querySelector('[role="alert"]')!;
    expect(alert.querySelector('h1')!.textContent).toBe('Ứng dụng gặp lỗi');
    expect(alert.textContent).toContain('Dữ liệu đã lưu không bị ảnh hưởng');
    expect(button('Tải lại ứng dụng')).toBeDefined();
    expect(button('Về trang đầu')).toBeDefined();
    await vi.waitFor(() => expect(invoke).toHaveBeenCalled());
    const [channel, input] = invoke.mock.calls[0]!;
    expect(channel).toBe('diagnostics.reportError');
    expect(input).toMatchObject({
      where: '#/cai-dat/nguoi-dung',
      message: 'Cannot read properties of null (060085005039)',
    });
    expect((input as { componentStack: string }).componentStack).toContain('Flaky');
  });

  it('around a screen: «Tải lại màn hình» mounts the screen again', () => {
    failures = 2;
    render('screen', '/cai-dat/nguoi-dung');
    expect(container.querySelector('h1')!.textContent).toBe('Màn hình này gặp lỗi');
    failures = 0;
    act(() => button('Tải lại màn hình').click());
    expect(container.textContent).toBe('Người dùng');
  });

  it('around a screen: moving to another screen clears the error', () => {
    failures = 2;
    render('screen', '/cai-dat/nguoi-dung');
    expect(container.querySelector('[role="alert"]')).not.toBeNull();
    failures = 0;
    render('screen', '/so-doi-tuong');
    expect(container.textContent).toBe('Người dùng');
  });

  it('around a screen: «Về trang đầu» goes to the register', () => {
    failures = 2;
    render('screen', '/cai-dat/nguoi-dung');
    act(() => button('Về trang đầu').click());
    expect(window.location.hash).toBe('#/so-doi-tuong');
  });
});
