import type { PayrollFileKind } from '@shared/api/payroll-files';
import type { FileLine } from './lines';

// Which file a payroll line goes to, stated once. The files apply these to each line (plan.ts,
// planFiles); the files panel's plan applies them to each group of alike lines the aggregate query
// returns (plan-totals.ts), so the panel and the files cannot drift apart. Pure: no SQL, no store.
// The rules read a line's method, programme, bank code, account number (whether there is one),
// neighbourhood, person and receiver, nothing else: the aggregate groups lines by exactly these
// (PLAN_GROUPS_SQL, LIST_ROWS_SQL of queries.ts). A rule reading another column needs it there too.

export type PayoutMethod = 'CASH_WARD' | 'POST_OFFICE' | 'OWN_ACCOUNT' | 'AUTHORIZED_ACCOUNT';

/** Paid into an account: a bank file's lines, or the warning's when the bank or the number is missing. */
export const ACCOUNT_METHODS: ReadonlySet<string> = new Set<PayoutMethod>(['OWN_ACCOUNT', 'AUTHORIZED_ACCOUNT']);

/** The payout lists, in the plan's order: each method's lines, as PDF then xlsx. */
export const LIST_FILES = [
  { method: 'CASH_WARD', stem: 'chi-tra-tien-mat', kinds: ['cash-pdf', 'cash-xlsx'] },
  { method: 'POST_OFFICE', stem: 'chi-tra-buu-dien', kinds: ['post-pdf', 'post-xlsx'] },
] as const satisfies ReadonlyArray<{ method: PayoutMethod; stem: string; kinds: readonly PayrollFileKind[] }>;
export type ListMethod = (typeof LIST_FILES)[number]['method'];

export const NO_NEIGHBOURHOOD = '(Chưa ghi khu phố)';

export const isAccountLine = (l: Pick<FileLine, 'method'>): boolean => ACCOUNT_METHODS.has(l.method);

/** An account line can go into a bank file only with a bank and an account number. */
export const hasBankAccount = (l: Pick<FileLine, 'bankCode' | 'accountNumber'>): boolean =>
  !!l.bankCode && !!l.accountNumber;

/** The bank file of a line that has one: per bank, and per programme when the files are split. */
export const bankFileKey = (l: Pick<FileLine, 'bankCode' | 'programme'>, split: boolean): string =>
  split ? `${l.bankCode}\u0000${l.programme}` : l.bankCode!;

/** The payout list of a cash or post-office line: its neighbourhood's, or the ward's one list (''). */
export const listKey = (l: Pick<FileLine, 'neighbourhood'>, listsBy: 'neighbourhood' | 'ward'): string =>
  listsBy === 'ward' ? '' : l.neighbourhood || NO_NEIGHBOURHOOD;

/** One row of a payout list per person and receiver (a person's lines of the month are added up). */
export const listRowKey = (l: Pick<FileLine, 'personId' | 'receiverName'>): string =>
  `${l.personId}\u0000${l.receiverName ?? ''}`;
