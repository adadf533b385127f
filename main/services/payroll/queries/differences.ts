import type { Store } from '../../../db/store';
import type { LineKind } from '@shared/api/payroll';

// The month-on-month differences' SQL (issue 13).

/** A line as the comparison reads it. */
export interface Lite {
  personId: number;
  fullName: string;
  neighbourhood: string;
  kind: LineKind;
  entitlementId: number | null;
  groupCode: string | null;
  coefficientMilli: number | null;
  standardVnd: number | null;
  components: string;
  amountVnd: number;
}

const LINE_SQL = `SELECT person_id AS personId, full_name AS fullName, neighbourhood_name AS neighbourhood, kind, entitlement_id AS entitlementId,
  group_code AS groupCode, coefficient_milli AS coefficientMilli, standard_vnd AS standardVnd, COALESCE(components_json, '') AS components, amount_vnd AS amountVnd
  FROM payroll_lines WHERE payroll_id = ? ORDER BY line_no`;

export function liteLines(store: Store, payrollId: number): Lite[] {
  return store.prepare(LINE_SQL).all(payrollId) as Lite[];
}

/** The month's payroll of the programme: the approved one, else the latest draft. */
export function payrollOfMonth(
  store: Store,
  month: string,
  programme: string,
): { id: number; status: 'approved' | 'draft' } | undefined {
  return store
    .prepare(
      "SELECT id, status FROM payrolls WHERE month = ? AND programme_code = ? ORDER BY status = 'approved' DESC, id DESC LIMIT 1",
    )
    .get(month, programme) as { id: number; status: 'approved' | 'draft' } | undefined;
}

/** Reads a person's death and moving-away dates, with one statement for many people. */
export function personLeavingReader(
  store: Store,
): (id: number) => { death_date: string | null; moved_away_date: string | null } | undefined {
  const statement = store.prepare('SELECT death_date, moved_away_date FROM people WHERE id = ?');
  return (id) => statement.get(id) as { death_date: string | null; moved_away_date: string | null } | undefined;
}

export interface EntitlementInfo {
  start_month: string;
  end_month: string | null;
  /** The status of its latest term by the month. */
  status: string | null;
  /** Its suspended terms by the month. */
  suspensions: number;
}

/** Reads an entitlement's months and its status in a month, with one statement for many entitlements. */
export function entitlementInfoReader(store: Store): (id: number, month: string) => EntitlementInfo | undefined {
  const statement = store.prepare(
    `SELECT e.start_month, e.end_month,
            (SELECT status FROM entitlement_terms t WHERE t.entitlement_id = e.id AND t.effective_from <= @month ORDER BY effective_from DESC LIMIT 1) AS status,
            (SELECT COUNT(*) FROM entitlement_terms t WHERE t.entitlement_id = e.id AND t.effective_from <= @month AND t.status = 'suspended') AS suspensions
     FROM entitlements e WHERE e.id = @id`,
  );
  return (id, month) => statement.get({ id, month }) as EntitlementInfo | undefined;
}
