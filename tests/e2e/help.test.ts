import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MONTHLY_CYCLE } from '@shared/help/pages';
import { pdfInfo, pdfText } from '../support/pdf';
import { makeTempDir, startWard, type RunningServer } from './harness';

// Hướng dẫn (F1) in Chromium against the harness: F1 on two screens opens each screen's own help page;
// the quick guide downloaded from the help is an A4 PDF whose text (pdftotext) holds every cycle step.

const squash = (s: string) => s.replace(/\s+/g, ' ');

describe('Hướng dẫn (F1)', () => {
  let browser: Browser;
  let server: RunningServer;
  let page: Page;
  const temp = makeTempDir();

  beforeAll(async () => {
    ({ server, browser, page } = await startWard(join(temp.dir, 'so.sqlite')));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    temp.remove();
  });

  it('F1 opens the help page of the screen in view', async () => {
    await page.goto(new URL('/#/so-doi-tuong', page.url()).href);
    await page.getByRole('heading', { level: 1, name: 'Sổ đối tượng' }).waitFor();
    await page.keyboard.press('F1');
    const dialog = page.getByRole('dialog', { name: 'Hướng dẫn: Sổ đối tượng' });
    await dialog.waitFor();
    await dialog.getByText('Gõ tên không cần dấu', { exact: false }).waitFor();
    await page.screenshot({ path: '/tmp/so-an-sinh-help-register.png' });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await page.goto(new URL('/#/cai-dat/sao-luu', page.url()).href);
    await page.getByRole('heading', { name: 'Sao lưu và khôi phục' }).first().waitFor();
    await page.keyboard.press('F1');
    const backup = page.getByRole('dialog', { name: 'Hướng dẫn: Cài đặt: Sao lưu và khôi phục' });
    await backup.waitFor();
    await backup.getByText('Sao lưu ngay: chọn thư mục (USB)', { exact: false }).waitFor();
    // The monthly cycle is there too, step by step.
    await backup.getByText('Chu trình chi trả hằng tháng').click();
    for (const step of MONTHLY_CYCLE) await backup.getByText(step.title, { exact: true }).waitFor();
  });

  it('the quick guide is an A4 PDF holding the monthly cycle step by step', async () => {
    const dialog = page.getByRole('dialog', { name: /^Hướng dẫn/ });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Tải hướng dẫn nhanh (PDF)' }).click(),
    ]);
    const file = join(temp.dir, download.suggestedFilename());
    await download.saveAs(file);
    expect(download.suggestedFilename()).toBe('huong-dan-nhanh-so-an-sinh.pdf');
    const info = pdfInfo(file);
    // One A4 portrait page, for the office wall.
    expect([info.pages, Math.round(info.width), Math.round(info.height)]).toEqual([1, 595, 842]);
    const text = squash(pdfText(file));
    expect(text).toContain('HƯỚNG DẪN NHANH SỬ DỤNG SỔ AN SINH');
    // Every step, in order.
    let from = 0;
    for (const step of MONTHLY_CYCLE) {
      const at = text.indexOf(step.title, from);
      expect(at, step.title).toBeGreaterThanOrEqual(0);
      from = at;
    }
  });
});
