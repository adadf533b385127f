import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchRows, type MatchLine } from '../../main/services/payroll-results/match';
import { parseStatus, utf8Aligned, type ResultRow } from '../../main/services/payroll-results/result-file';
import { DEFAULT_RESULT_FORMAT } from '@shared/api/payroll-results';

// The matching rules as properties over random payrolls and result files (few accounts and amounts, so
// shared accounts, equal amounts and repeated file lines are frequent).

const line = fc.record({
  account: fc.constantFrom('0011', '0022', '0033', '0044'),
  amountVnd: fc.constantFrom(360_000, 500_000, 750_000),
  status: fc.constantFrom('pending', 'sent', 'paid', 'failed', 'carried_over'),
});
const row = fc.record({
  account: fc.constantFrom('0011', '0022', '0033', '0055'),
  amountVnd: fc.constantFrom(360_000, 500_000, 750_000, 1_000_000),
  status: fc.constantFrom('paid', 'failed'),
});

describe('matching a result file to payroll lines', () => {
  it('writes a row only to the one line with its account and amount, never two rows to one line, never a paid or carried line', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.array(row, { maxLength: 12 }), (ls, rs) => {
        const lines: MatchLine[] = ls.map(
          (l, i) => ({ ...l, id: i + 1, fullName: `Người ${i + 1}`, fromThisFile: false }) as MatchLine,
        );
        const rows: ResultRow[] = rs.map(
          (r, i) => ({ ...r, row: i + 2, statusText: r.status, reason: '', reference: '', problem: null }) as ResultRow,
        );
        const result = matchRows(lines, rows);
        expect(Object.values(result.counts).reduce((a, b) => a + b, 0)).toBe(rows.length);
        const written = result.rows.filter((m) => m.outcome === 'paid' || m.outcome === 'failed');
        expect(new Set(written.map((m) => m.lineId)).size).toBe(written.length);
        for (const m of written) {
          const target = lines.find((l) => l.id === m.lineId)!;
          expect([target.account, target.amountVnd]).toEqual([m.row.account, m.row.amountVnd]);
          expect(lines.filter((l) => l.account === m.row.account && l.amountVnd === m.row.amountVnd)).toHaveLength(1);
          expect(rows.filter((r) => r.account === m.row.account && r.amountVnd === m.row.amountVnd)).toHaveLength(1);
          expect(['paid', 'carried_over']).not.toContain(target.status);
          expect(m.outcome).toBe(m.row.status);
        }
        expect(result.paidVnd + result.failedVnd).toBe(written.reduce((s, m) => s + m.row.amountVnd!, 0));
      }),
      { numRuns: 500 },
    );
  });

  it('reads Vietnamese and English status words, failure before success', () => {
    const f = { paidWords: [], failedWords: [] };
    expect(['Thành công', 'THANH CONG', 'success', 'SUCCESSFUL', 'Đã chuyển'].map((s) => parseStatus(s, f))).toEqual([
      'paid',
      'paid',
      'paid',
      'paid',
      'paid',
    ]);
    expect(
      ['Thất bại', 'Không thành công', 'FAILED', 'Lỗi: sai số TK', 'Bị từ chối'].map((s) => parseStatus(s, f)),
    ).toEqual(['failed', 'failed', 'failed', 'failed', 'failed']);
    expect(['', 'Đang xử lý', 'PENDING'].map((s) => parseStatus(s, f))).toEqual([null, null, null]);
    expect(parseStatus('Đã ghi có', { ...DEFAULT_RESULT_FORMAT, paidWords: ['đã ghi có'] })).toBe('paid');
  });

  it('realigns chunks so that each decodes alone to the original text, wherever the cuts fall', async () => {
    const text = fc
      .array(fc.constantFrom('a', 'Đ', 'ặ', 'ư', 'ờ', '₫', '😀', ' ', 'ng'), { maxLength: 60 })
      .map((a) => a.join(''));
    await fc.assert(
      fc.asyncProperty(text, fc.array(fc.nat(), { maxLength: 8 }), async (t, cuts) => {
        const bytes = Buffer.from(t, 'utf8');
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...points].map((from, i, all) => bytes.subarray(from, all[i + 1] ?? bytes.length));
        async function* source() {
          yield* chunks;
        }
        let decoded = '';
        for await (const c of utf8Aligned(source())) decoded += typeof c === 'string' ? c : new TextDecoder().decode(c);
        expect(decoded).toBe(t);
      }),
      { numRuns: 300 },
    );
  });
});
