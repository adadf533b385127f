import type { z } from 'zod';
import type { HandlerContext } from '../../api/context';
import { ApiError } from '@shared/api/errors';
import type { AuthorizationView, certifyManySchema, certifySchema, revokeSchema } from '@shared/api/payout';
import { formatDateVi } from '@shared/domain/dates';
import { currentMonth, today } from '../clock';
import { refreshSummary } from '../register/summary';
import { authorizationById } from './view';
import * as q from './queries/authorizations';

// Certification of an authorization's signatures (the ward's leadership: role approver) and its end.

function load(ctx: HandlerContext, id: number): q.AuthorizationRow {
  const row = q.authorizationRow(ctx.store, id);
  if (!row) throw new ApiError('NOT_FOUND', 'Không tìm thấy giấy ủy quyền này.');
  return row;
}

const invalid = (path: string, message: string): never => {
  throw new ApiError('INVALID_INPUT', message, [{ path, message }]);
};

export function certifyAuthorization(ctx: HandlerContext, input: z.output<typeof certifySchema>): AuthorizationView {
  certify(ctx, load(ctx, input.id), input.certifiedDate, input.certifiedBy);
  return authorizationById(ctx.store, input.id, today(ctx.now));
}

/**
 * The papers the approver lists as certified on one day by one person, in one transaction: any that cannot
 * be certified (revoked, already certified, a date before its term) refuses them all, naming the giver.
 */
export function certifyAuthorizations(
  ctx: HandlerContext,
  input: z.output<typeof certifyManySchema>,
): { certified: number } {
  const ids = [...new Set(input.ids)];
  for (const id of ids) {
    try {
      certify(ctx, load(ctx, id), input.certifiedDate, input.certifiedBy);
    } catch (error) {
      if (!(error instanceof ApiError) || error.code === 'NOT_FOUND') throw error;
      const giver = authorizationById(ctx.store, id, today(ctx.now)).giverName;
      throw new ApiError(error.code, `${giver}: ${error.message} Không giấy nào được ghi chứng thực.`, error.issues);
    }
  }
  return { certified: ids.length };
}

function certify(ctx: HandlerContext, a: q.AuthorizationRow, certifiedDate: string, certifiedBy: string): void {
  const input = { certifiedDate, certifiedBy };
  if (a.revoked_date)
    throw new ApiError('CONFLICT', `Giấy ủy quyền đã chấm dứt ngày ${formatDateVi(a.revoked_date)}: không chứng thực.`);
  if (a.certified_date)
    throw new ApiError(
      'CONFLICT',
      `Giấy ủy quyền đã được chứng thực ngày ${formatDateVi(a.certified_date)} (${a.certified_by}).`,
    );
  if (input.certifiedDate > today(ctx.now)) invalid('certifiedDate', 'Ngày chứng thực không được sau hôm nay.');
  if (input.certifiedDate < a.created_at.slice(0, 10) && input.certifiedDate < a.valid_from) {
    // Papers signed and certified before they were entered are fine; a date before the term and the entry is a typo.
    invalid(
      'certifiedDate',
      `Ngày chứng thực trước ngày bắt đầu ủy quyền (${formatDateVi(a.valid_from)}): kiểm tra lại.`,
    );
  }
  q.certifyAuthorization(ctx.store, a.id, input.certifiedDate, input.certifiedBy);
  ctx.audit({
    action: 'authorization.certify',
    entity: 'authorization',
    entityId: a.id,
    personId: a.giver_person_id,
    before: { certifiedDate: null },
    after: { certifiedDate: input.certifiedDate, certifiedBy: input.certifiedBy },
  });
}

export function revokeAuthorization(ctx: HandlerContext, input: z.output<typeof revokeSchema>): AuthorizationView {
  const a = load(ctx, input.id);
  if (a.revoked_date) throw new ApiError('CONFLICT', `Giấy ủy quyền đã chấm dứt ngày ${formatDateVi(a.revoked_date)}.`);
  if (input.revokedDate < a.valid_from)
    invalid('revokedDate', `Ngày chấm dứt phải từ ngày bắt đầu ủy quyền (${formatDateVi(a.valid_from)}).`);
  q.revokeAuthorization(ctx.store, a.id, input.revokedDate);
  ctx.audit({
    action: 'authorization.revoke',
    entity: 'authorization',
    entityId: a.id,
    personId: a.giver_person_id,
    before: { revokedDate: null },
    after: { revokedDate: input.revokedDate, reason: input.reason },
  });
  refreshSummary(ctx.store, currentMonth(ctx.now), [a.giver_person_id]);
  return authorizationById(ctx.store, a.id, today(ctx.now));
}
