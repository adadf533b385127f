import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyOverlapRule,
  coefficientMonthly,
  funeralSupport,
  groupForAge,
  inForce,
  standardLevelAt,
  type GroupInfo,
  type OverlapItem,
} from '@shared/domain/allowance';

const g = (code: string, ageMin: number | null, ageMax: number | null, family = 'F'): GroupInfo => ({
  code,
  programme: 'BTXH',
  clause: '5.1',
  family,
  ageMin,
  ageMax,
});

describe('inForce and standard levels', () => {
  const rows = [
    { from: '2021-07', v: 360 },
    { from: '2013-01', v: 270 },
    { from: '2024-07', v: 500 },
  ];
  it('picks the latest row not after the month, in any order', () => {
    expect(inForce(rows, '2024-06')?.v).toBe(360);
    expect(inForce(rows, '2024-07')?.v).toBe(500);
    expect(inForce(rows, '2012-12')).toBeUndefined();
  });
  it('property: the chosen row is never after the month and no later row qualifies', () => {
    const month = fc
      .tuple(fc.integer({ min: 2000, max: 2040 }), fc.integer({ min: 1, max: 12 }))
      .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(fc.array(month, { maxLength: 8 }), month, (froms, m) => {
        const chosen = inForce(
          froms.map((from) => ({ from })),
          m,
        );
        const eligible = froms.filter((f) => f <= m);
        if (eligible.length === 0) return chosen === undefined;
        return chosen!.from <= m && eligible.every((f) => f <= chosen!.from);
      }),
    );
  });
  it('a provincial level applies only when higher', () => {
    const levels = [
      { programme: 'BTXH', scope: 'national' as const, from: '2024-07', amountVnd: 500_000 },
      { programme: 'BTXH', scope: 'province' as const, from: '2025-01', amountVnd: 450_000 },
      { programme: 'BTXH', scope: 'province' as const, from: '2026-01', amountVnd: 650_000 },
    ];
    expect(standardLevelAt(levels, 'BTXH', '2025-06')).toBe(500_000);
    expect(standardLevelAt(levels, 'BTXH', '2026-01')).toBe(650_000);
    expect(standardLevelAt(levels, 'NCC', '2026-01')).toBeUndefined();
  });
});

describe('groupForAge', () => {
  const child = [g('1A', 0, 4), g('1B', 4, 16)];
  const disability = [g('6A', 16, 60), g('6B', null, null)];
  it('chooses the band holding the age, the unbanded member outside it, and keeps lone groups', () => {
    expect(groupForAge(child[1]!, child, 3).code).toBe('1A');
    expect(groupForAge(child[0]!, child, 4).code).toBe('1B');
    expect(groupForAge(child[0]!, child, 17).code).toBe('1B'); // past the last band: the nearest
    expect(groupForAge(disability[0]!, disability, 59).code).toBe('6A');
    expect(groupForAge(disability[0]!, disability, 60).code).toBe('6B');
    expect(groupForAge(disability[0]!, disability, 12).code).toBe('6B');
    expect(groupForAge(child[0]!, child, null).code).toBe('1A');
    const lone = g('5C', 80, null, '5C');
    expect(groupForAge(lone, [lone], 70).code).toBe('5C');
  });
  it('property: the result is always a family member, and in its band when one holds the age', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 110 }), fc.constantFrom(...child), (age, recorded) => {
        const chosen = groupForAge(recorded, child, age);
        return child.includes(chosen) && (age >= 16 || (age >= chosen.ageMin! && age < chosen.ageMax!));
      }),
    );
  });
});

describe('money rules', () => {
  it('coefficient × standard × children, integer VND', () => {
    expect(coefficientMonthly(500_000, 2500)).toBe(1_250_000);
    expect(coefficientMonthly(500_000, 1000, 3)).toBe(1_500_000);
    expect(coefficientMonthly(270_000, 1500)).toBe(405_000);
    expect(funeralSupport(500_000)).toBe(10_000_000);
    expect(funeralSupport(500_000, 50)).toBe(25_000_000);
  });
});

describe('applyOverlapRule (Decree 20/2021 Art. 6(2))', () => {
  const item = (entitlementId: number, clause: string, amountVnd: number, programme = 'BTXH'): OverlapItem => ({
    entitlementId,
    programme,
    clause,
    amountVnd,
  });
  it('pays only the highest; single parent adds to clause 5, 6 or 8', () => {
    const paid = (items: OverlapItem[]) => applyOverlapRule(items).map((o) => o.paidVnd);
    expect(paid([item(1, '5.5c', 500_000), item(2, '5.6', 1_250_000)])).toEqual([0, 1_250_000]);
    expect(paid([item(1, '5.4', 1_000_000), item(2, '5.6', 750_000)])).toEqual([1_000_000, 750_000]);
    expect(paid([item(1, '5.4', 500_000), item(2, '5.2', 750_000)])).toEqual([0, 750_000]);
    expect(paid([item(1, '', 500_000, 'HTXH'), item(2, '5.5c', 500_000)])).toEqual([500_000, 0]);
    expect(paid([item(1, '', 3_000_000, 'NCC'), item(2, '5.5c', 500_000)])).toEqual([3_000_000, 500_000]);
  });

  const clauses = ['5.1', '5.2', '5.3', '5.4', '5.5a', '5.5c', '5.6', '5.7', '5.8'];
  const items = fc
    .array(
      fc.record({
        clause: fc.constantFrom(...clauses),
        amount: fc.integer({ min: 0, max: 5_000_000 }),
        programme: fc.constantFrom('BTXH', 'BTXH', 'HTXH', 'NCC'),
      }),
      { maxLength: 6 },
    )
    .map((rows) => rows.map((r, i) => item(i + 1, r.programme === 'BTXH' ? r.clause : '', r.amount, r.programme)));

  it('property: never pays more than the sum, never less than the best single amount; others untouched', () => {
    fc.assert(
      fc.property(items, (list) => {
        const out = applyOverlapRule(list);
        const pooled = list.filter((i) => i.programme !== 'NCC');
        const paidPooled = out
          .filter((o) => pooled.some((p) => p.entitlementId === o.entitlementId))
          .reduce((s, o) => s + o.paidVnd, 0);
        const best = Math.max(0, ...pooled.map((p) => p.amountVnd));
        const untouched = list
          .filter((i) => i.programme === 'NCC')
          .every((i) => out.find((o) => o.entitlementId === i.entitlementId)!.paidVnd === i.amountVnd);
        const atMostTwo =
          out.filter((o) => pooled.some((p) => p.entitlementId === o.entitlementId) && o.paidVnd > 0).length <= 2;
        return (
          out.length === list.length &&
          paidPooled >= best &&
          paidPooled <= pooled.reduce((s, p) => s + p.amountVnd, 0) &&
          untouched &&
          atMostTwo
        );
      }),
    );
  });
  it('property: each item is paid in full or not at all, and a refusal says why', () => {
    fc.assert(
      fc.property(items, (list) =>
        applyOverlapRule(list).every((o) => {
          const original = list.find((i) => i.entitlementId === o.entitlementId)!;
          return o.paidVnd === original.amountVnd || (o.paidVnd === 0 && !!o.reason);
        }),
      ),
    );
  });
});
