import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { xlsxToCsvSheets } from '../support/libreoffice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OFFICER,
  callFromPage,
  certifyAllFromPage,
  createUser,
  horizontalOverflow,
  importSampleFromPage,
  makeTempDir,
  must,
  signIn,
  signOut,
  startWard,
  type PageProblems,
  type RunningServer,
  type TestUser,
} from './harness';

// Báo cáo end to end: on the sample register with a BTXH target of 150, the officer opens the reports
// for 10/2024, sees the non-cash figures, downloads the non-cash report as PDF (read back with pdftotext),
// and writes the province export into a folder (standing in for the USB stick), confirming the personal
// data first; `sha256sum -c` accepts the folder. Then an approved Tết round of 10/2024 shows as its own
// rows and in the totals, at 1024×768 (issue 16). Screenshot: /tmp/so-an-sinh-reports.png.

const SHOT = '/tmp/so-an-sinh-reports.png';
const APPROVER: TestUser = {
  fullName: 'Phạm Văn Duyệt',
  username: 'lanhdao',
  password: 'Lanhdao@2025',
  role: 'approver',
};

describe('Báo cáo (reports to the province), in Chromium against the browser harness', () => {
  let browser: Browser;
  let server: RunningServer;
  let page: Page;
  let problems: PageProblems;
  const temp = makeTempDir();

  beforeAll(async () => {
    ({ server, browser, page, problems } = await startWard(join(temp.dir, 'so.sqlite')));
    await must(
      callFromPage(page, 'settings.saveOffice', {
        unitName: 'UBND phường Đức Nghĩa',
        parentBody: 'Tỉnh Lâm Đồng',
        placeName: 'Phan Thiết',
        province: 'Lâm Đồng',
        chairmanName: 'Nguyễn Văn Ơn',
        officerName: 'Trần Văn Bình',
        reportRecipients: [
          { name: 'Sở Y tế tỉnh Lâm Đồng', scope: 'BTXH' },
          { name: 'Sở Nội vụ tỉnh Lâm Đồng', scope: 'NCC' },
        ],
      }),
    );
    await createUser(page, OFFICER, 'Cán bộ chính sách');
    await createUser(page, APPROVER, 'Lãnh đạo phê duyệt');
    await signOut(page);
    await signIn(page, OFFICER);
    await importSampleFromPage(page);
    // Certified by the leadership: only then are the 51 authorized accounts paid (issue 14).
    await certifyAllFromPage(page, join(temp.dir, 'so.sqlite'), APPROVER, OFFICER);
    await must(
      callFromPage(page, 'campaign.setTarget', {
        programme: 'BTXH',
        kind: 'count',
        value: 150,
        deadline: '31/12/2024',
        note: '',
      }),
    );
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    temp.remove();
  });

  it('shows the figures for 10/2024 and downloads the non-cash report as a PDF with its Vietnamese text intact', async () => {
    await page.getByRole('link', { name: 'Báo cáo' }).click();
    await page.getByRole('heading', { level: 1, name: 'Báo cáo' }).waitFor();
    await page.getByRole('textbox', { name: 'Tháng báo cáo' }).fill('10/2024');
    await page.getByRole('textbox', { name: 'Kỳ tổng hợp từ tháng' }).fill('07/2024');
    await page.getByRole('button', { name: 'Xem', exact: true }).click();
    const section = page.getByRole('region', { name: /Báo cáo tiến độ chi trả không dùng tiền mặt — tháng 10\/2024/ });
    await section.waitFor();
    await section
      .getByRole('img', { name: 'Trợ cấp xã hội hằng tháng: không dùng tiền mặt: 141/410 (34,4%)' })
      .waitFor();
    await section.getByRole('img', { name: 'Trợ cấp xã hội hằng tháng: so với chỉ tiêu 150: 94%' }).waitFor();
    await section
      .getByRole('img', { name: 'Trợ cấp ưu đãi người có công: không dùng tiền mặt: 37/37 (100%)' })
      .waitFor();
    const btxhRow = section.getByTestId('noncash-table').getByRole('row', { name: /^Trợ cấp xã hội hằng tháng/ });
    expect(await btxhRow.getByRole('cell').allTextContents()).toEqual([
      '410',
      '237',
      '32',
      '90',
      '51',
      '141',
      '34,4%',
      '150',
      '94%',
      '274.000.000',
      '—',
      '—',
    ]);
    const form10a = page.getByRole('region', { name: /mẫu 10a/ });
    expect(
      await form10a
        .getByRole('row', { name: /Tổng cộng/ })
        .getByRole('cell')
        .allTextContents(),
    ).toEqual(['', '410', '410', '274.000.000', '410', '274.000.000']);
    await page.screenshot({ path: SHOT, fullPage: false });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      section.getByRole('button', { name: 'Tải PDF: Báo cáo tiến độ chi trả không dùng tiền mặt' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('tien-do-khong-tien-mat-2024-10.pdf');
    const saved = join(temp.dir, download.suggestedFilename());
    await download.saveAs(saved);
    const text = execFileSync('pdftotext', ['-layout', saved, '-'], { encoding: 'utf8' });
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'PHƯỜNG ĐỨC NGHĨA',
      'Tiến độ chi trả trợ cấp không dùng tiền mặt tháng 10/2024',
      '34,4%',
      '94%',
      'Sở Y tế tỉnh Lâm Đồng',
      'Nguyễn Văn Ơn',
    ])
      expect(text).toContain(s);
  });

  it('writes the province export into a folder after confirming the personal data; the checksums verify', async () => {
    const usb = join(temp.dir, 'usb');
    mkdirSync(usb);
    const form = page.getByRole('form', { name: 'Xuất báo cáo gửi tỉnh' });
    await form.getByRole('textbox', { name: /Thư mục lưu/ }).fill(usb);
    // No administrative code in Cài đặt yet: the office is told the receiving office will need it (issue 17).
    await form.getByTestId('ward-code-missing').waitFor();
    // Encrypted by default: without a passphrase it asks for one, and writes nothing.
    await form.getByRole('button', { name: 'Xuất báo cáo gửi tỉnh' }).click();
    await form.getByText(/Cụm mật khẩu: bắt buộc/).waitFor();
    expect(readdirSync(usb)).toEqual([]);
    // The explicit choice to write in clear (for the province's tools), after the warning.
    await form.getByRole('checkbox', { name: /Ghi không mã hoá/ }).check();
    await form.getByRole('alert').filter({ hasText: 'ai cũng đọc được' }).waitFor();
    await form.getByRole('button', { name: 'Xuất báo cáo gửi tỉnh' }).click();
    const dialog = page.getByRole('dialog', { name: 'Bộ báo cáo có dữ liệu cá nhân' });
    await dialog.waitFor();
    expect(readdirSync(usb)).toEqual([]);
    await dialog.getByRole('button', { name: 'Đồng ý, ghi ra ổ đĩa' }).click();
    await form.getByRole('status').filter({ hasText: 'Đã ghi và kiểm tra 18 tệp' }).waitFor({ timeout: 60_000 });
    expect(readdirSync(usb)).toEqual(['bao-cao-gui-tinh-2024-10']);
    const folder = join(usb, 'bao-cao-gui-tinh-2024-10');
    const check = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: folder, encoding: 'utf8' });
    expect(
      check
        .trim()
        .split('\n')
        .every((l) => l.endsWith(': OK')),
    ).toBe(true);
    expect(JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'))).toMatchObject({
      createdBy: { username: OFFICER.username },
      period: { month: '2024-10', from: '2024-07' },
      encrypted: false,
      dataVersion: 1,
    });
    // In clear, as chosen: LibreOffice reads the tăng/giảm list directly.
    expect(xlsxToCsvSheets(readFileSync(join(folder, 'tang-giam-2024-10.xlsx')))[0]).toContain('DANH SÁCH');
    expect(problems.unexpected(), problems.all.join('\n')).toEqual([]);
  }, 90_000);

  it('an approved Tết round dated in 10/2024 shows as its own rows and in the totals, at 1024×768 (issue 16)', async () => {
    const created = await must(
      callFromPage<{ round: { id: number; lineCount: number; totalVnd: number } }>(page, 'rounds.create', {
        name: 'Quà Tết của tỉnh',
        basisNumber: '88/QĐ-UBND',
        basisDate: '01/10/2024',
        basisIssuer: 'UBND tỉnh Lâm Đồng',
        roundDate: '20/10/2024',
        rules: [{ label: 'Bảo trợ xã hội', programme: 'BTXH', amountVnd: 300_000 }],
      }),
    );
    const { id, lineCount, totalVnd } = created.round;
    expect([lineCount, totalVnd]).toEqual([410, 123_000_000]);
    await must(callFromPage(page, 'rounds.submit', { roundId: id }));
    await signOut(page);
    await signIn(page, APPROVER);
    await must(callFromPage(page, 'rounds.approve', { roundId: id, confirm: { lineCount, totalVnd } }));
    await signOut(page);
    await signIn(page, OFFICER);

    await page.getByRole('link', { name: 'Báo cáo' }).click();
    await page.getByRole('heading', { level: 1, name: 'Báo cáo' }).waitFor();
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.getByRole('textbox', { name: 'Tháng báo cáo' }).fill('10/2024');
    await page.getByRole('button', { name: 'Xem', exact: true }).click();
    const section = page.getByRole('region', { name: /Báo cáo tiến độ chi trả không dùng tiền mặt — tháng 10\/2024/ });
    const round = section.getByTestId('rounds-table').getByRole('row', { name: /^Quà Tết của tỉnh/ });
    await round.waitFor();
    expect(await round.getByRole('cell').allTextContents()).toEqual([
      '88/QĐ-UBND ngày 01/10/2024 của UBND tỉnh Lâm Đồng',
      '20/10/2024',
      '410',
      '237',
      '32',
      '90',
      '51',
      '141',
      '123.000.000',
    ]);
    // No payroll approved for 10/2024: the total is the round's.
    expect(
      await section
        .getByTestId('money-totals-table')
        .getByRole('row', { name: /^Tổng cộng/ })
        .getByRole('cell')
        .allTextContents(),
    ).toEqual(['—', '123.000.000', '123.000.000']);
    const form10a = page.getByRole('region', { name: /mẫu 10a/ });
    expect(
      await form10a
        .getByRole('row', { name: /Tổng cộng/ })
        .getByRole('cell')
        .allTextContents(),
    ).toEqual(['', '410', '410', '397.000.000', '410', '397.000.000']);
    expect(await horizontalOverflow(page)).toEqual([]);
    expect(problems.unexpected(), problems.all.join('\n')).toEqual([]);
  }, 90_000);
});
