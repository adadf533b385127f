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
import { bankFileKey, hasBankAccount, isAccountLine, LIST_FILES, listKey, listRowKey } from './rules';

// The files panel's plan without reading the lines: the files it shows, with their counts and totals, are
// those the export makes (planFiles over every line, sorted by name), yet the core reads only groups of
// alike account lines (planGroups: a few dozen rows) and the payout lists' lines added up by list row
// (listRowRows: a row a person and receiver, no name order). The rules of rules.ts are applied to each
// group or row as the files apply them to each line, and assemblePlan names and orders both alike.
// tests/integration/payroll-files-plan-totals.test.ts holds the two to the same plan.

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
    if (!isAccountLine(g)) continue;
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
  }
  countLists(store, ids, parts, options);
  if (missingGroups.length > 0) {
    const named = inNameOrder(groupLineNames(store, ids, missingGroups), anyRenamed(store, ids));
    parts.missing.names = named.slice(0, MISSING_NAMES).map((l) => l.fullName);
  }
  return publicPlan(assemblePlan(scope, parts, options));
}

/** The payout lists: their amounts, and their rows (listRowKey) among the lines each holds (listKey). */
function countLists(store: Store, ids: string, parts: PlanParts<null>, options: PlanOptions): void {
  const rows = new Map<Part<null>, Set<string>>();
  for (const r of listRowRows(store, ids)) {
    parts.all.count += r.lineCount;
    parts.all.totalVnd += r.totalVnd;
    const list = LIST_FILES.find((f) => f.method === r.method);
    if (!list) continue;
    let own = parts.lists.get(list.method);
    if (!own) parts.lists.set(list.method, (own = new Map()));
    const key = listKey(r, options.listsBy);
    let part = own.get(key);
    if (!part) own.set(key, (part = { count: 0, totalVnd: 0, lines: null }));
    part.totalVnd += r.totalVnd;
    let seen = rows.get(part);
    if (!seen) rows.set(part, (seen = new Set()));
    seen.add(listRowKey(r));
  }
  for (const [part, seen] of rows) part.count = seen.size;
}
