import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PORTABLE_MARKER, portableDataFolder } from '../../main/electron/data-folder';

// The portable build's data folder (README "Cài đặt ở phường"): %APPDATA% by default, du-lieu\ beside the
// executable when portable.txt is there. Real folders, with Vietnamese letters in their names.

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('portableDataFolder', () => {
  it('is undefined without the marker (the user-data folder is used)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'so-an-sinh-portable-'));
    dirs.push(dir);
    expect(portableDataFolder(join(dir, 'Sổ An Sinh.exe'))).toBeUndefined();
  });

  it('is du-lieu beside the executable when portable.txt is there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'so-an-sinh-portable-'));
    dirs.push(dir);
    const app = join(dir, 'Phần mềm', 'Sổ An Sinh 0.1.0');
    mkdirSync(app, { recursive: true });
    writeFileSync(join(app, PORTABLE_MARKER), 'Dữ liệu để cạnh chương trình');
    expect(portableDataFolder(join(app, 'Sổ An Sinh.exe'))).toBe(join(app, 'du-lieu'));
  });
});
