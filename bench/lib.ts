import { createAppCore, type AppCore } from '../main/core';
import { seedTestUsers, type TestRole } from '../tests/support/register';
import type { JobId } from '@shared/api/channel';
import type { Channel, ChannelInput, ChannelOutput } from '@shared/api/contract';
import type { JobStatus } from '@shared/api/import';

// Timing and printing helpers shared by every benchmark file (bench/run.ts and the area files in bench/areas.ts).

export function time(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function stats(samples: number[]): { median: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95) };
}

export const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(1) : v.toFixed(2));
export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

const NAME_WIDTH = 64;
let benchmarks = 0;

export const section = (title: string) => console.log(`\n${title}\n${'-'.repeat(NAME_WIDTH + 48)}`);

/** Prints one figure (and counts it for the closing line). */
export function row(name: string, value: string): void {
  benchmarks++;
  console.log(`${name.padEnd(NAME_WIDTH)} ${value}`);
}

export const benchmarkCount = () => benchmarks;

/** Polls a job (jobs.get) until it is done and returns its result. */
export async function waitForJob<R>(core: AppCore, jobId: JobId<R>): Promise<R> {
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const r = await core.call('jobs.get', { jobId });
    if (!r.ok) throw new Error(r.error.message);
    // core.call is untyped; the id names the job's result (shared/api/channel.ts).
    const job = r.value as JobStatus<R>;
    if (job.state === 'done') return job.result;
    if (job.state !== 'running') throw new Error(`job ${job.state}`);
  }
}

/** A core on `dbPath` with one client signed in as a user of `role` (every channel checks the role). */
export function benchCore(dbPath: string, role: TestRole = 'officer'): AppCore {
  const core = createAppCore({
    dbPath,
    appVersion: 'bench',
    shell: 'browser-harness',
    idleMsOverride: Number.MAX_SAFE_INTEGER,
  });
  core.signInInProcess('local', seedTestUsers(core)[role]);
  return core;
}

/** Calls a channel and returns its value, or throws with its Vietnamese message. */
export async function call<C extends Channel>(
  core: AppCore,
  channel: C,
  input: ChannelInput<C>,
): Promise<Awaited<ChannelOutput<C>>> {
  const r = await core.call(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value as Awaited<ChannelOutput<C>>;
}
