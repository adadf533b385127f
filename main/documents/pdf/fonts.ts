import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

// The printed documents' font: Tinos (metric-compatible with Times New Roman, full Vietnamese coverage,
// SIL OFL 1.1; resources/fonts/README.md). The files are read once per process and kept in memory.
//
// Where they are: in the packaged app electron-builder copies resources/fonts to <resources>/fonts
// (process.resourcesPath, set by Electron); in development, the harness, tests and the bench they are
// found by walking up from this code (dist/main/ or main/documents/pdf/) to the repository's resources/.
// SO_AN_SINH_FONTS overrides both.

export const FONT_FAMILY = 'Tinos';

export const FONT_FILES = {
  normal: 'Tinos-Regular.ttf',
  bold: 'Tinos-Bold.ttf',
  italics: 'Tinos-Italic.ttf',
  bolditalics: 'Tinos-BoldItalic.ttf',
} as const;

export type FontStyle = keyof typeof FONT_FILES;

export interface FontsDirOptions {
  env?: string | undefined;
  resourcesPath?: string | undefined;
  from: string;
}

const hasFonts = (dir: string) => existsSync(join(dir, FONT_FILES.normal));

/** The folder holding the Tinos files, or throws with the places looked at. */
export function findFontsDir(options: FontsDirOptions): string {
  const tried: string[] = [];
  const candidates: string[] = [];
  if (options.env) candidates.push(options.env);
  if (options.resourcesPath) candidates.push(join(options.resourcesPath, 'fonts'));
  for (let dir = options.from; ; dir = dirname(dir)) {
    candidates.push(join(dir, 'resources', 'fonts'));
    if (dirname(dir) === dir) break;
  }
  for (const dir of candidates) {
    if (hasFonts(dir)) return dir;
    tried.push(dir);
  }
  throw new Error(`Không tìm thấy phông chữ in ấn (${FONT_FILES.normal}); đã tìm ở: ${tried.join(', ')}`);
}

export function defaultFontsDir(): string {
  return findFontsDir({
    env: process.env.SO_AN_SINH_FONTS,
    resourcesPath: (process as { resourcesPath?: string }).resourcesPath,
    from: __dirname,
  });
}

let loaded: Record<FontStyle, Buffer> | undefined;

/** The four Tinos files' bytes, read once. */
export function fontBuffers(): Record<FontStyle, Buffer> {
  if (!loaded) {
    const dir = defaultFontsDir();
    loaded = {
      normal: readFileSync(join(dir, FONT_FILES.normal)),
      bold: readFileSync(join(dir, FONT_FILES.bold)),
      italics: readFileSync(join(dir, FONT_FILES.italics)),
      bolditalics: readFileSync(join(dir, FONT_FILES.bolditalics)),
    };
  }
  return loaded;
}
