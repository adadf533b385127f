import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LINE_STATUSES as RESULT_LINE_STATUSES } from '@shared/api/payroll-results';
import { LINE_STATUSES } from '@shared/api/payroll';
import { PAYOUT_METHODS, PERSON_STATUSES, PROGRAMME_CODES } from '@shared/api/register';
import { ROUND_LINE_STATUSES } from '@shared/api/round-results';
import { parseCsvRecords } from '@shared/domain/csv';
import {
  LINE_STATUS_LABELS,
  METHOD_LABELS,
  METHOD_ORDER,
  METHOD_SHORT,
  PAYROLL_STATUS_LABELS,
  PERSON_STATUS_LABELS,
  PROGRAMME_LABELS,
  PROGRAMME_SHORT,
  ROUND_LINE_STATUS_LABELS,
  TERM_STATUS_LABELS,
} from '@shared/domain/labels';

// Every code of a payout method, a status or a programme has its words in shared/domain/labels.ts, taken
// from the three places codes come from: the contract's lists, the schema's CHECK lists, the reference data.

const ROOT = join(__dirname, '../..');
const MIGRATIONS = join(ROOT, 'main/db/migrations');
const migrationText = readdirSync(MIGRATIONS)
  .filter((f) => /^\d+.*\.ts$/.test(f))
  .map((f) => readFileSync(join(MIGRATIONS, f), 'utf8'))
  .join('\n');

function expectLabelled(table: Record<string, string>, codes: readonly string[], what: string) {
  for (const code of codes) expect(table[code]?.trim(), `${what}: ${code}`).toBeTruthy();
}

/** `table.column` → the codes of its `CHECK (column IN (...))`, from CREATE TABLE and ALTER TABLE. */
function checkLists(sql: string): Map<string, string[]> {
  const lists = new Map<string, string[]>();
  const add = (table: string, body: string) => {
    for (const m of body.matchAll(/\b(\w+)\s+TEXT\b[^\n]*?CHECK \(\1 IN \(([^)]*)\)\)/g)) {
      lists.set(
        `${table}.${m[1]}`,
        [...m[2]!.matchAll(/'([^']*)'/g)].map((c) => c[1]!),
      );
    }
  };
  for (const m of sql.matchAll(/CREATE TABLE (\w+) \(([\s\S]*?)\n\);/g)) add(m[1]!, m[2]!);
  for (const m of sql.matchAll(/ALTER TABLE (\w+) ADD COLUMN ([^;\n]*)/g)) add(m[1]!, m[2]!);
  return lists;
}

describe('labels of codes, defined once in shared/', () => {
  it("covers every code of the contract's lists, and nothing else", () => {
    expect(Object.keys(METHOD_LABELS).sort()).toEqual([...PAYOUT_METHODS].sort());
    expect(Object.keys(METHOD_SHORT).sort()).toEqual([...PAYOUT_METHODS].sort());
    expect([...METHOD_ORDER].sort()).toEqual([...PAYOUT_METHODS].sort());
    expect(Object.keys(PROGRAMME_LABELS).sort()).toEqual([...PROGRAMME_CODES].sort());
    expect(Object.keys(PROGRAMME_SHORT).sort()).toEqual([...PROGRAMME_CODES].sort());
    expect(Object.keys(PERSON_STATUS_LABELS).sort()).toEqual([...PERSON_STATUSES].sort());
    expect(Object.keys(LINE_STATUS_LABELS).sort()).toEqual([...LINE_STATUSES].sort());
    expect(Object.keys(ROUND_LINE_STATUS_LABELS).sort()).toEqual([...ROUND_LINE_STATUSES].sort());
    expect([...RESULT_LINE_STATUSES].sort()).toEqual([...LINE_STATUSES].sort());
    const all = [
      METHOD_LABELS,
      METHOD_SHORT,
      PROGRAMME_LABELS,
      PROGRAMME_SHORT,
      PERSON_STATUS_LABELS,
      TERM_STATUS_LABELS,
      PAYROLL_STATUS_LABELS,
      LINE_STATUS_LABELS,
      ROUND_LINE_STATUS_LABELS,
    ];
    for (const table of all) expectLabelled(table, Object.keys(table), 'label');
  });

  it("covers every code the schema's CHECK lists allow", () => {
    const lists = checkLists(migrationText);
    const wanted: Array<[string, Record<string, string>]> = [
      ['payout_methods.method', METHOD_LABELS],
      ['payroll_lines.method', METHOD_LABELS],
      ['payrolls.status', PAYROLL_STATUS_LABELS],
      ['payroll_lines.status', LINE_STATUS_LABELS],
      ['payment_attempts.status', LINE_STATUS_LABELS],
      ['round_payment_attempts.status', ROUND_LINE_STATUS_LABELS],
      ['entitlement_terms.status', TERM_STATUS_LABELS],
      ['register_summary.status', PERSON_STATUS_LABELS],
    ];
    for (const [column, table] of wanted) {
      const codes = lists.get(column);
      expect(codes, `CHECK list of ${column}`).toBeDefined();
      expect(codes!.length).toBeGreaterThan(1);
      expectLabelled(table, codes!, column);
    }
  });

  it('names the programmes exactly as the reference data does', () => {
    const seeded = [...migrationText.matchAll(/\['(\w+)', '([^']+)', '(?:coefficient|recorded)', \d+\]/g)].map((m) => [
      m[1]!,
      m[2]!,
    ]);
    expect(seeded.map(([code]) => code).sort()).toEqual([...PROGRAMME_CODES].sort());
    for (const [code, name] of seeded) expect(PROGRAMME_LABELS[code as keyof typeof PROGRAMME_LABELS]).toBe(name);
    // Groups are named in the reference data itself; each of their programmes has a name here.
    const groups = parseCsvRecords(readFileSync(join(ROOT, 'shared/reference/allowance-groups.csv'), 'utf8'));
    expect(groups.length).toBeGreaterThan(10);
    for (const g of groups) {
      expect(g.label_vi?.trim(), g.code).toBeTruthy();
      expectLabelled(PROGRAMME_LABELS, [g.programme!], `programme of group ${g.code}`);
    }
  });

  it('is not defined a second time anywhere in main/, renderer/ or shared/', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) return files(path);
        return /\.(ts|tsx)$/.test(name) ? [path] : [];
      });
    const copies = ['main', 'renderer/src', 'shared']
      .flatMap((dir) => files(join(ROOT, dir)))
      .filter((path) => !path.endsWith(join('shared', 'domain', 'labels.ts')))
      .flatMap((path) =>
        [
          ...readFileSync(path, 'utf8').matchAll(
            /\b(CASH_WARD|POST_OFFICE|OWN_ACCOUNT|AUTHORIZED_ACCOUNT|BTXH_CARE|HTXH|pending|not_collected|deceased|approved)\s*:\s*'([^']*)'/g,
          ),
        ]
          .filter((m) => /[^ -~]/.test(m[2]!)) // a Vietnamese word, not a code mapping
          .map((m) => `${path.slice(ROOT.length + 1)}: ${m[0]}`),
      );
    expect(copies).toEqual([]);
  });
});
