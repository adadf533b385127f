import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RoundView } from '@shared/api/rounds';
import { formatVnd } from '@shared/domain/money';
import { LIST_ROW_MM, LIST_SIGN_MM } from '../../main/services/payroll-files/pdf';
import { renderSignatureList } from '../../main/services/rounds/files';
import type { StoredLine } from '../../main/services/rounds/queries';
import {
  decodeGrayPng,
  mmToPt,
  pagesWithPhrase,
  pdfPages,
  phraseOnOneLine,
  renderPng,
  ruleRuns,
  wordsOutsideMargins,
  type PdfPage,
} from '../support/pdf';
import { tempDir } from '../support/temp';

// The round's signature list laid out to be signed as printed (the payroll cash list's rules, issue 15):
// within the Decree 30 margins, every person once with the amount whole, the Ký nhận column 38 mm and the
// rows 15 mm high (measured from a 150 dpi render), and each section's signatures on the page of its last
// rows and its total — for the whole ward and one section per neighbourhood.

const { dir, cleanup } = tempDir();
afterAll(() => cleanup());

const office = {
  unitName: 'UBND phường Đức Nghĩa',
  parentBody: '',
  placeName: 'Phan Thiết',
  province: 'Lâm Đồng',
  chairmanName: 'Nguyễn Văn Chủ',
  officerName: 'Trần Thị Hường',
  reportRecipients: [],
};
const round: RoundView = {
  id: 7,
  name: 'Quà Tết Nguyên đán 2027 của Chủ tịch nước',
  basisNumber: '1234/QĐ-CTN',
  basisDate: '2027-01-02',
  basisIssuer: 'Chủ tịch nước',
  roundDate: '2027-01-20',
  review: 'approved',
  lineCount: 0,
  totalVnd: 0,
  createdAt: '',
  createdBy: '',
  submittedAt: null,
  submittedBy: null,
  returnComment: null,
  returnedAt: null,
  returnedBy: null,
  approvedAt: null,
  approvedBy: null,
};

const GIVEN = ['An', 'Bình', 'Cúc', 'Dũng', 'Em', 'Giang', 'Hạnh', 'Khoa', 'Lan', 'Minh'];
const lines = (n: number): StoredLine[] =>
  Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    line_no: i + 1,
    person_id: i + 1,
    programme_code: 'NCC',
    rule_no: 1,
    amount_vnd: i % 3 === 0 ? 600_000 : 300_000,
    full_name: `Nguyễn Văn ${GIVEN[i % GIVEN.length]} ${i + 1}`,
    birth_text: '1948',
    citizen_id: `0600480${String(10_000 + i).padStart(5, '0')}`,
    neighbourhood_name: i % 2 ? 'Khu phố 2' : 'Khu phố 1',
    address: `${i + 1} Trần Hưng Đạo, ${i % 2 ? 'Khu phố 2' : 'Khu phố 1'}, phường Đức Nghĩa`,
    group_code: null,
    group_label: i % 3 === 0 ? 'Thương binh 61%' : 'Thân nhân liệt sĩ',
    method: i === 5 ? 'POST_OFFICE' : 'CASH_WARD',
    bank_code: null,
    branch: null,
    account_number: null,
    holder_name: null,
    receiver_name: null,
    note: '',
  }));

const rowNumbers = (page: PdfPage): number[] => {
  const header = page.words.find((w) => w.text === 'STT');
  if (!header) return [];
  const centre = (header.xMin + header.xMax) / 2;
  return page.words
    .filter((w) => /^\d+$/.test(w.text) && w.yMin > header.yMax && Math.abs((w.xMin + w.xMax) / 2 - centre) < 8)
    .map((w) => Number(w.text));
};

describe('signature list of a round', () => {
  it('whole ward: within the margins, everyone once, a 38 mm Ký nhận column and 15 mm rows, signatures with the last rows', async () => {
    const all = lines(31);
    const out = await renderSignatureList(office, round, all, 'ward', '2027-01-20');
    const path = join(dir, 'ward.pdf');
    writeFileSync(path, out.content);
    const pages = pdfPages(path);
    expect(pages.length).toBeGreaterThan(2);
    for (const p of pages) expect(wordsOutsideMargins(p), `page ${p.number}`).toEqual([]);
    expect(pages.flatMap(rowNumbers)).toEqual(all.map((_l, i) => i + 1));
    expect(out.totalVnd).toBe(all.reduce((s, l) => s + l.amount_vnd, 0));
    const sig = pagesWithPhrase(pages, 'TM. ỦY BAN NHÂN DÂN');
    expect(sig).toEqual([pages.length]);
    const last = pages.at(-1)!;
    expect(phraseOnOneLine(last, 'Tổng cộng: 31 người')).not.toBeNull();
    expect(last.words.map((w) => w.text)).toContain(formatVnd(out.totalVnd));
    expect(rowNumbers(last)).toEqual(expect.arrayContaining([30, 31]));

    // Sizes as printed, from the rules of page 2 at 150 dpi.
    const [png] = renderPng(path, dir, { dpi: 150, first: 2, last: 2 });
    const image = decodeGrayPng(png!);
    const px = (pt: number) => Math.round((pt / 72) * 150);
    const page2 = pages[1]!;
    const numbers = rowNumbers(page2);
    const first = page2.words.find((w) => w.text === String(numbers[0]) && w.xMin < mmToPt(45))!;
    const lastRow = page2.words.find((w) => w.text === String(numbers.at(-1)) && w.xMin < mmToPt(45))!;
    const columns = ruleRuns(image, 'vertical', px(first.yMin), px(lastRow.yMax));
    expect(columns).toHaveLength(11);
    // "Ký nhận" is the 9th of 10 columns.
    expect(((columns[9]! - columns[8]!) / 150) * 25.4).toBeGreaterThanOrEqual(LIST_SIGN_MM - 0.2);
    const rules = ruleRuns(image, 'horizontal', columns[8]! + 3, columns[9]! - 3).filter(
      (y) => y >= px(first.yMin) - px(6),
    );
    const heights = rules.slice(1).map((y, i) => ((y - rules[i]!) / 150) * 25.4);
    expect(heights).toHaveLength(numbers.length);
    for (const h of heights) expect(h).toBeGreaterThanOrEqual(LIST_ROW_MM - 0.2);
  });

  it('by neighbourhood: each section its own total and signatures, on the page of its last rows; the sections add up to the list', async () => {
    const all = lines(40);
    const out = await renderSignatureList(office, round, all, 'neighbourhood', '2027-01-20');
    expect(out.sections).toBe(2);
    const path = join(dir, 'by-area.pdf');
    writeFileSync(path, out.content);
    const pages = pdfPages(path);
    for (const p of pages) expect(wordsOutsideMargins(p), `page ${p.number}`).toEqual([]);
    const sig = pagesWithPhrase(pages, 'TM. ỦY BAN NHÂN DÂN');
    expect(sig).toHaveLength(2);
    for (const [i, area] of ['Khu phố 1', 'Khu phố 2'].entries()) {
      const own = all.filter((l) => l.neighbourhood_name === area);
      const page = pages[sig[i]! - 1]!;
      expect(phraseOnOneLine(page, `Tổng cộng: ${own.length} người`), area).not.toBeNull();
      expect(page.words.map((w) => w.text)).toContain(formatVnd(own.reduce((s, l) => s + l.amount_vnd, 0)));
    }
    // Each section starts on a new page under its own heading.
    const starts = pagesWithPhrase(pages, 'Khu phố/tổ dân phố: Khu phố 2');
    expect(starts.length).toBeGreaterThan(0);
    expect(starts[0]).toBe(sig[0]! + 1);
    expect(out.totalVnd).toBe(all.reduce((s, l) => s + l.amount_vnd, 0));
  });
});
