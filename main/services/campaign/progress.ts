import type { Store } from '../../db/store';
import type {
  CampaignProgress,
  CampaignTarget,
  GroupProgress,
  ProgrammeProgress,
  ProgressFigures,
} from '@shared/api/campaign';
import { PROGRAMME_CODES, type ProgrammeCode } from '@shared/api/register';
import { isNonCash, percentTenths, targetCount } from '@shared/domain/campaign';
import type { Month } from '@shared/domain/dates';
import { compareVi } from '@shared/domain/text';
import { cachedMonthBeneficiaries, NCC_NO_CATEGORY, type MonthBeneficiary } from './beneficiaries';
import { loadReference } from '../register/amounts';
import { targetsInForce } from './targets';
import { programmeNameRows } from './queries';

// The campaign's figures for a month: per programme and group, the count by payable method, % non-cash,
// the target and % of target. One function (campaignProgress) that the dashboard and the province's
// non-cash progress report both read, so the two can never disagree.

const emptyFigures = (): ProgressFigures => ({
  total: 0,
  counts: { CASH_WARD: 0, POST_OFFICE: 0, OWN_ACCOUNT: 0, AUTHORIZED_ACCOUNT: 0 },
  nonCash: 0,
  nonCashTenths: null,
  blocked: 0,
  amountVnd: 0,
  nonCashAmountVnd: 0,
});

function add(f: ProgressFigures, b: MonthBeneficiary): void {
  f.total++;
  f.counts[b.method]++;
  f.amountVnd += b.amountVnd;
  if (isNonCash(b.method)) {
    f.nonCash++;
    f.nonCashAmountVnd += b.amountVnd;
  } else if (isNonCash(b.registered)) {
    f.blocked++;
  }
}

function finish<F extends ProgressFigures>(f: F): F {
  f.nonCashTenths = percentTenths(f.nonCash, f.total);
  return f;
}

export function programmeNames(store: Store): Map<ProgrammeCode, string> {
  return new Map(programmeNameRows(store).map((p) => [p.code, p.name_vi]));
}

/** The figures from a list of beneficiaries (pure). */
export function progressFrom(
  month: Month,
  beneficiaries: readonly MonthBeneficiary[],
  targets: readonly CampaignTarget[],
  names: ReadonlyMap<ProgrammeCode, string>,
  groupLabels: ReadonlyMap<string, { label: string; order: number }>,
): CampaignProgress {
  const all = emptyFigures();
  const byProgramme = new Map<ProgrammeCode, { figures: ProgressFigures; groups: Map<string, ProgressFigures> }>();
  for (const b of beneficiaries) {
    let p = byProgramme.get(b.programme);
    if (!p) byProgramme.set(b.programme, (p = { figures: emptyFigures(), groups: new Map() }));
    let g = p.groups.get(b.groupKey);
    if (!g) p.groups.set(b.groupKey, (g = emptyFigures()));
    add(all, b);
    add(p.figures, b);
    add(g, b);
  }
  const programmes: ProgrammeProgress[] = [];
  for (const programme of PROGRAMME_CODES) {
    const p = byProgramme.get(programme);
    const target = targets.find((t) => t.programme === programme) ?? null;
    if (!p && !target) continue;
    const figures = finish(p?.figures ?? emptyFigures());
    const groups: GroupProgress[] = [...(p?.groups ?? new Map<string, ProgressFigures>()).entries()]
      .map(([key, f]) => finish({ ...f, key, label: groupLabels.get(key)?.label ?? key }))
      .sort((a, b) => {
        const oa = groupLabels.get(a.key)?.order ?? Number.MAX_SAFE_INTEGER;
        const ob = groupLabels.get(b.key)?.order ?? Number.MAX_SAFE_INTEGER;
        if (oa !== ob) return oa - ob;
        if ((a.key === NCC_NO_CATEGORY) !== (b.key === NCC_NO_CATEGORY)) return a.key === NCC_NO_CATEGORY ? 1 : -1;
        return compareVi(a.label, b.label);
      });
    const count = target ? targetCount(target.kind, target.value, figures.total) : null;
    programmes.push({
      ...figures,
      programme,
      name: names.get(programme) ?? programme,
      groups,
      target,
      targetCount: count,
      ofTargetTenths: count ? percentTenths(figures.nonCash, count) : null,
      remaining: count !== null ? Math.max(0, count - figures.nonCash) : null,
    });
  }
  return { month, basis: 'payable', programmes, all: finish(all) };
}

function groupLabels(store: Store): Map<string, { label: string; order: number }> {
  const labels = new Map<string, { label: string; order: number }>();
  let order = 0;
  for (const g of loadReference(store).groups.values()) labels.set(g.code, { label: g.label, order: order++ });
  return labels;
}

/** The dashboard's figures for `month` (and the province's non-cash progress report's). */
export function campaignProgress(store: Store, month: Month): CampaignProgress {
  return progressFrom(
    month,
    cachedMonthBeneficiaries(store, month),
    targetsInForce(store, month),
    programmeNames(store),
    groupLabels(store),
  );
}
