import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollNew } from '../support/register';
import { METHOD_LABELS } from '@shared/domain/labels';
import {
  OFFICER,
  callFromPage,
  createUser,
  makeTempDir,
  signIn,
  signOut,
  startWard,
  type RunningServer,
} from './harness';

// Hoàn tác in the screens, in Chromium against the harness: the confirmation names what will be undone
// (or why it cannot be), and after it the screen shows the state before. The rules themselves are
// tested in tests/integration/undo.test.ts.

const SAMPLE = readFileSync(join(__dirname, '..', 'fixtures', 'so-doi-tuong-phuong-mau.xlsx'));
const pad = (n: number) => String(n).padStart(2, '0');
const now = new Date();
const THIS_MONTH = `${pad(now.getMonth() + 1)}/${now.getFullYear()}`;

describe('Hoàn tác', () => {
  let browser: Browser;
  let server: RunningServer;
  let page: Page;
  let personId: number;
  const temp = makeTempDir();

  beforeAll(async () => {
    ({ server, browser, page } = await startWard(join(temp.dir, 'so.sqlite')));
    await createUser(page, OFFICER, 'Cán bộ chính sách');
    await signOut(page);
    await signIn(page, OFFICER);
    const enrolled = await callFromPage<{ personId: number }>(
      page,
      'register.enroll',
      enrollNew({ fullName: 'Lê Văn Nặng', birthDate: '1950' }, 'BTXH', 'BTXH-6A', '2026-01'),
    );
    if (!enrolled.ok) throw new Error(enrolled.error.message);
    personId = enrolled.value.personId;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    temp.remove();
  });

  it('a death entered by mistake today: Hoàn tác on the person page brings the person back', async () => {
    const pageToday = `${pad(now.getDate())}/${pad(now.getMonth() + 1)}/${now.getFullYear()}`;
    const dead = await callFromPage(page, 'register.recordDeath', {
      personId,
      deathDate: pageToday,
      decision: { number: '3/QĐ', signedDate: pageToday, signer: 'Chủ tịch', reason: '' },
      funeral: { payeeName: 'Lê Thị Hoa', multiplier: 20 },
    });
    expect(dead.ok).toBe(true);
    await page.goto(new URL(`/#/so-doi-tuong/ho-so/${personId}`, page.url()).href);
    await page.getByText(/^Đã mất ngày/).waitFor();
    await page.getByRole('button', { name: 'Hoàn tác việc ghi Lê Văn Nặng đã mất' }).click();
    const dialog = page.getByRole('dialog', { name: 'Hoàn tác' });
    await dialog.getByText(`Hoàn tác báo tử của Lê Văn Nặng (ngày mất ${pageToday})?`).waitFor();
    await dialog.getByText(/Huỷ khoản hỗ trợ mai táng/).waitFor();
    await dialog.getByRole('button', { name: 'Hoàn tác' }).click();
    await page.getByText('Đã hoàn tác báo tử của Lê Văn Nặng: hồ sơ trở lại như trước khi báo tử.').waitFor();
    await page.getByText(/^Đã mất ngày/).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Báo tử' }).waitFor();
  });

  it('a transfer to another ward entered by mistake today: Hoàn tác on the person page takes back the move and the transfer', async () => {
    const pageToday = `${pad(now.getDate())}/${pad(now.getMonth() + 1)}/${now.getFullYear()}`;
    const moved = await callFromPage(page, 'personFile.recordTransfer', {
      personId,
      movedDate: pageToday,
      toUnit: 'Phường Phú Thủy',
      decision: { number: '4/QĐ', signedDate: pageToday, signer: 'Chủ tịch', reason: '' },
    });
    expect(moved.ok).toBe(true);
    // The person page is on view since the test before: load it afresh (the call bypassed the screens).
    await page.goto(new URL(`/#/so-doi-tuong/ho-so/${personId}`, page.url()).href);
    await page.reload();
    await page.getByText(/^Chuyển đi ngày/).waitFor();
    await page.getByRole('button', { name: 'Hoàn tác việc ghi Lê Văn Nặng chuyển đi' }).click();
    const dialog = page.getByRole('dialog', { name: 'Hoàn tác' });
    await dialog.getByText(`Hoàn tác việc ghi Lê Văn Nặng chuyển đi (ngày ${pageToday})?`).waitFor();
    await dialog.getByText('Bỏ ghi chuyển hồ sơ đến Phường Phú Thủy.').waitFor();
    await dialog.getByRole('button', { name: 'Hoàn tác' }).click();
    await page.getByText('Đã hoàn tác việc ghi Lê Văn Nặng chuyển đi: hồ sơ trở lại như trước.').waitFor();
    await page.getByText(/^Chuyển đi ngày/).waitFor({ state: 'detached' });
  });

  it('a payout-method change recorded today: Hoàn tác on its row of the history', async () => {
    const changed = await callFromPage(page, 'payout.change', {
      personId,
      method: 'POST_OFFICE',
      effectiveMonth: THIS_MONTH,
      note: '',
    });
    expect(changed.ok).toBe(true);
    await page.reload();
    const history = page.getByRole('table', { name: 'Lịch sử hình thức nhận' });
    await history.waitFor();
    await history
      .getByRole('button', { name: `Hoàn tác đổi sang ${METHOD_LABELS.POST_OFFICE} từ tháng ${THIS_MONTH}` })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Hoàn tác' });
    await dialog.getByText(`trở lại hình thức trước đó: ${METHOD_LABELS.CASH_WARD}`, { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Hoàn tác' }).click();
    await page.getByText('Đã hoàn tác đổi hình thức nhận của Lê Văn Nặng.').waitFor();
    // The history keeps the change and its reversal; the reversal itself offers no undo.
    await expect.poll(async () => history.getByRole('row').count()).toBe(3);
    expect(await history.getByRole('button', { name: /^Hoàn tác/ }).count()).toBe(0);
  });

  it('an import: Hoàn tác in Nhập từ Excel removes what it added, and the history says so', async () => {
    const analysis = await callFromPage<{ token: string; config: Record<string, unknown> }>(page, 'import.analyze', {
      fileName: 'so-mau.xlsx',
      contentBase64: SAMPLE.toString('base64'),
    });
    if (!analysis.ok) throw new Error(analysis.error.message);
    const started = await callFromPage<{ jobId: string }>(page, 'import.commit', {
      token: analysis.value.token,
      config: { ...analysis.value.config, authorizationTerm: { kind: 'default' } },
    });
    if (!started.ok) throw new Error(started.error.message);
    await expect
      .poll(
        async () =>
          (
            (await callFromPage<{ state: string }>(page, 'jobs.get', { jobId: started.value.jobId })) as {
              value?: { state: string };
            }
          ).value?.state,
        { timeout: 60_000 },
      )
      .toBe('done');

    await page.goto(new URL('/#/so-doi-tuong/nhap-excel', page.url()).href);
    const table = page.getByRole('table', { name: 'Các lần nhập trước' });
    await table.getByRole('button', { name: 'Hoàn tác lần nhập tệp so-mau.xlsx' }).click();
    const dialog = page.getByRole('dialog', { name: 'Hoàn tác' });
    await dialog.getByText(/Xoá khỏi sổ \d+ người hưởng/).waitFor();
    await dialog.getByRole('button', { name: 'Hoàn tác' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Đã hoàn tác lần nhập tệp «so-mau\.xlsx»: đã xoá \d+ người/ })
      .waitFor();
    await table.getByText(/^Đã hoàn tác lúc/).waitFor();
    const search = await callFromPage<{ total: number }>(page, 'people.search', { text: '', limit: 5, offset: 0 });
    expect(search.ok && search.value.total).toBe(1);
  });

  it('an import something depends on: the confirmation says why, and offers no Hoàn tác', async () => {
    const analysis = await callFromPage<{ token: string; config: Record<string, unknown> }>(page, 'import.analyze', {
      fileName: 'so-mau-2.xlsx',
      contentBase64: SAMPLE.toString('base64'),
    });
    if (!analysis.ok) throw new Error(analysis.error.message);
    const started = await callFromPage<{ jobId: string }>(page, 'import.commit', {
      token: analysis.value.token,
      config: { ...analysis.value.config, authorizationTerm: { kind: 'default' } },
    });
    if (!started.ok) throw new Error(started.error.message);
    await expect
      .poll(
        async () =>
          (
            (await callFromPage<{ state: string }>(page, 'jobs.get', { jobId: started.value.jobId })) as {
              value?: { state: string };
            }
          ).value?.state,
        { timeout: 60_000 },
      )
      .toBe('done');
    // A later decision on one imported person.
    const found = await callFromPage<{ rows: Array<{ id: number; status: string }> }>(page, 'people.search', {
      text: '',
      limit: 50,
      offset: 0,
    });
    if (!found.ok) throw new Error(found.error.message);
    const someone = found.value.rows.find((r) => r.id !== personId && r.status === 'active')!;
    const detail = await callFromPage<{ entitlements: Array<{ id: number }> }>(page, 'people.get', { id: someone.id });
    if (!detail.ok) throw new Error(detail.error.message);
    const decided = await callFromPage(page, 'register.decide', {
      entitlementId: detail.value.entitlements[0]!.id,
      kind: 'suspend',
      decision: {
        number: '5/QĐ',
        signedDate: `01/${THIS_MONTH}`,
        signer: 'Chủ tịch',
        effectiveMonth: THIS_MONTH,
        reason: 'Đi vắng',
      },
    });
    expect(decided.ok).toBe(true);

    // Still on Nhập từ Excel from the test before: load the screen again for the new import.
    await page.reload();
    await page
      .getByRole('table', { name: 'Các lần nhập trước' })
      .getByRole('button', { name: 'Hoàn tác lần nhập tệp so-mau-2.xlsx' })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Hoàn tác' });
    await dialog.getByText('Không hoàn tác được vì:').waitFor();
    await dialog.getByText('Có 1 quyết định ghi sau khi nhập.').waitFor();
    expect(await dialog.getByRole('button', { name: 'Hoàn tác' }).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Đóng', exact: true }).last().click();
    await dialog.waitFor({ state: 'detached' });
  });
});
