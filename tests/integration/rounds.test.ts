import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RoundDetail } from '@shared/api/rounds';
import { ACTION_LABELS } from '@shared/domain/audit-actions';
import { xlsxToCsvSheets } from '../support/libreoffice';
import { pdfText, savePdf } from '../support/pdf';
import { eachTestCore, enrollNew, type TestCore } from '../support/register';

// One-off rounds end to end in main: the rules pick from the register (alive and resident on the date,
// by NCC category, nobody twice under one legal basis), the officer adjusts with reasons, the payroll's
// workflow (submit, return, stale after a change, approve with confirmation), immutability (service and
// triggers), and the files: the signature list read by pdftotext and the bank file read by LibreOffice,
// their totals reconciling with the round.

let core: TestCore;
let dir: string;
eachTestCore((fresh) => {
  core = fresh.core;
  dir = fresh.dir;
});

const office = {
  unitName: 'UBND phường Đức Nghĩa',
  parentBody: '',
  placeName: 'Phan Thiết',
  province: 'Lâm Đồng',
  chairmanName: 'Nguyễn Văn Chủ',
  officerName: 'Trần Thị Hường',
  reportRecipients: [],
};

const paper = { number: '30/QĐ-UBND', signedDate: '05/01/2027', signer: 'Nguyễn Văn Chủ', reason: '' };

async function ncc(name: string, category: string, neighbourhood = 'Khu phố 1'): Promise<number> {
  const r = await core.ok('register.enroll', {
    ...enrollNew({ fullName: name, birthDate: '1948', neighbourhood }, 'NCC', undefined, '2026-06'),
    categoryLabel: category,
    components: [{ kind: 'main', label: 'Trợ cấp hằng tháng', amountVnd: 2_789_000 }],
  });
  return r.personId;
}

interface Register {
  a: number; // Thương binh 61%, own account (leading zero)
  b: number; // Bệnh binh 41%, cash, Khu phố 2
  c: number; // Thân nhân liệt sĩ, cash
  dead: number; // Thương binh 81%, died before the round's date
  moved: number; // Bệnh binh 61%, moved away before the round's date
  btxh: number; // BTXH, not picked by NCC rules
}

async function seed(): Promise<Register> {
  core.setNow('2026-12-20T09:00:00+07:00');
  core.as('admin');
  await core.ok('settings.saveOffice', office);
  core.as('officer');
  const a = await ncc('Nguyễn Văn An', 'Thương binh 61%');
  const b = await ncc('Trần Thị Bình', 'Bệnh binh 41%', 'Khu phố 2');
  const c = await ncc('Lê Thị Cúc', 'Thân nhân liệt sĩ');
  const dead = await ncc('Phạm Văn Dũng', 'Thương binh 81%');
  const moved = await ncc('Hồ Văn Em', 'Bệnh binh 61%');
  const btxh = (
    await core.ok(
      'register.enroll',
      enrollNew({ fullName: 'Đỗ Thị Giang', birthDate: '1940' }, 'BTXH', 'BTXH-5C', '2026-06'),
    )
  ).personId;
  await core.ok('payout.change', {
    personId: a,
    method: 'OWN_ACCOUNT',
    effectiveMonth: '2027-01',
    account: {
      new: {
        bankCode: 'AGRIBANK',
        branch: 'Chi nhánh Phan Thiết',
        accountNumber: '0123456789012',
        holderName: 'Nguyễn Văn An',
      },
    },
    note: '',
  });
  core.setNow('2027-01-10T09:00:00+07:00');
  await core.ok('register.recordDeath', {
    personId: dead,
    deathDate: '05/01/2027',
    decision: paper,
    funeral: { payeeName: 'Con', multiplier: 20 },
  });
  await core.ok('register.moveAway', { personId: moved, movedDate: '08/01/2027', decision: paper });
  return { a, b, c, dead, moved, btxh };
}

const tet = (overrides: Record<string, unknown> = {}) => ({
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
  ...overrides,
});

const lines = async (roundId: number) => (await core.ok('rounds.lines', { roundId })).rows;
const confirmOf = (d: RoundDetail) => ({ lineCount: d.round.lineCount, totalVnd: d.round.totalVnd });

async function approve(roundId: number): Promise<RoundDetail> {
  const submitted = await core.ok('rounds.submit', { roundId });
  core.as('approver');
  try {
    return await core.ok('rounds.approve', { roundId, confirm: confirmOf(submitted) });
  } finally {
    core.as('officer');
  }
}

describe('rules pick from the register', () => {
  it('picks NCC by category, alive and resident on the date, one amount each, in name order', async () => {
    const r = await seed();
    const d = await core.ok('rounds.create', tet());
    const rows = await lines(d.round.id);
    expect(rows.map((l) => [l.personId, l.amountVnd, l.ruleNo, l.groupLabel])).toEqual([
      [r.a, 600_000, 1, 'Thương binh 61%'],
      [r.b, 600_000, 1, 'Bệnh binh 41%'],
      [r.c, 300_000, 2, 'Thân nhân liệt sĩ'],
    ]);
    expect(d.round).toMatchObject({ lineCount: 3, totalVnd: 1_500_000, review: 'draft' });
    expect(d.rules.map((x) => [x.count, x.totalVnd])).toEqual([
      [2, 1_200_000],
      [1, 300_000],
    ]);
    // The payout method in force in the round's month.
    expect(rows.find((l) => l.personId === r.a)!.method).toBe('OWN_ACCOUNT');
    expect(rows.find((l) => l.personId === r.b)!.method).toBe('CASH_WARD');
    expect(rows.find((l) => l.personId === r.a)!.accountNumber).not.toContain('0123456789012');
    // A search by a whole citizen ID is on record (masked), as in the payroll's list.
    const found = await core.ok('rounds.lines', { roundId: d.round.id, text: '060048012345' });
    expect(found.total).toBe(0);
    const read = core
      .store!.sqlite.prepare("SELECT entity, detail_json FROM audit_log WHERE action = 'sensitive.searchId'")
      .get() as { entity: string; detail_json: string };
    expect(read.entity).toBe('round');
    expect(read.detail_json).not.toContain('060048012345');
  });

  it('puts nobody in two rounds of the same legal basis; another basis picks them again', async () => {
    const r = await seed();
    const first = await core.ok('rounds.create', tet());
    // The same basis written another way (case, accents, spaces).
    const again = await core.ok(
      'rounds.create',
      tet({ name: 'Đợt bổ sung', basisNumber: '1234 / qđ-ctn', basisIssuer: 'chủ tịch nước' }),
    );
    expect(again.round.lineCount).toBe(0);
    expect(again.alreadyInBasis).toBe(3);
    const refused = await core.fail('rounds.adjust', {
      roundId: again.round.id,
      kind: 'add',
      personId: r.a,
      programme: 'NCC' as const,
      amountVnd: 600_000,
      reason: 'Sót',
    });
    expect(refused.message).toContain('Quà Tết Nguyên đán Đinh Mùi 2027');
    // The database refuses it too.
    expect(() =>
      core
        .store!.sqlite.prepare(
          "INSERT INTO round_lines (round_id, basis_key, line_no, person_id, programme_code, amount_vnd, full_name, method) SELECT ?, basis_key, 9, ?, 'NCC', 1, 'x', 'CASH_WARD' FROM rounds WHERE id = ?",
        )
        .run(again.round.id, r.a, first.round.id),
    ).toThrow(/UNIQUE/);
    const julyGifts = await core.ok(
      'rounds.create',
      tet({
        name: 'Quà 27/7/2027',
        basisNumber: '55/QĐ-UBND',
        basisIssuer: 'UBND tỉnh Lâm Đồng',
        basisDate: '01/07/2027',
        roundDate: '20/07/2027',
      }),
    );
    expect(julyGifts.round.lineCount).toBe(3);
  });

  it('the officer removes and adds people with a reason; undo restores what the rules give', async () => {
    const r = await seed();
    const d = await core.ok('rounds.create', tet());
    const id = d.round.id;
    const empty = await core.fail('rounds.adjust', { roundId: id, kind: 'remove', personId: r.b, reason: '  ' });
    expect(empty.code).toBe('INVALID_INPUT');
    await core.ok('rounds.adjust', {
      roundId: id,
      kind: 'remove',
      personId: r.b,
      reason: 'Đã nhận tại Trung tâm điều dưỡng',
    });
    const added = await core.ok('rounds.adjust', {
      roundId: id,
      kind: 'add',
      personId: r.btxh,
      programme: 'BTXH' as const,
      amountVnd: 500_000,
      reason: 'Theo ý kiến Chủ tịch UBND phường',
    });
    expect(added.round).toMatchObject({ lineCount: 3, totalVnd: 1_400_000 });
    expect(added.adjustments.map((a) => [a.personId, a.kind, a.reason])).toEqual([
      [r.b, 'remove', 'Đã nhận tại Trung tâm điều dưỡng'],
      [r.btxh, 'add', 'Theo ý kiến Chủ tịch UBND phường'],
    ]);
    const rows = await lines(id);
    expect(rows.map((l) => l.personId).sort()).toEqual([r.a, r.c, r.btxh].sort());
    expect(rows.find((l) => l.personId === r.btxh)).toMatchObject({
      ruleNo: null,
      amountVnd: 500_000,
      note: 'Bổ sung: Theo ý kiến Chủ tịch UBND phường',
    });
    // A deceased person cannot be added.
    const dead = await core.fail('rounds.adjust', {
      roundId: id,
      kind: 'add',
      personId: r.dead,
      programme: 'NCC' as const,
      amountVnd: 600_000,
      reason: 'x',
    });
    expect(dead.message).toContain('đã mất');
    const undone = await core.ok('rounds.adjust', { roundId: id, kind: 'undo', personId: r.b });
    expect(undone.round).toMatchObject({ lineCount: 4, totalVnd: 2_000_000 });
    const audit = core
      .store!.sqlite.prepare("SELECT action, person_id FROM audit_log WHERE action LIKE 'round.%' ORDER BY id")
      .all() as Array<{ action: string; person_id: number | null }>;
    expect(audit.map((a) => a.action)).toEqual(['round.create', 'round.adjust', 'round.adjust', 'round.adjust']);
    for (const a of audit) expect(ACTION_LABELS[a.action]).toBeTruthy();
  });

  it('refuses bad input with a Vietnamese message and writes nothing', async () => {
    await seed();
    const before = core.store!.sqlite.prepare('SELECT count(*) FROM rounds').pluck().get();
    const e = await core.fail(
      'rounds.create',
      tet({ rules: [{ programme: 'NCC' as const, categories: [], amountVnd: 600_000.5 }] }),
    );
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.issues?.[0]?.message).toContain('số nguyên');
    const none = await core.fail('rounds.create', tet({ rules: [] }));
    expect(none.issues?.[0]?.message).toBe('Cần ít nhất một nhóm người nhận.');
    expect(core.store!.sqlite.prepare('SELECT count(*) FROM rounds').pluck().get()).toBe(before);
  });
});

describe('the review workflow', () => {
  it('submit → return → fix → submit → stale after a change → resubmit → approve; roles checked', async () => {
    const r = await seed();
    const d = await core.ok('rounds.create', tet());
    const id = d.round.id;
    core.as('accountant');
    expect((await core.fail('rounds.create', tet())).code).toBe('FORBIDDEN');
    core.as('approver');
    expect((await core.fail('rounds.approve', { roundId: id, confirm: confirmOf(d) })).message).toContain(
      'chưa được trình',
    );
    core.as('officer');
    expect((await core.fail('rounds.approve', { roundId: id, confirm: confirmOf(d) })).code).toBe('FORBIDDEN');
    const submitted = await core.ok('rounds.submit', { roundId: id });
    expect(submitted.round.review).toBe('submitted');
    expect(
      (await core.fail('rounds.adjust', { roundId: id, kind: 'remove', personId: r.b, reason: 'x' })).message,
    ).toContain('chờ phê duyệt');
    core.as('approver');
    // Việc cần làm: the approver sees the round waiting; after the return, the officer sees it with the comment.
    const waiting = (await core.ok('todo.list', {})).items.find((i) => i.key === 'rounds.review');
    expect(waiting).toMatchObject({
      count: 1,
      label: '1 đợt chi một lần chờ phê duyệt',
      path: `/chi-tra/dot-chi/${id}`,
    });
    const returned = await core.ok('rounds.return', {
      roundId: id,
      comment: 'Bà Bình đã nhận ở Trung tâm',
    });
    expect(returned.round).toMatchObject({ review: 'returned', returnComment: 'Bà Bình đã nhận ở Trung tâm' });
    expect((await core.ok('todo.list', {})).items.find((i) => i.key === 'rounds.review')).toBeUndefined();
    core.as('officer');
    expect((await core.ok('todo.list', {})).items.find((i) => i.key === 'rounds.review')?.detail).toContain(
      'Bà Bình đã nhận ở Trung tâm',
    );
    const fixed = await core.ok('rounds.adjust', {
      roundId: id,
      kind: 'remove',
      personId: r.b,
      reason: 'Đã nhận ở Trung tâm',
    });
    expect(fixed.round.review).toBe('draft');
    const again = await core.ok('rounds.submit', { roundId: id });
    // A change of how someone on the list is paid, after submission: the round is stale.
    await core.ok('payout.change', { personId: r.c, method: 'POST_OFFICE', effectiveMonth: '2027-01', note: '' });
    core.as('approver');
    const stale = await core.ok('rounds.get', { roundId: id });
    expect(stale.staleMessage).toContain('Lê Thị Cúc');
    expect((await core.fail('rounds.approve', { roundId: id, confirm: confirmOf(again) })).message).toContain(
      'Cần chọn lại danh sách',
    );
    core.as('officer');
    const fresh = await core.ok('rounds.submit', { roundId: id });
    core.as('approver');
    // A confirmation of other figures (a screen loaded before a change) is refused.
    expect(
      (await core.fail('rounds.approve', { roundId: id, confirm: { lineCount: 2, totalVnd: 1 } })).message,
    ).toContain('không khớp');
    const approved = await core.ok('rounds.approve', { roundId: id, confirm: confirmOf(fresh) });
    expect(approved.round).toMatchObject({
      review: 'approved',
      lineCount: 2,
      totalVnd: 900_000,
      approvedBy: 'Nguyễn Văn Duyệt',
    });
    expect((await lines(id)).find((l) => l.personId === r.c)!.method).toBe('POST_OFFICE');
  });

  it('an approved round never changes: refused by the service and by the database', async () => {
    const r = await seed();
    const d = await core.ok('rounds.create', tet());
    await approve(d.round.id);
    const id = d.round.id;
    for (const [channel, input] of [
      ['rounds.adjust', { roundId: id, kind: 'remove', personId: r.a, reason: 'x' }],
      ['rounds.rebuild', { roundId: id }],
      ['rounds.discard', { roundId: id }],
      ['rounds.submit', { roundId: id }],
    ] as const) {
      expect((await core.fail(channel, input)).message).toContain('phê duyệt');
    }
    const db = core.store!.sqlite;
    expect(() => db.prepare('UPDATE round_lines SET amount_vnd = 1 WHERE round_id = ?').run(id)).toThrow(
      /approved round/,
    );
    expect(() => db.prepare('DELETE FROM round_lines WHERE round_id = ?').run(id)).toThrow(/approved round/);
    expect(() => db.prepare("UPDATE rounds SET name = 'x' WHERE id = ?").run(id)).toThrow(/approved round/);
    expect(() => db.prepare('DELETE FROM rounds WHERE id = ?').run(id)).toThrow(/approved round/);
    expect(() => db.prepare('UPDATE round_rules SET amount_vnd = 1 WHERE round_id = ?').run(id)).toThrow(
      /approved round/,
    );
    expect(() =>
      db
        .prepare(
          "INSERT INTO round_adjustments (round_id, person_id, kind, reason, created_at) VALUES (?, ?, 'remove', 'x', 'now')",
        )
        .run(id, r.a),
    ).toThrow(/approved round/);
    // Approving totals that differ from the lines is refused by the database.
    const other = await core.ok('rounds.create', tet({ basisNumber: '99/QĐ-UBND' }));
    expect(() =>
      db
        .prepare(
          "UPDATE rounds SET status = 'approved', review_state = 'approved', total_vnd = total_vnd + 1 WHERE id = ?",
        )
        .run(other.round.id),
    ).toThrow(/totals differ/);
  });
});

describe('files of an approved round', () => {
  it('the signature list (cash), by neighbourhood, and the bank file (account) reconcile with the round', async () => {
    await seed();
    const d = await core.ok('rounds.create', tet());
    const id = d.round.id;
    expect((await core.fail('rounds.export', { roundId: id, kind: 'signature-pdf' })).message).toContain(
      'chưa được phê duyệt',
    );
    await approve(id);
    core.as('accountant');
    const summary = await core.ok('rounds.summary', { roundId: id });
    expect(summary.signatureList).toEqual({ count: 2, totalVnd: 900_000 });
    expect(summary.bankFile).toEqual({ count: 1, totalVnd: 600_000 });
    expect(summary.banks).toEqual([{ bankCode: 'AGRIBANK', bankName: 'Agribank', count: 1, totalVnd: 600_000 }]);
    expect(summary.signatureList.totalVnd + summary.bankFile.totalVnd + summary.missingAccount.totalVnd).toBe(
      summary.round.totalVnd,
    );

    const list = await core.job('rounds.export', {
      roundId: id,
      kind: 'signature-pdf',
      listsBy: 'ward',
    });
    if (list.destination !== 'download') throw new Error('expected a download');
    expect(list.totalVnd).toBe(900_000);
    const text = pdfText(savePdf(dir, 'ky-nhan.pdf', Buffer.from(list.contentBase64, 'base64')), { layout: true });
    expect(text).toContain('DANH SÁCH KÝ NHẬN');
    expect(text).toContain('Trần Thị Bình');
    expect(text).toContain('Lê Thị Cúc');
    expect(text).not.toContain('Nguyễn Văn An');
    expect(text).toContain('Ký nhận');
    expect(text).toContain('Tổng cộng: 2 người');
    expect(text).toContain('900.000');
    expect(text).toContain('Chín trăm nghìn đồng');
    expect(text).toContain('1234/QĐ-CTN');

    const byArea = await core.job('rounds.export', {
      roundId: id,
      kind: 'signature-pdf',
      listsBy: 'neighbourhood',
    });
    if (byArea.destination !== 'download') throw new Error('expected a download');
    const areaText = pdfText(savePdf(dir, 'ky-nhan-kp.pdf', Buffer.from(byArea.contentBase64, 'base64')), {
      layout: true,
    });
    expect(areaText).toContain('Khu phố/tổ dân phố: Khu phố 1');
    expect(areaText).toContain('Khu phố/tổ dân phố: Khu phố 2');
    expect(areaText.match(/Tổng cộng: 1 người/g)?.length).toBe(2);

    const bank = await core.job('rounds.export', { roundId: id, kind: 'bank-xlsx' });
    if (bank.destination !== 'download') throw new Error('expected a download');
    const csv = xlsxToCsvSheets(Buffer.from(bank.contentBase64, 'base64')).join('\n');
    expect(csv).toContain('0123456789012');
    expect(csv).toContain('NGUYEN VAN AN');
    expect(csv).toContain('QUA TET NGUYEN DAN DINH MUI 2027 CUA CHU TICH NUOC');
    expect(csv).not.toContain('Trần Thị Bình');
    const amounts = csv.split('\n').filter((l) => l.includes('0123456789012'));
    expect(amounts).toHaveLength(1);
    expect(amounts[0]).toMatch(/600000|600,000|600\.000/);
    // list + bank = the round.
    expect(list.totalVnd + bank.totalVnd).toBe(summary.round.totalVnd);

    const sum = await core
      .job('rounds.export', { roundId: id, kind: 'summary-pdf', folder: join(dir, 'usb') })
      .catch((e: Error) => e);
    // The folder must exist: the safe writer refuses a missing drive with a message.
    expect(sum).toBeInstanceOf(Error);
    const audit = core
      .store!.sqlite.prepare("SELECT detail_json FROM audit_log WHERE action = 'round.export' ORDER BY id")
      .pluck()
      .all() as string[];
    expect(audit).toHaveLength(3);
    expect(audit.join()).not.toContain('Trần Thị Bình');
  });

  it('the summary PDF to a folder reconciles the files with the round', async () => {
    await seed();
    const d = await core.ok('rounds.create', tet());
    await approve(d.round.id);
    const { mkdirSync } = await import('node:fs');
    const usb = join(dir, 'usb');
    mkdirSync(usb);
    const out = await core.job('rounds.export', {
      roundId: d.round.id,
      kind: 'summary-pdf',
      folder: usb,
    });
    if (out.destination !== 'folder') throw new Error('expected a folder');
    const text = pdfText(out.files[0]!.path, { layout: true });
    expect(text).toContain('BẢNG TỔNG HỢP ĐỢT CHI');
    expect(text).toContain('Danh sách ký nhận');
    expect(text).toContain('Tệp chuyển khoản Agribank');
    expect(text).toContain('1.500.000');
  });
});

describe('money history', () => {
  it("a round's line is in the person's history; a person in no round has none", async () => {
    const r = await seed();
    const d = await core.ok('rounds.create', tet());
    await approve(d.round.id);
    const rows = await core.ok('rounds.forPerson', { personId: r.a });
    expect(rows).toEqual([
      expect.objectContaining({
        roundId: d.round.id,
        amountVnd: 600_000,
        review: 'approved',
        basisNumber: '1234/QĐ-CTN',
        method: 'OWN_ACCOUNT',
      }),
    ]);
    expect(await core.ok('rounds.forPerson', { personId: r.dead })).toEqual([]);
  });
});
