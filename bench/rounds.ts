import type { BenchEnv } from './areas';
import { benchCore, call, ms, row, section, timeAsync, waitForJob } from './lib';
import type { RoundDetail } from '@shared/api/rounds';
import type { ExportFilesResult } from '@shared/api/payroll-files';

// One-off rounds at full size: a provincial Tết round for every BTXH beneficiary of the synthetic
// register (picked, snapshotted with the payout method of the round's month), one removal by hand (which
// picks the list again), submission, approval, the bank file of those paid by account, and the results:
// a neighbourhood's cash lines paid, then all the others, and the reconciliation.

export async function benchRounds(env: BenchEnv): Promise<void> {
  section(`One-off rounds (${env.people.toLocaleString('vi-VN')} people)`);
  const core = benchCore(env.registerPath, 'officer');
  try {
    const date = `${env.month}-20`;
    let made: RoundDetail | undefined;
    const create = await timeAsync(async () => {
      made = await call(core, 'rounds.create', {
        name: 'Quà Tết của tỉnh cho đối tượng bảo trợ xã hội',
        basisNumber: '88/QĐ-UBND',
        basisDate: date,
        basisIssuer: 'UBND tỉnh',
        roundDate: date,
        rules: [{ label: 'Bảo trợ xã hội', programme: 'BTXH', amountVnd: 500_000 }],
      });
    });
    const round = made!.round;
    row(
      'create a round for every BTXH beneficiary, rounds.create',
      `${ms(create)} ms (${round.lineCount.toLocaleString('vi-VN')} people)`,
    );
    const someone = core
      .store!.sqlite.prepare('SELECT person_id FROM round_lines WHERE round_id = ? LIMIT 1')
      .pluck()
      .get(round.id) as number;
    const adjust = await timeAsync(() =>
      call(core, 'rounds.adjust', { roundId: round.id, kind: 'remove', personId: someone, reason: 'Đã nhận nơi khác' }),
    );
    row('  remove one person by hand (the list picked again), rounds.adjust', `${ms(adjust)} ms`);
    let submitted: RoundDetail | undefined;
    const submit = await timeAsync(async () => (submitted = await call(core, 'rounds.submit', { roundId: round.id })));
    row('  submit (picked again and frozen), rounds.submit', `${ms(submit)} ms`);
    const lines = await timeAsync(() => call(core, 'rounds.lines', { roundId: round.id, offset: 50_000, limit: 200 }));
    row('  one page of the list, rounds.lines', `${ms(lines)} ms`);
    core.signInInProcess(
      'local',
      core.store!.sqlite.prepare("SELECT id FROM users WHERE role = 'approver'").pluck().get() as number,
    );
    const approve = await timeAsync(() =>
      call(core, 'rounds.approve', {
        roundId: round.id,
        confirm: { lineCount: submitted!.round.lineCount, totalVnd: submitted!.round.totalVnd },
      }),
    );
    row('  approve, rounds.approve', `${ms(approve)} ms`);
    core.signInInProcess(
      'local',
      core.store!.sqlite.prepare("SELECT id FROM users WHERE role = 'officer'").pluck().get() as number,
    );
    let file: ExportFilesResult | undefined;
    const bank = await timeAsync(async () => {
      const summary = await call(core, 'rounds.summary', {
        roundId: round.id,
      });
      const biggest = [...summary.banks].sort((a, b) => b.count - a.count)[0];
      if (!biggest) return;
      file = (await waitForJob(
        core,
        (
          await call(core, 'rounds.export', {
            roundId: round.id,
            kind: 'bank-xlsx',
            bankCode: biggest.bankCode,
          })
        ).jobId,
      )) as ExportFilesResult;
    });
    row(
      '  bank file of the largest bank, rounds.export',
      `${ms(bank)} ms (${file?.destination === 'download' ? file.count.toLocaleString('vi-VN') : 0} lines)`,
    );
    // Payment results (migration 020): a neighbourhood's signed list, then every other cash line, and the
    // reconciliation over the whole round with those answers.
    const hood = core
      .store!.sqlite.prepare(
        "SELECT neighbourhood_name FROM round_lines WHERE round_id = ? AND method = 'CASH_WARD' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1",
      )
      .pluck()
      .get(round.id) as string | undefined;
    if (hood !== undefined) {
      let marked = 0;
      const one = await timeAsync(async () => {
        marked = (
          await call(core, 'roundResults.record', {
            roundId: round.id,
            outcome: 'paid',
            selection: { kind: 'neighbourhood', neighbourhood: hood },
          })
        ).changed;
      });
      row("  results: one neighbourhood's cash lines paid, roundResults.record", `${ms(one)} ms (${marked} lines)`);
      const all = await timeAsync(async () => {
        marked = (
          await call(core, 'roundResults.record', { roundId: round.id, outcome: 'paid', selection: { kind: 'all' } })
        ).changed;
      });
      row('  results: every other cash line paid, roundResults.record', `${ms(all)} ms (${marked} lines)`);
    }
    const rec = await timeAsync(() => call(core, 'roundResults.reconciliation', { roundId: round.id }));
    row('  reconciliation of the whole round, roundResults.reconciliation', `${ms(rec)} ms`);
    const pending = await timeAsync(() =>
      call(core, 'roundResults.lines', { roundId: round.id, status: 'pending', offset: 0, limit: 200 }),
    );
    row('  one page of the lines still without a result, roundResults.lines', `${ms(pending)} ms`);
    // The printed reconciliation (the payroll's report): its unpaid list holds every line still open.
    for (const format of ['xlsx', 'pdf'] as const) {
      let size = 0;
      const t = await timeAsync(async () => {
        const { jobId } = await call(core, 'roundResults.exportReconciliation', { roundId: round.id, format });
        size = Buffer.from((await waitForJob(core, jobId)).contentBase64, 'base64').length;
      });
      row(
        `  reconciliation report ${format}, roundResults.exportReconciliation (job)`,
        `${ms(t)} ms (${(size / 1024).toFixed(0)} KiB)`,
      );
    }
  } finally {
    core.close();
  }
}
