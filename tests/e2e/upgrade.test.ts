import Database from 'better-sqlite3';
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PASSWORD, fixturePath } from '../support/upgrade-fixtures';
import {
  launchBrowser,
  makeTempDir,
  openPage,
  signIn,
  startServer,
  type RunningServer,
  type TestUser,
} from './harness';

// A ward installs a newer version over an older one (issue 18): the built app (dist/, version from
// package.json) starts on a register written by "0.0.5" at schema 7 (the upgrade fixture). It backs the
// register up, migrates it, shows "Có gì mới" once after sign-in, and Cài đặt → Thông tin phiên bản shows
// the version, build day and schema. The next start shows nothing new.

const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string };
const ADMIN: TestUser = { fullName: 'Nguyễn Văn Quản', username: 'quantri', password: FIXTURE_PASSWORD, role: 'admin' };

let temp: ReturnType<typeof makeTempDir>;
let browser: Browser;
let server: RunningServer | undefined;
let dbPath: string;

beforeAll(async () => {
  temp = makeTempDir();
  dbPath = join(temp.dir, 'so-an-sinh.sqlite');
  copyFileSync(fixturePath(7), dbPath);
  const db = new Database(dbPath);
  db.prepare("UPDATE schema_migrations SET app_version = '0.0.5'").run();
  // The built-in account's name is also the admin role's label: a person's name tells them apart on screen.
  db.prepare('UPDATE users SET full_name = ? WHERE id = 1').run(ADMIN.fullName);
  db.close();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  temp?.remove();
});

describe('first start of a newer version (browser harness)', () => {
  it('backs up, migrates, says what is new once, and shows the version in Cài đặt', async () => {
    server = await startServer(dbPath);
    expect(readdirSync(join(temp.dir, 'sao-luu')).filter((n) => n.endsWith('-upgrade.sqlite'))).toHaveLength(1);
    const { page } = await openPage(browser);
    await page.goto(server.url);
    await signIn(page, ADMIN);
    const dialog = page.getByRole('dialog', { name: `Có gì mới ở phiên bản ${pkg.version}` });
    await dialog.waitFor();
    const text = await dialog.textContent();
    expect(text).toContain(`từ phiên bản 0.0.5 lên ${pkg.version}`);
    expect(text).toContain('lược đồ số 7 →');
    expect(text).toContain('-upgrade.sqlite');
    await dialog.getByRole('button', { name: 'Đã hiểu' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.evaluate(() => (globalThis.location.hash = '#/cai-dat/phien-ban'));
    await page.getByRole('heading', { name: 'Thông tin phiên bản', level: 2 }).waitFor();
    expect(await page.getByTestId('about-app-version').textContent()).toBe(pkg.version);
    expect(await page.getByTestId('about-build-date').textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(await page.getByTestId('about-schema-version').textContent()).toMatch(/^số \d+$/);
    await page.close();
    await server.stop();

    // The next start: no dialog.
    server = await startServer(dbPath);
    const again = await openPage(browser);
    await again.page.goto(server.url);
    await signIn(again.page, ADMIN);
    await again.page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await again.page.getByRole('dialog').count()).toBe(0);
  });
});
