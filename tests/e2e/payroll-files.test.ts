import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/open';
import { parseCsv } from '@shared/domain/csv';
import { xlsxToCsvSheets } from '../support/libreoffice';
import { insertPayroll } from '../integration/payroll-files-fixture';
import {
  callFromPage,
  createUser,
  makeTempDir,
  signIn,
  signOut,
  startWard,
  type PageProblems,
  type RunningServer,
  type TestUser,
} from './harness';

// Tệp chi trả end to end: an approved payroll of 12/2026 (written into the data file before the harness
// starts, in the 001 schema), the administrator adjusts the bank template in Cài đặt, the accountant opens
// the payroll's "Tệp chi trả" tab, downloads one bank file, then writes the bank files and the cash lists to
// a folder typed into the field (the harness has no folder dialog); the files are there and read back.

const ACCOUNTANT: TestUser = {
  fullName: 'Lê Thị Kế Toán',
  username: 'ketoan.le',
  password: 'Ketoan@2025',
  role: 'accountant',
};
const SHOT = '/tmp/so-an-sinh-payroll-files.png';

describe('Tệp chi trả, in Chromium against the browser harness', () => {
  let browser: Browser;
  let server: RunningServer;
  let page: Page;
  let problems: PageProblems;
  let payrollId: number;
  const temp = makeTempDir();
  const usb = join(temp.dir, 'usb');

  beforeAll(async () => {
    const dbPath = join(temp.dir, 'so.sqlite');
    const { store } = openDatabase(dbPath, { appVersion: 'e2e' });
    payrollId = insertPayroll(store.sqlite);
    store.close();
    mkdirSync(usb);
    ({ server, browser, page, problems } = await startWard(dbPath));
    const saved = await callFromPage(page, 'settings.saveOffice', {
      unitName: 'UBND phường Đức Nghĩa',
      parentBody: 'UBND tỉnh Lâm Đồng',
      placeName: 'Phan Thiết',
      province: 'Lâm Đồng',
      chairmanName: 'Nguyễn Văn Chủ',
      officerName: 'Trần Thị Hường',
      reportRecipients: [],
    });
    expect(saved.ok).toBe(true);
    await createUser(page, ACCOUNTANT, 'Kế toán');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    temp.remove();
  });

  it('the administrator edits the bank template in Cài đặt → Mẫu tệp ngân hàng', async () => {
    await page.goto(new URL('/#/cai-dat/mau-ngan-hang', page.url()).href);
    await page.getByRole('heading', { name: 'Mẫu tệp chuyển khoản ngân hàng' }).waitFor();
    const description = page.getByRole('textbox', { name: 'Nội dung chuyển khoản', exact: true });
    expect(await description.inputValue()).toBe('{CONTENT} T{MM}/{YYYY} {NAME}');
    await description.fill('{CONTENT} THANG {MM}/{YYYY} {NAME}');
    await page.getByText('TRO CAP XH THANG 01/2026 NGUYEN THI HUONG').waitFor();
    // A placeholder that does not exist is refused next to the field, the cursor in it; nothing is saved.
    // Leaving the field shows the message (before the click: it moves the button, as for a person).
    await description.fill('{CONTENT} {THANG}');
    await description.press('Tab');
    await page
      .locator('#bt-description-error')
      .filter({ hasText: /^Không có trường \{THANG\}; dùng: / })
      .waitFor();
    await page.getByRole('button', { name: 'Lưu mẫu' }).click();
    await page.getByRole('alert').filter({ hasText: 'Chưa lưu: kiểm tra các ô báo lỗi.' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'bt-description');
    expect(await description.getAttribute('aria-invalid')).toBe('true');
    const kept = await callFromPage<{ settings: { templates: Array<{ descriptionPattern: string }> } }>(
      page,
      'payrollFiles.getSettings',
      {},
    );
    expect(kept.ok && kept.value.settings.templates[0]!.descriptionPattern).toBe('{CONTENT} T{MM}/{YYYY} {NAME}');
    await description.fill('{CONTENT} THANG {MM}/{YYYY} {NAME}');
    await page.getByRole('button', { name: 'Lưu mẫu' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã lưu mẫu tệp ngân hàng.' }).waitFor();
    await page.screenshot({ path: '/tmp/so-an-sinh-bank-templates.png', fullPage: true });
    await signOut(page);
  });

  it('the accountant downloads a bank file and writes the files for the payer to a folder', async () => {
    await signIn(page, ACCOUNTANT);
    await openFilesTab(page, payrollId);
    const tab = page.getByRole('region', { name: /Tệp chi trả tháng 12\/2026/ });
    await tab.getByText('18.500.000').first().waitFor();

    // One file, downloaded (the harness's way of handing over a single file).
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      tab.getByRole('button', { name: 'Tải về chuyen-khoan_agribank_2026-12_btxh.xlsx' }).click(),
    ]);
    const downloaded = join(temp.dir, download.suggestedFilename());
    await download.saveAs(downloaded);
    const rows = parseCsv(xlsxToCsvSheets(readFileSync(downloaded))[0]!);
    expect(rows.slice(4, 6).map((r) => [r[1], r[2], r[6]])).toEqual([
      ['0001234567890', 'NGUYEN THI HUONG', 'TRO CAP XH THANG 12/2026 NGUYEN THI HUONG'],
      ['0000000000123', 'LE VAN ON', 'TRO CAP XH THANG 12/2026 LE VAN ON'],
    ]);

    // Only the bank files and the cash lists, to the folder typed in.
    for (const box of await tab.getByRole('checkbox', { name: /^Chọn (chi-tra-buu-dien|tong-hop)/ }).all())
      await box.uncheck();
    await tab.getByRole('textbox', { name: 'Thư mục lưu (USB)' }).fill(usb);
    await tab.getByRole('button', { name: /^Ghi 6 tệp vào thư mục$/ }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Đã ghi và kiểm tra lại 6 tệp/ })
      .waitFor({ timeout: 60_000 });
    await page.screenshot({ path: SHOT, fullPage: true });
    expect(readdirSync(usb).sort()).toEqual([
      'chi-tra-tien-mat_2026-12_btxh_khu-pho-1.pdf',
      'chi-tra-tien-mat_2026-12_btxh_khu-pho-1.xlsx',
      'chi-tra-tien-mat_2026-12_btxh_khu-pho-2.pdf',
      'chi-tra-tien-mat_2026-12_btxh_khu-pho-2.xlsx',
      'chuyen-khoan_agribank_2026-12_btxh.xlsx',
      'chuyen-khoan_vietcombank_2026-12_btxh.xlsx',
    ]);
    expect(readFileSync(join(usb, 'chi-tra-tien-mat_2026-12_btxh_khu-pho-1.pdf')).subarray(0, 5).toString()).toBe(
      '%PDF-',
    );

    // A folder that is not there: the message says so, nothing is written.
    await tab.getByRole('textbox', { name: 'Thư mục lưu (USB)' }).fill(join(temp.dir, 'usb-da-rut'));
    await tab.getByRole('button', { name: /^Ghi 6 tệp vào thư mục$/ }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /Không tìm thấy thư mục/ })
      .waitFor();
    expect(existsSync(join(temp.dir, 'usb-da-rut'))).toBe(false);
    expect(problems.unexpected()).toEqual([]);
  });
});

/** The payroll's page (#/chi-tra/bang/<id>, from the payroll build), then its "Tệp chi trả" tab. */
async function openFilesTab(page: Page, payrollId: number): Promise<void> {
  await page.goto(new URL(`/#/chi-tra/bang/${payrollId}`, page.url()).href);
  await page
    .getByRole('tab', { name: 'Tệp chi trả' })
    .or(page.getByRole('link', { name: 'Tệp chi trả' }))
    .first()
    .click();
}
