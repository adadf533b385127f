// Pure rules of the non-cash campaign (payments.md, reports.md): what counts as non-cash, how a
// percentage is rounded and written, how a target in % becomes a number of people, and which address
// identifies a household. Shared by main (the figures, the province report) and the renderer.

import { foldForSearch } from './text';

export const NON_CASH_METHODS = ['OWN_ACCOUNT', 'AUTHORIZED_ACCOUNT'] as const;
export const CASH_METHODS = ['CASH_WARD', 'POST_OFFICE'] as const;

export const isNonCash = (method: string): boolean => method === 'OWN_ACCOUNT' || method === 'AUTHORIZED_ACCOUNT';

/**
 * part/whole as a percentage in tenths (34,4% → 344), rounded half up, in integer arithmetic so that
 * 141/410 never meets a binary fraction. null when whole is 0 (no percentage of nobody).
 */
export function percentTenths(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  // round(part × 1000 / whole) half up = floor((2 × part × 1000 + whole) / (2 × whole)).
  return Math.floor((2000 * part + whole) / (2 * whole));
}

/**
 * "34,4%": one decimal with the Vietnamese comma; a whole number is written without ",0" ("100%",
 * "94%"), as the wards write them. null → "—".
 */
export function formatPercentVi(tenths: number | null): string {
  if (tenths === null) return '—';
  const whole = Math.floor(tenths / 10);
  const decimal = tenths - whole * 10;
  return `${whole.toLocaleString('vi-VN')}${decimal ? `,${decimal}` : ''}%`;
}

export type TargetKind = 'count' | 'percent';

/**
 * The number of people a target asks for. A count is itself; a percentage (in tenths: 40% → 400) of
 * `total` is rounded up to a whole person (40% of 410 = 164; 40% of 411 = 164,4 → 165), because
 * reaching 164 people would fall short of 40%.
 */
export function targetCount(kind: TargetKind, value: number, total: number): number {
  if (kind === 'count') return value;
  return Math.ceil((value * total) / 1000 - 1e-9);
}

/**
 * A household's address key: the folded address (no diacritics, đ→d, lower case, punctuation and spaces
 * collapsed) with its neighbourhood, or null when the address is too vague to tell households apart. An
 * address names a household only when it still has a house number (a digit) once the neighbourhood's own
 * name is taken out: "12 Trần Phú, Khu phố 1" does; "Khu phố 1, phường Đức Nghĩa" (the whole
 * neighbourhood) does not.
 */
export function householdKey(address: string, neighbourhood: string): string | null {
  const fold = (s: string) => foldForSearch(s).replace(/[^a-z0-9]+/g, ' ').trim();
  const a = fold(address);
  if (!a) return null;
  const n = fold(neighbourhood);
  const rest = n ? a.split(n).join(' ') : a;
  if (!/\d/.test(rest)) return null;
  return `${n}|${a}`;
}
