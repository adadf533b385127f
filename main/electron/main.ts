import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createAppCore, type AppCore } from '../core';
import { CoreHost, type CoreHostOptions } from '../core-host';
import { setPathPicker, type PathPicker } from '../services/files/pick';
import { clearPrintouts, setPdfOpener } from '../documents/open';
import { setPdfPrinter, type PdfPrinter } from '../documents/print';
import { electronPrinter } from './print';
import { APP_URL, registerAppScheme, serveRenderer } from './app-protocol';
import { registerApiIpc, trustedSender } from './ipc';
import { createMainWindow, hardenSession, hardenWebContents } from './window';
import { portableDataFolder } from './data-folder';

// Electron's entry point: thin on purpose. Everything else is the Electron-free core.

const DB_FILE = 'so-an-sinh.sqlite';

let core: Pick<AppCore, 'call' | 'close'> | Pick<CoreHost, 'call' | 'close'> | undefined;
/** Printouts (citizen IDs, account numbers) live here, emptied at start and at quit. */
let printDir: string | undefined;

/**
 * The core runs in a worker thread (dist/main/core-worker.js) beside this file: this process only relays
 * calls and holds the window. Loaded from source (the stand-in tests) there is no built worker file next
 * to this one, so the same core runs in this thread; a packaged app always has it.
 */
function startCore(options: Omit<CoreHostOptions, 'workerFile' | 'pdfWorkerFile'>): NonNullable<typeof core> {
  const workerFile = join(__dirname, 'core-worker.js');
  if (app.isPackaged || existsSync(workerFile)) {
    return new CoreHost({ ...options, workerFile, pdfWorkerFile: join(__dirname, 'pdf-worker.js') });
  }
  if (options.pathPicker) setPathPicker(options.pathPicker);
  if (options.pdfOpener) setPdfOpener(options.pdfOpener);
  if (options.pdfPrinter) setPdfPrinter(options.pdfPrinter);
  return createAppCore(options.core);
}
let mainWindow: BrowserWindow | undefined;

/** A failed print (not a cancel) opens the PDF in the system viewer, from where it can be printed. */
function fallingBack(printer: PdfPrinter, open: (path: string) => Promise<string>): PdfPrinter {
  return {
    dir: printer.dir,
    print: async (path, spec) => {
      const outcome = await printer
        .print(path, spec)
        .catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
      if (outcome === '' || outcome === 'cancelled') return outcome;
      const problem = await open(path);
      return problem ? outcome : 'opened';
    },
  };
}

function start(): void {
  // The portable zip with portable.txt beside the executable keeps everything in du-lieu\ beside it.
  const portable = portableDataFolder(process.execPath);
  if (portable) app.setPath('userData', portable);
  app.enableSandbox();
  registerAppScheme(protocol);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, APP_URL));
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('window-all-closed', () => {
    // The core closes its register in its own thread; committed data is safe in any case (WAL, FULL sync).
    void core?.close();
    if (printDir) clearPrintouts(printDir);
    app.quit();
  });
  void app.whenReady().then(() => {
    hardenSession(session.defaultSession);
    serveRenderer(protocol, join(__dirname, '../renderer'));
    // The folder/file chooser for 'files.pickFolder' and 'backup.pickFile' (main/services/files/pick.ts).
    const pathPicker: PathPicker = async ({ kind, title, extensions }) => {
      const properties: Array<'openDirectory' | 'createDirectory' | 'openFile'> =
        kind === 'folder' ? ['openDirectory', 'createDirectory'] : ['openFile'];
      const options = { title, properties, ...(extensions ? { filters: [{ name: title, extensions }] } : {}) };
      const chosen = mainWindow
        ? await dialog.showOpenDialog(mainWindow, options)
        : await dialog.showOpenDialog(options);
      return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
    };
    // Printed PDFs open in the system's viewer, from a folder of the app's own (main/documents/open.ts).
    printDir = join(app.getPath('userData'), 'ban-in');
    clearPrintouts(printDir); // what an earlier session left (a crash, a file held open at quit)
    const started = startCore({
      core: {
        dbPath: join(app.getPath('userData'), DB_FILE),
        appVersion: app.getVersion(),
        shell: 'electron',
        autoBackup: true,
      },
      pathPicker,
      pdfOpener: { dir: printDir, open: (path) => shell.openPath(path) },
      // "In": the system print dialog from a hidden window; if it fails, the PDF opens in the viewer instead.
      pdfPrinter: fallingBack(
        electronPrinter(printDir, () => mainWindow),
        (path) => shell.openPath(path),
      ),
      resourcesPath: process.resourcesPath,
    });
    core = started;
    registerApiIpc(
      ipcMain,
      started,
      trustedSender(() => mainWindow?.webContents, APP_URL),
    );
    mainWindow = createMainWindow({
      preloadPath: join(__dirname, 'preload.js'),
      appUrl: APP_URL,
      devTools: !app.isPackaged,
    });
    mainWindow.on('closed', () => (mainWindow = undefined));
  });
}

// A second copy would open the same register file: hand over to the first and stop here.
if (app.requestSingleInstanceLock()) start();
else app.exit(0);
