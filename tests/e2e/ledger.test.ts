import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WriteResult } from '@shared/api/register';
import { addMonths, formatMonthVi } from '@shared/domain/dates';
import type { TestUser } from './harness';
import {
  OFFICER,
  approveFromPage,
  submitFromPage,
  callFromPage,
  createUser,
  horizontalOverflow,
  makeTempDir,
  must,
  openPage,
  runJobFromPage,
  signIn,
  signOut,
  startWard,
  type PageProblems,
  type RunningServer,
} from './harness';

// A death recorded late, end to end (issue 11): a beneficiary's months M−3 to M−1 were paid by approved
// payrolls; a back-dated group change then raised M−2 onwards, and only after that is the death (in
// M−2) recorded in the UI. The person's money history shows the month after the death
// as overpaid and the raise of the death month as held for the heir; the officer names the heir (cash)
// in the UI; the next payroll pays the heir in cash — on the payroll screen and on the cash list.
// Months are counted back from the harness's clock (the current month M).
// Screenshots at 1024×768: /tmp/so-an-sinh-ledger-*.png.

const APPROVER: TestUser = {
  fullName: 'Phạm Văn Duyệt',
  username: 'lanhdao',
  password: 'Lanhdao@2025',
  role: 'approver',
};
const NAME = 'Đinh Văn Hậu';
const HEIR = 'Đinh Thị Hoa';
const ORGANISER = 'Đinh Văn Tư';

const now = new Date();
const M = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
const M3 = addMonths(M, -3);
const M2 = addMonths(M, -2);
const M1 = addMonths(M, -1);
const ddmmyyyy = (month: string, day: string) => `${day}/${month.slice(5, 7)}/${month.slice(0, 4)}`;
const decision = (month: string, number: string) => ({
  number,
  signedDate: ddmmyyyy(month, '01'),
  signer: 'Nguyễn Văn Chủ',
  effectiveMonth: formatMonthVi(month),
  reason: '',
});

describe('A death recorded late: overpayment, held money, the heir paid in cash (Chromium, 1024×768)', () => {
  let browser: Browser;
  let server: RunningServer;
  let page: Page;
  let problems: PageProblems;
  let approver: Page;
  let personId = 0;
  const temp = makeTempDir();

  const buildAndApprove = async (month: string): Promise<number> => {
    const built = await runJobFromPage<{ payrolls: Array<{ id: number; programme: string }> }>(page, 'payroll.build', {
      month,
      programmes: ['BTXH'],
    });
    const id = built.payrolls.find((p) => p.programme === 'BTXH')!.id;
    await approveFromPage(approver, await submitFromPage(page, id));
    return id;
  };

  beforeAll(async () => {
    ({ server, browser, page, problems } = await startWard(join(temp.dir, 'so.sqlite')));
    await page.setViewportSize({ width: 1024, height: 768 });
    await createUser(page, OFFICER, 'Cán bộ chính sách');
    await createUser(page, APPROVER, 'Lãnh đạo phê duyệt');
    await signOut(page);
    await signIn(page, OFFICER);
    ({ page: approver } = await openPage(browser));
    await approver.goto(server.url);
    await signIn(approver, APPROVER);

    // Granted from M−3 (social allowance of an elder, coefficient 1,0 = 500.000); M−3 to M−1 paid in cash.
    const enrolled = await must(
      callFromPage<WriteResult>(page, 'register.enroll', {
        person: {
          new: {
            fullName: NAME,
            birthDate: '15/03/1940',
            gender: 'male',
            citizenId: '',
            legacyId: '',
            idIssueDate: '',
            idIssuePlace: '',
            address: '5 Lê Lợi, Khu phố 1',
            neighbourhood: 'Khu phố 1',
            phone: '',
            healthInsuranceNo: '',
            note: '',
          },
        },
        programme: 'BTXH',
        groupCode: 'BTXH-5C',
        decision: decision(M3, '10/QĐ-UBND'),
      }),
    );
    personId = enrolled.personId;
    await buildAndApprove(M3);
    await buildAndApprove(M2);
    await buildAndApprove(M1);
    // A decision signed later raises the group from M−2 (coefficient 2,5 = 1.250.000 a month).
    const detail = await must(
      callFromPage<{ entitlements: Array<{ id: number }> }>(page, 'people.get', { id: personId }),
    );
    await must(
      callFromPage(page, 'register.decide', {
        entitlementId: detail.entitlements[0]!.id,
        kind: 'adjust',
        groupCode: 'BTXH-6B',
        decision: decision(M2, '11/QĐ-UBND'),
      }),
    );
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    temp.remove();
  });

  it('the officer records the death (15th of M−2) on the person page', async () => {
    await page.goto(`${server.url}/#/so-doi-tuong/ho-so/${personId}`);
    await page.getByRole('heading', { level: 1, name: NAME }).waitFor();
    await page.getByRole('button', { name: 'Báo tử' }).click();
    const death = page.getByRole('dialog', { name: /Báo tử/ });
    await death.waitFor();
    await death.getByRole('textbox', { name: 'Ngày mất' }).fill(ddmmyyyy(M2, '15'));
    await death.getByRole('textbox', { name: 'Người tổ chức mai táng' }).fill(ORGANISER);
    await death.getByRole('textbox', { name: 'Số quyết định', exact: true }).fill('130/QĐ-UBND');
    await death.getByRole('textbox', { name: 'Ngày ký', exact: true }).fill(ddmmyyyy(M, '01'));
    await death.getByRole('textbox', { name: 'Ngày ký', exact: true }).press('Enter');
    await death.waitFor({ state: 'detached' });
    await page.getByText(`Đã mất ngày ${ddmmyyyy(M2, '15')}`).waitFor();
  });

  it('Lịch sử tiền: M−1 overpaid (500.000, not recovered), M−2 still owed 750.000 and held for the heir', async () => {
    const history = page.getByRole('region', { name: 'Lịch sử tiền' });
    const months = history.getByRole('table', { name: 'Theo từng tháng' });
    const rowOf = (month: string) =>
      months
        .getByRole('row')
        .filter({ hasText: formatMonthVi(month) })
        .filter({ hasText: 'Trợ cấp xã hội' });
    await rowOf(M1).first().waitFor();
    // Owed | paid | difference | the payroll line that paid it.
    expect(await rowOf(M3).first().textContent()).toMatch(/500\.000\s*500\.000\s*Bảng/);
    expect(await rowOf(M2).first().textContent()).toMatch(/1\.250\.000\s*500\.000\s*\+750\.000\s*Bảng/);
    expect(await rowOf(M1).first().textContent()).toMatch(/0\s*500\.000\s*-500\.000\s*Bảng/);
    const held = history.getByRole('table', { name: 'Tiền giữ lại chờ người thừa kế' });
    expect(await held.textContent()).toContain(`tháng ${formatMonthVi(M2)} (1 tháng)`);
    expect(await held.textContent()).toContain('750.000');
    expect(await held.textContent()).toContain('Đang giữ lại, chờ xác định người thừa kế');
    const overpaid = history.getByRole('table', { name: 'Khoản chi thừa (truy thu)' });
    expect(await overpaid.textContent()).toContain(`tháng ${formatMonthVi(M1)} (1 tháng)`);
    expect(await overpaid.textContent()).toContain('500.000');
    expect(await overpaid.textContent()).toContain('Chưa thu hồi');
    await history.getByText('Chưa xác định người thừa kế').waitFor();
    // Groups in words, as on every document (the ledger's label names the group by its code).
    expect(await months.textContent()).toContain('Người khuyết tật đặc biệt nặng là trẻ em hoặc người cao tuổi');
    expect(await months.textContent()).not.toMatch(/BTXH-\d/);
    expect(await horizontalOverflow(page)).toEqual([]);
    await page.getByRole('heading', { name: 'Lịch sử tiền' }).evaluate((h) => h.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: '/tmp/so-an-sinh-ledger-history.png' });
  });

  it('the officer names the heir (cash, with the proving paper); the held money now goes to the heir', async () => {
    const history = page.getByRole('region', { name: 'Lịch sử tiền' });
    await history.getByRole('button', { name: 'Xác định người thừa kế' }).click();
    const dialog = page.getByRole('dialog', { name: /Xác định người thừa kế/ });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('750.000');
    await dialog.getByRole('textbox', { name: 'Họ tên người thừa kế / người lo mai táng' }).fill(HEIR);
    await dialog.getByRole('textbox', { name: 'Quan hệ với người đã mất' }).fill('con');
    await dialog.getByRole('combobox', { name: 'Loại giấy tờ chứng minh' }).fill('Văn bản thỏa thuận phân chia di sản');
    await dialog.getByRole('textbox', { name: 'Số giấy tờ' }).fill('25/2026/VBTT');
    await dialog.getByRole('textbox', { name: 'Ngày giấy tờ' }).fill(ddmmyyyy(M, '02'));
    await page.screenshot({ path: '/tmp/so-an-sinh-ledger-heir.png' });
    await dialog.getByRole('button', { name: 'Lưu người thừa kế' }).click();
    await dialog.waitFor({ state: 'detached' });
    await history
      .getByRole('status')
      .filter({ hasText: `Đã xác định người thừa kế của ${NAME}: ${HEIR} (con)` })
      .waitFor();
    await history.getByText(`Người thừa kế: ${HEIR}`).waitFor();
    const held = history.getByRole('table', { name: 'Tiền giữ lại chờ người thừa kế' });
    await held.getByText('Chi cho người thừa kế ở kỳ chi tới').waitFor();
    // The same history printed for the person's file.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      history.getByRole('button', { name: 'In lịch sử tiền' }).click(),
    ]);
    const path = join(temp.dir, 'history.pdf');
    await download.saveAs(path);
    const text = execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('BẢNG THEO DÕI CHI TRẢ TRỢ CẤP, HỖ TRỢ');
    expect(text).toContain(`Họ và tên: ${NAME}`);
    expect(text).toMatch(
      new RegExp(
        `${formatMonthVi(M1).replace('/', '\\/')} Trợ cấp xã hội hằng tháng — Người khuyết tật đặc biệt nặng là trẻ em hoặc người cao tuổi 0 500\\.000 -500\\.000`,
      ),
    );
    expect(text).not.toMatch(/BTXH-\d/);
    expect(text).toContain(`Người thừa kế / người lo mai táng: ${HEIR} (con)`);
    expect(text).toContain('Số tiền còn phải thu hồi bằng chữ: Năm trăm nghìn đồng.');
    expect(problems.unexpected(), problems.all.join('\n')).toEqual([]);
  });

  it('the next payroll (M) pays the heir 750.000 in cash: on the payroll screen and on the cash list', async () => {
    const built = await runJobFromPage<{ payrolls: Array<{ id: number; programme: string }> }>(page, 'payroll.build', {
      month: M,
      programmes: ['BTXH'],
    });
    const payrollId = built.payrolls.find((p) => p.programme === 'BTXH')!.id;
    await page.goto(`${server.url}/#/chi-tra/bang/${payrollId}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(`Bảng chi trả tháng ${formatMonthVi(M)}`) }).waitFor();
    await page.getByRole('tab', { name: 'Danh sách' }).click();
    const grid = page.getByRole('grid', { name: 'Các dòng của bảng chi trả' });
    await grid.getByRole('gridcell').first().waitFor();
    const heirRow = grid.getByRole('row').filter({ hasText: HEIR }).filter({ hasText: '750.000' });
    await heirRow.waitFor();
    expect(await heirRow.textContent()).toMatch(/Tiền mặt/);
    // Nothing for the month after the death, nothing to the deceased's own name as receiver.
    expect(await grid.getByRole('row').filter({ hasText: NAME }).filter({ hasText: '1.250.000' }).count()).toBe(0);
    // The ward-wide list of the month names the arrears line with its period and its receiver.
    await page.getByRole('tab', { name: 'Truy lĩnh, truy thu' }).click();
    const arrears = page.getByRole('table', { name: /Truy lĩnh: 1 khoản/ });
    await arrears.waitFor();
    expect(await arrears.textContent()).toContain(`${formatMonthVi(M2)} (1 tháng)`);
    expect(await arrears.textContent()).toContain(HEIR);
    const [listDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải danh sách (PDF)' }).click(),
    ]);
    const listPath = join(temp.dir, 'truy-linh.pdf');
    await listDownload.saveAs(listPath);
    const listText = execFileSync('pdftotext', ['-raw', listPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(listText).toContain(`DANH SÁCH TRUY LĨNH, TRUY THU — THÁNG ${formatMonthVi(M)}`);
    expect(listText).toContain(`${formatMonthVi(M2)} ${formatMonthVi(M2)} 1 750.000`);
    expect(listText).toContain(HEIR);
    expect(listText).toContain(`Tổng số tiền còn phải thu hồi bằng chữ: Năm trăm nghìn đồng.`);
    expect(await horizontalOverflow(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/so-an-sinh-ledger-payroll.png' });

    await approveFromPage(approver, await submitFromPage(page, payrollId));
    await page.reload();
    await page.getByRole('tab', { name: 'Tệp chi trả' }).click();
    await page.getByRole('radio', { name: 'Một danh sách toàn phường/xã' }).check();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /Tải về chi-tra-tien-mat_.*\.pdf/ }).click(),
    ]);
    const path = join(temp.dir, 'cash.pdf');
    await download.saveAs(path);
    const text = execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain(NAME);
    expect(text).toContain(HEIR);
    expect(text).toContain('750.000');
    expect(text).toContain(`Truy lĩnh tháng ${formatMonthVi(M2)} (1 tháng)`);
    expect(text).toContain(`Chi cho người thừa kế ${HEIR} (con)`);
    expect(problems.unexpected(), problems.all.join('\n')).toEqual([]);
  });
});
