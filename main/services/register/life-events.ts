import type { HandlerContext } from '../../api/context';
import { ApiError, type FieldIssue } from '@shared/api/errors';
import type { WriteResult } from '@shared/api/register';
import { deathSchema, moveAwaySchema } from '@shared/api/register';
import type { z } from 'zod';
import { funeralSupport, standardLevelAt } from '@shared/domain/allowance';
import { addMonths, formatDateVi, formatMonthVi, monthOfDate, type Month } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import { currentMonth, today } from '../clock';
import { computeAmounts, loadReference, loadStates } from './amounts';
import { refreshSummary } from './summary';
import {
  caregiversOf,
  entitlementsRunningAfter,
  insertDecision,
  insertFuneral,
  setEndMonth,
} from './queries/decisions';
import { personLife, setDeathDate, setMovedAwayDate } from './queries/people';

// Death and moving away stop every entitlement from the month after the event (the event's month is
// still paid). A death of someone receiving a monthly social allowance also creates the funeral support
// (20 × the standard level, or 50 ×), paid once to whoever organised the funeral.

type Death = z.output<typeof deathSchema>;
type MoveAway = z.output<typeof moveAwaySchema>;

const FUNERAL_PROGRAMMES = new Set(['BTXH', 'HTXH']);

function personFor(ctx: HandlerContext, id: number) {
  const person = personLife(ctx.store, id);
  if (!person) throw new ApiError('NOT_FOUND', 'Không tìm thấy hồ sơ người này.');
  return person;
}

function checkEventDate(ctx: HandlerContext, date: string, birth: string | null, label: string): void {
  if (date > today(ctx.now))
    throw new ApiError('INVALID_INPUT', `${label} (${formatDateVi(date)}) ở tương lai.`, [
      { path: label === 'Ngày mất' ? 'deathDate' : 'movedDate', message: `${label} không được ở tương lai.` },
    ]);
  if (birth && date.slice(0, birth.length) < birth)
    throw new ApiError('INVALID_INPUT', `${label} trước ngày sinh.`, [
      { path: label === 'Ngày mất' ? 'deathDate' : 'movedDate', message: `${label} trước ngày sinh.` },
    ]);
}

/** Stops every entitlement still open after `lastPaidMonth`; one stop decision per entitlement. */
function stopAll(
  ctx: HandlerContext,
  personId: number,
  lastPaidMonth: Month,
  decision: { number: string; signedDate: string; signer: string; reason: string },
): number[] {
  const open = entitlementsRunningAfter(ctx.store, personId, lastPaidMonth);
  const decisionIds: number[] = [];
  for (const e of open) {
    const values = {
      person_id: personId,
      programme_code: e.programme_code,
      kind: 'stop' as const,
      number: decision.number,
      signed_date: decision.signedDate,
      signer: decision.signer,
      effective_month: addMonths(lastPaidMonth, 1),
      reason: decision.reason,
      entitlement_id: e.id,
      created_at: ctx.now.toISOString(),
      created_by: ctx.user.id,
    };
    const id = insertDecision(ctx.store, values);
    decisionIds.push(id);
    setEndMonth(ctx.store, e.id, lastPaidMonth);
    ctx.audit({
      action: 'entitlement.stop',
      entity: 'entitlement',
      entityId: e.id,
      personId,
      before: { endMonth: e.end_month },
      after: { endMonth: lastPaidMonth, decisionId: id },
    });
  }
  return decisionIds;
}

/**
 * Care support paid to others for this person stops with them (computeAmounts follows the cared person):
 * refresh those caregivers' summaries and say so.
 */
function caregiversStop(ctx: HandlerContext, personId: number, eventMonth: Month, month: Month): FieldIssue[] {
  const rows = caregiversOf(ctx.store, personId, eventMonth);
  if (!rows.length) return [];
  refreshSummary(
    ctx.store,
    month,
    rows.map((r) => r.id),
  );
  return [
    {
      path: '',
      message: `Hỗ trợ kinh phí chăm sóc cho người này (${rows.map((r) => r.full_name).join(', ')} nhận) thôi từ tháng ${formatMonthVi(addMonths(eventMonth, 1))}.`,
    },
  ];
}

export function recordDeath(ctx: HandlerContext, input: Death): WriteResult & { funeralVnd: number } {
  const person = personFor(ctx, input.personId);
  if (person.death_date)
    throw new ApiError('CONFLICT', `Đã ghi nhận ${person.full_name} từ trần ngày ${formatDateVi(person.death_date)}.`);
  checkEventDate(ctx, input.deathDate, person.birth_date, 'Ngày mất');
  const deathMonth = monthOfDate(input.deathDate);
  const month = currentMonth(ctx.now);
  // Was the person on a monthly social allowance in the month of death? (before the stop is written)
  const ref = loadReference(ctx.store);
  const amounts = computeAmounts(ref, loadStates(ctx.store, deathMonth, [person.id]), deathMonth);
  const onAllowance = amounts.some((a) => FUNERAL_PROGRAMMES.has(a.programme) && a.amountVnd > 0);

  setDeathDate(ctx.store, person.id, input.deathDate, ctx.now.toISOString());
  ctx.audit({
    action: 'person.death',
    entity: 'person',
    entityId: person.id,
    personId: person.id,
    before: { deathDate: null },
    after: { deathDate: input.deathDate },
  });
  const reason = input.decision.reason || `Từ trần ngày ${formatDateVi(input.deathDate)}`;
  const decisionIds = stopAll(ctx, person.id, deathMonth, { ...input.decision, reason });

  const warnings: FieldIssue[] = [];
  let funeralVnd = 0;
  if (onAllowance) {
    const standard = standardLevelAt(ref.levels, 'BTXH', deathMonth);
    if (standard === undefined)
      throw new ApiError('INVALID_INPUT', `Chưa có mức chuẩn trợ giúp xã hội cho tháng ${formatMonthVi(deathMonth)}.`);
    funeralVnd = funeralSupport(standard, input.funeral.multiplier);
    const funeralId = insertFuneral(ctx.store, {
      person_id: person.id,
      amount_vnd: funeralVnd,
      due_month: month,
      decision_id: decisionIds[0] ?? null,
      payee_name: input.funeral.payeeName,
      note: `Hỗ trợ chi phí mai táng (${input.funeral.multiplier} × ${formatVnd(standard)} đồng)`,
      created_at: ctx.now.toISOString(),
    });
    ctx.audit({
      action: 'funeral.create',
      entity: 'one_off_item',
      entityId: funeralId,
      personId: person.id,
      after: { amountVnd: funeralVnd, payee: input.funeral.payeeName },
    });
    warnings.push({
      path: '',
      message: `Đã ghi khoản hỗ trợ mai táng ${formatVnd(funeralVnd)} đồng cho ${input.funeral.payeeName}, chi trong tháng ${formatMonthVi(month)}.`,
    });
  }
  if (deathMonth < addMonths(month, -1)) {
    warnings.push({
      path: '',
      message: `Thôi hưởng từ tháng ${formatMonthVi(addMonths(deathMonth, 1))}: kiểm tra các tháng đã chi sau tháng mất để thu hồi.`,
    });
  }
  refreshSummary(ctx.store, month, [person.id]);
  warnings.push(...caregiversStop(ctx, person.id, deathMonth, month));
  return { personId: person.id, warnings, funeralVnd };
}

export function recordMoveAway(ctx: HandlerContext, input: MoveAway): WriteResult {
  const person = personFor(ctx, input.personId);
  if (person.death_date) throw new ApiError('CONFLICT', `${person.full_name} đã từ trần.`);
  checkEventDate(ctx, input.movedDate, person.birth_date, 'Ngày chuyển đi');
  const movedMonth = monthOfDate(input.movedDate);
  setMovedAwayDate(ctx.store, person.id, input.movedDate, ctx.now.toISOString());
  ctx.audit({
    action: 'person.moveAway',
    entity: 'person',
    entityId: person.id,
    personId: person.id,
    before: { movedAwayDate: person.moved_away_date },
    after: { movedAwayDate: input.movedDate },
  });
  stopAll(ctx, person.id, movedMonth, {
    ...input.decision,
    reason: input.decision.reason || `Chuyển đi nơi khác ngày ${formatDateVi(input.movedDate)}`,
  });
  refreshSummary(ctx.store, currentMonth(ctx.now), [person.id]);
  return { personId: person.id, warnings: caregiversStop(ctx, person.id, movedMonth, currentMonth(ctx.now)) };
}
