import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '@shared/domain/dates';
import { parseCsv } from '@shared/domain/csv';
import { xlsxToCsvSheets } from '../support/libreoffice';
import { b64, resultXlsx } from '../integration/payroll-results.fixture';
import {
  OFFICER,
  approveFromPage,
  submitFromPage,
  callFromPage,
  createUser,
  makeTempDir,
  must,
  runJobFromPage,
  signIn,
  signOut,
  startWard,
  type PageProblems,
  type RunningServer,
  type TestUser,
} from './harness';

// Kết quả chi trả end to end: through the API the officer enrolls four people paid into their own accounts,
// builds next month's payroll and the approver approves it; then in the UI the officer opens the payroll's
// "Kết quả chi trả" tab, imports the bank's result file (two lines failed), sees the preview, writes it,
// carries the two failed lines over to the month after, and the build of that month takes them.

const APPROVER: TestUser = {
  fullName: 'Phạm Văn Duyệt',
  username: 'lanhdao.duyet',
  password: 'Lanhdao@2025',
  role: 'approver',
};
const SHOT = '/tmp/so-an-sinh-payroll-results.png';
const SHOT_PREVIEW = '/tmp/so-an-sinh-payroll-results-preview.png';

const PEOPLE = [
  { name: 'Nguyễn Văn Ơn', account: '2000000000011' },
  { name: 'Đặng Thị Ánh', account: '2000000000022' },
  { name: 'Trần Văn Hùng', account: '2000000000033' },
  { name: 'Lê Thị Hoa', account: '2000000000044' },
];

const pad = (n: number) => String(n).padStart(2, '0');
const now = new Date();
const THIS_MONTH = `${now.getFullYear()}-${pad(now.getMonth() + 1)}`;
const PAY_MONTH = addMonths(THIS_MONTH, 1);
const NEXT_MONTH = addMonths(THIS_MONTH, 2);
const monthVi = (m: string) => `${m.slice(5, 7)}/${m.slice(0, 4)}`;

describe('Kết quả chi trả, in Chromium against the browser harness', () => {
  let browser: Browser;
  let server: RunningServer;
  let page: Page;
  let problems: PageProblems;
  let payrollId: number;
  let lines: Array<{ fullName: string; accountNumber: string; amountVnd: number }>;
  const temp = makeTempDir();

  beforeAll(async () => {
    ({ server, browser, page, problems } = await startWard(join(temp.dir, 'so.sqlite')));
    await must(
      callFromPage(page, 'settings.saveOffice', {
        unitName: 'UBND phường Đức Nghĩa',
        parentBody: '',
        placeName: 'Phan Thiết',
        province: 'Lâm Đồng',
        chairmanName: 'Nguyễn Văn Chủ',
        officerName: OFFICER.fullName,
        reportRecipients: [],
      }),
    );
    await createUser(page, OFFICER, 'Cán bộ chính sách');
    await createUser(page, APPROVER, 'Lãnh đạo phê duyệt');
    await signOut(page);

    // Through the API: four people paid into their own accounts, next month's payroll built.
    await signIn(page, OFFICER);
    for (const p of PEOPLE) {
      const { personId } = await must(
        callFromPage<{ personId: number }>(page, 'register.enroll', {
          person: {
            new: {
              fullName: p.name,
              birthDate: '1940',
              gender: 'male',
              citizenId: '',
              legacyId: '',
              idIssueDate: '',
              idIssuePlace: '',
              address: 'Khu phố 1',
              neighbourhood: 'Khu phố 1',
              phone: '',
              healthInsuranceNo: '',
              note: '',
            },
          },
          programme: 'BTXH',
          groupCode: 'BTXH-6D',
          decision: {
            number: '12/QĐ-UBND',
            signedDate: `01/${monthVi(THIS_MONTH)}`,
            signer: 'Nguyễn Văn Chủ',
            effectiveMonth: monthVi(THIS_MONTH),
            reason: '',
          },
        }),
      );
      await must(
        callFromPage(page, 'payout.change', {
          personId,
          method: 'OWN_ACCOUNT',
          effectiveMonth: monthVi(THIS_MONTH),
          account: {
            new: { bankCode: 'AGRIBANK', branch: 'Phan Thiết', accountNumber: p.account, holderName: p.name },
          },
          note: '',
        }),
      );
    }
    const built = await runJobFromPage<{ payrolls: Array<{ id: number }> }>(page, 'payroll.build', {
      month: PAY_MONTH,
      programmes: ['BTXH'],
    });
    payrollId = built.payrolls[0]!.id;
    const submitted = await submitFromPage(page, payrollId);
    await signOut(page);
    await signIn(page, APPROVER);
    await approveFromPage(page, submitted);
    await signOut(page);
    await signIn(page, OFFICER);
    lines = (
      await must(
        callFromPage<{ rows: Array<{ fullName: string; accountNumber: string; amountVnd: number }> }>(
          page,
          'payroll.lines',
          { payrollId },
        ),
      )
    ).rows;
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    temp.remove();
  });

  it('imports a result file with two failed lines, carries them over, and next month takes them', async () => {
    expect(lines).toHaveLength(4);
    const amountOf = (name: string) => lines.find((l) => l.fullName === name)!.amountVnd;
    const file = await resultXlsx(
      PEOPLE.map((p, i) => ({
        account: p.account,
        amountVnd: amountOf(p.name),
        status: i < 2 ? 'Thành công' : 'Thất bại',
        reason: i < 2 ? '' : 'Tài khoản không tồn tại',
      })),
    );

    await openResultsTab(page, payrollId);
    const panel = page.getByRole('region', { name: 'Nhập tệp kết quả của ngân hàng' });
    await panel.getByLabel('Tệp kết quả (.xlsx, .csv)').setInputFiles({
      name: 'ket-qua-ngan-hang.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(b64(file), 'base64'),
    });
    await panel.getByRole('button', { name: 'Xem trước' }).click();
    const preview = panel.getByLabel('Xem trước kết quả');
    await preview.getByText('Sẽ ghi: đã chi trả: 2', { exact: false }).waitFor();
    await preview.getByText('Sẽ ghi: không thành công: 2', { exact: false }).waitFor();
    await page.getByRole('tabpanel').screenshot({ path: SHOT_PREVIEW });
    await panel.getByRole('button', { name: 'Ghi kết quả (4 dòng)' }).click();
    await panel
      .getByRole('status', { name: 'Kết quả nhập tệp' })
      .filter({ hasText: 'Đã ghi 2 dòng đã chi trả' })
      .waitFor();

    const linesPanel = page.getByRole('region', { name: 'Các dòng chi trả' });
    await linesPanel.getByLabel('Tình trạng').selectOption({ label: 'Không thành công' });
    await linesPanel.getByRole('checkbox', { name: 'Chọn Trần Văn Hùng' }).waitFor();
    await linesPanel.getByRole('checkbox', { name: 'Chọn tất cả dòng đang hiện' }).check();
    await linesPanel.getByRole('button', { name: 'Chuyển sang tháng sau', exact: true }).click();
    await linesPanel.getByRole('status').filter({ hasText: 'Đã chuyển sang tháng sau: 2 dòng' }).waitFor();
    await linesPanel.getByLabel('Tình trạng').selectOption({ label: 'Chuyển sang tháng sau' });
    await linesPanel.getByRole('cell', { name: 'Lê Thị Hoa', exact: true }).waitFor();
    await linesPanel.getByRole('cell', { name: 'Trần Văn Hùng', exact: true }).waitFor();
    await page.getByRole('tabpanel').screenshot({ path: SHOT });

    // The reconciliation on the tab: two paid, two carried over, balance = the carried amounts.
    const carriedVnd = amountOf('Trần Văn Hùng') + amountOf('Lê Thị Hoa');
    const summary = page.getByRole('list', { name: 'Số dòng theo tình trạng' });
    await summary.getByText(/Chuyển sang tháng sau: 2 dòng/).waitFor();

    // The reconciliation report downloads; LibreOffice reads its total row back.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Báo cáo đối chiếu (Excel)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`doi-chieu-chi-tra-${PAY_MONTH}-btxh.xlsx`);
    const sheets = xlsxToCsvSheets(readFileSync((await download.path())!)).map(parseCsv);
    const totalRow = sheets.flat().find((r) => r[0] === 'Tổng cộng')!;
    const num = (v: string | undefined) => Number((v ?? '').replace(/[.,]/g, ''));
    const payrollVnd = lines.reduce((s, l) => s + l.amountVnd, 0);
    expect([num(totalRow[1]), num(totalRow[2]), num(totalRow[10]), num(totalRow[15])]).toEqual([
      4,
      payrollVnd,
      carriedVnd,
      carriedVnd,
    ]);

    // Next month's build takes the two carried lines.
    const next = await runJobFromPage<{ payrolls: Array<{ id: number }> }>(page, 'payroll.build', {
      month: NEXT_MONTH,
      programmes: ['BTXH'],
    });
    const nextLines = (
      await must(
        callFromPage<{ rows: Array<{ fullName: string; carriedFromLineId: number | null; amountVnd: number }> }>(
          page,
          'payroll.lines',
          { payrollId: next.payrolls[0]!.id, limit: 100 },
        ),
      )
    ).rows;
    const carried = nextLines.filter((l) => l.carriedFromLineId !== null);
    expect(carried.map((l) => l.fullName).sort()).toEqual(['Lê Thị Hoa', 'Trần Văn Hùng']);
    expect(carried.reduce((s, l) => s + l.amountVnd, 0)).toBe(carriedVnd);
    expect(problems.unexpected()).toEqual([]);
  }, 180_000);
});

/** The payroll's page (Chi trả lists the month's payrolls), then its "Kết quả chi trả" tab. */
async function openResultsTab(page: Page, payrollId: number): Promise<void> {
  await page.goto(new URL('/#/chi-tra', page.url()).href);
  const link = page.getByRole('link', { name: new RegExp(monthVi(PAY_MONTH).replace('/', '\\/')) }).first();
  try {
    await link.waitFor({ timeout: 10_000 });
    await link.click();
  } catch {
    await page.goto(new URL(`/#/chi-tra/bang/${payrollId}`, page.url()).href);
  }
  const tab = page
    .getByRole('tab', { name: 'Kết quả chi trả' })
    .or(page.getByRole('link', { name: 'Kết quả chi trả' }));
  await tab.first().click();
  await page
    .getByRole('heading', { name: new RegExp(`Kết quả chi trả tháng ${monthVi(PAY_MONTH).replace('/', '\\/')}`) })
    .waitFor();
}
