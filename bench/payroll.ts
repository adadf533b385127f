import Database from 'better-sqlite3';
import type { BenchEnv } from './areas';
import { benchCore, call, ms, row, section, stats, timeAsync, time, waitForJob } from './lib';
import type { BuildResult, PayrollDifferences } from '../shared/api/payroll';

// The monthly payroll at full size (goal: build under 3 s for 100,000 people), through the API as the
// app runs it (job, plan, one audited transaction), next to one bare INSERT…SELECT writing the same rows
// (the floor SQLite sets for writing them). On a copy of the bench register, so other areas are unaffected.

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

export async function benchPayroll(env: BenchEnv): Promise<void> {
  section('Payroll (build, review, approve)');
  const path = env.freshPath();
  {
    const source = new Database(env.registerPath, { readonly: true });
    source.exec(`VACUUM INTO '${path.replace(/'/g, "''")}'`);
    source.close();
  }
  const core = benchCore(path, 'officer');
  const runs: number[] = [];
  const cpu: number[] = [];
  let result!: BuildResult;
  for (let i = 0; i < 3; i++) {
    const started = process.cpuUsage();
    runs.push(
      await timeAsync(async () => {
        const { jobId } = await call<{ jobId: string }>(core, 'payroll.build', { month: env.month });
        result = (await waitForJob(core, jobId)) as BuildResult;
      }),
    );
    cpu.push(cpuMs(process.cpuUsage(started)));
  }
  const lines = result.payrolls.reduce((s, p) => s + p.lineCount, 0);
  const build = stats(runs.slice(1)).median;
  row(`build the payroll, first time (${lines.toLocaleString('vi-VN')} lines)`, `${ms(runs[0]!)} ms`);
  row('rebuild the draft (replaces it; median of 2)', `${ms(build)} ms`);
  // On a shared, loaded machine wall time says little: the process's own CPU time says what it costs.
  row('  CPU time of the build (user + system; first, rebuilds)', `${cpu.map(ms).join(' / ')} ms`);

  // The bare floor: the same rows, copied by one INSERT…SELECT in one transaction (rolled back).
  const store = core.store!;
  const payrollId = result.payrolls[0]!.id;
  const columns = (store.sqlite.prepare('PRAGMA table_info(payroll_lines)').all() as Array<{ name: string }>).map((c) => c.name).filter((c) => c !== 'id' && c !== 'payroll_id');
  const bare: number[] = [];
  const bareCpu: number[] = [];
  for (let i = 0; i < 3; i++) {
    const db = store.sqlite;
    const started = process.cpuUsage();
    db.exec('BEGIN IMMEDIATE');
    const target = Number(db.prepare("INSERT INTO payrolls (month, programme_code, status, built_at) VALUES ('2099-01', 'BTXH', 'draft', 'x')").run().lastInsertRowid);
    bare.push(
      time(() =>
        db.prepare(`INSERT INTO payroll_lines (payroll_id, ${columns.join(', ')}) SELECT ?, ${columns.join(', ')} FROM payroll_lines WHERE payroll_id IN (${result.payrolls.map((p) => p.id).join(',')})`).run(target),
      ),
    );
    bareCpu.push(cpuMs(process.cpuUsage(started)));
    db.exec('ROLLBACK');
  }
  const floor = stats(bare).median;
  row('  bare INSERT…SELECT of the same rows (median of 3)', `${ms(floor)} ms`);
  row('  ratio build / bare (wall time)', `${(build / floor).toFixed(1)} ×`);
  row('  CPU time of the bare INSERT…SELECT; ratio of rebuild CPU / bare CPU', `${ms(stats(bareCpu).median)} ms; ${(stats(cpu.slice(1)).median / stats(bareCpu).median).toFixed(1)} ×`);

  const review = await timeAsync(() => call(core, 'payroll.review', { payrollId }));
  row('review totals (method, neighbourhood, kind)', `${ms(review)} ms`);
  const page = await timeAsync(() => call(core, 'payroll.lines', { payrollId, limit: 200 }));
  row('lines list, first page of 200', `${ms(page)} ms`);
  const search = await timeAsync(() => call(core, 'payroll.lines', { payrollId, text: 'nguyen thi', limit: 200 }));
  row('lines list, search "nguyen thi"', `${ms(search)} ms`);
  let diff!: PayrollDifferences;
  const differences = await timeAsync(async () => {
    diff = await call<PayrollDifferences>(core, 'payroll.differences', { payrollId });
  });
  row(`differences from last month (vs ${diff.previous.source}; ${diff.rows.length.toLocaleString('vi-VN')} rows)`, `${ms(differences)} ms`);
  core.close();
  const approver = benchCore(path, 'approver');
  const approve = await timeAsync(() => call(approver, 'payroll.approve', { payrollId }));
  row('approve (triggers check no item is in two approved payrolls)', `${ms(approve)} ms`);
  approver.close();
}
