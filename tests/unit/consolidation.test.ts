import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { consolidate, type WardMonthData } from '@shared/domain/consolidation';
import { anchorProblem, dataVersionProblem, PROVINCE_DATA_FORMAT } from '@shared/domain/province-data';

// The receiving office's pure rules (issue 17): sums across wards, ranking, wards not reported, the data
// version gate and the audit anchor comparison.

const programmeRow = (programme: string, total: number, nonCash: number, target: number | null, dueVnd: number) => ({
  programme,
  programmeName: programme,
  groupKey: null,
  groupLabel: '',
  total,
  byMethod: { CASH_WARD: total - nonCash, POST_OFFICE: 0, OWN_ACCOUNT: nonCash, AUTHORIZED_ACCOUNT: 0 },
  nonCash,
  target,
  dueVnd,
  approvedVnd: null,
  paidVnd: null,
});

const wardArb = fc
  .record({
    btxh: fc.nat({ max: 5000 }),
    ncc: fc.nat({ max: 500 }),
    shareB: fc.double({ min: 0, max: 1, noNaN: true }),
    shareN: fc.double({ min: 0, max: 1, noNaN: true }),
    target: fc.option(fc.nat({ max: 5000 }), { nil: null }),
    due: fc.nat({ max: 2_000_000_000 }),
    groupRows: fc.nat({ max: 3 }),
  })
  .map((w) => ({ ...w, nonCashB: Math.floor(w.btxh * w.shareB), nonCashN: Math.floor(w.ncc * w.shareN) }));

describe('consolidate', () => {
  it('every total is the sum of the wards’ programme rows (group rows are not counted twice); ranks are 1..n by share', () => {
    fc.assert(
      fc.property(fc.array(wardArb, { maxLength: 30 }), (wards) => {
        const data: WardMonthData[] = wards.map((w, i) => ({
          ward: { code: String(10000 + i), name: `Phường ${i}` },
          noncash: {
            month: '2024-10',
            rows: [
              programmeRow('BTXH', w.btxh, w.nonCashB, w.target, w.due),
              // Group rows under the programme repeat its people: they must not be added again.
              ...Array.from({ length: w.groupRows }, () => ({
                ...programmeRow('BTXH', w.btxh, w.nonCashB, null, w.due),
                groupKey: 'BTXH-1',
              })),
              programmeRow('NCC', w.ncc, w.nonCashN, null, 0),
            ],
          },
        }));
        const c = consolidate(
          '2024-10',
          data.map((d) => d.ward),
          data,
        );
        const sum = (f: (w: (typeof wards)[number]) => number) => wards.reduce((s, w) => s + f(w), 0);
        expect(c.nonCashTotal.total).toBe(sum((w) => w.btxh + w.ncc));
        expect(c.nonCashTotal.nonCash).toBe(sum((w) => w.nonCashB + w.nonCashN));
        expect(c.nonCashTotal.dueVnd).toBe(sum((w) => w.due));
        const targets = wards.filter((w) => w.target !== null);
        expect(c.nonCashTotal.target).toBe(targets.length ? targets.reduce((s, w) => s + w.target!, 0) : null);
        expect(c.nonCashByWard.map((r) => r.rank)).toEqual(wards.map((_, i) => i + 1));
        // Ranked by exact share: each ward's share is at least the next one's (wards without people last).
        for (let i = 1; i < c.nonCashByWard.length; i++) {
          const a = c.nonCashByWard[i - 1]!;
          const b = c.nonCashByWard[i]!;
          if (b.total > 0) expect(a.total > 0 && a.nonCash * b.total >= b.nonCash * a.total).toBe(true);
        }
        expect(c.notReported).toEqual([]);
      }),
    );
  });

  it('lists the wards that sent nothing for the month, and sums forms row by row', () => {
    const form = (people: number, funds: number) => ({
      form: 'form10a' as const,
      from: '2024-07',
      to: '2024-10',
      yearFrom: '2024-01',
      rows: [
        {
          no: '',
          label: 'Tổng cộng',
          level: 'total' as const,
          people,
          peoplePeriod: people,
          fundsPeriodVnd: funds,
          peopleYear: people,
          fundsYearVnd: funds,
        },
        {
          no: '1',
          label: 'Trẻ em',
          level: 'item' as const,
          people: 1,
          peoplePeriod: 1,
          fundsPeriodVnd: 500_000,
          peopleYear: 1,
          fundsYearVnd: 500_000,
        },
      ],
    });
    const c = consolidate(
      '2024-10',
      [
        { code: '00001', name: 'A' },
        { code: '00002', name: 'B' },
        { code: '00003', name: 'C' },
      ],
      [
        { ward: { code: '00001', name: 'A' }, form10a: form(10, 5_000_000) },
        { ward: { code: '00003', name: 'C' }, form10a: form(7, 3_500_001) },
      ],
    );
    expect(c.notReported).toEqual([{ code: '00002', name: 'B' }]);
    expect(c.forms.form10a).toMatchObject({ wards: 2, periods: ['2024-07..2024-10'] });
    expect(c.forms.form10a.rows.map((r) => [r.label, r.people, r.fundsPeriodVnd])).toEqual([
      ['Tổng cộng', 17, 8_500_001],
      ['Trẻ em', 2, 1_000_000],
    ]);
  });
});

describe('consolidate: one-off rounds (đợt chi một lần)', () => {
  const round = (
    programme: string | null,
    recipients: number,
    nonCash: number,
    approvedVnd: number,
    name = 'Quà Tết 2027',
  ) => ({
    name,
    basis: 'Căn cứ văn bản số 1/QĐ-UBND ngày 02/01/2027 của UBND tỉnh',
    roundDate: '2027-01-20',
    programme,
    programmeName: programme === null ? name : programme,
    recipients,
    byMethod: { CASH_WARD: recipients - nonCash, POST_OFFICE: 0, OWN_ACCOUNT: nonCash, AUTHORIZED_ACCOUNT: 0 },
    nonCash,
    approvedVnd,
  });
  const withPayroll = (programme: string, approvedVnd: number | null) => ({
    ...programmeRow(programme, 10, 4, null, 5_000_000),
    approvedVnd,
  });

  it('adds each ward’s round recipients and money per programme into the totals; a ward file without rounds counts 0', () => {
    const a: WardMonthData = {
      ward: { code: '00001', name: 'Phường A' },
      noncash: {
        month: '2027-01',
        rows: [withPayroll('BTXH', 7_000_001), withPayroll('NCC', 20_000_000)],
        rounds: [
          round(null, 5, 2, 2_300_000),
          round('NCC', 3, 2, 1_500_000),
          round('BTXH', 2, 0, 800_000),
          round(null, 1, 1, 500_000, 'Quà 27/7'),
          round('NCC', 1, 1, 500_000, 'Quà 27/7'),
        ],
      },
    };
    // An older ward app's file: no `rounds` field at all.
    const b: WardMonthData = {
      ward: { code: '00002', name: 'Phường B' },
      noncash: { month: '2027-01', rows: [withPayroll('BTXH', 3_000_000)] },
    };
    const c = consolidate('2027-01', [a.ward, b.ward], [b, a]);
    expect(c.roundsByWard.map((w) => [w.code, w.rounds, w.recipients, w.nonCash, w.approvedVnd])).toEqual([
      ['00001', 2, 6, 3, 2_800_000],
    ]);
    expect(c.roundsByWard[0]!.byProgramme.map((p) => [p.programme, p.recipients, p.approvedVnd])).toEqual([
      ['NCC', 4, 2_000_000],
      ['BTXH', 2, 800_000],
    ]);
    expect(c.roundsTotal).toMatchObject({ rounds: 2, wards: 1, recipients: 6, nonCash: 3, approvedVnd: 2_800_000 });
    expect(c.roundsTotal.byMethod).toEqual({ CASH_WARD: 3, POST_OFFICE: 0, OWN_ACCOUNT: 3, AUTHORIZED_ACCOUNT: 0 });
    // Monthly payrolls + rounds = total, per programme and overall, to the đồng.
    expect(c.money.map((m) => [m.programme, m.payrollVnd, m.roundsVnd, m.totalVnd])).toEqual([
      ['BTXH', 10_000_001, 800_000, 10_800_001],
      ['NCC', 20_000_000, 2_000_000, 22_000_000],
      ['', 30_000_001, 2_800_000, 32_800_001],
    ]);
    // The people counts of the monthly non-cash table stay payroll people only (as the ward's table I).
    expect(c.nonCashTotal.total).toBe(30);
  });

  it('with no rounds anywhere: nothing listed, totals 0; no approved payroll leaves its money empty', () => {
    const b: WardMonthData = {
      ward: { code: '00002', name: 'Phường B' },
      noncash: { month: '2027-01', rows: [withPayroll('BTXH', null)] },
    };
    const c = consolidate('2027-01', [b.ward], [b]);
    expect(c.roundsByWard).toEqual([]);
    expect(c.roundsTotal).toMatchObject({ rounds: 0, wards: 0, recipients: 0, approvedVnd: 0 });
    expect(c.money).toEqual([
      { programme: 'BTXH', programmeName: 'BTXH', payrollVnd: null, roundsVnd: 0, totalVnd: 0 },
      { programme: '', programmeName: 'Tổng cộng', payrollVnd: null, roundsVnd: 0, totalVnd: 0 },
    ]);
  });

  it('the round totals are the sums of the wards’ own round rows, for any wards', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.record({ ncc: fc.nat({ max: 300 }), btxh: fc.nat({ max: 300 }) }), { maxLength: 3 }), {
          maxLength: 12,
        }),
        (wards) => {
          const data: WardMonthData[] = wards.map((rounds, i) => ({
            ward: { code: String(10000 + i), name: `Phường ${i}` },
            noncash: {
              month: '2027-01',
              rows: [withPayroll('BTXH', 1_000 * i)],
              ...(rounds.length
                ? {
                    rounds: rounds.flatMap((r, k) => [
                      round(null, r.ncc + r.btxh, r.ncc, (r.ncc + r.btxh) * 300_000, `Đợt ${k}`),
                      round('NCC', r.ncc, r.ncc, r.ncc * 300_000, `Đợt ${k}`),
                      round('BTXH', r.btxh, 0, r.btxh * 300_000, `Đợt ${k}`),
                    ]),
                  }
                : {}),
            },
          }));
          const c = consolidate(
            '2027-01',
            data.map((d) => d.ward),
            data,
          );
          const heads = data.flatMap((d) => (d.noncash!.rounds ?? []).filter((r) => r.programme === null));
          const sum = (f: (r: (typeof heads)[number]) => number) => heads.reduce((s, r) => s + f(r), 0);
          expect(c.roundsTotal.approvedVnd).toBe(sum((r) => r.approvedVnd));
          expect(c.roundsTotal.recipients).toBe(sum((r) => r.recipients));
          expect(c.roundsTotal.rounds).toBe(heads.length);
          const total = c.money[c.money.length - 1]!;
          expect(total.roundsVnd).toBe(sum((r) => r.approvedVnd));
          expect(total.totalVnd).toBe((total.payrollVnd ?? 0) + total.roundsVnd);
          expect(c.roundsByWard).toHaveLength(wards.filter((w) => w.length > 0).length);
        },
      ),
    );
  });
});

describe('dataVersionProblem', () => {
  it('accepts the versions it knows and refuses a newer one by its number', () => {
    expect(dataVersionProblem({ format: PROVINCE_DATA_FORMAT, dataVersion: 1 })).toBeNull();
    expect(dataVersionProblem({ format: PROVINCE_DATA_FORMAT, dataVersion: 4 })).toContain(
      'phiên bản dữ liệu 4, mới hơn phiên bản 1',
    );
    expect(dataVersionProblem({ format: 'khac', dataVersion: 1 })).toContain('không đúng định dạng');
    expect(dataVersionProblem(null)).toContain('JSON');
  });
});

describe('anchorProblem', () => {
  const hash = (n: number) => n.toString(16).padStart(64, '0');
  it('accepts a chain that only grows, in any order of receiving', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat({ max: 10_000 }), { minLength: 1, maxLength: 12 }), fc.nat(), (seqs, seed) => {
        const sorted = [...seqs].sort((a, b) => a - b);
        const marks = sorted.map((seq, i) => ({
          createdAt: `2026-01-${String(i + 1).padStart(2, '0')}T00:00:00.000Z`,
          seq,
          hash: hash(seq),
        }));
        // Received in a shuffled order: each is still consistent with those received before it.
        const order = [...marks].sort((a, b) => ((a.seq * 7919 + seed) % 101) - ((b.seq * 7919 + seed) % 101));
        order.forEach((m, i) => expect(anchorProblem(order.slice(0, i), m)).toBeNull());
      }),
    );
  });

  it('refuses an export made later with an older anchor, or the same entry with another hash', () => {
    const before = [{ createdAt: '2026-02-01T00:00:00.000Z', seq: 500, hash: hash(500) }];
    expect(anchorProblem(before, { createdAt: '2026-03-01T00:00:00.000Z', seq: 420, hash: hash(420) })).toContain(
      'lùi lại',
    );
    expect(anchorProblem(before, { createdAt: '2026-03-01T00:00:00.000Z', seq: 500, hash: hash(1) })).toContain(
      'viết lại',
    );
    expect(anchorProblem(before, { createdAt: '2026-03-01T00:00:00.000Z', seq: null, hash: null })).toContain(
      'không có mốc neo',
    );
    expect(anchorProblem([], { createdAt: '2026-03-01T00:00:00.000Z', seq: null, hash: null })).toBeNull();
  });
});
