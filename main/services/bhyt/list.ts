import type { BhytListRow, BhytMonthList } from '@shared/api/bhyt';
import { addMonths, formatDateVi, monthOfDate, type Month } from '@shared/domain/dates';
import type { Store } from '../../db/store';
import { candidates, decisionsIn, listPeople, statesAt, type DecisionRow, type StateRow } from './queries';

// The month's BHYT list for the social-insurance office (issue 16). A person is covered by a
// state-paid card in a month while they hold an entitlement of a state-funded programme (BTXH monthly
// allowance, NCC preferential allowance, social pension) that is in force and not stopped then; a
// suspension keeps the card (payment is paused, the entitlement is not ended). Comparing the month with
// the month before:
//   START  covered now, not before (a new beneficiary, or one resumed after a stop);
//   END    covered before, not now (death, moving away, a stop decision: effective the month after the
//          last month paid, as the payroll stops);
//   CHANGE covered in both, but under other groups (a group change, an NCC category, another programme).

const groupOf = (s: StateRow) =>
  s.programme === 'NCC'
    ? `${s.programmeName}${s.category ? `: ${s.category}` : ''}`
    : s.groupLabel
      ? `${s.groupCode} — ${s.groupLabel}`
      : s.programmeName;

const describe = (states: readonly StateRow[]) => [...new Set(states.map(groupOf))].join('; ');

const decisionText = (d: DecisionRow | undefined) =>
  d && d.number ? ` theo QĐ số ${d.number}${d.signed_date ? ` ngày ${formatDateVi(d.signed_date)}` : ''}` : '';

const birthText = (b: string | null) => (!b ? '' : b.length === 10 ? formatDateVi(b) : b);

export function bhytMonthList(store: Store, month: Month): BhytMonthList {
  const previous = addMonths(month, -1);
  const people = candidates(store, month, previous);
  const result: BhytMonthList = { month, start: [], end: [], change: [] };
  if (!people.length) return result;
  const covered = (rows: StateRow[]) => {
    const by = new Map<number, StateRow[]>();
    for (const r of rows) if (r.status !== 'stopped') by.set(r.personId, [...(by.get(r.personId) ?? []), r]);
    return by;
  };
  const before = covered(statesAt(store, people, previous));
  const now = covered(statesAt(store, people, month));
  const decisions = new Map<number, DecisionRow[]>();
  for (const d of decisionsIn(store, people, month))
    decisions.set(d.person_id, [...(decisions.get(d.person_id) ?? []), d]);

  for (const p of listPeople(store, people)) {
    const was = before.get(p.id) ?? [];
    const is = now.get(p.id) ?? [];
    const mine = decisions.get(p.id) ?? [];
    const row = (kind: BhytListRow['kind'], reason: string): BhytListRow => ({
      kind,
      personId: p.id,
      fullName: p.full_name,
      birthText: birthText(p.birth_date),
      gender: p.gender,
      citizenId: p.citizen_id,
      neighbourhood: p.neighbourhood ?? '',
      cardNumber: p.card_number ?? '',
      bhxhNumber: p.bhxh_number ?? '',
      groupBefore: describe(was),
      groupAfter: describe(is),
      reason,
    });
    if (is.length && !was.length) {
      const grant = mine.find((d) => d.kind === 'grant') ?? mine.find((d) => d.kind === 'resume');
      const fresh = is.some((s) => s.startMonth === month);
      result.start.push(row('start', `${fresh ? 'Hưởng mới' : 'Hưởng lại'}${decisionText(grant)}`));
    } else if (was.length && !is.length) {
      const died = p.death_date && monthOfDate(p.death_date) <= previous;
      const moved = p.moved_away_date && monthOfDate(p.moved_away_date) <= previous;
      const stop = mine.find((d) => d.kind === 'stop');
      const reason = died
        ? `Từ trần ngày ${formatDateVi(p.death_date!)}`
        : moved
          ? `Chuyển đi nơi khác ngày ${formatDateVi(p.moved_away_date!)}`
          : `Thôi hưởng${decisionText(stop)}${stop?.reason ? `: ${stop.reason}` : ''}`;
      result.end.push(row('end', reason));
    } else if (was.length && is.length && describe(was) !== describe(is)) {
      const adjust =
        mine.find((d) => d.kind === 'adjust') ??
        mine.find((d) => d.kind === 'grant') ??
        mine.find((d) => d.kind === 'stop');
      result.change.push(
        row('change', `Thay đổi diện hưởng${decisionText(adjust)}${adjust?.reason ? `: ${adjust.reason}` : ''}`),
      );
    }
  }
  return result;
}
