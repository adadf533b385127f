import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeListWorkbook } from '../../main/services/payroll-files/list-xlsx';
import type { ListContext, ListRow } from '../../main/services/payroll-files/list-rows';
import { pdfPages } from '../support/pdf';

// The cash list as xlsx, printed the way an office prints it (LibreOffice → PDF, read back with pdftotext):
// landscape A4, every column on the page, the column headers repeated on every page, page numbers, and
// each person's row tall enough to sign in (issue 15: the xlsx list was not sized for signing).

const dir = mkdtempSync(join(tmpdir(), 'so-an-sinh-list-print-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CONTEXT: ListContext = {
  kind: 'cash',
  unitName: 'UBND phường Đức Nghĩa',
  parentBody: '',
  placeName: 'Phan Thiết',
  chairmanName: 'Nguyễn Văn Chủ',
  officerName: 'Trần Thị Hường',
  month: '2026-11',
  programmeLabel: 'Trợ cấp xã hội hằng tháng',
  neighbourhood: 'Khu phố 1',
  date: '2026-11-05',
};
const rows: ListRow[] = Array.from({ length: 60 }, (_, i) => ({
  fullName: i % 7 === 0 ? 'Tôn Nữ Thị Phương Hoàng Khánh Linh' : 'Nguyễn Văn Ơn',
  birthYear: '1940',
  citizenId: `0601400${String(10_000 + i).padStart(5, '0')}`,
  address: 'Tổ 3, khu phố 1, phường Đức Nghĩa',
  neighbourhood: 'Khu phố 1',
  group: 'Người cao tuổi hộ nghèo không có người phụng dưỡng, từ đủ 80 tuổi',
  coefficient: '2',
  regularVnd: 1_000_000,
  arrearsVnd: i % 5 === 0 ? 500_000 : 0,
  funeralVnd: 0,
  totalVnd: i % 5 === 0 ? 1_500_000 : 1_000_000,
  receiverName: i % 3 === 0 ? 'Lê Thị Hoa' : '',
  note: '',
}));

describe('the cash list xlsx, printed', () => {
  it('is a landscape A4 list with every column, headers and page numbers on every page, and rows to sign in', async () => {
    const { content, count, totalVnd } = await writeListWorkbook(CONTEXT, rows);
    expect(count).toBe(60);
    expect(totalVnd).toBe(60 * 1_000_000 + 12 * 500_000);
    const file = join(dir, 'danh-sach.xlsx');
    writeFileSync(file, content);
    execFileSync(
      'soffice',
      [
        '-env:UserInstallation=file://' + join(dir, 'profile'),
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        file,
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );
    const pages = pdfPages(join(dir, 'danh-sach.pdf'));
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      // A4 landscape.
      expect([Math.round(page.width), Math.round(page.height)]).toEqual([842, 595]);
      const text = page.words.map((w) => w.text);
      // The headers on every page, the last column (Ghi chú) included: the list fits the page's width.
      for (const header of ['STT', 'Ký', 'nhận', 'Ghi', 'chú']) expect(text, `page ${page.number}`).toContain(header);
      expect(text.join(' ')).toContain(`Trang ${page.number}/${pages.length}`);
      // Every word inside the page.
      expect(page.words.every((w) => w.xMax <= page.width && w.yMax <= page.height)).toBe(true);
      // Each person's row is tall enough to sign in: the row numbers (STT, left column) stand ≥ 42 pt (15 mm) apart, as the PDF list's rows.
      const left = Math.min(...page.words.filter((w) => w.text === 'STT').map((w) => w.xMin));
      const numbers = page.words
        .filter((w) => /^\d+$/.test(w.text) && Math.abs(w.xMin - left) < 15)
        .map((w) => w.yMin)
        .sort((a, b) => a - b);
      expect(numbers.length).toBeGreaterThan(3);
      for (let i = 1; i < numbers.length; i++) expect(numbers[i]! - numbers[i - 1]!).toBeGreaterThanOrEqual(42);
    }
    // The rows are all there, each once, in order.
    const listed = pages.flatMap((page) => {
      const left = Math.min(...page.words.filter((w) => w.text === 'STT').map((w) => w.xMin));
      return page.words
        .filter((w) => /^\d+$/.test(w.text) && Math.abs(w.xMin - left) < 15)
        .sort((a, b) => a.yMin - b.yMin)
        .map((w) => Number(w.text));
    });
    expect(listed).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  }, 180_000);
});
