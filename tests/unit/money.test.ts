import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { amountInWords, coefficientAmount, formatVnd, parseVnd } from '@shared/domain/money';

describe('formatVnd', () => {
  it('groups thousands with dots', () => {
    expect(formatVnd(1234567)).toBe('1.234.567');
    expect(formatVnd(-5000)).toBe('-5.000');
    expect(formatVnd(0)).toBe('0');
    expect(formatVnd(-0)).toBe('0');
    expect(formatVnd(999)).toBe('999');
    expect(formatVnd(1000)).toBe('1.000');
    expect(formatVnd(500000)).toBe('500.000');
    expect(formatVnd(Number.MAX_SAFE_INTEGER)).toBe('9.007.199.254.740.991');
  });

  it('refuses non-integers and unsafe integers', () => {
    for (const bad of [1.5, NaN, Infinity, -Infinity, 2 ** 53, -(2 ** 53)]) {
      expect(() => formatVnd(bad)).toThrow(RangeError);
    }
  });

  it('always matches the dot-thousands pattern', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => {
        expect(formatVnd(n)).toMatch(/^-?\d{1,3}(\.\d{3})*$/);
        expect(formatVnd(n).replace(/\./g, '')).toBe(String(n));
      }),
    );
  });
});

describe('parseVnd', () => {
  it('accepts the usual spellings', () => {
    expect(parseVnd('1.234.567')).toBe(1234567);
    expect(parseVnd('1,234,567')).toBe(1234567);
    expect(parseVnd('1234567')).toBe(1234567);
    expect(parseVnd(' 750.000 ')).toBe(750000);
    expect(parseVnd('750.000đ')).toBe(750000);
    expect(parseVnd('750.000 đồng')).toBe(750000);
    expect(parseVnd('750.000 VNĐ')).toBe(750000);
    expect(parseVnd('-5.000')).toBe(-5000);
    expect(parseVnd('0')).toBe(0);
  });

  it('rejects what is not a clean amount', () => {
    for (const bad of [
      '',
      ' ',
      'abc',
      '1,5',
      '1.5',
      '1.234,5',
      '1,234.567',
      '12.34',
      '1..234',
      '.234',
      '1.2345',
      '1 234',
      '7e5',
      '750.000đ đ',
      '0x10',
      '99999999999999999',
      '--5',
    ]) {
      expect(parseVnd(bad), bad).toBeNull();
    }
  });

  it('reads back formatVnd for every safe integer ≥ 0, also with comma grouping and a suffix', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (n) => {
        const text = formatVnd(n);
        expect(parseVnd(text)).toBe(n);
        expect(parseVnd(text.replace(/\./g, ','))).toBe(n);
        expect(parseVnd(`${text}đ`)).toBe(n);
        expect(parseVnd(String(n))).toBe(n);
      }),
    );
  });
});

// ---- a strict reader of Vietnamese amounts in words, independent of the implementation ----------
// It accepts only the conventions amountInWords promises (so a missing "không trăm", "mươi một"
// instead of "mươi mốt", "linh" in the wrong place… make it throw), and returns the number.

const DIGIT: Record<string, number> = {
  không: 0,
  một: 1,
  hai: 2,
  ba: 3,
  bốn: 4,
  năm: 5,
  sáu: 6,
  bảy: 7,
  tám: 8,
  chín: 9,
};

function digit(tok: string | undefined, min: number): number {
  const d = tok === undefined ? undefined : DIGIT[tok];
  if (d === undefined || d < min) throw new Error(`expected a digit ≥ ${min}, got ${tok}`);
  return d;
}

/** Units after "mười"/"X mươi": 5 must be "lăm"; after "mươi" 1 must be "mốt" and 4 "tư". */
function unitAfterTens(tok: string, tens: number): number {
  if (tok === 'lăm') return 5;
  if (tens >= 2 && tok === 'mốt') return 1;
  if (tens >= 2 && tok === 'tư') return 4;
  const d = digit(tok, 1);
  if (d === 5 || (tens >= 2 && (d === 1 || d === 4))) throw new Error(`"${tok}" after tens ${tens}`);
  return d;
}

/** A group (1..999); with `full`, hundreds must be spoken even if 0 ("không trăm"). */
function readGroup(toks: string[], full: boolean): number {
  let i = 0;
  let value = 0;
  let afterHundreds = false;
  if (toks[1] === 'trăm') {
    const h = digit(toks[0], full ? 0 : 1);
    value = h * 100;
    i = 2;
    afterHundreds = true;
  } else if (full) {
    throw new Error(`group without "trăm" after a higher group: ${toks.join(' ')}`);
  }
  const rest = toks.slice(i);
  if (rest.length === 0) {
    if (value === 0) throw new Error('empty group');
    return value;
  }
  if (rest[0] === 'linh' || rest[0] === 'lẻ') {
    if (!afterHundreds || rest.length !== 2) throw new Error(`misplaced linh: ${toks.join(' ')}`);
    return value + digit(rest[1], 1);
  }
  if (rest[0] === 'mười') {
    if (rest.length > 2) throw new Error(`too many words: ${toks.join(' ')}`);
    return value + 10 + (rest[1] === undefined ? 0 : unitAfterTens(rest[1], 1));
  }
  if (rest[1] === 'mươi') {
    if (rest.length > 3) throw new Error(`too many words: ${toks.join(' ')}`);
    const t = digit(rest[0], 2);
    return value + t * 10 + (rest[2] === undefined ? 0 : unitAfterTens(rest[2], t));
  }
  if (afterHundreds || rest.length !== 1) throw new Error(`bad group: ${toks.join(' ')}`);
  return value + digit(rest[0], 1);
}

/** Below a billion: groups followed by triệu / nghìn / nothing, in that order, zero groups absent. */
function readBelowBillion(toks: string[], full: boolean): number {
  let total = 0;
  let started = full;
  let rest = toks;
  for (const [unit, mult] of [
    ['triệu', 1_000_000],
    ['nghìn', 1000],
  ] as const) {
    const at = rest.indexOf(unit);
    if (at === 0) throw new Error(`"${unit}" without a number`);
    if (at > 0) {
      total += readGroup(rest.slice(0, at), started) * mult;
      started = true;
      rest = rest.slice(at + 1);
    }
  }
  if (rest.length > 0) total += readGroup(rest, started);
  if (total === 0) throw new Error('empty number');
  return total;
}

function readNumber(toks: string[]): number {
  const at = toks.lastIndexOf('tỷ');
  if (at < 0) return readBelowBillion(toks, false);
  const rest = toks.slice(at + 1);
  return readNumber(toks.slice(0, at)) * 1_000_000_000 + (rest.length > 0 ? readBelowBillion(rest, true) : 0);
}

function readAmount(text: string): number {
  const m = /^(\p{Lu})(.*) đồng$/u.exec(text);
  if (!m) throw new Error(`not "<Capital>… đồng": ${text}`);
  const body = (m[1] as string).toLowerCase() + m[2];
  if (body === 'không') return 0;
  return readNumber(body.split(' '));
}

describe('the test reader of amounts in words', () => {
  it('reads hand-written amounts, including the variants amountInWords does not produce', () => {
    expect(readAmount('Một trăm lẻ năm đồng')).toBe(105);
    expect(readAmount('Một nghìn không trăm linh một tỷ đồng')).toBe(1_001_000_000_000);
    expect(readAmount('Hai mươi tư nghìn không trăm mười lăm đồng')).toBe(24_015);
  });

  it('rejects broken conventions', () => {
    for (const bad of [
      'Một triệu linh năm nghìn đồng',
      'Hai mươi một đồng',
      'Hai mươi bốn đồng',
      'Mười năm đồng',
      'Một trăm linh lăm đồng',
      'một đồng',
      'Một đồng chẵn',
      'Không trăm năm đồng',
      'Một triệu năm nghìn đồng',
      'Mốt đồng',
    ]) {
      expect(() => readAmount(bad), bad).toThrow();
    }
  });
});

describe('amountInWords', () => {
  const examples: [number, string][] = [
    [0, 'Không đồng'],
    [1250000, 'Một triệu hai trăm năm mươi nghìn đồng'],
    [1005000, 'Một triệu không trăm linh năm nghìn đồng'],
    [105, 'Một trăm linh năm đồng'],
    [21, 'Hai mươi mốt đồng'],
    [11, 'Mười một đồng'],
    [15, 'Mười lăm đồng'],
    [25, 'Hai mươi lăm đồng'],
    [24, 'Hai mươi tư đồng'],
    [14, 'Mười bốn đồng'],
    [10, 'Mười đồng'],
    [20, 'Hai mươi đồng'],
    [10000000, 'Mười triệu đồng'],
    [274000000, 'Hai trăm bảy mươi tư triệu đồng'],
    [1000000000, 'Một tỷ đồng'],
    [500000, 'Năm trăm nghìn đồng'],
    [2000050, 'Hai triệu không trăm năm mươi đồng'],
    [1000005000, 'Một tỷ không trăm linh năm nghìn đồng'],
    [1050000000, 'Một tỷ không trăm năm mươi triệu đồng'],
    [1_000_000_000_000, 'Một nghìn tỷ đồng'],
    [1_000_000_000_000_000, 'Một triệu tỷ đồng'],
  ];
  it.each(examples)('%d → %s', (n, words) => {
    expect(amountInWords(n)).toBe(words);
  });

  it('refuses negative and non-integer amounts', () => {
    for (const bad of [-1, 1.5, NaN, Infinity, 2 ** 53]) expect(() => amountInWords(bad)).toThrow(RangeError);
  });

  const checkWords = (n: number): void => {
    const w = amountInWords(n);
    expect(readAmount(w), w).toBe(n);
    expect(w.charAt(0)).toBe(w.charAt(0).toUpperCase());
    expect(w.endsWith(' đồng')).toBe(true);
    expect(w).not.toMatch(/ {2}|^ | $/);
  };

  it('reads back to the same number for every amount up to 10^15', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e15 }), checkWords), { numRuns: 2000 });
  });

  it('reads back for every safe integer', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), checkWords));
  });

  it('reads back for small amounts exhaustively', () => {
    for (let n = 0; n <= 20_000; n++) checkWords(n);
  });

  it('reads back for "shaped" amounts full of 0, 1, 4 and 5 digits', () => {
    const shapedDigit = fc.constantFrom(0, 0, 0, 0, 1, 4, 5, 5, 9, 2);
    const shaped = fc.array(shapedDigit, { minLength: 1, maxLength: 15 }).map((ds) => Number(ds.join('')));
    fc.assert(fc.property(shaped, checkWords), { numRuns: 5000 });
    // Also round amounts: d × 10^k, and d × 10^k + e × 10^j.
    const round = fc
      .tuple(fc.integer({ min: 1, max: 9 }), fc.nat(14), fc.integer({ min: 0, max: 9 }), fc.nat(14))
      .map(([d, k, e, j]) => Math.min(1e15, d * 10 ** k + (j < k ? e * 10 ** j : 0)));
    fc.assert(fc.property(round, checkWords), { numRuns: 2000 });
  });
});

describe('coefficientAmount', () => {
  it('multiplies by thousandths and rounds half up', () => {
    expect(coefficientAmount(500000, 2500)).toBe(1250000);
    expect(coefficientAmount(500000, 1500)).toBe(750000);
    expect(coefficientAmount(360000, 1000)).toBe(360000);
    expect(coefficientAmount(500000, 1150)).toBe(575000); // 500000 * 1.15 is 574999.99… in floats
    expect(coefficientAmount(1, 500)).toBe(1); // 0.5 → 1
    expect(coefficientAmount(1, 499)).toBe(0);
    expect(coefficientAmount(3, 1500)).toBe(5); // 4.5 → 5
    expect(coefficientAmount(0, 2500)).toBe(0);
  });

  it('stays exact beyond 2^53 intermediate products', () => {
    expect(coefficientAmount(9_007_199_254_740_991, 1)).toBe(9_007_199_254_741);
    expect(coefficientAmount(9_007_199_254_740_991, 499)).toBe(4_494_592_428_115_755);
    // 4503599627370497 × 1001 / 1000 = 4508103226997867.497: the float product is already rounded
    // and Math.round(s * c / 1000) gives …868.
    expect(coefficientAmount(4_503_599_627_370_497, 1001)).toBe(4_508_103_226_997_867);
  });

  it('refuses negative, fractional or overflowing inputs', () => {
    expect(() => coefficientAmount(-1, 1000)).toThrow(RangeError);
    expect(() => coefficientAmount(1000, -1)).toThrow(RangeError);
    expect(() => coefficientAmount(1000, 2.5)).toThrow(RangeError);
    expect(() => coefficientAmount(Number.MAX_SAFE_INTEGER, 2000)).toThrow(RangeError);
  });

  const standard = fc.integer({ min: 0, max: 1e8 });
  const coefficient = fc.integer({ min: 0, max: 1e4 });

  it('equals Math.round(s·c/1000) on realistic ranges and is an integer', () => {
    fc.assert(
      fc.property(standard, coefficient, (s, c) => {
        const a = coefficientAmount(s, c);
        expect(Number.isSafeInteger(a)).toBe(true);
        expect(a).toBe(Math.round((s * c) / 1000));
      }),
    );
  });

  it('rounds exact halves up', () => {
    // s odd and c = 500 (×0.5) or 1500 (×1.5) always land on ….5 đồng.
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }).map((k) => 2 * k + 1),
        fc.constantFrom(500, 1500),
        (s, c) => {
          expect(coefficientAmount(s, c)).toBe((s * (c / 500) + 1) / 2);
        },
      ),
    );
  });

  it('is monotone in both arguments', () => {
    fc.assert(
      fc.property(standard, standard, coefficient, coefficient, (s1, s2, c1, c2) => {
        const [sLo, sHi] = s1 <= s2 ? [s1, s2] : [s2, s1];
        const [cLo, cHi] = c1 <= c2 ? [c1, c2] : [c2, c1];
        expect(coefficientAmount(sLo, c1)).toBeLessThanOrEqual(coefficientAmount(sHi, c1));
        expect(coefficientAmount(s1, cLo)).toBeLessThanOrEqual(coefficientAmount(s1, cHi));
      }),
    );
  });
});
