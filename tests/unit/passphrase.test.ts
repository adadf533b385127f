import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { passphraseMessage, passphraseProblem } from '@shared/domain/passphrase';

describe('backup passphrase rule', () => {
  it('accepts ordinary Vietnamese sentences with a number, and the passphrases the tests and manual use', () => {
    for (const p of [
      'Ong Ba Mươi 2026',
      'mật khẩu dài 2026',
      'mat-khau-gui-tinh',
      'Mưa Thu Hà Nội 1975',
      '190875342611',
    ]) {
      expect(passphraseProblem(p), p).toBeNull();
    }
  });

  it('refuses what an offline search tries first, each with its Vietnamese reason', () => {
    expect(passphraseProblem('Ong Ba 2026')).toBe('TOO_SHORT');
    expect(passphraseProblem('aaaaaaaaaaaaaaa')).toBe('TOO_FEW_DISTINCT');
    expect(passphraseProblem('aAaA bBbB cCcC')).toBe('TOO_FEW_DISTINCT');
    expect(passphraseProblem('matkhaumatkhau')).toBe('REPEATED');
    expect(passphraseProblem('abc123abc123abc123')).toBe('REPEATED');
    expect(passphraseProblem('123456789012')).toBe('SEQUENCE');
    expect(passphraseProblem('9876543210987')).toBe('SEQUENCE');
    expect(passphraseProblem('abcdefghijklm')).toBe('SEQUENCE');
    expect(passphraseProblem('QWERTYUIOPqwe')).toBe('SEQUENCE');
    expect(passphraseProblem('Mật khẩu 2026!!')).toBe('COMMON_WORD');
    expect(passphraseProblem('password123456')).toBe('COMMON_WORD');
    expect(passphraseMessage('ngắn')).toBe('Cụm mật khẩu cần ít nhất 12 ký tự.');
  });

  it('counts characters, not UTF-16 units or decomposed marks: 11 Vietnamese letters are too short in any normal form', () => {
    const eleven = 'ưởngđầyệtốô';
    expect(Array.from(eleven)).toHaveLength(11);
    expect(passphraseProblem(eleven)).toBe('TOO_SHORT');
    expect(passphraseProblem(eleven.normalize('NFD'))).toBe('TOO_SHORT');
  });

  it('property: anything shorter than 12 characters is refused; any accepted one has ≥ 12 characters and ≥ 6 different ones', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const problem = passphraseProblem(s);
        const n = Array.from(s.normalize('NFC')).length;
        if (n < 12) expect(problem).toBe('TOO_SHORT');
        if (problem === null) {
          expect(n).toBeGreaterThanOrEqual(12);
          expect(
            new Set(Array.from(s.toLowerCase().normalize('NFC')).filter((c) => !/\s/u.test(c))).size,
          ).toBeGreaterThanOrEqual(6);
        }
      }),
    );
  });

  it('property: a piece repeated is refused however long', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 6 }), fc.integer({ min: 2, max: 20 }), (unit, times) => {
        expect(passphraseProblem(unit.repeat(times))).not.toBeNull();
      }),
    );
  });
});
