// Rewrites relative imports of the project's shared/ (`../../../shared/api/contract`) to the `@shared/*`
// alias (`@shared/api/contract`) in main/, renderer/, tests/, bench/ and scripts/. Idempotent: an
// alias import is not relative, so a second run changes nothing; run it again after merging branches
// that still import shared/ relatively.
//
//   node scripts/codemod-shared-alias.mjs          rewrite, and list what changed
//   node scripts/codemod-shared-alias.mjs --check  change nothing; exit 1 if anything would change
//
// It rewrites every import form: `import … from`, `export … from`, side-effect `import '…'`, `import()`,
// `require()` and vitest's `vi.mock()` / `vi.importActual()` family. Only TypeScript sources (.ts, .tsx):
// plain .mjs/.js scripts run under Node, which knows no alias. shared/ itself keeps its relative imports
// (it is the package the alias names).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FOLDERS = ['main', 'renderer', 'tests', 'bench', 'scripts'];
const SKIP = new Set(['node_modules', 'dist', 'fixtures', '.cache']);
const SOURCE = /\.(ts|tsx|mts|cts)$/;
const SHARED = join(root, 'shared');

// The text before a module specifier in each import form, then the quoted relative specifier.
const SPECIFIER =
  /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*|\bvi\s*\.\s*(?:mock|doMock|unmock|doUnmock|importActual|importMock)\s*\(\s*)(['"])(\.{1,2}\/[^'"\n]*)\2/g;

function* sources(folder) {
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (SKIP.has(entry.name)) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) yield path;
  }
}

/** The alias for a relative specifier that points into shared/, else null. */
export function aliasFor(file, specifier) {
  const target = resolve(dirname(file), specifier);
  const inShared = relative(SHARED, target);
  if (!inShared || inShared.startsWith('..') || inShared.startsWith(sep) || /^[a-zA-Z]:/.test(inShared)) return null;
  return `@shared/${inShared.split(sep).join('/')}`;
}

export function rewrite(file, text) {
  let count = 0;
  const out = text.replace(SPECIFIER, (whole, before, quote, specifier) => {
    const alias = aliasFor(file, specifier);
    if (!alias) return whole;
    count++;
    return `${before}${quote}${alias}${quote}`;
  });
  return { text: out, count };
}

const check = process.argv.includes('--check');
let files = 0;
let imports = 0;
for (const folder of FOLDERS) {
  for (const file of sources(join(root, folder))) {
    const text = readFileSync(file, 'utf8');
    const result = rewrite(file, text);
    if (!result.count) continue;
    files++;
    imports += result.count;
    if (check) console.log(`would rewrite ${result.count} in ${relative(root, file)}`);
    else writeFileSync(file, result.text);
  }
}
console.log(`${check ? 'would rewrite' : 'rewrote'} ${imports} import(s) of shared/ in ${files} file(s)`);
if (check && imports > 0) process.exit(1);
