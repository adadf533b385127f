import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/open';
import { PRINT_JOBS_FILE, type RecordedPrintJob } from '../../main/server/stand-in-printer';
import { insertPayroll } from '../integration/payroll-files-fixture';
import { enrollNew } from '../support/register';
import { pdfInfo, pdfText } from '../support/pdf';
import {
  OFFICER,
  callFromPage,
  createUser,
  makeTempDir,
  signIn,
  signOut,
  startWard,
  type RunningServer,
  type TestUser,
} from './harness';

// "In" (print directly) end to end: the harness runs with its stand-in printer (serve.js --print-to),
// which records each print job and keeps the PDF it would print. The accountant clicks In on a cash list
// (landscape) and on the monthly summary (portrait); each click gives one recorded job with A4 and the
// document's orientation, whose PDF pdftotext reads back.

const ACCOUNTANT: TestUser = {
  fullName: 'Lê Thị Kế Toán',
  username: 'ketoan.le',
  password: 'Ketoan@2025',
  role: 'accountant',
};

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
    await createUser(page, OFFICER, 'Cán bộ chính sách');
    await signOut(page);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    temp.remove();
  });

  const jobs = (): RecordedPrintJob[] =>
    existsSync(join(printer, PRINT_JOBS_FILE))
      ? readFileSync(join(printer, PRINT_JOBS_FILE), 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as RecordedPrintJob)
      : [];

  it('In on a cash list and on the summary: one job each, A4, landscape and portrait, the PDF printed is the document', async () => {
    await signIn(page, ACCOUNTANT);
    await page.goto(new URL(`/#/chi-tra/bang/${payrollId}`, page.url()).href);
    await page
      .getByRole('tab', { name: 'Tệp chi trả' })
      .or(page.getByRole('link', { name: 'Tệp chi trả' }))
      .first()
      .click();
    const tab = page.getByRole('region', { name: /Tệp chi trả tháng 12\/2026/ });
    await tab.getByText('18.500.000').first().waitFor();
    expect(jobs()).toEqual([]);

    await tab
      .getByRole('button', { name: 'In chi-tra-tien-mat_2026-12_btxh_khu-pho-1.pdf ra máy in (khổ A4)' })
      .click();
    await tab
      .getByRole('status')
      .filter({ hasText: /Đã gửi danh sách chi trả tiền mặt \(Khu phố 1\) \(\d+ trang A4 ngang\) tới máy in\./ })
      .waitFor();
    const [cash] = jobs();
    expect(cash).toMatchObject({
      job: 1,
      pageSize: 'A4',
      orientation: 'landscape',
      document: 'danh sách chi trả tiền mặt (Khu phố 1)',
      fileName: 'chi-tra-tien-mat_2026-12_btxh_khu-pho-1.pdf',
    });
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
    await tab
      .getByRole('status')
      .filter({ hasText: /Đã gửi bảng tổng hợp chi trả .* trang A4 dọc\) tới máy in\./ })
      .waitFor();
    const second = jobs()[1]!;
    expect(second).toMatchObject({ job: 2, pageSize: 'A4', orientation: 'portrait' });
    const info = pdfInfo(second.file);
    expect([Math.round(info.width), Math.round(info.height)]).toEqual([595, 842]);
    expect(pdfText(second.file)).toContain('18.500.000');
    expect(jobs()).toHaveLength(2);
  }, 120_000);

  it('In on the authorization form: one more job, A4 portrait, one page, the form printed', async () => {
    await signOut(page);
    await signIn(page, OFFICER);
    const pad = (n: number) => String(n).padStart(2, '0');
    const now = new Date();
    const today = `${pad(now.getDate())}/${pad(now.getMonth() + 1)}/${now.getFullYear()}`;
    const enrolled = await callFromPage<{ personId: number }>(
      page,
      'register.enroll',
      enrollNew(
        {
          fullName: 'Nguyễn Thị Hường',
          birthDate: '05/03/1940',
          gender: 'female',
          citizenId: '060140000123',
          idIssueDate: '12/04/2021',
          idIssuePlace: 'Cục Cảnh sát QLHC về TTXH',
        },
        'BTXH',
        'BTXH-5C',
        '2026-01',
      ),
    );
    if (!enrolled.ok) throw new Error(enrolled.error.message);
    const changed = await callFromPage(page, 'payout.change', {
      personId: enrolled.value.personId,
      method: 'AUTHORIZED_ACCOUNT',
      // From next month: the fixture's approved payroll is this month's.
      effectiveMonth: `${pad(((now.getMonth() + 1) % 12) + 1)}/${now.getFullYear() + (now.getMonth() === 11 ? 1 : 0)}`,
      authorization: {
        new: {
          receiver: {
            new: {
              fullName: 'Đặng Thị Ưng',
              birthDate: '1972',
              gender: 'female',
              citizenId: '060172001234',
              idIssueDate: '01/07/2021',
              idIssuePlace: 'Cục Cảnh sát QLHC về TTXH',
              address: 'Khu phố 1',
              phone: '0987654321',
            },
          },
          relationship: 'Con gái',
          validFrom: today,
          validTo: '',
          account: {
            new: {
              bankCode: 'AGRIBANK',
              branch: 'Chi nhánh Phan Thiết',
              accountNumber: '4600205123456',
              holderName: 'Đặng Thị Ưng',
            },
          },
          scopeNote: '',
        },
      },
      note: '',
    });
    if (!changed.ok) throw new Error(changed.error.message);
    await page.goto(new URL(`/#/so-doi-tuong/ho-so/${enrolled.value.personId}`, page.url()).href);
    await page.getByRole('button', { name: 'In giấy ủy quyền ra máy in (khổ A4)' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã gửi giấy ủy quyền (1 trang A4 dọc) tới máy in.' }).waitFor();
    const job = jobs()[2]!;
    expect(job).toMatchObject({ job: 3, pageSize: 'A4', orientation: 'portrait', pages: 1, document: 'giấy ủy quyền' });
    const info = pdfInfo(job.file);
    expect([info.pages, Math.round(info.width), Math.round(info.height)]).toEqual([1, 595, 842]);
    const text = pdfText(job.file);
    expect(text).toContain('GIẤY ỦY QUYỀN');
    expect(text).toContain('Đặng Thị Ưng');
  }, 60_000);
});
