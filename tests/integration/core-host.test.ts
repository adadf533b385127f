import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CoreHost, type CoreHostEvent, type CoreHostOptions } from '../../main/core-host';
import { CORE_CRASHED_MESSAGE, CORE_RECONNECTED_MESSAGE } from '../../main/core-protocol';
import { HOST_LOG_FILE_NAME, LOG_FOLDER_NAME } from '../../main/log';
import { tempDir } from '../support/temp';

// The core host's behaviour when its worker dies, with a stand-in worker that speaks the same protocol
// (tests/fixtures/core-worker-stub.cjs) and dies on demand: uncaught exception, out of memory under the
// worker's resourceLimits, exit, terminate. The real worker (dist/main/core-worker.js) is exercised by the
// E2E tests, all of which go through it, and by tests/e2e/core-restart.test.ts (killed mid-job).

const STUB = join(__dirname, '../fixtures/core-worker-stub.cjs');

let host: CoreHost | undefined;
let temp: ReturnType<typeof tempDir> | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
  temp?.cleanup();
});

function start(extra: Partial<CoreHostOptions> = {}): { host: CoreHost; events: CoreHostEvent[] } {
  const events: CoreHostEvent[] = [];
  temp = tempDir();
  host = new CoreHost({
    workerFile: STUB,
    core: { dbPath: join(temp.dir, 'so.sqlite'), appVersion: 'test', shell: 'browser-harness' },
    maxOldGenerationSizeMb: 64,
    onEvent: (e) => events.push(e),
    ...extra,
  });
  return { host, events };
}

/** Waits (with a deadline) until the host runs a worker of this generation. */
async function generation(h: CoreHost, n: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const r = await h.call('echo', {}, 'probe');
    if (r.ok && (r.value as { generation: number }).generation === n) return;
    if (Date.now() > deadline) throw new Error(`no worker of generation ${n}: ${JSON.stringify(r)}`);
  }
}

describe('CoreHost', () => {
  it('relays calls with their client, and shell requests back to the host', async () => {
    const { host } = start({ pathPicker: async (request) => `/chosen/${request.kind}` });
    expect(await host.ready()).toMatchObject({ state: 'ok', path: join(temp!.dir, 'so.sqlite') });
    expect(await host.call('echo', { a: 1 }, 'c1')).toEqual({ ok: true, value: { input: { a: 1 }, generation: 0 } });
    expect(await host.call('shell', {}, 'c1')).toEqual({ ok: true, value: '/chosen/folder' });
  });

  for (const death of ['throw', 'oom', 'exit', 'kill'] as const) {
    it(`after a death by ${death}: calls in flight fail in Vietnamese, a new worker answers, the running job is failed`, async () => {
      const { host, events } = start();
      await host.ready();
      expect(await host.call('login', {}, 'window')).toMatchObject({ ok: true });
      expect(await host.call('private', {}, 'window')).toEqual({ ok: true, value: 'secret' });
      const { value } = (await host.call('startJob', {}, 'window')) as { ok: true; value: { jobId: string } };
      const inFlight = host.call('hang', {}, 'window');
      if (death === 'kill') void host.kill();
      else void host.call(death, {}, 'window');

      expect(await inFlight).toEqual({ ok: false, error: { code: 'INTERNAL', message: CORE_CRASHED_MESSAGE } });
      await generation(host, 1);
      expect(events[0]).toMatchObject({ type: 'died', generation: 0 });
      if (death === 'oom') expect(events[0]).toMatchObject({ reason: 'out of memory' });

      // The job's owner polls it: failed with the reason, not "not found", not running for ever.
      const job = await host.call('jobs.get', { jobId: value.jobId }, 'window');
      expect(job).toMatchObject({ ok: true, value: { id: 'job-1', state: 'failed', error: { code: 'INTERNAL' } } });
      expect((job as { value: { error: { message: string } } }).value.error.message).toMatch(/khởi động lại/);
      // Another client does not see it.
      expect(await host.call('jobs.get', { jobId: value.jobId }, 'stranger')).not.toMatchObject({
        ok: true,
        value: { id: 'job-1' },
      });

      // The window's session was in the dead worker: it is told once why it must sign in again.
      expect(await host.call('private', {}, 'window')).toEqual({
        ok: false,
        error: { code: 'UNAUTHENTICATED', message: CORE_RECONNECTED_MESSAGE },
      });
      expect(await host.call('private', {}, 'window')).toEqual({
        ok: false,
        error: { code: 'UNAUTHENTICATED', message: 'Hãy đăng nhập.' },
      });
      await host.call('login', {}, 'window');
      expect(await host.call('private', {}, 'window')).toEqual({ ok: true, value: 'secret' });
      expect(host.restarts).toBe(1);
      // The death is in the main process's own log file beside the register.
      const hostLog = readFileSync(join(temp!.dir, LOG_FOLDER_NAME, HOST_LOG_FILE_NAME), 'utf8');
      expect(hostLog).toMatch(/ERROR \[core-host\] the core worker stopped/);
    });
  }

  it("follows a client's cookie rotation (moveClient): its lost job and its reconnection notice move with it", async () => {
    const { host } = start();
    await host.ready();
    await host.call('login', {}, 'cookie-1');
    const { value } = (await host.call('startJob', {}, 'cookie-1')) as { ok: true; value: { jobId: string } };
    host.moveClient('cookie-1', 'cookie-2');
    void host.kill();
    await generation(host, 1);
    expect(await host.call('jobs.get', { jobId: value.jobId }, 'cookie-1')).not.toMatchObject({
      ok: true,
      value: { id: 'job-1' },
    });
    expect(await host.call('jobs.get', { jobId: value.jobId }, 'cookie-2')).toMatchObject({
      ok: true,
      value: { id: 'job-1', state: 'failed' },
    });
    expect(await host.call('private', {}, 'cookie-2')).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: CORE_RECONNECTED_MESSAGE },
    });
  });

  it('backs off, and after repeated quick deaths stops restarting and says so', async () => {
    const { host, events } = start({ maxQuickDeaths: 3, quickDeathWindowMs: 60_000 });
    await host.ready();
    for (let n = 0; n < 2; n++) {
      void host.call('exit', {}, 'w');
      await generation(host, n + 1);
    }
    void host.call('exit', {}, 'w');
    const deadline = Date.now() + 20_000;
    while (!events.some((e) => e.type === 'gave-up') && Date.now() < deadline) await host.call('echo', {}, 'w');
    expect(events.map((e) => e.type)).toEqual(['died', 'restarted', 'died', 'restarted', 'died', 'gave-up']);
    const answer = await host.call('echo', {}, 'w');
    expect(answer).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect((answer as { error: { message: string } }).error.message).toMatch(
      /gặp sự cố 3 lần liên tiếp .* đã dừng khởi động lại/,
    );
  });
});
