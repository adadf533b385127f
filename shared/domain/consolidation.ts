import { percentTenths } from './campaign';
import type { ChangesData, NonCashData, SummaryData } from './province-data';

// The receiving office's consolidation (issue 17): the wards' report data for one month added up. Pure:
// main reads the newest data of each ward and report, this file only sums, ranks and lists. Every total is
// the plain sum of the wards' own figures (integers), so the province's table equals the wards' papers.

export interface WardRef {
  code: string;
  name: string;
}

export interface WardMonthData {
  ward: WardRef;
  noncash?: NonCashData | undefined;
  changes?: ChangesData | undefined;
  form10a?: SummaryData | undefined;
  form10c?: SummaryData | undefined;
  form10d?: SummaryData | undefined;
}

export interface ProgrammeFigures {
  total: number;
  nonCash: number;
  /** The sum of the targets of the wards that have one (people); null when none has. */
  target: number | null;
  dueVnd: number;
}

export interface NonCashWardRow extends ProgrammeFigures {
  rank: number;
  code: string;
  name: string;
  nonCashTenths: number | null;
  ofTargetTenths: number | null;
  byProgramme: Record<string, ProgrammeFigures>;
}

export interface NonCashProgrammeRow extends ProgrammeFigures {
  programme: string;
  programmeName: string;
  wards: number;
  nonCashTenths: number | null;
  ofTargetTenths: number | null;
}

export interface ChangesRow {
  programme: string;
  programmeName: string;
  opening: number;
  imported: number;
  increases: number;
  decreases: number;
  closing: number;
}

export interface ChangesWardRow {
  code: string;
  name: string;
  increases: number;
  decreases: number;
  closing: number;
}

export interface FormSumRow {
  no: string;
  label: string;
  level: 'total' | 'section' | 'item';
  people: number;
  peoplePeriod: number;
  fundsPeriodVnd: number;
  peopleYear: number;
  fundsYearVnd: number;
}

export interface FormSum {
  /** Wards whose form is in the sum. */
  wards: number;
  /** The period the wards reported (several when wards chose different start months). */
  periods: string[];
  rows: FormSumRow[];
}

/** People of one-off rounds (đợt chi một lần) by payout method: the ward's non-cash report's columns. */
export interface RoundMethods {
  CASH_WARD: number;
  POST_OFFICE: number;
  OWN_ACCOUNT: number;
  AUTHORIZED_ACCOUNT: number;
}

/** Recipients (round lines) and approved money of one-off rounds, as the ward's report table II gives them. */
export interface RoundFigures {
  recipients: number;
  byMethod: RoundMethods;
  nonCash: number;
  approvedVnd: number;
}

export interface RoundProgrammeRow extends RoundFigures {
  programme: string;
  programmeName: string;
}

/** A ward's approved rounds dated in the month: its own round rows added up, and per programme. */
export interface RoundsWardRow extends RoundFigures {
  code: string;
  name: string;
  rounds: number;
  byProgramme: RoundProgrammeRow[];
}

export interface RoundsTotal extends RoundFigures {
  rounds: number;
  /** Wards with at least one round in the month. */
  wards: number;
  byProgramme: Array<RoundProgrammeRow & { wards: number }>;
}

/**
 * Money approved for the month per programme, as the ward's report table III: the monthly payrolls (the
 * wards' "Đã duyệt"; null when no ward has an approved payroll) plus the one-off rounds, and their sum.
 */
export interface MoneyRow {
  /** '' on the total row. */
  programme: string;
  programmeName: string;
  payrollVnd: number | null;
  roundsVnd: number;
  totalVnd: number;
}

export interface Consolidated {
  month: string;
  wardsKnown: number;
  wardsReported: number;
  nonCashByWard: NonCashWardRow[];
  nonCashByProgramme: NonCashProgrammeRow[];
  nonCashTotal: NonCashProgrammeRow;
  /** Wards with rounds in the month only (a ward file without `rounds`, older or with none, counts 0). */
  roundsByWard: RoundsWardRow[];
  roundsTotal: RoundsTotal;
  /** Per programme, then the total row (programme ''). */
  money: MoneyRow[];
  changes: ChangesRow[];
  changesByWard: ChangesWardRow[];
  forms: { form10a: FormSum; form10c: FormSum; form10d: FormSum };
  notReported: WardRef[];
}

const emptyFigures = (): ProgrammeFigures => ({ total: 0, nonCash: 0, target: null, dueVnd: 0 });
const addFigures = (
  into: ProgrammeFigures,
  f: { total: number; nonCash: number; target: number | null; dueVnd: number },
) => {
  into.total += f.total;
  into.nonCash += f.nonCash;
  if (f.target !== null) into.target = (into.target ?? 0) + f.target;
  into.dueVnd += f.dueVnd;
};
const ofTarget = (f: ProgrammeFigures) =>
  f.target !== null && f.target > 0 ? percentTenths(f.nonCash, f.target) : null;

/** Ranks by non-cash share (highest first); wards with no people last; ties by code, so the order is stable. */
function rankRows(rows: Array<Omit<NonCashWardRow, 'rank'>>): NonCashWardRow[] {
  const sorted = [...rows].sort((a, b) => {
    const x = a.nonCashTenths ?? -1;
    const y = b.nonCashTenths ?? -1;
    // Compare exact shares (cross-multiplied), not rounded tenths, so 1/3 ranks above 33/100.
    if (a.total > 0 && b.total > 0) {
      const d = b.nonCash * a.total - a.nonCash * b.total;
      if (d !== 0) return d;
    } else if (x !== y) return y - x;
    return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  });
  return sorted.map((r, i) => ({ ...r, rank: i + 1 }));
}

function sumForms(datas: Array<SummaryData | undefined>): FormSum {
  const rows: FormSumRow[] = [];
  const byKey = new Map<string, FormSumRow>();
  const periods = new Set<string>();
  let wards = 0;
  for (const d of datas) {
    if (!d) continue;
    wards++;
    periods.add(`${d.from}..${d.to}`);
    for (const r of d.rows) {
      const key = `${r.no}|${r.label}`;
      let row = byKey.get(key);
      if (!row) {
        row = {
          no: r.no,
          label: r.label,
          level: r.level,
          people: 0,
          peoplePeriod: 0,
          fundsPeriodVnd: 0,
          peopleYear: 0,
          fundsYearVnd: 0,
        };
        byKey.set(key, row);
        rows.push(row);
      }
      row.people += r.people;
      row.peoplePeriod += r.peoplePeriod;
      row.fundsPeriodVnd += r.fundsPeriodVnd;
      row.peopleYear += r.peopleYear;
      row.fundsYearVnd += r.fundsYearVnd;
    }
  }
  return { wards, periods: [...periods].sort(), rows };
}

const emptyRound = (): RoundFigures => ({
  recipients: 0,
  byMethod: { CASH_WARD: 0, POST_OFFICE: 0, OWN_ACCOUNT: 0, AUTHORIZED_ACCOUNT: 0 },
  nonCash: 0,
  approvedVnd: 0,
});
const addRound = (into: RoundFigures, f: RoundFigures) => {
  into.recipients += f.recipients;
  for (const m of Object.keys(into.byMethod) as Array<keyof RoundMethods>) into.byMethod[m] += f.byMethod[m];
  into.nonCash += f.nonCash;
  into.approvedVnd += f.approvedVnd;
};

/**
 * The rounds of the wards' non-cash data: each ward's own round rows (programme null) give its recipients
 * and money, its programme rows the split; the totals add the same rows, so they equal the wards' exports.
 */
function sumRounds(data: readonly WardMonthData[]): { byWard: RoundsWardRow[]; total: RoundsTotal } {
  const byWard: RoundsWardRow[] = [];
  const total: RoundsTotal = { ...emptyRound(), rounds: 0, wards: 0, byProgramme: [] };
  for (const d of data) {
    const rows = d.noncash?.rounds ?? [];
    if (rows.length === 0) continue;
    const ward: RoundsWardRow = { code: d.ward.code, name: d.ward.name, ...emptyRound(), rounds: 0, byProgramme: [] };
    for (const r of rows) {
      if (r.programme === null) {
        addRound(ward, r);
        ward.rounds++;
        continue;
      }
      let own = ward.byProgramme.find((x) => x.programme === r.programme);
      if (!own)
        ward.byProgramme.push((own = { programme: r.programme, programmeName: r.programmeName, ...emptyRound() }));
      addRound(own, r);
    }
    for (const own of ward.byProgramme) {
      let p = total.byProgramme.find((x) => x.programme === own.programme);
      if (!p)
        total.byProgramme.push(
          (p = { programme: own.programme, programmeName: own.programmeName, ...emptyRound(), wards: 0 }),
        );
      addRound(p, own);
      p.wards++;
    }
    addRound(total, ward);
    total.rounds += ward.rounds;
    total.wards++;
    byWard.push(ward);
  }
  return { byWard: byWard.sort((a, b) => (a.code < b.code ? -1 : 1)), total };
}

/** Money per programme: the wards' approved payroll money (programme rows) plus their rounds', and the total. */
function sumMoney(data: readonly WardMonthData[], rounds: RoundsTotal): MoneyRow[] {
  const rows = new Map<string, MoneyRow>();
  const row = (programme: string, programmeName: string) => {
    let r = rows.get(programme);
    if (!r) rows.set(programme, (r = { programme, programmeName, payrollVnd: null, roundsVnd: 0, totalVnd: 0 }));
    return r;
  };
  for (const d of data)
    for (const r of d.noncash?.rows ?? []) {
      if (r.groupKey !== null) continue;
      const m = row(r.programme, r.programmeName);
      if (r.approvedVnd !== null) m.payrollVnd = (m.payrollVnd ?? 0) + r.approvedVnd;
    }
  for (const p of rounds.byProgramme) row(p.programme, p.programmeName).roundsVnd += p.approvedVnd;
  const out = [...rows.values()];
  for (const r of out) r.totalVnd = (r.payrollVnd ?? 0) + r.roundsVnd;
  const anyPayroll = out.some((r) => r.payrollVnd !== null);
  const sum = (f: (r: MoneyRow) => number) => out.reduce((s, r) => s + f(r), 0);
  out.push({
    programme: '',
    programmeName: 'Tổng cộng',
    payrollVnd: anyPayroll ? sum((r) => r.payrollVnd ?? 0) : null,
    roundsVnd: sum((r) => r.roundsVnd),
    totalVnd: sum((r) => r.totalVnd),
  });
  return out;
}

/** `wards`: every ward the office knows (to list those that have not reported); `data`: what arrived for `month`. */
export function consolidate(month: string, wards: readonly WardRef[], data: readonly WardMonthData[]): Consolidated {
  const wardRows: Array<Omit<NonCashWardRow, 'rank'>> = [];
  const programmes = new Map<string, NonCashProgrammeRow>();
  const changes = new Map<string, ChangesRow>();
  const changesByWard: ChangesWardRow[] = [];
  for (const d of data) {
    if (d.noncash) {
      const row: Omit<NonCashWardRow, 'rank'> = {
        code: d.ward.code,
        name: d.ward.name,
        ...emptyFigures(),
        nonCashTenths: null,
        ofTargetTenths: null,
        byProgramme: {},
      };
      for (const r of d.noncash.rows) {
        if (r.groupKey !== null) continue; // programme rows only: group rows add up to them
        addFigures(row, r);
        const own = (row.byProgramme[r.programme] ??= emptyFigures());
        addFigures(own, r);
        let p = programmes.get(r.programme);
        if (!p) {
          p = {
            programme: r.programme,
            programmeName: r.programmeName,
            ...emptyFigures(),
            wards: 0,
            nonCashTenths: null,
            ofTargetTenths: null,
          };
          programmes.set(r.programme, p);
        }
        addFigures(p, r);
        p.wards++;
      }
      row.nonCashTenths = percentTenths(row.nonCash, row.total);
      row.ofTargetTenths = ofTarget(row);
      wardRows.push(row);
    }
    if (d.changes) {
      const w: ChangesWardRow = { code: d.ward.code, name: d.ward.name, increases: 0, decreases: 0, closing: 0 };
      for (const s of d.changes.summary) {
        let c = changes.get(s.programme);
        if (!c) {
          c = {
            programme: s.programme,
            programmeName: s.programmeName,
            opening: 0,
            imported: 0,
            increases: 0,
            decreases: 0,
            closing: 0,
          };
          changes.set(s.programme, c);
        }
        c.opening += s.opening;
        c.imported += s.imported;
        c.increases += s.increases;
        c.decreases += s.decreases;
        c.closing += s.closing;
        w.increases += s.increases;
        w.decreases += s.decreases;
        w.closing += s.closing;
      }
      changesByWard.push(w);
    }
  }
  const byProgramme = [...programmes.values()].map((p) => ({
    ...p,
    nonCashTenths: percentTenths(p.nonCash, p.total),
    ofTargetTenths: ofTarget(p),
  }));
  const total: NonCashProgrammeRow = {
    programme: '',
    programmeName: 'Tổng cộng',
    ...emptyFigures(),
    wards: wardRows.length,
    nonCashTenths: null,
    ofTargetTenths: null,
  };
  for (const p of byProgramme) addFigures(total, p);
  total.nonCashTenths = percentTenths(total.nonCash, total.total);
  total.ofTargetTenths = ofTarget(total);
  const reported = new Set(data.map((d) => d.ward.code));
  const rounds = sumRounds(data);
  return {
    month,
    wardsKnown: wards.length,
    wardsReported: reported.size,
    nonCashByWard: rankRows(wardRows),
    nonCashByProgramme: byProgramme,
    nonCashTotal: total,
    roundsByWard: rounds.byWard,
    roundsTotal: rounds.total,
    money: sumMoney(data, rounds.total),
    changes: [...changes.values()],
    changesByWard: changesByWard.sort((a, b) => (a.code < b.code ? -1 : 1)),
    forms: {
      form10a: sumForms(data.map((d) => d.form10a)),
      form10c: sumForms(data.map((d) => d.form10c)),
      form10d: sumForms(data.map((d) => d.form10d)),
    },
    notReported: wards.filter((w) => !reported.has(w.code)),
  };
}
