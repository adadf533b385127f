// Sensitive identifiers are masked wherever people are listed (Personal Data Protection Law, 2026): the
// first 3 and last 4 characters stay, enough to tell people apart and to check against a paper; the
// full value is shown on request, and that request is logged.

const MASK = '•';

export function maskIdentifier(value: string | null | undefined): string {
  if (!value) return '';
  if (value.length <= 7) return MASK.repeat(value.length);
  return `${value.slice(0, 3)}${MASK.repeat(value.length - 7)}${value.slice(-4)}`;
}

export const isMasked = (value: string): boolean => value.includes(MASK);

/** Groups whose very name discloses health status (HIV): shown as protected in lists. */
export const PROTECTED_GROUPS: ReadonlySet<string> = new Set(['BTXH-3A', 'BTXH-3B', 'BTXH-8']);
export const PROTECTED_GROUP_LABEL = 'Nhóm được bảo mật';
