import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron';
import { join } from 'node:path';
import { createAppCore, type AppCore } from '../core';
import { setPathPicker } from '../services/files/pick';
import { clearPrintouts, setPdfOpener } from '../documents/open';
import { APP_URL, registerAppScheme, serveRenderer } from './app-protocol';
import { registerApiIpc, trustedSender } from './ipc';
import { createMainWindow, hardenSession, hardenWebContents } from './window';

// Electron's entry point: thin on purpose. Everything else is the Electron-free core.

const DB_FILE = 'so-an-sinh.sqlite';

let core: AppCore | undefined;
/** Printouts (citizen IDs, account numbers) live here, emptied at start and at quit. */
let printDir: string | undefined;
let mainWindow: BrowserWindow | undefined;

function start(): void {
  app.enableSandbox();
  registerAppScheme(protocol);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, APP_URL));
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('window-all-closed', () => {
    core?.close();
    if (printDir) clearPrintouts(printDir);
    app.quit();
  });
  void app.whenReady().then(() => {
    hardenSession(session.defaultSession);
    serveRenderer(protocol, join(__dirname, '../renderer'));
    core = createAppCore({ dbPath: join(app.getPath('userData'), DB_FILE), appVersion: app.getVersion(), shell: 'electron', autoBackup: true });
    // The folder/file chooser for 'files.pickFolder' and 'backup.pickFile' (main/services/files/pick.ts).
    setPathPicker(async ({ kind, title, extensions }) => {
      const properties: Array<'openDirectory' | 'createDirectory' | 'openFile'> = kind === 'folder' ? ['openDirectory', 'createDirectory'] : ['openFile'];
      const options = { title, properties, ...(extensions ? { filters: [{ name: title, extensions }] } : {}) };
      const chosen = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
      return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
    });
    // Printed PDFs open in the system's viewer, from a folder of the app's own (main/documents/open.ts).
    printDir = join(app.getPath('userData'), 'ban-in');
    clearPrintouts(printDir); // what an earlier session left (a crash, a file held open at quit)
    setPdfOpener({ dir: printDir, open: (path) => shell.openPath(path) });
    registerApiIpc(ipcMain, core, trustedSender(() => mainWindow?.webContents, APP_URL));
    mainWindow = createMainWindow({ preloadPath: join(__dirname, 'preload.js'), appUrl: APP_URL, devTools: !app.isPackaged });
    mainWindow.on('closed', () => (mainWindow = undefined));
  });
}

// A second copy would open the same register file: hand over to the first and stop here.
if (app.requestSingleInstanceLock()) start();
else app.exit(0);
