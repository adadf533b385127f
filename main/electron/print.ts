import { BrowserWindow, session, type WebContents } from 'electron';
import { pathToFileURL } from 'node:url';
import type { PdfPrinter, PrintSpec } from '../documents/print';

// Printing a PDF with the system print dialog: a hidden window shows the PDF in Chromium's built-in PDF
// viewer and calls webContents.print (A4, the document's orientation). Known pitfalls, and what is done:
// - Electron before 30–32 printed PDFs as blank pages (electron/electron#30947, fixed by #43309): this
//   app pins Electron 45.
// - 'did-finish-load' fires before the PDF viewer (an inner extension frame) has laid out the pages; a
//   print then is blank (electron#10512): we wait for that inner frame to finish loading, with a limit.
// - The viewer is a plugin: the window needs `plugins: true`; the app's session blocks everything but
//   app://, so the window has its own in-memory session that lets through only this one file and the
//   viewer's own extension pages, and grants no permission.
// Where printing fails (not a cancel), the caller falls back to opening the PDF in the system viewer.

const PDF_VIEWER_ORIGIN = 'chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/';
/** Longest wait for the viewer before printing anyway. */
const VIEWER_WAIT_MS = 15_000;

function viewerReady(contents: WebContents): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, VIEWER_WAIT_MS);
    function done() {
      clearTimeout(timer);
      contents.removeListener('did-frame-finish-load', onFrame);
      resolve();
    }
    function onFrame(_event: unknown, isMainFrame: boolean) {
      if (!isMainFrame) done();
    }
    contents.on('did-frame-finish-load', onFrame);
  });
}

export function printOptions(spec: PrintSpec): Electron.WebContentsPrintOptions {
  return {
    silent: false,
    printBackground: true,
    pageSize: spec.pageSize,
    landscape: spec.orientation === 'landscape',
    copies: 1,
  };
}

export function electronPrinter(dir: string, parent: () => BrowserWindow | undefined): PdfPrinter {
  return {
    dir,
    print: async (path, spec) => {
      const url = pathToFileURL(path).toString();
      const printSession = session.fromPartition('so-an-sinh-in', { cache: false });
      printSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
      printSession.setPermissionCheckHandler(() => false);
      printSession.webRequest.onBeforeRequest((details, callback) =>
        callback({ cancel: !(details.url === url || details.url.startsWith(PDF_VIEWER_ORIGIN)) }),
      );
      const owner = parent();
      const win = new BrowserWindow({
        show: false,
        ...(owner ? { parent: owner } : {}),
        title: spec.document,
        webPreferences: {
          session: printSession,
          plugins: true,
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          webSecurity: true,
          devTools: false,
          disableBlinkFeatures: 'Auxclick',
        },
      });
      try {
        const ready = viewerReady(win.webContents);
        await win.loadURL(url);
        await ready;
        return await new Promise<string>((resolve) => {
          win.webContents.print(printOptions(spec), (success, failureReason) =>
            resolve(success ? '' : failureReason === 'cancelled' ? 'cancelled' : failureReason || 'failed'),
          );
        });
      } finally {
        win.destroy();
      }
    },
  };
}
