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

const LINE_COLUMNS = `id, payroll_id, line_no, person_id, entitlement_id, one_off_item_id, carried_from_line_id, kind, full_name, birth_text, birth_date,
  citizen_id, neighbourhood_name, address, group_code, group_label, coefficient_milli, standard_vnd, components_json, amount_vnd,
  method, registered_method, bank_code, bank_account_id, branch, account_number, holder_name, authorization_id, receiver_person_id,
  receiver_name, attention_note, note, search_key, status, period_from, period_to, period_months, ledger_reason, heir_id`;
const MONTH_COLUMNS =
  'line_id, payroll_id, person_id, component, entitlement_id, service_month, amount_vnd, paid_before_vnd, recovery_id';

// The lines and their service-month rows are staged in temporary tables (no triggers, no indexes: one
// plain INSERT per row) and copied into the register with one INSERT…SELECT each. A single INSERT per row
// into payroll_lines would need a statement journal per row (the immutability triggers can abort it):
// ~0.8 s more at 100,000 people. The ids are given here (after the largest), as SQLite would.
const STAGE_LINES = `CREATE TEMP TABLE build_lines AS SELECT ${LINE_COLUMNS} FROM main.payroll_lines WHERE 0`;
const STAGE_MONTHS = `CREATE TEMP TABLE build_line_months AS SELECT ${MONTH_COLUMNS} FROM main.payroll_line_months WHERE 0`;
const INSERT_LINE = `INSERT INTO temp.build_lines (${LINE_COLUMNS})
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?)`;
const INSERT_MONTH = `INSERT INTO temp.build_line_months (${MONTH_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const COPY_LINES = `INSERT INTO main.payroll_lines (${LINE_COLUMNS}) SELECT ${LINE_COLUMNS} FROM temp.build_lines ORDER BY rowid`;
const COPY_MONTHS = `INSERT INTO main.payroll_line_months (${MONTH_COLUMNS}) SELECT ${MONTH_COLUMNS} FROM temp.build_line_months ORDER BY rowid`;
const INSERT_OPEN = `INSERT INTO payroll_ledger_open (payroll_id, person_id, component, entitlement_id, service_month, kind, owed_vnd, paid_vnd, reason)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** The staging tables, for one build's write (dropped after it: dropStaging). */
export function createStaging(store: Store): void {
  store.sqlite.exec(STAGE_LINES);
  store.sqlite.exec(STAGE_MONTHS);
}

export function dropStaging(store: Store): void {
  store.sqlite.exec('DROP TABLE IF EXISTS temp.build_lines'); // IF EXISTS: a rollback by SQLite itself took them already
  store.sqlite.exec('DROP TABLE IF EXISTS temp.build_line_months');
}

export interface StagingWriter {
  /** The largest line id in the register (the build gives ids after it, as SQLite would). */
  lastLineId(): number;
  line(
    lineId: number,
    payrollId: number,
    lineNo: number,
    l: PlannedLine,
    componentsJson: string | null,
    searchKey: string,
  ): void;
  month(lineId: number, payrollId: number, personId: number, m: LineMonth): void;
  /** Copies the staged rows into the register (one INSERT…SELECT each) and empties the staging tables. */
  copyAndClear(): void;
  open(payrollId: number, o: LedgerOpenRow): void;
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
  return {
    lastLineId: () => lastId.get() as number,
    line(lineId, payrollId, lineNo, l, componentsJson, searchKey) {
      // prettier-ignore
      insert.run(
        lineId, payrollId, lineNo, l.personId, l.entitlementId, l.oneOffItemId, l.carriedFromLineId, l.kind, l.fullName, l.birthText, l.birthDate,
        l.citizenId, l.neighbourhood, l.address, l.groupCode, l.groupLabel, l.coefficientMilli, l.standardVnd,
        componentsJson, l.amountVnd,
        l.method, l.registeredMethod, l.bankCode, l.bankAccountId, l.branch, l.accountNumber, l.holderName, l.authorizationId, l.receiverPersonId,
        l.receiverName, l.attentionNote, l.note, searchKey, l.periodFrom, l.periodTo, l.periodMonths, l.ledgerReason, l.heirId,
      );
    },
    month(lineId, payrollId, personId, m) {
      insertMonth.run(
        lineId,
        payrollId,
        personId,
        m.component,
        m.entitlementId,
        m.month,
        m.amountVnd,
        m.paidBeforeVnd,
        m.recoveryId,
      );
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
  };
}
