import { ApiError } from '@shared/api/errors';
import type { ResultFormat } from '@shared/api/payroll-results';
import { parseVnd } from '@shared/domain/money';
import { foldForSearch } from '@shared/domain/text';
import { sniffProblem } from '../import/workbook';
import { LIMIT_MESSAGES, refuse, SPREADSHEET_LIMITS, type SpreadsheetLimits } from '../spreadsheet/limits';
import { parseInWorker } from '../spreadsheet/run';
import { looksLikeZip, readXlsx, utf8Aligned } from '../spreadsheet/xlsx-reader';

// Reads a bank's result file (xlsx, or csv with , ; or tab) into result rows: account, amount, status
// (paid / failed / unknown), reason, reference. Where each field sits comes from the result format
// (a header text or a column letter), helped by built-in header aliases so the default batch template's
// result (… | Trạng thái | Lý do | Mã giao dịch) and common English headers are found without setup.

export type ResultField = 'account' | 'amount' | 'status' | 'reason' | 'reference';
const FIELDS: readonly ResultField[] = ['account', 'amount', 'status', 'reason', 'reference'];
const REQUIRED: readonly ResultField[] = ['account', 'amount', 'status'];

const FIELD_LABELS: Record<ResultField, string> = {
  account: 'số tài khoản',
  amount: 'số tiền',
  status: 'trạng thái',
  reason: 'lý do',
  reference: 'mã giao dịch',
};

/** Folded header texts recognised for each field (besides the format's own text). */
const HEADER_ALIASES: Record<ResultField, string[]> = {
  account: [
    'so tai khoan',
    'so tk',
    'tai khoan',
    'stk',
    'tk nguoi nhan',
    'tai khoan nguoi nhan',
    'account',
    'account no',
    'account number',
    'beneficiary account',
    'credit account',
  ],
  amount: ['so tien', 'so tien (dong)', 'so tien chuyen', 'thanh tien', 'amount', 'amount (vnd)', 'credit amount'],
  status: ['trang thai', 'ket qua', 'tinh trang', 'status', 'result'],
  reason: [
    'ly do',
    'mo ta loi',
    'ghi chu loi',
    'ly do that bai',
    'reason',
    'error',
    'error message',
    'description of error',
  ],
  reference: [
    'ma giao dich',
    'so tham chieu',
    'so giao dich',
    'ma tham chieu',
    'reference',
    'ref',
    'ref no',
    'transaction id',
    'transaction reference',
  ],
};

/** Folded words; failure is checked first ("khong thanh cong" contains "thanh cong"). */
const FAILED_WORDS = [
  'that bai',
  'khong thanh cong',
  'loi',
  'tu choi',
  'bi tu choi',
  'hoan tra',
  'huy',
  'failed',
  'failure',
  'fail',
  'rejected',
  'error',
  'returned',
  'cancelled',
  'canceled',
];
const PAID_WORDS = [
  'thanh cong',
  'da chuyen',
  'da thanh toan',
  'da chi tra',
  'hoan thanh',
  'success',
  'successful',
  'succeeded',
  'completed',
  'paid',
  'ok',
  'done',
];

export interface ResultRow {
  /** 1-based row number in the sheet (or the csv line). */
  row: number;
  account: string;
  amountVnd: number | null;
  status: 'paid' | 'failed' | null;
  statusText: string;
  reason: string;
  reference: string;
  /** Why the row cannot be used, when it cannot. */
  problem: string | null;
}

export interface ParsedResultFile {
  rows: ResultRow[];
  /** Where each field was found, e.g. "B (Số tài khoản)"; '' when absent. */
  columns: Record<ResultField, string>;
}

type Cell = string | number | boolean | null;

const invalid = (message: string): never => {
  throw new ApiError('INVALID_INPUT', message, [{ path: 'contentBase64', message }]);
};

function cellValue(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as Array<{ text?: string }>).map((r) => r.text ?? '').join('');
    if ('result' in o) return cellValue(o.result);
    if ('text' in o) return cellValue(o.text);
    if ('error' in o) return null;
  }
  return null;
}

const letterOf = (column: number): string => {
  let s = '';
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};
const columnOfLetter = (letters: string): number =>
  [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
const isColumnLetter = (spec: string): boolean => /^[A-Z]{1,3}$/.test(spec);

const asText = (c: Cell | undefined): string =>
  c === null || c === undefined ? '' : String(c).normalize('NFC').replace(/\s+/g, ' ').trim();

/** Parses a status text with the built-in and the format's words; null when unknown. */
export function parseStatus(
  textValue: string,
  format: Pick<ResultFormat, 'paidWords' | 'failedWords'>,
): 'paid' | 'failed' | null {
  const folded = ` ${foldForSearch(textValue)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;
  if (folded.trim() === '') return null;
  const has = (w: string) => folded.includes(` ${foldForSearch(w)} `);
  if (format.failedWords.some(has) || FAILED_WORDS.some(has)) return 'failed';
  if (format.paidWords.some(has) || PAID_WORDS.some(has)) return 'paid';
  return null;
}

/** Account cell → digits, or a problem. Numbers keep only what Excel kept (no leading zeros). */
function parseAccount(c: Cell): { account: string; problem: string | null } {
  if (typeof c === 'number') {
    const digits = Number.isSafeInteger(c) ? String(c) : '';
    return digits
      ? { account: digits, problem: null }
      : {
          account: String(c),
          problem: 'Số tài khoản bị Excel lưu dạng số và đã mất chữ số; cần tệp lưu số tài khoản dạng chữ.',
        };
  }
  const raw = asText(c)
    .replace(/^'/, '')
    .replace(/[\s.-]/g, '');
  if (raw === '') return { account: '', problem: 'Thiếu số tài khoản.' };
  if (!/^\d{1,30}$/.test(raw)) return { account: raw, problem: 'Số tài khoản có ký tự không phải chữ số.' };
  return { account: raw, problem: null };
}

function parseAmount(c: Cell): number | null {
  if (typeof c === 'number') return Number.isSafeInteger(c) && c >= 0 ? c : null;
  const n = parseVnd(asText(c));
  return n !== null && n >= 0 ? n : null;
}

const HEADER_SCAN_ROWS = 40;

/** The columns of the fields named by header text in this row (with those given by letter), if all required are there. */
function headerColumns(
  row: readonly Cell[],
  format: ResultFormat,
  letterCols: ReadonlyMap<ResultField, number>,
): Map<ResultField, number> | null {
  const folded = row.map((c) => foldForSearch(asText(c)));
  const columns = new Map(letterCols);
  const taken = (i: number) => [...columns.values()].includes(i);
  for (const f of FIELDS) {
    if (columns.has(f)) continue;
    const own = foldForSearch(format[f]);
    const candidates = own ? [own, ...HEADER_ALIASES[f]] : HEADER_ALIASES[f];
    let found = -1;
    for (const cand of candidates) {
      found = folded.findIndex((h, i) => h === cand && !taken(i));
      if (found >= 0) break;
    }
    if (found < 0 && own) found = folded.findIndex((h, i) => h.startsWith(own) && !taken(i));
    if (found >= 0) columns.set(f, found);
  }
  return REQUIRED.every((f) => columns.has(f)) && columns.size > letterCols.size ? columns : null;
}

/**
 * Takes a sheet's rows one at a time (so a 100,000-line file is never held as cells): finds the header
 * in the first rows, then turns each row below it into a ResultRow. Blank, total and signature rows (no
 * status and no digit where the account goes) are skipped.
 */
export class ResultSink {
  readonly rows: ResultRow[] = [];
  private columns: Map<ResultField, number> | null = null;
  private labels: Record<ResultField, string> | null = null;
  private gaveUp = false;
  /** Every field given by letter: no header; data starts at the first row with digits in the account column. */
  private readonly letterCols = new Map<ResultField, number>();
  private readonly lettersOnly: boolean;
  private dataStarted = false;
  private readonly statusCache = new Map<string, 'paid' | 'failed' | null>();

  constructor(private readonly format: ResultFormat) {
    for (const f of FIELDS) if (isColumnLetter(format[f])) this.letterCols.set(f, columnOfLetter(format[f]));
    this.lettersOnly = REQUIRED.every((f) => this.letterCols.has(f));
    if (this.lettersOnly) this.locate(this.letterCols, null);
  }

  get found(): boolean {
    return this.columns !== null;
  }

  private locate(columns: Map<ResultField, number>, header: readonly Cell[] | null): void {
    this.columns = columns;
    const labels = {} as Record<ResultField, string>;
    for (const f of FIELDS) {
      const c = columns.get(f);
      labels[f] =
        c === undefined ? '' : header ? `${letterOf(c)} (${asText(header[c]) || FIELD_LABELS[f]})` : letterOf(c);
    }
    this.labels = labels;
  }

  /** `index` is 0-based (sheet row − 1). */
  push(index: number, row: readonly Cell[]): void {
    if (!this.columns) {
      if (this.gaveUp) return;
      const columns = headerColumns(row, this.format, this.letterCols);
      if (columns) this.locate(columns, row);
      else if (index >= HEADER_SCAN_ROWS - 1) this.gaveUp = true;
      return;
    }
    const col = this.columns;
    const cell = (f: ResultField): Cell => {
      const c = col.get(f);
      return c === undefined ? null : (row[c] ?? null);
    };
    const accountCell = cell('account');
    if (this.lettersOnly && !this.dataStarted) {
      if (!/^'?\d[\d\s.-]*$/.test(asText(accountCell))) return;
      this.dataStarted = true;
    }
    const statusText = asText(cell('status'));
    if (statusText === '' && !/\d/.test(asText(accountCell))) return;
    const { account, problem: accountProblem } = parseAccount(accountCell);
    const amountVnd = parseAmount(cell('amount'));
    let status = this.statusCache.get(statusText);
    if (status === undefined) {
      status = parseStatus(statusText, this.format);
      this.statusCache.set(statusText, status);
    }
    const problem =
      accountProblem ??
      (amountVnd === null ? `Số tiền «${asText(cell('amount'))}» không đọc được.` : null) ??
      (status === null
        ? `Trạng thái «${statusText}» không rõ là thành công hay thất bại (có thể khai báo thêm từ ở «Định dạng tệp kết quả»).`
        : null);
    this.rows.push({
      row: index + 1,
      account,
      amountVnd,
      status,
      statusText,
      reason: asText(cell('reason')).slice(0, 500),
      reference: asText(cell('reference')).slice(0, 200),
      problem,
    });
  }

  /** The rows read, or the reason the header was not found. */
  finish(): ParsedResultFile {
    if (!this.columns || !this.labels) {
      const want = REQUIRED.map(
        (f) => `«${isColumnLetter(this.format[f]) ? `cột ${this.format[f]}` : this.format[f]}» (${FIELD_LABELS[f]})`,
      ).join(', ');
      return invalid(
        `Không tìm thấy dòng tiêu đề có đủ các cột ${want} trong ${HEADER_SCAN_ROWS} dòng đầu. Hãy kiểm tra tệp kết quả của ngân hàng, hoặc khai báo lại tên cột ở «Định dạng tệp kết quả».`,
      );
    }
    return { rows: this.rows, columns: this.labels };
  }
}

/** All rows at once (csv, tests). */
export function resultRowsFrom(rows: readonly Cell[][], format: ResultFormat): ParsedResultFile {
  const sink = new ResultSink(format);
  rows.forEach((row, i) => sink.push(i, row ?? []));
  return sink.finish();
}

// ---- file formats -------------------------------------------------------------------------------

function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  const s = bytes.toString('utf8');
  return s.startsWith('\ufeff') ? s.slice(1) : s;
}

/**
 * A tolerant CSV reader: the delimiter (, ; or tab) is the one most used on the first lines. Stops at
 * the row limit and at a field longer than Excel's cell limit, as it reads (not after).
 */
export function parseDelimited(
  textValue: string,
  limits: Pick<SpreadsheetLimits, 'maxRows' | 'maxCsvField'> = SPREADSHEET_LIMITS,
): Cell[][] {
  const head = textValue.slice(0, 4096);
  const delimiter = [',', ';', '\t'].map((d) => [d, head.split(d).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
  const rows: Cell[][] = [];
  let row: Cell[] = [];
  let field = '';
  let quoted = false;
  const endRow = () => {
    rows.push(row);
    row = [];
    if (rows.length > limits.maxRows) refuse(LIMIT_MESSAGES.tooManyRows(limits as SpreadsheetLimits));
  };
  for (let i = 0; i < textValue.length; i++) {
    const ch = textValue[i]!;
    if (field.length > limits.maxCsvField) refuse(LIMIT_MESSAGES.csvField(limits as SpreadsheetLimits));
    if (quoted) {
      if (ch === '"') {
        if (textValue[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && textValue[i + 1] === '\n') i++;
      row.push(field);
      endRow();
      field = '';
    } else field += ch;
  }
  if (field.length > limits.maxCsvField) refuse(LIMIT_MESSAGES.csvField(limits as SpreadsheetLimits));
  if (field !== '' || row.length > 0) {
    row.push(field);
    endRow();
  }
  return rows;
}

/** Reports how far the reading got (bytes of the file) and may throw to stop it (a job's Cancel). */
export type ReadProgress = (done: number, total: number) => void;

/** Re-exported for the tests that check the chunk realignment (it lives with the xlsx reader now). */
export { utf8Aligned };

/** Reads the sheets in workbook order through a ResultSink each; the first sheet with a header wins. */
async function readXlsxResults(
  bytes: Buffer,
  format: ResultFormat,
  limits: SpreadsheetLimits,
  onProgress?: ReadProgress,
): Promise<ParsedResultFile> {
  let chosen: ResultSink | null = null;
  let first: ResultSink | null = null;
  await readXlsx(bytes, {
    limits,
    styles: false,
    onProgress,
    visit: () => {
      if (chosen) return null; // a later sheet, after the results were found: not read
      const sink = new ResultSink(format);
      first ??= sink;
      return {
        row(row) {
          const values = row.values as unknown[];
          const cells: Cell[] = new Array<Cell>(Math.max(0, values.length - 1));
          for (let c = 1; c < values.length; c++) cells[c - 1] = cellValue(values[c]);
          sink.push(row.number - 1, cells);
        },
        end() {
          if (sink.found) chosen ??= sink;
        },
      };
    },
  });
  const found = chosen as ResultSink | null;
  if (found) return found.finish();
  if (first) return (first as ResultSink).finish();
  return invalid('Tệp không có trang tính nào có dữ liệu.');
}

/**
 * Reads the file's rows (the first sheet with a recognisable header in an xlsx), inside the parse worker
 * (main/services/spreadsheet/worker.ts): the zip is checked before anything is inflated and the limits
 * stop the reading as it streams.
 */
export async function parseResultFile(
  bytes: Buffer,
  fileName: string,
  format: ResultFormat,
  onProgress?: ReadProgress,
  limits: SpreadsheetLimits = SPREADSHEET_LIMITS,
): Promise<ParsedResultFile> {
  if (bytes.length === 0) invalid('Tệp rỗng (0 byte): hãy chọn lại đúng tệp kết quả của ngân hàng.');
  if (bytes.length > limits.maxFileBytes) refuse(LIMIT_MESSAGES.fileTooBig(limits));
  // Progress is over the file's bytes (what the user chose), in proportion to the parts inflated so far.
  const overFile: ReadProgress | undefined =
    onProgress &&
    ((done, total) => onProgress(total > 0 ? Math.floor((done / total) * bytes.length) : 0, bytes.length));
  if (looksLikeZip(bytes)) return readXlsxResults(bytes, format, limits, overFile);
  const problem = sniffProblem(bytes, fileName);
  const looksText = problem !== null && problem.startsWith('Tệp là văn bản');
  if (problem && !looksText) invalid(problem.replace('tệp danh sách', 'tệp kết quả'));
  return resultRowsFrom(parseDelimited(decodeText(bytes), limits), format);
}

/** Reads the file's rows in the parse worker, so a hostile file cannot take the app down (see parseResultFile). */
export async function readResultFile(
  bytes: Buffer,
  fileName: string,
  format: ResultFormat,
  onProgress?: ReadProgress,
): Promise<ParsedResultFile> {
  return parseInWorker({ kind: 'result', bytes, fileName, format }, { onProgress });
}
