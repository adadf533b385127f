import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWorkingDay, workingDayOnOrAfter, workingDayPeriod } from '@shared/domain/working-days';

// The posting period (niêm yết, Decree 20/2021 Art. 8(2)): N working days, Saturdays and Sundays skipped.

const day = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** Working days from a to b inclusive, counted one day at a time (the slow, obvious way). */
function countWorking(a: string, b: string): number {
  let n = 0;
  for (const t = new Date(`${a}T00:00:00Z`); t.toISOString().slice(0, 10) <= b; t.setUTCDate(t.getUTCDate() + 1)) {
    if (t.getUTCDay() !== 0 && t.getUTCDay() !== 6) n++;
  }
  return n;
}

describe('working-day periods', () => {
  it('examples: Friday → Friday and Monday; Saturday → Monday and Tuesday; over a year end', () => {
    expect(workingDayPeriod('2026-11-13', 2)).toEqual({ from: '2026-11-13', to: '2026-11-16' });
    expect(workingDayPeriod('2026-11-14', 2)).toEqual({ from: '2026-11-16', to: '2026-11-17' });
    expect(workingDayPeriod('2026-12-31', 2)).toEqual({ from: '2026-12-31', to: '2027-01-01' });
    expect(workingDayPeriod('2026-11-16', 1)).toEqual({ from: '2026-11-16', to: '2026-11-16' });
    expect(() => workingDayPeriod('2026-11-16', 0)).toThrow();
  });

  it('starts and ends on working days and holds exactly N of them, starting on the first one on or after the date', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 30 }), (from, n) => {
        const p = workingDayPeriod(from, n);
        expect(isWorkingDay(p.from) && isWorkingDay(p.to)).toBe(true);
        expect(p.from >= from).toBe(true);
        expect(p.from).toBe(workingDayOnOrAfter(from));
        // No working day is skipped between the date asked and the start.
        expect(countWorking(from, p.from)).toBe(1);
        expect(countWorking(p.from, p.to)).toBe(n);
      }),
    );
  });
});
