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

/**
 * Groups whose very name discloses health status (HIV), and any other group the office must keep
 * confidential: no label in lists says which group (PROTECTED_GROUP_LABEL), exports leave them blank
 * unless an audited choice includes them, and only PROTECTED_FILTER_ROLES may filter by them (audited).
 */
export const PROTECTED_GROUPS: ReadonlySet<string> = new Set(['BTXH-3A', 'BTXH-3B', 'BTXH-8']);

export const isProtectedGroup = (code: string | null | undefined): boolean =>
  code != null && PROTECTED_GROUPS.has(code.trim());

/**
 * What lists show instead of a protected group. Neutral on purpose (issue 12): it names neither a health
 * condition nor secrecy ("bảo mật" itself pointed at HIV), only that the group is not shown here.
 */
export const PROTECTED_GROUP_LABEL = 'Nhóm không hiển thị';

/** Who may filter the register by a protected group (the officer who keeps those records); audited. */
export const PROTECTED_FILTER_ROLES: readonly string[] = ['officer'];
