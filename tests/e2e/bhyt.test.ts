import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WriteResult } from '@shared/api/register';
import {
  OFFICER,
  callFromPage,
  createUser,
  horizontalOverflow,
  makeTempDir,
  must,
  signIn,
  signOut,
  startWard,
  type PageProblems,
  type RunningServer,
} from './harness';

// Health insurance in Chromium (issue 16): the officer records a card on the person page (a wrong number
// refused with its Vietnamese message, nothing lost), the card ending within 30 days reaches Việc cần
// làm, whose link opens Sổ đối tượng → Bảo hiểm y tế with the month's list naming the new beneficiary.
// Screenshot at 1024×768: /tmp/so-an-sinh-bhyt.png.

const pad = (n: number) => String(n).padStart(2, '0');
const now = new Date();
const M = `${now.getFullYear()}-${pad(now.getMonth() + 1)}`;
const vi = (d: Date) => `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
const inTenDays = new Date(now.getTime() + 10 * 86_400_000);

describe('BHYT cards and the month list', () => {
  let browser: Browser;
  let server: RunningServer;
  let page: Page;
  let problems: PageProblems;
  let personId = 0;
  const temp = makeTempDir();

  beforeAll(async () => {
    ({ server, browser, page, problems } = await startWard(join(temp.dir, 'so.sqlite')));
    await createUser(page, OFFICER, 'Cán bộ chính sách');
    await signOut(page);
    await signIn(page, OFFICER);
    await page.getByRole('heading', { level: 1, name: 'Việc cần làm' }).waitFor();
    const enrolled = await must(
      callFromPage<WriteResult>(page, 'register.enroll', {
        person: {
          new: {
            fullName: 'Mai Văn Thẻ',
            birthDate: '1940',
            gender: 'male',
            citizenId: '',
            legacyId: '',
            idIssueDate: '',
            idIssuePlace: '',
            address: 'Khu phố 2',
            neighbourhood: 'Khu phố 2',
            phone: '',
            healthInsuranceNo: '',
            note: '',
          },
        },
        programme: 'BTXH',
        groupCode: 'BTXH-5C',
        decision: {
          number: '77/QĐ-UBND',
          signedDate: `01/${M.slice(5)}/${M.slice(0, 4)}`,
          signer: 'Nguyễn Văn Chủ',
          effectiveMonth: `${M.slice(5)}/${M.slice(0, 4)}`,
          reason: '',
        },
      }),
    );
    personId = enrolled.personId;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    temp.remove();
  });

  it('records a card on the person page; a wrong number is refused in Vietnamese and what was typed stays', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(`${server.url}/#/so-doi-tuong/ho-so/${personId}`);
    await page.getByRole('heading', { level: 1, name: 'Mai Văn Thẻ' }).waitFor();
    await page.getByRole('button', { name: '+ Ghi thẻ BHYT' }).click();
    const form = page.getByRole('form', { name: 'Ghi thẻ BHYT mới' });
    const textbox = (name: string) => form.getByRole('textbox', { name, exact: true });
    await textbox('Số thẻ BHYT').fill('BT9797920004321');
    await textbox('Giá trị sử dụng từ ngày').fill(`01/01/${now.getFullYear()}`);
    await textbox('Đến ngày').fill(vi(inTenDays));
    await form.getByRole('button', { name: 'Lưu thẻ' }).click();
    await page.getByText('Số thẻ BHYT: ký tự thứ 3 là mức hưởng, phải là một chữ số từ 1 đến 5.').first().waitFor();
    expect(await textbox('Đến ngày').inputValue()).toBe(vi(inTenDays));
    await textbox('Số thẻ BHYT').fill('bt 2 79 7920004321');
    await form.getByRole('button', { name: 'Lưu thẻ' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã lưu thẻ BHYT.' }).waitFor();
    const table = page.getByRole('table', { name: 'Thẻ bảo hiểm y tế' });
    await table.getByRole('cell', { name: 'BT2797920004321' }).waitFor();
    expect(await table.getByRole('cell', { name: '7920004321', exact: true }).count()).toBe(1);
    expect(await horizontalOverflow(page)).toEqual([]);
  });

  it('the expiring card is on Việc cần làm; its link opens the BHYT screen with the month list', async () => {
    await page.goto(`${server.url}/#/viec-can-lam`);
    await page.getByRole('heading', { level: 1, name: 'Việc cần làm' }).waitFor();
    const item = page.getByRole('link', { name: /1 thẻ BHYT của người đang hưởng hết hạn trong 30 ngày tới/ });
    await item.waitFor();
    await item.click();
    await page.getByRole('heading', { level: 1, name: 'Bảo hiểm y tế — danh sách gửi cơ quan BHXH' }).waitFor();
    const start = page.getByRole('table', { name: /I\. ĐỐI TƯỢNG ĐỀ NGHỊ CẤP THẺ BHYT \(TĂNG MỚI\): 1 người/ });
    await start.getByRole('link', { name: 'Mai Văn Thẻ' }).waitFor();
    expect(await start.getByText('Hưởng mới theo QĐ số 77/QĐ-UBND').count()).toBe(1);
    await page
      .getByRole('table', { name: 'Thẻ của người đang hưởng hết hạn trong 30 ngày tới' })
      .getByRole('cell', { name: vi(inTenDays) })
      .waitFor();
    await page.screenshot({ path: '/tmp/so-an-sinh-bhyt.png', fullPage: true });
    expect(await horizontalOverflow(page)).toEqual([]);
    expect(problems.unexpected()).toEqual([]);
  });
});
