import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/open';
import { PRINT_JOBS_FILE, type RecordedPrintJob } from '../../main/server/stand-in-printer';
import { insertPayroll } from '../integration/payroll-files-fixture';
import { pdfInfo, pdfText } from '../support/pdf';
import { callFromPage, createUser, makeTempDir, signIn, signOut, startWard, type RunningServer, type TestUser } from './harness';

// "In" (print directly) end to end: the harness runs with its stand-in printer (serve.js --print-to),
// which records each print job and keeps the PDF it would print. The accountant clicks In on a cash list
// (landscape) and on the monthly summary (portrait); each click gives one recorded job with A4 and the
// document's orientation, whose PDF pdftotext reads back.

const ACCOUNTANT: TestUser = { fullName: 'Lê Thị Kế Toán', username: 'ketoan.le', password: 'Ketoan@2025', role: 'accountant' };

describe('In: printing directly, in Chromium against the harness with a stand-in printer', () => {
  let browser: Browser;
  let server: RunningServer;
  let page: Page;
  let payrollId: number;
  const temp = makeTempDir();
  const printer = join(temp.dir, 'may-in');

  beforeAll(async () => {
    const dbPath = join(temp.dir, 'so.sqlite');
    const { store } = openDatabase(dbPath, { appVersion: 'e2e' });
    payrollId = insertPayroll(store.sqlite);
    store.close();
    mkdirSync(printer);
    ({ server, browser, page } = await startWard(dbPath, { args: ['--print-to', printer] }));
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
    await signOut(page);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    temp.remove();
  });

  const jobs = (): RecordedPrintJob[] =>
    existsSync(join(printer, PRINT_JOBS_FILE))
      ? readFileSync(join(printer, PRINT_JOBS_FILE), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as RecordedPrintJob)
      : [];

  it('In on a cash list and on the summary: one job each, A4, landscape and portrait, the PDF printed is the document', async () => {
    await signIn(page, ACCOUNTANT);
    await page.goto(new URL(`/#/chi-tra/bang/${payrollId}`, page.url()).href);
    await page.getByRole('tab', { name: 'Tệp chi trả' }).or(page.getByRole('link', { name: 'Tệp chi trả' })).first().click();
    const tab = page.getByRole('region', { name: /Tệp chi trả tháng 12\/2026/ });
    await tab.getByText('18.500.000').first().waitFor();
    expect(jobs()).toEqual([]);

    await tab.getByRole('button', { name: 'In chi-tra-tien-mat_2026-12_btxh_khu-pho-1.pdf ra máy in (khổ A4)' }).click();
    await tab.getByRole('status').filter({ hasText: /Đã gửi danh sách chi trả tiền mặt \(Khu phố 1\) \(\d+ trang A4 ngang\) tới máy in\./ }).waitFor();
    const [cash] = jobs();
    expect(cash).toMatchObject({ job: 1, pageSize: 'A4', orientation: 'landscape', document: 'danh sách chi trả tiền mặt (Khu phố 1)', fileName: 'chi-tra-tien-mat_2026-12_btxh_khu-pho-1.pdf' });
    const cashInfo = pdfInfo(cash!.file);
    expect(cashInfo.pages).toBe(cash!.pages);
    // A4 landscape: 842 × 595 points.
    expect([Math.round(cashInfo.width), Math.round(cashInfo.height)]).toEqual([842, 595]);
    const text = pdfText(cash!.file);
    expect(text).toContain('DANH SÁCH CHI TRẢ');
    expect(text).toContain('THÁNG 12/2026');
    expect(text).toContain('Khu phố 1');

    const summary = tab.getByRole('button', { name: /^In tong-hop.*\.pdf ra máy in \(khổ A4\)$/ });
    await summary.click();
    await tab.getByRole('status').filter({ hasText: /Đã gửi bảng tổng hợp chi trả .* trang A4 dọc\) tới máy in\./ }).waitFor();
    const second = jobs()[1]!;
    expect(second).toMatchObject({ job: 2, pageSize: 'A4', orientation: 'portrait' });
    const info = pdfInfo(second.file);
    expect([Math.round(info.width), Math.round(info.height)]).toEqual([595, 842]);
    expect(pdfText(second.file)).toContain('18.500.000');
    expect(jobs()).toHaveLength(2);
  }, 120_000);
});
