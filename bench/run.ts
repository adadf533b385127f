import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../main/db/migrate';
import { openDatabase } from '../main/db/open';
import { qb, Store } from '../main/db/store';
import { computeAmounts, loadReference, loadStates } from '../main/services/register/amounts';
import { personDetail } from '../main/services/register/person-detail';
import { ROWS_SQL } from '../main/services/register/queries/search';
import { planSearch, searchPeople } from '../main/services/register/search';
import { refreshSummary } from '../main/services/register/summary';
import type { SearchInput } from '@shared/api/register';
import { foldForSearch } from '@shared/domain/text';
import { insertSyntheticEntitlements, insertSyntheticRegister } from './synthetic-register';
import { syntheticWardWorkbook } from './synthetic-workbook';
import { benchCore, benchmarkCount, call, ms, row, section, stats, time, timeAsync, waitForJob } from './lib';
import { runAreaBenches } from './areas';
import type { ImportAnalysis } from '@shared/api/import';

// `npm run bench`: figures on a synthetic register (default 100,000 people; BENCH_PEOPLE=N to change).
// Prints medians (and p95 where it matters). Benchmarks, not tests: nothing here fails on a number.
// Whole run at 100,000 people: about 1 minute on a 2-core machine.

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100_000);
const MONTH = '2026-11';
const dir = mkdtempSync(join(tmpdir(), 'so-an-sinh-bench-'));
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

let file = 0;
const freshPath = () => join(dir, `bench-${++file}.sqlite`);
const fresh = (): Store => openDatabase(freshPath(), { appVersion: 'bench' }).store;

console.log(`Sổ An Sinh benchmarks — ${PEOPLE.toLocaleString('vi-VN')} people, Node ${process.version}`);

// ---- 1. Files ------------------------------------------------------------------------------------
section('Files and bulk writes');
const openNew: number[] = [];
for (let i = 0; i < 7; i++) openNew.push(time(() => fresh().close()));
row('open + migrate a new file (median of 7)', `${ms(stats(openNew).median)} ms`);

// Bulk insert of the people (prepared statement, one transaction), median of 3. Includes the search
// triggers of migration 004 (each inserted person also goes into two FTS5 indexes).
const inserts: number[] = [];
let store!: Store;
for (let i = 0; i < 3; i++) {
  const s = fresh();
  inserts.push(time(() => insertSyntheticRegister(s, PEOPLE)));
  if (i < 2) s.close();
  else store = s;
}
row(`bulk insert ${PEOPLE} people (median of 3)`, `${ms(stats(inserts).median)} ms`);

// The same insert under schema 3 (no search indexes), then migration 004 building them afterwards.
{
  const db = new Database(freshPath());
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  migrate(db, { appVersion: 'bench', target: 3 });
  row(
    '  same insert without the search indexes (schema 3)',
    `${ms(time(() => insertSyntheticRegister(new Store(db), PEOPLE)))} ms`,
  );
  row(
    '  then migration 004: build both indexes over them',
    `${ms(time(() => migrate(db, { appVersion: 'bench', target: 4 })))} ms`,
  );
  db.close();
}

const entitlementTime = time(() => insertSyntheticEntitlements(store));
const counts = (store.sqlite.prepare('SELECT COUNT(*) FROM entitlements').pluck().get() as number).toLocaleString(
  'vi-VN',
);
row(`BTXH entitlements + payout methods (${counts} entitlements)`, `${ms(entitlementTime)} ms`);

const path = store.sqlite.name;
store.close();
const reopen: number[] = [];
for (let i = 0; i < 5; i++) reopen.push(time(() => openDatabase(path, { appVersion: 'bench' }).store.close()));
row(`reopen the file incl. quick_check (median of 5)`, `${ms(stats(reopen).median)} ms`);
store = openDatabase(path, { appVersion: 'bench' }).store;

// ---- 2. Monthly state ---------------------------------------------------------------------------
section('Monthly state');
const refresh: number[] = [];
for (let i = 0; i < 3; i++) {
  gc();
  refresh.push(time(() => refreshSummary(store, MONTH)));
}
row(`refreshSummary for everyone (median of 3)`, `${ms(stats(refresh).median)} ms`);

const amounts: number[] = [];
let amountCount = 0;
for (let i = 0; i < 5; i++) {
  gc();
  amounts.push(
    time(() => (amountCount = computeAmounts(loadReference(store), loadStates(store, MONTH), MONTH).length)),
  );
}
row(
  `monthly amounts for everyone, loadStates + computeAmounts (median of 5)`,
  `${ms(stats(amounts).median)} ms (${amountCount.toLocaleString('vi-VN')} entitlements in ${MONTH})`,
);

const maxId = store.sqlite.prepare('SELECT MAX(id) FROM people').pluck().get() as number;
const detail: number[] = [];
for (let i = 1; i <= 300; i++) {
  const id = 1 + ((i * 7919) % maxId);
  detail.push(time(() => personDetail(store, id, MONTH)));
}
const d = stats(detail);
row('open a person page, personDetail (300 people)', `median ${ms(d.median)} ms, p95 ${ms(d.p95)} ms`);

// ---- 3. Search ----------------------------------------------------------------------------------
// Each query through the service (searchPeople: parse, plan, run, map rows) and, next to it, the same
// statements with the same parameters on bare better-sqlite3 prepared statements: the service's own cost.
section('Search as you type (service vs the same SQL on bare prepared statements)');
const someId = store.sqlite
  .prepare('SELECT citizen_id FROM people WHERE id = ?')
  .pluck()
  .get(Math.ceil(maxId / 3)) as string;
const somePhone = store.sqlite
  .prepare('SELECT phone FROM people WHERE id = ?')
  .pluck()
  .get(Math.ceil(maxId / 2)) as string;
const MIX: Array<[label: string, inputs: SearchInput[]]> = [
  [
    '1 word',
    ['n', 'ng', 'h', 'nguyen', 'huong', 'thi', 'on', 'dang', 'tr', 'hung', 'ngoc', 'yen'].map((text) => ({ text })),
  ],
  [
    '2 words',
    ['nguyen thi', 'tran van', 'le huong', 'ng th', 'van hung', 'pham lan', 'thi mai', 'ho ngoc'].map((text) => ({
      text,
    })),
  ],
  [
    '3 words',
    ['tran van hung', 'nguyen thi huong', 'le thi lan', 'dang ngoc an', 'vu duc son', 'ng th h'].map((text) => ({
      text,
    })),
  ],
  [
    'digits',
    [someId.slice(-4), somePhone.slice(-4), someId.slice(3, 9), '0912', somePhone.slice(2, 5), '12'].map((text) => ({
      text,
    })),
  ],
  [
    'with filters',
    [
      { text: '', status: 'active' },
      { text: '', neighbourhoodId: 3 },
      { text: '', status: 'suspended' },
      { text: 'nguyen', status: 'active' },
      { text: 'huong', method: 'POST_OFFICE' },
      { text: 'thi', programme: 'BTXH', neighbourhoodId: 5 },
      { text: 'n', groupCode: 'BTXH-5C', status: 'active' },
    ],
  ],
  [
    'next pages (offset 100, 400)',
    ['', 'n', 'nguyen', 'huong'].flatMap((text) => [
      { text, offset: 100 },
      { text, offset: 400 },
    ]),
  ],
];

/** The statements the service runs for an input, prepared on the bare connection. */
function bareRunner(input: SearchInput): () => void {
  const plan = planSearch(store, input);
  const prep = (sql: string) => store.sqlite.prepare(sql);
  const estimates = plan.estimates.map((e) => [prep(e.statement.sql).pluck(), e.statement.params] as const);
  const ids = prep(plan.ids.sql).pluck();
  const rows = prep(ROWS_SQL);
  return () => {
    for (const [statement, params] of estimates) statement.all(...params);
    let page = ids.all(...plan.ids.params) as number[];
    if (!plan.paged) page = page.slice(plan.offset, plan.offset + plan.limit);
    if (page.length) rows.all(JSON.stringify(page));
  };
}

const ROUNDS = 30;
const allService: number[] = [];
for (const [label, inputs] of MIX) {
  const service: number[] = [];
  const bare: number[] = [];
  const runners = inputs.map((input) => [input, bareRunner(input)] as const);
  for (const [input, runBare] of runners) {
    searchPeople(store, input); // warm the statement cache and the pages
    runBare();
  }
  gc();
  for (let round = 0; round < ROUNDS; round++) {
    for (const [input, runBare] of runners) {
      // Alternate which runs first: the second finds the query's pages warmer in the CPU caches.
      if (round % 2) bare.push(time(runBare));
      service.push(time(() => searchPeople(store, input)));
      if (!(round % 2)) bare.push(time(runBare));
    }
  }
  if (label !== 'next pages (offset 100, 400)' && label !== 'with filters') allService.push(...service);
  const s = stats(service);
  const b = stats(bare);
  row(
    `search, ${label} (${inputs.length} queries × ${ROUNDS})`,
    `median ${ms(s.median)} ms, p95 ${ms(s.p95)} ms | bare ${ms(b.median)} / ${ms(b.p95)} ms | ×${(s.median / b.median).toFixed(2)} / ×${(s.p95 / b.p95).toFixed(2)}`,
  );
}
const all = stats(allService);
row('search, all 1–3 word and digit queries above', `median ${ms(all.median)} ms, p95 ${ms(all.p95)} ms`);
const worst = MIX.flatMap(([, inputs]) => inputs)
  .map((input) => ({
    input,
    ms: stats(Array.from({ length: 9 }, () => time(() => searchPeople(store, input)))).median,
  }))
  .sort((a, b) => b.ms - a.ms)[0]!;
row(
  '  slowest query of the mix (median of 9)',
  `${ms(worst.ms)} ms ${JSON.stringify(worst.input)} (${planSearch(store, worst.input).strategy})`,
);

// For comparison with earlier runs: the folded-name range on search_key (whole-name prefix only), and LIKE.
const typed = ['n', 'ng', 'nguyen', 'nguyen van', 'nguyen thi h', 'dang', 'tran thi huong', 'ho', 'le van on', 'vu'];
const prefix = (text: string) => {
  const key = foldForSearch(text);
  return store.all(
    qb
      .selectFrom('people')
      .select(['id', 'full_name', 'birth_year'])
      .where('search_key', '>=', key)
      .where('search_key', '<', `${key}\uffff`)
      .orderBy('search_key')
      .limit(50),
  );
};
const prefixSamples: number[] = [];
for (let round = 0; round < 30; round++) for (const q of typed) prefixSamples.push(time(() => prefix(q)));
const p = stats(prefixSamples);
row(
  '  (for comparison: whole-name prefix range on search_key, first 50)',
  `median ${ms(p.median)} ms, p95 ${ms(p.p95)} ms`,
);
const like = store.sqlite.prepare(
  "SELECT id, full_name, birth_year FROM people WHERE search_key LIKE ? || '%' ORDER BY search_key LIMIT 50",
);
const likeSamples: number[] = [];
for (let round = 0; round < 5; round++) for (const q of typed) likeSamples.push(time(() => like.all(foldForSearch(q))));
const l = stats(likeSamples);
row('  (for comparison: the same with LIKE, no index range)', `median ${ms(l.median)} ms, p95 ${ms(l.p95)} ms`);

// The async part (exceljs): the bundle is CommonJS, so no top-level await.
async function asyncBenchmarks(): Promise<void> {
  // Export of the whole register to xlsx through the API (streaming writer), on the same file.
  section('Register export and Excel import');
  {
    const core = benchCore(path);
    let exported = 0;
    const exportMs = await timeAsync(async () => {
      const { jobId } = await call(core, 'register.export', { passphrase: 'mat-khau-do-hieu-nang' }); // encrypted, the default
      exported = (await waitForJob(core, jobId)).count;
    });
    row(`export the register to xlsx, encrypted (${exported.toLocaleString('vi-VN')} rows)`, `${ms(exportMs)} ms`);
    core.close();
  }

  // Import of a 10,000-row ward workbook into an empty register: analyze + preview + commit job.
  {
    const { buffer } = await syntheticWardWorkbook({ btxhRows: 9_200, nccRows: 800, seed: 7 });
    const core = benchCore(freshPath());
    let analysis!: ImportAnalysis;
    const analyzeMs = await timeAsync(async () => {
      analysis = await call(core, 'import.analyze', {
        fileName: 'so-10000.xlsx',
        contentBase64: buffer.toString('base64'),
      });
    });
    const previewMs = await timeAsync(() =>
      call(core, 'import.preview', {
        token: analysis.token,
        config: { ...analysis.config, authorizationTerm: { kind: 'default' } },
      }),
    );
    const commitMs = await timeAsync(async () => {
      const { jobId } = await call(core, 'import.commit', {
        token: analysis.token,
        config: { ...analysis.config, authorizationTerm: { kind: 'default' } },
      });
      await waitForJob(core, jobId);
    });
    row(`import 10,000 rows (${Math.round(buffer.length / 1024)} KB): analyze`, `${ms(analyzeMs)} ms`);
    row('  preview (every row checked)', `${ms(previewMs)} ms`);
    row('  commit job (one transaction)', `${ms(commitMs)} ms`);
    row('  total', `${ms(analyzeMs + previewMs + commitMs)} ms`);
    core.close();
  }

  await runAreaBenches({ registerPath: path, freshPath, people: PEOPLE, month: MONTH, dir });
}

asyncBenchmarks()
  .then(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
    console.log(`\n${benchmarkCount()} benchmarks done.`);
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
