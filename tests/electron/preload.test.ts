import { beforeEach, describe, expect, it, vi } from 'vitest';
import { API_IPC_CHANNEL } from '../../main/electron/ipc-channel';
import { standIn } from '../support/electron-stand-in';

// The preload runs its one exposeInMainWorld call when loaded: load it afresh for each test.
beforeEach(async () => {
  standIn.reset();
  vi.resetModules();
  await import('../../main/electron/preload');
});

describe('preload', () => {
  it('exposes exactly one key, soAnSinh, to the page', () => {
    expect([...standIn.exposed.keys()]).toEqual(['soAnSinh']);
  });

  it('exposes exactly one function, invoke, and nothing else', () => {
    const api = standIn.exposed.get('soAnSinh') as Record<string, unknown>;
    expect(Object.keys(api)).toEqual(['invoke']);
    expect(api.invoke).toBeTypeOf('function');
    // No ipcRenderer, no Node objects reachable through it.
    expect(Object.getPrototypeOf(api)).toBe(Object.prototype);
  });

  it("invoke calls ipcRenderer.invoke('so-an-sinh:api', channel, input) and returns its answer", async () => {
    standIn.invokeReply = (_ipc: unknown, channel: unknown) => ({ ok: true, value: `answer for ${String(channel)}` });
    const { invoke } = standIn.exposed.get('soAnSinh') as {
      invoke: (channel: string, input: unknown) => Promise<unknown>;
    };
    const result = await invoke('settings.getOffice', { x: 1 });
    expect(API_IPC_CHANNEL).toBe('so-an-sinh:api');
    expect(standIn.invokeCalls).toEqual([{ channel: 'so-an-sinh:api', args: ['settings.getOffice', { x: 1 }] }]);
    expect(result).toEqual({ ok: true, value: 'answer for settings.getOffice' });
  });

  it('passes nothing beyond channel and input', async () => {
    const { invoke } = standIn.exposed.get('soAnSinh') as { invoke: (...args: unknown[]) => Promise<unknown> };
    await invoke('app.info', {}, 'extra', 'arguments');
    expect(standIn.invokeCalls).toEqual([{ channel: 'so-an-sinh:api', args: ['app.info', {}] }]);
  });
});
