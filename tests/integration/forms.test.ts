import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrintedPdf } from '@shared/api/forms';
import { setPdfOpener } from '../../main/documents';
import { pdfFonts, pdfInfo, pdfText, savePdf } from '../support/pdf';
import { enrollNew, testCore, type TestCore } from '../support/register';
import { tempDir } from '../support/temp';

// The printed forms of issue 5 read back by poppler: the authorization form (one, and every pending one
// in one PDF), the change-of-method request; who may print; the audit entry (counts, no data).

const { dir, cleanup } = tempDir('so-an-sinh-forms-');
let core: TestCore;

const OFFICE = {
  unitName: 'UBND phường Đức Nghĩa',
  parentBody: 'UBND tỉnh Lâm Đồng',
  placeName: 'Phan Thiết',
  province: 'Lâm Đồng',
  chairmanName: 'Trương Văn Ánh',
  officerName: 'Trần Thị Hường',
  reportRecipients: [],
};

const GIVER_ID = '060140000123';
const RECEIVER_ID = '060175001234';
let giverId: number;
let receiverId: number;
let authorizationId: number;
let accountId: number;

const sql = () => core.store!.sqlite;
const count = (q: string, ...args: unknown[]) =>
  sql()
    .prepare(q)
    .pluck()
    .get(...args) as number;

function addAuthorization(
  giver: number,
  receiver: number,
  account: number | null,
  from = '2026-11-01',
  to = '2027-10-31',
  certified: string | null = null,
): number {
  return Number(
    sql()
      .prepare(
        `INSERT INTO authorizations (giver_person_id, receiver_person_id, relationship, bank_account_id, valid_from, valid_to, certified_date, created_at)
         VALUES (?, ?, 'Con gái', ?, ?, ?, ?, '2026-11-15T02:00:00Z')`,
      )
      .run(giver, receiver, account, from, to, certified).lastInsertRowid,
  );
}

function pendingInDb(today = '2026-11-15'): number {
  return count(
    `SELECT count(*) FROM authorizations a JOIN people g ON g.id = a.giver_person_id
     WHERE a.certified_date IS NULL AND a.revoked_date IS NULL AND a.valid_to >= ? AND g.death_date IS NULL`,
    today,
  );
}

const save = (name: string, printed: PrintedPdf) => savePdf(dir, name, Buffer.from(printed.contentBase64, 'base64'));

beforeAll(async () => {
  core = testCore(dir);
  core.as('admin');
  await core.ok('settings.saveOffice', OFFICE);
  core.as('officer');
  giverId = (
    await core.ok(
      'register.enroll',
      enrollNew(
        {
          fullName: 'Nguyễn Thị Hường',
          birthDate: '05/03/1940',
          gender: 'female',
          citizenId: GIVER_ID,
          idIssueDate: '12/04/2021',
          idIssuePlace: 'Cục Cảnh sát QLHC về TTXH',
          phone: '0912345678',
          address: 'Số 12 đường Ỷ Lan, khu phố 1',
        },
        'BTXH',
        'BTXH-5C',
        '2026-01',
      ),
    )
  ).personId!;
  receiverId = (
    await core.ok(
      'register.enroll',
      enrollNew(
        {
          fullName: 'Đặng Văn Ơn',
          birthDate: '1975',
          gender: 'male',
          citizenId: RECEIVER_ID,
          idIssueDate: '01/07/2021',
          idIssuePlace: 'Cục Cảnh sát QLHC về TTXH',
          phone: '0987654321',
        },
        'BTXH',
        'BTXH-6C',
        '2026-01',
      ),
    )
  ).personId!;
  accountId = Number(
    sql()
      .prepare(
        `INSERT INTO bank_accounts (owner_person_id, bank_code, branch, account_number, holder_name, created_at) VALUES (?, (SELECT code FROM banks ORDER BY sort_order LIMIT 1), 'Chi nhánh Phan Thiết', '0071000123456', 'ĐẶNG VĂN ƠN', '2026-11-15T02:00:00Z')`,
      )
      .run(receiverId).lastInsertRowid,
  );
  authorizationId = addAuthorization(giverId, receiverId, accountId);
});
afterAll(() => {
  core?.close();
  cleanup();
});

describe('the authorization form (giấy ủy quyền)', () => {
  it('one form: A4, one page, Tinos embedded, both people with their diacritics and IDs, the motto, the certification', async () => {
    const printed = await core.ok('forms.authorization', { authorizationId });
    const path = save('one.pdf', printed);
    expect(printed).toMatchObject({
      fileName: `giay-uy-quyen-${authorizationId}.pdf`,
      pages: 1,
      count: 1,
      opened: false,
    });
    const info = pdfInfo(path);
    expect(info.pages).toBe(1);
    expect(info.pageSizeText).toContain('A4');
    expect([Math.round(info.width), Math.round(info.height)]).toEqual([595, 842]);
    for (const f of pdfFonts(path)) expect(f).toMatchObject({ embedded: true, name: expect.stringMatching(/Tinos/) });

    // Long values wrap: compare with line breaks as spaces.
    const text = pdfText(path).replace(/\s+/g, ' ');
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'GIẤY ỦY QUYỀN',
      'Ủy ban nhân dân phường Đức Nghĩa',
      'Nguyễn Thị Hường',
      'Đặng Văn Ơn',
      GIVER_ID,
      RECEIVER_ID,
      '05/03/1940',
      '12/04/2021',
      'Cục Cảnh sát QLHC về TTXH',
      'Số 12 đường Ỷ Lan, khu phố 1',
      '0912345678',
      '0987654321',
      'Con gái',
      '0071000123456',
      'ĐẶNG VĂN ƠN',
      'Chi nhánh Phan Thiết',
      'Trợ cấp xã hội hằng tháng',
      'số 12/QĐ-UBND',
      'từ ngày 01/11/2026 đến ngày 31/10/2027',
      'NGƯỜI ỦY QUYỀN',
      'NGƯỜI ĐƯỢC ỦY QUYỀN',
      'XÁC NHẬN CỦA ỦY BAN NHÂN DÂN PHƯỜNG ĐỨC NGHĨA',
      'TM. ỦY BAN NHÂN DÂN',
      'CHỦ TỊCH',
      'Trương Văn Ánh',
      'Đức Nghĩa, ngày …… tháng …… năm ……',
    ]) {
      expect(text, s).toContain(s);
    }
    // The amount in force this month, in figures and in words.
    const amount = count(`SELECT monthly_vnd FROM register_summary WHERE person_id = ?`, giverId);
    expect(amount).toBeGreaterThan(0);
    expect(text).toContain(`${amount.toLocaleString('de-DE')} đồng/tháng`);
    expect(text).toMatch(/đồng\/tháng \([A-ZĐ][a-zà-ỹđ ]+ đồng\)/u);
  });

  it('is audited as a print with counts, never the data printed', async () => {
    await core.ok('forms.authorization', { authorizationId });
    const entry = sql()
      .prepare(`SELECT * FROM audit_log WHERE action = 'forms.authorization.print' ORDER BY id DESC LIMIT 1`)
      .get() as Record<string, string | number | null>;
    expect(entry).toMatchObject({ entity: 'authorization', entity_id: String(authorizationId), person_id: giverId });
    expect(JSON.parse(entry.detail_json as string)).toEqual({ forms: 1, pages: 1 });
    const all = JSON.stringify(entry);
    for (const secret of [GIVER_ID, RECEIVER_ID, '0071000123456', 'Hường', 'Ơn']) expect(all).not.toContain(secret);
  });

  it('the officer and the approver may print; the accountant and the admin may not; an unknown id is refused', async () => {
    core.as('approver');
    expect((await core.ok('forms.authorization', { authorizationId })).pages).toBe(1);
    core.as('accountant');
    expect((await core.fail('forms.authorization', { authorizationId })).code).toBe('FORBIDDEN');
    core.as('admin');
    expect((await core.fail('forms.pendingAuthorizations', {})).code).toBe('FORBIDDEN');
    core.as('officer');
    expect((await core.fail('forms.authorization', { authorizationId: 999_999 })).code).toBe('NOT_FOUND');
    expect((await core.fail('forms.authorization', { authorizationId: 'x' })).code).toBe('INVALID_INPUT');
  });

  it('prints blanks to fill by hand where the register has no value (receiver without ID details, no account)', async () => {
    const bare = Number(
      sql()
        .prepare(
          `INSERT INTO people (full_name, given_name, search_key, sort_key, address, created_at, updated_at) VALUES ('Lê Thị Ưng', 'Ưng', 'le thi ung', 'ung le thi', '', '2026-11-15', '2026-11-15')`,
        )
        .run().lastInsertRowid,
    );
    const id = addAuthorization(giverId, bare, null, '2026-11-01', '2027-10-31', '2026-11-10');
    const path = save('bare.pdf', await core.ok('forms.authorization', { authorizationId: id }));
    const text = pdfText(path);
    expect(text).toContain('Lê Thị Ưng');
    expect(text).toMatch(/Số tài khoản: …+ /);
    expect(text).toContain('bằng tiền mặt tại điểm chi trả');
    // A certified authorization prints the certification date.
    expect(text).toContain('Đức Nghĩa, ngày 10 tháng 11 năm 2026');
    expect(pdfInfo(path).pages).toBe(1);
  });
});

describe('every pending authorization in one PDF', () => {
  it('imports the sample register, then prints one page per pending form, in the givers’ name order', async () => {
    core.as('officer');
    const sample = readFileSync(join(__dirname, '..', 'fixtures', 'so-doi-tuong-phuong-mau.xlsx'));
    const a = await core.ok('import.analyze', {
      fileName: 'so-doi-tuong.xlsx',
      contentBase64: sample.toString('base64'),
    });
    await core.job('import.commit', {
      token: a.token,
      config: { ...a.config, authorizationTerm: { kind: 'default' } },
    });
    // The sample describes October 2024 (its authorizations run one year from then): print in November 2024.
    core.setNow('2024-11-15T09:00:00+07:00');
    // Some not pending: certified, revoked, expired, giver deceased.
    const ids = sql().prepare('SELECT id FROM authorizations ORDER BY id').pluck().all() as number[];
    expect(ids.length).toBeGreaterThan(5);
    sql().prepare(`UPDATE authorizations SET certified_date = '2026-11-01' WHERE id = ?`).run(ids[1]);
    sql().prepare(`UPDATE authorizations SET revoked_date = '2026-11-02' WHERE id = ?`).run(ids[2]);
    sql()
      .prepare(`UPDATE authorizations SET valid_from = '2023-10-01', valid_to = '2024-09-30' WHERE id = ?`)
      .run(ids[3]);
    sql()
      .prepare(
        `UPDATE people SET death_date = '2024-10-20' WHERE id = (SELECT giver_person_id FROM authorizations WHERE id = ?)`,
      )
      .run(ids[4]);
    const pending = pendingInDb('2024-11-15');
    expect(pending).toBeGreaterThan(3);

    expect(await core.ok('forms.pendingCount', {})).toEqual({ count: pending });
    const printed = await core.job('forms.pendingAuthorizations', {});
    const path = save('pending.pdf', printed);
    expect(printed).toMatchObject({
      count: pending,
      pages: pending,
      opened: false,
      fileName: 'giay-uy-quyen-cho-chung-thuc-2024-11-15.pdf',
    });
    expect(pdfInfo(path).pages).toBe(pending);
    // Each page is a whole form: the motto at the top, the ward's certification at the bottom.
    const pages = pdfText(path)
      .split('\f')
      .filter((p) => p.trim())
      .map((p) => p.replace(/\s+/g, ' '));
    expect(pages).toHaveLength(pending);
    for (const page of pages) {
      expect(page.trimStart().startsWith('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toBe(true);
      expect(page).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(page).toContain('XÁC NHẬN CỦA ỦY BAN NHÂN DÂN PHƯỜNG ĐỨC NGHĨA');
    }
    // The givers' names, in the offices' order (sort_key), each on its own page.
    const givers = sql()
      .prepare(
        `SELECT g.full_name FROM authorizations a JOIN people g ON g.id = a.giver_person_id
         WHERE a.certified_date IS NULL AND a.revoked_date IS NULL AND a.valid_to >= '2024-11-15' AND g.death_date IS NULL ORDER BY g.sort_key, a.id`,
      )
      .pluck()
      .all() as string[];
    givers.forEach((name, i) => expect(pages[i], name).toContain(name));
    // The import records "Sổ theo dõi cũ" where the old register had no decision number: that is no number,
    // so the form leaves the number blank to be filled by hand (issue 15).
    expect(
      sql().prepare(`SELECT count(*) FROM decisions WHERE number = 'Sổ theo dõi cũ'`).pluck().get(),
    ).toBeGreaterThan(0);
    for (const page of pages) expect(page).not.toContain('Sổ theo dõi cũ');
    expect(pages.some((p) => p.includes('theo Quyết định: ……'))).toBe(true);

    const entry = sql()
      .prepare(
        `SELECT detail_json FROM audit_log WHERE action = 'forms.authorization.printPending' ORDER BY id DESC LIMIT 1`,
      )
      .pluck()
      .get() as string;
    expect(JSON.parse(entry)).toEqual({ forms: pending, pages: pending });
  });

  it('with nothing pending says so and starts no job', async () => {
    sql().prepare(`UPDATE authorizations SET certified_date = '2026-11-05' WHERE certified_date IS NULL`).run();
    expect(await core.ok('forms.pendingCount', {})).toEqual({ count: 0 });
    const error = await core.fail('forms.pendingAuthorizations', {});
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'Không có giấy ủy quyền nào đang chờ chứng thực.' });
    core.setNow('2026-11-15T09:00:00+07:00');
  });
});

describe('the change-of-method request (đơn đề nghị thay đổi hình thức nhận trợ cấp)', () => {
  it('filled from the register, with the method asked for and its account', async () => {
    const printed = await core.ok('forms.changeRequest', {
      personId: giverId,
      method: 'AUTHORIZED_ACCOUNT',
      bankAccountId: accountId,
      fromMonth: '12/2026',
    });
    expect(printed).toMatchObject({ pages: 1, count: 1, fileName: `don-doi-hinh-thuc-nhan-${giverId}.pdf` });
    const path = save('change.pdf', printed);
    expect(pdfInfo(path)).toMatchObject({ pages: 1 });
    const text = pdfText(path);
    for (const s of [
      'ĐƠN ĐỀ NGHỊ',
      'Thay đổi hình thức nhận trợ cấp hằng tháng',
      'Kính gửi: Ủy ban nhân dân phường Đức Nghĩa',
      'Độc lập - Tự do - Hạnh phúc',
      'Nguyễn Thị Hường',
      GIVER_ID,
      'Tiền mặt tại UBND',
      'Chuyển khoản vào tài khoản người được ủy quyền',
      '0071000123456',
      'ĐẶNG VĂN ƠN',
      'Kể từ tháng: 12/2026',
      'NGƯỜI LÀM ĐƠN',
      'Trần Thị Hường',
    ]) {
      expect(text, s).toContain(s);
    }
    expect(text).toContain('Hình thức nhận hiện nay: Tiền mặt tại UBND');
    const entry = sql()
      .prepare(
        `SELECT entity, entity_id, detail_json FROM audit_log WHERE action = 'forms.changeRequest.print' ORDER BY id DESC LIMIT 1`,
      )
      .get() as Record<string, string>;
    expect(entry).toMatchObject({ entity: 'person', entity_id: String(giverId) });
    expect(JSON.parse(entry.detail_json!)).toEqual({ forms: 1, pages: 1 });
  });

  it('without a requested method leaves every box to tick, and the account to write', async () => {
    const path = save('change-blank.pdf', await core.ok('forms.changeRequest', { personId: receiverId }));
    const text = pdfText(path);
    expect(text).toContain('Đặng Văn Ơn');
    expect(text).toMatch(/Số tài khoản: …+ /);
    expect(text).toContain('Kể từ tháng: ……/……');
  });

  it('refuses an unknown person or account, naming the field', async () => {
    expect((await core.fail('forms.changeRequest', { personId: 999_999 })).code).toBe('NOT_FOUND');
    const error = await core.fail('forms.changeRequest', { personId: giverId, bankAccountId: 999_999 });
    expect(error.issues?.[0]?.path).toBe('bankAccountId');
    expect((await core.fail('forms.changeRequest', { personId: giverId, method: 'CHEQUE' })).code).toBe(
      'INVALID_INPUT',
    );
  });
});

describe('in the desktop app the PDF opens in the system viewer', () => {
  it('is written whole (temp name, then renamed) into the printouts folder and opened; nothing travels back', async () => {
    const opened: string[] = [];
    const printouts = join(dir, 'ban-in');
    // A printout from two days ago (it holds personal data) goes when the next one is written; yesterday's evening stays.
    mkdirSync(printouts, { recursive: true });
    const old = join(printouts, 'giay-uy-quyen-old.pdf');
    const recent = join(printouts, 'giay-uy-quyen-recent.pdf');
    writeFileSync(old, '%PDF-old');
    writeFileSync(recent, '%PDF-recent');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    utimesSync(old, twoDaysAgo, twoDaysAgo);
    setPdfOpener({ dir: printouts, open: async (path) => (opened.push(path), '') });
    try {
      const printed = await core.ok('forms.authorization', { authorizationId });
      expect(printed).toMatchObject({ opened: true, contentBase64: '', pages: 1 });
      expect(opened).toHaveLength(1);
      expect(opened[0]).toMatch(new RegExp(`ban-in/giay-uy-quyen-${authorizationId}-\\d{8}T\\d{6}-[0-9a-f]{4}\\.pdf$`));
      expect(pdfText(opened[0]!)).toContain('Đặng Văn Ơn');
      expect(existsSync(old)).toBe(false);
      expect(existsSync(recent)).toBe(true);
      expect(readdirSync(printouts).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      // No viewer for PDFs: the file comes back to be downloaded instead.
      setPdfOpener({
        dir: join(dir, 'ban-in'),
        open: async () => 'No application is associated with the specified file',
      });
      const fallback = await core.ok('forms.authorization', { authorizationId });
      expect(fallback.opened).toBe(false);
      expect(Buffer.from(fallback.contentBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      setPdfOpener(undefined);
    }
  });
});
