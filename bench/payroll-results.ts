import ExcelJS from 'exceljs';
import { PassThrough, Readable } from 'node:stream';
import type { BenchEnv } from './areas';
import { benchCore, call, mib, ms, row, section, timeAsync, time, waitForJob } from './lib';
import type { ImportPreview, ImportResult, Reconciliation, ReconciliationFile } from '@shared/api/payroll-results';

// Payment results at full size: an approved payroll of `env.people` bank lines (written straight into the
// schema, so this bench does not depend on the payroll build), the bank's result file with that many lines
// (1 % failed), imported through the real channels: preview (read + match), then the commit job (one
// transaction). Compared with the bare libraries doing the same rows: exceljs's streaming reader alone,
// and one prepared UPDATE + INSERT per line in one transaction.

const MONTH = '2026-11';

function seedPayroll(
  db: import('better-sqlite3').Database,
  n: number,
): { payrollId: number; accounts: string[]; amounts: number[] } {
  const at = '2026-11-01T00:00:00Z';
  const accounts: string[] = [];
  const amounts: number[] = [];
  let payrollId = 0;
  db.transaction(() => {
    const amountOf = (i: number) => [500_000, 750_000, 1_000_000, 1_500_000, 360_000][i % 5]!;
    let total = 0;
    for (let i = 0; i < n; i++) total += amountOf(i);
    payrollId = Number(
      db
        .prepare(
          "INSERT INTO payrolls (month, programme_code, status, line_count, total_vnd, built_at) VALUES (?, 'BTXH', 'draft', ?, ?, ?)",
        )
        .run(MONTH, n, total, at).lastInsertRowid,
    );
    const person = db.prepare(
      "INSERT INTO people (full_name, given_name, search_key, sort_key, created_at, updated_at) VALUES (?, 'An', ?, ?, ?, ?)",
    );
    const line = db.prepare(
      "INSERT INTO payroll_lines (payroll_id, person_id, kind, full_name, neighbourhood_name, amount_vnd, method, bank_code, account_number, holder_name) VALUES (?, ?, 'regular', ?, ?, ?, 'OWN_ACCOUNT', 'AGRIBANK', ?, ?)",
    );
    for (let i = 0; i < n; i++) {
      const name = `Nguyễn Văn An ${i}`;
      const personId = Number(person.run(name, `nguyen van an ${i}`, `an nguyen van ${i}`, at, at).lastInsertRowid);
      const account = `0${String(100_000_000_000 + i * 7)}`;
      accounts.push(account);
      amounts.push(amountOf(i));
      line.run(payrollId, personId, name, `Khu phố ${(i % 12) + 1}`, amountOf(i), account, `NGUYEN VAN AN ${i}`);
    }
    db.prepare("UPDATE payrolls SET status = 'approved', approved_at = ? WHERE id = ?").run(at, payrollId);
  })();
  return { payrollId, accounts, amounts };
}

async function resultFile(accounts: string[], amounts: number[]): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve) => sink.on('end', resolve));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet('Ket qua');
  ws.addRow(['KẾT QUẢ CHI LƯƠNG THEO LÔ']).commit();
  ws.addRow([
    'STT',
    'Số tài khoản',
    'Tên chủ tài khoản',
    'Ngân hàng',
    'Chi nhánh',
    'Số tiền',
    'Nội dung',
    'Trạng thái',
    'Lý do',
    'Mã giao dịch',
  ]).commit();
  for (let i = 0; i < accounts.length; i++) {
    const failed = i % 100 === 0;
    ws.addRow([
      i + 1,
      accounts[i],
      `NGUYEN VAN AN ${i}`,
      'Agribank',
      'Phan Thiết',
      amounts[i],
      'TRO CAP XH T11/2026',
      failed ? 'Thất bại' : 'Thành công',
      failed ? 'Tài khoản không tồn tại' : '',
      `FT26${String(i).padStart(8, '0')}`,
    ]).commit();
  }
  ws.commit();
  await wb.commit();
  await ended;
  return Buffer.concat(chunks);
}

function peakRss(): { stop: () => number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

export async function benchPayrollResults(env: BenchEnv): Promise<void> {
  const n = env.people;
  section(`Payment results (${n.toLocaleString('vi-VN')}-line bank result file)`);
  const core = benchCore(env.freshPath(), 'accountant');
  try {
    const db = core.store!.sqlite;
    const { payrollId, accounts, amounts } = seedPayroll(db, n);
    const file = await resultFile(accounts, amounts);
    const contentBase64 = file.toString('base64');

    // The bare library: exceljs's streaming reader over the same file, values only.
    let bareRows = 0;
    const bareRead = await timeAsync(async () => {
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(file) as never, {
        sharedStrings: 'cache',
        styles: 'ignore',
        hyperlinks: 'ignore',
        worksheets: 'emit',
      });
      for await (const ws of reader)
        for await (const r of ws as AsyncIterable<ExcelJS.Row>) if ((r.values as unknown[]).length > 0) bareRows++;
    });

    global.gc?.();
    const mem = peakRss();
    let preview: ImportPreview | undefined;
    let result: ImportResult | undefined;
    const previewMs = await timeAsync(async () => {
      const { jobId } = await call(core, 'payrollResults.previewImport', {
        payrollId,
        fileName: 'ket-qua.xlsx',
        contentBase64,
      });
      preview = await waitForJob(core, jobId);
    });
    const commitMs = await timeAsync(async () => {
      const { jobId } = await call(core, 'payrollResults.commitImport', { token: preview!.token });
      result = await waitForJob(core, jobId);
    });
    const peak = mem.stop();
    if (result!.paid + result!.failed !== n)
      throw new Error(
        `payroll results bench: ${result!.paid + result!.failed} of ${n} lines written: ${JSON.stringify(preview!.problems.slice(0, 5))}`,
      );
    row(
      'result file: preview job (read xlsx + match by account and amount)',
      `${ms(previewMs)} ms (${(file.length / 1024 / 1024).toFixed(1)} MiB xlsx)`,
    );
    row(
      'result file: commit job (one transaction, attempts + statuses)',
      `${ms(commitMs)} ms (${result!.paid.toLocaleString('vi-VN')} paid, ${result!.failed.toLocaleString('vi-VN')} failed)`,
    );
    row('result file: import total (goal < 5 s)', `${ms(previewMs + commitMs)} ms, RSS peak ${mib(peak)}`);
    row(
      '  bare exceljs streaming read of the same file',
      `${ms(bareRead)} ms (${bareRows.toLocaleString('vi-VN')} rows) → preview ×${(previewMs / bareRead).toFixed(2)}`,
    );

    // The bare write: the same number of attempts and status updates, prepared statements, one transaction.
    const bareDb = core.store!.sqlite;
    const ids = bareDb
      .prepare('SELECT id FROM payroll_lines WHERE payroll_id = ? ORDER BY id')
      .pluck()
      .all(payrollId) as number[];
    const bareWrite = time(() => {
      const insert = bareDb.prepare(
        "INSERT INTO payment_attempts (payroll_line_id, attempt_no, status, at, source) VALUES (?, 99, 'sent', '', 'bench')",
      );
      const update = bareDb.prepare('UPDATE payroll_lines SET status = status WHERE id = ?');
      bareDb.transaction(() => {
        for (const id of ids) {
          insert.run(id);
          update.run(id);
        }
      })();
    });
    bareDb.prepare("DELETE FROM payment_attempts WHERE source = 'bench'").run();
    row(
      '  bare prepared INSERT + UPDATE per line, one transaction',
      `${ms(bareWrite)} ms → commit ×${(commitMs / bareWrite).toFixed(2)}`,
    );

    // The same file again: everything "already", nothing written.
    let again: ImportResult | undefined;
    const againMs = await timeAsync(async () => {
      const started = await call(core, 'payrollResults.previewImport', {
        payrollId,
        fileName: 'ket-qua.xlsx',
        contentBase64,
      });
      const p = await waitForJob(core, started.jobId);
      const { jobId } = await call(core, 'payrollResults.commitImport', { token: p.token });
      again = await waitForJob(core, jobId);
    });
    if (!again!.unchanged) throw new Error('payroll results bench: the second import changed something');
    row(
      'same file again (preview + commit, nothing changes)',
      `${ms(againMs)} ms (${again!.already.toLocaleString('vi-VN')} already)`,
    );

    let rec: Reconciliation | undefined;
    const recMs = await timeAsync(async () => (rec = await call(core, 'payrollResults.reconciliation', { payrollId })));
    row(
      'reconciliation figures',
      `${ms(recMs)} ms (reconciles: ${rec!.reconciles}, ${rec!.unpaid.length.toLocaleString('vi-VN')} unpaid)`,
    );
    for (const format of ['xlsx', 'pdf'] as const) {
      let out: ReconciliationFile | undefined;
      const t = await timeAsync(async () => {
        const { jobId } = await call(core, 'payrollResults.exportReconciliation', { payrollId, format });
        out = await waitForJob(core, jobId);
      });
      row(
        `reconciliation report ${format} (job)`,
        `${ms(t)} ms (${(Buffer.from(out!.contentBase64, 'base64').length / 1024).toFixed(0)} KiB)`,
      );
    }
  } finally {
    core.close();
  }
}
