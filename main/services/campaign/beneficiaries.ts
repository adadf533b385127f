import type { Store } from '../../db/store';
import type { PayoutMethodCode, ProgrammeCode } from '@shared/api/register';
import { OVERLAP_REASON } from '@shared/domain/allowance';
import type { Month } from '@shared/domain/dates';
import { computeAmounts, loadReference, loadStates, type ReferenceTables } from '../register/amounts';
import { payoutResolver } from '../payout/in-force';
import { nccCategoryLabels } from './queries';

// Who is a beneficiary of which programme in a month, in which group, and how they are paid: the one
// list the dashboard figures, the trend and the work list are all made from.
//
// Active: an entitlement whose term in force that month is 'active', for a person not dead before the
// month (the month of death is paid), and not zeroed by the overlap rule (someone paid the social
// pension instead of the social allowance counts under the programme that pays). A person counts once
// per programme; when they hold two entitlements of the same programme, the group is the one paying more.
// Method: the method payable in the month (payout/in-force.ts: recorded method after the blocking rules).

export interface MonthBeneficiary {
  personId: number;
  programme: ProgrammeCode;
  /** Group code after the age rules, or for NCC the category written on the decision. */
  groupKey: string;
  amountVnd: number;
  /** Payable this month. */
  method: PayoutMethodCode;
  /** Recorded for this month. */
  registered: PayoutMethodCode;
  fallbackReason: string | null;
  /** The authorized receiver, when paid to an authorized account this month. */
  receiverPersonId: number | null;
}

export const NCC_NO_CATEGORY = 'Chưa ghi loại đối tượng';

/** NCC entitlements have no group: the dashboard groups them by the category on the decision. */
function categoryLabels(store: Store): Map<number, string> {
  return new Map(nccCategoryLabels(store).map((r) => [r.id, r.category_label]));
}

export interface BeneficiaryContext {
  ref: ReferenceTables;
  categories: Map<number, string>;
}

export function beneficiaryContext(store: Store): BeneficiaryContext {
  return { ref: loadReference(store), categories: categoryLabels(store) };
}

export function monthBeneficiaries(
  store: Store,
  month: Month,
  context: BeneficiaryContext = beneficiaryContext(store),
): MonthBeneficiary[] {
  const states = loadStates(store, month);
  const amounts = computeAmounts(context.ref, states, month);
  // computeAmounts returns one amount per state, in the states' order.
  const best = new Map<string, { index: number; amountVnd: number }>();
  for (let i = 0; i < states.length; i++) {
    const s = states[i]!;
    const a = amounts[i]!;
    if (s.status !== 'active') continue;
    if (s.deathDate && s.deathDate.slice(0, 7) < month) continue;
    if (a.note === OVERLAP_REASON) continue;
    if (a.stop) continue; // ended by age, or care support whose cared person is gone: not a beneficiary
    const key = `${s.personId}|${s.programme}`;
    const seen = best.get(key);
    if (!seen || a.amountVnd > seen.amountVnd) best.set(key, { index: i, amountVnd: a.amountVnd });
  }
  const resolver = payoutResolver(store, month);
  const out: MonthBeneficiary[] = [];
  for (const { index } of best.values()) {
    const s = states[index]!;
    const a = amounts[index]!;
    const programme = s.programme as ProgrammeCode;
    const groupKey =
      programme === 'NCC' ? context.categories.get(s.termId ?? -1) || NCC_NO_CATEGORY : (a.groupCode ?? '');
    const p = resolver.resolve(s.personId, programme);
    out.push({
      personId: s.personId,
      programme,
      groupKey,
      amountVnd: a.amountVnd,
      method: p.method,
      registered: p.registered,
      fallbackReason: p.fallbackReason,
      receiverPersonId: p.method === 'AUTHORIZED_ACCOUNT' ? p.receiverPersonId : null,
    });
  }
  return out;
}

const cache = new WeakMap<object, Map<Month, { changes: number; list: MonthBeneficiary[] }>>();

/**
 * monthBeneficiaries, kept per month until the next write: the dashboard's figures and the work list
 * (opened together, paged and re-sorted) share one computation. The key is the connection's
 * the writer's total_changes() (store.writeCount()): every write of the app goes through this one connection, so any write since
 * (a method change, an import, a decision) invalidates it; the cache belongs to the connection (a restore
 * swaps the store's connection, and with it the cache). Callers must not modify the list.
 */
export function cachedMonthBeneficiaries(store: Store, month: Month): readonly MonthBeneficiary[] {
  const changes = store.writeCount();
  let byMonth = cache.get(store.sqlite);
  if (!byMonth) cache.set(store.sqlite, (byMonth = new Map()));
  const hit = byMonth.get(month);
  if (hit && hit.changes === changes) return hit.list;
  const list = monthBeneficiaries(store, month);
  if (byMonth.size >= 3) byMonth.delete(byMonth.keys().next().value!);
  byMonth.set(month, { changes, list });
  return list;
}
