import type { Store } from '../../db/store';
import type { DiffReason, DifferenceRow, LineKind, PayrollDifferences } from '@shared/api/payroll';
import { addMonths, formatDateVi, formatMonthVi, lastDayOfMonth } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import { PROTECTED_GROUP_LABEL, PROTECTED_GROUPS } from '@shared/domain/masking';
import { computeAmounts, loadReference, loadStates } from '../register/amounts';
import { getPayroll } from './payrolls';
import {
  entitlementInfoReader,
  liteLines,
  payrollOfMonth,
  personLeavingReader,
  type Lite,
} from './queries/differences';
import { personWithNeighbourhood } from './queries/watch';

// Differences from last month: who came in, who left, whose amount changed, and why. Compares this
// payroll's lines with the previous month's payroll of the same programme (the approved one, else the
// draft, else what the register gives for that month), person by person.

interface PersonLines {
  total: number;
  lines: Lite[];
}

function byPerson(lines: Iterable<Lite>): Map<number, PersonLines> {
  const map = new Map<number, PersonLines>();
  for (const l of lines) {
    const entry = map.get(l.personId);
    if (entry) {
      entry.total += l.amountVnd;
      entry.lines.push(l);
    } else map.set(l.personId, { total: l.amountVnd, lines: [l] });
  }
  return map;
}

const REGULAR = new Set<LineKind>(['regular', 'care']);
const ONE_OFF_REASON: Partial<Record<LineKind, DiffReason>> = {
  arrears: 'arrears',
  funeral: 'funeral',
  carryover: 'carryover',
  other: 'other',
};
const ONE_OFF_WORDS: Partial<Record<LineKind, string>> = {
  arrears: 'Truy lĩnh',
  funeral: 'Hỗ trợ mai táng',
  carryover: 'Chi bù tháng trước',
  other: 'Điều chỉnh',
};

const shownGroup = (code: string | null) => (code && PROTECTED_GROUPS.has(code) ? PROTECTED_GROUP_LABEL : (code ?? ''));

export function payrollDifferences(store: Store, payrollId: number): PayrollDifferences {
  const payroll = getPayroll(store, payrollId);
  const month = payroll.month;
  const prevMonth = addMonths(month, -1);
  const previous = payrollOfMonth(store, prevMonth, payroll.programme);
  const current = byPerson(liteLines(store, payrollId));
  let before: Map<number, PersonLines>;
  if (previous) before = byPerson(liteLines(store, previous.id));
  else {
    // No payroll last month: what the register gave that month (regular amounts only, no payout lookup).
    const ref = loadReference(store);
    const states = loadStates(store, prevMonth).filter((st) => st.programme === payroll.programme);
    const who = personWithNeighbourhood(store);
    const lines: Lite[] = [];
    for (const a of computeAmounts(ref, states, prevMonth)) {
      if (a.amountVnd <= 0) continue;
      const person = who(a.personId);
      lines.push({
        personId: a.personId,
        fullName: person?.full_name ?? '',
        neighbourhood: person?.neighbourhood ?? '',
        kind: a.programme === 'BTXH_CARE' ? 'care' : 'regular',
        entitlementId: a.entitlementId,
        groupCode: a.groupCode,
        coefficientMilli: a.coefficientMilli,
        standardVnd: a.standardVnd,
        components: '',
        amountVnd: a.amountVnd,
      });
    }
    before = byPerson(lines);
  }

  const ref = loadReference(store);
  const familyOf = (code: string | null) => (code ? (ref.groups.get(code)?.family ?? code) : '');
  const personInfo = personLeavingReader(store);
  const entitlementInfo = entitlementInfoReader(store);
  const lastDay = lastDayOfMonth(prevMonth);

  /** Why a regular entitlement is no longer paid this month. */
  const whyGone = (personId: number, entitlementId: number | null, reasons: Set<DiffReason>, words: string[]) => {
    const p = personInfo(personId);
    if (p?.death_date && p.death_date <= lastDay) {
      reasons.add('died');
      words.push(`Từ trần ngày ${formatDateVi(p.death_date)}`);
      return;
    }
    if (p?.moved_away_date && p.moved_away_date <= lastDay) {
      reasons.add('moved');
      words.push(`Chuyển đi ngày ${formatDateVi(p.moved_away_date)}`);
      return;
    }
    const e = entitlementId ? entitlementInfo(entitlementId, month) : undefined;
    if (e?.status === 'suspended') {
      reasons.add('suspended');
      words.push('Tạm dừng hưởng');
    } else {
      reasons.add('stopped');
      words.push(
        e?.end_month && e.end_month < month
          ? `Thôi hưởng từ tháng ${formatMonthVi(addMonths(e.end_month, 1))}`
          : 'Thôi hưởng',
      );
    }
  };
  const whyNew = (entitlementId: number | null, reasons: Set<DiffReason>, words: string[]) => {
    const e = entitlementId ? entitlementInfo(entitlementId, month) : undefined;
    if (e && e.start_month < month && e.suspensions > 0) {
      reasons.add('resumed');
      words.push('Hưởng lại sau tạm dừng');
    } else {
      reasons.add('started');
      words.push(e ? `Bắt đầu hưởng từ tháng ${formatMonthVi(e.start_month)}` : 'Bắt đầu hưởng');
    }
  };

  const rows: DifferenceRow[] = [];
  for (const personId of new Set([...before.keys(), ...current.keys()])) {
    const b = before.get(personId);
    const a = current.get(personId);
    const beforeVnd = b?.total ?? 0;
    const afterVnd = a?.total ?? 0;
    if (b && a && beforeVnd === afterVnd) continue;
    const reasons = new Set<DiffReason>();
    const words: string[] = [];
    const bRegular = new Map((b?.lines ?? []).filter((l) => REGULAR.has(l.kind)).map((l) => [l.entitlementId, l]));
    const aRegular = new Map((a?.lines ?? []).filter((l) => REGULAR.has(l.kind)).map((l) => [l.entitlementId, l]));
    for (const [entitlementId, now] of aRegular) {
      const was = bRegular.get(entitlementId);
      if (!was) {
        whyNew(entitlementId, reasons, words);
        continue;
      }
      if (was.amountVnd === now.amountVnd) continue;
      if (was.groupCode !== now.groupCode) {
        const byAge = familyOf(was.groupCode) === familyOf(now.groupCode);
        reasons.add(byAge ? 'age_transition' : 'group_change');
        words.push(
          `${byAge ? 'Chuyển nhóm theo tuổi' : 'Thay đổi nhóm đối tượng'}: ${shownGroup(was.groupCode)} → ${shownGroup(now.groupCode)}`,
        );
      } else if (was.coefficientMilli !== now.coefficientMilli) {
        reasons.add('coefficient');
        words.push(`Hệ số thay đổi: ${(was.coefficientMilli ?? 0) / 1000} → ${(now.coefficientMilli ?? 0) / 1000}`);
      }
      if (was.standardVnd !== now.standardVnd && was.standardVnd !== null && now.standardVnd !== null) {
        reasons.add('standard_level');
        words.push(`Mức chuẩn thay đổi: ${formatVnd(was.standardVnd)} → ${formatVnd(now.standardVnd)}`);
      }
      if (was.components !== now.components && was.standardVnd === null) {
        reasons.add('components');
        words.push(`Mức trợ cấp theo quyết định mới: ${formatVnd(was.amountVnd)} → ${formatVnd(now.amountVnd)}`);
      }
    }
    for (const [entitlementId] of bRegular)
      if (!aRegular.has(entitlementId)) whyGone(personId, entitlementId, reasons, words);
    const oneOffNow = (a?.lines ?? []).filter((l) => !REGULAR.has(l.kind));
    for (const l of oneOffNow) {
      reasons.add(ONE_OFF_REASON[l.kind]!);
      words.push(`${ONE_OFF_WORDS[l.kind]} ${formatVnd(l.amountVnd)}`);
    }
    if ((b?.lines ?? []).some((l) => !REGULAR.has(l.kind)) && !oneOffNow.length) {
      reasons.add('one_off_ended');
      words.push('Khoản chi một lần của tháng trước không còn');
    }
    const who = a?.lines[0] ?? b!.lines[0]!;
    rows.push({
      personId,
      fullName: who.fullName,
      neighbourhood: who.neighbourhood,
      change: !b ? 'in' : !a ? 'out' : 'changed',
      beforeVnd,
      afterVnd,
      reasons: [...reasons],
      explanation: [...new Set(words)].join('; '),
    });
  }
  const order = { in: 0, out: 1, changed: 2 };
  rows.sort((x, y) => order[x.change] - order[y.change] || x.fullName.localeCompare(y.fullName, 'vi'));
  return {
    previous: { month: prevMonth, payrollId: previous?.id ?? null, source: previous ? previous.status : 'register' },
    counts: {
      in: rows.filter((r) => r.change === 'in').length,
      out: rows.filter((r) => r.change === 'out').length,
      changed: rows.filter((r) => r.change === 'changed').length,
    },
    rows,
  };
}
