import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, launchBrowser, makeTempDir, startServer, trackProblems, VIEWPORT, type RunningServer } from './harness';

// A data file that is not SQLite (a wrong file picked, a bad copy): the app shows the recovery screen
// instead of crashing or showing an empty register, and leaves the file exactly as it was.

describe('the recovery screen, when the data file cannot be opened', () => {
  let browser: Browser;
  let server: RunningServer | undefined;
  const temp = makeTempDir();

  beforeAll(async () => {
    assertBuilt();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await server?.stop();
    await browser?.close();
    temp.remove();
  });

  it('shows "Không mở được dữ liệu" with the path and guidance, and does not touch the file', async () => {
    const dbPath = join(temp.dir, 'so.sqlite');
    writeFileSync(dbPath, 'hello');
    const before = readFileSync(dbPath);

    server = await startServer(dbPath);
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'vi-VN' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const problems = await trackProblems(page);
    await page.goto(server.url);

    await page.getByRole('heading', { level: 1, name: 'Không mở được dữ liệu' }).waitFor();
    const alert = page.getByRole('alert');
    expect(await alert.textContent()).toContain('không phải là tệp dữ liệu của Sổ An Sinh');
    expect(await page.locator('main').textContent()).toContain(dbPath);
    await page.getByText('bản sao lưu gần nhất').waitFor();
    await page.getByText('liên hệ cán bộ kỹ thuật').waitFor();
    // Not the shell: no navigation into a register that is not there.
    expect(await page.getByRole('navigation').count()).toBe(0);
    await page.screenshot({ path: '/tmp/so-an-sinh-recovery.png' });
    expect(problems.unexpected()).toEqual([]);
    await context.close();

    await server.stop();
    expect(readFileSync(dbPath).equals(before)).toBe(true);
    // Nothing beside it but the error log (nhat-ky/), which keeps why the register could not be opened.
    expect(readdirSync(temp.dir)).toEqual(['nhat-ky', 'so.sqlite']);
    expect(readFileSync(join(temp.dir, 'nhat-ky', 'so-an-sinh-cua-so.log'), 'utf8')).toContain('không phải là tệp dữ liệu của Sổ An Sinh');
  });
});
