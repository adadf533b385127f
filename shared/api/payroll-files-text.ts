// The zod-free part of the payroll files' API (shared/api/payroll-files.ts): the template column sources
// and placeholders, labels, and the pure text rules of bank files. The renderer imports this file so that
// its bundle does not pull zod.

/** What a column of a bank batch file shows. */
export const BANK_COLUMN_SOURCES = [
  'stt',
  'accountNumber',
  'holderName',
  'bankName',
  'bankCode',
  'napasBin',
  'branch',
  'amount',
  'description',
  'beneficiaryName',
  'citizenId',
  'receiverName',
  'neighbourhood',
  'programme',
  'month',
  'blank',
] as const;
export type BankColumnSource = (typeof BANK_COLUMN_SOURCES)[number];

export const BANK_COLUMN_LABELS: Record<BankColumnSource, string> = {
  stt: 'Số thứ tự',
  accountNumber: 'Số tài khoản',
  holderName: 'Tên chủ tài khoản',
  bankName: 'Tên ngân hàng',
  bankCode: 'Mã ngân hàng (trong ứng dụng)',
  napasBin: 'Mã BIN NAPAS',
  branch: 'Chi nhánh',
  amount: 'Số tiền',
  description: 'Nội dung chuyển khoản',
  beneficiaryName: 'Họ tên người hưởng',
  citizenId: 'Số CCCD người hưởng',
  receiverName: 'Người nhận thay',
  neighbourhood: 'Khu phố',
  programme: 'Chế độ',
  month: 'Tháng (MM/YYYY)',
  blank: '(để trống)',
};

/** Placeholders of title rows and the transfer description. */
export const TEMPLATE_PLACEHOLDERS = [
  'MM',
  'YYYY',
  'NAME',
  'CONTENT',
  'PROGRAMME',
  'BANK',
  'UNIT',
  'COUNT',
  'TOTAL',
] as const;
export const PLACEHOLDER_RE = /\{([A-Z]+)\}/g;

// ---- pure text rules for bank files ------------------------------------------------------------------

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Folds to upper-case printable ASCII (đ→D, marks dropped), keeping the spacing as it is. */
function foldAscii(s: string): string {
  // Already printable ASCII (names folded once, the ASCII contents): only the case can change.
  if (PRINTABLE_ASCII.test(s)) return s.toUpperCase();
  return s
    .normalize('NFD')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^\x20-\x7e]/g, '');
}

/** "Nguyễn Thị Hường" → "NGUYEN THI HUONG" (đ→D); anything not printable ASCII left after folding is dropped. */
export function upperAscii(s: string): string {
  return foldAscii(s).replace(/\s+/g, ' ').trim();
}

type PatternValues = Partial<Record<(typeof TEMPLATE_PLACEHOLDERS)[number], string>>;

/** Fills {PLACEHOLDER}s; unknown ones stay as written (the schema refuses them on save). */
export function fillPattern(pattern: string, values: PatternValues): string {
  return pattern.replace(PLACEHOLDER_RE, (whole, key: string) => values[key as keyof typeof values] ?? whole);
}

/**
 * The transfer description as a function of the values: the pattern filled, folded to upper-case ASCII,
 * cut to the maximum length. The pattern's literal parts are folded once (100,000 lines call it), each
 * value as it comes; folding part by part gives the same text as folding the filled pattern.
 */
export function compileDescription(pattern: string, maxLength: number): (values: PatternValues) => string {
  const parts = pattern.split(/(\{[A-Z]+\})/).map((part) => {
    const key = /^\{([A-Z]+)\}$/.exec(part)?.[1] as keyof PatternValues | undefined;
    return key ? { key, whole: part } : { literal: foldAscii(part) };
  });
  return (values) => {
    let text = '';
    for (const p of parts) text += 'literal' in p ? p.literal : foldAscii(values[p.key!] ?? p.whole!);
    return text.replace(/\s+/g, ' ').trim().slice(0, maxLength).trim();
  };
}

/** The transfer description for one line (see compileDescription). */
export function transferDescription(pattern: string, maxLength: number, values: PatternValues): string {
  return compileDescription(pattern, maxLength)(values);
}

// ---- file kinds ---------------------------------------------------------------------------------------

export const PAYROLL_FILE_KINDS = ['bank', 'cash-pdf', 'cash-xlsx', 'post-pdf', 'post-xlsx', 'summary-pdf'] as const;
export type PayrollFileKind = (typeof PAYROLL_FILE_KINDS)[number];

export const PAYROLL_FILE_KIND_LABELS: Record<PayrollFileKind, string> = {
  bank: 'Tệp chuyển khoản ngân hàng (xlsx)',
  'cash-pdf': 'Danh sách chi trả tiền mặt (PDF)',
  'cash-xlsx': 'Danh sách chi trả tiền mặt (xlsx)',
  'post-pdf': 'Danh sách chi trả qua Bưu điện (PDF)',
  'post-xlsx': 'Danh sách chi trả qua Bưu điện (xlsx)',
  'summary-pdf': 'Bảng tổng hợp tháng (PDF)',
};
