import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppCore, type AppCore } from '../../main/core';
import { seedTestUsers } from '../support/register';
import { APP_URL } from '../../main/electron/app-protocol';
import { registerApiIpc, trustedSender } from '../../main/electron/ipc';
import { API_IPC_CHANNEL } from '../../main/electron/ipc-channel';
import { ipcMain, StandInFrame, StandInWebContents, standIn } from '../support/electron-stand-in';

const appUrl = APP_URL;

let win: StandInWebContents;

/** The app's window, showing the app's page (as after loadURL(APP_URL), then a #route). */
function appWindow(): StandInWebContents {
  const contents = new StandInWebContents();
  contents.mainFrame.url = `${appUrl}#/`;
  return contents;
}

/** An invoke event as Electron builds it: who sent it, from which frame. */
function eventFrom(
  sender: StandInWebContents,
  senderFrame: StandInFrame | null = sender.mainFrame,
): IpcMainInvokeEvent {
  return { sender, senderFrame, frameId: 1, processId: 1 } as unknown as IpcMainInvokeEvent;
}

function register(
  core: Pick<AppCore, 'call'>,
): (event: IpcMainInvokeEvent, channel: unknown, input: unknown) => Promise<unknown> {
  registerApiIpc(
    ipcMain as unknown as IpcMain,
    core,
    trustedSender(() => win as unknown as WebContents, appUrl),
  );
  expect([...standIn.ipcHandlers.keys()]).toEqual([API_IPC_CHANNEL]);
  return standIn.ipcHandlers.get(API_IPC_CHANNEL)! as (
    event: IpcMainInvokeEvent,
    channel: unknown,
    input: unknown,
  ) => Promise<unknown>;
}

const FORBIDDEN = { ok: false, error: { code: 'FORBIDDEN' } };

beforeEach(() => {
  standIn.reset();
  win = appWindow();
});

describe('registerApiIpc with trustedSender (fake core)', () => {
  const fakeCore = () => ({
    call: vi.fn(async (channel: unknown, input: unknown) => ({ ok: true as const, value: [channel, input] })),
  });

  it('registers exactly one handler, on the one API channel', () => {
    register(fakeCore());
    expect(standIn.ipcHandlers.size).toBe(1);
    expect(API_IPC_CHANNEL).toBe('so-an-sinh:api');
  });

  it("passes a call from the app window's main frame, on the app's page, to the core", async () => {
    const core = fakeCore();
    const handle = register(core);
    const result = await handle(eventFrom(win), 'settings.getOffice', { a: 1 });
    expect(result).toEqual({ ok: true, value: ['settings.getOffice', { a: 1 }] });
    // Each window is its own client, so its own sign-in session.
    expect(core.call).toHaveBeenCalledExactlyOnceWith('settings.getOffice', { a: 1 }, `ipc:${win.id}`);
  });

  it('trusts the app page at app://so-an-sinh/index.html', () => {
    expect(appUrl).toBe('app://so-an-sinh/index.html');
  });

  it('accepts the page with or without a #route', async () => {
    const core = fakeCore();
    const handle = register(core);
    win.mainFrame.url = appUrl;
    expect(await handle(eventFrom(win), 'app.info', {})).toMatchObject({ ok: true });
    win.mainFrame.url = `${appUrl}#/ho-so/12`;
    expect(await handle(eventFrom(win), 'app.info', {})).toMatchObject({ ok: true });
    expect(core.call).toHaveBeenCalledTimes(2);
  });

  const refusals: [string, () => IpcMainInvokeEvent][] = [
    ['another webContents', () => eventFrom(appWindow())],
    ['a subframe of the app window', () => eventFrom(win, new StandInFrame(`${appUrl}#/`))],
    ['a frame that is gone (senderFrame null)', () => eventFrom(win, null)],
    [
      'the app window showing another page',
      () => {
        win.mainFrame.url = 'https://example.org/';
        return eventFrom(win);
      },
    ],
    ...(
      [
        ['another local file (file://)', pathToFileURL('/tmp/evil/index.html').toString()],
        [
          'the old file:// renderer page',
          pathToFileURL('/opt/so-an-sinh/resources/app.asar/dist/renderer/index.html').toString(),
        ],
        ['another app:// host', 'app://other-host/index.html'],
        ['a look-alike app:// host', 'app://so-an-sinh.evil/index.html'],
        ['another page of the app origin', 'app://so-an-sinh/other.html'],
        ['the app origin root', 'app://so-an-sinh/'],
        ['DevTools', 'devtools://devtools/bundled/inspector.html'],
      ] as const
    ).map(([what, url]): [string, () => IpcMainInvokeEvent] => [
      `the app window showing ${what}`,
      () => {
        win.mainFrame.url = url;
        return eventFrom(win);
      },
    ]),
    [
      'the app page with a query string',
      () => {
        win.mainFrame.url = `${appUrl}?x=1`;
        return eventFrom(win);
      },
    ],
  ];

  for (const [who, makeEvent] of refusals) {
    it(`refuses a call from ${who} with FORBIDDEN, never reaching the core`, async () => {
      const core = fakeCore();
      const handle = register(core);
      const result = await handle(makeEvent(), 'settings.getOffice', {});
      expect(result).toMatchObject(FORBIDDEN);
      expect((result as { error: { message: string } }).error.message).toMatch(/từ chối/);
      expect(core.call).not.toHaveBeenCalled();
    });
  }

  it('refuses every call while there is no window', async () => {
    const core = fakeCore();
    registerApiIpc(
      ipcMain as unknown as IpcMain,
      core,
      trustedSender(() => undefined, appUrl),
    );
    const handle = standIn.ipcHandlers.get(API_IPC_CHANNEL)!;
    expect(await handle(eventFrom(win), 'settings.getOffice', {})).toMatchObject(FORBIDDEN);
    expect(core.call).not.toHaveBeenCalled();
  });
});

describe('registerApiIpc with the real core', () => {
  let dir: string;
  let core: AppCore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'so-an-sinh-ipc-'));
    core = createAppCore({ dbPath: join(dir, 'so-an-sinh.sqlite'), appVersion: 'test', shell: 'electron' });
    expect(core.dbStatus.state).toBe('ok');
  });

  afterEach(() => {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers an unknown channel with UNKNOWN_CHANNEL and a Vietnamese message', async () => {
    const handle = register(core);
    const result = (await handle(eventFrom(win), 'files.readAnything', { path: '/etc/passwd' })) as {
      ok: boolean;
      error: { code: string; message: string };
    };
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(result.error.message).toMatch(/không tồn tại/);
  });

  it('answers settings.getOffice from the database, once the window is signed in', async () => {
    const handle = register(core);
    expect(await handle(eventFrom(win), 'settings.getOffice', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    core.signInInProcess(`ipc:${win.id}`, seedTestUsers(core).officer);
    const result = await handle(eventFrom(win), 'settings.getOffice', {});
    expect(result).toMatchObject({ ok: true });
    expect((result as { value: unknown }).value).toBeTypeOf('object');
  });

  it('refuses an untrusted sender before the real core sees the call', async () => {
    const call = vi.spyOn(core, 'call');
    const handle = register(core);
    expect(await handle(eventFrom(appWindow()), 'settings.getOffice', {})).toMatchObject(FORBIDDEN);
    expect(call).not.toHaveBeenCalled();
  });
});
