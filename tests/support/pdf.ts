import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { inflateSync } from 'node:zlib';

// Reads a PDF the app produced back with poppler's real tools (pdftotext, pdfinfo, pdffonts).

export interface PdfInfo {
  pages: number;
  /** Page size in points of the first page, as pdfinfo reports it ("595.28 x 841.89 pts (A4)"). */
  width: number;
  height: number;
  pageSizeText: string;
  title: string;
}

/** Writes `bytes` to `dir/name` and returns the path (poppler reads files). */
export function savePdf(dir: string, name: string, bytes: Buffer | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  // To look at what a test produced: PDF_KEEP_DIR=/some/folder npx vitest run …
  if (process.env.PDF_KEEP_DIR) writeFileSync(join(process.env.PDF_KEEP_DIR, name), bytes);
  return path;
}

export function pdfText(path: string, options: { layout?: boolean; first?: number; last?: number } = {}): string {
  const args = ['-enc', 'UTF-8'];
  if (options.layout) args.push('-layout');
  if (options.first) args.push('-f', String(options.first));
  if (options.last) args.push('-l', String(options.last));
  return execFileSync('pdftotext', [...args, path, '-'], { encoding: 'utf8' });
}

/** pdfinfo's page count and size; `page` asks for one page's size (pdfinfo -f/-l). */
export function pdfInfo(path: string, page?: number): PdfInfo {
  const args = page ? ['-f', String(page), '-l', String(page), path] : [path];
  const out = execFileSync('pdfinfo', args, { encoding: 'utf8' });
  const field = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(out)?.[1]?.trim() ?? '';
  const sizeText = page ? field(`Page\\s+${page} size`) : field('Page size');
  const size = /([\d.]+) x ([\d.]+) pts/.exec(sizeText);
  return {
    pages: Number(field('Pages')),
    width: Number(size?.[1]),
    height: Number(size?.[2]),
    pageSizeText: sizeText,
    title: field('Title'),
  };
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
}

export function pdfFonts(path: string): PdfFont[] {
  const lines = execFileSync('pdffonts', [path], { encoding: 'utf8' }).trim().split('\n').slice(2);
  return lines.map((line) => {
    const cols = line.trim().split(/\s+/);
    // name type [type…] encoding emb sub uni object ID: the yes/no flags are the 3rd–5th from the end.
    const n = cols.length;
    return {
      name: cols[0]!,
      type: cols.slice(1, n - 6).join(' '),
      embedded: cols[n - 5] === 'yes',
      subset: cols[n - 4] === 'yes',
    };
  });
}

export interface PdfWord {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** The words of one page with their boxes in points from the top left (pdftotext -bbox). */
export function pdfWords(path: string, page: number): PdfWord[] {
  const html = execFileSync(
    'pdftotext',
    ['-bbox', '-enc', 'UTF-8', '-f', String(page), '-l', String(page), path, '-'],
    { encoding: 'utf8' },
  );
  const words: PdfWord[] = [];
  for (const m of html.matchAll(
    /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
  )) {
    words.push({ xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: m[5]! });
  }
  return words;
}

// ---- layout checks on what a reader sees (pdftotext -bbox, pdftoppm) ---------------------------------
// Shared by every test that checks a printed document's layout: the printable area, lines kept whole,
// numbers never split, a signature block never alone on its page, and a PNG render that is not blank.

export interface PdfPage {
  /** 1-based. */
  number: number;
  width: number;
  height: number;
  words: PdfWord[];
}

/** Every page's size and words in one pdftotext -bbox call (points from the top left). */
export function pdfPages(path: string): PdfPage[] {
  const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', path, '-'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const pages: PdfPage[] = [];
  for (const m of html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const words: PdfWord[] = [];
    for (const w of m[3]!.matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
    )) {
      words.push({
        xMin: Number(w[1]),
        yMin: Number(w[2]),
        xMax: Number(w[3]),
        yMax: Number(w[4]),
        text: unescapeXml(w[5]!),
      });
    }
    pages.push({ number: pages.length + 1, width: Number(m[1]), height: Number(m[2]), words });
  }
  return pages;
}

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

export const mmToPt = (v: number) => (v * 72) / 25.4;

/** Decree 30's margins as the app sets them (main/documents/pdf/decree30.ts): top 20, bottom 20, left 30, right 15 mm. */
export const DECREE30_MARGINS_MM = { top: 20, bottom: 20, left: 30, right: 15 } as const;

/**
 * The words outside the printable area. The page number (from page 2) sits in the top margin by design
 * (documents.md: centred at the top): it is left out. `tolerance` in points (glyph boxes overhang a little).
 */
export function wordsOutsideMargins(
  page: PdfPage,
  margins: { top: number; bottom: number; left: number; right: number } = DECREE30_MARGINS_MM,
  tolerance = 0.75,
): PdfWord[] {
  const [left, right, top, bottom] = [
    mmToPt(margins.left),
    page.width - mmToPt(margins.right),
    mmToPt(margins.top),
    page.height - mmToPt(margins.bottom),
  ];
  const isPageNumber = (w: PdfWord) => page.number > 1 && w.text === String(page.number) && w.yMax < top + tolerance;
  return page.words.filter(
    (w) =>
      !isPageNumber(w) &&
      (w.xMin < left - tolerance ||
        w.xMax > right + tolerance ||
        w.yMin < top - tolerance ||
        w.yMax > bottom + tolerance),
  );
}

export interface PdfLine {
  yMin: number;
  yMax: number;
  words: PdfWord[];
  text: string;
}

/** The page's words in lines (same baseline within 1.5 pt), left to right; lines top to bottom. */
export function pdfLines(words: readonly PdfWord[]): PdfLine[] {
  const sorted = [...words].sort((a, b) => a.yMax - b.yMax || a.xMin - b.xMin);
  const lines: PdfLine[] = [];
  for (const w of sorted) {
    const line = lines.find((l) => Math.abs(l.yMax - w.yMax) < 1.5);
    if (line) {
      line.words.push(w);
      line.yMin = Math.min(line.yMin, w.yMin);
    } else lines.push({ yMin: w.yMin, yMax: w.yMax, words: [w], text: '' });
  }
  for (const l of lines) {
    l.words.sort((a, b) => a.xMin - b.xMin);
    l.text = l.words.map((w) => w.text).join(' ');
  }
  return lines.sort((a, b) => a.yMax - b.yMax);
}

/**
 * Where `phrase` stands whole on one line of the page: its words in a row, on one baseline, no wider gap
 * between them than `maxGap` points (so two table cells that happen to share a line do not count).
 * Returns the words, or null when the phrase is not on one line (e.g. wrapped "PHAN / THIẾT").
 */
export function phraseOnOneLine(page: PdfPage, phrase: string, maxGap = 12): PdfWord[] | null {
  const want = phrase.normalize('NFC').split(/\s+/);
  for (const line of pdfLines(page.words)) {
    for (let i = 0; i + want.length <= line.words.length; i++) {
      const run = line.words.slice(i, i + want.length);
      if (
        run.every((w, k) => w.text === want[k]) &&
        run.every((w, k) => k === 0 || w.xMin - run[k - 1]!.xMax <= maxGap)
      )
        return run;
    }
  }
  return null;
}

/** The pages (1-based) on which `phrase` stands whole on one line. */
export function pagesWithPhrase(pages: readonly PdfPage[], phrase: string): number[] {
  return pages.filter((p) => phraseOnOneLine(p, phrase)).map((p) => p.number);
}

/**
 * Numbers broken across lines show up as words that are not well-formed Vietnamese amounts: "927.390.00"
 * above "0", or "927." above "390.000". Returns the words of digits and dots that end in a dot, or have two
 * dots or more without being d{1,3}(.ddd)+ (a row number such as "1.3" and a 12-digit ID are well formed).
 */
export function malformedNumbers(words: readonly PdfWord[]): PdfWord[] {
  return words.filter(
    (w) =>
      /^[\d.]+$/.test(w.text) &&
      (w.text.endsWith('.') || ((w.text.match(/\./g)?.length ?? 0) >= 2 && !/^\d{1,3}(\.\d{3})+$/.test(w.text))),
  );
}

/** Renders the PDF's pages to PNG (grayscale, `dpi`) in `dir`; returns the files in page order. */
export function renderPng(
  path: string,
  dir: string,
  options: { dpi?: number; first?: number; last?: number } = {},
): string[] {
  const prefix = join(dir, `${basename(path, '.pdf')}-png`);
  const args = ['-png', '-gray', '-r', String(options.dpi ?? 50)];
  if (options.first) args.push('-f', String(options.first));
  if (options.last) args.push('-l', String(options.last));
  execFileSync('pdftoppm', [...args, path, prefix]);
  return readdirSync(dir)
    .filter((f) => f.startsWith(basename(prefix)) && f.endsWith('.png'))
    .sort((a, b) => Number(/-(\d+)\.png$/.exec(a)?.[1]) - Number(/-(\d+)\.png$/.exec(b)?.[1]))
    .map((f) => join(dir, f));
}

export interface GrayImage {
  width: number;
  height: number;
  /** One byte per pixel, rows top to bottom (0 black … 255 white). */
  pixels: Uint8Array;
}

/** Decodes an 8-bit PNG from pdftoppm (grey, RGB or RGBA) to grey: chunks, inflate, the five row filters. */
export function decodeGrayPng(path: string): GrayImage {
  const png = readFileSync(path);
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error(`not a PNG: ${path}`);
  let at = 8;
  let width = 0;
  let height = 0;
  let bpp = 1;
  const idat: Buffer[] = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      bpp = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[data[9]!] ?? 0;
      if (data[8] !== 8 || !bpp || data[12] !== 0)
        throw new Error(`unsupported PNG (bit depth ${data[8]}, colour type ${data[9]}, interlace ${data[12]})`);
    } else if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const line = new Uint8Array(stride);
  const prev = new Uint8Array(stride);
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const start = y * (stride + 1);
    const filter = raw[start]!;
    for (let x = 0; x < stride; x++) {
      const v = raw[start + 1 + x]!;
      const a = x >= bpp ? line[x - bpp]! : 0;
      const b = prev[x]!;
      const c = x >= bpp ? prev[x - bpp]! : 0;
      let out: number;
      if (filter === 0) out = v;
      else if (filter === 1) out = v + a;
      else if (filter === 2) out = v + b;
      else if (filter === 3) out = v + ((a + b) >> 1);
      else {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        out = v + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      }
      line[x] = out & 0xff;
    }
    prev.set(line);
    for (let x = 0; x < width; x++) {
      const o = x * bpp;
      pixels[y * width + x] = bpp >= 3 ? Math.round((line[o]! + line[o + 1]! + line[o + 2]!) / 3) : line[o]!;
    }
  }
  return { width, height, pixels };
}

export interface PngInk {
  width: number;
  height: number;
  /** Share of pixels darker than mid-grey. */
  ink: number;
}

/** How much of a rendered page is ink (a blank page has none). */
export function pngInk(path: string): PngInk {
  const { width, height, pixels } = decodeGrayPng(path);
  let dark = 0;
  for (const v of pixels) if (v < 128) dark++;
  return { width, height, ink: dark / (width * height) };
}

/**
 * Table rules in a rendered page: 'vertical' gives the x (pixels) of the lines dark over at least 85% of
 * the rows from `from` to `to`; 'horizontal' the y of the lines dark over 85% of the columns from `from`
 * to `to`. Adjacent dark pixels are one rule (its middle). Text never covers 85% of a span; a rule does.
 */
export function ruleRuns(image: GrayImage, direction: 'vertical' | 'horizontal', from: number, to: number): number[] {
  const span = to - from;
  const length = direction === 'vertical' ? image.width : image.height;
  const hits: number[] = [];
  for (let k = 0; k < length; k++) {
    let dark = 0;
    for (let t = from; t < to; t++) {
      const v = direction === 'vertical' ? image.pixels[t * image.width + k]! : image.pixels[k * image.width + t]!;
      if (v < 160) dark++;
    }
    if (dark >= span * 0.85) hits.push(k);
  }
  const runs: number[][] = [];
  for (const k of hits) {
    const run = runs.at(-1);
    if (run && k - run.at(-1)! <= 1) run.push(k);
    else runs.push([k]);
  }
  return runs.map((r) => (r[0]! + r.at(-1)!) / 2);
}
