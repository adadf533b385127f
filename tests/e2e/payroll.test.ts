import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from './harness';
import {
  ADMIN,
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
} from './harness';

// Chi trả end to end on one fresh data file: the officer builds the payroll of the sample register's
// month with a progress bar, reviews it (totals, lines, differences), cannot approve (no button, and main
// refuses the call itself with FORBIDDEN); the approver approves; the administrator's audit screen shows
// the refusal and the approval. Screenshots at 1366×768 go to /tmp/so-an-sinh-payroll-*.png.

const APPROVER: TestUser = { fullName: 'Phạm Văn Duyệt', username: 'lanhdao', password: 'Lanhdao@2025', role: 'approver' };

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
    await page.getByRole('table', { name: 'Danh sách bảng chi trả' }).getByRole('row').filter({ hasText: 'Trợ cấp xã hội hằng tháng' }).getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: 'Bảng chi trả tháng 10/2024 — Trợ cấp xã hội hằng tháng' }).waitFor();
    btxhPayrollUrl = page.url();
    expect(await page.getByTestId('payroll-total').textContent()).toBe('274.000.000');
    const byMethod = page.getByRole('table', { name: 'Theo hình thức chi trả' });
    await byMethod.waitFor();
    expect(await byMethod.locator('tfoot').textContent()).toContain('274.000.000');
    expect(await page.getByRole('table', { name: 'Theo khu phố' }).locator('tfoot').textContent()).toContain('274.000.000');
    // The officer sees no Approve button.
    expect(await page.getByRole('button', { name: 'Phê duyệt' }).count()).toBe(0);

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

  it('the officer cannot approve: main refuses the call itself with FORBIDDEN, in Vietnamese', async () => {
    const payrollId = Number(btxhPayrollUrl.split('/').pop());
    const refused = await callFromPage(page, 'payroll.approve', { payrollId });
    expect(refused).toEqual({ ok: false, error: expect.objectContaining({ code: 'FORBIDDEN', message: 'Vai trò «Cán bộ chính sách» không được phép thực hiện thao tác này.' }) });
    await signOut(page);
  });

  it('the approver approves; the payroll is Đã duyệt and offers no rebuild', async () => {
    await signIn(page, APPROVER);
    await page.goto(btxhPayrollUrl);
    await page.getByRole('heading', { level: 1, name: /Bảng chi trả tháng 10\/2024/ }).waitFor();
    await page.getByRole('button', { name: 'Phê duyệt' }).click();
    await page.locator('.payroll-header').getByText('Đã duyệt', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Phê duyệt' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Lập lại bảng này' }).count()).toBe(0);
    expect(await page.locator('.payroll-header').textContent()).toContain(APPROVER.fullName);
    // The tabs reload for the approved payroll: let them finish before signing out.
    await page.getByRole('table', { name: 'Theo hình thức chi trả' }).locator('tfoot').filter({ hasText: '274.000.000' }).waitFor();
    await page.screenshot({ path: '/tmp/so-an-sinh-payroll-approved.png' });
    await signOut(page);
  });

  it('the audit screen (Cài đặt → Nhật ký) shows the officer’s refusal and the approval', async () => {
    await signIn(page, ADMIN);
    await page.goto(`${server.url}/#/cai-dat/nhat-ky`);
    await page.getByRole('heading', { name: 'Nhật ký', level: 2 }).waitFor();
    const table = page.getByRole('table', { name: /Các mục nhật ký/ });
    const refusal = table.getByRole('row').filter({ hasText: 'Bị từ chối: không đủ quyền' }).filter({ hasText: 'phê duyệt bảng chi trả' });
    await refusal.first().waitFor();
    expect(await refusal.first().textContent()).toContain(OFFICER.fullName);
    const approval = table.getByRole('row').filter({ hasText: 'Phê duyệt bảng chi trả' });
    await approval.first().waitFor();
    expect(await approval.first().textContent()).toContain(APPROVER.fullName);
    expect(await table.getByRole('row').filter({ hasText: 'Lập bảng chi trả' }).count()).toBeGreaterThan(0);
    expect(problems.unexpected(), problems.all.join('\n')).toEqual([]);
  });
});
