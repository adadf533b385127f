import type { Store } from '../../db/store';
import type { MoneyTotalRow, NonCashRow, RoundMoneyReportRow } from '@shared/api/reports';
import type { PayoutMethodCode } from '@shared/api/register';
import { isNonCash } from '@shared/domain/campaign';
import { formatDateVi, type Month } from '@shared/domain/dates';
import { programmeNames } from './period';
import { approvedRoundMoney, approvedRoundsOfPeriod, type RoundOfPeriodRow } from './queries';

// One-off rounds (đợt chi một lần, issue 16) in the ward's reports. A round is money of the month of its
// date (the payment date the officer sets on the round), and only once approved: a draft, submitted or
// returned round is not money yet. Its money is the approved lines, which the database keeps equal to the
// round's approved total (trigger rounds_approve_totals), so the reports reconcile with the rounds screen.

/** The legal basis in words, as the rounds screen writes it. */
export const roundBasis = (r: Pick<RoundOfPeriodRow, 'basisNumber' | 'basisDate' | 'basisIssuer'>): string =>
  `${r.basisNumber} ngày ${formatDateVi(r.basisDate)} của ${r.basisIssuer}`;

const noMethods = (): Record<PayoutMethodCode, number> => ({
  CASH_WARD: 0,
  POST_OFFICE: 0,
  OWN_ACCOUNT: 0,
  AUTHORIZED_ACCOUNT: 0,
});

/** The approved rounds paid in `month`: each round's row, then its programmes' rows (in the programmes' order). */
export function roundsOfMonth(store: Store, month: Month, names = programmeNames(store)): RoundMoneyReportRow[] {
  const money = approvedRoundMoney(store, month, month);
  const order = [...names.keys()];
  const rows: RoundMoneyReportRow[] = [];
  for (const r of approvedRoundsOfPeriod(store, month, month)) {
    const head: RoundMoneyReportRow = {
      roundId: r.roundId,
      name: r.name,
      basis: roundBasis(r),
      roundDate: r.roundDate,
      programme: null,
      programmeName: '',
      recipients: r.lineCount,
      byMethod: noMethods(),
      nonCash: 0,
      approvedVnd: r.totalVnd,
    };
    const byProgramme = new Map<string, RoundMoneyReportRow>();
    for (const m of money) {
      if (m.roundId !== r.roundId) continue;
      let p = byProgramme.get(m.programme);
      if (!p)
        byProgramme.set(
          m.programme,
          (p = {
            ...head,
            programme: m.programme,
            programmeName: names.get(m.programme) ?? m.programme,
            // Counted from zero: the round's row has already counted the programmes before this one.
            recipients: 0,
            byMethod: noMethods(),
            nonCash: 0,
            approvedVnd: 0,
          }),
        );
      for (const t of [p, head]) {
        t.byMethod[m.method] += m.people;
        if (isNonCash(m.method)) t.nonCash += m.people;
      }
      p.recipients += m.people;
      p.approvedVnd += m.amountVnd;
    }
    rows.push(
      head,
      ...[...byProgramme.values()].sort((a, b) => order.indexOf(a.programme!) - order.indexOf(b.programme!)),
    );
  }
  return rows;
}

/**
 * Money approved for the month per programme: the approved payroll money (the non-cash rows' "Đã duyệt";
 * null when no payroll is approved) plus the rounds', then the grand total.
 */
export function moneyTotals(
  rows: readonly NonCashRow[],
  rounds: readonly RoundMoneyReportRow[],
  names: Map<string, string>,
  payrollApproved: boolean,
): MoneyTotalRow[] {
  const payroll = new Map<string, number>();
  for (const r of rows) if (r.groupKey === null) payroll.set(r.programme, r.approvedVnd ?? 0);
  const fromRounds = new Map<string, number>();
  for (const r of rounds)
    if (r.programme !== null) fromRounds.set(r.programme, (fromRounds.get(r.programme) ?? 0) + r.approvedVnd);
  const codes = [...names.keys()].filter((p) => payroll.has(p) || fromRounds.has(p));
  const out: MoneyTotalRow[] = codes.map((p) => {
    const payrollVnd = payrollApproved ? (payroll.get(p) ?? 0) : null;
    const roundsVnd = fromRounds.get(p) ?? 0;
    return {
      programme: p,
      programmeName: names.get(p) ?? p,
      payrollVnd,
      roundsVnd,
      totalVnd: (payrollVnd ?? 0) + roundsVnd,
    };
  });
  const sum = (f: (r: MoneyTotalRow) => number) => out.reduce((s, r) => s + f(r), 0);
  out.push({
    programme: null,
    programmeName: 'Tổng cộng',
    payrollVnd: payrollApproved ? sum((r) => r.payrollVnd ?? 0) : null,
    roundsVnd: sum((r) => r.roundsVnd),
    totalVnd: sum((r) => r.totalVnd),
  });
  return out;
}
