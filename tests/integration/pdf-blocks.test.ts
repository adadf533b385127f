import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  A4_LANDSCAPE,
  A4_PORTRAIT,
  amountInWordsLine,
  chairmanSignature,
  closing,
  dataTable,
  documentDefinition,
  findFontsDir,
  heading,
  MOTTO,
  numberLine,
  officeNames,
  paragraph,
  renderPdf,
  signatureRow,
  textWidth,
  title,
} from '../../main/documents';
import { FONT_FILES } from '../../main/documents/pdf/fonts';
import { EMPTY_OFFICE_SETTINGS, type OfficeSettings } from '@shared/api/settings';
import { pdfFonts, pdfInfo, pdfText, pdfWords, savePdf } from '../support/pdf';
import { tempDir } from '../support/temp';

const { dir, cleanup } = tempDir('so-an-sinh-pdf-');
afterAll(cleanup);

const settings: OfficeSettings = {
  ...EMPTY_OFFICE_SETTINGS,
  unitName: 'UBND phường Đức Nghĩa',
  parentBody: 'UBND tỉnh Lâm Đồng',
  placeName: 'Phan Thiết',
  province: 'Lâm Đồng',
  chairmanName: 'Trương Văn Ánh',
  officerName: 'Trần Thị Hường',
};
const office = officeNames(settings);
const DIACRITICS = 'Nguyễn Thị Hường, Đặng Văn Ơn, ỷ ỹ ự ữ';
// Every precomposed Vietnamese letter, lower and upper case.
const ALPHABET = 'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ';

describe('office names for documents', () => {
  it('splits "UBND phường …" into the two capital lines of the heading', () => {
    expect(office.issuing).toEqual(['ỦY BAN NHÂN DÂN', 'PHƯỜNG ĐỨC NGHĨA']);
    // A People's Committee prints no parent body (Decree 30): a ward's documents carry only its own name,
    // and its date line the ward's name; another unit keeps its parent body and the place from the settings.
    expect(office.parent).toBe('');
    expect(office.place).toBe('Đức Nghĩa');
    expect(officeNames({ ...settings, unitName: 'UBND Phường 5' }).place).toBe('Phường 5');
    expect(officeNames({ ...settings, unitName: 'UBND xã Hàm Kiệm' }).place).toBe('Hàm Kiệm');
    expect(officeNames({ ...settings, unitName: 'Trung tâm Bảo trợ xã hội' })).toMatchObject({
      parent: 'UBND TỈNH LÂM ĐỒNG',
      place: 'Phan Thiết',
    });
    expect(office.committee).toBe('Ủy ban nhân dân phường Đức Nghĩa');
    expect(office.committeeCaps).toBe('ỦY BAN NHÂN DÂN PHƯỜNG ĐỨC NGHĨA');
    expect(officeNames({ ...settings, unitName: 'Ủy ban nhân dân xã Hàm Kiệm' }).issuing).toEqual([
      'ỦY BAN NHÂN DÂN',
      'XÃ HÀM KIỆM',
    ]);
    expect(officeNames({ ...settings, unitName: 'Trung tâm Bảo trợ xã hội' }).issuing).toEqual([
      'TRUNG TÂM BẢO TRỢ XÃ HỘI',
    ]);
  });

  it('writes numbers under 10 with a leading zero, or leaves the number blank', () => {
    expect(numberLine(5, 'UBND-VX')).toBe('Số: 05/UBND-VX');
    expect(numberLine('12', 'UBND-VX')).toBe('Số: 12/UBND-VX');
    expect(numberLine(null, 'UBND-VX')).toMatch(/^Số: +\/UBND-VX$/);
  });

  it('measures text in Tinos (Times New Roman metrics)', () => {
    // "Độc lập - Tự do - Hạnh phúc" in Times New Roman Bold 13 pt is about 160 pt wide.
    const w = textWidth(MOTTO, 13, { bold: true });
    expect(w).toBeGreaterThan(150);
    expect(w).toBeLessThan(175);
    expect(textWidth(MOTTO, 13)).toBeLessThan(w);
  });
});

describe('PDF building blocks, read back by poppler', () => {
  it('a portrait document: A4, embedded Tinos, every diacritic intact, page numbers from page 2', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => ({
      name: i % 2 ? DIACRITICS.split(',')[0]! : 'Đặng Văn Ơn',
      amount: 1_250_000 + i,
    }));
    const content = [
      heading({ page: A4_PORTRAIT, office, number: numberLine(5, 'UBND-VX'), date: '2026-01-05' }),
      title('Thông báo', 'Về việc chi trả trợ cấp tháng 01/2026'),
      paragraph(`Kiểm tra chữ: ${DIACRITICS}. ${ALPHABET} ${ALPHABET.toLocaleUpperCase('vi')}.`),
      // Decomposed input (NFD) must come out precomposed.
      paragraph(`Nhập dạng tách dấu: ${'Phạm Thị Tuyết Ngưỡng'.normalize('NFD')}.`),
      ...Array.from({ length: 6 }, () => paragraph('Đoạn văn bản dài để kéo tài liệu sang trang thứ hai. '.repeat(8))),
      dataTable({
        columns: [
          { header: 'STT', width: 30, align: 'center', value: (_r, i) => String(i + 1) },
          { header: 'Họ và tên', width: '*', value: (r) => r.name },
          { header: 'Số tiền', width: 80, align: 'right', value: (r) => r.amount.toLocaleString('vi-VN') },
        ],
        rows,
        numberRow: true,
        total: ['', 'Tổng cộng', '75.001.770'],
      }),
      amountInWordsLine(1_250_000),
      closing(['Như trên', 'Sở Y tế tỉnh Lâm Đồng'], chairmanSignature(office)),
    ];
    const { buffer, pages } = await renderPdf(documentDefinition({ title: 'Thông báo thử', content }));
    const path = savePdf(dir, 'portrait.pdf', buffer);
    const info = pdfInfo(path);
    expect(info.pages).toBe(pages);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(info.pageSizeText).toContain('(A4)');
    expect([Math.round(info.width), Math.round(info.height)]).toEqual([595, 842]);
    expect(info.title).toBe('Thông báo thử');

    const text = pdfText(path);
    for (const s of [
      DIACRITICS,
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'ỦY BAN NHÂN DÂN',
      'PHƯỜNG ĐỨC NGHĨA',
      'Số: 05/UBND-VX',
      'Đức Nghĩa, ngày 05 tháng 01 năm 2026',
      'THÔNG BÁO',
      'Phạm Thị Tuyết Ngưỡng',
      'Số tiền bằng chữ: Một triệu hai trăm năm mươi nghìn đồng.',
      'Nơi nhận:',
      '- Như trên;',
      '- Lưu: VT.',
      'TM. ỦY BAN NHÂN DÂN',
      'CHỦ TỊCH',
      'Trương Văn Ánh',
    ]) {
      expect(text, s).toContain(s);
    }
    // pdftotext may break a line inside the alphabet run; compare without whitespace.
    const squeezed = text.replace(/\s+/g, '');
    expect(squeezed).toContain(ALPHABET);
    expect(squeezed).toContain(ALPHABET.toLocaleUpperCase('vi'));
    expect(text.normalize('NFC')).toBe(text);

    // Page numbers: none on page 1, "2" alone at the top of page 2, the table header repeated there.
    const page1 = pdfText(path, { first: 1, last: 1 });
    const page2 = pdfText(path, { first: 2, last: 2 });
    const page3 = pdfText(path, { first: 3, last: 3 });
    expect(page1.trimStart().startsWith('ỦY BAN NHÂN DÂN')).toBe(true);
    expect(text).not.toContain('UBND TỈNH LÂM ĐỒNG');
    expect(page2.trimStart().split('\n')[0]!.trim()).toBe('2');
    expect(page3.trimStart().split('\n')[0]!.trim()).toBe('3');
    expect(page3).toContain('Họ và tên');

    // Decree 30 margins, as a reader sees them: nothing left of 30 mm, right of 15 mm, above 20 mm (the page
    // number sits in the top margin from page 2), below 20 mm; justified body lines reach the right margin.
    const mmToPt = (v: number) => (v * 72) / 25.4;
    for (const p of [1, 2]) {
      const words = pdfWords(path, p).filter((w) => !(p > 1 && w.text === String(p)));
      expect(Math.min(...words.map((w) => w.xMin))).toBeGreaterThanOrEqual(mmToPt(30) - 0.5);
      expect(Math.max(...words.map((w) => w.xMax))).toBeLessThanOrEqual(595.28 - mmToPt(15) + 0.5);
      expect(Math.min(...words.map((w) => w.yMin))).toBeGreaterThanOrEqual(mmToPt(20) - 0.5);
      expect(Math.max(...words.map((w) => w.yMax))).toBeLessThanOrEqual(841.89 - mmToPt(20) + 0.5);
      // Page 1 holds the justified paragraphs (page 2, the table, ends at the cell padding).
      if (p === 1) expect(Math.max(...words.map((w) => w.xMax))).toBeGreaterThan(595.28 - mmToPt(15) - 3);
    }
    const number2 = pdfWords(path, 2).find((w) => w.text === '2')!;
    expect(number2.yMin).toBeLessThan(mmToPt(20));
    expect((number2.xMin + number2.xMax) / 2).toBeCloseTo(mmToPt(30) + (595.28 - mmToPt(45)) / 2, 0);

    const fonts = pdfFonts(path);
    expect(fonts.length).toBeGreaterThanOrEqual(3);
    for (const f of fonts) {
      expect(f.name).toMatch(/Tinos/);
      expect(f.embedded).toBe(true);
    }
  });

  it('a landscape document: A4 842 x 595, the table header on every page', async () => {
    const rows = Array.from({ length: 80 }, (_, i) => ({ i, name: `Lê Thị Ưng ${i + 1}` }));
    const content = [
      heading({ page: A4_LANDSCAPE, office, number: numberLine(null, 'DS-UBND'), date: null }),
      title('Danh sách chi trả trợ cấp xã hội hằng tháng', 'Tháng 01/2026'),
      dataTable({
        columns: [
          { header: 'STT', width: 30, align: 'center', value: (r) => String(r.i + 1) },
          { header: 'Họ và tên', width: '*', value: (r) => r.name },
          { header: 'Ký nhận', width: 120, value: () => '' },
        ],
        rows,
      }),
      signatureRow([
        { titles: ['Người lập biểu'], hint: '(Ký, ghi rõ họ tên)', name: office.officer },
        null,
        chairmanSignature(office),
      ]),
    ];
    const { buffer, pages } = await renderPdf(documentDefinition({ page: A4_LANDSCAPE, title: 'Danh sách', content }));
    const path = savePdf(dir, 'landscape.pdf', buffer);
    const info = pdfInfo(path);
    expect([Math.round(info.width), Math.round(info.height)]).toEqual([842, 595]);
    expect(info.pages).toBe(pages);
    expect(pages).toBeGreaterThanOrEqual(3);
    const text = pdfText(path);
    expect(text).toContain('Lê Thị Ưng 80');
    expect(text).toContain('Đức Nghĩa, ngày …… tháng …… năm ……');
    for (let p = 2; p <= pages; p++) expect(pdfText(path, { first: p, last: p })).toContain('Họ và tên');
  });

  it('a batch of one-page forms: one page each, no page numbers', async () => {
    const forms = Array.from({ length: 5 }, (_, i) => ({
      stack: [heading({ page: A4_PORTRAIT, office, nationalOnly: true, date: null }), title('Giấy thử', `Số ${i + 1}`)],
      ...(i > 0 ? { pageBreak: 'before' as const } : {}),
    }));
    const { buffer, pages } = await renderPdf(documentDefinition({ title: 'Lô', pageNumbers: false, content: forms }));
    const path = savePdf(dir, 'batch.pdf', buffer);
    expect(pages).toBe(5);
    expect(pdfInfo(path).pages).toBe(5);
    expect(pdfText(path, { first: 2, last: 2 }).trimStart().startsWith('CỘNG HÒA')).toBe(true);
  });
});

/** A TrueType font's name record (Windows platform), e.g. 13 = licence description. */
function fontName(file: Buffer, nameId: number): string {
  const tables = file.readUInt16BE(4);
  for (let i = 0; i < tables; i++) {
    const at = 12 + 16 * i;
    if (file.toString('latin1', at, at + 4) !== 'name') continue;
    const offset = file.readUInt32BE(at + 8);
    const count = file.readUInt16BE(offset + 2);
    const strings = offset + file.readUInt16BE(offset + 4);
    for (let j = 0; j < count; j++) {
      const r = offset + 6 + 12 * j;
      if (file.readUInt16BE(r) !== 3 || file.readUInt16BE(r + 6) !== nameId) continue;
      const bytes = file.subarray(
        strings + file.readUInt16BE(r + 10),
        strings + file.readUInt16BE(r + 10) + file.readUInt16BE(r + 8),
      );
      return Buffer.from(bytes).swap16().toString('utf16le');
    }
  }
  return '';
}

describe('the printer reads nothing but its fonts', () => {
  it('refuses a file on disk or a URL named in a document', async () => {
    // A real PNG written into the test folder: readable, valid, and still refused.
    const png = join(dir, 'logo.png');
    writeFileSync(
      png,
      Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
        'base64',
      ),
    );
    await expect(renderPdf({ content: [{ image: png }] })).rejects.toThrow(/access|denied|policy/i);
    // The same image inline (a data URL) is fine: the policy is about reaching outside, not about images.
    const inline = await renderPdf({
      content: [{ image: `data:image/png;base64,${readFileSync(png).toString('base64')}` }],
    });
    expect(inline.pages).toBe(1);
    await expect(renderPdf({ content: [{ image: 'http://127.0.0.1:9/x.png' }] })).rejects.toThrow(
      /denied|not available|Invalid image/i,
    );
  });
});

describe('finding the fonts', () => {
  it('ships the four Tinos styles under the SIL OFL 1.1, with the licence text next to them', () => {
    const fonts = join(__dirname, '../../resources/fonts');
    expect(existsSync(join(fonts, 'LICENSE-OFL-1.1.txt'))).toBe(true);
    expect(readFileSync(join(fonts, 'LICENSE-OFL-1.1.txt'), 'utf8')).toMatch(
      /Tinos[\s\S]*SIL OPEN FONT LICENSE\s+Version 1.1/,
    );
    for (const file of Object.values(FONT_FILES)) {
      const bytes = readFileSync(join(fonts, file));
      expect(fontName(bytes, 13), file).toContain('SIL Open Font License, Version 1.1');
      expect(fontName(bytes, 1), file).toBe('Tinos');
    }
  });

  it('in the packaged app (<resources>/fonts next to app.asar), in development (walking up to resources/fonts), or from the override', () => {
    const packaged = join(dir, 'packaged/resources');
    mkdirSync(join(packaged, 'fonts'), { recursive: true });
    writeFileSync(join(packaged, 'fonts', FONT_FILES.normal), '');
    const fromAsar = join(packaged, 'app.asar/dist/main');
    expect(findFontsDir({ resourcesPath: packaged, from: fromAsar })).toBe(join(packaged, 'fonts'));
    // Development: dist/main/ or main/documents/pdf/ up to the repository's resources/fonts.
    const repoFonts = join(__dirname, '../../resources/fonts');
    expect(findFontsDir({ from: join(__dirname, '../../dist/main') })).toBe(repoFonts);
    expect(
      findFontsDir({
        resourcesPath: '/nonexistent/electron/resources',
        from: join(__dirname, '../../main/documents/pdf'),
      }),
    ).toBe(repoFonts);
    expect(findFontsDir({ env: join(packaged, 'fonts'), from: '/' })).toBe(join(packaged, 'fonts'));
    expect(() => findFontsDir({ from: '/' })).toThrow(/Không tìm thấy phông chữ/);
  });
});
