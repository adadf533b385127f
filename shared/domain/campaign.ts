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
 * Targets belong to a period (issue 14): a year (January to 31 December) or a campaign (from a month to
 * its deadline). The target in force for a month is one whose period contains it; when several do, the
 * one that started last (a campaign inside a year target wins over the year), then the nearer deadline.
 * None: the dashboard says so — a 2024 target is never applied in 2026.
 */
export function targetInForce<T extends { startMonth: string; deadline: string }>(
  targets: readonly T[],
  month: string,
): T | null {
  let best: T | null = null;
  for (const t of targets) {
    if (t.startMonth > month || t.deadline.slice(0, 7) < month) continue;
    if (!best || t.startMonth > best.startMonth || (t.startMonth === best.startMonth && t.deadline < best.deadline))
      best = t;
  }
  return best;
}

/** A target's period from what was set: a year, or a campaign from `startMonth` (default: January of the deadline's year). */
export function targetPeriod(input: {
  year?: number | undefined;
  startMonth?: string | undefined;
  deadline?: string | undefined;
}): { startMonth: string; deadline: string } | null {
  if (input.year !== undefined)
    return { startMonth: `${input.year}-01`, deadline: input.deadline ?? `${input.year}-12-31` };
  if (!input.deadline) return null;
  return { startMonth: input.startMonth ?? `${input.deadline.slice(0, 4)}-01`, deadline: input.deadline };
}

/**
 * A household's address key: the folded address (no diacritics, đ→d, lower case, punctuation and spaces
 * collapsed) with its neighbourhood, or null when the address is too vague to tell households apart. An
 * address names a household only when it still has a house number (a digit) once the neighbourhood's own
 * name is taken out: "12 Trần Phú, Khu phố 1" does; "Khu phố 1, phường Đức Nghĩa" (the whole
 * neighbourhood) does not.
 */
export function householdKey(address: string, neighbourhood: string): string | null {
  const fold = (s: string) =>
    foldForSearch(s)
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  const a = fold(address);
  if (!a) return null;
  const n = fold(neighbourhood);
  const rest = n ? a.split(n).join(' ') : a;
  if (!/\d/.test(rest)) return null;
  return `${n}|${a}`;
}
