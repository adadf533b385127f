import { describe, expect, it } from 'vitest';
import { UNCERTIFIED_REASON } from '@shared/domain/payout';
import { nonCashHistory, payoutHistory, payoutInForce, payoutResolver } from '../../main/services/payout/in-force';
import { verifyAuditChain } from '../../main/services/audit';
import type { PayoutMethodCode } from '@shared/api/register';
import { eachTestCore, enrollNew, type TestCore } from '../support/register';
import type { ChannelInput } from '@shared/api/contract';

// Payout methods, bank accounts and authorizations on real SQLite files: history by month, the holder
// name and account-length rules, shared accounts, receivers, overlap, enrollment, approved payrolls,
// certification by the approver only, expiry and death blocking, the bulk change. Nothing is saved on error.

let core: TestCore;
eachTestCore((fresh) => ({ core } = fresh));

const NOW = '2026-11-15T09:00:00+07:00';
async function enroll(name: string, month = '2026-01', extra: Record<string, string> = {}): Promise<number> {
  core.setNow(`${month}-15T09:00:00+07:00`);
  try {
    return (
      await core.ok(
        'register.enroll',
        enrollNew({ fullName: name, birthDate: '1940', ...extra }, 'BTXH', 'BTXH-5C', month),
      )
    ).personId;
  } finally {
    core.setNow(NOW);
  }
}

const store = () => core.store!;
const count = (table: string) =>
  (store().sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
const TABLES = ['people', 'bank_accounts', 'authorizations', 'payout_methods', 'audit_log'] as const;
const snapshot = () => Object.fromEntries(TABLES.map((t) => [t, count(t)])) as Record<(typeof TABLES)[number], number>;
const methodIn = (personId: number, month: string) => payoutInForce(store(), personId, 'BTXH', month);
/** The approver's certification, recorded directly (the API path is tested in payroll.test.ts and below). */
const certify = (authorizationId: number, date = '2026-11-20') =>
  store()
    .sqlite.prepare("UPDATE authorizations SET certified_date = ?, certified_by = 'Nguyễn Văn Duyệt' WHERE id = ?")
    .run(date, authorizationId);
const summaryMethod = (personId: number) =>
  (
    store().sqlite.prepare('SELECT method FROM register_summary WHERE person_id = ?').get(personId) as {
      method: string | null;
    }
  ).method;

/** A receiver born 1975, female, registered in Hà Nội (001): a valid citizen ID. */
const RECEIVER = {
  fullName: 'Trần Thị Hường',
  birthDate: '12/05/1975',
  gender: 'female' as const,
  citizenId: '001175012345',
  idIssueDate: '10/10/2021',
  idIssuePlace: 'Cục Cảnh sát QLHC về TTXH',
  address: 'Khu phố 2',
  phone: '0912345678',
};

const ownAccount = (holderName: string, accountNumber = '1234567890123', bankCode = 'AGRIBANK') => ({
  new: { bankCode, branch: 'Chi nhánh Phan Thiết', accountNumber, holderName },
});

function authorized(overrides: Record<string, unknown> = {}) {
  return {
    new: {
      receiver: { new: RECEIVER },
      relationship: 'Con gái',
      validFrom: '01/12/2026',
      validTo: '',
      account: ownAccount('TRAN THI HUONG', '9704051234567'),
      scopeNote: '',
      ...overrides,
    },
  };
}

// Built from loose overrides (accounts, authorizations): named as the channel's input here.
const change = (
  personId: number,
  method: PayoutMethodCode,
  effectiveMonth: string,
  extra: Record<string, unknown> = {},
) => ({ personId, method, effectiveMonth, note: '', ...extra }) as ChannelInput<'payout.change'>;

describe('method history by month', () => {
  it('a later change leaves past months unchanged; the summary follows the month in force', async () => {
    const id = await enroll('Nguyễn Văn Ơn');
    expect(methodIn(id, '2026-05').method).toBe('CASH_WARD'); // nothing recorded: cash
    await core.ok('payout.change', change(id, 'POST_OFFICE', '03/2026'));
    await core.ok('payout.change', change(id, 'OWN_ACCOUNT', '2026-09', { account: ownAccount('nguyen van on') }));
    await core.ok('payout.change', change(id, 'CASH_WARD', '2027-01'));
    expect(methodIn(id, '2026-02').method).toBe('CASH_WARD');
    expect(methodIn(id, '2026-03').method).toBe('POST_OFFICE');
    expect(methodIn(id, '2026-08').method).toBe('POST_OFFICE');
    expect(methodIn(id, '2026-09')).toMatchObject({
      method: 'OWN_ACCOUNT',
      accountNumber: '1234567890123',
      holderName: 'nguyen van on',
      bankCode: 'AGRIBANK',
    });
    expect(methodIn(id, '2026-12').method).toBe('OWN_ACCOUNT');
    expect(methodIn(id, '2027-01').method).toBe('CASH_WARD');
    expect(summaryMethod(id)).toBe('OWN_ACCOUNT'); // 11/2026

    const view = await core.ok('payout.get', { personId: id });
    expect(view.inForce).toMatchObject({
      month: '2026-11',
      method: 'OWN_ACCOUNT',
      bankName: 'Agribank',
      accountNumber: '123••••••0123',
    });
    expect(view.history.map((h) => [h.effectiveFrom, h.method])).toEqual([
      ['2027-01', 'CASH_WARD'],
      ['2026-09', 'OWN_ACCOUNT'],
      ['2026-03', 'POST_OFFICE'],
    ]);
    expect(view.accounts[0]!.accountNumber).not.toContain('4567890'); // masked
    expect(verifyAuditChain(store()).ok).toBe(true);
    const audited = store()
      .sqlite.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'payout_method.change' AND person_id = ?")
      .get(id) as { n: number };
    expect(audited.n).toBe(3);
  });

  it('a change in the month of an imported per-programme row replaces it from that month', async () => {
    const id = await enroll('Lê Thị Mai');
    store()
      .sqlite.prepare(
        "INSERT INTO payout_methods (person_id, programme_code, effective_from, method, created_at) VALUES (?, 'BTXH', '2026-01', 'POST_OFFICE', 'x')",
      )
      .run(id);
    await core.ok('payout.change', change(id, 'CASH_WARD', '2026-01'));
    expect(methodIn(id, '2026-01').method).toBe('CASH_WARD');
    const resolver = payoutResolver(store(), '2026-06');
    expect(resolver.resolve(id, 'BTXH').method).toBe('CASH_WARD');
  });

  it('refuses an effective month before enrollment, and for a person not enrolled', async () => {
    const id = await enroll('Nguyễn Văn Ơn', '2026-04');
    const before = snapshot();
    const e = await core.fail('payout.change', change(id, 'POST_OFFICE', '03/2026'));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.issues).toContainEqual({
      path: 'effectiveMonth',
      message: expect.stringContaining('trước tháng bắt đầu hưởng'),
    });
    expect(e.message).toContain('04/2026');
    expect(snapshot()).toEqual(before);
    // A receiver or any person without an entitlement has no payout method.
    const r = store()
      .sqlite.prepare(
        "INSERT INTO people (full_name, given_name, search_key, sort_key, created_at, updated_at) VALUES ('Ai Đó', 'Đó', 'ai do', 'x', 'x', 'x')",
      )
      .run();
    const e2 = await core.fail('payout.change', change(Number(r.lastInsertRowid), 'POST_OFFICE', '2026-06'));
    expect(e2.message).toContain('chưa hưởng chế độ nào');
  });

  it('never rewrites a month already in an approved payroll', async () => {
    const id = await enroll('Nguyễn Văn Ơn');
    store()
      .sqlite.prepare(
        "INSERT INTO payrolls (month, programme_code, status, built_at) VALUES ('2026-10', 'BTXH', 'approved', 'x')",
      )
      .run();
    const before = snapshot();
    for (const month of ['2026-10', '2026-06']) {
      const e = await core.fail('payout.change', change(id, 'POST_OFFICE', month));
      expect(e.code).toBe('CONFLICT');
      expect(e.message).toContain('10/2026 đã có bảng chi trả được phê duyệt');
    }
    expect(snapshot()).toEqual(before);
    await core.ok('payout.change', change(id, 'POST_OFFICE', '2026-11'));
    // Another programme's approved payroll does not lock this person.
    store()
      .sqlite.prepare(
        "INSERT INTO payrolls (month, programme_code, status, built_at) VALUES ('2026-12', 'NCC', 'approved', 'x')",
      )
      .run();
    await core.ok('payout.change', change(id, 'CASH_WARD', '2026-12'));
  });
});

describe('bank accounts', () => {
  it('the holder name must be the beneficiary (accents, case and spaces aside); a mismatch saves nothing', async () => {
    const id = await enroll('Nguyễn Văn Ơn');
    const before = snapshot();
    const e = await core.fail(
      'payout.change',
      change(id, 'OWN_ACCOUNT', '2026-12', { account: ownAccount('NGUYEN VAN AN') }),
    );
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.issues).toContainEqual({
      path: 'account.new.holderName',
      message: expect.stringContaining('không khớp tên người hưởng «Nguyễn Văn Ơn»'),
    });
    expect(snapshot()).toEqual(before);
    await core.ok('payout.change', change(id, 'OWN_ACCOUNT', '2026-12', { account: ownAccount('  NGUYỄN   văn ơn ') }));
  });

  it('account numbers: digits only, the bank length rule (Agribank 13), banks from the list', async () => {
    const id = await enroll('Nguyễn Văn Ơn');
    const before = snapshot();
    const cases: Array<[string, string, string]> = [
      ['AGRIBANK', '123456789012', 'phải có đúng 13 chữ số (đang có 12)'],
      ['AGRIBANK', '12345678901234', 'phải có đúng 13 chữ số (đang có 14)'],
      ['VIETCOMBANK', '12345', 'phải có từ 6 đến 19 chữ số'],
      ['BIDV', '12345678901234567890', 'từ 6 đến 19 chữ số'],
    ];
    for (const [bank, number, message] of cases) {
      const e = await core.fail(
        'payout.change',
        change(id, 'OWN_ACCOUNT', '2026-12', { account: ownAccount('Nguyễn Văn Ơn', number, bank) }),
      );
      expect(e.issues).toContainEqual({ path: 'account.new.accountNumber', message: expect.stringContaining(message) });
    }
    const letters = await core.fail(
      'payout.change',
      change(id, 'OWN_ACCOUNT', '2026-12', { account: ownAccount('Nguyễn Văn Ơn', '12345678901AB') }),
    );
    expect(letters.issues).toContainEqual({
      path: 'account.new.accountNumber',
      message: expect.stringContaining('chỉ gồm chữ số'),
    });
    const unknownBank = await core.fail(
      'payout.change',
      change(id, 'OWN_ACCOUNT', '2026-12', { account: ownAccount('Nguyễn Văn Ơn', '123456789', 'NOBANK') }),
    );
    expect(unknownBank.issues).toContainEqual({
      path: 'account.new.bankCode',
      message: expect.stringContaining('chọn một ngân hàng'),
    });
    expect(snapshot()).toEqual(before);
    // Spaces and dots typed between groups are removed; leading zeros kept (text).
    await core.ok(
      'payout.change',
      change(id, 'OWN_ACCOUNT', '2026-12', { account: ownAccount('Nguyễn Văn Ơn', '0123 4567.8901 2') }),
    );
    expect(methodIn(id, '2026-12').accountNumber).toBe('0123456789012');
  });

  it('the bank list is seeded with NAPAS BINs and can be edited by the administrator only', async () => {
    const banks = await core.ok('banks.list', {});
    expect(banks.map((b) => [b.code, b.napasBin])).toEqual(
      expect.arrayContaining([
        ['AGRIBANK', '970405'],
        ['VIETCOMBANK', '970436'],
        ['VIETINBANK', '970415'],
        ['BIDV', '970418'],
      ]),
    );
    expect(banks.find((b) => b.code === 'AGRIBANK')).toMatchObject({ lengthMin: 13, lengthMax: 13 });
    const bank = {
      code: 'SACOMBANK',
      name: 'Ngân hàng TMCP Sài Gòn Thương Tín (Sacombank)',
      napasBin: '970403',
      lengthMin: 12,
      lengthMax: 12,
      active: true,
      sortOrder: 5,
    };
    expect((await core.fail('banks.save', bank)).code).toBe('FORBIDDEN');
    core.as('admin');
    const after = await core.ok('banks.save', bank);
    expect(after.find((b) => b.code === 'SACOMBANK')).toMatchObject({ napasBin: '970403', lengthMin: 12 });
    expect((await core.fail('banks.save', { ...bank, lengthMin: 14 })).message).toContain('không được lớn hơn');
    expect((await core.fail('banks.save', { ...bank, code: 'OTHER', napasBin: '970405' })).message).toContain(
      'Agribank',
    );
    core.as('officer');
    const id = await enroll('Nguyễn Văn Ơn');
    const e = await core.fail(
      'payout.change',
      change(id, 'OWN_ACCOUNT', '2026-12', { account: ownAccount('Nguyễn Văn Ơn', '1234567890123', 'SACOMBANK') }),
    );
    expect(e.message).toContain('Sacombank phải có đúng 12 chữ số');
  });

  it('the same account for two beneficiaries is a warning, shown on both pages', async () => {
    const a = await enroll('Nguyễn Văn Ơn');
    const b = await enroll('Phạm Thị Lài');
    const first = await core.ok(
      'payout.change',
      change(a, 'AUTHORIZED_ACCOUNT', '2026-12', { authorization: authorized() }),
    );
    expect(first.warnings.some((w) => w.message.includes('cũng đang nhận'))).toBe(false);
    const receiverId = (
      store()
        .sqlite.prepare('SELECT receiver_person_id AS r FROM authorizations WHERE id = ?')
        .get(first.authorizationId) as { r: number }
    ).r;
    const accountId = methodIn(a, '2026-12').bankAccountId!;
    const check = await core.ok(
      'payout.check',
      change(b, 'AUTHORIZED_ACCOUNT', '2026-12', {
        authorization: authorized({ receiver: { existingId: receiverId }, account: { existingId: accountId } }),
      }),
    );
    expect(check.errors).toEqual([]);
    expect(check.warnings.map((w) => w.message).join(' ')).toContain('cũng đang nhận trợ cấp cho Nguyễn Văn Ơn');
    await core.ok(
      'payout.change',
      change(b, 'AUTHORIZED_ACCOUNT', '2026-12', {
        authorization: authorized({ receiver: { existingId: receiverId }, account: { existingId: accountId } }),
      }),
    );
    // From 12/2026 both are paid into it (the pages read the latest method).
    const pageA = await core.ok('payout.get', { personId: a });
    const pageB = await core.ok('payout.get', { personId: b });
    expect(pageA.warnings.map((w) => w.message).join(' ')).toContain('cũng đang nhận trợ cấp cho Phạm Thị Lài');
    expect(pageB.warnings.map((w) => w.message).join(' ')).toContain('cũng đang nhận trợ cấp cho Nguyễn Văn Ơn');
    expect(count('people')).toBe(3); // one receiver, reused
    const receiverPage = await core.ok('payout.get', { personId: receiverId });
    expect(receiverPage.receivesFor.map((a) => a.giverName).sort()).toEqual(['Nguyễn Văn Ơn', 'Phạm Thị Lài']);
    expect(receiverPage.enrolledFrom).toBeNull();
  });
});

describe('authorizations', () => {
  it('records a receiver, the account and a one-year term; the holder must be the receiver', async () => {
    const id = await enroll('Nguyễn Văn Ơn');
    const before = snapshot();
    const wrongHolder = await core.fail(
      'payout.change',
      change(id, 'AUTHORIZED_ACCOUNT', '2026-12', {
        authorization: authorized({ account: ownAccount('Nguyễn Văn Ơn', '9704051234567') }),
      }),
    );
    expect(wrongHolder.issues).toContainEqual({
      path: 'authorization.new.account.new.holderName',
      message: expect.stringContaining('người được ủy quyền «Trần Thị Hường»'),
    });
    expect(snapshot()).toEqual(before);

    const r = await core.ok(
      'payout.change',
      change(id, 'AUTHORIZED_ACCOUNT', '12/2026', { authorization: authorized() }),
    );
    expect(r.warnings.map((w) => w.message).join(' ')).toContain('chứng thực');
    const a = store().sqlite.prepare('SELECT * FROM authorizations WHERE id = ?').get(r.authorizationId) as Record<
      string,
      unknown
    >;
    expect(a).toMatchObject({
      giver_person_id: id,
      relationship: 'Con gái',
      valid_from: '2026-12-01',
      valid_to: '2027-11-30',
      certified_date: null,
    });
    const receiver = store().sqlite.prepare('SELECT * FROM people WHERE id = ?').get(a.receiver_person_id) as Record<
      string,
      unknown
    >;
    expect(receiver).toMatchObject({
      full_name: 'Trần Thị Hường',
      citizen_id: '001175012345',
      id_issue_date: '2021-10-10',
      phone: '0912345678',
    });
    // Not yet certified: registered, but paid in cash with the reason until the approver certifies (issue 14).
    const inForce = methodIn(id, '2026-12');
    expect(inForce).toMatchObject({
      registered: 'AUTHORIZED_ACCOUNT',
      method: 'CASH_WARD',
      fallbackReason: UNCERTIFIED_REASON,
      receiverName: 'Trần Thị Hường',
      authorizationValidTo: '2027-11-30',
      authorizationUncertified: true,
    });
    const view = await core.ok('payout.get', { personId: id });
    expect(view.authorizations[0]).toMatchObject({
      receiverCitizenId: '001•••••2345',
      stateLabel: 'Chưa đến ngày hiệu lực · Chưa chứng thực',
    });
  });

  it('refuses an authorization without the receiver citizen ID (new or existing receiver), saving nothing', async () => {
    const id = await enroll('Nguyễn Văn Ơn');
    const before = snapshot();
    const noId = await core.fail(
      'payout.change',
      change(id, 'AUTHORIZED_ACCOUNT', '2026-12', {
        authorization: authorized({ receiver: { new: { ...RECEIVER, citizenId: '' } } }),
      }),
    );
    expect(noId.code).toBe('INVALID_INPUT');
    expect(noId.issues).toContainEqual({
      path: 'authorization.new.receiver.new.citizenId',
      message: expect.stringContaining('không được để trống'),
    });
    const noIssue = await core.fail(
      'payout.change',
      change(id, 'AUTHORIZED_ACCOUNT', '2026-12', {
        authorization: authorized({ receiver: { new: { ...RECEIVER, idIssueDate: '' } } }),
      }),
    );
    expect(noIssue.issues?.[0]?.path).toBe('authorization.new.receiver.new.idIssueDate');
    const badId = await core.fail(
      'payout.change',
      change(id, 'AUTHORIZED_ACCOUNT', '2026-12', {
        authorization: authorized({ receiver: { new: { ...RECEIVER, citizenId: '00117501234' } } }),
      }),
    );
    expect(badId.issues?.[0]?.path).toBe('authorization.new.receiver.new.citizenId');
    // An existing person without an ID document cannot receive until their record has one.
    const other = await enroll('Lê Văn Tám');
    const existing = await core.fail(
      'payout.change',
      change(id, 'AUTHORIZED_ACCOUNT', '2026-12', {
        authorization: authorized({
          receiver: { existingId: other },
          account: ownAccount('Lê Văn Tám', '9704051234567'),
        }),
      }),
    );
    expect(existing.issues).toContainEqual({
      path: 'authorization.new.receiver.existingId',
      message: expect.stringContaining('chưa có số định danh'),
    });
    expect(snapshot()).toEqual({ ...before, people: before.people + 1, audit_log: before.audit_log + 3 }); // only Lê Văn Tám's enrollment
  });

  it('overlapping authorizations for the same beneficiary are refused; after revoking, a new term is accepted', async () => {
    const id = await enroll('Nguyễn Văn Ơn');
    const first = await core.ok(
      'payout.change',
      change(id, 'AUTHORIZED_ACCOUNT', '2026-12', { authorization: authorized() }),
    );
    const before = snapshot();
    const receiverId = (
      store().sqlite.prepare('SELECT receiver_person_id AS r FROM authorizations').get() as { r: number }
    ).r;
    const again = authorized({
      receiver: { existingId: receiverId },
      validFrom: '01/06/2027',
      validTo: '31/05/2028',
      account: ownAccount('Trần Thị Hường', '9704051234567'),
    });
    const e = await core.fail('payout.change', change(id, 'AUTHORIZED_ACCOUNT', '2027-06', { authorization: again }));
    expect(e.code).toBe('CONFLICT');
    expect(e.issues).toContainEqual({
      path: 'authorization.new.validFrom',
      message: expect.stringContaining('Trùng thời hạn với giấy ủy quyền đang có (từ 01/12/2026 đến 30/11/2027)'),
    });
    expect(snapshot()).toEqual(before);
    // A renewal right after the end is fine; so is a new one after revoking the old.
    await core.ok(
      'payout.change',
      change(id, 'AUTHORIZED_ACCOUNT', '2027-12', {
        authorization: { new: { ...again.new, validFrom: '01/12/2027', validTo: '' } },
      }),
    );
    await core.ok('authorizations.revoke', {
      id: first.authorizationId!,
      revokedDate: '01/03/2027',
      reason: 'Đổi người nhận',
    });
    const e2 = await core.fail(
      'payout.change',
      change(id, 'AUTHORIZED_ACCOUNT', '2027-02', {
        authorization: { new: { ...again.new, validFrom: '15/02/2027', validTo: '30/11/2027' } },
      }),
    );
    expect(e2.message).toContain('đến 28/02/2027');
    await core.ok(
      'payout.change',
      change(id, 'AUTHORIZED_ACCOUNT', '2027-03', {
        authorization: { new: { ...again.new, validFrom: '01/03/2027', validTo: '30/11/2027' } },
      }),
    );
  });

  it('only an approver certifies (an officer is refused FORBIDDEN, audited); the date and officer are recorded', async () => {
    const id = await enroll('Nguyễn Văn Ơn');
    const r = await core.ok(
      'payout.change',
      change(id, 'AUTHORIZED_ACCOUNT', '2026-12', { authorization: authorized({ validFrom: '01/11/2026' }) }),
    );
    const input = {
      id: r.authorizationId!,
      certifiedDate: '14/11/2026',
      certifiedBy: 'Nguyễn Văn Chủ — Chủ tịch UBND phường',
    };
    const refused = await core.fail('authorizations.certify', input);
    expect(refused.code).toBe('FORBIDDEN');
    expect(store().sqlite.prepare('SELECT certified_date FROM authorizations').get()).toEqual({ certified_date: null });
    const denied = store()
      .sqlite.prepare("SELECT user_name, detail_json FROM audit_log WHERE action = 'access.denied'")
      .all() as Array<{ user_name: string; detail_json: string }>;
    expect(denied.map((d) => [d.user_name, JSON.parse(d.detail_json).channel])).toEqual([
      ['canbo', 'authorizations.certify'],
    ]);
    core.as('accountant');
    expect((await core.fail('authorizations.certify', input)).code).toBe('FORBIDDEN');
    core.as('approver');
    expect(
      (await core.fail('authorizations.certify', { ...input, certifiedDate: '16/11/2026' })).issues?.[0]?.path,
    ).toBe('certifiedDate');
    const view = await core.ok('authorizations.certify', input);
    expect(view).toMatchObject({
      certified: true,
      certifiedDate: '2026-11-14',
      state: 'valid',
      stateLabel: 'Còn hiệu lực đến 31/10/2027',
    });
    expect((await core.fail('authorizations.certify', input)).code).toBe('CONFLICT');
    expect((await core.fail('payout.change', change(id, 'CASH_WARD', '2027-01'))).code).toBe('FORBIDDEN'); // approver does not change methods
    expect(methodIn(id, '2026-12').authorizationUncertified).toBe(false);
    const audit = store()
      .sqlite.prepare("SELECT user_name, after_json FROM audit_log WHERE action = 'authorization.certify'")
      .all() as Array<{ user_name: string; after_json: string }>;
    expect(audit).toHaveLength(1);
    expect(audit[0]!.user_name).toBe('pheduyet');
  });

  it('expiry and the giver’s death block payment to the account (cash, with the reason)', async () => {
    const id = await enroll('Nguyễn Văn Ơn');
    const made = await core.ok(
      'payout.change',
      change(id, 'AUTHORIZED_ACCOUNT', '2026-12', { authorization: authorized({ validTo: '15/03/2027' }) }),
    );
    certify(made.authorizationId!);
    expect(methodIn(id, '2027-03')).toMatchObject({ method: 'AUTHORIZED_ACCOUNT', fallbackReason: null });
    expect(methodIn(id, '2027-04')).toMatchObject({
      registered: 'AUTHORIZED_ACCOUNT',
      method: 'CASH_WARD',
      fallbackReason: expect.stringContaining('hết hạn'),
    });
    // The person page says so in that month.
    core.setNow('2027-04-10T09:00:00+07:00');
    const page = await core.ok('payout.get', { personId: id });
    expect(page.inForce).toMatchObject({ method: 'CASH_WARD', registered: 'AUTHORIZED_ACCOUNT' });
    expect(page.warnings.map((w) => w.message).join(' ')).toContain('Giấy ủy quyền đã hết hạn');
    expect(page.authorizations[0]!.stateLabel).toBe('Hết hạn (15/03/2027)');
    core.setNow(NOW);

    const deadId = await enroll('Phạm Thị Lài');
    const dead = await core.ok(
      'payout.change',
      change(deadId, 'AUTHORIZED_ACCOUNT', '2026-12', {
        authorization: authorized({ receiver: { new: { ...RECEIVER, citizenId: '001175099999' } } }),
      }),
    );
    certify(dead.authorizationId!);
    core.setNow('2027-02-10T09:00:00+07:00');
    await core.ok('register.recordDeath', {
      personId: deadId,
      deathDate: '05/02/2027',
      decision: { number: '5/QĐ', signedDate: '08/02/2027', signer: '', reason: '' },
      funeral: { payeeName: 'Trần Thị Hường', multiplier: 20 },
    });
    core.setNow(NOW);
    expect(methodIn(deadId, '2027-01').method).toBe('AUTHORIZED_ACCOUNT');
    expect(methodIn(deadId, '2027-02')).toMatchObject({
      method: 'CASH_WARD',
      fallbackReason: expect.stringContaining('đã chết'),
    });
    // The resolver over the whole register agrees with the per-person answer.
    const all = payoutResolver(store(), '2027-04');
    expect(all.resolve(id, 'BTXH').fallbackReason).toContain('hết hạn');
    expect(all.resolve(deadId, 'BTXH').fallbackReason).toContain('đã chết');
    // The history read once (the campaign trend's) answers every month as the month's own resolver.
    const cashOnly = await enroll('Đỗ Văn Tiền');
    const history = payoutHistory(store(), '2027-05');
    // Its non-cash form reads only the people with a row paying to an account: same answer for everyone.
    const nonCash = nonCashHistory(store(), '2027-05');
    const months = ['2026-01', '2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04', '2027-05'];
    for (const month of months) {
      const resolver = payoutResolver(store(), month);
      for (const person of [id, deadId])
        expect([month, history.methodAt(person, 'BTXH', month)]).toEqual([
          month,
          resolver.resolve(person, 'BTXH').method,
        ]);
      for (const person of [id, deadId, cashOnly]) {
        const method = resolver.resolve(person, 'BTXH').method;
        expect([month, person, nonCash.nonCashAt(person, 'BTXH', month)]).toEqual([
          month,
          person,
          method === 'OWN_ACCOUNT' || method === 'AUTHORIZED_ACCOUNT',
        ]);
      }
    }
    expect([nonCash.mayPayToAccount(id), nonCash.mayPayToAccount(cashOnly)]).toEqual([true, false]);
    expect(months.map((m) => nonCash.nonCashAt(id, 'BTXH', m))).toEqual([
      false,
      false,
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(months.map((m) => history.methodAt(id, 'BTXH', m))).toEqual([
      'CASH_WARD',
      'CASH_WARD',
      'AUTHORIZED_ACCOUNT',
      'AUTHORIZED_ACCOUNT',
      'AUTHORIZED_ACCOUNT',
      'AUTHORIZED_ACCOUNT',
      'CASH_WARD',
      'CASH_WARD',
    ]);
  });

  it('lists authorizations expiring within 30 days, expired while in use, and not yet certified', async () => {
    const soon = await enroll('Nguyễn Văn Ơn');
    const expired = await enroll('Phạm Thị Lài');
    const fine = await enroll('Lê Văn Tám');
    const idFor = (n: string) => ({ new: { ...RECEIVER, citizenId: `0011750${n}` } });
    await core.ok(
      'payout.change',
      change(soon, 'AUTHORIZED_ACCOUNT', '2026-01', {
        authorization: authorized({ receiver: idFor('11111'), validFrom: '01/01/2026', validTo: '10/12/2026' }),
      }),
    );
    await core.ok(
      'payout.change',
      change(expired, 'AUTHORIZED_ACCOUNT', '2026-01', {
        authorization: authorized({ receiver: idFor('22222'), validFrom: '01/01/2026', validTo: '31/10/2026' }),
      }),
    );
    const ok = await core.ok(
      'payout.change',
      change(fine, 'AUTHORIZED_ACCOUNT', '2026-01', {
        authorization: authorized({ receiver: idFor('33333'), validFrom: '01/01/2026', validTo: '31/12/2027' }),
      }),
    );
    core.as('approver');
    await core.ok('authorizations.certify', {
      id: ok.authorizationId!,
      certifiedDate: '05/01/2026',
      certifiedBy: 'Chủ tịch',
    });
    core.as('officer');
    const { rows, today } = await core.ok('authorizations.attention', {});
    expect(today).toBe('2026-11-15');
    const byGiver = Object.fromEntries(rows.map((r) => [r.giverName, r.reasons]));
    expect(byGiver).toEqual({ 'Nguyễn Văn Ơn': ['expiring', 'uncertified'], 'Phạm Thị Lài': ['expired'] });
    expect(rows.find((r) => r.giverName === 'Nguyễn Văn Ơn')!.stateLabel).toBe(
      'Sắp hết hạn (10/12/2026) · Chưa chứng thực',
    );
    expect(rows[0]!.accountNumber).toContain('•');
    expect(rows[0]!.receiverCitizenId).toContain('•');
  });
});

describe('bulk change', () => {
  it('records the same change for the selected people in one transaction with one audit entry', async () => {
    const ids = [await enroll('Nguyễn Văn Ơn'), await enroll('Phạm Thị Lài'), await enroll('Lê Văn Tám')];
    const audits = count('audit_log');
    const r = await core.ok('payout.bulkChange', {
      selection: { personIds: ids },
      method: 'POST_OFFICE',
      effectiveMonth: '12/2026',
      note: '',
    });
    expect(r.count).toBe(3);
    for (const id of ids) {
      expect(methodIn(id, '2026-11').method).toBe('CASH_WARD');
      expect(methodIn(id, '2026-12').method).toBe('POST_OFFICE');
    }
    expect(count('audit_log')).toBe(audits + 1);
    const entry = store()
      .sqlite.prepare("SELECT detail_json FROM audit_log WHERE action = 'payout_method.bulk_change'")
      .get() as { detail_json: string };
    expect(JSON.parse(entry.detail_json)).toMatchObject({ count: 3, method: 'POST_OFFICE', effectiveMonth: '2026-12' });
    expect(summaryMethod(ids[0]!)).toBeNull(); // 11/2026: nothing recorded yet (cash)
    await core.ok('payout.bulkChange', {
      selection: { personIds: ids.slice(0, 2) },
      method: 'POST_OFFICE',
      effectiveMonth: '11/2026',
      note: '',
    });
    expect(ids.map(summaryMethod)).toEqual(['POST_OFFICE', 'POST_OFFICE', null]);
  });

  it('refuses account methods, and refuses everyone when one person cannot take the change', async () => {
    const a = await enroll('Nguyễn Văn Ơn');
    const late = await enroll('Phạm Thị Lài', '2026-12');
    const before = snapshot();
    const account = await core.fail('payout.bulkChange', {
      selection: { personIds: [a] },
      method: 'OWN_ACCOUNT',
      effectiveMonth: '12/2026',
      note: '',
    });
    expect(account.message).toContain('không đổi hàng loạt sang chuyển khoản');
    const mixed = await core.fail('payout.bulkChange', {
      selection: { personIds: [a, late] },
      method: 'POST_OFFICE',
      effectiveMonth: '11/2026',
      note: '',
    });
    expect(mixed.message).toContain('1/2 người');
    expect(mixed.message).toContain('Phạm Thị Lài (12/2026)');
    store()
      .sqlite.prepare(
        "INSERT INTO payrolls (month, programme_code, status, built_at) VALUES ('2026-12', 'BTXH', 'approved', 'x')",
      )
      .run();
    const paid = await core.fail('payout.bulkChange', {
      selection: { personIds: [a, late] },
      method: 'CASH_WARD',
      effectiveMonth: '12/2026',
      note: '',
    });
    expect(paid.code).toBe('CONFLICT');
    expect(paid.message).toContain('2/2 người');
    expect(paid.message).toContain('12/2026 đã có bảng chi trả được phê duyệt');
    expect(snapshot()).toEqual(before);
  });

  it('applies to everyone the register filter matches (a neighbourhood), skipping people not enrolled', async () => {
    const kp1 = [await enroll('Nguyễn Văn Ơn'), await enroll('Phạm Thị Lài')];
    const kp2 = await enroll('Lê Văn Tám', '2026-01', { neighbourhood: 'Khu phố 2' });
    // A receiver living in Khu phố 1 is not a beneficiary: not changed.
    await core.ok('payout.change', change(kp1[0]!, 'AUTHORIZED_ACCOUNT', '2026-12', { authorization: authorized() }));
    store()
      .sqlite.prepare(
        "UPDATE people SET neighbourhood_id = (SELECT id FROM neighbourhoods WHERE name = 'Khu phố 1') WHERE full_name = 'Trần Thị Hường'",
      )
      .run();
    store()
      .sqlite.prepare(
        "INSERT OR REPLACE INTO register_summary (person_id, as_of_month, status) SELECT id, '2026-11', 'none' FROM people WHERE full_name = 'Trần Thị Hường'",
      )
      .run();
    const nb = (
      store().sqlite.prepare("SELECT id FROM neighbourhoods WHERE name = 'Khu phố 1'").get() as { id: number }
    ).id;
    const r = await core.ok('payout.bulkChange', {
      selection: { filter: { text: '', neighbourhoodId: nb } },
      method: 'POST_OFFICE',
      effectiveMonth: '2027-01',
      note: '',
    });
    expect(r.count).toBe(2);
    // The default list is the beneficiaries (issue 14): the receiver is not even matched.
    expect(r.warnings).toEqual([]);
    // Asked for every record, the receiver is matched and skipped, and said so.
    const all = await core.ok('payout.bulkChange', {
      selection: { filter: { text: '', neighbourhoodId: nb, role: 'all' } },
      method: 'POST_OFFICE',
      effectiveMonth: '2027-02',
      note: '',
    });
    expect(all.count).toBe(2);
    expect(all.warnings[0]!.message).toContain('1 người');
    expect(kp1.map((id) => methodIn(id, '2027-01').method)).toEqual(['POST_OFFICE', 'POST_OFFICE']);
    expect(methodIn(kp2, '2027-01').method).toBe('CASH_WARD');
    expect(methodIn(kp1[0]!, '2026-12').registered).toBe('AUTHORIZED_ACCOUNT'); // history kept
  });
});

describe('renewal of authorizations (issue 14)', () => {
  const withReceiver = (citizenId: string, fullName: string, validFrom: string, validTo: string) =>
    authorized({
      receiver: { new: { ...RECEIVER, fullName, citizenId } },
      account: ownAccount(fullName, `97040${citizenId.slice(4)}`),
      validFrom,
      validTo,
    });

  it('renews every expiring or expired-but-used authorization in one transaction: new uncertified terms from the old end, same receiver and account', async () => {
    // A ends within 30 days; B ended in September and is still the method; D ended more than a year ago and is still
    // the method (the old list looked back one year only); C runs to the end of 2027.
    const a = await enroll('Nguyễn Văn An');
    const b = await enroll('Lê Thị Bình');
    const c = await enroll('Phạm Văn Cường');
    const d = await enroll('Võ Thị Dung', '2025-01');
    const auth = async (id: number, month: string, receiver: [string, string], from: string, to: string) =>
      (
        await core.ok(
          'payout.change',
          change(id, 'AUTHORIZED_ACCOUNT', month, { authorization: withReceiver(receiver[0], receiver[1], from, to) }),
        )
      ).authorizationId!;
    const oldA = await auth(a, '2026-01', ['001175011111', 'Trần Thị Một'], '01/01/2026', '05/12/2026');
    const oldB = await auth(b, '2026-01', ['001175022222', 'Trần Thị Hai'], '01/01/2026', '30/09/2026');
    const oldC = await auth(c, '2026-01', ['001175033333', 'Trần Thị Ba'], '01/01/2026', '31/12/2027');
    const oldD = await auth(d, '2025-01', ['001175044444', 'Trần Thị Bốn'], '01/01/2025', '31/08/2025');
    for (const id of [oldA, oldB, oldC, oldD]) certify(id, '2025-01-10');
    expect(methodIn(a, '2026-12')).toMatchObject({ method: 'AUTHORIZED_ACCOUNT', authorizationId: oldA });
    expect(methodIn(a, '2027-01')).toMatchObject({
      method: 'CASH_WARD',
      fallbackReason: expect.stringContaining('hết hạn'),
    });

    const attention = await core.ok('authorizations.attention', {});
    expect(attention.rows.map((r) => [r.id, r.reasons])).toEqual([
      [oldD, ['expired']],
      [oldB, ['expired']],
      [oldA, ['expiring']],
    ]);
    const pendingBefore = (await core.ok('forms.pendingCount', {})).count;
    const audits = () =>
      store()
        .sqlite.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'authorization.renew'")
        .pluck()
        .get() as number;
    const before = { ...snapshot(), renewAudits: audits() };

    const result = await core.ok('authorizations.renew', { expiring: true });
    expect(result.count).toBe(3);
    expect(result.skipped).toEqual([]);
    expect(result.message).toContain('Đã gia hạn 3 giấy ủy quyền');
    const renewals = store()
      .sqlite.prepare('SELECT * FROM authorizations WHERE renews_id IS NOT NULL ORDER BY renews_id')
      .all() as Array<Record<string, unknown>>;
    const old = store().sqlite.prepare('SELECT * FROM authorizations WHERE id = ?');
    expect(renewals.map((r) => [r.renews_id, r.valid_from, r.valid_to, r.certified_date])).toEqual([
      [oldA, '2026-12-06', '2027-12-05', null], // from the day after the old end, one year
      [oldB, '2026-11-01', '2027-10-31', null], // already ended: from this month, not over months already paid
      [oldD, '2026-11-01', '2027-10-31', null],
    ]);
    for (const r of renewals) {
      const o = old.get(r.renews_id) as Record<string, unknown>;
      expect([r.giver_person_id, r.receiver_person_id, r.bank_account_id, r.relationship]).toEqual([
        o.giver_person_id,
        o.receiver_person_id,
        o.bank_account_id,
        o.relationship,
      ]);
    }
    // One transaction, one audit entry; nothing else (no new people, accounts or method rows).
    expect({ ...snapshot(), renewAudits: audits() }).toEqual({
      ...before,
      authorizations: before.authorizations + 3,
      audit_log: before.audit_log + 1,
      renewAudits: 1,
    });
    const entry = JSON.parse(
      store()
        .sqlite.prepare("SELECT detail_json FROM audit_log WHERE action = 'authorization.renew'")
        .pluck()
        .get() as string,
    );
    expect(entry).toMatchObject({ mode: 'expiring', count: 3 });
    // Three new forms wait for certification; the renewed terms leave the expiry list, the new ones wait there.
    expect((await core.ok('forms.pendingCount', {})).count).toBe(pendingBefore + 3);
    const after = await core.ok('authorizations.attention', {});
    expect(after.rows.map((r) => r.id).sort()).toEqual(renewals.map((r) => r.id).sort());
    expect(after.rows.every((r) => r.reasons.includes('uncertified'))).toBe(true);

    // Until certified, the renewed term pays cash with the reason; once certified, the same account.
    const newB = renewals.find((r) => r.renews_id === oldB)!.id as number;
    expect(methodIn(b, '2026-11')).toMatchObject({
      registered: 'AUTHORIZED_ACCOUNT',
      method: 'CASH_WARD',
      authorizationId: newB,
      fallbackReason: UNCERTIFIED_REASON,
    });
    core.as('approver');
    await core.ok('authorizations.certify', { id: newB, certifiedDate: '15/11/2026', certifiedBy: 'Nguyễn Văn Duyệt' });
    core.as('officer');
    expect(methodIn(b, '2026-11')).toMatchObject({
      method: 'AUTHORIZED_ACCOUNT',
      authorizationId: newB,
      accountNumber: '9704075022222',
    });
    expect(methodIn(b, '2026-10').method).toBe('CASH_WARD'); // months before the new term are not re-authorized
    expect((await core.ok('forms.pendingCount', {})).count).toBe(pendingBefore + 2);

    // Nothing left to renew; renewing a renewed term again is refused, and nothing is written.
    expect((await core.fail('authorizations.renew', { expiring: true })).code).toBe('NOT_FOUND');
    const again = snapshot();
    const refused = await core.fail('authorizations.renew', { ids: [oldC, oldA] });
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain('đã được gia hạn');
    expect(snapshot()).toEqual(again);
    // C alone, to a stated date.
    const one = await core.ok('authorizations.renew', { ids: [oldC], validTo: '31/12/2028' });
    expect(one.renewed).toEqual([
      { from: oldC, to: expect.any(Number), validFrom: '2028-01-01', validTo: '2028-12-31' },
    ]);
    expect(verifyAuditChain(store()).ok).toBe(true);
  });

  it('only an officer renews; a date for many is refused', async () => {
    core.as('accountant');
    expect((await core.fail('authorizations.renew', { expiring: true })).code).toBe('FORBIDDEN');
    core.as('officer');
    expect((await core.fail('authorizations.renew', { ids: [1, 2], validTo: '31/12/2028' })).code).toBe(
      'INVALID_INPUT',
    );
  });
});
