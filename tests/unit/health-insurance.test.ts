import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCardNumber } from '@shared/domain/health-insurance';

// BHYT card numbers: the 15-character code and the 10-digit social-insurance number; the 10 digits are
// always the number that identifies the person.

const letter = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
const digit = fc.constantFrom(...'0123456789');
const digits = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((d) => d.join(''));
const province = fc.integer({ min: 1, max: 99 }).map((n) => String(n).padStart(2, '0'));
const fullCode = fc
  .tuple(letter, letter, fc.integer({ min: 1, max: 5 }), province, digits(10))
  .map(([a, b, level, p, n]) => `${a}${b}${level}${p}${n}`);

describe('checkCardNumber', () => {
  it('accepts every well-formed 15-character code, as typed with spaces or lower case, and derives its last 10 digits', () => {
    fc.assert(
      fc.property(fullCode, fc.boolean(), (code, messy) => {
        const typed = messy ? ` ${code.slice(0, 2).toLowerCase()} ${code.slice(2, 5)}-${code.slice(5)} ` : code;
        const r = checkCardNumber(typed);
        expect(r).toMatchObject({ ok: true, normalized: code, bhxhNumber: code.slice(5) });
        expect(r.decoded).toEqual({
          groupCode: code.slice(0, 2),
          benefitLevel: Number(code[2]),
          provinceCode: code.slice(3, 5),
        });
      }),
    );
  });

  it('accepts a 10-digit social-insurance number as it is', () => {
    fc.assert(
      fc.property(digits(10), (n) => {
        expect(checkCardNumber(n)).toMatchObject({ ok: true, normalized: n, bhxhNumber: n });
      }),
    );
  });

  it('refuses, with a Vietnamese message, any code with one character replaced by one of the wrong kind', () => {
    fc.assert(
      fc.property(
        fullCode,
        fc.integer({ min: 0, max: 14 }),
        fc.constantFrom('0', '6', '9', 'X', '#'),
        (code, at, ch) => {
          const wrong = at < 2 ? /\d|#/.test(ch) : at === 2 ? !/[1-5]/.test(ch) : !/\d/.test(ch);
          fc.pre(wrong);
          const r = checkCardNumber(code.slice(0, at) + ch + code.slice(at + 1));
          expect(r.ok).toBe(false);
          expect(r.error).toMatch(/^Số thẻ BHYT: /);
        },
      ),
    );
  });

  it('refuses wrong lengths and the province 00', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }).filter((n) => n !== 10),
        (n) => {
          expect(checkCardNumber('7'.repeat(n)).ok).toBe(false);
        },
      ),
    );
    fc.assert(
      fc.property(fullCode, fc.integer({ min: 1, max: 14 }), (code, cut) => {
        expect(checkCardNumber(code.slice(0, 15 - cut)).ok).toBe(false);
      }),
    );
    expect(checkCardNumber('BT2007920001234')).toMatchObject({
      ok: false,
      error: 'Số thẻ BHYT: mã tỉnh (ký tự thứ 4–5) không thể là 00.',
    });
    expect(checkCardNumber('')).toMatchObject({ ok: false, error: 'Số thẻ BHYT: không được để trống.' });
    expect(checkCardNumber('BT279792000123')).toMatchObject({ ok: false });
  });
});
