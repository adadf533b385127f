import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../main/db/open';
import { qb, type Store } from '../main/db/store';
import { foldForSearch } from '../shared/domain/text';
import { insertSyntheticRegister } from './synthetic-register';

// `npm run bench`: figures on a synthetic register (default 100,000 people; BENCH_PEOPLE=N to change).
// Prints medians (and p95 where it matters). Benchmarks, not tests: nothing here fails on a number.

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'so-an-sinh-bench-'));
const rows: Array<[string, string]> = [];

function time(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function stats(samples: number[]): { median: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95) };
}

const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(1) : v.toFixed(3));
const report = (name: string, value: string) => {
  rows.push([name, value]);
  console.log(`${name.padEnd(58)} ${value}`);
};

let file = 0;
const fresh = (): Store => openDatabase(join(dir, `bench-${++file}.sqlite`), { appVersion: 'bench' }).store;

console.log(`Sổ An Sinh benchmarks — ${PEOPLE.toLocaleString('vi-VN')} people, Node ${process.version}\n`);

// 1. Open + migrate a new file, and reopen an existing one (quick_check runs on every open).
const openNew: number[] = [];
for (let i = 0; i < 7; i++) openNew.push(time(() => fresh().close()));
report('open + migrate a new file (median of 7)', `${ms(stats(openNew).median)} ms`);

// 2. Bulk insert of the register (prepared statement, one transaction), median of 3.
const inserts: number[] = [];
let store!: Store;
for (let i = 0; i < 3; i++) {
  const s = fresh();
  inserts.push(time(() => insertSyntheticRegister(s, PEOPLE)));
  if (i < 2) s.close();
  else store = s;
}
report(`bulk insert ${PEOPLE} people (median of 3)`, `${ms(stats(inserts).median)} ms`);

const path = store.sqlite.name;
store.close();
const reopen: number[] = [];
for (let i = 0; i < 5; i++) reopen.push(time(() => openDatabase(path, { appVersion: 'bench' }).store.close()));
report(`reopen the ${PEOPLE}-people file incl. quick_check (median of 5)`, `${ms(stats(reopen).median)} ms`);
store = openDatabase(path, { appVersion: 'bench' }).store;

// 3. Folded-name prefix search as the officer types: index range on search_key, first 50 in key order.
const typed = ['n', 'ng', 'nguyen', 'nguyen van', 'nguyen thi h', 'dang', 'tran thi huong', 'ho', 'le van on', 'vu'];
const search = (text: string) => {
  const prefix = foldForSearch(text);
  return store.all(
    qb
      .selectFrom('people')
      .select(['id', 'full_name', 'birth_year'])
      .where('search_key', '>=', prefix)
      .where('search_key', '<', `${prefix}\uffff`)
      .orderBy('search_key')
      .limit(50),
  );
};
for (const q of typed) if (search(q).length === 0) throw new Error(`no hit for "${q}"`);
const samples: number[] = [];
for (let round = 0; round < 50; round++) for (const q of typed) samples.push(time(() => search(q)));
const s = stats(samples);
report(`folded-name prefix search, ${samples.length} queries`, `median ${ms(s.median)} ms, p95 ${ms(s.p95)} ms`);

// For comparison: the same search with LIKE, which SQLite cannot serve from the index by default.
const likeSamples: number[] = [];
const like = store.sqlite.prepare("SELECT id, full_name, birth_year FROM people WHERE search_key LIKE ? || '%' ORDER BY search_key LIMIT 50");
for (let round = 0; round < 5; round++) for (const q of typed) likeSamples.push(time(() => like.all(foldForSearch(q))));
const l = stats(likeSamples);
report('  (same with LIKE, no index range, for comparison)', `median ${ms(l.median)} ms, p95 ${ms(l.p95)} ms`);

store.close();
rmSync(dir, { recursive: true, force: true });
console.log(`\n${rows.length} benchmarks done.`);
