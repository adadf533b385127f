import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { ApiError } from '../../../shared/api/errors';
import type { ResultFormat } from '../../../shared/api/payroll-results';
import { parseVnd } from '../../../shared/domain/money';
import { foldForSearch } from '../../../shared/domain/text';
import { sniffProblem } from '../import/workbook';

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
  account: ['so tai khoan', 'so tk', 'tai khoan', 'stk', 'tk nguoi nhan', 'tai khoan nguoi nhan', 'account', 'account no', 'account number', 'beneficiary account', 'credit account'],
  amount: ['so tien', 'so tien (dong)', 'so tien chuyen', 'thanh tien', 'amount', 'amount (vnd)', 'credit amount'],
  status: ['trang thai', 'ket qua', 'tinh trang', 'status', 'result'],
  reason: ['ly do', 'mo ta loi', 'ghi chu loi', 'ly do that bai', 'reason', 'error', 'error message', 'description of error'],
  reference: ['ma giao dich', 'so tham chieu', 'so giao dich', 'ma tham chieu', 'reference', 'ref', 'ref no', 'transaction id', 'transaction reference'],
};

/** Folded words; failure is checked first ("khong thanh cong" contains "thanh cong"). */
const FAILED_WORDS = ['that bai', 'khong thanh cong', 'loi', 'tu choi', 'bi tu choi', 'hoan tra', 'huy', 'failed', 'failure', 'fail', 'rejected', 'error', 'returned', 'cancelled', 'canceled'];
const PAID_WORDS = ['thanh cong', 'da chuyen', 'da thanh toan', 'da chi tra', 'hoan thanh', 'success', 'successful', 'succeeded', 'completed', 'paid', 'ok', 'done'];

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
const columnOfLetter = (letters: string): number => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
const isColumnLetter = (spec: string): boolean => /^[A-Z]{1,3}$/.test(spec);

const asText = (c: Cell | undefined): string => (c === null || c === undefined ? '' : String(c).normalize('NFC').replace(/\s+/g, ' ').trim());

/** Parses a status text with the built-in and the format's words; null when unknown. */
export function parseStatus(textValue: string, format: Pick<ResultFormat, 'paidWords' | 'failedWords'>): 'paid' | 'failed' | null {
  const folded = ` ${foldForSearch(textValue).replace(/[^a-z0-9]+/g, ' ').trim()} `;
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
      : { account: String(c), problem: 'Số tài khoản bị Excel lưu dạng số và đã mất chữ số; cần tệp lưu số tài khoản dạng chữ.' };
  }
  const raw = asText(c).replace(/^'/, '').replace(/[\s.-]/g, '');
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
function headerColumns(row: readonly Cell[], format: ResultFormat, letterCols: ReadonlyMap<ResultField, number>): Map<ResultField, number> | null {
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
      labels[f] = c === undefined ? '' : header ? `${letterOf(c)} (${asText(header[c]) || FIELD_LABELS[f]})` : letterOf(c);
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
      (status === null ? `Trạng thái «${statusText}» không rõ là thành công hay thất bại (có thể khai báo thêm từ ở «Định dạng tệp kết quả»).` : null);
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
      const want = REQUIRED.map((f) => `«${isColumnLetter(this.format[f]) ? `cột ${this.format[f]}` : this.format[f]}» (${FIELD_LABELS[f]})`).join(', ');
      return invalid(`Không tìm thấy dòng tiêu đề có đủ các cột ${want} trong ${HEADER_SCAN_ROWS} dòng đầu. Hãy kiểm tra tệp kết quả của ngân hàng, hoặc khai báo lại tên cột ở «Định dạng tệp kết quả».`);
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

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  const s = bytes.toString('utf8');
  return s.startsWith('\ufeff') ? s.slice(1) : s;
}

/** A tolerant CSV reader: the delimiter (, ; or tab) is the one most used on the first lines. */
export function parseDelimited(textValue: string): Cell[][] {
  const head = textValue.slice(0, 4096);
  const delimiter = [',', ';', '\t'].map((d) => [d, head.split(d).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
  const rows: Cell[][] = [];
  let row: Cell[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < textValue.length; i++) {
    const ch = textValue[i]!;
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
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const sequenceLength = (lead: number): number => (lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1);

/**
 * Holds back a chunk's trailing incomplete UTF-8 sequence and completes it with the first bytes of the
 * next chunk (a few bytes copied, never the whole chunk), so no chunk ends inside a letter.
 */
export async function* utf8Aligned(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer | string> {
  let carry: Buffer | null = null;
  for await (const chunk of chunks) {
    if (typeof chunk === 'string') {
      yield chunk;
      continue;
    }
    let buf: Buffer = chunk;
    if (carry) {
      const need = sequenceLength(carry[0]!) - carry.length;
      if (buf.length < need) {
        carry = Buffer.concat([carry, buf]);
        continue;
      }
      yield Buffer.concat([carry, buf.subarray(0, need)]);
      carry = null;
      buf = buf.subarray(need);
    }
    let cut = buf.length;
    // Walk back over at most 3 continuation bytes to the last lead byte; keep it back if its sequence is cut.
    for (let i = buf.length - 1; i >= 0 && i >= buf.length - 4; i--) {
      const b = buf[i]!;
      if ((b & 0xc0) === 0x80) continue;
      if (buf.length - i < sequenceLength(b)) cut = i;
      break;
    }
    if (cut < buf.length) carry = Buffer.from(buf.subarray(cut));
    if (cut > 0) yield buf.subarray(0, cut);
  }
  if (carry) yield carry;
}

/**
 * exceljs 4.4.0's streaming reader decodes each chunk of the sheet and shared-strings XML on its own
 * (utils/parse-sax.js), so a Vietnamese letter split between two chunks becomes U+FFFD ("Th��nh công"):
 * about one cell in 50,000. Its worksheet and shared-strings parsers are fed through utf8Aligned instead.
 * (exceljs is pinned; tests/integration/payroll-results-large.test.ts fails if this stops working.)
 */
type ReaderInternals = {
  _parseWorksheet(iterable: AsyncIterable<Buffer | string>, sheetNo: string): AsyncGenerator<unknown>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
};
const BaseReader = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (input: unknown, options: unknown) => ReaderInternals & AsyncIterable<unknown>;
class AlignedWorkbookReader extends BaseReader {
  override _parseWorksheet(iterable: AsyncIterable<Buffer | string>, sheetNo: string) {
    return super._parseWorksheet(utf8Aligned(iterable), sheetNo);
  }
  override _parseSharedStrings(entry: NodeJS.ReadableStream) {
    return super._parseSharedStrings(Readable.from(utf8Aligned(entry as AsyncIterable<Buffer>)));
  }
}

/** Reports how far the reading got (bytes of the file) and may throw to stop it (a job's Cancel). */
export type ReadProgress = (done: number, total: number) => void;

const FEED_BYTES = 256 * 1024;

/** The file as a stream of slices, reporting each slice handed to the reader. */
function feed(bytes: Buffer, onProgress: ReadProgress | undefined): Readable {
  return Readable.from(
    (function* () {
      for (let at = 0; at < bytes.length; at += FEED_BYTES) {
        onProgress?.(at, bytes.length);
        yield bytes.subarray(at, at + FEED_BYTES);
      }
    })(),
  );
}

/** Streams the workbook's sheets through a ResultSink each; the first sheet with a header wins. */
async function readXlsx(bytes: Buffer, format: ResultFormat, onProgress?: ReadProgress): Promise<ParsedResultFile> {
  let stopped: unknown = null;
  let fed = 0;
  // A throw from the progress callback (Cancel) is kept and rethrown as is, not taken for a damaged file.
  const report: ReadProgress = (done, total) => {
    fed = done;
    try {
      onProgress?.(done, total);
    } catch (e) {
      stopped = e;
      throw e;
    }
  };
  const reader = new AlignedWorkbookReader(feed(bytes, report), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  let chosen: ResultSink | null = null;
  let first: ResultSink | null = null;
  try {
    for await (const worksheet of reader) {
      const sink: ResultSink | null = chosen ? null : new ResultSink(format);
      first ??= sink;
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        if (!sink) continue; // a later sheet, after the results were found: drained unread
        const values = row.values as unknown[];
        const cells: Cell[] = new Array<Cell>(Math.max(0, values.length - 1));
        for (let c = 1; c < values.length; c++) cells[c - 1] = cellValue(values[c]);
        sink.push(row.number - 1, cells);
        // The reader may run behind the bytes fed: also check for Cancel as the rows come.
        if (row.number % 2000 === 0) report(fed, bytes.length);
      }
      if (sink?.found) chosen = sink;
    }
  } catch (e) {
    if (stopped) throw stopped;
    if (e instanceof ApiError) throw e;
    invalid('Tệp bị hỏng hoặc không phải là tệp Excel .xlsx hợp lệ nên không đọc được. Hãy mở thử bằng Excel; nếu mở được, lưu lại dạng .xlsx rồi chọn lại tệp.');
  }
  if (stopped) throw stopped;
  if (chosen) return chosen.finish();
  if (first) return first.finish();
  return invalid('Tệp không có trang tính nào có dữ liệu.');
}

/** Reads the file's rows (the first sheet with a recognisable header in an xlsx). */
export async function readResultFile(bytes: Buffer, fileName: string, format: ResultFormat, onProgress?: ReadProgress): Promise<ParsedResultFile> {
  if (bytes.length === 0) invalid('Tệp rỗng (0 byte): hãy chọn lại đúng tệp kết quả của ngân hàng.');
  if (bytes.subarray(0, 4).equals(ZIP)) return readXlsx(bytes, format, onProgress);
  const problem = sniffProblem(bytes, fileName);
  const looksText = problem !== null && problem.startsWith('Tệp là văn bản');
  if (problem && !looksText) invalid(problem.replace('tệp danh sách', 'tệp kết quả'));
  return resultRowsFrom(parseDelimited(decodeText(bytes)), format);
}
