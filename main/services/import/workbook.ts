import { ApiError } from '@shared/api/errors';
import type { ImportCell, ImportScalar } from '@shared/domain/import-mapping';
import { LIMIT_MESSAGES, refuse, SPREADSHEET_LIMITS, type SpreadsheetLimits } from '../spreadsheet/limits';
import { parseInWorker } from '../spreadsheet/run';
import { readXlsx } from '../spreadsheet/xlsx-reader';

// Reads an uploaded .xlsx into plain cell values (ImportCell) that the pure rules understand, and says
// clearly, in Vietnamese, why a file cannot be read: empty, too big, password-protected, old .xls,
// OpenDocument, a text or other file renamed .xlsx, a damaged file, or a workbook without data.

export interface ParsedSheet {
  name: string;
  hidden: boolean;
  /** rows[r - 1][c - 1] is the cell at sheet row r, column c (1-based as Excel shows them). */
  rows: ImportCell[][];
  cellCount: number;
}

/** Cells kept in memory per file at most (the limits live in main/services/spreadsheet/limits.ts). */
export const MAX_CELLS = SPREADSHEET_LIMITS.maxCells;

const CFB_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

const invalid = (message: string): never => {
  throw new ApiError('INVALID_INPUT', message, [{ path: 'contentBase64', message }]);
};

/** UTF-16LE text inside a CFB container: encrypted OOXML files carry "EncryptionInfo" streams. */
const utf16 = (s: string) => Buffer.from(s, 'utf16le');

export function sniffProblem(bytes: Buffer, fileName: string): string | null {
  if (bytes.length === 0) return 'Tệp rỗng (0 byte): không có dữ liệu để nhập. Hãy chọn lại đúng tệp danh sách.';
  if (bytes.subarray(0, 8).equals(CFB_SIGNATURE)) {
    if (bytes.includes(utf16('EncryptionInfo')) || bytes.includes(utf16('EncryptedPackage'))) {
      return 'Tệp được đặt mật khẩu (mã hóa) nên không đọc được. Hãy mở tệp bằng Excel, bỏ mật khẩu (Tệp › Thông tin › Bảo vệ sổ làm việc › Mã hóa bằng mật khẩu, xóa mật khẩu), lưu lại rồi chọn lại tệp.';
    }
    if (bytes.includes(utf16('Workbook')) || bytes.includes(utf16('Book')) || /\.xls$/i.test(fileName)) {
      return 'Đây là tệp Excel định dạng cũ (.xls, Excel 97–2003). Hãy mở bằng Excel hoặc LibreOffice và lưu lại dạng «Sổ làm việc Excel (.xlsx)», rồi chọn lại tệp.';
    }
    return 'Tệp được đặt mật khẩu hoặc là tệp Excel định dạng cũ (.xls) nên không đọc được. Hãy mở bằng Excel, bỏ mật khẩu nếu có, lưu lại dạng «Sổ làm việc Excel (.xlsx)» rồi chọn lại tệp.';
  }
  if (!bytes.subarray(0, 4).equals(ZIP_SIGNATURE)) {
    const head = bytes.subarray(0, 2048).toString('utf8');
    const printable = head.replace(/[\x20-\x7e\r\n\t\u00a0-\ufffc]/g, '').length < head.length * 0.05;
    if (printable && /[,;\t]/.test(head)) {
      return 'Tệp là văn bản (có thể là CSV) chứ không phải tệp Excel .xlsx. Hãy mở bằng Excel hoặc LibreOffice và lưu lại dạng «Sổ làm việc Excel (.xlsx)», rồi chọn lại tệp.';
    }
    return 'Tệp không phải là tệp Excel (.xlsx): có thể chọn nhầm tệp hoặc tệp đã bị đổi đuôi. Hãy chọn đúng tệp danh sách lưu bằng Excel (.xlsx).';
  }
  if (bytes.includes(Buffer.from('application/vnd.oasis.opendocument'))) {
    return 'Đây là tệp LibreOffice/OpenOffice (.ods), chưa nhập trực tiếp được. Hãy mở tệp và lưu lại dạng «Excel 2007-365 (.xlsx)», rồi chọn lại tệp.';
  }
  return null;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * exceljs gives dates as JS Dates at UTC midnight of the calendar day (times of day as fractions). Read
 * the UTC calendar day, rounding to the nearest day first: serials like 36525.99999999 (floating error)
 * must not fall back a day, and the PC's time zone must never move a date.
 */
export function calendarDay(d: Date): string | null {
  const ms = d.getTime();
  if (!Number.isFinite(ms)) return null;
  const day = new Date(Math.round(ms / 86_400_000) * 86_400_000);
  return `${pad(day.getUTCFullYear(), 4)}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
}

function scalar(v: unknown): ImportScalar {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) {
    const day = calendarDay(v);
    return day ? { date: day } : null;
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as Array<{ text?: string }>).map((r) => r.text ?? '').join('');
    if ('error' in o) return { error: String(o.error) };
    if ('text' in o) return scalar(o.text);
    if ('result' in o) return scalar(o.result);
  }
  return null;
}

/** An exceljs cell value → ImportCell (formulas keep their text and their cached result). */
export function toImportCell(v: unknown): ImportCell {
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    const o = v as Record<string, unknown>;
    const formula =
      typeof o.formula === 'string' ? o.formula : typeof o.sharedFormula === 'string' ? o.sharedFormula : null;
    if (formula !== null) return { formula, result: scalar(o.result) };
  }
  return scalar(v);
}

/** Applies a sheet's merged ranges the way exceljs's whole-file reader did: every cell of a range but the
 * top-left one reads the top-left one's value (null when it is empty) and counts as a cell. */
function applyMerges(
  rows: ImportCell[][],
  refs: readonly string[],
  limits: SpreadsheetLimits,
  counter: { cells: number },
): number {
  let added = 0;
  for (const ref of refs) {
    const [a, b = a] = ref.split(':') as [string, string?];
    const from = decodeAddress(a);
    const to = decodeAddress(b!);
    if (!from || !to) continue;
    const [r1, r2] = [Math.min(from.row, to.row), Math.max(from.row, to.row)];
    const [c1, c2] = [Math.min(from.col, to.col), Math.max(from.col, to.col)];
    if ((r2 - r1 + 1) * (c2 - c1 + 1) > limits.maxMergeCells) refuse(LIMIT_MESSAGES.tooManyMerges());
    const master = rows[r1 - 1]?.[c1 - 1] ?? null;
    for (let r = r1; r <= r2; r++) {
      const row = (rows[r - 1] ??= []);
      for (let c = c1; c <= c2; c++) {
        if (r === r1 && c === c1) continue;
        if (row[c - 1] === undefined) {
          added++;
          if (++counter.cells > limits.maxCells) refuse(LIMIT_MESSAGES.tooManyCells(limits));
        }
        row[c - 1] = master;
      }
    }
  }
  return added;
}

function decodeAddress(ref: string): { row: number; col: number } | null {
  const m = /^([A-Za-z]{1,3})(\d{1,7})$/.exec(ref);
  if (!m) return null;
  const col = [...m[1]!.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { row: Number(m[2]), col };
}

/**
 * Reads the file (inside the parse worker: see main/services/spreadsheet/worker.ts); throws ApiError
 * ('INVALID_INPUT') with a clear Vietnamese message when it cannot. The zip is checked before anything is
 * inflated and the row, cell and text limits stop the reading as it streams (main/services/spreadsheet/).
 */
export async function parseRegisterWorkbook(
  bytes: Buffer,
  fileName: string,
  limits: SpreadsheetLimits = SPREADSHEET_LIMITS,
): Promise<ParsedSheet[]> {
  if (bytes.length > limits.maxFileBytes) refuse(LIMIT_MESSAGES.fileTooBig(limits));
  const problem = sniffProblem(bytes, fileName);
  if (problem) invalid(problem);
  const sheets: ParsedSheet[] = [];
  const counter = { cells: 0 };
  await readXlsx(bytes, {
    limits,
    styles: true,
    visit: (info) => {
      const rows: ImportCell[][] = [];
      let count = 0;
      return {
        row(row) {
          const values: ImportCell[] = [];
          let any = false;
          row.eachCell({ includeEmpty: false }, (cell, column) => {
            values[column - 1] = toImportCell(cell.value);
            count++;
            any = true;
          });
          // Holes stay undefined until the sheet ends: a merged range counts only the cells it adds.
          if (any) rows[row.number - 1] = values;
        },
        end(mergeRefs) {
          counter.cells += count;
          count += applyMerges(rows, mergeRefs, limits, counter);
          for (let i = 0; i < rows.length; i++) {
            const r = rows[i];
            if (r === undefined) rows[i] = [];
            else for (let c = 0; c < r.length; c++) if (r[c] === undefined) r[c] = null;
          }
          sheets.push({
            name: info.name,
            hidden: info.state !== 'visible' && info.state !== undefined,
            rows,
            cellCount: count,
          });
        },
      };
    },
  });
  if (sheets.length === 0 || counter.cells === 0) invalid('Tệp không có dữ liệu: không có trang tính nào có nội dung.');
  return sheets;
}

/** Reads the file in the parse worker (so a hostile file cannot take the app down); see parseRegisterWorkbook. */
export async function readWorkbook(bytes: Buffer, fileName: string): Promise<ParsedSheet[]> {
  return parseInWorker({ kind: 'register', bytes, fileName });
}
