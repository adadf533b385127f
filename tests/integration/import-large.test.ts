import { describe, expect, it } from 'vitest';
import { computeAmounts, loadReference, loadStates } from '../../main/services/register/amounts';
import { syntheticWardWorkbook } from '../../bench/synthetic-workbook';
import type { ImportResult, JobStatus } from '@shared/api/import';
import { eachTestCore, type TestCore } from '../support/register';

// A 10,000-row register imports whole and right. Its speed is measured by `npm run bench`, not here.

let core: TestCore;
eachTestCore((fresh) => ({ core } = fresh));

describe('import of a 10,000-row register', () => {
  it('analyze + preview + commit, with every row, method and total right', async () => {
    const { buffer, expected } = await syntheticWardWorkbook({ btxhRows: 9_200, nccRows: 800, seed: 7 });
    const a = await core.ok('import.analyze', { fileName: 'so-10000.xlsx', contentBase64: buffer.toString('base64') });
    const p = await core.ok('import.preview', {
      token: a.token,
      config: { ...a.config, authorizationTerm: { kind: 'default' } },
    });
    const { jobId } = await core.ok('import.commit', {
      token: a.token,
      config: { ...a.config, authorizationTerm: { kind: 'default' } },
    });
    let s: JobStatus;
    let polls = 0;
    do {
      await new Promise((r) => setTimeout(r, 20));
      s = await core.ok('jobs.get', { jobId });
      polls++;
    } while (s.state === 'running');
    expect(s.state).toBe('done');
    expect(polls).toBeGreaterThan(0);

    expect(p.counts).toMatchObject({ rows: 10_000, error: 0, toAdd: 10_000, newPeople: 10_000 });
    expect(p.byMethod).toEqual(expected.byMethod);
    const result = s.result as ImportResult;
    expect(result).toMatchObject({ addedPeople: 10_000, byProgramme: { BTXH: 9_200, NCC: 800 } });
    const store = core.store!;
    const totals: Record<string, number> = {};
    for (const x of computeAmounts(loadReference(store), loadStates(store, '2024-10'), '2024-10'))
      totals[x.programme] = (totals[x.programme] ?? 0) + x.amountVnd;
    expect(totals).toEqual({ BTXH: expected.btxhMonthlyTotal, NCC: expected.nccMonthlyTotal });
  });
});
