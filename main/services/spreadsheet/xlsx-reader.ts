import type ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { ApiError } from '@shared/api/errors';
import { LIMIT_MESSAGES, refuse, SpreadsheetRefused, type SpreadsheetLimits } from './limits';
import { guarded, newTotals, XmlGuard, type GuardTotals } from './xml-guard';

// Reads an xlsx in two stages, for both importers (run inside the parse worker, see worker.ts):
//
// 1. The zip's central directory (yauzl), before a single byte is inflated: entry count, each entry's and
//    the total uncompressed size, each large entry's compression ratio, encryption, duplicate names, and
//    that it is an OOXML workbook at all. A file that fails is refused with a Vietnamese message.
// 2. Only the parts needed (workbook.xml and its relationships, styles when dates matter, shared strings,
//    the sheets) are inflated by yauzl — which also stops an entry that inflates past the size its
//    directory declares — and each part's bytes pass an XmlGuard (rows, cells, text length, shared
//    strings, merges; stopped at the limit) before exceljs's streaming parsers turn them into rows.
//
// Entries are read from the central directory (never by walking local headers), in the workbook's own
// sheet order, so the order of entries inside the zip does not matter and exceljs never spills sheets to
// temporary files. exceljs 4.4.0's whole-file `load` is not used: it inflates everything first.

export interface SheetInfo {
  /** Position in the workbook (0-based, workbook.xml order). */
  index: number;
  name: string;
  /** 'visible' | 'hidden' | 'veryHidden' (undefined = visible). */
  state: string | undefined;
  /** The sheet's part in the zip. */
  path: string;
}

/** What a caller does with one sheet's rows; `end` gets the sheet's merged ranges (e.g. "A5:A6"). */
export interface SheetVisitor {
  row(row: ExcelJS.Row): void;
  end(mergeRefs: string[]): void;
}

export interface ReadXlsxOptions {
  limits: SpreadsheetLimits;
  /** Read styles.xml (needed to tell dates from numbers). */
  styles: boolean;
  /** Called for each sheet in workbook order, just before it is read; null skips it (not even inflated). */
  visit(sheet: SheetInfo): SheetVisitor | null;
  /** Bytes inflated so far of the parts to read, and their total. May throw to stop (Cancel). */
  onProgress?: (done: number, total: number) => void;
}

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
export const looksLikeZip = (bytes: Buffer): boolean => bytes.subarray(0, 4).equals(ZIP_SIGNATURE);

type Entry = yauzl.Entry;

function closeQuietly(zip: yauzl.ZipFile): void {
  try {
    zip.close();
  } catch {
    // already closed
  }
}

/** Stage 1: the central directory, checked. Throws SpreadsheetRefused. */
export async function inspectZip(
  bytes: Buffer,
  limits: SpreadsheetLimits,
): Promise<{ zip: yauzl.ZipFile; entries: Map<string, Entry> }> {
  if (bytes.length > limits.maxFileBytes) refuse(LIMIT_MESSAGES.fileTooBig(limits));
  let zip: yauzl.ZipFile;
  try {
    zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, z) =>
        err || !z ? reject(err) : resolve(z),
      ),
    );
  } catch {
    return refuse(LIMIT_MESSAGES.damaged());
  }
  if (zip.entryCount > limits.maxEntries) {
    closeQuietly(zip);
    refuse(LIMIT_MESSAGES.tooManyEntries(limits));
  }
  const entries = new Map<string, Entry>();
  let total = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: Entry) => {
        try {
          const name = entry.fileName.replace(/\\/g, '/');
          if (entries.has(name)) refuse(LIMIT_MESSAGES.damaged()); // two parts of one name: which one is read is ambiguous
          if (entry.isEncrypted()) refuse(LIMIT_MESSAGES.encrypted());
          if (entry.uncompressedSize > limits.maxEntryUncompressed) refuse(LIMIT_MESSAGES.entryTooBig(limits));
          total += entry.uncompressedSize;
          if (total > limits.maxTotalUncompressed) refuse(LIMIT_MESSAGES.tooMuchData(limits));
          if (
            entry.uncompressedSize > limits.ratioAbove &&
            entry.uncompressedSize > limits.maxRatio * Math.max(1, entry.compressedSize)
          )
            refuse(LIMIT_MESSAGES.ratio(limits));
          if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8 && !name.endsWith('/'))
            refuse(LIMIT_MESSAGES.damaged());
          entries.set(name, entry);
          zip.readEntry();
        } catch (e) {
          reject(e);
        }
      });
      zip.on('end', () => resolve());
      zip.on('error', reject);
      zip.readEntry();
    });
  } catch (e) {
    closeQuietly(zip);
    if (e instanceof SpreadsheetRefused) throw e;
    refuse(LIMIT_MESSAGES.damaged());
  }
  if (!entries.has('xl/workbook.xml') || !entries.has('[Content_Types].xml')) {
    closeQuietly(zip);
    if (entries.has('word/document.xml')) refuse(LIMIT_MESSAGES.wordFile());
    if (entries.has('content.xml') && entries.has('mimetype')) {
      refuse(
        'Đây là tệp LibreOffice/OpenOffice (.ods), chưa nhập trực tiếp được. Hãy mở tệp và lưu lại dạng «Excel 2007-365 (.xlsx)», rồi chọn lại tệp.',
      );
    }
    refuse(LIMIT_MESSAGES.notWorkbook());
  }
  return { zip, entries };
}

/** One entry's inflated bytes (yauzl checks them against the declared size as they come). */
async function* entryBytes(zip: yauzl.ZipFile, entry: Entry): AsyncGenerator<Buffer> {
  const stream = await new Promise<Readable>((resolve, reject) =>
    zip.openReadStream(entry, (err, s) => (err || !s ? reject(err) : resolve(s))),
  );
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (e) {
    if (e instanceof SpreadsheetRefused) throw e;
    // Wrong CRC, more or fewer bytes than declared, bad deflate data.
    refuse(LIMIT_MESSAGES.damaged());
  } finally {
    stream.destroy();
  }
}

/**
 * Holds back a chunk's trailing incomplete UTF-8 sequence and completes it with the first bytes of the
 * next chunk (a few bytes copied, never the whole chunk), so no chunk ends inside a letter: exceljs
 * 4.4.0's SAX wrapper decodes each chunk on its own and would turn a split letter into U+FFFD.
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

const sequenceLength = (lead: number): number => (lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1);

// exceljs's streaming parts, used one by one (its WorkbookReader.parse walks local headers in zip order).
type ReaderInternals = {
  sharedStrings?: unknown[];
  properties?: { model?: { date1904?: boolean } };
  workbookRels?: Array<{ Id: string; Target: string; Type: string }>;
  model?: { sheets?: Array<{ name: string; id: number; rId: string; state?: string }> };
  _parseRels(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void>;
  _parseStyles(entry: NodeJS.ReadableStream): Promise<void>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
};
// Only the two streaming readers are loaded (not all of exceljs): the worker starts faster.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const WorkbookReader = require('exceljs/lib/stream/xlsx/workbook-reader') as new (
  input: unknown,
  options: unknown,
) => ReaderInternals;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const WorksheetReader = require('exceljs/lib/stream/xlsx/worksheet-reader') as new (args: {
  workbook: unknown;
  id: number;
  iterator: AsyncIterable<Buffer | string>;
  options: unknown;
}) => AsyncIterable<ExcelJS.Row> & { name: string; state?: string };

// eslint-disable-next-line @typescript-eslint/no-require-imports
const excelUtils = require('exceljs/lib/utils/utils') as {
  isDateFmt(fmt: string | undefined): boolean;
  excelToDate(v: number, date1904: boolean): Date;
};

/**
 * exceljs's whole-file reader turned a formula's cached number into a Date when the cell has a date
 * format (=DATE(1950;1;2) shown as 02/01/1950); its streaming reader leaves the number. Same as before.
 */
function formulaResults(row: ExcelJS.Row, date1904: boolean, styles: boolean, typed: Map<string, 'b' | 'e'>): void {
  row.eachCell({ includeEmpty: false }, (cell) => {
    const v = cell.value as { formula?: string; result?: unknown } | null;
    // Also: a cached boolean (t="b") came back as 1/0 and an error (t="e") as NaN; the whole-file reader
    // gave true/false and the error (its text is not kept here: '#N/A' stands for any; it reads as empty).
    // Each reference is taken once, so the map holds only the rows the parser has not reached yet.
    let type: 'b' | 'e' | undefined;
    if (typed.size) {
      type = typed.get(cell.address);
      if (type) typed.delete(cell.address);
    }
    if (!v || typeof v !== 'object' || typeof v.formula !== 'string' || typeof v.result !== 'number') return;
    if (type === 'b') cell.value = { formula: v.formula, result: v.result !== 0 } as ExcelJS.CellValue;
    else if (type === 'e') cell.value = { formula: v.formula, result: { error: '#N/A' } } as ExcelJS.CellValue;
    else if (styles && excelUtils.isDateFmt(cell.numFmt))
      cell.value = { formula: v.formula, result: excelUtils.excelToDate(v.result, date1904) } as ExcelJS.CellValue;
  });
}

const WORKSHEET_REL = /\/worksheet$/;

/** The part a relationship target names, relative to xl/ unless absolute. */
function partPath(target: string): string {
  const t = target.replace(/\\/g, '/');
  if (t.startsWith('/')) return t.slice(1);
  const parts = `xl/${t}`.split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/** Stage 1 and 2: checks the zip, then reads the sheets the visitor asks for, in workbook order. */
export async function readXlsx(bytes: Buffer, options: ReadXlsxOptions): Promise<SheetInfo[]> {
  const { limits } = options;
  const { zip, entries } = await inspectZip(bytes, limits);
  const totals: GuardTotals = newTotals();
  let done = 0;
  let total = 0;
  const onBytes = (n: number) => {
    done += n;
    options.onProgress?.(done, total);
  };
  const part = (name: string, kind: 'sheet' | 'sharedStrings' | 'other', max: number) => {
    const entry = entries.get(name)!;
    if (entry.uncompressedSize > max) refuse(LIMIT_MESSAGES.entryTooBig(limits));
    const guard = new XmlGuard(limits, totals, kind);
    return { guard, bytes: utf8Aligned(guarded(entryBytes(zip, entry), guard, onBytes)) };
  };
  const stream = (it: AsyncIterable<Buffer | string>) => Readable.from(it, { objectMode: false });

  const reader = new WorkbookReader(null, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: options.styles ? 'cache' : 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  try {
    const relsName = 'xl/_rels/workbook.xml.rels';
    if (!entries.has(relsName)) refuse(LIMIT_MESSAGES.notWorkbook());
    await reader._parseWorkbook(stream(part('xl/workbook.xml', 'other', limits.maxSmallPart).bytes));
    await reader._parseRels(stream(part(relsName, 'other', limits.maxSmallPart).bytes));
    const rels = reader.workbookRels ?? [];
    const sheets: SheetInfo[] = [];
    for (const s of reader.model?.sheets ?? []) {
      const rel = rels.find((r) => r.Id === s.rId);
      if (!rel || !WORKSHEET_REL.test(rel.Type ?? '')) continue; // chart sheets and the like hold no rows
      const path = partPath(rel.Target);
      if (!entries.has(path)) continue;
      sheets.push({ index: sheets.length, name: s.name, state: s.state, path });
    }
    const sharedName =
      rels
        .filter((r) => /\/sharedStrings$/.test(r.Type ?? ''))
        .map((r) => partPath(r.Target))
        .find((p) => entries.has(p)) ?? (entries.has('xl/sharedStrings.xml') ? 'xl/sharedStrings.xml' : null);
    const stylesName = options.styles
      ? (rels
          .filter((r) => /\/styles$/.test(r.Type ?? ''))
          .map((r) => partPath(r.Target))
          .find((p) => entries.has(p)) ?? null)
      : null;
    // Progress counts every sheet; a sheet the visitor skips (asked just before it is read) is never inflated.
    total = [...sheets.map((sheet) => sheet.path), sharedName, stylesName].reduce(
      (n, p) => n + (p ? entries.get(p)!.uncompressedSize : 0),
      0,
    );
    options.onProgress?.(0, total);
    if (stylesName) await reader._parseStyles(stream(part(stylesName, 'other', limits.maxStylesPart).bytes));
    if (sharedName && sheets.length) {
      for await (const _ of reader._parseSharedStrings(
        stream(part(sharedName, 'sharedStrings', limits.maxEntryUncompressed).bytes),
      ))
        void _;
      // An empty shared string (<si><t/></si>) is '' in the file, as the whole-file reader had it, not "no value".
      const strings = reader.sharedStrings ?? [];
      for (let i = 0; i < strings.length; i++) if (strings[i] === null || strings[i] === undefined) strings[i] = '';
    }
    for (const sheet of sheets) {
      const visitor = options.visit(sheet);
      if (!visitor) continue;
      const { guard, bytes: sheetBytes } = part(sheet.path, 'sheet', limits.maxEntryUncompressed);
      const ws = new WorksheetReader({
        workbook: reader,
        id: sheet.index + 1,
        iterator: sheetBytes,
        options: { worksheets: 'emit', hyperlinks: 'ignore' },
      });
      const date1904 = Boolean(reader.properties?.model?.date1904);
      for await (const row of ws) {
        formulaResults(row, date1904, options.styles, guard.typedCells);
        visitor.row(row);
      }
      visitor.end(guard.mergeRefs);
    }
    return sheets;
  } catch (e) {
    // A refusal, or the visitor's own message: as is. exceljs's XML errors (malformed parts): damaged.
    if (e instanceof ApiError) throw e;
    return refuse(LIMIT_MESSAGES.damaged());
  } finally {
    closeQuietly(zip);
  }
}
