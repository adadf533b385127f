import type { Store } from '../../db/store';
import {
  CHANGE_LABELS,
  type ChangeKind,
  type ChangeLine,
  type ChangeSummaryRow,
  type ChangesReport,
} from '@shared/api/reports';
import { addMonths, formatBirthDate, formatMonthVi, type Month } from '@shared/domain/dates';
import { standardLevelAt } from '@shared/domain/allowance';
import { formatVnd } from '@shared/domain/money';
import { printedDecisionNumber } from '@shared/domain/labels';
import { birthOf } from '../register/amounts';
import { programmeNames, type EntitlementMonth, type PeriodLoader } from './period';
import { changePersonReader, decisionsOfMonth, type DecisionRow } from './queries';

// Increases and decreases (tăng/giảm) for a month: every decision that takes effect that month (grant,
// resume, stop — split by death, moving away, other — suspend, adjust), plus group changes the age rules
// made by themselves, each with its decision number. The summary per programme balances: people
// receiving last month + opening stock + increases − decreases = people receiving this month. Entitlements
// that came in through an Excel import are the register's opening stock ("Đầu kỳ"), counted apart, not as
// increases and not listed as new.

const INCREASES: readonly ChangeKind[] = ['new', 'resumed'];
const DECREASES: readonly ChangeKind[] = ['stopped_death', 'stopped_moved', 'stopped_other', 'suspended'];

function kindOf(d: DecisionRow, month: Month): ChangeKind {
  switch (d.kind) {
    case 'grant':
      return 'new';
    case 'resume':
      return 'resumed';
    case 'suspend':
      return 'suspended';
    case 'adjust':
      return 'level';
    case 'stop':
      if (d.deathDate && d.deathDate.slice(0, 7) < month) return 'stopped_death';
      if (d.movedAwayDate && d.movedAwayDate.slice(0, 7) < month) return 'stopped_moved';
      return 'stopped_other';
  }
}

const birthText = (p: { birthDate: string | null; birthPrecision: 'day' | 'year' | 'unknown' }) => {
  const b = birthOf(p);
  return b ? formatBirthDate(b) : '';
};

export function changesReport(store: Store, loader: PeriodLoader, month: Month): ChangesReport {
  const previous = addMonths(month, -1);
  const before = byEntitlement(loader.load(previous).rows);
  const after = byEntitlement(loader.load(month).rows);
  const names = programmeNames(store);
  const lines: ChangeLine[] = [];
  const imported = new Map<string, number>();
  const withDecision = new Set<number>();

  for (const d of decisionsOfMonth(store, month)) {
    if (d.kind === 'grant' && d.imported) {
      imported.set(d.programme, (imported.get(d.programme) ?? 0) + 1);
      continue;
    }
    const b = d.entitlementId ? before.get(d.entitlementId) : undefined;
    const a = d.entitlementId ? after.get(d.entitlementId) : undefined;
    if (d.entitlementId) withDecision.add(d.entitlementId);
    lines.push({
      kind: kindOf(d, month),
      programme: d.programme,
      personId: d.personId,
      fullName: d.fullName,
      birthText: birthText(d),
      citizenId: d.citizenId,
      neighbourhood: d.neighbourhood ?? '',
      groupBefore: b?.groupCode ?? null,
      groupAfter: a?.groupCode ?? null,
      amountBeforeVnd: b?.receiving ? b.amountVnd : 0,
      amountAfterVnd: a?.receiving ? a.amountVnd : 0,
      decisionNumber: printedDecisionNumber(d.number),
      decisionDate: d.signedDate,
      reason: d.reason,
    });
  }

  // Group changes by age (a child turning 4, an adult with a disability turning 60): no decision.
  const person = changePersonReader(store);
  for (const [id, a] of after) {
    const b = before.get(id);
    if (!b || withDecision.has(id) || !a.receiving || !b.receiving || a.groupCode === b.groupCode) continue;
    const p = person(a.personId);
    lines.push({
      kind: 'level',
      programme: a.programme,
      personId: a.personId,
      fullName: p.fullName,
      birthText: birthText(p),
      citizenId: p.citizenId,
      neighbourhood: p.neighbourhood ?? '',
      groupBefore: b.groupCode,
      groupAfter: a.groupCode,
      amountBeforeVnd: b.amountVnd,
      amountAfterVnd: a.amountVnd,
      decisionNumber: '',
      decisionDate: null,
      reason: `Tự động chuyển nhóm theo tuổi (${a.age ?? '?'} tuổi)`,
    });
  }

  const summary: ChangeSummaryRow[] = [];
  for (const [code, name] of names) {
    const opening = countReceiving(before, code);
    const closing = countReceiving(after, code);
    const mine = lines.filter((l) => l.programme === code);
    const byKind = Object.fromEntries(
      Object.keys(CHANGE_LABELS).map((k) => [k, mine.filter((l) => l.kind === k).length]),
    ) as Record<ChangeKind, number>;
    const opened = imported.get(code) ?? 0;
    const increases = INCREASES.reduce((s, k) => s + byKind[k], 0);
    const decreases = DECREASES.reduce((s, k) => s + byKind[k], 0);
    if (opening + opened + closing + increases + decreases + byKind.level === 0 && code !== 'BTXH' && code !== 'NCC')
      continue;
    summary.push({
      programme: code,
      programmeName: name,
      opening,
      imported: opened,
      increases,
      decreases,
      closing,
      byKind,
    });
  }

  const notes: string[] = [];
  const importedTotal = [...imported.values()].reduce((s, n) => s + n, 0);
  if (importedTotal > 0)
    notes.push(
      `${importedTotal} chế độ đưa vào sổ từ tệp Excel tháng ${formatMonthVi(month)} là số đầu kỳ (người đang hưởng chuyển sang), ghi ở cột "Đầu kỳ", không tính là tăng mới và không liệt kê từng người.`,
    );
  for (const programme of ['BTXH', 'NCC']) {
    const was = standardLevelAt(loader.ref.levels, programme, previous);
    const now = standardLevelAt(loader.ref.levels, programme, month);
    if (was !== undefined && now !== undefined && was !== now) {
      notes.push(
        `Mức chuẩn ${programme} thay đổi từ ${formatVnd(was)} lên ${formatVnd(now)} đồng: mức hưởng của mọi người thay đổi theo, không liệt kê từng người.`,
      );
    }
  }
  const order = [...loader.ref.groups.keys()];
  const kindOrder = Object.keys(CHANGE_LABELS);
  lines.sort(
    (x, y) =>
      [...names.keys()].indexOf(x.programme) - [...names.keys()].indexOf(y.programme) ||
      kindOrder.indexOf(x.kind) - kindOrder.indexOf(y.kind) ||
      order.indexOf(x.groupAfter ?? '') - order.indexOf(y.groupAfter ?? '') ||
      0,
  );
  const groupLabels: Record<string, string> = {};
  for (const code of lines.flatMap((l) => [l.groupBefore, l.groupAfter]))
    if (code) groupLabels[code] = loader.ref.groups.get(code)?.label ?? code;
  return { month, summary, lines, notes, groupLabels };
}

function byEntitlement(rows: readonly EntitlementMonth[]): Map<number, EntitlementMonth> {
  return new Map(rows.map((r) => [r.entitlementId, r]));
}

function countReceiving(rows: ReadonlyMap<number, EntitlementMonth>, programme: string): number {
  let n = 0;
  for (const r of rows.values()) if (r.programme === programme && r.receiving) n++;
  return n;
}
