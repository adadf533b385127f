import type { z } from 'zod';
import type { HandlerContext } from '../../api/context';
import { ApiError } from '@shared/api/errors';
import { NCC_BENEFIT_LABELS, type NccBenefitView, type recordNccBenefitsSchema } from '@shared/api/ncc-benefits';
import { formatDateVi } from '@shared/domain/dates';
import { currentMonth, today } from '../clock';
import { insertNccItem, nccBenefitsOf, nccPerson, recordedDecision } from './queries';

// Records the Sở Nội vụ's decision on an NCC's death: each allowance as a one-off item of the NCC
// programme, due this month (the next NCC payroll pays it, in cash to the named person), with the decision
// on it. The amounts are the decision's; nothing is computed here.

const refuse = (path: string, message: string): never => {
  throw new ApiError('INVALID_INPUT', message, [{ path, message }]);
};

export function recordNccBenefits(
  ctx: HandlerContext,
  input: z.output<typeof recordNccBenefitsSchema>,
): NccBenefitView[] {
  const person = nccPerson(ctx.store, input.personId);
  if (!person) throw new ApiError('NOT_FOUND', 'Không tìm thấy hồ sơ người này.');
  if (person.entitlementId === null)
    refuse('personId', `${person.fullName} không hưởng chế độ người có công: trợ cấp này chỉ ghi cho người có công.`);
  if (!person.deathDate)
    refuse(
      'personId',
      `Chưa ghi nhận ${person.fullName} từ trần: hãy Báo tử trước, rồi ghi trợ cấp theo quyết định của Sở.`,
    );
  const { decision } = input;
  if (decision.signedDate > today(ctx.now)) refuse('decision.signedDate', 'Ngày ký quyết định không được sau hôm nay.');
  if (decision.signedDate < person.deathDate!) {
    refuse(
      'decision.signedDate',
      `Ngày ký quyết định trước ngày mất (${formatDateVi(person.deathDate!)}): kiểm tra lại.`,
    );
  }
  if (new Set(input.items.map((i) => i.kind)).size !== input.items.length)
    refuse('items', 'Mỗi loại trợ cấp chỉ ghi một lần trong một quyết định.');

  const dueMonth = currentMonth(ctx.now);
  const at = ctx.now.toISOString();
  for (const [index, item] of input.items.entries()) {
    const kind = item.kind === 'funeral' ? 'funeral' : 'other';
    const label = NCC_BENEFIT_LABELS[item.kind];
    if (recordedDecision(ctx.store, person.id, kind, decision.number)) {
      refuse(
        `items.${index}.kind`,
        `${label} theo quyết định số ${decision.number} đã được ghi cho ${person.fullName}.`,
      );
    }
    const note = `${label} theo Quyết định số ${decision.number} ngày ${formatDateVi(decision.signedDate)} của ${decision.issuer}`;
    const id = insertNccItem(ctx.store, {
      personId: person.id,
      entitlementId: person.entitlementId!,
      kind,
      amountVnd: item.amountVnd,
      dueMonth,
      payeeName: item.payeeName,
      relationship: item.relationship,
      note,
      decisionNumber: decision.number,
      decisionDate: decision.signedDate,
      issuer: decision.issuer,
      createdAt: at,
    });
    ctx.audit({
      action: 'nccBenefit.create',
      entity: 'one_off_item',
      entityId: id,
      personId: person.id,
      after: { kind: item.kind, amountVnd: item.amountVnd, payee: item.payeeName, decision: decision.number, dueMonth },
    });
  }
  return nccBenefitsOf(ctx.store, person.id);
}
