import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfficeSettings } from '@shared/api/settings';
import {
  ADMIN,
  assertBuilt,
  callFromPage,
  firstRun,
  signIn,
  launchBrowser,
  makeTempDir,
  passwordInput,
  startServer,
  trackProblems,
  VIEWPORT,
  type RunningServer,
} from './harness';

// Backups in the browser: the administrator makes an encrypted backup onto a "USB" folder, changes
// something, restores the backup in Cài đặt → Sao lưu và khôi phục after seeing what it holds, and the
// change is gone; then undoes the restore.

const office = (unitName: string): OfficeSettings => ({
  unitName,
  parentBody: 'UBND tỉnh Lâm Đồng',
  placeName: 'Phan Thiết',
  province: 'Lâm Đồng',
  chairmanName: 'Nguyễn Văn Ơn',
  deputyChairmanName: '',
  officerName: '',
  reportRecipients: [],
});

describe('backup and restore in the UI', () => {
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

  it('backs up with a passphrase, restores after a change (seeing the contents first), and undoes it', async () => {
    const usb = join(temp.dir, 'usb');
    mkdirSync(usb);
    server = await startServer(join(temp.dir, 'data', 'so.sqlite'));
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'vi-VN' });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const problems = await trackProblems(page);
    await page.goto(server.url);
    await firstRun(page);
    expect(await callFromPage(page, 'settings.saveOffice', office('UBND phường Đức Nghĩa'))).toMatchObject({
      ok: true,
    });

    // The backup made when the app started (a moment after start) is listed.
    // (Up to a minute: a busy CI machine runs the integrity check of the copy slowly.)
    for (const until = Date.now() + 60_000; Date.now() < until;) {
      const list = await callFromPage<{ backups: unknown[] }>(page, 'backup.list');
      if (list.ok && list.value.backups.length > 0) break;
      await page.waitForTimeout(200);
    }
    await page.goto(`${server.url}/#/cai-dat/sao-luu`);
    await page.getByRole('heading', { level: 2, name: 'Sao lưu và khôi phục' }).waitFor();
    await page.getByRole('cell', { name: 'Khi mở ứng dụng' }).waitFor();

    // The harness has no folder dialog: the path is typed.
    await page.getByRole('textbox', { name: 'Thư mục lưu bản sao lưu (ví dụ USB)' }).fill(usb);
    await page.getByRole('checkbox', { name: 'Đặt cụm mật khẩu (mã hoá bản sao lưu)' }).check();
    await passwordInput(page, 'Cụm mật khẩu').fill('Ong Ba Mươi 2026');
    await passwordInput(page, 'Nhập lại cụm mật khẩu').fill('Ong Ba Mươi 2026');
    await page.getByRole('button', { name: 'Sao lưu ngay' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã sao lưu và kiểm tra' }).waitFor();
    const files = readdirSync(usb);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^so-an-sinh-sao-luu-.*\.sasbak$/);

    // Something changes after the backup.
    expect(await callFromPage(page, 'settings.saveOffice', office('UBND phường Phú Thủy'))).toMatchObject({ ok: true });

    await page.getByRole('textbox', { name: 'Tệp sao lưu' }).fill(join(usb, files[0]!));
    await passwordInput(page, 'Cụm mật khẩu (nếu bản sao lưu có mã hoá)').fill('sai mật khẩu');
    await page.getByRole('button', { name: 'Kiểm tra bản sao lưu' }).click();
    await page.getByRole('alert').filter({ hasText: 'Cụm mật khẩu không đúng' }).first().waitFor();

    await passwordInput(page, 'Cụm mật khẩu (nếu bản sao lưu có mã hoá)').fill('Ong Ba Mươi 2026');
    await page.getByRole('button', { name: 'Kiểm tra bản sao lưu' }).click();
    const contents = page.getByRole('region', { name: 'Bản sao lưu này chứa' });
    await contents.waitFor();
    const shown = await contents.textContent();
    expect(shown).toContain('UBND phường Đức Nghĩa');
    expect(shown).toContain('Số người trong sổ');
    expect(shown).toContain('Mã hoáCó');
    // Seeing it changed nothing.
    expect(await callFromPage(page, 'settings.getOffice')).toMatchObject({
      ok: true,
      value: { unitName: 'UBND phường Phú Thủy' },
    });

    await contents.getByRole('button', { name: 'Khôi phục bản này…' }).click();
    await page
      .getByRole('dialog', { name: 'Khôi phục bản sao lưu?' })
      .getByRole('button', { name: 'Khôi phục', exact: true })
      .click();
    await page.getByRole('status').filter({ hasText: 'Đã khôi phục dữ liệu từ bản sao lưu' }).waitFor();
    expect(await callFromPage(page, 'settings.getOffice')).toMatchObject({
      ok: true,
      value: { unitName: 'UBND phường Đức Nghĩa' },
    });
    await page.screenshot({ path: '/tmp/so-an-sinh-backup.png', fullPage: true });

    // After a reload the app shows the restored office.
    await page.goto(`${server.url}/#/cai-dat`);
    await page.reload();
    await page.getByText('UBND phường Đức Nghĩa').first().waitFor();

    await page.goto(`${server.url}/#/cai-dat/sao-luu`);
    await page.getByRole('button', { name: 'Hoàn tác lần khôi phục' }).click();
    await page
      .getByRole('dialog', { name: 'Hoàn tác lần khôi phục?' })
      .getByRole('button', { name: 'Hoàn tác', exact: true })
      .click();
    await page.getByRole('status').filter({ hasText: 'Đã hoàn tác' }).waitFor();
    expect(await callFromPage(page, 'settings.getOffice')).toMatchObject({
      ok: true,
      value: { unitName: 'UBND phường Phú Thủy' },
    });

    expect(problems.unexpected()).toEqual([]);
    await context.close();
  });

  it('at start, a damaged data file: the recovery screen offers the newest good backup and restores it with the admin password', async () => {
    await server?.stop();
    const dbPath = join(temp.dir, 'hong', 'so.sqlite');
    server = await startServer(dbPath);
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'vi-VN' });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const problems = await trackProblems(page);
    await page.goto(server.url);
    await firstRun(page);
    expect(await callFromPage(page, 'settings.saveOffice', office('UBND phường Đức Nghĩa'))).toMatchObject({
      ok: true,
    });
    // A backup by hand into the automatic folder (the one made at start has no administrator yet).
    await page.goto(`${server.url}/#/cai-dat/sao-luu`);
    await page.getByRole('button', { name: 'Sao lưu ngay' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã sao lưu và kiểm tra' }).waitFor();
    await server.stop();
    server = undefined;

    writeFileSync(dbPath, 'hello');
    server = await startServer(dbPath);
    await page.goto(server.url);
    await page.getByRole('heading', { level: 1, name: 'Không mở được dữ liệu' }).waitFor();
    const offer = page.getByRole('region', { name: 'Bản sao lưu tự động mới nhất dùng được' });
    await offer.waitFor();
    expect(await offer.textContent()).toContain('UBND phường Đức Nghĩa');
    await page.getByRole('textbox', { name: 'Tên đăng nhập quản trị' }).fill(ADMIN.username);
    await passwordInput(page, 'Mật khẩu').fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Khôi phục bản sao lưu này' }).click();
    await page.getByRole('alert').filter({ hasText: 'không đúng với một tài khoản quản trị' }).waitFor();
    expect(readFileSync(dbPath, 'utf8')).toBe('hello');

    await passwordInput(page, 'Mật khẩu').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Khôi phục bản sao lưu này' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã khôi phục dữ liệu từ bản sao lưu' }).waitFor();
    await page.screenshot({ path: '/tmp/so-an-sinh-recovery-restored.png' });
    await page.getByRole('button', { name: 'Mở Sổ An Sinh' }).click();
    await signIn(page, ADMIN);
    expect(await callFromPage(page, 'settings.getOffice')).toMatchObject({
      ok: true,
      value: { unitName: 'UBND phường Đức Nghĩa' },
    });
    // The damaged file is kept for the technician.
    expect(readFileSync(join(temp.dir, 'hong', 'sao-luu', 'truoc-khoi-phuc.sqlite'), 'utf8')).toBe('hello');
    expect(problems.unexpected()).toEqual([]);
    await context.close();
  });
});
