import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonDetail, WriteResult } from '@shared/api/register';
import { formatMonthVi } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import { PASSPHRASE_MIN_LENGTH } from '@shared/domain/passphrase';
import {
  ADMIN,
  OFFICER,
  callFromPage,
  createUser,
  firstRun,
  horizontalOverflow,
  makeTempDir,
  must,
  openPage,
  passwordInput,
  signIn,
  signOut,
  startServer,
  startWard,
  type PageProblems,
  type RunningServer,
} from './harness';

// A person's file and transfer, end to end in Chromium at 1024×768 (issue 16): ward A prints the person
// file, records the move to ward B and writes the encrypted files to a "stick"; ward B (its own server
// and register) checks the file, shows the checksum, receives the person and prints their file with
// ward A's history.

const NAME = 'Nguyễn Văn Ơn';
const CITIZEN = '060040012345';
const PASS = 'chuyen-ho-so-2026';
const now = new Date();
const M = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
const TODAY = `${String(now.getDate()).padStart(2, '0')}/${M.slice(5, 7)}/${M.slice(0, 4)}`;
const office = (unitName: string) => ({
  unitName,
  parentBody: '',
  placeName: 'Phan Thiết',
  province: 'Lâm Đồng',
  chairmanName: 'Nguyễn Văn Chủ',
  officerName: OFFICER.fullName,
  reportRecipients: [],
});
const pdfText = (path: string) =>
  execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

describe("A person's file and transfer between two wards (Chromium, 1024×768)", () => {
  let browser: Browser;
  let serverA: RunningServer;
  let serverB: RunningServer | undefined;
  let page: Page;
  let problems: PageProblems;
  let pageB: Page;
  let personId = 0;
  let sha = '';
  const temp = makeTempDir();
  const usb = join(temp.dir, 'usb');

  beforeAll(async () => {
    mkdirSync(usb);
    ({ server: serverA, browser, page, problems } = await startWard(join(temp.dir, 'a.sqlite')));
    await page.setViewportSize({ width: 1024, height: 768 });
    await must(callFromPage(page, 'settings.saveOffice', office('UBND phường Đức Nghĩa')));
    await createUser(page, OFFICER, 'Cán bộ chính sách');
    await signOut(page);
    await signIn(page, OFFICER);
    personId = (
      await must(
        callFromPage<WriteResult>(page, 'register.enroll', {
          person: {
            new: {
              fullName: NAME,
              birthDate: '15/03/1940',
              gender: 'male',
              citizenId: CITIZEN,
              legacyId: '',
              idIssueDate: '',
              idIssuePlace: '',
              address: '5 Lê Lợi',
              neighbourhood: 'Khu phố 1',
              phone: '',
              healthInsuranceNo: '',
              note: '',
            },
          },
          programme: 'BTXH',
          groupCode: 'BTXH-5C',
          decision: {
            number: '12/QĐ-UBND',
            signedDate: `01/${M.slice(5, 7)}/${M.slice(0, 4)}`,
            signer: 'Nguyễn Văn Chủ',
            effectiveMonth: formatMonthVi(M),
            reason: '',
          },
        }),
      )
    ).personId;

    serverB = await startServer(join(temp.dir, 'b.sqlite'));
    ({ page: pageB } = await openPage(browser));
    await pageB.setViewportSize({ width: 1024, height: 768 });
    await pageB.goto(serverB.url);
    await firstRun(pageB, ADMIN);
    await must(callFromPage(pageB, 'settings.saveOffice', office('UBND phường Phú Thủy')));
    await createUser(pageB, OFFICER, 'Cán bộ chính sách');
    await signOut(pageB);
    await signIn(pageB, OFFICER);
  }, 180_000);
  afterAll(async () => {
    await serverB?.stop();
    await serverA?.stop();
    await browser?.close();
    temp.remove();
  });

  it('ward A prints the person file, records the transfer and writes the encrypted files to the stick', async () => {
    await page.goto(`${serverA.url}#/so-doi-tuong/ho-so/${personId}`);
    await page.getByRole('heading', { level: 1, name: NAME }).waitFor();
    const detail = await must(callFromPage<PersonDetail>(page, 'people.get', { id: personId }));

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'In hồ sơ', exact: true }).click(),
    ]);
    const printed = join(temp.dir, 'ho-so.pdf');
    await download.saveAs(printed);
    const text = pdfText(printed);
    expect(text).toContain('HỒ SƠ ĐỐI TƯỢNG');
    expect(text).toContain(`Họ và tên: ${NAME}`);
    expect(text).toContain('Ngày sinh: 15/03/1940');
    expect(text).toContain(CITIZEN);
    expect(text).toContain(formatVnd(detail.monthlyVnd));

    await page.getByRole('button', { name: 'Chuyển hồ sơ đi nơi khác' }).click();
    const dialog = page.getByRole('dialog', { name: /Chuyển hồ sơ đi nơi khác/ });
    await dialog.getByRole('textbox', { name: /Nơi chuyển đến/ }).fill('Phường Phú Thủy');
    await dialog.getByRole('textbox', { name: /Ngày chuyển đi/ }).fill(TODAY);
    await dialog.getByRole('textbox', { name: /Số quyết định/ }).fill('45/QĐ-UBND');
    await dialog.getByRole('textbox', { name: /Ngày ký/ }).fill(TODAY);
    expect(await horizontalOverflow(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Ghi chuyển hồ sơ đi' }).click();

    await passwordInput(dialog, `Cụm mật khẩu mã hoá tệp (ít nhất ${PASSPHRASE_MIN_LENGTH} ký tự)`).fill(PASS);
    await dialog.getByRole('textbox', { name: /Thư mục lưu/ }).fill(usb);
    await dialog.getByRole('button', { name: 'Ghi vào thư mục' }).click();
    const written = dialog.getByRole('status').filter({ hasText: 'Đã ghi và kiểm tra lại' });
    await written.waitFor({ timeout: 60_000 });
    sha = /SHA-256: ([0-9a-f]{64})/.exec((await written.textContent()) ?? '')?.[1] ?? '';
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    expect(await horizontalOverflow(page)).toEqual([]);
    expect(readdirSync(usb).sort()).toEqual([
      `ho-so-${CITIZEN}-${M}-${TODAY.slice(0, 2)}.chuyen-ho-so.json.sasbak`,
      `ho-so-${CITIZEN}-${M}-${TODAY.slice(0, 2)}.pdf.sasbak`,
    ]);
    await dialog.getByRole('button', { name: 'Đóng' }).last().click();
    await page.getByText(`Chuyển đi ngày ${TODAY}`).first().waitFor();
    await page.getByRole('region', { name: 'Chuyển hồ sơ' }).getByText('Chuyển đến Phường Phú Thủy').waitFor();
    expect(problems.unexpected(), problems.all.join('\n')).toEqual([]);
  });

  it('ward B checks the file, shows its checksum, receives the person and prints their file with ward A history', async () => {
    await pageB.goto(`${serverB!.url}#/so-doi-tuong`);
    // The register list's toolbar with its new button still fits 1024 px.
    await pageB.getByRole('link', { name: 'Nhận hồ sơ chuyển đến' }).waitFor();
    expect(await horizontalOverflow(pageB)).toEqual([]);
    await pageB.getByRole('link', { name: 'Nhận hồ sơ chuyển đến' }).click();
    await pageB.getByRole('heading', { level: 1, name: 'Nhận hồ sơ chuyển đến' }).waitFor();
    const file = join(
      usb,
      readdirSync(usb).find((f) => f.endsWith('.chuyen-ho-so.json.sasbak'))!,
    );

    await pageB.getByLabel('Tệp chuyển hồ sơ', { exact: true }).setInputFiles(file);
    await passwordInput(pageB, 'Cụm mật khẩu (khi tệp được mã hoá)').fill('sai-mat-khau-roi');
    await pageB.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    await pageB.getByRole('alert').filter({ hasText: 'Sai cụm mật khẩu' }).waitFor({ timeout: 30_000 });

    await passwordInput(pageB, 'Cụm mật khẩu (khi tệp được mã hoá)').fill(PASS);
    await pageB.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    const preview = pageB.getByRole('region', { name: new RegExp(`${NAME} — chuyển từ UBND phường Đức Nghĩa`) });
    await preview.waitFor({ timeout: 30_000 });
    expect(await preview.textContent()).toContain(sha);
    expect(await horizontalOverflow(pageB)).toEqual([]);
    await preview.getByRole('textbox', { name: 'Địa chỉ tại đơn vị' }).fill('7 Nguyễn Tất Thành');
    await preview.getByRole('button', { name: 'Nhận hồ sơ' }).click();
    await pageB.getByRole('heading', { level: 1, name: NAME }).waitFor();
    await pageB.getByText('Đã nhận hồ sơ').first().waitFor();
    expect(pageB.url()).toMatch(/#\/so-doi-tuong\/ho-so\/\d+$/);
    const transfers = pageB.getByRole('region', { name: 'Chuyển hồ sơ' });
    await transfers.getByText('Chuyển đến từ UBND phường Đức Nghĩa').waitFor();
    expect(await transfers.textContent()).toContain('Quyết định 12/QĐ-UBND');
    expect(await horizontalOverflow(pageB)).toEqual([]);

    const [download] = await Promise.all([
      pageB.waitForEvent('download'),
      pageB.getByRole('button', { name: 'In hồ sơ', exact: true }).click(),
    ]);
    const path = join(temp.dir, 'ho-so-b.pdf');
    await download.saveAs(path);
    const text = pdfText(path);
    expect(text).toContain('HỒ SƠ CHUYỂN ĐẾN TỪ UBND PHƯỜNG ĐỨC NGHĨA');
    expect(text).toContain('12/QĐ-UBND');
    expect(text).toContain(sha);
  });
});
