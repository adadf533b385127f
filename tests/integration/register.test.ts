import { describe, expect, it } from 'vitest';
import { computeAmounts, loadReference, loadStates } from '../../main/services/register/amounts';
import { refreshSummaryInBackground } from '../../main/services/register/summary';
import type { WriteResult } from '@shared/api/register';
import { decision, eachTestCore, enrollNew, type TestCore } from '../support/register';

let core: TestCore;
eachTestCore((fresh) => ({ core } = fresh));

/** What each of a person's entitlements pays in a month (after age and overlap rules). */
function amountsIn(month: string, personId: number) {
  const store = core.store!;
  return computeAmounts(loadReference(store), loadStates(store, month, [personId]), month).map((a) => ({
    group: a.groupCode,
    amount: a.amountVnd,
    note: a.note,
  }));
}

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
const count = (table: string) =>
  (core.store!.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('social-assistance amounts: coefficient × the standard level in force', () => {
  it('follows the standard level by month (360.000 → 500.000 from 07/2024)', async () => {
    const { personId } = await enroll({ birthDate: '1930' }, 'BTXH', 'BTXH-5C', '2024-01');
    expect(amountsIn('2024-06', personId)).toEqual([{ group: 'BTXH-5C', amount: 360_000, note: '' }]);
    expect(amountsIn('2024-07', personId)).toEqual([{ group: 'BTXH-5C', amount: 500_000, note: '' }]);
    expect(amountsIn('2023-12', personId)).toEqual([]); // before the start month
  });

  it('uses a higher provincial standard from its month, never a lower one', async () => {
    const { personId } = await enroll({ birthDate: '1930' }, 'BTXH', 'BTXH-5C', '2024-01');
    const level = core.store!.sqlite.prepare(
      "INSERT INTO standard_levels (programme_code, scope, effective_from, amount_vnd) VALUES ('BTXH', 'province', ?, ?)",
    );
    level.run('2026-01', 600_000);
    level.run('2023-01', 300_000); // lower than the national level in force: ignored
    expect(amountsIn('2025-12', personId)[0]!.amount).toBe(500_000);
    expect(amountsIn('2026-01', personId)[0]!.amount).toBe(600_000);
    expect(amountsIn('2024-06', personId)[0]!.amount).toBe(360_000);
  });
});

describe('a province-set higher standard level (a dated setting)', () => {
  it('applies from its month, is audited, and cannot be lower than the national level', async () => {
    const { personId } = await enroll({ birthDate: '1930' }, 'BTXH', 'BTXH-5C', '2025-01');
    // An officer may not change a standard level: it is a setting (admin).
    expect(
      (
        await core.fail('reference.addProvinceLevel', {
          programme: 'BTXH',
          effectiveMonth: '01/2026',
          amountVnd: 600_000,
          basis: '',
        })
      ).code,
    ).toBe('FORBIDDEN');
    core.as('admin');
    const low = await core.fail('reference.addProvinceLevel', {
      programme: 'BTXH',
      effectiveMonth: '01/2026',
      amountVnd: 450_000,
      basis: 'QĐ 1/UBND tỉnh',
    });
    expect(low).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('không được thấp hơn mức chuẩn quốc gia (500.000 đồng'),
    });
    await core.ok('reference.addProvinceLevel', {
      programme: 'BTXH',
      effectiveMonth: '01/2026',
      amountVnd: 600_000,
      basis: 'QĐ 2/UBND tỉnh',
    });
    expect(amountsIn('2026-01', personId)[0]!.amount).toBe(600_000);
    expect((await core.ok('people.get', { id: personId })).monthlyVnd).toBe(600_000);
    // The register list's summary follows in the background (slices between calls), saying so meanwhile.
    const listed = async () =>
      (await core.ok('people.search', { text: '', limit: 10, offset: 0 })).rows.find((r) => r.id === personId);
    const first = await core.ok('people.search', { text: '', limit: 10, offset: 0 });
    expect(first.summaryRefreshing).toBe(true);
    await refreshSummaryInBackground(core.store!, '2026-11', () => {});
    expect((await listed())?.monthlyVnd).toBe(600_000);
    expect((await core.ok('people.search', { text: '', limit: 10, offset: 0 })).summaryRefreshing).toBeUndefined();
    // Care support follows the same (provincial) social-assistance standard.
    core.as('officer');
    const carer = await enroll(
      { fullName: 'Lê Thị Hoa', birthDate: '1970', gender: 'female' },
      'BTXH_CARE',
      'CS-2',
      '2025-01',
      { caredPersonId: personId },
    );
    expect(amountsIn('2026-01', carer.personId)[0]!.amount).toBe(900_000);
    core.as('admin');
    expect(
      (
        await core.fail('reference.addProvinceLevel', {
          programme: 'BTXH',
          effectiveMonth: '2026-01',
          amountVnd: 700_000,
          basis: '',
        })
      ).code,
    ).toBe('CONFLICT');
    expect(
      core.store!.sqlite.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'standardLevel.add'").get(),
    ).toEqual({ n: 1 });
    // The officer's refused attempt is on record.
    expect(
      core.store!.sqlite.prepare("SELECT user_name, detail_json FROM audit_log WHERE action = 'access.denied'").get(),
    ).toEqual({
      user_name: 'canbo',
      detail_json: JSON.stringify({ channel: 'reference.addProvinceLevel', role: 'officer' }),
    });
    core.as('officer');
  });
});

describe('age transitions happen by themselves, from the month of the birthday', () => {
  it('a child turning 4 moves from 2.5 to 1.5', async () => {
    const { personId } = await enroll(
      { fullName: 'Lê Minh Khải', birthDate: '10/05/2022' },
      'BTXH',
      'BTXH-1A',
      '2025-01',
    );
    expect(amountsIn('2026-04', personId)).toEqual([{ group: 'BTXH-1A', amount: 1_250_000, note: '' }]);
    expect(amountsIn('2026-05', personId)).toEqual([{ group: 'BTXH-1B', amount: 750_000, note: '' }]);
    // Recorded as 1B by mistake while still 3: the age rule applies 1A.
    const other = await enroll({ fullName: 'Lê Minh An', birthDate: '01/12/2024' }, 'BTXH', 'BTXH-1B', '2025-01');
    expect(amountsIn('2026-11', other.personId)[0]!.group).toBe('BTXH-1A');
  });

  it('an adult with a severe disability turning 60, and a poor elder turning 80', async () => {
    const disabled = await enroll({ fullName: 'Trần Văn Dũng', birthDate: '20/08/1966' }, 'BTXH', 'BTXH-6C', '2024-07');
    expect(amountsIn('2026-07', disabled.personId)).toEqual([{ group: 'BTXH-6C', amount: 750_000, note: '' }]);
    expect(amountsIn('2026-08', disabled.personId)).toEqual([{ group: 'BTXH-6D', amount: 1_000_000, note: '' }]);
    const elder = await enroll(
      { fullName: 'Phạm Thị Lan', birthDate: '02/02/1947', gender: 'female' },
      'BTXH',
      'BTXH-5A1',
      '2024-07',
    );
    expect(amountsIn('2027-01', elder.personId)[0]).toMatchObject({ group: 'BTXH-5A1', amount: 750_000 });
    expect(amountsIn('2027-02', elder.personId)[0]).toMatchObject({ group: 'BTXH-5A2', amount: 1_000_000 });
  });

  it('with only a birth year, the change applies from January of that year (assumption)', async () => {
    const { personId } = await enroll({ fullName: 'Hồ Văn Tư', birthDate: '1947' }, 'BTXH', 'BTXH-5A1', '2024-07');
    expect(amountsIn('2026-12', personId)[0]!.group).toBe('BTXH-5A1');
    expect(amountsIn('2027-01', personId)[0]!.group).toBe('BTXH-5A2');
  });

  it('the changes-next-month list names who changes group, and why', async () => {
    const child = await enroll(
      { fullName: 'Võ Thị Ánh', birthDate: '03/12/2022', gender: 'female' },
      'BTXH',
      'BTXH-1A',
      '2025-01',
    );
    await enroll({ fullName: 'Bùi Văn Sơn', birthDate: '1935' }, 'BTXH', 'BTXH-5C', '2025-01');
    const { month, rows } = await core.ok('register.changesNextMonth', {});
    expect(month).toBe('2026-12');
    expect(rows).toEqual([
      expect.objectContaining({
        personId: child.personId,
        fullName: 'Võ Thị Ánh',
        kind: 'group_change',
        fromGroup: 'BTXH-1A',
        toGroup: 'BTXH-1B',
        amountBefore: 1_250_000,
        amountAfter: 750_000,
      }),
    ]);
  });
});

describe('overlap: only the highest amount, except the single-parent rule', () => {
  it('an elder with an especially severe disability gets only the higher of the two', async () => {
    const { personId } = await enroll({ birthDate: '1936' }, 'BTXH', 'BTXH-5C', '2025-01');
    await core.ok('register.enroll', {
      person: { existingId: personId },
      programme: 'BTXH',
      groupCode: 'BTXH-6B',
      decision: decision('2025-01'),
    });
    const amounts = amountsIn('2026-11', personId);
    expect(amounts.map((a) => a.amount).sort()).toEqual([0, 1_250_000]);
    expect(amounts.find((a) => a.amount === 0)!.note).toContain('khoản 2 Điều 6');
    const detail = await core.ok('people.get', { id: personId });
    expect(detail.monthlyVnd).toBe(1_250_000);
  });

  it('a poor single parent raising two children who is also severely disabled gets both', async () => {
    const { personId } = await enroll(
      { fullName: 'Đỗ Thị Mai', birthDate: '1985', gender: 'female' },
      'BTXH',
      'BTXH-4',
      '2025-01',
      { multiplier: 2 },
    );
    await core.ok('register.enroll', {
      person: { existingId: personId },
      programme: 'BTXH',
      groupCode: 'BTXH-6C',
      decision: decision('2025-01'),
    });
    expect(
      amountsIn('2026-11', personId)
        .map((a) => a.amount)
        .sort(),
    ).toEqual([1_000_000, 750_000].sort());
  });

  it('the social pension and a social allowance: only the higher is paid', async () => {
    const { personId } = await enroll({ birthDate: '1940' }, 'HTXH', 'HTXH-1', '2025-07', {
      decision: decision('2025-07', { eligibilityReason: 'BHXH xác nhận không hưởng lương hưu' }),
    });
    await core.ok('register.enroll', {
      person: { existingId: personId },
      programme: 'BTXH',
      groupCode: 'BTXH-6D',
      decision: decision('2025-07'),
    });
    expect(
      amountsIn('2026-11', personId)
        .map((a) => a.amount)
        .sort(),
    ).toEqual([0, 1_000_000]);
  });
});

describe('death, funeral support and moving away', () => {
  it('the month of death is paid, the next is not, and the funeral support goes to the organiser', async () => {
    const { personId } = await enroll({ fullName: 'Huỳnh Văn Ẩn', birthDate: '1938' }, 'BTXH', 'BTXH-5C', '2025-01');
    const result = await core.ok('register.recordDeath', {
      personId,
      deathDate: '05/10/2026',
      decision: { number: '101/QĐ-UBND', signedDate: '20/10/2026', signer: 'Chủ tịch', reason: '' },
      funeral: { payeeName: 'Huỳnh Thị Hoa', multiplier: 20 },
    });
    expect(result.funeralVnd).toBe(10_000_000);
    expect(amountsIn('2026-10', personId)).toEqual([{ group: 'BTXH-5C', amount: 500_000, note: '' }]);
    expect(amountsIn('2026-11', personId)).toEqual([]);
    const detail = await core.ok('people.get', { id: personId });
    expect(detail.status).toBe('deceased');
    expect(detail.oneOffItems).toEqual([
      expect.objectContaining({
        kind: 'funeral',
        amountVnd: 10_000_000,
        payeeName: 'Huỳnh Thị Hoa',
        dueMonth: '2026-11',
      }),
    ]);
    expect(detail.decisions.at(-1)).toMatchObject({
      kind: 'stop',
      effectiveMonth: '2026-11',
      reason: 'Từ trần ngày 05/10/2026',
    });
    expect(
      (
        await core.fail('register.recordDeath', {
          personId,
          deathDate: '06/10/2026',
          decision: { number: 'x', signedDate: '20/10/2026', signer: '', reason: '' },
          funeral: { payeeName: 'A', multiplier: 20 },
        })
      ).code,
    ).toBe('CONFLICT');
  });

  it('50 × for a disaster death; no funeral support for meritorious-service only; a future date is refused', async () => {
    const a = await enroll({ fullName: 'Ngô Văn Lộc', birthDate: '1950' }, 'BTXH', 'BTXH-6D', '2025-01');
    const death = (personId: number, date: string, multiplier: 20 | 50) =>
      core.call('register.recordDeath', {
        personId,
        deathDate: date,
        decision: { number: '1/QĐ', signedDate: '20/11/2026', signer: '', reason: '' },
        funeral: { payeeName: 'Ngô Thị B', multiplier },
      });
    expect(await death(a.personId, '01/11/2026', 50)).toMatchObject({ ok: true, value: { funeralVnd: 25_000_000 } });
    const b = await core.ok('register.enroll', {
      ...enrollNew({ fullName: 'Tạ Văn Ước', birthDate: '1945' }, 'NCC', undefined, '2025-01'),
      categoryLabel: 'Thương binh 61%',
      components: [{ kind: 'main', label: 'Trợ cấp thương tật', amountVnd: 3_466_000 }],
    });
    expect(await death(b.personId, '01/11/2026', 20)).toMatchObject({ ok: true, value: { funeralVnd: 0 } });
    const c = await enroll({ fullName: 'Lý Văn Quý', birthDate: '1944' }, 'BTXH', 'BTXH-5C', '2025-01');
    const future = await death(c.personId, '01/12/2026', 20);
    expect(future).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(amountsIn('2026-12', c.personId)[0]!.amount).toBe(500_000);
  });

  it('moving away stops payment from the month after', async () => {
    const { personId } = await enroll({ birthDate: '1940' }, 'BTXH', 'BTXH-5C', '2025-01');
    await core.ok('register.moveAway', {
      personId,
      movedDate: '15/09/2026',
      decision: { number: '7/QĐ', signedDate: '20/09/2026', signer: '', reason: '' },
    });
    expect(amountsIn('2026-09', personId)[0]!.amount).toBe(500_000);
    expect(amountsIn('2026-10', personId)).toEqual([]);
    expect((await core.ok('people.get', { id: personId })).status).toBe('stopped');
  });
});

describe('suspension, resumption, adjustments and arrears', () => {
  it('suspended months are not paid; a resumption with arrears pays them as one item', async () => {
    const { personId, entitlementId } = await enroll({ birthDate: '1940' }, 'BTXH', 'BTXH-6D', '2025-01');
    await core.ok('register.decide', {
      entitlementId: entitlementId!,
      kind: 'suspend',
      decision: decision('2026-08', { reason: 'Không nhận 3 tháng liên tiếp' }),
    });
    expect(amountsIn('2026-08', personId)[0]!.amount).toBe(0);
    const resumed = await core.ok('register.decide', {
      entitlementId: entitlementId!,
      kind: 'resume',
      decision: decision('2026-11'),
      payArrears: true,
    });
    expect(resumed.warnings.map((w) => w.message).join(' ')).toContain('3.000.000');
    const items = (await core.ok('people.get', { id: personId })).oneOffItems;
    expect(items).toEqual([expect.objectContaining({ kind: 'arrears', amountVnd: 3_000_000, dueMonth: '2026-11' })]);
    expect(amountsIn('2026-11', personId)[0]!.amount).toBe(1_000_000);
  });

  it('a resumption without arrears pays nothing for the suspended months', async () => {
    const { personId, entitlementId } = await enroll({ birthDate: '1940' }, 'BTXH', 'BTXH-6D', '2025-01');
    await core.ok('register.decide', { entitlementId: entitlementId!, kind: 'suspend', decision: decision('2026-08') });
    await core.ok('register.decide', {
      entitlementId: entitlementId!,
      kind: 'resume',
      decision: decision('2026-11'),
      payArrears: false,
    });
    expect((await core.ok('people.get', { id: personId })).oneOffItems).toEqual([]);
  });

  it('a meritorious-service decision entered late creates arrears for the difference', async () => {
    const { personId, entitlementId } = await core.ok('register.enroll', {
      ...enrollNew({ fullName: 'Châu Kim Đào', birthDate: '1961', gender: 'female' }, 'NCC', undefined, '2026-11'),
      categoryLabel: 'Người HĐKC bị nhiễm chất độc hóa học',
      components: [{ kind: 'main', label: 'Trợ cấp hằng tháng', amountVnd: 3_041_000 }],
    });
    core.setNow('2027-03-10T09:00:00+07:00');
    const r = await core.ok('register.decide', {
      entitlementId: entitlementId!,
      kind: 'adjust',
      decision: decision('2027-01'),
      components: [
        { kind: 'main', label: 'Trợ cấp hằng tháng', amountVnd: 3_200_000 },
        { kind: 'extra', label: 'Phụ cấp', amountVnd: 100_000 },
      ],
    });
    // January and February 2027: (3.300.000 − 3.041.000) × 2
    expect(r.warnings[0]!.message).toContain('518.000');
    expect(amountsIn('2027-03', personId)[0]!.amount).toBe(3_300_000);
  });

  it('a grant signed with effect from an earlier month owes those months', async () => {
    const r = await core.ok('register.enroll', enrollNew({ birthDate: '1936' }, 'BTXH', 'BTXH-5C', '2026-09'));
    expect(r.warnings.map((w) => w.message)).toContain(
      'Các tháng 09/2026–10/2026 được hưởng thêm 1.000.000 đồng: bảng chi trả tháng 11/2026 sẽ chi truy lĩnh phần chưa chi.',
    );
  });

  it('refuses a decision before the start month, two decisions in one month, and a second grant of the same group', async () => {
    const { personId, entitlementId } = await enroll({ birthDate: '1936' }, 'BTXH', 'BTXH-5C', '2026-06');
    const early = await core.fail('register.decide', { entitlementId, kind: 'suspend', decision: decision('2026-05') });
    expect(early).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('trước tháng bắt đầu hưởng'),
    });
    await core.ok('register.decide', { entitlementId: entitlementId!, kind: 'suspend', decision: decision('2026-10') });
    expect(
      (await core.fail('register.decide', { entitlementId, kind: 'resume', decision: decision('2026-10') })).code,
    ).toBe('CONFLICT');
    const again = await core.fail('register.enroll', {
      person: { existingId: personId },
      programme: 'BTXH',
      groupCode: 'BTXH-5C',
      decision: decision('2026-11'),
    });
    expect(again).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('đang hưởng') });
  });
});

describe('data quality', () => {
  it('refuses an invalid citizen ID, naming the field, and writes nothing', async () => {
    const before = [count('people'), count('decisions'), count('audit_log')];
    const bad = await core.fail(
      'register.enroll',
      enrollNew({ citizenId: '999140123456' }, 'BTXH', 'BTXH-5C', '2026-11'),
    );
    expect(bad.code).toBe('INVALID_INPUT');
    expect(bad.issues![0]).toMatchObject({ path: 'person.new.citizenId', message: expect.stringContaining('999') });
    const legacy = await core.fail(
      'register.enroll',
      enrollNew({ citizenId: '123456789' }, 'BTXH', 'BTXH-5C', '2026-11'),
    );
    expect(legacy.message).toContain('CMND cũ');
    expect([count('people'), count('decisions'), count('audit_log')]).toEqual(before);
  });

  it('one living person per citizen ID: the duplicate is refused naming the other person', async () => {
    await enroll(
      { fullName: 'Lê Thị Hường', birthDate: '05/08/1934', gender: 'female', citizenId: '060134025039' },
      'BTXH',
      'BTXH-5C',
      '2026-11',
    );
    const dup = await core.fail(
      'register.enroll',
      enrollNew(
        { fullName: 'Lê Thị Hương', birthDate: '1934', gender: 'female', citizenId: '060 134 025 039' },
        'BTXH',
        'BTXH-5C',
        '2026-11',
      ),
    );
    expect(dup.code).toBe('CONFLICT');
    expect(dup.message).toContain('Lê Thị Hường (sinh 05/08/1934');
  });

  it('warns (but accepts) a possible duplicate, a legacy-only ID, a missing ID and an ID/birth-year mismatch', async () => {
    await enroll({ fullName: 'Trần Văn Hùng', birthDate: '1950' }, 'BTXH', 'BTXH-6D', '2026-11');
    const twin = await enroll(
      { fullName: 'TRẦN  VĂN HÙNG', birthDate: '02/03/1950', legacyId: '123456789' },
      'BTXH',
      'BTXH-6D',
      '2026-11',
    );
    const messages = twin.warnings.map((w) => w.message).join('\n');
    expect(messages).toContain('Có thể trùng người: Trần Văn Hùng (sinh 1950');
    expect(messages).toContain('cần bổ sung số định danh 12 số');
    const mismatch = await enroll(
      { fullName: 'Phan Thị Yến', birthDate: '1948', gender: 'female', citizenId: '060138000001' },
      'BTXH',
      'BTXH-6D',
      '2026-11',
    );
    expect(mismatch.warnings.map((w) => w.path)).toContain('person.new.citizenId');
    const stored = core
      .store!.sqlite.prepare('SELECT birth_date, birth_precision, citizen_id FROM people WHERE id = ?')
      .get(mismatch.personId);
    expect(stored).toEqual({ birth_date: '1948', birth_precision: 'year', citizen_id: '060138000001' });
  });

  it('live checks while typing report the same errors and warnings without writing', async () => {
    await enroll(
      { fullName: 'Lê Thị Hường', birthDate: '05/08/1934', gender: 'female', citizenId: '060134025039' },
      'BTXH',
      'BTXH-5C',
      '2026-11',
    );
    const before = count('audit_log');
    const check = await core.ok('people.checkDraft', {
      fullName: 'Le Thi Huong',
      birthDate: '1934',
      citizenId: '060134025039',
    });
    expect(check.errors.map((e) => e.path)).toEqual(['citizenId']);
    expect(count('audit_log')).toBe(before);
  });

  it('every change is audited in its transaction, with who and before/after', async () => {
    const { personId } = await enroll({ birthDate: '1940' }, 'BTXH', 'BTXH-5C', '2026-11');
    const actions = core
      .store!.sqlite.prepare('SELECT action, user_name FROM audit_log WHERE person_id = ? ORDER BY id')
      .all(personId) as Array<{ action: string; user_name: string }>;
    expect(actions.map((a) => a.action)).toEqual(['person.create', 'decision.grant', 'entitlement.create']);
    expect(new Set(actions.map((a) => a.user_name))).toEqual(new Set(['canbo']));
  });
});
