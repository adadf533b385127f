import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffDraft } from '../../main/services/payroll/draft-diff';
import type { LineMonth, PlannedLine } from '../../main/services/payroll/plan';
import { monthValues, type DraftLine } from '../../main/services/payroll/queries/build';

// A rebuild keeps a draft line only when a planned line has exactly its values and service months, each
// draft line at most once, as many as can match; every other draft line is dropped.

const monthArb = fc.record({
  component: fc.constantFrom('allowance', 'care'),
  entitlementId: fc.constantFrom(1, 2, null),
  month: fc.constantFrom('2026-09', '2026-10', '2026-11'),
  amountVnd: fc.constantFrom(500_000, 750_000, -250_000),
  paidBeforeVnd: fc.constantFrom(0, 500_000),
  recoveryId: fc.constantFrom(null, 7),
}) as fc.Arbitrary<LineMonth>;
// Few distinct values, so identical lines and near-misses are common.
const lineArb = fc.record({
  values: fc.tuple(
    fc.integer({ min: 1, max: 4 }),
    fc.constantFrom('Lê Văn Bình', 'Trần Thị Cúc'),
    fc.constantFrom(500_000, null),
  ),
  months: fc.uniqueArray(monthArb, { maxLength: 3, selector: (m) => `${m.component}|${m.month}` }),
});
type Line = { values: unknown[]; months: LineMonth[] };

/** A draft line as draftLines reads it; `stale`: its person's details changed in the register since. */
const stored = (l: Line, id: number, lineNo: number, stale = false): DraftLine => ({
  id,
  lineNo,
  valuesJson: stale ? null : JSON.stringify(l.values),
  // As SQLite's json_group_array(… ORDER BY component, service_month) writes them.
  monthsJson: JSON.stringify(
    [...l.months].sort((a, b) => (a.component + a.month < b.component + b.month ? -1 : 1)).map(monthValues),
  ),
});
const signature = (d: DraftLine) => `${d.valuesJson}|${d.monthsJson}`;

describe('diffDraft', () => {
  it('keeps exactly the draft lines a planned line equals (one each, as many as match), drops the rest, renumbers the kept', () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { maxLength: 12 }),
        fc.array(lineArb, { maxLength: 12 }),
        fc.array(fc.boolean(), { maxLength: 24 }),
        (plannedLines, others, stale) => {
          // The draft: some of the planned lines (months in any order) and others, shuffled ids and numbers;
          // some of them stale.
          const draft = [...plannedLines.filter((_, i) => i % 2 === 0), ...others].map((l, i) =>
            stored(
              { values: l.values, months: [...l.months].reverse() },
              100 + ((i * 7) % 31) + i * 31,
              i + 1,
              stale[i] ?? false,
            ),
          );
          const valuesOf = new Map<PlannedLine, unknown[]>();
          const planned = plannedLines.map((l) => {
            const line = { months: l.months } as unknown as PlannedLine;
            valuesOf.set(line, l.values);
            return line;
          });
          const diff = diffDraft(draft, planned, (l) => valuesOf.get(l)!);

          const byId = new Map(draft.map((d) => [d.id, d]));
          const kept = diff.keptIds.filter((id): id is number => id !== undefined);
          expect(new Set(kept).size).toBe(kept.length);
          diff.keptIds.forEach((id, i) => {
            if (id === undefined) return;
            expect(signature(byId.get(id)!)).toBe(signature(stored(plannedLines[i]!, 0, 0)));
          });
          expect([...kept, ...diff.drop].sort((a, b) => a - b)).toEqual(draft.map((d) => d.id).sort((a, b) => a - b));
          // As many kept as the two multisets share.
          const counts = new Map<string, number>();
          for (const d of draft.filter((d) => d.valuesJson !== null))
            counts.set(signature(d), (counts.get(signature(d)) ?? 0) + 1);
          let shared = 0;
          for (const l of plannedLines) {
            const key = signature(stored(l, 0, 0));
            if ((counts.get(key) ?? 0) > 0) {
              shared++;
              counts.set(key, counts.get(key)! - 1);
            }
          }
          expect(kept.length).toBe(shared);
          expect(diff.moves).toEqual(
            diff.keptIds.flatMap((id, i) => (id !== undefined && byId.get(id)!.lineNo !== i + 1 ? [[id, i + 1]] : [])),
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});
