// Pure rules for importing a ward's Excel register (sổ theo dõi đối tượng): header detection, field
// synonyms, free-text group and payout-method proposals, and the repairs an import may propose (always
// shown as warnings, never applied silently). Runtime-neutral: the caller turns the spreadsheet into
// ImportCell values first (main/services/import/workbook.ts), so no exceljs type leaks in here.

import { foldForSearch, normalizeText } from './text';
import { isIsoDate, parseDateVi, type BirthDate, type IsoDate, type Month } from './dates';
import { formatVnd, parseVnd } from './money';
import { validateCitizenId } from './citizen-id';
import { METHOD_LABELS } from './labels';

// ---- cells --------------------------------------------------------------------------------------

/** A spreadsheet value as the import sees it. Dates are calendar dates (no time, no zone). */
export type ImportScalar = string | number | boolean | null | { date: IsoDate } | { error: string };
export type ImportCell = ImportScalar | { formula: string; result: ImportScalar };

export const isFormula = (c: ImportCell): c is { formula: string; result: ImportScalar } =>
  typeof c === 'object' && c !== null && 'formula' in c;
const isDateCell = (c: ImportScalar): c is { date: IsoDate } => typeof c === 'object' && c !== null && 'date' in c;
const isErrorCell = (c: ImportScalar): c is { error: string } => typeof c === 'object' && c !== null && 'error' in c;

/** The value shown in the cell: a formula's cached result, else the value itself. */
export function cellValue(c: ImportCell | undefined): ImportScalar {
  if (c === undefined) return null;
  return isFormula(c) ? c.result : c;
}

/** Integers as digits (never "1e+21"); other numbers as JS prints them. */
function numberText(n: number): string {
  // JS prints integers below 1e21 in plain digits; larger ones (never an ID) in exponent form.
  return String(n);
}

/** What the officer sees in the cell, as text ('' when empty or an Excel error). */
export function cellText(c: ImportCell | undefined): string {
  const v = cellValue(c);
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (isDateCell(v)) return `${v.date.slice(8, 10)}/${v.date.slice(5, 7)}/${v.date.slice(0, 4)}`;
  return '';
}

export const isBlankCell = (c: ImportCell | undefined): boolean => cellText(c).trim() === '';

/** Folded words only: "Mức trợ cấp (đồng)" → "muc tro cap dong". */
export function headerKey(text: string): string {
  return foldForSearch(text)
    .replace(/[^a-z0-9%]+/g, ' ')
    .trim();
}

// ---- fields and synonyms ---------------------------------------------------------------------------

export const IMPORT_FIELD_KEYS = [
  'stt',
  'fullName',
  'birthDate',
  'gender',
  'citizenId',
  'legacyId',
  'idIssueDate',
  'idIssuePlace',
  'address',
  'neighbourhood',
  'phone',
  'group',
  'coefficient',
  'amount',
  'method',
  'accountNumber',
  'bank',
  'branch',
  'receiver',
  'relationship',
  'authorizationValidTo',
  'decisionNumber',
  'decisionDate',
  'note',
] as const;
export type ImportField = (typeof IMPORT_FIELD_KEYS)[number];

export interface FieldInfo {
  key: ImportField;
  label: string;
  /** Folded header texts that name this field. */
  synonyms: readonly string[];
}

export const IMPORT_FIELDS: readonly FieldInfo[] = [
  { key: 'stt', label: 'STT', synonyms: ['stt', 'tt', 'so tt', 'so thu tu', 's tt'] },
  {
    key: 'fullName',
    label: 'Họ và tên',
    synonyms: [
      'ho va ten',
      'ho ten',
      'ten',
      'ho va ten doi tuong',
      'ho ten doi tuong',
      'ten doi tuong',
      'ho va ten nguoi huong',
      'ho ten nguoi huong',
      'nguoi huong',
      'ho va ten nguoi co cong',
      'ho ten nguoi co cong',
    ],
  },
  {
    key: 'birthDate',
    label: 'Ngày sinh / Năm sinh',
    synonyms: [
      'ngay sinh',
      'nam sinh',
      'ngay thang nam sinh',
      'ngay thang sinh',
      'sinh ngay',
      'ns',
      'ngay nam sinh',
      'nam sinh ngay sinh',
    ],
  },
  { key: 'gender', label: 'Giới tính', synonyms: ['gioi tinh', 'gioi', 'nam nu', 'phai', 'gt'] },
  {
    key: 'citizenId',
    label: 'Số định danh (CCCD)',
    synonyms: [
      'so cccd',
      'cccd',
      'so dinh danh',
      'so dinh danh ca nhan',
      'dinh danh ca nhan',
      'ma dinh danh',
      'can cuoc',
      'can cuoc cong dan',
      'so can cuoc',
      'so can cuoc cong dan',
      'so cmnd cccd',
      'cmnd cccd',
      'cccd cmnd',
      'so cccd cmnd',
      'so ddcn',
      'ddcn',
      'so the can cuoc',
    ],
  },
  {
    key: 'legacyId',
    label: 'Số CMND cũ',
    synonyms: ['cmnd', 'so cmnd', 'chung minh nhan dan', 'so chung minh nhan dan', 'so cmnd cu', 'cmnd cu'],
  },
  { key: 'idIssueDate', label: 'Ngày cấp', synonyms: ['ngay cap', 'ngay cap cccd', 'ngay cap cmnd'] },
  { key: 'idIssuePlace', label: 'Nơi cấp', synonyms: ['noi cap', 'noi cap cccd', 'noi cap cmnd'] },
  {
    key: 'address',
    label: 'Địa chỉ',
    synonyms: [
      'dia chi',
      'noi o',
      'cho o',
      'noi o hien nay',
      'cho o hien nay',
      'thuong tru',
      'dia chi thuong tru',
      'noi cu tru',
      'dia chi cu tru',
      'noi thuong tru',
    ],
  },
  {
    key: 'neighbourhood',
    label: 'Khu phố / Tổ / Thôn / Ấp',
    synonyms: [
      'khu pho',
      'to',
      'to dan pho',
      'thon',
      'ap',
      'khom',
      'ban',
      'kp',
      'to khu pho',
      'khu pho to',
      'thon ap',
      'ap thon',
      'thon xom',
      'xom',
      'khu',
      'khu dan cu',
      'to dp',
      'khu pho to dan pho',
      'thon to dan pho',
    ],
  },
  {
    key: 'phone',
    label: 'Điện thoại',
    synonyms: ['dien thoai', 'so dien thoai', 'sdt', 'dt', 'so dt', 'dtdd', 'di dong', 'dien thoai lien he'],
  },
  {
    key: 'group',
    label: 'Đối tượng / Nhóm / Diện',
    synonyms: [
      'doi tuong',
      'nhom',
      'nhom doi tuong',
      'dien doi tuong',
      'dien huong',
      'loai doi tuong',
      'dien',
      'dien chinh sach',
      'phan loai',
      'phan loai doi tuong',
      'dien tro cap',
      'che do',
      'che do huong',
      'doi tuong huong',
      'loai tro cap',
      'nhom huong',
      'dien uu dai',
      'dien nguoi co cong',
      'doi tuong bao tro xa hoi',
    ],
  },
  { key: 'coefficient', label: 'Hệ số', synonyms: ['he so', 'hs', 'he so tro cap', 'he so huong'] },
  {
    key: 'amount',
    label: 'Mức trợ cấp / Số tiền',
    synonyms: [
      'muc tro cap',
      'muc huong',
      'so tien',
      'tro cap',
      'muc tro cap hang thang',
      'so tien huong',
      'so tien hang thang',
      'thanh tien',
      'muc tien',
      'tien tro cap',
      'so tien tro cap',
      'muc chi',
      'muc tro cap uu dai',
      'so tien duoc huong',
      'muc huong hang thang',
    ],
  },
  {
    key: 'method',
    label: 'Hình thức nhận / chi trả',
    synonyms: [
      'hinh thuc nhan',
      'hinh thuc chi tra',
      'phuong thuc chi tra',
      'phuong thuc nhan',
      'hinh thuc',
      'cach nhan',
      'hinh thuc nhan tien',
      'hinh thuc chi',
      'phuong thuc',
      'hinh thuc nhan tro cap',
      'hinh thuc thanh toan',
      'phuong thuc thanh toan',
    ],
  },
  {
    key: 'accountNumber',
    label: 'Số tài khoản',
    synonyms: [
      'so tai khoan',
      'so tk',
      'tk',
      'tai khoan',
      'stk',
      'so tai khoan ngan hang',
      'so tk ngan hang',
      'tai khoan ngan hang',
      'so tai khoan nhan',
    ],
  },
  {
    key: 'bank',
    label: 'Ngân hàng',
    synonyms: [
      'ngan hang',
      'ten ngan hang',
      'nh',
      'ngan hang mo tk',
      'ngan hang mo tai khoan',
      'tai ngan hang',
      'ngan hang nhan',
    ],
  },
  { key: 'branch', label: 'Chi nhánh', synonyms: ['chi nhanh', 'chi nhanh ngan hang', 'phong giao dich', 'pgd'] },
  {
    key: 'receiver',
    label: 'Người được ủy quyền / nhận thay',
    synonyms: [
      'nguoi duoc uy quyen',
      'nguoi nhan thay',
      'nguoi nhan ho',
      'ho ten nguoi nhan thay',
      'ho va ten nguoi nhan thay',
      'nguoi uy quyen',
      'nguoi duoc uq',
      'nguoi nhan uy quyen',
      'ho ten nguoi duoc uy quyen',
      'ho va ten nguoi duoc uy quyen',
      'nguoi nhan',
      'nguoi nhan tien thay',
    ],
  },
  {
    key: 'relationship',
    label: 'Quan hệ',
    synonyms: [
      'quan he',
      'moi quan he',
      'quan he voi doi tuong',
      'quan he voi nguoi huong',
      'qh',
      'quan he voi nguoi uy quyen',
    ],
  },
  {
    key: 'authorizationValidTo',
    label: 'Thời hạn ủy quyền (đến ngày)',
    synonyms: [
      'thoi han uy quyen',
      'uy quyen den ngay',
      'han uy quyen',
      'ngay het han uy quyen',
      'het han uy quyen',
      'thoi han uq',
      'uy quyen den',
      'hieu luc uy quyen',
      'uy quyen co hieu luc den',
      'thoi han giay uy quyen',
    ],
  },
  {
    key: 'decisionNumber',
    label: 'Số quyết định',
    synonyms: ['so quyet dinh', 'so qd', 'quyet dinh', 'qd', 'quyet dinh so', 'so quyet dinh huong'],
  },
  {
    key: 'decisionDate',
    label: 'Ngày quyết định',
    synonyms: ['ngay quyet dinh', 'ngay qd', 'ngay ky', 'ngay ky quyet dinh', 'ngay ky qd'],
  },
  { key: 'note', label: 'Ghi chú', synonyms: ['ghi chu', 'chu thich'] },
];

export const FIELD_LABELS: Readonly<Record<ImportField, string>> = Object.fromEntries(
  IMPORT_FIELDS.map((f) => [f.key, f.label]),
) as Record<ImportField, string>;

/** Short synonyms ("to", "tk", "nhom") only count as the whole header, never inside a longer one. */
const exactOnly = (syn: string): boolean => syn.length <= 4 && !['cccd', 'cmnd', 'ddcn'].includes(syn);

/**
 * How strongly a header text names each field: the whole header equal to a synonym scores 1000+, a
 * synonym found as whole words inside it scores 10 per letter, so the most specific synonym wins
 * ("Họ tên người nhận thay" is the receiver, not the beneficiary's name).
 */
export function scoreHeaderCell(text: string): Array<{ field: ImportField; score: number }> {
  const key = headerKey(text);
  if (!key || key.length > 80) return [];
  const padded = ` ${key} `;
  const out: Array<{ field: ImportField; score: number }> = [];
  for (const f of IMPORT_FIELDS) {
    let best = 0;
    for (const syn of f.synonyms) {
      if (key === syn) best = Math.max(best, 1000 + syn.length);
      else if (!exactOnly(syn) && padded.includes(` ${syn} `)) best = Math.max(best, 10 * syn.length);
    }
    if (best > 0) out.push({ field: f.key, score: best });
  }
  return out.sort((a, b) => b.score - a.score);
}

/** Below this a contained synonym is too weak to map a column by itself ("tro cap" inside a title). */
const MIN_FIELD_SCORE = 40;

/**
 * Column → field proposal for one header row: every (column, field) pair scored, then assigned greedily
 * from the strongest, one column per field and one field per column. Columns are 1-based.
 */
export function proposeColumns(
  headers: ReadonlyArray<{ column: number; text: string }>,
): Partial<Record<ImportField, number>> {
  const pairs: Array<{ column: number; field: ImportField; score: number }> = [];
  for (const h of headers)
    for (const s of scoreHeaderCell(h.text)) if (s.score >= MIN_FIELD_SCORE) pairs.push({ column: h.column, ...s });
  pairs.sort((a, b) => b.score - a.score || a.column - b.column);
  const out: Partial<Record<ImportField, number>> = {};
  const usedColumns = new Set<number>();
  for (const p of pairs) {
    if (out[p.field] !== undefined || usedColumns.has(p.column)) continue;
    out[p.field] = p.column;
    usedColumns.add(p.column);
  }
  return out;
}

export interface HeaderGuess {
  /** 1-based sheet row of the header. */
  row: number;
  /** Header texts per column (two-row headers joined). */
  headers: Array<{ column: number; text: string }>;
  columns: Partial<Record<ImportField, number>>;
  /** Data starts after this row (header + an optional sub-header row). */
  lastHeaderRow: number;
  score: number;
}

const rowHeaders = (row: readonly (ImportCell | undefined)[]): Array<{ column: number; text: string }> =>
  row.flatMap((c, i) => {
    const v = cellValue(c);
    return typeof v === 'string' && v.trim() ? [{ column: i + 1, text: v }] : [];
  });

function scoreColumns(
  columns: Partial<Record<ImportField, number>>,
  headers: Array<{ column: number; text: string }>,
): number {
  let score = 0;
  for (const [field, column] of Object.entries(columns)) {
    const text = headers.find((h) => h.column === column)?.text ?? '';
    score += Math.min(1000, scoreHeaderCell(text).find((s) => s.field === field)?.score ?? 0);
  }
  return score;
}

/**
 * Finds the header row among the first `scanRows` rows: the row whose cells name the most fields, with
 * at least the full name and two other fields. A second header row below it (merged group headers,
 * "Tài khoản" over "Số TK | Ngân hàng") is joined when that names more fields. Null: no header.
 */
export function detectHeader(
  rows: readonly (readonly (ImportCell | undefined)[] | undefined)[],
  scanRows = 40,
): HeaderGuess | null {
  let best: HeaderGuess | null = null;
  const limit = Math.min(rows.length, scanRows);
  for (let r = 0; r < limit; r++) {
    const headers = rowHeaders(rows[r] ?? []);
    if (headers.length < 3) continue;
    const columns = proposeColumns(headers);
    if (columns.fullName === undefined || Object.keys(columns).length < 3) continue;
    const score = scoreColumns(columns, headers);
    let guess: HeaderGuess = { row: r + 1, headers, columns, lastHeaderRow: r + 1, score };
    const below = rowHeaders(rows[r + 1] ?? []);
    if (below.length >= 2) {
      const joined = new Map(headers.map((h) => [h.column, h.text]));
      for (const b of below) joined.set(b.column, joined.has(b.column) ? `${joined.get(b.column)} ${b.text}` : b.text);
      const joinedHeaders = [...joined.entries()]
        .map(([column, text]) => ({ column, text }))
        .sort((a, b) => a.column - b.column);
      // Sub-header cells alone must name fields too, or row r+1 is data (or a "(1) (2) (3)" numbering row).
      const belowAlone = proposeColumns(below);
      const joinedColumns = proposeColumns(joinedHeaders);
      const joinedScore = scoreColumns(joinedColumns, joinedHeaders);
      if (
        Object.keys(belowAlone).length >= 2 &&
        Object.keys(joinedColumns).length > Object.keys(columns).length &&
        joinedColumns.fullName !== undefined
      ) {
        guess = {
          row: r + 1,
          headers: joinedHeaders,
          columns: joinedColumns,
          lastHeaderRow: r + 2,
          score: joinedScore,
        };
      }
    }
    if (!best || guess.score > best.score) best = guess;
  }
  return best;
}

// ---- programme and month ----------------------------------------------------------------------------

export type ImportProgramme = 'BTXH' | 'NCC';

const NCC_WORDS = ['ncc', 'nguoi co cong', 'co cong', 'uu dai', 'thuong binh', 'benh binh', 'liet si'];
const BTXH_WORDS = ['btxh', 'bao tro xa hoi', 'bao tro', 'tro cap xa hoi', 'tcxh', 'tro giup xa hoi'];

const hasWord = (key: string, words: readonly string[]) => words.some((w) => ` ${key} `.includes(` ${w} `));

/** Programme a text names, if any ("NCC", "Danh sách người có công…", "BTXH"). */
export function programmeOfText(text: string): ImportProgramme | null {
  const key = headerKey(text);
  const ncc = hasWord(key, NCC_WORDS);
  const btxh = hasWord(key, BTXH_WORDS);
  if (ncc && !btxh) return 'NCC';
  if (btxh && !ncc) return 'BTXH';
  return null;
}

export type ProgrammeSource = 'sheet' | 'title' | 'values' | 'columns' | 'default';

/**
 * The programme a sheet holds: its name, else its title rows, else what its group texts map to, else
 * its columns (a coefficient column is social assistance), else BTXH (the officer can change it).
 */
export function detectProgramme(input: {
  sheetName: string;
  titles: readonly string[];
  groupTexts: readonly string[];
  columns: Partial<Record<ImportField, number>>;
}): { programme: ImportProgramme; source: ProgrammeSource } {
  const bySheet = programmeOfText(input.sheetName);
  if (bySheet) return { programme: bySheet, source: 'sheet' };
  for (const t of input.titles) {
    const p = programmeOfText(t);
    if (p) return { programme: p, source: 'title' };
  }
  let ncc = 0;
  let btxh = 0;
  for (const t of input.groupTexts) {
    const target = proposeGroupTarget(t).target;
    if (target === 'NCC') ncc++;
    else if (target) btxh++;
  }
  if (ncc > btxh) return { programme: 'NCC', source: 'values' };
  if (btxh > ncc) return { programme: 'BTXH', source: 'values' };
  if (input.columns.coefficient !== undefined) return { programme: 'BTXH', source: 'columns' };
  return { programme: 'BTXH', source: 'default' };
}

/** "(Tháng 10 năm 2024)", "tháng 10/2024", "T10/2024" → '2024-10'; null when the text names no month. */
export function parseTitleMonth(text: string): Month | null {
  const key = foldForSearch(text);
  const m = /(?:thang|\bt)\s*(\d{1,2})\s*(?:nam|\/|-|\.)\s*(\d{4})\b/.exec(key);
  if (!m) return null;
  const month = Number(m[1]);
  const year = Number(m[2]);
  if (month < 1 || month > 12 || year < 2000 || year > 2100) return null;
  return `${year}-${String(month).padStart(2, '0')}`;
}

// ---- rows that are not beneficiaries --------------------------------------------------------------

export type RowKind = 'data' | 'blank' | 'total' | 'footer' | 'numbering' | 'heading';

/** A label that names a total row ("Tổng cộng", "Cộng khu phố 1", "Tổng số:"). */
const TOTAL_LABEL_RE =
  /^(tong cong|tong so|tong cong so tien|tong so tien|tong tien|cong tien|cong|tong|total)$|^(tong cong|tong so|cong)\s+(khu pho|to|thon|ap|khom|toan|chung|so|tien|nhom|dien|btxh|ncc|danh sach)\b/;
const FOOTER_RE =
  /\b(nguoi lap( bieu)?|lap bieu|ke toan|chu tich|thu truong|xac nhan|ky ten|ky ghi ro|ky va ghi ro|nguoi duyet|truong phong|cong chuc|noi nhan|tm ubnd|tm uy ban|kt chu tich|pho chu tich|giam doc|nguoi kiem tra|can bo (chinh sach|ldtbxh|lao dong|van hoa xa hoi))\b/;
const PLACE_DATE_RE = /\bngay\s*\d*\s*thang\s*\d*\s*nam\b/;

/** A row of column numbers under the header: "1 2 3 …" or "(1) (2) (3) …". */
function isNumberingRow(texts: readonly string[]): boolean {
  const nums = texts.map((t) => /^\(?(\d{1,2})\)?$/.exec(t.trim())?.[1]);
  if (nums.length < 3 || nums.some((n) => n === undefined)) return false;
  return nums.every((n, i) => i === 0 || Number(n) === Number(nums[i - 1]) + 1);
}

/** A section heading inside the data ("I. Người cao tuổi", "KHU PHỐ 1", "Nhóm khuyết tật:"). */
export function looksLikeHeading(name: string): boolean {
  const t = name.trim();
  if (/^([IVXLC]+|[A-Za-z]|\d+)[.)]\s/.test(t)) return true;
  if (/:$/.test(t)) return true;
  const key = headerKey(t);
  if (/^(khu pho|to dan pho|to|thon|ap|khom|nhom|dien|doi tuong|danh sach)\b/.test(key)) return true;
  const letters = t.replace(/[^\p{L}]/gu, '');
  return letters.length >= 4 && letters === letters.toLocaleUpperCase('vi') && t.split(/\s+/).length >= 5;
}

/**
 * What a row below the header is. Titles above the header never reach here; totals, signature
 * blocks, blanks, column-number rows and section headings are not beneficiaries and are skipped.
 * Anything with a person's identity (ID or birth date) or a numbered STT is 'data', even with its
 * name missing, so it is shown with its problem rather than lost. (A total row has an amount but no
 * identity and no STT number; "Tống Công Minh" with an ID is a person, not "Tổng cộng".)
 */
export function classifyRow(input: {
  cells: readonly (ImportCell | undefined)[];
  name: string;
  /** The row carries a citizen/CMND number or a birth date. */
  hasIdentity: boolean;
  hasAmount: boolean;
  sttIsNumber: boolean;
}): RowKind {
  const texts = input.cells.map((c) => cellText(c).trim()).filter((t) => t !== '');
  if (texts.length === 0) return 'blank';
  if (isNumberingRow(texts)) return 'numbering';
  const person = input.hasIdentity || input.sttIsNumber;
  const keys = texts.map(headerKey);
  if (!person && keys.some((k) => TOTAL_LABEL_RE.test(k))) return 'total';
  if (!person && !input.hasAmount && keys.some((k) => FOOTER_RE.test(k) || PLACE_DATE_RE.test(k))) return 'footer';
  if (!person && !input.hasAmount) {
    if (!input.name) return 'heading';
    if (looksLikeHeading(input.name)) return 'heading';
  }
  if (!person && !input.name && input.cells.some((c) => c !== undefined && isFormula(c))) return 'total';
  return 'data';
}

/** 9 or more digits (spaces, dots, dashes aside): an ID number, whatever its problems. */
const looksLikeId = (c: ImportCell | undefined): boolean =>
  cellText(c)
    .replace(/[\s.\-–]/g, '')
    .replace(/\D/g, '').length >= 9;

/** classifyRow for a row of cells under a column mapping. */
export function classifySheetRow(
  cells: readonly (ImportCell | undefined)[],
  columns: Partial<Record<ImportField, number>>,
): RowKind {
  const at = (f: ImportField): ImportCell | undefined => (columns[f] ? cells[columns[f]! - 1] : undefined);
  const stt = cellValue(at('stt'));
  return classifyRow({
    cells,
    name: cellText(at('fullName')).trim(),
    hasIdentity:
      looksLikeId(at('citizenId')) || looksLikeId(at('legacyId')) || parseBirthCell(at('birthDate')).value !== null,
    hasAmount: parseAmountCell(at('amount')).value !== null || (at('amount') !== undefined && isFormula(at('amount')!)),
    sttIsNumber: typeof stt === 'number' || (typeof stt === 'string' && /^\d{1,6}\.?$/.test(stt.trim())),
  });
}

// ---- values ------------------------------------------------------------------------------------------

export interface Parsed<T> {
  value: T;
  /** A repair or reading that the officer should see (Vietnamese). */
  warning?: string;
  error?: string;
}

/** Names: NFC, spaces trimmed and collapsed (a warning says so); a name needs letters and no digits. */
export function cleanName(raw: string): Parsed<string> {
  const name = normalizeText(raw);
  if (!name) return { value: '', error: 'Thiếu họ và tên.' };
  if (/\d/.test(name)) return { value: name, error: `Họ và tên «${name}» có chữ số — kiểm tra lại cột họ tên.` };
  if (!/\p{L}/u.test(name)) return { value: name, error: `Họ và tên «${name}» không có chữ cái.` };
  if (name.length > 120) return { value: name, error: 'Họ và tên dài quá 120 ký tự.' };
  const trimmedOnly = raw.normalize('NFC');
  return trimmedOnly !== name ? { value: name, warning: 'Đã bỏ khoảng trắng thừa trong họ tên.' } : { value: name };
}

/** Excel serial day (1900 date system, Lotus leap-year bug included) → ISO date. */
export function excelSerialToIso(serial: number): IsoDate | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return null;
  const ms = Math.round((Math.floor(serial) - 25569) * 86400000);
  const d = new Date(ms);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

const fmtIso = (iso: IsoDate) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/**
 * Birth date from a cell: a real date (exceljs gives UTC midnight; already turned into a calendar date),
 * 'dd/mm/yyyy' text, 'yyyy-mm-dd' text, a bare year (number or text → kept as year precision, with a
 * warning), or a date serial typed in a General cell (warning). Years outside 1880..`maxYear` are errors.
 */
export function parseBirthCell(cell: ImportCell | undefined, maxYear = 2100): Parsed<BirthDate | null> {
  const v = cellValue(cell);
  const yearOk = (y: number) => y >= 1880 && y <= maxYear;
  const yearOnly = (y: number): Parsed<BirthDate | null> =>
    yearOk(y)
      ? {
          value: { precision: 'year', value: String(y) },
          warning: `Chỉ có năm sinh (${y}): lưu năm sinh, chưa có ngày tháng.`,
        }
      : { value: null, error: `Năm sinh ${y} không hợp lệ.` };
  const day = (iso: IsoDate, warning?: string): Parsed<BirthDate | null> => {
    const y = Number(iso.slice(0, 4));
    if (!yearOk(y)) return { value: null, error: `Ngày sinh ${fmtIso(iso)} không hợp lệ.` };
    return warning ? { value: { precision: 'day', value: iso }, warning } : { value: { precision: 'day', value: iso } };
  };
  if (v === null) return { value: null };
  if (isDateCell(v)) return day(v.date);
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 1000 && v <= 2200) return yearOnly(v);
    const iso = excelSerialToIso(v);
    if (iso) return day(iso, `Ngày sinh lưu dạng số (${numberText(v)}): đã đọc là ${fmtIso(iso)}.`);
    return { value: null, error: `Ngày sinh «${numberText(v)}» không đọc được.` };
  }
  if (typeof v === 'string') {
    const t = v.trim().replace(/\s+/g, '');
    if (t === '') return { value: null };
    if (/^\d{4}$/.test(t)) return yearOnly(Number(t));
    const iso = isIsoDate(t) ? t : parseDateVi(t);
    if (iso) return day(iso);
    return { value: null, error: `Ngày sinh «${v.trim()}» không đọc được (cần ngày/tháng/năm hoặc năm sinh).` };
  }
  if (isErrorCell(v)) return { value: null, error: `Ô ngày sinh báo lỗi Excel (${v.error}).` };
  return { value: null, error: 'Ngày sinh không đọc được.' };
}

/** Any date cell (decision date, ID issue date) → ISO or null; never a bare year. */
export function parseDateCell(cell: ImportCell | undefined): Parsed<IsoDate | null> {
  const v = cellValue(cell);
  if (v === null) return { value: null };
  if (isDateCell(v)) return { value: v.date };
  if (typeof v === 'number') {
    const iso = excelSerialToIso(v);
    return iso && v > 3000 ? { value: iso } : { value: null, error: `Ngày «${numberText(v)}» không đọc được.` };
  }
  if (typeof v === 'string') {
    const t = v.trim();
    if (!t) return { value: null };
    const iso = isIsoDate(t) ? t : parseDateVi(t);
    return iso ? { value: iso } : { value: null, error: `Ngày «${t}» không đọc được (cần ngày/tháng/năm).` };
  }
  return { value: null };
}

export function parseGender(text: string): Parsed<'male' | 'female' | null> {
  const key = headerKey(text);
  if (!key) return { value: null };
  if (['nam', 'm', 'male', 'trai', 'ong'].includes(key)) return { value: 'male' };
  if (['nu', 'f', 'female', 'gai', 'ba'].includes(key)) return { value: 'female' };
  return { value: null, warning: `Giới tính «${text.trim()}» không rõ: để trống.` };
}

/**
 * Citizen ID from a cell, with the one repair the import proposes: Excel turned the ID into a number
 * and dropped its leading zero(s) — every province code starts with 0, so an 11-digit number (or a
 * 10-digit one, province 001–009) is padded back to 12 digits, with a warning. An 11-digit text is
 * padded too (a copy of such a number), with a warning asking to check it. The repaired ID must pass
 * validateCitizenId, otherwise the original problem is reported. A 9-digit value is an old CMND.
 */
export function repairCitizenId(cell: ImportCell | undefined): {
  citizenId: string | null;
  legacyId: string | null;
  warning?: string;
  /** The digits as they were in the file, when a repair was made. */
  repairedFrom?: string;
} {
  const v = cellValue(cell);
  if (v === null || (typeof v === 'string' && v.trim() === '')) return { citizenId: null, legacyId: null };
  const numeric = typeof v === 'number';
  let digits: string;
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v) || v < 0) return { citizenId: numberText(v), legacyId: null };
    digits = numberText(v);
  } else {
    digits = cellText(v).replace(/[\s.\-–]/g, '');
  }
  if (/^\d{9}$/.test(digits)) {
    return {
      citizenId: null,
      legacyId: digits,
      warning:
        'Số 9 chữ số là CMND cũ (hết giá trị từ 01/01/2025): đã ghi vào ô CMND cũ; cần bổ sung số định danh 12 số.',
    };
  }
  const padTo12 = (numeric && (digits.length === 11 || digits.length === 10)) || (!numeric && /^\d{11}$/.test(digits));
  if (padTo12 && /^\d+$/.test(digits)) {
    const padded = digits.padStart(12, '0');
    if (validateCitizenId(padded).ok) {
      const zeros = 12 - digits.length;
      const how = numeric ? 'Excel lưu dạng số nên mất số 0 ở đầu' : 'ô chỉ có 11 chữ số, có thể đã mất số 0 ở đầu';
      return {
        citizenId: padded,
        legacyId: null,
        repairedFrom: digits,
        warning: `Số định danh ${digits} (${how}): đã thêm ${zeros === 1 ? 'số 0' : `${zeros} số 0`} đầu → ${padded}. Kiểm tra lại với thẻ CCCD.`,
      };
    }
  }
  return { citizenId: digits, legacyId: null };
}

/** Amounts: numbers as they are; text such as "750.000" or "1,250,000 đ" through parseVnd, with a warning. */
export function parseAmountCell(cell: ImportCell | undefined): Parsed<number | null> & { fromText?: boolean } {
  const v = cellValue(cell);
  if (v === null) return { value: null };
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0) return { value: null, error: `Số tiền ${numberText(v)} không hợp lệ.` };
    if (!Number.isInteger(v))
      return { value: null, error: `Số tiền ${numberText(v)} có phần lẻ dưới 1 đồng — kiểm tra lại.` };
    return { value: v };
  }
  if (typeof v === 'string') {
    const t = v.trim();
    if (!t) return { value: null };
    const n = parseVnd(t);
    if (n === null || n < 0) return { value: null, error: `Số tiền «${t}» không đọc được.` };
    return {
      value: n,
      fromText: true,
      warning: `Số tiền ghi dạng chữ «${t}»: đã đọc là ${formatVnd(n)} đồng (công thức SUM của Excel bỏ qua ô này).`,
    };
  }
  if (isErrorCell(v)) return { value: null, error: `Ô số tiền báo lỗi Excel (${v.error}).` };
  return { value: null, error: 'Số tiền không đọc được.' };
}

/** Coefficient (hệ số) → thousandths: 1.5 or "1,5" → 1500. Unreadable: a warning, the value ignored. */
export function parseCoefficientCell(cell: ImportCell | undefined): Parsed<number | null> {
  const v = cellValue(cell);
  if (v === null || (typeof v === 'string' && !v.trim())) return { value: null };
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.trim().replace(',', '.')) : NaN;
  if (!Number.isFinite(n) || n <= 0 || n > 20)
    return { value: null, warning: `Hệ số «${cellText(v)}» không đọc được: bỏ qua.` };
  return { value: Math.round(n * 1000) };
}

/** "1500" thousandths → "1,5" as written in Vietnamese. */
export const formatCoefficient = (milli: number): string => String(milli / 1000).replace('.', ',');

/** Account numbers are digits; spaces, dots and dashes are dropped. A number cell may have lost zeros. */
export function parseAccountNumber(cell: ImportCell | undefined): Parsed<string | null> & { numeric?: boolean } {
  const v = cellValue(cell);
  if (v === null) return { value: null };
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v) || v < 0) {
      return {
        value: null,
        numeric: true,
        error: `Số tài khoản lưu dạng số trong Excel đã bị làm tròn (${numberText(v)}).`,
      };
    }
    return { value: numberText(v), numeric: true };
  }
  const t = cellText(v).replace(/[\s.\-–]/g, '');
  if (!t) return { value: null };
  if (!/^\d+$/.test(t))
    return { value: null, error: `Số tài khoản «${cellText(v).trim()}» có ký tự không phải chữ số.` };
  return { value: t };
}

const BANK_ALIASES: ReadonlyArray<[code: string, words: readonly string[]]> = [
  ['AGRIBANK', ['agribank', 'agri', 'nong nghiep', 'nn ptnt', 'nhno', 'ngan hang nong nghiep', 'nnptnt', 'vbard']],
  ['VIETCOMBANK', ['vietcombank', 'vcb', 'ngoai thuong']],
  ['VIETINBANK', ['vietinbank', 'vietin', 'ctg', 'cong thuong', 'icb']],
  ['BIDV', ['bidv', 'dau tu va phat trien', 'dau tu phat trien']],
];

/** Bank text → bank code of the reference list ("Agribank", "NH Nông nghiệp", "VCB"), or null. */
export function bankCodeOf(text: string, known: ReadonlyArray<{ code: string; name: string }> = []): string | null {
  const key = headerKey(text);
  if (!key) return null;
  for (const [code, words] of BANK_ALIASES)
    if (words.some((w) => ` ${key} `.includes(` ${w} `) || key.replace(/ /g, '') === w.replace(/ /g, ''))) return code;
  for (const b of known) {
    if (key === headerKey(b.code) || key === headerKey(b.name)) return b.code;
  }
  return null;
}

// ---- value mappings: groups and payout methods ------------------------------------------------------

/** The key two texts share when they should map alike ("NKT nặng" = "nkt  nặng"). */
export const valueKey = (text: string): string =>
  foldForSearch(text)
    .replace(/[^a-z0-9%]+/g, ' ')
    .trim();

/** Abbreviations ward files use, expanded before the keyword rules. */
const ABBREVIATIONS: ReadonlyArray<[RegExp, string]> = [
  [/\bnct\b/g, 'nguoi cao tuoi'],
  [/\bnkt\b/g, 'nguoi khuyet tat'],
  [/\bkt\b/g, 'khuyet tat'],
  [/\bdbn\b/g, 'dac biet nang'],
  [/\bdb nang\b/g, 'dac biet nang'],
  [/\bte\b/g, 'tre em'],
  [/\bhn\b/g, 'ho ngheo'],
  [/\bhcn\b/g, 'ho can ngheo'],
  [/\bhdkc\b/g, 'hoat dong khang chien'],
  [/\btnls\b/g, 'than nhan liet si'],
  [/\bmvnah\b/g, 'me viet nam anh hung'],
  [/\btb\b/g, 'thuong binh'],
  [/\bbb\b/g, 'benh binh'],
  [/\bcdhh\b/g, 'chat doc hoa hoc'],
];

export function expandGroupText(text: string): string {
  let key = ` ${valueKey(text)} `;
  for (const [re, full] of ABBREVIATIONS) key = key.replace(re, full);
  return key.replace(/\s+/g, ' ').trim();
}

const NCC_CATEGORY_WORDS = [
  'thuong binh',
  'benh binh',
  'liet si',
  'nguoi co cong',
  'co cong',
  'khang chien',
  'chat doc hoa hoc',
  'da cam',
  'me viet nam anh hung',
  'anh hung',
  'lao thanh cach mang',
  'tien khoi nghia',
  'cach mang',
  'bi dich bat',
  'tu day',
  'huong chinh sach nhu thuong binh',
];

/**
 * Free-text group label → a proposal: 'NCC' (meritorious; the text stays the category label and the
 * file's amount is recorded), a BTXH group family ('BTXH-5A': the member is picked by age) or a group
 * code ('BTXH-5C'); null when no rule fits (the officer chooses). `reason` explains the rule, in Vietnamese.
 */
export function proposeGroupTarget(text: string): { target: string | null; reason: string } {
  const k = ` ${expandGroupText(text)} `;
  const has = (...words: string[]) => words.some((w) => k.includes(` ${w} `));
  if (!k.trim()) return { target: null, reason: 'Ô trống.' };
  if (has(...NCC_CATEGORY_WORDS))
    return { target: 'NCC', reason: 'Diện người có công: giữ nguyên tên diện, số tiền theo tệp.' };
  if (has('huu tri xa hoi')) return { target: 'HTXH-1', reason: '«hưu trí xã hội».' };
  if (has('hiv')) {
    return has('tre em', 'tre')
      ? { target: 'BTXH-3', reason: 'Trẻ em nhiễm HIV (theo tuổi: 3A/3B).' }
      : { target: 'BTXH-8', reason: 'Người nhiễm HIV hộ nghèo.' };
  }
  if (has('khuyet tat', 'tan tat')) {
    if (has('dac biet nang'))
      return {
        target: 'BTXH-6DBN',
        reason: 'Khuyết tật đặc biệt nặng (theo tuổi: 6A người lớn / 6B trẻ em, người cao tuổi).',
      };
    if (has('nang'))
      return { target: 'BTXH-6N', reason: 'Khuyết tật nặng (theo tuổi: 6C người lớn / 6D trẻ em, người cao tuổi).' };
    return { target: null, reason: 'Khuyết tật nhưng không ghi mức độ (nặng hay đặc biệt nặng).' };
  }
  if (has('don than')) return { target: 'BTXH-4', reason: 'Người đơn thân nghèo nuôi con.' };
  if (has('dang hoc') && has('16', '22', 'tu 16')) return { target: 'BTXH-2', reason: 'Từ 16 đến 22 tuổi đang học.' };
  if (has('duoi 3 tuoi') && has('dtts', 'dan toc', 'mien nui'))
    return { target: 'BTXH-7', reason: 'Trẻ em dưới 3 tuổi vùng DTTS, miền núi.' };
  if (has('tre em', 'mo coi', 'khong co nguon nuoi duong', 'bi bo roi', 'tre mo coi')) {
    return { target: 'BTXH-1', reason: 'Trẻ em không có nguồn nuôi dưỡng (theo tuổi: 1A dưới 4 / 1B từ 4 tuổi).' };
  }
  if (has('cao tuoi', 'nguoi gia', 'tuoi')) {
    if (has('cham soc tai cong dong', 'nhan cham soc', 'nhan nuoi'))
      return { target: 'BTXH-5D', reason: 'Người cao tuổi được nhận chăm sóc tại cộng đồng.' };
    if (has('ho ngheo', 'co don', 'khong nguoi phung duong', 'khong co nguoi phung duong', 'khong noi nuong tua')) {
      return {
        target: 'BTXH-5A',
        reason: 'Người cao tuổi hộ nghèo không có người phụng dưỡng (theo tuổi: 5A1 dưới 80 / 5A2 từ 80).',
      };
    }
    if (has('dtts', 'dan toc', 'mien nui', 'dac biet kho khan', '75'))
      return { target: 'BTXH-5B', reason: 'Từ 75 đến 80 tuổi vùng DTTS, miền núi.' };
    if (has('80', 'khong luong huu', 'khong co luong huu'))
      return { target: 'BTXH-5C', reason: 'Từ đủ 80 tuổi không có lương hưu, trợ cấp (hệ số 1,0).' };
  }
  return { target: null, reason: 'Không nhận ra nhóm: hãy chọn.' };
}

export const METHOD_TARGETS = [
  'CASH_WARD',
  'POST_OFFICE',
  'OWN_ACCOUNT',
  'AUTHORIZED_ACCOUNT',
  'ACCOUNT_AUTO',
] as const;
export type MethodTarget = (typeof METHOD_TARGETS)[number];

export const METHOD_TARGET_LABELS: Readonly<Record<MethodTarget, string>> = {
  ...METHOD_LABELS,
  ACCOUNT_AUTO: 'Chuyển khoản (tài khoản người được ủy quyền nếu dòng có ghi, không thì tài khoản cá nhân)',
};

/** Free-text payout method → a proposal ("TK cá nhân" → OWN_ACCOUNT, "Chuyển khoản" → ACCOUNT_AUTO). */
export function proposeMethodTarget(text: string): MethodTarget | null {
  const k = ` ${valueKey(text)} `;
  const has = (...words: string[]) => words.some((w) => k.includes(` ${w} `));
  if (!k.trim()) return null;
  if (has('buu dien', 'buu chinh', 'vnpost', 'bd', 'qua buu dien')) return 'POST_OFFICE';
  const account = has('tk', 'tai khoan', 'chuyen khoan', 'ck', 'ngan hang', 'atm', 'stk', 'khong dung tien mat');
  if (has('uy quyen', 'nhan thay', 'nhan ho', 'uq', 'nguoi than'))
    return account || !has('tien mat') ? 'AUTHORIZED_ACCOUNT' : 'CASH_WARD';
  if (has('ca nhan', 'chinh chu', 'ban than', 'rieng')) return account ? 'OWN_ACCOUNT' : null;
  if (account) return 'ACCOUNT_AUTO';
  if (
    has('tien mat', 'tm', 'truc tiep', 'tai ubnd', 'tai phuong', 'tai xa', 'tai nha', 'nhan tai ubnd', 'diem chi tra')
  )
    return 'CASH_WARD';
  return null;
}

// ---- totals -----------------------------------------------------------------------------------------

/** 'AB' → 28 */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** 28 → 'AB' */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * A total row's SUM formula evaluated the way Excel does: SUM adds numbers and skips text, so amounts
 * typed as "750.000" are left out. Only SUM over ranges/cells of the same sheet; null otherwise.
 */
export function evaluateSum(
  formula: string,
  valueAt: (row: number, column: number) => ImportCell | undefined,
): number | null {
  const m = /^=?\s*SUM\((.*)\)\s*$/i.exec(formula.trim());
  if (!m) return null;
  let total = 0;
  for (const part of m[1]!.split(/[,;]/)) {
    const ref = /^\s*\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?\s*$/i.exec(part);
    if (!ref) return null;
    const c1 = columnIndex(ref[1]!);
    const r1 = Number(ref[2]);
    const c2 = ref[3] ? columnIndex(ref[3]) : c1;
    const r2 = ref[4] ? Number(ref[4]) : r1;
    if ((r2 - r1 + 1) * (c2 - c1 + 1) > 2_000_000) return null;
    for (let r = Math.min(r1, r2); r <= Math.max(r1, r2); r++) {
      for (let c = Math.min(c1, c2); c <= Math.max(c1, c2); c++) {
        const v = cellValue(valueAt(r, c));
        if (typeof v === 'number') total += v;
      }
    }
  }
  return total;
}

// ---- the mapping step's check of companion columns (issue 14) ----------------------------------------

interface MappingSheet {
  name: string;
  include: boolean;
  columns: Partial<Record<ImportField, number | undefined>>;
}

/**
 * What the mapping lacks for the methods the file states, said at the mapping step, before the preview:
 * a method column whose texts mean an account, with no account-number column (or no bank column and no
 * default bank); "authorized account" texts with no receiver column; authorizations with no term (no
 * term column and no choice for the whole file). Each such row would otherwise be an error.
 */
export function mappingIssues(
  config: {
    sheets: readonly MappingSheet[];
    methods: ReadonlyArray<{ text: string; target: MethodTarget | null }>;
    defaultBankCode?: string | null;
    authorizationTerm?: unknown;
  },
  methodSheets: ReadonlyArray<{ text: string; sheets: readonly string[] }>,
): Array<{ sheet: string; field: ImportField; message: string }> {
  const targetOf = new Map(config.methods.map((m) => [m.text, m.target]));
  const out: Array<{ sheet: string; field: ImportField; message: string }> = [];
  for (const sheet of config.sheets) {
    if (!sheet.include || !sheet.columns.method) continue;
    const texts = methodSheets
      .filter((m) => m.sheets.includes(sheet.name))
      .map((m) => ({ text: m.text, target: targetOf.get(m.text) ?? null }));
    const account = texts.filter(
      (t) => t.target === 'OWN_ACCOUNT' || t.target === 'AUTHORIZED_ACCOUNT' || t.target === 'ACCOUNT_AUTO',
    );
    const authorized = texts.filter((t) => t.target === 'AUTHORIZED_ACCOUNT');
    const quote = (list: typeof texts) =>
      list
        .slice(0, 3)
        .map((t) => `«${t.text}»`)
        .join(', ');
    const say = (field: ImportField, message: string) =>
      out.push({ sheet: sheet.name, field, message: `Trang ${sheet.name}: ${message}` });
    if (account.length && !sheet.columns.accountNumber) {
      say(
        'accountNumber',
        `cột Hình thức nhận có ${quote(account)} (nhận qua tài khoản) nhưng chưa chọn cột ${FIELD_LABELS.accountNumber}: các dòng đó sẽ không nhập được.`,
      );
    }
    if (account.length && !sheet.columns.bank && !config.defaultBankCode) {
      say(
        'bank',
        `cột Hình thức nhận có ${quote(account)} nhưng chưa chọn cột ${FIELD_LABELS.bank} (hoặc ngân hàng mặc định cho dòng không ghi ngân hàng).`,
      );
    }
    if (authorized.length && !sheet.columns.receiver) {
      say(
        'receiver',
        `cột Hình thức nhận có ${quote(authorized)} (tài khoản người được ủy quyền) nhưng chưa chọn cột ${FIELD_LABELS.receiver}: chọn cột ghi tên người nhận thay, nếu không các dòng đó sẽ không nhập được.`,
      );
    }
    if (
      (authorized.length || account.some((t) => t.target === 'ACCOUNT_AUTO')) &&
      sheet.columns.receiver &&
      !sheet.columns.authorizationValidTo &&
      !config.authorizationTerm
    ) {
      say(
        'authorizationValidTo',
        `tệp có người nhận thay nhưng chưa có thời hạn ủy quyền: chọn cột ${FIELD_LABELS.authorizationValidTo}, nhập một ngày hết hạn cho cả tệp, hoặc chọn giả định một năm.`,
      );
    }
  }
  return out;
}
