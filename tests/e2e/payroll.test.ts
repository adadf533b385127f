import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from './harness';
import {
  ADMIN,
  OFFICER,
  callFromPage,
  createUser,
  must,
  runJobFromPage,
  horizontalOverflow,
  certifyAllFromPage,
  importSampleFromPage,
  makeTempDir,
  signIn,
  signOut,
  startWard,
  type PageProblems,
  type RunningServer,
} from './harness';

// Chi trả end to end on one fresh data file: the officer builds the payroll of the sample register's
// month with a progress bar, reviews it (totals, lines, differences), cannot approve (no button, and main
// refuses the call itself with FORBIDDEN) and submits it; the approver lands on Việc cần làm, sees it
// waiting with its attention lines and returns it with a comment; the officer sees the comment, rebuilds
// and resubmits; the approver confirms month, programme, count and total (issue 14). A register change
// after submission blocks approval until rebuilt. The administrator's audit screen shows it all. Screenshots at 1366×768 go to /tmp/so-an-sinh-payroll-*.png.

const APPROVER: TestUser = {
  fullName: 'Phạm Văn Duyệt',
  username: 'lanhdao',
  password: 'Lanhdao@2025',
  role: 'approver',
};

describe('Chi trả, in Chromium against the browser harness', () => {
  let browser: Browser;
  let server: RunningServer;
  let page: Page;
  let problems: PageProblems;
  let btxhPayrollUrl = '';
  const temp = makeTempDir();

  beforeAll(async () => {
    ({ server, browser, page, problems } = await startWard(join(temp.dir, 'so.sqlite')));
    await createUser(page, OFFICER, 'Cán bộ chính sách');
    await createUser(page, APPROVER, 'Lãnh đạo phê duyệt');
    await signOut(page);
    await signIn(page, OFFICER);
    // The register: the sample workbook, imported through the same channels as the wizard.
    await importSampleFromPage(page);
    // The leadership certifies the imported authorizations: only then are those accounts paid (issue 14).
    expect(await certifyAllFromPage(page, join(temp.dir, 'so.sqlite'), APPROVER, OFFICER)).toBe(51);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    temp.remove();
  });

  it('the officer builds the payroll of 10/2024 with a progress bar: one draft per programme, the import’s totals', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Chi trả' }).click();
    await page.getByRole('heading', { level: 1, name: 'Chi trả' }).waitFor();
    await page.getByLabel('Tháng chi trả').fill('2024-10');
    await page.getByRole('button', { name: 'Lập bảng chi trả' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã lập bảng chi trả tháng 10/2024.' }).waitFor();
    const table = page.getByRole('table', { name: 'Danh sách bảng chi trả' });
    await table.getByRole('row').filter({ hasText: '274.000.000' }).waitFor();
    const rows = await table.locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('Trợ cấp xã hội hằng tháng');
    expect(rows[0]).toContain('Nháp');
    expect(rows[0]).toContain('410');
    expect(rows[1]).toContain('Trợ cấp ưu đãi người có công');
    expect(rows[1]).toContain('105.362.000');
    expect(await horizontalOverflow(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/so-an-sinh-payroll-list.png' });
  });

  it('reviews it: totals by method and neighbourhood, the lines (virtualised, searchable), the differences', async () => {
    await page
      .getByRole('table', { name: 'Danh sách bảng chi trả' })
      .getByRole('row')
      .filter({ hasText: 'Trợ cấp xã hội hằng tháng' })
      .getByRole('link')
      .click();
    await page
      .getByRole('heading', { level: 1, name: 'Bảng chi trả tháng 10/2024 — Trợ cấp xã hội hằng tháng' })
      .waitFor();
    btxhPayrollUrl = page.url();
    expect(await page.getByTestId('payroll-total').textContent()).toBe('274.000.000');
    const byMethod = page.getByRole('table', { name: 'Theo hình thức chi trả' });
    await byMethod.waitFor();
    expect(await byMethod.locator('tfoot').textContent()).toContain('274.000.000');
    expect(await page.getByRole('table', { name: 'Theo khu phố' }).locator('tfoot').textContent()).toContain(
      '274.000.000',
    );
    // The officer sees no Approve button (only Trình phê duyệt).
    expect(await page.getByRole('button', { name: /^Phê duyệt/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Trình phê duyệt' }).waitFor();

    await page.getByRole('tab', { name: 'Danh sách' }).click();
    const grid = page.getByRole('grid', { name: 'Các dòng của bảng chi trả' });
    await grid.getByRole('gridcell').first().waitFor();
    expect(await grid.getAttribute('aria-rowcount')).toBe('411');
    expect(await grid.getByRole('row').count()).toBeLessThan(60);
    await page.getByLabel('Tìm trong bảng chi trả').fill('nguyen');
    await page.waitForFunction(() => {
      const g = document.querySelector('[aria-label="Các dòng của bảng chi trả"]');
      const n = Number(g?.getAttribute('aria-rowcount') ?? 0);
      return n > 1 && n < 411;
    });
    const firstName = (await grid.getByRole('row').nth(1).getByRole('gridcell').nth(1).textContent()) ?? '';
    expect(firstName).toMatch(/Nguyễn/);
    await page.screenshot({ path: '/tmp/so-an-sinh-payroll-lines.png' });

    await page.getByRole('tab', { name: 'So với tháng trước' }).click();
    await page.getByText('410 người mới vào').waitFor();
    expect(await horizontalOverflow(page)).toEqual([]);
  });

  it('the officer cannot approve (main refuses with FORBIDDEN) and submits the draft: rebuilt and frozen for review', async () => {
    const payrollId = Number(btxhPayrollUrl.split('/').pop());
    const refused = await callFromPage(page, 'payroll.approve', {
      payrollId,
      confirm: { month: '2024-10', programme: 'BTXH', lineCount: 410, totalVnd: 274_000_000 },
    });
    expect(refused).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'FORBIDDEN',
        message: 'Vai trò «Cán bộ chính sách» không được phép thực hiện thao tác này.',
      }),
    });
    await page.getByRole('button', { name: 'Trình phê duyệt' }).click();
    await page.getByTestId('payroll-review-state').filter({ hasText: 'Đã trình, chờ phê duyệt' }).waitFor();
    expect(await page.getByRole('button', { name: 'Trình phê duyệt' }).count()).toBe(0);
    await signOut(page);
  });

  it('the approver lands on Việc cần làm, sees the waiting payroll and its attention lines, and returns it with a comment', async () => {
    await signIn(page, APPROVER);
    await page.getByRole('heading', { level: 1, name: 'Việc cần làm' }).waitFor();
    const waiting = page.getByRole('region', { name: 'Bảng chi trả chờ phê duyệt' });
    await waiting.getByRole('link', { name: 'Trợ cấp xã hội hằng tháng tháng 10/2024' }).waitFor();
    expect(await waiting.textContent()).toContain('274.000.000');
    const attention = page.locator('[data-todo="payrolls.attention"]');
    await attention.waitFor();
    expect(await attention.textContent()).toMatch(/\d+ dòng cần chú ý trong bảng chi trả chờ duyệt/);
    await page.screenshot({ path: '/tmp/so-an-sinh-payroll-todo-approver.png' });
    await waiting.getByRole('link', { name: 'Trợ cấp xã hội hằng tháng tháng 10/2024' }).click();

    const panel = page.getByRole('region', { name: 'Phê duyệt bảng chi trả' });
    await panel.getByRole('table', { name: 'Tổng theo hình thức chi trả' }).waitFor();
    expect(await panel.getByRole('table', { name: 'Tổng theo chế độ' }).textContent()).toContain('274.000.000');
    expect(await panel.textContent()).toContain('410 người mới vào');
    // Every attention line with its full reason and a link to the person.
    const lines = panel.getByRole('table', { name: 'Dòng cần chú ý' });
    await lines.waitFor();
    const first = lines.locator('tbody tr').first();
    expect((await first.locator('td').last().textContent())!.length).toBeGreaterThan(10);
    expect(await first.getByRole('link').getAttribute('href')).toMatch(/^#\/so-doi-tuong\/ho-so\/\d+$/);
    await page.screenshot({ path: '/tmp/so-an-sinh-payroll-approval-panel.png', fullPage: true });

    await panel.getByRole('button', { name: 'Trả lại…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Trả lại bảng chi trả' });
    await dialog
      .getByRole('textbox', { name: /Ý kiến cho cán bộ/ })
      .fill('Lập lại bảng sau khi rà soát các dòng cần chú ý.');
    await dialog.getByRole('button', { name: 'Trả lại cho cán bộ' }).click();
    await page.getByTestId('payroll-review-state').filter({ hasText: 'Bị trả lại' }).waitFor();
    await signOut(page);
  });

  it('the officer sees the comment on the to-do screen, rebuilds and resubmits; the approver confirms month, programme, count and total', async () => {
    await signIn(page, OFFICER);
    await page.getByRole('heading', { level: 1, name: 'Việc cần làm' }).waitFor();
    const returned = page.getByRole('region', { name: 'Bảng chi trả bị trả lại' });
    await returned.getByText('Lập lại bảng sau khi rà soát các dòng cần chú ý.').waitFor();
    await returned.getByRole('link', { name: 'Trợ cấp xã hội hằng tháng tháng 10/2024' }).click();
    expect(await page.getByTestId('return-comment').textContent()).toBe(
      'Lập lại bảng sau khi rà soát các dòng cần chú ý.',
    );
    await page.getByRole('button', { name: 'Lập lại bảng này' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã lập bảng chi trả tháng 10/2024.' }).waitFor();
    await page.getByTestId('payroll-review-state').filter({ hasText: 'Nháp' }).waitFor();
    await page.getByRole('button', { name: 'Trình phê duyệt' }).click();
    await page.getByTestId('payroll-review-state').filter({ hasText: 'Đã trình, chờ phê duyệt' }).waitFor();
    await signOut(page);

    await signIn(page, APPROVER);
    await page.goto(btxhPayrollUrl);
    const panel = page.getByRole('region', { name: 'Phê duyệt bảng chi trả' });
    await panel.getByRole('table', { name: 'Tổng theo hình thức chi trả' }).waitFor();
    expect(await panel.getByTestId('review-stale').count()).toBe(0);
    await panel.getByRole('button', { name: 'Phê duyệt…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Xác nhận phê duyệt' });
    expect(await dialog.getByTestId('approve-statement').textContent()).toBe(
      'Phê duyệt bảng chi trả tháng 10/2024 — Trợ cấp xã hội hằng tháng: 410 dòng, tổng 274.000.000 đồng.',
    );
    await dialog.getByRole('button', { name: 'Phê duyệt 274.000.000 đồng' }).click();
    await page.getByTestId('payroll-review-state').filter({ hasText: 'Đã duyệt' }).waitFor();
    expect(await page.getByRole('button', { name: 'Phê duyệt…' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Lập lại bảng này' }).count()).toBe(0);
    expect(await page.locator('.payroll-header').textContent()).toContain(APPROVER.fullName);
    // The tabs reload for the approved payroll: let them finish before signing out.
    await page
      .getByRole('table', { name: 'Theo hình thức chi trả' })
      .locator('tfoot')
      .filter({ hasText: '274.000.000' })
      .waitFor();
    await page.screenshot({ path: '/tmp/so-an-sinh-payroll-approved.png' });
    await signOut(page);
  });

  it('a register change after submission blocks approval, saying who changed, until rebuilt and resubmitted', async () => {
    await signIn(page, OFFICER);
    const ncc = (
      await must(callFromPage<Array<{ id: number; programme: string }>>(page, 'payroll.list', { month: '2024-10' }))
    ).find((p) => p.programme === 'NCC')!;
    await runJobFromPage(page, 'payroll.submit', { payrollId: ncc.id });
    // After submission: a correction for someone on this payroll, due this month.
    const line = (
      await must(
        callFromPage<{ rows: Array<{ personId: number; fullName: string }> }>(page, 'payroll.lines', {
          payrollId: ncc.id,
          limit: 1,
        }),
      )
    ).rows[0]!;
    await must(
      callFromPage(page, 'payroll.addCorrection', {
        personId: line.personId,
        programme: 'NCC',
        dueMonth: '2024-10',
        amountVnd: 150_000,
        note: 'Bổ sung tiền tháng 10',
      }),
    );
    await signOut(page);

    await signIn(page, APPROVER);
    await page.goto(`${server.url}/#/chi-tra/bang/${ncc.id}`);
    const panel = page.getByRole('region', { name: 'Phê duyệt bảng chi trả' });
    const stale = panel.getByTestId('review-stale');
    await stale.waitFor();
    expect(await stale.textContent()).toContain(
      `1 người thay đổi sau khi trình: ${line.fullName} (ghi khoản điều chỉnh sau phê duyệt)`,
    );
    expect(await panel.getByRole('button', { name: 'Phê duyệt…' }).isDisabled()).toBe(true);
    // Main refuses too, whatever the screen.
    const p = await must(
      callFromPage<{ lineCount: number; totalVnd: number }>(page, 'payroll.get', { payrollId: ncc.id }),
    );
    const refused = await callFromPage(page, 'payroll.approve', {
      payrollId: ncc.id,
      confirm: { month: '2024-10', programme: 'NCC', lineCount: p.lineCount, totalVnd: p.totalVnd },
    });
    expect(refused).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'CONFLICT',
        message: expect.stringContaining('1 người thay đổi sau khi trình'),
      }),
    });
    await signOut(page);

    await signIn(page, OFFICER);
    await page.goto(`${server.url}/#/chi-tra/bang/${ncc.id}`);
    await page.getByRole('button', { name: 'Lập lại bảng này' }).click();
    await page.getByTestId('payroll-review-state').filter({ hasText: 'Nháp' }).waitFor();
    await page.getByRole('button', { name: 'Trình phê duyệt' }).click();
    await page.getByTestId('payroll-review-state').filter({ hasText: 'Đã trình, chờ phê duyệt' }).waitFor();
    await signOut(page);

    await signIn(page, APPROVER);
    await page.goto(`${server.url}/#/chi-tra/bang/${ncc.id}`);
    const again = page.getByRole('region', { name: 'Phê duyệt bảng chi trả' });
    await again.getByRole('table', { name: 'Tổng theo hình thức chi trả' }).waitFor();
    expect(await again.getByTestId('review-stale').count()).toBe(0);
    await again.getByRole('button', { name: 'Phê duyệt…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Xác nhận phê duyệt' });
    expect(await dialog.getByTestId('approve-statement').textContent()).toContain(
      `tổng ${(p.totalVnd + 150_000).toLocaleString('vi-VN')} đồng`,
    );
    await dialog.getByRole('button', { name: /^Phê duyệt / }).click();
    await page.getByTestId('payroll-review-state').filter({ hasText: 'Đã duyệt' }).waitFor();
    await signOut(page);
  });

  it('the audit screen (Cài đặt → Nhật ký) shows the officer’s refusal and the approval', async () => {
    await signIn(page, ADMIN);
    await page.goto(`${server.url}/#/cai-dat/nhat-ky`);
    await page.getByRole('heading', { name: 'Nhật ký', level: 2 }).waitFor();
    const table = page.getByRole('table', { name: /Các mục nhật ký/ });
    const refusal = table
      .getByRole('row')
      .filter({ hasText: 'Bị từ chối: không đủ quyền' })
      .filter({ hasText: 'phê duyệt bảng chi trả' });
    await refusal.first().waitFor();
    expect(await refusal.first().textContent()).toContain(OFFICER.fullName);
    const approval = table
      .getByRole('row')
      .filter({ hasText: 'Phê duyệt bảng chi trả' })
      .filter({ hasText: APPROVER.fullName });
    await approval.first().waitFor();
    await table.getByRole('row').filter({ hasText: 'Trả lại bảng chi trả (kèm ý kiến)' }).first().waitFor();
    await table
      .getByRole('row')
      .filter({ hasText: 'Trình phê duyệt bảng chi trả' })
      .filter({ hasText: OFFICER.fullName })
      .first()
      .waitFor();
    expect(await table.getByRole('row').filter({ hasText: 'Lập bảng chi trả' }).count()).toBeGreaterThan(0);
    expect(problems.unexpected(), problems.all.join('\n')).toEqual([]);
  });
});
