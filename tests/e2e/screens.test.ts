import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  OFFICER,
  approveFromPage,
  callFromPage,
  createUser,
  horizontalOverflow,
  importSampleFromPage,
  makeTempDir,
  must,
  passwordInput,
  runJobFromPage,
  signIn,
  signOut,
  startWard,
  submitFromPage,
  type RunningServer,
  type TestUser,
} from './harness';

// Every screen, as the ward's people reach it, at the office PCs' sizes: 1024×768 (older screens),
// 1366×768, and 1024×768 at 125% Windows scaling (an 819×614 viewport). On each: a screenshot (kept in
// SCREEN_DIR for a person to look at), no horizontal overflow of the page or of the main content (wide
// tables scroll inside their own card), and no English UI word or machine text on screen.

const SCREEN_DIR = join(tmpdir(), 'so-an-sinh-screens');
const SIZES = [
  { name: '1024', width: 1024, height: 768 },
  { name: '1366', width: 1366, height: 768 },
  { name: '125pct', width: 819, height: 614 },
] as const;

const APPROVER: TestUser = {
  fullName: 'Phạm Văn Duyệt',
  username: 'lanhdao.duyet',
  password: 'Lanhdao@2025',
  role: 'approver',
};

/** A route's screen has loaded: its h1 is there and nothing says it is still loading. */
async function settle(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor();
  await page.waitForFunction(
    () => !/Đang (tải|tổng hợp|tính)/.test(document.querySelector('.app-main')?.textContent ?? ''),
    undefined,
    { timeout: 30_000 },
  );
}

const visited: string[] = [];
const problems: string[] = [];
const english: string[] = [];

/** Column headers (name, amount, status…) that are hidden, clipped by their grid, or outside the window. */
async function lostColumns(page: Page, headers: readonly string[]): Promise<string[]> {
  return page.evaluate((headers) => {
    const lost: string[] = [];
    for (const text of headers) {
      const cell = [...document.querySelectorAll<HTMLElement>('[role="columnheader"], th')].find((el) =>
        el.textContent?.trim().startsWith(text),
      );
      const box = cell?.getBoundingClientRect();
      const grid = cell?.closest<HTMLElement>('[role="grid"], table, .table-scroll')?.getBoundingClientRect();
      if (!cell || !box || !grid || box.width === 0 || box.right > Math.min(grid.right, window.innerWidth) + 1)
        lost.push(text);
    }
    return lost;
  }, headers);
}

/**
 * English UI words and machine text a Vietnamese user must never meet (whole words, any case), and
 * dates or months without their leading zero ("7/12/2026", "1/2026").
 */
const DENY_ANY_CASE = [
  'Choose File',
  'No file chosen',
  'Submit',
  'Cancel',
  'Loading',
  'undefined',
  'NaN',
  'Invalid Date',
  'object Object',
  'backup',
  'manifest',
  'manifest.json',
  'SHA256SUMS',
  'byte',
  'bytes',
  'TCXH',
];
// Words that could be part of Vietnamese in another case ("may"): matched as written.
const DENY_AS_WRITTEN = [
  'Error',
  'Warning',
  'Browse',
  'null',
  'true',
  'false',
  'report',
  'noncash',
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const words = (list: string[], flags: string) =>
  new RegExp(
    `(?<![\\p{L}\\d])(${list.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\p{L}\\d])`,
    flags,
  );
const DENY_RES = [words(DENY_ANY_CASE, 'iu'), words(DENY_AS_WRITTEN, 'u')];
const UNPADDED_RE = /(?<![\d/])(\d{1,2}\/)?\d\/\d{4}(?!\d)|(?<![\d/])\d\/\d{2}\/\d{4}(?!\d)/;

/** What the user can read on the page: visible text, placeholders, and native controls that speak English. */
async function englishOnScreen(page: Page): Promise<string[]> {
  const { text, natives } = await page.evaluate(() => {
    const visible = (el: Element) => {
      const box = el.getBoundingClientRect();
      return box.width > 1 && box.height > 1 && getComputedStyle(el).visibility !== 'hidden';
    };
    const placeholders = [...document.querySelectorAll<HTMLInputElement>('input[placeholder], textarea[placeholder]')]
      .filter(visible)
      .map((el) => el.placeholder);
    const natives = [
      ...document.querySelectorAll<HTMLInputElement>(
        'input[type="file"], input[type="month"], input[type="date"], input[type="week"]',
      ),
    ]
      .filter(visible)
      .map((el) => `native <input type="${el.type}"> (${el.id || el.name || el.getAttribute('aria-label') || '?'})`);
    return { text: [document.body.innerText, ...placeholders].join('\n'), natives };
  });
  const found: string[] = [...natives];
  for (const line of text.split('\n')) {
    const m = DENY_RES.map((re) => re.exec(line)).find(Boolean) ?? UNPADDED_RE.exec(line);
    if (m) found.push(`«${m[0]}» in "${line.trim().slice(0, 120)}"`);
  }
  return found;
}

async function check(page: Page, name: string, keyColumns: readonly string[] = []): Promise<void> {
  for (const o of await englishOnScreen(page)) english.push(`${name}: ${o}`);
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    await page.screenshot({ path: join(SCREEN_DIR, `${name}-${size.name}.png`), fullPage: false });
    for (const o of await horizontalOverflow(page)) problems.push(`${name} @${size.width}×${size.height}: ${o}`);
    for (const c of await lostColumns(page, keyColumns))
      problems.push(`${name} @${size.width}×${size.height}: column «${c}» not in view`);
    // At 1366 the report tables fit their card whole (below it they may scroll inside the card).
    if (size.width >= 1366) {
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('.report-table-wrap')]
          .filter((el) => el.scrollWidth > el.clientWidth + 1)
          .map(
            (el) =>
              `${el.querySelector('table')?.dataset.testid ?? 'report table'}: ${el.scrollWidth} > ${el.clientWidth}`,
          ),
      );
      for (const w of wide) problems.push(`${name} @${size.width}×${size.height}: ${w}`);
    }
  }
  visited.push(name);
}

async function visit(page: Page, name: string, path: string, keyColumns: readonly string[] = []): Promise<void> {
  await page.goto(new URL(`/#${path}`, page.url()).href);
  await settle(page);
  await check(page, name, keyColumns);
}

describe('every screen fits 1024×768 and 1366×768 (and 125% scaling)', () => {
  let browser: Browser;
  let server: RunningServer;
  let page: Page;
  const temp = makeTempDir();

  beforeAll(async () => {
    mkdirSync(SCREEN_DIR, { recursive: true });
    ({ server, browser, page } = await startWard(join(temp.dir, 'so.sqlite')));
    await must(
      callFromPage(page, 'settings.saveOffice', {
        unitName: 'UBND phường Đức Nghĩa',
        parentBody: 'UBND thành phố Phan Thiết',
        placeName: 'Phan Thiết',
        province: 'Lâm Đồng',
        chairmanName: 'Nguyễn Văn Ơn',
        officerName: OFFICER.fullName,
        reportRecipients: [],
      }),
    );
    await createUser(page, OFFICER, 'Cán bộ chính sách');
    await createUser(page, APPROVER, 'Lãnh đạo phê duyệt');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    temp.remove();
  });

  it('the administrator’s screens', async () => {
    for (const [name, path] of [
      ['cai-dat', '/cai-dat'],
      ['nguoi-dung', '/cai-dat/nguoi-dung'],
      ['bao-mat', '/cai-dat/bao-mat'],
      ['nhat-ky', '/cai-dat/nhat-ky'],
      ['sao-luu', '/cai-dat/sao-luu'],
      ['ngan-hang', '/cai-dat/ngan-hang'],
      ['mau-ngan-hang', '/cai-dat/mau-ngan-hang'],
      ['nhat-ky-loi', '/cai-dat/nhat-ky-loi'],
      ['doi-mat-khau', '/cai-dat/doi-mat-khau'],
    ] as const) {
      await visit(page, `admin-${name}`, path);
    }
  });

  it('the officer’s screens on the sample register, with a payroll', async () => {
    await signOut(page);
    await signIn(page, OFFICER);
    await importSampleFromPage(page);
    const built = await runJobFromPage<{ payrolls: Array<{ id: number; programme: string }> }>(page, 'payroll.build', {
      month: '2024-10',
    });
    const btxh = built.payrolls.find((p) => p.programme === 'BTXH')!.id;
    await page.reload();
    await visit(page, 'so-doi-tuong', '/so-doi-tuong', ['Họ và tên', 'Mức hưởng', 'Trạng thái']);
    for (const [name, path] of [
      ['them', '/so-doi-tuong/them'],
      ['thay-doi', '/so-doi-tuong/thay-doi'],
      ['nhap-excel', '/so-doi-tuong/nhap-excel'],
      ['uy-quyen', '/so-doi-tuong/uy-quyen'],
      ['ho-so', '/so-doi-tuong/ho-so/1'],
      ['ho-so-sua', '/so-doi-tuong/ho-so/1/sua'],
      ['khong-tien-mat', '/khong-tien-mat'],
      ['chi-tra', '/chi-tra'],
      ['bao-cao', '/bao-cao'],
      ['cai-dat-can-bo', '/cai-dat'],
    ] as const) {
      await visit(page, name, path);
    }
    // A draft payroll, tab by tab.
    await visit(page, 'bang-chi-tra', `/chi-tra/bang/${btxh}`);
    for (const tab of await page.getByRole('tab').all()) {
      const label = (await tab.textContent()) ?? '';
      await tab.click();
      await settle(page);
      await check(page, `bang-chi-tra-${label}`, label === 'Danh sách' ? ['Họ và tên', 'Số tiền', 'Trạng thái'] : []);
    }
    // A person's dialogs: the change of payout method (the widest form of the register).
    await visit(page, 'ho-so-2', '/so-doi-tuong/ho-so/2');
    await page.getByRole('button', { name: 'Đổi hình thức nhận' }).first().click();
    await page.getByRole('dialog').waitFor();
    await check(page, 'doi-hinh-thuc-nhan');
    await page.keyboard.press('Escape');

    // The officer submits it, the approver approves it; the approved payroll's tabs (files for the payer, results).
    const submitted = await submitFromPage(page, btxh);
    await signOut(page);
    await signIn(page, APPROVER);
    await approveFromPage(page, submitted);
    await signOut(page);
    await signIn(page, OFFICER);
    await visit(page, 'bang-da-duyet', `/chi-tra/bang/${btxh}`);
    for (const tab of await page.getByRole('tab').all()) {
      const label = (await tab.textContent()) ?? '';
      if (!/Tệp chi trả|Kết quả/.test(label)) continue;
      await tab.click();
      await settle(page);
      await check(page, `bang-da-duyet-${label}`);
    }

    // Entries the audit log once showed in English ("backup", "report noncash", "authorization số 52"):
    // a report downloaded, a backup written; then the administrator reads the log.
    await runJobFromPage(page, 'reports.produce', {
      report: 'noncash',
      format: 'pdf',
      month: '2024-10',
      from: '2024-07',
    });
    await signOut(page);
    await signIn(page, ADMIN);
    await runJobFromPage(page, 'backup.create', { folder: temp.dir });
    await visit(page, 'admin-nhat-ky-sau', '/cai-dat/nhat-ky');
    await visit(page, 'admin-sao-luu-sau', '/cai-dat/sao-luu');
  });

  it('month fields: typing replaces the pre-fill, ◀ ▶ step; the report month drives the figures and the download', async () => {
    await signOut(page);
    await signIn(page, OFFICER);
    await page.setViewportSize({ width: 1366, height: 768 });
    // Chi trả: the pre-filled month is replaced when typed over ("12/202611/2026" before).
    await page.goto(new URL('/#/chi-tra', page.url()).href);
    const payrollMonth = page.getByRole('textbox', { name: 'Tháng chi trả' });
    const prefill = await payrollMonth.inputValue();
    expect(prefill).toMatch(/^\d{2}\/\d{4}$/);
    await payrollMonth.click();
    await page.keyboard.type('11/2026');
    expect(await payrollMonth.inputValue()).toBe('11/2026');
    // Back into the field by keyboard: the whole month is selected again.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.type('3/2025');
    expect(await payrollMonth.inputValue()).toBe('3/2025');

    // Báo cáo: typing 10/2024 moves the figures at once (no Xem), and Tải PDF downloads 10/2024.
    await page.goto(new URL('/#/bao-cao', page.url()).href);
    const reportMonth = page.getByRole('textbox', { name: 'Tháng báo cáo' });
    await page
      .getByRole('heading', { level: 2, name: /^Báo cáo tiến độ chi trả không dùng tiền mặt — tháng / })
      .waitFor();
    await reportMonth.click();
    await page.keyboard.type('10/2024');
    expect(await reportMonth.inputValue()).toBe('10/2024');
    expect(await page.getByRole('textbox', { name: 'Kỳ tổng hợp từ tháng' }).inputValue()).toBe('07/2024');
    await page
      .getByRole('heading', { level: 2, name: 'Báo cáo tiến độ chi trả không dùng tiền mặt — tháng 10/2024' })
      .waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /^Tải PDF: Báo cáo tiến độ/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('tien-do-khong-tien-mat-2024-10.pdf');
    // The imported people are the opening stock, not "Tăng 410".
    const changes = page.getByTestId('changes-summary');
    const btxhRow = changes.getByRole('row').filter({ hasText: 'Trợ cấp xã hội hằng tháng' });
    const cells = await btxhRow.locator('td').allTextContents();
    expect(cells.slice(0, 3)).toEqual(['0', '410', '0']); // tháng trước, đầu kỳ, tăng
    // ▶ steps the report month: 11/2024, its figures, its period.
    await page.getByRole('button', { name: 'Tháng sau' }).first().click();
    expect(await reportMonth.inputValue()).toBe('11/2024');
    await page
      .getByRole('heading', { level: 2, name: 'Báo cáo tiến độ chi trả không dùng tiền mặt — tháng 11/2024' })
      .waitFor();
    // While a month is half typed, the screen says whose figures it shows.
    await reportMonth.click();
    await page.keyboard.type('1/20');
    await page
      .getByRole('status')
      .filter({ hasText: 'Số liệu và các tệp tải về bên dưới là của tháng 11/2024' })
      .waitFor();
  });

  it('sorts the register by a column on the server: amount high to low, then back to the offices’ name order', async () => {
    await page.goto(new URL('/#/so-doi-tuong', page.url()).href);
    const grid = page.getByRole('grid', { name: 'Danh sách đối tượng' });
    const amounts = async () =>
      (await grid.locator('.register-body [role="row"] .cell-money').allTextContents()).map((t) =>
        Number(t.replace(/\./g, '')),
      );
    const header = grid.getByRole('columnheader', { name: /Mức hưởng/ });
    await header.getByRole('button').click();
    await page.waitForFunction(() =>
      document.querySelector('[role="columnheader"][aria-sort="ascending"]')?.textContent?.includes('Mức hưởng'),
    );
    await header.getByRole('button').click();
    await page.waitForFunction(() =>
      document.querySelector('[role="columnheader"][aria-sort="descending"]')?.textContent?.includes('Mức hưởng'),
    );
    await expect.poll(async () => (await amounts())[0]).toBeGreaterThan(0);
    await expect
      .poll(async () => {
        const a = await amounts();
        return a.length >= 5 && a.every((x, i) => i === 0 || a[i - 1]! >= x) ? 'descending' : a.join(' ');
      })
      .toBe('descending');
    const top = await amounts();
    // The first is the most anyone receives in the sample register (its people's monthly amounts).
    expect(top[0]).toBeGreaterThan(top[top.length - 1]!);
    // Back to the names: «Họ và tên» ascending.
    await grid
      .getByRole('columnheader', { name: /Họ và tên/ })
      .getByRole('button')
      .click();
    await page.waitForFunction(() =>
      document.querySelector('[role="columnheader"][aria-sort="ascending"]')?.textContent?.includes('Họ và tên'),
    );
  });

  it('asks before leaving a changed form (menu link or window close); "Ở lại" keeps what was typed', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(new URL('/#/so-doi-tuong/them', page.url()).href);
    const name = page.getByRole('textbox', { name: 'Họ và tên', exact: true });
    await name.fill('Lê Thị Cúc');
    const unloadRefused = () =>
      page.evaluate(() => {
        const e = new Event('beforeunload', { cancelable: true });
        window.dispatchEvent(e);
        return e.defaultPrevented;
      });
    expect(await unloadRefused()).toBe(true);
    await page.getByRole('navigation').getByRole('link', { name: 'Chi trả' }).click();
    const question = page.getByRole('dialog', { name: 'Rời trang khi chưa lưu?' });
    await question.waitFor();
    expect(page.url()).toContain('#/so-doi-tuong/them');
    await question.getByRole('button', { name: 'Ở lại để lưu' }).click();
    await question.waitFor({ state: 'detached' });
    expect(await name.inputValue()).toBe('Lê Thị Cúc');
    // Asked again; this time the officer leaves.
    await page.getByRole('navigation').getByRole('link', { name: 'Chi trả' }).click();
    await question.getByRole('button', { name: 'Rời trang, bỏ thay đổi' }).click();
    await page.getByRole('heading', { level: 1, name: 'Chi trả' }).waitFor();
    expect(await unloadRefused()).toBe(false);
    // An untouched form lets go without a question.
    await page.goto(new URL('/#/so-doi-tuong/them', page.url()).href);
    await name.waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Báo cáo' }).click();
    await page.getByRole('heading', { level: 1, name: 'Báo cáo' }).waitFor();
  });

  it('the navigation folds by itself below 1200 px, and the toggle’s choice is remembered', async () => {
    const nav = page.getByRole('navigation', { name: 'Chức năng chính' });
    const link = nav.getByRole('link', { name: 'Sổ đối tượng' });
    await page.evaluate(() => localStorage.removeItem('soAnSinh.nav'));
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.reload();
    await link.waitFor();
    await page.setViewportSize({ width: 1024, height: 768 });
    await link.waitFor({ state: 'hidden' });
    await nav.getByRole('button', { name: 'Hiện thanh chức năng' }).click();
    await link.waitFor();
    expect(await horizontalOverflow(page)).toEqual([]);
    // Chosen open at 1024: still open after a reload; folded by choice at 1366: still folded.
    await page.reload();
    await link.waitFor();
    await page.setViewportSize({ width: 1366, height: 768 });
    await nav.getByRole('button', { name: 'Thu gọn' }).click();
    await link.waitFor({ state: 'hidden' });
    await page.reload();
    await nav.getByRole('button', { name: 'Hiện thanh chức năng' }).waitFor();
    expect(await link.isVisible()).toBe(false);
    await nav.getByRole('button', { name: 'Hiện thanh chức năng' }).click();
    await link.waitFor();
  });

  it('warns at sign-in when Caps Lock is on, and stops warning when it is off', async () => {
    await signOut(page);
    const password = passwordInput(page, 'Mật khẩu');
    await password.focus();
    const key = (capsLock: boolean) =>
      password.evaluate((el, capsLock) => {
        for (const type of ['keydown', 'keyup'])
          el.dispatchEvent(
            new KeyboardEvent(type, { key: 'a', bubbles: true, modifierCapsLock: capsLock } as KeyboardEventInit),
          );
      }, capsLock);
    const warning = page.getByText('Phím Caps Lock đang bật: chữ sẽ thành chữ HOA.');
    expect(await warning.count()).toBe(0);
    await key(true);
    await warning.waitFor();
    await key(false);
    await warning.waitFor({ state: 'detached' });
    await signIn(page, OFFICER);
  });

  it('the administrator changes a user’s role in Cài đặt → Người dùng (and cannot demote themselves, the only one)', async () => {
    await signOut(page);
    await signIn(page, ADMIN);
    await page.goto(new URL('/#/cai-dat/nguoi-dung', page.url()).href);
    const table = page.getByRole('table', { name: 'Danh sách người dùng' });
    const row = table.getByRole('row').filter({ hasText: APPROVER.username });
    await row.getByRole('button', { name: `Đổi vai trò của ${APPROVER.username}` }).click();
    const dialog = page.getByRole('dialog', { name: `Đổi vai trò — ${APPROVER.fullName}` });
    await dialog.getByRole('combobox', { name: 'Vai trò mới' }).selectOption({ label: 'Kế toán' });
    await dialog.getByRole('button', { name: 'Lưu vai trò' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Đã đổi vai trò của «${APPROVER.username}» thành Kế toán.` })
      .waitFor();
    expect(await row.locator('td').nth(1).textContent()).toBe('Kế toán');
    // No button on one's own row; main refuses demoting the only administrator anyway.
    expect(
      await table
        .getByRole('row')
        .filter({ hasText: ADMIN.username })
        .getByRole('button', { name: /Đổi vai trò/ })
        .count(),
    ).toBe(0);
    const me = (await must(callFromPage<Array<{ id: number; username: string }>>(page, 'users.list'))).find(
      (u) => u.username === ADMIN.username,
    )!;
    const refused = await callFromPage(page, 'users.setRole', { id: me.id, role: 'officer' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await check(page, 'nguoi-dung-doi-vai-tro');

    // Thông tin đơn vị: a change not saved asks before leaving; once saved, leaving asks nothing.
    await page.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name: 'Cài đặt' }).click();
    const unit = page.getByRole('textbox', { name: 'Tên đơn vị', exact: true });
    await unit.fill('UBND phường Đức Long');
    await page.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name: 'Sổ đối tượng' }).click();
    const question = page.getByRole('dialog', { name: 'Rời trang khi chưa lưu?' });
    await question.getByRole('button', { name: 'Ở lại để lưu' }).click();
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Đã lưu thông tin đơn vị.' }).waitFor();
    await page.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name: 'Sổ đối tượng' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sổ đối tượng' }).waitFor();
    expect(await question.count()).toBe(0);
  });

  it('no screen shows English UI words, machine text or unpadded dates', () => {
    expect(visited.length).toBeGreaterThan(25);
    expect(english).toEqual([]);
  });

  it('no screen overflows sideways (screenshots in the temp folder)', () => {
    console.log(`[screens] ${visited.length} screens × ${SIZES.length} sizes; screenshots in ${SCREEN_DIR}`);
    expect(visited.length).toBeGreaterThan(25);
    expect(problems).toEqual([]);
  });
});
