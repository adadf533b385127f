import type { Store } from '../../db/store';
import type { PayoutMethodCode } from '@shared/api/register';
import type { Month } from '@shared/domain/dates';
import { payoutBlockReason, type PayoutBlockFacts } from '@shared/domain/payout';
import { allRenewals, type RenewalRow } from './queries/authorizations';
import { forEachHistoryRow, methodRowsUpTo, type HistoryRow, type MethodRow } from './queries/methods';

// How a person is paid in a month: the payout method recorded for that month (history in payout_methods:
// the latest row with effective_from <= month, for the programme or for all programmes), and what can
// actually be paid after the blocking rules (payments.md): a closed account, or an authorization that is
// expired, revoked, not yet in force, not certified (issue 14), or whose giver has died, blocks payment to that account; the
// payment then falls back to cash at the ward and says why. Used by the person page, the payroll build,
// the campaign dashboard: one definition. Bulk: one query per table for the whole register.

export interface PayoutInForce {
  personId: number;
  programme: string;
  /** The method recorded for the month (what the register says). */
  registered: PayoutMethodCode;
  /** What is payable this month: `registered`, or CASH_WARD when blocked. */
  method: PayoutMethodCode;
  /** Why the payment falls back to cash (Vietnamese), or null. */
  fallbackReason: string | null;
  /** The payout_methods row in force (null when nothing is recorded: cash by default). */
  payoutMethodId: number | null;
  effectiveFrom: Month | null;
  bankAccountId: number | null;
  bankCode: string | null;
  branch: string | null;
  accountNumber: string | null;
  holderName: string | null;
  authorizationId: number | null;
  receiverPersonId: number | null;
  receiverName: string | null;
  authorizationValidTo: string | null;
  /** An authorization without the ward's certification date recorded (imported ones, or pending). */
  authorizationUncertified: boolean;
}

/** Why payment to the account cannot go ahead in `month`, or null: the pure rule of shared/domain/payout.ts. */
export function blockReason(row: PayoutBlockFacts, month: Month): string | null {
  return payoutBlockReason(row, month);
}

/**
 * The authorization of the chain that serves `month`: the row's own while its term has not ended before the
 * month, else its renewal (and the renewal's, …). A renewal revoked before it started ends the chain. So a
 * renewal needs no new payout method row (none in a month an approved payroll already paid).
 */
function followRenewals<
  R extends Pick<MethodRow, 'authorization_id' | 'valid_from' | 'valid_to' | 'revoked_date' | 'certified_date'>,
>(row: R, renewals: ReadonlyMap<number, RenewalRow>, month: Month): R {
  const first = `${month}-01`;
  let current = row;
  for (
    let hops = 0;
    hops < 50 && current.authorization_id !== null && current.valid_to !== null && current.valid_to < first;
    hops++
  ) {
    const next = renewals.get(current.authorization_id);
    if (!next || (next.revoked_date && next.revoked_date <= next.valid_from)) break;
    current = {
      ...current,
      authorization_id: next.id,
      valid_from: next.valid_from,
      valid_to: next.valid_to,
      revoked_date: next.revoked_date,
      certified_date: next.certified_date,
    };
  }
  return current;
}

function toInForce(personId: number, programme: string, row: MethodRow | undefined, month: Month): PayoutInForce {
  if (!row) {
    return {
      personId,
      programme,
      registered: 'CASH_WARD',
      method: 'CASH_WARD',
      fallbackReason: null,
      payoutMethodId: null,
      effectiveFrom: null,
      bankAccountId: null,
      bankCode: null,
      branch: null,
      accountNumber: null,
      holderName: null,
      authorizationId: null,
      receiverPersonId: null,
      receiverName: null,
      authorizationValidTo: null,
      authorizationUncertified: false,
    };
  }
  const reason = blockReason(row, month);
  const authorized = row.method === 'AUTHORIZED_ACCOUNT';
  return {
    personId,
    programme,
    registered: row.method,
    method: reason ? 'CASH_WARD' : row.method,
    fallbackReason: reason,
    payoutMethodId: row.id,
    effectiveFrom: row.effective_from,
    bankAccountId: row.bank_account_id,
    bankCode: row.bank_code,
    branch: row.branch,
    accountNumber: row.account_number,
    holderName: row.holder_name,
    authorizationId: row.authorization_id,
    receiverPersonId: authorized ? row.receiver_person_id : null,
    receiverName: authorized ? row.receiver_name : null,
    authorizationValidTo: authorized ? row.valid_to : null,
    authorizationUncertified: authorized && !row.certified_date,
  };
}

/**
 * The later of two rows: the later effective month; on the same month the row recorded last (a change
 * recorded for all programmes from the month an imported per-programme row starts replaces it, as
 * register_summary's method reads it).
 */
function later<R extends Pick<MethodRow, 'id' | 'effective_from'>>(a: R | undefined, b: R): R {
  if (!a) return b;
  if (a.effective_from !== b.effective_from) return a.effective_from > b.effective_from ? a : b;
  return a.id > b.id ? a : b;
}

export interface PayoutResolver {
  month: Month;
  resolve(personId: number, programme: string): PayoutInForce;
}

/**
 * Loads the method history up to `month` (for everyone, or for some people) and answers per person and
 * programme. One query: ~100 ms for 100,000 people.
 */
export function payoutResolver(store: Store, month: Month, personIds?: readonly number[]): PayoutResolver {
  const rows = personIds ? personIds.flatMap((id) => methodRowsUpTo(store, month, id)) : methodRowsUpTo(store, month);
  // Per person: the latest row for all programmes, and the latest for each programme of the few people
  // with rows for one programme ('' or NULL = all programmes): not a map per person, 100,000 of them.
  const forAll = new Map<number, MethodRow>();
  const perProgramme = new Map<number, Map<string, MethodRow>>();
  for (const row of rows) {
    if (!row.programme_code) {
      forAll.set(row.person_id, later(forAll.get(row.person_id), row));
      continue;
    }
    let byProgramme = perProgramme.get(row.person_id);
    if (!byProgramme) perProgramme.set(row.person_id, (byProgramme = new Map()));
    byProgramme.set(row.programme_code, later(byProgramme.get(row.programme_code), row));
  }
  const renewals = loadRenewals(store);
  return {
    month,
    resolve(personId, programme) {
      const own = perProgramme.size ? perProgramme.get(personId)?.get(programme) : undefined;
      const all = forAll.get(personId);
      const row = own && all ? later(own, all) : (own ?? all);
      return toInForce(
        personId,
        programme,
        row && row.method === 'AUTHORIZED_ACCOUNT' ? followRenewals(row, renewals, month) : row,
        month,
      );
    },
  };
}

/** Renewals are few (the ward renews a few hundred a year): all of them, keyed by the one they renew. */
function loadRenewals(store: Store): Map<number, RenewalRow> {
  const renewals = new Map<number, RenewalRow>();
  for (const r of allRenewals(store)) {
    const known = renewals.get(r.renews_id);
    // Two renewals of one term cannot both stand (renewal refuses it); keep the one not revoked, else the latest.
    if (
      !known ||
      (known.revoked_date && !r.revoked_date) ||
      (!!known.revoked_date === !!r.revoked_date && r.id > known.id)
    )
      renewals.set(r.renews_id, r);
  }
  return renewals;
}

/** One person's payout for one programme in a month. */
export function payoutInForce(store: Store, personId: number, programme: string, month: Month): PayoutInForce {
  return payoutResolver(store, month, [personId]).resolve(personId, programme);
}

export interface PayoutHistory {
  /** What is payable in `month` (≤ the history's last month): the resolver's `method`, without building the whole record. */
  methodAt(personId: number, programme: string, month: Month): PayoutMethodCode;
}

const toAccount = (method: PayoutMethodCode) => method === 'OWN_ACCOUNT' || method === 'AUTHORIZED_ACCOUNT';

/**
 * The method history up to `to`, read once (one query), answering for any earlier month by the same rules
 * as payoutResolver: for a range of months (the campaign's 12-month trend) instead of one query per month.
 */
export function payoutHistory(store: Store, to: Month): PayoutHistory {
  return historyOf(store, to, false);
}

export interface NonCashHistory {
  /** Whether what is payable in `month` (≤ the history's last month) is paid to an account (the resolver's `method`). */
  nonCashAt(personId: number, programme: string, month: Month): boolean;
  /** False when none of the person's rows pays to an account: then nonCashAt is false in every month. */
  mayPayToAccount(personId: number): boolean;
}

/**
 * payoutHistory for a non-cash count: only the people with a row paying to an account are read (no one
 * else can be paid to one: the rules answer a row's own method or cash at the ward), about a sixth of
 * the rows in a ward that is mostly paid in cash.
 */
export function nonCashHistory(store: Store, to: Month): NonCashHistory {
  const history = historyOf(store, to, true);
  return {
    nonCashAt: (personId, programme, month) =>
      history.read.has(personId) && toAccount(history.methodAt(personId, programme, month)),
    mayPayToAccount: (personId) => history.read.has(personId),
  };
}

function historyOf(
  store: Store,
  to: Month,
  accountHoldersOnly: boolean,
): PayoutHistory & { read: Map<number, HistoryRow[]> } {
  const byPerson = new Map<number, HistoryRow[]>();
  const renewals = loadRenewals(store);
  // Raw rows made into one object shape: about half the cost of better-sqlite3's row objects at 100,000.
  forEachHistoryRow(
    store,
    to,
    (row) => {
      const list = byPerson.get(row.person_id);
      if (list) list.push(row);
      else byPerson.set(row.person_id, [row]);
    },
    accountHoldersOnly,
  );
  return {
    read: byPerson,
    methodAt(personId, programme, month) {
      const list = byPerson.get(personId);
      if (!list) return 'CASH_WARD';
      let own: HistoryRow | undefined;
      let all: HistoryRow | undefined;
      for (const row of list) {
        if (row.effective_from > month) continue;
        const key = row.programme_code ?? '';
        if (key === '') all = later(all, row);
        if (key === programme) own = later(own, row);
      }
      const row = own && all ? later(own, all) : (own ?? all);
      if (!row) return 'CASH_WARD';
      // Only a payment to an account can be blocked (blockReason is null for the others).
      if (!toAccount(row.method)) return row.method;
      const inForce = row.method === 'AUTHORIZED_ACCOUNT' ? followRenewals(row, renewals, month) : row;
      return blockReason(inForce, month) ? 'CASH_WARD' : row.method;
    },
  };
}
