// Removes explicit type arguments from the test helpers now typed by the contract: `core.ok<WriteResult>(`
// → `core.ok(`, `core.job<BuildResult>(` → `core.job(` (tests/), and the bench's `call<FilesPlan>(core,`
// → `call(core,` (bench/). The helpers infer input and result from the channel (tests/support/register.ts,
// bench/lib.ts). Idempotent; run it after merging tests written before, then `npm run typecheck` (a test
// input the contract now refuses shows there) and `npm run lint` (type imports left unused).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RULES = [
  { folder: 'tests', pattern: /\.(ok|job)</g, after: '(' },
  { folder: 'bench', pattern: /\b(call)</g, after: '(core' },
];

function* sources(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'fixtures') continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (/\.tsx?$/.test(entry.name)) yield path;
  }
}

/** The text with each `<…>` right after a helper's name removed when a call follows. */
function strip(text, pattern, after) {
  let out = '';
  let from = 0;
  let count = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index < from) continue;
    let end = match.index + match[0].length;
    for (let depth = 1; depth > 0 && end < text.length; end++) {
      if (text[end] === '<') depth++;
      else if (text[end] === '>' && text[end - 1] !== '=') depth--;
    }
    if (!text.startsWith(after, end)) continue;
    const name = match[0].slice(0, -1);
    out += text.slice(from, match.index) + name;
    from = end;
    count++;
  }
  return { text: out + text.slice(from), count };
}

let total = 0;
for (const { folder, pattern, after } of RULES) {
  for (const file of sources(join(root, folder))) {
    if (file.endsWith(join('bench', 'lib.ts'))) continue; // the helper's own declaration
    const text = readFileSync(file, 'utf8');
    const result = strip(text, pattern, after);
    if (!result.count) continue;
    writeFileSync(file, result.text);
    total += result.count;
    console.log(`${relative(root, file)}: ${result.count}`);
  }
}
console.log(`removed ${total} explicit type argument(s)`);
