import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeAmounts, loadReference, loadStates } from '../../main/services/register/amounts';
import type { EnrollInput, WriteResult } from '@shared/api/register';
import { OVERLAP_REASON } from '@shared/domain/allowance';
import { tempDir } from '../support/temp';
import { decision, enrollNew, testCore, type TestCore } from '../support/register';
import type { ProgrammeCode } from '@shared/api/register';

// What the register owes for a month, over the real core: age-limited groups end by themselves, care
// support follows the cared person, the highest-amount rule holds for a back-dated second group, and
// decisions the rules forbid are refused (issue 11, the register's part).

let cleanup: () => void;
let core: TestCore;
beforeEach(() => {
  const temp = tempDir();
  cleanup = temp.cleanup;
  core = testCore(temp.dir);
});
afterEach(() => {
  core.close();
  cleanup();
});

const NOW = '2026-11-15T09:00:00+07:00';
/** Enrolls as if entered in its effective month (no arrears), then returns to "now" (11/2026). */
async function enroll(...args: Parameters<typeof enrollNew>): Promise<WriteResult> {
  core.setNow(`${args[3]}-15T09:00:00+07:00`);
  try {
    return await core.ok('register.enroll', enrollNew(...args));
  } finally {
    core.setNow(NOW);
  }
}
/** Each entitlement of a person in a month: group applied, amount owed, note. */
function owed(month: string, personId: number) {
  const store = core.store!;
  return computeAmounts(loadReference(store), loadStates(store, month, [personId]), month).map((a) => ({
    group: a.groupCode,
    amount: a.amountVnd,
    note: a.note,
    stop: a.stop,
  }));
}
const total = (month: string, personId: number) => owed(month, personId).reduce((s, a) => s + a.amount, 0);
const lineOf = (payrollId: number, personId: number) =>
  core
    .store!.sqlite.prepare('SELECT amount_vnd FROM payroll_lines WHERE payroll_id = ? AND person_id = ?')
    .all(payrollId, personId) as Array<{ amount_vnd: number }>;
async function buildBtxh(month: string, programme: ProgrammeCode = 'BTXH'): Promise<number> {
  core.setNow(`${month}-20T09:00:00+07:00`);
  try {
    const r = await core.job('payroll.build', { month, programmes: [programme] });
    return r.payrolls.find((p) => p.programme === programme)!.id;
  } finally {
    core.setNow(NOW);
  }
}
const death = (personId: number, date: string) =>
  core.ok('register.recordDeath', {
    personId,
    deathDate: date,
    decision: { number: '9/QĐ', signedDate: '10/11/2026', signer: '', reason: '' },
    funeral: { payeeName: 'Người nhà', multiplier: 20 },
  });

describe('age-limited groups end by themselves', () => {
  it('BTXH-7 (under 3): owed to the 3rd-birthday month, nothing from the month after; listed the month before; not on the payroll', async () => {
    const child = await enroll(
      { fullName: 'Hà Thị Mây', birthDate: '10/05/2023', gender: 'female' },
      'BTXH',
      'BTXH-7',
      '2025-01',
    );
    const elder = await enroll({ fullName: 'Hà Văn Cụ', birthDate: '1930' }, 'BTXH', 'BTXH-5C', '2025-01');
    expect(owed('2026-05', child.personId)).toEqual([{ group: 'BTXH-7', amount: 750_000, note: '', stop: null }]);
    expect(owed('2026-06', child.personId)).toEqual([
      {
        group: 'BTXH-7',
        amount: 0,
        note: expect.stringContaining('3 tuổi: ngoài độ tuổi của nhóm BTXH-7'),
        stop: 'age',
      },
    ]);
    expect(total('2027-06', child.personId)).toBe(0);
    // In 11/2026 the child no longer receives anything: the register shows her as stopped.
    const detail = await core.ok('people.get', { id: child.personId });
    expect([detail.status, detail.monthlyVnd]).toEqual(['stopped', 0]);

    const { rows } = await core.ok('register.changesNextMonth', { month: '2026-05' });
    expect(rows).toEqual([
      expect.objectContaining({
        personId: child.personId,
        kind: 'age_limit',
        amountBefore: 750_000,
        amountAfter: 0,
        note: expect.stringContaining('thôi hưởng từ tháng 06/2026'),
      }),
    ]);

    expect(lineOf(await buildBtxh('2026-05'), child.personId)).toEqual([{ amount_vnd: 750_000 }]);
    const june = await buildBtxh('2026-06');
    expect(lineOf(june, child.personId)).toEqual([]);
    expect(lineOf(june, elder.personId)).toEqual([{ amount_vnd: 500_000 }]);
  });

  it('a clause-1 child is owed to the 16th-birthday month; studying (BTXH-2) is a new decision from 16 to 22', async () => {
    const child = await enroll({ fullName: 'Đỗ Văn Tài', birthDate: '20/08/2010' }, 'BTXH', 'BTXH-1B', '2025-01');
    expect(total('2026-08', child.personId)).toBe(750_000);
    expect(owed('2026-09', child.personId)[0]).toMatchObject({ group: 'BTXH-1B', amount: 0, stop: 'age' });
    // A BTXH-2 grant before 16 is refused; from the 16th-birthday month it is accepted.
    core.setNow('2026-07-15T09:00:00+07:00');
    const early = await core.fail('register.enroll', {
      ...enrollNew({}, 'BTXH', 'BTXH-2', '2026-07'),
      person: { existingId: child.personId },
    });
    expect(early).toMatchObject({
      code: 'INVALID_INPUT',
      issues: [{ path: 'groupCode', message: expect.stringContaining('khoản 2 Điều 5 Nghị định 20/2021/NĐ-CP') }],
    });
    core.setNow('2026-08-15T09:00:00+07:00');
    await core.ok('register.enroll', {
      ...enrollNew({}, 'BTXH', 'BTXH-2', '2026-08'),
      person: { existingId: child.personId },
    });
    core.setNow(NOW);
    // Both in force in 08/2026: only the higher (equal: the older entitlement) is owed; then BTXH-2 alone.
    expect(total('2026-08', child.personId)).toBe(750_000);
    expect(owed('2026-09', child.personId).map((a) => [a.group, a.amount])).toEqual([
      ['BTXH-1B', 0],
      ['BTXH-2', 750_000],
    ]);
  });
});

describe('care support follows the cared person', () => {
  it("a foster child: 2.5 under 4, 1.5 from the 4th-birthday month; nothing after the month of the child's death", async () => {
    const child = await enroll({ fullName: 'Lò Văn Pín', birthDate: '02/03/2022' }, 'BTXH', 'BTXH-1A', '2025-01');
    const carer = await enroll(
      { fullName: 'Lò Thị Sen', birthDate: '1980', gender: 'female' },
      'BTXH_CARE',
      'CS-4',
      '2025-01',
      { caredPersonId: child.personId },
    );
    const household = await enroll({ fullName: 'Lò Văn Nhà', birthDate: '1970' }, 'BTXH_CARE', 'CS-1', '2025-01');
    expect(owed('2026-02', carer.personId)).toEqual([{ group: 'CS-4', amount: 1_250_000, note: '', stop: null }]);
    expect(owed('2026-03', carer.personId)).toEqual([{ group: 'CS-5', amount: 750_000, note: '', stop: null }]);
    expect(owed('2026-03', child.personId)[0]).toMatchObject({ group: 'BTXH-1B', amount: 750_000 });

    // The death is recorded late (in November, for June): the caregiver is owed June, nothing after.
    const recorded = await death(child.personId, '10/06/2026');
    expect(recorded.warnings.map((w) => w.message)).toContain(
      'Hỗ trợ kinh phí chăm sóc cho người này (Lò Thị Sen nhận) thôi từ tháng 07/2026.',
    );
    expect(total('2026-06', carer.personId)).toBe(750_000);
    expect(owed('2026-07', carer.personId)).toEqual([
      {
        group: 'CS-4',
        amount: 0,
        note: 'Người được chăm sóc đã từ trần ngày 10/06/2026: thôi hỗ trợ từ tháng 07/2026.',
        stop: 'cared',
      },
    ]);
    expect(total('2026-11', carer.personId)).toBe(0);
    expect((await core.ok('people.get', { id: carer.personId })).monthlyVnd).toBe(0);
    const november = await buildBtxh('2026-11', 'BTXH_CARE');
    expect(lineOf(november, carer.personId)).toEqual([]);
    expect(lineOf(november, household.personId)).toEqual([{ amount_vnd: 500_000 }]);
  });

  it('stops after the cared person moves away, and while their own allowance is suspended', async () => {
    const cared = await enroll({ fullName: 'Mai Văn Hậu', birthDate: '1990' }, 'BTXH', 'BTXH-6A', '2025-01');
    const carer = await enroll(
      { fullName: 'Mai Thị Tình', birthDate: '1965', gender: 'female' },
      'BTXH_CARE',
      'CS-2',
      '2025-01',
      { caredPersonId: cared.personId },
    );
    expect(total('2026-01', carer.personId)).toBe(750_000);

    // Suspended 03/2026, resumed 05/2026: the caregiver is owed nothing for 03–04.
    core.setNow('2026-03-15T09:00:00+07:00');
    await core.ok('register.decide', {
      entitlementId: cared.entitlementId!,
      kind: 'suspend',
      decision: decision('2026-03'),
    });
    core.setNow('2026-05-15T09:00:00+07:00');
    await core.ok('register.decide', {
      entitlementId: cared.entitlementId!,
      kind: 'resume',
      decision: decision('2026-05'),
    });
    core.setNow(NOW);
    expect(['2026-02', '2026-03', '2026-04', '2026-05'].map((m) => total(m, carer.personId))).toEqual([
      750_000, 0, 0, 750_000,
    ]);
    expect(owed('2026-03', carer.personId)[0]!.stop).toBe('cared');

    const moved = await core.ok('register.moveAway', {
      personId: cared.personId,
      movedDate: '15/08/2026',
      decision: { number: '5/QĐ', signedDate: '01/11/2026', signer: '', reason: '' },
    });
    expect(moved.warnings.map((w) => w.message).join(' ')).toContain('thôi từ tháng 09/2026');
    expect(total('2026-08', carer.personId)).toBe(750_000);
    expect(owed('2026-09', carer.personId)[0]).toMatchObject({
      amount: 0,
      stop: 'cared',
      note: expect.stringContaining('đã chuyển đi ngày 15/08/2026'),
    });
  });

  it('a parent raising a child under 36 months: ends after the month the child reaches 36 months', async () => {
    const baby = await enroll({ fullName: 'Vi Văn Nhỏ', birthDate: '30/11/2023' }, 'BTXH', 'BTXH-7', '2025-01');
    const mother = await enroll(
      { fullName: 'Vi Thị Mẹ', birthDate: '1995', gender: 'female' },
      'BTXH_CARE',
      'CS-6',
      '2025-01',
      { caredPersonId: baby.personId },
    );
    expect(total('2026-11', mother.personId)).toBe(750_000);
    expect(owed('2026-12', mother.personId)[0]).toMatchObject({ amount: 0, stop: 'age' });
    const { rows } = await core.ok('register.changesNextMonth', {});
    expect(
      rows
        .filter((r) => r.kind === 'age_limit')
        .map((r) => r.personId)
        .sort(),
    ).toEqual([baby.personId, mother.personId].sort());
  });

  it('refuses care support without the cared person when the group depends on their age, or for someone who has died', async () => {
    const refused = await core.fail(
      'register.enroll',
      enrollNew({ fullName: 'Lê Thị Nuôi', birthDate: '1980', gender: 'female' }, 'BTXH_CARE', 'CS-4', '2026-11'),
    );
    expect(refused.issues).toEqual([
      { path: 'caredPersonId', message: expect.stringContaining('chọn người được chăm sóc') },
    ]);
    const adult = await enroll({ fullName: 'Phí Văn Lớn', birthDate: '1990' }, 'BTXH', 'BTXH-6A', '2025-01');
    // Taking in a disabled child (CS-3) becomes the adult rate (CS-2) by age; a clause-1 child's foster care does not fit an adult.
    const adultRate = owed('2026-11', adult.personId);
    expect(adultRate).toHaveLength(1);
    const tooOld = await core.fail(
      'register.enroll',
      enrollNew({ fullName: 'Lê Thị Nuôi', birthDate: '1980', gender: 'female' }, 'BTXH_CARE', 'CS-4', '2026-11', {
        caredPersonId: adult.personId,
      }),
    );
    expect(tooOld.issues![0]).toMatchObject({
      path: 'groupCode',
      message: expect.stringContaining('Điều 20 Nghị định 20/2021/NĐ-CP'),
    });
    await death(adult.personId, '01/10/2026');
    const dead = await core.fail(
      'register.enroll',
      enrollNew({ fullName: 'Lê Thị Nuôi', birthDate: '1980', gender: 'female' }, 'BTXH_CARE', 'CS-2', '2026-11', {
        caredPersonId: adult.personId,
      }),
    );
    expect(dead.issues![0]).toMatchObject({ path: 'caredPersonId', message: expect.stringContaining('đã từ trần') });
  });
});

describe('highest-amount rule, month by month', () => {
  it('a second group added back-dated: for the months both are in force only the higher is owed', async () => {
    const elder = await enroll({ fullName: 'Tăng Văn Thọ', birthDate: '1940' }, 'BTXH', 'BTXH-5C', '2025-01');
    // Entered in 11/2026, in force from 03/2026: especially severe disability, elderly (2.5).
    const second = await core.ok('register.enroll', {
      ...enrollNew({}, 'BTXH', 'BTXH-6B', '2026-03'),
      person: { existingId: elder.personId },
    });
    expect(owed('2026-02', elder.personId).map((a) => a.amount)).toEqual([500_000]);
    for (const m of ['2026-03', '2026-07', '2026-11']) {
      expect(owed(m, elder.personId)).toEqual([
        { group: 'BTXH-5C', amount: 0, note: OVERLAP_REASON, stop: null },
        { group: 'BTXH-6B', amount: 1_250_000, note: '', stop: null },
      ]);
    }
    expect(second.entitlementId).toBeGreaterThan(elder.entitlementId!);
  });

  it('the poor-single-parent exception stays: clause 4 and clause 6 both owed, back-dated too', async () => {
    const parent = await enroll(
      { fullName: 'Chu Thị Nuôi', birthDate: '1985', gender: 'female' },
      'BTXH',
      'BTXH-4',
      '2025-01',
      { multiplier: 2 },
    );
    await core.ok('register.enroll', {
      ...enrollNew({}, 'BTXH', 'BTXH-6C', '2026-02'),
      person: { existingId: parent.personId },
    });
    expect(total('2026-01', parent.personId)).toBe(1_000_000);
    expect(total('2026-02', parent.personId)).toBe(1_750_000);
  });
});

describe('eligibility checked at the decision', () => {
  const VERIFIED = 'Giấy xác nhận của BHXH quận: không hưởng lương hưu, trợ cấp BHXH hằng tháng';
  const pension = (birthDate: string, extra: Partial<EnrollInput['decision']> = {}) => ({
    ...enrollNew({ fullName: 'Kha Văn Lão', birthDate }, 'HTXH', 'HTXH-1', '2026-11'),
    decision: { ...decision('2026-11'), eligibilityReason: VERIFIED, ...extra },
  });

  it('social pension: "no pension above the level" is not in the register: refused without the officer\'s recorded verification, nothing written; with it, stored and shown', async () => {
    const people = () => core.store!.sqlite.prepare('SELECT COUNT(*) AS n FROM people').get();
    const before = people();
    const refused = await core.fail('register.enroll', pension('10/11/1940', { eligibilityReason: '' }));
    expect(refused).toMatchObject({
      code: 'INVALID_INPUT',
      issues: [
        {
          path: 'decision.eligibilityReason',
          message: expect.stringContaining('không hưởng lương hưu, trợ cấp bảo hiểm xã hội hằng tháng'),
        },
      ],
    });
    expect(people()).toEqual(before);
    const ok = await core.ok('register.enroll', pension('10/11/1940'));
    expect(ok.warnings.map((w) => w.message)).toContain(`Quyết định dựa trên căn cứ cán bộ ghi nhận: ${VERIFIED}`);
    const detail = await core.ok('people.get', { id: ok.personId });
    expect(detail.decisions[0]!.eligibilityReason).toBe(VERIFIED);
  });

  it('social pension: refused at 55 naming the rule, nothing written; accepted at 75', async () => {
    const people = () => core.store!.sqlite.prepare('SELECT COUNT(*) AS n FROM people').get();
    const before = people();
    const refused = await core.fail('register.enroll', pension('01/01/1971'));
    expect(refused).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('Chưa đủ tuổi hưởng trợ cấp hưu trí xã hội: 55 tuổi tại tháng 11/2026'),
      issues: [
        { path: 'decision.effectiveMonth', message: expect.stringContaining('Điều 21 Luật Bảo hiểm xã hội 2024') },
      ],
    });
    expect(people()).toEqual(before);
    const ok = await core.ok('register.enroll', pension('10/11/1951'));
    expect(total('2026-11', ok.personId)).toBe(500_000);
  });

  it('72 only with a poor or near-poor household and the list year; stored on the decision and audited', async () => {
    const refused = await core.fail('register.enroll', pension('05/05/1954'));
    expect(refused.issues).toEqual([
      { path: 'decision.household', message: expect.stringContaining('hộ nghèo, hộ cận nghèo') },
    ]);
    const noYear = await core.fail('register.enroll', pension('05/05/1954', { household: 'near_poor' }));
    expect(noYear.issues).toEqual([
      { path: 'decision.householdListYear', message: expect.stringContaining('không được để trống') },
    ]);
    const ok = await core.ok(
      'register.enroll',
      pension('05/05/1954', { household: 'near_poor', householdListYear: 2026 }),
    );
    const detail = await core.ok('people.get', { id: ok.personId });
    expect(detail.decisions[0]).toMatchObject({ kind: 'grant', household: 'near_poor', householdListYear: 2026 });
    const audit = core
      .store!.sqlite.prepare(
        "SELECT after_json AS detail_json FROM audit_log WHERE action = 'decision.grant' AND person_id = ?",
      )
      .get(ok.personId) as { detail_json: string };
    expect(audit.detail_json).toContain('"household_poverty":"near_poor"');
  });

  it('not before 07/2025', async () => {
    core.setNow('2025-06-15T09:00:00+07:00');
    const early = await core.fail('register.enroll', {
      ...enrollNew({ birthDate: '1930' }, 'HTXH', 'HTXH-1', '2025-06'),
    });
    expect(early.issues).toEqual([
      { path: 'decision.effectiveMonth', message: expect.stringContaining('chỉ có từ tháng 07/2025') },
    ]);
  });

  it("no birth date: accepted only with the officer's recorded reason, which is stored and audited", async () => {
    const noBirth = (extra: Partial<EnrollInput['decision']> = {}) => ({
      ...pension(''),
      decision: { ...decision('2026-11'), ...extra },
    });
    const refused = await core.fail('register.enroll', noBirth());
    expect(refused.issues).toEqual([
      { path: 'decision.eligibilityReason', message: expect.stringContaining('ghi căn cứ') },
    ]);
    const reason = 'Giấy khai sinh bản sao ghi năm 1940, đã đối chiếu';
    const ok = await core.ok('register.enroll', noBirth({ eligibilityReason: reason }));
    expect(ok.warnings.map((w) => w.message)).toContain(`Quyết định dựa trên căn cứ cán bộ ghi nhận: ${reason}`);
    const detail = await core.ok('people.get', { id: ok.personId });
    expect(detail.decisions[0]!.eligibilityReason).toBe(reason);
    const audit = core
      .store!.sqlite.prepare(
        "SELECT after_json AS detail_json FROM audit_log WHERE action = 'decision.grant' AND person_id = ?",
      )
      .get(ok.personId) as { detail_json: string };
    expect(audit.detail_json).toContain(reason);
  });

  it('an adjustment to a group whose age band does not hold the person is refused', async () => {
    const elder = await enroll({ fullName: 'Ninh Văn Già', birthDate: '03/04/1950' }, 'BTXH', 'BTXH-6D', '2025-01');
    const refused = await core.fail('register.decide', {
      entitlementId: elder.entitlementId,
      kind: 'adjust',
      groupCode: 'BTXH-5C',
      decision: decision('2026-11'),
    });
    expect(refused.issues![0]).toMatchObject({
      path: 'groupCode',
      message: expect.stringContaining('76 tuổi tại tháng 11/2026'),
    });
    await core.ok('register.decide', {
      entitlementId: elder.entitlementId!,
      kind: 'adjust',
      groupCode: 'BTXH-6B',
      decision: decision('2026-11'),
    });
  });
});
