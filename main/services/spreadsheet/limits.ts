import { ApiError } from '@shared/api/errors';

// The limits every uploaded spreadsheet is held to (register import and bank-result import), in one place
// so README, code and tests agree. A real ward register is a few MB of xlsx (the 447-person sample is
// 43 KB zipped, 280 KB unzipped, ratio 8:1); the limits leave room for the 100,000-person design scale and
// refuse what only a crafted file needs. See README «Tệp nhập khẩu: giới hạn và luồng đọc riêng».

export interface SpreadsheetLimits {
  /** Size of the file as uploaded (xlsx or csv). */
  maxFileBytes: number;
  /** Entries in the zip's central directory. */
  maxEntries: number;
  /** Sum of the entries' uncompressed sizes. */
  maxTotalUncompressed: number;
  /** One entry's uncompressed size. */
  maxEntryUncompressed: number;
  /** Uncompressed ÷ compressed, for entries larger than ratioAbove (tiny entries compress oddly). */
  maxRatio: number;
  ratioAbove: number;
  /** Rows (<row> elements) over all sheets read. */
  maxRows: number;
  /** Cells (<c> elements) over all sheets read. */
  maxCells: number;
  /** One text run (a cell's or shared string's text, as XML bytes), and one tag with its attributes. */
  maxTextBytes: number;
  maxTagBytes: number;
  /** Shared strings (<si> elements). */
  maxSharedStrings: number;
  /** Merged ranges over all sheets, and cells one merged range may cover. */
  maxMerges: number;
  maxMergeCells: number;
  /** The workbook's small parts read whole (workbook.xml, its relationships) and styles.xml. */
  maxSmallPart: number;
  maxStylesPart: number;
  /** Text characters of one CSV field (Excel's own cell limit is 32,767 characters). */
  maxCsvField: number;
}

const MB = 1024 * 1024;

export const SPREADSHEET_LIMITS: SpreadsheetLimits = {
  // The API contracts cap uploads first: 20 MB for the register import, 30 MB for bank results.
  maxFileBytes: 30 * MB,
  maxEntries: 1_000,
  maxTotalUncompressed: 160 * MB,
  maxEntryUncompressed: 128 * MB,
  maxRatio: 100,
  ratioAbove: 1 * MB,
  maxRows: 150_000,
  maxCells: 3_000_000,
  // 32,767 characters (Excel's cell limit) of Vietnamese text escaped in XML fit well below this.
  maxTextBytes: 256 * 1024,
  maxTagBytes: 64 * 1024,
  maxSharedStrings: 1_500_000,
  maxMerges: 50_000,
  maxMergeCells: 100_000,
  maxSmallPart: 4 * MB,
  maxStylesPart: 16 * MB,
  maxCsvField: 32_767,
};

/** How the parse worker itself is bounded (a file that passes every check above and still misbehaves). */
export const WORKER_LIMITS = {
  /** V8 old-generation heap of the worker; the whole process stays well under 600 MB with the app's own. */
  maxOldGenerationSizeMb: 384,
  maxYoungGenerationSizeMb: 32,
  /** Wall-clock time one file may take to read (a 100,000-row file takes a few seconds here). */
  timeoutMs: 90_000,
};

const n = (x: number): string => x.toLocaleString('de-DE');
const mb = (bytes: number): string => `${n(Math.round(bytes / MB))} MB`;

/** A file refused by a limit or a check: a Vietnamese message for the user, nothing changed. */
export class SpreadsheetRefused extends ApiError {
  constructor(message: string) {
    super('INVALID_INPUT', message, [{ path: 'contentBase64', message }]);
  }
}

export const refuse = (message: string): never => {
  throw new SpreadsheetRefused(message);
};

const SPLIT = 'Hãy kiểm tra lại tệp, hoặc tách danh sách thành nhiều tệp nhỏ hơn.';

export const LIMIT_MESSAGES = {
  fileTooBig: (l: SpreadsheetLimits) => `Tệp quá lớn: chỉ nhận tệp đến ${mb(l.maxFileBytes)}. ${SPLIT}`,
  tooManyEntries: (l: SpreadsheetLimits) =>
    `Tệp Excel có quá nhiều thành phần bên trong (hơn ${n(l.maxEntries)}): không giống một sổ danh sách bình thường nên không đọc. ${SPLIT}`,
  tooMuchData: (l: SpreadsheetLimits) =>
    `Tệp Excel khi giải nén vượt quá ${mb(l.maxTotalUncompressed)} dữ liệu: quá lớn để nhập một lần, hoặc là tệp được tạo bất thường. ${SPLIT}`,
  entryTooBig: (l: SpreadsheetLimits) =>
    `Một trang tính hoặc phần của tệp Excel vượt quá ${mb(l.maxEntryUncompressed)} khi giải nén: quá lớn để nhập một lần. ${SPLIT}`,
  ratio: (l: SpreadsheetLimits) =>
    `Tệp Excel bị nén bất thường (một phần nở ra hơn ${n(l.maxRatio)} lần khi giải nén — dấu hiệu tệp được tạo để làm treo máy) nên không đọc.`,
  tooManyRows: (l: SpreadsheetLimits) => `Tệp có hơn ${n(l.maxRows)} dòng: quá lớn để nhập một lần. ${SPLIT}`,
  tooManyCells: (l: SpreadsheetLimits) => `Tệp có hơn ${n(l.maxCells)} ô dữ liệu: quá lớn để nhập một lần. ${SPLIT}`,
  textTooLong: () =>
    'Tệp có một ô chứa văn bản quá dài (hơn 32.767 ký tự, giới hạn của chính Excel): không giống một sổ danh sách bình thường nên không đọc. Hãy kiểm tra lại tệp.',
  tagTooLong: () =>
    'Tệp Excel có cấu trúc bất thường (một thẻ XML quá dài) nên không đọc. Hãy mở bằng Excel, lưu lại dạng .xlsx rồi chọn lại tệp.',
  tooManyStrings: (l: SpreadsheetLimits) =>
    `Tệp có hơn ${n(l.maxSharedStrings)} chuỗi văn bản: quá lớn để nhập một lần. ${SPLIT}`,
  tooManyMerges: () =>
    'Tệp có quá nhiều ô gộp (hoặc một vùng gộp quá rộng) nên không đọc. Hãy bỏ gộp ô trong vùng danh sách rồi chọn lại tệp.',
  damaged: () =>
    'Tệp bị hỏng, không trọn vẹn hoặc không phải là tệp Excel .xlsx hợp lệ nên không đọc được. Hãy mở thử bằng Excel; nếu mở được, lưu lại dạng .xlsx rồi chọn lại tệp.',
  notWorkbook: () =>
    'Tệp nén này không phải là sổ làm việc Excel (.xlsx): có thể chọn nhầm tệp hoặc tệp đã bị đổi đuôi. Hãy chọn đúng tệp Excel (.xlsx).',
  wordFile: () => 'Đây là tệp Word (.docx) chứ không phải tệp Excel. Hãy chọn đúng tệp Excel (.xlsx).',
  encrypted: () =>
    'Tệp Excel có phần bị mã hóa nên không đọc được. Hãy mở bằng Excel, bỏ mật khẩu, lưu lại dạng .xlsx rồi chọn lại tệp.',
  csvField: (l: SpreadsheetLimits) =>
    `Tệp văn bản có một ô dài hơn ${n(l.maxCsvField)} ký tự (giới hạn của chính Excel): không giống tệp kết quả bình thường nên không đọc.`,
  workerMemory: () =>
    'Tệp cần quá nhiều bộ nhớ để đọc nên đã dừng đọc (ứng dụng vẫn chạy bình thường, không có gì thay đổi). Hãy kiểm tra lại tệp, hoặc tách danh sách thành nhiều tệp nhỏ hơn.',
  workerTimeout: (ms: number) =>
    `Đọc tệp quá thời gian cho phép (${n(Math.max(1, Math.round(ms / 1000)))} giây) nên đã dừng (ứng dụng vẫn chạy bình thường, không có gì thay đổi). Hãy kiểm tra lại tệp, hoặc tách danh sách thành nhiều tệp nhỏ hơn.`,
  workerFailed: () =>
    'Không đọc được tệp: trình đọc tệp dừng bất thường (ứng dụng vẫn chạy bình thường, không có gì thay đổi). Hãy mở thử bằng Excel, lưu lại dạng .xlsx rồi chọn lại tệp.',
};
