import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_LABELS } from '@shared/api/auth';
import { parseCsv } from '@shared/domain/csv';
import { xlsxToCsvSheets } from '../support/libreoffice';
import {
  ADMIN,
  OFFICER,
  VIEWPORT,
  assertBuilt,
  callFromPage,
  createUser,
  horizontalOverflow,
  launchBrowser,
  makeTempDir,
  passwordInput,
  signIn,
  signOut,
  startServer,
  trackProblems,
  type PageProblems,
  type RunningServer,
  type TestUser,
} from './harness';

// Named users and roles, end to end on one data file: the first-run wizard creates the administrator;
// sign-in refuses a wrong password in Vietnamese; the administrator creates an officer and an
// accountant; each role sees only its own functions and main refuses the rest (FORBIDDEN); a user
// disabled meanwhile is sent back to sign-in; the idle lock (main's, with serve.js --idle-seconds 3, and
// the renderer's own timer) keeps everything typed and sends the refused save again after unlocking; the
// audit screen shows it all, verifies the chain and exports to Excel.
// Screenshots at 1366×768: /tmp/so-an-sinh-auth-*.png.

const SHOTS = {
  firstRun: '/tmp/so-an-sinh-auth-first-run.png',
  signIn: '/tmp/so-an-sinh-auth-sign-in.png',
  users: '/tmp/so-an-sinh-auth-users.png',
  officerSettings: '/tmp/so-an-sinh-auth-officer-settings.png',
  security: '/tmp/so-an-sinh-auth-security.png',
  password: '/tmp/so-an-sinh-auth-password.png',
  lock: '/tmp/so-an-sinh-auth-lock.png',
  audit: '/tmp/so-an-sinh-auth-audit.png',
};

const ACCOUNTANT: TestUser = {
  fullName: 'Lê Thị Hoa',
  username: 'ketoan.hoa',
  password: 'Ketoan@2025',
  role: 'accountant',
};
const WRONG_PASSWORD = 'Tên đăng nhập hoặc mật khẩu không đúng.';
const LOCK_TITLE = 'Phiên làm việc đã khoá';

const pad = (n: number) => String(n).padStart(2, '0');
const now = new Date();
const TODAY = `${pad(now.getDate())}/${pad(now.getMonth() + 1)}/${now.getFullYear()}`;

const textbox = (page: Page, name: string) => page.getByRole('textbox', { name, exact: true });
const combobox = (page: Page, name: string) => page.getByRole('combobox', { name, exact: true });
/**
 * What a field of the page holds while a modal covers it (the page is inert then, outside the
 * accessibility tree, so role and label locators do not reach it): found by its label's text.
 */
function valueUnderModal(page: Page, label: string): Promise<string | undefined> {
  return page.evaluate((wanted) => {
    const found = [...document.querySelectorAll<HTMLLabelElement>('.app-main label')].find(
      (l) => l.textContent?.replace('*', '').trim() === wanted,
    );
    const control = found?.htmlFor ? document.getElementById(found.htmlFor) : null;
    return control instanceof HTMLInputElement || control instanceof HTMLSelectElement ? control.value : undefined;
  }, label);
}

const titleUnderModal = (page: Page) => page.evaluate(() => document.querySelector('.app-main h1')?.textContent);

describe('Sign-in, roles, the idle lock and the audit log, in Chromium against the browser harness', () => {
  let browser: Browser;
  let server: RunningServer | undefined;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  const temp = makeTempDir();
  const dbPath = join(temp.dir, 'so.sqlite');

  /** A new main process on the same file (sessions do not survive it). The page leaves first, so no call of its meets a closed port. */
  async function restart(options: { idleSeconds?: number } = {}): Promise<void> {
    if (page) await page.goto('about:blank');
    await server?.stop();
    server = await startServer(dbPath, options);
  }

  beforeAll(async () => {
    assertBuilt();
    browser = await launchBrowser();
    await restart();
    context = await browser.newContext({ viewport: VIEWPORT, locale: 'vi-VN', acceptDownloads: true });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    problems = await trackProblems(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    temp.remove();
  });

  it('first run creates the administrator; a wrong password is refused in Vietnamese and the name is kept', async () => {
    await page.goto(server!.url);
    await page.getByRole('heading', { level: 1, name: 'Thiết lập lần đầu' }).waitFor();
    expect(await page.title()).toBe('Thiết lập lần đầu — Sổ An Sinh');
    await page.getByText('quản trị hệ thống').first().waitFor();
    // No shell before an account exists.
    expect(await page.getByRole('navigation').count()).toBe(0);
    expect(await horizontalOverflow(page)).toEqual([]);
    await page.screenshot({ path: SHOTS.firstRun });

    // The two passwords must match (checked before anything is sent); nothing typed is lost.
    await textbox(page, 'Họ và tên').fill(ADMIN.fullName);
    await textbox(page, 'Tên đăng nhập').fill(ADMIN.username);
    await passwordInput(page, 'Mật khẩu').fill(ADMIN.password);
    await passwordInput(page, 'Nhập lại mật khẩu').fill(`${ADMIN.password}x`);
    await page.getByRole('button', { name: 'Tạo tài khoản và bắt đầu' }).click();
    await page.getByText('Hai lần nhập mật khẩu chưa giống nhau.').waitFor();
    expect(await passwordInput(page, 'Nhập lại mật khẩu').getAttribute('aria-invalid')).toBe('true');
    expect(await textbox(page, 'Họ và tên').inputValue()).toBe(ADMIN.fullName);

    await passwordInput(page, 'Nhập lại mật khẩu').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Tạo tài khoản và bắt đầu' }).click();
    // Signed in at once, as administrator, on Cài đặt (the office is not set up yet).
    const banner = page.getByRole('banner');
    await banner.getByText(ADMIN.fullName, { exact: true }).waitFor();
    expect(await banner.getByText(ROLE_LABELS.admin, { exact: true }).count()).toBe(1);
    await page.getByRole('heading', { level: 1, name: 'Cài đặt' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/cai-dat');

    // A second first run is refused by main: the wizard is gone for good.
    const again = await callFromPage(page, 'auth.firstRun', {
      username: 'khac',
      fullName: 'Người khác',
      password: 'Matkhau@123',
    });
    expect(again.ok).toBe(false);

    await signOut(page);
    await page.getByRole('status').filter({ hasText: 'Bạn đã đăng xuất.' }).waitFor();
    expect(await page.title()).toBe('Đăng nhập — Sổ An Sinh');

    // A wrong password: main's message, the user name kept, the password cleared and focused.
    await textbox(page, 'Tên đăng nhập').fill(ADMIN.username);
    await passwordInput(page, 'Mật khẩu').fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: WRONG_PASSWORD }).waitFor();
    expect(await textbox(page, 'Tên đăng nhập').inputValue()).toBe(ADMIN.username);
    expect(await passwordInput(page, 'Mật khẩu').inputValue()).toBe('');
    await page.waitForFunction(() => document.activeElement?.id === 'sign-in-password');
    expect(await horizontalOverflow(page)).toEqual([]);
    await page.screenshot({ path: SHOTS.signIn });

    await signIn(page, ADMIN);
    expect(problems.unexpected()).toEqual([]);
  });

  it('the administrator creates an officer and an accountant; the list shows their roles', async () => {
    await page.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name: 'Cài đặt' }).click();
    const tabs = page.getByRole('navigation', { name: 'Các mục cài đặt' });
    expect(await tabs.getByRole('link').allTextContents()).toEqual([
      'Thông tin đơn vị',
      'Chế độ làm việc',
      'Người dùng',
      'Bảo mật',
      'Nhật ký',
      'Sao lưu và khôi phục',
      'Ngân hàng',
      'Mẫu tệp ngân hàng',
      'Nhật ký lỗi',
      'Đổi mật khẩu',
      'Thông tin phiên bản',
    ]);
    await tabs.getByRole('link', { name: 'Người dùng' }).click();
    await page.getByRole('heading', { name: 'Người dùng', level: 2 }).waitFor();

    // The roles offered are exactly shared/api/auth.ts's labels (the renderer keeps its own copy).
    const roleOptions = await combobox(page, 'Vai trò').locator('option').allTextContents();
    expect(roleOptions.slice(1).sort()).toEqual(Object.values(ROLE_LABELS).sort());

    // A user name with diacritics: main's message under the field, the rest kept.
    const form = page.getByRole('form', { name: 'Tạo tài khoản mới' });
    await form.getByRole('textbox', { name: 'Họ và tên', exact: true }).fill(OFFICER.fullName);
    await form.getByRole('textbox', { name: 'Tên đăng nhập', exact: true }).fill('cán bộ');
    await combobox(page, 'Vai trò').selectOption({ label: ROLE_LABELS.officer });
    await passwordInput(form, 'Mật khẩu ban đầu').fill(OFFICER.password);
    await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await form
      .getByText(/Tên đăng nhập: 3–32 ký tự/)
      .first()
      .waitFor();
    expect(await form.getByRole('textbox', { name: 'Tên đăng nhập', exact: true }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(await form.getByRole('textbox', { name: 'Họ và tên', exact: true }).inputValue()).toBe(OFFICER.fullName);

    await createUser(page, OFFICER, ROLE_LABELS.officer);
    await createUser(page, ACCOUNTANT, ROLE_LABELS.accountant);

    const table = page.getByRole('table', { name: 'Danh sách người dùng' });
    for (const user of [ADMIN, OFFICER, ACCOUNTANT]) {
      const row = table.getByRole('row').filter({ hasText: user.username });
      expect(await row.getByRole('cell').nth(1).textContent(), user.username).toBe(ROLE_LABELS[user.role]);
      expect(await row.textContent()).toContain(user.fullName);
      expect(await row.textContent()).toContain('Đang dùng');
    }
    // The administrator cannot disable herself from here.
    expect(await page.getByRole('button', { name: `Vô hiệu hoá tài khoản ${ADMIN.username}` }).count()).toBe(0);
    expect(await horizontalOverflow(page)).toEqual([]);
    await page.evaluate(() => document.querySelector('.app-scroll')?.scrollTo({ top: 0 }));
    await page.screenshot({ path: SHOTS.users });
    expect(problems.unexpected()).toEqual([]);
  });

  it('the officer sees no Người dùng or Nhật ký, and main refuses an admin channel (FORBIDDEN, in Vietnamese)', async () => {
    await signOut(page);
    await signIn(page, OFFICER);
    // Everyone lands on Việc cần làm (issue 14).
    await page.getByRole('heading', { level: 1, name: 'Việc cần làm' }).waitFor();
    const banner = page.getByRole('banner');
    expect(await banner.getByText(ROLE_LABELS.officer, { exact: true }).count()).toBe(1);
    const nav = page.getByRole('navigation', { name: 'Chức năng chính' });
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Việc cần làm',
      'Sổ đối tượng',
      'Chuyển khoản',
      'Chi trả',
      'Báo cáo',
      'Cài đặt',
    ]);
    await nav.getByRole('link', { name: 'Sổ đối tượng' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sổ đối tượng' }).waitFor();
    await page.getByRole('link', { name: 'Thêm đối tượng' }).waitFor();

    await nav.getByRole('link', { name: 'Cài đặt' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cài đặt' }).waitFor();
    const tabs = page.getByRole('navigation', { name: 'Các mục cài đặt' });
    expect(await tabs.getByRole('link').allTextContents()).toEqual([
      'Thông tin đơn vị',
      'Đổi mật khẩu',
      'Thông tin phiên bản',
    ]);
    expect(await page.getByRole('link', { name: 'Người dùng' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Nhật ký' }).count()).toBe(0);
    // The office's details, read-only: no fields, no Lưu.
    await page.getByText('Chỉ người quản trị hệ thống sửa được thông tin đơn vị').waitFor();
    expect(await page.getByRole('button', { name: 'Lưu' }).count()).toBe(0);
    expect(await page.getByRole('textbox').count()).toBe(0);
    await page.screenshot({ path: SHOTS.officerSettings });

    // An old link to an administrator's page: a note, and no call is made for its data.
    await page.goto(`${server!.url}/#/cai-dat/nguoi-dung`);
    await page.getByText('Trang này dành cho vai trò khác').waitFor();
    expect(await page.getByRole('table').count()).toBe(0);

    // Hiding is not the protection: main refuses the call itself, in Vietnamese.
    const answer = await callFromPage(page, 'users.list', {});
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('FORBIDDEN');
    expect(answer.error.message).toContain(ROLE_LABELS.officer);
    expect(answer.error.message).toMatch(/không được phép/);
    expect(problems.unexpected()).toEqual([]);
  });

  it('the accountant reads and exports but does not enroll; disabled meanwhile, her next call goes back to sign-in', async () => {
    await signOut(page);
    await signIn(page, ACCOUNTANT);
    await page.getByRole('heading', { level: 1, name: 'Việc cần làm' }).waitFor();
    await page.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name: 'Sổ đối tượng' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sổ đối tượng' }).waitFor();
    await page.getByRole('button', { name: 'Xuất Excel' }).waitFor();
    expect(await page.getByRole('link', { name: 'Thêm đối tượng' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Nhập từ Excel' }).count()).toBe(0);
    await page.goto(`${server!.url}/#/so-doi-tuong/them`);
    await page.getByText('Trang này dành cho vai trò khác').waitFor();
    expect(await page.getByRole('heading', { level: 1, name: 'Thêm đối tượng' }).count()).toBe(0);

    // Meanwhile, at another PC, the administrator disables her account.
    const adminContext = await browser.newContext({ viewport: VIEWPORT, locale: 'vi-VN' });
    const admin = await adminContext.newPage();
    admin.setDefaultTimeout(15_000);
    await admin.goto(server!.url);
    await signIn(admin, ADMIN);
    await admin.goto(`${server!.url}/#/cai-dat/nguoi-dung`);
    await admin.getByRole('button', { name: `Vô hiệu hoá tài khoản ${ACCOUNTANT.username}` }).click();
    const confirm = admin.getByRole('dialog', { name: /Vô hiệu hoá tài khoản/ });
    await confirm.getByRole('button', { name: 'Vô hiệu hoá' }).click();
    await admin
      .getByRole('status')
      .filter({ hasText: `Đã vô hiệu hoá tài khoản «${ACCOUNTANT.username}»` })
      .waitFor();
    await admin.getByRole('row').filter({ hasText: ACCOUNTANT.username }).getByText('Đã vô hiệu hoá').waitFor();

    // Her next call finds no session: back to sign-in, with a word on why; her password no longer works.
    await page.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name: 'Sổ đối tượng' }).click();
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    await page.getByText('Phiên làm việc đã kết thúc').waitFor();
    await textbox(page, 'Tên đăng nhập').fill(ACCOUNTANT.username);
    await passwordInput(page, 'Mật khẩu').fill(ACCOUNTANT.password);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'vô hiệu hoá' }).waitFor();

    // Given back her account, she signs in again.
    await admin.getByRole('button', { name: `Cho dùng lại tài khoản ${ACCOUNTANT.username}` }).click();
    await admin.getByRole('status').filter({ hasText: 'dùng lại' }).waitFor();
    await adminContext.close();
    await passwordInput(page, 'Mật khẩu').fill(ACCOUNTANT.password);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('banner').getByText(ACCOUNTANT.fullName, { exact: true }).waitFor();
    expect(problems.unexpected()).toEqual([]);
  });

  it('idle lock from main (--idle-seconds 3): the typed enrollment stays under the lock; unlocking sends the save again', async () => {
    await restart({ idleSeconds: 3 });
    await page.goto(`${server!.url}/#/so-doi-tuong`);
    await signIn(page, OFFICER);
    await page.getByRole('link', { name: 'Thêm đối tượng' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thêm đối tượng' }).waitFor();

    await textbox(page, 'Họ và tên').fill('Đặng Thị Hường');
    await textbox(page, 'Ngày sinh').fill('1940');
    await combobox(page, 'Giới tính').selectOption('female');
    await page.getByRole('combobox', { name: 'Khu phố/Tổ dân phố' }).fill('Khu phố 3');
    await combobox(page, 'Chế độ').selectOption('BTXH');
    await combobox(page, 'Nhóm đối tượng').selectOption('BTXH-5C');
    await textbox(page, 'Số quyết định').fill('125/QĐ-UBND');
    await textbox(page, 'Ngày ký').fill(TODAY);
    await textbox(page, 'Người ký').fill('Nguyễn Văn Ơn');

    // The officer is at the PC (the mouse moves, so the screen's own timer does not lock) but makes no
    // call for more than 3 s: main locks the session; the save is refused with LOCKED.
    const lock = page.getByRole('dialog', { name: LOCK_TITLE });
    const until = Date.now() + 4_500;
    for (let i = 0; Date.now() < until; i++) {
      await page.mouse.move(700 + (i % 2) * 20, 420);
      await page.waitForTimeout(300);
    }
    expect(await lock.count()).toBe(0);
    await page.getByRole('button', { name: 'Thêm vào sổ' }).click();
    await lock.waitFor();
    expect(await lock.textContent()).toContain(OFFICER.fullName);
    expect(await page.title()).toBe(`${LOCK_TITLE} — Sổ An Sinh`);

    // Everything typed is still there, under the lock; the page was not left.
    expect(new URL(page.url()).hash).toBe('#/so-doi-tuong/them');
    expect(await titleUnderModal(page)).toBe('Thêm đối tượng');
    expect(await valueUnderModal(page, 'Họ và tên')).toBe('Đặng Thị Hường');
    expect(await valueUnderModal(page, 'Ngày sinh')).toBe('1940');
    expect(await valueUnderModal(page, 'Nhóm đối tượng')).toBe('BTXH-5C');
    expect(await valueUnderModal(page, 'Số quyết định')).toBe('125/QĐ-UBND');
    expect(await valueUnderModal(page, 'Người ký')).toBe('Nguyễn Văn Ơn');
    // Escape does not close the lock; the focus is in its password field.
    await page.keyboard.press('Escape');
    expect(await lock.isVisible()).toBe(true);
    await page.waitForFunction(() => document.activeElement?.id === 'lock-password');
    await page.screenshot({ path: SHOTS.lock });

    // A wrong password: main's message, still locked.
    await passwordInput(lock, 'Mật khẩu').fill('sai-mat-khau');
    await lock.getByRole('button', { name: 'Mở khoá' }).click();
    await lock.getByRole('alert').filter({ hasText: 'không đúng' }).waitFor();
    expect(await lock.isVisible()).toBe(true);
    expect(await valueUnderModal(page, 'Họ và tên')).toBe('Đặng Thị Hường');

    // The right one: the lock goes, and the refused save goes through by itself.
    await passwordInput(lock, 'Mật khẩu').fill(OFFICER.password);
    await page.keyboard.press('Enter');
    await lock.waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 1, name: 'Đặng Thị Hường' }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: 'Đã thêm Đặng Thị Hường vào sổ theo quyết định 125/QĐ-UBND' })
      .waitFor();
    expect(problems.unexpected()).toEqual([]);
  });

  it('the screen locks by itself after the idle time without input; unlocking continues on the same page', async () => {
    const lock = page.getByRole('dialog', { name: LOCK_TITLE });
    const hash = new URL(page.url()).hash;
    // No key, no mouse for longer than the idle time (3 s here): the renderer's own timer locks.
    await lock.waitFor({ timeout: 8_000 });
    expect(await titleUnderModal(page)).toBe('Đặng Thị Hường');
    // Reloading the page does not get past it once main has locked the session too (its own 3 s, counted
    // from the last call): the app opens locked, on the same page.
    await expect
      .poll(
        async () => {
          const answer = await callFromPage<{ state: string }>(page, 'auth.state', {});
          return answer.ok ? answer.value.state : answer.error.code;
        },
        { timeout: 8_000 },
      )
      .toBe('locked');
    await page.reload();
    await lock.waitFor();
    expect(await lock.textContent()).toContain(OFFICER.fullName);
    expect(new URL(page.url()).hash).toBe(hash);
    await passwordInput(lock, 'Mật khẩu').fill(OFFICER.password);
    await lock.getByRole('button', { name: 'Mở khoá' }).click();
    await lock.waitFor({ state: 'detached' });
    expect(new URL(page.url()).hash).toBe(hash);
    await page.getByRole('heading', { level: 1, name: 'Đặng Thị Hường' }).waitFor();
    // Đăng xuất from the lock itself also works.
    await lock.waitFor({ timeout: 8_000 });
    await lock.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    expect(problems.unexpected()).toEqual([]);
  });

  it('the audit screen shows the officer’s sign-in, the refusal and the enrollment; the chain is intact; Excel export downloads', async () => {
    await restart();
    await page.goto(server!.url);
    await signIn(page, ADMIN);
    await page.goto(`${server!.url}/#/cai-dat/nhat-ky`);
    await page.getByRole('heading', { name: 'Nhật ký', level: 2 }).waitFor();
    await page.getByRole('status').filter({ hasText: /mục/ }).first().waitFor();

    await combobox(page, 'Người thực hiện').selectOption({ label: `${OFFICER.fullName} (${OFFICER.username})` });
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    const table = page.getByRole('table', { name: /Các mục nhật ký/ });
    await table.getByRole('cell', { name: 'Thêm hồ sơ', exact: true }).waitFor();
    // The unfiltered rows stay on screen until the filtered answer arrives: wait for it.
    await page.waitForFunction(
      (name) => !document.querySelector('table')?.textContent?.includes(name),
      ACCOUNTANT.fullName,
    );
    const text = (await table.textContent()) ?? '';
    expect(text).toContain(OFFICER.fullName);
    expect(text).not.toContain(ACCOUNTANT.fullName);
    expect(await table.getByRole('cell', { name: 'Đăng nhập', exact: true }).count()).toBeGreaterThan(0);
    const refusal = table.getByRole('row').filter({ hasText: 'Bị từ chối: không đủ quyền' });
    expect(await refusal.count()).toBeGreaterThan(0);
    expect(await refusal.first().textContent()).toContain('xem danh sách người dùng');
    const enrollment = table.getByRole('row').filter({ hasText: 'Thêm hồ sơ' });
    expect(await enrollment.first().textContent()).toContain('Đặng Thị Hường');
    expect(await table.getByRole('row').filter({ hasText: 'Mở khoá không thành công' }).count()).toBe(1);
    // Local time, day first.
    const firstTime = await table.locator('tbody tr td').first().textContent();
    expect(firstTime).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);

    // The dates typed dd/mm/yyyy: a wrong one is caught before asking main.
    await textbox(page, 'Từ ngày').fill('31/02/2025');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.getByText('Từ ngày: nhập theo dạng ngày/tháng/năm').waitFor();
    await textbox(page, 'Từ ngày').fill(TODAY);
    await textbox(page, 'Đến ngày').fill(TODAY);
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await table.getByRole('cell', { name: 'Thêm hồ sơ', exact: true }).waitFor();

    await page.getByRole('button', { name: 'Kiểm tra tính toàn vẹn' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Nhật ký nguyên vẹn \(\d[\d.]* mục\)$/ })
      .waitFor();
    expect(await page.getByRole('alert').filter({ hasText: /\S/ }).count()).toBe(0);
    expect(await horizontalOverflow(page)).toEqual([]);
    await page
      .getByRole('heading', { name: 'Nhật ký', level: 2 })
      .evaluate((h) => h.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: SHOTS.audit });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Xuất Excel' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^nhat-ky-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const saved = join(temp.dir, download.suggestedFilename());
    await download.saveAs(saved);
    const done = page.getByRole('status').filter({ hasText: /^Đã xuất \d+ mục nhật ký/ });
    await done.waitFor();
    const count = Number(/Đã xuất (\d+)/.exec((await done.textContent()) ?? '')![1]);
    const rows = parseCsv(xlsxToCsvSheets(readFileSync(saved))[0]!).filter((r) => /^\d+$/.test(r[0] ?? ''));
    expect(rows.length).toBe(count);
    expect(rows.some((r) => r.includes(OFFICER.username))).toBe(true);
    expect(rows.every((r) => r.includes(OFFICER.username))).toBe(true);
    expect(problems.unexpected()).toEqual([]);
  });

  it('Bảo mật sets the idle minutes; Đổi mật khẩu refuses a wrong current password without signing out, then changes it', async () => {
    const tabs = page.getByRole('navigation', { name: 'Các mục cài đặt' });
    await tabs.getByRole('link', { name: 'Bảo mật' }).click();
    const idle = textbox(page, 'Tự khoá sau (phút)');
    expect(await idle.inputValue()).toBe('10');
    await idle.fill('0');
    await idle.press('Enter');
    await page.getByRole('alert').filter({ hasText: /\S/ }).first().waitFor();
    expect(await idle.getAttribute('aria-invalid')).toBe('true');
    await idle.fill('15');
    await idle.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Đã lưu: tự khoá sau 15 phút không thao tác.' }).waitFor();
    expect(await horizontalOverflow(page)).toEqual([]);
    await page.screenshot({ path: SHOTS.security });

    await tabs.getByRole('link', { name: 'Đổi mật khẩu' }).click();
    await page.getByRole('heading', { name: 'Đổi mật khẩu', level: 2 }).waitFor();
    const newPassword = 'Quantri@2026';
    await passwordInput(page, 'Mật khẩu đang dùng').fill('khong-phai-mat-khau');
    await passwordInput(page, 'Mật khẩu mới').fill(newPassword);
    await passwordInput(page, 'Nhập lại mật khẩu mới').fill(newPassword);
    await page.getByRole('button', { name: 'Đổi mật khẩu', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Mật khẩu đang dùng không đúng.' }).waitFor();
    expect(await passwordInput(page, 'Mật khẩu đang dùng').getAttribute('aria-invalid')).toBe('true');
    // A wrong current password is not a lost session: still signed in, on the same page, the new one kept.
    expect(await page.getByRole('heading', { level: 1, name: 'Cài đặt' }).count()).toBe(1);
    expect(await passwordInput(page, 'Mật khẩu mới').inputValue()).toBe(newPassword);
    await page.screenshot({ path: SHOTS.password });

    await passwordInput(page, 'Mật khẩu đang dùng').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Đổi mật khẩu', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Đã đổi mật khẩu.' }).waitFor();
    await signOut(page);
    await signIn(page, { ...ADMIN, password: newPassword });
    expect(problems.unexpected()).toEqual([]);

    // Khoá màn hình: main locks the session at once (a reload opens locked); the password reopens it.
    await page.getByRole('button', { name: 'Khoá màn hình' }).click();
    const lock = page.getByRole('dialog', { name: LOCK_TITLE });
    await lock.waitFor();
    await page.waitForFunction(async () => {
      const r = await fetch('/api/auth.state', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      return (await r.json()).value?.state === 'locked';
    });
    await page.reload();
    await lock.waitFor();
    await passwordInput(lock, 'Mật khẩu').fill(newPassword);
    await lock.getByRole('button', { name: 'Mở khoá' }).click();
    await lock.waitFor({ state: 'detached' });
    expect(problems.unexpected()).toEqual([]);
  });
});
