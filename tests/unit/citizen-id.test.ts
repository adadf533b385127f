import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import provinceCsv from '@shared/reference/province-codes.csv';
import { isLegacyId, parseChipQr, provinceName, validateCitizenId } from '@shared/domain/citizen-id';

// Read the reference file independently of csv.ts (it has no quoted fields).
const PROVINCE_CODES = provinceCsv
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((line) => line.split(',')[0] as string);
const UNKNOWN_CODES = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0')).filter(
  (c) => !PROVINCE_CODES.includes(c),
);

const digits = (n: number): fc.Arbitrary<string> =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((ds) => ds.join(''));

/** A structurally valid ID plus what it encodes. */
const validId = fc
  .record({
    province: fc.constantFrom(...PROVINCE_CODES),
    century: fc.integer({ min: 0, max: 3 }),
    yy: digits(2),
    serial: digits(6),
  })
  .map(({ province, century, yy, serial }) => ({
    id: `${province}${century}${yy}${serial}`,
    province,
    gender: century % 2 === 0 ? ('male' as const) : ('female' as const),
    birthYear: (century < 2 ? 1900 : 2000) + Number(yy),
  }));

/** Inserts spaces, dots or dashes between digits, as typed or pasted. */
const withSeparators = (id: string): fc.Arbitrary<string> =>
  fc
    .array(fc.constantFrom('', '', '', ' ', '.', '-', '  '), { minLength: id.length, maxLength: id.length })
    .map((seps) => [...id].map((d, i) => (i === 0 ? d : seps[i]! + d)).join(''));

describe('province codes', () => {
  it('knows the 63 pre-2025 provinces', () => {
    expect(PROVINCE_CODES).toHaveLength(63);
    expect(provinceName('001')).toBe('Hà Nội');
    expect(provinceName('079')).toBe('TP Hồ Chí Minh');
    expect(provinceName('060')).toBe('Bình Thuận');
    expect(provinceName('077')).toBe('Bà Rịa - Vũng Tàu');
    expect(provinceName('003')).toBeUndefined();
    expect(provinceName('1')).toBeUndefined();
  });
});

describe('validateCitizenId', () => {
  it('accepts and decodes a valid ID', () => {
    const r = validateCitizenId('060 148 012 345');
    expect(r).toEqual({
      ok: true,
      normalized: '060148012345',
      errors: [],
      warnings: [],
      decoded: { provinceCode: '060', provinceName: 'Bình Thuận', gender: 'female', birthYear: 1948 },
    });
    expect(validateCitizenId('079203000001').decoded).toMatchObject({ gender: 'male', birthYear: 2003 });
  });

  it('explains a 9-digit old CMND and an 11-digit ID', () => {
    const legacy = validateCitizenId('261 234 567');
    expect(legacy.ok).toBe(false);
    expect(legacy.errors).toEqual([
      {
        code: 'legacy-cmnd',
        message:
          'Đây là số CMND cũ (9 số), đã hết giá trị từ 01/01/2025; ghi vào ô CMND cũ và bổ sung số định danh 12 số.',
      },
    ]);
    const short = validateCitizenId('60148012345');
    expect(short.errors[0]?.code).toBe('missing-leading-zero');
    expect(short.errors[0]?.message).toMatch(/11 chữ số.*số 0/);
    expect(validateCitizenId('').errors[0]?.code).toBe('empty');
    expect(validateCitizenId('06014801234X').errors[0]?.code).toBe('not-digits');
    expect(validateCitizenId('0601480123456').errors[0]?.message).toContain('13');
  });

  it('names an unknown province code', () => {
    const r = validateCitizenId('003148012345');
    expect(r.ok).toBe(false);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.code).toBe('unknown-province');
    expect(r.errors[0]?.message).toContain('003');
  });

  it('accepts century digits 0–3 for the living and up to 5 for the deceased', () => {
    expect(validateCitizenId('060448012345').errors.map((e) => e.code)).toEqual(['century-digit']);
    expect(validateCitizenId('060448012345', { deceased: true }).ok).toBe(true);
    expect(validateCitizenId('060648012345', { deceased: true }).errors.map((e) => e.code)).toEqual(['century-digit']);
    // Both structural errors are reported together.
    expect(validateCitizenId('003748012345').errors.map((e) => e.code)).toEqual(['unknown-province', 'century-digit']);
  });

  it('warns, never fails, when the record disagrees', () => {
    const r = validateCitizenId('060048012345', { birthYear: 1938, gender: 'female' });
    expect(r.ok).toBe(true);
    expect(r.normalized).toBe('060048012345');
    expect(r.warnings).toEqual([
      { code: 'birth-year-mismatch', message: 'Số định danh cho năm sinh 1948 nhưng hồ sơ ghi 1938 — kiểm tra lại.' },
      { code: 'gender-mismatch', message: 'Số định danh cho giới tính nam nhưng hồ sơ ghi nữ — kiểm tra lại.' },
    ]);
    expect(validateCitizenId('060048012345', { birthYear: 1948, gender: 'male' }).warnings).toEqual([]);
  });

  it('accepts every structurally valid ID, with any separators, and decodes what was encoded', () => {
    fc.assert(
      fc.property(
        validId.chain((v) => withSeparators(v.id).map((typed) => ({ ...v, typed }))),
        (v) => {
          const r = validateCitizenId(v.typed);
          expect(r.ok).toBe(true);
          expect(r.errors).toEqual([]);
          expect(r.warnings).toEqual([]);
          expect(r.normalized).toBe(v.id);
          expect(r.decoded).toEqual({
            provinceCode: v.province,
            provinceName: provinceName(v.province),
            gender: v.gender,
            birthYear: v.birthYear,
          });
        },
      ),
    );
  });

  it('refuses any digit string that is not 12 digits long', () => {
    const notTwelve = fc
      .integer({ min: 0, max: 30 })
      .filter((n) => n !== 12)
      .chain(digits);
    fc.assert(
      fc.property(notTwelve, (s) => {
        const r = validateCitizenId(s);
        expect(r.ok).toBe(false);
        expect(r.errors.length).toBeGreaterThan(0);
        expect(r.decoded).toBeUndefined();
        expect(isLegacyId(s)).toBe(s.length === 9);
      }),
    );
  });

  it('refuses any text whose digit count is not 12, whatever else it holds', () => {
    const text = fc.string({ unit: fc.constantFrom(...'0123456789', ' ', '.', '-', 'a', 'O', '/'), maxLength: 20 });
    fc.assert(
      fc.property(text, (s) => {
        const digitCount = s.replace(/\D/g, '').length;
        fc.pre(digitCount !== 12);
        expect(validateCitizenId(s).ok).toBe(false);
      }),
    );
  });

  it('refuses unknown province codes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...UNKNOWN_CODES), fc.integer({ min: 0, max: 3 }), digits(8), (code, c, rest) => {
        const r = validateCitizenId(`${code}${c}${rest}`);
        expect(r.ok).toBe(false);
        expect(r.errors.map((e) => e.code)).toEqual(['unknown-province']);
        expect(r.errors[0]?.message).toContain(code);
      }),
    );
  });

  it('refuses century digits 4–9 for a living person', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 4, max: 9 }), (v, c) => {
        const id = `${v.id.slice(0, 3)}${c}${v.id.slice(4)}`;
        expect(validateCitizenId(id).errors.map((e) => e.code)).toEqual(['century-digit']);
      }),
    );
  });

  it('turns a wrong birth year or gender in the record into a warning only', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 1880, max: 2100 }), fc.boolean(), (v, year, flip) => {
        fc.pre(year !== v.birthYear || flip);
        const gender = flip ? (v.gender === 'male' ? 'female' : 'male') : v.gender;
        const r = validateCitizenId(v.id, { birthYear: year, gender });
        expect(r.ok).toBe(true);
        expect(r.errors).toEqual([]);
        const codes = r.warnings.map((w) => w.code);
        expect(codes.includes('birth-year-mismatch')).toBe(year !== v.birthYear);
        expect(codes.includes('gender-mismatch')).toBe(flip);
        if (year !== v.birthYear) {
          expect(r.warnings[0]?.message).toContain(String(year));
          expect(r.warnings[0]?.message).toContain(String(v.birthYear));
        }
      }),
    );
  });
});

describe('isLegacyId', () => {
  it('recognises 9-digit CMND numbers only', () => {
    expect(isLegacyId('261234567')).toBe(true);
    expect(isLegacyId(' 261 234 567 ')).toBe(true);
    expect(isLegacyId('060148012345')).toBe(false);
    expect(isLegacyId('26123456a')).toBe(false);
  });
});

describe('parseChipQr', () => {
  it('reads the chip card QR string', () => {
    const qr =
      '060148012345|261234567|Nguyễn Thị  Lan|05011948|Nữ|Khu phố 3, Phú Thủy, Phan Thiết, Bình Thuận|12072021';
    expect(parseChipQr(qr)).toEqual({
      citizenId: '060148012345',
      legacyId: '261234567',
      fullName: 'Nguyễn Thị Lan',
      birthDate: '1948-01-05',
      gender: 'female',
      address: 'Khu phố 3, Phú Thủy, Phan Thiết, Bình Thuận',
      issueDate: '2021-07-12',
    });
  });

  it('handles an empty old-ID field, a trailing Enter and extra fields', () => {
    const r = parseChipQr('079203000001||Trần Văn An|20032003|Nam|Quận 1, TP Hồ Chí Minh|01022022|extra\r\n');
    expect(r).toMatchObject({ citizenId: '079203000001', gender: 'male', birthDate: '2003-03-20' });
    expect(r).not.toHaveProperty('legacyId');
  });

  it('returns null for anything else', () => {
    for (const bad of [
      '060148012345',
      '060148012345|261234567|Nguyễn Thị Lan|05011948|Nữ|Phan Thiết', // 6 fields
      '60148012345|261234567|Nguyễn Thị Lan|05011948|Nữ|Phan Thiết|12072021', // 11 digits
      '060148012345|261234567|Nguyễn Thị Lan|31021948|Nữ|Phan Thiết|12072021', // 31/02
      '060148012345|261234567|Nguyễn Thị Lan|05011948|X|Phan Thiết|12072021',
      '',
    ]) {
      expect(parseChipQr(bad), bad).toBeNull();
    }
  });

  it('reads back generated QR strings', () => {
    const ddmmyyyy = fc
      .integer({ min: Date.UTC(1900, 0, 1) / 864e5, max: Date.UTC(2030, 11, 31) / 864e5 })
      .map((d) => new Date(d * 864e5).toISOString().slice(0, 10));
    const text = fc.string({ unit: fc.constantFrom(...'abcđĐ ăÂƯờ,.0123') }).map((s) => s.replace(/\|/g, ''));
    fc.assert(
      fc.property(validId, ddmmyyyy, ddmmyyyy, text, text, fc.boolean(), (v, dob, issued, name, address, male) => {
        const toQr = (iso: string): string => iso.slice(8, 10) + iso.slice(5, 7) + iso.slice(0, 4);
        const qr = [v.id, '', name, toQr(dob), male ? 'Nam' : 'Nữ', address, toQr(issued)].join('|');
        const r = parseChipQr(qr);
        expect(r).not.toBeNull();
        expect(r!.citizenId).toBe(v.id);
        expect(r!.birthDate).toBe(dob);
        expect(r!.issueDate).toBe(issued);
        expect(r!.gender).toBe(male ? 'male' : 'female');
        expect(r!.fullName).toBe(name.replace(/\s+/g, ' ').trim());
      }),
    );
  });
});
