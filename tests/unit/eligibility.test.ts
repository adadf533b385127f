import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageRuleAt, bandHolds, familyHasGap, type GroupInfo } from '@shared/domain/allowance';
import { addMonths, ageInYearsAt, ageInYearsAtMonthEnd, type BirthDate } from '@shared/domain/dates';
import {
  ageAtMonth,
  checkEligibility,
  clauseCitation,
  familyBandLabel,
  type EligibilityInput,
} from '@shared/domain/eligibility';

// The age rule of a month (groups that end by themselves) and eligibility at the decision.

const g = (
  code: string,
  ageMin: number | null,
  ageMax: number | null,
  family = code,
  clause = '5.1',
  programme = 'BTXH',
): GroupInfo & { label: string } => ({
  code,
  programme,
  clause,
  family,
  ageMin,
  ageMax,
  label: `nhóm ${code}`,
});
const btxh7 = g('BTXH-7', 0, 3, 'BTXH-7', '5.7');
const child = [g('BTXH-1A', 0, 4, 'BTXH-1'), g('BTXH-1B', 4, 16, 'BTXH-1')];
const studying = g('BTXH-2', 16, 22, 'BTXH-2', '5.2');
const disability = [g('BTXH-6A', 16, 60, '6'), g('BTXH-6B', null, null, '6')];
const elder5c = g('BTXH-5C', 80, null, 'BTXH-5C', '5.5c');
const fosterCare = [
  g('CS-4', null, 4, 'CS-NUOI', '20.2', 'BTXH_CARE'),
  g('CS-5', 4, 16, 'CS-NUOI', '20.2', 'BTXH_CARE'),
  g('CS-5D', 60, null, 'CS-NUOI', '20.2', 'BTXH_CARE'),
];
const under36 = g('CS-6', null, 3, 'CS-6', '20.1b', 'BTXH_CARE');
const day = (value: string): BirthDate => ({ precision: 'day', value });

const owed = (recorded: GroupInfo, family: GroupInfo[], birth: BirthDate, month: string) =>
  ageRuleAt(recorded, family, ageAtMonth(birth, month));

describe('ageRuleAt: a group ends by itself the month after its upper limit is reached', () => {
  it('BTXH-7 (under 3): born 10/05/2023, owed to 05/2026 (the 3rd-birthday month), not from 06/2026', () => {
    const born = day('2023-05-10');
    expect(owed(btxh7, [btxh7], born, '2026-04').inForce).toBe(true);
    expect(owed(btxh7, [btxh7], born, '2026-05').inForce).toBe(true);
    expect(owed(btxh7, [btxh7], born, '2026-06')).toEqual({ group: btxh7, inForce: false });
    expect(owed(btxh7, [btxh7], born, '2030-01').inForce).toBe(false);
  });
  it('clause 1: 1A → 1B in the 4th-birthday month (as groupForAge), 1B until the 16th-birthday month, then nothing', () => {
    const born = day('2010-08-20');
    expect(owed(child[0]!, child, born, '2014-07').group.code).toBe('BTXH-1A');
    expect(owed(child[0]!, child, born, '2014-08').group.code).toBe('BTXH-1B');
    expect(owed(child[0]!, child, born, '2026-08')).toEqual({ group: child[1], inForce: true });
    expect(owed(child[0]!, child, born, '2026-09')).toEqual({ group: child[1], inForce: false });
    expect(owed(studying, [studying], born, '2032-08').inForce).toBe(true);
    expect(owed(studying, [studying], born, '2032-09').inForce).toBe(false);
  });
  it('a family with an unbanded member never ends (6A/6B); a record below every band stays owed, flagged', () => {
    expect(owed(disability[0]!, disability, day('1940-01-01'), '2026-01')).toEqual({
      group: disability[1],
      inForce: true,
    });
    expect(owed(elder5c, [elder5c], day('1946-05-24'), '2024-10')).toEqual({
      group: elder5c,
      inForce: true,
      belowBand: true,
    });
  });
  it('foster care follows the cared child: 2.5 (CS-4) under 4, 1.5 (CS-5) from 4, ends after 16; an elder (CS-5D) from 60', () => {
    const born = day('2022-03-02');
    expect(owed(fosterCare[0]!, fosterCare, born, '2026-02').group.code).toBe('CS-4');
    expect(owed(fosterCare[0]!, fosterCare, born, '2026-03').group.code).toBe('CS-5');
    expect(owed(fosterCare[0]!, fosterCare, born, '2038-03')).toEqual({ group: fosterCare[1], inForce: true });
    expect(owed(fosterCare[0]!, fosterCare, born, '2038-04')).toEqual({ group: fosterCare[1], inForce: false });
    expect(owed(fosterCare[1]!, fosterCare, day('1950-01-01'), '2026-01')).toEqual({
      group: fosterCare[2],
      inForce: true,
    });
    // Started as a child: the elder band is another run, never reached by this entitlement.
    expect(ageRuleAt(fosterCare[0]!, fosterCare, ageAtMonth(born, '2084-01'), 1).inForce).toBe(false);
    expect(ageRuleAt(fosterCare[1]!, fosterCare, ageAtMonth(day('1950-01-01'), '2026-01'), 70).group.code).toBe(
      'CS-5D',
    );
    expect(familyHasGap(fosterCare)).toBe(true);
    expect(familyHasGap(child)).toBe(false);
    expect(familyHasGap(disability)).toBe(false);
  });
  it('care for a child under 36 months ends after the month the child reaches 36 months', () => {
    expect(owed(under36, [under36], day('2023-11-30'), '2026-11').inForce).toBe(true);
    expect(owed(under36, [under36], day('2023-11-30'), '2026-12').inForce).toBe(false);
  });
  it('unknown age: the recorded group, in force', () => {
    expect(ageRuleAt(btxh7, [btxh7], null)).toEqual({ group: btxh7, inForce: true });
  });

  const birth = fc
    .tuple(
      fc.integer({ min: 1930, max: 2030 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 28 }),
      fc.boolean(),
    )
    .map(([y, m, d, exact]): BirthDate =>
      exact
        ? day(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`)
        : { precision: 'year', value: String(y) },
    );
  const month = fc
    .tuple(fc.integer({ min: 1930, max: 2060 }), fc.integer({ min: 1, max: 12 }))
    .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
  const families: GroupInfo[][] = [[btxh7], child, [studying], disability, [elder5c], fosterCare, [under36]];
  const family = fc.constantFrom(...families);

  it('property: once ended by age, never owed again in any later month (an age-limited group does not come back)', () => {
    fc.assert(
      fc.property(family, birth, month, fc.integer({ min: 1, max: 240 }), (fam, b, m, later) => {
        // Started in m: the start age picks the run of bands (a foster child's care does not return at 60).
        const start = ageInYearsAtMonthEnd(b, m);
        const rule = ageRuleAt(fam[0]!, fam, ageAtMonth(b, m), start);
        return rule.inForce || !ageRuleAt(fam[0]!, fam, ageAtMonth(b, addMonths(m, later)), start).inForce;
      }),
      { numRuns: 2000 },
    );
  });
  it('property: owed exactly while some band holds the month (or the family has an unbanded member, or the age is below every band)', () => {
    fc.assert(
      fc.property(family, birth, month, (fam, b, m) => {
        const age = ageAtMonth(b, m);
        const rule = ageRuleAt(fam[0]!, fam, age);
        const holds = fam.some((x) => (x.ageMin === null && x.ageMax === null) || bandHolds(x, age));
        const below = fam.every((x) => x.ageMin !== null && age.end < x.ageMin);
        return rule.inForce === (holds || below) && fam.includes(rule.group) && (!rule.inForce || below || holds);
      }),
    );
  });
  it('property: ageInYearsAt (the hot path, month already parsed) equals ageInYearsAtMonthEnd', () => {
    fc.assert(
      fc.property(
        birth,
        month,
        (b, m) => ageInYearsAt(b, Number(m.slice(0, 4)), Number(m.slice(5, 7))) === ageInYearsAtMonthEnd(b, m),
      ),
    );
  });
  it('property: the upper limit L is owed in the month the age reaches L and never after (the month-after convention)', () => {
    fc.assert(
      fc.property(birth, month, (b, m) => {
        const end = ageInYearsAtMonthEnd(b, m);
        const prevEnd = ageInYearsAtMonthEnd(b, addMonths(m, -1));
        const inForce = owed(btxh7, [btxh7], b, m).inForce;
        if (end < 0) return true; // before the birth: below the band
        return inForce === prevEnd < 3;
      }),
    );
  });
});

describe('checkEligibility at the decision', () => {
  const pension = g('HTXH-1', null, null, 'HTXH-1', 'NĐ 176/2025', 'HTXH');
  const base = (over: Partial<EligibilityInput>): EligibilityInput => ({
    programme: 'HTXH',
    group: pension,
    family: [pension],
    effectiveMonth: '2026-11',
    birth: day('1951-03-01'),
    caredNamed: false,
    household: null,
    officerReason: '',
    ...over,
  });
  it('social pension: 75 accepted; 72 only in a poor or near-poor household; 55 refused; not before 07/2025', () => {
    expect(checkEligibility(base({})).refusals).toEqual([]);
    const at72 = checkEligibility(base({ birth: day('1954-06-01') }));
    expect(at72.refusals).toEqual([
      { path: 'decision.household', message: expect.stringContaining('hộ nghèo, hộ cận nghèo') },
    ]);
    expect(checkEligibility(base({ birth: day('1954-06-01'), household: 'near_poor' })).refusals).toEqual([]);
    const at55 = checkEligibility(base({ birth: day('1971-01-01'), household: 'poor' }));
    expect(at55.refusals[0]!.message).toContain('Chưa đủ tuổi hưởng trợ cấp hưu trí xã hội: 55 tuổi tại tháng 11/2026');
    expect(at55.refusals[0]!.message).toContain('Điều 21 Luật Bảo hiểm xã hội 2024');
    expect(checkEligibility(base({ effectiveMonth: '2025-06', birth: day('1940-01-01') })).refusals[0]).toMatchObject({
      path: 'decision.effectiveMonth',
    });
    expect(checkEligibility(base({ effectiveMonth: '2025-07', birth: day('1940-01-01') })).refusals).toEqual([]);
  });
  it('the 75th-birthday month counts (age at the month end), the month before does not', () => {
    expect(checkEligibility(base({ birth: day('1951-11-30') })).refusals).toEqual([]);
    expect(checkEligibility(base({ birth: day('1951-12-01') })).refusals).toHaveLength(1);
  });
  it('no birth date: the officer decides, with a recorded reason', () => {
    expect(checkEligibility(base({ birth: null })).needsReason).toMatchObject({
      path: 'decision.eligibilityReason',
      message: expect.stringContaining('chưa có ngày sinh'),
    });
  });
  it('social pension: "no pension above the level" is not in the register: every grant rests on the officer\'s recorded verification', () => {
    const outcome = checkEligibility(base({}));
    expect(outcome.refusals).toEqual([]);
    expect(outcome.needsReason).toEqual({
      path: 'decision.eligibilityReason',
      message: expect.stringContaining('không hưởng lương hưu, trợ cấp bảo hiểm xã hội hằng tháng'),
    });
    expect(outcome.needsReason!.message).toContain('Điều 21 Luật Bảo hiểm xã hội 2024');
    // With no birth date, one reason covers both (the age and the pension).
    const both = checkEligibility(base({ birth: null })).needsReason!.message;
    expect(both).toContain('chưa có ngày sinh');
    expect(both).toContain('thấp hơn mức trợ cấp hưu trí xã hội');
    // A refusal (too young) is a refusal, not a question for the officer.
    expect(checkEligibility(base({ birth: day('1971-01-01') })).needsReason).toBeNull();
    // Other programmes are not asked.
    expect(
      checkEligibility(base({ programme: 'BTXH', group: elder5c, family: [elder5c], birth: day('1940-01-01') }))
        .needsReason,
    ).toBeNull();
  });
  it('BTXH age bands at the effective month, naming the clause', () => {
    const b7 = (birth: string, month: string) =>
      checkEligibility(
        base({ programme: 'BTXH', group: btxh7, family: [btxh7], birth: day(birth), effectiveMonth: month }),
      );
    expect(b7('2024-01-10', '2026-11').refusals).toEqual([]);
    const late = b7('2023-05-10', '2026-06').refusals[0]!;
    expect(late.path).toBe('groupCode');
    expect(late.message).toContain('khoản 7 Điều 5 Nghị định 20/2021/NĐ-CP');
    expect(late.message).toContain('dưới 3 tuổi');
    expect(
      checkEligibility(base({ programme: 'BTXH', group: elder5c, family: [elder5c], birth: day('1950-01-01') }))
        .refusals[0]!.message,
    ).toContain('điểm c khoản 5 Điều 5');
    expect(
      checkEligibility(base({ programme: 'BTXH', group: disability[0]!, family: disability, birth: day('2020-01-01') }))
        .refusals,
    ).toEqual([]);
  });
  it("care support: by the cared person's age; a cared person is required unless the group allows none", () => {
    const care = (over: Partial<EligibilityInput>) =>
      checkEligibility(
        base({ programme: 'BTXH_CARE', group: fosterCare[0]!, family: fosterCare, caredNamed: true, ...over }),
      );
    expect(care({ birth: day('2020-01-01') }).refusals).toEqual([]);
    expect(care({ birth: day('2000-01-01') }).refusals[0]!.message).toContain('Điều 20 Nghị định 20/2021/NĐ-CP');
    expect(care({ caredNamed: false, birth: null }).refusals[0]).toMatchObject({ path: 'caredPersonId' });
    expect(care({ group: under36, family: [under36], caredNamed: false, birth: null })).toEqual({
      refusals: [],
      needsReason: null,
    });
    expect(care({ birth: null }).needsReason).toMatchObject({ path: 'decision.eligibilityReason' });
  });
  it('labels', () => {
    expect(familyBandLabel(child)).toBe('dưới 16 tuổi');
    expect(familyBandLabel(fosterCare)).toBe('dưới 16 tuổi hoặc từ đủ 60 tuổi');
    expect(clauseCitation('5.5a')).toBe('điểm a khoản 5 Điều 5 Nghị định 20/2021/NĐ-CP');
  });
  it('property: a BTXH-7 grant is accepted exactly when the monthly rule owes the effective month', () => {
    const birth = fc
      .tuple(fc.integer({ min: 2015, max: 2027 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
      .map(([y, m, d]) => day(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`));
    const month = fc
      .tuple(fc.integer({ min: 2020, max: 2030 }), fc.integer({ min: 1, max: 12 }))
      .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(birth, month, (b, m) => {
        const refused =
          checkEligibility(base({ programme: 'BTXH', group: btxh7, family: [btxh7], birth: b, effectiveMonth: m }))
            .refusals.length > 0;
        const rule = owed(btxh7, [btxh7], b, m);
        return refused === !(rule.inForce && !rule.belowBand);
      }),
    );
  });
});
