import { randomBytes } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

// Handing a printed PDF to the user. In the desktop app main writes it into a folder of its own under the
// user-data folder and opens it in the system's PDF viewer, ready to print; the opener is injected at start
// by main/electron/main.ts (setPdfOpener), so this module stays free of Electron. The browser harness and
// the tests inject nothing: the PDF then travels back to the renderer, which downloads it.
//
// Printouts hold citizen IDs and account numbers: the folder is emptied of printouts older than a day
// each time a new one is written, and emptied entirely when the app starts and when it quits
// (clearPrintouts, main/electron/main.ts), so none outlives the session that printed it.

export interface PdfOpener {
  /** Folder for printouts (created if missing). */
  dir: string;
  /** Opens a file in the system's viewer; resolves to '' on success or an error text (Electron's shell.openPath). */
  open: (path: string) => Promise<string>;
}

let opener: PdfOpener | undefined;

export function setPdfOpener(value: PdfOpener | undefined): void {
  opener = value;
}

export interface DeliveredPdf {
  opened: boolean;
  contentBase64: string;
}

const KEEP_MS = 24 * 60 * 60 * 1000;

async function removeOld(dir: string, now: number): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.endsWith('.pdf') && !name.endsWith('.tmp')) continue;
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (info && now - info.mtimeMs > KEEP_MS) await rm(path, { force: true });
  }
}

/** Writes `bytes` as dir/fileName: a temp name first, then a rename, so a viewer never sees half a file. */
export async function savePrintout(dir: string, fileName: string, bytes: Buffer, now = Date.now()): Promise<string> {
  await mkdir(dir, { recursive: true });
  await removeOld(dir, now);
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  const path = join(dir, fileName.replace(/\.pdf$/, `-${stamp}-${randomBytes(2).toString('hex')}.pdf`));
  const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, bytes, { flag: 'wx' });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return path;
}

/**
 * Opens the PDF where an opener is set (the desktop app); otherwise, or when the system has no viewer
 * for PDFs, returns it for the renderer to download.
 */
export async function deliverPdf(fileName: string, bytes: Buffer): Promise<DeliveredPdf> {
  if (opener) {
    const path = await savePrintout(opener.dir, fileName, bytes);
    const problem = await opener.open(path);
    if (!problem) return { opened: true, contentBase64: '' };
    console.error('[print] the system could not open the PDF:', problem);
  }
  return { opened: false, contentBase64: bytes.toString('base64') };
}

/**
 * Deletes every printout (and half-written temp file) in the print folder: at start and at quit. A file
 * the PDF viewer still holds open (Windows) cannot be deleted at quit; it goes at the next start.
 */
export function clearPrintouts(dir: string): number {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0; // no folder yet
  }
  let removed = 0;
  for (const name of names) {
    if (!name.endsWith('.pdf') && !name.endsWith('.tmp')) continue;
    try {
      rmSync(join(dir, name), { force: true });
      removed++;
    } catch (error) {
      console.error('[print] could not delete a printout', error instanceof Error ? error.message : error);
    }
  }
  return removed;
}
