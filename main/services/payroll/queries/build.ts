import type { Store } from '../../../db/store';
import type { LedgerOpenRow } from '../../ledger/plan';
import type { LineMonth, PlannedLine } from '../plan';

// The payroll build's writes (issue 13). Hot: ~100,000 lines and their service-month rows per build, each
// one INSERT into a staging table through a statement prepared once per build, as before.

export function approvedPayrollId(store: Store, month: string, programme: string): number | undefined {
  const row = store
    .prepare("SELECT id FROM payrolls WHERE month = ? AND programme_code = ? AND status = 'approved'")
    .get(month, programme) as { id: number } | undefined;
  return row?.id;
}

export function draftPayroll(store: Store, month: string, programme: string): { id: number } | undefined {
  return store
    .prepare("SELECT id FROM payrolls WHERE month = ? AND programme_code = ? AND status = 'draft' ORDER BY id LIMIT 1")
    .get(month, programme) as { id: number } | undefined;
}

export function programmeNameOf(store: Store, code: string): string | undefined {
  return (store.prepare('SELECT name_vi FROM programmes WHERE code = ?').get(code) as { name_vi: string } | undefined)
    ?.name_vi;
}

export function insertDraftPayroll(
  store: Store,
  month: string,
  programme: string,
  at: string,
  by: number | null,
): number {
  return Number(
    store
      .prepare("INSERT INTO payrolls (month, programme_code, status, built_at, built_by) VALUES (?, ?, 'draft', ?, ?)")
      .run(month, programme, at, by).lastInsertRowid,
  );
}

export function setPayrollTotals(
  store: Store,
  payrollId: number,
  t: { lineCount: number; totalVnd: number; attention: number; at: string; by: number | null; ledgerSeq: number },
): void {
  store
    .prepare(
      'UPDATE payrolls SET line_count = ?, total_vnd = ?, attention_count = ?, built_at = ?, built_by = ?, ledger_seq = ? WHERE id = ?',
    )
    .run(t.lineCount, t.totalVnd, t.attention, t.at, t.by, t.ledgerSeq, payrollId);
}

// A line's values after its id, payroll and number that the plan gives: what a rebuild compares to keep
// a line as it is. The person's details (PERSON_COLUMNS) are not among them: SQLite copies them from the
// register as the lines are written (personValues), so 100,000 names, addresses and IDs are neither read
// into the plan nor bound back one by one.
const VALUE_COLUMNS = `person_id, entitlement_id, one_off_item_id, carried_from_line_id, kind, group_code, group_label,
  coefficient_milli, standard_vnd, components_json, amount_vnd, method, registered_method, bank_code, bank_account_id, branch,
  account_number, holder_name, authorization_id, receiver_person_id, receiver_name, attention_note, note, status, period_from,
  period_to, period_months, ledger_reason, heir_id`;
const PERSON_COLUMNS = 'full_name, birth_text, birth_date, citizen_id, neighbourhood_name, address, search_key';
/**
 * PERSON_COLUMNS of a line of person `p` (LEFT JOINed, with neighbourhood `n` and its folded name `f`)
 * paid to account `account`: the snapshot as it stands in the register now. The line's search key is
 * the person's folded name, citizen ID, account number and folded neighbourhood (the lines search).
 */
const personValues = (account: string): string =>
  `COALESCE(p.full_name, ''), build_birth_text(p.birth_date, p.birth_precision), p.birth_date, p.citizen_id,
   COALESCE(n.name, ''), COALESCE(p.address, ''),
   COALESCE(p.search_key, '') || ' ' || COALESCE(p.citizen_id, '') || ' ' || COALESCE(${account}, '') || ' ' || COALESCE(f.folded, '')`;
const PERSON_JOIN = (personId: string) => `LEFT JOIN main.people p ON p.id = ${personId}
   LEFT JOIN main.neighbourhoods n ON n.id = p.neighbourhood_id LEFT JOIN temp.build_neighbourhoods f ON f.id = n.id`;
/** `columns` (a comma-separated list) each prefixed with `table.`. */
const qualified = (columns: string, table: string): string =>
  columns
    .split(',')
    .map((c) => `${table}.${c.trim()}`)
    .join(', ');
const STAGED_COLUMNS = `id, payroll_id, line_no, ${VALUE_COLUMNS}`;
const MONTH_COLUMNS =
  'line_id, payroll_id, person_id, component, entitlement_id, service_month, amount_vnd, paid_before_vnd, recovery_id';
// A service-month row's values after its line, payroll and person (the line's).
const MONTH_VALUE_COLUMNS = 'component, entitlement_id, service_month, amount_vnd, paid_before_vnd, recovery_id';

// The lines and their service-month rows are staged in temporary tables (no triggers, no indexes: one
// plain INSERT per row) and copied into the register with one INSERT…SELECT each. A single INSERT per row
// into payroll_lines would need a statement journal per row (the immutability triggers can abort it):
// ~0.8 s more at 100,000 people. The ids are given here (after the largest), as SQLite would.
// With a line: its one service month when it is the line's own (same entitlement and amount, nothing paid
// before, no recovery; most lines), written from the line by SQLite rather than staged as a row of its own.
const STAGE_LINES = `CREATE TEMP TABLE build_lines AS
  SELECT ${STAGED_COLUMNS}, NULL AS own_component, NULL AS own_month FROM main.payroll_lines WHERE 0`;
const STAGE_MONTHS = `CREATE TEMP TABLE build_line_months AS SELECT ${MONTH_COLUMNS} FROM main.payroll_line_months WHERE 0`;
// A rebuild's lines that no longer hold (dropped), and kept lines whose number changed.
const STAGE_DROP = 'CREATE TEMP TABLE build_drop (id INTEGER PRIMARY KEY)';
const STAGE_RENUMBER = 'CREATE TEMP TABLE build_renumber (id INTEGER PRIMARY KEY, line_no INTEGER NOT NULL)';
// The neighbourhoods' names folded for search (foldForSearch, in JS: a few dozen rows).
const STAGE_NEIGHBOURHOODS = 'CREATE TEMP TABLE build_neighbourhoods (id INTEGER PRIMARY KEY, folded TEXT NOT NULL)';
const STAGING_TABLES = ['build_lines', 'build_line_months', 'build_drop', 'build_renumber', 'build_neighbourhoods'];
const INSERT_LINE = `INSERT INTO temp.build_lines (${STAGED_COLUMNS}, own_component, own_month) VALUES (${STAGED_COLUMNS.split(
  ',',
)
  .map(() => '?')
  .join(', ')}, ?, ?)`;
const INSERT_MONTH = `INSERT INTO temp.build_line_months (${MONTH_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const COPY_LINES = `INSERT INTO main.payroll_lines (${STAGED_COLUMNS}, ${PERSON_COLUMNS})
  SELECT ${qualified(STAGED_COLUMNS, 'b')}, ${personValues('b.account_number')}
  FROM temp.build_lines b ${PERSON_JOIN('b.person_id')} ORDER BY b.rowid`;
// In the order of the table's main index (person, component, month): each index page is touched once.
const COPY_MONTHS = `INSERT INTO main.payroll_line_months (${MONTH_COLUMNS})
  SELECT id AS line_id, payroll_id, person_id, own_component AS component, entitlement_id, own_month AS service_month,
    amount_vnd, 0 AS paid_before_vnd, NULL AS recovery_id
  FROM temp.build_lines WHERE own_component IS NOT NULL
  UNION ALL SELECT ${MONTH_COLUMNS} FROM temp.build_line_months
  ORDER BY person_id, component, service_month, line_id`;
const INSERT_OPEN = `INSERT INTO payroll_ledger_open (payroll_id, person_id, component, entitlement_id, service_month, kind, owed_vnd, paid_vnd, reason)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/**
 * The staging tables, for one build's write (dropped after it: dropStaging), and what the copy of the
 * person's details needs: the neighbourhoods' folded names and the birth text (the app's own rules).
 */
export function createStaging(
  store: Store,
  rules: { fold: (text: string) => string; birthText: (date: string | null, precision: string | null) => string },
): void {
  const db = store.sqlite;
  for (const create of [STAGE_LINES, STAGE_MONTHS, STAGE_DROP, STAGE_RENUMBER, STAGE_NEIGHBOURHOODS]) db.exec(create);
  const insert = db.prepare('INSERT INTO temp.build_neighbourhoods (id, folded) VALUES (?, ?)');
  for (const n of db.prepare('SELECT id, name FROM main.neighbourhoods').all() as Array<{ id: number; name: string }>)
    insert.run(n.id, rules.fold(n.name));
  db.function('build_birth_text', { deterministic: true }, (date, precision) =>
    rules.birthText(date as string | null, precision as string | null),
  );
}

export function dropStaging(store: Store): void {
  // IF EXISTS: a rollback by SQLite itself took them already.
  for (const table of STAGING_TABLES) store.sqlite.exec(`DROP TABLE IF EXISTS temp.${table}`);
}

/** A line's values in VALUE_COLUMNS order (status: a built line is pending), as written and as compared. */
export function lineValues(l: PlannedLine, componentsJson: string | null): unknown[] {
  // prettier-ignore
  return [
    l.personId, l.entitlementId, l.oneOffItemId, l.carriedFromLineId, l.kind, l.groupCode, l.groupLabel,
    l.coefficientMilli, l.standardVnd, componentsJson, l.amountVnd, l.method, l.registeredMethod, l.bankCode, l.bankAccountId, l.branch,
    l.accountNumber, l.holderName, l.authorizationId, l.receiverPersonId, l.receiverName, l.attentionNote, l.note, 'pending', l.periodFrom,
    l.periodTo, l.periodMonths, l.ledgerReason, l.heirId,
  ];
}

/** A line's one service month when it is the line's own: same entitlement and amount, nothing paid before, no recovery. */
export function ownMonth(l: PlannedLine): LineMonth | undefined {
  const m = l.months.length === 1 ? l.months[0]! : undefined;
  return m &&
    m.entitlementId === l.entitlementId &&
    m.amountVnd === l.amountVnd &&
    m.paidBeforeVnd === 0 &&
    m.recoveryId === null
    ? m
    : undefined;
}

/** A service-month row's values in MONTH_VALUE_COLUMNS order. */
export const monthValues = (m: LineMonth): unknown[] => [
  m.component,
  m.entitlementId,
  m.month,
  m.amountVnd,
  m.paidBeforeVnd,
  m.recoveryId,
];

export interface DraftLine {
  id: number;
  lineNo: number;
  /**
   * json_array of the line's values (lineValues' order), as SQLite writes it: JSON.stringify's text; null
   * when the person's details in the register changed since the line was written (never kept).
   */
  valuesJson: string | null;
  /** json_array of its service-month rows (each in monthValues' order) in (component, month) order. */
  monthsJson: string;
}

/**
 * The lines of a draft as they stand, each as JSON text made by SQLite (one string a line: ~100,000 of
 * them, where raw rows of 36 values would be millions of JS values to collect).
 */
export function draftLines(store: Store, payrollId: number): DraftLine[] {
  return store.sqlite
    .prepare(
      `SELECT l.id, l.line_no AS lineNo,
         CASE WHEN (${qualified(PERSON_COLUMNS, 'l')}) IS (${personValues('l.account_number')})
           THEN json_array(${qualified(VALUE_COLUMNS, 'l')}) END AS valuesJson,
         COALESCE(m.months, '[]') AS monthsJson
       FROM main.payroll_lines l ${PERSON_JOIN('l.person_id')} LEFT JOIN
         (SELECT line_id, json_group_array(json_array(${MONTH_VALUE_COLUMNS}) ORDER BY component, service_month) AS months
          FROM main.payroll_line_months WHERE payroll_id = @payrollId GROUP BY line_id) m ON m.line_id = l.id
       WHERE l.payroll_id = @payrollId`,
    )
    .all({ payrollId }) as DraftLine[];
}

export interface StagingWriter {
  /** The largest line id in the register (the build gives ids after it, as SQLite would). */
  lastLineId(): number;
  /**
   * Stages a new line: `values` from lineValues; `own`: its one service month when that is the line's
   * own (ownMonth), else its months are staged with month().
   */
  line(lineId: number, payrollId: number, lineNo: number, values: unknown[], own: LineMonth | undefined): void;
  month(lineId: number, payrollId: number, personId: number, m: LineMonth): void;
  /** Copies the staged rows into the register (one INSERT…SELECT each) and empties the staging tables. */
  copyAndClear(): void;
  open(payrollId: number, o: LedgerOpenRow): void;
  /** Removes lines of a draft (with their service-month rows). */
  dropLines(ids: readonly number[]): void;
  /** Gives kept lines of a draft their new numbers. */
  renumber(moves: ReadonlyArray<readonly [id: number, lineNo: number]>): void;
  /** Removes what a draft's ledger left open (rewritten whole by each build: a few rows). */
  clearOpen(payrollId: number): void;
}

/** The build's statements, prepared once per write on the raw connection (the staging tables are temporary). */
export function stagingWriter(store: Store): StagingWriter {
  const db = store.sqlite;
  const insert = db.prepare(INSERT_LINE);
  const insertMonth = db.prepare(INSERT_MONTH);
  const copyLines = db.prepare(COPY_LINES);
  const copyMonths = db.prepare(COPY_MONTHS);
  const clear = db.prepare('DELETE FROM temp.build_lines');
  const clearMonths = db.prepare('DELETE FROM temp.build_line_months');
  const lastId = db.prepare('SELECT COALESCE(MAX(id), 0) FROM main.payroll_lines').pluck();
  const insertOpen = store.prepare(INSERT_OPEN);
  const clearOpen = store.prepare('DELETE FROM payroll_ledger_open WHERE payroll_id = ?');
  const stageDrop = db.prepare('INSERT INTO temp.build_drop (id) VALUES (?)');
  const stageMove = db.prepare('INSERT INTO temp.build_renumber (id, line_no) VALUES (?, ?)');
  return {
    lastLineId: () => lastId.get() as number,
    line(lineId, payrollId, lineNo, values, own) {
      insert.run(lineId, payrollId, lineNo, ...values, own?.component ?? null, own?.month ?? null);
    },
    month(lineId, payrollId, personId, m) {
      insertMonth.run(lineId, payrollId, personId, ...monthValues(m));
    },
    copyAndClear() {
      copyLines.run();
      copyMonths.run();
      clear.run();
      clearMonths.run();
    },
    open(payrollId, o) {
      insertOpen.run(
        payrollId,
        o.personId,
        o.component,
        o.entitlementId,
        o.month,
        o.kind,
        o.owedVnd,
        o.paidVnd,
        o.reason,
      );
    },
    dropLines(ids) {
      if (!ids.length) return;
      for (const id of ids) stageDrop.run(id);
      db.exec(`DELETE FROM main.payroll_line_months WHERE line_id IN (SELECT id FROM temp.build_drop);
        DELETE FROM main.payroll_lines WHERE id IN (SELECT id FROM temp.build_drop);
        DELETE FROM temp.build_drop;`);
    },
    renumber(moves) {
      if (!moves.length) return;
      for (const [id, lineNo] of moves) stageMove.run(id, lineNo);
      db.exec(`UPDATE main.payroll_lines SET line_no = r.line_no FROM temp.build_renumber r WHERE main.payroll_lines.id = r.id;
        DELETE FROM temp.build_renumber;`);
    },
    clearOpen(payrollId) {
      clearOpen.run(payrollId);
    },
  };
}
