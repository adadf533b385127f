import ExcelJS from 'exceljs';
import Database from 'better-sqlite3';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchEnv } from './areas';
import { benchCore, call, mib, ms, row, section, stats, timeAsync, waitForJob } from './lib';
import { isDeepStrictEqual } from 'node:util';
import type { ExportFilesResult, FilesPlan } from '@shared/api/payroll-files';
import { buildPlan } from '../main/services/payroll-files/export';
import { publicPlan } from '../main/services/payroll-files/plan';

// Files for the payer at full size: the bank batch xlsx of 100,000 account lines (goal < 5 s) next to bare
// exceljs writing the same rows, and the cash payout lists as PDF for every page of a 100,000-line cash
// payroll (time and memory peak). The payrolls are written by SQL into a copy of the bench register (an
// approved payroll per programme), so the figures do not depend on the payroll build's own speed.

const MONTH = '2030-01';
/**
 * Lines of the cash payroll whose lists are printed (all of them by default). pdfmake lays a 14-column
 * table out at ~1.6 ms of CPU a row (~30 ms a page): a few minutes at 100,000; BENCH_CASH_LINES=N to print fewer.
 */
const CASH_LINES = (people: number) => Math.min(people, Number(process.env.BENCH_CASH_LINES ?? people));

function insertPayroll(
  db: Database.Database,
  programme: string,
  method: 'OWN_ACCOUNT' | 'CASH_WARD',
  people: number,
): number {
  const id = Number(
    db
      .prepare(
        "INSERT INTO payrolls (month, programme_code, status, built_at, built_by) VALUES (?, ?, 'draft', '2029-12-20T00:00:00Z', 1)",
      )
      .run(MONTH, programme).lastInsertRowid,
  );
  const account = method === 'OWN_ACCOUNT';
  db.prepare(
    `INSERT INTO payroll_lines (payroll_id, person_id, kind, full_name, birth_text, citizen_id, neighbourhood_name, address, group_code,
       coefficient_milli, standard_vnd, amount_vnd, method, bank_code, account_number, holder_name)
     SELECT ?, p.id, 'regular', p.full_name, COALESCE(p.birth_date, ''), p.citizen_id, COALESCE(n.name, ''), p.address, 'BTXH-5A1',
            1500, 500000, 750000 + (p.id % 7) * 1000, ?, ${account ? "'AGRIBANK', printf('%013d', p.id), p.full_name" : 'NULL, NULL, NULL'}
       FROM people p LEFT JOIN neighbourhoods n ON n.id = p.neighbourhood_id ORDER BY p.id LIMIT ?`,
  ).run(id, method, people);
  // The service month each line pays (migration 007: an approval needs them).
  const component = programme === 'NCC' ? 'ncc' : 'allowance';
  db.prepare(
    `INSERT INTO payroll_line_months (line_id, payroll_id, person_id, component, service_month, amount_vnd)
     SELECT id, payroll_id, person_id, ?, ?, amount_vnd FROM payroll_lines WHERE payroll_id = ?`,
  ).run(component, MONTH, id);
  db.prepare(
    "UPDATE payrolls SET line_count = (SELECT COUNT(*) FROM payroll_lines WHERE payroll_id = @id), total_vnd = (SELECT SUM(amount_vnd) FROM payroll_lines WHERE payroll_id = @id), status = 'approved', approved_at = '2029-12-21T00:00:00Z', approved_by = 1 WHERE id = @id",
  ).run({ id });
  return id;
}

/** Bare exceljs: the same rows and columns, strings and numbers, no template, no formats. */
async function bareExcel(rows: Array<[number, string, string, string, string, number, string]>): Promise<number> {
  const chunks: Buffer[] = [];
  const { PassThrough } = await import('node:stream');
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => sink.on('end', resolve));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  const sheet = wb.addWorksheet('Chuyen khoan');
  sheet.addRow(['STT', 'Số tài khoản', 'Tên chủ tài khoản', 'Ngân hàng', 'Chi nhánh', 'Số tiền', 'Nội dung']).commit();
  for (const r of rows) sheet.addRow(r).commit();
  sheet.commit();
  await wb.commit();
  await ended;
  return Buffer.concat(chunks).length;
}

/** Peak RSS while `fn` runs, sampled every 25 ms. */
async function withPeak<T>(fn: () => Promise<T>): Promise<{ value: T; peak: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
  try {
    const value = await fn();
    return { value, peak: Math.max(peak, process.memoryUsage().rss) };
  } finally {
    clearInterval(timer);
  }
}

export async function benchPayrollFiles(env: BenchEnv): Promise<void> {
  section(`Files for the payer (${env.people.toLocaleString('en')} lines per payroll)`);
  const path = join(env.dir, 'payroll-files.sqlite');
  // A consistent copy through SQLite's online backup (the register may still be open elsewhere).
  const source = new Database(env.registerPath, { readonly: true });
  await source.backup(path);
  source.close();
  const core = benchCore(path, 'accountant');
  const db = core.store!.sqlite;
  const bankPayroll = insertPayroll(db, 'BTXH', 'OWN_ACCOUNT', env.people);
  const cashPayroll = insertPayroll(db, 'NCC', 'CASH_WARD', CASH_LINES(env.people));
  const out = join(env.dir, 'usb');
  mkdirSync(out, { recursive: true });

  // Bank batch xlsx: the export job end to end (read lines, template, write, fsync, read back).
  let plan!: FilesPlan;
  const planMs = await timeAsync(
    async () => (plan = await call(core, 'payrollFiles.plan', { payrollId: bankPayroll })),
  );
  const bank = plan.files.find((f) => f.kind === 'bank')!;
  const rows = db
    .prepare('SELECT id, account_number, holder_name, amount_vnd FROM payroll_lines WHERE payroll_id = ? ORDER BY id')
    .all(bankPayroll)
    .map((r, i) => {
      const l = r as { account_number: string; holder_name: string; amount_vnd: number };
      return [
        i + 1,
        l.account_number,
        l.holder_name,
        'Agribank',
        '',
        l.amount_vnd,
        `TRO CAP XH T01/2030 ${l.holder_name}`,
      ] as [number, string, string, string, string, number, string];
    });
  // The export and the bare writer taken in turns (on a shared machine the load drifts: a ratio of two
  // figures measured far apart says little).
  const bankTimes: number[] = [];
  const bankCpu: number[] = [];
  const bareTimes: number[] = [];
  const bareCpu: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 3; i++) {
    let c = process.cpuUsage();
    bankTimes.push(
      await timeAsync(async () => {
        const { jobId } = await call(core, 'payrollFiles.export', {
          payrollId: bankPayroll,
          files: [bank.key],
          folder: out,
        });
        const result = await waitForJob(core, jobId);
        if (result.destination === 'folder') bytes = result.files[0]!.bytes;
      }),
    );
    let u = process.cpuUsage(c);
    bankCpu.push((u.user + u.system) / 1000);
    c = process.cpuUsage();
    bareTimes.push(await timeAsync(() => bareExcel(rows)));
    u = process.cpuUsage(c);
    bareCpu.push((u.user + u.system) / 1000);
  }
  const b = stats(bankTimes).median;
  const bare = stats(bareTimes).median;
  row(
    `bank batch xlsx, ${bank.count.toLocaleString('en')} lines, export job to a folder (median of 3)`,
    `${ms(b)} ms, CPU ${ms(stats(bankCpu).median)} ms  (${mib(bytes)}; goal < 5000 ms)`,
  );
  row('  payrollFiles.plan of that payroll (the panel; first call)', `${ms(planMs)} ms`);
  row(
    '  bare exceljs streaming writer, same rows',
    `${ms(bare)} ms, CPU ${ms(stats(bareCpu).median)} ms  (ratio ${(b / bare).toFixed(2)}× wall, ${(stats(bankCpu).median / stats(bareCpu).median).toFixed(2)}× CPU)`,
  );

  // Cash payout lists PDF, one per neighbourhood, every page.
  const cashPlan = await call(core, 'payrollFiles.plan', { payrollId: cashPayroll });
  const cashKeys = cashPlan.files.filter((f) => f.kind === 'cash-pdf').map((f) => f.key);
  global.gc?.();
  const before = process.memoryUsage().rss;
  let result: ExportFilesResult | undefined;
  let pdfMs = 0;
  const cpu = process.cpuUsage();
  const { peak } = await withPeak(async () => {
    const t = await timeAsync(async () => {
      const { jobId } = await call(core, 'payrollFiles.export', {
        payrollId: cashPayroll,
        files: cashKeys,
        folder: out,
      });
      result = await waitForJob(core, jobId);
    });
    const used = process.cpuUsage(cpu);
    row(
      `cash payout lists PDF, ${cashKeys.length} files (neighbourhoods), ${cashPlan.payrollCount.toLocaleString('en')} people`,
      `${ms(t)} ms (CPU ${ms((used.user + used.system) / 1000)} ms)`,
    );
    pdfMs = t;
  });
  if (result?.destination === 'folder') {
    const pages = result.files.reduce(
      (s, f) => s + (readFileSync(f.path, 'latin1').match(/\/Type \/Page\b/g)?.length ?? 0),
      0,
    );
    row(
      '  pages, size, time per page',
      `${pages.toLocaleString('en')} pages, ${mib(result.files.reduce((s, f) => s + f.bytes, 0))}, ${ms(pdfMs / Math.max(pages, 1))} ms/page`,
    );
  }
  row('  memory peak (RSS) during the PDF export', `${mib(peak)} (+${mib(peak - before)} over the start)`);
  await benchPlanOfBuiltPayroll(env, core);
  core.close();
}

/**
 * payrollFiles.plan on the month's payroll as the build makes it from the bench register (several banks,
 * own and authorized accounts, cash, post office), approved by SQL: the panel's read, on the core's
 * thread, each time the files panel opens (plan-totals.ts: groups of alike lines), next to the per-line
 * plan the export makes (every line read and sorted by name; the panel's read before), which it must equal.
 * CPU ms, median of 7, per neighbourhood and for the ward.
 */
async function benchPlanOfBuiltPayroll(env: BenchEnv, core: ReturnType<typeof benchCore>): Promise<void> {
  const db = core.store!.sqlite;
  const { jobId } = await call(core, 'payroll.build', { month: env.month, programmes: ['BTXH'] });
  const payrollId = (await waitForJob(core, jobId)).payrolls[0]!.id;
  db.prepare("UPDATE payrolls SET status = 'approved', approved_at = '2026-11-20T00:00:00Z' WHERE id = ?").run(
    payrollId,
  );
  const cpuOf = async (fn: () => Promise<FilesPlan>): Promise<{ plan: FilesPlan; wall: number; cpu: number }> => {
    const cpu: number[] = [];
    const wall: number[] = [];
    let plan!: FilesPlan;
    for (let i = 0; i < 7; i++) {
      global.gc?.();
      const c = process.cpuUsage();
      wall.push(await timeAsync(async () => (plan = await fn())));
      const u = process.cpuUsage(c);
      cpu.push((u.user + u.system) / 1000);
    }
    return { plan, wall: stats(wall).median, cpu: stats(cpu).median };
  };
  for (const listsBy of ['neighbourhood', 'ward'] as const) {
    const shown = await cpuOf(() => call(core, 'payrollFiles.plan', { payrollId, listsBy }));
    const perLine = await cpuOf(async () =>
      publicPlan(buildPlan({ store: core.store! }, { payrollId, allProgrammes: false, listsBy }).plan),
    );
    if (!isDeepStrictEqual(shown.plan, perLine.plan))
      throw new Error(`payrollFiles.plan (${listsBy}) differs from the files' plan`);
    row(
      `payrollFiles.plan, built payroll of ${shown.plan.payrollCount.toLocaleString('en')} lines, lists by ${listsBy} (median of 7)`,
      `${ms(shown.wall)} ms, CPU ${ms(shown.cpu)} ms  (${shown.plan.files.length} files)`,
    );
    row(
      '  the per-line plan of the export (every line read, sorted), the same plan',
      `${ms(perLine.wall)} ms, CPU ${ms(perLine.cpu)} ms`,
    );
  }
}
