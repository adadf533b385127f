import { ApiError } from '@shared/api/errors';
import type { PrintOrientation, PrintResult } from '@shared/api/print';
import { savePrintout } from './open';

// Printing a document directly (issue 15): the system print dialog, A4, the document's own orientation.
// The printer is injected by the shell, as the PDF opener is (open.ts): in the desktop app a hidden
// window prints the PDF (main/electron/print.ts); in the browser harness a stand-in records the job and
// keeps the PDF it would print (main/server/serve.ts --print-to), so the path is tested end to end.
// Without a printer (tests in this process, the harness without --print-to) the user is told to use the PDF.

/** What the shell's printer is told: A4 always, the orientation read from the PDF's first page. */
export interface PrintSpec {
  /** The document's name as the user knows it ("Danh sách chi trả tiền mặt …"). */
  document: string;
  fileName: string;
  pageSize: 'A4';
  orientation: PrintOrientation;
  pages: number;
}

export interface PdfPrinter {
  /** Folder for the files being printed (the printouts folder: emptied at start and quit). */
  dir: string;
  /** Prints the file; resolves '' when printed, 'cancelled' when the user closed the dialog, 'opened' when it
   * fell back to the system's PDF viewer, else the error. */
  print: (path: string, spec: PrintSpec) => Promise<string>;
}

let printer: PdfPrinter | undefined;

export function setPdfPrinter(value: PdfPrinter | undefined): void {
  printer = value;
}

/**
 * Page count and orientation of a PDF as pdfkit writes it (page dictionaries are not compressed): the
 * /Type /Page objects, and the first page's /MediaBox (wider than tall: landscape).
 */
export function pdfFacts(bytes: Buffer): { pages: number; orientation: PrintOrientation } {
  const text = bytes.toString('latin1');
  const pages = (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
  const box = /\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(text);
  const landscape = box ? Number(box[3]) - Number(box[1]) > Number(box[4]) - Number(box[2]) : false;
  return { pages, orientation: landscape ? 'landscape' : 'portrait' };
}

export const NO_PRINTER_MESSAGE = 'Máy này chưa in trực tiếp được từ ứng dụng: hãy tải PDF về rồi in.';

/** Sends a rendered PDF to the printer; the caller audits the print (counts, never the content). */
export async function printPdf(document: string, fileName: string, bytes: Buffer): Promise<PrintResult> {
  const facts = pdfFacts(bytes);
  if (facts.pages === 0) throw new Error(`not a PDF from pdfkit: ${fileName}`);
  const base = { document, pages: facts.pages, orientation: facts.orientation, pageSize: 'A4' as const };
  if (!printer) return { ...base, printed: false, message: NO_PRINTER_MESSAGE };
  const path = await savePrintout(printer.dir, fileName, bytes);
  const outcome = await printer.print(path, {
    document,
    fileName,
    pageSize: 'A4',
    orientation: facts.orientation,
    pages: facts.pages,
  });
  if (outcome === '')
    return {
      ...base,
      printed: true,
      message: `Đã gửi ${document} (${facts.pages} trang A4 ${facts.orientation === 'landscape' ? 'ngang' : 'dọc'}) tới máy in.`,
    };
  if (outcome === 'cancelled') return { ...base, printed: false, message: 'Đã huỷ in.' };
  if (outcome === 'opened')
    return {
      ...base,
      printed: false,
      message: `Không mở được hộp thoại in: đã mở ${document} trong trình xem PDF để in từ đó.`,
    };
  throw new ApiError('INTERNAL', `Không in được ${document}: ${outcome}. Hãy tải PDF về rồi in.`);
}
