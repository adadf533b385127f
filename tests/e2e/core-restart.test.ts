import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/open';
import { CORE_RECONNECTED_MESSAGE } from '@shared/api/errors';
import { insertSyntheticEntitlements, insertSyntheticRegister } from '../../bench/synthetic-register';
import {
  callFromPage,
  createUser,
  makeTempDir,
  must,
  OFFICER,
  signIn,
  signOut,
  startWard,
  type RunningServer,
} from './harness';

// The core runs in a worker thread of the harness (as in the desktop app). This test kills that worker
// while a payroll build is part-way (serve.js's test hook --kill-core-during-job terminates it on the
// job's first progress report, so the kill always lands mid-job) and checks what the user sees: the job
// reported failed (not hanging), the window told that the app reconnected and asked to sign in again,
// the next call working, and everything committed before still there, nothing of the job written.

const PEOPLE = 12_000;

let temp: ReturnType<typeof makeTempDir>;
let server: RunningServer;
let browser: Browser;
let page: Page;
let dbPath: string;

const count = (sql: string): number => {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  temp = makeTempDir();
  dbPath = join(temp.dir, 'so.sqlite');
  // A register big enough that the build reports progress part-way (chunks of people).
  const { store } = openDatabase(dbPath, { appVersion: 'test' });
  insertSyntheticRegister(store, PEOPLE);
  insertSyntheticEntitlements(store);
  store.close();
  ({ server, browser, page } = await startWard(dbPath, { args: ['--kill-core-during-job', 'payroll.build'] }));
  await createUser(page, OFFICER, 'Cán bộ chính sách');
  await signOut(page);
  await signIn(page, OFFICER);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  temp?.remove();
});

describe('the core worker dies mid-job', () => {
  it('reports the job failed, reconnects, asks to sign in again, and loses nothing committed', async () => {
    const peopleBefore = count('SELECT count(*) FROM people');
    const auditBefore = count('SELECT count(*) FROM audit_log');
    const lastAuditBefore = count('SELECT max(id) FROM audit_log');
    expect(peopleBefore).toBe(PEOPLE);
    expect(auditBefore).toBeGreaterThan(0);

    const now = new Date();
    const month = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
    const { jobId } = await must(callFromPage<{ jobId: string }>(page, 'payroll.build', { month }));

    // The renderer's own poll (jobs.get) ends with a failure and the reason, within a deadline.
    const deadline = Date.now() + 60_000;
    let job: { state: string; error?: { message: string } } | undefined;
    while (Date.now() < deadline) {
      const answer = await callFromPage<{ state: string; error?: { message: string } }>(page, 'jobs.get', { jobId });
      // A poll in flight at the moment of death gets the "restarting" error: poll again, as the renderer does.
      if (answer.ok) {
        job = answer.value;
        if (job.state !== 'running') break;
      } else expect(answer.error.message).toMatch(/khởi động lại/);
      await page.waitForTimeout(100);
    }
    expect(job?.state).toBe('failed');
    expect(job?.error?.message).toMatch(/gặp sự cố và đã được khởi động lại/);
    await expect.poll(() => server.output(), { timeout: 30_000 }).toMatch(/Phần xử lý đã khởi động lại \(lần 1\)/);

    // The window: its next call finds the session gone and shows why, on the sign-in screen.
    // Moving to another section loads its data: the first call the window makes on the new core.
    await page.goto(`${server.url}/#/chi-tra`);
    const signInScreen = page.getByRole('heading', { level: 1, name: 'Đăng nhập' });
    await signInScreen.waitFor();
    await page.getByText(CORE_RECONNECTED_MESSAGE).waitFor();

    // Signing in again works on the new core, and so do the next calls.
    await signIn(page, OFFICER);
    const search = await must(callFromPage<{ total: number }>(page, 'people.search', { text: '', limit: 5 }));
    expect(search.total).toBeGreaterThan(0);
    const payrolls = await must(callFromPage<unknown[]>(page, 'payroll.list', { month }));
    expect(payrolls).toEqual([]);

    // Everything committed before is there; nothing of the interrupted build was written.
    expect(count('SELECT count(*) FROM people')).toBe(peopleBefore);
    expect(count(`SELECT count(*) FROM audit_log WHERE id <= ${lastAuditBefore}`)).toBe(auditBefore);
    expect(count('SELECT count(*) FROM payroll_lines')).toBe(0);
    expect(count("SELECT count(*) FROM audit_log WHERE action LIKE 'payroll.%'")).toBe(0);
    expect(count('PRAGMA quick_check') as unknown).toBe('ok');
  });
});
