import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addMonths } from '@shared/domain/dates';
import { arrearsTextVi, periodAscii, periodMonths, periodTextVi } from '@shared/domain/service-period';

describe('service period text', () => {
  it('names the months an arrears line pays, in Vietnamese and for bank descriptions', () => {
    expect(arrearsTextVi({ from: '2026-01', to: '2026-03' })).toBe(
      'Truy lĩnh từ tháng 01/2026 đến tháng 03/2026 (3 tháng)',
    );
    expect(arrearsTextVi({ from: '2025-11', to: '2026-02' })).toBe(
      'Truy lĩnh từ tháng 11/2025 đến tháng 02/2026 (4 tháng)',
    );
    expect(periodTextVi({ from: '2026-05', to: '2026-05' })).toBe('tháng 05/2026 (1 tháng)');
    expect(periodTextVi({ from: '2026-01', to: '2026-06', months: 5 })).toBe(
      'từ tháng 01/2026 đến tháng 06/2026 (5 tháng)',
    );
    expect(periodAscii({ from: '2026-01', to: '2026-03' })).toBe('TU T01/2026 DEN T03/2026 (3 THANG)');
    expect(periodAscii({ from: '2026-01', to: '2026-01' })).toBe('T01/2026');
  });

  it('counts the span of months across years', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2090 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 59 }),
        (y, m, k) => {
          const from = `${y}-${String(m).padStart(2, '0')}`;
          const p = { from, to: addMonths(from, k) };
          expect(periodMonths(p)).toBe(k + 1);
          expect(periodTextVi(p)).toContain(`(${k + 1} tháng)`);
        },
      ),
    );
  });
});
