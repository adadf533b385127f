import type { Session, WebContents } from 'electron';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { API_IPC_CHANNEL } from '../../main/electron/ipc-channel';
import { createMainWindow, hardenSession, hardenWebContents, isLocalUrl, mainWindowOptions } from '../../main/electron/window';
import { CONTENT_SECURITY_POLICY } from '../../main/security';
import { BrowserWindow, StandInWebContents, session, standIn } from '../support/electron-stand-in';

const indexHtml = '/opt/so-an-sinh/resources/app.asar/dist/renderer/index.html';
const appUrl = pathToFileURL(indexHtml).toString();

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
  it('builds the window from mainWindowOptions, hardens it, loads index.html and shows it when ready', () => {
    const win = createMainWindow({ preloadPath: '/app/preload.js', indexHtml, appUrl, devTools: false }) as unknown as BrowserWindow;
    expect(standIn.windows).toEqual([win]);
    expect(win.options).toEqual(mainWindowOptions('/app/preload.js', false));
    expect(win.loadedFile).toBe(indexHtml);
    expect(win.webContents.listenersOf('will-navigate')).toHaveLength(1);
    expect(win.webContents.windowOpenHandler).toBeDefined();
    expect(win.shown).toBe(false);
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
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

  it("lets the app's own page change its #hash", () => {
    const contents = hardened();
    expect(prevented(contents, 'will-navigate', `${appUrl}#/ho-so`)).toBe(false);
    expect(prevented(contents, 'will-navigate', appUrl)).toBe(false);
  });

  it('prevents redirects elsewhere', () => {
    const contents = hardened();
    expect(prevented(contents, 'will-redirect', 'https://example.org/')).toBe(true);
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

  it('cancels http(s) requests and lets local files through', () => {
    const decide = (url: string) => {
      const callback = vi.fn();
      standIn.session.onBeforeRequest!({ url, method: 'GET', resourceType: 'mainFrame' }, callback);
      expect(callback).toHaveBeenCalledOnce();
      return callback.mock.calls[0]![0] as { cancel: boolean };
    };
    expect(decide('https://example.org/')).toEqual({ cancel: true });
    expect(decide('http://127.0.0.1:8080/api')).toEqual({ cancel: true });
    expect(decide('ws://example.org/')).toEqual({ cancel: true });
    expect(decide(appUrl)).toEqual({ cancel: false });
    expect(decide(pathToFileURL('/opt/so-an-sinh/resources/app.asar/dist/renderer/assets/app.js').toString())).toEqual({ cancel: false });
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
  it('accepts only file:// and devtools:// URLs', () => {
    expect(isLocalUrl(appUrl)).toBe(true);
    expect(isLocalUrl('devtools://devtools/bundled/inspector.html')).toBe(true);
    expect(isLocalUrl('https://example.org/')).toBe(false);
    expect(isLocalUrl('data:text/html,hi')).toBe(false);
    expect(isLocalUrl('FILE-like://x')).toBe(false);
  });
});

// main/electron/main.ts does its work when loaded: load it afresh for each test, against the stand-in,
// with userData in a temp folder so the real core opens a temp database.

const mainDir = resolve(__dirname, '../../main/electron');
const mainIndexHtml = join(mainDir, '../renderer/index.html');
const mainAppUrl = pathToFileURL(mainIndexHtml).toString();

let userData: string;

/** Loads main.ts afresh (it runs on load), as Electron would at start-up. */
async function loadMain(): Promise<void> {
  vi.resetModules();
  await import('../../main/electron/main');
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
    // Closes the core's database, as quitting the app would.
    for (const listener of standIn.appListeners('window-all-closed')) listener();
    rmSync(userData, { recursive: true, force: true });
  });

  it('enables the sandbox for every renderer before anything else', () => {
    expect(standIn.app.sandboxEnabled).toBe(true);
    expect(standIn.app.calls[0]).toBe('enableSandbox');
  });

  it('takes the single-instance lock and keeps running when it gets it', () => {
    expect(standIn.app.calls).toContain('requestSingleInstanceLock');
    expect(standIn.app.quitCount).toBe(0);
  });

  it('does nothing with windows, IPC or the session before the app is ready', () => {
    expect(standIn.windows).toHaveLength(0);
    expect(standIn.ipcHandlers.size).toBe(0);
    expect(standIn.session.onBeforeRequest).toBeUndefined();
    expect(existsSync(join(userData, 'so-an-sinh.sqlite'))).toBe(false);
  });

  it('when ready: hardens the session, opens the database in userData, registers one handler and opens the window', async () => {
    await standIn.makeReady();

    expect(standIn.session.permissionRequestHandler).toBeDefined();
    expect(standIn.session.permissionCheckHandler).toBeDefined();
    expect(standIn.session.onBeforeRequest).toBeDefined();
    const headers = vi.fn();
    standIn.session.onHeadersReceived!({ url: mainAppUrl, responseHeaders: {} }, headers);
    expect(headers).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });

    expect(existsSync(join(userData, 'so-an-sinh.sqlite'))).toBe(true);
    expect([...standIn.ipcHandlers.keys()]).toEqual([API_IPC_CHANNEL]);

    expect(standIn.windows).toHaveLength(1);
    const win = standIn.windows[0]!;
    expect(win.loadedFile).toBe(mainIndexHtml);
    expect(win.loadedFile).toMatch(/[/\\]renderer[/\\]index\.html$/);
    expect(win.options.webPreferences.preload).toBe(join(mainDir, 'preload.js'));
    expect(win.options.webPreferences.sandbox).toBe(true);
    // Not packaged in tests, so devtools stay available, as in `npm start`.
    expect(win.options.webPreferences.devTools).toBe(true);
  });

  it("serves the window's calls through the real core, and refuses anyone else's", async () => {
    await standIn.makeReady();
    const win = standIn.windows[0]!;
    win.webContents.mainFrame.url = `${mainAppUrl}#/`;
    const handle = standIn.ipcHandlers.get(API_IPC_CHANNEL)!;
    const from = (sender: StandInWebContents) => ({ sender, senderFrame: sender.mainFrame });

    const info = (await handle(from(win.webContents), 'app.info', {})) as { ok: boolean; value: Record<string, unknown> };
    expect(info).toMatchObject({ ok: true, value: { appVersion: '9.9.9-test', shell: 'electron', db: { state: 'ok' } } });
    expect(await handle(from(win.webContents), 'settings.getOffice', {})).toMatchObject({ ok: true });

    const stranger = new StandInWebContents();
    stranger.mainFrame.url = mainAppUrl;
    expect(await handle(from(stranger), 'app.info', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('hardens every web contents Electron creates', () => {
    const listeners = standIn.appListeners('web-contents-created');
    expect(listeners).toHaveLength(1);
    const contents = new StandInWebContents();
    listeners[0]!({}, contents);
    expect(contents.windowOpenHandler!({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    const event = { preventDefault: vi.fn() };
    for (const listener of contents.listenersOf('will-navigate')) listener(event, 'https://example.org/');
    expect(event.preventDefault).toHaveBeenCalled();
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
    for (const listener of standIn.appListeners('window-all-closed')) listener();
    expect(standIn.app.quitCount).toBe(1);
  });
});

describe('main process entry, when another instance is running', () => {
  it('quits at once', async () => {
    standIn.reset();
    standIn.app.singleInstanceLock = false;
    await loadMain();
    expect(standIn.app.calls.slice(0, 3)).toEqual(['enableSandbox', 'requestSingleInstanceLock', 'quit']);
  });
});
