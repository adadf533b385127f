import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, startWard, type RunningServer } from './harness';

// A screen that throws while rendering: here provoked by a real malformed answer from main (the users
// list holding a null), not by a test-only switch. The screen's error boundary shows its Vietnamese
// message with the menu still there, the error reaches main's log file, «Tải lại màn hình» loads the
// screen again, «Về trang đầu» goes to the register; the administrator saves the log from Cài đặt.

const temp = makeTempDir();
const LOG = join(temp.dir, 'nhat-ky', 'so-an-sinh.log');
let server: RunningServer;
let browser: Browser;
let page: Page;

/** The users list answers `[null]` until the returned function is called. */
async function breakUsersList(): Promise<() => Promise<void>> {
  const pattern = '**/api/users.list';
  await page.route(pattern, (route) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: true, value: [null] }) }),
  );
  return () => page.unroute(pattern);
}

/** Polls (with a deadline) until the log file holds `text`. */
async function logContains(text: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const log = existsSync(LOG) ? readFileSync(LOG, 'utf8') : '';
    if (log.includes(text)) return log;
    if (Date.now() > deadline) throw new Error(`the log never held «${text}»:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  ({ server, browser, page } = await startWard(join(temp.dir, 'so.sqlite')));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  temp.remove();
});

describe('a screen that fails to render', () => {
  it('shows the Vietnamese message in place of the screen, keeps the menu, and logs the error in main', async () => {
    const repair = await breakUsersList();
    await page.goto(`${server.url}/#/cai-dat/nguoi-dung`);
    const boundary = page.getByTestId('error-boundary');
    await boundary.getByRole('heading', { name: 'Màn hình này gặp lỗi' }).waitFor();
    expect(await boundary.getAttribute('role')).toBe('alert');
    expect(await boundary.textContent()).toContain('Dữ liệu đã lưu không bị ảnh hưởng');
    await page.getByRole('navigation').getByRole('link', { name: 'Sổ đối tượng' }).waitFor();
    await page.screenshot({ path: '/tmp/so-an-sinh-error-boundary.png' }); // for a person to look at
    const log = await logContains('a screen failed to render at #/cai-dat/nguoi-dung');
    expect(log).toMatch(/ERROR \[renderer\] a screen failed to render at #\/cai-dat\/nguoi-dung: .*null/);
    expect(log).toMatch(/Thành phần:\n\s+at /); // the component stack (minified names in the built app)

    // «Tải lại màn hình»: the screen mounts again and asks main again (now answering properly).
    await repair();
    await boundary.getByRole('button', { name: 'Tải lại màn hình' }).click();
    await page.getByRole('heading', { name: 'Người dùng', level: 2 }).waitFor();
    expect(await page.getByTestId('error-boundary').count()).toBe(0);
  });

  it('«Về trang đầu» leaves the broken screen for the register', async () => {
    await page.goto(`${server.url}/#/cai-dat`);
    await page.getByRole('heading', { name: 'Thông tin đơn vị', level: 2 }).waitFor();
    const repair = await breakUsersList();
    await page.goto(`${server.url}/#/cai-dat/nguoi-dung`);
    const boundary = page.getByTestId('error-boundary');
    await boundary.waitFor();
    await boundary.getByRole('button', { name: 'Về trang đầu' }).click();
    await page.waitForFunction(() => window.location.hash === '#/so-doi-tuong');
    await page.getByRole('heading', { name: 'Sổ đối tượng', level: 1 }).waitFor();
    expect(await page.getByTestId('error-boundary').count()).toBe(0);
    await repair();
  });

  it('the administrator saves the error log for a support request (Cài đặt → Nhật ký lỗi)', async () => {
    await page.goto(`${server.url}/#/cai-dat/nhat-ky-loi`);
    await page.getByRole('heading', { name: 'Nhật ký lỗi', level: 2 }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải nhật ký lỗi về' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^nhat-ky-loi-\d{8}-\d{4}\.txt$/);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text).toContain('nhật ký lỗi lấy lúc');
    expect(text).toContain('a screen failed to render at #/cai-dat/nguoi-dung');
    await page.getByRole('status').filter({ hasText: 'Đã tải về «nhat-ky-loi-' }).waitFor();
  });
});
