import type { Store } from '../../db/store';
import type { PayoutMethodCode } from '@shared/api/register';
import type { AmountComponent, LineKind } from '@shared/api/payroll';
import { formatDateVi, formatMonthVi, type Month } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import { computeAmounts, loadReference, loadStates, type EntitlementState } from '../register/amounts';
import { payoutResolver, type PayoutInForce } from '../payout/in-force';
import { notCollectedStreaks } from './watch';
import { COMPONENT_OF, planLedger, type LedgerOpenRow } from '../ledger/plan';
import { REASON_TEXT } from '../ledger/core';
import type { LedgerComponent, LedgerReason } from '@shared/api/ledger';
import {
  caredPersonNames,
  carriedLinesDue,
  componentsInForce,
  deceasedSince,
  heirsById,
  oneOffItemsDue,
  personIdsInNameOrder,
  type HeirRow,
} from './queries/plan';

// What a month's payroll should hold, computed from the register without writing anything: regular
// amounts (the register's own monthly rules: age transitions, the standard level of the month, the
// highest-amount rule, care support), one-off items due and not yet in an approved payroll (arrears,
// funeral support, corrections), and lines of earlier approved payrolls carried over (or converted to
// cash) that no approved payroll has picked up yet. Each line is a full snapshot of the person, the
// amount and the payout used, so later register changes never alter it; the person's details (name,
// birth, ID, address) are copied from the register by SQLite as the lines are written (queries/build.ts).
//
// A generator: it yields its progress between chunks of people, so the build job can report progress,
// let other calls run and honour Cancel; the differences view runs it straight through.

export interface PlannedLine {
  programme: string;
  personId: number;
  entitlementId: number | null;
  oneOffItemId: number | null;
  carriedFromLineId: number | null;
  kind: LineKind;
  groupCode: string | null;
  groupLabel: string;
  coefficientMilli: number | null;
  standardVnd: number | null;
  components: AmountComponent[];
  amountVnd: number;
  method: PayoutMethodCode;
  registeredMethod: PayoutMethodCode;
  bankCode: string | null;
  bankAccountId: number | null;
  branch: string | null;
  accountNumber: string | null;
  holderName: string | null;
  authorizationId: number | null;
  receiverPersonId: number | null;
  receiverName: string | null;
  attentionNote: string;
  note: string;
  /** The person's place in the register's name order. */
  rank: number;
  /** The service month(s) the line pays (ledger); none for a carried-over line (it re-sends its origin's money). */
  months: LineMonth[];
  /** Arrears: the period, its number of months with a difference, and why. */
  periodFrom: Month | null;
  periodTo: Month | null;
  periodMonths: number | null;
  ledgerReason: LedgerReason | null;
  /** Paid to the heir of a deceased beneficiary. */
  heirId: number | null;
}

export interface LineMonth {
  component: LedgerComponent;
  entitlementId: number | null;
  month: Month;
  amountVnd: number;
  paidBeforeVnd: number;
  recoveryId: number | null;
}

/** The lines per programme, and what the ledger leaves open (overpaid months, money held for an heir). */
export type PlannedPayrolls = Map<string, PlannedLine[]> & { open?: Map<string, LedgerOpenRow[]>; ledgerSeq?: number };

export interface PlanProgress {
  done: number;
  total: number;
}

/** Lines of one programme come in this order within a person. */
const KIND_ORDER: Record<LineKind, number> = { regular: 0, care: 1, arrears: 2, funeral: 3, other: 4, carryover: 5 };
// People planned between two yields to the event loop: ~1,000 keep each step of a 100,000-person build
// to a few tens of ms, so the core answers searches meanwhile (bench/responsiveness.ts).
const CHUNK = 1_000;

/**
 * The states in the register's name order (`rank`: a person's place in it), each person's in the order
 * given: a counting sort, with no list per person (100,000 small arrays kept for the whole plan). A state
 * whose person has no rank (added after the name order was read) is left out, as the person is.
 */
function inRankOrder(states: readonly EntitlementState[], rank: ReadonlyMap<number, number>): EntitlementState[] {
  const ranks = states.map((s) => rank.get(s.personId) ?? -1);
  // next[r]: where the next state of the person ranked r goes (first, the count of those ranked before).
  const next = new Int32Array(rank.size + 1);
  for (const r of ranks) if (r >= 0) next[r + 1]!++;
  for (let r = 0; r < rank.size; r++) next[r + 1]! += next[r]!;
  const ordered = new Array<EntitlementState>(next[rank.size]!);
  states.forEach((s, i) => {
    const r = ranks[i]!;
    if (r >= 0) ordered[next[r]!++] = s;
  });
  return ordered;
}

/** How many people the states (each person's together) are of. */
function countPeople(states: readonly EntitlementState[]): number {
  let people = 0;
  for (let i = 0; i < states.length; i++) if (i === 0 || states[i]!.personId !== states[i - 1]!.personId) people++;
  return people;
}

/** The states (each person's together) in runs of `size` people, a person's never split: the highest-amount rule compares them. */
function* chunksOfPeople(states: readonly EntitlementState[], size: number): Generator<EntitlementState[]> {
  let from = 0;
  let people = 0;
  for (let i = 1; i <= states.length; i++) {
    if (i < states.length && states[i]!.personId === states[i - 1]!.personId) continue;
    if (++people === size || i === states.length) {
      yield states.slice(from, i);
      from = i;
      people = 0;
    }
  }
}

/** 2500 → '2,5' (Intl formatting is too slow for 100,000 lines). */
const milliText = (milli: number): string => String(milli / 1000).replace('.', ',');

/** Why an account payment cannot go ahead this month, after the payout rules (fallbacks) are applied. */
function payoutSnapshot(
  payout: PayoutInForce,
): Pick<
  PlannedLine,
  | 'method'
  | 'registeredMethod'
  | 'bankCode'
  | 'bankAccountId'
  | 'branch'
  | 'accountNumber'
  | 'holderName'
  | 'authorizationId'
  | 'receiverPersonId'
  | 'receiverName'
> & { attention: string[] } {
  const attention: string[] = [];
  let method = payout.method;
  if (payout.fallbackReason) attention.push(payout.fallbackReason);
  const byAccount = method === 'OWN_ACCOUNT' || method === 'AUTHORIZED_ACCOUNT';
  if (byAccount && !payout.accountNumber) {
    attention.push('Thiếu số tài khoản: chi tiền mặt tại UBND.');
    method = 'CASH_WARD';
  }
  const account = method === 'OWN_ACCOUNT' || method === 'AUTHORIZED_ACCOUNT';
  return {
    method,
    registeredMethod: payout.registered,
    bankCode: account ? payout.bankCode : null,
    bankAccountId: account ? payout.bankAccountId : null,
    branch: account ? payout.branch : null,
    accountNumber: account ? payout.accountNumber : null,
    holderName: account ? payout.holderName : null,
    authorizationId: payout.authorizationId,
    receiverPersonId: payout.receiverPersonId,
    receiverName: payout.receiverName,
    attention,
  };
}

const CASH: ReturnType<typeof payoutSnapshot> = {
  method: 'CASH_WARD',
  registeredMethod: 'CASH_WARD',
  bankCode: null,
  bankAccountId: null,
  branch: null,
  accountNumber: null,
  holderName: null,
  authorizationId: null,
  receiverPersonId: null,
  receiverName: null,
  attention: [],
};

/**
 * Plans the payroll lines of `month` for the programmes wanted (all when undefined), per programme,
 * sorted in the register's name order. Reads only.
 */
export function* planPayroll(
  store: Store,
  month: Month,
  wanted?: ReadonlySet<string>,
): Generator<PlanProgress, PlannedPayrolls> {
  const want = (programme: string) => !wanted || wanted.has(programme);
  const ref = loadReference(store);
  const states = loadStates(store, month).filter((s) => want(s.programme));
  const inNameOrder = personIdsInNameOrder(store);
  const rank = new Map<number, number>();
  for (const id of inNameOrder) rank.set(id, rank.size);
  // The loading below is synchronous too: let other calls in between its big steps.
  yield { done: 0, total: 0 };
  const resolver = payoutResolver(store, month);
  yield { done: 0, total: 0 };
  const streaks = notCollectedStreaks(store, month);
  const components = new Map<number, AmountComponent[]>();
  for (const c of componentsInForce(store, month)) {
    const list = components.get(c.term_id);
    const item = { kind: c.kind, label: c.label_vi, amountVnd: c.amount_vnd };
    if (list) list.push(item);
    else components.set(c.term_id, [item]);
  }
  const caredNames = new Map<number, string>(caredPersonNames(store).map((r) => [r.id, r.full_name]));
  const items = oneOffItemsDue(store, month).filter((i) => want(i.programme));
  const carried = carriedLinesDue(store, month).filter((c) => want(c.programme));

  // In the register's name order, so the regular lines come out sorted and the final sort has little to do.
  const ordered = inRankOrder(states, rank);
  const people = countPeople(ordered);
  const total = people + items.length + carried.length;
  const lines: PlannedLine[] = [];

  type Payout = ReturnType<typeof payoutSnapshot>;
  type Rest = Pick<
    PlannedLine,
    | 'entitlementId'
    | 'oneOffItemId'
    | 'carriedFromLineId'
    | 'kind'
    | 'groupCode'
    | 'groupLabel'
    | 'coefficientMilli'
    | 'standardVnd'
    | 'components'
    | 'amountVnd'
    | 'note'
    | 'months'
  > &
    Partial<Pick<PlannedLine, 'periodFrom' | 'periodTo' | 'periodMonths' | 'ledgerReason' | 'heirId'>>;
  /** One line of fixed shape (no spreads: 100,000 of them). */
  const line = (personId: number, programme: string, payout: Payout, r: Rest, attention: string[]): PlannedLine => ({
    programme,
    personId,
    entitlementId: r.entitlementId,
    oneOffItemId: r.oneOffItemId,
    carriedFromLineId: r.carriedFromLineId,
    kind: r.kind,
    groupCode: r.groupCode,
    groupLabel: r.groupLabel,
    coefficientMilli: r.coefficientMilli,
    standardVnd: r.standardVnd,
    components: r.components,
    amountVnd: r.amountVnd,
    method: payout.method,
    registeredMethod: payout.registeredMethod,
    bankCode: payout.bankCode,
    bankAccountId: payout.bankAccountId,
    branch: payout.branch,
    accountNumber: payout.accountNumber,
    holderName: payout.holderName,
    authorizationId: payout.authorizationId,
    receiverPersonId: payout.receiverPersonId,
    receiverName: payout.receiverName,
    attentionNote: attention.length ? attention.join(' ') : '',
    note: r.note,
    rank: rank.get(personId) ?? Number.MAX_SAFE_INTEGER,
    months: r.months,
    periodFrom: r.periodFrom ?? null,
    periodTo: r.periodTo ?? null,
    periodMonths: r.periodMonths ?? null,
    ledgerReason: r.ledgerReason ?? null,
    heirId: r.heirId ?? null,
  });
  // Shared by every line with the same coefficient and standard (the writer serialises each once).
  const coefficientParts = new Map<string, AmountComponent[]>();
  const coefficientComponent = (milli: number, standard: number, amount: number): AmountComponent[] => {
    const key = `${milli}|${standard}|${amount}`;
    let parts = coefficientParts.get(key);
    if (!parts)
      coefficientParts.set(
        key,
        (parts = [
          { kind: 'main', label: `Hệ số ${milliText(milli)} × mức chuẩn ${formatVnd(standard)}`, amountVnd: amount },
        ]),
      );
    return parts;
  };
  const streakNote = (personId: number, programme: string): string | null => {
    if (!streaks.size) return null;
    const months = streaks.get(`${personId}|${programme}`);
    return months && months.length >= 2
      ? `Không đến nhận ${months.length} tháng liên tiếp (${months.map(formatMonthVi).join(', ')}).`
      : null;
  };
  /** The payout's attention, the not-collected streak, then `extra`: the payout's own array when nothing is added (most lines). */
  const attentionOf = (payout: Payout, personId: number, programme: string, extra: string | null): string[] => {
    const streak = streakNote(personId, programme);
    if (streak === null && extra === null) return payout.attention;
    const attention = [...payout.attention];
    if (streak !== null) attention.push(streak);
    if (extra !== null) attention.push(extra);
    return attention;
  };

  // The ledger: earlier service months that now differ from what was paid, the deceased and their heirs.
  const ledger = planLedger(store, ref, month, want);
  const paidThisMonth = ledger.paidThisMonth;
  const open = new Map<string, LedgerOpenRow[]>();
  const addOpen = (row: LedgerOpenRow) => {
    const list = open.get(row.programme);
    if (list) list.push(row);
    else open.set(row.programme, [row]);
  };
  for (const row of ledger.open) addOpen(row);
  // People whose death is recorded and who are still owed this month: their money goes to the heir or is held.
  const deceased = new Map<number, number | null>(deceasedSince(store, `${month}-01`).map((r) => [r.id, r.heir_id]));
  const heirIds = new Set<number>([...deceased.values()].filter((h): h is number => h !== null));
  for (const a of ledger.arrears) if (a.heirId) heirIds.add(a.heirId);
  const heirs = new Map<number, HeirRow>(heirIds.size ? heirsById(store, [...heirIds]).map((h) => [h.id, h]) : []);
  const heirPayout = (heirId: number): Payout => {
    const h = heirs.get(heirId)!;
    const account = h.method === 'OWN_ACCOUNT';
    return {
      ...CASH,
      method: h.method,
      registeredMethod: h.method,
      bankCode: account ? h.bank_code : null,
      branch: account ? h.branch : null,
      accountNumber: account ? h.account_number : null,
      holderName: account ? h.holder_name : null,
      receiverName: h.full_name,
    };
  };
  const heirNote = (heirId: number): string => {
    const h = heirs.get(heirId)!;
    return `Chi cho người thừa kế ${h.full_name} (${h.relationship}), ${h.paper_kind} số ${h.paper_number} ngày ${formatDateVi(h.paper_date)}`;
  };

  let done = 0;
  for (const chunk of chunksOfPeople(ordered, CHUNK)) {
    // One amount per state, in the chunk's order.
    const amounts = computeAmounts(ref, chunk, month);
    for (let k = 0; k < amounts.length; k++) {
      const a = amounts[k]!;
      if (a.amountVnd <= 0) continue;
      const component = COMPONENT_OF[a.programme] ?? 'other';
      // Already paid for this month (a later payroll was approved first): the ledger pays the difference.
      if (paidThisMonth.size && paidThisMonth.has(`${a.personId}|${component}`)) continue;
      const heirId = deceased.has(a.personId) ? deceased.get(a.personId)! : undefined;
      if (heirId === null) {
        addOpen({
          programme: a.programme,
          personId: a.personId,
          component,
          entitlementId: a.entitlementId,
          month,
          kind: 'held',
          owedVnd: a.amountVnd,
          paidVnd: 0,
          reason: 'death',
        });
        continue;
      }
      const payout = heirId ? heirPayout(heirId) : payoutSnapshot(resolver.resolve(a.personId, a.programme));
      const recorded = ref.amountRules.get(a.programme) === 'recorded';
      const parts: AmountComponent[] = recorded
        ? (components.get(chunk[k]!.termId ?? -1) ?? [])
        : coefficientComponent(a.coefficientMilli ?? 0, a.standardVnd ?? 0, a.amountVnd);
      const cared = caredNames.get(a.entitlementId);
      // Most lines have the amount's note alone.
      const note =
        cared || heirId
          ? [cared ? `Chăm sóc, nuôi dưỡng: ${cared}` : '', a.note, heirId ? heirNote(heirId) : '']
              .filter(Boolean)
              .join(' ')
          : a.note;
      const attention = attentionOf(payout, a.personId, a.programme, a.outOfBand ? a.note : null);
      lines.push(
        line(
          a.personId,
          a.programme,
          payout,
          {
            entitlementId: a.entitlementId,
            oneOffItemId: null,
            carriedFromLineId: null,
            kind: a.programme === 'BTXH_CARE' ? 'care' : 'regular',
            groupCode: a.groupCode,
            groupLabel: a.groupCode ? (ref.groups.get(a.groupCode)?.label ?? '') : '',
            coefficientMilli: a.coefficientMilli,
            standardVnd: a.standardVnd,
            components: parts,
            amountVnd: a.amountVnd,
            note,
            months: [
              {
                component,
                entitlementId: a.entitlementId,
                month,
                amountVnd: a.amountVnd,
                paidBeforeVnd: 0,
                recoveryId: null,
              },
            ],
            heirId: heirId ?? null,
          },
          attention,
        ),
      );
    }
    done = Math.min(done + CHUNK, people);
    yield { done, total };
  }

  // Overpayments the officer decided to deduct: taken from this month's line of the same component, month by month.
  const monthLineOf = new Map<string, PlannedLine>();
  if (ledger.deductions.size) {
    for (const l of lines) {
      const key = `${l.personId}|${l.months[0]?.component}`;
      if (l.months[0]?.month === month && !l.heirId && !monthLineOf.has(key)) monthLineOf.set(key, l);
    }
  }
  for (const [key, pending] of ledger.deductions) {
    const component = key.split('|')[1] as LedgerComponent;
    const target = monthLineOf.get(key);
    if (!target) continue;
    let amount = target.amountVnd;
    const taken: LineMonth[] = [];
    for (const d of pending) {
      if (amount <= 0) break;
      const x = Math.min(amount, d.amountVnd);
      amount -= x;
      taken.push({
        component,
        entitlementId: target.entitlementId,
        month: d.month,
        amountVnd: -x,
        paidBeforeVnd: d.paidBeforeVnd,
        recoveryId: d.recoveryId,
      });
    }
    if (!taken.length) continue;
    const deducted = target.amountVnd - amount;
    target.amountVnd = amount;
    target.months = [...target.months, ...taken];
    target.components = [
      ...target.components,
      {
        kind: 'recovery',
        label: `Thu hồi chi thừa (truy thu) ${taken.map((t) => formatMonthVi(t.month)).join(', ')}`,
        amountVnd: -deducted,
      },
    ];
    target.note = [target.note, `Đã trừ thu hồi chi thừa ${formatVnd(deducted)} đồng.`].filter(Boolean).join(' ');
  }

  for (const a of ledger.arrears) {
    const run = a.run;
    const from = run.cells[0]!.month;
    const to = run.cells[run.cells.length - 1]!.month;
    const payout = a.heirId ? heirPayout(a.heirId) : payoutSnapshot(resolver.resolve(a.personId, a.programme));
    const period =
      from === to ? `tháng ${formatMonthVi(from)}` : `từ tháng ${formatMonthVi(from)} đến tháng ${formatMonthVi(to)}`;
    const label = `Truy lĩnh ${period} (${run.cells.length} tháng): ${REASON_TEXT[run.reason]}`;
    lines.push(
      line(
        a.personId,
        a.programme,
        payout,
        {
          entitlementId: a.entitlementId,
          oneOffItemId: null,
          carriedFromLineId: null,
          kind: 'arrears',
          groupCode: null,
          groupLabel: '',
          coefficientMilli: null,
          standardVnd: null,
          components: [{ kind: 'arrears', label, amountVnd: run.amountVnd }],
          amountVnd: run.amountVnd,
          note: [label, a.heirId ? heirNote(a.heirId) : ''].filter(Boolean).join(' — '),
          months: run.cells.map((c) => ({
            component: a.component,
            entitlementId: c.owedBy[0]?.entitlementId ?? a.entitlementId,
            month: c.month,
            amountVnd: c.owedVnd - c.paidVnd + c.settledVnd,
            paidBeforeVnd: c.paidVnd,
            recoveryId: null,
          })),
          periodFrom: from,
          periodTo: to,
          periodMonths: run.cells.length,
          ledgerReason: run.reason,
          heirId: a.heirId,
        },
        payout.attention,
      ),
    );
  }

  for (const item of items) {
    // Funeral support goes to whoever organised the funeral, in cash against a signature (assumption).
    // Funeral money and the allowances decided for a named person go in cash to that person, not by the deceased's method.
    const payout =
      item.kind === 'funeral' || item.payee_name
        ? { ...CASH, receiverName: item.payee_name || null }
        : payoutSnapshot(resolver.resolve(item.person_id, item.programme));
    const label = item.kind === 'arrears' ? 'Truy lĩnh' : item.kind === 'funeral' ? 'Hỗ trợ mai táng' : 'Điều chỉnh';
    const attention = [
      ...payout.attention,
      ...(item.due_month < month ? [`Khoản của tháng ${formatMonthVi(item.due_month)} chưa được chi.`] : []),
    ];
    lines.push(
      line(
        item.person_id,
        item.programme,
        payout,
        {
          entitlementId: item.entitlement_id,
          oneOffItemId: item.id,
          carriedFromLineId: null,
          kind: item.kind,
          groupCode: null,
          groupLabel: '',
          coefficientMilli: null,
          standardVnd: null,
          components: [{ kind: item.kind, label: item.note || label, amountVnd: item.amount_vnd }],
          amountVnd: item.amount_vnd,
          note: [item.note || label, item.payee_name ? `Người nhận: ${item.payee_name}` : '']
            .filter(Boolean)
            .join(' — '),
          months: [
            {
              component: item.kind === 'funeral' ? 'funeral' : 'other',
              entitlementId: item.entitlement_id,
              month: item.due_month,
              amountVnd: item.amount_vnd,
              paidBeforeVnd: 0,
              recoveryId: null,
            },
          ],
        },
        attention,
      ),
    );
  }
  yield { done: people + items.length, total };

  for (const c of carried) {
    // Carried over: paid by the method in force now; converted to cash (or funeral money): cash at the ward.
    const cash = c.status === 'converted_to_cash' || c.kind === 'funeral';
    const payout = cash
      ? { ...CASH, registeredMethod: c.method, receiverName: c.receiver_name }
      : payoutSnapshot(resolver.resolve(c.person_id, c.programme));
    const why =
      c.last_status === 'not_collected'
        ? 'không đến nhận'
        : c.last_reason
          ? `chi không thành công: ${c.last_reason}`
          : 'chưa chi được';
    lines.push(
      line(
        c.person_id,
        c.programme,
        payout,
        {
          entitlementId: c.entitlement_id,
          oneOffItemId: null,
          carriedFromLineId: c.id,
          kind: 'carryover',
          groupCode: c.group_code,
          groupLabel: c.group_label,
          coefficientMilli: c.coefficient_milli,
          standardVnd: c.standard_vnd,
          components: c.components_json ? (JSON.parse(c.components_json) as AmountComponent[]) : [],
          amountVnd: c.amount_vnd,
          note: `Chi bù tháng ${formatMonthVi(c.month)} (${why})${c.status === 'converted_to_cash' ? ', chuyển chi tiền mặt' : ''}${c.note ? `: ${c.note}` : ''}`,
          months: [],
        },
        attentionOf(payout, c.person_id, c.programme, null),
      ),
    );
  }
  yield { done: total, total };

  const byProgramme: PlannedPayrolls = new Map<string, PlannedLine[]>();
  byProgramme.open = open;
  byProgramme.ledgerSeq = ledger.seq;
  lines.sort(
    (a, b) =>
      a.rank - b.rank ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      (a.entitlementId ?? 0) - (b.entitlementId ?? 0) ||
      (a.oneOffItemId ?? 0) - (b.oneOffItemId ?? 0) ||
      (a.carriedFromLineId ?? 0) - (b.carriedFromLineId ?? 0),
  );
  for (const line of lines) {
    const list = byProgramme.get(line.programme);
    if (list) list.push(line);
    else byProgramme.set(line.programme, [line]);
  }
  return byProgramme;
}

/** Runs the plan to the end without yielding to anyone (reads only). */
export function planNow(store: Store, month: Month, wanted?: ReadonlySet<string>): PlannedPayrolls {
  const steps = planPayroll(store, month, wanted);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
