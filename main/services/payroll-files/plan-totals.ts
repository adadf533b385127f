import type { FilesPlan } from '@shared/api/payroll-files';
import type { Store } from '../../db/store';
import { inNameOrder, shortBankName, type PayrollScope } from './lines';
import {
  assemblePlan,
  MISSING_NAMES,
  publicPlan,
  splitBanks,
  type Part,
  type PlanOptions,
  type PlanParts,
} from './plan';
import { anyRenamed, groupLineNames, listRowRows, planGroups, type PlanGroupRow } from './queries';
import { bankFileKey, hasBankAccount, isAccountLine, LIST_FILES, listKey, listRowKey, type ListMethod } from './rules';

// The files panel's plan without reading the lines: the files it shows, with their counts and totals, are
// those the export makes (planFiles over every line, sorted by name), yet the core reads only groups of
// alike lines (planGroups: a few hundred rows for 100,000 lines) and the payout lists' rows. The rules of
// rules.ts are applied to each group as the files apply them to each line, and assemblePlan names and
// orders both alike. tests/integration/payroll-files-plan-totals.test.ts holds the two to the same plan.

export function planTotals(store: Store, scope: PayrollScope, options: PlanOptions): FilesPlan {
  const ids = JSON.stringify(scope.payrolls.map((p) => p.id));
  const split = splitBanks(scope, options);
  const parts: PlanParts<null> = {
    all: { count: 0, totalVnd: 0, lines: null },
    banks: new Map(),
    missing: { count: 0, totalVnd: 0, names: [] },
    lists: new Map(),
  };
  const add = (part: { count: number; totalVnd: number }, g: PlanGroupRow) => {
    part.count += g.lineCount;
    part.totalVnd += g.totalVnd;
  };
  const missingGroups: PlanGroupRow[] = [];
  for (const g of planGroups(store, ids)) {
    add(parts.all, g);
    if (isAccountLine(g)) {
      if (hasBankAccount(g)) {
        const key = bankFileKey(g, split);
        let bank = parts.banks.get(key);
        if (!bank)
          parts.banks.set(key, (bank = { count: 0, totalVnd: 0, lines: null, bankName: shortBankName(g.bankName) }));
        add(bank, g);
      } else {
        add(parts.missing, g);
        missingGroups.push(g);
      }
      continue;
    }
    const list = LIST_FILES.find((f) => f.method === g.method);
    if (!list) continue;
    let own = parts.lists.get(list.method);
    if (!own) parts.lists.set(list.method, (own = new Map()));
    const key = listKey(g, options.listsBy);
    // The lines' amounts here; the list's count is its rows, counted below.
    const part = own.get(key) ?? { count: 0, totalVnd: 0, lines: null };
    part.totalVnd += g.totalVnd;
    own.set(key, part);
  }
  if (parts.lists.size > 0) countListRows(store, ids, parts.lists, options);
  if (missingGroups.length > 0) {
    const named = inNameOrder(groupLineNames(store, ids, missingGroups), anyRenamed(store, ids));
    parts.missing.names = named.slice(0, MISSING_NAMES).map((l) => l.fullName);
  }
  return publicPlan(assemblePlan(scope, parts, options));
}

/** Each list's count: its distinct rows (listRowKey) among the lines it holds (listKey). */
function countListRows(
  store: Store,
  ids: string,
  lists: Map<ListMethod, Map<string, Part<null>>>,
  options: PlanOptions,
): void {
  const rows = new Map<string, Set<string>>();
  for (const r of listRowRows(store, ids)) {
    const key = `${r.method}\u0000${listKey(r, options.listsBy)}`;
    let seen = rows.get(key);
    if (!seen) rows.set(key, (seen = new Set()));
    seen.add(listRowKey(r));
  }
  for (const [method, own] of lists) {
    for (const [key, part] of own) part.count = rows.get(`${method}\u0000${key}`)?.size ?? 0;
  }
}
