import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/open';
import { hashPassword } from '../../main/services/auth/passwords';
import { sha256File } from '../support/temp';
import {
  ADMIN,
  assertBuilt,
  launchBrowser,
  makeTempDir,
  passwordInput,
  startServer,
  trackProblems,
  VIEWPORT,
  type RunningServer,
} from './harness';

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
    expect(readFileSync(join(temp.dir, 'nhat-ky', 'so-an-sinh-cua-so.log'), 'utf8')).toContain(
      'không phải là tệp dữ liệu của Sổ An Sinh',
    );
  });

  it('a register damaged where the open does not look: its check after the first screen still leads to the recovery screen, file untouched', async () => {
    // Issue 18: the quick_check of a register at this schema runs after the start (main/db/integrity.ts).
    const dir = join(temp.dir, 'damaged');
    mkdirSync(dir);
    const dbPath = join(dir, 'so.sqlite');
    const { store } = openDatabase(dbPath, { appVersion: 'e2e' });
    store.sqlite
      .prepare('UPDATE users SET username = ?, full_name = ?, password_hash = ? WHERE id = 1')
      .run(ADMIN.username, ADMIN.fullName, await hashPassword(ADMIN.password));
    const insert = store.sqlite.prepare('INSERT INTO neighbourhoods (name, search_key) VALUES (?, ?)');
    store.transaction(() => {
      for (let i = 0; i < 3000; i++) insert.run(`Khu phố ${i}`, `khu pho ${i}`);
    });
    store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    store.close();
    // The last pages (the neighbourhoods' rows); the schema and the users, which the open and the sign-in screen read, stay readable.
    const size = statSync(dbPath).size;
    const fd = openSync(dbPath, 'r+');
    writeSync(fd, Buffer.alloc(4096 * 2, 0xa5), 0, 4096 * 2, size - 4096 * 3 + 100);
    closeSync(fd);
    const before = sha256File(dbPath);

    await server?.stop();
    server = await startServer(dbPath);
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'vi-VN' });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(server.url);
    const recovery = page.getByRole('heading', { level: 1, name: 'Không mở được dữ liệu' });
    const signInScreen = page.getByRole('heading', { level: 1, name: 'Đăng nhập' });
    await recovery.or(signInScreen).waitFor();
    // The first screen may come before the check has ended: signing in waits for it, then the window turns to recovery.
    if (await signInScreen.isVisible()) {
      await page.getByRole('textbox', { name: 'Tên đăng nhập', exact: true }).fill(ADMIN.username);
      await passwordInput(page, 'Mật khẩu').fill(ADMIN.password);
      await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    }
    await recovery.waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('bị hỏng');
    expect(await page.getByRole('navigation').count()).toBe(0);
    await context.close();
    await server.stop();
    server = undefined;
    expect(sha256File(dbPath)).toBe(before);
  });
});
