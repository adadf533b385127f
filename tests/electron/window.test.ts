import type { Session, WebContents } from 'electron';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_URL, respond } from '../../main/electron/app-protocol';
import { API_IPC_CHANNEL } from '../../main/electron/ipc-channel';
import {
  createMainWindow,
  hardenSession,
  hardenWebContents,
  isLocalUrl,
  mainWindowOptions,
} from '../../main/electron/window';
import { CONTENT_SECURITY_POLICY } from '../../main/security';
import { BrowserWindow, StandInWebContents, dialog, session, standIn } from '../support/electron-stand-in';

const appUrl = APP_URL;

/** URLs that are not the app's page: other sites, local files, other app:// hosts and look-alikes. */
const FOREIGN_URLS = [
  'https://example.org/',
  'http://localhost:5173/',
  pathToFileURL('/etc/passwd').toString(),
  pathToFileURL('/opt/so-an-sinh/resources/app.asar/dist/renderer/index.html').toString(),
  'app://other-host/index.html',
  'app://so-an-sinh.evil/index.html',
  'app://so-an-sinh/other.html',
  'app://so-an-sinh/index.html?x=1',
  'data:text/html,hi',
];

/** Electron's navigation events: an event object whose preventDefault we can watch. */
const navigationEvent = () => ({ preventDefault: vi.fn() });

function hardened(): StandInWebContents {
  const contents = new StandInWebContents();
  hardenWebContents(contents as unknown as WebContents, appUrl);
  return contents;
}

/** Calls every listener of `event` as Electron would; true when any of them prevented it. */
function prevented(contents: StandInWebContents, event: string, url?: string): boolean {
  const listeners = contents.listenersOf(event);
  expect(listeners.length, `a '${event}' listener is registered`).toBeGreaterThan(0);
  const e = navigationEvent();
  for (const listener of listeners) listener(e, url);
  return e.preventDefault.mock.calls.length > 0;
}

beforeEach(() => standIn.reset());

describe('mainWindowOptions', () => {
  const options = mainWindowOptions('/app/dist/main/preload.js', false);
  const prefs = options.webPreferences!;

  it('isolates and sandboxes the renderer, with no Node', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and the risky features off', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
  });

  it('loads the given preload, and devtools only when asked', () => {
    expect(prefs.preload).toBe('/app/dist/main/preload.js');
    expect(prefs.devTools).toBe(false);
    expect(mainWindowOptions('/p.js', true).webPreferences!.devTools).toBe(true);
  });

  it('shows the window only when ready, titled in Vietnamese', () => {
    expect(options.show).toBe(false);
    expect(options.title).toBe('Sổ An Sinh');
  });
});

describe('createMainWindow', () => {
  it('builds the window from mainWindowOptions, loads APP_URL with loadURL and shows it when ready', () => {
    const win = createMainWindow({
      preloadPath: '/app/preload.js',
      appUrl: APP_URL,
      devTools: false,
    }) as unknown as BrowserWindow;
    expect(standIn.windows).toEqual([win]);
    expect(win.options).toEqual(mainWindowOptions('/app/preload.js', false));
    expect(win.loadedUrl).toBe('app://so-an-sinh/index.html');
    expect(win.loadedFile).toBeUndefined();
    // Hardening is main.ts's app-wide 'web-contents-created' hook, not createMainWindow's.
    expect(win.webContents.listenersOf('will-navigate')).toHaveLength(0);
    expect(win.webContents.windowOpenHandler).toBeUndefined();
    expect(win.shown).toBe(false);
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
  });
});

describe('closing with unsaved changes', () => {
  it('asks in Vietnamese; "Ở lại" keeps the window, "Đóng, bỏ thay đổi" lets it unload', () => {
    const win = createMainWindow({
      preloadPath: '/app/preload.js',
      appUrl: APP_URL,
      devTools: false,
    }) as unknown as BrowserWindow;
    const unload = () => {
      const e = navigationEvent();
      for (const listener of win.webContents.listenersOf('will-prevent-unload')) listener(e);
      return e.preventDefault.mock.calls.length > 0;
    };
    dialog.asked.length = 0;
    dialog.answer = 0;
    expect(unload()).toBe(false);
    expect(dialog.asked).toEqual([
      expect.objectContaining({ buttons: ['Ở lại để lưu', 'Đóng, bỏ thay đổi'], cancelId: 0 }),
    ]);
    dialog.answer = 1;
    expect(unload()).toBe(true);
  });
});

describe('hardenWebContents', () => {
  it('prevents navigating to another site', () => {
    const contents = hardened();
    expect(prevented(contents, 'will-navigate', 'https://example.org/')).toBe(true);
    expect(prevented(contents, 'will-navigate', 'http://localhost:5173/')).toBe(true);
  });

  it('prevents navigating to another local file', () => {
    const contents = hardened();
    expect(prevented(contents, 'will-navigate', pathToFileURL('/etc/passwd').toString())).toBe(true);
  });

  it('prevents navigating to any URL that is not the app page', () => {
    const contents = hardened();
    for (const url of FOREIGN_URLS) expect(prevented(contents, 'will-navigate', url), url).toBe(true);
  });

  it("lets the app's own page change its #hash", () => {
    const contents = hardened();
    expect(prevented(contents, 'will-navigate', `${appUrl}#/ho-so`)).toBe(false);
    expect(prevented(contents, 'will-navigate', 'app://so-an-sinh/index.html#/ho-so/12')).toBe(false);
    expect(prevented(contents, 'will-navigate', appUrl)).toBe(false);
  });

  it('prevents redirects elsewhere', () => {
    const contents = hardened();
    expect(prevented(contents, 'will-redirect', 'https://example.org/')).toBe(true);
    for (const url of FOREIGN_URLS) expect(prevented(contents, 'will-redirect', url), url).toBe(true);
    expect(prevented(contents, 'will-redirect', `${appUrl}#/`)).toBe(false);
  });

  it('denies every new window', () => {
    const contents = hardened();
    const handler = contents.windowOpenHandler!;
    expect(handler({ url: 'https://example.org/', frameName: '', features: '' })).toEqual({ action: 'deny' });
    expect(handler({ url: `${appUrl}#/`, frameName: '', features: '' })).toEqual({ action: 'deny' });
  });

  it('prevents attaching a webview', () => {
    expect(prevented(hardened(), 'will-attach-webview')).toBe(true);
  });
});

describe('hardenSession', () => {
  beforeEach(() => hardenSession(session.defaultSession as unknown as Session));

  it('refuses every permission request', () => {
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      standIn.session.permissionRequestHandler!({}, permission, callback, {});
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    }
  });

  it('answers every permission check with false', () => {
    for (const permission of ['media', 'notifications', 'clipboard-sanitized-write']) {
      expect(standIn.session.permissionCheckHandler!({}, permission, appUrl, {})).toBe(false);
    }
  });

  it("cancels http(s) and file:// requests and lets the app's own origin through", () => {
    const decide = (url: string) => {
      const callback = vi.fn();
      standIn.session.onBeforeRequest!({ url, method: 'GET', resourceType: 'mainFrame' }, callback);
      expect(callback).toHaveBeenCalledOnce();
      return callback.mock.calls[0]![0] as { cancel: boolean };
    };
    expect(decide('https://example.org/')).toEqual({ cancel: true });
    expect(decide('http://127.0.0.1:8080/api')).toEqual({ cancel: true });
    expect(decide('ws://example.org/')).toEqual({ cancel: true });
    expect(decide(pathToFileURL('/opt/so-an-sinh/resources/app.asar/dist/renderer/assets/app.js').toString())).toEqual({
      cancel: true,
    });
    expect(decide(pathToFileURL('/etc/passwd').toString())).toEqual({ cancel: true });
    expect(decide('app://other-host/index.html')).toEqual({ cancel: true });
    expect(decide('app://so-an-sinh.evil/index.html')).toEqual({ cancel: true });
    expect(decide(appUrl)).toEqual({ cancel: false });
    expect(decide('app://so-an-sinh/assets/app.js')).toEqual({ cancel: false });
    expect(decide('devtools://devtools/bundled/inspector.html')).toEqual({ cancel: false });
  });

  it('adds the Content-Security-Policy from main/security.ts to every response, keeping the other headers', () => {
    const callback = vi.fn();
    standIn.session.onHeadersReceived!({ url: appUrl, responseHeaders: { 'Content-Type': ['text/html'] } }, callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
  });
});

describe('isLocalUrl', () => {
  it('accepts only app://so-an-sinh/ paths and devtools:// URLs', () => {
    expect(isLocalUrl(appUrl)).toBe(true);
    expect(isLocalUrl(`${appUrl}#/ho-so`)).toBe(true);
    expect(isLocalUrl('app://so-an-sinh/')).toBe(true);
    expect(isLocalUrl('app://so-an-sinh/assets/app.js')).toBe(true);
    expect(isLocalUrl('devtools://devtools/bundled/inspector.html')).toBe(true);
    expect(isLocalUrl('blob:app://so-an-sinh/0b6f1c2e-8d1a-4b7e-9a51-3c2d1e0f9a77')).toBe(true); // downloads the page made
    expect(isLocalUrl('blob:https://example.org/0b6f1c2e')).toBe(false);
  });

  it('refuses local files, other sites, data: and other app:// hosts', () => {
    expect(isLocalUrl('file:///etc/passwd')).toBe(false);
    expect(isLocalUrl(pathToFileURL('/opt/so-an-sinh/resources/app.asar/dist/renderer/index.html').toString())).toBe(
      false,
    );
    expect(isLocalUrl('https://example.org/')).toBe(false);
    expect(isLocalUrl('http://localhost:5173/')).toBe(false);
    expect(isLocalUrl('data:text/html,hi')).toBe(false);
    expect(isLocalUrl('app://other-host/index.html')).toBe(false);
    expect(isLocalUrl('app://so-an-sinh.evil/index.html')).toBe(false);
    expect(isLocalUrl('app://so-an-sinh')).toBe(false);
    expect(isLocalUrl('FILE-like://x')).toBe(false);
  });
});

// main/electron/main.ts does its work when loaded: load it afresh for each test, against the stand-in,
// with userData in a temp folder so the real core opens a temp database.

const mainDir = resolve(__dirname, '../../main/electron');
const mainRendererDir = join(mainDir, '../renderer');

let userData: string;

/** Loads main.ts afresh (it runs on load), as Electron would at start-up of one instance. */
async function loadMain(): Promise<void> {
  vi.resetModules();
  await import('../../main/electron/main');
}

/** Closes the core's database, as quitting the app would. */
function closeApp(): void {
  for (const listener of standIn.appListeners('window-all-closed')) listener();
}

describe('main process entry (main/electron/main.ts)', () => {
  beforeEach(async () => {
    standIn.reset();
    userData = mkdtempSync(join(tmpdir(), 'so-an-sinh-main-'));
    standIn.app.paths.userData = userData;
    standIn.app.version = '9.9.9-test';
    await loadMain();
  });

  afterEach(() => {
    closeApp();
    rmSync(userData, { recursive: true, force: true });
  });

  it('takes the single-instance lock first, then enables the sandbox before anything else', () => {
    expect(standIn.app.calls[0]).toBe('requestSingleInstanceLock');
    expect(standIn.app.calls[1]).toBe('enableSandbox');
    expect(standIn.app.sandboxEnabled).toBe(true);
  });

  it('keeps running when it gets the lock', () => {
    expect(standIn.app.quitCount).toBe(0);
    expect(standIn.app.exitCodes).toEqual([]);
    expect(standIn.app.calls).not.toContain('exit');
  });

  it('registers the app scheme as standard and secure before the app is ready', () => {
    expect(standIn.app.isReady).toBe(false);
    expect(standIn.protocol.privileged).toEqual([[{ scheme: 'app', privileges: { standard: true, secure: true } }]]);
    const calls = standIn.app.calls;
    expect(calls.indexOf('protocol.registerSchemesAsPrivileged')).toBeGreaterThan(-1);
    expect(calls.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(calls.indexOf('whenReady'));
  });

  it('does nothing with windows, IPC, the protocol handler or the session before the app is ready', () => {
    expect(standIn.windows).toHaveLength(0);
    expect(standIn.ipcHandlers.size).toBe(0);
    expect(standIn.protocol.handlers.size).toBe(0);
    expect(standIn.session.onBeforeRequest).toBeUndefined();
    expect(existsSync(join(userData, 'so-an-sinh.sqlite'))).toBe(false);
  });

  it('when ready: hardens the session, serves app://, opens the database in userData, registers one handler and opens the window', async () => {
    await standIn.makeReady();

    expect(standIn.session.permissionRequestHandler).toBeDefined();
    expect(standIn.session.permissionCheckHandler).toBeDefined();
    expect(standIn.session.onBeforeRequest).toBeDefined();
    const headers = vi.fn();
    standIn.session.onHeadersReceived!({ url: APP_URL, responseHeaders: {} }, headers);
    expect(headers).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });

    expect([...standIn.protocol.handlers.keys()]).toEqual(['app']);
    // Still exactly the one scheme registration made before ready.
    expect(standIn.protocol.privileged).toHaveLength(1);

    expect(existsSync(join(userData, 'so-an-sinh.sqlite'))).toBe(true);
    expect([...standIn.ipcHandlers.keys()]).toEqual([API_IPC_CHANNEL]);
    expect(standIn.ipcHandlers.size).toBe(1);

    expect(standIn.windows).toHaveLength(1);
    const win = standIn.windows[0]!;
    expect(win.loadedUrl).toBe(APP_URL);
    expect(win.loadedUrl).toBe('app://so-an-sinh/index.html');
    expect(win.loadedFile).toBeUndefined();
    expect(win.options.webPreferences.preload).toBe(join(mainDir, 'preload.js'));
    expect(win.options.webPreferences.sandbox).toBe(true);
    // Not packaged in tests, so devtools stay available, as in `npm start`.
    expect(win.options.webPreferences.devTools).toBe(true);
  });

  it('empties the print folder (printouts hold citizen IDs) when ready and again at quit', async () => {
    const printDir = join(userData, 'ban-in');
    mkdirSync(printDir);
    writeFileSync(join(printDir, 'giay-uy-quyen-20261115T020000-ab12.pdf'), '%PDF-1.7 cũ');
    writeFileSync(join(printDir, 'x.pdf.1234.tmp'), 'nửa tệp');
    writeFileSync(join(printDir, 'ghi-chu.txt'), 'không phải bản in');
    await standIn.makeReady();
    expect(readdirSync(printDir)).toEqual(['ghi-chu.txt']);
    writeFileSync(join(printDir, 'don-doi-hinh-thuc-20261115T030000-cd34.pdf'), '%PDF-1.7 mới');
    closeApp();
    expect(readdirSync(printDir)).toEqual(['ghi-chu.txt']);
  });

  it('the app:// handler serves the renderer folder next to main, like respond(), and nothing from another host', async () => {
    await standIn.makeReady();
    const handler = standIn.protocol.handlers.get('app')!;
    const page = await handler(new Request(APP_URL));
    expect(page).toBeInstanceOf(Response);
    expect(page.status).toBe((await respond(APP_URL, mainRendererDir)).status);
    expect(page.status).toBe(existsSync(join(mainRendererDir, 'index.html')) ? 200 : 404);
    const foreign = await handler(new Request('app://evil/index.html'));
    expect(foreign.status).toBe(404);
  });

  it("serves the window's calls through the real core, and refuses anyone else's", async () => {
    await standIn.makeReady();
    const win = standIn.windows[0]!;
    win.webContents.mainFrame.url = `${APP_URL}#/`;
    const handle = standIn.ipcHandlers.get(API_IPC_CHANNEL)!;
    const from = (sender: StandInWebContents) => ({ sender, senderFrame: sender.mainFrame });

    const info = (await handle(from(win.webContents), 'app.info', {})) as {
      ok: boolean;
      value: Record<string, unknown>;
    };
    expect(info).toMatchObject({
      ok: true,
      value: { appVersion: '9.9.9-test', shell: 'electron', db: { state: 'ok' } },
    });
    // Not signed in yet: the real core asks for sign-in (and answers the public auth.state).
    expect(await handle(from(win.webContents), 'settings.getOffice', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(await handle(from(win.webContents), 'auth.state', {})).toMatchObject({
      ok: true,
      value: { state: 'first-run' },
    });

    const stranger = new StandInWebContents();
    stranger.mainFrame.url = APP_URL;
    expect(await handle(from(stranger), 'app.info', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // The window itself, once showing anything but the app page, is refused too.
    for (const url of [
      'app://so-an-sinh.evil/index.html',
      'app://other-host/index.html',
      pathToFileURL('/tmp/index.html').toString(),
    ]) {
      win.webContents.mainFrame.url = url;
      expect(await handle(from(win.webContents), 'app.info', {}), url).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
  });

  it('hardens every web contents Electron creates', () => {
    const listeners = standIn.appListeners('web-contents-created');
    expect(listeners).toHaveLength(1);
    const contents = new StandInWebContents();
    listeners[0]!({}, contents);
    expect(contents.windowOpenHandler!({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    for (const url of FOREIGN_URLS) expect(prevented(contents, 'will-navigate', url), url).toBe(true);
    expect(prevented(contents, 'will-navigate', `${APP_URL}#/ho-so`)).toBe(false);
    expect(prevented(contents, 'will-attach-webview')).toBe(true);
  });

  it("hardens the main window's web contents through that hook", async () => {
    await standIn.makeReady();
    const contents = standIn.windows[0]!.webContents;
    expect(contents.listenersOf('will-navigate')).toHaveLength(1);
    expect(contents.windowOpenHandler!({ url: `${APP_URL}#/` })).toEqual({ action: 'deny' });
    expect(prevented(contents, 'will-navigate', 'app://so-an-sinh.evil/index.html')).toBe(true);
    expect(prevented(contents, 'will-navigate', `${APP_URL}#/`)).toBe(false);
  });

  it('shows the window when ready-to-show and focuses it on a second instance', async () => {
    await standIn.makeReady();
    const win = standIn.windows[0]!;
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
    win.minimized = true;
    for (const listener of standIn.appListeners('second-instance')) listener();
    expect(win.minimized).toBe(false);
    expect(win.focused).toBe(true);
  });

  it('quits when the last window closes', async () => {
    await standIn.makeReady();
    closeApp();
    expect(standIn.app.quitCount).toBe(1);
  });
});

describe('main process entry, when another instance holds the lock', () => {
  beforeEach(() => {
    standIn.reset();
    userData = mkdtempSync(join(tmpdir(), 'so-an-sinh-main-'));
    standIn.app.paths.userData = userData;
  });

  afterEach(() => {
    closeApp();
    rmSync(userData, { recursive: true, force: true });
  });

  it('exits at once with code 0: no scheme, no listeners, no window, no handler, no database', async () => {
    standIn.app.singleInstanceLock = false;
    await loadMain();
    expect(standIn.app.calls).toEqual(['requestSingleInstanceLock', 'exit']);
    expect(standIn.app.exitCodes).toEqual([0]);
    expect(standIn.app.quitCount).toBe(0);
    expect(standIn.app.sandboxEnabled).toBe(false);
    expect(standIn.protocol.privileged).toEqual([]);
    for (const event of ['web-contents-created', 'second-instance', 'window-all-closed']) {
      expect(standIn.appListeners(event), event).toHaveLength(0);
    }

    // Even were the app to become ready, this instance would do nothing.
    await standIn.makeReady();
    expect(standIn.windows).toHaveLength(0);
    expect(standIn.ipcHandlers.size).toBe(0);
    expect(standIn.protocol.handlers.size).toBe(0);
    expect(existsSync(join(userData, 'so-an-sinh.sqlite'))).toBe(false);
  });

  it('a second import, while the first instance runs, is refused and exits without touching the first', async () => {
    await loadMain();
    await standIn.makeReady();
    expect(standIn.windows).toHaveLength(1);
    const callsBefore = standIn.app.calls.length;

    await loadMain();
    expect(standIn.app.calls.slice(callsBefore)).toEqual(['requestSingleInstanceLock', 'exit']);
    expect(standIn.app.exitCodes).toEqual([0]);
    expect(standIn.windows).toHaveLength(1);
    expect(standIn.ipcHandlers.size).toBe(1);
    expect([...standIn.protocol.handlers.keys()]).toEqual(['app']);
    expect(standIn.protocol.privileged).toHaveLength(1);
    expect(standIn.appListeners('web-contents-created')).toHaveLength(1);
  });
});
