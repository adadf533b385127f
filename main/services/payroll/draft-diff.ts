import type { PlannedLine } from './plan';
import { monthValues, type DraftLine } from './queries/build';

// A rebuild of a draft keeps each line whose every value (and every service-month row) is what the new
// plan gives, and writes only the rest: the officer rebuilds after each correction, and rewriting ~100,000
// unchanged lines (delete, then insert, through both tables' indexes and the immutability triggers) was most of a
// rebuild's cost. The result is the same rows as a fresh build, but for the ids of the lines kept.

export interface DraftDiff {
  /** For each planned line (by index): the id of the draft line kept for it, or undefined (write it). */
  keptIds: Array<number | undefined>;
  /** Kept lines whose number changes: [id, new line_no]. */
  moves: Array<[number, number]>;
  /** Draft lines that no planned line matches. */
  drop: number[];
}

const byComponentThenMonth = (a: unknown[], b: unknown[]): number => {
  const [ca, ma] = [a[0] as string, a[2] as string];
  const [cb, mb] = [b[0] as string, b[2] as string];
  return ca < cb ? -1 : ca > cb ? 1 : ma < mb ? -1 : ma > mb ? 1 : 0;
};

/**
 * Matches the planned lines (`valuesOf(planned[i])` is lineValues of it; numbered i + 1) with the draft's
 * lines, value for value, by their JSON text (SQLite's json_array writes primitives as JSON.stringify does;
 * where the two texts could differ, the line is only rewritten, never wrongly kept). Identical lines match
 * one to one.
 */
export function diffDraft(
  draft: readonly DraftLine[],
  planned: readonly PlannedLine[],
  valuesOf: (line: PlannedLine) => unknown[],
): DraftDiff {
  // By the values' text; a line's service months (one for most lines) compared on a match.
  const unmatched = new Map<string, DraftLine | DraftLine[]>();
  const diff: DraftDiff = { keptIds: [], moves: [], drop: [] };
  for (const line of draft) {
    if (line.valuesJson === null) {
      diff.drop.push(line.id); // the person's details changed: rewritten
      continue;
    }
    const same = unmatched.get(line.valuesJson);
    if (same === undefined) unmatched.set(line.valuesJson, line);
    else if (Array.isArray(same)) same.push(line);
    else unmatched.set(line.valuesJson, [same, line]);
  }
  planned.forEach((l, i) => {
    const key = JSON.stringify(valuesOf(l));
    const same = unmatched.get(key);
    let kept: DraftLine | undefined;
    if (same !== undefined) {
      const months = JSON.stringify(l.months.map(monthValues).sort(byComponentThenMonth));
      if (!Array.isArray(same)) {
        if (same.monthsJson === months) {
          kept = same;
          unmatched.delete(key);
        }
      } else {
        const at = same.findIndex((d) => d.monthsJson === months);
        if (at >= 0) kept = same.splice(at, 1)[0];
      }
    }
    diff.keptIds.push(kept?.id);
    if (kept && kept.lineNo !== i + 1) diff.moves.push([kept.id, i + 1]);
  });
  for (const left of unmatched.values()) for (const l of Array.isArray(left) ? left : [left]) diff.drop.push(l.id);
  return diff;
}
