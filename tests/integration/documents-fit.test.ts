import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Content } from 'pdfmake/interfaces';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  A4_LANDSCAPE,
  A4_PORTRAIT,
  amountInWordsLine,
  chairmanSignature,
  dataTable,
  documentDefinition,
  heading,
  keptClosing,
  officeNames,
  recipients,
  renderPdf,
  shareWidths,
  signatureRow,
  title,
} from '../../main/documents';
import { LIST_ROW_MM, LIST_SIGN_MM, renderListPdf, renderSummaryPdf } from '../../main/services/payroll-files/pdf';
import type { ListContext, ListRow } from '../../main/services/payroll-files/list-rows';
import { planFiles } from '../../main/services/payroll-files/plan';
import type { FileLine, PayrollScope } from '../../main/services/payroll-files/lines';
import { reportPdf } from '../../main/services/reports/pdf';
import { changesDocument, summaryDocument } from '../../main/services/reports/document';
import type { SummaryRow } from '@shared/api/reports';
import { EMPTY_OFFICE_SETTINGS, type OfficeSettings } from '@shared/api/settings';
import { parseCsv } from '@shared/domain/csv';
import { PROTECTED_GROUPS } from '@shared/domain/masking';
import { formatVnd } from '@shared/domain/money';
import {
  decodeGrayPng,
  malformedNumbers,
  mmToPt,
  pagesWithPhrase,
  pdfLines,
  pdfPages,
  phraseOnOneLine,
  pngInk,
  renderPng,
  ruleRuns,
  savePdf,
  wordsOutsideMargins,
  type PdfPage,
} from '../support/pdf';
import { tempDir } from '../support/temp';

// Documents fit to sign (issue 15): each document rendered for real, read back with poppler
// (pdftotext -bbox positions) and rendered to PNG (pdftoppm): nothing outside the printable area, header
// lines and signature titles whole, numbers never split, signers on one line, and the signature block
// never alone on its page, with the boundary case built on purpose (rows that end exactly at a page end).

const { dir, cleanup } = tempDir('so-an-sinh-fit-');
afterAll(cleanup);

const OFFICE: OfficeSettings = {
  ...EMPTY_OFFICE_SETTINGS,
  unitName: 'UBND phường Đức Nghĩa',
  parentBody: 'UBND thành phố Phan Thiết',
  placeName: 'Phan Thiết',
  province: 'Lâm Đồng',
  chairmanName: 'Nguyễn Văn Chủ',
  officerName: 'Trần Thị Hường',
  reportRecipients: [
    { name: 'Sở Y tế tỉnh Lâm Đồng', scope: 'BTXH' },
    { name: 'UBND tỉnh Lâm Đồng', scope: '' },
    { name: 'Lưu: VT', scope: '' },
    { name: 'Sở Y tế tỉnh Lâm Đồng;', scope: '' },
  ],
};

// Group names in words from the reference data (the groups whose name discloses health status are not printed).
const GROUPS = parseCsv(readFileSync(join(__dirname, '../../shared/reference/allowance-groups.csv'), 'utf8'))
  .slice(1)
  .filter((r) => r[1] === 'BTXH' && !PROTECTED_GROUPS.has(r[0]!))
  .map((r) => ({ code: r[0]!, label: r[3]! }));
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô'];
const MIDDLE = ['Thị', 'Văn', 'Thị Ngọc', 'Hữu', 'Thị Kim'];
const GIVEN = [
  'Ánh',
  'Bình',
  'Cúc',
  'Dũng',
  'Hường',
  'Khánh',
  'Lộc',
  'Mỹ',
  'Nghĩa',
  'Phượng',
  'Quý',
  'Thảo',
  'Ưng',
  'Yến',
];

/** A realistic cash list: names with diacritics, 12-digit IDs, group names in words, some arrears, a funeral support, receivers. */
function listRows(n: number): ListRow[] {
  return Array.from({ length: n }, (_, i) => {
    const g = GROUPS[i % GROUPS.length]!;
    const regular = [540_000, 750_000, 810_000, 1_080_000, 1_350_000][i % 5]!;
    const arrears = i % 17 === 3 ? 2_430_000 : 0;
    const funeral = i === n - 5 ? 10_800_000 : 0;
    return {
      fullName: `${FAMILY[i % FAMILY.length]} ${MIDDLE[i % MIDDLE.length]} ${GIVEN[i % GIVEN.length]}`,
      birthYear: String(1930 + (i % 60)),
      citizenId: `0${String(60_000_000_000 + i * 7_919).padStart(11, '0')}`.slice(0, 12),
      address: `Số ${(i % 90) + 1} Trần Hưng Đạo, Khu phố ${(i % 6) + 1}`,
      neighbourhood: `Khu phố ${(i % 6) + 1}`,
      group: g.label,
      coefficient: '1,5',
      regularVnd: regular,
      arrearsVnd: arrears,
      funeralVnd: funeral,
      totalVnd: regular + arrears + funeral,
      receiverName: i % 11 === 0 ? 'Lê Thị Ngọc Hân' : '',
      note: arrears ? 'Truy lĩnh 07/2026–09/2026' : '',
    };
  });
}

const LIST_CONTEXT: ListContext = {
  kind: 'cash',
  unitName: OFFICE.unitName,
  parentBody: OFFICE.parentBody,
  placeName: OFFICE.placeName,
  chairmanName: OFFICE.chairmanName,
  officerName: OFFICE.officerName,
  month: '2026-12',
  programmeLabel: 'TRỢ CẤP XÃ HỘI HẰNG THÁNG',
  neighbourhood: '',
  date: '2026-12-05',
};

let fileNo = 0;
const save = (name: string, bytes: Buffer) => savePdf(dir, `${String(++fileNo).padStart(2, '0')}-${name}.pdf`, bytes);

/** The numbers in the STT column of a page (first column: right under the "STT" header, digits only). */
function rowNumbers(page: PdfPage): number[] {
  const header = page.words.find((w) => w.text === 'STT');
  if (!header) return [];
  const centre = (header.xMin + header.xMax) / 2;
  return page.words
    .filter((w) => /^\d+$/.test(w.text) && w.yMin > header.yMax && Math.abs((w.xMin + w.xMax) / 2 - centre) < 8)
    .map((w) => Number(w.text))
    .sort((a, b) => a - b);
}

/** Each row whole on one page: its number (STT) and its ID number (unique per row) on the same page. */
function expectRowsWhole(pages: PdfPage[], rows: readonly ListRow[]): void {
  const pageOfId = new Map<string, number>();
  for (const p of pages) for (const w of p.words) if (/^\d{12}$/.test(w.text)) pageOfId.set(w.text, p.number);
  const pageOfNumber = new Map<number, number>();
  for (const p of pages) for (const n of rowNumbers(p)) pageOfNumber.set(n, p.number);
  rows.forEach((r, i) => expect(pageOfId.get(r.citizenId), `row ${i + 1}`).toBe(pageOfNumber.get(i + 1)));
}

/** What every fitted document must show: the printable area, the heading's lines whole, numbers whole. */
function expectFit(pages: PdfPage[], headingLines: string[]): void {
  for (const p of pages) {
    expect(wordsOutsideMargins(p), `page ${p.number}: words outside the printable area`).toEqual([]);
    expect(malformedNumbers(p.words), `page ${p.number}: numbers split across lines`).toEqual([]);
  }
  for (const line of headingLines) expect(phraseOnOneLine(pages[0]!, line), line).not.toBeNull();
}

/** The page the signature title is on also holds `withIt` (the last rows, the total): never an orphan. */
function expectSignatureWith(pages: PdfPage[], signatureTitle: string, withIt: string[]): number {
  const at = pagesWithPhrase(pages, signatureTitle);
  expect(at, `${signatureTitle} once, on one line`).toHaveLength(1);
  const page = pages[at[0]! - 1]!;
  for (const phrase of withIt)
    expect(phraseOnOneLine(page, phrase), `"${phrase}" with the signature on page ${page.number}`).not.toBeNull();
  return page.number;
}

/** Renders to PNG in the test's folder: each page renders, is A4 in proportion, and is not blank. */
function expectRendersToPng(path: string, pages: number, landscape: boolean): string[] {
  const pngs = renderPng(path, dir);
  expect(pngs).toHaveLength(pages);
  for (const png of pngs) {
    const { width, height, ink } = pngInk(png);
    expect(landscape ? width / height : height / width).toBeCloseTo(297 / 210, 1);
    expect(ink, png).toBeGreaterThan(0.003);
    expect(ink, png).toBeLessThan(0.5);
  }
  return pngs;
}

describe("sharing a table's width between its columns", () => {
  it('every column at least its minimum; all the width used when a column may grow; null when the minimums do not fit', () => {
    const column = fc.record({
      min: fc.double({ min: 1, max: 120, noNaN: true }),
      weight: fc.oneof(fc.constant(0), fc.double({ min: 0.1, max: 6, noNaN: true })),
    });
    fc.assert(
      fc.property(
        fc.array(column, { minLength: 1, maxLength: 16 }),
        fc.double({ min: 10, max: 800, noNaN: true }),
        (columns, available) => {
          const widths = shareWidths(columns, available);
          const least = columns.reduce((s, c) => s + c.min, 0);
          if (available - least < -0.01) {
            expect(widths).toBeNull();
            return;
          }
          expect(widths).toHaveLength(columns.length);
          widths!.forEach((w, i) => expect(w).toBeGreaterThanOrEqual(Math.floor(columns[i]!.min * 100) / 100));
          const sum = widths!.reduce((a, b) => a + b, 0);
          expect(sum).toBeLessThanOrEqual(available + 0.01);
          if (columns.some((c) => c.weight > 0)) expect(sum).toBeGreaterThan(available - 0.01 * columns.length - 0.01);
          else expect(widths).toEqual(columns.map((c) => Math.floor(c.min * 100) / 100));
        },
      ),
    );
  });
});

describe('keeping the signature block with the last rows (the building blocks)', () => {
  const office = officeNames(OFFICE);
  const doc = (rows: number, keepTogether: boolean) => {
    const table = dataTable({
      columns: [
        { header: 'STT', width: 30, align: 'center', value: (_r: number, i) => String(i + 1) },
        { header: 'Họ và tên', width: '*', value: (r: number) => `Người thứ ${r + 1}` },
        { header: 'Số tiền', width: 80, align: 'right', noWrap: true, value: () => '1.250.000' },
      ],
      rows: Array.from({ length: rows }, (_, i) => i),
      total: ['', 'Tổng cộng', formatVnd(rows * 1_250_000)],
      ...(keepTogether ? { keep: { name: 't', rows: 2 } } : {}),
    });
    const content: Content[] = [
      heading({ page: A4_PORTRAIT, office, date: '2026-12-05' }),
      title('Danh sách', 'Thử giữ chữ ký với các dòng cuối'),
      table,
      keptClosing('t', [
        amountInWordsLine(rows * 1_250_000),
        signatureRow([
          { titles: ['Người lập biểu'], hint: '(Ký, ghi rõ họ tên)', name: office.officer },
          chairmanSignature(office),
        ]),
      ]),
    ];
    return documentDefinition({ title: 'Thử', content, keepTogether });
  };

  it('without the rule a closing can fall alone on the last page; with it, the last two rows and the total go with it', async () => {
    // Find, on purpose, the row counts at which the closing no longer fits after the last row: the boundary.
    const orphaned: number[] = [];
    for (let n = 30; n <= 60 && orphaned.length < 2; n++) {
      const plain = pdfPages(save(`plain-${n}`, (await renderPdf(doc(n, false))).buffer));
      const sig = pagesWithPhrase(plain, 'TM. ỦY BAN NHÂN DÂN')[0]!;
      if (rowNumbers(plain[sig - 1]!).length === 0) orphaned.push(n);
    }
    // The helper sees the orphan (so the checks below can fail) …
    expect(orphaned.length).toBeGreaterThan(0);
    for (const n of orphaned) {
      // … and the rule removes it: the signature's page has rows n-1 and n, the total, and the repeated header.
      const kept = pdfPages(save(`kept-${n}`, (await renderPdf(doc(n, true))).buffer));
      // Whole rows move: the name of row n-1 goes with its number (pdfmake alone would move only the first cell).
      const page = expectSignatureWith(kept, 'TM. ỦY BAN NHÂN DÂN', [
        'Tổng cộng',
        'Họ và tên',
        `Người thứ ${n - 1}`,
        `Người thứ ${n}`,
      ]);
      expect(rowNumbers(kept[page - 1]!)).toEqual(expect.arrayContaining([n - 1, n]));
      // Every row is printed once.
      expect(kept.flatMap(rowNumbers)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    }
  });

  it('"Nơi nhận": the filing line once, a recipient listed twice once', async () => {
    const content = [
      recipients(['Sở Y tế tỉnh Lâm Đồng', 'Lưu: VT', 'UBND tỉnh Lâm Đồng', '- Sở Y tế tỉnh Lâm Đồng;']),
    ];
    const pages = pdfPages(
      save('recipients', (await renderPdf(documentDefinition({ title: 'Nơi nhận', content }))).buffer),
    );
    const lines = pdfLines(pages[0]!.words).map((l) => l.text);
    expect(lines).toEqual(['Nơi nhận:', '- Sở Y tế tỉnh Lâm Đồng;', '- UBND tỉnh Lâm Đồng;', '- Lưu: VT.']);
    // The office's own filing text is kept as the filing line.
    const own = pdfPages(
      save(
        'recipients-own',
        (
          await renderPdf(
            documentDefinition({ title: 'Nơi nhận', content: [recipients(['Như trên', 'Lưu: VT, VX.'])] }),
          )
        ).buffer,
      ),
    );
    expect(pdfLines(own[0]!.words).map((l) => l.text)).toEqual(['Nơi nhận:', '- Như trên;', '- Lưu: VT, VX.']);
  });

  it('the heading keeps "UBND THÀNH PHỐ PHAN THIẾT" and the national name on one line each (portrait and landscape)', async () => {
    const centre = officeNames({
      ...OFFICE,
      unitName: 'Trung tâm Bảo trợ xã hội',
      parentBody: 'UBND thành phố Phan Thiết',
    });
    for (const page of [A4_PORTRAIT, A4_LANDSCAPE]) {
      const content = [
        heading({ page, office: centre, date: '2026-12-05' }),
        signatureRow(
          [{ titles: ['Người lập biểu'], name: 'A' }, { titles: ['Kế toán'], name: '' }, chairmanSignature(centre)],
          [0, 12, 0, 0],
          page.contentWidth,
        ),
      ];
      const path = save(
        `heading-${page.pageOrientation}`,
        (await renderPdf(documentDefinition({ page, title: 'Tiêu đề', content }))).buffer,
      );
      const pages = pdfPages(path);
      expectFit(pages, [
        'UBND THÀNH PHỐ PHAN THIẾT',
        'TRUNG TÂM BẢO TRỢ XÃ HỘI',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        'Phan Thiết, ngày 05 tháng 12 năm 2026',
        'TM. ỦY BAN NHÂN DÂN',
      ]);
    }
  });
});

describe('cash payout list (danh sách chi trả tiền mặt)', () => {
  it(`447 people: a ${LIST_SIGN_MM} mm signature column and ${LIST_ROW_MM} mm rows, amounts whole, the closing with the last rows, within the margins`, async () => {
    const rows = listRows(447);
    const out = await renderListPdf(LIST_CONTEXT, rows);
    const path = save('cash-447', out.content);
    const pages = pdfPages(path);
    expect(pages).toHaveLength(out.pages);
    expectFit(pages, [
      'ỦY BAN NHÂN DÂN',
      'PHƯỜNG ĐỨC NGHĨA',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Đức Nghĩa, ngày 05 tháng 12 năm 2026',
    ]);
    // The ward's own letterhead: no parent-body line above "ỦY BAN NHÂN DÂN" (Decree 30; issue 16).
    expect(pages[0]!.words.some((w) => w.text === 'THIẾT' || w.text === 'Thiết')).toBe(false);
    const committee = phraseOnOneLine(pages[0]!, 'ỦY BAN NHÂN DÂN')!;
    expect(pdfLines(pages[0]!.words)[0]!.words).toContain(committee[0]);

    // Every person once, in order; every amount a whole word; the totals reconcile with the rows.
    expect(pages.flatMap(rowNumbers)).toEqual(rows.map((_r, i) => i + 1));
    expectRowsWhole(pages, rows);
    const words = new Set(pages.flatMap((p) => p.words.map((w) => w.text)));
    for (const r of rows) expect(words.has(formatVnd(r.totalVnd)), r.fullName).toBe(true);
    const total = rows.reduce((s, r) => s + r.totalVnd, 0);
    expect(out.totalVnd).toBe(total);
    const last = pages.at(-1)!;
    const totalLine = pdfLines(last.words).find((l) => l.text.startsWith('Tổng cộng: 447 người'))!;
    expect(totalLine.words.map((w) => w.text)).toContain(formatVnd(total));
    // Group names in words, never a code.
    expect(phraseOnOneLine(pages[0]!, 'BTXH-1A')).toBeNull();
    expect([...words].some((w) => /^BTXH-/.test(w))).toBe(false);

    // The signature block: its page also has the last rows and the total; titles on one line, side by side; names on one baseline.
    const sigPage = expectSignatureWith(pages, 'TM. ỦY BAN NHÂN DÂN', ['Tổng cộng: 447 người', 'Ký nhận']);
    expect(rowNumbers(pages[sigPage - 1]!)).toEqual(expect.arrayContaining([446, 447]));
    const page = pages[sigPage - 1]!;
    const titles = ['NGƯỜI LẬP BIỂU', 'KẾ TOÁN', 'NGƯỜI CHI TRẢ', 'TM. ỦY BAN NHÂN DÂN'].map((t) =>
      phraseOnOneLine(page, t)!,
    );
    for (const t of titles) expect(Math.abs(t[0]!.yMax - titles[0]![0]!.yMax)).toBeLessThan(1);
    const names = ['Trần Thị Hường', 'Nguyễn Văn Chủ'].map((n) => phraseOnOneLine(page, n)!);
    expect(Math.abs(names[0]![0]!.yMax - names[1]![0]!.yMax)).toBeLessThan(1);

    // Sizes as printed: rule lines found in the PNG of page 2 at 150 dpi (1 px = 0.17 mm).
    const [png] = renderPng(path, dir, { dpi: 150, first: 2, last: 2 });
    const image = decodeGrayPng(png!);
    const px = (pt: number) => Math.round((pt / 72) * 150);
    const page2 = pages[1]!;
    const numbers = rowNumbers(page2);
    const first = page2.words.find((w) => w.text === String(numbers[0]) && w.xMin < mmToPt(45))!;
    const lastRow = page2.words.find((w) => w.text === String(numbers.at(-1)) && w.xMin < mmToPt(45))!;
    // Vertical rules across the data rows of the page: the "Ký nhận" column is the 13th of 14.
    const columns = ruleRuns(image, 'vertical', px(first.yMin), px(lastRow.yMax));
    expect(columns).toHaveLength(15);
    const signMm = ((columns[13]! - columns[12]!) / 150) * 25.4;
    expect(signMm).toBeGreaterThanOrEqual(LIST_SIGN_MM - 0.2);
    // Horizontal rules down the signature column: every data row at least LIST_ROW_MM high.
    const rules = ruleRuns(image, 'horizontal', columns[12]! + 3, columns[13]! - 3).filter(
      (y) => y >= px(first.yMin) - px(6),
    );
    const heights = rules.slice(1).map((y, i) => ((y - rules[i]!) / 150) * 25.4);
    expect(heights).toHaveLength(numbers.length);
    for (const h of heights) expect(h).toBeGreaterThanOrEqual(LIST_ROW_MM - 0.2);
    expectRendersToPng(path, out.pages, true);
  });

  it('the boundary, built on purpose: rows that fill the pages exactly still end with rows, total and signatures on one page', async () => {
    // Rows per page from a long list: the first page (under the heading) and a following page.
    const probe = pdfPages(save('cash-probe', (await renderListPdf(LIST_CONTEXT, listRows(40))).content));
    const [first, next] = [rowNumbers(probe[0]!).length, rowNumbers(probe[1]!).length];
    expect(first).toBeGreaterThan(3);
    expect(next).toBeGreaterThan(first);
    // n = first + next: page 2 is full of rows, so the total and the closing could only go to page 3 alone.
    let moved = 0;
    for (const n of [first + next - 1, first + next, first + next + 1]) {
      const rows = listRows(n);
      const out = await renderListPdf(LIST_CONTEXT, rows);
      const pages = pdfPages(save(`cash-boundary-${n}`, out.content));
      expectFit(pages, ['ỦY BAN NHÂN DÂN']);
      const sigPage = expectSignatureWith(pages, 'TM. ỦY BAN NHÂN DÂN', [`Tổng cộng: ${n} người`, 'Ký nhận']);
      expect(rowNumbers(pages[sigPage - 1]!)).toEqual(expect.arrayContaining([n - 1, n]));
      expect(pages.flatMap(rowNumbers)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
      expectRowsWhole(pages, rows);
      if (rowNumbers(pages[1]!).length < next) moved++;
    }
    // The rule did move rows forward at the boundary (a full page 2 would otherwise leave page 3 to the closing).
    expect(moved).toBeGreaterThan(0);
  });

  it('a group code (no name in the register) and a ward total in billions never wrap', async () => {
    const rows = listRows(12).map((r, i) => (i % 3 === 0 ? { ...r, group: 'BTXH-5A1' } : r));
    rows[0] = {
      ...rows[0]!,
      regularVnd: 927_390_000,
      totalVnd: 927_390_000 + rows[0]!.arrearsVnd + rows[0]!.funeralVnd,
    };
    const out = await renderListPdf(LIST_CONTEXT, rows);
    const path = save('cash-wide', out.content);
    const pages = pdfPages(path);
    expectFit(pages, ['ỦY BAN NHÂN DÂN']);
    const words = pages.flatMap((p) => p.words.map((w) => w.text));
    expect(words.filter((w) => w === 'BTXH-5A1')).toHaveLength(4);
    expect(words).toContain('927.390.000');
    expect(words).toContain(formatVnd(out.totalVnd));
    expectRendersToPng(path, out.pages, true);
  });
});

// ---- the monthly summary (bảng tổng hợp) ------------------------------------------------------------------

const SCOPE: PayrollScope = {
  month: '2026-12',
  payrolls: [
    { id: 1, programme: 'BTXH', programmeName: 'Trợ cấp xã hội hằng tháng', lineCount: 0, totalVnd: 0 },
    { id: 2, programme: 'NCC', programmeName: 'Trợ cấp ưu đãi người có công', lineCount: 0, totalVnd: 0 },
  ],
  programmeNames: { BTXH: 'Trợ cấp xã hội hằng tháng', NCC: 'Trợ cấp ưu đãi người có công' },
};

function fileLines(n: number, arrears: number): FileLine[] {
  const methods = ['CASH_WARD', 'POST_OFFICE', 'OWN_ACCOUNT', 'AUTHORIZED_ACCOUNT'] as const;
  return Array.from({ length: n + arrears }, (_, i) => {
    const extra = i >= n;
    const method = methods[i % 4]!;
    const account = method === 'OWN_ACCOUNT' || method === 'AUTHORIZED_ACCOUNT';
    return {
      id: i + 1,
      payrollId: i % 9 === 0 ? 2 : 1,
      programme: i % 9 === 0 ? 'NCC' : 'BTXH',
      kind: extra ? 'arrears' : 'regular',
      personId: extra ? i - n + 1 : i + 1,
      fullName: `${FAMILY[i % FAMILY.length]} ${MIDDLE[i % MIDDLE.length]} ${GIVEN[i % GIVEN.length]}`,
      birthText: '1950',
      citizenId: null,
      neighbourhood: `Khu phố ${(i % 6) + 1}`,
      address: '',
      groupCode: null,
      groupLabel: '',
      coefficientMilli: null,
      standardVnd: null,
      amountVnd: extra ? 2_430_000 : 750_000,
      method,
      bankCode: account ? 'VBA' : null,
      bankName: account ? 'Agribank' : '',
      napasBin: '',
      branch: '',
      accountNumber: account ? `1234${i}` : null,
      holderName: null,
      receiverName: null,
      attention: '',
      order: i,
      ...(extra ? { note: 'Truy lĩnh 07/2026–09/2026' } : {}),
    } as FileLine;
  });
}

describe('monthly summary (bảng tổng hợp chi trả)', () => {
  it('heading and signers on one line each, the signature block with the last rows at every length around a page end', async () => {
    let boundaryHit = false;
    for (let arrears = 14; arrears <= 30; arrears += 2) {
      const lines = fileLines(447, arrears);
      const plan = planFiles(SCOPE, lines, { allProgrammes: true, listsBy: 'ward', splitByProgramme: false });
      const out = await renderSummaryPdf({
        office: OFFICE,
        month: '2026-12',
        date: '2026-12-05',
        scope: SCOPE,
        plan,
        anchor: { seq: 1234, hash: 'ab'.repeat(16) },
      });
      expect(out.totalVnd).toBe(lines.reduce((s, l) => s + l.amountVnd, 0));
      const path = save(`summary-${arrears}`, out.content);
      const pages = pdfPages(path);
      expectFit(pages, [
        'ỦY BAN NHÂN DÂN',
        'PHƯỜNG ĐỨC NGHĨA',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
      ]);
      const sigPage = expectSignatureWith(pages, 'TM. ỦY BAN NHÂN DÂN', [`Cộng: ${arrears} khoản`]);
      const page = pages[sigPage - 1]!;
      const titles = ['NGƯỜI LẬP BIỂU', 'KẾ TOÁN', 'TM. ỦY BAN NHÂN DÂN'].map((t) => phraseOnOneLine(page, t)!);
      for (const t of titles) expect(Math.abs(t[0]!.yMax - titles[0]![0]!.yMax)).toBeLessThan(1);
      const names = ['Trần Thị Hường', 'Nguyễn Văn Chủ'].map((n) => phraseOnOneLine(page, n)!);
      expect(Math.abs(names[0]![0]!.yMax - names[1]![0]!.yMax)).toBeLessThan(1);
      // At the boundary the signature's page starts with the repeated header and the last rows only.
      if (sigPage > 1 && pdfLines(page.words).filter((l) => l.text.includes('Truy lĩnh 07/2026')).length <= 3)
        boundaryHit = true;
      if (arrears === 14) expectRendersToPng(path, out.pages, false);
    }
    expect(boundaryHit).toBe(true);
  });
});

// ---- a report: form 10a -------------------------------------------------------------------------------------

function form10a(items: number): SummaryRow[] {
  const rows: SummaryRow[] = [
    {
      no: '',
      label: 'Tổng cộng',
      level: 'total',
      people: 410,
      peoplePeriod: 415,
      fundsPeriodVnd: 927_390_000,
      peopleYear: 430,
      fundsYearVnd: 1_854_780_000,
    },
  ];
  for (let i = 0; i < items; i++) {
    const section = i % 6 === 0;
    rows.push({
      no: section ? String(i / 6 + 1) : `${Math.floor(i / 6) + 1}.${i % 6}`,
      label: GROUPS[i % GROUPS.length]!.label,
      level: section ? 'section' : 'item',
      people: 10 + i,
      peoplePeriod: 11 + i,
      fundsPeriodVnd: 45_000_000 + i * 1_000,
      peopleYear: 12 + i,
      fundsYearVnd: 90_000_000 + i * 2_000,
    });
  }
  return rows;
}

describe('reports: form 10a', () => {
  it('heading whole, "Lưu: VT" once, recipients once, and the signature block never alone on its page, whatever the length', async () => {
    let boundaryHit = false;
    for (let items = 18; items <= 44; items += 2) {
      const doc = summaryDocument({
        form: 'form10a',
        from: '2026-07',
        to: '2026-12',
        yearFrom: '2026-01',
        rows: form10a(items),
        notes: ['Số liệu lấy từ sổ đối tượng ngày 05/12/2026.'],
      });
      const path = save(`form10a-${items}`, await reportPdf(doc, OFFICE, '2026-12-05'));
      const pages = pdfPages(path);
      expectFit(pages, [
        'ỦY BAN NHÂN DÂN',
        'PHƯỜNG ĐỨC NGHĨA',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
      ]);
      const lastLabel = GROUPS[(items - 1) % GROUPS.length]!.label.split(/\s+/).slice(0, 3).join(' ');
      const sigPage = expectSignatureWith(pages, 'TM. ỦY BAN NHÂN DÂN', ['Nơi nhận:', lastLabel]);
      const all = pages.flatMap((p) => pdfLines(p.words).map((l) => l.text));
      expect(all.filter((l) => l.includes('Lưu: VT'))).toEqual(['- Lưu: VT.']);
      expect(all.filter((l) => l.includes('Sở Y tế tỉnh Lâm Đồng'))).toHaveLength(1);
      for (const n of ['927.390.000', '1.854.780.000']) expect(pages[0]!.words.map((w) => w.text)).toContain(n);
      if (sigPage > 1 && !phraseOnOneLine(pages[sigPage - 1]!, 'Tổng cộng')) {
        // The signature's page opens with the repeated header, then the last rows: the rule moved them here.
        if (rowsOnPage(pages[sigPage - 1]!) <= 3) boundaryHit = true;
      }
      if (items === 18) expectRendersToPng(path, pages.length, true);
    }
    expect(boundaryHit).toBe(true);
  });
});

describe('reports: tăng/giảm list', () => {
  it('group names (never codes), amounts whole, within the margins, the signature with the last rows', async () => {
    const kinds = ['new', 'level', 'stopped_death', 'stopped_moved', 'suspended'] as const;
    const lines = Array.from({ length: 40 }, (_, i) => ({
      kind: kinds[i % kinds.length]!,
      programme: 'BTXH',
      personId: i + 1,
      fullName: `${FAMILY[i % FAMILY.length]} ${MIDDLE[i % MIDDLE.length]} ${GIVEN[i % GIVEN.length]}`,
      birthText: '05/03/1940',
      citizenId: `0601400${String(10_000 + i).padStart(5, '0')}`,
      neighbourhood: `Khu phố ${(i % 6) + 1}`,
      groupBefore: 'BTXH-5A1',
      groupAfter: i % 5 === 1 ? 'BTXH-5A2' : 'BTXH-5A1',
      amountBeforeVnd: 750_000,
      amountAfterVnd: 1_125_000,
      decisionNumber: i % 2 ? `${i}/QĐ-UBND` : '',
      decisionDate: '2026-11-20',
      reason: 'Theo quyết định của Chủ tịch UBND phường',
    }));
    const groupLabels = {
      'BTXH-5A1': 'Người cao tuổi hộ nghèo không có người phụng dưỡng, từ 60 đến dưới 80 tuổi',
      'BTXH-5A2': 'Người cao tuổi hộ nghèo không có người phụng dưỡng, từ đủ 80 tuổi',
    };
    const doc = changesDocument({ month: '2026-12', summary: [], lines, notes: [], groupLabels }, true);
    const path = save('changes', await reportPdf(doc, OFFICE, '2026-12-05'));
    const pages = pdfPages(path);
    expectFit(pages, ['ỦY BAN NHÂN DÂN', 'PHƯỜNG ĐỨC NGHĨA']);
    const words = pages.flatMap((p) => p.words.map((w) => w.text));
    // The group's name every time (32 unchanged + 8 "before" of a change, + 8 "after" 5A2), never its code.
    expect(words.filter((w) => w === 'phụng')).toHaveLength(48);
    expect(words.filter((w) => w === 'dưới')).toHaveLength(40);
    expect(words.filter((w) => w === 'đủ')).toHaveLength(8);
    expect(words.filter((w) => /BTXH-|5A\d/.test(w))).toEqual([]);
    expectSignatureWith(pages, 'TM. ỦY BAN NHÂN DÂN', ['Nơi nhận:']);
    expectRendersToPng(path, pages.length, true);
  });
});

/** Table rows (lines with a row number such as "3.2" or "4") on a report page. */
const rowsOnPage = (page: PdfPage) => pdfLines(page.words).filter((l) => /^\d+(\.\d+)?$/.test(l.words[0]!.text)).length;
