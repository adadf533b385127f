import ExcelJS from 'exceljs';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RESULT_FORMAT } from '@shared/api/payroll-results';
import { readResultFile } from '../../main/services/payroll-results/result-file';
import { testCore } from '../support/register';
import { tempDir } from '../support/temp';
import { b64, insertApprovedPayroll } from './payroll-results.fixture';

// A big result file full of Vietnamese text: exceljs's streaming reader splits letters at chunk
// boundaries (U+FFFD); the results reader realigns the chunks, so every status and reason survives.

const REASON = 'Tài khoản thụ hưởng đã bị phong tỏa theo yêu cầu của ngân hàng — đề nghị chuyển tiền mặt';

async function bigFile(rows: number, sharedStrings = false): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve) => sink.on('end', resolve));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useStyles: false,
    useSharedStrings: sharedStrings,
  });
  const ws = wb.addWorksheet('Kết quả');
  ws.addRow(['STT', 'Số tài khoản', 'Tên chủ tài khoản', 'Số tiền', 'Trạng thái', 'Lý do', 'Mã giao dịch']).commit();
  for (let i = 0; i < rows; i++) {
    const failed = i % 2 === 0;
    ws.addRow([
      i + 1,
      `0${1_000_000_000_000 + i}`,
      'Nguyễn Thị Hường',
      500_000,
      failed ? 'Thất bại' : 'Thành công',
      failed ? REASON : '',
      `FT${i}`,
    ]).commit();
  }
  ws.commit();
  await wb.commit();
  await ended;
  return Buffer.concat(chunks);
}

describe('large result files', () => {
  it('reads 20,000 rows of Vietnamese statuses and reasons without a broken letter', async () => {
    const file = await bigFile(20_000);
    const parsed = await readResultFile(file, 'ket-qua.xlsx', DEFAULT_RESULT_FORMAT);
    expect(parsed.rows).toHaveLength(20_000);
    expect(parsed.rows.filter((r) => r.problem !== null)).toEqual([]);
    expect(parsed.rows.filter((r) => r.status === 'failed' && r.reason !== REASON)).toEqual([]);
    expect(parsed.rows.filter((r) => r.status === 'paid')).toHaveLength(10_000);
    expect(parsed.rows[19_999]).toMatchObject({
      row: 20_001,
      account: '01000000019999',
      amountVnd: 500_000,
      reference: 'FT19999',
    });

    // Canary: exceljs 4.4.0's own streaming reader breaks letters in this file. When this stops failing
    // (a fixed exceljs), the realignment in main/services/payroll-results/result-file.ts can go.
    let broken = 0;
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(file) as never, {
      sharedStrings: 'cache',
      styles: 'ignore',
      hyperlinks: 'ignore',
      worksheets: 'emit',
    });
    for await (const ws of reader) {
      for await (const row of ws as AsyncIterable<ExcelJS.Row>)
        if ((row.values as unknown[]).some((v) => typeof v === 'string' && v.includes('\ufffd'))) broken++;
    }
    expect(broken).toBeGreaterThan(0);
  }, 120_000);

  it('reads the shared-strings form too (as Excel writes it: strings after the sheets)', async () => {
    const parsed = await readResultFile(await bigFile(20_000, true), 'ket-qua.xlsx', DEFAULT_RESULT_FORMAT);
    expect(parsed.rows).toHaveLength(20_000);
    expect(parsed.rows.filter((r) => r.problem !== null || (r.status === 'failed' && r.reason !== REASON))).toEqual([]);
  }, 120_000);

  it('the preview runs as a job with progress over the file, and Huỷ stops it with nothing kept', async () => {
    const { dir, cleanup } = tempDir();
    const core = testCore(dir);
    try {
      core.as('accountant');
      const { payrollId } = insertApprovedPayroll(core.store!.sqlite, '2026-11', 'BTXH', [
        { name: 'Nguyễn Văn Ơn', method: 'OWN_ACCOUNT', amountVnd: 500_000, account: '01000000000000' },
      ]);
      const file = b64(await bigFile(20_000));
      const { jobId } = await core.ok('payrollResults.previewImport', {
        payrollId,
        fileName: 'kq.xlsx',
        contentBase64: file,
      });
      let seen = { state: 'running', done: 0, total: 0 };
      while (seen.total === 0 || seen.done === 0) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        seen = await core.ok('jobs.get', { jobId });
      }
      expect(seen.total).toBe(Buffer.from(file, 'base64').length);
      await core.ok('jobs.cancel', { jobId });
      while (seen.state === 'running') {
        await new Promise((resolve) => setTimeout(resolve, 10));
        seen = await core.ok('jobs.get', { jobId });
      }
      expect(seen.state).toBe('cancelled');
      expect(core.store!.sqlite.prepare('SELECT COUNT(*) FROM payment_attempts').pluck().get()).toBe(0);
    } finally {
      core.close();
      cleanup();
    }
  }, 120_000);
});
