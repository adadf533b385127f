import { BrowserWindow, dialog, type BrowserWindowConstructorOptions, type Session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../security';
import { APP_ORIGIN } from './app-protocol';

// Window and session hardening: an isolated, sandboxed renderer with no Node, that can neither navigate
// away, open windows, load anything remote, nor be granted a permission.

export function mainWindowOptions(preloadPath: string, devTools: boolean): BrowserWindowConstructorOptions {
  return {
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Sổ An Sinh',
    backgroundColor: '#f6f5f1',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools,
    },
  };
}

/** The window; its web contents are hardened by the app-wide 'web-contents-created' hook in main.ts. */
export function createMainWindow(options: { preloadPath: string; appUrl: string; devTools: boolean }): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(options.preloadPath, options.devTools));
  win.once('ready-to-show', () => win.show());
  // A form with unsaved changes refuses to unload (beforeunload, renderer/src/components/leaveGuard.tsx):
  // Electron then keeps the window silently, so ask in Vietnamese; preventDefault here lets it close.
  win.webContents.on('will-prevent-unload', (event: { preventDefault(): void }) => {
    if (confirmLeave(win)) event.preventDefault();
  });
  void win.loadURL(options.appUrl);
  return win;
}

/** "Close anyway?" for a form with unsaved changes: true to close and lose them. */
export function confirmLeave(win: BrowserWindow): boolean {
  const choice = dialog.showMessageBoxSync(win, {
    type: 'question',
    buttons: ['Ở lại để lưu', 'Đóng, bỏ thay đổi'],
    defaultId: 0,
    cancelId: 0,
    title: 'Sổ An Sinh',
    message: 'Những gì vừa nhập trên trang chưa được lưu.',
    detail: 'Nếu đóng cửa sổ, các thay đổi đó sẽ mất.',
    noLink: true,
  });
  return choice === 1;
}

export function hardenWebContents(contents: WebContents, appUrl: string): void {
  const sameDocument = (url: string) => url.split('#')[0] === appUrl.split('#')[0];
  contents.on('will-navigate', (event, url) => {
    if (!sameDocument(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!sameDocument(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Only the app's own files load; every permission (camera, notifications, …) is refused. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isLocalUrl(details.url) });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}

/** The app's own origin (and blobs it made, for downloads), DevTools in development; nothing else. */
export function isLocalUrl(url: string): boolean {
  return url.startsWith(`${APP_ORIGIN}/`) || url.startsWith(`blob:${APP_ORIGIN}/`) || url.startsWith('devtools://');
}
