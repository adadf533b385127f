import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  basisKey,
  planRound,
  roundTotals,
  ruleMatches,
  type RoundAdjustment,
  type RoundCandidate,
  type RoundRule,
} from '@shared/domain/rounds';

// One-off rounds: who the rules pick, once each, never twice under one legal basis, totals = the lines.

const PROGRAMMES = ['NCC', 'BTXH', 'HTXH'] as const;
const CATEGORIES = [
  'Thương binh 61%',
  'Thương binh 81%',
  'Bệnh binh 41%',
  'Thân nhân liệt sĩ',
  'Người hoạt động kháng chiến',
  '',
];
const GROUPS = [null, 'BTXH-1A', 'BTXH-1B', 'BTXH-5C', 'BTXH-6A'];
const familyOf = (g: string | null) => (g === 'BTXH-1A' || g === 'BTXH-1B' ? 'BTXH-1' : g);

const candidate = fc
  .record({
    personId: fc.integer({ min: 1, max: 40 }),
    programme: fc.constantFrom(...PROGRAMMES),
    groupCode: fc.constantFrom(...GROUPS),
    categoryLabel: fc.constantFrom(...CATEGORIES),
  })
  .map((c): RoundCandidate => ({ ...c, groupFamily: familyOf(c.groupCode) }));

const rules = fc
  .array(
    fc.record({
      programme: fc.constantFrom(...PROGRAMMES),
      groups: fc.subarray(['BTXH-1', 'BTXH-5C', 'BTXH-6A']),
      categories: fc.subarray(['Thương binh', 'Bệnh binh', 'thân nhân liệt sĩ']),
      amountVnd: fc.integer({ min: 1, max: 5_000_000 }),
    }),
    { minLength: 1, maxLength: 5 },
  )
  .map((rs): RoundRule[] => rs.map((r, i) => ({ ...r, ruleNo: i + 1 })));

const adjustments = fc.array(
  fc.oneof(
    fc.record({
      kind: fc.constant('add' as const),
      personId: fc.integer({ min: 1, max: 60 }),
      programme: fc.constantFrom(...PROGRAMMES),
      amountVnd: fc.integer({ min: 1, max: 5_000_000 }),
    }),
    fc.record({ kind: fc.constant('remove' as const), personId: fc.integer({ min: 1, max: 60 }) }),
  ),
  { maxLength: 6 },
) as fc.Arbitrary<RoundAdjustment[]>;

describe('planRound', () => {
  it('lists nobody twice, and each picked person under a rule that matches one of their entitlements, with its amount', () => {
    fc.assert(
      fc.property(rules, fc.array(candidate, { maxLength: 60 }), adjustments, (rs, cs, adj) => {
        const plan = planRound(rs, cs, adj, new Set());
        const ids = plan.lines.map((l) => l.personId);
        expect(new Set(ids).size).toBe(ids.length);
        for (const l of plan.lines) {
          if (l.ruleNo === null) {
            expect(adj.some((a) => a.kind === 'add' && a.personId === l.personId && a.amountVnd === l.amountVnd)).toBe(
              true,
            );
            continue;
          }
          const rule = rs.find((r) => r.ruleNo === l.ruleNo)!;
          expect(l.amountVnd).toBe(rule.amountVnd);
          expect(cs.some((c) => c.personId === l.personId && ruleMatches(rule, c))).toBe(true);
          // The highest amount among the rules matching any of the person's entitlements.
          const best = Math.max(
            ...cs
              .filter((c) => c.personId === l.personId)
              .flatMap((c) => rs.filter((r) => ruleMatches(r, c)).map((r) => r.amountVnd)),
          );
          expect(l.amountVnd).toBe(best);
        }
        // Everyone a rule matches is either listed, removed by hand, or (here) nowhere else.
        for (const c of cs) {
          if (!rs.some((r) => ruleMatches(r, c))) continue;
          expect(ids.includes(c.personId) || plan.removed.includes(c.personId)).toBe(true);
        }
      }),
    );
  });

  it('puts nobody in two rounds of the same legal basis, however the rounds are built one after another', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(rules, adjustments), { minLength: 1, maxLength: 4 }),
        fc.array(candidate, { maxLength: 60 }),
        (rounds, cs) => {
          const taken = new Set<number>();
          const seen: number[] = [];
          for (const [rs, adj] of rounds) {
            const plan = planRound(rs, cs, adj, taken);
            for (const l of plan.lines) {
              expect(taken.has(l.personId)).toBe(false);
              seen.push(l.personId);
            }
            for (const l of plan.lines) taken.add(l.personId);
          }
          expect(new Set(seen).size).toBe(seen.length);
        },
      ),
    );
  });

  it('totals are the count and the sum of the lines, to the đồng', () => {
    fc.assert(
      fc.property(rules, fc.array(candidate, { maxLength: 60 }), adjustments, (rs, cs, adj) => {
        const plan = planRound(rs, cs, adj, new Set());
        const t = roundTotals(plan.lines);
        expect(t.count).toBe(plan.lines.length);
        expect(t.totalVnd).toBe(plan.lines.reduce((s, l) => s + l.amountVnd, 0));
        expect(Number.isSafeInteger(t.totalVnd)).toBe(true);
      }),
    );
  });

  it('a removal by hand wins over the rules and over an addition', () => {
    const rs: RoundRule[] = [
      { ruleNo: 1, programme: 'NCC', groups: [], categories: ['Thương binh'], amountVnd: 600_000 },
    ];
    const cs: RoundCandidate[] = [
      { personId: 1, programme: 'NCC', groupCode: null, groupFamily: null, categoryLabel: 'Thương binh 61%' },
      { personId: 2, programme: 'NCC', groupCode: null, groupFamily: null, categoryLabel: 'Thương binh 81%' },
    ];
    const plan = planRound(
      rs,
      cs,
      [
        { kind: 'remove', personId: 2 },
        { kind: 'add', personId: 2, programme: 'NCC', amountVnd: 1 },
        { kind: 'add', personId: 3, programme: 'NCC', amountVnd: 300_000 },
      ],
      new Set(),
    );
    expect(plan.lines.map((l) => [l.personId, l.amountVnd, l.ruleNo])).toEqual([
      [1, 600_000, 1],
      [3, 300_000, null],
    ]);
    expect(plan.removed).toEqual([2]);
  });
});

describe('ruleMatches', () => {
  it('matches an NCC category by its words from the start, without accents or case, and a BTXH group by code or family', () => {
    const ncc = (label: string): RoundCandidate => ({
      personId: 1,
      programme: 'NCC',
      groupCode: null,
      groupFamily: null,
      categoryLabel: label,
    });
    const rule: RoundRule = { ruleNo: 1, programme: 'NCC', groups: [], categories: ['thuong binh'], amountVnd: 1 };
    expect(ruleMatches(rule, ncc('Thương binh 61%'))).toBe(true);
    expect(ruleMatches(rule, ncc('Thương binh'))).toBe(true);
    expect(ruleMatches(rule, ncc('Bệnh binh 61%'))).toBe(false);
    expect(ruleMatches(rule, ncc('Thương binhloại'))).toBe(false);
    const btxh: RoundCandidate = {
      personId: 1,
      programme: 'BTXH',
      groupCode: 'BTXH-1B',
      groupFamily: 'BTXH-1',
      categoryLabel: '',
    };
    expect(ruleMatches({ ruleNo: 1, programme: 'BTXH', groups: ['BTXH-1'], categories: [], amountVnd: 1 }, btxh)).toBe(
      true,
    );
    expect(ruleMatches({ ruleNo: 1, programme: 'BTXH', groups: ['BTXH-1B'], categories: [], amountVnd: 1 }, btxh)).toBe(
      true,
    );
    expect(ruleMatches({ ruleNo: 1, programme: 'BTXH', groups: ['BTXH-5C'], categories: [], amountVnd: 1 }, btxh)).toBe(
      false,
    );
    expect(ruleMatches({ ruleNo: 1, programme: 'NCC', groups: [], categories: [], amountVnd: 1 }, btxh)).toBe(false);
  });
});

describe('basisKey', () => {
  it('is the same for a number written with other case, accents, spaces or dashes', () => {
    expect(basisKey('05/QĐ-UBND', '2026-01-10', 'UBND tỉnh Bình Thuận')).toBe(
      basisKey(' 05 / qd - ubnd', '2026-01-10', 'ubnd TINH binh thuan'),
    );
    expect(basisKey('05/QĐ-UBND', '2026-01-10', 'UBND tỉnh')).not.toBe(
      basisKey('05/QĐ-UBND', '2026-01-11', 'UBND tỉnh'),
    );
  });
});
