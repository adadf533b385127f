import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '@shared/domain/csv';
import { xlsxToCsvSheets } from '../support/libreoffice';
import {
  OFFICER,
  callFromPage,
  createUser,
  horizontalOverflow,
  certifyAllFromPage,
  importSampleFromPage,
  makeTempDir,
  signIn,
  signOut,
  startWard,
  type PageProblems,
  type RunningServer,
  type TestUser,
} from './harness';

// Chuyển khoản end to end: the officer imports the sample register (through the API, as the wizard does),
// opens the section, picks 10/2024, sets the BTXH target of 150 and reads NCC 37/37 (100%), BTXH 141/410
// (34,4%) and 94% of the target; the trend shows the month; the work list of 269 people paid in cash
// is sorted and filtered and downloads as xlsx, which LibreOffice reads back; a person moved to an own
// account through the payout channel moves the figures (142/410, 34,6%; 94,7% of the target). Screenshots:
// /tmp/so-an-sinh-campaign*.png.

const SHOT = '/tmp/so-an-sinh-campaign.png';
const SHOT_TREND = '/tmp/so-an-sinh-campaign-trend.png';
const SHOT_LIST = '/tmp/so-an-sinh-campaign-list.png';
const APPROVER: TestUser = {
  fullName: 'Phạm Văn Duyệt',
  username: 'lanhdao',
  password: 'Lanhdao@2025',
  role: 'approver',
};

describe('Chuyển khoản (campaign dashboard), in Chromium against the browser harness', () => {
  let browser: Browser;
  let server: RunningServer;
  let page: Page;
  let problems: PageProblems;
  const temp = makeTempDir();

  beforeAll(async () => {
    ({ server, browser, page, problems } = await startWard(join(temp.dir, 'so.sqlite')));
    await createUser(page, OFFICER, 'Cán bộ chính sách');
    await createUser(page, APPROVER, 'Lãnh đạo phê duyệt');
    await signOut(page);
    await signIn(page, OFFICER);
    await page.getByRole('heading', { level: 1, name: 'Việc cần làm' }).waitFor();
    await page.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name: 'Sổ đối tượng' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sổ đối tượng' }).waitFor();
    await importSampleFromPage(page);
    // Certified by the leadership: only then are the 51 authorized accounts paid (issue 14).
    await certifyAllFromPage(page, join(temp.dir, 'so.sqlite'), APPROVER, OFFICER);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    temp.remove();
  });

  it('shows NCC 37/37 (100%), BTXH 141/410 (34,4%) and 94% of the target of 150 set on the screen', async () => {
    await page.getByRole('link', { name: 'Chuyển khoản' }).click();
    await page.getByRole('heading', { level: 1, name: /Chuyển khoản/ }).waitFor();
    await page.getByRole('textbox', { name: 'Tháng', exact: true }).fill('10/2024');
    await page.getByRole('button', { name: 'Xem', exact: true }).click();
    const btxh = page.getByRole('region', { name: 'Trợ cấp xã hội hằng tháng — tháng 10/2024' });
    const ncc = page.getByRole('region', { name: 'Trợ cấp ưu đãi người có công — tháng 10/2024' });
    await btxh.waitFor();
    expect(await ncc.getByTestId('rate-NCC').textContent()).toBe(
      '37/37 người nhận qua tài khoản (100%) — Chưa đặt chỉ tiêu cho kỳ này.',
    );
    expect(await btxh.getByTestId('rate-BTXH').textContent()).toBe(
      '141/410 người nhận qua tài khoản (34,4%) — Chưa đặt chỉ tiêu cho kỳ này.',
    );

    // No target for the period yet (issue 14), then the target: 150 people for the year 2024.
    expect(await btxh.getByTestId('target-BTXH').textContent()).toBe('Chưa đặt chỉ tiêu cho kỳ này.');
    await btxh.getByRole('button', { name: /Đặt chỉ tiêu/ }).click();
    const form = btxh.getByRole('form', { name: /Chỉ tiêu/ });
    expect(await form.getByRole('textbox', { name: 'Năm', exact: true }).inputValue()).toBe('2024');
    await form.getByRole('textbox', { name: /Chỉ tiêu \(số người\)/ }).fill('150');
    await form.getByRole('button', { name: 'Lưu chỉ tiêu' }).click();
    await btxh.getByTestId('target-BTXH').filter({ hasText: /Đạt/ }).waitFor();
    expect(await btxh.getByTestId('target-BTXH').textContent()).toBe(
      'Đạt 94% chỉ tiêu 150 người (năm 2024), hạn 31/12/2024; còn 9 người.',
    );

    // The group table: the total row and the method columns.
    const table = btxh.getByRole('table');
    const total = table.getByRole('row', { name: /^Cộng/ });
    expect((await total.getByRole('cell').allTextContents()).slice(0, 7)).toEqual([
      '410',
      '237',
      '32',
      '90',
      '51',
      '141',
      '34,4%',
    ]);

    // The trend: a chart with its caption, and the numbers in a table.
    await page.getByRole('img', { name: /Tỷ lệ nhận qua tài khoản theo tháng, từ 11\/2023 đến 10\/2024/ }).waitFor();
    const trend = page.getByRole('table', { name: 'Số người nhận qua tài khoản và tỷ lệ, theo tháng' });
    const october = trend.getByRole('row', { name: /^10\/2024/ });
    expect(await october.getByRole('cell').allTextContents()).toEqual([
      '141/410 (34,4%)',
      '37/37 (100%)',
      '178/447 (39,8%)',
    ]);
    expect(
      await trend
        .getByRole('row', { name: /^09\/2024/ })
        .getByRole('cell')
        .first()
        .textContent(),
    ).toBe('—');
    expect(await horizontalOverflow(page)).toEqual([]);
    await page.evaluate(() => document.querySelector('.app-scroll')?.scrollTo({ top: 0 }));
    await page.screenshot({ path: SHOT });
    await page
      .getByRole('heading', { name: 'Diễn biến 12 tháng' })
      .evaluate((h) => h.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: SHOT_TREND });
    expect(problems.unexpected()).toEqual([]);
  });

  it('lists the 269 people paid in cash, sorts and filters them, and exports the list to xlsx', async () => {
    const list = page.getByRole('region', { name: /Danh sách cần vận động/ });
    await list.getByTestId('worklist-total').filter({ hasText: '269 người còn nhận tiền mặt.' }).waitFor();
    const grid = list.getByRole('table');
    // Sort by name, in the offices' order (given name first); then descending.
    await grid.getByRole('button', { name: 'Họ và tên' }).click();
    await grid.locator('th[aria-sort="ascending"]').filter({ hasText: 'Họ và tên' }).waitFor();
    const firstAsc = await grid.locator('tbody tr th').first().textContent();
    await grid.getByRole('button', { name: /Họ và tên/ }).click();
    await grid.locator('th[aria-sort="descending"]').filter({ hasText: 'Họ và tên' }).waitFor();
    await page.waitForFunction(
      (name) => document.querySelector('.campaign-worklist-table tbody tr th')?.textContent !== name,
      firstAsc,
    );

    // Filter by the first neighbourhood.
    const select = list.getByRole('combobox', { name: 'Khu phố' });
    const option = (await select.locator('option').nth(1).textContent())!;
    const [name, n] = /^(.*) — (\d+) người$/.exec(option)!.slice(1) as [string, string];
    await select.selectOption({ index: 1 });
    await list
      .getByTestId('worklist-total')
      .filter({ hasText: `${n} người còn nhận tiền mặt.` })
      .waitFor();
    const shown = await grid.locator('tbody tr td:nth-child(3)').allTextContents();
    expect(new Set(shown)).toEqual(new Set([name]));
    await list.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: SHOT_LIST });

    // Export: a download that LibreOffice reads back with the same people.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      list.getByRole('button', { name: 'Xuất Excel danh sách vận động' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('danh-sach-van-dong-chuyen-khoan-2024-10.xlsx');
    const saved = join(temp.dir, download.suggestedFilename());
    await download.saveAs(saved);
    const [csv] = xlsxToCsvSheets(readFileSync(saved));
    const rows = parseCsv(csv!);
    expect(rows[3]![1]).toBe('Họ và tên');
    const data = rows.slice(4).filter((r) => /^\d+$/.test(r[0] ?? ''));
    expect(data).toHaveLength(Number(n));
    expect(new Set(data.map((r) => r[6]))).toEqual(new Set([name]));
    await list
      .getByRole('status')
      .filter({ hasText: `Đã xuất ${n} người.` })
      .waitFor();
    expect(problems.unexpected()).toEqual([]);
  });

  it('changes when a person on the work list is moved to an own account (payout.change)', async () => {
    const first = await callFromPage<{ rows: Array<{ personId: number; fullName: string }> }>(
      page,
      'campaign.workList',
      { month: '2024-10', sort: 'name', limit: 1 },
    );
    if (!first.ok) throw new Error(first.error.message);
    const person = first.value.rows[0]!;
    const moved = await callFromPage(page, 'payout.change', {
      personId: person.personId,
      method: 'OWN_ACCOUNT',
      effectiveMonth: '10/2024',
      account: {
        new: {
          bankCode: 'AGRIBANK',
          branch: 'Phan Thiết',
          accountNumber: '5400205123456',
          holderName: person.fullName,
        },
      },
      note: 'Vận động chuyển khoản',
    });
    expect(moved.ok, JSON.stringify(moved)).toBe(true);
    await page.reload();
    await page.getByRole('textbox', { name: 'Tháng', exact: true }).fill('10/2024');
    await page.getByRole('button', { name: 'Xem', exact: true }).click();
    const btxh = page.getByRole('region', { name: 'Trợ cấp xã hội hằng tháng — tháng 10/2024' });
    await btxh.getByTestId('rate-BTXH').filter({ hasText: '142/410' }).waitFor();
    expect(await btxh.getByTestId('rate-BTXH').textContent()).toMatch(
      /^142\/410 người nhận qua tài khoản \(34,6%\) — /,
    );
    expect(await btxh.getByTestId('target-BTXH').textContent()).toBe(
      'Đạt 94,7% chỉ tiêu 150 người (năm 2024), hạn 31/12/2024; còn 8 người.',
    );
    const list = page.getByRole('region', { name: /Danh sách cần vận động/ });
    await list.getByTestId('worklist-total').filter({ hasText: '268 người còn nhận tiền mặt.' }).waitFor();
    expect(problems.unexpected()).toEqual([]);
  });
});
