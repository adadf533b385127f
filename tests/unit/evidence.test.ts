import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsvRecords } from '@shared/domain/csv';
import {
  checkGroup,
  checkRequirement,
  currentFact,
  defaultListYear,
  DISABILITY_LEVELS,
  EVIDENCE_KINDS,
  GROUP_REQUIREMENTS,
  HOUSEHOLD_LEVELS,
  proposeDecision,
  requirementsAt,
  requirementsOf,
  type EvidenceFact,
  type EvidenceKind,
  type Requirement,
} from '@shared/domain/evidence';
import groupsCsv from '@shared/reference/allowance-groups.csv';

// Eligibility evidence rules (issue 16): what each group needs, whether recorded facts meet it on a day,
// and the decision proposed when they do not.

const DAYS = fc
  .record({
    y: fc.integer({ min: 2020, max: 2030 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);

const levelsOf = (kind: EvidenceKind) =>
  kind === 'household' ? HOUSEHOLD_LEVELS : kind === 'disability' ? DISABILITY_LEVELS : ([''] as const);

const factArb = (kind: EvidenceKind) =>
  fc
    .record({
      level: fc.constantFrom(...levelsOf(kind)),
      listYear: fc.integer({ min: 2020, max: 2030 }),
      issuedDate: fc.option(DAYS, { nil: null }),
      validUntil: fc.option(DAYS, { nil: null }),
      endedDate: fc.option(DAYS, { nil: null }),
    })
    .map((f) => ({
      kind,
      level: f.level,
      listYear: kind === 'household' ? f.listYear : null,
      issuedDate: f.issuedDate,
      validUntil:
        kind === 'household'
          ? `${f.listYear}-12-31`
          : kind === 'student'
            ? (f.validUntil ?? '2026-06-30')
            : f.validUntil,
      endedDate: f.endedDate,
    }));

const factsArb = fc
  .array(fc.constantFrom(...EVIDENCE_KINDS).chain(factArb), { maxLength: 6 })
  .map((list) => list.map((f, i): EvidenceFact => ({ ...f, id: i + 1 })));

const requirementArb = fc.constantFrom(...Object.values(GROUP_REQUIREMENTS).flat());

describe('what each group needs', () => {
  it('every social-assistance group of the reference list has an entry or is one whose facts are its age or the grant decision', () => {
    const codes = parseCsvRecords(groupsCsv).map((g) => g.code!);
    const needNothing = codes.filter((c) => requirementsOf(c).length === 0);
    // Clause 1 (no one to raise the child: decided once), 5C (no pension: not in the register).
    expect(needNothing).toEqual(['BTXH-1A', 'BTXH-1B', 'BTXH-5C']);
    for (const code of Object.keys(GROUP_REQUIREMENTS)) expect(code).toMatch(/^(BTXH-|CS-|HTXH-)/);
    expect(requirementsOf('NCC')).toEqual([]);
    expect(requirementsOf(null)).toEqual([]);
  });

  it('the poor-household groups, the disability groups by level, student status for BTXH-2', () => {
    expect(requirementsOf('BTXH-5A1')).toMatchObject([{ kind: 'household', accepts: ['poor'] }]);
    expect(requirementsOf('BTXH-7')).toMatchObject([{ kind: 'household', accepts: ['poor', 'near_poor'] }]);
    expect(requirementsOf('BTXH-6A')).toMatchObject([{ kind: 'disability', accepts: ['especially_severe'] }]);
    expect(requirementsOf('BTXH-6D')).toMatchObject([{ kind: 'disability', accepts: ['severe'] }]);
    expect(requirementsOf('BTXH-2')).toMatchObject([{ kind: 'student' }]);
    expect(requirementsOf('CS-1')).toMatchObject([{ kind: 'disability', subject: 'cared' }]);
  });

  it('the social pension needs the household list only from 70 to under 75', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 110 }), (age) => {
        expect(requirementsAt('HTXH-1', age).length).toBe(age >= 70 && age < 75 ? 1 : 0);
      }),
    );
  });
});

describe('checkRequirement', () => {
  it('is ok exactly when the fact in force is within its validity and of an accepted level', () => {
    fc.assert(
      fc.property(requirementArb, factsArb, DAYS, fc.integer({ min: 2020, max: 2030 }), (r, facts, date, listYear) => {
        const finding = checkRequirement(r, facts, date, listYear);
        const fact = currentFact(facts, r.kind, date, listYear);
        const fresh =
          fact !== undefined &&
          (r.kind === 'household' ? fact.listYear! >= listYear : fact.validUntil === null || fact.validUntil >= date);
        const accepted = fact !== undefined && (r.accepts.length === 0 || r.accepts.includes(fact.level));
        expect(finding.status === 'ok').toBe(fresh && accepted);
        expect(finding.status === 'missing').toBe(fact === undefined);
        expect(finding.message === '').toBe(finding.status === 'ok');
        if (finding.status !== 'ok') expect(finding.message).toContain(r.basis);
      }),
    );
  });

  it('facts ended on or before the day never count: ending them all leaves the requirement missing', () => {
    fc.assert(
      fc.property(requirementArb, factsArb, DAYS, (r, facts, date) => {
        const ended = facts.map((f) => ({ ...f, endedDate: date }));
        expect(checkRequirement(r, ended, date, 2026).status).toBe('missing');
      }),
    );
  });

  it('facts of other kinds do not matter', () => {
    fc.assert(
      fc.property(requirementArb, factsArb, DAYS, (r, facts, date) => {
        const own = facts.filter((f) => f.kind === r.kind);
        expect(checkRequirement(r, facts, date, 2026)).toEqual(checkRequirement(r, own, date, 2026));
      }),
    );
  });

  it("a household on the new list as poor meets every poor-household group; last year's list alone has expired", () => {
    const r: Requirement = requirementsOf('BTXH-5A1')[0]!;
    const fact = (id: number, listYear: number, level: EvidenceFact['level']): EvidenceFact => ({
      id,
      kind: 'household',
      level,
      listYear,
      issuedDate: null,
      validUntil: `${listYear}-12-31`,
      endedDate: null,
    });
    expect(checkRequirement(r, [fact(1, 2026, 'poor')], '2026-12-15', 2027).status).toBe('expired');
    expect(checkRequirement(r, [fact(1, 2026, 'poor'), fact(2, 2027, 'poor')], '2026-12-15', 2027).status).toBe('ok');
    const changed = checkRequirement(r, [fact(1, 2026, 'poor'), fact(2, 2027, 'near_poor')], '2026-12-15', 2027);
    expect(changed.status).toBe('changed');
    expect(changed.message).toBe(
      'Theo danh sách năm 2027: hộ cận nghèo; nhóm cần hộ nghèo (điểm a khoản 5 Điều 5 Nghị định 20/2021/NĐ-CP).',
    );
  });
});

describe('proposeDecision', () => {
  const groups = Object.keys(GROUP_REQUIREMENTS);
  it('proposes nothing when every finding is ok, else a stop or a change to a group whose needs the same facts meet, from the month after', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...groups),
        factsArb,
        DAYS,
        fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
        (code, facts, date, age) => {
          const listYear = defaultListYear(date);
          const findings = checkGroup(code, { self: facts, cared: facts }, { self: age, cared: age }, date, listYear);
          const proposal = proposeDecision(code, findings, age, date);
          if (findings.every((f) => f.status === 'ok')) {
            expect(proposal).toBeNull();
            return;
          }
          expect(proposal).not.toBeNull();
          const next = new Date(`${date.slice(0, 7)}-01T00:00:00Z`);
          next.setUTCMonth(next.getUTCMonth() + 1);
          expect(proposal!.effectiveMonth).toBe(next.toISOString().slice(0, 7));
          if (proposal!.kind === 'adjust') {
            expect(proposal!.groupCode).not.toBe(code);
            // The new group's own needs are met by the same facts (5C needs none in the register).
            const after = checkGroup(
              proposal!.groupCode,
              { self: facts, cared: facts },
              { self: age, cared: age },
              date,
              listYear,
            );
            expect(after.every((f) => f.status === 'ok')).toBe(true);
          }
        },
      ),
    );
  });

  const cert = (level: EvidenceFact['level']): EvidenceFact => ({
    id: 1,
    kind: 'disability',
    level,
    listYear: null,
    issuedDate: '2020-01-01',
    validUntil: null,
    endedDate: null,
  });
  const propose = (code: string, facts: EvidenceFact[], age: number) =>
    proposeDecision(
      code,
      checkGroup(code, { self: facts, cared: [] }, { self: age, cared: null }, '2026-12-10', 2027),
      age,
      '2026-12-10',
    );

  it('a certificate of the other level changes the disability group by age; a mild one stops', () => {
    expect(propose('BTXH-6C', [cert('especially_severe')], 30)).toMatchObject({
      kind: 'adjust',
      groupCode: 'BTXH-6A',
      effectiveMonth: '2027-01',
    });
    expect(propose('BTXH-6C', [cert('especially_severe')], 65)).toMatchObject({ kind: 'adjust', groupCode: 'BTXH-6B' });
    expect(propose('BTXH-6A', [cert('severe')], 10)).toMatchObject({ kind: 'adjust', groupCode: 'BTXH-6D' });
    expect(propose('BTXH-6A', [cert('mild')], 30)).toMatchObject({ kind: 'stop' });
    expect(propose('BTXH-6A', [], 30)).toMatchObject({ kind: 'stop' });
    expect(propose('BTXH-6A', [cert('especially_severe')], 30)).toBeNull();
  });

  it('an elder of 80 or more no longer poor moves to BTXH-5C; younger ones stop', () => {
    expect(propose('BTXH-5A2', [], 84)).toMatchObject({ kind: 'adjust', groupCode: 'BTXH-5C' });
    expect(propose('BTXH-5A1', [], 70)).toMatchObject({ kind: 'stop' });
  });
});

describe('defaultListYear', () => {
  it("December reviews the next year's list, other months the current year's", () => {
    fc.assert(
      fc.property(DAYS, (date) => {
        const y = Number(date.slice(0, 4));
        expect(defaultListYear(date)).toBe(date.slice(5, 7) === '12' ? y + 1 : y);
      }),
    );
  });
});
