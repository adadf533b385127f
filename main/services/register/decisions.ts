import type { HandlerContext } from '../../api/context';
import { ApiError, type FieldIssue } from '@shared/api/errors';
import type { DecideInput, EnrollInput, WriteResult } from '@shared/api/register';
import { decideSchema, enrollSchema } from '@shared/api/register';
import type { z } from 'zod';
import { addMonths, compareMonth, formatMonthVi, monthRange, type Month } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import { currentMonth } from '../clock';
import { birthOf, loadReference } from './amounts';
import { checkEligibility, type Household } from '@shared/domain/eligibility';
import { dueByMonth, pastMonths, recordArrears, settleDifference, sumFor } from './arrears';
import { createPerson } from './people';
import { refreshSummary } from './summary';
import {
  caredPersonOf,
  entitlementById,
  insertDecision as insertDecisionRow,
  insertEntitlement,
  insertTerm as insertTermRow,
  insertTermComponents,
  linkDecision,
  openEntitlementsOf,
  setEndMonth,
  termAt,
  termComponents,
  type NewDecision,
} from './queries/decisions';
import { caredPersonFacts, personBasics, personBirth } from './queries/people';

// Decisions are the only way an entitlement starts, changes or stops (allowances.md). Each writes the
// decision, the effective-dated term, any arrears, the audit entries and the person's summary, in the
// caller's transaction.

type Enroll = z.output<typeof enrollSchema>;
type Decide = z.output<typeof decideSchema>;
export type { EnrollInput, DecideInput };

const invalid = (path: string, message: string): never => {
  throw new ApiError('INVALID_INPUT', message, [{ path, message }]);
};

interface DecisionRecord {
  personId: number;
  programme: string;
  kind: NewDecision['kind'];
  number: string;
  signedDate: string | null;
  signer: string;
  effectiveMonth: Month;
  reason: string;
  entitlementId: number | null;
  arrears?: boolean;
  eligibilityReason?: string | undefined;
  household?: Household | null | undefined;
  householdListYear?: number | null | undefined;
}

function insertDecision(ctx: HandlerContext, d: DecisionRecord): number {
  const values = {
    person_id: d.personId,
    programme_code: d.programme,
    kind: d.kind,
    number: d.number,
    signed_date: d.signedDate,
    signer: d.signer,
    effective_month: d.effectiveMonth,
    reason: d.reason,
    arrears_decided: d.arrears ? 1 : 0,
    entitlement_id: d.entitlementId,
    created_at: ctx.now.toISOString(),
    created_by: ctx.user.id,
    eligibility_reason: d.eligibilityReason ?? '',
    household_poverty: d.household ?? null,
    household_list_year: d.household ? (d.householdListYear ?? null) : null,
  };
  const id = insertDecisionRow(ctx.store, values);
  ctx.audit({ action: `decision.${d.kind}`, entity: 'decision', entityId: id, personId: d.personId, after: values });
  return id;
}

function insertTerm(
  ctx: HandlerContext,
  t: {
    entitlementId: number;
    effectiveFrom: Month;
    status: 'active' | 'suspended' | 'stopped';
    groupCode: string | null;
    multiplier: number;
    categoryLabel: string;
    decisionId: number;
    components: Array<{ kind: string; label: string; amountVnd: number }>;
  },
): number {
  const termId = insertTermRow(ctx.store, {
    entitlement_id: t.entitlementId,
    effective_from: t.effectiveFrom,
    status: t.status,
    group_code: t.groupCode,
    multiplier: t.multiplier,
    category_label: t.categoryLabel,
    decision_id: t.decisionId,
  });
  insertTermComponents(ctx.store, termId, t.components);
  return termId;
}

/** Checks what a term pays for the programme: a group of that programme, or recorded components. */
function validateTerms(
  ctx: HandlerContext,
  programme: string,
  t: { groupCode?: string; components?: Array<{ amountVnd: number }> },
): void {
  const ref = loadReference(ctx.store);
  if (ref.amountRules.get(programme) === 'recorded') {
    const total = (t.components ?? []).reduce((s, c) => s + c.amountVnd, 0);
    if (!t.components?.length || total <= 0)
      invalid('components', 'Nhập ít nhất một khoản trợ cấp theo quyết định của Sở (số tiền lớn hơn 0).');
    return;
  }
  const group = t.groupCode ? ref.groups.get(t.groupCode) : undefined;
  if (!group || group.programme !== programme) invalid('groupCode', 'Chọn nhóm đối tượng thuộc chế độ đã chọn.');
}

/**
 * Eligibility at the decision (shared/domain/eligibility.ts): the social pension's age and start, the
 * age band of the group (the beneficiary's age, or for care support the cared person's) at the effective
 * month. A refusal names the rule; where the record cannot show the age, the officer's reason is required.
 * Returns the warnings to show when the decision rests on the officer's reason.
 */
function checkDecisionEligibility(
  ctx: HandlerContext,
  args: {
    programme: string;
    groupCode: string | null;
    personId: number;
    caredPersonId: number | null;
    decision: Decide['decision'];
  },
): FieldIssue[] {
  const ref = loadReference(ctx.store);
  const d = args.decision;
  if (d.household && !d.householdListYear)
    invalid(
      'decision.householdListYear',
      'Năm của danh sách hộ nghèo, cận nghèo: không được để trống khi đã đánh dấu hộ nghèo/cận nghèo.',
    );
  if (d.household && d.householdListYear && d.householdListYear > Number(d.effectiveMonth.slice(0, 4))) {
    invalid(
      'decision.householdListYear',
      `Năm của danh sách hộ nghèo, cận nghèo (${d.householdListYear}) sau năm bắt đầu hưởng (${d.effectiveMonth.slice(0, 4)}).`,
    );
  }
  const recorded = args.groupCode ? ref.groups.get(args.groupCode) : undefined;
  const about = args.programme === 'BTXH_CARE' ? args.caredPersonId : args.personId;
  const row = about === null ? undefined : personBirth(ctx.store, about);
  const outcome = checkEligibility({
    programme: args.programme,
    group: recorded ?? null,
    family: recorded ? (ref.families.get(recorded.family) ?? [recorded]) : [],
    effectiveMonth: d.effectiveMonth,
    birth: row ? birthOf(row) : null,
    caredNamed: args.caredPersonId !== null,
    household: d.household ?? null,
    officerReason: d.eligibilityReason ?? '',
  });
  if (outcome.refusals.length) {
    throw new ApiError('INVALID_INPUT', outcome.refusals.map((r) => r.message).join(' '), outcome.refusals);
  }
  if (outcome.needsReason) {
    if (!d.eligibilityReason) throw new ApiError('INVALID_INPUT', outcome.needsReason.message, [outcome.needsReason]);
    return [{ path: '', message: `Quyết định dựa trên căn cứ cán bộ ghi nhận: ${d.eligibilityReason}` }];
  }
  return [];
}

/** The cared person of care support: in the register, not the beneficiary, alive and here at the effective month. */
function checkCaredPerson(
  ctx: HandlerContext,
  programme: string,
  personId: number,
  caredPersonId: number | undefined,
  effective: Month,
): void {
  if (caredPersonId === undefined) return;
  if (programme !== 'BTXH_CARE')
    invalid('caredPersonId', 'Chỉ chế độ hỗ trợ kinh phí chăm sóc, nuôi dưỡng mới ghi người được chăm sóc.');
  if (caredPersonId === personId) invalid('caredPersonId', 'Người được chăm sóc phải khác người nhận hỗ trợ.');
  const cared = caredPersonFacts(ctx.store, caredPersonId);
  if (!cared) invalid('caredPersonId', 'Không tìm thấy người được chăm sóc trong sổ.');
  if (cared!.death_date && cared!.death_date.slice(0, 7) < effective) {
    invalid(
      'caredPersonId',
      `${cared!.full_name} đã từ trần (tháng ${formatMonthVi(cared!.death_date.slice(0, 7))}): không thể hỗ trợ chăm sóc từ tháng ${formatMonthVi(effective)}.`,
    );
  }
  if (cared!.moved_away_date && cared!.moved_away_date.slice(0, 7) < effective) {
    invalid(
      'caredPersonId',
      `${cared!.full_name} đã chuyển đi (tháng ${formatMonthVi(cared!.moved_away_date.slice(0, 7))}): không thể hỗ trợ chăm sóc từ tháng ${formatMonthVi(effective)}.`,
    );
  }
}

export function enroll(ctx: HandlerContext, input: Enroll): WriteResult {
  const month = currentMonth(ctx.now);
  const warnings: FieldIssue[] = [];
  validateTerms(ctx, input.programme, input);
  let personId: number;
  if ('new' in input.person) {
    const created = createPerson(ctx, input.person.new, 'person.new.');
    personId = created.id;
    warnings.push(...created.warnings);
  } else {
    personId = input.person.existingId;
    const person = personBasics(ctx.store, personId);
    if (!person) throw new ApiError('NOT_FOUND', 'Không tìm thấy hồ sơ người này.');
    if (person.death_date) invalid('person', `${person.full_name} đã từ trần: không thể xét hưởng.`);
  }
  const effective = input.decision.effectiveMonth;
  checkCaredPerson(ctx, input.programme, personId, input.caredPersonId, effective);
  warnings.push(
    ...checkDecisionEligibility(ctx, {
      programme: input.programme,
      groupCode: input.groupCode ?? null,
      personId,
      caredPersonId: input.caredPersonId ?? null,
      decision: input.decision,
    }),
  );
  const clash = openClash(ctx, personId, input);
  if (clash) {
    throw new ApiError(
      'CONFLICT',
      `Người này đang hưởng chế độ này (từ tháng ${formatMonthVi(clash.start_month)}). Dùng quyết định điều chỉnh thay vì hưởng mới.`,
    );
  }
  const before = dueByMonth(ctx, personId, pastMonths(effective, month));
  const decisionId = insertDecision(ctx, {
    personId,
    programme: input.programme,
    kind: 'grant',
    ...input.decision,
    entitlementId: null,
  });
  const entitlementId = insertEntitlement(ctx.store, {
    person_id: personId,
    programme_code: input.programme,
    cared_person_id: input.caredPersonId ?? null,
    start_month: effective,
    grant_decision_id: decisionId,
    created_at: ctx.now.toISOString(),
  });
  linkDecision(ctx.store, decisionId, entitlementId);
  insertTerm(ctx, {
    entitlementId,
    effectiveFrom: effective,
    status: 'active',
    groupCode: input.groupCode ?? null,
    multiplier: input.multiplier ?? 1,
    categoryLabel: input.categoryLabel ?? '',
    decisionId,
    components: input.components ?? [],
  });
  ctx.audit({
    action: 'entitlement.create',
    entity: 'entitlement',
    entityId: entitlementId,
    personId,
    after: { programme: input.programme, groupCode: input.groupCode, startMonth: effective },
  });
  const months = pastMonths(effective, month);
  warnings.push(
    ...settleDifference(ctx, {
      personId,
      entitlementId,
      decisionId,
      months,
      before,
      after: dueByMonth(ctx, personId, months),
      currentMonth: month,
    }),
  );
  refreshSummary(ctx.store, month, [personId]);
  return { personId, entitlementId, warnings };
}

/** An open entitlement of the same programme and the same group family (or NCC category, or cared person). */
function openClash(ctx: HandlerContext, personId: number, input: Enroll): { start_month: string } | undefined {
  const ref = loadReference(ctx.store);
  const family = (code: string | null | undefined) => (code ? (ref.groups.get(code)?.family ?? code) : null);
  const open = openEntitlementsOf(ctx.store, personId, input.programme);
  return open.find(
    (o) =>
      family(o.group_code) === family(input.groupCode) &&
      (o.cared_person_id ?? null) === (input.caredPersonId ?? null) &&
      (ref.amountRules.get(input.programme) !== 'recorded' || o.category_label === (input.categoryLabel ?? '')),
  );
}

function loadEntitlement(ctx: HandlerContext, id: number) {
  const row = entitlementById(ctx.store, id);
  if (!row) throw new ApiError('NOT_FOUND', 'Không tìm thấy chế độ hưởng này.');
  return row;
}

export function decide(ctx: HandlerContext, input: Decide): WriteResult {
  const month = currentMonth(ctx.now);
  const e = loadEntitlement(ctx, input.entitlementId);
  const effective = input.decision.effectiveMonth;
  if (compareMonth(effective, e.start_month) < 0) {
    invalid(
      'decision.effectiveMonth',
      `Tháng hiệu lực (${formatMonthVi(effective)}) trước tháng bắt đầu hưởng (${formatMonthVi(e.start_month)}).`,
    );
  }
  if (e.end_month && compareMonth(effective, e.end_month) > 0) {
    invalid(
      'decision.effectiveMonth',
      `Chế độ này đã thôi hưởng từ tháng ${formatMonthVi(addMonths(e.end_month, 1))}.`,
    );
  }
  const current = termAt(ctx.store, e.id, effective)!;
  const base = { personId: e.person_id, programme: e.programme_code, ...input.decision, entitlementId: e.id };
  const warnings: FieldIssue[] = [];

  if (input.kind === 'stop') {
    const decisionId = insertDecision(ctx, { ...base, kind: 'stop' });
    const endMonth = addMonths(effective, -1);
    setEndMonth(ctx.store, e.id, endMonth);
    ctx.audit({
      action: 'entitlement.stop',
      entity: 'entitlement',
      entityId: e.id,
      personId: e.person_id,
      before: { endMonth: e.end_month },
      after: { endMonth, decisionId },
    });
    refreshSummary(ctx.store, month, [e.person_id]);
    return { personId: e.person_id, entitlementId: e.id, warnings };
  }

  if (current.effective_from === effective) {
    throw new ApiError(
      'CONFLICT',
      `Đã có quyết định hiệu lực từ tháng ${formatMonthVi(effective)} cho chế độ này; mỗi tháng chỉ một thay đổi.`,
    );
  }
  if (input.kind === 'suspend' && current.status !== 'active')
    invalid('kind', 'Chế độ này không ở trạng thái đang hưởng nên không thể tạm dừng.');
  if (input.kind === 'resume' && current.status !== 'suspended')
    invalid('kind', 'Chế độ này không bị tạm dừng nên không cần hưởng lại.');
  if (input.kind === 'adjust') {
    validateTerms(ctx, e.programme_code, input);
    // A new group is checked like a grant, at the month it takes effect.
    if (input.groupCode && input.groupCode !== current.group_code) {
      const caredPersonId = caredPersonOf(ctx.store, e.id);
      warnings.push(
        ...checkDecisionEligibility(ctx, {
          programme: e.programme_code,
          groupCode: input.groupCode,
          personId: e.person_id,
          caredPersonId,
          decision: input.decision,
        }),
      );
    }
  }

  const months = pastMonths(effective, month);
  const before = dueByMonth(ctx, e.person_id, months);
  const decisionId = insertDecision(ctx, { ...base, kind: input.kind, arrears: input.payArrears });
  const adjust = input.kind === 'adjust';
  insertTerm(ctx, {
    entitlementId: e.id,
    effectiveFrom: effective,
    status: input.kind === 'suspend' ? 'suspended' : 'active',
    groupCode: adjust && input.groupCode ? input.groupCode : current.group_code,
    multiplier: adjust && input.multiplier ? input.multiplier : current.multiplier,
    categoryLabel: adjust && input.categoryLabel !== undefined ? input.categoryLabel : current.category_label,
    decisionId,
    components: adjust && input.components ? input.components : termComponents(ctx.store, current.id),
  });
  ctx.audit({
    action: `entitlement.${input.kind}`,
    entity: 'entitlement',
    entityId: e.id,
    personId: e.person_id,
    before: current,
    after: { effective, groupCode: input.groupCode, decisionId },
  });
  warnings.push(
    ...settleDifference(ctx, {
      personId: e.person_id,
      entitlementId: e.id,
      decisionId,
      months,
      before,
      after: dueByMonth(ctx, e.person_id, months),
      currentMonth: month,
    }),
  );

  if (input.kind === 'resume' && input.payArrears) {
    // The suspended months, paid as if active: the ward decided arrears (allowances.md).
    const suspended = monthRange(current.effective_from, addMonths(effective, -1));
    const due = dueByMonth(ctx, e.person_id, suspended, (s) =>
      s.entitlementId === e.id && s.status === 'suspended' ? { ...s, status: 'active' } : s,
    );
    const amount = sumFor(due, e.id);
    if (amount > 0) {
      recordArrears(
        ctx,
        {
          personId: e.person_id,
          entitlementId: e.id,
          decisionId,
          amountVnd: amount,
          months: suspended,
          note: `Truy lĩnh thời gian tạm dừng ${formatMonthVi(suspended[0]!)}–${formatMonthVi(suspended[suspended.length - 1]!)}`,
        },
        month,
      );
      warnings.push({ path: '', message: `Đã ghi khoản truy lĩnh thời gian tạm dừng: ${formatVnd(amount)} đồng.` });
    }
  }
  refreshSummary(ctx.store, month, [e.person_id]);
  return { personId: e.person_id, entitlementId: e.id, warnings };
}
