import type { Selectable } from 'kysely';
import type { Store } from '../../db/store';
import type { DecisionsTable, PeopleTable, ProgrammesTable } from '../../db/schema';
import type { Month } from '@shared/domain/dates';

// The reports' SQL (issue 13): the register read once per period (entitlements with their people, all
// terms), the month's decisions, approved payroll money, one-off items. On the raw connection
// (better-sqlite3's own prepare, not the Store's cache), as before.

type Person = Selectable<PeopleTable>;

/** An entitlement with its holder's and its cared person's life dates. */
export interface EntitlementRow {
  entitlementId: number;
  personId: number;
  programme: string;
  startMonth: Month;
  endMonth: Month | null;
  birthDate: Person['birth_date'];
  birthPrecision: Person['birth_precision'];
  deathDate: Person['death_date'];
  caredPersonId: number | null;
  caredBirthDate: Person['birth_date'];
  caredBirthPrecision: Person['birth_precision'] | null;
  caredDeathDate: Person['death_date'];
  caredMovedAwayDate: Person['moved_away_date'];
}

/** A term of an entitlement with the sum of its components. */
export interface TermRow {
  entitlementId: number;
  termId: number;
  effectiveFrom: Month;
  status: 'active' | 'suspended' | 'stopped';
  groupCode: string | null;
  multiplier: number;
  componentsVnd: number;
}

const ENTITLEMENTS_SQL = `
SELECT e.id AS entitlementId, e.person_id AS personId, e.programme_code AS programme, e.start_month AS startMonth,
       e.end_month AS endMonth, p.birth_date AS birthDate, p.birth_precision AS birthPrecision, p.death_date AS deathDate,
       e.cared_person_id AS caredPersonId, cp.birth_date AS caredBirthDate, cp.birth_precision AS caredBirthPrecision,
       cp.death_date AS caredDeathDate, cp.moved_away_date AS caredMovedAwayDate
FROM entitlements e JOIN people p ON p.id = e.person_id LEFT JOIN people cp ON cp.id = e.cared_person_id ORDER BY e.id`;
const TERMS_SQL = `
SELECT t.entitlement_id AS entitlementId, t.id AS termId, t.effective_from AS effectiveFrom, t.status, t.group_code AS groupCode,
       COALESCE(t.multiplier, 1) AS multiplier, COALESCE(c.vnd, 0) AS componentsVnd
FROM entitlement_terms t
LEFT JOIN (SELECT term_id, SUM(amount_vnd) AS vnd FROM term_components GROUP BY term_id) c ON c.term_id = t.id
ORDER BY t.entitlement_id, t.effective_from`;

/** Every entitlement, by id. */
export function allEntitlements(store: Store): EntitlementRow[] {
  return store.sqlite.prepare(ENTITLEMENTS_SQL).all() as EntitlementRow[];
}

/** Every term, by entitlement then effective month. */
export function allTerms(store: Store): TermRow[] {
  return store.sqlite.prepare(TERMS_SQL).all() as TermRow[];
}

export function programmeNameRows(store: Store): Array<Pick<Selectable<ProgrammesTable>, 'code' | 'name_vi'>> {
  return store.sqlite.prepare('SELECT code, name_vi FROM programmes ORDER BY sort_order').all() as Array<
    Pick<Selectable<ProgrammesTable>, 'code' | 'name_vi'>
  >;
}

/** A decision taking effect in the month, with its person (changes report). */
export interface DecisionRow {
  kind: Selectable<DecisionsTable>['kind'];
  programme: string;
  number: string;
  signedDate: string | null;
  reason: string;
  entitlementId: number | null;
  personId: number;
  fullName: string;
  birthDate: Person['birth_date'];
  birthPrecision: Person['birth_precision'];
  citizenId: Person['citizen_id'];
  deathDate: Person['death_date'];
  movedAwayDate: Person['moved_away_date'];
  neighbourhood: string | null;
  imported: number;
}

const DECISIONS_SQL = `
SELECT d.kind, d.programme_code AS programme, d.number, d.signed_date AS signedDate, d.reason,
       COALESCE(d.entitlement_id, (SELECT e.id FROM entitlements e WHERE e.grant_decision_id = d.id)) AS entitlementId,
       p.id AS personId, p.full_name AS fullName, p.birth_date AS birthDate, p.birth_precision AS birthPrecision,
       p.citizen_id AS citizenId, p.death_date AS deathDate, p.moved_away_date AS movedAwayDate, n.name AS neighbourhood,
       EXISTS (SELECT 1 FROM imports i WHERE i.created_at = d.created_at AND i.as_of_month = d.effective_month) AS imported
FROM decisions d
JOIN people p ON p.id = d.person_id
LEFT JOIN neighbourhoods n ON n.id = p.neighbourhood_id
WHERE d.effective_month = @month
  -- A stop reversed by an undo and its reversal cancel out: neither is a change.
  AND d.reverses_decision_id IS NULL AND NOT EXISTS (SELECT 1 FROM decisions r WHERE r.reverses_decision_id = d.id)
ORDER BY p.sort_key, d.id`;

export function decisionsOfMonth(store: Store, month: Month): DecisionRow[] {
  return store.sqlite.prepare(DECISIONS_SQL).all({ month }) as DecisionRow[];
}

/** A person as the changes report lists them. */
export interface ChangePersonRow {
  personId: number;
  fullName: string;
  birthDate: Person['birth_date'];
  birthPrecision: Person['birth_precision'];
  citizenId: Person['citizen_id'];
  neighbourhood: string | null;
  sortKey: string;
}

const PEOPLE_SQL = `
SELECT p.id AS personId, p.full_name AS fullName, p.birth_date AS birthDate, p.birth_precision AS birthPrecision,
       p.citizen_id AS citizenId, n.name AS neighbourhood, p.sort_key AS sortKey
FROM people p LEFT JOIN neighbourhoods n ON n.id = p.neighbourhood_id WHERE p.id = ?`;

/** A person by id, the statement prepared once for the whole report. */
export function changePersonReader(store: Store): (personId: number) => ChangePersonRow {
  const statement = store.sqlite.prepare(PEOPLE_SQL);
  return (personId) => statement.get(personId) as ChangePersonRow;
}

export function approvedPayrollCount(store: Store, from: Month, to: Month): number {
  return store.sqlite
    .prepare("SELECT COUNT(*) FROM payrolls WHERE status = 'approved' AND month >= ? AND month <= ?")
    .pluck()
    .get(from, to) as number;
}

/** Approved and paid money of the approved payrolls of `from`..`to`, per programme and group ('' for none). */
export interface PayrollMoneyRow {
  programme: string;
  groupCode: string;
  approvedVnd: number;
  paidVnd: number;
}

const MONEY_SQL = `
SELECT pr.programme_code AS programme, COALESCE(pl.group_code, '') AS groupCode,
       SUM(pl.amount_vnd) AS approvedVnd,
       SUM(CASE WHEN pl.status = 'paid' THEN pl.amount_vnd ELSE 0 END) AS paidVnd
FROM payrolls pr JOIN payroll_lines pl ON pl.payroll_id = pr.id
WHERE pr.status = 'approved' AND pr.month >= @from AND pr.month <= @to
GROUP BY pr.programme_code, COALESCE(pl.group_code, '')`;

export function payrollMoneyRows(store: Store, from: Month, to: Month): PayrollMoneyRow[] {
  return store.sqlite.prepare(MONEY_SQL).all({ from, to }) as PayrollMoneyRow[];
}

/** Arrears or funeral support due in a month. */
export interface OneOffRow {
  personId: number;
  month: Month;
  amountVnd: number;
  kind: 'funeral' | 'arrears';
}

/** Arrears and funeral support of social assistance (not meritorious service), by the month they are due (ledger arrears: their payroll's month). */
export function oneOffRows(store: Store, from: Month, to: Month): OneOffRow[] {
  return store.sqlite
    .prepare(
      `SELECT o.person_id AS personId, o.due_month AS month, o.amount_vnd AS amountVnd, o.kind
       FROM one_off_items o LEFT JOIN entitlements e ON e.id = o.entitlement_id
       WHERE o.kind IN ('funeral','arrears') AND o.superseded = 0 AND o.due_month >= ? AND o.due_month <= ?
         AND (o.kind = 'funeral' OR e.programme_code IN ('BTXH','BTXH_CARE'))
       UNION ALL
       -- Arrears the ledger pays (owed − paid for earlier service months), in the month of the approved payroll.
       SELECT l.person_id, p.month, l.amount_vnd, 'arrears'
       FROM payroll_lines l JOIN payrolls p ON p.id = l.payroll_id
       WHERE p.status = 'approved' AND l.kind = 'arrears' AND l.one_off_item_id IS NULL AND p.month >= ? AND p.month <= ?
         AND p.programme_code IN ('BTXH','BTXH_CARE')`,
    )
    .all(from, to, from, to) as OneOffRow[];
}

export function maxPersonId(store: Store): number {
  return store.sqlite.prepare('SELECT COALESCE(MAX(id), 0) FROM people').pluck().get() as number;
}

/** An approved one-off round paid in the period (by its date), with its approved count and total. */
export interface RoundOfPeriodRow {
  roundId: number;
  name: string;
  basisNumber: string;
  basisDate: string;
  basisIssuer: string;
  roundDate: string;
  lineCount: number;
  totalVnd: number;
}

/** The approved rounds whose date falls in `from`..`to` (months), by date. Drafts and returned rounds are not money. */
export function approvedRoundsOfPeriod(store: Store, from: Month, to: Month): RoundOfPeriodRow[] {
  return store.sqlite
    .prepare(
      `SELECT id AS roundId, name, basis_number AS basisNumber, basis_date AS basisDate, basis_issuer AS basisIssuer,
              round_date AS roundDate, line_count AS lineCount, total_vnd AS totalVnd
       FROM rounds WHERE status = 'approved' AND substr(round_date, 1, 7) >= ? AND substr(round_date, 1, 7) <= ?
       ORDER BY round_date, id`,
    )
    .all(from, to) as RoundOfPeriodRow[];
}

/** Recipients and money of one round per programme and payout method (the method snapshotted on the line). */
export interface RoundMoneyRow {
  roundId: number;
  programme: string;
  method: 'CASH_WARD' | 'POST_OFFICE' | 'OWN_ACCOUNT' | 'AUTHORIZED_ACCOUNT';
  people: number;
  amountVnd: number;
}

export function approvedRoundMoney(store: Store, from: Month, to: Month): RoundMoneyRow[] {
  return store.sqlite
    .prepare(
      `SELECT r.id AS roundId, l.programme_code AS programme, l.method, COUNT(*) AS people, SUM(l.amount_vnd) AS amountVnd
       FROM rounds r JOIN round_lines l ON l.round_id = r.id
       WHERE r.status = 'approved' AND substr(r.round_date, 1, 7) >= ? AND substr(r.round_date, 1, 7) <= ?
       GROUP BY r.id, l.programme_code, l.method`,
    )
    .all(from, to) as RoundMoneyRow[];
}

/** An approved round of `from`..`to` with its recipients and money in some programmes (the summaries' rows). */
export interface RoundTotalRow {
  roundId: number;
  month: Month;
  /** Lines, which are distinct people (a person is once in a round). */
  people: number;
  amountVnd: number;
}

const ROUND_TOTALS_SQL = `
SELECT r.id AS roundId, substr(r.round_date, 1, 7) AS month, COUNT(*) AS people, SUM(l.amount_vnd) AS amountVnd
FROM rounds r JOIN round_lines l ON l.round_id = r.id
WHERE r.status = 'approved' AND substr(r.round_date, 1, 7) >= @from AND substr(r.round_date, 1, 7) <= @to
  AND l.programme_code IN (SELECT value FROM json_each(@programmes))
GROUP BY r.id
ORDER BY r.round_date, r.id`;

export function approvedRoundTotals(
  store: Store,
  from: Month,
  to: Month,
  programmes: readonly string[],
): RoundTotalRow[] {
  return store.sqlite
    .prepare(ROUND_TOTALS_SQL)
    .all({ from, to, programmes: JSON.stringify(programmes) }) as RoundTotalRow[];
}

/** Distinct recipients of the approved rounds in some programmes: in `to`, in `periodFrom`..`to`, in `yearFrom`..`to`. */
export interface RoundPeopleRow {
  people: number;
  peoplePeriod: number;
  peopleYear: number;
}

const ROUND_PEOPLE_SQL = `
SELECT COUNT(DISTINCT CASE WHEN substr(r.round_date, 1, 7) = @to THEN l.person_id END) AS people,
       COUNT(DISTINCT CASE WHEN substr(r.round_date, 1, 7) >= @periodFrom THEN l.person_id END) AS peoplePeriod,
       COUNT(DISTINCT CASE WHEN substr(r.round_date, 1, 7) >= @yearFrom THEN l.person_id END) AS peopleYear
FROM rounds r JOIN round_lines l ON l.round_id = r.id
WHERE r.status = 'approved' AND substr(r.round_date, 1, 7) >= @from AND substr(r.round_date, 1, 7) <= @to
  AND l.programme_code IN (SELECT value FROM json_each(@programmes))`;

export function approvedRoundPeople(
  store: Store,
  months: { from: Month; to: Month; periodFrom: Month; yearFrom: Month },
  programmes: readonly string[],
): RoundPeopleRow {
  return store.sqlite
    .prepare(ROUND_PEOPLE_SQL)
    .get({ ...months, programmes: JSON.stringify(programmes) }) as RoundPeopleRow;
}
