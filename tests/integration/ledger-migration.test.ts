import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../main/db/migrate';
import { tempDir } from '../support/temp';
import { testCore } from '../support/register';
import { submitAndApprove } from '../support/payroll-review';

// Migration 007 on a register made at version 006 with approved payrolls: approved lines become the
// paid side and nothing approved changes; old arrears items are superseded (grants: the ledger pays
// those months) or kept (other decisions, whose months stay settled by the item); the next build pays
// exactly what is still owed.

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

function registerAt006(path: string): void {
  const db = new Database(path);
  db.pragma('foreign_keys = ON');
  migrate(db, { appVersion: 'test', target: 6 });
  const person = db.prepare(
    "INSERT INTO people (full_name, given_name, search_key, sort_key, birth_date, birth_precision, birth_year, created_at, updated_at) VALUES (?, ?, ?, ?, '1936', 'year', 1936, ?, ?)",
  );
  const decision = db.prepare(
    "INSERT INTO decisions (person_id, programme_code, kind, effective_month, created_at, entitlement_id) VALUES (?, 'BTXH', ?, ?, ?, ?)",
  );
  const entitlement = db.prepare(
    "INSERT INTO entitlements (person_id, programme_code, start_month, grant_decision_id, created_at) VALUES (?, 'BTXH', ?, ?, ?)",
  );
  const term = db.prepare(
    "INSERT INTO entitlement_terms (entitlement_id, effective_from, status, group_code, decision_id) VALUES (?, ?, 'active', ?, ?)",
  );
  const enroll = (name: string, start: string, enteredAt: string, group = 'BTXH-5C') => {
    const pid = Number(
      person.run(name, name.split(' ').pop(), name.toLowerCase(), name.toLowerCase(), enteredAt, enteredAt)
        .lastInsertRowid,
    );
    const did = Number(decision.run(pid, 'grant', start, enteredAt, null).lastInsertRowid);
    const eid = Number(entitlement.run(pid, start, did, enteredAt).lastInsertRowid);
    db.prepare('UPDATE decisions SET entitlement_id = ? WHERE id = ?').run(eid, did);
    term.run(eid, start, group, did);
    return { pid, eid, did };
  };
  const a = enroll('Nguyễn Văn An', '2026-07', '2026-07-05T02:00:00Z');
  const b = enroll('Trần Văn Bình', '2026-06', '2026-09-05T02:00:00Z'); // grant entered late, arrears not yet paid
  const c = enroll('Lê Văn Cường', '2026-07', '2026-07-05T02:00:00Z');
  const d = enroll('Phạm Văn Dũng', '2026-06', '2026-08-05T02:00:00Z'); // grant entered late, arrears paid in August
  // C raised to 6D from 07/2026 in September: an unpaid arrears item of an adjust decision.
  const adj = Number(decision.run(c.pid, 'adjust', '2026-07', '2026-09-05T02:00:00Z', c.eid).lastInsertRowid);
  db.prepare("UPDATE entitlement_terms SET group_code = 'BTXH-6D', decision_id = ? WHERE entitlement_id = ?").run(
    adj,
    c.eid,
  );
  const item = db.prepare(
    "INSERT INTO one_off_items (person_id, entitlement_id, kind, amount_vnd, due_month, decision_id, note, months_from, months_to, created_at) VALUES (?, ?, 'arrears', ?, ?, ?, 'Truy lĩnh', ?, ?, ?)",
  );
  item.run(b.pid, b.eid, 1_500_000, '2026-09', b.did, '2026-06', '2026-08', '2026-09-05T02:00:00Z');
  item.run(c.pid, c.eid, 1_000_000, '2026-09', adj, '2026-07', '2026-08', '2026-09-05T02:00:00Z');
  const dItem = Number(
    item.run(d.pid, d.eid, 1_000_000, '2026-08', d.did, '2026-06', '2026-07', '2026-08-05T02:00:00Z').lastInsertRowid,
  );
  // Approved payrolls of July and August (C was then 5C: 500,000).
  const payroll = db.prepare(
    "INSERT INTO payrolls (month, programme_code, status, built_at) VALUES (?, 'BTXH', 'draft', '2026-08-01T00:00:00Z')",
  );
  const line = db.prepare(
    "INSERT INTO payroll_lines (payroll_id, line_no, person_id, entitlement_id, one_off_item_id, kind, full_name, amount_vnd, method) VALUES (?, ?, ?, ?, ?, ?, 'x', ?, 'CASH_WARD')",
  );
  const jul = Number(payroll.run('2026-07').lastInsertRowid);
  line.run(jul, 1, a.pid, a.eid, null, 'regular', 500_000);
  line.run(jul, 2, c.pid, c.eid, null, 'regular', 500_000);
  const aug = Number(payroll.run('2026-08').lastInsertRowid);
  line.run(aug, 1, a.pid, a.eid, null, 'regular', 500_000);
  line.run(aug, 2, c.pid, c.eid, null, 'regular', 500_000);
  line.run(aug, 3, d.pid, d.eid, null, 'regular', 500_000);
  line.run(aug, 4, d.pid, d.eid, dItem, 'arrears', 1_000_000);
  db.prepare("UPDATE payrolls SET status = 'approved', line_count = 2, total_vnd = 1000000 WHERE id = ?").run(jul);
  db.prepare("UPDATE payrolls SET status = 'approved', line_count = 4, total_vnd = 2500000 WHERE id = ?").run(aug);
  // A September draft built before the upgrade.
  const sep = Number(payroll.run('2026-09').lastInsertRowid);
  line.run(sep, 1, a.pid, a.eid, null, 'regular', 500_000);
  db.close();
}

describe('migration 007: approved payrolls become the paid side', () => {
  it('maps approved lines to their service months, changes nothing approved, and the next builds pay exactly what is owed', async () => {
    const path = join(dir, 'so.sqlite');
    registerAt006(path);
    const db = new Database(path);
    const approvedBefore = db
      .prepare(
        "SELECT l.* FROM payroll_lines l JOIN payrolls p ON p.id = l.payroll_id WHERE p.status = 'approved' ORDER BY l.id",
      )
      .all();
    const payrollsBefore = db
      .prepare("SELECT id, month, status, total_vnd FROM payrolls WHERE status = 'approved'")
      .all();
    migrate(db, { appVersion: 'test', target: 7 });
    expect(
      db
        .prepare(
          "SELECT l.id, l.payroll_id, l.person_id, l.kind, l.amount_vnd, l.method, l.status FROM payroll_lines l JOIN payrolls p ON p.id = l.payroll_id WHERE p.status = 'approved' ORDER BY l.id",
        )
        .all(),
    ).toEqual(
      (approvedBefore as Array<Record<string, unknown>>).map((l) => ({
        id: l.id,
        payroll_id: l.payroll_id,
        person_id: l.person_id,
        kind: l.kind,
        amount_vnd: l.amount_vnd,
        method: l.method,
        status: l.status,
      })),
    );
    expect(db.prepare("SELECT id, month, status, total_vnd FROM payrolls WHERE status = 'approved'").all()).toEqual(
      payrollsBefore,
    );
    expect(
      db
        .prepare(
          "SELECT m.person_id, m.component, m.service_month, m.amount_vnd FROM payroll_line_months m JOIN payrolls p ON p.id = m.payroll_id WHERE p.status = 'approved' ORDER BY m.id",
        )
        .all(),
    ).toEqual([
      { person_id: 1, component: 'allowance', service_month: '2026-07', amount_vnd: 500_000 },
      { person_id: 3, component: 'allowance', service_month: '2026-07', amount_vnd: 500_000 },
      { person_id: 1, component: 'allowance', service_month: '2026-08', amount_vnd: 500_000 },
      { person_id: 3, component: 'allowance', service_month: '2026-08', amount_vnd: 500_000 },
      { person_id: 4, component: 'allowance', service_month: '2026-08', amount_vnd: 500_000 },
      { person_id: 4, component: 'other', service_month: '2026-08', amount_vnd: 1_000_000 },
    ]);
    expect(db.prepare('SELECT person_id, superseded FROM one_off_items ORDER BY id').all()).toEqual([
      { person_id: 2, superseded: 1 },
      { person_id: 3, superseded: 0 },
      { person_id: 4, superseded: 0 },
    ]);
    expect(db.prepare('SELECT entitlement_id, from_month FROM ledger_opening ORDER BY entitlement_id').all()).toEqual([
      { entitlement_id: 3, from_month: '2026-09' },
      { entitlement_id: 4, from_month: '2026-08' },
    ]);
    db.close();

    const core = testCore(dir, '2026-09-15T09:00:00+07:00');
    try {
      const built = await core.job('payroll.build', { month: '2026-09', programmes: ['BTXH'] });
      const sep = built.payrolls[0]!.id;
      expect(built.payrolls[0]!.replaced).toBe(true);
      const rows = (id: number) =>
        core
          .store!.sqlite.prepare(
            'SELECT person_id, kind, amount_vnd, period_from, period_to FROM payroll_lines WHERE payroll_id = ? ORDER BY person_id, line_no',
          )
          .all(id);
      expect(rows(sep)).toEqual([
        { person_id: 1, kind: 'regular', amount_vnd: 500_000, period_from: null, period_to: null },
        // B: the superseded grant arrears are paid by the ledger, June to August.
        { person_id: 2, kind: 'regular', amount_vnd: 500_000, period_from: null, period_to: null },
        { person_id: 2, kind: 'arrears', amount_vnd: 1_500_000, period_from: '2026-06', period_to: '2026-08' },
        // C: the old adjust item pays July–August; the ledger adds nothing for those months.
        { person_id: 3, kind: 'regular', amount_vnd: 1_000_000, period_from: null, period_to: null },
        { person_id: 3, kind: 'arrears', amount_vnd: 1_000_000, period_from: null, period_to: null },
        { person_id: 4, kind: 'regular', amount_vnd: 500_000, period_from: null, period_to: null },
      ]);
      await submitAndApprove(core, sep);
      core.setNow('2026-10-15T09:00:00+07:00');
      const oct = (await core.job('payroll.build', { month: '2026-10', programmes: ['BTXH'] })).payrolls[0]!;
      expect(oct.totalVnd).toBe(500_000 + 500_000 + 1_000_000 + 500_000);
      expect(rows(oct.id)).toHaveLength(4);
    } finally {
      core.close();
    }
  });
});
