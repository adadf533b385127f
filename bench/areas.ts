import { benchCampaign } from './campaign';
import { benchPayroll } from './payroll';
import { benchPayrollResults } from './payroll-results';
import { benchPayout } from './payout';
import { benchReports, benchReportsWithRounds } from './reports';
import { benchPayrollFiles } from './payroll-files';
import { benchBackup } from './backup';
import { benchForms } from './forms';
import { runResponsivenessBench } from './responsiveness';
import { benchStartup } from './startup';
import { benchEvidence } from './evidence';
import { benchRounds } from './rounds';

// The benchmarks of each area (payout forms, payroll, files, backup, …), run after the register's in
// bench/run.ts, in this order. Each area file exports one async function taking BenchEnv.

export interface BenchEnv {
  /** The 100,000-person register built by bench/run.ts (people, entitlements, payout methods, accounts). */
  registerPath: string;
  /** A new empty database path in the bench's temp folder. */
  freshPath: () => string;
  people: number;
  /** The month the register is current for ('YYYY-MM'). */
  month: string;
  /** The bench's temp folder (removed at the end). */
  dir: string;
}

const AREAS: Array<(env: BenchEnv) => Promise<void>> = [
  benchPayout,
  benchCampaign,
  benchPayroll,
  benchPayrollResults,
  benchReports,
  benchPayrollFiles,
  benchBackup,
  benchForms,
  runResponsivenessBench,
  benchStartup,
  benchEvidence,
  benchRounds,
  benchReportsWithRounds,
];

/** BENCH_AREAS=payroll,backup (or BENCH_ONLY=responsiveness) runs only the areas named (benchPayroll, runResponsivenessBench…). */
export async function runAreaBenches(env: BenchEnv): Promise<void> {
  const only = (process.env.BENCH_AREAS ?? process.env.BENCH_ONLY ?? '').toLowerCase().split(',').filter(Boolean);
  const named = (area: { name: string }, word: string) =>
    [`bench${word}`, `run${word}bench`].includes(area.name.toLowerCase());
  for (const area of AREAS) if (!only.length || only.some((w) => named(area, w.replace(/-/g, '')))) await area(env);
}
