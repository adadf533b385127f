import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollNew } from '../support/register';
import { pdfInfo, pdfText } from '../support/pdf';
import { METHOD_LABELS } from '@shared/domain/labels';
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

// The printed forms end to end in the browser harness: a beneficiary moved to a relative's account (set up
// through the API), then the officer prints the authorization form from the person page, the change-of-method
// request, and every pending form from "Giấy ủy quyền cần xử lý"; each download is a PDF whose text (poppler)
// has the names with their diacritics. Screenshot: /tmp/so-an-sinh-forms.png.

const pad = (n: number) => String(n).padStart(2, '0');
const now = new Date();
const TODAY = `${pad(now.getDate())}/${pad(now.getMonth() + 1)}/${now.getFullYear()}`;
const THIS_MONTH = `${pad(now.getMonth() + 1)}/${now.getFullYear()}`;

describe('printed forms, in Chromium against the browser harness', () => {
  let browser: Browser;
  let server: RunningServer;
  let page: Page;
  let problems: PageProblems;
  let giverId: number;
  const temp = makeTempDir();

  beforeAll(async () => {
    ({ server, browser, page, problems } = await startWard(join(temp.dir, 'so.sqlite')));
    const saved = await callFromPage(page, 'settings.saveOffice', {
      unitName: 'UBND phường Đức Nghĩa',
      parentBody: 'UBND tỉnh Lâm Đồng',
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

    // Setup through the API: a beneficiary, then her payout moved to her daughter's account under a new authorization.
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
    giverId = enrolled.value.personId;
    const changed = await callFromPage(page, 'payout.change', {
      personId: giverId,
      method: 'AUTHORIZED_ACCOUNT',
      effectiveMonth: THIS_MONTH,
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
              address: 'Khu phố 1, phường Đức Nghĩa',
              phone: '0987654321',
            },
          },
          relationship: 'Con gái',
          validFrom: TODAY,
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

  it('prints the authorization form from the person page: a one-page A4 PDF with both names and IDs', async () => {
    await page.goto(new URL(`/#/so-doi-tuong/ho-so/${giverId}`, server.url).href);
    await page.getByRole('heading', { name: 'Hình thức nhận trợ cấp' }).waitFor();
    const path = await download(
      () => page.getByRole('button', { name: 'In giấy ủy quyền' }).first().click(),
      /^giay-uy-quyen-\d+\.pdf$/,
    );
    await page.getByRole('status').filter({ hasText: 'Đã tải giấy ủy quyền về máy (PDF, 1 trang).' }).waitFor();
    expect(pdfInfo(path)).toMatchObject({ pages: 1 });
    const text = pdfText(path).replace(/\s+/g, ' ');
    for (const s of [
      'GIẤY ỦY QUYỀN',
      'Độc lập - Tự do - Hạnh phúc',
      'Nguyễn Thị Hường',
      'Đặng Thị Ưng',
      '060140000123',
      '060172001234',
      '4600205123456',
      'Con gái',
      'XÁC NHẬN CỦA ỦY BAN NHÂN DÂN PHƯỜNG ĐỨC NGHĨA',
      'Trương Văn Ánh',
    ]) {
      expect(text, s).toContain(s);
    }
    await page.screenshot({ path: '/tmp/so-an-sinh-forms.png', fullPage: true });
  });

  it('prints the change-of-method request filled from the register', async () => {
    const path = await download(
      () => page.getByRole('button', { name: 'In đơn đổi hình thức nhận' }).click(),
      /^don-doi-hinh-thuc-nhan-\d+\.pdf$/,
    );
    expect(pdfInfo(path).pages).toBe(1);
    const text = pdfText(path).replace(/\s+/g, ' ');
    expect(text).toContain('ĐƠN ĐỀ NGHỊ');
    expect(text).toContain('Nguyễn Thị Hường');
    expect(text).toContain(METHOD_LABELS.AUTHORIZED_ACCOUNT);
  });

  it('prints every pending form from "Giấy ủy quyền cần xử lý" as a job', async () => {
    await page.goto(new URL('/#/so-doi-tuong/uy-quyen', server.url).href);
    const button = page.getByRole('button', { name: /^In giấy ủy quyền chờ chứng thực \(1\)$/ });
    const path = await download(() => button.click(), /^giay-uy-quyen-cho-chung-thuc-\d{4}-\d{2}-\d{2}\.pdf$/);
    await page
      .getByRole('status')
      .filter({ hasText: 'Đã tải 1 giấy ủy quyền chờ chứng thực về máy (PDF, 1 trang).' })
      .waitFor();
    expect(pdfInfo(path).pages).toBe(1);
    expect(pdfText(path)).toContain('Đặng Thị Ưng');
    expect(problems.unexpected()).toEqual([]);
  });
});
