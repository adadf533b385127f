import type { Store } from '../../db/store';
import type { SummaryReport, SummaryRow } from '@shared/api/reports';
import { formatDateVi, formatMonthVi, type Month } from '@shared/domain/dates';
import { monthsBetween, type EntitlementMonth, type PeriodLoader, type ReportPeriod } from './period';
import { approvedRoundPeople, approvedRoundsOfPeriod, approvedRoundTotals, maxPersonId, oneOffRows } from './queries';
import { roundBasis } from './rounds';

// The regular social-assistance summaries in the shape of Circular 02/2021's forms 10a (regular
// assistance), 10c (elderly) and 10d (disability): for each group of beneficiaries, the people receiving
// in the last month of the period, the people paid during the period and the funds (amounts due by the
// register, month by month, plus the one-off arrears and funeral support due), for the period and for the
// year to date. The forms' exact grid is not in the domain reference: rows follow the clauses of Decree
// 20/2021 Art. 5 and Art. 20, which is how the forms group beneficiaries.

type Item = { no: string; label: string; match: (r: EntitlementMonth) => boolean };
type Section = {
  no: string;
  label: string;
  items: Item[];
  match?: (r: EntitlementMonth) => boolean;
  oneOff?: 'funeral' | 'arrears';
  /** The programmes whose approved one-off rounds' lines this section counts: an item per round. */
  rounds?: readonly string[];
};

const inGroups =
  (...codes: string[]) =>
  (r: EntitlementMonth) =>
    r.programme === 'BTXH' && codes.includes(r.groupCode ?? '');
const child = (r: EntitlementMonth) => r.age !== null && r.age < 16;
const elderly = (r: EntitlementMonth) => r.age !== null && r.age >= 60;
const item = (no: string, label: string, match: Item['match']): Item => ({ no, label, match });
const groupItems = (prefix: string, codes: string[], labels: ReadonlyMap<string, { label: string }>): Item[] =>
  codes.map((code, i) => item(`${prefix}.${i + 1}`, labels.get(code)?.label ?? code, inGroups(code)));

// One-off rounds (issue 16): money of the month of the round's date, once approved. BTXH rounds go in 10a,
// as the arrears and funeral support do (10c and 10d do not repeat one-off money); social-pension rounds
// in 10c, the form that carries the social pension.
const ROUNDS_LABEL = 'Chi một lần theo đợt chi (quà Tết, thăm hỏi…)';

function form10a(labels: ReadonlyMap<string, { label: string }>): Section[] {
  const clause = (no: string, label: string, codes: string[]): Section => ({
    no,
    label,
    items: codes.length > 1 ? groupItems(no, codes, labels) : [],
    match: inGroups(...codes),
  });
  return [
    clause('1', 'Trẻ em dưới 16 tuổi không có nguồn nuôi dưỡng (khoản 1 Điều 5)', ['BTXH-1A', 'BTXH-1B']),
    clause('2', 'Người từ 16 đến 22 tuổi đang học (khoản 2 Điều 5)', ['BTXH-2']),
    clause('3', 'Trẻ em nhiễm HIV/AIDS thuộc hộ nghèo (khoản 3 Điều 5)', ['BTXH-3A', 'BTXH-3B']),
    clause('4', 'Người đơn thân nghèo đang nuôi con (khoản 4 Điều 5)', ['BTXH-4']),
    clause('5', 'Người cao tuổi (khoản 5 Điều 5)', ['BTXH-5A1', 'BTXH-5A2', 'BTXH-5B', 'BTXH-5C', 'BTXH-5D']),
    clause('6', 'Người khuyết tật nặng, đặc biệt nặng (khoản 6 Điều 5)', ['BTXH-6A', 'BTXH-6B', 'BTXH-6C', 'BTXH-6D']),
    clause('7', 'Trẻ em dưới 3 tuổi hộ nghèo, cận nghèo vùng DTTS và miền núi (khoản 7 Điều 5)', ['BTXH-7']),
    clause('8', 'Người nhiễm HIV/AIDS thuộc hộ nghèo (khoản 8 Điều 5)', ['BTXH-8']),
    {
      no: '9',
      label: 'Hỗ trợ kinh phí chăm sóc, nuôi dưỡng (Điều 20)',
      items: [],
      match: (r) => r.programme === 'BTXH_CARE',
    },
    { no: '10', label: 'Truy lĩnh trợ cấp xã hội', items: [], oneOff: 'arrears' },
    { no: '11', label: 'Hỗ trợ chi phí mai táng', items: [], oneOff: 'funeral' },
    { no: '12', label: ROUNDS_LABEL, items: [], rounds: ['BTXH', 'BTXH_CARE'] },
  ];
}

function form10c(labels: ReadonlyMap<string, { label: string }>): Section[] {
  return [
    {
      no: '1',
      label: 'Người cao tuổi hưởng trợ cấp xã hội hằng tháng (khoản 5 Điều 5)',
      items: groupItems('1', ['BTXH-5A1', 'BTXH-5A2', 'BTXH-5B', 'BTXH-5C', 'BTXH-5D'], labels),
    },
    {
      no: '2',
      label: 'Người cao tuổi là người khuyết tật nặng, đặc biệt nặng',
      items: [
        item('2.1', 'Khuyết tật đặc biệt nặng, từ đủ 60 tuổi', (r) => inGroups('BTXH-6B')(r) && elderly(r)),
        item('2.2', 'Khuyết tật nặng, từ đủ 60 tuổi', (r) => inGroups('BTXH-6D')(r) && elderly(r)),
      ],
    },
    {
      no: '3',
      label: 'Người hưởng trợ cấp hưu trí xã hội (Nghị định 176/2025)',
      items: [],
      match: (r) => r.programme === 'HTXH',
    },
    { no: '4', label: `${ROUNDS_LABEL}: người hưởng trợ cấp hưu trí xã hội`, items: [], rounds: ['HTXH'] },
  ];
}

function form10d(): Section[] {
  const bands = (no: string, adult: string, youngOrOld: string): Item[] => [
    item(`${no}.1`, 'Trẻ em (dưới 16 tuổi)', (r) => inGroups(youngOrOld)(r) && child(r)),
    item(
      `${no}.2`,
      'Người từ 16 đến dưới 60 tuổi',
      (r) => inGroups(adult)(r) || (inGroups(youngOrOld)(r) && !child(r) && !elderly(r)),
    ),
    item(`${no}.3`, 'Người cao tuổi (từ đủ 60 tuổi)', (r) => inGroups(youngOrOld)(r) && elderly(r)),
  ];
  const care = (codes: string[]) => (r: EntitlementMonth) =>
    r.programme === 'BTXH_CARE' && codes.includes(r.groupCode ?? '');
  return [
    { no: '1', label: 'Người khuyết tật đặc biệt nặng hưởng trợ cấp xã hội', items: bands('1', 'BTXH-6A', 'BTXH-6B') },
    { no: '2', label: 'Người khuyết tật nặng hưởng trợ cấp xã hội', items: bands('2', 'BTXH-6C', 'BTXH-6D') },
    {
      no: '3',
      label: 'Hỗ trợ kinh phí chăm sóc người khuyết tật',
      items: [
        item('3.1', 'Hộ gia đình trực tiếp chăm sóc người khuyết tật đặc biệt nặng', care(['CS-1'])),
        item('3.2', 'Người nhận chăm sóc người khuyết tật đặc biệt nặng', care(['CS-2', 'CS-3'])),
        item('3.3', 'Người khuyết tật mang thai hoặc nuôi con dưới 36 tháng tuổi', care(['CS-6'])),
      ],
    },
  ];
}

/** Distinct people by id: a flag per id (far cheaper than a Set at 100,000 people × 12 months). */
class PersonSet {
  private readonly flags: Uint8Array;
  size = 0;
  constructor(maxId: number) {
    this.flags = new Uint8Array(maxId + 1);
  }
  add(id: number): void {
    if (this.flags[id]) return;
    this.flags[id] = 1;
    this.size++;
  }
}
interface Tally {
  people: PersonSet;
  periodPeople: PersonSet;
  yearPeople: PersonSet;
  periodVnd: number;
  yearVnd: number;
}
const toRow = (no: string, label: string, level: SummaryRow['level'], t: Tally): SummaryRow => ({
  no,
  label,
  level,
  people: t.people.size,
  peoplePeriod: t.periodPeople.size,
  fundsPeriodVnd: t.periodVnd,
  peopleYear: t.yearPeople.size,
  fundsYearVnd: t.yearVnd,
});

export function summaryReport(
  store: Store,
  loader: PeriodLoader,
  form: SummaryReport['form'],
  period: ReportPeriod,
): SummaryReport {
  const sections =
    form === 'form10a' ? form10a(loader.ref.groups) : form === 'form10c' ? form10c(loader.ref.groups) : form10d();
  const months = monthsBetween(period.from < period.yearFrom ? period.from : period.yearFrom, period.month);
  // A row per approved round paid in the months read (period or year to date), under its section. Counted in
  // SQL (a round for every beneficiary is 90,000 lines): a person is once in a round, so a round's
  // recipients are its lines; a section's distinct people come from the database too.
  const roundRows = new Map<number, { items: Map<number, SummaryRow>; section: SummaryRow }>(); // by section index
  let roundList: ReturnType<typeof approvedRoundsOfPeriod> | undefined;
  sections.forEach((s, si) => {
    if (!s.rounds) return;
    const totals = approvedRoundTotals(store, months[0]!, period.month, s.rounds);
    const section: SummaryRow = {
      no: s.no,
      label: s.label,
      level: 'section',
      people: 0,
      peoplePeriod: 0,
      fundsPeriodVnd: 0,
      peopleYear: 0,
      fundsYearVnd: 0,
    };
    const items = new Map<number, SummaryRow>();
    if (totals.length > 0) {
      roundList ??= approvedRoundsOfPeriod(store, months[0]!, period.month);
      Object.assign(
        section,
        approvedRoundPeople(
          store,
          { from: months[0]!, to: period.month, periodFrom: period.from, yearFrom: period.yearFrom },
          s.rounds,
        ),
      );
      for (const t of totals) {
        const r = roundList.find((x) => x.roundId === t.roundId)!;
        const no = `${s.no}.${s.items.length + 1}`;
        const label = `${r.name} (căn cứ ${roundBasis(r)}; chi ngày ${formatDateVi(r.roundDate)})`.slice(0, 300);
        s.items.push(item(no, label, () => false));
        const inPeriod = t.month >= period.from;
        const inYear = t.month >= period.yearFrom;
        items.set(s.items.length - 1, {
          no,
          label,
          level: 'item',
          people: t.month === period.month ? t.people : 0,
          peoplePeriod: inPeriod ? t.people : 0,
          fundsPeriodVnd: inPeriod ? t.amountVnd : 0,
          peopleYear: inYear ? t.people : 0,
          fundsYearVnd: inYear ? t.amountVnd : 0,
        });
        if (inPeriod) section.fundsPeriodVnd += t.amountVnd;
        if (inYear) section.fundsYearVnd += t.amountVnd;
      }
    }
    roundRows.set(si, { items, section });
  });
  const maxId = maxPersonId(store);
  const tally = (): Tally => ({
    people: new PersonSet(maxId),
    periodPeople: new PersonSet(maxId),
    yearPeople: new PersonSet(maxId),
    periodVnd: 0,
    yearVnd: 0,
  });
  const total = tally();
  const sectionTallies = sections.map(() => tally());
  const itemTallies = sections.map((s) => s.items.map(() => tally()));
  const count = (t: Tally, personId: number, vnd: number, month: Month) => {
    const inPeriod = month >= period.from;
    if (month === period.month) t.people.add(personId);
    if (inPeriod) {
      t.periodPeople.add(personId);
      t.periodVnd += vnd;
    }
    if (month >= period.yearFrom) {
      t.yearPeople.add(personId);
      t.yearVnd += vnd;
    }
  };

  // The rows' predicates depend only on the programme, the group and the age band: match each distinct
  // (programme, group, band) once and reuse the tallies it hits (100,000 rows × 12 months stay cheap).
  const hitsByKey = new Map<string, Tally[]>();
  const hitsOf = (r: EntitlementMonth): Tally[] => {
    const band = r.age === null ? 'u' : r.age < 16 ? 'c' : r.age >= 60 ? 'e' : 'a';
    const key = `${r.programme}|${r.groupCode ?? ''}|${band}`;
    let hits = hitsByKey.get(key);
    if (hits) return hits;
    hits = [];
    sections.forEach((s, si) => {
      let hit = s.match?.(r) ?? false;
      s.items.forEach((it, ii) => {
        if (!it.match(r)) return;
        hit = true;
        hits!.push(itemTallies[si]![ii]!);
      });
      if (hit) hits!.push(sectionTallies[si]!);
    });
    if (hits.length > 0) hits.push(total);
    hitsByKey.set(key, hits);
    return hits;
  };
  for (const month of months) {
    for (const r of loader.load(month).rows) {
      if (!r.receiving || r.amountVnd <= 0) continue;
      for (const t of hitsOf(r)) count(t, r.personId, r.amountVnd, month);
    }
  }
  for (const o of oneOffRows(store, months[0]!, period.month)) {
    sections.forEach((s, si) => {
      if (s.oneOff !== o.kind) return;
      count(sectionTallies[si]!, o.personId, o.amountVnd, o.month);
      // One-off money adds to the funds; the people are already counted under their group.
      if (o.month >= period.from) total.periodVnd += o.amountVnd;
      if (o.month >= period.yearFrom) total.yearVnd += o.amountVnd;
    });
  }

  for (const { section } of roundRows.values()) {
    // As one-off money: the funds add to the total; the recipients are counted under their group.
    total.periodVnd += section.fundsPeriodVnd;
    total.yearVnd += section.fundsYearVnd;
  }

  const rows: SummaryRow[] = [toRow('', 'Tổng cộng', 'total', total)];
  sections.forEach((s, si) => {
    const own = roundRows.get(si);
    rows.push(own ? own.section : toRow(s.no, s.label, 'section', sectionTallies[si]!));
    s.items.forEach((it, ii) => rows.push(own?.items.get(ii) ?? toRow(it.no, it.label, 'item', itemTallies[si]![ii]!)));
  });
  const notes = [
    `Kỳ báo cáo: ${formatMonthVi(period.from)}–${formatMonthVi(period.month)}; lũy kế từ ${formatMonthVi(period.yearFrom)}. Số đối tượng: người đang hưởng trong tháng ${formatMonthVi(period.month)}. Kinh phí: số phải chi theo sổ đối tượng (đồng), gồm truy lĩnh và mai táng phí đến hạn trong kỳ.`,
  ];
  if (form !== 'form10d')
    notes.push(
      `Mục ${form === 'form10a' ? '12' : '4'}: các đợt chi một lần đã phê duyệt, tính vào kỳ theo ngày chi của đợt; kinh phí là số tiền của danh sách đã phê duyệt.`,
    );
  if (form === 'form10a') notes.push('Trợ cấp hưu trí xã hội (Nghị định 176/2025) không thuộc mẫu này: xem mẫu 10c.');
  return { form, from: period.from, to: period.month, yearFrom: period.yearFrom, rows, notes };
}
