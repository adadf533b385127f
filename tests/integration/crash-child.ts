import { writeSync } from 'node:fs';
import { createAppCore } from '../../main/core';
import type { ApiResult } from '@shared/api/errors';
import { enrollNew } from '../support/register';

// The crash test's writer (tests/integration/crash.test.ts bundles it and runs it with node): the real
// core on the register file, writing as fast as it can through the real dispatcher and handlers. After
// each command commits, it prints one line (written synchronously, so a line that reached the parent was
// printed after its transaction committed):
//   COMMIT <personId> <auditId> <auditHash> <fullName>
// and, every fifth time, builds the month's payroll (a job whose single write is one transaction):
//   PAYROLL <payrollId> <auditId> <auditHash>
// until the parent kills it with SIGKILL. If payroll builds do not work (that area in progress), it says
// so on stderr and goes on with enrollments only.

const [dbPath, runId, officerId] = process.argv.slice(2) as [string, string, string];
const core = createAppCore({
  dbPath,
  appVersion: 'crash-test',
  shell: 'browser-harness',
  idleMsOverride: Number.MAX_SAFE_INTEGER,
});
if (core.dbStatus.state !== 'ok') {
  writeSync(2, `cannot open: ${JSON.stringify(core.dbStatus)}\n`);
  process.exit(2);
}
core.signInInProcess('local', Number(officerId));
const lastAudit = core.store!.sqlite.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1');
writeSync(1, 'READY\n');

async function main(): Promise<void> {
  for (let i = 0; ; i++) {
    const fullName = `Người thử ${runId} ${i}`;
    const enrolled = (await core.call(
      'register.enroll',
      enrollNew(
        { fullName, birthDate: '1950', phone: `09${String(i).padStart(8, '0')}` },
        'BTXH',
        'BTXH-6D',
        '2026-11',
      ),
    )) as ApiResult<{
      personId: number;
    }>;
    if (!enrolled.ok) throw new Error(`enroll failed: ${enrolled.error.message}`);
    const audit = lastAudit.get() as { id: number; hash: string };
    writeSync(1, `COMMIT ${enrolled.value.personId} ${audit.id} ${audit.hash} ${fullName}\n`);
    if (payrolls && i % 5 === 4) await buildPayroll();
  }
}

let payrolls = true;
async function buildPayroll(): Promise<void> {
  const started = (await core.call('payroll.build', { month: '2026-11', programmes: ['BTXH'] })) as ApiResult<{
    jobId: string;
  }>;
  if (!started.ok) return stopPayrolls(started.error.message);
  for (;;) {
    const status = (await core.call('jobs.get', { jobId: started.value.jobId })) as ApiResult<{
      state: string;
      result?: { payrolls: Array<{ id: number }> };
      error?: { message: string };
    }>;
    if (!status.ok) return stopPayrolls(status.error.message);
    if (status.value.state === 'running') {
      await new Promise((r) => setImmediate(r));
      continue;
    }
    if (status.value.state !== 'done' || !status.value.result?.payrolls[0])
      return stopPayrolls(status.value.error?.message ?? status.value.state);
    const audit = lastAudit.get() as { id: number; hash: string };
    writeSync(1, `PAYROLL ${status.value.result.payrolls[0].id} ${audit.id} ${audit.hash}\n`);
    return;
  }
}

function stopPayrolls(why: string): void {
  payrolls = false;
  writeSync(2, `payroll builds skipped: ${why}\n`);
}

main().catch((error: unknown) => {
  writeSync(2, `${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
