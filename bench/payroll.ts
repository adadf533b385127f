import Database from 'better-sqlite3';
import type { BenchEnv } from './areas';
import { benchCore, call, ms, row, section, stats, timeAsync, waitForJob } from './lib';
import { bareLinesCopy, bareRowsCopy, bareRowsCopyCold, renamePaidPeople } from './bare-floor';
import type { BuildResult, PayrollDifferences, PayrollView } from '@shared/api/payroll';
import { addMonths, monthRange } from '@shared/domain/dates';
import type { ProgrammeCode } from '@shared/api/register';

// The monthly payroll at full size (goal: build under 3 s for 100,000 people), through the API as the
// app runs it (job, plan, one audited transaction), next to one bare INSERT…SELECT writing the same rows
// (the floor SQLite sets for writing them). On a copy of the bench register, so other areas are unaffected,
// with 24 months of approved payrolls behind it and late changes for the ledger to settle.

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
const HISTORY_MONTHS = 24;

/**
 * The ledger's paid side as a ward has it after two years: one approved payroll per month for the 24
 * months before the bench month (the lines of a real build, copied set-wise with their service-month
 * rows), entitlements entered in their start month, then late changes the next build must settle:
 * 500 back-dated group changes, 300 deaths recorded late, 200 grants entered late.
 */
export async function addApprovedHistory(path: string, month: string, months: number): Promise<void> {
  const core = benchCore(path, 'officer');
  const db = core.store!.sqlite;
  db.prepare("UPDATE entitlements SET created_at = start_month || '-01T00:00:00.000Z'").run();
  const first = addMonths(month, -months);
  const { jobId } = await call(core, 'payroll.build', { month: first, programmes: ['BTXH'] });
  const template = (await waitForJob(core, jobId)).payrolls[0]!.id;
  const columns = (db.prepare('PRAGMA table_info(payroll_lines)').all() as Array<{ name: string }>)
    .map((c) => c.name)
    .filter((c) => c !== 'id' && c !== 'payroll_id');
  const seq = (db.prepare('SELECT COALESCE(MAX(seq), 0) AS s FROM ledger_marks').get() as { s: number }).s;
  // For the copy only: find a copied line by its number (dropped before anything is measured).
  db.exec('CREATE INDEX bench_lines_no ON payroll_lines(payroll_id, line_no)');
  for (const m of monthRange(first, addMonths(month, -1))) {
    db.transaction(() => {
      const id =
        m === first
          ? template
          : Number(
              db
                .prepare(
                  "INSERT INTO payrolls (month, programme_code, status, built_at) VALUES (?, 'BTXH', 'draft', ?)",
                )
                .run(m, `${m}-05T00:00:00Z`).lastInsertRowid,
            );
      if (id !== template) {
        // The people paid that month: alive, entitlement open, its term in force active.
        db.prepare(
          `INSERT INTO payroll_lines (payroll_id, ${columns.join(', ')}) SELECT ?, ${columns.map((c) => `l.${c}`).join(', ')}
           FROM payroll_lines l JOIN people p ON p.id = l.person_id JOIN entitlements e ON e.id = l.entitlement_id
           WHERE l.payroll_id = ? AND (p.death_date IS NULL OR substr(p.death_date, 1, 7) >= ?) AND (e.end_month IS NULL OR e.end_month >= ?)
             AND (SELECT t.status FROM entitlement_terms t WHERE t.entitlement_id = e.id AND t.effective_from <= ? ORDER BY t.effective_from DESC LIMIT 1) = 'active'`,
        ).run(id, template, m, m, m);
        db.prepare(
          `INSERT INTO payroll_line_months (line_id, payroll_id, person_id, component, entitlement_id, service_month, amount_vnd, paid_before_vnd)
           SELECT n.id, ?, t.person_id, t.component, t.entitlement_id, ?, t.amount_vnd, 0
           FROM payroll_line_months t JOIN payroll_lines o ON o.id = t.line_id JOIN payroll_lines n ON n.payroll_id = ? AND n.line_no = o.line_no
           WHERE t.payroll_id = ?`,
        ).run(id, m, id, template);
      }
      const totals = db
        .prepare('SELECT COUNT(*) AS n, SUM(amount_vnd) AS s FROM payroll_lines WHERE payroll_id = ?')
        .get(id) as { n: number; s: number };
      db.prepare(
        "UPDATE payrolls SET line_count = ?, total_vnd = ?, ledger_seq = ?, built_at = ?, status = 'approved', approved_at = ? WHERE id = ?",
      ).run(totals.n, totals.s, seq, `${m}-05T00:00:00Z`, `${m}-06T00:00:00Z`, id);
    })();
  }
  db.exec('DROP INDEX bench_lines_no');
  // Late changes since the last approved build (the triggers mark these people for the next build).
  const now = new Date().toISOString();
  const some = (sql: string, n: number) =>
    db.prepare(`${sql} LIMIT ${n}`).all() as Array<{ id: number; person_id: number }>;
  db.transaction(() => {
    const decide = db.prepare(
      "INSERT INTO decisions (person_id, programme_code, kind, effective_month, created_at, entitlement_id) VALUES (?, 'BTXH', ?, ?, ?, ?)",
    );
    const term = db.prepare(
      "INSERT INTO entitlement_terms (entitlement_id, effective_from, status, group_code, decision_id) VALUES (?, ?, 'active', 'BTXH-6D', ?)",
    );
    for (const e of some(
      "SELECT e.id, e.person_id FROM entitlements e JOIN people p ON p.id = e.person_id WHERE e.end_month IS NULL AND p.death_date IS NULL AND e.id % 97 = 1 AND NOT EXISTS (SELECT 1 FROM entitlement_terms t WHERE t.entitlement_id = e.id AND t.effective_from >= '2026-06')",
      500,
    )) {
      term.run(
        e.id,
        addMonths(month, -5),
        Number(decide.run(e.person_id, 'adjust', addMonths(month, -5), now, e.id).lastInsertRowid),
      );
    }
    for (const e of some(
      'SELECT e.id, e.person_id FROM entitlements e JOIN people p ON p.id = e.person_id WHERE e.end_month IS NULL AND p.death_date IS NULL AND e.id % 89 = 2',
      300,
    )) {
      db.prepare('UPDATE people SET death_date = ? WHERE id = ?').run(`${addMonths(month, -3)}-10`, e.person_id);
      db.prepare('UPDATE entitlements SET end_month = ? WHERE id = ?').run(addMonths(month, -3), e.id);
      decide.run(e.person_id, 'stop', addMonths(month, -2), now, e.id);
    }
    for (const p of some(
      'SELECT id, id AS person_id FROM people p WHERE NOT EXISTS (SELECT 1 FROM entitlements e WHERE e.person_id = p.id) AND p.death_date IS NULL',
      200,
    )) {
      const d = Number(decide.run(p.id, 'grant', addMonths(month, -4), now, null).lastInsertRowid);
      const e = Number(
        db
          .prepare(
            "INSERT INTO entitlements (person_id, programme_code, start_month, grant_decision_id, created_at) VALUES (?, 'BTXH', ?, ?, ?)",
          )
          .run(p.id, addMonths(month, -4), d, now).lastInsertRowid,
      );
      db.prepare(
        "INSERT INTO entitlement_terms (entitlement_id, effective_from, status, group_code, decision_id) VALUES (?, ?, 'active', 'BTXH-6D', ?)",
      ).run(e, addMonths(month, -4), d);
    }
  })();
  core.close();
}

export async function benchPayroll(env: BenchEnv): Promise<void> {
  section('Payroll (build, review, approve)');
  const path = env.freshPath();
  {
    const source = new Database(env.registerPath, { readonly: true });
    source.exec(`VACUUM INTO '${path.replace(/'/g, "''")}'`);
    source.close();
  }
  const setup = await timeAsync(() => addApprovedHistory(path, env.month, HISTORY_MONTHS));
  row(`setup: ${HISTORY_MONTHS} months of approved payrolls (paid side) and late changes`, `${ms(setup)} ms`);
  const core = benchCore(path, 'officer');
  const runs: number[] = [];
  const cpu: number[] = [];
  let result!: BuildResult;
  for (let i = 0; i < 3; i++) {
    const started = process.cpuUsage();
    runs.push(
      await timeAsync(async () => {
        const { jobId } = await call(core, 'payroll.build', { month: env.month });
        result = await waitForJob(core, jobId);
      }),
    );
    cpu.push(cpuMs(process.cpuUsage(started)));
  }
  const lines = result.payrolls.reduce((s, p) => s + p.lineCount, 0);
  const arrears = core
    .store!.sqlite.prepare(
      `SELECT COUNT(*) AS n, COALESCE(SUM(amount_vnd), 0) AS s FROM payroll_lines WHERE kind = 'arrears' AND payroll_id IN (SELECT value FROM json_each(?))`,
    )
    .get(JSON.stringify(result.payrolls.map((p) => p.id))) as { n: number; s: number };
  row(
    '  of which arrears lines from the ledger (owed − paid)',
    `${arrears.n.toLocaleString('vi-VN')} (${arrears.s.toLocaleString('vi-VN')} đồng)`,
  );
  const build = stats(runs.slice(1)).median;
  row(`build the payroll, first time (${lines.toLocaleString('vi-VN')} lines)`, `${ms(runs[0]!)} ms`);
  row('rebuild the draft, nothing changed (keeps every line; median of 2)', `${ms(build)} ms`);
  // On a shared, loaded machine wall time says little: the process's own CPU time says what it costs.
  row('  CPU time of the build (user + system; first, rebuilds)', `${cpu.map(ms).join(' / ')} ms`);
  const db = core.store!.sqlite;
  const payrollIds = result.payrolls.map((p) => p.id);

  // The floors (bare-floor.ts), median of 3 each: the issue's (the lines alone, rolled back), and what a
  // build writes and must commit (the lines and their service-month rows), with the write-ahead log as
  // each build finds it: new for the first build (the app's connection had just opened), grown for a rebuild.
  const linesFloor = stats([0, 1, 2].map(() => bareLinesCopy(db, payrollIds))).median;
  const rowsFloor = stats([0, 1, 2].map(() => bareRowsCopy(db, payrollIds))).median;
  const rowsFloorCold = stats([0, 1, 2].map(() => bareRowsCopyCold(db, payrollIds))).median;
  const rebuildCpu = stats(cpu.slice(1)).median;
  row('  bare INSERT…SELECT of the lines, rolled back (CPU)', `${ms(linesFloor)} ms`);
  row('  bare INSERT…SELECT of the lines and service-month rows, committed (CPU)', `${ms(rowsFloor)} ms`);
  row('  the same, committed to a new write-ahead log (CPU)', `${ms(rowsFloorCold)} ms`);
  row(
    '  ratio first build / bare lines; / bare lines and months committed, new log (CPU)',
    `${(cpu[0]! / linesFloor).toFixed(1)} ×; ${(cpu[0]! / rowsFloorCold).toFixed(1)} ×`,
  );
  row(
    '  ratio rebuild / bare lines; / bare lines and months committed (CPU)',
    `${(rebuildCpu / linesFloor).toFixed(1)} ×; ${(rebuildCpu / rowsFloor).toFixed(1)} ×`,
  );
  // A rebuild after a day's corrections: 1,000 people renamed, their lines rewritten, the rest kept.
  const renamed = renamePaidPeople(db, payrollIds, 1_000);
  const changedStarted = process.cpuUsage();
  const changed = await timeAsync(async () => {
    const { jobId } = await call(core, 'payroll.build', { month: env.month });
    result = await waitForJob(core, jobId);
  });
  const changedCpu = cpuMs(process.cpuUsage(changedStarted));
  row(
    `rebuild after ${renamed.toLocaleString('vi-VN')} people renamed (wall; CPU; CPU / bare lines)`,
    `${ms(changed)} ms; ${ms(changedCpu)} ms; ${(changedCpu / linesFloor).toFixed(1)} ×`,
  );
  const payrollId = result.payrolls[0]!.id;

  const review = await timeAsync(() => call(core, 'payroll.review', { payrollId }));
  row('review totals (method, neighbourhood, kind)', `${ms(review)} ms`);
  const page = await timeAsync(() => call(core, 'payroll.lines', { payrollId, limit: 200 }));
  row('lines list, first page of 200', `${ms(page)} ms`);
  const search = await timeAsync(() => call(core, 'payroll.lines', { payrollId, text: 'nguyen thi', limit: 200 }));
  row('lines list, search "nguyen thi"', `${ms(search)} ms`);
  let diff!: PayrollDifferences;
  const differences = await timeAsync(async () => {
    diff = await call(core, 'payroll.differences', { payrollId });
  });
  row(
    `differences from last month (vs ${diff.previous.source}; ${diff.rows.length.toLocaleString('vi-VN')} rows)`,
    `${ms(differences)} ms`,
  );
  // Approval as a workflow (issue 14): the officer submits (rebuild + freeze), the approver approves.
  let submitted!: PayrollView;
  const submit = await timeAsync(async () => {
    const { jobId } = await call(core, 'payroll.submit', { payrollId });
    submitted = await waitForJob(core, jobId);
  });
  row('submit for approval (rebuilds the programme, then freezes it)', `${ms(submit)} ms`);
  core.close();
  const approver = benchCore(path, 'approver');
  const changes = await timeAsync(() => call(approver, 'payroll.reviewChanges', { payrollId }));
  row('what changed since submission (audit log since the fingerprint)', `${ms(changes)} ms`);
  const confirm = {
    month: submitted.month,
    programme: submitted.programme as ProgrammeCode,
    lineCount: submitted.lineCount,
    totalVnd: submitted.totalVnd,
  };
  const approve = await timeAsync(() => call(approver, 'payroll.approve', { payrollId, confirm }));
  row('approve (confirmation, staleness, triggers: no item in two approved payrolls)', `${ms(approve)} ms`);
  const approverTodo = await timeAsync(() => call(approver, 'todo.list', {}));
  approver.close();
  const officer = benchCore(path, 'officer');
  const officerTodo = await timeAsync(() => call(officer, 'todo.list', {}));
  officer.close();
  row('Việc cần làm (todo.list): approver; officer', `${ms(approverTodo)} ms; ${ms(officerTodo)} ms`);
}
