import { describe, expect, it } from 'vitest';
import type { BuildResult } from '@shared/api/payroll';
import type { JobStatus } from '@shared/api/import';
import { eachTestCore, enrollNew, type TestCore } from '../support/register';

// The payroll build runs with a larger SQLite page cache (main/services/payroll/build.ts: the write of
// ~100,000 lines and their service-month rows spills the default 16 MB); the connection gets its own size
// back after the build, after a Cancel and after a failed build; so does its temp_store (statement
// journals in memory during the build).

let core: TestCore;
eachTestCore((fresh) => ({ core } = fresh));

const cacheSize = () => core.store!.sqlite.pragma('cache_size', { simple: true }) as number;
const tempStore = () => core.store!.sqlite.pragma('temp_store', { simple: true }) as number;

describe('the build’s page cache', () => {
  it('is larger during the build and given back after it, after Cancel and after an error', async () => {
    const sizes: number[] = [];
    const stores: number[] = [];
    const pragma = core.store!.sqlite.pragma.bind(core.store!.sqlite);
    core.store!.sqlite.pragma = ((source: string, options?: { simple?: boolean }) => {
      if (source.startsWith('cache_size =')) sizes.push(Number(source.split('=')[1]));
      if (source.startsWith('temp_store =')) stores.push(Number(source.split('=')[1]));
      return pragma(source, options);
    }) as typeof pragma;
    await core.ok(
      'register.enroll',
      enrollNew({ fullName: 'Lê Văn A', birthDate: '1930' }, 'BTXH', 'BTXH-5C', '2026-01'),
    );
    const own = cacheSize();
    const ownTemp = tempStore();
    expect(ownTemp).not.toBe(2);
    const { jobId } = await core.ok('payroll.build', { month: '2026-11' });
    let status: JobStatus;
    do {
      await new Promise((r) => setTimeout(r, 5));
      status = await core.ok('jobs.get', { jobId });
    } while (status.state === 'running');
    expect(status.state).toBe('done');
    expect((status.result as BuildResult).payrolls[0]!.lineCount).toBeGreaterThan(0);
    expect(cacheSize()).toBe(own);
    // Set larger for the job (KiB, negative), then given back.
    expect(sizes).toEqual([-256 * 1024, own]);
    // temp_store MEMORY (2) for the job, then given back.
    expect(stores).toEqual([2, ownTemp]);
    expect(tempStore()).toBe(ownTemp);

    const cancelled = await core.ok('payroll.build', { month: '2026-12' });
    await core.ok('jobs.cancel', { jobId: cancelled.jobId });
    do {
      await new Promise((r) => setTimeout(r, 5));
      status = await core.ok('jobs.get', { jobId: cancelled.jobId });
    } while (status.state === 'running');
    expect(status.state).toBe('cancelled');
    expect(cacheSize()).toBe(own);
    expect(tempStore()).toBe(ownTemp);

    // A failing write (a trigger refuses it) gives the cache back too. Not a TEMP trigger: changing
    // temp_store drops the connection's temporary objects.
    core.store!.sqlite.exec(
      "CREATE TRIGGER refuse BEFORE INSERT ON payroll_lines BEGIN SELECT RAISE(ABORT, 'refused'); END;",
    );
    const failing = await core.ok('payroll.build', { month: '2026-10' });
    do {
      await new Promise((r) => setTimeout(r, 5));
      status = await core.ok('jobs.get', { jobId: failing.jobId });
    } while (status.state === 'running');
    expect(status.state).toBe('failed');
    expect(cacheSize()).toBe(own);
    expect(tempStore()).toBe(ownTemp);
  });
});
