import { afterAll, describe, expect, it } from 'vitest';
import { EMPTY_OFFICE_SETTINGS, type OfficeSettings } from '@shared/api/settings';
import {
  figureColumns,
  reconciliationPdf,
  UNPAID_OWN_PAGE_ROWS,
  type UnpaidLine,
} from '../../main/documents/pdf/reconciliation';
import { pdfInfo, pdfText, savePdf } from '../support/pdf';
import { tempDir } from '../support/temp';

// The printed reconciliation's shared layout (main/documents/pdf/reconciliation.ts, used by the payroll's
// and a round's report), read back with pdftotext page by page: section III's heading is never left at the
// foot of a page while its table starts on the next, and a report with nothing unpaid says so.

const { dir, cleanup } = tempDir('so-an-sinh-reconciliation-pdf-');
afterAll(cleanup);

const settings: OfficeSettings = {
  ...EMPTY_OFFICE_SETTINGS,
  unitName: 'UBND phường Đức Nghĩa',
  placeName: 'Phan Thiết',
  chairmanName: 'Trương Văn Ánh',
  officerName: 'Trần Thị Hường',
};

type Bucket = { lines: number; amountVnd: number };
interface Row extends Bucket {
  label: string;
  paid: Bucket;
  pending: Bucket;
  balanceVnd: number;
}
const row = (label: string, paid: number, pending: number): Row => ({
  label,
  lines: paid + pending,
  amountVnd: (paid + pending) * 600_000,
  paid: { lines: paid, amountVnd: paid * 600_000 },
  pending: { lines: pending, amountVnd: pending * 600_000 },
  balanceVnd: pending * 600_000,
});
const COLUMNS = figureColumns<Row>([
  { header: 'Đã chi trả', width: 90, bucket: (r) => r.paid },
  { header: 'Chưa có kết quả', width: 90, bucket: (r) => r.pending },
]);
// The first unpaid line's name is unique in the document: where it is, the table's first row is.
const FIRST_UNPAID = 'Nguyễn Văn Đầutiên';

async function render(name: string, neighbourhoods: number, unpaidLines: number): Promise<string> {
  const sections = Array.from({ length: neighbourhoods }, (_v, i) => row(`Khu phố ${i + 1}`, 3, 0));
  const unpaid: UnpaidLine[] = Array.from({ length: unpaidLines }, (_v, i) => ({
    fullName: i === 0 ? FIRST_UNPAID : `Lê Thị Người ${i + 1}`,
    neighbourhood: 'Khu phố 1',
    method: 'CASH_WARD',
    amountVnd: 600_000,
    reason: '',
  }));
  const total = row('Tổng cộng', neighbourhoods * 3, unpaidLines);
  const pdf = await reconciliationPdf({
    settings,
    date: '2027-02-10',
    heading: 'Đối chiếu kết quả chi trả — Quà Tết 2027',
    docTitle: 'Đối chiếu',
    intro: 'Căn cứ văn bản số 1234/QĐ-CTN.',
    columns: COLUMNS,
    sections: [
      { heading: 'I. Theo hình thức chi trả', rows: [total] },
      { heading: 'II. Theo khu phố', rows: sections },
    ],
    total,
    reconciles: true,
    approvedWhat: 'đợt chi',
    unpaid: { title: 'III. Danh sách chưa chi trả', rows: unpaid, status: () => 'Chưa có kết quả' },
  });
  return savePdf(dir, `${name}.pdf`, pdf);
}

/** The page (pdftotext -f P -l P) whose text contains `phrase` first, or 0. */
function pageOf(path: string, phrase: string): number {
  const pages = pdfInfo(path).pages;
  for (let p = 1; p <= pages; p++) {
    if (pdfText(path, { first: p, last: p }).replace(/\s+/g, ' ').includes(phrase)) return p;
  }
  return 0;
}

describe('the printed reconciliation: section III', () => {
  it('keeps its heading on the page of its table’s first row, also where the heading would fall at a page foot', async () => {
    // One more neighbourhood row moves everything below by one row: over a page's worth of counts the
    // heading lands once where only it fits at the foot of a page (before the fix, its table began on the next).
    let movedToNewPage = 0;
    for (let n = 4; n <= 22; n++) {
      const file = await render(`heading-${n}`, n, 3);
      const heading = pageOf(file, 'III. Danh sách chưa chi trả (3 dòng)');
      const firstRow = pageOf(file, FIRST_UNPAID);
      expect(heading, `${n} neighbourhoods`).toBeGreaterThan(0);
      expect(firstRow, `${n} neighbourhoods: the heading on page ${heading}, the first row on ${firstRow}`).toBe(
        heading,
      );
      // The crafted case: the heading opens its page (it was moved there from the previous page's foot).
      const text = pdfText(file, { first: heading, last: heading }).trim().split('\n');
      const firstLine = text.find((l) => l.trim() !== '' && l.trim() !== String(heading));
      if (heading > 1 && firstLine?.startsWith('III. Danh sách chưa chi trả')) movedToNewPage++;
    }
    expect(movedToNewPage).toBeGreaterThan(0);
  }, 120_000);

  it('a longer list starts on a page of its own, its heading first, the figures before it', async () => {
    const lines = UNPAID_OWN_PAGE_ROWS + 1;
    const file = await render('long-list', 1, lines);
    const heading = pageOf(file, `III. Danh sách chưa chi trả (${lines} dòng)`);
    expect(heading).toBeGreaterThan(1);
    expect(pageOf(file, FIRST_UNPAID)).toBe(heading);
    const text = pdfText(file, { first: heading, last: heading }).trim().split('\n');
    expect(text.find((l) => l.trim() !== '' && l.trim() !== String(heading))?.trim()).toBe(
      `III. Danh sách chưa chi trả (${lines} dòng)`,
    );
    expect(pageOf(file, 'Số dư chưa chi bằng chữ')).toBe(heading - 1);
  }, 60_000);

  it('says "không có dòng nào" when every line is paid, with no table under it', async () => {
    const file = await render('none-unpaid', 3, 0);
    const flat = pdfText(file).replace(/\s+/g, ' ');
    expect(flat).toContain('III. Danh sách chưa chi trả: không có dòng nào.');
    expect(flat).not.toContain('(0 dòng)');
    expect(flat).not.toContain('Họ và tên');
    // Kept with the figures and the signatures, before them.
    expect(flat.indexOf('Số dư chưa chi bằng chữ')).toBeLessThan(flat.indexOf('III. Danh sách chưa chi trả'));
    expect(flat.indexOf('III. Danh sách chưa chi trả')).toBeLessThan(flat.indexOf('NGƯỜI LẬP BIỂU'));
  }, 60_000);
});
