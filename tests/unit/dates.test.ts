import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addMonths,
  ageInYearsAtMonthEnd,
  birthYear,
  compareMonth,
  daysInMonth,
  formatBirthDate,
  formatDateVi,
  formatMonthVi,
  formatPlaceDateVi,
  isIsoDate,
  isMonth,
  monthDiff,
  monthOfDate,
  monthRange,
  nextMonth,
  parseBirthDate,
  parseDateVi,
  parseMonth,
  parseMonthVi,
} from '@shared/domain/dates';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const month = fc
  .record({ y: fc.integer({ min: 1900, max: 2200 }), m: fc.integer({ min: 1, max: 12 }) })
  .map(({ y, m }) => `${y}-${pad(m)}`);
/** Valid dates, built independently of dates.ts through Date.UTC. */
const validDate = fc
  .integer({ min: Date.UTC(1880, 0, 1) / 864e5, max: Date.UTC(2100, 11, 31) / 864e5 })
  .map((day) => new Date(day * 864e5).toISOString().slice(0, 10));

describe('months', () => {
  it('validates and parses YYYY-MM', () => {
    expect(isMonth('2026-01')).toBe(true);
    for (const bad of ['2026-1', '2026-13', '2026-00', '26-01', '2026/01', '2026-01-05', ' 2026-01']) {
      expect(isMonth(bad), bad).toBe(false);
    }
    expect(parseMonth('2026-03')).toEqual({ year: 2026, month: 3 });
    expect(() => parseMonth('2026-13')).toThrow(RangeError);
  });

  it('parses Vietnamese month input', () => {
    expect(parseMonthVi('01/2026')).toBe('2026-01');
    expect(parseMonthVi('1/2026')).toBe('2026-01');
    expect(parseMonthVi(' 12/2025 ')).toBe('2025-12');
    expect(parseMonthVi('2026-01')).toBe('2026-01');
    expect(parseMonthVi('13/2026')).toBeNull();
    expect(parseMonthVi('0/2026')).toBeNull();
    expect(parseMonthVi('1/26')).toBeNull();
  });

  it('adds, subtracts, compares and formats', () => {
    expect(addMonths('2026-01', 1)).toBe('2026-02');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-11', 14)).toBe('2027-01');
    expect(nextMonth('2025-12')).toBe('2026-01');
    expect(monthDiff('2026-01', '2026-03')).toBe(2);
    expect(monthDiff('2026-03', '2025-03')).toBe(-12);
    expect(compareMonth('2026-01', '2025-12')).toBe(1);
    expect(compareMonth('2025-12', '2026-01')).toBe(-1);
    expect(compareMonth('2026-01', '2026-01')).toBe(0);
    expect(monthRange('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthRange('2026-02', '2026-01')).toEqual([]);
    expect(monthOfDate('2026-01-31')).toBe('2026-01');
    expect(() => monthOfDate('2026-02-30')).toThrow(RangeError);
    expect(formatMonthVi('2026-01')).toBe('01/2026');
    expect(formatMonthVi('2026-11')).toBe('11/2026');
    expect(() => addMonths('2026-01', 0.5)).toThrow(RangeError);
  });

  it('addMonths is undone by the opposite shift and measured by monthDiff', () => {
    fc.assert(
      fc.property(month, fc.integer({ min: -1200, max: 1200 }), (m, k) => {
        const shifted = addMonths(m, k);
        expect(isMonth(shifted)).toBe(true);
        expect(addMonths(shifted, -k)).toBe(m);
        expect(monthDiff(m, shifted)).toBe(k);
        expect(compareMonth(shifted, m)).toBe(Math.sign(k));
      }),
    );
  });

  it('monthRange has monthDiff + 1 consecutive months', () => {
    fc.assert(
      fc.property(month, fc.integer({ min: -5, max: 240 }), (from, k) => {
        const to = addMonths(from, k);
        const range = monthRange(from, to);
        expect(range).toHaveLength(Math.max(0, k + 1));
        range.forEach((m, i) => expect(m).toBe(addMonths(from, i)));
        expect([...range].sort()).toEqual(range);
      }),
    );
  });

  it('formatMonthVi and parseMonthVi round trip', () => {
    fc.assert(
      fc.property(month, (m) => {
        expect(parseMonthVi(formatMonthVi(m))).toBe(m);
      }),
    );
  });
});

describe('dates', () => {
  it('validates ISO dates, leap years included', () => {
    expect(isIsoDate('2026-01-05')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2000-02-29')).toBe(true);
    for (const bad of [
      '2026-02-29',
      '1900-02-29',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-1-5',
      '05/01/2026',
    ]) {
      expect(isIsoDate(bad), bad).toBe(false);
    }
  });

  it('formats and parses dd/mm/yyyy', () => {
    expect(formatDateVi('2026-01-05')).toBe('05/01/2026');
    expect(parseDateVi('5/1/2026')).toBe('2026-01-05');
    expect(parseDateVi('05/01/2026')).toBe('2026-01-05');
    expect(parseDateVi('05-01-2026')).toBe('2026-01-05');
    expect(parseDateVi(' 05.01.2026 ')).toBe('2026-01-05');
    expect(parseDateVi('29/02/2024')).toBe('2024-02-29');
    for (const bad of [
      '31/02/2026',
      '29/02/2025',
      '31/04/2026',
      '0/1/2026',
      '1/13/2026',
      '05/01-2026',
      '05/01/26',
      '2026-01-05',
      '',
      'hôm nay',
    ]) {
      expect(parseDateVi(bad), bad).toBeNull();
    }
  });

  it('round trips formatDateVi / parseDateVi on every valid date', () => {
    fc.assert(
      fc.property(validDate, (d) => {
        expect(isIsoDate(d)).toBe(true);
        expect(formatDateVi(d)).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
        expect(parseDateVi(formatDateVi(d))).toBe(d);
        // Without leading zeros too.
        const [y, m, day] = d.split('-').map(Number) as [number, number, number];
        expect(parseDateVi(`${day}/${m}/${y}`)).toBe(d);
      }),
    );
  });

  it('rejects day numbers beyond the end of the month', () => {
    const overflow = fc
      .record({
        y: fc.integer({ min: 1880, max: 2100 }),
        m: fc.integer({ min: 1, max: 12 }),
        extra: fc.integer({ min: 1, max: 5 }),
      })
      .filter(({ y, m, extra }) => new Date(Date.UTC(y, m - 1, 28 + extra)).getUTCMonth() !== m - 1);
    fc.assert(
      fc.property(overflow, ({ y, m, extra }) => {
        const d = 28 + extra;
        expect(parseDateVi(`${d}/${m}/${y}`)).toBeNull();
        expect(isIsoDate(`${y}-${pad(m)}-${pad(d)}`)).toBe(false);
      }),
    );
  });

  it('daysInMonth agrees with the calendar', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        const d = new Date(0);
        d.setUTCFullYear(y, m, 0); // day 0 of the next month = last day of m
        expect(daysInMonth(y, m)).toBe(d.getUTCDate());
      }),
    );
  });

  it('formats place and date for documents', () => {
    expect(formatPlaceDateVi('Phan Thiết', '2026-01-05')).toBe('Phan Thiết, ngày 05 tháng 01 năm 2026');
    expect(formatPlaceDateVi('Phan Thiết', '2026-03-15')).toBe('Phan Thiết, ngày 15 tháng 3 năm 2026');
    expect(formatPlaceDateVi('Hà Nội', '2026-02-09')).toBe('Hà Nội, ngày 09 tháng 02 năm 2026');
    expect(formatPlaceDateVi('Hà Nội', '2025-12-31')).toBe('Hà Nội, ngày 31 tháng 12 năm 2025');
    expect(formatPlaceDateVi('', '2025-10-10')).toBe('ngày 10 tháng 10 năm 2025');
    expect(() => formatPlaceDateVi('Hà Nội', '2025-02-30')).toThrow(RangeError);
  });
});

describe('birth dates', () => {
  it('parses full dates and bare years', () => {
    expect(parseBirthDate('05/01/1938')).toEqual({ precision: 'day', value: '1938-01-05' });
    expect(parseBirthDate('5/1/1938')).toEqual({ precision: 'day', value: '1938-01-05' });
    expect(parseBirthDate('1938-01-05')).toEqual({ precision: 'day', value: '1938-01-05' });
    expect(parseBirthDate(' 1938 ')).toEqual({ precision: 'year', value: '1938' });
    for (const bad of ['1879', '2101', '31/02/1950', '01/01/1870', '38', '1938-02-30', '']) {
      expect(parseBirthDate(bad), bad).toBeNull();
    }
  });

  it('formats and gives the year', () => {
    expect(formatBirthDate({ precision: 'day', value: '1938-01-05' })).toBe('05/01/1938');
    expect(formatBirthDate({ precision: 'year', value: '1938' })).toBe('1938');
    expect(birthYear({ precision: 'day', value: '1938-01-05' })).toBe(1938);
    expect(birthYear({ precision: 'year', value: '1938' })).toBe(1938);
  });

  it('round trips parseBirthDate / formatBirthDate', () => {
    const birth = fc.oneof(validDate, fc.integer({ min: 1880, max: 2100 }).map(String));
    fc.assert(
      fc.property(birth, (text) => {
        const b = parseBirthDate(text);
        expect(b).not.toBeNull();
        expect(parseBirthDate(formatBirthDate(b!))).toEqual(b);
        expect(birthYear(b!)).toBe(Number(text.slice(0, 4)));
      }),
    );
  });

  it('computes completed years at the end of a month', () => {
    const child = { precision: 'day', value: '2022-03-20' } as const;
    expect(ageInYearsAtMonthEnd(child, '2026-02')).toBe(3);
    expect(ageInYearsAtMonthEnd(child, '2026-03')).toBe(4); // turns 4 in March: counts from March
    expect(ageInYearsAtMonthEnd(child, '2026-12')).toBe(4);
    expect(ageInYearsAtMonthEnd({ precision: 'day', value: '1946-12-31' }, '2026-12')).toBe(80);
    expect(ageInYearsAtMonthEnd({ precision: 'day', value: '1946-12-31' }, '2026-11')).toBe(79);
    expect(ageInYearsAtMonthEnd({ precision: 'day', value: '2024-02-29' }, '2025-02')).toBe(1);
    // Year-only: the whole year counts as reached.
    expect(ageInYearsAtMonthEnd({ precision: 'year', value: '1946' }, '2026-01')).toBe(80);
    expect(ageInYearsAtMonthEnd({ precision: 'year', value: '1946' }, '2025-12')).toBe(79);
  });

  it('ages like counting anniversaries up to the last day of the month', () => {
    fc.assert(
      fc.property(validDate, month, (birth, m) => {
        const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
        const { year, month: mo } = parseMonth(m);
        const lastDay = daysInMonth(year, mo);
        // Anniversary of the birth in `year` (29 Feb → 28 Feb in common years), compared as a date.
        const anniversaryDay = Math.min(bd, daysInMonth(year, bm));
        const reached = bm < mo || (bm === mo && anniversaryDay <= lastDay);
        expect(ageInYearsAtMonthEnd({ precision: 'day', value: birth }, m)).toBe(year - by - (reached ? 0 : 1));
        // A year-only record is never younger than the same person with a full date.
        expect(ageInYearsAtMonthEnd({ precision: 'year', value: String(by) }, m)).toBeGreaterThanOrEqual(
          ageInYearsAtMonthEnd({ precision: 'day', value: birth }, m),
        );
      }),
    );
  });
});
