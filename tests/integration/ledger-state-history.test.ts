import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { monthRange } from '@shared/domain/dates';
import { loadStateHistory, loadStates } from '../../main/services/register/amounts';
import { tempDir } from '../support/temp';
import { decision, enrollNew, testCore, type TestCore } from '../support/register';

// The ledger reads a few thousand people's states over many months with loadStateHistory (a few bulk
// queries, assembled in memory) instead of loadStates per person and month. It must return exactly
// what loadStates returns, row for row, for every month: checked here on a register with the cases
// the state carries (terms over time, suspension, stop, end month, death, care support following a
// cared person who moves away or whose own allowance is suspended, recorded components, no term yet).

let dir: string;
let cleanup: () => void;
let core: TestCore;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  core = testCore(dir, '2026-11-15T09:00:00+07:00');
});
afterEach(() => {
  core.close();
  cleanup();
});

const enroll = (...args: Parameters<typeof enrollNew>) => core.ok('register.enroll', enrollNew(...args));
const paper = (month: string) => ({
  number: '5/QĐ',
  signedDate: `01/${month.slice(5, 7)}/${month.slice(0, 4)}`,
  signer: 'Chủ tịch',
  reason: '',
});

describe('loadStateHistory', () => {
  it('returns what loadStates returns, for every person and month, including care support and recorded amounts', async () => {
    const a = await enroll({ fullName: 'Trần Văn Một', birthDate: '1944' }, 'BTXH', 'BTXH-6D', '2025-01');
    await core.ok('register.decide', {
      entitlementId: a.entitlementId!,
      kind: 'adjust',
      groupCode: 'BTXH-5C',
      decision: decision('2025-06'),
    });
    await core.ok('register.decide', {
      entitlementId: a.entitlementId!,
      kind: 'suspend',
      decision: decision('2025-09'),
    });
    await core.ok('register.decide', {
      entitlementId: a.entitlementId!,
      kind: 'resume',
      decision: decision('2025-12'),
    });
    const cared = await enroll({ fullName: 'Lê Văn Nặng', birthDate: '1970' }, 'BTXH', 'BTXH-6A', '2025-02');
    const carer = await enroll(
      { fullName: 'Lê Thị Hoa', birthDate: '1972', gender: 'female' },
      'BTXH_CARE',
      'CS-2',
      '2025-02',
      { caredPersonId: cared.personId },
    );
    await core.ok('register.decide', {
      entitlementId: cared.entitlementId!,
      kind: 'suspend',
      decision: decision('2025-07'),
    });
    await core.ok('register.decide', {
      entitlementId: cared.entitlementId!,
      kind: 'resume',
      decision: decision('2025-10'),
    });
    await core.ok('register.moveAway', {
      personId: cared.personId,
      movedDate: '10/03/2026',
      decision: paper('2026-03'),
    });
    // A child in care whose cared person never had an allowance of their own.
    const child = await enroll({ fullName: 'Bé Ba', birthDate: '10/05/2022' }, 'BTXH', 'BTXH-1A', '2025-01');
    const foster = await enroll(
      { fullName: 'Mẹ Nuôi', birthDate: '1980', gender: 'female' },
      'BTXH_CARE',
      'CS-NUOI',
      '2025-01',
      { caredPersonId: child.personId },
    ).catch(() => null);
    const ncc = await core.ok('register.enroll', {
      ...enrollNew({ fullName: 'Tạ Văn Ước', birthDate: '1945' }, 'NCC', undefined, '2025-03'),
      categoryLabel: 'Thương binh 61%',
      components: [
        { kind: 'main', label: 'Trợ cấp thương tật', amountVnd: 3_466_000 },
        { kind: 'extra', label: 'Phụ cấp', amountVnd: 500_000 },
      ],
    });
    const dead = await enroll(
      { fullName: 'Phạm Thị Mất', birthDate: '1935', gender: 'female' },
      'BTXH',
      'BTXH-5C',
      '2025-01',
    );
    await core.ok('register.recordDeath', {
      personId: dead.personId,
      deathDate: '20/07/2025',
      decision: paper('2025-09'),
      funeral: { payeeName: 'Con', multiplier: 20 },
    });
    const stopped = await enroll({ fullName: 'Vũ Văn Thôi', birthDate: '1950' }, 'BTXH', 'BTXH-6D', '2025-01');
    await core.ok('register.decide', {
      entitlementId: stopped.entitlementId!,
      kind: 'stop',
      decision: decision('2026-02'),
    });
    // Oddities only SQL can make: an entitlement with no term yet, a term with a multiplier.
    const db = core.store!.sqlite;
    const bare = await enroll({ fullName: 'Đỗ Văn Trống', birthDate: '1950' }, 'BTXH', 'BTXH-6D', '2025-05');
    db.prepare('UPDATE entitlement_terms SET effective_from = ? WHERE entitlement_id = ?').run(
      '2025-08',
      bare.entitlementId,
    );
    db.prepare('UPDATE entitlement_terms SET multiplier = 2 WHERE entitlement_id = ?').run(a.entitlementId);
    // A second BTXH entitlement of the same person (the highest-amount rule reads both), ended later.
    const d = Number(
      db
        .prepare(
          "INSERT INTO decisions (person_id, programme_code, kind, effective_month, created_at) VALUES (?, 'BTXH', 'grant', '2025-04', '2025-04-01T00:00:00Z')",
        )
        .run(a.personId).lastInsertRowid,
    );
    const second = Number(
      db
        .prepare(
          "INSERT INTO entitlements (person_id, programme_code, start_month, end_month, grant_decision_id, created_at) VALUES (?, 'BTXH', '2025-04', '2026-05', ?, '2025-04-01T00:00:00Z')",
        )
        .run(a.personId, d).lastInsertRowid,
    );
    db.prepare(
      "INSERT INTO entitlement_terms (entitlement_id, effective_from, status, group_code, decision_id) VALUES (?, '2025-04', 'active', 'BTXH-6D', ?)",
    ).run(second, d);
    const nobody = await enroll({ fullName: 'Người Không Hưởng', birthDate: '1960' }, 'BTXH', 'BTXH-6D', '2027-01');

    const ids = [
      a.personId,
      cared.personId,
      carer.personId,
      child.personId,
      ...(foster ? [foster.personId] : []),
      ncc.personId,
      dead.personId,
      stopped.personId,
      bare.personId,
      nobody.personId,
    ];
    const history = loadStateHistory(core.store!, ids);
    let compared = 0;
    let caredRows = 0;
    for (const m of monthRange('2024-12', '2027-02')) {
      const expected = loadStates(core.store!, m, ids);
      expect(history(m, ids), m).toEqual(expected);
      // Any subset, in any order, is the same as loadStates for it.
      const some = [ids[3]!, ids[0]!, ids[2]!];
      expect(history(m, some), m).toEqual(loadStates(core.store!, m, some));
      compared += expected.length;
      caredRows += expected.filter((s) => s.caredPersonId).length;
    }
    // The comparison covered the cases: many rows, care support with each state of the cared person.
    expect(compared).toBeGreaterThan(150);
    expect(caredRows).toBeGreaterThan(20);
    const carerStates = monthRange('2025-02', '2026-06').map((m) => history(m, [carer.personId])[0]?.caredAllowance);
    expect(new Set(carerStates)).toEqual(new Set(['active', 'inactive']));
    expect(history('2026-06', [carer.personId])[0]?.caredMovedAwayDate).toBe('2026-03-10');
    expect(history('2025-06', [ncc.personId])[0]?.componentsVnd).toBe(3_966_000);
    expect(history('2025-06', [bare.personId])[0]?.termId).toBeNull();
  });
});
