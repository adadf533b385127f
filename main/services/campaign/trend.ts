import type { ChannelOutput } from '@shared/api/contract';
import type { Store } from '../../db/store';
import type { CampaignTrend, TrendCell, TrendPoint } from '@shared/api/campaign';
import { PROGRAMME_CODES, type ProgrammeCode } from '@shared/api/register';
import { OVERLAP_PROGRAMMES, OVERLAP_REASON } from '@shared/domain/allowance';
import { percentTenths } from '@shared/domain/campaign';
import { addMonths, ageInYearsAt, formatMonthVi, parseMonth, type Month } from '@shared/domain/dates';
import { startJob, yieldToEventLoop } from '../../jobs';
import { computeAmounts, loadReference, loadStateHistory } from '../register/amounts';
import { nonCashHistory } from '../payout/in-force';
import { programmeNames } from './progress';
import { trendTermRows } from './queries';

// The 12-month trend by the same rules as the month's figures (beneficiaries.ts), without running the
// month's whole computation twelve times: the entitlements, their terms and their holders' life dates are
// read once (raw rows), and what each month needs of an entitlement is worked out once into typed arrays
// (whether it is active in each month, as a bit mask; from which month the rules may stop it). Amounts are
// only needed for the rules (who holds both a social allowance and the social pension is counted under the
// one that pays; a group ended by age; care support), so computeAmounts runs only for those few people. The
// method is payout/in-force.ts's rules, over its history read once for the twelve months (nonCashHistory),
// not one resolver query per month, and only for people with an account row (no one else can be non-cash).
// tests/integration/campaign.test.ts checks every month of the trend against campaignProgress.

const cell = (total: number, nonCash: number): TrendCell => ({
  total,
  nonCash,
  nonCashTenths: percentTenths(nonCash, total),
});

/** The trend month by month: `months` (oldest first), `point(m)` for each, then `result(points)`. */
export function trendEvaluator(store: Store, month: Month, count = 12) {
  if (count > 30) throw new Error('trendEvaluator: at most 30 months (one bit per month)');
  const first = addMonths(month, -(count - 1));
  const months = Array.from({ length: count }, (_, k) => addMonths(first, k));
  const monthIndex = new Map(months.map((m, k) => [m, k]));
  const rows = trendTermRows(store, first, month);
  const ref = loadReference(store);
  // Families of groups whose every band has an upper limit (BTXH-7 under 3, children under 16…): the age
  // at which the family ends. Only entitlements near or past it can be stopped by the age rule.
  const familyEnd = new Map<string, number>();
  for (const [family, members] of ref.families)
    if (members.every((g) => g.ageMax !== null)) familyEnd.set(family, Math.max(...members.map((g) => g.ageMax!)));
  const programmeIndex = new Map(PROGRAMME_CODES.map((p, i) => [p, i]));
  const parsed = months.map(parseMonth);
  const last = months[count - 1]!;
  /** How many months of the range are before `m` ('YYYY-MM'). */
  const before = (m: Month): number =>
    m <= first ? 0 : m > last ? count : (monthIndex.get(m) ?? months.filter((x) => x < m).length);
  /** How many months of the range are up to `m` (itself included). */
  const upTo = (m: Month): number => before(m) + (monthIndex.has(m) ? 1 : 0);
  /** Bits 0..k-1. */
  const bitsFrom = (k: number): number => (k >= 31 ? -1 : (1 << k) - 1);

  // One slot per entitlement (rows come entitlement by entitlement, terms oldest first).
  let n = 0;
  for (let i = 0; i < rows.length; i++) if (i === 0 || rows[i]![0] !== rows[i - 1]![0]) n++;
  const entId = new Float64Array(n);
  const personOf = new Float64Array(n);
  const programmeOf = new Uint8Array(n);
  /** Bit k: active in months[k] (in its period, a term in force that is active, the holder not dead before). */
  const activeMask = new Uint32Array(n);
  /** The first month index from which the rules may stop it (count: never). */
  const stopFrom = new Uint8Array(n);
  const pooledCandidates: number[] = []; // entitlements in the overlap pool (filtered below)
  const poolCount = new Map<number, number>();
  let slot = -1;
  let lastId = -1;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r[0] === lastId) continue;
    lastId = r[0];
    slot++;
    // This entitlement's terms: rows i..j-1.
    let j = i + 1;
    while (j < rows.length && rows[j]![0] === lastId) j++;
    const [, personId, programme, caredPersonId, start, end] = r;
    const deathMonth = r[11]?.slice(0, 7) ?? null;
    entId[slot] = lastId;
    personOf[slot] = personId;
    programmeOf[slot] = programmeIndex.get(programme)!;
    // Active in months[k]: in the period (start <= m <= end), the term in force (the last with from <= m)
    // active, and the holder not dead before m. Each as a range of month indexes, by string comparison
    // of 'YYYY-MM' months (below: how many months of the range are before or up to a month).
    const alive = deathMonth === null ? count : upTo(deathMonth);
    const periodFrom = before(start);
    const periodTo = Math.min(end === null ? count : upTo(end), alive);
    let mask = 0;
    for (let t = i; t < j; t++) {
      if (rows[t]![7] !== 'active') continue;
      const a = Math.max(before(rows[t]![6]), periodFrom);
      const b = Math.min(t + 1 < j ? before(rows[t + 1]![6]) : count, periodTo);
      if (a < b) mask |= bitsFrom(b) & ~bitsFrom(a);
    }
    activeMask[slot] = mask;
    // Care support (it follows the cared person) may stop from the first month; a group whose family ends
    // at an age, from the first month in which the age is within a year of that end.
    let from = count;
    if (caredPersonId !== null) from = 0;
    else {
      let endAge: number | undefined;
      for (let k = i; k < j; k++) {
        const g = rows[k]![8];
        const f = g ? familyEnd.get(ref.groups.get(g)?.family ?? '') : undefined;
        if (f !== undefined && (endAge === undefined || f > endAge)) endAge = f;
      }
      const birthDate = r[9];
      const precision = r[10];
      if (endAge !== undefined && birthDate && precision && precision !== 'unknown') {
        const birth = { precision, value: birthDate };
        let lo = 0;
        let hi = count; // first index whose age is >= endAge - 1 (count: none)
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (ageInYearsAt(birth, parsed[mid]!.year, parsed[mid]!.month) >= endAge - 1) hi = mid;
          else lo = mid + 1;
        }
        from = lo;
      }
    }
    stopFrom[slot] = from;
    if (OVERLAP_PROGRAMMES.has(programme)) {
      pooledCandidates.push(slot);
      poolCount.set(personId, (poolCount.get(personId) ?? 0) + 1);
    }
  }
  // Only someone holding two pooled entitlements in the range can hold two in a month.
  const pooled = new Uint8Array(n);
  for (const s of pooledCandidates) if (poolCount.get(personOf[s]!)! > 1) pooled[s] = 1;
  /** The entitlements the rules may stop in some month: those whose holder goes through computeAmounts. */
  const ruledCandidates: number[] = [];
  for (let s = 0; s < n; s++) if (stopFrom[s]! < count || pooled[s]) ruledCandidates.push(s);
  const states = loadStateHistory(store, [...new Set(ruledCandidates.map((s) => personOf[s]!))]);
  // The method history read once for all the months (one query, not one per month); only people with a
  // row paying to an account can be non-cash in any month.
  const methods = nonCashHistory(store, month);
  const toAccount = new Uint8Array(n);
  for (let s = 0; s < n; s++) if (methods.mayPayToAccount(personOf[s]!)) toAccount[s] = 1;
  // Another entitlement of the same person and programme exists: count the person once.
  const keyOf = (s: number) => personOf[s]! * 8 + programmeOf[s]!;
  const keys = new Map<number, number>();
  for (let s = 0; s < n; s++) keys.set(keyOf(s), (keys.get(keyOf(s)) ?? 0) + 1);
  const shared = new Uint8Array(n);
  for (let s = 0; s < n; s++) if (keys.get(keyOf(s))! > 1) shared[s] = 1;
  const seen = new Set<ProgrammeCode>();

  const point = (m: Month): TrendPoint => {
    const k = monthIndex.get(m);
    if (k === undefined) throw new Error(`trendEvaluator: ${m} is not one of its months`);
    const bit = 1 << k;
    // Who holds more than one active pooled entitlement this month.
    const pooledNow = new Map<number, number>();
    for (const s of pooledCandidates)
      if (pooled[s] && activeMask[s]! & bit) pooledNow.set(personOf[s]!, (pooledNow.get(personOf[s]!) ?? 0) + 1);
    // The register's own computation (computeAmounts, as the month's figures and the ledger) for the
    // people it can change: the overlap rule (not paid: the other pays), a group ended by age, care
    // support whose cared person died, moved or lost their allowance (stop). Everyone else is counted as is.
    const ruledSet = new Set<number>();
    for (const s of ruledCandidates) {
      if (!(activeMask[s]! & bit)) continue;
      if (stopFrom[s]! <= k || (pooled[s] && (pooledNow.get(personOf[s]!) ?? 0) > 1)) ruledSet.add(personOf[s]!);
    }
    const ruled = [...ruledSet];
    const notPaid = new Set<number>();
    if (ruled.length)
      for (const a of computeAmounts(ref, states(m, ruled), m))
        if (a.note === OVERLAP_REASON || a.stop) notPaid.add(a.entitlementId);

    const counted = new Set<number>();
    const total = new Int32Array(PROGRAMME_CODES.length);
    const nonCash = new Int32Array(PROGRAMME_CODES.length);
    const order: number[] = []; // programmes in the order first counted (the figures' key order)
    for (let s = 0; s < n; s++) {
      if (!(activeMask[s]! & bit)) continue;
      if (notPaid.size && notPaid.has(entId[s]!)) continue;
      if (shared[s]) {
        const key = keyOf(s);
        if (counted.has(key)) continue;
        counted.add(key);
      }
      const p = programmeOf[s]!;
      if (total[p] === 0) order.push(p);
      total[p] = total[p]! + 1;
      if (toAccount[s] && methods.nonCashAt(personOf[s]!, PROGRAMME_CODES[p]!, m)) nonCash[p] = nonCash[p]! + 1;
    }
    const byProgramme: TrendPoint['byProgramme'] = {};
    let all = 0;
    let allNonCash = 0;
    for (const p of order) {
      const programme = PROGRAMME_CODES[p]!;
      byProgramme[programme] = cell(total[p]!, nonCash[p]!);
      all += total[p]!;
      allNonCash += nonCash[p]!;
      seen.add(programme);
    }
    return { month: m, all: cell(all, allNonCash), byProgramme };
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
