import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchEnv } from './areas';
import { benchCore, call, ms, row, section, stats, time, timeAsync, waitForJob } from './lib';
import type { ProducedReport, ProvinceExportResult, ReportsOverview } from '@shared/api/reports';
import { changesReport } from '../main/services/reports/changes';
import { nonCashReport } from '../main/services/reports/noncash';
import { PeriodLoader, resolvePeriod } from '../main/services/reports/period';
import { roundsOfMonth } from '../main/services/reports/rounds';
import { summaryReport } from '../main/services/reports/summary-forms';

// Reports at full size: each report's data (non-cash, tăng/giảm, forms 10a/10c/10d over the year to
// date), the whole Báo cáo screen (reports.overview), one PDF, and the province export to a folder.

export async function benchReports(env: BenchEnv): Promise<void> {
  section(`Reports to the province (${env.people.toLocaleString('vi-VN')} people)`);
  const core = benchCore(env.registerPath, 'officer');
  try {
    const store = core.store!;
    const month = env.month;
    const period = resolvePeriod(month);
    const months = Number(month.slice(5, 7));

    const noncash: number[] = [];
    for (let i = 0; i < 3; i++) noncash.push(time(() => nonCashReport(store, month)));
    row('non-cash progress data for a month (median of 3)', `${ms(stats(noncash).median)} ms`);

    const changes: number[] = [];
    for (let i = 0; i < 3; i++) changes.push(time(() => changesReport(store, new PeriodLoader(store), month)));
    row('tăng/giảm data for a month (two months of amounts, median of 3)', `${ms(stats(changes).median)} ms`);

    const loader = new PeriodLoader(store);
    const load = time(() => {
      for (let m = 1; m <= months; m++) loader.load(`${month.slice(0, 4)}-${String(m).padStart(2, '0')}`);
    });
    row(`  the year's monthly amounts loaded once (${months} months)`, `${ms(load)} ms`);
    for (const form of ['form10a', 'form10c', 'form10d'] as const) {
      row(`  ${form} data from the loaded months`, `${ms(time(() => summaryReport(store, loader, form, period)))} ms`);
    }
    row(
      `form 10a data from scratch (${months} months to date)`,
      `${ms(time(() => summaryReport(store, new PeriodLoader(store), 'form10a', period)))} ms`,
    );

    let overview: ReportsOverview | undefined;
    const screen = await timeAsync(async () => {
      const { jobId } = await call(core, 'reports.overview', { month });
      overview = await waitForJob(core, jobId);
    });
    row(
      'the Báo cáo screen, reports.overview job (all five reports)',
      `${ms(screen)} ms (${overview!.form10a.rows[0]!.people.toLocaleString('vi-VN')} people in 10a)`,
    );

    let pdf: ProducedReport | undefined;
    const pdfMs = await timeAsync(async () => {
      const { jobId } = await call(core, 'reports.produce', { report: 'form10a', format: 'pdf', month });
      pdf = await waitForJob(core, jobId);
    });
    row(
      'form 10a as PDF (job)',
      `${ms(pdfMs)} ms (${(Buffer.from(pdf!.contentBase64, 'base64').length / 1024).toFixed(0)} KiB)`,
    );

    const usb = join(env.dir, 'usb-reports');
    mkdirSync(usb, { recursive: true });
    let result: ProvinceExportResult | undefined;
    const exportMs = await timeAsync(async () => {
      const { jobId } = await call(core, 'reports.exportProvince', {
        month,
        folder: usb,
        reports: ['noncash', 'changes', 'form10a', 'form10c', 'form10d'],
        confirmPersonalData: true,
        passphrase: 'mat-khau-do-hieu-nang', // encrypted, the default since issue 12
      });
      result = await waitForJob(core, jobId);
    });
    const bytes = result!.files.reduce((s, f) => s + f.bytes, 0);
    row(
      'province export: 5 reports as PDF + xlsx (encrypted), manifest, sums, verified (job)',
      `${ms(exportMs)} ms (${result!.files.length} files, ${(bytes / 1024).toFixed(0)} KiB; ${readdirSync(usb).length} folder)`,
    );
  } finally {
    core.close();
  }
}

/**
 * The reports again once bench/rounds.ts has approved its round for every BTXH beneficiary (issue 16):
 * what the round rows cost beside the figures of benchReports (the same functions, months already loaded).
 */
export async function benchReportsWithRounds(env: BenchEnv): Promise<void> {
  section(`Reports with an approved one-off round (${env.people.toLocaleString('vi-VN')} people)`);
  const core = benchCore(env.registerPath, 'officer');
  try {
    const store = core.store!;
    const month = env.month;
    const period = resolvePeriod(month);
    const lines = store.sqlite
      .prepare(
        "SELECT COUNT(*) FROM round_lines l JOIN rounds r ON r.id = l.round_id WHERE r.status = 'approved' AND substr(r.round_date, 1, 7) = ?",
      )
      .pluck()
      .get(month) as number;
    const rounds: number[] = [];
    for (let i = 0; i < 3; i++) rounds.push(time(() => roundsOfMonth(store, month)));
    row(
      `the month's round rows, roundsOfMonth (${lines.toLocaleString('vi-VN')} approved lines; median of 3)`,
      `${ms(stats(rounds).median)} ms`,
    );
    const noncash: number[] = [];
    for (let i = 0; i < 3; i++) noncash.push(time(() => nonCashReport(store, month)));
    row('non-cash progress data for a month, with the rounds (median of 3)', `${ms(stats(noncash).median)} ms`);
    const loader = new PeriodLoader(store);
    for (let m = 1; m <= Number(month.slice(5, 7)); m++)
      loader.load(`${month.slice(0, 4)}-${String(m).padStart(2, '0')}`);
    for (const form of ['form10a', 'form10c'] as const) {
      const t: number[] = [];
      for (let i = 0; i < 3; i++) t.push(time(() => summaryReport(store, loader, form, period)));
      row(`  ${form} data from the loaded months, with the rounds (median of 3)`, `${ms(stats(t).median)} ms`);
    }
  } finally {
    core.close();
  }
}
