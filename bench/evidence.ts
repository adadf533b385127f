import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { BenchEnv } from './areas';
import { ms, row, section, stats, time } from './lib';

/** CPU time of one call (ms): on the shared bench machine wall time mostly measures the other load. */
const cpuTime = (fn: () => void): number => {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};
import { openDatabase } from '../main/db/open';
import { personEvidence } from '../main/services/evidence/evidence';
import { expiringEvidenceSummary, reviewList } from '../main/services/evidence/review';
import { random } from './synthetic-register';

// Eligibility evidence (issue 16) on a copy of the bench register: every person in a group that needs a
// record gets facts (households on the 2026 poor list, 70% also on the 2027 list, some near-poor; disability
// certificates of either level; student status ending in June 2026 or May 2027; ~10% none). Measures the
// yearly review of 15/12/2026 against the 2027 list, the to-do item (runs after every write) and one
// person's section.

export async function benchEvidence(env: BenchEnv): Promise<void> {
  section(`Eligibility evidence and the yearly review (register of ${env.people.toLocaleString('vi-VN')} people)`);
  const copy = join(env.dir, 'evidence-bench.sqlite');
  const source = new Database(env.registerPath, { readonly: true });
  source.exec(`VACUUM INTO '${copy.replace(/'/g, "''")}'`);
  source.close();

  const db = new Database(copy);
  const rows = db
    .prepare(
      `SELECT e.person_id AS person, t.group_code AS code FROM entitlements e JOIN entitlement_terms t ON t.entitlement_id = e.id
       WHERE t.effective_from = (SELECT MAX(effective_from) FROM entitlement_terms WHERE entitlement_id = e.id)`,
    )
    .all() as Array<{ person: number; code: string }>;
  const insert = db.prepare(
    `INSERT INTO eligibility_evidence (person_id, kind, level, list_year, issuer, issued_date, valid_until, recorded_at)
     VALUES (?, ?, ?, ?, 'UBND phường', ?, ?, '2026-12-01T00:00:00Z')`,
  );
  const next = random(16);
  let facts = 0;
  db.transaction(() => {
    for (const { person, code } of rows) {
      if (next() < 0.1) continue;
      if (/^BTXH-(4|5A1|5A2|5B|5D|8|3A|3B|7)$/.test(code)) {
        insert.run(person, 'household', 'poor', 2026, null, '2026-12-31');
        facts++;
        if (next() < 0.7) {
          insert.run(person, 'household', next() < 0.9 ? 'poor' : 'near_poor', 2027, null, '2027-12-31');
          facts++;
        }
      } else if (/^BTXH-6/.test(code)) {
        insert.run(
          person,
          'disability',
          next() < 0.9 === /^BTXH-6[AB]$/.test(code) ? 'especially_severe' : 'severe',
          null,
          '2019-05-10',
          null,
        );
        facts++;
      } else if (code === 'BTXH-2') {
        insert.run(person, 'student', '', null, '2025-09-01', next() < 0.3 ? '2026-06-30' : '2027-05-31');
        facts++;
      }
    }
  })();
  db.close();
  row('facts recorded', facts.toLocaleString('vi-VN'));

  const store = openDatabase(copy, { appVersion: 'bench' }).store;
  let listed = 0;
  let examined = 0;
  const review: number[] = [];
  const reviewCpu: number[] = [];
  const once = () => {
    const list = reviewList({ store }, { date: '2026-12-15', listYear: 2027 });
    listed = list.rows.length;
    examined = list.examined;
  };
  for (let i = 0; i < 5; i++) {
    review.push(time(once));
    reviewCpu.push(cpuTime(once));
  }
  row(
    `yearly review (${examined.toLocaleString('vi-VN')} examined, ${listed.toLocaleString('vi-VN')} listed), median of 5`,
    `${ms(stats(review).median)} ms (CPU ${ms(stats(reviewCpu).median)} ms)`,
  );
  const now = new Date('2026-12-10T09:00:00+07:00');
  let count = 0;
  const todo: number[] = [];
  for (let i = 0; i < 7; i++) todo.push(time(() => (count = expiringEvidenceSummary({ store, now }).count)));
  row(
    `to-do item (${count.toLocaleString('vi-VN')} facts ending within 30 days), median of 7`,
    `${ms(stats(todo).median)} ms`,
  );
  const person = rows[Math.floor(rows.length / 2)]!.person;
  const one: number[] = [];
  for (let i = 0; i < 7; i++) one.push(time(() => personEvidence({ store, now }, person)));
  row("one person's evidence section, median of 7", `${ms(stats(one).median)} ms`);
  store.close();
}
