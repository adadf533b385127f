import { app, BrowserWindow, ipcMain, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAppCore, type AppCore } from '../core';
import { registerApiIpc, trustedSender } from './ipc';
import { createMainWindow, hardenSession, hardenWebContents } from './window';

// Electron's entry point: thin on purpose. Everything else is the Electron-free core.

const DB_FILE = 'so-an-sinh.sqlite';

let core: AppCore | undefined;
let mainWindow: BrowserWindow | undefined;

app.enableSandbox();
if (!app.requestSingleInstanceLock()) app.quit();

const indexHtml = join(__dirname, '../renderer/index.html');
const appUrl = pathToFileURL(indexHtml).toString();

app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, appUrl));
app.on('second-instance', () => {
  if (mainWindow?.isMinimized()) mainWindow.restore();
  mainWindow?.focus();
});

app.whenReady().then(() => {
  hardenSession(session.defaultSession);
  core = createAppCore({ dbPath: join(app.getPath('userData'), DB_FILE), appVersion: app.getVersion(), shell: 'electron' });
  registerApiIpc(ipcMain, core, trustedSender(() => mainWindow?.webContents, appUrl));
  mainWindow = createMainWindow({
    preloadPath: join(__dirname, 'preload.js'),
    indexHtml,
    appUrl,
    devTools: !app.isPackaged,
  });
  mainWindow.on('closed', () => (mainWindow = undefined));
});

app.on('window-all-closed', () => {
  core?.close();
  app.quit();
});
