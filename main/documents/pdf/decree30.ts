import type { Content, ContentTable, PageOrientation, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { OfficeSettings } from '../../../shared/api/settings';
import { formatPlaceDateVi, type IsoDate } from '../../../shared/domain/dates';
import { amountInWords } from '../../../shared/domain/money';
import { textWidth } from './render';
import { GRID_LAYOUT, pageNumberHeader } from './plain';

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
export const SIZE = { heading: 13, nationalName: 12, motto: 13, number: 13, placeDate: 13, title: 14, body: 13, recipientsTitle: 12, recipients: 11, table: 11, pageNumber: 13 } as const;

// ---- the office's names ------------------------------------------------------------------------

export interface OfficeNames {
  /** The parent body's line, in capitals (may be empty). */
  parent: string;
  /** The issuing body in capitals, in lines: ['ỦY BAN NHÂN DÂN', 'PHƯỜNG ĐỨC NGHĨA']. */
  issuing: string[];
  /** 'phường Đức Nghĩa' (for running text), or the unit name as written when it is not a People's Committee. */
  locality: string;
  /** 'Ủy ban nhân dân phường Đức Nghĩa'. */
  committee: string;
  /** 'ỦY BAN NHÂN DÂN PHƯỜNG ĐỨC NGHĨA' (certification headings). */
  committeeCaps: string;
  place: string;
  chairman: string;
  officer: string;
}

const upper = (s: string) => s.normalize('NFC').toLocaleUpperCase('vi');
const COMMITTEE_PREFIX = /^\s*(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+/iu;

/** The names printed on documents, from the office settings ("UBND phường Đức Nghĩa" → the lines above). */
export function officeNames(office: OfficeSettings): OfficeNames {
  const unit = office.unitName.normalize('NFC').trim();
  const isCommittee = COMMITTEE_PREFIX.test(unit) || unit === '';
  const locality = isCommittee ? unit.replace(COMMITTEE_PREFIX, '').trim() || 'phường ……' : unit;
  const committee = isCommittee ? `Ủy ban nhân dân ${locality}` : unit;
  return {
    parent: upper(office.parentBody.trim()),
    issuing: isCommittee ? ['ỦY BAN NHÂN DÂN', upper(locality)] : [upper(unit)],
    locality,
    committee,
    committeeCaps: upper(committee),
    place: office.placeName.trim(),
    chairman: office.chairmanName.trim(),
    officer: office.officerName.trim(),
  };
}

// ---- heading -------------------------------------------------------------------------------------

export const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/** A horizontal rule of `width`, centred in its column (pdfmake centres a canvas by its drawn width). */
export function centredRule(width: number, marginTop = 1): Content {
  return { canvas: [{ type: 'line', x1: 0, y1: 0, x2: width, y2: 0, lineWidth: 0.6 }], alignment: 'center', margin: [0, marginTop, 0, 0] } as Content;
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

/** Width of the issuing body's column (left), the rest goes to the national name and motto. */
const leftColumnWidth = (page: PageSetup) => Math.round(page.contentWidth * (page.pageOrientation === 'portrait' ? 0.4 : 0.38));

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
      { text: NATIONAL_NAME, bold: true, fontSize: SIZE.nationalName },
      { text: MOTTO, bold: true, fontSize: SIZE.motto },
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
  if (options.nationalOnly) return { stack: [national, ...(options.noPlaceDate ? [] : [{ ...placeDate, margin: [0, 10, 0, 0] }])] } as Content;

  const issuingWidth = Math.max(...office.issuing.map((l) => textWidth(l, SIZE.heading, { bold: true })));
  const left = {
    width: leftWidth,
    alignment: 'center',
    stack: [
      ...(office.parent ? [{ text: office.parent, fontSize: SIZE.heading }] : []),
      { text: office.issuing.join('\n'), bold: true, fontSize: SIZE.heading },
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
export function title(type: string, summary?: string, margin: [number, number, number, number] = [0, 18, 0, 12]): Content {
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
  name: deputy ? '' : office.chairman,
});

export function signature(block: SignatureBlock): Content {
  return {
    stack: [
      { text: block.titles.map(upper).join('\n'), bold: true, fontSize: SIZE.body },
      ...(block.hint ? [{ text: block.hint, italics: true, fontSize: 12 }] : []),
      { text: block.name || ' ', bold: true, fontSize: SIZE.body, margin: [0, block.space ?? 64, 0, 0] },
    ],
    alignment: 'center',
    unbreakable: true,
  } as Content;
}

/** Signature blocks side by side, in equal columns (e.g. the two persons of an authorization). */
export function signatureRow(blocks: Array<SignatureBlock | null>, margin: [number, number, number, number] = [0, 12, 0, 0]): Content {
  return { columns: blocks.map((b) => (b ? { width: '*', ...(signature(b) as object) } : { width: '*', text: '' })), columnGap: 10, margin, unbreakable: true } as Content;
}

/** "Nơi nhận:" (12 pt bold italic) and its list (11 pt), the last line "- Lưu: VT, …." */
export function recipients(list: string[], filing = 'VT'): Content {
  const lines = [...list.map((r) => `- ${r};`), `- Lưu: ${filing}.`];
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

// ---- page numbers ----------------------------------------------------------------------------------

/** Page numbers centred at the top, from page 2 (none on page 1). Use as the document's `header`. */
export function pageNumbers(page: PageSetup = A4_PORTRAIT): NonNullable<TDocumentDefinitions['header']> {
  // Built by plain.ts so that the header can be sent to the PDF pool's threads as data.
  return pageNumberHeader({ kind: 'pageNumbers', fontSize: SIZE.pageNumber, margin: [page.pageMargins[0], mm(9), page.pageMargins[2], 0] });
}

// ---- tables ------------------------------------------------------------------------------------------

export interface TableColumn<Row> {
  header: string;
  /** Points, '*' or 'auto'. */
  width: number | '*' | 'auto';
  align?: 'left' | 'center' | 'right';
  value: (row: Row, index: number) => string;
}

export interface DataTableOptions<Row> {
  columns: Array<TableColumn<Row>>;
  rows: readonly Row[];
  /** A row of column numbers (1), (2), … under the header, repeated with it. */
  numberRow?: boolean;
  /** Cells of a closing total row (bold), one per column; '' leaves a cell empty. */
  total?: string[];
  fontSize?: number;
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
  if (options.numberRow) body.push(columns.map((_c, i) => ({ text: `(${i + 1})`, italics: true, alignment: 'center', fontSize: fontSize - 1 })));
  options.rows.forEach((row, i) => body.push(columns.map((c) => ({ text: c.value(row, i), alignment: c.align ?? 'left' }))));
  if (options.total) body.push(options.total.map((t, i) => ({ text: t, bold: true, alignment: columns[i]?.align ?? 'left' })));
  return {
    table: { headerRows: options.numberRow ? 2 : 1, dontBreakRows: true, widths: columns.map((c) => c.width), body },
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
}

/** A document definition with the page setup, Tinos 13 pt, page numbers and the PDF's properties. */
export function documentDefinition(options: DocumentOptions): TDocumentDefinitions {
  const page = options.page ?? A4_PORTRAIT;
  return {
    pageSize: page.pageSize,
    pageOrientation: page.pageOrientation,
    pageMargins: page.pageMargins,
    ...(options.pageNumbers === false ? {} : { header: pageNumbers(page) }),
    info: { title: options.title, creator: 'Sổ An Sinh', producer: 'Sổ An Sinh' },
    content: options.content,
  };
}

export { renderPdf, textWidth, type RenderedPdf } from './render';
