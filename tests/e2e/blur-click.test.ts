import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_PASSWORD_LENGTH } from '../../renderer/src/auth/roles';
import {
  callFromPage,
  makeTempDir,
  must,
  passwordInput,
  startWard,
  type PageProblems,
  type RunningServer,
} from './harness';

// A field's message shows when the user leaves it (components/useCheckedForm.ts). Leaving it by a mouse
// press on something below it (Lưu, a checkbox), the field loses focus on the press: if the message showed
// then, it would push the button down before the release, and the click would be lost. These tests press
// and release the real mouse at the button's place, straight from the field, as the officer does; and
// Tab away, where the message still shows at once.

const MIN_LENGTH_MESSAGE = 'Độ dài tối thiểu: số từ 1 đến 30.';

describe('leaving a bad field by clicking a button of its form, in Chromium', () => {
  let browser: Browser;
  let server: RunningServer;
  let page: Page;
  let problems: PageProblems;
  const temp = makeTempDir();

  beforeAll(async () => {
    ({ server, browser, page, problems } = await startWard(join(temp.dir, 'so.sqlite')));
    await page.setViewportSize({ width: 1024, height: 768 }); // the smallest office screen
    // An office set up, so that a reload opens the address asked (not Cài đặt's first-run welcome).
    await must(
      callFromPage(page, 'settings.saveOffice', {
        unitName: 'UBND phường Đức Nghĩa',
        parentBody: '',
        placeName: 'Phan Thiết',
        province: 'Lâm Đồng',
        chairmanName: 'Nguyễn Văn Chủ',
        officerName: 'Trần Văn Bình',
        reportRecipients: [],
      }),
    );
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    temp.remove();
  });

  /** A real press and release of the left button at the middle of `target` where it is now (no waiting). */
  async function mouseClick(target: Locator): Promise<void> {
    await target.scrollIntoViewIfNeeded();
    const box = await target.boundingBox();
    if (!box) throw new Error('nothing to click');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  }
  const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');

  async function openBanks(): Promise<Locator> {
    // A fresh page each time (the same address would keep the last test's form).
    await page.goto(`${server.url}/#/cai-dat/ngan-hang`);
    await page.reload();
    await page
      .getByRole('table', { name: 'Danh sách ngân hàng' })
      .getByRole('row', { name: /Agribank/ })
      .waitFor();
    return page.getByRole('form', { name: 'Thêm ngân hàng' });
  }

  it('Lưu clicked straight from a bad field runs the save at once: the summary, the message, the cursor on it', async () => {
    const form = await openBanks();
    await form.getByRole('textbox', { name: 'Mã ngân hàng', exact: true }).fill('SACOMBANK');
    await form
      .getByRole('textbox', { name: 'Tên ngân hàng', exact: true })
      .fill('Ngân hàng TMCP Sài Gòn Thương Tín (Sacombank)');
    await form.getByRole('textbox', { name: 'Mã BIN (NAPAS)', exact: true }).fill('970403');
    await form.getByRole('textbox', { name: 'Số chữ số tối đa', exact: true }).fill('12');
    const minLength = form.getByRole('textbox', { name: 'Số chữ số tối thiểu', exact: true });
    await minLength.fill('mười hai'); // the cursor stays in the bad field
    expect(await focusedId()).toBe('bank-lengthMin');
    const save = form.getByRole('button', { name: 'Lưu ngân hàng' });
    const before = await save.boundingBox();

    await mouseClick(save);
    await form.getByRole('alert').filter({ hasText: 'Chưa lưu: kiểm tra các ô báo lỗi.' }).waitFor({ timeout: 3000 });
    await form.getByText(MIN_LENGTH_MESSAGE, { exact: true }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'bank-lengthMin');
    expect(await minLength.getAttribute('aria-invalid')).toBe('true');
    // The message did move the button, after the click (what made the click lost when it came on the press).
    expect((await save.boundingBox())!.y).toBeGreaterThan(before!.y);

    // Fixed in the field and saved the same way: the bank is added.
    await minLength.fill('12');
    await mouseClick(save);
    await page.getByRole('status').filter({ hasText: 'Đã lưu ngân hàng Sacombank.' }).waitFor({ timeout: 5000 });
    await page
      .getByRole('table', { name: 'Danh sách ngân hàng' })
      .getByRole('row', { name: /SACOMBANK/ })
      .waitFor();
  });

  it('Tab away from a bad field still shows its message at once, and saves nothing', async () => {
    const form = await openBanks();
    const minLength = form.getByRole('textbox', { name: 'Số chữ số tối thiểu', exact: true });
    await minLength.fill('0');
    await minLength.press('Tab');
    // Read once, without waiting: the message is there when the cursor arrives in the next field.
    const shown = await page.evaluate(() => ({
      focused: document.activeElement?.id,
      message: document.getElementById('bank-lengthMin-error')?.textContent,
      invalid: document.getElementById('bank-lengthMin')?.getAttribute('aria-invalid'),
    }));
    expect(shown).toEqual({ focused: 'bank-lengthMax', message: MIN_LENGTH_MESSAGE, invalid: 'true' });
    expect(await form.locator('[role="alert"]').textContent()).toBe(''); // (an empty alert is not displayed)
  });

  it('a click on "Huỷ sửa" from an emptied field cancels the edit, and the fresh form shows no message', async () => {
    await openBanks();
    await page.getByRole('button', { name: 'Sửa Agribank' }).click();
    const form = page.getByRole('form', { name: 'Sửa ngân hàng AGRIBANK' });
    await form.getByRole('textbox', { name: 'Tên ngân hàng', exact: true }).fill('');
    await mouseClick(form.getByRole('button', { name: 'Huỷ sửa' }));
    const fresh = page.getByRole('form', { name: 'Thêm ngân hàng' });
    await fresh.waitFor({ timeout: 3000 });
    // The emptied field was left, but for a form that no longer holds it: nothing to say on the new one.
    await page.waitForTimeout(300);
    expect(await fresh.locator('.field-error').count()).toBe(0);
    expect(await fresh.getByRole('textbox', { name: 'Tên ngân hàng', exact: true }).inputValue()).toBe('');
  });

  it('a checkbox below the field takes its click too (Hiện mật khẩu), and the field then says why', async () => {
    await page.goto(`${server.url}/#/cai-dat/nguoi-dung`);
    const form = page.getByRole('form', { name: 'Tạo tài khoản mới' });
    const password = passwordInput(form, 'Mật khẩu ban đầu');
    await password.fill('abc');
    const reveal = form.getByRole('checkbox', { name: 'Hiện mật khẩu' });
    await mouseClick(reveal);
    await page.waitForFunction(
      () => document.querySelector<HTMLInputElement>('#new-user-password')?.type === 'text',
      undefined,
      { timeout: 3000 },
    );
    expect(await reveal.isChecked()).toBe(true);
    await form.getByText(`Mật khẩu phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`, { exact: true }).waitFor();
    expect(problems.unexpected()).toEqual([]);
  });
});
