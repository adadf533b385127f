import { ApiError } from '../../../shared/api/errors';
import type { PersonDetail, SearchResult } from '../../../shared/api/register';
import { maskIdentifier, PROTECTED_GROUP_LABEL, PROTECTED_GROUPS } from '../../../shared/domain/masking';
import type { HandlerContext } from '../../api/context';

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
    person: { ...detail.person, citizenId: maskIdentifier(detail.person.citizenId), legacyId: maskIdentifier(detail.person.legacyId) },
  };
}

export function revealIdentifiers(ctx: HandlerContext, personId: number): { citizenId: string; legacyId: string } {
  const row = ctx.store.prepare('SELECT citizen_id, legacy_id FROM people WHERE id = ?').get(personId) as
    | { citizen_id: string | null; legacy_id: string | null }
    | undefined;
  if (!row) throw new ApiError('NOT_FOUND', 'Không tìm thấy hồ sơ này.');
  ctx.audit({ action: 'sensitive.reveal', entity: 'person', entityId: personId, personId, detail: { fields: ['citizenId', 'legacyId'] } });
  return { citizenId: row.citizen_id ?? '', legacyId: row.legacy_id ?? '' };
}
