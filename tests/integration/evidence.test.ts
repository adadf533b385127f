import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaveEvidenceInput } from '@shared/api/evidence';
import { tempDir } from '../support/temp';
import { decision, enrollNew, testCore, type TestCore } from '../support/register';

// Eligibility evidence and the yearly review (issue 16). A register in December 2026 with people whose
// group needs a record (poor household, disability certificate, student status, the social pension from
// 70 to under 75) in every state — met, expired, missing, changed, ended — beside people whose group needs
// none, people already stopped, a death; the review on 15/12/2026 against the 2027 list lists exactly
// those whose evidence expired, is missing or changed, with the decision to propose, and recording the
// proposed decision takes them off the list.

let cleanup: () => void;
let core: TestCore;
const ids: Record<string, number> = {};
const ent: Record<string, number> = {};

const enroll = async (
  name: string,
  birth: string,
  programme: 'BTXH' | 'NCC' | 'HTXH',
  group: string | undefined,
  extra = {},
) => {
  const r = await core.ok('register.enroll', {
    ...enrollNew({ fullName: name, birthDate: birth }, programme, group, '2026-01'),
    decision: decision('2026-01', { number: `${Object.keys(ids).length + 1}/QĐ-UBND` }),
    ...extra,
  });
  ids[name] = r.personId;
  ent[name] = r.entitlementId!;
};
const record = (name: string, fact: Omit<SaveEvidenceInput, 'personId'>) =>
  core.ok('evidence.save', { personId: ids[name]!, ...fact });
const household = (year: number, level: 'poor' | 'near_poor' | 'none') =>
  ({
    kind: 'household',
    level,
    listYear: year,
    issuer: 'UBND phường Đức Nghĩa',
    documentNo: `${year}/QĐ-UBND`,
  }) as const;
const certificate = (level: 'especially_severe' | 'severe' | 'mild', validUntil = '') =>
  ({ kind: 'disability', level, issuer: 'UBND phường Đức Nghĩa', issuedDate: '10/03/2020', validUntil }) as const;
const pension = { eligibilityReason: 'Cơ quan BHXH xác nhận không hưởng lương hưu' };

beforeAll(async () => {
  let dir: string;
  ({ dir, cleanup } = tempDir());
  core = testCore(dir, '2026-01-10T09:00:00+07:00');
  core.as('officer');
  // Poor elderly (5A): on both lists; on the 2026 list only; near-poor on the 2027 list at 85 (→ 5C).
  await enroll('An Bình', '15/03/1955', 'BTXH', 'BTXH-5A1');
  await enroll('Bùi Cũ', '15/03/1956', 'BTXH', 'BTXH-5A1');
  await enroll('Cao Cận', '20/02/1941', 'BTXH', 'BTXH-5A2');
  // Disability: severe with a new especially-severe certificate (→ 6A); none recorded; one revoked;
  // a certificate to be re-assessed in 2026 (expired).
  await enroll('Đỗ Nặng', '01/06/1990', 'BTXH', 'BTXH-6C');
  await enroll('Đinh Thiếu', '01/06/1985', 'BTXH', 'BTXH-6A');
  await enroll('Giang Thu', '01/06/1980', 'BTXH', 'BTXH-6A');
  await enroll('Hà Hạn', '01/06/1975', 'BTXH', 'BTXH-6C');
  // Students (BTXH-2): course over in June; still studying.
  await enroll('Kim Học', '01/09/2008', 'BTXH', 'BTXH-2');
  await enroll('Lâm Đang', '01/09/2009', 'BTXH', 'BTXH-2');
  // Social pension: 72 with the 2027 near-poor list (ok); 72 with only the 2026 list of her grant decision;
  // 80 (needs no list).
  await enroll('Mai Hưu', '10/05/1954', 'HTXH', 'HTXH-1', {
    decision: decision('2026-01', {
      number: 'H1/QĐ-UBND',
      household: 'near_poor',
      householdListYear: 2026,
      ...pension,
    }),
  });
  await enroll('Ninh Thiếu', '10/05/1954', 'HTXH', 'HTXH-1', {
    decision: decision('2026-01', { number: 'H2/QĐ-UBND', household: 'poor', householdListYear: 2026, ...pension }),
  });
  await enroll('Ông Tám', '10/05/1944', 'HTXH', 'HTXH-1', {
    decision: decision('2026-01', { number: 'H3/QĐ-UBND', ...pension }),
  });
  // Groups that need no record: 5C and NCC.
  await enroll('Phan Năm', '01/01/1940', 'BTXH', 'BTXH-5C');
  await enroll('Quách Công', '01/01/1950', 'NCC', undefined, {
    categoryLabel: 'Thương binh 61%',
    components: [{ kind: 'main', label: 'Trợ cấp thương tật', amountVnd: 3_466_000 }],
  });
  // Already stopped (from 07/2026), stopping from 01/2027 (the decision already recorded), dead: all
  // poor elderly with no 2027 list, none listed.
  await enroll('Sơn Dừng', '01/01/1950', 'BTXH', 'BTXH-5A1');
  await enroll('Tô Sắp', '01/01/1951', 'BTXH', 'BTXH-5A1');
  await enroll('Vũ Mất', '01/01/1952', 'BTXH', 'BTXH-5A1');

  core.setNow('2026-12-10T09:00:00+07:00');
  for (const name of ['An Bình', 'Bùi Cũ', 'Sơn Dừng', 'Tô Sắp', 'Vũ Mất']) await record(name, household(2026, 'poor'));
  await record('An Bình', household(2027, 'poor'));
  await record('Cao Cận', household(2026, 'poor'));
  await record('Cao Cận', household(2027, 'near_poor'));
  await record('Đỗ Nặng', certificate('severe'));
  await record('Đỗ Nặng', { ...certificate('especially_severe'), issuedDate: '01/11/2026' });
  const revoked = await record('Giang Thu', certificate('especially_severe'));
  await core.ok('evidence.end', {
    evidenceId: revoked.evidenceId,
    endedDate: '01/12/2026',
    reason: 'Giấy xác nhận bị thu hồi',
  });
  await record('Hà Hạn', certificate('severe', '30/06/2026'));
  await record('Kim Học', { kind: 'student', issuer: 'Trường THPT Phan Bội Châu', validUntil: '30/06/2026' });
  await record('Lâm Đang', { kind: 'student', issuer: 'Trường THPT Phan Bội Châu', validUntil: '31/05/2027' });
  await record('Mai Hưu', household(2027, 'near_poor'));
  await record('Phan Năm', household(2026, 'none'));
  await core.ok('register.decide', {
    entitlementId: ent['Sơn Dừng']!,
    kind: 'stop',
    decision: decision('2026-07', { number: 'D1/QĐ-UBND' }),
  });
  await core.ok('register.decide', {
    entitlementId: ent['Tô Sắp']!,
    kind: 'stop',
    decision: decision('2027-01', { number: 'D2/QĐ-UBND' }),
  });
  await core.ok('register.recordDeath', {
    personId: ids['Vũ Mất']!,
    deathDate: '02/12/2026',
    decision: { number: 'T1/QĐ-UBND', signedDate: '05/12/2026', signer: 'Nguyễn Văn Chủ', reason: '' },
    funeral: { payeeName: 'Con', multiplier: 20 },
  });
}, 120_000);
afterAll(() => {
  core.close();
  cleanup();
});

const review = () => core.ok('evidence.review', { date: '15/12/2026' });

describe('the yearly review', () => {
  it('lists exactly the people whose evidence expired, is missing or changed, with the proposed decision', async () => {
    const list = await review();
    expect(list.listYear).toBe(2027);
    const byName = Object.fromEntries(list.rows.map((r) => [r.fullName, r]));
    expect(Object.keys(byName).sort()).toEqual(
      ['Bùi Cũ', 'Cao Cận', 'Đỗ Nặng', 'Đinh Thiếu', 'Giang Thu', 'Hà Hạn', 'Kim Học', 'Ninh Thiếu'].sort(),
    );
    // Examined: every current entitlement in a group that needs a record (not 5C, NCC, the stopped, the dead).
    expect(list.examined).toBe(12);
    const status = (name: string) => byName[name]!.findings.map((f) => f.status);
    expect(status('Bùi Cũ')).toEqual(['expired']);
    expect(status('Cao Cận')).toEqual(['changed']);
    expect(status('Đỗ Nặng')).toEqual(['changed']);
    expect(status('Đinh Thiếu')).toEqual(['missing']);
    expect(status('Giang Thu')).toEqual(['missing']);
    expect(status('Hà Hạn')).toEqual(['expired']);
    expect(status('Kim Học')).toEqual(['expired']);
    // Her grant decision recorded the 2026 poor list (the social pension from 70): expired, not missing.
    expect(status('Ninh Thiếu')).toEqual(['expired']);

    expect(byName['Bùi Cũ']!.proposal).toMatchObject({ kind: 'stop', effectiveMonth: '2027-01', groupCode: null });
    expect(byName['Bùi Cũ']!.findings[0]!.message).toBe(
      'Chỉ có danh sách hộ nghèo, cận nghèo năm 2026; chưa có trong danh sách năm 2027 (điểm a khoản 5 Điều 5 Nghị định 20/2021/NĐ-CP).',
    );
    expect(byName['Cao Cận']!.proposal).toMatchObject({ kind: 'adjust', groupCode: 'BTXH-5C' });
    expect(byName['Đỗ Nặng']!.proposal).toMatchObject({
      kind: 'adjust',
      groupCode: 'BTXH-6A',
      groupLabel: 'Người khuyết tật đặc biệt nặng',
    });
    expect(byName['Kim Học']!.findings[0]!.message).toBe(
      'Đang đi học hết hạn ngày 30/06/2026 (khoản 2 Điều 5 Nghị định 20/2021/NĐ-CP).',
    );
    expect(byName['Ninh Thiếu']!.programme).toBe('HTXH');
    for (const name of ['Đinh Thiếu', 'Giang Thu', 'Hà Hạn', 'Kim Học', 'Ninh Thiếu'])
      expect(byName[name]!.proposal.kind).toBe('stop');
  });

  it('another list year or another day changes the answer: against the 2026 list in November only the dates matter', async () => {
    const list = await core.ok('evidence.review', { date: '2026-11-20', listYear: 2026 });
    const names = list.rows.map((r) => r.fullName).sort();
    // Cao Cận was poor on the 2026 list (the 2027 one does not count yet); Giang Thu's certificate is
    // revoked only from 01/12; Đỗ Nặng's new certificate already says especially severe.
    // Ninh Thiếu's grant decision names the 2026 poor list.
    expect(names).toEqual(['Đinh Thiếu', 'Đỗ Nặng', 'Hà Hạn', 'Kim Học'].sort());
  });

  it('recording the proposed decisions with the register takes the people off the list', async () => {
    let list = await review();
    const row = (name: string) => list.rows.find((r) => r.fullName === name)!;
    const stop = row('Bùi Cũ');
    await core.ok('register.decide', {
      entitlementId: stop.entitlementId,
      kind: 'stop',
      decision: decision(stop.proposal.effectiveMonth, {
        number: 'R1/QĐ-UBND',
        reason: stop.proposal.reason.slice(0, 300),
      }),
    });
    const adjust = row('Đỗ Nặng');
    await core.ok('register.decide', {
      entitlementId: adjust.entitlementId,
      kind: 'adjust',
      groupCode: adjust.proposal.groupCode!,
      decision: decision(adjust.proposal.effectiveMonth, { number: 'R2/QĐ-UBND' }),
    });
    list = await review();
    expect(list.rows.map((r) => r.fullName)).not.toContain('Bùi Cũ');
    expect(list.rows.map((r) => r.fullName)).not.toContain('Đỗ Nặng');
    expect(list.rows).toHaveLength(6);
  });
});

describe("a person's evidence", () => {
  it('shows the facts with their state, what the current group needs, and the age-derived groups', async () => {
    const an = await core.ok('evidence.list', { personId: ids['An Bình']! });
    expect(an.listYear).toBe(2026);
    expect(an.facts.map((f) => [f.listYear, f.state])).toEqual([
      [2027, 'in_force'],
      [2026, 'superseded'],
    ]);
    expect(an.needs).toMatchObject([{ groupCode: 'BTXH-5A1', kind: 'household', status: 'ok' }]);
    expect(an.facts[0]!.recordedBy).toBe('Trần Thị Hường');
    const giang = await core.ok('evidence.list', { personId: ids['Giang Thu']! });
    expect(giang.facts[0]).toMatchObject({
      state: 'ended',
      endReason: 'Giấy xác nhận bị thu hồi',
      endedDate: '2026-12-01',
    });
    expect(giang.needs[0]!.status).toBe('missing');
    const kim = await core.ok('evidence.list', { personId: ids['Kim Học']! });
    expect(kim.facts[0]!.state).toBe('expired');
    expect(kim.derived).toEqual([
      'BTXH-2: từ đủ 16 đến dưới 22 tuổi — tính theo ngày sinh, hiện 18 tuổi; hưởng đến hết tháng 09/2030',
    ]);
  });

  it('refuses bad input in Vietnamese and writes nothing', async () => {
    const count = () => core.store!.sqlite.prepare('SELECT COUNT(*) FROM eligibility_evidence').pluck().get() as number;
    const before = count();
    let e = await core.fail('evidence.save', { personId: ids['An Bình']!, kind: 'household', level: 'severe' });
    expect(e.issues!.map((i) => [i.path, i.message])).toEqual([
      ['level', 'Chọn: hộ nghèo, hộ cận nghèo, hoặc không thuộc danh sách năm đó.'],
      ['listYear', 'Năm của danh sách: nhập năm, ví dụ 2027.'],
    ]);
    e = await core.fail('evidence.save', {
      personId: ids['Kim Học']!,
      kind: 'student',
      issuer: '',
      validUntil: '31/02/2027',
    });
    expect(e.issues!.map((i) => i.message)).toContain(
      'Có giá trị đến ngày: nhập theo dạng ngày/tháng/năm, ví dụ 05/01/2026.',
    );
    e = await core.fail('evidence.save', {
      personId: ids['Hà Hạn']!,
      kind: 'disability',
      level: 'severe',
      issuer: 'UBND',
      issuedDate: '01/05/2026',
      validUntil: '01/01/2026',
    });
    expect(e.issues).toEqual([{ path: 'validUntil', message: 'Có giá trị đến ngày: phải sau ngày cấp.' }]);
    e = await core.fail('evidence.save', { personId: ids['Vũ Mất']!, ...household(2027, 'poor') });
    expect(e.message).toBe('Vũ Mất đã mất: không ghi giấy tờ xác định điều kiện hưởng.');
    const own = await core.ok('evidence.list', { personId: ids['Lâm Đang']! });
    e = await core.fail('evidence.save', {
      personId: ids['An Bình']!,
      evidenceId: own.facts[0]!.id,
      kind: 'student',
      issuer: 'X',
      validUntil: '01/01/2027',
    });
    expect(e.message).toBe('Không tìm thấy giấy tờ này trong hồ sơ.');
    const giang = await core.ok('evidence.list', { personId: ids['Giang Thu']! });
    e = await core.fail('evidence.end', { evidenceId: giang.facts[0]!.id, endedDate: '02/12/2026', reason: 'Lần nữa' });
    expect(e.message).toBe('Giấy tờ này đã kết thúc từ ngày 01/12/2026.');
    expect(count()).toBe(before);
  });

  it('a correction is audited with the fact before and after; the administrator cannot read or write', async () => {
    const lam = await core.ok('evidence.list', { personId: ids['Lâm Đang']! });
    await core.ok('evidence.save', {
      personId: ids['Lâm Đang']!,
      evidenceId: lam.facts[0]!.id,
      kind: 'student',
      issuer: 'Trường THPT Phan Bội Châu',
      validUntil: '31/05/2028',
      documentNo: 'GXN 12',
    });
    const entry = core
      .store!.sqlite.prepare(
        "SELECT action, entity, before_json, after_json FROM audit_log WHERE action = 'evidence.update' ORDER BY id DESC LIMIT 1",
      )
      .get() as { action: string; entity: string; before_json: string; after_json: string };
    expect(entry.entity).toBe('eligibility_evidence');
    expect(JSON.parse(entry.before_json)).toMatchObject({ validUntil: '2027-05-31', documentNo: '' });
    expect(JSON.parse(entry.after_json)).toMatchObject({ validUntil: '2028-05-31', documentNo: 'GXN 12' });
    const actions = core
      .store!.sqlite.prepare(
        "SELECT DISTINCT action FROM audit_log WHERE entity = 'eligibility_evidence' ORDER BY action",
      )
      .pluck()
      .all();
    expect(actions).toEqual(['evidence.create', 'evidence.end', 'evidence.update']);
    core.as('admin');
    try {
      expect((await core.fail('evidence.review', { date: '15/12/2026' })).code).toBe('FORBIDDEN');
      expect((await core.fail('evidence.save', { personId: ids['An Bình']!, ...household(2027, 'poor') })).code).toBe(
        'FORBIDDEN',
      );
    } finally {
      core.as('officer');
    }
    core.as('accountant');
    try {
      expect((await core.fail('evidence.save', { personId: ids['An Bình']!, ...household(2027, 'poor') })).code).toBe(
        'FORBIDDEN',
      );
      expect((await core.ok('evidence.review', { date: '15/12/2026' })).rows.length).toBeGreaterThan(0);
    } finally {
      core.as('officer');
    }
  });
});

describe('Việc cần làm', () => {
  it("the officer sees the facts of current beneficiaries ending within 30 days (2026's household lists end on 31/12)", async () => {
    const todo = await core.ok('todo.list', {});
    const item = todo.items.find((i) => i.key === 'evidence.expiring');
    // The 2026 list facts not followed by a 2027 one, of people still on an allowance: Bùi Cũ (stopped
    // from 01/2027, paid in December) and Tô Sắp; not Sơn Dừng (stopped), Vũ Mất (dead), Phan Năm
    // (recorded as off the list), nor the student whose status ended in June (outside the window).
    expect(item).toMatchObject({ path: '/so-doi-tuong/ra-soat', urgent: false });
    expect(item!.label).toBe(`${item!.count} giấy tờ xác định điều kiện hưởng hết hạn trong 30 ngày tới`);
    expect(item!.count).toBe(2);
    expect(item!.detail).toMatch(/^(Bùi Cũ|Tô Sắp) .*, (Bùi Cũ|Tô Sắp) /);
    expect(item!.detail).toContain('hộ nghèo, hộ cận nghèo, đến 31/12/2026');
    core.setNow('2026-10-01T09:00:00+07:00');
    try {
      const early = await core.ok('todo.list', {});
      expect(early.items.find((i) => i.key === 'evidence.expiring')).toBeUndefined();
    } finally {
      core.setNow('2026-12-10T09:00:00+07:00');
    }
  });
});
