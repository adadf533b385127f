import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/**
 * Reads an xlsx the way an office would: LibreOffice (headless) converts every sheet to CSV (UTF-8,
 * comma-separated, text quoted). Returns one CSV text per sheet, in sheet order.
 */
export function xlsxToCsvSheets(xlsx: Buffer): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'so-an-sinh-lo-'));
  try {
    const file = join(dir, 'book.xlsx');
    writeFileSync(file, xlsx);
    // 44 = comma, 34 = double quote, 76 = UTF-8; the last field -1 = every sheet to its own file.
    execFileSync(
      'soffice',
      [
        '-env:UserInstallation=file://' + join(dir, 'profile'),
        '--headless',
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
        '--outdir',
        dir,
        file,
      ],
      {
        stdio: 'ignore',
        timeout: 120_000,
      },
    );
    return readdirSync(dir)
      .filter((f) => f.endsWith('.csv'))
      .sort()
      .map((f) => readFileSync(join(dir, f), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const sheetFileName = (path: string) => basename(path);
