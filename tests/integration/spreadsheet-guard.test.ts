import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SPREADSHEET_LIMITS, SpreadsheetRefused, type SpreadsheetLimits } from '../../main/services/spreadsheet/limits';
import { newTotals, XmlGuard } from '../../main/services/spreadsheet/xml-guard';

// The byte-level guard that watches each xlsx part as it inflates: whatever the chunk boundaries (a
// zip stream cuts anywhere, even inside a tag name or a multi-byte letter), it counts the same rows,
// cells and merged ranges, and refuses a text run exactly when it passes the limit.

const TEXT = fc.string({ unit: fc.constantFrom('a', 'ă', 'Đ', 'ơ', ' ', '&amp;', '1', '>'), maxLength: 40 });
const CELL = fc.record({ text: TEXT, kind: fc.constantFrom('inline', 'value', 'formula', 'rich', 'cdata') });
const SHEET = fc.record({
  rows: fc.array(fc.array(CELL, { maxLength: 6 }), { maxLength: 25 }),
  merges: fc.array(fc.constantFrom('A1:B2', 'C3:C9', 'AA10:AB10'), { maxLength: 4 }),
  prefix: fc.constantFrom('', 'x:'),
});

function sheetXml(sheet: {
  rows: Array<Array<{ text: string; kind: string }>>;
  merges: string[];
  prefix: string;
}): string {
  const p = sheet.prefix;
  const cell = (c: { text: string; kind: string }, r: number, i: number) => {
    const ref = `${String.fromCharCode(65 + i)}${r}`;
    const t = c.text.replace(/>/g, '&gt;');
    switch (c.kind) {
      case 'inline':
        return `<${p}c r="${ref}" t="inlineStr"><${p}is><${p}t>${t}</${p}t></${p}is></${p}c>`;
      case 'formula':
        return `<${p}c r="${ref}" t="str"><${p}f>SUM(A1:A2)</${p}f><${p}v>${t}</${p}v></${p}c>`;
      case 'rich':
        return `<${p}c r="${ref}" t="inlineStr"><${p}is><${p}r><${p}rPr><${p}b/></${p}rPr><${p}t>${t}</${p}t></${p}r></${p}is></${p}c>`;
      case 'cdata':
        return `<${p}c r="${ref}" t="inlineStr"><${p}is><${p}t><![CDATA[${c.text}<x>]]></${p}t></${p}is></${p}c>`;
      default:
        return `<${p}c r="${ref}"><${p}v>1</${p}v></${p}c>`;
    }
  };
  return (
    `<?xml version="1.0"?>\n<!-- a comment with <c> and <row> inside --><${p}worksheet><${p}sheetData>` +
    sheet.rows
      .map((cells, r) => `<${p}row r="${r + 1}">${cells.map((c, i) => cell(c, r + 1, i)).join('')}</${p}row>`)
      .join('\n') +
    `</${p}sheetData><${p}mergeCells>${sheet.merges.map((m) => `<${p}mergeCell ref="${m}"/>`).join('')}</${p}mergeCells></${p}worksheet>`
  );
}

function scanInChunks(bytes: Buffer, cuts: number[], limits: SpreadsheetLimits = SPREADSHEET_LIMITS) {
  const totals = newTotals();
  const guard = new XmlGuard(limits, totals, 'sheet');
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  let at = 0;
  for (const p of [...points, bytes.length]) {
    guard.scan(bytes.subarray(at, p));
    at = p;
  }
  return { totals, merges: guard.mergeRefs };
}

describe('XmlGuard', () => {
  it('counts rows, cells and merged ranges the same whatever the chunk boundaries', () => {
    fc.assert(
      fc.property(SHEET, fc.array(fc.nat(), { maxLength: 30 }), (sheet, cuts) => {
        const bytes = Buffer.from(sheetXml(sheet));
        const { totals, merges } = scanInChunks(bytes, cuts);
        expect(totals.rows).toBe(sheet.rows.length);
        expect(totals.cells).toBe(sheet.rows.reduce((n, r) => n + r.length, 0));
        expect(merges).toEqual(sheet.merges);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a cell text exactly when it passes the limit, also split over rich-text runs and CDATA', () => {
    const limits = { ...SPREADSHEET_LIMITS, maxTextBytes: 100 };
    const cell = (body: string) =>
      Buffer.from(`<sheetData><row r="1"><c r="A1" t="inlineStr"><is>${body}</is></c></row></sheetData>`);
    expect(() => scanInChunks(cell(`<t>${'a'.repeat(100)}</t>`), [7, 50], limits)).not.toThrow();
    expect(() => scanInChunks(cell(`<t>${'a'.repeat(101)}</t>`), [7, 50], limits)).toThrow(SpreadsheetRefused);
    expect(() =>
      scanInChunks(cell(`<r><t>${'a'.repeat(60)}</t></r><r><t>${'a'.repeat(41)}</t></r>`), [3], limits),
    ).toThrow(/văn bản quá dài/);
    expect(() => scanInChunks(cell(`<t><![CDATA[${'a<'.repeat(60)}]]></t>`), [], limits)).toThrow(/văn bản quá dài/);
    // Many short cells are not one long text.
    const many = Buffer.from(
      `<sheetData>${`<row><c t="inlineStr"><is><t>${'a'.repeat(90)}</t></is></c></row>\n`.repeat(50)}</sheetData>`,
    );
    expect(() => scanInChunks(many, [1000, 2000], limits)).not.toThrow();
  });

  it('stops at the first row, cell or tag past the limit', () => {
    const rows = Buffer.from(`<sheetData>${'<row><c><v>1</v></c></row>'.repeat(11)}</sheetData>`);
    expect(() => scanInChunks(rows, [], { ...SPREADSHEET_LIMITS, maxRows: 11 })).not.toThrow();
    expect(() => scanInChunks(rows, [], { ...SPREADSHEET_LIMITS, maxRows: 10 })).toThrow(/hơn 10 dòng/);
    expect(() => scanInChunks(rows, [], { ...SPREADSHEET_LIMITS, maxCells: 10 })).toThrow(/hơn 10 ô/);
    const longTag = Buffer.from(`<sheetData><row r="1" x="${'y'.repeat(200)}"/></sheetData>`);
    expect(() => scanInChunks(longTag, [], { ...SPREADSHEET_LIMITS, maxTagBytes: 100 })).toThrow(/thẻ XML quá dài/);
  });
});
