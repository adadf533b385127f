import type { Store } from '../../db/store';
import type { ProgrammeCode, ReferenceData } from '../../../shared/api/register';
import { inForce, standardLevelAt } from '../../../shared/domain/allowance';
import type { Month } from '../../../shared/domain/dates';
import { loadReference } from './amounts';

/** Programmes, groups with the coefficient in force, standard levels and neighbourhoods, for forms. */
export function referenceData(store: Store, month: Month): ReferenceData {
  const ref = loadReference(store);
  const programmes = store.prepare('SELECT code, name_vi, amount_rule FROM programmes ORDER BY sort_order').all() as Array<{
    code: ProgrammeCode;
    name_vi: string;
    amount_rule: 'coefficient' | 'recorded';
  }>;
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
      const amount = standardLevelAt(ref.levels, p.code, month);
      return amount === undefined ? [] : [{ programme: p.code, amountVnd: amount }];
    }),
    neighbourhoods: store.prepare('SELECT id, name FROM neighbourhoods WHERE active = 1 ORDER BY name').all() as Array<{ id: number; name: string }>,
  };
}
