import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../main/security';
import {
  ADMIN,
  assertBuilt,
  firstRun,
  launchBrowser,
  makeTempDir,
  signIn,
  startServer,
  trackProblems,
  VIEWPORT,
  type RunningServer,
} from './harness';

// The first issue's promise, end to end: a new office opens the app, creates its administrator in the
// first-run wizard, is sent to Cài đặt, types its names (full of diacritics), saves with the keyboard,
// and finds them again after the app restarts (and the administrator signs in again).

const SCREENSHOT = '/tmp/so-an-sinh-settings.png';
/** What the administrator's navigation offers (Chi trả and Báo cáo are for the office's other roles). */
const NAV_LABELS = ['Việc cần làm', 'Sổ đối tượng', 'Chuyển khoản', 'Cài đặt'];

const OFFICE = {
  'Tên đơn vị': 'UBND phường Đức Nghĩa',
  'Cơ quan cấp trên': 'UBND tỉnh Lâm Đồng',
  'Địa danh': 'Phan Thiết',
  'Tỉnh/thành phố': 'Lâm Đồng',
  'Họ tên Chủ tịch': 'Nguyễn Văn Ơn',
  'Họ tên Phó Chủ tịch': 'Lê Thị Phó',
  'Họ tên cán bộ phụ trách': 'Trần Thị Mỹ Hạnh',
};
const RECIPIENTS = [
  { name: 'Sở Y tế tỉnh Lâm Đồng', scope: 'Bảo trợ xã hội' },
  { name: 'Sở Nội vụ tỉnh Lâm Đồng', scope: 'Người có công' },
];

const textbox = (page: Page, name: string) => page.getByRole('textbox', { name, exact: true });
const recipientName = (page: Page, row: number) => textbox(page, `Tên nơi nhận, dòng ${row}`);
const recipientScope = (page: Page, row: number) => textbox(page, `Loại báo cáo, dòng ${row}`);

async function addRecipient(page: Page, row: number, value: { name: string; scope: string }): Promise<void> {
  await page.getByRole('button', { name: 'Thêm nơi nhận' }).click();
  // The new row's name field gets the focus.
  await expectFocused(page, recipientName(page, row));
  await page.keyboard.type(value.name);
  await recipientScope(page, row).fill(value.scope);
}

async function expectFocused(page: Page, locator: Locator): Promise<void> {
  await page.waitForFunction((id) => document.activeElement?.id === id, await locator.getAttribute('id'), {
    timeout: 5_000,
  });
}

/** The message shown under a field: its aria-describedby text, as assistive technology reads it. */
async function describedText(page: Page, name: string): Promise<string> {
  return textbox(page, name).evaluate((input) =>
    (input.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' | '),
  );
}

/** Elements that would need a horizontal scroll bar at 1366×768 (the page or the scrolling content). */
async function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [document.documentElement, ...document.querySelectorAll<HTMLElement>('.app-scroll')]
      .filter((el) => el.scrollWidth > el.clientWidth)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${el.scrollWidth} > ${el.clientWidth}`),
  );
}

describe('Cài đặt → Thông tin đơn vị, in Chromium against the browser harness', () => {
  let browser: Browser;
  const temp = makeTempDir();
  const servers: RunningServer[] = [];

  beforeAll(async () => {
    assertBuilt();
    browser = await launchBrowser();
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });
  afterAll(async () => {
    await browser?.close();
    temp.remove();
  });

  async function serve(dbPath: string): Promise<RunningServer> {
    const server = await startServer(dbPath);
    servers.push(server);
    return server;
  }

  async function openPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'vi-VN' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  }

  it('first run: lands on Cài đặt, saves with Ctrl+S, and shows the values again after a restart', async () => {
    const dbPath = join(temp.dir, 'first-run', 'so.sqlite');
    let server = await serve(dbPath);
    const page = await openPage();
    const problems = await trackProblems(page);

    const response = await page.goto(server.url);
    expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    const metaCsp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    const withoutFrameAncestors = CONTENT_SECURITY_POLICY.split('; ').filter((d) => !d.startsWith('frame-ancestors'));
    expect(metaCsp?.split('; ')).toEqual(withoutFrameAncestors);

    // No administrator yet: the first-run wizard, then the Vietnamese shell, landed on Cài đặt with the
    // first-run notice.
    await firstRun(page, ADMIN);
    await page.getByRole('heading', { level: 1, name: 'Cài đặt' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/cai-dat');
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    const nav = page.getByRole('navigation', { name: 'Chức năng chính' });
    expect(await nav.getByRole('listitem').count()).toBe(NAV_LABELS.length);
    for (const label of NAV_LABELS) {
      expect(await nav.getByRole('link', { name: label, exact: true }).isVisible(), label).toBe(true);
    }
    expect(await nav.getByRole('link', { name: 'Cài đặt' }).getAttribute('aria-current')).toBe('page');
    await page.getByText('Thiết lập thông tin đơn vị trước khi bắt đầu').waitFor();
    await page.getByRole('banner').getByText('Quản trị hệ thống').waitFor();

    // Bundled Arimo is what renders (not a system font), at a readable size, without horizontal scroll.
    const look = await page.evaluate(async () => {
      await document.fonts.ready;
      return {
        check: document.fonts.check('16px Arimo'),
        loadedArimo: [...document.fonts].filter(
          (f) => f.family.replace(/["']/g, '') === 'Arimo' && f.status === 'loaded',
        ).length,
        bodyFontPx: parseFloat(getComputedStyle(document.body).fontSize),
        inputFontPx: parseFloat(getComputedStyle(document.querySelector('input')!).fontSize),
      };
    });
    expect(look.check).toBe(true);
    expect(look.loadedArimo).toBeGreaterThanOrEqual(1);
    expect(look.bodyFontPx).toBeGreaterThanOrEqual(16);
    expect(look.inputFontPx).toBeGreaterThanOrEqual(16);
    expect(await horizontalOverflow(page)).toEqual([]);

    // Fill in by keyboard, in tab order.
    await textbox(page, 'Tên đơn vị').focus();
    for (const [label, value] of Object.entries(OFFICE)) {
      await expectFocused(page, textbox(page, label));
      await page.keyboard.type(value);
      await page.keyboard.press('Tab');
    }
    await addRecipient(page, 1, RECIPIENTS[0]!);
    await addRecipient(page, 2, { name: 'Nơi nhận sẽ xóa', scope: '' });
    await addRecipient(page, 3, RECIPIENTS[1]!);
    await page.getByRole('button', { name: 'Xóa nơi nhận dòng 2' }).click();
    expect(await recipientName(page, 2).inputValue()).toBe(RECIPIENTS[1]!.name);
    expect(await recipientName(page, 3).count()).toBe(0);

    // Save with Ctrl+S from inside a field.
    await recipientScope(page, 2).focus();
    await page.keyboard.press('Control+S');
    await page.getByRole('status').filter({ hasText: 'Đã lưu thông tin đơn vị.' }).waitFor();
    await page.getByRole('banner').getByText(OFFICE['Tên đơn vị']).waitFor();
    expect(await page.getByText('Thiết lập thông tin đơn vị trước khi bắt đầu').count()).toBe(0);
    expect(await page.getByRole('alert').filter({ hasText: /\S/ }).count()).toBe(0);
    expect(await horizontalOverflow(page)).toEqual([]);
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: SCREENSHOT });

    // Stop the server, start a new process on the same file, open the app again: the session is gone
    // with the process, so the administrator signs in again.
    await server.stop();
    server = await serve(dbPath);
    await page.goto(server.url);
    await signIn(page, ADMIN);
    // Settings exist now: no first-run redirect, the app opens on Việc cần làm (issue 14); the header
    // already names the office.
    await page.getByRole('heading', { level: 1, name: 'Việc cần làm' }).waitFor();
    await nav.getByRole('link', { name: 'Sổ đối tượng' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sổ đối tượng' }).waitFor();
    await page.getByRole('combobox', { name: 'Tìm kiếm' }).waitFor();
    await page.getByRole('banner').getByText(OFFICE['Tên đơn vị']).waitFor();
    await nav.getByRole('link', { name: 'Cài đặt' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cài đặt' }).waitFor();
    for (const [label, value] of Object.entries(OFFICE)) {
      expect(await textbox(page, label).inputValue(), label).toBe(value);
    }
    for (const [i, recipient] of RECIPIENTS.entries()) {
      expect(await recipientName(page, i + 1).inputValue()).toBe(recipient.name);
      expect(await recipientScope(page, i + 1).inputValue()).toBe(recipient.scope);
    }
    expect(await recipientName(page, 3).count()).toBe(0);

    expect(problems.unexpected()).toEqual([]);
    await page.context().close();
  });

  it('an empty unit name: the server’s Vietnamese message next to the field, and nothing typed is lost', async () => {
    const server = await serve(join(temp.dir, 'invalid', 'so.sqlite'));
    const page = await openPage();
    const problems = await trackProblems(page);
    await page.goto(server.url);
    await firstRun(page, ADMIN);
    await page.getByRole('heading', { level: 1, name: 'Cài đặt' }).waitFor();

    const typed = { ...OFFICE, 'Tên đơn vị': '' };
    for (const [label, value] of Object.entries(typed)) await textbox(page, label).fill(value);
    await addRecipient(page, 1, RECIPIENTS[0]!);
    await addRecipient(page, 2, { name: '', scope: 'Người có công' });

    // Enter in a field submits.
    await textbox(page, 'Tỉnh/thành phố').press('Enter');
    await page.getByRole('alert').filter({ hasText: 'Tên đơn vị: không được để trống.' }).waitFor();
    expect(await describedText(page, 'Tên đơn vị')).toContain('Tên đơn vị: không được để trống.');
    expect(await textbox(page, 'Tên đơn vị').getAttribute('aria-invalid')).toBe('true');
    expect(await describedText(page, 'Tên nơi nhận, dòng 2')).toContain('Tên nơi nhận: không được để trống.');
    // The cursor goes to the first field with a problem.
    await expectFocused(page, textbox(page, 'Tên đơn vị'));
    expect(await page.getByRole('status').filter({ hasText: /\S/ }).count()).toBe(0);

    for (const [label, value] of Object.entries(typed)) {
      expect(await textbox(page, label).inputValue(), label).toBe(value);
    }
    expect(await recipientName(page, 1).inputValue()).toBe(RECIPIENTS[0]!.name);
    expect(await recipientScope(page, 1).inputValue()).toBe(RECIPIENTS[0]!.scope);
    expect(await recipientScope(page, 2).inputValue()).toBe('Người có công');

    // Correcting the two fields and pressing Enter saves.
    await page.keyboard.type('UBND xã Tân Thành');
    expect(await textbox(page, 'Tên đơn vị').getAttribute('aria-invalid')).toBeNull();
    await recipientName(page, 2).fill('Sở Nội vụ');
    await recipientName(page, 2).press('Enter');
    await page.getByRole('status').filter({ hasText: 'Đã lưu thông tin đơn vị.' }).waitFor();
    await page.getByRole('banner').getByText('UBND xã Tân Thành').waitFor();

    // A refused save is an answer (HTTP 200, ok: false), so the console stays clean.
    expect(problems.all).toEqual([]);
    await page.context().close();
  });
});
