import type { z } from 'zod';
import type { HandlerContext } from '../../api/context';
import { ApiError, type FieldIssue } from '@shared/api/errors';
import type { bulkChangeSchema, PayoutWriteResult } from '@shared/api/payout';
import type { SearchInput } from '@shared/api/register';
import { formatMonthVi } from '@shared/domain/dates';
import { currentMonth, today } from '../clock';
import { createPerson } from '../register/people';
import { searchPeople } from '../register/search';
import { finishSummaryRefresh, refreshSummary } from '../register/summary';
import { insertAuthorization } from './queries/authorizations';
import { insertBankAccount, ownAccountId } from './queries/banks';
import { insertBulkMethods, insertPayoutMethod, latestMethod } from './queries/methods';
import { checkChange, monthIssues, personBasics, type ChangeInput, type PersonBasics } from './rules';

// Writes of payout methods: one person's change (with a new account, receiver and authorization when
// needed), and the bulk change to cash or post office. Each is one transaction (the command's), audited.

function refuse(errors: FieldIssue[], conflict: boolean): never {
  throw new ApiError(conflict ? 'CONFLICT' : 'INVALID_INPUT', errors.map((e) => e.message).join(' '), errors);
}

export function changeMethod(ctx: HandlerContext, input: ChangeInput): PayoutWriteResult {
  const { errors, warnings, conflict, plan } = checkChange(ctx.store, input, today(ctx.now));
  if (errors.length || !plan) refuse(errors, conflict);
  const db = ctx.store;
  const at = ctx.now.toISOString();
  const personId = plan.person.id;

  // The receiver (a person record of their own).
  let receiverId: number | null = null;
  let authorizationId: number | null = null;
  let bankAccountId: number | null = null;
  if (plan.authorization && 'new' in plan.authorization) {
    const r = plan.authorization.receiver;
    if ('existingId' in r) receiverId = r.existingId;
    else {
      const created = createPerson(
        ctx,
        {
          fullName: r.new.fullName,
          birthDate: r.new.birthDate,
          gender: r.new.gender,
          citizenId: r.new.citizenId,
          legacyId: '',
          idIssueDate: r.new.idIssueDate,
          idIssuePlace: r.new.idIssuePlace,
          address: r.new.address,
          neighbourhood: '',
          phone: r.new.phone,
          note: `Người được ủy quyền nhận trợ cấp thay ${plan.person.full_name}.`,
        },
        'authorization.new.receiver.new.',
      );
      receiverId = created.id;
      warnings.push(...created.warnings.filter((w) => !w.message.startsWith('Có thể trùng người')));
    }
  }

  // The account: an existing one, or the owner's account with that bank and number (created if new).
  if (plan.account) {
    if ('existingId' in plan.account) bankAccountId = plan.account.existingId;
    else {
      const a = plan.account.new;
      const owner = plan.account.owner === 'person' ? personId : receiverId!;
      const found = ownAccountId(db, owner, a.bankCode, a.accountNumber);
      if (found !== undefined) bankAccountId = found;
      else {
        const values = {
          owner_person_id: owner,
          bank_code: a.bankCode,
          branch: a.branch,
          account_number: a.accountNumber,
          holder_name: a.holderName,
          created_at: at,
        };
        bankAccountId = insertBankAccount(db, values);
        ctx.audit({
          action: 'bank_account.create',
          entity: 'bank_account',
          entityId: bankAccountId,
          personId: owner,
          after: values,
        });
      }
    }
  }

  if (plan.authorization) {
    if ('existingId' in plan.authorization) {
      authorizationId = plan.authorization.existingId;
      bankAccountId = plan.authorization.bankAccountId;
    } else {
      const a = plan.authorization.new;
      const values = {
        giver_person_id: personId,
        receiver_person_id: receiverId!,
        relationship: a.relationship,
        bank_account_id: bankAccountId,
        valid_from: a.validFrom,
        valid_to: a.validTo,
        scope_note: a.scopeNote,
        created_at: at,
      };
      authorizationId = insertAuthorization(db, values);
      ctx.audit({
        action: 'authorization.create',
        entity: 'authorization',
        entityId: authorizationId,
        personId,
        after: values,
      });
    }
  }

  const before = latestMethod(db, personId, input.effectiveMonth);
  const values = {
    person_id: personId,
    programme_code: input.programme ?? null,
    effective_from: input.effectiveMonth,
    method: input.method,
    bank_account_id: bankAccountId,
    authorization_id: authorizationId,
    note: input.note,
    created_at: at,
    created_by: ctx.user.id,
  };
  const payoutMethodId = insertPayoutMethod(db, values);
  ctx.audit({
    action: 'payout_method.change',
    entity: 'payout_method',
    entityId: payoutMethodId,
    personId,
    before: before ?? null,
    after: values,
  });
  refreshSummary(db, currentMonth(ctx.now), [personId]);
  return { personId, payoutMethodId, authorizationId, warnings: dedupe(warnings) };
}

const dedupe = (issues: FieldIssue[]) => [...new Map(issues.map((i) => [`${i.path}|${i.message}`, i])).values()];

type BulkInput = z.output<typeof bulkChangeSchema>;

/** At most this many names are listed in a refusal; the count says the rest. */
const NAMED = 5;

/**
 * The same change to cash or post office for many people (selected, or everyone the list's filter
 * matches who is enrolled), in one transaction with one audit entry carrying the count. Account methods
 * need each person's own account and are refused. Anyone who cannot take the change refuses it all.
 */
export function bulkChange(ctx: HandlerContext, input: BulkInput): { count: number; warnings: FieldIssue[] } {
  if (input.method === 'OWN_ACCOUNT' || input.method === 'AUTHORIZED_ACCOUNT') {
    const message =
      'Chuyển khoản cần tài khoản riêng của từng người: không đổi hàng loạt sang chuyển khoản. Hãy đổi từng người trên trang hồ sơ.';
    throw new ApiError('INVALID_INPUT', message, [{ path: 'method', message }]);
  }
  const db = ctx.store;
  let ids: number[];
  let skipped = 0;
  if ('personIds' in input.selection) ids = [...new Set(input.selection.personIds)];
  else {
    finishSummaryRefresh(db); // the filter may read this month's summary (status, method…)
    const rows = searchPeople(db, { ...input.selection.filter, limit: 10_000_000, offset: 0 } as SearchInput).rows;
    // The filter may match receivers and others who are paid nothing: only enrolled people change.
    const enrolled = rows.filter((r) => r.status !== 'none');
    skipped = rows.length - enrolled.length;
    ids = enrolled.map((r) => r.id);
  }
  if (ids.length === 0)
    throw new ApiError('INVALID_INPUT', 'Không có người hưởng nào trong danh sách đã chọn.', [
      { path: 'selection', message: 'Không có người hưởng nào trong danh sách đã chọn.' },
    ]);

  const problems: string[] = [];
  let problemCount = 0;
  let conflict = false;
  const people: PersonBasics[] = [];
  for (const id of ids) {
    const p = personBasics(db, id);
    const problem = p
      ? monthIssues(db, p, input.effectiveMonth)
      : { message: `Không tìm thấy hồ sơ số ${id}.`, conflict: false };
    if (problem) {
      problemCount++;
      conflict ||= problem.conflict;
      if (problems.length < NAMED) problems.push(problem.message);
    } else people.push(p!);
  }
  if (problemCount) {
    const more = problemCount > NAMED ? ` … và ${problemCount - NAMED} người khác.` : '';
    const message = `Không đổi được: ${problemCount}/${ids.length} người không thể áp dụng từ tháng ${formatMonthVi(input.effectiveMonth)}. ${problems.join(' ')}${more}`;
    throw new ApiError(conflict ? 'CONFLICT' : 'INVALID_INPUT', message, [{ path: 'effectiveMonth', message }]);
  }

  const at = ctx.now.toISOString();
  const note = input.note || `Đổi hàng loạt (${ids.length} người)`;
  // Only the method changes: register_summary's method is re-read for those people (not the amounts).
  const month = currentMonth(ctx.now);
  insertBulkMethods(
    db,
    people.map((p) => p.id),
    { month: input.effectiveMonth, method: input.method, note, at, by: ctx.user.id, currentMonth: month },
  );
  ctx.audit({
    action: 'payout_method.bulk_change',
    entity: 'payout_method',
    detail: {
      count: people.length,
      method: input.method,
      effectiveMonth: input.effectiveMonth,
      selection: 'personIds' in input.selection ? 'selected' : { filter: input.selection.filter },
      ...(skipped ? { skippedNotEnrolled: skipped } : {}),
    },
  });
  const warnings: FieldIssue[] = skipped
    ? [{ path: 'selection', message: `${skipped} người trong danh sách lọc không hưởng chế độ nào nên không đổi.` }]
    : [];
  return { count: people.length, warnings };
}
