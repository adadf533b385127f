import type {
  Content,
  ContentTable,
  Margins,
  PageOrientation,
  TableCell,
  TDocumentDefinitions,
} from 'pdfmake/interfaces';
import type { OfficeSettings } from '@shared/api/settings';
import { formatPlaceDateVi, type IsoDate } from '@shared/domain/dates';
import { amountInWords } from '@shared/domain/money';
import { textWidth } from './render';
import { BARE_LAYOUT, GRID_LAYOUT, keepEndId, keepStartId, keepTogetherRule, pageNumberHeader } from './plain';

// The pieces of an administrative document per Decree 30/2020/NĐ-CP, Appendix I (shared/domain/documents.md):
// page setups and margins, the two-column heading (issuing body | national name and motto), number and
// place-date line, title, body paragraphs, signature blocks, "Nơi nhận:", page numbers, tables and the
// amount in words. Sizes in points; 1 mm = 72 / 25.4 pt.

export const mm = (v: number) => (v * 72) / 25.4;

const A4 = { width: 595.28, height: 841.89 };
/** Top 20, bottom 20, left 30 (binding side), right 15 mm: inside the Decree's ranges. */
const MARGINS = { left: mm(30), top: mm(20), right: mm(15), bottom: mm(20) };

export interface PageSetup {
  pageSize: 'A4';
  pageOrientation: PageOrientation;
  pageMargins: [number, number, number, number];
  /** Width between the margins, for columns and rules that must be laid out exactly. */
  contentWidth: number;
}

function pageSetup(orientation: PageOrientation): PageSetup {
  const width = orientation === 'portrait' ? A4.width : A4.height;
  return {
    pageSize: 'A4',
    pageOrientation: orientation,
    pageMargins: [MARGINS.left, MARGINS.top, MARGINS.right, MARGINS.bottom],
    contentWidth: width - MARGINS.left - MARGINS.right,
  };
}

export const A4_PORTRAIT = pageSetup('portrait');
/** For wide tables (payout lists). */
export const A4_LANDSCAPE = pageSetup('landscape');

/** Font sizes of documents.md. */
export const SIZE = {
  heading: 13,
  nationalName: 12,
  motto: 13,
  number: 13,
  placeDate: 13,
  title: 14,
  body: 13,
  recipientsTitle: 12,
  recipients: 11,
  table: 11,
  pageNumber: 13,
} as const;

// ---- the office's names ------------------------------------------------------------------------

export interface OfficeNames {
  /**
   * The parent body's line, in capitals; empty for a People's Committee: Decree 30 prints no parent
   * body above "ỦY BAN NHÂN DÂN …" (a ward's documents carry only its own name), nor when none is set.
   */
  parent: string;
  /** The issuing body in capitals, in lines: ['ỦY BAN NHÂN DÂN', 'PHƯỜNG ĐỨC NGHĨA']. */
  issuing: string[];
  /** 'phường Đức Nghĩa' (for running text), or the unit name as written when it is not a People's Committee. */
  locality: string;
  /** 'Ủy ban nhân dân phường Đức Nghĩa'. */
  committee: string;
  /** 'ỦY BAN NHÂN DÂN PHƯỜNG ĐỨC NGHĨA' (certification headings). */
  committeeCaps: string;
  /** The place of the date line: the ward's own name for its People's Committee ("Đức Nghĩa", "Phường 5"), else the setting. */
  place: string;
  chairman: string;
  deputyChairman: string;
  officer: string;
}

const upper = (s: string) => s.normalize('NFC').toLocaleUpperCase('vi');
const COMMITTEE_PREFIX = /^\s*(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+/iu;
const UNIT_KIND = /^(phường|xã|thị trấn|đặc khu)\s+(.+)$/iu;

/**
 * The place name of a commune-level committee's date line (Decree 30, App. I: the name of the commune
 * or ward where the body sits): "phường Đức Nghĩa" → "Đức Nghĩa"; a unit named by a number keeps its
 * kind ("Phường 5"). Null when the locality is not a commune, ward or special zone.
 */
export function wardPlace(locality: string): string | null {
  const m = UNIT_KIND.exec(locality.trim());
  if (!m) return null;
  const [kind, name] = [m[1]!, m[2]!.trim()];
  return /^\d/.test(name)
    ? `${kind.charAt(0).toLocaleUpperCase('vi')}${kind.slice(1).toLocaleLowerCase('vi')} ${name}`
    : name;
}

/** The names printed on documents, from the office settings ("UBND phường Đức Nghĩa" → the lines above). */
export function officeNames(office: OfficeSettings): OfficeNames {
  const unit = office.unitName.normalize('NFC').trim();
  const isCommittee = COMMITTEE_PREFIX.test(unit) || unit === '';
  const locality = isCommittee ? unit.replace(COMMITTEE_PREFIX, '').trim() || 'phường ……' : unit;
  const committee = isCommittee ? `Ủy ban nhân dân ${locality}` : unit;
  return {
    parent: isCommittee ? '' : upper(office.parentBody.trim()),
    issuing: isCommittee ? ['ỦY BAN NHÂN DÂN', upper(locality)] : [upper(unit)],
    locality,
    committee,
    committeeCaps: upper(committee),
    place: (isCommittee && wardPlace(locality)) || office.placeName.trim(),
    chairman: office.chairmanName.trim(),
    deputyChairman: (office.deputyChairmanName ?? '').trim(),
    officer: office.officerName.trim(),
  };
}

// ---- heading -------------------------------------------------------------------------------------

export const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/** A horizontal rule of `width`, centred in its column (pdfmake centres a canvas by its drawn width). */
export function centredRule(width: number, marginTop = 1): Content {
  return {
    canvas: [{ type: 'line', x1: 0, y1: 0, x2: width, y2: 0, lineWidth: 0.6 }],
    alignment: 'center',
    margin: [0, marginTop, 0, 0],
  } as Content;
}

/** "Số: 05/UBND-VX"; without a number, a blank to be filled by the clerk ("Số:      /UBND-VX"). */
export function numberLine(number: number | string | null, symbol: string): string {
  if (number === null || number === '') return `Số:        /${symbol}`;
  const n = typeof number === 'number' ? String(number).padStart(2, '0') : /^\d$/.test(number) ? `0${number}` : number;
  return `Số: ${n}/${symbol}`;
}

export interface HeadingOptions {
  page: PageSetup;
  office: OfficeNames;
  /** The number line ("Số: …"), or null for papers without one (a citizen's form or request). */
  number?: string | null;
  /** The place-date line's date; null leaves the date to be written by hand ("…, ngày … tháng … năm …"). */
  date?: IsoDate | null;
  /** A citizen's paper (an authorization, a request) carries only the national name and motto. */
  nationalOnly?: boolean;
  /** Leave out the place-date line (a form that puts it above its signatures). */
  noPlaceDate?: boolean;
}

/**
 * Width of the issuing body's column (left); the rest goes to the national name and motto, which must fit
 * on one line each (12 pt bold: ~249 pt), so on portrait the left column is what remains (~210 pt: room for
 * "UBND THÀNH PHỐ PHAN THIẾT" at 13 pt on one line), on landscape under half the width.
 */
const leftColumnWidth = (page: PageSetup) =>
  Math.floor(
    Math.min(
      page.contentWidth * 0.45,
      page.contentWidth - textWidth(NATIONAL_NAME, SIZE.nationalName, { bold: true }) - 6,
    ),
  );

/**
 * One line of the issuing body in `width`: at 13 pt, else 12 pt (both within Decree 30's 12–13), never
 * wrapped; a name too long even at 12 pt is split into two balanced lines (never one word left alone).
 */
function headingLines(text: string, width: number, bold: boolean): Content {
  for (const fontSize of [SIZE.heading, 12]) {
    if (textWidth(text, fontSize, { bold }) <= width) return { text, fontSize, bold, noWrap: true };
  }
  const words = text.split(/\s+/);
  let best = { lines: [text], widest: Infinity };
  for (let i = 1; i < words.length; i++) {
    const lines = [words.slice(0, i).join(' '), words.slice(i).join(' ')];
    const widest = Math.max(...lines.map((l) => textWidth(l, 12, { bold })));
    if (widest < best.widest) best = { lines, widest };
  }
  return { text: best.lines.join('\n'), fontSize: 12, bold };
}

export function placeDateText(place: string, date: IsoDate | null | undefined): string {
  if (date) return formatPlaceDateVi(place, date);
  return `${place || '…………'}, ngày …… tháng …… năm ……`;
}

/** The top of the first page: issuing body (left) and national name and motto (right), then number and place-date. */
export function heading(options: HeadingOptions): Content {
  const { page, office } = options;
  const leftWidth = leftColumnWidth(page);
  const rightWidth = page.contentWidth - leftWidth;
  const mottoWidth = textWidth(MOTTO, SIZE.motto, { bold: true });
  const national = {
    width: options.nationalOnly ? page.contentWidth : rightWidth,
    stack: [
      { text: NATIONAL_NAME, bold: true, fontSize: SIZE.nationalName, noWrap: true },
      { text: MOTTO, bold: true, fontSize: SIZE.motto, noWrap: true },
      centredRule(mottoWidth),
    ],
    alignment: 'center',
  } as Content;
  const placeDate = {
    text: placeDateText(office.place, options.date),
    italics: true,
    fontSize: SIZE.placeDate,
    alignment: options.nationalOnly ? 'right' : 'center',
  } as const;
  if (options.nationalOnly)
    return { stack: [national, ...(options.noPlaceDate ? [] : [{ ...placeDate, margin: [0, 10, 0, 0] }])] } as Content;

  const issuingWidth = Math.max(...office.issuing.map((l) => textWidth(l, SIZE.heading, { bold: true })));
  const left = {
    width: leftWidth,
    alignment: 'center',
    stack: [
      ...(office.parent ? [headingLines(office.parent, leftWidth, false)] : []),
      ...office.issuing.map((l) => headingLines(l, leftWidth, true)),
      centredRule(Math.min(issuingWidth, leftWidth) * 0.4),
    ],
  } as Content;
  const rows: Content[] = [{ columns: [left, national], columnGap: 0 }];
  rows.push({
    columns: [
      { width: leftWidth, text: options.number ?? '', fontSize: SIZE.number, alignment: 'center' },
      { width: rightWidth, ...placeDate },
    ],
    columnGap: 0,
    margin: [0, 6, 0, 0],
  });
  return { stack: rows };
}

// ---- title and body -------------------------------------------------------------------------------

/** Document type in capitals, bold, centred; the summary (trích yếu) bold below. */
export function title(
  type: string,
  summary?: string,
  margin: [number, number, number, number] = [0, 18, 0, 12],
): Content {
  return {
    stack: [
      { text: upper(type), bold: true, fontSize: SIZE.title, alignment: 'center' },
      ...(summary ? [{ text: summary, bold: true, fontSize: SIZE.title, alignment: 'center' as const }] : []),
    ],
    margin,
  };
}

/** First-line indent (1.27 cm) and the space after a paragraph (6 pt). */
export const INDENT = mm(12.7);

/** A justified body paragraph; `text` may be inline runs ([{ text, bold }]). */
export function paragraph(text: string | Content[], extra: { fontSize?: number; indent?: boolean } = {}): Content {
  return {
    text: text as string,
    alignment: 'justify',
    leadingIndent: extra.indent === false ? 0 : INDENT,
    fontSize: extra.fontSize ?? SIZE.body,
    margin: [0, 0, 0, 6],
  } as Content;
}

/** "Số tiền bằng chữ: Một triệu hai trăm năm mươi nghìn đồng." */
export function amountInWordsLine(vnd: number, label = 'Số tiền bằng chữ'): Content {
  return { text: [{ text: `${label}: ` }, { text: `${amountInWords(vnd)}.`, italics: true }], margin: [0, 4, 0, 4] };
}

// ---- signatures and recipients -------------------------------------------------------------------

export interface SignatureBlock {
  /** Capitals, bold: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'] or ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'] or ['NGƯỜI ỦY QUYỀN']. */
  titles: string[];
  /** Under the titles, italic: '(Ký, ghi rõ họ tên)' or '(Ký tên, đóng dấu)'. */
  hint?: string;
  /** The signer's name, bold and not in capitals; empty leaves the line blank. */
  name: string;
  /** Room for the signature (and seal), in points. */
  space?: number;
}

export const chairmanSignature = (office: OfficeNames, deputy = false): SignatureBlock => ({
  titles: deputy ? ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'] : ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'],
  hint: '(Ký tên, đóng dấu)',
  name: deputy ? office.deputyChairman : office.chairman,
});

const HINT_SIZE = 12;

/** The widest line of a block at `fontSize` (titles and name bold, the hint italic one point smaller). */
function blockWidth(block: SignatureBlock, fontSize: number): number {
  return Math.max(
    ...block.titles.map((t) => textWidth(upper(t), fontSize, { bold: true })),
    block.hint ? textWidth(block.hint, fontSize - 1, { italics: true }) : 0,
    block.name ? textWidth(block.name, fontSize, { bold: true }) : 0,
  );
}

/** Title lines never wrap ("TM. ỦY BAN NHÂN / DÂN" must not happen): one noWrap text per line. */
const titleLines = (block: SignatureBlock, fontSize: number): Content[] =>
  block.titles.map((t) => ({ text: upper(t), bold: true, fontSize, noWrap: true }));

export function signature(block: SignatureBlock): Content {
  return {
    stack: [
      ...titleLines(block, SIZE.body),
      ...(block.hint ? [{ text: block.hint, italics: true, fontSize: HINT_SIZE }] : []),
      { text: block.name || ' ', bold: true, fontSize: SIZE.body, margin: [0, block.space ?? 64, 0, 0] },
    ],
    alignment: 'center',
    unbreakable: true,
  } as Content;
}

/**
 * Signature blocks side by side (e.g. Người lập biểu · Kế toán · TM. ỦY BAN NHÂN DÂN), as a borderless table:
 * titles in one row, hints in the next, names in the last, so every signer's title starts on one line and
 * every name sits on one baseline whatever the number of title lines. Each column is as wide as its widest
 * line plus an equal share of the rest; when the widest lines do not fit side by side the type is made
 * smaller (down to 10 pt) rather than wrapped. `width` is the space the row has (the page's content width).
 */
export function signatureRow(
  blocks: Array<SignatureBlock | null>,
  margin: [number, number, number, number] = [0, 12, 0, 0],
  width: number = A4_PORTRAIT.contentWidth,
): Content {
  const gap = 8;
  const available = width - gap * blocks.length;
  let fontSize: number = SIZE.body;
  const natural = (size: number) => blocks.map((b) => (b ? blockWidth(b, size) : 0));
  while (fontSize > 10 && natural(fontSize).reduce((a, b) => a + b, 0) > available) fontSize -= 0.5;
  const widths = natural(fontSize);
  const share = Math.max(0, (available - widths.reduce((a, b) => a + b, 0)) / blocks.length);
  const space = Math.max(...blocks.map((b) => b?.space ?? 64));
  const cell = (content: Content | null): Content => (content ?? { text: '' }) as Content;
  const body = [
    blocks.map((b) => cell(b ? { stack: titleLines(b, fontSize) } : null)),
    blocks.map((b) => cell(b?.hint ? { text: b.hint, italics: true, fontSize: fontSize - 1 } : null)),
    blocks.map((b) => cell(b ? { text: b.name || ' ', bold: true, fontSize, margin: [0, space, 0, 0] } : null)),
  ];
  return {
    stack: [
      {
        table: { widths: widths.map((w) => Math.floor(w + share + gap - 0.5)), body, dontBreakRows: true },
        layout: BARE_LAYOUT,
        alignment: 'center',
      },
    ],
    margin,
    unbreakable: true,
  } as Content;
}

/** "Lưu: VT", "- Lưu VT." …: the office's own filing line among its recipients. */
const FILING_LINE = /^\s*[-–•]?\s*lưu\b\s*:?\s*/iu;
const recipientKey = (r: string) =>
  r
    .normalize('NFC')
    .replace(/^\s*[-–•]\s*/u, '')
    .replace(/[\s;.,]+$/u, '')
    .replace(/\s+/g, ' ')
    .toLocaleLowerCase('vi')
    .trim();

/**
 * "Nơi nhận:" (12 pt bold italic) and its list (11 pt), the last line "- Lưu: VT, …." once: a filing line
 * the office listed among its recipients ("Lưu: VT") is not printed twice (its own text, e.g. "VT, VX", is
 * kept as the filing), and a recipient listed twice is printed once.
 */
export function recipients(list: string[], filing = 'VT'): Content {
  const seen = new Set<string>();
  const lines: string[] = [];
  let filed = filing;
  for (const raw of list) {
    const key = recipientKey(raw);
    if (!key) continue;
    if (FILING_LINE.test(raw)) {
      const own = raw
        .replace(FILING_LINE, '')
        .replace(/[\s;.]+$/u, '')
        .trim();
      if (own) filed = own;
      continue;
    }
    if (seen.has(key)) continue;
    seen.add(key);
    lines.push(
      `- ${raw
        .normalize('NFC')
        .replace(/^\s*[-–•]\s*/u, '')
        .replace(/[\s;.]+$/u, '')
        .trim()};`,
    );
  }
  lines.push(`- Lưu: ${filed}.`);
  return {
    stack: [
      { text: 'Nơi nhận:', bold: true, italics: true, fontSize: SIZE.recipientsTitle },
      { text: lines.join('\n'), fontSize: SIZE.recipients },
    ],
  };
}

/** The closing row: recipients on the left, the signature on the right (as Decree 30 places them). */
export function closing(recipientList: string[] | null, block: SignatureBlock, page: PageSetup = A4_PORTRAIT): Content {
  const leftWidth = leftColumnWidth(page);
  return {
    columns: [
      { width: leftWidth, ...((recipientList ? recipients(recipientList) : { text: '' }) as object) },
      { width: page.contentWidth - leftWidth, ...(signature(block) as object) },
    ],
    columnGap: 0,
    margin: [0, 12, 0, 0],
    unbreakable: true,
  } as Content;
}

/**
 * The end of a document kept with the last rows of its table (see dataTable's `keep`): an unbreakable
 * stack, followed by the end mark, an invisible 1 pt no-break space. The mark follows the closing rather
 * than being part of it because pdfmake does not update the page of a node moved with an unbreakable
 * block: the mark is on the page where the closing ends, so "mark on the start's page" means the whole
 * closing is there.
 */
export function keptClosing(keep: string, content: Content[]): Content {
  return {
    stack: [
      { stack: content, unbreakable: true },
      { text: '\u00a0', fontSize: 1, lineHeight: 1, id: keepEndId(keep) },
    ],
  } as Content;
}

/**
 * A heading kept with the first row of the table under it: pdfmake has no "keep with next", so a heading
 * could end a page while its table starts on the next one. The heading carries a keep start mark and the
 * table's first data row the end mark (`name`, one per heading); when they fall on different pages the
 * page breaks before the heading (keepTogetherRule; the document needs documentDefinition's keepTogether).
 * The table's header is kept with that row by pdfmake's keepWithHeaderRows.
 */
export function keptHeading(text: string, table: ContentTable, name: string, margin: Margins): Content[] {
  const headerRows = table.table.headerRows ?? 0;
  const first = table.table.body[headerRows]?.[0] as Record<string, unknown> | undefined;
  if (!first) throw new Error(`PDF: the table under "${text}" has no row to keep its heading with`);
  if (first.id !== undefined) throw new Error(`PDF: the first row under "${text}" already carries a mark`);
  first.id = keepEndId(name);
  table.table.keepWithHeaderRows = 1;
  return [{ text, bold: true, margin, id: keepStartId(name) } as Content, table];
}

// ---- page numbers ----------------------------------------------------------------------------------

/** Page numbers centred at the top, from page 2 (none on page 1). Use as the document's `header`. */
export function pageNumbers(page: PageSetup = A4_PORTRAIT): NonNullable<TDocumentDefinitions['header']> {
  // Built by plain.ts so that the header can be sent to the PDF pool's threads as data.
  return pageNumberHeader({
    kind: 'pageNumbers',
    fontSize: SIZE.pageNumber,
    margin: [page.pageMargins[0], mm(9), page.pageMargins[2], 0],
  });
}

// ---- tables ------------------------------------------------------------------------------------------

export interface TableColumn<Row> {
  header: string;
  /** Points, '*' or 'auto'. */
  width: number | '*' | 'auto';
  align?: 'left' | 'center' | 'right';
  /** Never wrapped (amounts, ID numbers, codes): size the column with columnMinWidth so that it fits. */
  noWrap?: boolean;
  value: (row: Row, index: number) => string;
}

export interface DataTableOptions<Row> {
  columns: Array<TableColumn<Row>>;
  rows: readonly Row[];
  /** A row of column numbers (1), (2), … under the header, repeated with it. */
  numberRow?: boolean;
  /** Cells of a closing total row (bold), one per column; '' leaves a cell empty. */
  total?: string[];
  /** The total's first cell spans this many columns (its label, e.g. "Tổng cộng: 447 người", on one line). */
  totalSpan?: number;
  fontSize?: number;
  /** Least height of a data row's content, in points (room to sign: see the payout list). */
  rowHeight?: number;
  /**
   * Keep the last `rows` data rows (and the total) on the page of the closing marked with the same name
   * (keptClosing); the document needs documentDefinition's keepTogether.
   */
  keep?: { name: string; rows: number };
}

/** Cell padding and rule width of GRID_LAYOUT (plain.ts): what a column costs beyond its content width. */
export const GRID_CELL = { paddingX: 3, paddingY: 2, rule: 0.5 } as const;

/** The content width a table of `columns` columns has on a page `contentWidth` wide. */
export const tableContentWidth = (contentWidth: number, columns: number) =>
  contentWidth - columns * 2 * GRID_CELL.paddingX - (columns + 1) * GRID_CELL.rule;

/**
 * The least width of a column so that nothing in it breaks inside a word: its header's widest word (bold),
 * and for a noWrap column its widest value (measured bold, as a total row is), else its widest word.
 * Measured once per distinct shape: Tinos's digits share one width, so every 12-digit ID or amount of
 * the same grouping is one measurement (a 100,000-row list measures a few thousand strings, not a million).
 */
export function columnMinWidth(header: string, values: Iterable<string>, fontSize: number, noWrap = false): number {
  let widest = 0;
  for (const w of header.split(/\s+/)) widest = Math.max(widest, textWidth(w, fontSize, { bold: true }));
  const seen = new Set<string>();
  const measure = (text: string, bold: boolean) => {
    const shape = text.replace(/\d/g, '0');
    if (!shape || seen.has(shape)) return;
    seen.add(shape);
    widest = Math.max(widest, textWidth(shape, fontSize, { bold }));
  };
  for (const v of values) {
    if (!v) continue;
    if (noWrap) measure(v, true);
    else for (const w of v.split(/\s+/)) measure(w, false);
  }
  return Math.ceil(widest + 0.5);
}

/**
 * Shares `available` points between columns: each gets at least its `min`, the rest goes in proportion to
 * `weight` (a weight of 0 keeps a column at its minimum). Returns null when the minimums do not fit.
 */
export function shareWidths(
  columns: ReadonlyArray<{ min: number; weight: number }>,
  available: number,
): number[] | null {
  const widths = columns.map((c) => c.min);
  const rest = available - widths.reduce((a, b) => a + b, 0);
  if (rest < -0.01) return null;
  // Proportional shares, then the columns whose share is below their minimum stay at it and the rest is shared again.
  let open = columns.map((c, i) => (c.weight > 0 ? i : -1)).filter((i) => i >= 0);
  for (let round = 0; round < columns.length && open.length > 0; round++) {
    const pool = open.reduce((s, i) => s + widths[i]!, 0) + rest;
    const weights = open.reduce((s, i) => s + columns[i]!.weight, 0);
    const fixed = open.filter((i) => (pool * columns[i]!.weight) / weights < columns[i]!.min);
    if (fixed.length === 0) {
      for (const i of open) widths[i] = (pool * columns[i]!.weight) / weights;
      break;
    }
    open = open.filter((i) => !fixed.includes(i));
  }
  return widths.map((w) => Math.floor(w * 100) / 100);
}

/**
 * A bordered table whose header (and the column-number row) repeats on every page; a row never splits
 * across pages. For payout lists put it on A4_LANDSCAPE.
 */
export function dataTable<Row>(options: DataTableOptions<Row>): ContentTable {
  const { columns } = options;
  const fontSize = options.fontSize ?? SIZE.table;
  const header: TableCell[] = columns.map((c) => ({ text: c.header, bold: true, alignment: 'center' }));
  const body: TableCell[][] = [header];
  if (options.numberRow)
    body.push(
      columns.map((_c, i) => ({
        text: `(${i + 1})`,
        italics: true,
        alignment: 'center',
        fontSize: fontSize - 1,
        noWrap: true,
      })),
    );
  const headerRows = body.length;
  const cellOf = (text: string, c: TableColumn<Row> | undefined, extra: Record<string, unknown> = {}): TableCell =>
    ({ text, alignment: c?.align ?? 'left', ...(c?.noWrap ? { noWrap: true } : {}), ...extra }) as TableCell;
  options.rows.forEach((row, i) => body.push(columns.map((c) => cellOf(c.value(row, i), c))));
  if (options.total) {
    const span = Math.max(1, Math.min(options.totalSpan ?? 1, columns.length));
    body.push(
      options.total.map((t, i) => {
        if (i === 0 && span > 1) return cellOf(t, undefined, { bold: true, colSpan: span, noWrap: true });
        if (i > 0 && i < span) return { text: '' } as TableCell;
        return cellOf(t, columns[i], { bold: true });
      }),
    );
  }
  // The keep mark on the first cell of the first kept row (not the first data row: the header would be left alone).
  if (options.keep && options.rows.length > options.keep.rows) {
    const row = body[headerRows + options.rows.length - options.keep.rows]!;
    (row[0] as Record<string, unknown>).id = keepStartId(options.keep.name);
  }
  const heights = options.rowHeight
    ? body.map((_r, i) => (i >= headerRows && i < headerRows + options.rows.length ? options.rowHeight! : 'auto'))
    : undefined;
  return {
    table: {
      headerRows,
      dontBreakRows: true,
      widths: columns.map((c) => c.width),
      body,
      ...(heights ? { heights: heights as number[] } : {}),
    },
    // A named layout (plain.ts: 0.5 pt rules, 3/2 pt padding): data, so the table can go to the PDF pool.
    layout: GRID_LAYOUT,
    fontSize,
  };
}

// ---- a whole document ------------------------------------------------------------------------------

export interface DocumentOptions {
  page?: PageSetup;
  /** Page numbers at the top from page 2 (default true). */
  pageNumbers?: boolean;
  /** The PDF's title (document properties). */
  title: string;
  content: Content[];
  /** The content has keep-together marks (dataTable's `keep`, keptClosing): install the rule that honours them. */
  keepTogether?: boolean;
}

/** A document definition with the page setup, Tinos 13 pt, page numbers and the PDF's properties. */
export function documentDefinition(options: DocumentOptions): TDocumentDefinitions {
  const page = options.page ?? A4_PORTRAIT;
  return {
    pageSize: page.pageSize,
    pageOrientation: page.pageOrientation,
    pageMargins: page.pageMargins,
    ...(options.pageNumbers === false ? {} : { header: pageNumbers(page) }),
    ...(options.keepTogether ? { pageBreakBefore: keepTogetherRule(options.content) } : {}),
    info: { title: options.title, creator: 'Sổ An Sinh', producer: 'Sổ An Sinh' },
    content: options.content,
  };
}

export { renderPdf, textWidth, type RenderedPdf } from './render';
