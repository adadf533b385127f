import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

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
  return { pages: Number(field('Pages')), width: Number(size?.[1]), height: Number(size?.[2]), pageSizeText: sizeText, title: field('Title') };
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
    return { name: cols[0]!, type: cols.slice(1, n - 6).join(' '), embedded: cols[n - 5] === 'yes', subset: cols[n - 4] === 'yes' };
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
  const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', '-f', String(page), '-l', String(page), path, '-'], { encoding: 'utf8' });
  const words: PdfWord[] = [];
  for (const m of html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    words.push({ xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: m[5]! });
  }
  return words;
}
