import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransferFilesResult } from '@shared/api/person-file';
import { formatVnd } from '@shared/domain/money';
import { isMasked } from '@shared/domain/masking';
import { canonicalJson, MAX_TRANSFER_FILE_BYTES, TRANSFER_FORMAT } from '@shared/domain/transfer-file';
import { createHash } from 'node:crypto';
import { submitAndApprove } from '../support/payroll-review';
import { enrollNew, testCore, decision, type TestCore } from '../support/register';
import { tempDir } from '../support/temp';
import { malformedNumbers, pagesWithPhrase, pdfPages, phraseOnOneLine, wordsOutsideMargins } from '../support/pdf';

// A person's file and their transfer between two wards, each a real register (SQLite file) with its own
// core: ward A pays June–August, records the move in September and writes the person file PDF and the
// signed, encrypted transfer file; ward B verifies and imports it (history kept, nothing owed), then pays
// from its own decision only. Tampered, oversized, newer-format and duplicate files change nothing.

let dir: string;
let cleanup: () => void;
let a: TestCore;
let b: TestCore;
let usb: string;
let personA: number;
let monthlyVnd: number;
let encrypted: Extract<TransferFilesResult, { destination: 'folder' }>;
let clear: Extract<TransferFilesResult, { destination: 'folder' }>;

const PASS = 'chuyen-ho-so-2026';
const CITIZEN = '060040012345';
const at = (month: string, d = '15') => `${month}-${d}T09:00:00+07:00`;
const officeA = {
  unitName: 'UBND phường Đức Nghĩa',
  parentBody: '',
  placeName: 'Phan Thiết',
  province: 'Lâm Đồng',
  chairmanName: 'Nguyễn Văn Chủ',
  officerName: 'Trần Thị Hường',
  reportRecipients: [],
};
const officeB = {
  ...officeA,
  unitName: 'UBND phường Phú Thủy',
  chairmanName: 'Lê Văn Tịch',
  officerName: 'Phạm Thị Lan',
};
const pdfText = (buffer: Buffer, name: string) => {
  const path = join(dir, name);
  writeFileSync(path, buffer);
  return execFileSync('pdftotext', ['-raw', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
};
const b64 = (buf: Buffer) => buf.toString('base64');
const countsB = () =>
  Object.fromEntries(
    ['people', 'person_transfers', 'entitlements', 'decisions', 'audit_log'].map((t) => [
      t,
      (b.store!.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n,
    ]),
  );

async function buildApprove(core: TestCore, month: string): Promise<number> {
  core.setNow(at(month));
  const r = await core.job('payroll.build', { month, programmes: ['BTXH'] });
  const id = r.payrolls.find((p) => p.programme === 'BTXH')!.id;
  await submitAndApprove(core, id);
  return id;
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  usb = join(dir, 'usb');
  mkdirSync(usb);
  a = testCore(dir, at('2026-06'), 'a.sqlite');
  b = testCore(dir, at('2026-06'), 'b.sqlite');
  for (const [core, office] of [
    [a, officeA],
    [b, officeB],
  ] as const) {
    core.as('admin');
    await core.ok('settings.saveOffice', office);
    core.as('officer');
  }
  personA = (
    await a.ok(
      'register.enroll',
      enrollNew(
        { fullName: 'Nguyễn Văn Ơn', birthDate: '15/03/1940', gender: 'male', citizenId: CITIZEN },
        'BTXH',
        'BTXH-5C',
        '2026-06',
      ),
    )
  ).personId;
  await a.ok('payout.change', {
    personId: personA,
    method: 'POST_OFFICE',
    effectiveMonth: '07/2026',
    note: 'Nhờ bưu điện',
  });
  for (const month of ['2026-06', '2026-07', '2026-08']) await buildApprove(a, month);
  a.setNow(at('2026-08', '20'));
  await a.ok('payout.change', {
    personId: personA,
    method: 'AUTHORIZED_ACCOUNT',
    effectiveMonth: '09/2026',
    note: '',
    authorization: {
      new: {
        receiver: {
          new: {
            fullName: 'Nguyễn Thị Hoa',
            birthDate: '12/05/1975',
            gender: 'female',
            citizenId: '001175012345',
            idIssueDate: '10/10/2021',
            idIssuePlace: 'Cục Cảnh sát QLHC về TTXH',
            address: 'Khu phố 2',
            phone: '',
          },
        },
        relationship: 'Con gái',
        validFrom: '01/09/2026',
        validTo: '',
        account: {
          new: {
            bankCode: 'AGRIBANK',
            branch: 'Phan Thiết',
            accountNumber: '9704051234567',
            holderName: 'NGUYEN THI HOA',
          },
        },
        scopeNote: '',
      },
    },
  });
  monthlyVnd =
    (a
      .store!.sqlite.prepare('SELECT monthly_vnd FROM register_summary WHERE person_id = ?')
      .pluck()
      .get(personA) as number) || 0;
}, 120_000);
afterAll(() => {
  a?.close();
  b?.close();
  cleanup();
});

describe('transfer out of ward A', () => {
  it('records the move: entitlements stop after the move month with a stop decision, a transfer row; twice is refused; the accountant may not', async () => {
    a.setNow(at('2026-09', '10'));
    a.as('accountant');
    expect(
      await a.fail('personFile.recordTransfer', {
        personId: personA,
        movedDate: '05/09/2026',
        toUnit: 'Phường Phú Thủy',
        decision: { number: '45/QĐ-UBND', signedDate: '06/09/2026', signer: 'Nguyễn Văn Chủ', reason: '' },
      }),
    ).toMatchObject({
      code: 'FORBIDDEN',
    });
    a.as('officer');
    const input = {
      personId: personA,
      movedDate: '05/09/2026',
      toUnit: 'Phường Phú Thủy',
      decision: { number: '45/QĐ-UBND', signedDate: '06/09/2026', signer: 'Nguyễn Văn Chủ', reason: '' },
    };
    const r = await a.ok('personFile.recordTransfer', input);
    expect(r.personId).toBe(personA);
    const db = a.store!.sqlite;
    expect(db.prepare('SELECT moved_away_date FROM people WHERE id = ?').pluck().get(personA)).toBe('2026-09-05');
    expect(db.prepare('SELECT end_month FROM entitlements WHERE person_id = ?').pluck().all(personA)).toEqual([
      '2026-09',
    ]);
    expect(
      db
        .prepare("SELECT number, effective_month, reason FROM decisions WHERE person_id = ? AND kind = 'stop'")
        .get(personA),
    ).toEqual({
      number: '45/QĐ-UBND',
      effective_month: '2026-10',
      reason: 'Chuyển đến Phường Phú Thủy ngày 05/09/2026',
    });
    expect(
      db.prepare("SELECT other_unit, moved_date, decision_number FROM person_transfers WHERE direction = 'out'").get(),
    ).toEqual({ other_unit: 'Phường Phú Thủy', moved_date: '2026-09-05', decision_number: '45/QĐ-UBND' });
    expect(
      db
        .prepare(
          "SELECT COUNT(*) FROM audit_log WHERE action IN ('personFile.transferOut', 'person.moveAway', 'entitlement.stop')",
        )
        .pluck()
        .get(),
    ).toBe(3);
    expect((await a.fail('personFile.recordTransfer', input)).message).toContain(
      'Đã ghi Nguyễn Văn Ơn chuyển đến Phường Phú Thủy ngày 05/09/2026',
    );
  });

  it('writes the person file PDF and the transfer file to the stick, encrypted by default; in clear only when asked (audited)', async () => {
    encrypted = (await a.job('personFile.transferFiles', {
      personId: personA,
      passphrase: PASS,
      folder: usb,
    })) as typeof encrypted;
    expect(encrypted.encrypted).toBe(true);
    expect(encrypted.files.map((f) => f.fileName)).toEqual([
      `ho-so-${CITIZEN}-2026-09-05.pdf.sasbak`,
      `ho-so-${CITIZEN}-2026-09-05.chuyen-ho-so.json.sasbak`,
    ]);
    for (const f of encrypted.files) expect(readFileSync(f.path).subarray(0, 8).toString('latin1')).toBe('SASBAK01');
    expect(
      await a.fail('personFile.transferFiles', { personId: personA, passphrase: 'ngan', folder: usb }),
    ).toMatchObject({ code: 'INVALID_INPUT' });
    const clearDir = join(usb, 'clear');
    mkdirSync(clearDir);
    clear = (await a.job('personFile.transferFiles', {
      personId: personA,
      clear: true,
      folder: clearDir,
    })) as typeof clear;
    expect(clear.files.map((f) => f.fileName)).toEqual([
      `ho-so-${CITIZEN}-2026-09-05.pdf`,
      `ho-so-${CITIZEN}-2026-09-05.chuyen-ho-so.json`,
    ]);
    // The same register key signs every file; the payload differs only by its creation time.
    expect(clear.keyFingerprint).toBe(encrypted.keyFingerprint);
    const actions = a
      .store!.sqlite.prepare(
        "SELECT action FROM audit_log WHERE action IN ('personFile.transferFiles', 'sensitive.exportClear') ORDER BY id",
      )
      .pluck()
      .all();
    expect(actions).toEqual(['personFile.transferFiles', 'personFile.transferFiles', 'sensitive.exportClear']);
  });

  it('the transfer file: versioned envelope, SHA-256 of the canonical payload, the history of ward A', () => {
    const envelope = JSON.parse(readFileSync(clear.files[1]!.path, 'utf8'));
    expect(envelope).toMatchObject({ format: TRANSFER_FORMAT, version: 1, signature: { algorithm: 'Ed25519' } });
    expect(createHash('sha256').update(canonicalJson(envelope.payload)).digest('hex')).toBe(envelope.sha256);
    expect(envelope.sha256).toBe(clear.sha256);
    const p = envelope.payload;
    expect(p.person).toMatchObject({
      fullName: 'Nguyễn Văn Ơn',
      citizenId: CITIZEN,
      birthDate: '1940-03-15',
      birthPrecision: 'day',
      gender: 'male',
    });
    expect(p.from.unitName).toBe('UBND phường Đức Nghĩa');
    expect(p.to.unitName).toBe('Phường Phú Thủy');
    expect(p.entitlements).toHaveLength(1);
    expect(p.entitlements[0]).toMatchObject({ programme: 'BTXH', startMonth: '2026-06', endMonth: '2026-09' });
    expect(p.decisions.map((d: { kind: string; number: string }) => `${d.kind} ${d.number}`)).toEqual([
      'grant 12/QĐ-UBND',
      'stop 45/QĐ-UBND',
    ]);
    expect(p.payoutMethods.map((m: { effectiveFrom: string; method: string }) => m.effectiveFrom)).toEqual([
      '2026-07',
      '2026-09',
    ]);
    expect(p.authorizations).toHaveLength(1);
    expect(p.authorizations[0]).toMatchObject({
      receiverName: 'Nguyễn Thị Hoa',
      relationship: 'Con gái',
      validFrom: '2026-09-01',
    });
    expect(p.money.paidThrough).toBe('2026-09');
    expect(p.money.paidVnd).toBe(3 * monthlyVnd);
    expect(
      p.money.months
        .filter((m: { paidVnd: number }) => m.paidVnd === monthlyVnd)
        .map((m: { serviceMonth: string }) => m.serviceMonth),
    ).toEqual(['2026-06', '2026-07', '2026-08']);
    // The bank account travels masked only (history, not a payout instruction).
    expect(JSON.stringify(p)).not.toContain('9704051234567');
  });

  it('pdftotext reads the person file: name, ID, dates dd/mm/yyyy, amounts 1.234.567, the move and the file stamp', async () => {
    const text = pdfText(readFileSync(clear.files[0]!.path), 'person-file.pdf');
    expect(text).toContain('HỒ SƠ ĐỐI TƯỢNG');
    expect(text).toContain('Đức Nghĩa, ngày 10 tháng 9 năm 2026');
    expect(text).toContain('Họ và tên: Nguyễn Văn Ơn');
    expect(text).toContain('Ngày sinh: 15/03/1940');
    expect(text).toContain(`Số định danh cá nhân: ${CITIZEN}`);
    expect(text).toContain('Ngày chuyển đi: 05/09/2026');
    expect(text).toContain('I. THÔNG TIN CÁ NHÂN');
    expect(text).toContain('V. LỊCH SỬ CHI TRẢ');
    expect(text).toMatch(/12\/QĐ-UBND 01\/06\/2026 Hưởng mới/);
    expect(text).toContain('Nguyễn Thị Hoa');
    expect(text).toContain('Chuyển đến Phường Phú Thủy ngày 05/09/2026, quyết định thôi hưởng số 45/QĐ-UBND');
    expect(monthlyVnd).toBeGreaterThanOrEqual(100_000);
    expect(text).toContain(formatVnd(monthlyVnd));
    expect(formatVnd(monthlyVnd)).toMatch(/^\d{1,3}(\.\d{3})+$/);
    expect(text).toMatch(
      new RegExp(
        `08/2026 .*?${formatVnd(monthlyVnd).replace(/\./g, '\\.')} ${formatVnd(monthlyVnd).replace(/\./g, '\\.')}`,
      ),
    );
    expect(text).toContain(formatVnd(3 * monthlyVnd));
    // The stamp's line may break before the 64-digit hash (where depends on the hash's glyphs): compare as one line.
    expect(text.replace(/\s+/g, ' ')).toContain(`SHA-256 ${clear.sha256}`);
    expect(text).toContain(clear.keyFingerprint);
    expect(text).toContain('TM. ỦY BAN NHÂN DÂN');
    // Decree 30 layout: nothing outside the margins, numbers whole, the heading whole, one signature block.
    const pages = pdfPages(clear.files[0]!.path);
    for (const page of pages) {
      expect(wordsOutsideMargins(page), `page ${page.number}`).toEqual([]);
      expect(malformedNumbers(page.words), `page ${page.number}`).toEqual([]);
    }
    expect(phraseOnOneLine(pages[0]!, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).not.toBeNull();
    expect(pagesWithPhrase(pages, 'TM. ỦY BAN NHÂN DÂN')).toHaveLength(1);

    // Printed from the person's screen: the same file, without the stamp; audited.
    const printed = await a.ok('personFile.pdf', { personId: personA });
    expect(printed.fileName).toBe(`ho-so-doi-tuong-${personA}.pdf`);
    expect(pdfText(Buffer.from(printed.contentBase64, 'base64'), 'printed.pdf')).toContain(
      'III. HÌNH THỨC NHẬN TRỢ CẤP',
    );
    expect(
      a
        .store!.sqlite.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'personFile.pdf' AND person_id = ?")
        .pluck()
        .get(personA),
    ).toBe(1);
  });
});

describe('import into ward B', () => {
  it('refuses tampered, oversized, newer-format, wrongly encrypted and foreign files; nothing changes', async () => {
    b.setNow(at('2026-10', '02'));
    const before = countsB();
    const json = readFileSync(clear.files[1]!.path, 'utf8');
    const envelope = JSON.parse(json);
    const preview = (content: Buffer | string, passphrase = '') =>
      b.fail('personFile.importPreview', { fileName: 'x.json', contentBase64: b64(Buffer.from(content)), passphrase });

    const richer = structuredClone(envelope);
    richer.payload.money.paidVnd += 1;
    expect((await preview(JSON.stringify(richer))).message).toContain('Mã kiểm tra (SHA-256) không khớp');

    // A forger who recomputes the checksum still cannot sign it.
    richer.sha256 = createHash('sha256').update(canonicalJson(richer.payload)).digest('hex');
    expect((await preview(JSON.stringify(richer))).message).toContain('Chữ ký của tệp không hợp lệ');

    const newer = { ...envelope, version: 2 };
    expect((await preview(JSON.stringify(newer))).message).toContain('phiên bản Sổ An Sinh mới hơn (định dạng số 2');

    expect((await preview('{"hello": 1}')).message).toContain('không phải tệp chuyển hồ sơ');
    expect((await preview(Buffer.from([0xff, 0xfe, 0x00]))).message).toContain('không phải tệp chuyển hồ sơ');

    const big = await b.fail('personFile.importPreview', {
      fileName: 'big.json',
      contentBase64: b64(Buffer.alloc(MAX_TRANSFER_FILE_BYTES + 1, 0x20)),
      passphrase: '',
    });
    expect(big.message).toContain('Tệp quá lớn');

    const sealed = readFileSync(encrypted.files[1]!.path);
    expect((await preview(sealed)).message).toContain('được mã hoá: nhập cụm mật khẩu');
    expect((await preview(sealed, 'sai-mat-khau-roi')).message).toContain('Sai cụm mật khẩu');
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 40]! ^= 0x01;
    expect((await preview(flipped, PASS)).message).toContain('Sai cụm mật khẩu, hoặc tệp đã bị sửa đổi');

    expect(countsB()).toEqual(before);
  });

  it('previews the verified file, creates the person with ward A history, owes nothing for months A paid, pays from its own decision', async () => {
    b.setNow(at('2026-10', '02'));
    const sealed = readFileSync(encrypted.files[1]!.path);
    const preview = await b.ok('personFile.importPreview', {
      fileName: 'ho-so.json.sasbak',
      contentBase64: b64(sealed),
      passphrase: PASS,
    });
    expect(preview).toMatchObject({
      encrypted: true,
      schemaVersion: 1,
      sha256: encrypted.sha256,
      keyFingerprint: encrypted.keyFingerprint,
      warnings: [],
    });
    expect(preview.counts).toEqual({ entitlements: 1, decisions: 2, payoutMethods: 2, authorizations: 1, months: 4 });
    expect(preview.payload.person.fullName).toBe('Nguyễn Văn Ơn');
    // Identifiers masked on screen as on the person's page; the commit uses the verified payload held in main.
    expect(isMasked(preview.payload.person.citizenId)).toBe(true);
    const before = countsB();
    expect(before.people).toBe(countsB().people); // the preview wrote nothing

    const r = await b.ok('personFile.importCommit', {
      token: preview.token,
      address: '7 Nguyễn Tất Thành',
      neighbourhood: 'Khu phố 3',
    });
    const db = b.store!.sqlite;
    const id = r.personId;
    expect(
      db.prepare('SELECT full_name, citizen_id, birth_date, address, moved_away_date FROM people WHERE id = ?').get(id),
    ).toEqual({
      full_name: 'Nguyễn Văn Ơn',
      citizen_id: CITIZEN,
      birth_date: '1940-03-15',
      address: '7 Nguyễn Tất Thành',
      moved_away_date: null,
    });
    expect(db.prepare('SELECT COUNT(*) FROM entitlements WHERE person_id = ?').pluck().get(id)).toBe(0);
    const row = db
      .prepare(
        "SELECT other_unit, moved_date, payload_sha256, schema_version FROM person_transfers WHERE person_id = ? AND direction = 'in'",
      )
      .get(id);
    expect(row).toEqual({
      other_unit: 'UBND phường Đức Nghĩa',
      moved_date: '2026-09-05',
      payload_sha256: encrypted.sha256,
      schema_version: 1,
    });
    expect(
      db
        .prepare(
          "SELECT COUNT(*) FROM audit_log WHERE action IN ('person.create', 'personFile.transferIn') AND person_id = ?",
        )
        .pluck()
        .get(id),
    ).toBe(2);
    const views = await b.ok('personFile.transfers', { personId: id });
    expect(views).toMatchObject([{ direction: 'in', otherUnit: 'UBND phường Đức Nghĩa' }]);
    expect(views[0]!.history!.decisions).toHaveLength(2);
    expect(JSON.stringify(views)).not.toContain(CITIZEN);
    // The same token cannot commit twice.
    expect(
      (await b.fail('personFile.importCommit', { token: preview.token, address: '', neighbourhood: '' })).message,
    ).toContain('hết hạn');

    // Nothing is owed in ward B for the months ward A paid.
    const ledger = await b.ok('ledger.person', { personId: id });
    expect(ledger.totals).toMatchObject({ owedVnd: 0, paidVnd: 0, arrearsVnd: 0 });

    // The person file in ward B carries ward A's history, marked as such.
    const text = pdfText(
      Buffer.from((await b.ok('personFile.pdf', { personId: id })).contentBase64, 'base64'),
      'b.pdf',
    );
    expect(text).toContain('Phú Thủy, ngày 02 tháng 10 năm 2026');
    expect(text).toContain('HỒ SƠ CHUYỂN ĐẾN TỪ UBND PHƯỜNG ĐỨC NGHĨA');
    expect(text).toContain('Chuyển đến ngày 05/09/2026');
    expect(text).toContain('các chế độ dưới đây là của nơi cũ');
    expect(text).toContain('12/QĐ-UBND');
    expect(text).toContain('45/QĐ-UBND');
    expect(text).toContain('Nơi cũ chi trả đến hết tháng 09/2026');
    expect(text).toContain(formatVnd(3 * monthlyVnd));
    expect(text).toContain('Nguyễn Thị Hoa (Con gái)');

    // Ward B's own decision from October: its first payroll pays October only.
    b.setNow(at('2026-10'));
    await b.ok('register.enroll', {
      person: { existingId: id },
      programme: 'BTXH',
      groupCode: 'BTXH-5C',
      decision: decision('2026-10', { number: '101/QĐ-UBND' }),
    });
    const built = await b.job('payroll.build', { month: '2026-10', programmes: ['BTXH'] });
    const payrollId = built.payrolls.find((p) => p.programme === 'BTXH')!.id;
    const lines = db
      .prepare('SELECT amount_vnd, period_from, period_to FROM payroll_lines WHERE payroll_id = ? AND person_id = ?')
      .all(payrollId, id) as Array<{ amount_vnd: number }>;
    expect(lines.reduce((s, l) => s + l.amount_vnd, 0)).toBe(monthlyVnd);
  });

  it('refuses the same citizen ID again with a clear message; nothing changes', async () => {
    const before = countsB();
    const e = await b.fail('personFile.importPreview', {
      fileName: 'x.json',
      contentBase64: b64(readFileSync(clear.files[1]!.path)),
      passphrase: '',
    });
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toContain(`Số định danh ${CITIZEN} đã có trong sổ của đơn vị (Nguyễn Văn Ơn)`);
    expect(countsB()).toEqual(before);
  });
});
