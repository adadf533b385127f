import type { IsoDate } from './dates';

// Working days for periods the rules count in them (the public posting of Decree 20/2021 Art. 8(2)).
// Saturdays and Sundays are not working days; public holidays are not known to the app and are counted
// as working days (the officer moves the dates when a holiday falls in the period).

const toUtc = (d: IsoDate) => new Date(`${d}T00:00:00Z`);
const toIso = (t: Date): IsoDate => t.toISOString().slice(0, 10) as IsoDate;
const isWeekend = (t: Date) => t.getUTCDay() === 0 || t.getUTCDay() === 6;

export const isWorkingDay = (d: IsoDate): boolean => !isWeekend(toUtc(d));

/** The first working day on or after `d`. */
export function workingDayOnOrAfter(d: IsoDate): IsoDate {
  const t = toUtc(d);
  while (isWeekend(t)) t.setUTCDate(t.getUTCDate() + 1);
  return toIso(t);
}

/** A period of `days` working days starting on the first working day on or after `from` (both ends inclusive). */
export function workingDayPeriod(from: IsoDate, days: number): { from: IsoDate; to: IsoDate } {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`Số ngày làm việc không hợp lệ: ${days}`);
  const start = workingDayOnOrAfter(from);
  const t = toUtc(start);
  for (let left = days - 1; left > 0;) {
    t.setUTCDate(t.getUTCDate() + 1);
    if (!isWeekend(t)) left--;
  }
  return { from: start, to: toIso(t) };
}
