import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import allowanceGroups from '@shared/reference/allowance-groups.csv';
import { parseCsv, parseCsvRecords } from '@shared/domain/csv';

/** Tiny writer for the round trip: quotes a field when it must (or when `quoteAll`). */
function writeCsv(rows: string[][], eol: string, quoteAll: boolean): string {
  const field = (f: string, onlyField: boolean): string =>
    quoteAll || /[",\r\n]/.test(f) || (onlyField && f === '') ? `"${f.replace(/"/g, '""')}"` : f;
  return rows.map((r) => r.map((f) => field(f, r.length === 1)).join(',')).join(eol);
}

describe('parseCsv', () => {
  it('reads quoted fields with commas, quotes and line breaks', () => {
    expect(parseCsv('a,"b, c","say ""hi"""\r\n"multi\nline",,x\n')).toEqual([
      ['a', 'b, c', 'say "hi"'],
      ['multi\nline', '', 'x'],
    ]);
  });

  it('handles line endings, a missing final newline, blank lines and empty trailing fields', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('a')).toEqual([['a']]);
    expect(parseCsv('a\n')).toEqual([['a']]);
    expect(parseCsv('a\r\nb\rc\n')).toEqual([['a'], ['b'], ['c']]);
    expect(parseCsv('a\n\nb')).toEqual([['a'], [''], ['b']]);
    expect(parseCsv('a,')).toEqual([['a', '']]);
    expect(parseCsv('a,\n')).toEqual([['a', '']]);
    expect(parseCsv('""')).toEqual([['']]);
    expect(parseCsv('\n')).toEqual([['']]);
    expect(parseCsv('\ufeffcode,name\n1,x')).toEqual([
      ['code', 'name'],
      ['1', 'x'],
    ]);
  });

  it('throws on malformed quoting', () => {
    expect(() => parseCsv('"abc')).toThrow();
    expect(() => parseCsv('"a"b,c')).toThrow();
    expect(() => parseCsv('a"b,c')).toThrow();
  });

  it('round trips any table through a quoting writer', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'Ư', ',', '"', '\n', '\r', ' ', '\r\n', 'x'), maxLength: 6 });
    const row = fc.array(cell, { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 6 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.boolean(),
        (rows, eol, quoteAll, finalEol) => {
          const text = writeCsv(rows, eol, quoteAll) + (finalEol && rows.length > 0 ? eol : '');
          expect(parseCsv(text)).toEqual(rows);
        },
      ),
    );
  });
});

describe('parseCsvRecords', () => {
  it('keys rows by the header and skips blank lines', () => {
    expect(parseCsvRecords('code,label\n1,"a, b"\n\n2,c\n')).toEqual([
      { code: '1', label: 'a, b' },
      { code: '2', label: 'c' },
    ]);
    expect(parseCsvRecords('')).toEqual([]);
    expect(parseCsvRecords('code,label\n')).toEqual([]);
  });

  it('throws on a row of the wrong width', () => {
    expect(() => parseCsvRecords('a,b\n1,2,3\n')).toThrow(/dòng 2/);
  });

  it('reads the bundled allowance groups (quoted fields with commas)', () => {
    const groups = parseCsvRecords(allowanceGroups);
    expect(groups.length).toBeGreaterThan(5);
    const g1a = groups.find((g) => g.code === 'BTXH-1A');
    expect(g1a).toMatchObject({
      programme: 'BTXH',
      label_vi: 'Trẻ em dưới 16 tuổi không có nguồn nuôi dưỡng, dưới 4 tuổi',
      coefficient: '2.5',
      note: 'age_max exclusive',
    });
    for (const g of groups)
      expect(Object.keys(g)).toEqual([
        'code',
        'programme',
        'clause',
        'label_vi',
        'age_min',
        'age_max',
        'coefficient',
        'note',
      ]);
  });
});
