import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollNew } from '../support/register';
import { pdfText } from '../support/pdf';
import {
  OFFICER,
  callFromPage,
  createUser,
  makeTempDir,
  signIn,
  signOut,
  startWard,
  type PageProblems,
  type RunningServer,
} from './harness';

// The decisions the ward signs, end to end in the browser harness: "Lập quyết định" on a person page and
// its print; on Sổ quyết định của phường, one decision for two ticked people (the attached list), the
// posting list, and "Ghi số đã ký", whose number then shows on the person page. PDFs read by poppler.
// Screenshot: /tmp/so-an-sinh-ward-decisions.png.

const pad = (n: number) => String(n).padStart(2, '0');
const now = new Date();
const TODAY = `${pad(now.getDate())}/${pad(now.getMonth() + 1)}/${now.getFullYear()}`;
const YEAR = now.getFullYear();

describe('ward decisions, in Chromium against the browser harness', () => {
  let browser: Browser;
  let server: RunningServer;
  let page: Page;
  let problems: PageProblems;
  const ids: number[] = [];
  const NAMES = ['Nguyễn Thị Hường', 'Lê Văn Ước', 'Đỗ Thị Ánh'];
  const temp = makeTempDir();

  beforeAll(async () => {
    ({ server, browser, page, problems } = await startWard(join(temp.dir, 'so.sqlite')));
    const saved = await callFromPage(page, 'settings.saveOffice', {
      unitName: 'UBND phường Đức Nghĩa',
      parentBody: '',
      placeName: 'Phan Thiết',
      province: 'Lâm Đồng',
      chairmanName: 'Trương Văn Ánh',
      officerName: 'Trần Thị Mỹ Hạnh',
      reportRecipients: [],
    });
    expect(saved.ok).toBe(true);
    await createUser(page, OFFICER, 'Cán bộ chính sách');
    await signOut(page);
    await signIn(page, OFFICER);
    for (const [i, fullName] of NAMES.entries()) {
      const r = await callFromPage<{ personId: number }>(
        page,
        'register.enroll',
        enrollNew(
          { fullName, birthDate: `0${i + 1}/03/1940`, gender: i === 1 ? 'male' : 'female' },
          'BTXH',
          'BTXH-5C',
          '2026-01',
        ),
      );
      if (!r.ok) throw new Error(r.error.message);
      ids.push(r.value.personId);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    temp.remove();
  });

  async function download(click: () => Promise<void>, name: RegExp): Promise<string> {
    const [file] = await Promise.all([page.waitForEvent('download'), click()]);
    expect(file.suggestedFilename()).toMatch(name);
    const path = join(temp.dir, file.suggestedFilename());
    await file.saveAs(path);
    return path;
  }
  const flat = (path: string) => pdfText(path).replace(/\s+/g, ' ').replace(/\/ /g, '/');

  it('makes a decision for one person from the person page and prints it', async () => {
    await page.goto(new URL(`/#/so-doi-tuong/ho-so/${ids[0]}`, server.url).href);
    await page.getByRole('button', { name: 'Lập quyết định' }).click();
    await page.getByText('Dự thảo quyết định số 01/QĐ-UBND (chưa ký)').waitFor();
    const path = await download(
      () => page.getByRole('button', { name: 'In quyết định' }).click(),
      new RegExp(`^quyet-dinh-${YEAR}-001\\.pdf$`),
    );
    const text = flat(path);
    for (const s of [
      'Số: 01/QĐ-UBND',
      'QUYẾT ĐỊNH',
      `đối với bà ${NAMES[0]}`,
      'CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG ĐỨC NGHĨA',
      'Trương Văn Ánh',
    ])
      expect(text, s).toContain(s);
  });

  it('makes one decision for two ticked people, prints it with the list and the posting list, records the signed number', async () => {
    await page.goto(new URL('/#/so-doi-tuong/quyet-dinh', server.url).href);
    await page.getByRole('heading', { name: `Sổ quyết định của phường — năm ${YEAR}` }).waitFor();
    await page.getByRole('checkbox', { name: `Chọn ${NAMES[1]}` }).check();
    await page.getByRole('checkbox', { name: `Chọn ${NAMES[2]}` }).check();
    await page.getByRole('button', { name: 'Lập quyết định (2 người)' }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '02/QĐ-UBND' }) });
    await row.waitFor();
    expect(await row.textContent()).toContain('đối với 2 người');

    const decision = flat(
      await download(
        () => row.getByRole('button', { name: 'In quyết định' }).click(),
        new RegExp(`^quyet-dinh-${YEAR}-002\\.pdf$`),
      ),
    );
    for (const s of ['DANH SÁCH', '(Kèm theo Quyết định số 02/QĐ-UBND', NAMES[1], NAMES[2], 'Tổng cộng: 2 người'])
      expect(decision, s).toContain(s);
    const posting = flat(
      await download(
        () => row.getByRole('button', { name: 'In danh sách niêm yết' }).click(),
        new RegExp(`^niem-yet-quyet-dinh-${YEAR}-002\\.pdf$`),
      ),
    );
    for (const s of ['DANH SÁCH NIÊM YẾT CÔNG KHAI', '(02 ngày làm việc)', NAMES[1], NAMES[2]])
      expect(posting, s).toContain(s);

    await row.getByRole('button', { name: 'Ghi số đã ký' }).click();
    await row.getByLabel('Số đã ký').fill('123/QĐ-UBND');
    await row.getByLabel('Ngày ký').fill(TODAY);
    await row.getByRole('button', { name: 'Lưu' }).click();
    await row.getByText(`Đã ký: số 123/QĐ-UBND ngày ${TODAY}`).waitFor();
    await page.screenshot({ path: '/tmp/so-an-sinh-ward-decisions.png', fullPage: true });

    // The signed number is on the person's decision.
    await page.goto(new URL(`/#/so-doi-tuong/ho-so/${ids[1]}`, server.url).href);
    await page.getByRole('rowheader', { name: '123/QĐ-UBND' }).waitFor();
    await page.getByText(`Quyết định số 123/QĐ-UBND ngày ${TODAY} (đã ký)`).waitFor();
    expect(problems.unexpected()).toEqual([]);
  });

  it('voids the first draft with a reason: no print, the person back in the list, a new draft signed by the deputy takes the next number', async () => {
    await page.goto(new URL('/#/so-doi-tuong/quyet-dinh', server.url).href);
    const first = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '01/QĐ-UBND' }) });
    await first.getByRole('button', { name: 'Hủy dự thảo' }).click();
    await first.getByLabel('Lý do hủy').fill('Lập nhầm ngày');
    await first.getByRole('button', { name: 'Hủy dự thảo 01/QĐ-UBND' }).click();
    await first.getByText('Đã hủy: Lập nhầm ngày').waitFor();
    expect(await first.getByRole('button', { name: 'In quyết định' }).count()).toBe(0);

    await page.getByRole('checkbox', { name: `Chọn ${NAMES[0]}` }).check();
    await page.getByLabel('Người ký').selectOption('deputy');
    await page.getByRole('button', { name: 'Lập quyết định (1 người)' }).click();
    const next = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '03/QĐ-UBND' }) });
    await next.getByText('Dự thảo (Phó Chủ tịch ký thay)').waitFor();
    const text = flat(
      await download(
        () => next.getByRole('button', { name: 'In quyết định' }).click(),
        new RegExp(`^quyet-dinh-${YEAR}-003\\.pdf$`),
      ),
    );
    for (const s of ['Số: 03/QĐ-UBND', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', `đối với bà ${NAMES[0]}`])
      expect(text, s).toContain(s);
    expect(problems.unexpected()).toEqual([]);
  });
});
