import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportWardMonths, makeSyntheticWard } from '../../bench/synthetic-wards';
import { openDatabase } from '../../main/db/open';
import { nonCashReport } from '../../main/services/reports/noncash';
import { formatVnd } from '@shared/domain/money';
import { certifyAllAuthorizations, testCore } from '../support/register';
import { submitAndApproveRound } from '../support/rounds';
import {
  ADMIN,
  horizontalOverflow,
  makeTempDir,
  openPage,
  passwordInput,
  startServer,
  startWard,
  type PageProblems,
  type RunningServer,
} from './harness';

// The receiving office end to end (issue 17): three ward registers — the sample register (imported as a
// ward does) and two synthetic ones — write their province exports with the ward app's own exporter
// onto one "USB stick"; a fourth ward's folder has a changed byte. The receiving office (a fresh app in
// the browser harness, switched to Đơn vị tổng hợp in Cài đặt) receives the stick in Chromium: three are
// received, the fourth is refused with the reason, and the consolidated non-cash figures on the screen and
// in the PDF (pdftotext) equal the sum of the three wards' own non-cash reports.
// Screenshot: /tmp/so-an-sinh-receiving.png.

const SHOT = '/tmp/so-an-sinh-receiving.png';
const MONTH = '2024-10';

describe('Tổng hợp các phường (the receiving office), in Chromium against the browser harness', () => {
  const temp = makeTempDir();
  const usb = join(temp.dir, 'usb');
  const wardFiles: string[] = [];
  let browser: Browser;
  let server: RunningServer;
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    mkdirSync(usb);
    // Ward 1: the sample register, imported through the import channels, with its BTXH target.
    const sampleDb = join(temp.dir, 'duc-nghia.sqlite');
    const ward = testCore(temp.dir, '2026-11-15T09:00:00+07:00', 'duc-nghia.sqlite');
    try {
      ward.as('admin');
      await ward.ok('settings.saveOffice', {
        unitName: 'UBND phường Đức Nghĩa',
        parentBody: 'Tỉnh Lâm Đồng',
        placeName: 'Phan Thiết',
        province: 'Lâm Đồng',
        chairmanName: 'Nguyễn Văn Chủ',
        officerName: 'Trần Thị Hường',
        wardCode: '22978',
        reportRecipients: [],
      });
      ward.as('officer');
      const sample = readFileSync(join(__dirname, '..', 'fixtures', 'so-doi-tuong-phuong-mau.xlsx'));
      const a = await ward.ok('import.analyze', {
        fileName: 'so-doi-tuong-phuong-mau.xlsx',
        contentBase64: sample.toString('base64'),
      });
      const config = { ...a.config, authorizationTerm: { kind: 'default' as const } };
      await ward.ok('import.preview', { token: a.token, config });
      await ward.job('import.commit', { token: a.token, config });
      await certifyAllAuthorizations(ward);
      await ward.ok('campaign.setTarget', {
        programme: 'BTXH',
        kind: 'count',
        value: 150,
        deadline: '31/12/2024',
        note: '',
      });
      // A one-off round approved with a date in the month: its export carries `rounds` (the synthetic wards' do not).
      const round = await ward.ok('rounds.create', {
        name: 'Quà Quốc khánh bù tháng 10',
        basisNumber: '88/QĐ-UBND',
        basisDate: '01/10/2024',
        basisIssuer: 'UBND tỉnh Lâm Đồng',
        roundDate: '15/10/2024',
        rules: [
          { label: 'Người có công', programme: 'NCC', amountVnd: 500_000 },
          { label: 'Bảo trợ xã hội', programme: 'BTXH', amountVnd: 300_000 },
        ],
      });
      await submitAndApproveRound(ward, round.round.id);
      mkdirSync(join(usb, '1-duc-nghia'));
      await ward.job('reports.exportProvince', {
        month: MONTH,
        folder: join(usb, '1-duc-nghia'),
        reports: ['noncash', 'changes', 'form10a'],
        confirmPersonalData: true,
        clear: true,
      });
    } finally {
      ward.close();
    }
    wardFiles.push(sampleDb);
    // Wards 2 and 3: synthetic registers (cash, post office and bank accounts), and a fourth to be altered.
    const synthetic = [
      {
        file: 'phu-thuy.sqlite',
        folder: '2-phu-thuy',
        people: 400,
        seed: 11,
        code: '22981',
        name: 'UBND phường Phú Thủy',
      },
      { file: 'tien-loi.sqlite', folder: '3-tien-loi', people: 700, seed: 12, code: '22984', name: 'UBND xã Tiến Lợi' },
      {
        file: 'ham-tien.sqlite',
        folder: '4-ham-tien',
        people: 150,
        seed: 13,
        code: '22987',
        name: 'UBND phường Hàm Tiến',
      },
    ];
    for (const w of synthetic) {
      const dbPath = join(temp.dir, w.file);
      makeSyntheticWard(dbPath, { people: w.people, seed: w.seed, code: w.code, name: w.name });
      await exportWardMonths(dbPath, join(usb, w.folder), [MONTH]);
      if (w.code !== '22987') wardFiles.push(dbPath);
    }
    // The fourth folder: one byte of its non-cash PDF changed on the way.
    const altered = join(usb, '4-ham-tien', `bao-cao-gui-tinh-${MONTH}`, `tien-do-khong-tien-mat-${MONTH}.pdf`);
    const bytes = readFileSync(altered);
    bytes[200] = bytes[200]! ^ 0x20;
    writeFileSync(altered, bytes);

    ({ server, browser, page, problems } = await startWard(join(temp.dir, 'tong-hop.sqlite')));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    temp.remove();
  });

  it('switches to Đơn vị tổng hợp in Cài đặt, receives the stick (three received, the altered one refused), and the consolidated figures are the sum of the wards', async () => {
    await page.goto(new URL('/#/cai-dat/che-do', server.url).href);
    await page.getByRole('heading', { level: 2, name: 'Chế độ làm việc' }).waitFor();
    await page.getByRole('radio', { name: /Đơn vị tổng hợp/ }).check();
    await page.getByRole('button', { name: 'Lưu chế độ' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã chuyển sang chế độ «Đơn vị tổng hợp»' }).waitFor();
    // The ward's sections are gone from the menu; the receiving office's is there.
    const nav = page.getByRole('navigation', { name: 'Chức năng chính' });
    await nav.getByRole('link', { name: 'Tổng hợp các phường' }).click();
    expect(await nav.getByRole('link', { name: 'Sổ đối tượng' }).count()).toBe(0);
    await page.getByRole('heading', { level: 1, name: 'Tổng hợp các phường' }).waitFor();

    await page.setViewportSize({ width: 1024, height: 768 });
    await page.getByRole('textbox', { name: 'Thư mục của phường hoặc cả ổ USB' }).fill(usb);
    await page.getByRole('button', { name: 'Nhận báo cáo' }).click();
    const summary = page.getByTestId('receive-summary');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.textContent()).toBe('Đã nhận 3 bộ (0 bộ sửa lại), 0 bộ đã có, 1 bộ không nhận.');
    const refused = page.getByTestId('receive-results').getByRole('row').filter({ hasText: '4-ham-tien' });
    expect(await refused.textContent()).toContain(
      `«tien-do-khong-tien-mat-${MONTH}.pdf» không khớp mã kiểm tra SHA-256`,
    );
    expect(await refused.textContent()).toContain('UBND phường Hàm Tiến (22987)');

    // The wards' own figures, straight from their registers.
    let total = 0;
    let nonCash = 0;
    for (const file of wardFiles) {
      const { store } = openDatabase(file, { appVersion: 'test' });
      try {
        for (const r of nonCashReport(store, MONTH).rows.filter((x) => x.groupKey === null)) {
          total += r.total;
          nonCash += r.nonCash;
        }
      } finally {
        store.close();
      }
    }
    expect(total).toBeGreaterThan(447);
    await page.getByRole('textbox', { name: 'Tháng tổng hợp' }).fill('10/2024');
    await page.getByRole('button', { name: 'Xem', exact: true }).click();
    const figures = page.getByTestId('consolidated-summary');
    await figures.filter({ hasText: `${formatVnd(nonCash)}/${formatVnd(total)} đối tượng` }).waitFor();
    expect(await figures.textContent()).toContain('3/3 phường, xã đã gửi báo cáo');
    const rows = page.getByTestId('consolidated-wards').getByRole('row');
    expect(await rows.count()).toBe(5); // header, three wards, total
    // The round of Đức Nghĩa: its row, its programmes, the total; the money table adds it to the payrolls'.
    const rounds = page.getByTestId('consolidated-rounds');
    const roundVnd = formatVnd(37 * 500_000 + 410 * 300_000);
    await expect
      .poll(() => rounds.getByRole('row').allTextContents())
      .toEqual([
        'Phường, xã / chế độSố đợt chiSố người nhậnKhông dùng tiền mặtSố tiền đã duyệt (đồng)',
        `UBND phường Đức Nghĩa (22978)1447178${roundVnd}`,
        `Trợ cấp xã hội hằng tháng410141${formatVnd(410 * 300_000)}`,
        `Trợ cấp ưu đãi người có công3737${formatVnd(37 * 500_000)}`,
        `Cộng các phường, xã1447178${roundVnd}`,
      ]);
    const money = await page.getByTestId('consolidated-money').getByRole('row').last().textContent();
    expect(money).toContain(`Tổng cộng`);
    expect(money).toContain(roundVnd);
    expect(await horizontalOverflow(page)).toEqual([]);
    await page.screenshot({ path: SHOT, fullPage: true });

    // The consolidated PDF: the same total, read back with pdftotext.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tải PDF báo cáo tổng hợp' }).click();
    const file = join(temp.dir, 'tong-hop.pdf');
    await (await download).saveAs(file);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Tổng hợp kết quả chi trả trợ cấp xã hội của các phường, xã tháng 10/2024');
    const totalLine = text.split('\n').find((l) => /^\s*Tổng cộng\s+\d/.test(l) && l.includes(formatVnd(total)));
    expect(totalLine).toBeDefined();
    expect(totalLine).toContain(formatVnd(nonCash));
    expect(problems.unexpected()).toEqual([]);
  }, 180_000);

  it('a new install can be set up as the receiving office at first run', async () => {
    const fresh = await startServer(join(temp.dir, 'tong-hop-2.sqlite'));
    try {
      const { page: p } = await openPage(browser);
      await p.goto(fresh.url);
      await p.getByRole('heading', { level: 1, name: 'Thiết lập lần đầu' }).waitFor();
      await p.getByRole('textbox', { name: 'Họ và tên', exact: true }).fill(ADMIN.fullName);
      await p.getByRole('textbox', { name: 'Tên đăng nhập', exact: true }).fill(ADMIN.username);
      await passwordInput(p, 'Mật khẩu').fill(ADMIN.password);
      await passwordInput(p, 'Nhập lại mật khẩu').fill(ADMIN.password);
      await p.getByRole('checkbox', { name: /đơn vị tổng hợp/ }).check();
      await p.getByRole('button', { name: 'Tạo tài khoản và bắt đầu' }).click();
      // The office's names come first (Cài đặt, as for a ward); the menu holds no ward section.
      await p.getByRole('heading', { level: 2, name: 'Thông tin đơn vị' }).waitFor();
      const nav = p.getByRole('navigation', { name: 'Chức năng chính' });
      await nav.getByRole('link', { name: 'Tổng hợp các phường' }).waitFor();
      expect(await nav.getByRole('link').allTextContents()).toEqual(['Tổng hợp các phường', 'Cài đặt']);
      await nav.getByRole('link', { name: 'Tổng hợp các phường' }).click();
      await p.getByRole('heading', { level: 1, name: 'Tổng hợp các phường' }).waitFor();
      await p.context().close();
    } finally {
      await fresh.stop();
    }
  });

  it('receiving the same stick again changes nothing', async () => {
    await page.getByRole('button', { name: 'Nhận báo cáo' }).click();
    await page
      .getByTestId('receive-summary')
      .filter({ hasText: 'Đã nhận 0 bộ (0 bộ sửa lại), 3 bộ đã có, 1 bộ không nhận.' })
      .waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Lịch sử' }).first().click();
    const history = page.getByTestId('ward-history').getByRole('row');
    await history.nth(1).waitFor();
    expect(await history.count()).toBe(2);
  });

  it('the administrator adds a ward expected to report: a bad code is refused at its field, the ward shows as not reported', async () => {
    const form = page.getByRole('form', { name: 'Thêm phường, xã dự kiến gửi báo cáo' });
    await form.getByRole('textbox', { name: 'Mã đơn vị hành chính' }).fill('2299');
    await form.getByRole('textbox', { name: 'Tên phường, xã' }).fill('Phường Mũi Né');
    await form.getByRole('button', { name: 'Thêm phường, xã' }).click();
    await form.getByText('Mã đơn vị hành chính: 5 chữ số.').waitFor();
    const code = form.getByRole('textbox', { name: 'Mã đơn vị hành chính' });
    expect(await code.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByTestId('wards-table').getByRole('row').count()).toBe(4); // header, three wards

    await code.fill('22990');
    await form.getByRole('button', { name: 'Thêm phường, xã' }).click();
    await form.getByRole('status').filter({ hasText: 'Đã thêm Phường Mũi Né (mã 22990)' }).waitFor();
    const added = page.getByTestId('wards-table').getByRole('row').filter({ hasText: '22990' });
    await added.waitFor();
    expect(await added.textContent()).toContain('Phường Mũi Né');
    // The month's figures now count it among the wards expected and list it as not reported.
    await page.getByTestId('consolidated-summary').filter({ hasText: '3/4 phường, xã đã gửi báo cáo' }).waitFor();
    expect(await page.getByTestId('not-reported').textContent()).toContain('Phường Mũi Né (22990)');
    expect(await horizontalOverflow(page)).toEqual([]);
    expect(problems.unexpected()).toEqual([]);
  });
});
