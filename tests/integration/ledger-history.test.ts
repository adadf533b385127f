import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WriteResult } from '@shared/api/register';
import { addMonths, monthRange } from '@shared/domain/dates';
import { computeAmounts, loadReference, loadStates } from '../../main/services/register/amounts';
import { tempDir } from '../support/temp';
import { decision, enrollNew, testCore, type TestCore } from '../support/register';
import { submitAndApprove } from '../support/payroll-review';

// Histories of many months through the app core on a real SQLite file: decisions entered late,
// back-dated group changes and second groups, deaths recorded late, suspensions; every month built,
// rebuilt and approved. The oracle is independent of the ledger: what the register owes is
// computeAmounts per person and month; what was paid is the sum of approved service-month rows.

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

type Action =
  | { kind: 'enroll'; group: 'BTXH-5C' | 'BTXH-6D' | 'BTXH-1A'; back: number }
  | { kind: 'adjust'; who: number; group: 'BTXH-5C' | 'BTXH-6D'; back: number }
  | { kind: 'second'; who: number; back: number }
  | { kind: 'death'; who: number; back: number }
  | { kind: 'suspend'; who: number; back: number }
  | { kind: 'resume'; who: number }
  | { kind: 'skip' };

const BIRTH: Record<string, string> = { 'BTXH-5C': '1936', 'BTXH-6D': '1950', 'BTXH-1A': '10/05/2023' };

interface World {
  core: TestCore;
  people: Array<{ id: number; entitlementId: number; start: string; dead: boolean }>;
}

const at = (month: string) => `${month}-15T09:00:00+07:00`;
const maxMonth = (a: string, b: string) => (a > b ? a : b);

/** Applies one action in `month` (as entered that month); refusals of the register are part of the game. */
async function apply(w: World, month: string, a: Action, first: string): Promise<void> {
  const { core } = w;
  core.setNow(at(month));
  const eff = (back: number, floor: string) => maxMonth(maxMonth(addMonths(month, -back), first), floor);
  const living = w.people.filter((p) => !p.dead);
  const pick = (who: number) => living[who % Math.max(1, living.length)];
  if (a.kind === 'enroll') {
    const start = eff(a.back, first);
    const r = await core.call(
      'register.enroll',
      enrollNew({ fullName: `Người ${w.people.length + 1}`, birthDate: BIRTH[a.group] }, 'BTXH', a.group, start),
    );
    if (r.ok)
      w.people.push({
        id: (r.value as WriteResult).personId,
        entitlementId: (r.value as WriteResult).entitlementId!,
        start,
        dead: false,
      });
    return;
  }
  if (a.kind === 'skip') return;
  const p = pick(a.who);
  if (!p) return;
  if (a.kind === 'adjust')
    await core.call('register.decide', {
      entitlementId: p.entitlementId,
      kind: 'adjust',
      groupCode: a.group,
      decision: decision(eff(a.back, p.start)),
    });
  else if (a.kind === 'second') {
    await core.call('register.enroll', {
      person: { existingId: p.id },
      programme: 'BTXH',
      groupCode: 'BTXH-6D',
      decision: decision(eff(a.back, p.start)),
    });
  } else if (a.kind === 'suspend')
    await core.call('register.decide', {
      entitlementId: p.entitlementId,
      kind: 'suspend',
      decision: decision(eff(a.back, p.start)),
    });
  else if (a.kind === 'resume')
    await core.call('register.decide', { entitlementId: p.entitlementId, kind: 'resume', decision: decision(month) });
  else if (a.kind === 'death') {
    const m = eff(a.back, p.start);
    const r = await core.call('register.recordDeath', {
      personId: p.id,
      deathDate: `10/${m.slice(5, 7)}/${m.slice(0, 4)}`,
      decision: {
        number: '1/QĐ',
        signedDate: `15/${month.slice(5, 7)}/${month.slice(0, 4)}`,
        signer: 'Chủ tịch',
        reason: '',
      },
      funeral: { payeeName: 'Người lo mai táng', multiplier: 20 },
    });
    if (r.ok) p.dead = true;
  }
}

/** Builds the month, rebuilds it (same lines, same total), approves it. */
async function payMonth(core: TestCore, month: string): Promise<void> {
  core.setNow(at(month));
  const first = await core.job('payroll.build', { month });
  const again = await core.job('payroll.build', { month });
  expect(again.payrolls.map((p) => [p.id, p.lineCount, p.totalVnd])).toEqual(
    first.payrolls.map((p) => [p.id, p.lineCount, p.totalVnd]),
  );
  for (const p of again.payrolls) if (p.lineCount > 0) await submitAndApprove(core, p.id);
}

interface Cell {
  owed: number;
  paid: number;
  settled: number;
}

/** person|month → both sides of the social allowance, by the independent oracle. */
function oracle(core: TestCore, people: number[], months: string[]): Map<string, Cell> {
  const store = core.store!;
  const ref = loadReference(store);
  const cells = new Map<string, Cell>();
  const cell = (k: string) => cells.get(k) ?? (cells.set(k, { owed: 0, paid: 0, settled: 0 }), cells.get(k)!);
  for (const m of months)
    for (const a of computeAmounts(ref, loadStates(store, m, people), m))
      if (a.programme === 'BTXH') cell(`${a.personId}|${m}`).owed += a.amountVnd;
  for (const r of store.sqlite
    .prepare(
      "SELECT m.person_id, m.service_month, SUM(m.amount_vnd) AS s FROM payroll_line_months m JOIN payrolls p ON p.id = m.payroll_id AND p.status = 'approved' WHERE m.component = 'allowance' GROUP BY 1, 2",
    )
    .all() as Array<{ person_id: number; service_month: string; s: number }>) {
    cell(`${r.person_id}|${r.service_month}`).paid += r.s;
  }
  for (const r of store.sqlite
    .prepare(
      "SELECT r.person_id, rm.service_month, SUM(rm.amount_vnd) AS s FROM ledger_recoveries r JOIN ledger_recovery_months rm ON rm.recovery_id = r.id WHERE r.method IN ('refund','waive') GROUP BY 1, 2",
    )
    .all() as Array<{ person_id: number; service_month: string; s: number }>) {
    cell(`${r.person_id}|${r.service_month}`).settled += r.s;
  }
  return cells;
}

function noBadLines(core: TestCore): void {
  const db = core.store!.sqlite;
  expect(
    db.prepare("SELECT COUNT(*) AS n FROM payroll_lines WHERE kind = 'arrears' AND amount_vnd <= 0").get(),
  ).toEqual({ n: 0 });
  expect(
    db.prepare('SELECT COUNT(*) AS n FROM payroll_line_months WHERE amount_vnd < 0 AND recovery_id IS NULL').get(),
  ).toEqual({ n: 0 });
  // Every line's months add up to the line (a carried line pays nothing new).
  expect(
    db
      .prepare(
        "SELECT COUNT(*) AS n FROM payroll_lines l WHERE l.kind <> 'carryover' AND l.amount_vnd <> (SELECT COALESCE(SUM(m.amount_vnd), 0) FROM payroll_line_months m WHERE m.line_id = l.id)",
      )
      .get(),
  ).toEqual({ n: 0 });
}

/** Names an heir for every deceased person and refunds every overpayment listed: the ledger then closes. */
async function settleEverything(w: World, month: string): Promise<void> {
  const { core } = w;
  core.setNow(at(month));
  for (const p of w.people) {
    const l = await core.ok('ledger.person', { personId: p.id });
    if (p.dead && !l.heir) {
      await core.ok('ledger.nameHeir', {
        personId: p.id,
        fullName: 'Người Thừa Kế',
        relationship: 'Con',
        paperKind: 'Văn bản thỏa thuận phân chia di sản',
        paperNumber: '1',
        paperDate: `20/${month.slice(5, 7)}/${month.slice(0, 4)}`,
        method: 'CASH_WARD',
      });
    }
    for (const o of l.overpayments) {
      if (o.openVnd > 0)
        await core.ok('ledger.recordRecovery', {
          personId: p.id,
          component: o.component,
          fromMonth: o.fromMonth,
          toMonth: o.toMonth,
          method: 'refund',
          paperNumber: 'BL',
          paperDate: `20/${month.slice(5, 7)}/${month.slice(0, 4)}`,
        });
    }
  }
}

const seeded = (seed: number) => {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
};

describe('the ledger over a history', () => {
  it('3 years, every month built twice and approved: after the last payroll, paid = owed for every person and month', async () => {
    const core = testCore(dir, at('2024-01'));
    try {
      const w: World = { core, people: [] };
      const first = '2024-01';
      const months = monthRange(first, '2026-12');
      const rnd = seeded(20240101);
      const int = (n: number) => Math.floor(rnd() * n);
      for (const month of months) {
        const actions: Action[] = [
          { kind: 'enroll', group: (['BTXH-5C', 'BTXH-6D', 'BTXH-1A'] as const)[int(3)]!, back: int(5) },
        ];
        if (rnd() < 0.5)
          actions.push({ kind: 'adjust', who: int(100), group: rnd() < 0.5 ? 'BTXH-5C' : 'BTXH-6D', back: int(4) });
        if (rnd() < 0.25) actions.push({ kind: 'second', who: int(100), back: int(4) });
        if (rnd() < 0.3) actions.push({ kind: 'death', who: int(100), back: int(5) });
        if (rnd() < 0.2) actions.push({ kind: 'suspend', who: int(100), back: int(3) });
        if (rnd() < 0.2) actions.push({ kind: 'resume', who: int(100) });
        for (const a of actions) await apply(w, month, a, first);
        await payMonth(core, month);
      }
      noBadLines(core);
      // What is still open is listed: overpayments and money held for heirs; then settle and pay once more.
      await settleEverything(w, '2027-01');
      await payMonth(core, '2027-01');
      noBadLines(core);
      const all = [...months, '2027-01'];
      const cells = oracle(
        core,
        w.people.map((p) => p.id),
        all,
      );
      const wrong = [...cells].filter(([, c]) => c.owed !== c.paid - c.settled);
      expect(wrong).toEqual([]);
      const owed = [...cells.values()].reduce((s, c) => s + c.owed, 0);
      expect(owed).toBeGreaterThan(100_000_000);
      expect(w.people.filter((p) => p.dead).length).toBeGreaterThan(3);
      // The history exercised the ledger: late and back-dated arrears, overpayments recovered, heirs paid.
      const db = core.store!.sqlite;
      const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      expect(
        count("SELECT COUNT(*) AS n FROM payroll_lines WHERE kind = 'arrears' AND ledger_reason = 'late_decision'"),
      ).toBeGreaterThan(5);
      expect(
        count("SELECT COUNT(*) AS n FROM payroll_lines WHERE kind = 'arrears' AND ledger_reason = 'backdated_change'"),
      ).toBeGreaterThan(1);
      expect(count('SELECT COUNT(*) AS n FROM ledger_recoveries')).toBeGreaterThan(3);
      expect(count('SELECT COUNT(*) AS n FROM payroll_lines WHERE heir_id IS NOT NULL')).toBeGreaterThan(0);
      expect(count("SELECT COUNT(*) AS n FROM payrolls WHERE status = 'approved'")).toBe(37);
    } finally {
      core.close();
    }
  }, 240_000);

  it('property: for random sequences of decisions and approvals, paid − owed = overpayments listed − money held, never a negative arrears line', async () => {
    const action: fc.Arbitrary<Action> = fc.oneof(
      fc.record({
        kind: fc.constant('enroll' as const),
        group: fc.constantFrom('BTXH-5C' as const, 'BTXH-6D' as const, 'BTXH-1A' as const),
        back: fc.nat(4),
      }),
      fc.record({
        kind: fc.constant('adjust' as const),
        who: fc.nat(9),
        group: fc.constantFrom('BTXH-5C' as const, 'BTXH-6D' as const),
        back: fc.nat(4),
      }),
      fc.record({ kind: fc.constant('second' as const), who: fc.nat(9), back: fc.nat(4) }),
      fc.record({ kind: fc.constant('death' as const), who: fc.nat(9), back: fc.nat(4) }),
      fc.record({ kind: fc.constant('suspend' as const), who: fc.nat(9), back: fc.nat(3) }),
      fc.record({ kind: fc.constant('resume' as const), who: fc.nat(9) }),
      fc.constant({ kind: 'skip' as const }),
    );
    // Per month: the actions, then approve (true) or leave the month unpaid (false).
    const history = fc.array(fc.record({ actions: fc.array(action, { maxLength: 3 }), approve: fc.boolean() }), {
      minLength: 3,
      maxLength: 8,
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(history, async (steps) => {
        const core = testCore(dir, at('2025-01'), `p${run++}.sqlite`);
        try {
          const w: World = { core, people: [] };
          const first = '2025-01';
          const months = steps.map((_, i) => addMonths(first, i));
          // Someone is paid in the first month: the ledger opens there (before it, months were paid outside the app).
          await apply(w, first, { kind: 'enroll', group: 'BTXH-5C', back: 0 }, first);
          for (const [i, step] of steps.entries()) {
            for (const a of step.actions) await apply(w, months[i]!, a, first);
            if (step.approve || i === 0 || i === steps.length - 1) await payMonth(core, months[i]!);
          }
          noBadLines(core);
          const last = months[months.length - 1]!;
          const cells = oracle(
            core,
            w.people.map((p) => p.id),
            months,
          );
          let overpaid = 0;
          let held = 0;
          core.setNow(at(addMonths(last, 1)));
          for (const p of w.people) {
            const l = await core.ok('ledger.person', { personId: p.id });
            overpaid += l.overpayments.filter((o) => o.component === 'allowance').reduce((s, o) => s + o.openVnd, 0);
            held += l.heldForHeir.filter((h) => h.component === 'allowance').reduce((s, h) => s + h.amountVnd, 0);
          }
          const paid = [...cells.values()].reduce((s, c) => s + c.paid - c.settled, 0);
          const owed = [...cells.values()].reduce((s, c) => s + c.owed, 0);
          expect(paid - owed).toBe(overpaid - held);
          // Every positive difference left is a deceased's held money; every negative one is listed.
          for (const [key, c] of cells) {
            const d = c.owed - (c.paid - c.settled);
            if (d > 0) expect(w.people.find((p) => p.id === Number(key.split('|')[0]))?.dead).toBe(true);
          }
        } finally {
          core.close();
        }
      }),
      { numRuns: 25 },
    );
  }, 240_000);
});
