import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ApiResult } from '@shared/api/errors';
import type { FilesPlan } from '@shared/api/payroll-files';
import { openDatabase } from '../main/db/open';
import { CoreHost } from '../main/core-host';
import { hashPassword } from '../main/services/auth/passwords';
import type { BenchEnv } from './areas';
import { ms, row, section } from './lib';
import { insertSyntheticEntitlements, insertSyntheticRegister } from './synthetic-register';

// Responsiveness of the core while long work runs (issue 13): search-as-you-type latency (people.search,
// one call after another as a user types, 20 ms apart) measured on an idle core, then while a payroll
// builds, while a long cash list renders to PDF, and while a batch of authorization forms renders, each
// started as the app starts it (a job) and followed as the renderer follows it (jobs.get every 250 ms).
// Used by bench/run.ts (the core in its worker, 100,000 people, `runResponsivenessBench`) and by
// tests/e2e/responsiveness.test.ts (the harness over HTTP, a small register).

export type CoreCall = (channel: string, input: unknown) => Promise<ApiResult<unknown>>;

/** Search terms as typed, key by key ("n", "ng", "ngu", …), over three names. */
export const TYPED: string[] = ['nguyen van', 'tran thi h', 'dang van o'].flatMap((name) =>
  Array.from(name, (_c, i) => name.slice(0, i + 1)).filter((t) => !t.endsWith(' ')),
);

/** The month of the seeded approved cash payroll (far from the current month, which the build uses). */
export const CASH_MONTH = '2030-01';

export interface SeedOptions {
  people: number;
  /** Lines of an approved cash payroll (about 19 lines a landscape page: 38,000 ≈ 2,000 pages). */
  cashLines: number;
  /** Pending authorizations (one form each) for forms.pendingAuthorizations. */
  forms: number;
}

/** A register file with people and entitlements (payroll build), an approved cash payroll and pending authorizations. */
export function seedResponsivenessRegister(path: string, options: SeedOptions): void {
  const { store } = openDatabase(path, { appVersion: 'bench' });
  insertSyntheticRegister(store, options.people);
  insertSyntheticEntitlements(store);
  store.close();
  addCashPayrollAndForms(path, options);
}

/** Adds to a register file an approved cash payroll (CASH_MONTH) and pending authorizations. */
export function addCashPayrollAndForms(path: string, options: Omit<SeedOptions, 'people'>): void {
  const db = new Database(path);
  try {
    const payroll = Number(
      db
        .prepare(
          "INSERT INTO payrolls (month, programme_code, status, built_at, built_by) VALUES (?, 'NCC', 'draft', '2029-12-20T00:00:00Z', 1)",
        )
        .run(CASH_MONTH).lastInsertRowid,
    );
    db.prepare(
      `INSERT INTO payroll_lines (payroll_id, person_id, kind, full_name, birth_text, citizen_id, neighbourhood_name, address, group_code,
         coefficient_milli, standard_vnd, amount_vnd, method)
       SELECT ?, p.id, 'regular', p.full_name, COALESCE(p.birth_date, ''), p.citizen_id, COALESCE(n.name, ''), p.address, 'BTXH-5A1',
              1500, 500000, 750000 + (p.id % 7) * 1000, 'CASH_WARD'
         FROM people p LEFT JOIN neighbourhoods n ON n.id = p.neighbourhood_id ORDER BY p.id LIMIT ?`,
    ).run(payroll, options.cashLines);
    db.prepare(
      "UPDATE payrolls SET line_count = (SELECT COUNT(*) FROM payroll_lines WHERE payroll_id = @id), total_vnd = (SELECT SUM(amount_vnd) FROM payroll_lines WHERE payroll_id = @id), status = 'approved', approved_at = '2029-12-21T00:00:00Z', approved_by = 1 WHERE id = @id",
    ).run({ id: payroll });

    const now = new Date();
    const day = (d: Date) =>
      `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const from = day(now);
    const to = day(new Date(now.getFullYear() + 1, now.getMonth(), now.getDate() - 1));
    const givers = db
      .prepare(
        'SELECT DISTINCT e.person_id FROM entitlements e JOIN people p ON p.id = e.person_id WHERE p.death_date IS NULL AND e.end_month IS NULL ORDER BY e.person_id LIMIT ?',
      )
      .pluck()
      .all(options.forms) as number[];
    const receivers = db
      .prepare('SELECT id FROM people WHERE id > ? ORDER BY id LIMIT ?')
      .pluck()
      .all(givers.at(-1) ?? 0, options.forms) as number[];
    const account = db.prepare(
      `INSERT INTO bank_accounts (owner_person_id, bank_code, branch, account_number, holder_name, created_at)
       SELECT id, 'AGRIBANK', 'Chi nhánh Phan Thiết', ?, full_name, ? FROM people WHERE id = ?`,
    );
    const authorization = db.prepare(
      `INSERT INTO authorizations (giver_person_id, receiver_person_id, relationship, bank_account_id, valid_from, valid_to, created_at)
       VALUES (?, ?, 'Con', ?, ?, ?, ?)`,
    );
    db.transaction(() => {
      givers.forEach((giver, i) => {
        const receiver = receivers[i % receivers.length]!;
        const accountId = account.run(
          `46002${String(i).padStart(8, '0')}`,
          now.toISOString(),
          receiver,
        ).lastInsertRowid;
        authorization.run(giver, receiver, accountId, from, to, now.toISOString());
      });
    })();
  } finally {
    db.close();
  }
}

export interface Latencies {
  samples: number[];
  median: number;
  p95: number;
  max: number;
}

export function latencies(samples: number[]): Latencies {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { samples, median: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? 0 };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function value<T>(call: CoreCall, channel: string, input: unknown): Promise<T> {
  const r = await call(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

/** A background job: how to start it (returns its id). */
export type JobStarter = (call: CoreCall) => Promise<string>;

export const payrollBuild =
  (month: string): JobStarter =>
  async (call) =>
    (await value<{ jobId: string }>(call, 'payroll.build', { month })).jobId;

/** The approved cash payroll's lists, every neighbourhood, as PDF into `folder`. */
export const cashListPdf =
  (folder: string): JobStarter =>
  async (call) => {
    mkdirSync(folder, { recursive: true });
    const payrolls = await value<Array<{ id: number; status: string }>>(call, 'payroll.list', { month: CASH_MONTH });
    const payrollId = payrolls.find((p) => p.status === 'approved')!.id;
    const plan = await value<FilesPlan>(call, 'payrollFiles.plan', { payrollId });
    const files = plan.files.filter((f) => f.kind === 'cash-pdf').map((f) => f.key);
    return (await value<{ jobId: string }>(call, 'payrollFiles.export', { payrollId, files, folder })).jobId;
  };

export const pendingForms: JobStarter = async (call) =>
  (await value<{ jobId: string }>(call, 'forms.pendingAuthorizations', {})).jobId;

export interface Measured extends Latencies {
  /** Wall time of the background work (0 when idle). */
  jobMs: number;
  /** The jobs' end states ('done' expected). */
  states: string[];
}

/**
 * Types search terms one after another (each awaited, 20 ms apart) until every background job has ended
 * (and at least `minSamples` searches were made); returns the search latencies.
 */
export async function searchWhile(call: CoreCall, jobs: JobStarter[], minSamples = 30): Promise<Measured> {
  const started = performance.now();
  const ids = await Promise.all(jobs.map((start) => start(call)));
  const states: string[] = [];
  let running = ids.length;
  let jobMs = 0;
  for (const jobId of ids) {
    void (async () => {
      for (;;) {
        const s = await value<{ state: string; error?: { message: string } }>(call, 'jobs.get', { jobId });
        if (s.state !== 'running') {
          states.push(s.state === 'failed' ? `failed: ${s.error?.message}` : s.state);
          running--;
          jobMs = performance.now() - started;
          return;
        }
        await pause(250);
      }
    })();
  }
  const samples: number[] = [];
  for (let i = 0; running > 0 || samples.length < minSamples; i++) {
    const t = performance.now();
    await value(call, 'people.search', { text: TYPED[i % TYPED.length], limit: 50 });
    samples.push(performance.now() - t);
    await pause(20);
  }
  return { ...latencies(samples), jobMs, states };
}

/** The bench's figures, at 100,000 people by default, with the core in its worker (as the app runs). */
export async function runResponsivenessBench(env: BenchEnv): Promise<void> {
  const workerFile = join(__dirname, 'core-worker.js');
  const pdfWorkerFile = join(__dirname, 'pdf-worker.js');
  const forms = Number(process.env.BENCH_RESPONSIVE_FORMS ?? 1000);
  const cashLines = Math.min(env.people, Number(process.env.BENCH_RESPONSIVE_CASH_LINES ?? 38_000));
  section(
    `Responsiveness: search as you type while long work runs (core in its worker, ${env.people.toLocaleString('en')} people)`,
  );
  if (!existsSync(workerFile)) {
    row('(skipped: run from dist/main/bench.js, next to core-worker.js)', '');
    return;
  }
  const path = join(env.dir, 'responsiveness.sqlite');
  {
    const source = new Database(env.registerPath, { readonly: true });
    source.exec(`VACUUM INTO '${path.replace(/'/g, "''")}'`);
    source.close();
  }
  addCashPayrollAndForms(path, { cashLines, forms });
  // An officer who signs in with a password (the bench register's test users have none that works).
  {
    const db = new Database(path);
    db.prepare(
      "INSERT INTO users (username, full_name, role, password_hash, created_at) VALUES ('bench.officer', 'Cán bộ đo', 'officer', ?, '2026-01-01T00:00:00Z')",
    ).run(await hashPassword('Canbo@2025'));
    db.close();
  }
  const host = new CoreHost({
    workerFile,
    pdfWorkerFile,
    core: { dbPath: path, appVersion: 'bench', shell: 'browser-harness', idleMsOverride: 24 * 3_600_000 },
  });
  try {
    await host.ready();
    const officer: CoreCall = (channel, input) => host.call(channel, input, 'bench-officer');
    await value(officer, 'auth.login', { username: 'bench.officer', password: 'Canbo@2025' });
    const now = new Date();
    const month = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;

    // Idle before and after the work (the machine's own load drifts over minutes); the goal is checked
    // against the lower of the two.
    const idle = await searchWhile(officer, [], 200);
    const during: Array<[string, Measured]> = [
      [
        `  while the payroll builds (${env.people.toLocaleString('en')} people)`,
        await searchWhile(officer, [payrollBuild(month)]),
      ],
      [
        `  while the cash list renders (${cashLines.toLocaleString('en')} lines ≈ ${Math.round(cashLines / 19).toLocaleString('en')} pages)`,
        await searchWhile(officer, [cashListPdf(join(env.dir, 'responsive-usb'))]),
      ],
      [`  while ${forms.toLocaleString('en')} authorization forms render`, await searchWhile(officer, [pendingForms])],
    ];
    const idleAfter = await searchWhile(officer, [], 200);
    const base = Math.min(idle.p95, idleAfter.p95);
    const show = (name: string, m: Measured, goal: boolean) =>
      row(
        name,
        `p95 ${ms(m.p95)} ms, median ${ms(m.median)} ms, max ${ms(m.max)} ms (${m.samples.length} searches${m.jobMs ? `; work ${ms(m.jobMs)} ms, ${m.states.join(', ')}` : ''})` +
          (goal ? `  ${m.p95 <= 2 * base && m.p95 < 50 ? 'GOAL MET' : 'over goal (≤ 2× idle and < 50 ms)'}` : ''),
      );
    show('search p95, idle core (before the work)', idle, false);
    for (const [name, m] of during) show(name, m, true);
    show('search p95, idle core (after the work)', idleAfter, false);
    row(
      '  load average (1, 5, 15 min) at the end',
      loadavg()
        .map((l) => l.toFixed(2))
        .join(', '),
    );
  } finally {
    await host.close();
  }
}
