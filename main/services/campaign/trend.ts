import type { ChannelOutput } from '@shared/api/contract';
import type { Store } from '../../db/store';
import type { CampaignTrend, TrendCell, TrendPoint } from '@shared/api/campaign';
import { PROGRAMME_CODES, type ProgrammeCode } from '@shared/api/register';
import { OVERLAP_PROGRAMMES, OVERLAP_REASON } from '@shared/domain/allowance';
import { isNonCash, percentTenths } from '@shared/domain/campaign';
import { addMonths, ageInYearsAtMonthEnd, formatMonthVi, type Month } from '@shared/domain/dates';
import { startJob, yieldToEventLoop } from '../../jobs';
import { computeAmounts, loadReference, loadStateHistory } from '../register/amounts';
import { payoutHistory } from '../payout/in-force';
import { programmeNames } from './progress';
import { trendEntitlements, type TrendEntitlement } from './queries';

// The 12-month trend by the same rules as the month's figures (beneficiaries.ts), without running the
// month's whole computation twelve times: the entitlements, their term histories and the people are
// read once and each month is evaluated in memory. Amounts are only needed for the overlap rule (who
// holds both a social allowance and the social pension is counted under the one that pays), so
// computeAmounts runs only for those few people. The method is payout/in-force.ts's rules, over its
// history read once for the twelve months (payoutHistory), not one resolver query per month.
// tests/integration/campaign.test.ts checks every month of the trend against campaignProgress.

type Ent = TrendEntitlement;

/** The term in force in `month` (latest effective_from <= month), or undefined. */
function termAt(e: Ent, month: Month): Ent['terms'][number] | undefined {
  let found: Ent['terms'][number] | undefined;
  for (const t of e.terms) {
    if (t.from > month) break;
    found = t;
  }
  return found;
}

const cell = (total: number, nonCash: number): TrendCell => ({
  total,
  nonCash,
  nonCashTenths: percentTenths(nonCash, total),
});

/** The trend month by month: `months` (oldest first), `point(m)` for each, then `result(points)`. */
export function trendEvaluator(store: Store, month: Month, count = 12) {
  const first = addMonths(month, -(count - 1));
  const months = Array.from({ length: count }, (_, k) => addMonths(first, k));
  const { ents, people } = trendEntitlements(store, first, month);
  const ref = loadReference(store);
  // Entitlements the rules alone can stop: care support (it follows the cared person), and a group whose
  // family of bands ends at an age (every band has an upper limit: BTXH-7 under 3, children under 16…).
  // Only those near or past that age, and people holding two pooled entitlements, go through
  // computeAmounts; their states are read once for all months.
  const familyEnd = new Map<string, number>();
  for (const [family, members] of ref.families)
    if (members.every((g) => g.ageMax !== null)) familyEnd.set(family, Math.max(...members.map((g) => g.ageMax!)));
  const endOf = (e: Ent): number | undefined => {
    let end: number | undefined;
    for (const t of e.terms) {
      const f = t.groupCode ? familyEnd.get(ref.groups.get(t.groupCode)?.family ?? '') : undefined;
      if (f !== undefined && (end === undefined || f > end)) end = f;
    }
    return end;
  };
  const ends = new Map<number, number>();
  for (const e of ents) {
    const end = endOf(e);
    if (end !== undefined) ends.set(e.id, end);
  }
  const pooledPeople = new Map<number, number>();
  for (const e of ents)
    if (OVERLAP_PROGRAMMES.has(e.programme)) pooledPeople.set(e.personId, (pooledPeople.get(e.personId) ?? 0) + 1);
  const ruledPeople = new Set<number>([...pooledPeople].filter(([, n]) => n > 1).map(([id]) => id));
  for (const e of ents) if (e.caredPersonId !== null || ends.has(e.id)) ruledPeople.add(e.personId);
  const states = loadStateHistory(store, [...ruledPeople]);
  // Whether the rules may stop an entitlement depends on the month only through the age, which only grows:
  // the first month of the range from which it may (found once per entitlement, not once per month).
  const stopFrom = (e: Ent): Month | null => {
    if (e.caredPersonId !== null) return first;
    const end = ends.get(e.id);
    if (end === undefined) return null;
    const life = people.get(e.personId);
    if (!life?.birthDate || life.birthPrecision === 'unknown') return null; // no age: no age rule applies
    const birth = { precision: life.birthPrecision, value: life.birthDate };
    let lo = 0;
    let hi = months.length; // first index whose age is >= end - 1 (months.length: none)
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ageInYearsAtMonthEnd(birth, months[mid]!) >= end - 1) hi = mid;
      else lo = mid + 1;
    }
    return lo < months.length ? months[lo]! : null;
  };
  const programmeIndex = new Map(PROGRAMME_CODES.map((p, i) => [p, i]));
  // The method history read once for all the months (one query, not one per month).
  const methods = payoutHistory(store, month);
  // What each month's pass needs of an entitlement, worked out once.
  const rows = ents.map((e) => ({
    e,
    deathMonth: people.get(e.personId)?.deathDate?.slice(0, 7) ?? null,
    // Only someone holding two pooled entitlements in the range can hold two in a month.
    pooled: OVERLAP_PROGRAMMES.has(e.programme) && (pooledPeople.get(e.personId) ?? 0) > 1,
    stopFrom: stopFrom(e),
    key: e.personId * 8 + programmeIndex.get(e.programme)!,
    /** Another entitlement of the same person and programme exists: count the person once. */
    shared: false,
  }));
  const keys = new Map<number, number>();
  for (const r of rows) keys.set(r.key, (keys.get(r.key) ?? 0) + 1);
  for (const r of rows) r.shared = keys.get(r.key)! > 1;
  const seen = new Set<ProgrammeCode>();

  const point = (m: Month): TrendPoint => {
    // Active entitlements this month, and who holds more than one in the overlap pool.
    const active: typeof rows = [];
    const pooled = new Map<number, number>();
    for (const r of rows) {
      const e = r.e;
      if (e.start > m || (e.end !== null && e.end < m)) continue;
      const term = termAt(e, m);
      if (!term || term.status !== 'active') continue;
      if (r.deathMonth !== null && r.deathMonth < m) continue;
      active.push(r);
      if (r.pooled) pooled.set(e.personId, (pooled.get(e.personId) ?? 0) + 1);
    }
    // The register's own computation (computeAmounts, as the month's figures and the ledger) for the
    // people it can change: the overlap rule (not paid: the other pays), a group ended by age, care
    // support whose cared person died, moved or lost their allowance (stop). Everyone else is counted as is.
    const ruledSet = new Set<number>();
    for (const r of active) {
      if ((r.stopFrom !== null && r.stopFrom <= m) || (r.pooled && (pooled.get(r.e.personId) ?? 0) > 1))
        ruledSet.add(r.e.personId);
    }
    const ruled = [...ruledSet];
    const notPaid = new Set(
      computeAmounts(ref, ruled.length ? states(m, ruled) : [], m)
        .filter((a) => a.note === OVERLAP_REASON || a.stop)
        .map((a) => a.entitlementId),
    );

    const counted = new Set<number>();
    const totals = new Map<ProgrammeCode, { total: number; nonCash: number }>();
    let total = 0;
    let nonCash = 0;
    for (const { e, key, shared } of active) {
      if (notPaid.has(e.id)) continue;
      if (shared) {
        if (counted.has(key)) continue;
        counted.add(key);
      }
      let t = totals.get(e.programme);
      if (!t) totals.set(e.programme, (t = { total: 0, nonCash: 0 }));
      t.total++;
      total++;
      if (isNonCash(methods.methodAt(e.personId, e.programme, m))) {
        t.nonCash++;
        nonCash++;
      }
    }
    const byProgramme: TrendPoint['byProgramme'] = {};
    for (const [programme, t] of totals) {
      byProgramme[programme] = cell(t.total, t.nonCash);
      seen.add(programme);
    }
    return { month: m, all: cell(total, nonCash), byProgramme };
  };

  const result = (points: TrendPoint[]): CampaignTrend => {
    const names = programmeNames(store);
    const programmes = PROGRAMME_CODES.filter((p) => seen.has(p)).map((programme) => ({
      programme,
      name: names.get(programme) ?? programme,
    }));
    return { month, points, programmes };
  };
  return { months, point, result };
}

/** Non-cash count and % for the `count` months up to `month`, oldest first (synchronous). */
export function campaignTrend(store: Store, month: Month, count = 12): CampaignTrend {
  const t = trendEvaluator(store, month, count);
  return t.result(t.months.map(t.point));
}

const cache = new WeakMap<object, { key: string; trend: CampaignTrend }>();

/**
 * The trend as a job (jobs.get: one step per month, then the CampaignTrend; jobs.cancel): at 100,000
 * people each month is a few hundred milliseconds, and main stays responsive between months. It writes
 * nothing. The last result is kept until the next write (total_changes(), as for the month's figures).
 */
export function startTrendJob(store: Store, month: Month): ChannelOutput<'campaign.trend'> {
  const changes = () => store.writeCount();
  const key = `${month}|${changes()}`;
  const jobId = startJob('campaign.trend', 'Đang tính diễn biến 12 tháng…', async (progress, signal) => {
    const hit = cache.get(store.sqlite);
    if (hit && hit.key === key) return hit.trend;
    const t = trendEvaluator(store, month);
    const points: TrendPoint[] = [];
    for (const m of t.months) {
      progress(points.length, t.months.length, `Đang tính tháng ${formatMonthVi(m)}…`);
      await yieldToEventLoop();
      signal.throwIfCancelled();
      points.push(t.point(m));
    }
    const trend = t.result(points);
    // Only if nothing was written meanwhile (months computed across writes could mix two states).
    if (`${month}|${changes()}` === key) cache.set(store.sqlite, { key, trend });
    return trend;
  });
  return { jobId };
}
