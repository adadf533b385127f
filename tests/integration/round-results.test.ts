import fc from 'fast-check';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RoundReconciliation } from '@shared/api/round-results';
import { ACTION_LABELS } from '@shared/domain/audit-actions';
import { parseCsv } from '@shared/domain/csv';
import { amountInWords, formatVnd } from '@shared/domain/money';
import { verifyAuditChain } from '../../main/services/audit';
import { xlsxToCsvSheets } from '../support/libreoffice';
import { pdfFonts, pdfText, savePdf } from '../support/pdf';
import { eachTestCore, enrollNew, type TestCore } from '../support/register';
import { b64, resultXlsx } from './payroll-results.fixture';

// Payment results of an approved one-off round (migration 020), in main over a real SQLite file: cash
// lines marked "đã nhận" / "không đến nhận" by neighbourhood or one by one, transfers paid or failed with
// the bank's reason (by hand or from the bank's result file, read and matched by the payroll's own
// pieces), each answer kept as history; a line paid at most once and nothing recorded on a round not
// approved, in the service and in the database itself; the reconciliation adding up to the round's total
// to the đồng at every step; every write audited with a label.

let core: TestCore;
let dir: string;
eachTestCore((fresh) => {
  core = fresh.core;
  dir = fresh.dir;
});

const db = () => core.store!.sqlite;
const count = (sql: string, ...p: unknown[]) =>
  db()
    .prepare(sql)
    .pluck()
    .get(...p) as number;

async function ncc(name: string, category: string, neighbourhood: string): Promise<number> {
  const r = await core.ok('register.enroll', {
    ...enrollNew({ fullName: name, birthDate: '1948', neighbourhood }, 'NCC', undefined, '2026-06'),
    categoryLabel: category,
    components: [{ kind: 'main', label: 'Trợ cấp hằng tháng', amountVnd: 2_789_000 }],
  });
  return r.personId;
}

async function account(personId: number, holderName: string, accountNumber: string): Promise<void> {
  await core.ok('payout.change', {
    personId,
    method: 'OWN_ACCOUNT',
    effectiveMonth: '2027-01',
    account: { new: { bankCode: 'AGRIBANK', branch: 'Chi nhánh Phan Thiết', accountNumber, holderName } },
    note: '',
  });
}

interface Seeded {
  an: number; // Thương binh 61%, account 0123456789012, Khu phố 1 — 600.000
  bao: number; // Bệnh binh 41%, account 0987654321098, Khu phố 2 — 600.000
  binh: number; // Bệnh binh 41%, cash, Khu phố 2 — 600.000
  cuc: number; // Thân nhân liệt sĩ, cash, Khu phố 1 — 300.000
  dao: number; // Thân nhân liệt sĩ, cash, Khu phố 1 — 300.000
}

async function seed(): Promise<Seeded> {
  core.setNow('2026-12-20T09:00:00+07:00');
  core.as('officer');
  const an = await ncc('Nguyễn Văn An', 'Thương binh 61%', 'Khu phố 1');
  const bao = await ncc('Lê Văn Bảo', 'Bệnh binh 41%', 'Khu phố 2');
  const binh = await ncc('Trần Thị Bình', 'Bệnh binh 41%', 'Khu phố 2');
  const cuc = await ncc('Lê Thị Cúc', 'Thân nhân liệt sĩ', 'Khu phố 1');
  const dao = await ncc('Phạm Thị Đào', 'Thân nhân liệt sĩ', 'Khu phố 1');
  await account(an, 'Nguyễn Văn An', '0123456789012');
  await account(bao, 'Lê Văn Bảo', '0987654321098');
  return { an, bao, binh, cuc, dao };
}

const TET = {
  name: 'Quà Tết Nguyên đán Đinh Mùi 2027 của Chủ tịch nước',
  basisNumber: '1234/QĐ-CTN',
  basisDate: '02/01/2027',
  basisIssuer: 'Chủ tịch nước',
  roundDate: '20/01/2027',
  rules: [
    {
      label: 'Thương binh, bệnh binh',
      programme: 'NCC' as const,
      categories: ['Thương binh', 'Bệnh binh'],
      amountVnd: 600_000,
    },
    { label: 'Thân nhân liệt sĩ', programme: 'NCC' as const, categories: ['Thân nhân liệt sĩ'], amountVnd: 300_000 },
  ],
};
const TOTAL = 3 * 600_000 + 2 * 300_000;

/** The round created, submitted (2027-01-12) and approved (2027-01-15); the clock then at 2027-01-22. */
async function approvedRound(basisNumber = TET.basisNumber): Promise<number> {
  core.setNow('2027-01-12T09:00:00+07:00');
  const created = await core.ok('rounds.create', { ...TET, basisNumber });
  const submitted = await core.ok('rounds.submit', { roundId: created.round.id });
  core.setNow('2027-01-15T09:00:00+07:00');
  core.as('approver');
  await core.ok('rounds.approve', {
    roundId: created.round.id,
    confirm: { lineCount: submitted.round.lineCount, totalVnd: submitted.round.totalVnd },
  });
  core.setNow('2027-01-22T09:00:00+07:00');
  core.as('officer');
  return created.round.id;
}

async function lineOf(roundId: number, personId: number) {
  const rows = (await core.ok('roundResults.lines', { roundId, limit: 1000 })).rows;
  const l = rows.find((r) => r.personId === personId);
  if (!l) throw new Error(`no line for ${personId}`);
  return l;
}

/** The reconciliation's own sums, checked independently of its `reconciles` flag. */
function expectAddsUp(r: RoundReconciliation, total = TOTAL): void {
  const t = r.total;
  expect(t.amountVnd).toBe(total);
  expect(t.paid.amountVnd + t.failed.amountVnd + t.notCollected.amountVnd + t.pending.amountVnd).toBe(total);
  expect(t.paid.lines + t.failed.lines + t.notCollected.lines + t.pending.lines).toBe(r.round.lineCount);
  expect(r.byMethod.reduce((s, m) => s + m.amountVnd, 0)).toBe(total);
  expect(r.byNeighbourhood.reduce((s, m) => s + m.amountVnd, 0)).toBe(total);
  expect(r.byNeighbourhood.reduce((s, m) => s + m.paid.amountVnd, 0)).toBe(t.paid.amountVnd);
  expect(t.balanceVnd).toBe(total - t.paid.amountVnd);
  expect(r.reconciles).toBe(true);
}

describe('recording results on an approved round', () => {
  it('marks a neighbourhood’s cash lines, one not collected, transfers paid and failed; the history and the reconciliation follow', async () => {
    const p = await seed();
    const roundId = await approvedRound();
    let rec = await core.ok('roundResults.reconciliation', { roundId });
    expectAddsUp(rec);
    expect(rec.total.pending).toEqual({ lines: 5, amountVnd: TOTAL });

    // Khu phố 1's signed list: Đào did not come; then everyone else of Khu phố 1 in cash received.
    const dao = await lineOf(roundId, p.dao);
    await core.ok('roundResults.record', {
      roundId,
      outcome: 'not_collected',
      selection: { kind: 'lines', lineIds: [dao.id] },
      onDate: '21/01/2027',
    });
    const kp1 = await core.ok('roundResults.record', {
      roundId,
      outcome: 'paid',
      selection: { kind: 'neighbourhood', neighbourhood: 'Khu phố 1' },
      onDate: '21/01/2027',
    });
    // Cúc only: An is paid by account, and Đào's "không đến nhận" stands — a bulk mark takes the cash lines
    // without an answer yet.
    expect(kp1).toEqual({ changed: 1, amountVnd: 300_000, skipped: [] });
    // The transfers: An paid, Bảo failed with the bank's reason.
    const an = await lineOf(roundId, p.an);
    const bao = await lineOf(roundId, p.bao);
    await core.ok('roundResults.record', { roundId, outcome: 'paid', selection: { kind: 'lines', lineIds: [an.id] } });
    await core.ok('roundResults.record', {
      roundId,
      outcome: 'failed',
      reason: 'Tài khoản bị phong toả',
      selection: { kind: 'lines', lineIds: [bao.id] },
    });
    const afterKp1 = await core.ok('roundResults.lines', { roundId, limit: 1000 });
    const byPerson = new Map(afterKp1.rows.map((r) => [r.personId, r]));
    expect(byPerson.get(p.cuc)).toMatchObject({ status: 'paid', onDate: '2027-01-21', source: 'cash-list' });
    expect(byPerson.get(p.dao)).toMatchObject({ status: 'not_collected', reason: 'Không đến nhận', source: 'manual' });
    expect(byPerson.get(p.an)).toMatchObject({
      status: 'paid',
      onDate: '2027-01-22',
      account: expect.stringMatching(/9012$/),
    });
    expect(byPerson.get(p.an)!.account).not.toContain('45678');
    expect(byPerson.get(p.bao)).toMatchObject({ status: 'failed', reason: 'Tài khoản bị phong toả' });
    expect(byPerson.get(p.binh)).toMatchObject({ status: 'pending', attempts: 0 });

    rec = await core.ok('roundResults.reconciliation', { roundId });
    expectAddsUp(rec);
    expect(rec.total.paid).toEqual({ lines: 2, amountVnd: 900_000 });
    expect(rec.total.failed).toEqual({ lines: 1, amountVnd: 600_000 });
    expect(rec.total.notCollected).toEqual({ lines: 1, amountVnd: 300_000 });
    expect(rec.total.pending).toEqual({ lines: 1, amountVnd: 600_000 });
    expect(rec.byNeighbourhood.map((n) => [n.label, n.amountVnd, n.paid.amountVnd])).toEqual([
      ['Khu phố 1', 1_200_000, 900_000],
      ['Khu phố 2', 1_200_000, 0],
    ]);

    // The retry went through; Đào came after all (a not-collected line may still be paid, chosen by name);
    // Bình (Khu phố 2) received. Every line paid: the balance is 0.
    await core.ok('roundResults.record', { roundId, outcome: 'paid', selection: { kind: 'lines', lineIds: [bao.id] } });
    await core.ok('roundResults.record', { roundId, outcome: 'paid', selection: { kind: 'lines', lineIds: [dao.id] } });
    const all = await core.ok('roundResults.record', { roundId, outcome: 'paid', selection: { kind: 'all' } });
    expect(all).toEqual({ changed: 1, amountVnd: 600_000, skipped: [] });
    rec = await core.ok('roundResults.reconciliation', { roundId });
    expectAddsUp(rec);
    expect(rec.total.paid).toEqual({ lines: 5, amountVnd: TOTAL });
    expect(rec.total.balanceVnd).toBe(0);

    // History: Bảo failed then paid, Đào not collected then paid — two attempts each, in order.
    const history = db()
      .prepare(
        `SELECT l.person_id AS personId, a.attempt_no AS no, a.status, a.reason, a.source FROM round_payment_attempts a
         JOIN round_lines l ON l.id = a.round_line_id WHERE l.person_id IN (?, ?) ORDER BY l.person_id, a.attempt_no`,
      )
      .all(p.bao, p.dao);
    expect(history).toEqual([
      { personId: p.bao, no: 1, status: 'failed', reason: 'Tài khoản bị phong toả', source: 'manual' },
      { personId: p.bao, no: 2, status: 'paid', reason: '', source: 'manual' },
      { personId: p.dao, no: 1, status: 'not_collected', reason: 'Không đến nhận', source: 'manual' },
      { personId: p.dao, no: 2, status: 'paid', reason: '', source: 'manual' },
    ]);

    // Audited: one entry per command, labelled, with the counts; the chain still verifies.
    const audits = db()
      .prepare("SELECT action, detail_json FROM audit_log WHERE action LIKE 'roundResults.%' ORDER BY id")
      .all() as Array<{ action: string; detail_json: string }>;
    expect(audits).toHaveLength(7);
    expect(ACTION_LABELS['roundResults.record']).toBeTruthy();
    expect(JSON.parse(audits[1]!.detail_json)).toMatchObject({
      outcome: 'paid',
      onDate: '2027-01-21',
      selection: { kind: 'neighbourhood', neighbourhood: 'Khu phố 1' },
      changed: 1,
      amountVnd: 300_000,
    });
    expect(verifyAuditChain(core.store!).ok).toBe(true);

    // The person's money history shows the line's result.
    const history2 = await core.ok('rounds.forPerson', { personId: p.bao });
    expect(history2[0]).toMatchObject({ roundId, result: { status: 'paid', onDate: '2027-01-22' } });
  });

  it('pays a line at most once: the service refuses, and the database refuses whatever the caller', async () => {
    const p = await seed();
    const roundId = await approvedRound();
    const cuc = await lineOf(roundId, p.cuc);
    await core.ok('roundResults.record', { roundId, outcome: 'paid', selection: { kind: 'lines', lineIds: [cuc.id] } });
    // Khu phố 1's list then pays Đào only: Cúc is not paid a second time.
    const kp1 = await core.ok('roundResults.record', {
      roundId,
      outcome: 'paid',
      selection: { kind: 'neighbourhood', neighbourhood: 'Khu phố 1' },
    });
    expect(kp1).toEqual({ changed: 1, amountVnd: 300_000, skipped: [] });
    const audits = count('SELECT count(*) FROM audit_log');
    for (const outcome of ['paid', 'not_collected'] as const) {
      const e = await core.fail('roundResults.record', {
        roundId,
        outcome,
        selection: { kind: 'lines', lineIds: [cuc.id] },
      });
      expect(e.code).toBe('CONFLICT');
      expect(e.message).toContain('không chi trả hai lần');
    }
    // A neighbourhood mark again finds nothing open.
    const again = await core.fail('roundResults.record', {
      roundId,
      outcome: 'paid',
      selection: { kind: 'neighbourhood', neighbourhood: 'Khu phố 1' },
    });
    expect(again.code).toBe('CONFLICT');
    expect(count('SELECT count(*) FROM audit_log')).toBe(audits);
    expect(count('SELECT count(*) FROM round_payment_attempts')).toBe(2);

    const insert = (no: number, status: string) =>
      db()
        .prepare(
          `INSERT INTO round_payment_attempts (round_line_id, attempt_no, status, on_date, reason, source, recorded_at)
           VALUES (?, ?, ?, '2027-01-22', 'x', 'manual', '2027-01-22T02:00:00Z')`,
        )
        .run(cuc.id, no, status);
    expect(() => insert(2, 'paid')).toThrow(/LINE_ALREADY_PAID/);
    expect(() => insert(2, 'not_collected')).toThrow(/LINE_ALREADY_PAID/);
    expect(() => db().prepare("UPDATE round_payment_attempts SET status = 'failed'").run()).toThrow(
      /ROUND_RESULT_HISTORY_FIXED/,
    );
    expect(() => db().prepare('DELETE FROM round_payment_attempts').run()).toThrow(/ROUND_RESULT_HISTORY_FIXED/);
    // Attempts follow one another on a line not yet paid, too.
    const binh = await lineOf(roundId, p.binh);
    expect(() =>
      db()
        .prepare(
          `INSERT INTO round_payment_attempts (round_line_id, attempt_no, status, on_date, reason, source, recorded_at)
           VALUES (?, 3, 'failed', '2027-01-22', 'x', 'manual', '2027-01-22T02:00:00Z')`,
        )
        .run(binh.id),
    ).toThrow(/ATTEMPT_OUT_OF_ORDER/);
    expect(count('SELECT count(*) FROM round_payment_attempts')).toBe(2);
  });

  it('refuses results on a round not approved (draft, submitted), in the service and in the database', async () => {
    await seed();
    core.setNow('2027-01-12T09:00:00+07:00');
    const created = await core.ok('rounds.create', TET);
    const roundId = created.round.id;
    const [line] = (await core.ok('roundResults.lines', { roundId })).rows;
    const audits = count('SELECT count(*) FROM audit_log');
    for (const stage of ['draft', 'submitted'] as const) {
      if (stage === 'submitted') await core.ok('rounds.submit', { roundId });
      const e = await core.fail('roundResults.record', {
        roundId,
        outcome: 'paid',
        selection: { kind: 'lines', lineIds: [line!.id] },
      });
      expect(e.code).toBe('CONFLICT');
      expect(e.message).toContain('chưa được phê duyệt');
      expect((await core.fail('roundResults.reconciliation', { roundId })).code).toBe('CONFLICT');
      expect(() =>
        db()
          .prepare(
            `INSERT INTO round_payment_attempts (round_line_id, attempt_no, status, on_date, source, recorded_at)
             VALUES (?, 1, 'paid', '2027-01-12', 'manual', '2027-01-12T02:00:00Z')`,
          )
          .run(line!.id),
      ).toThrow(/ROUND_NOT_APPROVED/);
    }
    expect(count('SELECT count(*) FROM round_payment_attempts')).toBe(0);
    // The submission is the only entry written meanwhile.
    expect(count('SELECT count(*) FROM audit_log')).toBe(audits + 1);
  });

  it('refuses wrong input in Vietnamese with nothing changed; the approver reads but does not record', async () => {
    const p = await seed();
    const roundId = await approvedRound();
    const an = await lineOf(roundId, p.an);
    const binh = await lineOf(roundId, p.binh);
    const audits = count("SELECT count(*) FROM audit_log WHERE action LIKE 'roundResults.%'");
    const failNoReason = await core.fail('roundResults.record', {
      roundId,
      outcome: 'failed',
      selection: { kind: 'lines', lineIds: [an.id] },
    });
    expect(failNoReason.code).toBe('INVALID_INPUT');
    expect(failNoReason.issues?.[0]).toMatchObject({ path: 'reason' });
    const bulkFailed = await core.fail('roundResults.record', {
      roundId,
      outcome: 'failed',
      reason: 'Lỗi',
      selection: { kind: 'neighbourhood', neighbourhood: 'Khu phố 1' },
    });
    expect(bulkFailed.code).toBe('INVALID_INPUT');
    const future = await core.fail('roundResults.record', {
      roundId,
      outcome: 'paid',
      onDate: '23/01/2027',
      selection: { kind: 'lines', lineIds: [binh.id] },
    });
    expect(future).toMatchObject({ code: 'INVALID_INPUT', message: 'Ngày chi trả: không được sau hôm nay.' });
    const beforeApproval = await core.fail('roundResults.record', {
      roundId,
      outcome: 'paid',
      onDate: '14/01/2027',
      selection: { kind: 'lines', lineIds: [binh.id] },
    });
    expect(beforeApproval.message).toContain('trước ngày phê duyệt đợt chi (15/01/2027)');
    const notCash = await core.fail('roundResults.record', {
      roundId,
      outcome: 'not_collected',
      selection: { kind: 'lines', lineIds: [an.id] },
    });
    expect(notCash).toMatchObject({ code: 'CONFLICT' });
    expect(notCash.message).toContain('chỉ ghi cho người nhận tiền mặt');
    const cashFailed = await core.fail('roundResults.record', {
      roundId,
      outcome: 'failed',
      reason: 'Lỗi',
      selection: { kind: 'lines', lineIds: [binh.id] },
    });
    expect(cashFailed.message).toContain('không đến nhận');
    const foreign = await core.fail('roundResults.record', {
      roundId,
      outcome: 'paid',
      selection: { kind: 'lines', lineIds: [999_999] },
    });
    expect(foreign.code).toBe('NOT_FOUND');
    core.as('approver');
    expect(
      (await core.fail('roundResults.record', { roundId, outcome: 'paid', selection: { kind: 'all' } })).code,
    ).toBe('FORBIDDEN');
    expectAddsUp(await core.ok('roundResults.reconciliation', { roundId }));
    expect((await core.ok('roundResults.lines', { roundId })).total).toBe(5);
    expect(count('SELECT count(*) FROM round_payment_attempts')).toBe(0);
    expect(count("SELECT count(*) FROM audit_log WHERE action LIKE 'roundResults.%'")).toBe(audits);
  });
});

describe('the bank’s result file for the round’s transfers (the payroll’s reader and matching)', () => {
  it('marks paid and failed by account and amount, lists what it cannot place, and the same file again changes nothing', async () => {
    const p = await seed();
    const roundId = await approvedRound();
    core.as('accountant');
    const file = await resultXlsx([
      { account: '0123456789012', amountVnd: 600_000, status: 'Thành công', reference: 'FT77' },
      { account: '0987654321098', amountVnd: '600.000', status: 'Thất bại', reason: 'Sai tên chủ tài khoản' },
      { account: '0555000000009', amountVnd: 600_000, status: 'Thành công' },
    ]);
    const preview = await core.job('roundResults.previewImport', {
      roundId,
      fileName: 'ket-qua-tet.xlsx',
      contentBase64: b64(file),
    });
    expect(preview.counts).toMatchObject({ paid: 1, failed: 1, unmatched: 1 });
    expect(preview.amounts).toEqual({ paidVnd: 600_000, failedVnd: 600_000 });
    expect(preview.problems[0]!.note).toBe('Không có số tài khoản này trong đợt chi.');
    expect(preview.importedBefore).toBeNull();
    expect(count('SELECT count(*) FROM round_payment_attempts')).toBe(0);

    const done = await core.job('roundResults.commitImport', { token: preview.token });
    expect(done).toMatchObject({ paid: 1, failed: 1, unmatched: 1, unchanged: false });
    expect(await lineOf(roundId, p.an)).toMatchObject({ status: 'paid', source: 'file' });
    expect(await lineOf(roundId, p.bao)).toMatchObject({ status: 'failed', reason: 'Sai tên chủ tài khoản' });
    const rec = await core.ok('roundResults.reconciliation', { roundId });
    expectAddsUp(rec);
    expect(rec.byMethod.find((m) => m.key === 'OWN_ACCOUNT')).toMatchObject({
      lines: 2,
      amountVnd: 1_200_000,
      paid: { lines: 1, amountVnd: 600_000 },
      failed: { lines: 1, amountVnd: 600_000 },
    });
    const audit = db()
      .prepare("SELECT detail_json FROM audit_log WHERE action = 'roundResults.import'")
      .pluck()
      .all() as string[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!)).toMatchObject({ fileName: 'ket-qua-tet.xlsx', paid: 1, failed: 1, paidVnd: 600_000 });

    // The same file again: already done, nothing written, no audit entry.
    const again = await core.job('roundResults.previewImport', {
      roundId,
      fileName: 'ket-qua-tet.xlsx',
      contentBase64: b64(file),
    });
    expect(again.importedBefore).not.toBeNull();
    expect(again.counts).toMatchObject({ paid: 0, failed: 0, already: 2 });
    const second = await core.job('roundResults.commitImport', { token: again.token });
    expect(second.unchanged).toBe(true);
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'roundResults.import'")).toBe(1);
    expect(count('SELECT count(*) FROM round_payment_attempts')).toBe(2);
  });
});

describe('any sequence of marks (property, real SQLite)', () => {
  type Status = 'pending' | 'paid' | 'failed' | 'not_collected';
  type Action =
    | { kind: 'line'; index: number; outcome: 'paid' | 'failed' | 'not_collected' }
    | { kind: 'neighbourhood'; neighbourhood: string; outcome: 'paid' | 'failed' | 'not_collected' };
  const outcome = fc.constantFrom('paid' as const, 'failed' as const, 'not_collected' as const);
  const action: fc.Arbitrary<Action> = fc.oneof(
    fc.record({ kind: fc.constant('line' as const), index: fc.integer({ min: 0, max: 4 }), outcome }),
    fc.record({
      kind: fc.constant('neighbourhood' as const),
      neighbourhood: fc.constantFrom('Khu phố 1', 'Khu phố 2', 'Khu phố 9'),
      outcome,
    }),
  );

  it('is accepted exactly when the rules allow it, pays each line at most once, and always adds up to the round', async () => {
    await seed();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(action, { maxLength: 10 }), async (actions) => {
        // A new legal basis per run: the same five people are picked into a fresh approved round.
        run++;
        const roundId = await approvedRound(`${run}/QĐ-TEST`);
        const lines = (await core.ok('roundResults.lines', { roundId })).rows;
        const model = new Map<number, Status>(lines.map((l) => [l.id, 'pending']));
        const cash = (l: (typeof lines)[number]) => l.method === 'CASH_WARD' || l.method === 'POST_OFFICE';
        // The rules, written out again independently of the service.
        const allowed = (l: (typeof lines)[number], o: Action['outcome']): boolean => {
          const st = model.get(l.id)!;
          if (o === 'paid') return st !== 'paid';
          if (o === 'not_collected') return cash(l) && st === 'pending';
          return !cash(l) && (st === 'pending' || st === 'failed');
        };
        for (const a of actions) {
          const input = {
            roundId,
            outcome: a.outcome,
            reason: a.outcome === 'failed' ? 'Ngân hàng từ chối' : '',
            selection:
              a.kind === 'line'
                ? { kind: 'lines' as const, lineIds: [lines[a.index]!.id] }
                : { kind: 'neighbourhood' as const, neighbourhood: a.neighbourhood },
          };
          const targets =
            a.kind === 'line'
              ? [lines[a.index]!].filter((l) => allowed(l, a.outcome))
              : a.outcome === 'failed'
                ? []
                : lines.filter(
                    (l) =>
                      cash(l) &&
                      l.neighbourhood === a.neighbourhood &&
                      model.get(l.id) === 'pending' &&
                      allowed(l, a.outcome),
                  );
          const r = await core.call('roundResults.record', input);
          expect(r.ok, JSON.stringify(a)).toBe(targets.length > 0);
          if (r.ok) {
            expect(r.value).toMatchObject({
              changed: targets.length,
              amountVnd: targets.reduce((s, l) => s + l.amountVnd, 0),
            });
            for (const l of targets) model.set(l.id, a.outcome);
          } else {
            expect(['CONFLICT', 'INVALID_INPUT']).toContain(r.error.code);
          }
        }
        const now = (await core.ok('roundResults.lines', { roundId })).rows;
        expect(now.map((l) => [l.id, l.status])).toEqual(lines.map((l) => [l.id, model.get(l.id)]));
        const rec = await core.ok('roundResults.reconciliation', { roundId });
        expectAddsUp(rec);
        const sum = (st: Status) => lines.filter((l) => model.get(l.id) === st).reduce((s, l) => s + l.amountVnd, 0);
        expect([
          rec.total.paid.amountVnd,
          rec.total.failed.amountVnd,
          rec.total.notCollected.amountVnd,
          rec.total.pending.amountVnd,
        ]).toEqual([sum('paid'), sum('failed'), sum('not_collected'), sum('pending')]);
        expect(
          count(
            `SELECT count(*) FROM round_payment_attempts a JOIN round_lines l ON l.id = a.round_line_id
             WHERE l.round_id = ? AND a.status = 'paid'`,
            roundId,
          ),
        ).toBe(lines.filter((l) => model.get(l.id) === 'paid').length);
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});

describe('the printed reconciliation of a round (as the payroll’s)', () => {
  it('prints the PDF and the xlsx: name and legal basis in the title, the totals adding up per method and neighbourhood, the lines not paid; audited, to a folder too', async () => {
    const p = await seed();
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
    core.as('officer');
    const roundId = await approvedRound();
    // Cúc received, Đào did not come, An's transfer went through, Bảo's failed, Bình has no answer yet.
    const line = async (id: number) => (await lineOf(roundId, id)).id;
    const mark = async (outcome: 'paid' | 'failed' | 'not_collected', personId: number, reason = '') =>
      core.ok('roundResults.record', {
        roundId,
        outcome,
        reason,
        selection: { kind: 'lines', lineIds: [await line(personId)] },
      });
    await mark('paid', p.cuc);
    await mark('not_collected', p.dao);
    await mark('paid', p.an);
    await mark('failed', p.bao, 'Tài khoản bị phong toả');
    const rec = await core.ok('roundResults.reconciliation', { roundId });
    expectAddsUp(rec);
    const paidVnd = 900_000;
    expect(rec.total.paid.amountVnd).toBe(paidVnd);

    core.as('approver');
    const pdf = await core.job('roundResults.exportReconciliation', { roundId, format: 'pdf' });
    expect(pdf).toMatchObject({
      fileName: `doi-chieu-chi-tra-dot-chi-${roundId}.pdf`,
      path: null,
      lines: 5,
      totalVnd: TOTAL,
      paidVnd,
    });
    const path = savePdf(dir, pdf.fileName, Buffer.from(pdf.contentBase64, 'base64'));
    const flat = pdfText(path).replace(/\s+/g, ' ');
    expect(flat).toContain('PHƯỜNG ĐỨC NGHĨA');
    expect(flat).toContain(`Đối chiếu kết quả chi trả — ${TET.name}`);
    expect(flat).toContain('Căn cứ văn bản số 1234/QĐ-CTN ngày 02/01/2027 của Chủ tịch nước');
    expect(flat).toContain(`Đợt chi đã phê duyệt gồm 5 dòng, tổng số tiền ${formatVnd(TOTAL)} đồng`);
    expect(flat).toContain(`Số dư chưa chi bằng chữ: ${amountInWords(TOTAL - paidVnd)}`);
    expect(flat).toContain('Tổng các dòng khớp với tổng đợt chi đã phê duyệt');
    expect(flat).toContain('III. Danh sách chưa chi trả (3 dòng)');
    for (const name of ['Lê Văn Bảo', 'Trần Thị Bình', 'Phạm Thị Đào']) expect(flat).toContain(name);
    expect(flat).toContain('Tài khoản bị phong toả');
    expect(flat).toContain('NGƯỜI LẬP BIỂU');
    // The figures as printed: every row of both tables (method, neighbourhood, total) read back from the
    // page; handed = paid + failed + not collected + pending, and the balance = handed − paid, to the đồng.
    const layout = pdfText(path, { layout: true });
    const num = (s: string) => Number(s.replace(/\./g, ''));
    const printed = (label: string) =>
      layout
        .split('\n')
        .filter((l) => l.trim().startsWith(label))
        .map((l) =>
          [
            ...l
              .slice(l.indexOf(label) + label.length)
              .replace(/\(\d+ dòng\)/g, ' ')
              .matchAll(/\d[\d.]*/g),
          ].map((m) => num(m[0])),
        );
    expect(layout.split('\n').find((l) => l.includes('Cộng: 3 dòng'))).toContain(formatVnd(TOTAL - paidVnd));
    const totals = printed('Tổng cộng');
    expect(totals).toHaveLength(2); // under each table
    for (const row of [...totals, ...printed('Khu phố 1'), ...printed('Khu phố 2')]) {
      // handed, paid, failed, not collected, pending, balance ("0" when a column has no line)
      expect(row).toHaveLength(6);
      const [handed, paid, failed, notCollected, pending, balance] = row as [
        number,
        number,
        number,
        number,
        number,
        number,
      ];
      expect(paid + failed + notCollected + pending).toBe(handed);
      expect(balance).toBe(handed - paid);
    }
    expect(totals[0]).toEqual([TOTAL, paidVnd, 600_000, 300_000, 600_000, TOTAL - paidVnd]);
    expect(printed('Khu phố 1')[0]).toEqual([1_200_000, 900_000, 0, 300_000, 0, 300_000]);
    // Tinos/Arimo embedded, as every Decree 30 document.
    const fonts = pdfFonts(path);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((f) => f.embedded && /Tinos|Arimo/.test(f.name))).toBe(true);

    // The xlsx, read by LibreOffice: the same figures, the lines not paid on the second sheet.
    const xlsx = await core.job('roundResults.exportReconciliation', { roundId, format: 'xlsx' });
    const sheets = xlsxToCsvSheets(Buffer.from(xlsx.contentBase64, 'base64')).map(parseCsv);
    expect(sheets).toHaveLength(2);
    const figures = sheets.find((s) => s[1]?.[0]?.startsWith('BÁO CÁO ĐỐI CHIẾU'))!;
    const unpaid = sheets.find((s) => s[0]?.[0]?.startsWith('DANH SÁCH CHƯA CHI TRẢ'))!;
    expect(figures[1]![0]).toContain(TET.name.toLocaleUpperCase('vi'));
    expect(figures[2]![0]).toContain('1234/QĐ-CTN');
    const cells = (r: string[]) => r.slice(1).map((c) => Number(c.replace(/[.,]/g, '')));
    const totalRow = cells(figures.find((r) => r[0] === 'Tổng cộng')!);
    expect(totalRow).toEqual([5, TOTAL, 2, paidVnd, 1, 600_000, 1, 300_000, 1, 600_000, TOTAL - paidVnd]);
    const kp2 = cells(figures.find((r) => r[0] === 'Khu phố 2')!);
    expect(kp2[1]).toBe(kp2[3]! + kp2[5]! + kp2[7]! + kp2[9]!);
    expect(
      unpaid
        .slice(2, 5)
        .map((r) => r[1])
        .sort(),
    ).toEqual(['Lê Văn Bảo', 'Phạm Thị Đào', 'Trần Thị Bình'].sort());
    expect(unpaid.find((r) => r[1] === 'Cộng: 3 dòng')).toBeTruthy();

    // To a folder (a USB stick): written and read back there; a folder that is gone fails cleanly.
    core.as('accountant');
    const usb = join(dir, 'usb');
    mkdirSync(usb);
    const onStick = await core.job('roundResults.exportReconciliation', { roundId, format: 'pdf', folder: usb });
    expect(onStick).toMatchObject({ contentBase64: '', path: join(usb, `doi-chieu-chi-tra-dot-chi-${roundId}.pdf`) });
    expect(readFileSync(onStick.path!).subarray(0, 5).toString()).toBe('%PDF-');
    await expect(
      core.job('roundResults.exportReconciliation', { roundId, format: 'pdf', folder: join(dir, 'usb-da-rut') }),
    ).rejects.toThrow(/thư mục/i);
    expect(readdirSync(usb)).toEqual([`doi-chieu-chi-tra-dot-chi-${roundId}.pdf`]);
    expect(count("SELECT COUNT(*) FROM audit_log WHERE action = 'roundResults.exportReconciliation'")).toBe(3);
    const detail = JSON.parse(
      db()
        .prepare(
          "SELECT detail_json FROM audit_log WHERE action = 'roundResults.exportReconciliation' ORDER BY id LIMIT 1",
        )
        .pluck()
        .get() as string,
    ) as Record<string, unknown>;
    expect(detail).toMatchObject({ format: 'pdf', lines: 5, totalVnd: TOTAL, paidVnd, unpaidLines: 3 });
    expect(verifyAuditChain(core.store!).ok).toBe(true);

    // The readers of the reconciliation, no one else; a round not approved has nothing to print.
    core.as('admin');
    expect((await core.fail('roundResults.exportReconciliation', { roundId, format: 'pdf' })).code).toBe('FORBIDDEN');
    core.as('officer');
    const draft = await core.ok('rounds.create', { ...TET, basisNumber: '99/QĐ-UBND' });
    expect(
      (await core.fail('roundResults.exportReconciliation', { roundId: draft.round.id, format: 'pdf' })).code,
    ).toBe('CONFLICT');
    expect(count("SELECT COUNT(*) FROM audit_log WHERE action = 'roundResults.exportReconciliation'")).toBe(3);
  }, 120_000);
});
