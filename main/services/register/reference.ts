import type { Store } from '../../db/store';
import type { HandlerContext } from '../../api/context';
import { ApiError } from '@shared/api/errors';
import { formatMonthVi } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import { currentMonth } from '../clock';
import { logError } from '../../log';
import { refreshSummaryInBackground } from './summary';
import type { ProgrammeCode, ReferenceData } from '@shared/api/register';
import { inForce, standardLevelAt } from '@shared/domain/allowance';
import type { Month } from '@shared/domain/dates';
import { loadReference, standardProgrammeOf } from './amounts';
import { activeNeighbourhoods, insertStandardLevel, programmesInOrder, provinceLevelExists } from './queries/reference';

/** Programmes, groups with the coefficient in force, standard levels and neighbourhoods, for forms. */
export function referenceData(store: Store, month: Month): ReferenceData {
  const ref = loadReference(store);
  const programmes = programmesInOrder(store);
  return {
    month,
    programmes: programmes.map((p) => ({ code: p.code, name: p.name_vi, amountRule: p.amount_rule })),
    groups: [...ref.groups.values()].map((g) => ({
      code: g.code,
      programme: g.programme,
      clause: g.clause,
      label: g.label,
      family: g.family,
      ageMin: g.ageMin,
      ageMax: g.ageMax,
      coefficientMilli: inForce(ref.coefficients.get(g.code) ?? [], month)?.milli ?? null,
    })),
    standardLevels: programmes.flatMap((p) => {
      const amount = standardLevelAt(ref.levels, standardProgrammeOf(p.code), month);
      return amount === undefined ? [] : [{ programme: p.code, amountVnd: amount }];
    }),
    neighbourhoods: activeNeighbourhoods(store),
  };
}

/** A province's higher standard level from a month (allowances.md: never lower than the national one). */
export function addProvinceStandardLevel(
  ctx: HandlerContext,
  input: { programme: ProgrammeCode; effectiveMonth: Month; amountVnd: number; basis: string },
): ReferenceData['standardLevels'] {
  const ref = loadReference(ctx.store);
  if (ref.amountRules.get(input.programme) !== 'coefficient') {
    throw new ApiError('INVALID_INPUT', 'Chỉ đặt mức chuẩn cho các chế độ tính theo hệ số.', [
      { path: 'programme', message: 'Chọn chế độ tính theo hệ số.' },
    ]);
  }
  const national = inForce(
    ref.levels.filter((l) => l.programme === input.programme && l.scope === 'national'),
    input.effectiveMonth,
  );
  if (national && input.amountVnd < national.amountVnd) {
    const message = `Mức chuẩn của tỉnh không được thấp hơn mức chuẩn quốc gia (${formatVnd(national.amountVnd)} đồng từ tháng ${formatMonthVi(national.from)}).`;
    throw new ApiError('INVALID_INPUT', message, [{ path: 'amountVnd', message }]);
  }
  if (provinceLevelExists(ctx.store, input.programme, input.effectiveMonth))
    throw new ApiError('CONFLICT', `Đã có mức chuẩn của tỉnh từ tháng ${formatMonthVi(input.effectiveMonth)}.`);
  const values = {
    programme_code: input.programme,
    scope: 'province' as const,
    effective_from: input.effectiveMonth,
    amount_vnd: input.amountVnd,
    basis: input.basis,
    label: 'Tỉnh',
  };
  insertStandardLevel(ctx.store, values);
  ctx.audit({
    action: 'standardLevel.add',
    entity: 'standard_level',
    entityId: `${input.programme}:${input.effectiveMonth}`,
    after: values,
  });
  // Everyone's amount may move: the register's summary is brought up to date in the background, in
  // slices (as at a month turn), so a 100,000-person register does not hold the core for seconds; the
  // register list says so meanwhile. Payrolls, reports and the person page compute from the register.
  const month = currentMonth(ctx.now);
  refreshSummaryInBackground(
    ctx.store,
    month,
    (error) => logError('register', 'refreshing the summary after a standard level failed', error),
    true,
  );
  return referenceData(ctx.store, month).standardLevels;
}
