import { ApiError } from '@shared/api/errors';
import { summaryRefreshing } from './summary';
import { ROLE_LABELS } from '@shared/api/auth';
import type { PersonDetail, SearchInput, SearchResult } from '@shared/api/register';
import {
  isProtectedGroup,
  maskIdentifier,
  PROTECTED_FILTER_ROLES,
  PROTECTED_GROUP_LABEL,
  PROTECTED_GROUPS,
} from '@shared/domain/masking';
import type { HandlerContext } from '../../api/context';
import { isIdShaped, parseSearchText, searchPeople } from './search';
import { identifiersOf } from './queries/people';

// What leaves main for the screen: identifiers masked and health-revealing groups hidden in lists and on
// the person page; the full identifiers on request only, and every such request is in the audit log.

export function maskSearchResult(result: SearchResult): SearchResult {
  return {
    ...result,
    rows: result.rows.map((row) => ({
      ...row,
      citizenId: row.citizenId ? maskIdentifier(row.citizenId) : row.citizenId,
      groupCodes: row.groupCodes.map((g) => (PROTECTED_GROUPS.has(g) ? PROTECTED_GROUP_LABEL : g)),
    })),
  };
}

export function maskPersonDetail(detail: PersonDetail): PersonDetail {
  return {
    ...detail,
    person: {
      ...detail.person,
      citizenId: maskIdentifier(detail.person.citizenId),
      legacyId: maskIdentifier(detail.person.legacyId),
    },
  };
}

export function revealIdentifiers(ctx: HandlerContext, personId: number): { citizenId: string; legacyId: string } {
  const row = identifiersOf(ctx.store, personId);
  if (!row) throw new ApiError('NOT_FOUND', 'Không tìm thấy hồ sơ này.');
  ctx.audit({
    action: 'sensitive.reveal',
    entity: 'person',
    entityId: personId,
    personId,
    detail: { fields: ['citizenId', 'legacyId'] },
  });
  return { citizenId: row.citizen_id ?? '', legacyId: row.legacy_id ?? '' };
}

/**
 * A filter on a protected group is for PROTECTED_FILTER_ROLES only; anyone else is refused, and both the
 * refusal and each use are in the audit log (issue 12). Returns whether the filter is on one.
 */
export function checkProtectedFilter(ctx: HandlerContext, groupCode: string | undefined, channel: string): boolean {
  if (!isProtectedGroup(groupCode)) return false;
  const role = ctx.user.role;
  if (!role || !PROTECTED_FILTER_ROLES.includes(role)) {
    ctx.auditRead?.({ action: 'access.denied', entity: 'api', detail: { channel, role, filter: 'protectedGroup' } });
    throw new ApiError(
      'FORBIDDEN',
      `Vai trò «${role ? ROLE_LABELS[role] : ''}» không được lọc theo nhóm đối tượng này.`,
    );
  }
  return true;
}

/**
 * The list's search as the screen gets it: masked, and on record when it reads something sensitive — a
 * search by a whole citizen ID (the only way digits match an ID, search.ts) or a protected-group filter.
 * The entry holds the ID masked, how many matched and who (person ids), never the rows.
 */
export function searchForScreen(ctx: HandlerContext, input: SearchInput): SearchResult {
  const filtered = checkProtectedFilter(ctx, input.groupCode, 'people.search');
  const result = searchPeople(ctx.store, input);
  const ids = parseSearchText(input.text ?? '').digits.filter(isIdShaped);
  if (ids.length) {
    const byId = result.rows.filter((r) => r.citizenId !== null && ids.includes(r.citizenId)).map((r) => r.id);
    ctx.auditRead?.({
      action: 'sensitive.searchId',
      entity: 'person',
      entityId: byId.length === 1 ? byId[0]! : null,
      personId: byId.length === 1 ? byId[0]! : null,
      detail: { ids: ids.map(maskIdentifier), matched: result.total, personIds: byId.slice(0, 20) },
    });
  }
  if (filtered) {
    ctx.auditRead?.({
      action: 'sensitive.groupFilter',
      entity: 'person',
      detail: { groupCode: input.groupCode, matched: result.total, totalCapped: result.totalCapped },
    });
  }
  const masked = maskSearchResult(result);
  return summaryRefreshing(ctx.store) ? { ...masked, summaryRefreshing: true } : masked;
}

/** Search text as the audit log keeps it: any run of 9+ digits (an ID) masked. */
export const maskIdsInText = (text: string | undefined): string | undefined =>
  text?.replace(/\d{9,}/g, (d) => maskIdentifier(d));
