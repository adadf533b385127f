import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reconciliation } from '@shared/api/payroll-results';
import { parseCsv } from '@shared/domain/csv';
import { amountInWords, formatVnd } from '@shared/domain/money';
import { verifyAuditChain } from '../../main/services/audit';
import { xlsxToCsvSheets } from '../support/libreoffice';
import { testCore, type TestCore } from '../support/register';
import { tempDir } from '../support/temp';
import { b64, insertApprovedPayroll, resultXlsx, type FixtureLine } from './payroll-results.fixture';
import type { ChannelInput } from '@shared/api/contract';

let dir: string;
let cleanup: () => void;
let core: TestCore;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  core = testCore(dir);
  core.as('accountant');
});
afterEach(() => {
  core.close();
  cleanup();
});

const db = () => core.store!.sqlite;
const statusOf = (id: number) =>
  db().prepare('SELECT status FROM payroll_lines WHERE id = ?').pluck().get(id) as string;
const count = (sql: string, ...p: unknown[]) =>
  db()
    .prepare(sql)
    .pluck()
    .get(...p) as number;

// A payroll with the cases the matching must tell apart.
const LINES: FixtureLine[] = [
  { name: 'Nguyễn Văn Ơn', method: 'OWN_ACCOUNT', amountVnd: 500_000, account: '0011000000001' },
  // A caregiver receiving for two people into one account, different amounts.
  {
    name: 'Đặng Thị Ánh',
    method: 'AUTHORIZED_ACCOUNT',
    amountVnd: 500_000,
    account: '0099000000002',
    receiver: 'Lê Thị Hoa',
  },
  {
    name: 'Đặng Văn Bình',
    method: 'AUTHORIZED_ACCOUNT',
    amountVnd: 750_000,
    account: '0099000000002',
    receiver: 'Lê Thị Hoa',
  },
  // Another caregiver for two people with EQUAL amounts: a result line for that account cannot be placed.
  {
    name: 'Trần Thị Cúc',
    method: 'AUTHORIZED_ACCOUNT',
    amountVnd: 500_000,
    account: '0077000000003',
    receiver: 'Phạm Văn Dũng',
  },
  {
    name: 'Trần Văn Đức',
    method: 'AUTHORIZED_ACCOUNT',
    amountVnd: 500_000,
    account: '0077000000003',
    receiver: 'Phạm Văn Dũng',
  },
  { name: 'Võ Thị Em', method: 'CASH_WARD', amountVnd: 360_000, neighbourhood: 'Khu phố 1' },
  { name: 'Võ Văn Giàu', method: 'CASH_WARD', amountVnd: 540_000, neighbourhood: 'Khu phố 2' },
  { name: 'Lý Thị Hạnh', method: 'POST_OFFICE', amountVnd: 720_000, neighbourhood: 'Khu phố 2' },
];

async function preview(
  payrollId: number,
  file: Buffer,
  fileName = 'ket-qua.xlsx',
  format?: ChannelInput<'payrollResults.previewImport'>['format'],
) {
  return core.job('payrollResults.previewImport', {
    payrollId,
    fileName,
    contentBase64: b64(file),
    ...(format ? { format } : {}),
  });
}

describe('bank result import', () => {
  it('matches by account and amount, lists what it cannot place, and a second import changes nothing', async () => {
    const { payrollId, lineIds } = insertApprovedPayroll(db(), '2026-11', 'BTXH', LINES);
    const [on, anh, binh, cuc, duc] = lineIds;
    const file = await resultXlsx([
      { account: '0011000000001', amountVnd: 500_000, status: 'Thành công', reference: 'FT001' },
      { account: '0099000000002', amountVnd: 500_000, status: 'Thành công' },
      { account: '0099000000002', amountVnd: '750.000', status: 'Thất bại', reason: 'Tài khoản bị phong tỏa' },
      { account: '0077000000003', amountVnd: 500_000, status: 'Thành công' },
      { account: '0555000000009', amountVnd: 500_000, status: 'Thành công' },
      { account: '0011000000001', amountVnd: 600_000, status: 'Thành công' },
      { account: '0011000000001', amountVnd: 500_000, status: 'Đang xử lý' },
    ]);
    const before = count('SELECT COUNT(*) FROM audit_log');
    const p = await preview(payrollId, file);
    expect(p.rows).toBe(7);
    expect(p.columns.account).toMatch(/^B/);
    expect(p.columns.reference).toMatch(/^J/);
    // Row 7 names the same line as row 1 but cannot be read: it is invalid, so row 1 stays a single claim.
    expect(p.counts).toEqual({ paid: 2, failed: 1, already: 0, conflict: 0, unmatched: 2, ambiguous: 1, invalid: 1 });
    expect(p.amounts).toEqual({ paidVnd: 1_000_000, failedVnd: 750_000 });
    expect(p.importedBefore).toBeNull();
    const ambiguous = p.problems.find((r) => r.outcome === 'ambiguous')!;
    expect(ambiguous.names.sort()).toEqual(['Trần Thị Cúc', 'Trần Văn Đức']);
    expect(ambiguous.account).toBe('007••••••0003');
    expect(p.problems.find((r) => r.row === 9)!.note).toContain('Không có số tài khoản');
    expect(p.problems.find((r) => r.row === 10)!.note).toContain('số tiền khác (500.000');
    expect(p.problems.find((r) => r.outcome === 'invalid')!.note).toContain('Đang xử lý');
    // The two equal-amount lines are still without a result and not guessed.
    expect(p.missingFromFile).toBe(2);
    // The preview writes nothing.
    expect(count('SELECT COUNT(*) FROM payment_attempts')).toBe(0);
    expect(count('SELECT COUNT(*) FROM audit_log')).toBe(before);

    const r = await core.job('payrollResults.commitImport', { token: p.token });
    expect(r).toMatchObject({ paid: 2, failed: 1, unmatched: 2, ambiguous: 1, invalid: 1, unchanged: false });
    expect([statusOf(on!), statusOf(anh!), statusOf(binh!), statusOf(cuc!), statusOf(duc!)]).toEqual([
      'paid',
      'paid',
      'failed',
      'pending',
      'pending',
    ]);
    const attempt = db()
      .prepare('SELECT attempt_no, status, reason, reference, source FROM payment_attempts WHERE payroll_line_id = ?')
      .get(binh) as Record<string, unknown>;
    expect(attempt).toEqual({
      attempt_no: 1,
      status: 'failed',
      reason: 'Tài khoản bị phong tỏa',
      reference: 'FT1002',
      source: `sha256:${p.sha256}`,
    });
    expect(db().prepare('SELECT reference FROM payment_attempts WHERE payroll_line_id = ?').pluck().get(on)).toBe(
      'FT001',
    );
    const audit = db()
      .prepare("SELECT detail_json FROM audit_log WHERE action = 'payrollResults.import'")
      .pluck()
      .all() as string[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!)).toMatchObject({
      paid: 2,
      failed: 1,
      unmatched: 2,
      ambiguous: 1,
      rows: 7,
      sha256: p.sha256,
    });

    // The same file again: the preview says so, and the commit changes nothing at all.
    const attempts = count('SELECT COUNT(*) FROM payment_attempts');
    const audits = count('SELECT COUNT(*) FROM audit_log');
    const again = await preview(payrollId, file, 'ket-qua (1).xlsx');
    expect(again.importedBefore).not.toBeNull();
    expect(again.counts).toMatchObject({ paid: 0, failed: 0, already: 3 });
    const second = await core.job('payrollResults.commitImport', { token: again.token });
    expect(second).toMatchObject({ paid: 0, failed: 0, already: 3, unchanged: true });
    expect(second.message).toContain('đã được nhập trước đó');
    expect(count('SELECT COUNT(*) FROM payment_attempts')).toBe(attempts);
    expect(count('SELECT COUNT(*) FROM audit_log')).toBe(audits);
    expect(statusOf(binh!)).toBe('failed');
    expect(verifyAuditChain(core.store!).ok).toBe(true);
  });

  it('reads csv (semicolons, English statuses) and a format given by column letters; a token is used once', async () => {
    const { payrollId, lineIds } = insertApprovedPayroll(db(), '2026-11', 'BTXH', LINES);
    const csv = [
      'Account No;Amount;Status;Reason;Ref',
      '0011000000001;500000;SUCCESS;;R1',
      '0099000000002;750000;FAILED;Closed account;R2',
      '0099000000002;500,000;success;;R3',
    ].join('\r\n');
    const p = await preview(payrollId, Buffer.from(`\ufeff${csv}`, 'utf8'), 'result.csv');
    expect(p.counts).toMatchObject({ paid: 2, failed: 1, unmatched: 0, invalid: 0 });
    const r = await core.job('payrollResults.commitImport', { token: p.token });
    expect(r.paid + r.failed).toBe(3);
    expect(statusOf(lineIds[2]!)).toBe('failed');
    expect((await core.fail('payrollResults.commitImport', { token: p.token })).code).toBe('NOT_FOUND');

    // A bank whose file has no header the app knows: columns by letter, its own status words.
    const { payrollId: other, lineIds: otherIds } = insertApprovedPayroll(db(), '2026-11', 'NCC', [LINES[0]!]);
    const odd = ['x,y,z', 'TK,Tien,KQ', '0011000000001,500000,Da ghi co'].join('\n');
    const format = {
      account: 'A',
      amount: 'B',
      status: 'C',
      reason: '',
      reference: '',
      paidWords: ['đã ghi có'],
      failedWords: [],
    };
    const q = await preview(other, Buffer.from(odd), 'kq.csv', format);
    expect(q.counts.paid).toBe(1);
    await core.job('payrollResults.commitImport', { token: q.token });
    expect(statusOf(otherIds[0]!)).toBe('paid');
    // Saved as the default format, it is used without being sent.
    await core.ok('payrollResults.saveFormat', format);
    expect(await core.ok('payrollResults.getFormat', {})).toEqual(format);
  });

  it('never pays twice: a paid line and a carried line take no later result; drafts and wrong files are refused', async () => {
    const { payrollId, lineIds } = insertApprovedPayroll(db(), '2026-11', 'BTXH', LINES);
    const first = await preview(
      payrollId,
      await resultXlsx([
        { account: '0011000000001', amountVnd: 500_000, status: 'Thành công' },
        { account: '0099000000002', amountVnd: 750_000, status: 'Thất bại', reason: 'Sai tên' },
      ]),
    );
    await core.job('payrollResults.commitImport', { token: first.token });
    await core.ok('payrollResults.decideCarry', {
      payrollId,
      decision: 'carried_over',
      selection: { kind: 'lines', lineIds: [lineIds[2]!] },
    });
    // A different file (the bank's corrected statement) now says the opposite for both.
    const later = await preview(
      payrollId,
      await resultXlsx([
        { account: '0011000000001', amountVnd: 500_000, status: 'Thất bại', reason: 'Trả lại' },
        { account: '0099000000002', amountVnd: 750_000, status: 'Thành công' },
      ]),
    );
    expect(later.counts).toMatchObject({ conflict: 2, paid: 0, failed: 0 });
    expect(later.problems.map((r) => r.note)).toEqual([
      expect.stringContaining('Đã ghi nhận chi trả'),
      expect.stringContaining('Đã chuyển sang bảng lương tháng sau'),
    ]);
    const r = await core.job('payrollResults.commitImport', { token: later.token });
    expect(r.unchanged).toBe(true);
    expect([statusOf(lineIds[0]!), statusOf(lineIds[2]!)]).toEqual(['paid', 'carried_over']);
    expect(count("SELECT COUNT(*) FROM payment_attempts WHERE status = 'paid'")).toBe(1);

    // Two previews of two files for the same line; the second is written first: the other one, written
    // after, is matched again against the lines as they are then, and pays nothing twice.
    const lineAnh = lineIds[1]!;
    const f1 = await preview(
      payrollId,
      await resultXlsx([{ account: '0099000000002', amountVnd: 500_000, status: 'Thành công', reference: 'A1' }]),
    );
    const f2 = await preview(
      payrollId,
      await resultXlsx([{ account: '0099000000002', amountVnd: 500_000, status: 'Thành công', reference: 'A2' }]),
    );
    expect([f1.counts.paid, f2.counts.paid]).toEqual([1, 1]);
    await core.job('payrollResults.commitImport', { token: f2.token });
    const stale = await core.job('payrollResults.commitImport', { token: f1.token });
    expect(stale).toMatchObject({ paid: 0, conflict: 1, unchanged: true });
    expect(
      db()
        .prepare("SELECT reference FROM payment_attempts WHERE payroll_line_id = ? AND status = 'paid'")
        .pluck()
        .all(lineAnh),
    ).toEqual(['A2']);

    const draft = insertApprovedPayroll(db(), '2026-12', 'BTXH', [LINES[0]!], false);
    expect(
      (
        await core.fail('payrollResults.previewImport', {
          payrollId: draft.payrollId,
          fileName: 'a.xlsx',
          contentBase64: b64(await resultXlsx([])),
        })
      ).code,
    ).toBe('CONFLICT');
    await expect(
      core.job('payrollResults.previewImport', {
        payrollId,
        fileName: 'a.csv',
        contentBase64: b64(Buffer.from('hello world, not a result')),
      }),
    ).rejects.toThrow('Không tìm thấy dòng tiêu đề');
    await expect(
      core.job('payrollResults.previewImport', {
        payrollId,
        fileName: 'a.xlsx',
        contentBase64: b64(Buffer.from('PK\u0003\u0004 broken zip')),
      }),
    ).rejects.toThrow('Tệp bị hỏng');
    core.as('approver');
    expect(
      (
        await core.fail('payrollResults.previewImport', {
          payrollId,
          fileName: 'a.xlsx',
          contentBase64: b64(await resultXlsx([])),
        })
      ).code,
    ).toBe('FORBIDDEN');
  });
});

describe('cash lines and carry-over decisions', () => {
  it('marks cash lines paid by neighbourhood, the rest not collected, and skips what cannot be marked', async () => {
    const { payrollId, lineIds } = insertApprovedPayroll(db(), '2026-11', 'BTXH', LINES);
    const [on, , , , , em, giau, hanh] = lineIds;
    const kp2 = await core.ok('payrollResults.markCash', {
      payrollId,
      outcome: 'paid',
      selection: { kind: 'neighbourhood', neighbourhood: 'Khu phố 2' },
    });
    expect(kp2).toMatchObject({ changed: 2, amountVnd: 540_000 + 720_000 });
    expect([statusOf(giau!), statusOf(hanh!)]).toEqual(['paid', 'paid']);
    // "All" takes only the cash lines still open: Em; bank lines and paid lines are left alone.
    const rest = await core.ok('payrollResults.markCash', {
      payrollId,
      outcome: 'not_collected',
      selection: { kind: 'all' },
    });
    expect(rest).toMatchObject({ changed: 1, amountVnd: 360_000 });
    expect(statusOf(on!)).toBe('pending');
    // Em comes late, before the list goes back: paid; the attempt history keeps both.
    const late = await core.ok('payrollResults.markCash', {
      payrollId,
      outcome: 'paid',
      selection: { kind: 'lines', lineIds: [em!, on!] },
    });
    expect(late.changed).toBe(1);
    expect(late.skipped).toEqual([
      { lineId: on, fullName: 'Nguyễn Văn Ơn', reason: expect.stringContaining('Không phải dòng chi tiền mặt') },
    ]);
    expect(
      db().prepare('SELECT status FROM payment_attempts WHERE payroll_line_id = ? ORDER BY attempt_no').pluck().all(em),
    ).toEqual(['not_collected', 'paid']);
    // Marking a paid line again changes nothing and says why.
    const again = await core.fail('payrollResults.markCash', {
      payrollId,
      outcome: 'paid',
      selection: { kind: 'lines', lineIds: [giau] },
    });
    expect(again).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('không chi trả hai lần') });
    expect(
      count(
        "SELECT COUNT(*) FROM audit_log WHERE action IN ('payrollResults.cashPaid','payrollResults.cashNotCollected')",
      ),
    ).toBe(3);

    const page = await core.ok('payrollResults.lines', { payrollId, channel: 'cash' });
    expect(page.total).toBe(3);
    expect(page.rows.every((r) => r.status === 'paid')).toBe(true);
    // Accent-free search by name, and paging with the filter's count and total.
    const found = await core.ok('payrollResults.lines', { payrollId, text: 'vo thi' });
    expect(found.rows.map((r) => r.fullName)).toEqual(['Võ Thị Em']);
    const second = await core.ok('payrollResults.lines', { payrollId, limit: 3, offset: 3 });
    expect([second.total, second.totalVnd, second.rows.length]).toEqual([
      8,
      LINES.reduce((s, l) => s + l.amountVnd, 0),
      3,
    ]);
    expect(second.rows.find((r) => r.account !== '')!.account).toMatch(/^\d{3}•+\d{4}$/);
  });

  it('carries failed and not-collected lines over or to cash, once; paid lines are refused', async () => {
    const { payrollId, lineIds } = insertApprovedPayroll(db(), '2026-11', 'BTXH', LINES);
    const [on, anh, binh, , , em, giau] = lineIds;
    const p = await preview(
      payrollId,
      await resultXlsx([
        { account: '0011000000001', amountVnd: 500_000, status: 'Thất bại', reason: 'Sai số tài khoản' },
        { account: '0099000000002', amountVnd: 750_000, status: 'Thất bại', reason: 'Tài khoản đã đóng' },
        { account: '0099000000002', amountVnd: 500_000, status: 'Thành công' },
      ]),
    );
    await core.job('payrollResults.commitImport', { token: p.token });
    await core.ok('payrollResults.markCash', {
      payrollId,
      outcome: 'not_collected',
      selection: { kind: 'lines', lineIds: [em!] },
    });
    await core.ok('payrollResults.markCash', {
      payrollId,
      outcome: 'paid',
      selection: { kind: 'lines', lineIds: [giau!] },
    });

    const toCash = await core.ok('payrollResults.decideCarry', {
      payrollId,
      decision: 'converted_to_cash',
      selection: { kind: 'lines', lineIds: [binh!] },
    });
    expect(toCash).toMatchObject({ changed: 1, amountVnd: 750_000 });
    const all = await core.ok('payrollResults.decideCarry', {
      payrollId,
      decision: 'carried_over',
      selection: { kind: 'all' },
    });
    expect(all).toMatchObject({ changed: 2, amountVnd: 500_000 + 360_000 });
    expect([statusOf(on!), statusOf(binh!), statusOf(em!)]).toEqual([
      'carried_over',
      'converted_to_cash',
      'carried_over',
    ]);
    const refused = await core.fail('payrollResults.decideCarry', {
      payrollId,
      decision: 'carried_over',
      selection: { kind: 'lines', lineIds: [anh] },
    });
    expect(refused.message).toContain('Đã chi trả');
    // A carried line takes no cash mark in its original payroll.
    const cash = await core.fail('payrollResults.markCash', {
      payrollId,
      outcome: 'paid',
      selection: { kind: 'lines', lineIds: [em] },
    });
    expect(cash.message).toContain('Đã chuyển sang bảng lương tháng sau');
    // Once next month's payroll has taken the line, the decision is final.
    const next = insertApprovedPayroll(db(), '2026-12', 'BTXH', [], false);
    db()
      .prepare(
        "INSERT INTO payroll_lines (payroll_id, person_id, carried_from_line_id, kind, full_name, amount_vnd, method) SELECT ?, person_id, id, 'carryover', full_name, amount_vnd, 'CASH_WARD' FROM payroll_lines WHERE id = ?",
      )
      .run(next.payrollId, on);
    const final = await core.fail('payrollResults.decideCarry', {
      payrollId,
      decision: 'converted_to_cash',
      selection: { kind: 'lines', lineIds: [on] },
    });
    expect(final.message).toContain('Đã được đưa vào bảng lương tháng sau');
  });
});

describe('reconciliation report', () => {
  it('partitions the payroll total by outcome, per method and per programme, to the đồng; xlsx read back by LibreOffice', async () => {
    const { payrollId, lineIds } = insertApprovedPayroll(db(), '2026-11', 'BTXH', LINES);
    const p = await preview(
      payrollId,
      await resultXlsx([
        { account: '0011000000001', amountVnd: 500_000, status: 'Thành công' },
        { account: '0099000000002', amountVnd: 500_000, status: 'Thành công' },
        { account: '0099000000002', amountVnd: 750_000, status: 'Thất bại', reason: 'Tài khoản đã đóng' },
      ]),
    );
    await core.job('payrollResults.commitImport', { token: p.token });
    await core.ok('payrollResults.markCash', {
      payrollId,
      outcome: 'paid',
      selection: { kind: 'neighbourhood', neighbourhood: 'Khu phố 2' },
    });
    await core.ok('payrollResults.markCash', { payrollId, outcome: 'not_collected', selection: { kind: 'all' } });
    await core.ok('payrollResults.decideCarry', {
      payrollId,
      decision: 'carried_over',
      selection: { kind: 'lines', lineIds: [lineIds[2]!] },
    });

    const rec = await core.ok('payrollResults.reconciliation', { payrollId });
    const total = LINES.reduce((s, l) => s + l.amountVnd, 0);
    expect(rec.reconciles).toBe(true);
    expect(rec.total).toMatchObject({
      lines: 8,
      amountVnd: total,
      paid: { lines: 4, amountVnd: 500_000 + 500_000 + 540_000 + 720_000 },
      failed: { lines: 0, amountVnd: 0 },
      notCollected: { lines: 1, amountVnd: 360_000 },
      carriedOver: { lines: 1, amountVnd: 750_000 },
      pending: { lines: 2, amountVnd: 1_000_000 },
    });
    expect(rec.total.balanceVnd).toBe(total - rec.total.paid.amountVnd);
    const parts = (r: Reconciliation['total']) =>
      r.paid.amountVnd +
      r.failed.amountVnd +
      r.notCollected.amountVnd +
      r.carriedOver.amountVnd +
      r.convertedToCash.amountVnd +
      r.pending.amountVnd;
    for (const row of [...rec.byMethod, ...rec.byProgramme, rec.total]) {
      expect(parts(row)).toBe(row.amountVnd);
      expect(row.balanceVnd).toBe(row.amountVnd - row.paid.amountVnd);
    }
    expect(rec.byMethod.map((r) => [r.key, r.amountVnd])).toEqual([
      ['CASH_WARD', 900_000],
      ['POST_OFFICE', 720_000],
      ['OWN_ACCOUNT', 500_000],
      ['AUTHORIZED_ACCOUNT', 2_250_000],
    ]);
    expect(rec.byProgramme.map((r) => r.amountVnd)).toEqual([total]);
    expect(rec.unpaid.map((u) => u.status).sort()).toEqual(['carried_over', 'not_collected', 'pending', 'pending']);
    expect(rec.unpaid.find((u) => u.status === 'carried_over')!.reason).toBe('Tài khoản đã đóng');

    const file = await core.job('payrollResults.exportReconciliation', { payrollId, format: 'xlsx' });
    expect(file).toMatchObject({
      fileName: 'doi-chieu-chi-tra-2026-11-btxh.xlsx',
      totalVnd: total,
      paidVnd: rec.total.paid.amountVnd,
    });
    // LibreOffice writes one csv per sheet, named after the sheet: find each by its content.
    const sheets = xlsxToCsvSheets(Buffer.from(file.contentBase64, 'base64')).map(parseCsv);
    expect(sheets).toHaveLength(2);
    const figures = sheets.find((s) => s[1]?.[0]?.startsWith('BÁO CÁO ĐỐI CHIẾU'));
    const unpaid = sheets.find((s) => s[0]?.[0]?.startsWith('DANH SÁCH CHƯA CHI TRẢ'));
    const num = (s: string | undefined) => Number((s ?? '').replace(/[.,]/g, ''));
    expect(figures![1]![0]).toContain('THÁNG 11/2026');
    const totalRow = figures!.find((r) => r[0] === 'Tổng cộng')!;
    expect(totalRow.slice(1).map(num)).toEqual([
      8,
      total,
      4,
      2_260_000,
      0,
      0,
      1,
      360_000,
      1,
      750_000,
      0,
      0,
      2,
      1_000_000,
      total - 2_260_000,
    ]);
    const cashRow = figures!.find((r) => r[0] === 'Tiền mặt tại UBND / điểm chi trả')!;
    expect(num(cashRow[2])).toBe(900_000);
    expect(
      unpaid!
        .slice(2, 6)
        .map((r) => r[1])
        .sort(),
    ).toEqual(['Trần Thị Cúc', 'Trần Văn Đức', 'Võ Thị Em', 'Đặng Văn Bình'].sort());
    expect(unpaid!.find((r) => r[1] === 'Cộng: 4 dòng')).toBeTruthy();

    // The PDF, read back by pdftotext: office heading, the figures with their dots, the balance in words.
    core.as('admin');
    await core.ok('settings.saveOffice', {
      unitName: 'UBND phường Đức Nghĩa',
      parentBody: '',
      placeName: 'Phan Thiết',
      province: 'Lâm Đồng',
      chairmanName: 'Nguyễn Văn Chủ',
      officerName: 'Trần Thị Hường',
      reportRecipients: [],
    });
    core.as('approver');
    const pdf = await core.job('payrollResults.exportReconciliation', { payrollId, format: 'pdf' });
    expect(pdf.fileName).toBe('doi-chieu-chi-tra-2026-11-btxh.pdf');
    const pdfPath = join(dir, pdf.fileName);
    writeFileSync(pdfPath, Buffer.from(pdf.contentBase64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    if (process.env.PEEK_PDF) writeFileSync(process.env.PEEK_PDF, Buffer.from(pdf.contentBase64, 'base64'));
    expect(text).toContain('PHƯỜNG ĐỨC NGHĨA');
    expect(text).toContain('Đối chiếu kết quả chi trả trợ cấp tháng 11/2026');
    expect(text).toContain(formatVnd(total));
    expect(text).toContain('2.260.000');
    expect(text).toContain(`Số dư chưa chi bằng chữ: ${amountInWords(total - 2_260_000)}`);
    expect(text).toContain('Tổng các dòng khớp với tổng bảng lương đã phê duyệt');
    expect(text).toContain('Đặng Văn Bình');
    expect(text).toContain('Tài khoản đã đóng');
    expect(text).toContain('NGƯỜI LẬP BIỂU');
    expect(count("SELECT COUNT(*) FROM audit_log WHERE action = 'payrollResults.exportReconciliation'")).toBe(2);

    // Written to a folder (a USB stick) instead: there, read back; a folder that is gone fails cleanly.
    core.as('accountant');
    const usb = join(dir, 'usb');
    mkdirSync(usb);
    const onStick = await core.job('payrollResults.exportReconciliation', { payrollId, format: 'xlsx', folder: usb });
    expect(onStick).toMatchObject({
      fileName: 'doi-chieu-chi-tra-2026-11-btxh.xlsx',
      contentBase64: '',
      path: join(usb, 'doi-chieu-chi-tra-2026-11-btxh.xlsx'),
    });
    expect(readFileSync(onStick.path!).subarray(0, 2).toString()).toBe('PK');
    await expect(
      core.job('payrollResults.exportReconciliation', { payrollId, format: 'pdf', folder: join(dir, 'usb-da-rut') }),
    ).rejects.toThrow(/thư mục/i);
    expect(readdirSync(usb)).toEqual(['doi-chieu-chi-tra-2026-11-btxh.xlsx']);
    expect(count("SELECT COUNT(*) FROM audit_log WHERE action = 'payrollResults.exportReconciliation'")).toBe(3);
  }, 120_000);
});
