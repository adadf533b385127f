import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CampaignProgress, WorkListRow } from '@shared/api/campaign';
import { formatPercentVi } from '@shared/domain/campaign';
import { parseCsv } from '@shared/domain/csv';
import { compareNamesVi, foldForSearch, nameSortKey, splitFullName } from '@shared/domain/text';
import { campaignProgress } from '../../main/services/campaign/progress';
import { xlsxToCsvSheets } from '../support/libreoffice';
import { certifyAllAuthorizations, eachTestCore, enrollNew, type TestCore } from '../support/register';

// The campaign dashboard on real SQLite files: the sample register (10/2024) must read NCC 37/37 (100%),
// BTXH 141 of 410 (34,4%), 94% of a target of 150; a change of method, a blocked authorization and the
// months move the figures; the target setting; the work list (relative rule, order, filter) and its
// xlsx read back by LibreOffice.

const SAMPLE = readFileSync(join(__dirname, '..', 'fixtures', 'so-doi-tuong-phuong-mau.xlsx'));
const MONTH = '2024-10';

let core: TestCore;
eachTestCore((fresh) => ({ core } = fresh));

async function importSample(): Promise<void> {
  core.as('officer');
  const a = await core.ok('import.analyze', {
    fileName: 'so-doi-tuong.xlsx',
    contentBase64: SAMPLE.toString('base64'),
  });
  await core.job('import.commit', { token: a.token, config: { ...a.config, authorizationTerm: { kind: 'default' } } });
  // The ward's leadership certifies the imported authorizations: only then are those accounts paid (issue 14).
  await certifyAllAuthorizations(core);
}

const progress = (month = MONTH) => core.ok('campaign.progress', { month });
const trend = (month: string) => core.job('campaign.trend', { month });
const workList = (input: Record<string, unknown>) =>
  core.ok('campaign.workList', { month: MONTH, limit: 1000, ...input });
const programme = (p: CampaignProgress, code: string) => p.programmes.find((x) => x.programme === code)!;
const db = () => core.store!.sqlite;
const AT = '2026-01-01T00:00:00Z';

/** A bank account and a payout_methods row, written directly (the payout area's own channels are tested there). */
function moveToOwnAccount(personId: number, from: string, number = String(1_000_000_000_000 + personId)): number {
  const account = db()
    .prepare(
      "INSERT INTO bank_accounts (owner_person_id, bank_code, account_number, holder_name, created_at) VALUES (?, 'AGRIBANK', ?, 'X', ?)",
    )
    .run(personId, number, AT).lastInsertRowid;
  return Number(
    db()
      .prepare(
        "INSERT INTO payout_methods (person_id, effective_from, method, bank_account_id, created_at) VALUES (?, ?, 'OWN_ACCOUNT', ?, ?)",
      )
      .run(personId, from, account, AT).lastInsertRowid,
  );
}

function addPerson(fullName: string, address: string, neighbourhood: string | null): number {
  const name = splitFullName(fullName);
  let nb: number | null = null;
  if (neighbourhood) {
    db()
      .prepare('INSERT OR IGNORE INTO neighbourhoods (name, search_key) VALUES (?, ?)')
      .run(neighbourhood, foldForSearch(neighbourhood));
    nb = (db().prepare('SELECT id FROM neighbourhoods WHERE name = ?').get(neighbourhood) as { id: number }).id;
  }
  return Number(
    db()
      .prepare(
        `INSERT INTO people (full_name, family_name, middle_name, given_name, search_key, sort_key, address, neighbourhood_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        name.full,
        name.family,
        name.middle,
        name.given,
        foldForSearch(name.full),
        nameSortKey(name),
        address,
        nb,
        AT,
        AT,
      ).lastInsertRowid,
  );
}

function authorize(
  giverId: number,
  receiverId: number,
  from: string,
  opts: { validTo?: string; revoked?: string } = {},
): void {
  const account = db()
    .prepare(
      "INSERT INTO bank_accounts (owner_person_id, bank_code, account_number, holder_name, created_at) VALUES (?, 'AGRIBANK', ?, 'Y', ?)",
    )
    .run(receiverId, String(2_000_000_000_000 + giverId), AT).lastInsertRowid;
  const auth = db()
    .prepare(
      `INSERT INTO authorizations (giver_person_id, receiver_person_id, relationship, bank_account_id, valid_from, valid_to, revoked_date, certified_date, created_at)
       VALUES (?, ?, 'Con', ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      giverId,
      receiverId,
      account,
      `${from}-01`,
      opts.validTo ?? '2030-12-31',
      opts.revoked ?? null,
      `${from}-01`,
      AT,
    ).lastInsertRowid;
  db()
    .prepare(
      "INSERT INTO payout_methods (person_id, effective_from, method, bank_account_id, authorization_id, created_at) VALUES (?, ?, 'AUTHORIZED_ACCOUNT', ?, ?, ?)",
    )
    .run(giverId, from, account, auth, AT);
}

/** A BTXH beneficiary aged 80+ (group 5C), enrolled through the register's own channel. */
async function beneficiary(
  fullName: string,
  address: string,
  neighbourhood: string,
  month = '2026-11',
): Promise<number> {
  core.as('officer');
  const r = await core.ok('register.enroll', enrollNew({ fullName, address, neighbourhood }, 'BTXH', 'BTXH-5C', month));
  return r.personId;
}

describe('the dashboard on the sample register', () => {
  it('reads NCC 37/37 (100%) and BTXH 141 of 410 (34,4%), 94% of a target of 150', async () => {
    await importSample();
    await core.ok('campaign.setTarget', { programme: 'BTXH', kind: 'count', value: 150, deadline: '31/12/2024' });
    const p = await progress();
    expect(p.basis).toBe('payable');
    expect(p.programmes.map((x) => x.programme)).toEqual(['BTXH', 'NCC']);
    const ncc = programme(p, 'NCC');
    const btxh = programme(p, 'BTXH');
    expect([ncc.total, ncc.nonCash, formatPercentVi(ncc.nonCashTenths)]).toEqual([37, 37, '100%']);
    expect([btxh.total, btxh.nonCash, formatPercentVi(btxh.nonCashTenths)]).toEqual([410, 141, '34,4%']);
    expect(btxh.counts).toEqual({ CASH_WARD: 237, POST_OFFICE: 32, OWN_ACCOUNT: 90, AUTHORIZED_ACCOUNT: 51 });
    expect([btxh.targetCount, formatPercentVi(btxh.ofTargetTenths), btxh.remaining]).toEqual([150, '94%', 9]);
    expect(ncc.target).toBeNull();
    expect([p.all.total, p.all.nonCash]).toEqual([447, 178]);
    // Group rows add up to the programme; amounts are the register's (the file's totals).
    for (const x of p.programmes) {
      expect(x.groups.reduce((s, g) => s + g.total, 0)).toBe(x.total);
      expect(x.groups.reduce((s, g) => s + g.nonCash, 0)).toBe(x.nonCash);
    }
    expect(btxh.amountVnd).toBe(274_000_000);
    expect(ncc.amountVnd).toBe(105_362_000);
    // NCC rows by the category on the decision.
    expect(ncc.groups.some((g) => g.key === 'Thương binh 61%')).toBe(true);
    // The channel returns exactly what the one function computes (the province report reads it too).
    expect(campaignProgress(core.store!, MONTH)).toEqual(p);
  });

  it('changes when a person is moved to an account, and from the month it takes effect', async () => {
    await importSample();
    const cash = db()
      .prepare(
        "SELECT person_id FROM payout_methods WHERE method = 'CASH_WARD' AND programme_code = 'BTXH' ORDER BY person_id LIMIT 2",
      )
      .pluck()
      .all() as number[];
    expect(cash).toHaveLength(2);
    // Read first: the figures and the list are kept until the next write, which must refresh them.
    expect(programme(await progress(), 'BTXH').nonCash).toBe(141);
    expect((await workList({})).total).toBe(269);
    moveToOwnAccount(cash[0]!, MONTH);
    moveToOwnAccount(cash[1]!, '2024-11');
    let btxh = programme(await progress(), 'BTXH');
    expect([btxh.nonCash, btxh.counts.CASH_WARD, btxh.counts.OWN_ACCOUNT, formatPercentVi(btxh.nonCashTenths)]).toEqual(
      [142, 236, 91, '34,6%'],
    );
    btxh = programme(await progress('2024-11'), 'BTXH');
    expect([btxh.nonCash, btxh.counts.CASH_WARD, formatPercentVi(btxh.nonCashTenths)]).toEqual([143, 235, '34,9%']);
    // The moved people leave the work list.
    const list = await workList({});
    expect(list.total).toBe(237 + 32 - 1);
    expect(list.rows.some((r) => r.personId === cash[0])).toBe(false);
  });

  it('counts the payable method: an expired authorization falls back to cash and is shown as blocked', async () => {
    await importSample();
    // Imported authorizations run one year from the file's month (10/2024 → 30/09/2025).
    const before = programme(await progress('2025-09'), 'BTXH');
    expect([before.nonCash, before.blocked]).toEqual([141, 0]);
    const after = programme(await progress('2025-10'), 'BTXH');
    expect([
      after.counts.AUTHORIZED_ACCOUNT,
      after.counts.OWN_ACCOUNT,
      after.nonCash,
      after.blocked,
      after.counts.CASH_WARD,
    ]).toEqual([0, 90, 90, 51, 237 + 51]);
    // Those people are on the work list with the reason.
    const list = await workList({ month: '2025-10', sort: 'name' });
    expect(list.total).toBe(237 + 32 + 51);
    expect(list.rows.filter((r) => r.fallbackReason?.includes('hết hạn')).length).toBe(51);
  });

  it('gives the trend of the 12 months up to the chosen month', async () => {
    await importSample();
    const someone = db()
      .prepare("SELECT person_id FROM payout_methods WHERE method = 'POST_OFFICE' ORDER BY person_id LIMIT 1")
      .pluck()
      .get() as number;
    moveToOwnAccount(someone, '2024-12');
    const t = await trend('2025-01');
    expect(t.points.map((x) => x.month)).toEqual([
      '2024-02',
      '2024-03',
      '2024-04',
      '2024-05',
      '2024-06',
      '2024-07',
      '2024-08',
      '2024-09',
      '2024-10',
      '2024-11',
      '2024-12',
      '2025-01',
    ]);
    expect(t.programmes.map((x) => x.programme)).toEqual(['BTXH', 'NCC']);
    // Nobody before the file's month.
    expect(t.points[7]!.all).toEqual({ total: 0, nonCash: 0, nonCashTenths: null });
    expect(t.points.slice(8).map((x) => x.byProgramme.BTXH!.nonCash)).toEqual([141, 141, 142, 142]);
    expect(t.points.slice(8).map((x) => formatPercentVi(x.byProgramme.BTXH!.nonCashTenths))).toEqual([
      '34,4%',
      '34,4%',
      '34,6%',
      '34,6%',
    ]);
    expect(t.points[8]!.byProgramme.NCC).toEqual({ total: 37, nonCash: 37, nonCashTenths: 1000 });
    expect(t.points[8]!.all).toEqual({ total: 447, nonCash: 178, nonCashTenths: 398 });
    // The trend's month is the dashboard's month: same numbers.
    const p = await progress('2024-12');
    expect(programme(p, 'BTXH').nonCash).toBe(t.points[10]!.byProgramme.BTXH!.nonCash);
  });

  it('agrees with the month’s figures in every month of the trend, through deaths, ends, suspensions and the overlap rule', async () => {
    await importSample();
    type Row = { id: number; person_id: number };
    const ids = db()
      .prepare("SELECT e.id, e.person_id FROM entitlements e WHERE e.programme_code = 'BTXH' ORDER BY e.id LIMIT 5")
      .all() as Row[];
    const [dead, ended, suspended, moved, pensioner] = ids as [Row, Row, Row, Row, Row];
    db().prepare("UPDATE people SET death_date = '2024-12-15' WHERE id = ?").run(dead.person_id);
    db().prepare("UPDATE entitlements SET end_month = '2025-01' WHERE id = ?").run(ended.id);
    const grant = (id: number) =>
      db().prepare('SELECT decision_id FROM entitlement_terms WHERE entitlement_id = ?').pluck().get(id) as number;
    db()
      .prepare(
        "INSERT INTO entitlement_terms (entitlement_id, effective_from, status, group_code, decision_id) SELECT entitlement_id, '2025-02', 'suspended', group_code, decision_id FROM entitlement_terms WHERE entitlement_id = ?",
      )
      .run(suspended.id);
    db()
      .prepare(
        "INSERT INTO entitlement_terms (entitlement_id, effective_from, status, group_code, decision_id) SELECT entitlement_id, '2025-04', 'active', group_code, decision_id FROM entitlement_terms WHERE entitlement_id = ? AND effective_from = '2024-10'",
      )
      .run(suspended.id);
    moveToOwnAccount(moved.person_id, '2025-03');
    // A BTXH beneficiary also granted the social pension from 2025-07 (paid the higher of the two only).
    const decision = grant(pensioner.id);
    const e = db()
      .prepare(
        "INSERT INTO entitlements (person_id, programme_code, start_month, grant_decision_id, created_at) VALUES (?, 'HTXH', '2025-07', ?, ?)",
      )
      .run(pensioner.person_id, decision, AT).lastInsertRowid;
    db()
      .prepare(
        "INSERT INTO entitlement_terms (entitlement_id, effective_from, status, group_code, decision_id) VALUES (?, '2025-07', 'active', 'HTXH-1', ?)",
      )
      .run(e, decision);

    const t = await trend('2025-09');
    for (const point of t.points) {
      const p = await progress(point.month);
      expect(point.all, point.month).toEqual({
        total: p.all.total,
        nonCash: p.all.nonCash,
        nonCashTenths: p.all.nonCashTenths,
      });
      for (const x of p.programmes.filter((y) => y.total > 0)) {
        expect(point.byProgramme[x.programme], `${point.month} ${x.programme}`).toEqual({
          total: x.total,
          nonCash: x.nonCash,
          nonCashTenths: x.nonCashTenths,
        });
      }
    }
    const btxhTotals = t.points.slice(-12).map((x) => x.byProgramme.BTXH?.total ?? 0);
    // 10/2024–12/2024: 410; the death (paid in 12/2024) → 409 from 01/2025; the end after 01/2025 → 408;
    // the suspension 02–03/2025 → 407; back to 408 from 04/2025. The pension is counted under whichever pays.
    expect(btxhTotals.slice(0, 9)).toEqual([410, 410, 410, 409, 407, 407, 408, 408, 408]);
    // From 07/2025 the pensioner holds two pooled entitlements but counts once: 408 + 37 people in all.
    const last = t.points[11]!;
    expect(last.all.total).toBe(408 + 37);
    expect((last.byProgramme.BTXH?.total ?? 0) + (last.byProgramme.HTXH?.total ?? 0)).toBe(408);
  });
});

describe('the trend month by month (typed per-entitlement masks, methods only for account holders)', () => {
  it('agrees with the month’s figures through terms starting inside the range, an account closed mid-range and a return to cash', async () => {
    await importSample();
    type Row = { id: number; person_id: number };
    const rows = db()
      .prepare(
        "SELECT e.id, e.person_id FROM entitlements e WHERE e.programme_code = 'BTXH' AND e.person_id IN (SELECT person_id FROM payout_methods WHERE method = 'CASH_WARD') ORDER BY e.id LIMIT 3",
      )
      .all() as Row[];
    const [closing, returning, late] = rows as [Row, Row, Row];
    // To an own account from 12/2024, the account closed on 10/05/2025: cash again from then on.
    const pm = moveToOwnAccount(closing.person_id, '2024-12');
    db()
      .prepare(
        "UPDATE bank_accounts SET closed_date = '2025-05-10' WHERE id = (SELECT bank_account_id FROM payout_methods WHERE id = ?)",
      )
      .run(pm);
    // To an own account from 01/2025, back to cash at the ward from 06/2025.
    moveToOwnAccount(returning.person_id, '2025-01');
    db()
      .prepare(
        "INSERT INTO payout_methods (person_id, effective_from, method, created_at) VALUES (?, '2025-06', 'CASH_WARD', ?)",
      )
      .run(returning.person_id, AT);
    // An entitlement whose every term lies inside the range: starts 03/2025 suspended, active from 05/2025.
    db().prepare("UPDATE entitlements SET start_month = '2025-03' WHERE id = ?").run(late.id);
    db().prepare("UPDATE entitlement_terms SET effective_from = '2025-05' WHERE entitlement_id = ?").run(late.id);
    db()
      .prepare(
        "INSERT INTO entitlement_terms (entitlement_id, effective_from, status, group_code, decision_id) SELECT entitlement_id, '2025-03', 'suspended', group_code, decision_id FROM entitlement_terms WHERE entitlement_id = ?",
      )
      .run(late.id);

    const t = await trend('2025-09');
    for (const point of t.points) {
      const p = await progress(point.month);
      expect(point.all, point.month).toEqual({
        total: p.all.total,
        nonCash: p.all.nonCash,
        nonCashTenths: p.all.nonCashTenths,
      });
      for (const x of p.programmes.filter((y) => y.total > 0))
        expect(point.byProgramme[x.programme], `${point.month} ${x.programme}`).toEqual({
          total: x.total,
          nonCash: x.nonCash,
          nonCashTenths: x.nonCashTenths,
        });
    }
    // The moves show in the non-cash count: +1 from 12/2024, +2 from 01/2025, back to +1 in 05/2025 (the
    // account closed that month) and +0 from 06/2025.
    const nonCash = (m: string) => t.points.find((x) => x.month === m)!.byProgramme.BTXH!.nonCash;
    expect(nonCash('2024-12') - nonCash('2024-11')).toBe(1);
    expect(nonCash('2025-01') - nonCash('2024-12')).toBe(1);
    expect(nonCash('2025-05') - nonCash('2025-04')).toBe(-1);
    expect(nonCash('2025-06') - nonCash('2025-05')).toBe(-1);
    // The late entitlement counts from 05/2025 only.
    const total = (m: string) => t.points.find((x) => x.month === m)!.byProgramme.BTXH!.total;
    expect(total('2025-05') - total('2025-04')).toBe(1);
  });
});

describe('the trend and groups ended by age', () => {
  it('does not count a group ended by age (BTXH-7 after the 3rd birthday) as active: same as the month’s figures', async () => {
    await importSample();
    const e = db()
      .prepare(
        "SELECT e.id, e.person_id FROM entitlements e WHERE e.programme_code = 'BTXH' ORDER BY e.id DESC LIMIT 1",
      )
      .get() as { id: number; person_id: number };
    // A child under 3 (BTXH-7) who turns 3 in 03/2025: owed to that month, nothing from 04/2025.
    db().prepare("UPDATE people SET birth_date = '2022-03-10', birth_precision = 'day' WHERE id = ?").run(e.person_id);
    db().prepare("UPDATE entitlement_terms SET group_code = 'BTXH-7' WHERE entitlement_id = ?").run(e.id);
    const t = await trend('2025-09');
    for (const point of t.points) {
      const p = await progress(point.month);
      expect(point.byProgramme.BTXH, point.month).toEqual({
        total: programme(p, 'BTXH').total,
        nonCash: programme(p, 'BTXH').nonCash,
        nonCashTenths: programme(p, 'BTXH').nonCashTenths,
      });
    }
    const btxh = t.points.map((x) => x.byProgramme.BTXH?.total ?? 0);
    const at = (m: string) => btxh[t.points.findIndex((x) => x.month === m)]!;
    expect(at('2025-03') - at('2025-04')).toBe(1);
  });
});

describe('the target', () => {
  it('is a count or a % with a deadline, set by the officer or the administrator, audited', async () => {
    await importSample();
    const t = await core.ok('campaign.setTarget', {
      programme: 'BTXH',
      kind: 'percent',
      value: 400,
      deadline: '31/12/2024',
      note: 'Kế hoạch của thành phố',
    });
    expect(t).toMatchObject({
      programme: 'BTXH',
      kind: 'percent',
      value: 400,
      deadline: '2024-12-31',
      note: 'Kế hoạch của thành phố',
      updatedBy: 'Trần Thị Hường',
    });
    let btxh = programme(await progress(), 'BTXH');
    // 40% of 410 = 164 people (reports.md); 141/164 = 85,97… → 86%.
    expect([btxh.targetCount, btxh.remaining, formatPercentVi(btxh.ofTargetTenths)]).toEqual([164, 23, '86%']);

    core.as('admin');
    await core.ok('campaign.setTarget', { programme: 'BTXH', kind: 'count', value: 150, deadline: '2024-12-31' });
    btxh = programme(await progress(), 'BTXH');
    expect([btxh.targetCount, formatPercentVi(btxh.ofTargetTenths)]).toEqual([150, '94%']);
    expect(await core.ok('campaign.targets', {})).toEqual([
      expect.objectContaining({ programme: 'BTXH', kind: 'count', value: 150, updatedBy: 'Quản trị' }),
    ]);

    for (const role of ['accountant', 'approver'] as const) {
      core.as(role);
      expect(
        (await core.fail('campaign.setTarget', { programme: 'NCC', kind: 'count', value: 10, deadline: '2024-12-31' }))
          .code,
      ).toBe('FORBIDDEN');
      // Everyone signed in reads the dashboard.
      expect(programme(await progress(), 'BTXH').targetCount).toBe(150);
    }

    const audit = db()
      .prepare(
        "SELECT user_name, before_json, after_json FROM audit_log WHERE action = 'campaign.target.set' ORDER BY id",
      )
      .all() as Array<{
      user_name: string;
      before_json: string;
      after_json: string;
    }>;
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[1]!.before_json)).toMatchObject({ kind: 'percent', value: 400 });
    expect(JSON.parse(audit[1]!.after_json)).toMatchObject({ kind: 'count', value: 150, deadline: '2024-12-31' });

    core.as('officer');
    expect(await core.ok('campaign.clearTarget', { programme: 'BTXH' })).toEqual({ cleared: false }); // none in force in 11/2026
    expect(await core.ok('campaign.clearTarget', { programme: 'BTXH', startMonth: '01/2024' })).toEqual({
      cleared: true,
    });
    expect(programme(await progress(), 'BTXH').target).toBeNull();
    expect(db().prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'campaign.target.clear'").pluck().get()).toBe(2);
  });

  it('belongs to a period: a 2024 target is not applied in 2026; a campaign inside a year wins over the year (issue 14)', async () => {
    await importSample();
    await core.ok('campaign.setTarget', { programme: 'BTXH', kind: 'count', value: 150, period: 'year', year: 2024 });
    expect(programme(await progress('2024-10'), 'BTXH')).toMatchObject({
      targetCount: 150,
      target: { period: 'year', startMonth: '2024-01', deadline: '2024-12-31' },
    });
    // 2026: the same people, no target for the period (the dashboard says "Chưa đặt chỉ tiêu cho kỳ này").
    const later = programme(await progress('2026-11'), 'BTXH');
    expect(later.total).toBeGreaterThan(0);
    expect([later.target, later.targetCount, later.ofTargetTenths, later.remaining]).toEqual([null, null, null, null]);
    expect(programme(await progress('2025-01'), 'BTXH').target).toBeNull();
    // A year target for 2026 and a campaign from 03/2026 to 30/06/2026 inside it.
    await core.ok('campaign.setTarget', { programme: 'BTXH', kind: 'percent', value: 400, period: 'year', year: 2026 });
    await core.ok('campaign.setTarget', {
      programme: 'BTXH',
      kind: 'count',
      value: 200,
      period: 'campaign',
      startMonth: '03/2026',
      deadline: '30/06/2026',
    });
    expect(programme(await progress('2026-02'), 'BTXH').target).toMatchObject({
      kind: 'percent',
      value: 400,
      period: 'year',
    });
    expect(programme(await progress('2026-04'), 'BTXH').target).toMatchObject({
      kind: 'count',
      value: 200,
      period: 'campaign',
      startMonth: '2026-03',
    });
    expect(programme(await progress('2026-07'), 'BTXH').target).toMatchObject({ kind: 'percent', value: 400 });
    expect((await core.ok('campaign.targets', {})).map((t) => [t.startMonth, t.deadline])).toEqual([
      ['2024-01', '2024-12-31'],
      ['2026-01', '2026-12-31'],
      ['2026-03', '2026-06-30'],
    ]);
    // Setting the same period again replaces it (audited with what it was).
    await core.ok('campaign.setTarget', { programme: 'BTXH', kind: 'count', value: 120, period: 'year', year: 2024 });
    expect(
      (await core.ok('campaign.targets', {})).filter((t) => t.startMonth === '2024-01').map((t) => t.value),
    ).toEqual([120]);
    // Refused: a year target without a year; a campaign starting after its deadline.
    expect(
      (await core.fail('campaign.setTarget', { programme: 'BTXH', kind: 'count', value: 1, period: 'year' }))
        .issues?.[0]?.path,
    ).toBe('year');
    expect(
      (
        await core.fail('campaign.setTarget', {
          programme: 'BTXH',
          kind: 'count',
          value: 1,
          period: 'campaign',
          startMonth: '07/2026',
          deadline: '30/06/2026',
        })
      ).issues?.[0]?.path,
    ).toBe('startMonth');
  });

  it("an old target (one per programme, a deadline, no period) reads as the period of its deadline's year", async () => {
    await importSample();
    db()
      .prepare(
        "INSERT INTO settings (key, value_json, updated_at, updated_by) VALUES ('campaign.targets', ?, '2024-09-01T00:00:00Z', NULL)",
      )
      .run(
        JSON.stringify({
          BTXH: {
            kind: 'count',
            value: 150,
            deadline: '2024-12-31',
            note: '',
            updatedAt: '2024-09-01T00:00:00Z',
            updatedById: null,
          },
        }),
      );
    expect(programme(await progress('2024-10'), 'BTXH').targetCount).toBe(150);
    expect(programme(await progress('2026-11'), 'BTXH').target).toBeNull();
  });

  it('refuses bad values with Vietnamese messages on the field, saving nothing', async () => {
    const bad = [
      [{ programme: 'BTXH', kind: 'count', value: 0, deadline: '31/12/2024' }, 'value', 'số người'],
      [{ programme: 'BTXH', kind: 'percent', value: 1001, deadline: '31/12/2024' }, 'value', '100%'],
      [{ programme: 'BTXH', kind: 'count', value: 150, deadline: '31/13/2024' }, 'deadline', 'Hạn hoàn thành'],
      [{ programme: 'BTXH', kind: 'count', value: 1.5, deadline: '31/12/2024' }, 'value', 'số nguyên'],
    ] as const;
    for (const [input, path, text] of bad) {
      const e = await core.fail('campaign.setTarget', input);
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.issues?.find((i) => i.path === path)?.message).toContain(text);
    }
    expect(db().prepare("SELECT COUNT(*) FROM settings WHERE key = 'campaign.targets'").pluck().get()).toBe(0);
    // A target with nobody in the programme still shows, at 0.
    await core.ok('campaign.setTarget', { programme: 'HTXH', kind: 'count', value: 5, deadline: '31/12/2026' });
    const h = programme(await progress('2026-11'), 'HTXH');
    expect([h.total, h.targetCount, h.ofTargetTenths, h.remaining]).toEqual([0, 5, 0, 5]);
  });
});

describe('the work list', () => {
  it('marks who has a relative already receiving for someone else (same household, or receiving themselves)', async () => {
    // A and B live at 12 Trần Phú; B's allowance goes to her son's account (he lives elsewhere).
    const a = await beneficiary('Trần Văn Ba', '12 Trần Phú, Khu phố 1', 'Khu phố 1');
    const b = await beneficiary('Trần Thị Bốn', '12 Trần Phú, Khu phố 1', 'Khu phố 1');
    authorize(b, addPerson('Trần Văn Năm', '5 Lê Lợi, Khu phố 2', 'Khu phố 2'), '2026-11');
    // C lives at 30 Hai Bà Trưng, where Lê Thị Bảy lives, who receives for D (elsewhere); written differently.
    const c = await beneficiary('Lê Văn Sáu', '30 Hai Bà Trưng, Khu phố 1', 'Khu phố 1');
    const d = await beneficiary('Phạm Văn Tám', '7 Nguyễn Huệ, Khu phố 3', 'Khu phố 3');
    authorize(d, addPerson('Lê Thị Bảy', '30 hai ba trung - khu pho 1', 'Khu phố 1'), '2026-11');
    // E's address names only the neighbourhood: no household can be told.
    const e = await beneficiary('Võ Văn Chín', 'Khu phố 1, phường Đức Nghĩa', 'Khu phố 1');
    // G, paid in cash, already receives for H (so G already has an account).
    const g = await beneficiary('Đỗ Văn Mười', '9 Lý Thường Kiệt, Khu phố 2', 'Khu phố 2');
    const h = await beneficiary('Đỗ Thị Hai', '1 Quang Trung, Khu phố 3', 'Khu phố 3');
    authorize(h, g, '2026-11');
    // I's authorization was revoked: I is paid in cash, and J (same house) has no relative receiving.
    const i = await beneficiary('Ngô Văn Một', '44 Ngô Quyền, Khu phố 2', 'Khu phố 2');
    const j = await beneficiary('Ngô Thị Hai', '44 Ngô Quyền, Khu phố 2', 'Khu phố 2');
    authorize(i, addPerson('Ngô Văn Con', '44 Ngô Quyền, Khu phố 2', 'Khu phố 2'), '2026-10', {
      revoked: '2026-10-20',
    });

    const list = await workList({ month: '2026-11', sort: 'relative' });
    const row = (id: number) => list.rows.find((r) => r.personId === id);
    expect(list.total).toBe(6);
    expect(row(b)).toBeUndefined();
    expect(row(d)).toBeUndefined();
    expect(row(a)!.relative).toEqual({ receiverName: 'Trần Văn Năm', forName: 'Trần Thị Bốn' });
    expect(row(c)!.relative).toEqual({ receiverName: 'Lê Thị Bảy', forName: 'Phạm Văn Tám' });
    expect(row(g)!.relative).toEqual({ receiverName: 'Đỗ Văn Mười', forName: 'Đỗ Thị Hai' });
    expect(row(e)!.relative).toBeNull();
    expect(row(j)!.relative).toBeNull();
    expect(row(i)!.relative).toBeNull();
    expect(row(i)!.fallbackReason).toContain('bị hủy');
    // Sorted by the column: those with a relative first.
    expect(list.rows.slice(0, 3).every((r) => r.relative)).toBe(true);
    expect(list.rows.slice(3).every((r) => !r.relative)).toBe(true);
    // Neighbourhood filter and its counts.
    expect(list.neighbourhoods.map((n) => [n.name, n.count])).toEqual([
      ['Khu phố 1', 3],
      ['Khu phố 2', 3],
    ]);
    const kp2 = list.neighbourhoods.find((n) => n.name === 'Khu phố 2')!;
    const filtered = await workList({ month: '2026-11', neighbourhoodId: kp2.id, sort: 'name' });
    expect(filtered.rows.map((r) => r.fullName)).toEqual(['Ngô Thị Hai', 'Ngô Văn Một', 'Đỗ Văn Mười']);
  });

  it("lists the sample register's 269 people paid in cash, sortable by each column, filterable, paged", async () => {
    await importSample();
    const all = await workList({ sort: 'name' });
    expect(all.total).toBe(237 + 32);
    expect(
      all.rows.every((r) => r.programmes.join() === 'BTXH' && (r.method === 'CASH_WARD' || r.method === 'POST_OFFICE')),
    ).toBe(true);
    expect(all.rows.filter((r) => r.method === 'POST_OFFICE')).toHaveLength(32);
    // Names in the offices' order (given name, family, middle), as compareNamesVi.
    const names = all.rows.map((r) => r.fullName);
    expect(names).toEqual([...names].sort((x, y) => compareNamesVi(splitFullName(x), splitFullName(y))));
    const desc = await workList({ sort: 'name', descending: true });
    expect(desc.rows.map((r) => r.fullName)).toEqual([...names].reverse());
    // Age: ascending, unknown last; at the month's end.
    const byAge = (await workList({ sort: 'age' })).rows.map((r) => r.age);
    const known = byAge.filter((x): x is number => x !== null);
    expect(known).toEqual([...known].sort((x, y) => x - y));
    expect(byAge.indexOf(null) === -1 || byAge.slice(byAge.indexOf(null)).every((x) => x === null)).toBe(true);
    // Neighbourhoods: grouped in Vietnamese order, names ordered inside.
    const byNb = (await workList({ sort: 'neighbourhood' })).rows;
    const order = all.neighbourhoods.map((n) => n.name);
    expect(byNb.map((r) => order.indexOf(r.neighbourhood))).toEqual(
      [...byNb.map((r) => order.indexOf(r.neighbourhood))].sort((x, y) => x - y),
    );
    expect(all.neighbourhoods.reduce((s, n) => s + n.count, 0)).toBe(269);
    for (const sort of ['phone', 'programme', 'method', 'address', 'relative'] as const)
      expect((await workList({ sort })).total).toBe(269);
    const methods = (await workList({ sort: 'method' })).rows.map((r) => r.method);
    expect(methods.indexOf('POST_OFFICE')).toBe(237);
    // Filter by neighbourhood, then page.
    const first = all.neighbourhoods[0]!;
    const one = await workList({ neighbourhoodId: first.id, sort: 'name' });
    expect(one.total).toBe(first.count);
    expect(one.rows.every((r) => r.neighbourhood === first.name)).toBe(true);
    const page = await workList({ sort: 'name', offset: 10, limit: 5 });
    expect(page.rows.map((r) => r.fullName)).toEqual(names.slice(10, 15));
    // Nobody paid in cash among NCC.
    expect((await workList({ programme: 'NCC' })).total).toBe(0);
  });

  it('exports to xlsx (a job, audited with the count) that LibreOffice reads back, phones and IDs as text', async () => {
    await importSample();
    const list = await workList({ sort: 'name' });
    const target = list.neighbourhoods[0]!;
    const person: WorkListRow = (await workList({ neighbourhoodId: target.id, sort: 'name' })).rows[0]!;
    db()
      .prepare("UPDATE people SET phone = '0912345678', citizen_id = '001234567890' WHERE id = ?")
      .run(person.personId);

    core.as('accountant');
    const file = await core.job('campaign.exportWorkList', { month: MONTH, neighbourhoodId: target.id, sort: 'name' });
    expect(file.count).toBe(target.count);
    expect(file.fileName).toBe('danh-sach-van-dong-chuyen-khoan-2024-10.xlsx');
    const [csv] = xlsxToCsvSheets(Buffer.from(file.contentBase64, 'base64'));
    const rows = parseCsv(csv!);
    expect(rows[1]![0]).toContain('THÁNG 10/2024');
    expect(rows[2]![0]).toBe(`Khu phố: ${target.name}`);
    const header = rows[3]!;
    expect(header).toEqual([
      'STT',
      'Họ và tên',
      'Ngày sinh',
      'Tuổi',
      'Giới tính',
      'Số định danh',
      'Khu phố',
      'Địa chỉ',
      'Điện thoại',
      'Chế độ',
      'Nhóm đối tượng',
      'Hình thức nhận hiện nay',
      'Lý do chưa chuyển khoản được',
      'Người nhà đã nhận thay',
      'Ngày đến',
      'Kết quả vận động',
    ]);
    const data = rows.slice(4, 4 + target.count);
    expect(data).toHaveLength(target.count);
    const mine = data.find((r) => r[1] === person.fullName)!;
    expect(mine[5]).toBe('001234567890');
    expect(mine[8]).toBe('0912345678');
    expect(mine[6]).toBe(target.name);
    expect(mine[3]).toBe(String(person.age ?? ''));
    expect(data.map((r) => r[1])).toEqual(
      (await workList({ neighbourhoodId: target.id, sort: 'name' })).rows.map((r) => r.fullName),
    );
    expect(rows[4 + target.count]![1]).toBe(`Tổng cộng: ${target.count} người`);

    const audit = db()
      .prepare("SELECT user_name, detail_json FROM audit_log WHERE action = 'campaign.workList.export'")
      .all() as Array<{ user_name: string; detail_json: string }>;
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.detail_json)).toMatchObject({
      rows: target.count,
      filter: { month: MONTH, neighbourhoodId: target.id },
    });
    // Who may export: officers and accountants, not the approver.
    core.as('approver');
    expect((await core.fail('campaign.exportWorkList', { month: MONTH })).code).toBe('FORBIDDEN');
  });
});
