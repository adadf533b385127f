import { formatMonthVi, monthDiff, type Month } from './dates';

// How a payment names the service months it pays (a line paying months other than its payroll month:
// arrears, carry-over, corrections), the same on every document: the cash list people sign, the bank
// transfer description (ASCII) and the monthly summary.

export interface ServicePeriod {
  from: Month;
  to: Month;
  /** Number of service months paid; the span's length when not told (a gap makes it smaller). */
  months?: number;
}

export const periodMonths = (p: ServicePeriod): number => p.months ?? monthDiff(p.from, p.to) + 1;

/** "từ tháng 01/2026 đến tháng 03/2026 (3 tháng)"; one month: "tháng 01/2026 (1 tháng)". */
export function periodTextVi(p: ServicePeriod): string {
  const n = periodMonths(p);
  return p.from === p.to
    ? `tháng ${formatMonthVi(p.from)} (${n} tháng)`
    : `từ tháng ${formatMonthVi(p.from)} đến tháng ${formatMonthVi(p.to)} (${n} tháng)`;
}

/** "Truy lĩnh từ tháng 01/2026 đến tháng 03/2026 (3 tháng)". */
export const arrearsTextVi = (p: ServicePeriod): string => `Truy lĩnh ${periodTextVi(p)}`;

/** For bank descriptions (folded to ASCII later): "TU T01/2026 DEN T03/2026 (3 THANG)"; one month: "T01/2026". */
export function periodAscii(p: ServicePeriod): string {
  const t = (m: Month) => `T${formatMonthVi(m)}`;
  return p.from === p.to ? t(p.from) : `TU ${t(p.from)} DEN ${t(p.to)} (${periodMonths(p)} THANG)`;
}
