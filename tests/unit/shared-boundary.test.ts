import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// shared/ runs in both the renderer and main, so it may import only itself and zod. Its tsconfig (no DOM,
// no Node types) catches globals such as `process` or `document`; this test catches imports, which a
// tsconfig cannot forbid (electron, react and node:fs all resolve from node_modules).

const SHARED = resolve(__dirname, '../../shared');
const ALLOWED_PACKAGES = new Set(['zod']);

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts|cts)$/.test(entry.name) ? [path] : [];
  });
}

/** Import specifiers of one file that break the boundary (static, dynamic, require, re-export). */
export function boundaryViolations(file: string, source: string): string[] {
  const info = ts.preProcessFile(source, true, true);
  const specifiers = info.importedFiles.map((f) => f.fileName);
  if (/\brequire\s*\(/.test(source)) specifiers.push('require()');
  return specifiers.filter((spec) => {
    if (spec.startsWith('.')) {
      const target = resolve(dirname(file), spec);
      return target !== SHARED && !target.startsWith(SHARED + sep);
    }
    return !ALLOWED_PACKAGES.has(spec);
  });
}

describe('shared/ stays runtime-neutral', () => {
  it('imports nothing but its own files and zod', () => {
    const files = sourceFiles(SHARED);
    expect(files.length).toBeGreaterThan(5);
    const problems = files.flatMap((file) =>
      boundaryViolations(file, readFileSync(file, 'utf8')).map((spec) => `${relative(SHARED, file)} → ${spec}`),
    );
    expect(problems).toEqual([]);
  });

  it('the check catches each kind of forbidden import', () => {
    const file = join(SHARED, 'domain', 'example.ts');
    const cases: Array<[string, string]> = [
      ["import { readFileSync } from 'node:fs';", 'node:fs'],
      ["import path from 'path';", 'path'],
      ["import { ipcRenderer } from 'electron';", 'electron'],
      ["import React from 'react';", 'react'],
      ["import Database from 'better-sqlite3';", 'better-sqlite3'],
      ["export { x } from '../../main/core';", '../../main/core'],
      ["const m = await import('node:os');", 'node:os'],
      ["const fs = require('fs');", 'require()'],
    ];
    for (const [source, expected] of cases) expect(boundaryViolations(file, source)).toContain(expected);
    expect(
      boundaryViolations(
        file,
        "import { z } from 'zod';\nimport { fold } from './text';\nimport t from '../reference/x.csv';",
      ),
    ).toEqual([]);
  });

  it('its tsconfig has no DOM and no Node types', () => {
    const config = ts.readConfigFile(join(SHARED, 'tsconfig.json'), ts.sys.readFile).config;
    expect(config.compilerOptions.types).toEqual([]);
    expect(config.compilerOptions.lib).toEqual(['ES2022']);
  });
});
