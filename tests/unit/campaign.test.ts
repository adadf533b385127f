import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  formatPercentVi,
  householdKey,
  isNonCash,
  percentTenths,
  targetCount,
  targetInForce,
  targetPeriod,
} from '@shared/domain/campaign';

describe('percentTenths and formatPercentVi', () => {
  it('writes the reference ward figures', () => {
    expect(formatPercentVi(percentTenths(141, 410))).toBe('34,4%');
    expect(formatPercentVi(percentTenths(37, 37))).toBe('100%');
    expect(formatPercentVi(percentTenths(141, 150))).toBe('94%');
    expect(formatPercentVi(percentTenths(164, 410))).toBe('40%');
    expect(formatPercentVi(percentTenths(0, 410))).toBe('0%');
    expect(percentTenths(1, 0)).toBeNull();
    expect(formatPercentVi(null)).toBe('—');
  });

  it('rounds half up: 1/8 = 12,5% exactly; 1/16 = 6,25% → 6,3%; 1/3 → 33,3%; 2/3 → 66,7%', () => {
    expect(formatPercentVi(percentTenths(1, 8))).toBe('12,5%');
    expect(formatPercentVi(percentTenths(1, 16))).toBe('6,3%');
    expect(formatPercentVi(percentTenths(1, 3))).toBe('33,3%');
    expect(formatPercentVi(percentTenths(2, 3))).toBe('66,7%');
    expect(formatPercentVi(percentTenths(1999, 1000))).toBe('199,9%');
  });

  it('is the nearest tenth, ties up, for any counts (exact rational check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 1, max: 200_000 }), (part, whole) => {
        const t = percentTenths(part, whole)!;
        // t = floor(1000·part/whole + 1/2), i.e. 2·(1000·part − t·whole) ∈ [−whole, whole): ties go up.
        const twice = 2 * (1000 * part - t * whole);
        expect(twice).toBeGreaterThanOrEqual(-whole);
        expect(twice).toBeLessThan(whole);
        expect(formatPercentVi(t)).toMatch(/^\d{1,3}(\.\d{3})*(,\d)?%$/);
      }),
    );
  });
});

describe('targetCount', () => {
  it('is the count, or the % of the total rounded up to a whole person', () => {
    expect(targetCount('count', 150, 410)).toBe(150);
    expect(targetCount('percent', 400, 410)).toBe(164);
    expect(targetCount('percent', 400, 411)).toBe(165);
    expect(targetCount('percent', 1000, 37)).toBe(37);
    expect(targetCount('percent', 345, 200)).toBe(69);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 200_000 }), (tenths, total) => {
        const n = targetCount('percent', tenths, total);
        expect(n * 1000).toBeGreaterThanOrEqual(tenths * total);
        expect((n - 1) * 1000).toBeLessThan(tenths * total);
      }),
    );
  });
});

describe('householdKey', () => {
  it('folds an address with a house number; a bare neighbourhood is no household', () => {
    expect(householdKey('30 Hai Bà Trưng, Khu phố 1', 'Khu phố 1')).toBe(
      householdKey('30 hai ba trung - khu pho 1', 'Khu phố 1'),
    );
    expect(householdKey('30 Hai Bà Trưng, Khu phố 1', 'Khu phố 1')).not.toBe(
      householdKey('30 Hai Bà Trưng, Khu phố 2', 'Khu phố 2'),
    );
    expect(householdKey('Khu phố 1, phường Đức Nghĩa', 'Khu phố 1')).toBeNull();
    expect(householdKey('Thôn 3', 'Thôn 3')).toBeNull();
    expect(householdKey('', 'Khu phố 1')).toBeNull();
    expect(householdKey('Số 5 hẻm 12 Trần Phú', '')).toBe('|so 5 hem 12 tran phu');
  });

  it('non-cash is own or authorized account', () => {
    expect(['CASH_WARD', 'POST_OFFICE', 'OWN_ACCOUNT', 'AUTHORIZED_ACCOUNT'].map(isNonCash)).toEqual([
      false,
      false,
      true,
      true,
    ]);
  });
});

describe('targetInForce (issue 14: targets per period)', () => {
  const month = fc
    .integer({ min: 0, max: 5 * 12 - 1 })
    .map((n) => `${2023 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`);
  const target = fc.tuple(month, month, fc.integer({ min: 1, max: 28 })).map(([a, b, d]) => {
    const [start, end] = a <= b ? [a, b] : [b, a];
    return { startMonth: start, deadline: `${end}-${String(d).padStart(2, '0')}` };
  });
  it('is one whose period contains the month, the latest started (then the nearest deadline), or none', () => {
    fc.assert(
      fc.property(fc.array(target, { maxLength: 6 }), month, (targets, m) => {
        const t = targetInForce(targets, m);
        const containing = targets.filter((x) => x.startMonth <= m && m <= x.deadline.slice(0, 7));
        if (!containing.length) {
          expect(t).toBeNull();
        } else {
          expect(containing).toContain(t);
          for (const x of containing) {
            expect(x.startMonth <= t!.startMonth).toBe(true);
            if (x.startMonth === t!.startMonth) expect(x.deadline >= t!.deadline).toBe(true);
          }
        }
      }),
    );
  });
  it('never applies a 2024 year target in 2026', () => {
    const year2024 = targetPeriod({ year: 2024 })!;
    expect(year2024).toEqual({ startMonth: '2024-01', deadline: '2024-12-31' });
    expect(targetInForce([year2024], '2024-12')).toBe(year2024);
    expect(targetInForce([year2024], '2026-01')).toBeNull();
    expect(targetPeriod({ deadline: '2026-06-30' })).toEqual({ startMonth: '2026-01', deadline: '2026-06-30' });
  });
});
