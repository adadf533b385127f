import type { Store } from '../../db/store';
import type {
  RelativeReceiver,
  WorkListFilter,
  WorkListInput,
  WorkListPage,
  WorkListRow,
  WorkListSort,
} from '@shared/api/campaign';
import { PROGRAMME_CODES, type ProgrammeCode } from '@shared/api/register';
import { householdKey, isNonCash } from '@shared/domain/campaign';
import { ageInYearsAtMonthEnd, formatBirthDate, type BirthDate, type Month } from '@shared/domain/dates';
import { PROTECTED_GROUP_LABEL, PROTECTED_GROUPS } from '@shared/domain/masking';
import { collationKey, compareVi } from '@shared/domain/text';
import { cachedMonthBeneficiaries } from './beneficiaries';
import { workListPeople, type WorkListPersonRow } from './queries';

// The campaign's work list: everyone still paid in cash (at the ward or by the post office) in a month,
// one row per person, for door-to-door visits.
//
// "A relative already receives for someone else" (the rule, since the register keeps no family links):
// yes when, in that month, the person themselves, or someone of the same household, is the receiver
// under an authorization that is paid that month (payable AUTHORIZED_ACCOUNT), for another beneficiary.
// A household is an address with a house number in the same neighbourhood (shared/domain/campaign.ts
// householdKey); "same household" covers both the receiver living at the person's address and a
// beneficiary at the person's address whose allowance a receiver already collects (that receiver
// already has the account and the habit, and is family of the household).

export interface WorkListEntry extends WorkListRow {
  neighbourhoodId: number | null;
  citizenId: string | null;
  gender: 'male' | 'female' | null;
  /** people.sort_key: given, family, middle in Vietnamese order (same order as compareNamesVi). */
  sortKey: string;
  addressKey: string;
  neighbourhoodRank: number;
}

type PersonRow = WorkListPersonRow;

const birthOf = (p: PersonRow): BirthDate | null =>
  p.birth_date && p.birth_precision !== 'unknown' ? { precision: p.birth_precision, value: p.birth_date } : null;

/** Everyone paid in cash in `month`, unsorted. */
export function workListEntries(store: Store, month: Month): WorkListEntry[] {
  const beneficiaries = cachedMonthBeneficiaries(store, month);
  const people = new Map(workListPeople(store).map((p) => [p.id, p]));
  const household = (p: PersonRow | undefined) => (p ? householdKey(p.address, p.neighbourhood ?? '') : null);

  // Receivers paid this month, by the receiver, and by household (the receiver's and the giver's).
  interface Receiving extends RelativeReceiver {
    receiverId: number;
    giverId: number;
  }
  const byReceiver = new Map<number, Receiving>();
  const byHousehold = new Map<string, Receiving[]>();
  for (const b of beneficiaries) {
    if (b.method !== 'AUTHORIZED_ACCOUNT' || b.receiverPersonId === null) continue;
    const receiver = people.get(b.receiverPersonId);
    const giver = people.get(b.personId);
    if (!receiver || !giver) continue;
    const r: Receiving = {
      receiverId: receiver.id,
      giverId: giver.id,
      receiverName: receiver.full_name,
      forName: giver.full_name,
    };
    if (!byReceiver.has(receiver.id)) byReceiver.set(receiver.id, r);
    for (const key of new Set([household(receiver), household(giver)])) {
      if (key) byHousehold.set(key, [...(byHousehold.get(key) ?? []), r]);
    }
  }
  const relativeOf = (p: PersonRow): RelativeReceiver | null => {
    const own = byReceiver.get(p.id);
    const found = own ?? (byHousehold.get(household(p) ?? '') ?? []).find((r) => r.giverId !== p.id);
    return found ? { receiverName: found.receiverName, forName: found.forName } : null;
  };

  const byPerson = new Map<number, WorkListEntry>();
  for (const b of beneficiaries) {
    if (isNonCash(b.method)) continue;
    const p = people.get(b.personId);
    if (!p) continue;
    const group = PROTECTED_GROUPS.has(b.groupKey) ? PROTECTED_GROUP_LABEL : b.groupKey;
    const existing = byPerson.get(p.id);
    if (existing) {
      existing.programmes.push(b.programme);
      if (!existing.groups.includes(group)) existing.groups.push(group);
      existing.fallbackReason ??= b.fallbackReason;
      continue;
    }
    const birth = birthOf(p);
    byPerson.set(p.id, {
      personId: p.id,
      fullName: p.full_name,
      birthText: birth ? formatBirthDate(birth) : '',
      age: birth ? ageInYearsAtMonthEnd(birth, month) : null,
      neighbourhood: p.neighbourhood ?? '',
      address: p.address,
      phone: p.phone,
      programmes: [b.programme],
      groups: [group],
      method: b.method,
      fallbackReason: b.fallbackReason,
      relative: relativeOf(p),
      neighbourhoodId: p.neighbourhood_id,
      citizenId: p.citizen_id,
      gender: p.gender,
      sortKey: p.sort_key,
      addressKey: '',
      neighbourhoodRank: 0,
    });
  }
  const entries = [...byPerson.values()];
  // Neighbourhoods in Vietnamese order (few of them), empty last; addresses by their collation key.
  const names = [...new Set(entries.map((e) => e.neighbourhood))].sort((a, b) =>
    a === '' ? 1 : b === '' ? -1 : compareVi(a, b),
  );
  const rank = new Map(names.map((n, i) => [n, i]));
  for (const e of entries) {
    e.neighbourhoodRank = rank.get(e.neighbourhood)!;
    e.addressKey = collationKey(e.address);
    e.programmes.sort((a, b) => PROGRAMME_CODES.indexOf(a) - PROGRAMME_CODES.indexOf(b));
  }
  return entries;
}

const programmeRank = (e: WorkListEntry) => PROGRAMME_CODES.indexOf(e.programmes[0] as ProgrammeCode);
const text = (a: string, b: string) => (a === b ? 0 : a === '' ? 1 : b === '' ? -1 : a < b ? -1 : 1);
const byName = (a: WorkListEntry, b: WorkListEntry) => text(a.sortKey, b.sortKey) || a.personId - b.personId;

/** Each column's order; ties by name (Vietnamese order). Empty values last. */
const COMPARE: Record<WorkListSort, (a: WorkListEntry, b: WorkListEntry) => number> = {
  name: byName,
  age: (a, b) => (a.age === b.age ? 0 : a.age === null ? 1 : b.age === null ? -1 : a.age - b.age) || byName(a, b),
  neighbourhood: (a, b) => a.neighbourhoodRank - b.neighbourhoodRank || byName(a, b),
  address: (a, b) => text(a.addressKey, b.addressKey) || a.neighbourhoodRank - b.neighbourhoodRank || byName(a, b),
  phone: (a, b) => text(a.phone, b.phone) || byName(a, b),
  programme: (a, b) => programmeRank(a) - programmeRank(b) || byName(a, b),
  method: (a, b) => (a.method === b.method ? 0 : a.method === 'CASH_WARD' ? -1 : 1) || byName(a, b),
  relative: (a, b) =>
    Number(b.relative !== null) - Number(a.relative !== null) ||
    a.neighbourhoodRank - b.neighbourhoodRank ||
    byName(a, b),
};

/** The filter (neighbourhood, programme) and the order of the screen and the export. */
export function selectWorkList(
  entries: readonly WorkListEntry[],
  filter: Omit<WorkListFilter, 'month'>,
): WorkListEntry[] {
  const rows = entries.filter(
    (e) =>
      (filter.neighbourhoodId === undefined || e.neighbourhoodId === filter.neighbourhoodId) &&
      (filter.programme === undefined || e.programmes.includes(filter.programme)),
  );
  const compare = COMPARE[filter.sort];
  return rows.sort(filter.descending ? (a, b) => compare(b, a) : compare);
}

const cache = new WeakMap<object, { key: string; entries: WorkListEntry[] }>();

/**
 * The entries of a month, computed once per state of the database: paging and re-sorting the list do not
 * recompute it. The key is the writer's total_changes() (store.writeCount()) (every write of this app goes through this one
 * connection), so any change since invalidates it.
 */
export function cachedWorkListEntries(store: Store, month: Month): WorkListEntry[] {
  const changes = store.writeCount();
  const key = `${month}|${changes}`;
  const hit = cache.get(store.sqlite);
  if (hit && hit.key === key) return hit.entries;
  const entries = workListEntries(store, month);
  cache.set(store.sqlite, { key, entries });
  return entries;
}

const toRow = (e: WorkListEntry): WorkListRow => ({
  personId: e.personId,
  fullName: e.fullName,
  birthText: e.birthText,
  age: e.age,
  neighbourhood: e.neighbourhood,
  address: e.address,
  phone: e.phone,
  programmes: e.programmes,
  groups: e.groups,
  method: e.method,
  fallbackReason: e.fallbackReason,
  relative: e.relative,
});

export function workListPage(store: Store, input: WorkListInput): WorkListPage {
  const entries = cachedWorkListEntries(store, input.month);
  const counts = new Map<number | null, { id: number | null; name: string; count: number; rank: number }>();
  for (const e of entries) {
    if (input.programme !== undefined && !e.programmes.includes(input.programme)) continue;
    const c = counts.get(e.neighbourhoodId);
    if (c) c.count++;
    else
      counts.set(e.neighbourhoodId, {
        id: e.neighbourhoodId,
        name: e.neighbourhood,
        count: 1,
        rank: e.neighbourhoodRank,
      });
  }
  const rows = selectWorkList(entries, input);
  return {
    month: input.month,
    total: rows.length,
    rows: rows.slice(input.offset, input.offset + input.limit).map(toRow),
    neighbourhoods: [...counts.values()]
      .sort((a, b) => a.rank - b.rank)
      .map(({ id, name, count }) => ({ id, name, count })),
  };
}
